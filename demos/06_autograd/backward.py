"""backward(): run the tape in reverse and read the gradients from .grad."""

# %% forward-pass
import torch

x = torch.tensor(2.0, requires_grad=True)
w = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
y = w * x + b   # 3*2 + 1 = 7
loss = y ** 2   # 49
print("y =", y.item(), " loss =", loss.item())
assert loss.item() == 49.0
assert w.grad is None  # no gradient until we ask for one

# %% run-backward
loss.backward()
print("dloss/dw =", w.grad.item())
print("dloss/dx =", x.grad.item())
print("dloss/db =", b.grad.item())

# %% check-by-hand
# chain rule: dloss/dy = 2*y = 14, then dy/dw = x, dy/dx = w, dy/db = 1
dloss_dy = 2 * 7.0
assert w.grad.item() == dloss_dy * 2.0 == 28.0
assert x.grad.item() == dloss_dy * 3.0 == 42.0
assert b.grad.item() == dloss_dy * 1.0 == 14.0
print("autograd agrees with the chain rule by hand")

# %% vector-input
torch.manual_seed(0)
v = torch.randn(5, requires_grad=True)
(v ** 2).sum().backward()  # d/dv sum(v^2) = 2v
print("v.grad:", v.grad)
assert torch.allclose(v.grad, 2 * v)
