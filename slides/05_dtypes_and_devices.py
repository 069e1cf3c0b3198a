# %% title [markdown] slideshow={"slide_type": "slide"}
# # Data types and devices
#
# ## float32, float16, casting, CUDA and MPS
#
# Section 5 of *Introduction to PyTorch*

# %% dtypes [markdown] slideshow={"slide_type": "slide"}
# ## The dtypes you will meet
#
# | dtype | alias | bytes | typical use |
# |---|---|---|---|
# | `torch.float32` | `torch.float` | 4 | **the default** for floats: weights, inputs |
# | `torch.float64` | `torch.double` | 8 | NumPy's default; precise checks |
# | `torch.float16` | `torch.half` | 2 | half the memory; small range |
# | `torch.bfloat16` | | 2 | half the memory; float32's range, few digits |
# | `torch.int64` | `torch.long` | 8 | **the default** for integers: labels, indices |
# | `torch.int32` | `torch.int` | 4 | |
# | `torch.uint8` | | 1 | images (0 to 255) |
# | `torch.bool` | | 1 | masks, comparisons |

# %% casting [markdown] slideshow={"slide_type": "slide"}
# ## Casting: `.to(dtype)` and its shortcuts
#
# `.to(dtype)` returns a **new** tensor, or `x` itself if the dtype already matches: assign the result.
#
# Shortcuts: `.float()` `.double()` `.half()` `.bfloat16()` `.int()` `.long()` `.bool()`
#
# `.half()` rounds to the nearest float16 &nbsp;·&nbsp; `.int()` cuts towards zero &nbsp;·&nbsp;
# `.bool()` maps 0 to `False`, the rest to `True`

# %% promotion [markdown] slideshow={"slide_type": "slide"}
# ## Type promotion: mixing dtypes
#
# | operation | result |
# |---|---|
# | int64 + float32 | float32 |
# | float32 + float64 | float64 |
# | float32 × Python float `2.5` | float32 |
#
# Ask without computing: `torch.result_type(a, b)`, `torch.promote_types(dtype1, dtype2)`
#
# Where it stops: a 0-dim float64 does not widen a float32 tensor, and `@` and layers with weights need
# matching dtypes (`nn.Linear` on float64 input: *mat1 and mat2 must have the same dtype*)

# %% precision [markdown] slideshow={"slide_type": "slide"}
# ## Precision loss you can see
#
# Fewer bits: fewer numbers exist; the rest are **rounded** to the nearest one that does.
#
# - float16 counts in steps of 2 above 2048: 2049 → 2048
# - float32 does the same above 2²⁴ = 16 777 216
# - 0.1 + 0.2 differs from 0.3 in float64: compare floats with `torch.isclose` / `torch.allclose`

# %% range-vs-mantissa [markdown] slideshow={"slide_type": "slide"}
# ## float16 has digits, bfloat16 has range
#
# | dtype | sign | exponent (range) | mantissa (digits) | largest value |
# |---|---|---|---|---|
# | `float16` | 1 | 5 | 10 | 65 504 |
# | `bfloat16` | 1 | 8 | 7 | 3.39 × 10³⁸ |
# | `float32` | 1 | 8 | 23 | 3.40 × 10³⁸ |
# | `float64` | 1 | 11 | 52 | 1.80 × 10³⁰⁸ |
#
# 70 000 → `inf` in float16, 70 144 in bfloat16 &nbsp;·&nbsp; 257 → 256 in bfloat16

# %% devices [markdown] slideshow={"slide_type": "slide"}
# ## CPU, CUDA and MPS through `torch.accelerator`
#
# | device | hardware | `current_accelerator()` | backend-specific check |
# |---|---|---|---|
# | `cpu` | your processor | `None` on a CPU-only build | |
# | `cuda` | NVIDIA GPU | `device(type='cuda')` | `torch.cuda.is_available()` |
# | `mps` | Apple silicon GPU (Metal) | `device(type='mps')` | `torch.backends.mps.is_available()` |
#
# `torch.accelerator.is_available()`: is the accelerator usable on this machine? If not, use the CPU.

# %% device-transfer [markdown] slideshow={"slide_type": "slide"} animation="../animations/05_dtypes_and_devices.py#DeviceTransfer"
# ## Two memories, one bus
#
# `x.to(device)` copies across the bus; `model.to(device)` moves the parameters in place.

# %% device-transfer-notes [markdown] slideshow={"slide_type": "notes"}
# Pause when the red cross appears and read the error text aloud: "Expected all tensors to be on the
# same device".

# %% batches [markdown] slideshow={"slide_type": "slide"}
# ## The CPU prepares batches, the accelerator runs the network
#
# CPU: read, decode, shuffle, batch &nbsp;→&nbsp; `batch.to(device)` &nbsp;→&nbsp; accelerator: forward, backward, update

# %% copy-cost [markdown] slideshow={"slide_type": "slide"}
# ## Moving data costs time
#
# Move the model **once**, each batch **once**; keep results on the device until you need them.
#
# `x.to(device)` when `x` is already there returns `x` itself: no copy.

# %% errors [markdown] slideshow={"slide_type": "slide"}
# ## The three classic errors
#
# | what | the message says | the fix |
# |---|---|---|
# | shape | `mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2)` | inner sizes must match |
# | dtype | `expected m1 and m2 to have the same dtype, but got: double != float` | cast one side: `.float()` |
# | device | `Expected all tensors to be on the same device, ...` | move one side: `.to(device)` |

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | Topic | Remember |
# |---|---|
# | dtypes | `float32` default; `float16` and `bfloat16` halve the memory; `float16` small range |
# | casting | `.to(dtype)`, `.float()`, `.half()`, `.long()`, ...: assign the result |
# | promotion | int + float → float; float32 + float64 → float64 (`torch.result_type`) |
# | precision | float16 has no 2049; compare floats with `torch.isclose` |
# | devices | `torch.accelerator.current_accelerator()` if `torch.accelerator.is_available()`, else CPU |
# | moving | `x = x.to(device)`; `model.to(device)` moves in place; copies cost time |
# | errors | read shape, dtype and device in the message: it says what to fix |
#
# **Next:** autograd, how PyTorch computes gradients
