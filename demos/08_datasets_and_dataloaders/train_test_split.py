"""Train/test split: hold data back to score a model on samples it never saw."""

# %% dataset-class
import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, Dataset, TensorDataset, random_split


class DigitsDataset(Dataset):  # the same class as in digits_dataset.py
    def __init__(self):
        digits = load_digits()
        self.features = torch.tensor(digits.data).float()  # [1797, 64]
        self.labels = torch.tensor(digits.target)          # [1797]

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

# %% random-split
dataset = DigitsDataset()
generator = torch.Generator().manual_seed(42)  # seeded: the same every run
train_set, test_set = random_split(dataset, [1437, 360], generator=generator)
print("train:", len(train_set), " test:", len(test_set))
assert len(train_set) == 1437 and len(test_set) == 360

# %% no-overlap
train_idx, test_idx = set(train_set.indices), set(test_set.indices)  # Subsets
print("shared samples:", len(train_idx & test_idx))
assert not train_idx & test_idx                   # no sample in both
assert train_idx | test_idx == set(range(1797))   # and none lost
x, y = test_set[0]  # a Subset is a Dataset too
assert torch.equal(x, dataset[test_set.indices[0]][0])

# %% split-loaders
train_loader = DataLoader(train_set, batch_size=64, shuffle=True)  # training
test_loader = DataLoader(test_set, batch_size=64)  # evaluating: order is fine
print("train batches:", len(train_loader), " test batches:", len(test_loader))
assert len(train_loader) == 23 and len(test_loader) == 6

# %% sklearn-split
from sklearn.model_selection import train_test_split

digits = load_digits()
X_train, X_test, y_train, y_test = train_test_split(
    digits.data, digits.target, test_size=0.2, random_state=0,
    stratify=digits.target)  # the same mix of classes in both parts
train_sk = TensorDataset(torch.tensor(X_train).float(), torch.tensor(y_train))
test_sk = TensorDataset(torch.tensor(X_test).float(), torch.tensor(y_test))
print("train:", len(train_sk), " test:", len(test_sk))  # Datasets of tensors
assert len(train_sk) == 1437 and len(test_sk) == 360

# %% two-models
X_tr, y_tr = dataset[train_set.indices]  # our __getitem__ takes a list too
X_te, y_te = dataset[test_set.indices]


def memorise(X):  # the label of an identical training image, else a guess: 0
    distance, nearest = torch.cdist(X, X_tr).min(dim=1)
    identical = distance < 0.5  # whole-number pixels: others are >= 1 away
    return torch.where(identical, y_tr[nearest], 0)


def nearest_neighbour(X):  # the label of the most similar training image
    return y_tr[torch.cdist(X, X_tr).argmin(dim=1)]

# %% why-held-out
def accuracy(model, X, y):
    return (model(X) == y).float().mean().item()


for model in (memorise, nearest_neighbour):
    train_acc = accuracy(model, X_tr, y_tr)
    test_acc = accuracy(model, X_te, y_te)
    print(f"{model.__name__:>17}: train {train_acc:.0%}  test {test_acc:.0%}")
    assert train_acc == 1.0  # both look perfect on data they have seen
assert accuracy(memorise, X_te, y_te) < 0.2  # only unseen data tells them apart
assert accuracy(nearest_neighbour, X_te, y_te) > 0.95
