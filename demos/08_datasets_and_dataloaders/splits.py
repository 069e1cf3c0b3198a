"""Training, validation and test sets: random_split with a seeded generator."""

# %% random-split
import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, Subset, TensorDataset, random_split

X, y = load_digits(return_X_y=True)
dataset = TensorDataset(torch.tensor(X, dtype=torch.float32), torch.tensor(y))
generator = torch.Generator().manual_seed(42)  # seeded: the same every run
train_set, val_set, test_set = random_split(
    dataset, [0.7, 0.15, 0.15], generator=generator)  # fractions, or sizes
sizes = len(train_set), len(val_set), len(test_set)
print("train, validation, test:", sizes)
assert sizes == (1258, 270, 269) and sum(sizes) == 1797

# %% no-overlap
assert isinstance(train_set, Subset)  # a Dataset that keeps its indices
train_idx = set(train_set.indices)
val_idx, test_idx = set(val_set.indices), set(test_set.indices)
assert not (train_idx & val_idx or train_idx & test_idx or val_idx & test_idx)
assert train_idx | val_idx | test_idx == set(range(1797))  # none lost
again = random_split(dataset, [0.7, 0.15, 0.15],
                     generator=torch.Generator().manual_seed(42))
assert again[2].indices == test_set.indices  # the same seed, the same split
print("no sample in two parts; the same split on every run")

# %% split-loaders
train_loader = DataLoader(train_set, batch_size=64, shuffle=True)  # learn
val_loader = DataLoader(val_set, batch_size=64)    # every epoch: choose, stop
test_loader = DataLoader(test_set, batch_size=64)  # once, at the very end
batches = len(train_loader), len(val_loader), len(test_loader)
print("batches per pass:", batches)
assert batches == (20, 5, 5)  # 1258 / 64, 270 / 64, 269 / 64, rounded up
