"""A small CNN reads scikit-learn's 8x8 digits: >= 95% test accuracy."""

# %% pick-a-device
import time

import torch
from sklearn.datasets import load_digits  # bundled: no download
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

device = (torch.accelerator.current_accelerator()
          if torch.accelerator.is_available() else torch.device("cpu"))
print("device:", device)  # cuda or mps where there is one, else cpu
assert (device.type == "cpu") == (not torch.accelerator.is_available())

# %% images-and-labels
torch.manual_seed(0)
X, y = load_digits(return_X_y=True)     # 1797 rows of 64 pixels
images = torch.tensor(X, dtype=torch.float32).view(-1, 1, 8, 8) / 16
dataset = TensorDataset(images, torch.tensor(y))  # (1, 8, 8): one channel
split = torch.Generator().manual_seed(42)          # sections 8 and 9 split
train_set, val_set, test_set = random_split(dataset, [0.7, 0.15, 0.15],
                                            generator=split)
train_loader = DataLoader(train_set, batch_size=64, shuffle=True)
x_test, y_test = test_set[:]
print("one image:", tuple(train_set[0][0].shape), " test:", tuple(x_test.shape))
assert x_test.shape == (269, 1, 8, 8)

# %% the-cnn
model = nn.Sequential(
    # convolutions find local features: edges, strokes, corners
    nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.ReLU(),   # 16x8x8
    nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(),  # 32x8x8
    nn.MaxPool2d(2),                                         # 32x4x4
    # linear layers combine those features into a decision
    nn.Flatten(),                                            # 512
    nn.Linear(32 * 4 * 4, 64), nn.ReLU(),
    nn.Linear(64, 10),                            # one logit per digit
).to(device)
print(sum(p.numel() for p in model.parameters()), "learnable parameters")
assert model(x_test[:2].to(device)).shape == (2, 10)  # 10 logits per image

# %% train
loss_fn = nn.CrossEntropyLoss()
# lr and epochs: the best of a few settings tried on the validation split
optimizer = torch.optim.Adam(model.parameters(), lr=5e-3)
start = time.perf_counter()
for epoch in range(15):
    for x, y in train_loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
seconds = time.perf_counter() - start
print(f"15 epochs in {seconds:.1f} s on {device}")
assert x.device.type == next(model.parameters()).device.type == device.type

# %% test-accuracy
model.eval()
with torch.inference_mode():
    predicted = model(x_test.to(device)).argmax(dim=1).cpu()
accuracy = (predicted == y_test).float().mean().item()
print(f"test accuracy {accuracy:.1%} on {len(y_test)} digits")
assert accuracy >= 0.95
