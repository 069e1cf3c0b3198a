# %% title [markdown] slideshow={"slide_type": "slide"}
# # Training a network
#
# ## Losses, optimizers, the training loop and validation
#
# Section 9 of *Introduction to PyTorch*

# %% seven-steps [markdown] slideshow={"slide_type": "slide"}
# ## Seven steps to train a network
#
# 1. **Define** the network with learnable parameters (weights)
# 2. **Iterate** over a dataset of inputs
# 3. **Forward**: process the input through the network, its best guess
# 4. **Loss**: how far the output is from correct
# 5. **Backward**: propagate gradients into the parameters, `loss.backward()`
# 6. **Update** the weights, `optimizer.step()`
# 7. **Repeat** steps 2–6, epoch after epoch (with `optimizer.zero_grad()` every iteration)

# %% mse-loss [markdown] slideshow={"slide_type": "slide"}
# ## `nn.MSELoss`: mean squared error
#
# $$\text{MSE} = \frac{1}{n}\sum_{i=1}^{n} (\text{output}_i - \text{target}_i)^2$$
#
# For predicting numbers. Outputs $(2.5, 0, 2)$, targets $(3, -0.5, 2)$: errors $0.5, 0.5, 0$, so
# $\text{MSE} = (0.25 + 0.25 + 0) / 3 = 1/6$.

# %% cross-entropy [markdown] slideshow={"slide_type": "slide"}
# ## `nn.CrossEntropyLoss`: logits in, two kinds of target
#
# Input: raw scores (**logits**) $z$, one row per sample, no softmax.
#
# | target | what it means | loss of one sample |
# |---|---|---|
# | class index $c$ (int64, shape `(N,)`) | the right class | $-\log \text{softmax}(z)_c$ |
# | class probabilities $p$ (float, shape of the logits) | how likely each class is | $-\sum_k p_k \log \text{softmax}(z)_k$ |
#
# Averaged over the batch. A one-hot $p$ gives the same loss as its index.

# %% gradient-descent [markdown] slideshow={"slide_type": "slide"} animation="../animations/09_training.py#GradientDescent"
# ## Gradient descent: $w \leftarrow w - \text{learning rate} \cdot \text{gradient}$
#
# Too large overshoots and diverges; too small crawls.

# %% update-rule [markdown] slideshow={"slide_type": "slide"}
# ## One step by hand, one step with `torch.optim.SGD`
#
# By hand, for every parameter `p`, under `torch.no_grad()`:
# $\;p \leftarrow p - \text{lr} \cdot p.\text{grad}$, then zero `p.grad`.
#
# `torch.optim.SGD` applies the same rule to every parameter it was given, in `optimizer.step()`.
#
# With $\text{lr} = 1/8$ (exact in binary) the two results are equal to the last bit.

# %% optimizers [markdown] slideshow={"slide_type": "slide"}
# ## Three update rules ($g$ = gradient)
#
# | optimizer | what it keeps | step |
# |---|---|---|
# | `SGD` | nothing | $w \leftarrow w - \text{lr}\, g$ |
# | `SGD(momentum=0.9)` | a velocity $b$ | $b \leftarrow 0.9\, b + g,\quad w \leftarrow w - \text{lr}\, b$ |
# | `Adam` | averages $m$ of $g$ and $v$ of $g^2$ | $w \leftarrow w - \text{lr}\, \hat m / (\sqrt{\hat v} + \epsilon)$ |
#
# $\hat m, \hat v$: the averages with Adam's bias correction. Only plain SGD steps by
# learning rate × gradient.

# %% optimizers-compare [markdown] slideshow={"slide_type": "slide"}
# ## Compare optimizers each at its own learning rate
#
# - Same model, same start, 50 steps; 5 learning rates for each optimizer
# - At one shared learning rate (0.01): momentum ahead, Adam last
# - Each at its best learning rate: plain SGD first on this small, smooth problem
#
# The ranking depends on the learning rate and the problem: tune each before comparing.

# %% loop-animation [markdown] slideshow={"slide_type": "slide"} animation="../animations/09_training.py#TrainingLoop"
# ## The training loop
#
# forward → loss → backward → step → zero_grad, for every batch, epoch after epoch

# %% loop-code [markdown] slideshow={"slide_type": "slide"}
# ## Three splits of the 1797 digits
#
# | split | samples | used for |
# |---|---|---|
# | training | 1258 | the optimizer's steps |
# | validation | 270 | measuring after every epoch; choosing hyperparameters |
# | test | 269 | one final score (section 10) |

# %% validation [markdown] slideshow={"slide_type": "slide"}
# ## The validation loop
#
# - `model.eval()`: layers such as Dropout switch to evaluation behaviour (section 10)
# - `torch.no_grad()`: no tape, nothing here calls `backward()`
# - loss and accuracy (largest logit = right class) over the validation split
# - `model.train()`: back to training behaviour

# %% loop-steps [markdown] slideshow={"slide_type": "slide"}
# ## Steps 2 to 7, then validation
#
# ```text
# for each epoch:
#     for each batch of the training split:
#         zero_grad → forward → loss → backward → step
#     evaluate on the validation split
# ```

# %% zero-grad [markdown] slideshow={"slide_type": "slide"}
# ## Why `optimizer.zero_grad()` every iteration
#
# `backward()` **adds** into `.grad`: without a reset, each step mixes in every earlier batch.

# %% hyperparameters [markdown] slideshow={"slide_type": "slide"}
# ## Hyperparameters: chosen by us, not learned
#
# Learning rate, momentum, batch size, number of epochs, the network's size ...
#
# Choose them by the **validation** score. The test set plays no part in any choice, so that its
# score still measures unseen data.

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | Piece | In PyTorch |
# |---|---|
# | loss | `nn.MSELoss` for numbers, `nn.CrossEntropyLoss` on logits (class indices or probabilities) |
# | gradients | `loss.backward()` fills `.grad`; reset with `optimizer.zero_grad()` |
# | update | `optimizer.step()`: plain `SGD` is $w - \text{lr}\,g$; momentum and `Adam` keep running averages |
# | validate | every epoch: `model.eval()`, `torch.no_grad()`, loss and accuracy, `model.train()` |
# | hyperparameters | chosen on the validation split, never on the test set |
#
# Next: evaluating and saving a model
