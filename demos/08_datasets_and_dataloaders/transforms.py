"""Transforms: callables that turn a raw sample into what the model needs."""

# %% transform-functions
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from torch.utils.data import Dataset, TensorDataset


def to_image(x):  # 64 pixels, 0..16 -> [channels, height, width], 0..1
    return (x / 16).reshape(1, 8, 8)


def one_hot(y):  # a class index -> 10 numbers with a single 1, at the index
    return F.one_hot(y, num_classes=10).float()


print(to_image(torch.full((64,), 16.0)).shape, one_hot(torch.tensor(3)))
assert to_image(torch.full((64,), 16.0)).shape == (1, 8, 8)
assert one_hot(torch.tensor(3)).tolist() == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]

# %% dataset-with-transforms
class DigitsDataset(Dataset):
    def __init__(self, transform=None, target_transform=None):
        X, y = load_digits(return_X_y=True)
        self.features = torch.tensor(X, dtype=torch.float32)  # [1797, 64]
        self.labels = torch.tensor(y)                         # [1797]
        self.transform, self.target_transform = transform, target_transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        x, y = self.features[index], self.labels[index]
        x = self.transform(x) if self.transform else x  # the features
        y = self.target_transform(y) if self.target_transform else y  # label
        return x, y


assert DigitsDataset()[0][0].shape == (64,)  # no transforms: as before

# %% not-a-dataset-feature
raised = None
try:  # transform= is a convention our class implements, not a Dataset feature
    TensorDataset(torch.zeros(3, 64), transform=to_image)
except TypeError as err:
    raised = err
print("TensorDataset(..., transform=...):", raised)
assert isinstance(raised, TypeError) and "transform" in str(raised)

# %% transformed-sample
raw, label = DigitsDataset()[3]
x, y = DigitsDataset(transform=to_image, target_transform=one_hot)[3]
print("raw:", raw.shape, label, " transformed:", x.shape, y)
assert x.shape == (1, 8, 8) and torch.equal(x.flatten(), raw / 16)  # scaled
assert label == 3 and y.argmax() == 3 and y.sum() == 1  # label 3, one-hot
