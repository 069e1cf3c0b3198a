# %% title [markdown] slideshow={"slide_type": "slide"}
# # Autograd
#
# ## How PyTorch computes gradients for you
#
# Section 4 of *Introduction to PyTorch*

# %% setup slideshow={"slide_type": "skip"}
import torch

torch.manual_seed(0)

# %% what-is-autograd [markdown] slideshow={"slide_type": "slide"}
# ## What autograd does
#
# - Training needs the gradient of the loss with respect to every parameter
# - A model is a chain of small operations, each with a known derivative
# - The **chain rule** glues those derivatives together:
#
# $$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial y} \cdot \frac{\partial y}{\partial w}$$
#
# - `torch.autograd` applies the chain rule for you: you write the forward pass, it derives the backward pass

# %% requires-grad [markdown] slideshow={"slide_type": "slide"}
# ## `requires_grad=True`: track this tensor
#
# - Tensors you want gradients for are created with `requires_grad=True`
# - A result is tracked as soon as **one** of its inputs is tracked
# - Only floating-point (and complex) tensors can require gradients

# %% requires-grad-create slideshow={"slide_type": "fragment"} include="../demos/04_autograd/requires_grad.py#create-tensors"

# %% requires-grad-sum slideshow={"slide_type": "fragment"} include="../demos/04_autograd/requires_grad.py#compute-sum"

# %% tape [markdown] slideshow={"slide_type": "slide"}
# ## The tape
#
# While the forward pass runs, autograd records every operation on tracked tensors:
# a graph of functions, also called the **tape**.
#
# ```text
# x ──┐
#     ├── Mul ──┐
# w ──┘         ├── Add ──── Pow ──── loss
#          b ───┘
# ```
#
# - Built on the fly, anew on every forward pass: ordinary Python control flow just works
# - `loss.backward()` walks it from the end back to the inputs

# %% leaf-tensors [markdown] slideshow={"slide_type": "slide"}
# ## Leaf tensors and `grad_fn`
#
# - A tensor **you** create is a *leaf*: its `grad_fn` is `None`, with or without `requires_grad`
# - A tensor an operation produced remembers that operation in `grad_fn`
# - `grad_fn.next_functions` points one step further back along the tape

# %% grad-fn-leaves slideshow={"slide_type": "subslide"} include="../demos/04_autograd/grad_fn.py#leaf-tensors"

# %% grad-fn-ops slideshow={"slide_type": "fragment"} include="../demos/04_autograd/grad_fn.py#recorded-ops"

# %% grad-fn-walk slideshow={"slide_type": "subslide"} include="../demos/04_autograd/grad_fn.py#walk-the-tape"

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
#
# `backward()` writes each of these into the leaf's `.grad`

# %% backward-forward slideshow={"slide_type": "subslide"} include="../demos/04_autograd/backward.py#forward-pass"

# %% backward-run slideshow={"slide_type": "fragment"} include="../demos/04_autograd/backward.py#run-backward"

# %% tape-animation [markdown] slideshow={"slide_type": "slide"} animation="../animations/04_autograd.py#AutogradTape"
# ## Backward walks the tape
#
# Forward: each operation is appended to the tape. Backward: the tape is replayed in reverse,
# multiplying local derivatives by the chain rule.

# %% tape-animation-notes [markdown] slideshow={"slide_type": "notes"}
# Let the animation play once without talking over the forward half. During the backward half, name
# each number as it appears: 14 arrives at y, then 28 at w, 42 at x and 14 at b.

# %% accumulation [markdown] slideshow={"slide_type": "slide"}
# ## Gradients accumulate
#
# - `backward()` **adds** into `.grad`; it never overwrites it
# - Two backward calls give the gradient of the *sum* of the two losses
# - Reset between training steps: `w.grad.zero_()`, or `optimizer.zero_grad()`

# %% accumulation-twice slideshow={"slide_type": "subslide"} include="../demos/04_autograd/accumulation.py#backward-twice"

# %% accumulation-zero slideshow={"slide_type": "fragment"} include="../demos/04_autograd/accumulation.py#zero-grad"

# %% no-grad [markdown] slideshow={"slide_type": "slide"}
# ## Switching the tape off: `no_grad` and `detach`
#
# - `with torch.no_grad():` nothing inside is recorded: evaluation, weight updates
# - `t.detach()`: the same numbers (same memory), cut off from the tape
# - In both cases the result has `requires_grad == False` and `grad_fn is None`

# %% no-grad-block-code slideshow={"slide_type": "subslide"} include="../demos/04_autograd/no_grad.py#no-grad-block"

# %% no-grad-detach-code slideshow={"slide_type": "fragment"} include="../demos/04_autograd/no_grad.py#detach"

# %% custom-function [markdown] slideshow={"slide_type": "slide"}
# ## Your own `torch.autograd.Function`
#
# - Subclass `torch.autograd.Function` with two static methods:
#   - `forward(ctx, ...)` computes the result and saves what backward needs (`ctx.save_for_backward`)
#   - `backward(ctx, grad_output)` returns `grad_output` times the local derivative $\frac{\partial\,\text{out}}{\partial\,\text{in}}$
# - Call it with `.apply(...)`
# - Verify the backward with `torch.autograd.gradcheck` on `float64` inputs

# %% custom-define-code slideshow={"slide_type": "subslide"} include="../demos/04_autograd/custom_function.py#define-exp"

# %% custom-gradcheck-code slideshow={"slide_type": "subslide"} include="../demos/04_autograd/custom_function.py#gradcheck"

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
