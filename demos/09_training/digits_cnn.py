"""A small CNN reads scikit-learn's 8x8 digits: >= 95% test accuracy."""

# %% pick-a-device
import time

import torch
import torch.nn as nn
from sklearn.datasets import load_digits  # bundled: no download
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader, TensorDataset

if torch.cuda.is_available():
    device = torch.device("cuda")
elif torch.backends.mps.is_available():
    device = torch.device("mps")
else:
    device = torch.device("cpu")
    torch.set_num_threads(1)  # tiny 8x8 batches: more threads add overhead
print("device:", device)

# %% images-and-labels
torch.manual_seed(0)
digits = load_digits()
images = torch.tensor(digits.images, dtype=torch.float32) / 16  # 0..1
images = images.unsqueeze(1)            # (N, 1, 8, 8): one channel
labels = torch.tensor(digits.target)
x_train, x_test, y_train, y_test = train_test_split(
    images, labels, test_size=0.25, random_state=0, stratify=labels)
train_loader = DataLoader(TensorDataset(x_train, y_train),
                          batch_size=64, shuffle=True)
print("train:", tuple(x_train.shape), " test:", tuple(x_test.shape))

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

# %% train
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
start = time.perf_counter()
model.train()
for epoch in range(20):
    for x, y in train_loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    if (epoch + 1) % 5 == 0:
        print(f"epoch {epoch + 1:2d}  last batch loss {loss.item():.4f}")
seconds = time.perf_counter() - start

# %% test-accuracy
model.eval()
with torch.no_grad():
    predicted = model(x_test.to(device)).argmax(dim=1).cpu()
accuracy = (predicted == y_test).float().mean().item()
print(f"test accuracy {accuracy:.1%}, trained in {seconds:.1f} s on {device}")
assert accuracy >= 0.95
