"""weight = weight - learning_rate * gradient: by hand, then torch.optim."""

# %% setup
import copy
import math

import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(32, 3)                       # 32 samples, 3 features
y = x @ torch.tensor([[2.0], [-1.0], [0.5]]) + 0.3   # a linear target
model = nn.Linear(3, 1)                      # learnable: weight and bias
start = copy.deepcopy(model.state_dict())    # the start (state_dict: section 10)
loss_fn = nn.MSELoss()
learning_rate = 0.125  # 1/8 is exact in binary: no rounding differences
assert [name for name, _ in model.named_parameters()] == ["weight", "bias"]

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
print("by hand:", model.weight.detach())
print("SGD:    ", sgd_model.weight.detach())
print("equal to the last bit:", torch.equal(sgd_model.weight, model.weight))
assert torch.equal(sgd_model.weight, model.weight)
assert torch.equal(sgd_model.bias, model.bias)

# %% what-each-optimizer-keeps
def state_after_one_step(make_optimizer):
    """Take one step from the start; list what the optimizer keeps per weight."""
    m = nn.Linear(3, 1)
    m.load_state_dict(start)
    opt = make_optimizer(m.parameters())  # each optimizer: its own parameters
    loss_fn(m(x), y).backward()
    opt.step()
    return sorted(opt.state[m.weight])


plain = state_after_one_step(lambda p: torch.optim.SGD(p, lr=0.1))
momentum = state_after_one_step(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9))
adam = state_after_one_step(lambda p: torch.optim.Adam(p, lr=0.1))
print("SGD:", plain, " momentum:", momentum, " Adam:", adam)
assert plain == [] and momentum == ["momentum_buffer"]  # a velocity
assert adam == ["exp_avg", "exp_avg_sq", "step"]        # two running averages

# %% fifty-steps
def final_loss(make_optimizer, lr, steps=50):
    """Train a fresh copy of the start for 50 steps; return the final loss."""
    m = nn.Linear(3, 1)
    m.load_state_dict(start)
    opt = make_optimizer(m.parameters(), lr)
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(m(x), y).backward()
        opt.step()
    return loss_fn(m(x), y).item()


sgd_at_001 = final_loss(lambda p, lr: torch.optim.SGD(p, lr=lr), 0.01)
print(f"plain SGD, lr=0.01, after 50 steps: loss {sgd_at_001:.3f}")
assert 0.1 < sgd_at_001 < 1.0  # still far from the minimum, 0

# %% momentum-and-adam
optimizers = {
    "SGD": lambda p, lr: torch.optim.SGD(p, lr=lr),
    "momentum": lambda p, lr: torch.optim.SGD(p, lr=lr, momentum=0.9),
    "Adam": lambda p, lr: torch.optim.Adam(p, lr=lr),
}
rates = [0.01, 0.03, 0.1, 0.3, 1.0]       # a small sweep for each optimizer
losses = {name: [final_loss(make, lr) for lr in rates]
          for name, make in optimizers.items()}
for name, row in losses.items():
    print(f"{name:>8}:", "  ".join(f"{loss:8.1e}" for loss in row))
best = {name: min(row) for name, row in losses.items()}
assert losses["momentum"][0] < losses["SGD"][0] < losses["Adam"][0]  # lr=0.01
assert not math.isfinite(losses["SGD"][-1])             # lr=1: SGD diverges
assert best["SGD"] < 1e-6 < min(best["momentum"], best["Adam"])  # each tuned
