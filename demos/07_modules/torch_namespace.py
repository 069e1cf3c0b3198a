"""torch as a NumPy-like namespace: hundreds of functions on tensors, most
with names you already know from NumPy."""

# %% reductions
import numpy as np
import torch

x = torch.tensor([[1.0, 2.0, 3.0],
                  [4.0, 5.0, 6.0]])
print("torch.sum(x) =", torch.sum(x), " torch.mean(x) =", torch.mean(x))
print("torch.sum(x, dim=0) =", torch.sum(x, dim=0))  # one sum per column
assert torch.sum(x).item() == 21.0 and torch.mean(x).item() == 3.5
assert torch.equal(torch.sum(x, dim=0), torch.tensor([5.0, 7.0, 9.0]))

# %% max-values-and-indices
values, indices = torch.max(x, dim=1)  # each row's maximum, and where it is
print("torch.max(x) =", torch.max(x))
print("row maxima:", values, " at columns:", indices)
assert torch.max(x).item() == 6.0
assert torch.equal(values, torch.tensor([3.0, 6.0]))
assert torch.equal(indices, torch.tensor([2, 2]))

# %% exp-and-linspace
t = torch.linspace(0, 1, steps=5)  # 5 evenly spaced points from 0 to 1
e = torch.exp(t)                   # element-wise, like np.exp
print("t =", t, "\ne =", e)
assert torch.allclose(t, torch.tensor([0.0, 0.25, 0.5, 0.75, 1.0]))
assert torch.allclose(torch.log(e), t)  # log undoes exp
assert torch.equal(t.exp(), e)          # most are tensor methods too
assert np.allclose(e.numpy(), np.exp(np.linspace(0, 1, 5)))  # as NumPy
