"""Loss functions in torch.nn: one number for how far output is from target."""

# %% mse-loss
import torch
import torch.nn as nn
import torch.nn.functional as F

output = torch.tensor([2.5, 0.0, 2.0])  # what the model predicted
target = torch.tensor([3.0, -0.5, 2.0])  # what it should have predicted
loss_fn = nn.MSELoss()
loss = loss_fn(output, target)
print("nn.MSELoss:", loss.item())

# %% mse-by-hand
# mean squared error: the average of (output - target)²
by_hand = ((0.5 ** 2) + (0.5 ** 2) + (0.0 ** 2)) / 3
print("by hand:   ", by_hand)
assert abs(loss.item() - by_hand) < 1e-6
assert torch.allclose(loss, ((output - target) ** 2).mean())

# %% cross-entropy-loss
logits = torch.tensor([[2.0, 0.5, -1.0],  # raw scores for 3 classes
                       [0.1, 0.2, 3.0]])  # one row per sample, no softmax
labels = torch.tensor([0, 2])             # the correct class of each sample
ce = nn.CrossEntropyLoss()(logits, labels)
print("nn.CrossEntropyLoss:", round(ce.item(), 4))
assert labels.dtype == torch.int64  # class indices, not one-hot vectors

# %% log-softmax-plus-nll
# log-softmax, then the negative log-likelihood of the right class
log_probs = F.log_softmax(logits, dim=1)
nll = F.nll_loss(log_probs, labels)
print("nll_loss(log_softmax):", round(nll.item(), 4))
assert torch.allclose(ce, nll)
assert torch.allclose(ce, -(log_probs[0, 0] + log_probs[1, 2]) / 2)

# %% confident-and-right
# small when the right class has the biggest logit, large when not
scores = torch.tensor([[5.0, 0.0, 0.0]])  # very sure it is class 0
right = nn.CrossEntropyLoss()(scores, torch.tensor([0]))
wrong = nn.CrossEntropyLoss()(scores, torch.tensor([1]))
print(f"sure, right: {right.item():.3f}   sure, wrong: {wrong.item():.3f}")
assert right < 0.05 < 4.0 < wrong
