# %% title [markdown] slideshow={"slide_type": "slide"}
# # Autograd
#
# ## How PyTorch computes gradients for you
#
# Section 6 of *Introduction to PyTorch*

# %% what-is-autograd [markdown] slideshow={"slide_type": "slide"}
# ## What autograd does
#
# - Training needs the gradient of the loss with respect to every parameter
# - A model is a chain of small operations, each with a known derivative
# - The **chain rule** glues those derivatives together:
#
# $$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial y} \cdot \frac{\partial y}{\partial w}$$
#
# - `torch.autograd` applies it for you: you write the forward pass, it derives the backward pass

# %% requires-grad [markdown] slideshow={"slide_type": "slide"}
# ## `requires_grad=True`: track this tensor
#
# - Off by default; set it when creating a tensor, or later with `.requires_grad_()`
# - A result is tracked as soon as **one** of its inputs is tracked
# - Only floating-point (and complex) tensors can require gradients

# %% tape [markdown] slideshow={"slide_type": "slide"}
# ## The tape
#
# While the forward pass runs, autograd records every operation on tracked tensors:
# a graph of nodes, also called the **tape**.
#
# ```text
# w ──┐
#     ├── Mul ──┐
# x ──┘         ├── Add ──── Pow ──── loss
#          b ───┘
# ```
#
# `loss.backward()` walks it from the end back to the leaves.

# %% leaf-tensors [markdown] slideshow={"slide_type": "slide"}
# ## Leaf tensors and `grad_fn`
#
# | tensor | `is_leaf` | `grad_fn` |
# |---|---|---|
# | created with `requires_grad=True` | `True` | `None` |
# | any tensor with `requires_grad=False` (by convention) | `True` | `None` |
# | result of a tracked operation | `False` | a `torch.autograd.graph.Node`, e.g. `AddBackward0` |
#
# By default, backward fills `.grad` only for leaves that require grad.

# %% tape-animation [markdown] slideshow={"slide_type": "slide"} animation="../animations/06_autograd.py#AutogradTape"
# ## Backward walks the tape
#
# Forward appends each operation; backward replays the tape in reverse.

# %% tape-animation-notes [markdown] slideshow={"slide_type": "notes"}
# Let the forward half play without talking over it. During the backward half, name each number as
# it appears: 14 arrives at y, then 14 at b, 28 at w and 42 at x.

# %% backward [markdown] slideshow={"slide_type": "slide"}
# ## `loss.backward()` and `.grad`
#
# With $x = 2,\ w = 3,\ b = 1$: $\quad y = w \cdot x + b = 7, \quad L = y^2 = 49$
#
# $$\frac{\partial L}{\partial y} = 2y = 14$$
#
# $$\frac{\partial L}{\partial w} = 2y \cdot x = 28 \qquad
# \frac{\partial L}{\partial x} = 2y \cdot w = 42 \qquad
# \frac{\partial L}{\partial b} = 2y \cdot 1 = 14$$

# %% accumulation [markdown] slideshow={"slide_type": "slide"}
# ## Gradients accumulate
#
# `backward()` **adds** into `.grad`: 6, 12, 18 after three calls.
#
# Reset it before each step with `.grad.zero_()`, or set `.grad = None`.

# %% define-by-run [markdown] slideshow={"slide_type": "slide"}
# ## Define-by-run: the graph is built as the code runs
#
# - Every forward pass records a **new** graph: `if` and `for` in your code can change it
# - `backward()` frees the tensors the graph saved: a second `backward()` that needs them raises
# - `backward(retain_graph=True)` keeps the graph for another pass
# - An in-place change to a tensor backward saved (`b = a.exp(); b.add_(1)`) makes backward raise:
#   *modified by an inplace operation*

# %% no-grad [markdown] slideshow={"slide_type": "slide"}
# ## Switching the tape off
#
# | tool | what it does | use it for |
# |---|---|---|
# | `with torch.no_grad():` | records nothing; results have no `grad_fn` | updating weights |
# | `with torch.inference_mode():` | like `no_grad`, stricter: its results cannot be saved for backward in later recorded computations | predictions only |
# | `x.detach()` | the same memory, cut off from the tape | logging, NumPy |

# %% custom-function [markdown] slideshow={"slide_type": "slide"}
# ## Your own operation: subclass `torch.autograd.Function`
#
# Built-in nodes (`MulBackward0`, ...) and yours (`ExpBackward`) are all `torch.autograd.graph.Node`s.
#
# `forward(ctx, ...)` saves what backward needs; `backward(ctx, grad_output)` returns
# `grad_output` times the local derivative $\frac{\partial\,\text{out}}{\partial\,\text{in}}$.

# %% gradcheck [markdown] slideshow={"slide_type": "slide"}
# ## Check a backward with `gradcheck`
#
# Compares your backward with finite differences; use `float64` inputs
# (in `float32`, even a correct backward fails the check).

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | You write | Autograd does |
# |---|---|
# | `requires_grad=True` | tracks the tensor |
# | the forward pass | records each operation on the tape (`grad_fn`) |
# | `loss.backward()` | walks the tape in reverse, chain rule, adds into `.grad` |
# | `.grad.zero_()` | nothing: resetting is your job |
# | `torch.no_grad()`, `torch.inference_mode()`, `.detach()` | records nothing |
# | a `torch.autograd.Function` subclass | uses your backward; check it with `gradcheck` |
#
# **Next:** modules, the building blocks of `torch.nn`
