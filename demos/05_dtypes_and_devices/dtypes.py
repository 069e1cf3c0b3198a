"""Data types: float32 is the default for floats, int64 for integers."""

# %% defaults
import torch

f = torch.tensor([1.0, 2.0])   # floats
i = torch.tensor([1, 2])       # integers
b = f > 1                      # comparisons give booleans
print(f.dtype, i.dtype, b.dtype)
assert f.dtype == torch.float32 == torch.get_default_dtype()
assert i.dtype == torch.int64 and b.dtype == torch.bool

# %% float-types
size = {}
for dt in (torch.float64, torch.float32, torch.float16, torch.bfloat16):
    size[dt] = torch.ones(1, dtype=dt).element_size()
    print(f"{str(dt):15} {size[dt]} bytes a number")
assert size == {torch.float64: 8, torch.float32: 4,
                torch.float16: 2, torch.bfloat16: 2}
assert torch.double is torch.float64   # aliases: the very same dtype
assert torch.float is torch.float32 and torch.half is torch.float16

# %% integer-types
for dt in (torch.int64, torch.int32, torch.uint8):
    info = torch.iinfo(dt)
    print(f"{str(dt):12} {info.bits:2} bits, {info.min} to {info.max}")
assert torch.long is torch.int64 and torch.int is torch.int32
assert (torch.iinfo(torch.uint8).min, torch.iinfo(torch.uint8).max) == (0, 255)
pixels = torch.tensor([250, 10], dtype=torch.uint8)
print("pixels + 10 =", pixels + 10)
assert (pixels + 10).tolist() == [4, 20]  # 260 wraps around to 4
