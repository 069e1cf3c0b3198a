# %% title [markdown] slideshow={"slide_type": "slide"}
# # Shapes and memory
#
# ## squeeze, cat, stack, permute, views and copies
#
# Section 4 of *Introduction to PyTorch*

# %% squeeze [markdown] slideshow={"slide_type": "slide"}
# ## `unsqueeze` adds a size-1 dimension, `squeeze` removes them
#
# | call | shape |
# |---|---|
# | `x` | `(3,)` |
# | `x.unsqueeze(0)` | `(1, 3)`: a batch of one |
# | `x.unsqueeze(1)` | `(3, 1)`: a column |
# | `y.squeeze()` on `(1, 3, 1)` | `(3,)`: every size-1 dimension gone |
# | `y.squeeze(0)` | `(3, 1)`: only the one named |
# | `y.squeeze(1)` | `(1, 3, 1)`: size 3 is not 1, nothing changes |
#
# Neither copies: the result reads the same memory.

# %% cat-vs-stack [markdown] slideshow={"slide_type": "slide"} animation="../animations/04_shapes_and_memory.py#CatVsStack"
# ## `torch.cat` vs `torch.stack`

# %% cat-stack-rules [markdown] slideshow={"slide_type": "slide"}
# ## Joining tensors: the rules
#
# | | joins along | shapes of the inputs | `a`, `b` of shape `(2, 3)` |
# |---|---|---|---|
# | `torch.cat([a, b], dim=0)` | an existing dimension | equal except along `dim` | `(4, 3)` |
# | `torch.cat([a, b], dim=1)` | an existing dimension | equal except along `dim` | `(2, 6)` |
# | `torch.stack([a, b])` | a **new** dimension | identical | `(2, 2, 3)` |
#
# `torch.stack(ts)` is `torch.cat([t.unsqueeze(0) for t in ts])`. Both make a new tensor.

# %% permute [markdown] slideshow={"slide_type": "slide"}
# ## `permute`: dimensions in any order
#
# | tensor | shape | order |
# |---|---|---|
# | `img` | `(32, 24, 3)` | height, width, channels (HWC) |
# | `chw = img.permute(2, 0, 1)` | `(3, 32, 24)` | channels, height, width (CHW) |
#
# - Each value moves with its position: `chw[c, h, w]` is `img[h, w, c]`
# - Copies nothing, so the result is usually not contiguous
# - `nn.Conv2d` (section 7) reads an image as `(C, H, W)`, a batch of images as `(N, C, H, W)`

# %% views-animation [markdown] slideshow={"slide_type": "slide"} animation="../animations/04_shapes_and_memory.py#TensorViews"
# ## One storage, many views

# %% views [markdown] slideshow={"slide_type": "slide"}
# ## Views share one storage
#
# `view`, `t()`, `permute`, `unsqueeze` copy nothing: they read the same memory with a new **shape** and
# **stride**.
#
# | tensor | shape | stride | contiguous |
# |---|---|---|---|
# | `x = torch.arange(6)` | `(6,)` | `(1,)` | ✓ |
# | `v = x.view(2, 3)` | `(2, 3)` | `(3, 1)` | ✓ |
# | `t = v.t()` | `(3, 2)` | `(1, 3)` | ✗ |

# %% view-vs-reshape [markdown] slideshow={"slide_type": "slide"}
# ## `view` vs `reshape` vs `contiguous`
#
# | | copies? | works on any tensor? |
# |---|---|---|
# | `view` | never | only if the strides fit; otherwise a `RuntimeError` that suggests `reshape` |
# | `reshape` | not promised: do not rely on it | ✓ |
# | `contiguous()` | unless already contiguous | ✓ |
# | `clone()` | always | ✓ |
#
# Must share memory: `view`. Must not: `clone`. `reshape` may do either; the docs say not to rely on which.

# %% clone [markdown] slideshow={"slide_type": "slide"}
# ## `clone`: an independent copy
#
# - `row = m[0]` is a view: `row += 1` changes `m`
# - `safe = m[1].clone()` has its own storage: `safe += 1` leaves `m` alone
# - `clone` always copies; `contiguous()` copies only when it must
# - need shared memory? `view` (it errors rather than copy); need your own? `clone`

# %% numpy-bridge [markdown] slideshow={"slide_type": "slide"}
# ## The NumPy bridge
#
# On the CPU, `t.numpy()` and `torch.from_numpy(a)` **share memory**: change one in place, the other
# changes.
#
# | call | memory |
# |---|---|
# | `t.numpy()` | shared with `t` |
# | `torch.from_numpy(a)` | shared with `a` |
# | `torch.tensor(a)` | a copy |

# %% tensor-copies [markdown] slideshow={"slide_type": "slide"}
# ## `torch.tensor(array)` copies; `.numpy()` needs a plain CPU tensor
#
# - `torch.tensor(a)` always copies: later changes to `a` do not reach it
# - `w.numpy()` on a tensor that requires grad raises a `RuntimeError` that suggests `detach()`
# - The usual recipe: `w.detach().cpu().numpy()`; `.cpu()` matters for a GPU tensor (section 5)

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | Topic | Remember |
# |---|---|
# | size-1 dims | `unsqueeze` adds one, `squeeze` removes them |
# | joining | `torch.cat` along an existing dimension, `torch.stack` along a new one |
# | order | `permute(2, 0, 1)`: HWC to CHW |
# | views | `view`, `t()`, `permute`, `unsqueeze` share storage |
# | copies | `contiguous()` when it must; `clone()` always; `reshape`: not promised |
# | NumPy | `.numpy()` and `from_numpy` share CPU memory; `torch.tensor` copies |
#
# Next: data types and devices
