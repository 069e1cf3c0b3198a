# %% title [markdown] slideshow={"slide_type": "slide"}
# # Evaluating and saving a model
#
# ## Eval mode, overfitting, test accuracy and checkpoints
#
# Section 10 of *Introduction to PyTorch*

# %% modes [markdown] slideshow={"slide_type": "slide"}
# ## `model.train()` and `model.eval()`
#
# Both set the `training` flag of the module and of every submodule. Most layers ignore it; these do not:
#
# | layer | `model.train()` | `model.eval()` |
# |---|---|---|
# | `nn.Dropout(p)` | zeroes each value with probability $p$, scales the rest by $1/(1-p)$ | passes the input through |
# | `nn.BatchNorm1d` | normalises with the batch's mean and variance; updates the running statistics | normalises with the running statistics; leaves them alone |

# %% batchnorm [markdown] slideshow={"slide_type": "slide"}
# ## BatchNorm: batch statistics or running statistics
#
# $$y = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} \cdot \gamma + \beta$$
#
# - training mode: $\mu, \sigma^2$ of this batch; then the running mean $r$ (`running_mean`) moves
#   toward it: $r \leftarrow 0.9\,r + 0.1\,\mu$ (`momentum=0.1`), and `running_var` likewise (from the unbiased variance)
# - eval mode: $\mu, \sigma^2$ are `running_mean` and `running_var`
# - `model.eval()` does **not** turn off autograd: `torch.no_grad()` or `torch.inference_mode()` does

# %% overfitting [markdown] slideshow={"slide_type": "slide"} animation="../animations/10_evaluating_and_saving.py#OverfittingCurves"
# ## Overfitting: the curves part
#
# Training loss keeps falling; validation loss turns and climbs. Keep the epoch where validation loss is lowest.

# %% overfitting-demo [markdown] slideshow={"slide_type": "slide"}
# ## Making it happen
#
# | | |
# |---|---|
# | training data | 100 digits (one batch) |
# | validation data | 500 other digits |
# | network | 64 → 256 → 256 → 10, 85,002 parameters |
# | training | Adam, 40 epochs; validation loss after every epoch |
#
# Remedies: stop at the validation minimum (**early stopping**), more data, a smaller network, dropout.
#
# Keep the best epoch with `copy.deepcopy(model.state_dict())` (or `torch.save` it): `state_dict()` alone
# holds the live weights, and the next step changes them.

# %% test-score [markdown] slideshow={"slide_type": "slide"}
# ## One final score on the test split
#
# - Choose hyperparameters on validation; use the test split **once**, at the end
# - `model.eval()`: Dropout off, BatchNorm on its running statistics
# - `torch.inference_mode()`: no tape, like `torch.no_grad()`; its results are *inference tensors*
#   that cannot be saved for backward later
# - accuracy: the share of samples whose largest logit is the right class

# %% state-dict [markdown] slideshow={"slide_type": "slide"}
# ## What `model.state_dict()` holds
#
# A dictionary from names to tensors:
#
# | kind | example | trained by gradients? |
# |---|---|---|
# | parameters | `0.weight`, `1.weight`, `1.bias` | yes |
# | buffers | `1.running_mean`, `1.running_var`, `1.num_batches_tracked` | no, but needed to predict |

# %% checkpoint [markdown] slideshow={"slide_type": "slide"}
# ## A checkpoint: everything needed to resume
#
# | key | value |
# |---|---|
# | `"model"` | `model.state_dict()` |
# | `"optimizer"` | `optimizer.state_dict()`: for Adam, two running averages per weight and a step count |
# | `"epoch"` | epochs done so far |
#
# - save the dictionary with `torch.save`
# - load it with `torch.load`, `map_location` set to the device and `weights_only=True`; then
#   `load_state_dict` on a fresh model **and** a fresh optimizer
# - `weights_only=True` (the default since PyTorch 2.6) loads tensors and plain data, refusing any other
#   Python object

# %% cnn [markdown] slideshow={"slide_type": "slide"}
# ## A small CNN reads the digits
#
# ```text
# image 1×8×8 → Conv2d 3×3 → 16×8×8 → Conv2d 3×3 → 32×8×8 → MaxPool2d → 32×4×4
#             → Flatten → 512 → Linear → 64 → Linear → 10 logits
# ```
#
# A ReLU follows each `Conv2d` and the first `Linear`. Convolutions slide small learned filters over the
# image; linear layers combine what they find.

# %% cnn-training [markdown] slideshow={"slide_type": "slide"}
# ## Adam, lr = 5e-3, 15 epochs, batches of 64
#
# Tested once, in eval mode under `torch.inference_mode()`: at least 95 % of the 269 test digits right
# (the demo asserts it).

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | Piece | In PyTorch |
# |---|---|
# | modes | `model.train()` / `model.eval()`: Dropout and BatchNorm behave differently |
# | overfitting | training loss falls while validation loss climbs |
# | evaluate | `model.eval()` and `torch.inference_mode()`, the test split once |
# | state | `state_dict()`: parameters **and** buffers |
# | checkpoint | model and optimizer `state_dict`s and the epoch; loaded with `map_location` and `weights_only=True` |
#
# That completes the course.
