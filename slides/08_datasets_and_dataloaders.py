# %% title [markdown] slideshow={"slide_type": "slide"}
# # Datasets and DataLoaders
#
# ## Feeding data to a model, one mini-batch at a time
#
# Section 6 of *Introduction to PyTorch*

# %% setup slideshow={"slide_type": "skip"}
import torch

# %% two-classes [markdown] slideshow={"slide_type": "slide"}
# ## Two classes from `torch.utils.data`
#
# | `Dataset` | `DataLoader` |
# |---|---|
# | stores the samples and their labels | wraps an iterable around a `Dataset` |
# | `dataset[i]` returns **one** sample | `for X, y in loader:` yields **mini-batches** |
# | `len(dataset)` samples | `batch_size`, `shuffle`, `num_workers`, `drop_last` |
# | prepares each sample: `transform=` | runs the epochs |
#
# Your data code stays the same whatever the model.

# %% digits [markdown] slideshow={"slide_type": "slide"}
# ## The 8×8 digits of scikit-learn
#
# `sklearn.datasets.load_digits()`: bundled with scikit-learn, **no download**.
# (`torchvision.datasets` offers MNIST, FashionMNIST, ... and downloads them; we stay offline.)

# %% digits-code slideshow={"slide_type": "fragment"} include="../demos/08_datasets_and_dataloaders/digits_dataset.py#load-digits"

# %% custom-dataset [markdown] slideshow={"slide_type": "slide"}
# ## A custom `Dataset`: three methods
#
# Inherit from `torch.utils.data.Dataset`; implement `__init__`, `__len__` and `__getitem__`.

# %% custom-dataset-code include="../demos/08_datasets_and_dataloaders/digits_dataset.py#define-dataset"

# %% index-and-len [markdown] slideshow={"slide_type": "slide"}
# ## Indexing like a list: `dataset[index]`, `len(dataset)`

# %% index-and-len-code include="../demos/08_datasets_and_dataloaders/digits_dataset.py#index-and-len"

# %% look-code slideshow={"slide_type": "fragment"} include="../demos/08_datasets_and_dataloaders/digits_dataset.py#look-at-a-sample"

# %% transforms [markdown] slideshow={"slide_type": "slide"}
# ## Transforms: `transform=` and `target_transform=`
#
# Callables applied in `__getitem__`: pixels 0…16 → 0…1, shape `[64]` → `[1, 8, 8]`.

# %% transforms-class slideshow={"slide_type": "skip"} include="../demos/08_datasets_and_dataloaders/transforms.py#dataset-with-transforms"

# %% transforms-code include="../demos/08_datasets_and_dataloaders/transforms.py#feature-transform"

# %% target-transform [markdown] slideshow={"slide_type": "slide"}
# ## A target transform: one-hot labels
#
# `CrossEntropyLoss` takes class indices; a loss such as `MSELoss` needs a vector per label.

# %% target-transform-code include="../demos/08_datasets_and_dataloaders/transforms.py#target-transform"

# %% dataloader [markdown] slideshow={"slide_type": "slide"}
# ## Iterating a `DataLoader` yields batches
#
# Features `[batch_size, features...]`, labels `[batch_size]`.

# %% dataloader-class slideshow={"slide_type": "skip"} include="../demos/08_datasets_and_dataloaders/dataloader.py#dataset-class"

# %% dataloader-make include="../demos/08_datasets_and_dataloaders/dataloader.py#make-loader"

# %% dataloader-batch slideshow={"slide_type": "fragment"} include="../demos/08_datasets_and_dataloaders/dataloader.py#one-batch"

# %% dataloader-images slideshow={"slide_type": "fragment"} include="../demos/08_datasets_and_dataloaders/transforms.py#batched-images"

# %% batches-animation [markdown] slideshow={"slide_type": "slide"} animation="../animations/08_datasets_and_dataloaders.py#DataLoaderBatches"
# ## Shuffle, then cut into mini-batches
#
# Each epoch draws a new order; each step stacks the next `batch_size` samples into tensors.

# %% drop-last [markdown] slideshow={"slide_type": "slide"}
# ## One epoch, and `drop_last`
#
# 1797 = 28 × 64 + 5: the last batch holds what is left, unless `drop_last=True`.

# %% drop-last-epoch include="../demos/08_datasets_and_dataloaders/dataloader.py#one-epoch"

# %% drop-last-code slideshow={"slide_type": "fragment"} include="../demos/08_datasets_and_dataloaders/dataloader.py#drop-last"

# %% shuffle [markdown] slideshow={"slide_type": "slide"}
# ## `shuffle=True` reshuffles every epoch
#
# Each new iteration of the loader is a new epoch with a new random order.

# %% shuffle-code include="../demos/08_datasets_and_dataloaders/dataloader.py#shuffle-each-epoch"

# %% num-workers [markdown] slideshow={"slide_type": "slide"}
# ## `num_workers`: load batches in worker processes
#
# - Worker processes may import your script again (on Windows and macOS)
# - So start them only under `if __name__ == "__main__":`

# %% workers-class slideshow={"slide_type": "skip"} include="../demos/08_datasets_and_dataloaders/workers.py#dataset-class"

# %% workers-code include="../demos/08_datasets_and_dataloaders/workers.py#load-with-workers"

# %% train-test-split [markdown] slideshow={"slide_type": "slide"}
# ## Train and test split: `random_split`
#
# A seeded `torch.Generator` gives the same split on every run.

# %% split-class slideshow={"slide_type": "skip"} include="../demos/08_datasets_and_dataloaders/train_test_split.py#dataset-class"

# %% split-code include="../demos/08_datasets_and_dataloaders/train_test_split.py#random-split"

# %% split-overlap slideshow={"slide_type": "fragment"} include="../demos/08_datasets_and_dataloaders/train_test_split.py#no-overlap"

# %% why-held-out [markdown] slideshow={"slide_type": "slide"}
# ## Only unseen data measures learning
#
# Two models, no training: one memorises the images, one finds the most similar.

# %% why-models slideshow={"slide_type": "skip"} include="../demos/08_datasets_and_dataloaders/train_test_split.py#two-models"

# %% why-code include="../demos/08_datasets_and_dataloaders/train_test_split.py#why-held-out"

# %% summary [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | You write | PyTorch does |
# |---|---|
# | a `Dataset`: `__init__`, `__len__`, `__getitem__` | `dataset[i]` → one (features, label) |
# | `transform=`, `target_transform=` | prepares each sample when it is fetched |
# | `DataLoader(dataset, batch_size, shuffle=True)` | batches `[batch_size, ...]`, a new order every epoch |
# | `num_workers=2`, `drop_last=True` | loads in parallel; skips the short last batch |
# | `random_split(dataset, sizes, generator)` | a test set the model never sees |
