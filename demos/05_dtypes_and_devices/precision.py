"""Precision: what float16, bfloat16, float32 and float64 can represent."""

# %% float16-2049
import torch

n = torch.tensor([2047.0, 2048.0, 2049.0, 2050.0])
print("float16:", n.half())
assert n.half().tolist() == [2047.0, 2048.0, 2048.0, 2050.0]  # steps of 2
assert n.tolist() == [2047.0, 2048.0, 2049.0, 2050.0]  # float32 is fine...
big = torch.tensor(16_777_217.0)                      # ...but not 2**24 + 1
print("float32:", big.item())
assert big.item() == 16_777_216.0

# %% point-one-plus-point-two
a32 = torch.tensor(0.1) + torch.tensor(0.2)
a64 = torch.tensor(0.1, dtype=torch.float64) + 0.2
b64 = torch.tensor(0.3, dtype=torch.float64)
print(f"float32: {a32.item():.20f}")
print(f"float64: {a64.item():.20f}")
print("== 0.3? float32:", bool(a32 == torch.tensor(0.3)), " float64:", bool(a64 == b64))
assert a32 == torch.tensor(0.3)   # both round to the same float32
assert a64 != b64                 # float64 sees the difference
assert torch.isclose(a64, b64)    # so compare floats with a tolerance

# %% range-vs-mantissa
for dt in (torch.float16, torch.bfloat16, torch.float32):
    print(f"{str(dt):15} max={torch.finfo(dt).max:.5g}")
x = torch.tensor([70_000.0, 257.0])
print("float16: ", x.half())
print("bfloat16:", x.bfloat16())
assert torch.finfo(torch.float16).max == 65504
assert x.half()[0].item() == float("inf")   # float16: overflows
assert x.bfloat16().tolist() == [70144.0, 256.0]  # range, few digits
ratio = torch.finfo(torch.bfloat16).max / torch.finfo(torch.float32).max
assert 0.99 < ratio < 1                    # about float32's range
