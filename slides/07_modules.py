# %% title [markdown] slideshow={"slide_type": "slide"}
# # Modules
#
# ## `torch`, `torch.nn` and `nn.Module`
#
# Section 5 of *Introduction to PyTorch*

# %% setup slideshow={"slide_type": "skip"}
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# %% torch-namespace [markdown] slideshow={"slide_type": "slide"}
# ## `torch`: a NumPy-like namespace
#
# `torch.sum`, `torch.mean`, `torch.max`, `torch.exp`, `torch.linspace`, ...: NumPy's names, on tensors.

# %% namespace-reductions slideshow={"slide_type": "fragment"} include="../demos/07_modules/torch_namespace.py#reductions"

# %% namespace-max slideshow={"slide_type": "fragment"} include="../demos/07_modules/torch_namespace.py#max-values-and-indices"

# %% torch-nn [markdown] slideshow={"slide_type": "slide"}
# ## `torch.nn`: every layer is a class
#
# Instantiate it with its settings, then call it on data. Every layer is an `nn.Module`.

# %% nn-create-layers slideshow={"slide_type": "fragment"} include="../demos/07_modules/layers.py#create-layers"

# %% nn-all-modules slideshow={"slide_type": "fragment"} include="../demos/07_modules/layers.py#all-are-modules"

# %% layer-weights [markdown] slideshow={"slide_type": "slide"}
# ## Layers create and initialise their weights
#
# `nn.Linear(in_features, out_features).weight` has shape `(out_features, in_features)`.

# %% layer-weights-code slideshow={"slide_type": "fragment"} include="../demos/07_modules/layers.py#layers-own-weights"

# %% layer-apply-code slideshow={"slide_type": "fragment"} include="../demos/07_modules/layers.py#apply-layers"

# %% nn-vs-functional [markdown] slideshow={"slide_type": "slide"}
# ## `torch.nn` vs `torch.nn.functional`
#
# `import torch.nn.functional as F`: the same operations as plain functions.

# %% functional-two-styles slideshow={"slide_type": "fragment"} include="../demos/07_modules/nn_vs_functional.py#two-styles"

# %% functional-weights slideshow={"slide_type": "fragment"} include="../demos/07_modules/nn_vs_functional.py#weights-live-in-nn"

# %% softmax [markdown] slideshow={"slide_type": "slide"}
# ## Softmax both ways
#
# $\mathrm{softmax}(x)_i = \dfrac{e^{x_i}}{\sum_j e^{x_j}}$: each row becomes probabilities that sum to 1.

# %% softmax-code slideshow={"slide_type": "fragment"} include="../demos/07_modules/nn_vs_functional.py#softmax"

# %% which-one [markdown] slideshow={"slide_type": "slide"}
# ## When to use which
#
# | `torch.nn` (`nn.Softmax`, `nn.Linear`) | `torch.nn.functional` (`F.softmax`, `F.relu`) |
# |---|---|
# | stateful objects that keep their settings | good for stateless operations: no weights |
# | creates the weights, correctly initialised | directly applicable: one call |
# | easy to compose, steps kept separate | handy when used only once |
# | readable: the model's parts are attributes | but any weights are yours to create and pass |
#
# Most models mix both: layers with weights in `__init__`, stateless functions in `forward`.

# %% which-one-code slideshow={"slide_type": "fragment"} include="../demos/07_modules/nn_vs_functional.py#mix-both"

# %% subclass-module [markdown] slideshow={"slide_type": "slide"}
# ## A model is a subclass of `nn.Module`
#
# `__init__`: call `super().__init__()`, then create the layers. `forward`: how data flows.
# Backward comes from autograd.

# %% regression-data slideshow={"slide_type": "skip"} include="../demos/07_modules/linear_regression.py#make-data"

# %% regression-model slideshow={"slide_type": "fragment"} include="../demos/07_modules/linear_regression.py#define-model"

# %% fit [markdown] slideshow={"slide_type": "slide"}
# ## Fitting $y = 3x + 2$
#
# The update loops over `model.parameters()`: exactly what `torch.optim.SGD` does for you.

# %% regression-train slideshow={"slide_type": "fragment"} include="../demos/07_modules/linear_regression.py#train"

# %% regression-check slideshow={"slide_type": "fragment"} include="../demos/07_modules/linear_regression.py#check-fit"

# %% parameters [markdown] slideshow={"slide_type": "slide"}
# ## `nn.Parameter` vs a plain tensor attribute
#
# Assigned as attributes, Parameters (and modules holding them) are **registered**; a plain tensor is not.

# %% parameters-model slideshow={"slide_type": "fragment"} include="../demos/07_modules/parameters.py#define-model"

# %% list-parameters [markdown] slideshow={"slide_type": "slide"}
# ## Listing parameters and their shapes
#
# `named_parameters()` gives names and tensors; `params[0]` is the first layer's weight.

# %% parameters-named slideshow={"slide_type": "fragment"} include="../demos/07_modules/parameters.py#named-parameters"

# %% parameters-list slideshow={"slide_type": "fragment"} include="../demos/07_modules/parameters.py#list-parameters"

# %% plain-tensor [markdown] slideshow={"slide_type": "slide"}
# ## Only Parameters are optimised
#
# An optimizer updates `model.parameters()`: `self.other_tensor` is never touched.

# %% parameters-not-optimised slideshow={"slide_type": "fragment"} include="../demos/07_modules/parameters.py#not-optimised"

# %% parameters-wrap slideshow={"slide_type": "fragment"} include="../demos/07_modules/parameters.py#wrap-in-parameter"

# %% anatomy [markdown] slideshow={"slide_type": "slide"} animation="../animations/07_modules.py#ModuleAnatomy"
# ## The anatomy of a module
#
# Sub-modules own Parameters; `parameters()` collects them; `forward` changes the shape layer by layer.

# %% anatomy-notes [markdown] slideshow={"slide_type": "notes"}
# Name the shapes as they appear: weight 32×15 and bias 32, weight 1×32 and bias 1; then the batch
# goes 64×15, 64×32, 64×32, 64×1.

# %% calling [markdown] slideshow={"slide_type": "slide"}
# ## Inputs are shaped `(batch_size, n_features)`
#
# A batch of 64 samples with 15 features each: one output row per sample.

# %% calling-model slideshow={"slide_type": "skip"} include="../demos/07_modules/calling_the_model.py#define-model"

# %% calling-batch slideshow={"slide_type": "fragment"} include="../demos/07_modules/calling_the_model.py#batch-of-64"

# %% calling-one slideshow={"slide_type": "fragment"} include="../demos/07_modules/calling_the_model.py#one-sample"

# %% forward-hook [markdown] slideshow={"slide_type": "slide"}
# ## Call `model(x)`, not `model.forward(x)`
#
# `nn.Module.__call__` runs the registered hooks around `forward`; calling `forward` directly skips them.

# %% forward-hook-code slideshow={"slide_type": "fragment"} include="../demos/07_modules/calling_the_model.py#forward-hook"

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | You use | It gives you |
# |---|---|
# | `torch.sum`, `torch.exp`, `torch.linspace`, ... | NumPy-like functions on tensors |
# | `nn.Linear`, `nn.Conv2d`, `nn.ReLU`, `nn.Sequential` | layers as classes, all `nn.Module`s |
# | `F.softmax`, `F.relu` | the same operations as functions |
# | `class Model(nn.Module)` | `__init__` creates layers, `forward` runs them |
# | `nn.Parameter` | registered in `parameters()`, optimised |
# | `model(x)`, `x` of shape `(batch, features)` | forward plus hooks, one output per sample |
