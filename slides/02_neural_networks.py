# %% title [markdown] slideshow={"slide_type": "slide"}
# # Neural networks
#
# ## What their layers compute and the shapes they come in
#
# Section 2 of *Introduction to PyTorch*

# %% layers [markdown] slideshow={"slide_type": "slide"}
# ## A neuron, a layer
#
# - A **neuron**: multiply each input by a weight, add them up, add a bias: $w_1 x_1 + w_2 x_2 + w_3 x_3 + b$
# - A **layer**: many neurons side by side, one weight matrix $W$ and one bias vector $b$:
#   $y = x W^\top + b$
# - In PyTorch: `nn.Linear(in_features, out_features)`, a layer from `torch.nn` (section 7)

# %% activations [markdown] slideshow={"slide_type": "slide"}
# ## Activation functions
#
# Applied to each number on its own, after a hidden layer. **Nonlinear**: the graph is not one straight line.
#
# | activation | formula | output |
# |---|---|---|
# | **ReLU** (rectified linear unit) | $\max(0, x)$ | negatives become 0, positives pass unchanged |
# | sigmoid | $1 / (1 + e^{-x})$ | between 0 and 1; 0.5 at 0 |
# | tanh | $\tanh x$ | between −1 and 1; 0 at 0 |
#
# In PyTorch: `nn.ReLU()` as a module, `F.relu` as a function (`torch.nn.functional`, section 7);
# `torch.sigmoid`, `torch.tanh`.

# %% why-nonlinear [markdown] slideshow={"slide_type": "slide"}
# ## Without an activation, layers collapse
#
# Two linear layers with nothing between them, multiplied out:
#
# $$(x W_1^\top + b_1) W_2^\top + b_2 = x (W_2 W_1)^\top + (W_2 b_1 + b_2)$$
#
# - One linear layer again: any number of stacked linear layers is **one** linear layer
# - Strictly, with a bias the map is *affine*; affine maps compose to affine maps
# - With a ReLU between them, the stack is no longer one linear map: depth adds something

# %% universal-approximators [markdown] slideshow={"slide_type": "slide"}
# ## Neural networks are universal function *approximators*
#
# **Universal approximation theorem**: one hidden layer with an activation that is not a polynomial (ReLU,
# sigmoid, tanh, ...) can approximate any continuous function on a closed, bounded set of inputs as
# closely as you like, given enough neurons.
#
# - Not "optimizers": *training* uses an optimizer; the *network* approximates a function
# - It promises that good weights **exist**, not how many neurons you need, nor how to find them
# - Some functions need far fewer neurons in a deeper network than with one hidden layer

# %% feed-forward [markdown] slideshow={"slide_type": "slide"} animation="../animations/02_neural_networks.py#FeedForwardPass"
# ## Feed-forward networks
#
# One way, input → hidden layers → output: `nn.Linear` + `nn.ReLU`. For fixed-size inputs, like table rows.

# %% recurrent [markdown] slideshow={"slide_type": "slide"} animation="../animations/02_neural_networks.py#RecurrentUnrolled"
# ## Recurrent networks
#
# Sequences, one step at a time, carrying a hidden state: `nn.RNN`, `nn.LSTM`, `nn.GRU`.

# %% transformers [markdown] slideshow={"slide_type": "slide"}
# ## Transformers
#
# A whole sequence at once: through **attention**, every position can look at every other
# (in a decoder that generates text: at itself and every earlier one).
# Text, and now much else. In PyTorch: `nn.MultiheadAttention`, `nn.TransformerEncoderLayer`,
# `nn.TransformerDecoderLayer`, `nn.Transformer`.

# %% convolutional [markdown] slideshow={"slide_type": "slide"} animation="../animations/02_neural_networks.py#ConvolutionSlide"
# ## Convolutional networks
#
# Images and other grids: a small kernel slides over the input and builds a feature map: `nn.Conv2d`.
# (Strictly a cross-correlation: the kernel is not flipped.)

# %% covers-theorem [markdown] slideshow={"slide_type": "slide"}
# ## Cover's theorem (1965): counting separable labellings
#
# $N$ points in general position in $d$ dimensions, two classes: $2^N$ labellings. A hyperplane through
# the origin separates $C(N, d) = 2 \sum_{k=0}^{d-1} \binom{N-1}{k}$ of them:
#
# | points | share of labellings a hyperplane separates |
# |---|---|
# | $N \le d$ | all of them |
# | $N = 2d$ | exactly half |
# | $N > 2d$ | falls fast towards 0 |
#
# A boundary with a bias: count one dimension more. So a **nonlinear** map into **more dimensions** makes
# linear separation **more likely when the number of points is small relative to the dimension**.

# %% xor-lift [markdown] slideshow={"slide_type": "slide"} animation="../animations/02_neural_networks.py#CoversTheoremLift"
# ## XOR, lifted
#
# No line separates XOR in 2-D; add $z = x \cdot y$ and the plane $z = 0$ does. Four corners lifted:
# $N = d = 4$, all 16 labellings separable. The animation's 36 points: the plane works because $z$ is
# the feature behind the labels.

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | idea | in one line |
# |---|---|
# | a layer | weighted sums: $x W^\top + b$, `nn.Linear` |
# | activation | nonlinear, applied to each number; ReLU = $\max(0, x)$ |
# | without one | any stack of linear layers is one linear layer |
# | universal approximation | good weights exist; finding them is training's job |
# | network families | feed-forward (tables), recurrent and transformers (sequences), convolutional (images) |
# | Cover's theorem | a nonlinear lift to more dimensions makes linear separation more likely when the points are few relative to the dimension |
#
# **Next**: tensors, PyTorch's n-dimensional arrays
