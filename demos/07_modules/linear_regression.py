"""Subclassing nn.Module: a linear regression model, y = w·x + b, fitted to
noisy data from y = 3x + 2."""

# %% define-model
import torch
from torch import nn

torch.manual_seed(0)


class LinearRegression(nn.Module):
    def __init__(self, in_features=1, out_features=1):
        super().__init__()  # first: sets up the module's bookkeeping
        self.linear = nn.Linear(in_features, out_features)

    def forward(self, x):
        return self.linear(x)  # how data flows through the model


model = LinearRegression()
print(model)
assert model(torch.tensor([[1.0]])).shape == (1, 1)  # it runs untrained

# %% train
x = torch.rand(100, 1) * 4 - 2             # 100 samples, 1 feature each
y = 3 * x + 2 + 0.1 * torch.randn(100, 1)  # w = 3, b = 2, plus noise
loss_fn = nn.MSELoss()  # mean squared error, itself a module
for step in range(100):
    loss = loss_fn(model(x), y)
    model.zero_grad()   # clear the old .grad of every parameter
    loss.backward()     # autograd fills every parameter's .grad
    with torch.no_grad():
        for p in model.parameters():  # step against the gradient
            p -= 0.1 * p.grad
    if step % 25 == 0:
        print(f"step {step:3d}  loss {loss.item():.4f}")
assert model.linear.weight.grad is not None  # backward filled it

# %% check-fit
w, b = model.linear.weight.item(), model.linear.bias.item()
print(f"last loss {loss.item():.4f}; w = {w:.3f}, b = {b:.3f} (truth: 3, 2)")
assert loss.item() < 0.01  # the loss fell below one hundredth
assert abs(w - 3) < 0.05 and abs(b - 2) < 0.05
