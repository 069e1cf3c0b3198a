"""torch.nn vs torch.nn.functional: the same operations as objects and as
plain functions."""

# %% two-styles
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(4, 3)
assert torch.equal(nn.ReLU()(x), F.relu(x))  # an object, or a function
print("nn.ReLU()(x) == F.relu(x)")

# %% weights-live-in-nn
linear = nn.Linear(3, 2)  # creates and initialises its weight and bias
out_f = F.linear(x, linear.weight, linear.bias)  # you pass them in
assert torch.allclose(linear(x), out_f)
print("weight", tuple(linear.weight.shape), "bias", tuple(linear.bias.shape))

# %% softmax
softmax = nn.Softmax(dim=1)    # torch.nn: build the object, then call it
probs_nn = softmax(x)
probs_f = F.softmax(x, dim=1)  # torch.nn.functional: call it directly
print(probs_f)
assert torch.allclose(probs_nn, probs_f)
assert torch.allclose(probs_f.sum(dim=1), torch.ones(4))  # rows sum to 1

# %% mix-both
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 5)              # has weights: a module

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)   # no weights: a function


probs = Classifier()(x)
assert probs.shape == (4, 5)
assert torch.allclose(probs.sum(dim=1), torch.ones(4))
