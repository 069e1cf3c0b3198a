"""weight = weight - learning_rate * gradient: by hand, then torch.optim."""

# %% setup
import copy

import torch
import torch.nn as nn

torch.manual_seed(0)
x = torch.randn(32, 3)                       # 32 samples, 3 features
y = x @ torch.tensor([[2.0], [-1.0], [0.5]]) + 0.3   # a linear target
model = nn.Linear(3, 1)                      # learnable: weight and bias
start = copy.deepcopy(model.state_dict())    # remember the start
loss_fn = nn.MSELoss()
learning_rate = 0.125  # 1/8 is exact in binary: no rounding differences

# %% step-by-hand
loss = loss_fn(model(x), y)
loss.backward()                      # fills p.grad for every parameter
with torch.no_grad():                # do not record the update itself
    for p in model.parameters():
        p -= learning_rate * p.grad  # w = w - learning_rate * gradient
        p.grad.zero_()               # or the next backward adds to it
print("loss before the step:", round(loss.item(), 4))
print("loss after the step: ", round(loss_fn(model(x), y).item(), 4))
assert loss_fn(model(x), y) < loss

# %% step-with-sgd
sgd_model = nn.Linear(3, 1)
sgd_model.load_state_dict(start)     # the same starting weights
optimizer = torch.optim.SGD(sgd_model.parameters(), lr=learning_rate)
optimizer.zero_grad()
loss_fn(sgd_model(x), y).backward()
optimizer.step()                     # the same rule, for every parameter
print("by hand:", model.weight.data)
print("SGD:    ", sgd_model.weight.data)
assert torch.equal(sgd_model.weight, model.weight)
assert torch.equal(sgd_model.bias, model.bias)

# %% momentum-and-adam
def train(make_optimizer, steps=50):
    """Train a fresh copy of the starting model; return its last loss."""
    m = nn.Linear(3, 1)
    m.load_state_dict(start)
    opt = make_optimizer(m.parameters())
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(m(x), y)
        loss.backward()
        opt.step()
    return loss.item()


sgd = train(lambda p: torch.optim.SGD(p, lr=0.01))
momentum = train(lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9))
adam = train(lambda p: torch.optim.Adam(p, lr=0.1))
print(f"SGD {sgd:.4f}   momentum {momentum:.4f}   Adam {adam:.4f}")
assert momentum < sgd and adam < sgd
