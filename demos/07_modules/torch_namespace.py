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
assert np.array_equal(x.numpy().sum(axis=0), torch.sum(x, dim=0).numpy())
print("x.sum(dim=0) =", x.sum(dim=0), " x.mean() =", x.mean())
assert torch.equal(x.sum(dim=0), torch.sum(x, dim=0))  # tensor methods too
assert torch.equal(x.mean(), torch.mean(x))

# %% max-values-and-indices
values, indices = torch.max(x, dim=1)  # each row's maximum, and where it is
print("row maxima:", values, " at columns:", indices)
assert torch.equal(values, torch.tensor([3.0, 6.0]))
assert torch.equal(indices, torch.tensor([2, 2]))
assert torch.equal(indices, torch.argmax(x, dim=1))  # the index alone
