"""Subclassing nn.Module: a linear regression model, y = w·x + b, fitted to
noisy data from y = 3x + 2."""

# %% make-data
import torch
import torch.nn as nn

torch.manual_seed(0)
x = torch.rand(100, 1) * 4 - 2             # 100 samples, 1 feature each
y = 3 * x + 2 + 0.1 * torch.randn(100, 1)  # w = 3, b = 2, plus noise
print("x:", tuple(x.shape), " y:", tuple(y.shape))

# %% define-model
class LinearRegression(nn.Module):
    def __init__(self, in_features=1, out_features=1):
        super().__init__()  # always first: the module's bookkeeping
        self.linear = nn.Linear(in_features, out_features)

    def forward(self, x):
        return self.linear(x)  # how data flows through the model


model = LinearRegression()
print(model)
pred = model(x)  # it runs before any training, with random w and b
assert isinstance(model, nn.Module) and pred.shape == y.shape

# %% train
loss_fn = nn.MSELoss()  # mean squared error, itself a module
lr = 0.1
for step in range(100):
    loss = loss_fn(model(x), y)
    model.zero_grad()   # reset every parameter's .grad
    loss.backward()     # autograd fills every parameter's .grad
    with torch.no_grad():
        for p in model.parameters():  # what torch.optim.SGD does
            p -= lr * p.grad
    if step % 25 == 0:
        print(f"step {step:3d}  loss {loss.item():.4f}")

# %% check-fit
w, b = model.linear.weight.item(), model.linear.bias.item()
print(f"learned w = {w:.3f}, b = {b:.3f}  (truth: 3 and 2)")
assert abs(w - 3) < 0.05 and abs(b - 2) < 0.05
