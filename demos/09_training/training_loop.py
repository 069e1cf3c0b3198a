"""The training loop, step by step: a small network learns 8x8 digits."""

# %% the-data
import torch
import torch.nn as nn
from sklearn.datasets import load_digits  # bundled: no download
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
torch.set_num_threads(1)  # tiny model: more CPU threads only add overhead
digits = load_digits()    # 1797 images of 8x8 pixels, labels 0 to 9
inputs = torch.tensor(digits.data, dtype=torch.float32) / 16  # to 0..1
targets = torch.tensor(digits.target)                 # class indices
dataset = TensorDataset(inputs, targets)
loader = DataLoader(dataset, batch_size=64, shuffle=True)
print("inputs:", tuple(inputs.shape), " targets:", tuple(targets.shape))

# %% step-1-define-the-network
model = nn.Sequential(       # learnable parameters: weights and biases
    nn.Linear(64, 32),
    nn.ReLU(),
    nn.Linear(32, 10),       # 10 raw scores (logits), one per digit
)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
print(sum(p.numel() for p in model.parameters()), "learnable parameters")

# %% the-training-loop
epoch_losses = []
for epoch in range(10):           # 7. repeat; one pass over data = epoch
    total = 0.0
    for x, y in loader:           # 2. iterate over a dataset of inputs
        optimizer.zero_grad()     #    clear the last step's gradients
        output = model(x)         # 3. forward: the network's best guess
        loss = loss_fn(output, y) # 4. loss: how far from correct
        loss.backward()           # 5. backward: fills each param's .grad
        optimizer.step()          # 6. update: w -= lr * gradient
        total += loss.item() * len(x)
    epoch_losses.append(total / len(dataset))
    if epoch % 3 == 0:
        print(f"epoch {epoch + 1:2d}  mean loss {epoch_losses[-1]:.4f}")

# %% the-loss-went-down
first, last = epoch_losses[0], epoch_losses[-1]
print(f"mean loss: {first:.3f} in epoch 1, {last:.3f} in epoch 10")
assert last < first / 5

# %% why-zero-grad
x, y = inputs[:64], targets[:64]
optimizer.zero_grad()
loss_fn(model(x), y).backward()
fresh = model[0].weight.grad.clone()  # the gradient of this one batch
loss_fn(model(x), y).backward()       # again, no zero_grad: it adds up
doubled = torch.allclose(model[0].weight.grad, 2 * fresh)
print("without zero_grad the gradient doubled:", doubled)
assert doubled
