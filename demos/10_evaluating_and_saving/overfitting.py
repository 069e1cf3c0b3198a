"""Overfitting on a curve: a big network learns 100 digits by heart."""

# %% a-small-training-set
import copy

import torch
from sklearn.datasets import load_digits  # bundled: no download
from torch import nn

torch.manual_seed(0)
X, y = load_digits(return_X_y=True)
X = torch.tensor(X, dtype=torch.float32) / 16
y = torch.tensor(y)
order = torch.randperm(len(y))
train, val = order[:100], order[100:600]   # 100 to learn from, 500 to check
X_train, y_train, X_val, y_val = X[train], y[train], X[val], y[val]
print("training samples:", len(y_train), " validation samples:", len(y_val))
assert set(train.tolist()).isdisjoint(val.tolist())  # no digit in both

# %% a-big-network
model = nn.Sequential(
    nn.Linear(64, 256), nn.ReLU(),
    nn.Linear(256, 256), nn.ReLU(),
    nn.Linear(256, 10),
)
n_params = sum(p.numel() for p in model.parameters())
print(f"{n_params:,} parameters for {len(y_train)} samples")
assert n_params > 800 * len(y_train)      # far more knobs than examples

# %% train-and-validate
# no-claim: the next two cells check what this loop recorded and kept
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
train_losses, val_losses = [], []
for epoch in range(40):                   # the 100 samples are one batch
    optimizer.zero_grad()
    loss = loss_fn(model(X_train), y_train)
    loss.backward()
    optimizer.step()
    train_losses.append(loss.item())
    model.eval()                          # then measure on validation
    with torch.inference_mode():
        val_losses.append(loss_fn(model(X_val), y_val).item())
    model.train()
    if val_losses[-1] == min(val_losses):  # a new best: keep a copy
        best_state = copy.deepcopy(model.state_dict())

# %% the-curves
best = min(range(40), key=lambda epoch: val_losses[epoch])
print(f"validation loss: lowest {val_losses[best]:.2f} in epoch "
      f"{best + 1}, {val_losses[-1]:.2f} in epoch 40")
print(f"training loss:   {train_losses[best]:.3f} then, "
      f"{train_losses[-1]:.5f} in epoch 40")
assert best + 1 <= 10                          # the minimum comes early
assert val_losses[-1] > 2 * val_losses[best]   # then validation loss rises
assert train_losses[-1] < train_losses[best] / 100  # training loss falls on
assert train_losses[-1] < 0.001           # the 100 digits learned by heart

# %% keep-the-best-epoch
alias = model.state_dict()                  # its tensors ARE the weights
w = model[4].weight
print("state_dict() shares the weights' memory:",
      alias["4.weight"].data_ptr() == w.data_ptr())
assert alias["4.weight"].data_ptr() == w.data_ptr()  # no copy
assert not torch.equal(best_state["4.weight"], w)  # the copy kept the best epoch's
model.load_state_dict(best_state)           # back to the best epoch
model.eval()
with torch.inference_mode():
    restored = loss_fn(model(X_val), y_val).item()
print(f"validation loss after loading the best epoch: {restored:.2f}")
assert abs(restored - val_losses[best]) < 1e-6
