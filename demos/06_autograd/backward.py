"""backward(): run the tape in reverse and read the gradients from .grad."""

# %% forward-pass
import torch

x = torch.tensor(2.0, requires_grad=True)
w = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
y = w * x + b   # 3*2 + 1 = 7
loss = y ** 2   # 49
print("y =", y.item(), " loss =", loss.item())
assert y.item() == 7.0 and loss.item() == 49.0
assert w.grad is None  # no gradient until we ask for one

# %% run-backward
loss.backward()
print("dloss/dw =", w.grad.item())
print("dloss/dx =", x.grad.item())
print("dloss/db =", b.grad.item())
dloss_dy = 2 * y.item()                               # chain rule: 2y = 14
assert w.grad.item() == dloss_dy * x.item() == 28.0   # dy/dw = x
assert x.grad.item() == dloss_dy * w.item() == 42.0   # dy/dx = w
assert b.grad.item() == dloss_dy * 1.0 == 14.0        # dy/db = 1

# %% vector-input
torch.manual_seed(0)
v = torch.randn(5, requires_grad=True)
(v ** 2).sum().backward()  # d/dv sum(v^2) = 2v
print("v.grad:", v.grad)
assert torch.allclose(v.grad, 2 * v)
msg = None
try:
    (v ** 2).backward()    # five numbers, not one
except RuntimeError as err:
    msg = str(err)
print("RuntimeError:", msg)
assert msg == "grad can be implicitly created only for scalar outputs"
