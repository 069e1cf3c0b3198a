"""A custom Dataset: scikit-learn's 8x8 digits as (features, label) samples."""

# %% load-digits
import torch
from sklearn.datasets import load_digits  # bundled: no download

digits = load_digits()
print("data:", digits.data.shape, " target:", digits.target.shape)
print("pixel values from", digits.data.min(), "to", digits.data.max())
assert digits.data.shape == (1797, 64)  # 1797 images of 8x8 = 64 pixels
assert sorted(set(digits.target)) == list(range(10))  # 10 classes: 0..9

# %% define-dataset
from torch.utils.data import Dataset


class DigitsDataset(Dataset):
    def __init__(self):
        digits = load_digits()
        self.features = torch.tensor(digits.data).float()  # [1797, 64]
        self.labels = torch.tensor(digits.target)          # [1797]

    def __len__(self):
        return len(self.labels)  # how many samples

    def __getitem__(self, index):
        return self.features[index], self.labels[index]  # one sample

# %% index-and-len
dataset = DigitsDataset()
features, label = dataset[0]  # indexing, like a list
print("len(dataset):", len(dataset))
print("features:", features.shape, features.dtype, " label:", label.item())
assert len(dataset) == 1797
assert features.shape == (64,) and label.item() == 0

# %% look-at-a-sample
features, label = dataset[42]
for row in features.view(8, 8):  # the 64 features are an 8x8 image
    print("".join(" .:-=+*#%@"[int(v) * 9 // 16] * 2 for v in row))
print("label:", label.item())
assert label.item() == digits.target[42]
