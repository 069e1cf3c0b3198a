# %% title [markdown] slideshow={"slide_type": "slide"}
# # Why PyTorch
#
# ## Machine learning, deep learning and your first setup
#
# Section 1 of *Introduction to PyTorch*

# %% what-is-pytorch [markdown] slideshow={"slide_type": "slide"}
# ## What PyTorch is
#
# - An **open source** machine learning framework: BSD-style licence, started at Facebook AI Research
#   (Meta AI), governed since 2022 by the **PyTorch Foundation**, part of the Linux Foundation
# - One tool from **research** to **prototyping** to **production deployment**
# - **Tensors**: multi-dimensional arrays that work like NumPy arrays, and can live on a **GPU**
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

# %% traditional-vs-ml [markdown] slideshow={"slide_type": "slide"} animation="../animations/01_why_pytorch.py#RulesAndAnswers"
# ## Traditional programming and machine learning
#
# **Traditional programming**: rules + data → answers. **Machine learning**: data + answers → rules.

# %% learn-the-rule [markdown] slideshow={"slide_type": "slide"}
# ## Learning the rule from examples
#
# - **Data**: 25 temperatures in °C. **Answers**: a noisy thermometer's °F readings
# - **Model**: a line, $F = w \cdot C + b$, with $w$ and $b$ starting at 0
# - **Loop**, 500 times: measure how wrong the line is on the examples; nudge $w$ and $b$ to be less wrong
#
# How PyTorch computes the nudges: autograd (section 6) and training (section 9).

# %% ml-vs-deep-learning [markdown] slideshow={"slide_type": "slide"}
# ## Machine learning and deep learning
#
# *Is there a dog in this image?*
#
# | machine learning | deep learning |
# |---|---|
# | a programmer designs the **features**: ear shape, fur texture, ... (feature extraction) | the model **learns** the features from data |
# | a classifier on the hand-made features | many **layers**, each transforming the output of the one before |
# | only as good as the features | in image models, often: edges → textures → parts → whole objects |
#
# **Deep** refers to the many layers the data passes through. What a layer computes: section 2.

# %% when-ml-makes-sense [markdown] slideshow={"slide_type": "slide"}
# ## When does machine learning make sense?
#
# - The rule is too complex to write by hand (*is there a dog?*) **and** there are plenty of examples
#   with answers
# - A simple, exact rule exists (°C → °F)? Write it down: exact, fast, no data needed
# - A flexible model can fit a few examples perfectly and still fail on new ones: judge it on examples
#   it has not seen
#
# Next video: why networks of layers can learn complex rules.

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
# - A GPU build, or a smaller CPU-only one? The install selector on pytorch.org gives the exact command
#   for your system

# %% check-install [markdown] slideshow={"slide_type": "slide"}
# ## Checking the install
#
# `python demos/01_why_pytorch/check_install.py` prints:
#
# - `torch.__version__`, and checks that it is at least PyTorch 2, with `torch.accelerator`
# - whether PyTorch sees an accelerator: `torch.accelerator.is_available()`
# - which one: `torch.accelerator.current_accelerator()`, e.g. `cuda` (NVIDIA; AMD on ROCm builds) or
#   `mps` (Apple silicon); without one, the CPU, where every demo of the course runs
#
# Devices in full: section 5.

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | idea | in one line |
# |---|---|
# | PyTorch | open source, Python-first, NumPy-like tensors with GPU acceleration |
# | traditional programming | rules + data → answers |
# | machine learning | data + answers → rules: making sense of data |
# | deep learning | the features are learned too, by many layers |
# | when ML makes sense | the rule is too complex to write, and there are plenty of examples |
# | setup | `python -m venv .venv`, `pip install -r requirements.txt`, `torch.accelerator` |
#
# **Next**: neural networks, what their layers compute and the shapes they come in
