"""Transforms: callables that turn a raw sample into what the model needs."""

# %% dataset-with-transforms
import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, Dataset


class DigitsDataset(Dataset):
    def __init__(self, transform=None, target_transform=None):
        digits = load_digits()
        self.features = torch.tensor(digits.data).float()  # [1797, 64]
        self.labels = torch.tensor(digits.target)          # [1797]
        self.transform = transform                # applied to the features
        self.target_transform = target_transform  # applied to the label

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        x, y = self.features[index], self.labels[index]
        if self.transform:
            x = self.transform(x)
        if self.target_transform:
            y = self.target_transform(y)
        return x, y

# %% feature-transform
def to_image(x):
    return (x / 16).reshape(1, 8, 8)  # 0..1, [channels, height, width]


raw, _ = DigitsDataset()[0]
x, y = DigitsDataset(transform=to_image)[0]
print("raw:", raw.shape, " values", raw.min().item(), "to", raw.max().item())
print("transformed:", x.shape, " values", x.min().item(), "to", x.max().item())
assert x.shape == (1, 8, 8) and 0 <= x.min() and x.max() <= 1
assert torch.equal(x.flatten(), raw / 16)  # the same pixels, scaled

# %% target-transform
def one_hot(y):
    return torch.nn.functional.one_hot(y, num_classes=10).float()


transformed = DigitsDataset(transform=to_image, target_transform=one_hot)
x, y = transformed[3]
print("label 3 as one-hot:", y)
assert y.shape == (10,) and y.argmax() == 3 and y.sum() == 1

# %% batched-images
torch.manual_seed(0)
image_loader = DataLoader(transformed, batch_size=32, shuffle=True)
images, targets = next(iter(image_loader))
print("images:", images.shape, " targets:", targets.shape)
assert images.shape == (32, 1, 8, 8)  # [batch_size, features...]
assert targets.shape == (32, 10)
