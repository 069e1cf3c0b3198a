# %% title [markdown] slideshow={"slide_type": "slide"}
# # Why PyTorch
#
# ## Machine learning, deep learning and your first setup
#
# Section 1 of *Introduction to PyTorch*

# %% setup slideshow={"slide_type": "skip"}
import torch

# %% what-is-pytorch [markdown] slideshow={"slide_type": "slide"}
# ## What PyTorch is
#
# - An **open source** machine learning framework: BSD-style licence, started at Facebook AI Research
#   (Meta AI), governed since 2022 by the **PyTorch Foundation**, part of the Linux Foundation
# - One tool from **research** to **prototyping** to **production deployment**
# - **Tensors**: multi-dimensional arrays that work like NumPy arrays, with **GPU acceleration**
# - **Python-first**: a model is ordinary Python code that runs line by line; debug it like any program
#
# Docs: `pytorch.org/docs/stable` · `torch` · `torch.nn` · `torch.optim`

# %% pytorch-vs-tensorflow [markdown] slideshow={"slide_type": "slide"}
# ## PyTorch and TensorFlow, fairly
#
# | | PyTorch | TensorFlow |
# |---|---|---|
# | from | Meta AI, now the PyTorch Foundation | Google |
# | licence | BSD-style | Apache 2.0 |
# | style | Python-first, eager: code runs as written | high-level **Keras** API; eager by default since TF 2 |
# | known for | most research code; `torch.compile`, `torch.export` | production serving, phones (TF Lite, now LiteRT), the browser (TF.js) |
#
# Both are mature, run on GPUs and could train everything in this course. **The ideas transfer.**

# %% traditional-vs-ml [markdown] slideshow={"slide_type": "slide"}
# ## Traditional programming and machine learning
#
# | | you give it | it gives you |
# |---|---|---|
# | **traditional programming** | rules + data | answers |
# | **machine learning** | data + answers | rules |
#
# *Machine learning is making sense of data.*

# %% hand-written-rule-code slideshow={"slide_type": "fragment"} include="../demos/01_why_pytorch/traditional_vs_ml.py#hand-written-rule"

# %% learn-the-rule [markdown] slideshow={"slide_type": "slide"}
# ## Learning the rule from examples
#
# Data: 25 temperatures in °C. Answers: noisy °F readings. Model: $F = w \cdot C + b$.

# %% examples-code slideshow={"slide_type": "skip"} include="../demos/01_why_pytorch/traditional_vs_ml.py#examples"

# %% learn-the-rule-code slideshow={"slide_type": "fragment"} include="../demos/01_why_pytorch/traditional_vs_ml.py#learn-the-rule"

# %% ml-vs-deep-learning [markdown] slideshow={"slide_type": "slide"}
# ## Machine learning and deep learning
#
# *Is there a dog in this image?*
#
# | machine learning | deep learning |
# |---|---|
# | a programmer designs the **features**: ear shape, fur texture, ... (feature extraction) | the model **learns** the features from data |
# | a classifier on the hand-made features | many **layers**, each a **nonlinear transformation** of the one before |
# | only as good as the features | edges → textures → parts → dogs |
#
# **Deep** = the number of layers the data passes through.

# %% universal-approximators [markdown] slideshow={"slide_type": "slide"}
# ## Neural networks are universal function *approximators*
#
# **Universal approximation theorem**: one hidden layer with a nonlinear activation can approximate any
# continuous function on a bounded range as closely as you like, given enough neurons.
#
# - Not "optimizers": *training* uses an optimizer; the *network* approximates a function
# - It promises that good weights **exist**, not how many neurons you need, nor how to find them
# - In practice, deeper networks often need far fewer neurons

# %% feed-forward [markdown] slideshow={"slide_type": "slide"} animation="../animations/01_why_pytorch.py#FeedForwardPass"
# ## Feed-forward networks
#
# One way, input → hidden layers → output: `nn.Linear` + `nn.ReLU`. For fixed-size inputs, like table rows.

# %% recurrent [markdown] slideshow={"slide_type": "slide"} animation="../animations/01_why_pytorch.py#RecurrentUnrolled"
# ## Recurrent networks
#
# Sequences, one step at a time, carrying a hidden state: `nn.RNN`, `nn.LSTM`, `nn.GRU`.

# %% convolutional [markdown] slideshow={"slide_type": "slide"} animation="../animations/01_why_pytorch.py#ConvolutionSlide"
# ## Convolutional networks
#
# Images and other grids: a small kernel slides over the input and builds a feature map: `nn.Conv2d`.

# %% when-ml-makes-sense [markdown] slideshow={"slide_type": "slide"}
# ## When does machine learning make sense?
#
# - The rule is too complex to write by hand (*is there a dog?*) **and** there are plenty of examples with answers
# - A simple, exact rule exists (°C → °F)? Write it down.
#
# **Cover's theorem** (1965): points that are not linearly separable in a low dimension become linearly
# separable **with high probability** once mapped **nonlinearly** into a higher dimension.
#
# - That is what hidden layers do
# - The catch: with many dimensions and few points, even random labels separate: you need enough data,
#   and you test on data the model has not seen

# %% covers-theorem [markdown] slideshow={"slide_type": "slide"} animation="../animations/01_why_pytorch.py#CoversTheoremLift"
# ## Cover's theorem: XOR, lifted
#
# No line separates XOR in 2-D. Add $z = x \cdot y$, and the plane $z = 0$ does.

# %% covers-on-data [markdown] slideshow={"slide_type": "slide"}
# ## Cover's theorem on data
#
# XOR-like points: class 1 where $x_1 x_2 > 0$. A linear classifier, before and after adding $x_1 x_2$.

# %% xor-data-code slideshow={"slide_type": "skip"} include="../demos/01_why_pytorch/covers_theorem.py#make-xor-data"

# %% linear-in-2d-code slideshow={"slide_type": "fragment"} include="../demos/01_why_pytorch/covers_theorem.py#linear-in-2d"

# %% lift-to-3d-code slideshow={"slide_type": "fragment"} include="../demos/01_why_pytorch/covers_theorem.py#lift-to-3d"

# %% setup-environment [markdown] slideshow={"slide_type": "slide"}
# ## Setting up: a virtual environment
#
# ```text
# python -m venv .venv                # once: a private Python for the course
# source .venv/bin/activate           # macOS / Linux
# .venv\Scripts\activate              # Windows
# pip install -r requirements.txt     # the versions the demos were tested with
# ```
#
# - Every section's download has its `requirements.txt`
# - NVIDIA GPU? The install selector on pytorch.org gives the exact `pip` command for your system

# %% check-install [markdown] slideshow={"slide_type": "slide"}
# ## Checking the install
#
# `python check_install.py` prints the version and the accelerators PyTorch can see.

# %% version-code slideshow={"slide_type": "fragment"} include="../demos/01_why_pytorch/check_install.py#version"

# %% devices-code slideshow={"slide_type": "fragment"} include="../demos/01_why_pytorch/check_install.py#devices"

# %% pick-device [markdown] slideshow={"slide_type": "slide"}
# ## Picking the device in one line
#
# CUDA if there is one, else MPS, else the CPU; then create tensors with `device=device`.
#
# <style>#pick-device pre { white-space: pre-wrap; }</style>

# %% pick-device-code slideshow={"slide_type": "fragment"} include="../demos/01_why_pytorch/check_install.py#pick-device"

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | idea | in one line |
# |---|---|
# | PyTorch | open source, Python-first, NumPy-like tensors with GPU acceleration |
# | machine learning | data + answers → rules: making sense of data |
# | deep learning | features learned by many nonlinear layers |
# | network families | feed-forward (tables), recurrent (sequences), convolutional (images) |
# | Cover's theorem | a nonlinear lift into more dimensions makes classes linearly separable |
# | setup | `python -m venv .venv`, `pip install -r requirements.txt`, pick the device |
