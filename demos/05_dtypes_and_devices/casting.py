"""Casting: convert a tensor to another dtype; promotion picks a result's."""

# %% to-dtype
import torch

x = torch.tensor([1.7, -1.7, 0.0])   # float32
x64 = x.to(torch.float64)             # a new tensor; x is unchanged
print(x64)
print("x.to(torch.float32) is x:", x.to(torch.float32) is x)
assert x.dtype == torch.float32 and x64.dtype == torch.float64
assert x.to(torch.float32) is x       # same dtype: no copy, x itself

# %% to-half
print("half:  ", x.half())
print("int:   ", x.int())
print("bool:  ", x.bool())
assert x.half()[0].item() == 1.7001953125   # the float16 nearest 1.7
assert x.float() is x and x.double().dtype == torch.float64
assert x.int().tolist() == [1, -1, 0]   # int32, cut towards zero
assert x.long().dtype == torch.int64
assert x.bool().tolist() == [True, True, False]  # only 0 is False

# %% promotion
i = torch.tensor([1, 2])                   # int64
f = torch.tensor([0.5, 0.5])               # float32
d = torch.tensor([0.5, 0.5], dtype=torch.float64)
print("int + float32:    ", (i + f).dtype)
print("float32 + float64:", (f + d).dtype)
print("float32 * 2.5:    ", (f * 2.5).dtype)
assert (i + f).dtype == torch.float32      # int + float -> float
assert (f + d).dtype == torch.float64      # the wider float wins
assert torch.result_type(i, f) == torch.float32   # without computing
assert torch.promote_types(torch.float32, torch.float64) == torch.float64
assert (f * 2.5).dtype == torch.float32    # Python float: stays float32

# %% where-promotion-stops
s = torch.tensor(0.5, dtype=torch.float64)  # 0-dim: a single number
print("float32 + 0-dim float64:", (f + s).dtype)
assert (f + s).dtype == torch.float32      # 0-dim float64 does not widen float32
layer = torch.nn.Linear(2, 1)              # its weights are float32
try:
    layer(d)                               # d is float64
except RuntimeError as err:
    print("nn.Linear on float64:", err)
    assert "must have the same dtype" in str(err)
else:
    raise AssertionError("a layer accepted the wrong dtype")
assert layer(d.float()).dtype == torch.float32  # cast the input (or the model) first
