# %% title [markdown] slideshow={"slide_type": "slide"}
# # Training a network
#
# ## Losses, optimizers and the training loop
#
# Section 7 of *Introduction to PyTorch*

# %% setup slideshow={"slide_type": "skip"}
import torch

# %% vocabulary [markdown] slideshow={"slide_type": "slide"}
# ## Four words we will keep using
#
# | Word | What it is |
# |---|---|
# | `torch.Tensor` | a multi-dimensional array with autograd support; holds its gradient in `.grad` |
# | `nn.Module` | a building block of a network: keeps its parameters, moves them to a device, saves and loads them |
# | `nn.Parameter` | a tensor that a module registers as learnable when assigned as an attribute |
# | `torch.autograd.Function` | one recorded operation, with a `forward` and a `backward` |

# %% seven-steps [markdown] slideshow={"slide_type": "slide"}
# ## Seven steps to train a network
#
# 1. **Define** the network with learnable parameters (weights)
# 2. **Iterate** over a dataset of inputs
# 3. **Forward**: process the input through the network, its best guess
# 4. **Loss**: how far the output is from correct
# 5. **Backward**: propagate gradients into the parameters, `loss.backward()`
# 6. **Update** the weights, `optimizer.step()`: $w \leftarrow w - \text{learning rate} \cdot \text{gradient}$
# 7. **Repeat** steps 2–6, epoch after epoch (with `optimizer.zero_grad()` every iteration)

# %% mse-loss [markdown] slideshow={"slide_type": "slide"}
# ## `nn.MSELoss`: mean squared error
#
# $$\text{MSE} = \frac{1}{n}\sum_i (\text{output}_i - \text{target}_i)^2$$

# %% mse-call slideshow={"slide_type": "fragment"} include="../demos/09_training/loss_functions.py#mse-loss"

# %% mse-hand slideshow={"slide_type": "fragment"} include="../demos/09_training/loss_functions.py#mse-by-hand"

# %% cross-entropy [markdown] slideshow={"slide_type": "slide"}
# ## `nn.CrossEntropyLoss`: raw logits and class indices
#
# Log-softmax, then the negative log-likelihood of the correct class. No softmax in the model!

# %% ce-call slideshow={"slide_type": "fragment"} include="../demos/09_training/loss_functions.py#cross-entropy-loss"

# %% ce-nll slideshow={"slide_type": "fragment"} include="../demos/09_training/loss_functions.py#log-softmax-plus-nll"

# %% gradient-descent [markdown] slideshow={"slide_type": "slide"} animation="../animations/09_training.py#GradientDescent"
# ## Gradient descent: $w \leftarrow w - \text{learning rate} \cdot \text{gradient}$
#
# Too large overshoots and diverges; too small crawls.

# %% update-rule [markdown] slideshow={"slide_type": "slide"}
# ## One step by hand ...

# %% update-setup slideshow={"slide_type": "skip"} include="../demos/09_training/update_rule.py#setup"

# %% update-hand slideshow={"slide_type": "-"} include="../demos/09_training/update_rule.py#step-by-hand"

# %% update-with-sgd [markdown] slideshow={"slide_type": "subslide"}
# ## ... and the same step with `torch.optim.SGD`

# %% update-sgd slideshow={"slide_type": "-"} include="../demos/09_training/update_rule.py#step-with-sgd"

# %% optimizers [markdown] slideshow={"slide_type": "slide"}
# ## SGD with momentum, and Adam
#
# ```python
# params = model.parameters()
# torch.optim.SGD(params, lr=0.01)                # w -= lr * grad
# torch.optim.SGD(params, lr=0.01, momentum=0.9)  # keeps a velocity
# torch.optim.Adam(params, lr=1e-3)               # adapts each step size
# ```
#
# Every optimizer: `optimizer.zero_grad()`, then `loss.backward()`, then `optimizer.step()`.

# %% optimizers-compare [markdown] slideshow={"slide_type": "subslide"}
# ## Fifty steps each, from the same start

# %% optimizers-compare-code slideshow={"slide_type": "-"} include="../demos/09_training/update_rule.py#momentum-and-adam"

# %% loop-animation [markdown] slideshow={"slide_type": "slide"} animation="../animations/09_training.py#TrainingLoop"
# ## The training loop
#
# forward → loss → backward → step → zero_grad, for every batch, epoch after epoch

# %% loop-code [markdown] slideshow={"slide_type": "slide"}
# ## The training loop in code
#
# Digits from scikit-learn (8×8 pixels, bundled): a `DataLoader` of shuffled batches of 64.

# %% loop-data slideshow={"slide_type": "skip"} include="../demos/09_training/training_loop.py#the-data"

# %% loop-model slideshow={"slide_type": "-"} include="../demos/09_training/training_loop.py#step-1-define-the-network"

# %% loop-steps [markdown] slideshow={"slide_type": "subslide"}
# ## Steps 2 to 7

# %% loop-steps-code slideshow={"slide_type": "-"} include="../demos/09_training/training_loop.py#the-training-loop"

# %% zero-grad [markdown] slideshow={"slide_type": "slide"}
# ## Why `optimizer.zero_grad()` every iteration
#
# `backward()` **adds** into `.grad`: without a reset, each step mixes in every earlier batch.

# %% zero-grad-code slideshow={"slide_type": "fragment"} include="../demos/09_training/training_loop.py#why-zero-grad"

# %% evaluation [markdown] slideshow={"slide_type": "slide"}
# ## Evaluate on held-out data
#
# `model.eval()` switches Dropout and BatchNorm to inference; `torch.no_grad()` records no tape.

# %% eval-train slideshow={"slide_type": "skip"} include="../demos/09_training/evaluate_and_save.py#train-a-model"

# %% eval-mode-code slideshow={"slide_type": "skip"} include="../demos/09_training/evaluate_and_save.py#eval-mode"

# %% eval-accuracy slideshow={"slide_type": "-"} include="../demos/09_training/evaluate_and_save.py#test-accuracy"

# %% save-load [markdown] slideshow={"slide_type": "slide"}
# ## Saving and loading a `state_dict`

# %% save-code slideshow={"slide_type": "-"} include="../demos/09_training/evaluate_and_save.py#save-state-dict"

# %% load-code slideshow={"slide_type": "fragment"} include="../demos/09_training/evaluate_and_save.py#load-state-dict"

# %% cnn [markdown] slideshow={"slide_type": "slide"}
# ## A small CNN reads the digits
#
# Convolutions find local features (edges, strokes); linear layers combine them into a decision.

# %% cnn-device slideshow={"slide_type": "skip"} include="../demos/09_training/digits_cnn.py#pick-a-device"

# %% cnn-data slideshow={"slide_type": "skip"} include="../demos/09_training/digits_cnn.py#images-and-labels"

# %% cnn-model slideshow={"slide_type": "-"} include="../demos/09_training/digits_cnn.py#the-cnn"

# %% cnn-train slideshow={"slide_type": "skip"} include="../demos/09_training/digits_cnn.py#train"

# %% cnn-training [markdown] slideshow={"slide_type": "subslide"}
# ## Adam, lr = 1e-3, 20 epochs, batches of 64

# %% cnn-accuracy slideshow={"slide_type": "-"} include="../demos/09_training/digits_cnn.py#test-accuracy"

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | Piece | In PyTorch |
# |---|---|
# | loss | `nn.MSELoss` for numbers, `nn.CrossEntropyLoss` on raw logits for classes |
# | gradients | `loss.backward()` fills `.grad`; reset with `optimizer.zero_grad()` |
# | update | `optimizer.step()`: `SGD` (lr, momentum) or `Adam` |
# | evaluate | `model.eval()`, `torch.no_grad()`, accuracy on a held-out test set |
# | keep | `torch.save(model.state_dict(), path)`, `model.load_state_dict(torch.load(path))` |
