"""Every tensor has a shape, a dtype and a device: the words most PyTorch errors are about."""

# %% three-attributes
import torch

torch.manual_seed(0)
x = torch.rand(2, 3)
print("shape: ", x.shape)   # torch.Size([2, 3]); x.size() is the same
print("dtype: ", x.dtype)   # torch.float32, the default for floats
print("device:", x.device)  # cpu: tensors are created on the CPU
assert x.shape == (2, 3) and x.dtype == torch.float32
assert x.device.type == "cpu"

# %% dtypes
ints = torch.tensor([1, 2, 3])              # Python ints   -> int64
floats = torch.tensor([1.0, 2.0, 3.0])      # Python floats -> float32
halves = torch.ones(3, dtype=torch.float16)  # or ask for a dtype
print(ints.dtype, floats.dtype, halves.dtype)
assert ints.dtype == torch.int64 and floats.dtype == torch.float32
assert ints.to(torch.float32).dtype == torch.float32  # .to() casts

# %% device
if torch.cuda.is_available():
    device = torch.device("cuda")
elif torch.backends.mps.is_available():
    device = torch.device("mps")
else:
    device = torch.device("cpu")
g = x.to(device)  # a copy on the chosen device (x itself if already there)
print("using", device, "->", g.device)
assert g.device.type == device.type and torch.equal(g.cpu(), x)

# %% shape-error
try:
    torch.ones(2, 3) + torch.ones(4)
    raised = False
except RuntimeError as err:
    raised = True
    print("RuntimeError:", err)
assert raised

# %% dtype-error
try:
    torch.ones(2, 2) @ torch.ones(2, 2, dtype=torch.float64)
    raised = False
except RuntimeError as err:
    raised = True
    print("RuntimeError:", err)
assert raised
