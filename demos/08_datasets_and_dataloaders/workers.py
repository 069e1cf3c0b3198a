"""num_workers: worker processes load the batches. Run it: python workers.py"""

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

# %% load-with-workers
def labels_of_one_epoch(num_workers):
    order = torch.Generator().manual_seed(0)  # the same order on every call
    loader = DataLoader(DigitsDataset(), batch_size=256, shuffle=True,
                        num_workers=num_workers, generator=order)
    return torch.cat([y for X, y in loader])


if __name__ == "__main__":  # not when a worker imports this file
    in_main = labels_of_one_epoch(num_workers=0)  # main process loads all
    in_workers = labels_of_one_epoch(num_workers=2)  # two workers load
    print("same batches, same order:", torch.equal(in_main, in_workers))
    assert torch.equal(in_main, in_workers)  # workers only speed loading up
