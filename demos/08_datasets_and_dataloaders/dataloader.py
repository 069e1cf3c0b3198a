"""DataLoader: mini-batches, reshuffled every epoch, from any Dataset."""

# %% make-loader
import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)  # shuffle=True draws its order from this seed
X, y = load_digits(return_X_y=True)
dataset = TensorDataset(torch.tensor(X, dtype=torch.float32), torch.tensor(y))
loader = DataLoader(dataset, batch_size=64, shuffle=True)
print("samples:", len(dataset), " batches per epoch:", len(loader))
assert dataset[0][0].shape == (64,) and dataset[0][1] == 0  # (features, label)
assert len(loader) == 29  # 1797 / 64 = 28.08, rounded up

# %% one-batch
X, y = next(iter(loader))  # the loader is iterable; each item is one batch
print("X:", X.shape, X.dtype, " y:", y.shape, y.dtype)
assert X.shape == (64, 64)  # [batch_size, features]
assert y.shape == (64,)     # [batch_size]

# %% one-epoch
sizes = [len(y) for X, y in loader]  # one pass over the data: one epoch
print("batch sizes:", sizes[:3], "...", sizes[-3:])
assert sizes == [64] * 28 + [5] and sum(sizes) == 1797  # what is left: 5
no_short = DataLoader(dataset, batch_size=64, shuffle=True, drop_last=True)
kept = [len(y) for X, y in no_short]
print("drop_last=True:", len(kept), "batches, the last of", kept[-1])
assert kept == [64] * 28  # the short batch is gone

# %% shuffle-each-epoch
first_batches = []
for epoch in range(2):
    X, y = next(iter(loader))  # a new iterator starts a new epoch
    first_batches.append(y)
    print(f"epoch {epoch}: first labels {y[:8].tolist()}")
assert not torch.equal(first_batches[0], first_batches[1])  # a new order
