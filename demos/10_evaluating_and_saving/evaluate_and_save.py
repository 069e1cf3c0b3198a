"""Test accuracy under torch.inference_mode; a checkpoint saved, loaded, resumed."""

# %% the-three-splits
import os
import pickle
import tempfile

import torch
from sklearn.datasets import load_digits  # bundled: no download
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

torch.manual_seed(0)
X, y = load_digits(return_X_y=True)
dataset = TensorDataset(torch.tensor(X).float() / 16, torch.tensor(y))
split = torch.Generator().manual_seed(42)   # the split of sections 8 and 9
train_set, val_set, test_set = random_split(dataset, [0.7, 0.15, 0.15], generator=split)
train_loader = DataLoader(train_set, batch_size=64, shuffle=True)
print("test digits in training:", len(set(train_set.indices) & set(test_set.indices)))
assert not set(train_set.indices) & set(test_set.indices)  # no test digit trains

# %% a-model-on-the-device
device = (torch.accelerator.current_accelerator()
          if torch.accelerator.is_available() else torch.device("cpu"))
loss_fn = nn.CrossEntropyLoss()


def make_model():
    return nn.Sequential(nn.Linear(64, 64), nn.BatchNorm1d(64), nn.ReLU(),
                         nn.Dropout(0.2), nn.Linear(64, 10)).to(device)


print("device:", device)
assert next(make_model().parameters()).device.type == device.type

# %% train-for-five-epochs
def train(model, optimizer, epochs):
    """The training loop of section 9 (its validation left out here)."""
    for _ in range(epochs):
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()


model = make_model()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
train(model, optimizer, epochs=5)
print("Adam holds state for", len(optimizer.state), "parameter tensors")
assert len(optimizer.state) == len(list(model.parameters()))  # for each one

# %% test-accuracy
x_test, y_test = (t.to(device) for t in test_set[:])  # all 269 test digits
model.eval()                         # Dropout off, BatchNorm's running stats
with torch.inference_mode():         # no tape, like torch.no_grad, and more
    logits = model(x_test)
model.train()                        # back to training mode
accuracy = (logits.argmax(dim=1) == y_test).float().mean().item()
print(f"test accuracy: {accuracy:.1%} on {len(y_test)} digits never trained on")
assert accuracy > 0.9
assert logits.is_inference() and not logits.requires_grad
message = ""
try:        # an inference tensor cannot be saved for a backward pass later
    logits * torch.ones(10, device=device, requires_grad=True)
except RuntimeError as error:
    message = str(error)
assert message.startswith("Inference tensors cannot be saved for backward")

# %% state-dict-holds-buffers
state = model.state_dict()           # name -> tensor, for what the model keeps
print(list(state))
parameters = dict(model.named_parameters())
buffers = dict(model.named_buffers())  # BatchNorm's running statistics
assert set(state) == set(parameters) | set(buffers)
assert "1.running_mean" in state and "1.running_mean" not in parameters

# %% save-a-checkpoint
checkpoint = {
    "model": model.state_dict(),
    "optimizer": optimizer.state_dict(),  # Adam's two running averages
    "epoch": 5,                           # epochs done so far
}
folder = tempfile.TemporaryDirectory()
path = os.path.join(folder.name, "checkpoint.pt")
torch.save(checkpoint, path)
n_params = sum(p.numel() for p in model.parameters())
size = os.path.getsize(path)
print(f"{size:,} bytes for {n_params:,} parameters:",
      f"{size / (4 * n_params):.1f} times their float32 bytes")
assert size > 3 * 4 * n_params  # weights + 2 averages, float32

# %% load-the-checkpoint
checkpoint = torch.load(path, map_location=device, weights_only=True)
resumed = make_model()                # the same architecture, fresh weights
resumed_optimizer = torch.optim.Adam(resumed.parameters(), lr=1e-2)
resumed.load_state_dict(checkpoint["model"])
resumed_optimizer.load_state_dict(checkpoint["optimizer"])
print("resuming after epoch", checkpoint["epoch"],
      "on", checkpoint["model"]["0.weight"].device)
assert all(t.device.type == device.type for t in checkpoint["model"].values())
assert torch.equal(resumed[1].running_mean, model[1].running_mean)

# %% resume-gives-identical-results
torch.manual_seed(1)                  # the same shuffles and dropout masks
train(model, optimizer, epochs=3)     # the run that never stopped
torch.manual_seed(1)
train(resumed, resumed_optimizer, epochs=3)  # the run resumed from the file
pairs = zip(model.state_dict().values(), resumed.state_dict().values())
assert all(torch.equal(a, b) for a, b in pairs)
print("resumed run == uninterrupted run, to the last bit")

# %% without-the-optimizer-state
restarted = make_model()
restarted.load_state_dict(checkpoint["model"])  # the weights, but a new Adam
torch.manual_seed(1)
train(restarted, torch.optim.Adam(restarted.parameters(), lr=1e-2), epochs=3)
assert not torch.equal(restarted[0].weight, model[0].weight)
print("a fresh optimizer takes different steps")

# %% weights-only
class Anything:                       # any Python object that is not a tensor
    pass


torch.save({"thing": Anything()}, path)
for options in ({"weights_only": True}, {}):  # written out, and the default
    try:
        torch.load(path, **options)
        refused = False
    except pickle.UnpicklingError as error:
        refused = str(error).startswith("Weights only load failed")
    print(options or "default:", "refused" if refused else "loaded")
    assert refused
folder.cleanup()
