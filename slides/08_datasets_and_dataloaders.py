# %% title [markdown] slideshow={"slide_type": "slide"}
# # Datasets and DataLoaders
#
# ## Feeding data to a model, one mini-batch at a time
#
# Section 8 of *Introduction to PyTorch*

# %% two-classes [markdown] slideshow={"slide_type": "slide"}
# ## Two classes from `torch.utils.data`
#
# | `Dataset` | `DataLoader` |
# |---|---|
# | stores the samples and their labels | wraps an iterable around a `Dataset` |
# | `dataset[i]` returns **one** sample | `for X, y in loader:` yields **mini-batches** |
# | `len(dataset)` samples | `batch_size`, `shuffle`, `drop_last`, `num_workers` |
# | can prepare each sample in `__getitem__` | one loop over it is one epoch |

# %% digits [markdown] slideshow={"slide_type": "slide"}
# ## The 8×8 digits of scikit-learn
#
# `sklearn.datasets.load_digits`: bundled with scikit-learn, **no download**.
# (`torchvision.datasets` offers MNIST, FashionMNIST, ... and downloads them; we stay offline.)
#
# | | shape | values |
# |---|---|---|
# | `X`: the images, flattened | `(1797, 64)` | pixels 0 to 16 |
# | `y`: the labels | `(1797,)` | the digits 0 to 9 |

# %% custom-dataset [markdown] slideshow={"slide_type": "slide"}
# ## A custom `Dataset`: three methods
#
# Inherit from `torch.utils.data.Dataset`, then implement:
#
# | method | called by | does |
# |---|---|---|
# | `__init__` | `DigitsDataset()` | loads the data once, as tensors |
# | `__len__` | `len(dataset)` | the number of samples |
# | `__getitem__` | `dataset[index]` | one sample: `(features, label)` |

# %% transforms [markdown] slideshow={"slide_type": "slide"}
# ## Transforms, applied by your `__getitem__`
#
# Plain callables, applied by **your** `__getitem__`, one sample at a time: a torchvision convention,
# not a `Dataset` feature (`TensorDataset(..., transform=f)` raises `TypeError`).
#
# | argument | applied to | our example |
# |---|---|---|
# | `transform` | the features | pixels 0…16 → 0…1, shape `[64]` → `[1, 8, 8]` |
# | `target_transform` | the label | `3` → `[0, 0, 0, 1, 0, 0, 0, 0, 0, 0]` |

# %% dataloader [markdown] slideshow={"slide_type": "slide"}
# ## Iterating a `DataLoader` yields batches
#
# - any `Dataset` works: ours, or a ready-made `TensorDataset(features, labels)`
# - each batch: features `[batch_size, features...]`, labels `[batch_size]`
# - `len(loader)`: batches per epoch; 1797 = 28 × 64 + 5

# %% batches-animation [markdown] slideshow={"slide_type": "slide"} animation="../animations/08_datasets_and_dataloaders.py#DataLoaderBatches"
# ## Shuffle, then cut into mini-batches
#
# Each epoch draws a new order; each step stacks the next `batch_size` samples into tensors.

# %% num-workers [markdown] slideshow={"slide_type": "slide"}
# ## `num_workers`: batches loaded by worker processes
#
# | start method | the default on | a worker starts by |
# |---|---|---|
# | `spawn` | Windows, macOS | importing your script again |
# | `forkserver` | Linux, from Python 3.14 | importing your script again |
# | `fork` | Linux, up to Python 3.13 | copying the running process |
#
# - In a script: the `Dataset` class at the top level, the loading under `if __name__ == "__main__":`
# - In a notebook or VS Code's interactive window, spawn and forkserver workers cannot find a class
#   defined there: `num_workers > 0` fails. Run such code as a script.

# %% splits [markdown] slideshow={"slide_type": "slide"}
# ## Training, validation and test
#
# | part | share | used for | when |
# |---|---|---|---|
# | training | 70 % | learning the weights | every step |
# | validation | 15 % | choosing hyperparameters, deciding when to stop | after every epoch (section 9) |
# | test | 15 % | the final score, on data no decision was based on | once, at the very end |
#
# `random_split` with a seeded `torch.Generator`: the same split on every run.

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | You write | PyTorch does |
# |---|---|
# | a `Dataset`: `__init__`, `__len__`, `__getitem__` | `dataset[i]` → one (features, label) |
# | a `__getitem__` that applies your `transform` and `target_transform` (torchvision's convention) | the DataLoader calls `__getitem__` for each sample it fetches |
# | `DataLoader(dataset, batch_size, shuffle=True)` | batches `[batch_size, ...]`, a new order every epoch |
# | `num_workers=2`, in a script under the main guard | loads batches in worker processes |
# | `random_split(dataset, [0.7, 0.15, 0.15], generator)` | training, validation and test sets |
#
# Next: training a model.
