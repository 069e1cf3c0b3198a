# %% title [markdown] slideshow={"slide_type": "slide"}
# # Tensors
#
# ## PyTorch's n-dimensional arrays
#
# Section 2 of *Introduction to PyTorch*

# %% setup slideshow={"slide_type": "skip"}
import numpy as np
import torch

# %% tensors-vs-numpy [markdown] slideshow={"slide_type": "slide"}
# ## Tensors are NumPy arrays, plus two things
#
# - The same idea: an n-dimensional grid of numbers of one type, with shapes, slicing and maths
# - **Plus**: a tensor can live on a **GPU** (or Apple's MPS) for fast computation
# - **Plus**: a tensor can **track gradients** for autograd (`requires_grad=True`, section 4)

# %% like-numpy-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/creating.py#like-numpy"

# %% creating [markdown] slideshow={"slide_type": "slide"}
# ## Creating tensors
#
# `torch.zeros`, `torch.ones`, `torch.rand` take a shape; `torch.manual_seed` makes `rand` repeatable.

# %% zeros-ones-rand-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/creating.py#zeros-ones-rand"

# %% empty [markdown] slideshow={"slide_type": "slide"}
# ## `torch.empty`: uninitialised memory
#
# It only allocates: the values are whatever bytes were there before. Fast, but fill it before you read it.

# %% empty-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/creating.py#empty"

# %% from-data [markdown] slideshow={"slide_type": "slide"}
# ## From data: `torch.tensor`, `torch.arange`, `torch.from_numpy`

# %% from-python-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/creating.py#from-python"

# %% from-numpy-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/creating.py#from-numpy"

# %% attributes [markdown] slideshow={"slide_type": "slide"}
# ## Three attributes: `shape`, `dtype`, `device`
#
# The three words most PyTorch error messages are about.

# %% three-attributes-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/attributes.py#three-attributes"

# %% dtypes-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/attributes.py#dtypes"

# %% error-messages [markdown] slideshow={"slide_type": "slide"}
# ## Reading the error messages
#
# Shapes must fit, and operands must share a `dtype` and a `device`.

# %% shape-error-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/attributes.py#shape-error"

# %% dtype-error-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/attributes.py#dtype-error"

# %% operations [markdown] slideshow={"slide_type": "slide"}
# ## Operations: `torch.add`, `+`, `*` and `@`
#
# `torch.add(a, b)` is `a + b`; `*` multiplies elementwise; `@` (`torch.matmul`) is the matrix product.
#
# Here `a = [[1, 2], [3, 4]]` and `b = [[10, 20], [30, 40]]`.

# %% add-code slideshow={"slide_type": "skip"} include="../demos/03_tensors/operations.py#add"

# %% multiply-vs-matmul-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/operations.py#multiply-vs-matmul"

# %% in-place [markdown] slideshow={"slide_type": "slide"}
# ## In place: a trailing underscore
#
# `c.add_(1)` changes `c` itself, in the same memory; `c + 1` and `c.add(1)` make a new tensor.

# %% in-place-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/operations.py#in-place"

# %% indexing [markdown] slideshow={"slide_type": "slide"}
# ## Indexing and slicing
#
# NumPy's rules: `x[row, column]`, slices `start:stop`, `:` for everything, boolean masks.

# %% indexing-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/operations.py#indexing"

# %% broadcasting [markdown] slideshow={"slide_type": "slide"}
# ## Broadcasting
#
# Line the shapes up on the **right**. Each pair of sizes must be **equal**, or one of them **1**
# (or missing); a size-1 dimension is stretched to match, without copying memory.
#
# | shapes | result |
# |---|---|
# | `(3, 1)` and `(1, 4)` | `(3, 4)` |
# | `(5, 3)` and `(3,)` | `(5, 3)` |
# | `(3, 2)` and `(3,)` | error: 2 vs 3, neither is 1 |

# %% column-plus-row-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/broadcasting.py#column-plus-row"

# %% broadcasting-animation [markdown] slideshow={"slide_type": "slide"} animation="../animations/03_tensors.py#Broadcasting"
# ## Broadcasting, stretched

# %% views-animation [markdown] slideshow={"slide_type": "slide"} animation="../animations/03_tensors.py#TensorViews"
# ## One storage, many views

# %% views [markdown] slideshow={"slide_type": "slide"}
# ## Views share one storage
#
# `view` and `t()` copy nothing: they read the same memory with a new **shape** and **stride**.

# %% one-storage-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/views.py#one-storage"

# %% strides-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/views.py#strides"

# %% view-vs-reshape [markdown] slideshow={"slide_type": "slide"}
# ## `view` vs `reshape` vs `contiguous`
#
# | | never copies | works on any tensor |
# |---|---|---|
# | `view` | ✓ | only if the strides fit |
# | `reshape` | copies when it must | ✓ |
# | `contiguous()` | copies unless already contiguous | ✓ |

# %% view-fails-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/views.py#view-fails"

# %% reshape-and-contiguous [markdown] slideshow={"slide_type": "subslide"}
# ## `reshape` and `contiguous()` copy when they must

# %% reshape-copies-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/views.py#reshape-copies"

# %% contiguous-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/views.py#contiguous"

# %% numpy-bridge [markdown] slideshow={"slide_type": "slide"}
# ## The NumPy bridge
#
# On the CPU, `t.numpy()` and `torch.from_numpy(a)` **share memory**: change one, the other changes.

# %% tensor-to-numpy-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/numpy_bridge.py#tensor-to-numpy"

# %% numpy-to-tensor-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/numpy_bridge.py#numpy-to-tensor"

# %% tensor-copies [markdown] slideshow={"slide_type": "subslide"}
# ## `torch.tensor(array)` copies; `.numpy()` needs a plain CPU tensor

# %% tensor-copies-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/numpy_bridge.py#tensor-copies"

# %% grad-and-gpu-code slideshow={"slide_type": "fragment"} include="../demos/03_tensors/numpy_bridge.py#grad-and-gpu"

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | Topic | Remember |
# |---|---|
# | create | `zeros`, `ones`, `rand`, `tensor`, `arange`, `from_numpy`; `empty` is uninitialised |
# | attributes | `shape`, `dtype`, `device`: what error messages are about |
# | operations | `+` is `torch.add`, `*` elementwise, `@` is `torch.matmul`, `add_` is in place |
# | broadcasting | align shapes on the right; sizes equal or 1 |
# | views | `view`, `t()` share storage; `reshape` and `contiguous()` copy when they must |
# | NumPy | `.numpy()` and `from_numpy` share CPU memory; `torch.tensor` copies |
