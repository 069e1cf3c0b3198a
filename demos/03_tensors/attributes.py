"""Shape, dtype and device: the three attributes of a tensor you will check most."""

# %% three-attributes
import torch

torch.manual_seed(0)
x = torch.rand(2, 3)
print("shape: ", x.shape)   # torch.Size([2, 3]); x.size() is the same
print("dtype: ", x.dtype)   # torch.float32, the default for floats
print("device:", x.device)  # cpu: where tensors are created by default
assert isinstance(x.shape, torch.Size) and x.shape == (2, 3)
assert x.size() == x.shape and x.dtype == torch.float32
assert x.device == torch.device("cpu")
print("x.size() == x.shape:", x.size() == x.shape)
# there are more, such as requires_grad (section 6) and layout
assert x.requires_grad is False and x.layout == torch.strided

# %% default-dtypes
ints = torch.tensor([1, 2, 3])          # Python ints   -> int64
floats = torch.tensor([1.0, 2.0, 3.0])  # Python floats -> float32
flags = torch.tensor([True, False])     # Python bools  -> bool
print(ints.dtype, floats.dtype, flags.dtype)
assert ints.dtype == torch.int64 and floats.dtype == torch.float32
assert flags.dtype == torch.bool
assert torch.get_default_dtype() == torch.float32  # the default for floats
half = torch.ones(3, dtype=torch.float16)  # or ask for another dtype
print(half.dtype, half.element_size(), "bytes a number")
assert half.dtype == torch.float16 and half.element_size() == 2  # bytes
