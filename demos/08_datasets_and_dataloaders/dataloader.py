"""DataLoader: mini-batches, reshuffled every epoch, from any Dataset."""

# %% dataset-class
import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, Dataset


class DigitsDataset(Dataset):  # the same class as in digits_dataset.py
    def __init__(self):
        digits = load_digits()
        self.features = torch.tensor(digits.data).float()  # [1797, 64]
        self.labels = torch.tensor(digits.target)          # [1797]

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

# %% make-loader
torch.manual_seed(0)  # shuffle=True draws its order from this seed
dataset = DigitsDataset()
loader = DataLoader(dataset, batch_size=64, shuffle=True)
print("samples:", len(dataset), " batches per epoch:", len(loader))
assert len(loader) == 29  # 1797 / 64 = 28.08, rounded up

# %% one-batch
X, y = next(iter(loader))  # the loader is iterable; each item is one batch
print("X:", X.shape, X.dtype, " y:", y.shape, y.dtype)
assert X.shape == (64, 64)  # [batch_size, features]
assert y.shape == (64,)     # [batch_size]

# %% one-epoch
sizes = []
for X, y in loader:  # one pass over the whole dataset: one epoch
    sizes.append(len(y))
print("batch sizes:", sizes[:3], "...", sizes[-3:])
assert sum(sizes) == 1797  # every sample, exactly once
assert sizes[-1] == 1797 - 28 * 64 == 5  # the last batch holds what is left

# %% shuffle-each-epoch
first_batches = []
for epoch in range(2):
    X, y = next(iter(loader))  # a new iterator starts a new epoch
    first_batches.append(y)
    print(f"epoch {epoch}: first labels {y[:8].tolist()}")
assert not torch.equal(first_batches[0], first_batches[1])  # a new order

# %% drop-last
loader = DataLoader(dataset, batch_size=64, shuffle=True, drop_last=True)
sizes = [len(y) for X, y in loader]
print("batches:", len(sizes), " last batch size:", sizes[-1])
assert len(loader) == 28 and set(sizes) == {64}  # the short batch is gone
