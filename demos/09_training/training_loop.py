"""The training loop, step by step, with a validation loop after every epoch."""

# %% the-data
import torch
from sklearn.datasets import load_digits  # bundled: no download
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

torch.manual_seed(0)
X, y = load_digits(return_X_y=True)       # 1797 images of 8x8 pixels, 0..16
dataset = TensorDataset(torch.tensor(X).float() / 16, torch.tensor(y))  # 0..1
split = torch.Generator().manual_seed(42)  # section 8's split, every run
train_set, val_set, test_set = random_split(dataset, [0.7, 0.15, 0.15],
                                            generator=split)
train_loader = DataLoader(train_set, batch_size=64, shuffle=True)
val_loader = DataLoader(val_set, batch_size=64)  # a fixed order
sizes = len(train_set), len(val_set), len(test_set)
print("train, validation, test:", sizes, " batches per epoch:", len(train_loader))
assert sizes == (1258, 270, 269) and len(train_loader) == 20  # 19 of 64, 1 of 42

# %% step-1-define-the-network
def make_model():
    return nn.Sequential(    # learnable parameters: weights and biases
        nn.Linear(64, 32),
        nn.ReLU(),
        nn.Linear(32, 10),   # 10 raw scores (logits), one per digit
    )


model = make_model()
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
n_params = sum(p.numel() for p in model.parameters())
print(n_params, "learnable parameters")
assert n_params == 64 * 32 + 32 + 32 * 10 + 10

# %% validate
def evaluate(model, loader):
    """Mean loss and accuracy over a loader, without training."""
    model.eval()                 # evaluation behaviour (section 10)
    loss_sum, correct = 0.0, 0
    with torch.no_grad():        # no tape: nothing here calls backward
        for x, y in loader:
            logits = model(x)
            loss_sum += loss_fn(logits, y).item() * len(y)
            correct += (logits.argmax(dim=1) == y).sum().item()
    model.train()                # back to training behaviour
    return loss_sum / len(loader.dataset), correct / len(loader.dataset)


untrained_loss, untrained_accuracy = evaluate(model, val_loader)
print(f"untrained: validation accuracy {untrained_accuracy:.0%}")
assert round(untrained_accuracy, 2) == 0.03  # a guess gets about one in ten
assert model.training  # evaluate() switched training mode back on

# %% the-training-loop
history = []
for epoch in range(10):            # 7. repeat; one pass over the data = epoch
    train_loss = 0.0
    for x, y in train_loader:      # 2. iterate over the training split
        optimizer.zero_grad()      #    clear the last step's gradients
        output = model(x)          # 3. forward: the network's best guess
        loss = loss_fn(output, y)  # 4. loss: how far from correct
        loss.backward()            # 5. backward: fills each param's .grad
        optimizer.step()           # 6. update the weights
        train_loss += loss.item() * len(y)
    val_loss, val_accuracy = evaluate(model, val_loader)  # every epoch
    history.append((train_loss / len(train_set), val_loss, val_accuracy))
    print(f"epoch {epoch + 1:2d}  train loss {history[-1][0]:.3f}  "
          f"val loss {val_loss:.3f}  val accuracy {val_accuracy:.1%}")
assert model.training              # evaluate() switched training mode back on

# %% the-loss-went-down
first, last = history[0], history[-1]
print(f"train loss {first[0]:.2f} -> {last[0]:.2f}, "
      f"val loss {first[1]:.2f} -> {last[1]:.2f}, val accuracy {last[2]:.0%}")
assert last[0] < first[0] / 5 and last[1] < first[1] / 5
assert last[2] > 0.9               # on digits it never trained on

# %% why-zero-grad
x, y = train_set[:64]                 # one batch of the training split
optimizer.zero_grad()
loss_fn(model(x), y).backward()
fresh = model[0].weight.grad.clone()  # the gradient of this one batch
loss_fn(model(x), y).backward()       # again, no zero_grad: it adds up
doubled = torch.allclose(model[0].weight.grad, 2 * fresh)
print("without zero_grad the gradient doubled:", doubled)
assert doubled

# %% choose-the-learning-rate
def validation_accuracy(lr, epochs=5):
    """Train a fresh model with this learning rate; score it on validation."""
    torch.manual_seed(0)
    model = make_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    for _ in range(epochs):
        for x, y in train_loader:
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
    return evaluate(model, val_loader)[1]


scores = {lr: validation_accuracy(lr) for lr in (0.001, 0.01, 0.1, 1.0)}
print({lr: f"{accuracy:.0%}" for lr, accuracy in scores.items()})
assert max(scores, key=scores.get) == 0.1  # the test set played no part
assert scores[0.001] < 0.5                 # too small: still crawling
