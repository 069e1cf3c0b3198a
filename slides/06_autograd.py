# %% title [markdown] slideshow={"slide_type": "slide"}
# # Autograd
#
# ## How PyTorch computes gradients for you
#
# Section 4 of *Introduction to PyTorch*

# %% setup slideshow={"slide_type": "skip"}
import torch

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
# A result is tracked as soon as **one** of its inputs is tracked.

# %% requires-grad-create slideshow={"slide_type": "fragment"} include="../demos/06_autograd/requires_grad.py#create-tensors"

# %% requires-grad-sum slideshow={"slide_type": "fragment"} include="../demos/06_autograd/requires_grad.py#compute-sum"

# %% tape [markdown] slideshow={"slide_type": "slide"}
# ## The tape
#
# While the forward pass runs, autograd records every operation on tracked tensors:
# a graph of functions, also called the **tape**.
#
# ```text
# w ──┐
#     ├── Mul ──┐
# x ──┘         ├── Add ──── Pow ──── loss
#          b ───┘
# ```
#
# - Rebuilt on every forward pass: ordinary Python `if` and `for` just work
# - `loss.backward()` walks it from the end back to the inputs

# %% leaf-tensors [markdown] slideshow={"slide_type": "slide"}
# ## Leaf tensors and `grad_fn`
#
# Tensors **you** create are leaves: their `grad_fn` is `None`.

# %% grad-fn-leaves slideshow={"slide_type": "fragment"} include="../demos/06_autograd/grad_fn.py#leaf-tensors"

# %% grad-fn-ops slideshow={"slide_type": "fragment"} include="../demos/06_autograd/grad_fn.py#recorded-ops"

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

# %% backward-forward slideshow={"slide_type": "skip"} include="../demos/06_autograd/backward.py#forward-pass"

# %% backward-run slideshow={"slide_type": "fragment"} include="../demos/06_autograd/backward.py#run-backward"

# %% tape-animation [markdown] slideshow={"slide_type": "slide"} animation="../animations/06_autograd.py#AutogradTape"
# ## Backward walks the tape
#
# Forward appends each operation; backward replays the tape in reverse.

# %% tape-animation-notes [markdown] slideshow={"slide_type": "notes"}
# Let the forward half play without talking over it. During the backward half, name each number as
# it appears: 14 arrives at y, then 14 at b, 28 at w and 42 at x.

# %% accumulation [markdown] slideshow={"slide_type": "slide"}
# ## Gradients accumulate
#
# `backward()` **adds** into `.grad`: reset it with `.grad.zero_()`.

# %% accumulation-repeat slideshow={"slide_type": "fragment"} include="../demos/06_autograd/accumulation.py#repeat-backward"

# %% accumulation-zero slideshow={"slide_type": "fragment"} include="../demos/06_autograd/accumulation.py#zero-grad"

# %% no-grad [markdown] slideshow={"slide_type": "slide"}
# ## Switching the tape off: `no_grad` and `detach`
#
# Nothing is recorded: the result has `requires_grad == False` and `grad_fn is None`.

# %% no-grad-block-code slideshow={"slide_type": "fragment"} include="../demos/06_autograd/no_grad.py#no-grad-block"

# %% no-grad-detach-code slideshow={"slide_type": "fragment"} include="../demos/06_autograd/no_grad.py#detach"

# %% custom-function [markdown] slideshow={"slide_type": "slide"}
# ## Your own `torch.autograd.Function`
#
# `forward(ctx, ...)` saves what backward needs; `backward(ctx, grad_output)` returns
# `grad_output` times the local derivative $\frac{\partial\,\text{out}}{\partial\,\text{in}}$.

# %% custom-define-code slideshow={"slide_type": "fragment"} include="../demos/06_autograd/custom_function.py#define-exp"

# %% gradcheck [markdown] slideshow={"slide_type": "slide"}
# ## Check a backward with `gradcheck`
#
# Compares your backward with finite differences; use `float64` inputs.

# %% gradcheck-pass-code slideshow={"slide_type": "fragment"} include="../demos/06_autograd/custom_function.py#gradcheck"

# %% gradcheck-bug-code slideshow={"slide_type": "fragment"} include="../demos/06_autograd/custom_function.py#catch-a-bug"

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | You write | Autograd does |
# |---|---|
# | `requires_grad=True` | tracks the tensor |
# | the forward pass | records each operation on the tape (`grad_fn`) |
# | `loss.backward()` | walks the tape in reverse, chain rule, adds into `.grad` |
# | `.grad.zero_()` | nothing: resetting is your job |
# | `torch.no_grad()`, `.detach()` | records nothing |
# | `torch.autograd.Function` | uses your backward; check it with `gradcheck` |
