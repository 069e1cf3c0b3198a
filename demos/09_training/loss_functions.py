"""Loss functions in torch.nn: one number for how far output is from target."""

# %% mse-loss
import torch
from torch import nn
import torch.nn.functional as F

output = torch.tensor([2.5, 0.0, 2.0])   # what the model predicted
target = torch.tensor([3.0, -0.5, 2.0])  # what it should have predicted
mse = nn.MSELoss()(output, target)
print("nn.MSELoss:", mse.item())
# by hand: errors 0.5, 0.5 and 0; squared 0.25, 0.25, 0; the mean is 1/6
assert torch.isclose(mse, torch.tensor(1 / 6))
assert torch.equal(mse, ((output - target) ** 2).mean())

# %% cross-entropy-loss
logits = torch.tensor([[2.0, 0.5, -1.0],  # raw scores for 3 classes
                       [0.1, 0.2, 3.0]])  # one row per sample, no softmax
labels = torch.tensor([0, 2])             # class indices: the right class
loss_fn = nn.CrossEntropyLoss()
ce = loss_fn(logits, labels)
print("nn.CrossEntropyLoss:", round(ce.item(), 4))
# what it computes: -log_softmax at the right class, averaged over the batch
log_probs = F.log_softmax(logits, dim=1)
assert torch.allclose(ce, -(log_probs[0, 0] + log_probs[1, 2]) / 2)
# a softmax in the model too would apply softmax twice: another number
twice = loss_fn(F.softmax(logits, dim=1), labels)
print("softmax applied twice:", round(twice.item(), 4))
assert not torch.allclose(twice, ce) and round(twice.item(), 2) == 0.66  # not the loss
assert round(ce.item(), 2) == 0.18
# probabilities are at most 1, so even a certain model's loss stays above zero
certain = loss_fn(F.softmax(torch.tensor([[1e4, -1e4, -1e4]]), dim=1), labels[:1])
assert certain > 0.5  # -log(e / (e + 2)) = 0.55 for 3 classes

# %% class-probabilities
one_hot = F.one_hot(labels, num_classes=3).float()  # [[1, 0, 0], [0, 0, 1]]
print("one-hot probabilities:", round(loss_fn(logits, one_hot).item(), 4))
assert torch.allclose(loss_fn(logits, one_hot), ce)  # the same as the indices
soft = torch.tensor([[0.8, 0.1, 0.1],                # soft targets: any
                     [0.0, 0.3, 0.7]])               # probabilities per row
by_hand = -(soft * log_probs).sum(dim=1).mean()
assert torch.allclose(loss_fn(logits, soft), by_hand)
message = ""
try:
    loss_fn(logits, F.one_hot(labels, num_classes=3))  # integers, not floats
except RuntimeError as error:
    message = str(error)
print(message)
assert "Expected floating point type for target" in message
