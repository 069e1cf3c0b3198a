# %% title [markdown] slideshow={"slide_type": "slide"}
# # Modules
#
# ## `torch`, `torch.nn` and `nn.Module`
#
# Section 7 of *Introduction to PyTorch*

# %% torch-namespace [markdown] slideshow={"slide_type": "slide"}
# ## `torch`: a NumPy-like namespace
#
# | `torch` | NumPy |
# |---|---|
# | `torch.sum`, `torch.mean` with `dim=` | `np.sum`, `np.mean` with `axis=` |
# | `torch.max` with `dim=`: values **and** indices (the argmax) | `np.max` and `np.argmax` |
#
# Most are tensor methods too: `x.sum(dim=0)`.

# %% torch-nn [markdown] slideshow={"slide_type": "slide"}
# ## `torch.nn`: every layer is a class
#
# `from torch import nn`
#
# | kind | examples |
# |---|---|
# | layers | `nn.Linear`, `nn.Conv2d` |
# | activation functions (section 2) | `nn.ReLU` |
# | containers | `nn.Sequential` |
# | loss functions (section 9) | `nn.MSELoss`, `nn.CrossEntropyLoss` |
#
# Create it with its settings, then call it on data. Every one is an `nn.Module`.
# `nn.Linear(in_features, out_features).weight` has shape `(out_features, in_features)`.

# %% nn-vs-functional [markdown] slideshow={"slide_type": "slide"}
# ## `torch.nn` vs `torch.nn.functional`
#
# `import torch.nn.functional as F`: many of the same operations as plain functions.
#
# | `torch.nn` (`nn.Linear`, `nn.ReLU`) | `torch.nn.functional` (`F.linear`, `F.relu`) |
# |---|---|
# | objects you create, then call | functions you call directly |
# | create, initialise and keep their weights | any weights are yours to create and pass |
# | the model's parts are readable attributes | handy for stateless steps: `F.relu`, `F.softmax` |

# %% logits [markdown] slideshow={"slide_type": "slide"}
# ## A model returns logits
#
# | where | what |
# |---|---|
# | `__init__` | layers with weights, as modules: `nn.Linear` |
# | `forward` | stateless steps as functions: `F.relu` |
# | the output | **logits**: raw scores, any real number, one per class |
#
# `CrossEntropyLoss` (section 9) expects logits.
# Probabilities only when you want to read them: `logits.softmax(dim=1)`, each row sums to 1,
# and the argmax, the predicted class, is unchanged.

# %% subclass-module [markdown] slideshow={"slide_type": "slide"}
# ## A model is a subclass of `nn.Module`
#
# - `__init__`: call `super().__init__()`, then create the layers as attributes
# - `forward`: how data flows through them
# - backward: derived by autograd (section 6), never written
#
# Training steps every tensor of `model.parameters()` against its gradient.

# %% parameters [markdown] slideshow={"slide_type": "slide"}
# ## `nn.Parameter` vs a plain tensor attribute
#
# Assigned as attributes, Parameters (and modules holding them) are **registered**:
# `named_parameters()` and `parameters()` list them. A plain tensor attribute is not listed.
#
# Layers in a plain Python `list` or `dict` are not registered either: use `nn.ModuleList` and
# `nn.ModuleDict`, which hold modules like a list or a dict and register them.

# %% plain-tensor [markdown] slideshow={"slide_type": "slide"}
# ## Only Parameters are trained
#
# An optimizer (section 9) is given `model.parameters()`: what is not listed is not updated.
#
# State to keep with the model but not train (running averages): `self.register_buffer(...)`.

# %% anatomy [markdown] slideshow={"slide_type": "slide"} animation="../animations/07_modules.py#ModuleAnatomy"
# ## The anatomy of a module
#
# Sub-modules own Parameters; `parameters()` collects them; `forward` changes the shape layer by layer.

# %% anatomy-notes [markdown] slideshow={"slide_type": "notes"}
# Name the shapes as they appear: weight 32×15 and bias 32, weight 1×32 and bias 1; then the batch
# goes 64×15, 64×32, 64×32, 64×1.

# %% calling [markdown] slideshow={"slide_type": "slide"}
# ## Batch first: a convention
#
# | input | shape | |
# |---|---|---|
# | a batch | `(batch_size, n_features)` | what DataLoaders (section 8) yield |
# | one sample | `(n_features,)` | `nn.Linear` accepts it too |
# | a batch of one | `(1, n_features)` | `x.unsqueeze(0)` |
# | a sequence for `nn.RNN` | `(seq_len, batch, features)` | by default; `batch_first=True` flips it |

# %% forward-hook [markdown] slideshow={"slide_type": "slide"}
# ## Call `model(x)`, not `model.forward(x)`
#
# `model(x)` goes through `nn.Module.__call__`: the registered hooks run around `forward`.
# `model.forward(x)` runs `forward` alone and skips them.

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | You use | It gives you |
# |---|---|
# | `torch.sum`, `torch.max`, ... | NumPy-like functions on tensors |
# | `nn.Linear`, `nn.Conv2d`, `nn.ReLU`, `nn.Sequential` | layers as classes, all `nn.Module`s |
# | `F.relu`, `F.linear`, `F.softmax` | the same operations as functions |
# | `class Model(nn.Module)` | `__init__` creates layers, `forward` runs them, logits out |
# | `nn.Parameter` | registered in `parameters()`, trained |
# | `model(x)`, `x` of shape `(batch, features)` | forward plus hooks, one output per sample |
#
# Next: datasets and data loaders.
