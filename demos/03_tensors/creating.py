"""Creating tensors: empty, zeros, ones, rand, and from Python lists, ranges and NumPy arrays."""

# %% like-numpy
import numpy as np
import torch

data = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
a = np.array(data)      # a NumPy n-d array
t = torch.tensor(data)  # the same data as a tensor
print("NumPy: ", a.shape, a.sum())
print("PyTorch:", t.shape, t.sum())
assert t.shape == a.shape and t.sum().item() == a.sum()

# %% zeros-ones-rand
torch.manual_seed(0)  # fixed seed: the same "random" numbers on every run
z = torch.zeros(2, 3)
o = torch.ones(2, 3)
r = torch.rand(2, 3)  # uniform in [0, 1)
print(z, o, r, sep="\n")
assert (z == 0).all() and (o == 1).all()
assert ((r >= 0) & (r < 1)).all()

# %% empty
x = torch.empty(5, 3)  # allocates memory but does not fill it in
print(x)  # whatever bytes were there: garbage, different on every run
assert x.shape == (5, 3)  # only the shape is promised, never the values

# %% from-python
m = torch.tensor([[1, 2], [3, 4]])  # nested lists: one list per row
steps = torch.arange(0, 10, 2)  # like range(): start, stop (excluded), step
print(m, steps, sep="\n")
assert m.shape == (2, 2) and m[1, 0].item() == 3
assert steps.tolist() == [0, 2, 4, 6, 8]

# %% from-numpy
arr = np.linspace(0.0, 1.0, 5)
f = torch.from_numpy(arr)  # keeps NumPy's dtype: float64
print(f)
assert f.dtype == torch.float64 and f.shape == (5,)
