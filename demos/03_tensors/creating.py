"""Creating tensors: zeros, ones, rand, empty, and from lists, ranges and arrays."""

# %% like-numpy
import numpy as np
import torch

data = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
a = np.array(data)      # a NumPy n-d array
t = torch.tensor(data)  # the same data as a tensor
print("NumPy: ", a.shape, a.sum())
print("PyTorch:", t.shape, t.sum())
assert t.shape == a.shape and t.sum().item() == a.sum() == 21.0
assert t.tolist() == data and torch.equal(t, torch.from_numpy(a).float())
third = t / 3  # float32 rounding: compare floats with allclose
assert torch.allclose(third * 3, t) and third[0, 0].item() != 1 / 3

# %% zeros-ones-rand
torch.manual_seed(0)  # fix the random number generator
z = torch.zeros(2, 3)
o = torch.ones(2, 3)
r = torch.rand(2, 3)  # uniform in [0, 1)
print(z, o, r, sep="\n")
assert (z == 0).all() and (o == 1).all()
assert ((r >= 0) & (r < 1)).all()
n = torch.randn(1000)  # normal: mean 0, standard deviation 1
print("1000 randn draws average", round(n.mean().item(), 2))
assert abs(n.mean().item()) < 0.1 and (n < 0).any()
torch.manual_seed(0)  # the same seed again...
again = torch.rand(2, 3)
print("same seed, same numbers:", torch.equal(again, r))
assert torch.equal(again, r)  # ...gives the same numbers

# %% empty
x = torch.empty(5, 3)  # allocates memory but does not fill it in
print(x)  # unspecified values: often zeros, but it may hold garbage
assert x.shape == (5, 3)  # only the shape is promised, not the values

# %% from-python
m = torch.tensor([[1, 2], [3, 4]])  # nested lists: one list per row
steps = torch.arange(0, 10, 2)  # like range(): start, stop (excluded), step
print(m, steps, sep="\n")
assert m.shape == (2, 2) and m[1, 0].item() == 3
assert steps.tolist() == [0, 2, 4, 6, 8]

# %% from-numpy
arr = np.linspace(0.0, 1.0, 5)  # NumPy's default float: float64
f = torch.from_numpy(arr)  # keeps NumPy's dtype
print(f)
assert arr.dtype == np.float64 and f.dtype == torch.float64
assert f.tolist() == arr.tolist()
