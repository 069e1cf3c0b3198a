"""requires_grad: ask PyTorch to track a tensor and compute its gradients."""

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
assert s.grad_fn.name() == "SumBackward0"

# %% set-the-flag
w = torch.zeros(3, requires_grad=True)  # factory functions take the flag too
v = torch.ones(2, 2).requires_grad_()   # or switch it on in place
print("w, v require grad:", w.requires_grad, v.requires_grad)
assert w.requires_grad and v.requires_grad
n = torch.tensor([1, 2, 3])             # int64: integers cannot
msg = None
try:
    n.requires_grad_()
except RuntimeError as err:
    msg = str(err)
print("RuntimeError:", msg)
assert msg == "only Tensors of floating point dtype can require gradients"
