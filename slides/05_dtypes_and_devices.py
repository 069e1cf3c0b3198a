# %% title [markdown] slideshow={"slide_type": "slide"}
# # Data types and devices
#
# ## float32, float16, casting, CUDA and MPS
#
# Section 3 of *Introduction to PyTorch*

# %% setup slideshow={"slide_type": "skip"}
import numpy as np
import torch
from torch import nn

# %% three-attributes [markdown] slideshow={"slide_type": "slide"}
# ## Three attributes of every tensor
#
# | attribute | example | the error you will meet |
# |---|---|---|
# | `x.shape` | `(4, 3)` | `... shapes cannot be multiplied` |
# | `x.dtype` | `float32` | `... must have the same dtype` |
# | `x.device` | `cpu` `cuda:0` `mps:0` | `... to be on the same device` |
#
# Today: **dtype** and **device**, then all three errors, read line by line.

# %% dtypes [markdown] slideshow={"slide_type": "slide"}
# ## The dtypes you will meet
#
# | dtype | alias | bytes | typical use |
# |---|---|---|---|
# | `torch.float32` | `torch.float` | 4 | **the default** for floats: weights, inputs |
# | `torch.float64` | `torch.double` | 8 | NumPy's default; precise checks |
# | `torch.float16` | `torch.half` | 2 | fast GPU maths, small range |
# | `torch.bfloat16` | | 2 | training on modern accelerators |
# | `torch.int64` | `torch.long` | 8 | **the default** for integers: labels, indices |
# | `torch.int32` | `torch.int` | 4 | |
# | `torch.uint8` | | 1 | images (0 to 255) |
# | `torch.bool` | | 1 | masks, comparisons |

# %% dtypes-defaults slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/dtypes.py#defaults"

# %% casting [markdown] slideshow={"slide_type": "slide"}
# ## Casting: `.to(dtype)` and its shortcuts
#
# `.to(dtype)` returns a **new** tensor (or `x` itself if nothing changes): assign the result.
#
# Shortcuts: `.float()` `.double()` `.half()` `.bfloat16()` `.int()` `.long()` `.bool()`
#
# Modules cast too: `model.double()`, `model.half()`, `model.to(torch.bfloat16)` convert every parameter.

# %% casting-to-dtype slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/casting.py#to-dtype"

# %% casting-shortcuts [markdown] slideshow={"slide_type": "subslide"}
# ## The shortcuts: `.half()`, `.double()`, `.int()`, `.long()`, `.bool()`
#
# `.int()` cuts towards zero (no rounding); `.bool()` maps 0 to `False`, the rest to `True`.

# %% casting-to-half slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/casting.py#to-half"

# %% promotion [markdown] slideshow={"slide_type": "slide"}
# ## Type promotion: mixing dtypes
#
# int + float → float, float32 + float64 → float64; a Python float keeps a float32 tensor float32.

# %% promotion-code slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/casting.py#promotion"

# %% precision [markdown] slideshow={"slide_type": "slide"}
# ## Precision loss you can see
#
# Fewer bits: fewer numbers exist; the rest are **rounded** to the nearest one that does.

# %% precision-2049 slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/precision.py#float16-2049"

# %% precision-point-one [markdown] slideshow={"slide_type": "subslide"}
# ## 0.1 + 0.2: neither float is exact
#
# Compare floats with `torch.isclose` / `torch.allclose`, never with `==`.

# %% precision-point-one-code slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/precision.py#point-one-plus-point-two"

# %% range-vs-mantissa [markdown] slideshow={"slide_type": "slide"}
# ## float16 has digits, bfloat16 has range
#
# | dtype | sign | exponent (range) | mantissa (digits) | largest value |
# |---|---|---|---|---|
# | `float16` | 1 | 5 | 10 | 65 504 |
# | `bfloat16` | 1 | 8 | 7 | 3.4 × 10³⁸ |
# | `float32` | 1 | 8 | 23 | 3.4 × 10³⁸ |
# | `float64` | 1 | 11 | 52 | 1.8 × 10³⁰⁸ |

# %% range-code slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/precision.py#range-vs-mantissa"

# %% devices [markdown] slideshow={"slide_type": "slide"}
# ## CPU, CUDA and MPS
#
# | device | hardware | available when |
# |---|---|---|
# | `"cpu"` | your processor: always there | always |
# | `"cuda"` | NVIDIA GPU | `torch.cuda.is_available()` |
# | `"mps"` | Apple silicon GPU (Metal) | `torch.backends.mps.is_available()` |

# %% pick-device-code slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/devices.py#pick-device"

# %% moving [markdown] slideshow={"slide_type": "slide"}
# ## Moving data and models with `.to(device)`
#
# `tensor.to(device)` returns a **new** tensor &nbsp;·&nbsp; `model.to(device)` moves the parameters **in place**

# %% move-data-code slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/devices.py#move-data"

# %% move-model-code slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/devices.py#move-model"

# %% batches [markdown] slideshow={"slide_type": "slide"}
# ## The CPU loads batches, the accelerator runs the network
#
# CPU: read, decode, shuffle, batch &nbsp;→&nbsp; `.to(device)` &nbsp;→&nbsp; GPU / TPU: forward, backward, update

# %% batches-code slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/devices.py#batches-to-device"

# %% device-transfer [markdown] slideshow={"slide_type": "slide"} animation="../animations/05_dtypes_and_devices.py#DeviceTransfer"
# ## Two memories, one bus
#
# `.to(device)` copies across the bus; mixing devices in one operation is an error.

# %% device-transfer-notes [markdown] slideshow={"slide_type": "notes"}
# Pause when the red cross appears and read the error text aloud: "Expected all tensors to be on the
# same device".

# %% copy-cost [markdown] slideshow={"slide_type": "slide"}
# ## Moving data costs time
#
# Move the model **once**, each batch **once**; keep results on the device until you need them.

# %% copy-cost-code slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/devices.py#copy-cost"

# %% shape-error [markdown] slideshow={"slide_type": "slide"}
# ## Reading errors: shapes
#
# `(4x5 and 3x2)`: your batch is 4 × **5**, the weight expects **3** inputs; the inner sizes must match.

# %% shape-error-code slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/common_errors.py#shape-mismatch"

# %% dtype-error [markdown] slideshow={"slide_type": "slide"}
# ## Reading errors: dtypes
#
# `Double and Float`: NumPy gave float64, the layer is float32. Cast one of them.

# %% dtype-error-code slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/common_errors.py#dtype-mismatch"

# %% device-error [markdown] slideshow={"slide_type": "slide"}
# ## Reading errors: devices
#
# On a GPU: `Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!`
# Without one, the `meta` device plays the second device.

# %% device-error-code slideshow={"slide_type": "fragment"} include="../demos/05_dtypes_and_devices/common_errors.py#device-mismatch"

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | Topic | Remember |
# |---|---|
# | dtypes | `float32` default; `float64` precise; `float16` small range; `bfloat16` few digits |
# | casting | `.to(dtype)`, `.float()`, `.half()`, `.long()`, ...: returns a new tensor |
# | promotion | int + float → float; float32 + float64 → float64 (`torch.result_type`) |
# | precision | float16 has no 2049; compare floats with `torch.isclose` |
# | devices | `cuda`, then `mps`, then `cpu`, in one line |
# | moving | `x = x.to(device)`; `model.to(device)` moves in place; copies cost time |
# | errors | read shape, dtype and device in the message: it says what to fix |
