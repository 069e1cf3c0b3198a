# %% title [markdown] slideshow={"slide_type": "slide"}
# # Tensors
#
# ## PyTorch's n-dimensional arrays
#
# Section 3 of *Introduction to PyTorch*

# %% tensors-vs-numpy [markdown] slideshow={"slide_type": "slide"}
# ## Tensors are NumPy arrays, plus two things
#
# - The same idea: an n-dimensional grid of numbers of one type, with shapes, slicing and maths
# - **Plus**: a tensor can live on a **GPU** or another accelerator, for fast computation (section 5)
# - **Plus**: a tensor can **track gradients** for autograd (`requires_grad=True`, section 6)

# %% creating [markdown] slideshow={"slide_type": "slide"}
# ## Creating tensors from a shape
#
# | call | fills with |
# |---|---|
# | `torch.zeros(2, 3)` | zeros |
# | `torch.ones(2, 3)` | ones |
# | `torch.rand(2, 3)` | uniform random numbers in [0, 1) |
# | `torch.randn(2, 3)` | normal random numbers: mean 0, standard deviation 1 |
#
# `torch.manual_seed(0)` first: the same seed gives the same random numbers again.

# %% empty [markdown] slideshow={"slide_type": "slide"}
# ## `torch.empty`: uninitialised memory
#
# It allocates and does not fill in: the values are **unspecified**, often zeros, possibly garbage.
#
# Only the shape is promised. Use it only when you will overwrite every value.

# %% from-data [markdown] slideshow={"slide_type": "slide"}
# ## From data: `torch.tensor`, `torch.arange`, `torch.from_numpy`
#
# | call | gives |
# |---|---|
# | `torch.tensor([[1, 2], [3, 4]])` | nested lists, one inner list per row |
# | `torch.arange(0, 10, 2)` | `0, 2, 4, 6, 8`: like `range`, stop left out |
# | `torch.from_numpy(array)` | the array's values, with its dtype (`float64` stays `float64`) |

# %% attributes [markdown] slideshow={"slide_type": "slide"}
# ## Three attributes you will check most
#
# | attribute | example | default |
# |---|---|---|
# | `x.shape` (same as `x.size()`) | `torch.Size([2, 3])` | |
# | `x.dtype` | `torch.float32` | `float32` for Python floats, `int64` for ints, `bool` for bools |
# | `x.device` | `device(type='cpu')` | the CPU; section 5 picks an accelerator |
#
# A tensor has more (`requires_grad`, `layout`, ...); when an operation fails, check these three first.

# %% operations [markdown] slideshow={"slide_type": "slide"}
# ## Operations: `torch.add`, `+`, `*` and `@`
#
# | write | means |
# |---|---|
# | `torch.add(a, b)`, `a + b`, `a.add(b)` | the same sum |
# | `a * b` | elementwise product |
# | `a @ b`, `torch.matmul(a, b)` | matrix product: `(2, 3) @ (3, 4)` → `(2, 4)` |
#
# For a matrix product the inner sizes must match: `(2, 3) @ (2, 3)` is an error.

# %% in-place [markdown] slideshow={"slide_type": "slide"}
# ## In place: a trailing underscore
#
# - `c + 1` and `c.add(1)` make a **new** tensor, in new memory
# - `c.add_(1)` changes `c` **itself**, in the same memory: `c.data_ptr()` does not change
#
# It saves memory and overwrites the old values: use it deliberately.

# %% indexing [markdown] slideshow={"slide_type": "slide"}
# ## Indexing and slicing
#
# NumPy's rules, on `x` with rows `[0 1 2 3]`, `[4 5 6 7]`, `[8 9 10 11]`:
#
# | write | gives |
# |---|---|
# | `x[0]` | the first row, `[0, 1, 2, 3]` |
# | `x[:, 1]` | the second column, `[1, 5, 9]` |
# | `x[1:, :2]` | rows 1 onwards, columns 0 and 1 |
# | `x[x > 8]` | a boolean mask: `[9, 10, 11]` |
#
# Read with integers and slices alone: a **view** of `x`'s memory; once a list or a mask is in the index: a **copy**.
# Assigning through any index, `x[x > 8] = 0`, writes into `x` itself.

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

# %% broadcasting-animation [markdown] slideshow={"slide_type": "slide"} animation="../animations/03_tensors.py#Broadcasting"
# ## Broadcasting, stretched

# %% reductions [markdown] slideshow={"slide_type": "slide"}
# ## Reductions: which dimension disappears
#
# On the float tensor `m` with rows `[1. 2. 3.]` and `[4. 5. 6.]`, shape (2, 3) (`mean` needs floats):
#
# | write | gives | shape |
# |---|---|---|
# | `m.sum()`, `m.mean()` | `21.`, `3.5` | `()`: 0-dim |
# | `m.sum(dim=0)` | `[5., 7., 9.]`: one per column | `(3,)` |
# | `m.sum(dim=1)` | `[6., 15.]`: one per row | `(2,)` |
# | `m.sum(dim=1, keepdim=True)` | `[[6.], [15.]]` | `(2, 1)`: broadcasts against `m` |
#
# `dim` names the dimension that is reduced away: the same for `mean`, `prod`, `std`, and for `max`, `min`,
# which with a `dim` also return the indices: `m.max(dim=1).values`, `m.max(dim=1).indices`

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | Topic | Remember |
# |---|---|
# | create | `zeros`, `ones`, `rand`, `randn`, `tensor`, `arange`, `from_numpy`; `empty` is uninitialised |
# | attributes | `shape`, `dtype`, `device`: the three to check first |
# | operations | `+` is `torch.add`, `*` elementwise, `@` is `torch.matmul`, `add_` is in place |
# | indexing | NumPy's rules: `x[row, column]`, slices (views), lists and masks (copies when read) |
# | broadcasting | align shapes on the right; sizes equal or 1 |
# | reductions | `sum(dim=d)` removes dimension `d`; `keepdim=True` keeps it as size 1 |
#
# Next: shapes and memory
