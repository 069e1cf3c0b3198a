"""A custom Dataset: scikit-learn's 8x8 digits as (features, label) samples."""

# %% load-digits
import torch
from sklearn.datasets import load_digits  # bundled: no download

X, y = load_digits(return_X_y=True)  # NumPy arrays: features and labels
print("X:", X.shape, " y:", y.shape)
print("pixel values from", X.min(), "to", X.max())
assert X.shape == (1797, 64)  # 1797 images of 8x8 = 64 pixels
assert X.min() == 0 and X.max() == 16
assert sorted(set(y)) == list(range(10))  # 10 classes: the digits 0..9

# %% define-dataset
from torch.utils.data import Dataset


class DigitsDataset(Dataset):
    def __init__(self):
        X, y = load_digits(return_X_y=True)  # load once
        self.features = torch.tensor(X, dtype=torch.float32)  # [1797, 64]
        self.labels = torch.tensor(y)                         # [1797]

    def __len__(self):
        return len(self.labels)  # how many samples

    def __getitem__(self, index):
        return self.features[index], self.labels[index]  # one sample


dataset = DigitsDataset()
assert dataset.labels.dtype == torch.int64  # labels: 64-bit integers

# %% index-and-len
features, label = dataset[0]  # dataset[0] calls __getitem__(0)
print("len(dataset):", len(dataset))
print("features:", features.shape, features.dtype, " label:", label.item())
assert len(dataset) == 1797  # len(dataset) calls __len__()
assert features.shape == (64,) and features.dtype == torch.float32
assert label.item() == 0  # sample 0 is a zero

# %% look-at-a-sample
features, label = dataset[42]
for row in features.view(8, 8):  # the 64 features are an 8x8 image
    print("".join(" .:-=+*#%@"[int(v) * 9 // 16] * 2 for v in row))
print("label:", label.item())
assert label.item() == 1 == y[42]  # sample 42 is a one
