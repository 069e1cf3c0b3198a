"""Evaluate with model.eval() and torch.no_grad(); save and load state_dict."""

# %% train-a-model
import os
import tempfile

import torch
import torch.nn as nn
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
torch.set_num_threads(1)  # tiny model: more CPU threads only add overhead
digits = load_digits()
x = torch.tensor(digits.data, dtype=torch.float32) / 16
y = torch.tensor(digits.target)
x_train, x_test, y_train, y_test = train_test_split(
    x, y, test_size=0.25, random_state=0, stratify=y)  # hold out a quarter


def make_model():
    return nn.Sequential(nn.Linear(64, 64), nn.ReLU(),
                         nn.Dropout(0.2), nn.Linear(64, 10))


model = make_model()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
loss_fn = nn.CrossEntropyLoss()
loader = DataLoader(TensorDataset(x_train, y_train), batch_size=64,
                    shuffle=True)
for epoch in range(10):
    for xb, yb in loader:
        optimizer.zero_grad()
        loss_fn(model(xb), yb).backward()
        optimizer.step()

# %% eval-mode
model.train()           # training mode: Dropout zeroes random activations
a, b = model(x_test), model(x_test)
print("train mode, same input twice, same output:", torch.equal(a, b))
assert not torch.equal(a, b)
model.eval()            # eval mode: Dropout and BatchNorm do inference
a, b = model(x_test), model(x_test)
print("eval mode, same input twice, same output: ", torch.equal(a, b))
assert torch.equal(a, b)

# %% test-accuracy
model.eval()
with torch.no_grad():              # no tape: faster, less memory
    logits = model(x_test)         # data the model never trained on
model.train()                      # back to training mode, to train more
predicted = logits.argmax(dim=1)   # the class with the largest logit
accuracy = (predicted == y_test).float().mean().item()
print(f"test accuracy: {accuracy:.1%} on {len(y_test)} held-out digits")
assert accuracy > 0.9 and not logits.requires_grad

# %% save-state-dict
state = model.state_dict()   # an ordered dict: parameter name -> tensor
print(list(state.keys()))
tmp = tempfile.TemporaryDirectory()
path = os.path.join(tmp.name, "digits_mlp.pt")
torch.save(model.state_dict(), path)
print("saved", os.path.getsize(path), "bytes")

# %% load-state-dict
fresh = make_model()         # the same architecture, random weights
fresh.load_state_dict(torch.load(path))
model.eval()
fresh.eval()
with torch.no_grad():
    assert torch.equal(fresh(x_test), model(x_test))
print("the loaded model gives identical predictions")
tmp.cleanup()
