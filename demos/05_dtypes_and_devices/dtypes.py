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
for dt in (torch.float64, torch.float32, torch.float16, torch.bfloat16):
    t = torch.ones(1_000, dtype=dt)
    print(f"{str(dt):15} {t.element_size()} bytes each, {t.nbytes} in all")
assert torch.double is torch.float64   # aliases: the very same dtype
assert torch.float is torch.float32 and torch.half is torch.float16
bf = torch.ones(1, dtype=torch.bfloat16)
assert bf.element_size() == 2          # half the memory of float32

# %% integer-types
for dt in (torch.int64, torch.int32, torch.uint8):
    info = torch.iinfo(dt)
    print(f"{str(dt):12} {info.bits:2} bits, max {info.max}")
assert torch.long is torch.int64 and torch.int is torch.int32
pixels = torch.tensor([250, 10], dtype=torch.uint8)  # 0 to 255
print("pixels + 10 =", pixels + 10)
assert (pixels + 10).tolist() == [4, 20]  # 260 wraps around to 4
