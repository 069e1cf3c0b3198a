"""The NumPy bridge: .numpy() and from_numpy() share CPU memory; tensor() copies."""

# %% tensor-to-numpy
import numpy as np
import torch

t = torch.ones(5)
a = t.numpy()  # a NumPy array over the same memory
t.add_(1)      # change the tensor in place...
print(t, a)    # ...and the array changed too
assert np.array_equal(a, np.full(5, 2.0))

# %% numpy-to-tensor
b = np.ones(5)
s = torch.from_numpy(b)  # a tensor over the array's memory (dtype float64)
np.add(b, 1, out=b)      # change the array in place...
print(b, s)              # ...and the tensor changed too
assert torch.equal(s, torch.full((5,), 2.0, dtype=torch.float64))

# %% tensor-copies
c = np.ones(5)
copied = torch.tensor(c)  # torch.tensor always copies the data
c[0] = 99.0
print(c, copied)
assert copied[0].item() == 1.0  # the copy did not change

# %% grad-and-gpu
w = torch.ones(3, requires_grad=True)  # tracks gradients: section 6
try:
    w.numpy()
    message = ""
except RuntimeError as err:
    message = str(err)
print("RuntimeError:", message)
assert "detach()" in message  # the error names the fix
# the safe recipe: off the tape, onto the CPU, then to NumPy
arr = w.detach().cpu().numpy()
assert arr.tolist() == [1.0, 1.0, 1.0]
# w is on the CPU already: cpu() copies nothing, arr shares w's memory
print("arr shares w's memory:", torch.from_numpy(arr).data_ptr() == w.data_ptr())
assert torch.from_numpy(arr).data_ptr() == w.data_ptr()
