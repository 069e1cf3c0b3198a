"""requires_grad: ask PyTorch to track a tensor so it can compute gradients for it."""

# %% create-tensors
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)  # tracked
c = torch.tensor([4.0, 5.0, 6.0])  # not tracked: the default
print("x.requires_grad:", x.requires_grad)
print("c.requires_grad:", c.requires_grad)
assert x.requires_grad and not c.requires_grad

# %% compute-sum
s = (x * c).sum()  # 1*4 + 2*5 + 3*6
print("s =", s)
assert s.item() == 32.0
assert s.requires_grad  # one tracked input is enough to track the result

# %% switch-on-later
w = torch.zeros(3, requires_grad=True)  # factory functions take the flag too
v = torch.ones(2, 2).requires_grad_()   # or switch it on in place
print("w:", w.requires_grad, " v:", v.requires_grad)
assert w.requires_grad and v.requires_grad

# %% floats-only
n = torch.tensor([1, 2, 3])  # int64: gradients need floating point
try:
    n.requires_grad_()
    raised = False
except RuntimeError as err:
    raised = True
    print("RuntimeError:", err)
assert raised
