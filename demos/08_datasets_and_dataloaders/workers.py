"""num_workers: worker processes load the batches.
Run it as a script, from a terminal: python workers.py"""

# %% dataset-class
# no-claim: the class of digits_dataset.py, repeated so this file runs alone
import sys

import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, Dataset


class DigitsDataset(Dataset):  # at the top level, where a worker can find it
    def __init__(self):
        X, y = load_digits(return_X_y=True)
        self.features = torch.tensor(X, dtype=torch.float32)  # [1797, 64]
        self.labels = torch.tensor(y)                         # [1797]

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

# %% start-method
if __name__ == "__main__":  # not when a spawned worker imports this file
    method = torch.multiprocessing.get_start_method()
    print("start method:", method)
    if sys.platform in ("win32", "darwin"):  # Windows and macOS
        assert method == "spawn"
    elif sys.platform == "linux":  # forkserver from Python 3.14, fork before
        assert method == ("forkserver" if sys.version_info >= (3, 14) else "fork")

# %% load-with-workers
def one_epoch(num_workers):  # every batch of one epoch, in order
    order = torch.Generator().manual_seed(0)  # the same order on every call
    loader = DataLoader(DigitsDataset(), batch_size=256, shuffle=True,
                        num_workers=num_workers, generator=order)
    return [X for X, y in loader]


if __name__ == "__main__":
    in_main = one_epoch(num_workers=0)     # the main process loads them all
    in_workers = one_epoch(num_workers=2)  # two worker processes load them
    same = all(torch.equal(a, b) for a, b in zip(in_main, in_workers))
    print("same batches, same order:", same)
    assert same and len(in_main) == len(in_workers) == 8  # 1797 / 256
    assert not torch.equal(in_main[0], DigitsDataset().features[:256])  # shuffled
