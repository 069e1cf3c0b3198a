"""torch.nn vs torch.nn.functional: the same operations as objects and as
plain functions; a model mixes both and returns logits."""

# %% two-styles
import torch
from torch import nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(4, 3)  # 4 samples, 3 features
assert torch.equal(nn.ReLU()(x), F.relu(x))  # an object, or a function

linear = nn.Linear(3, 2)  # creates and initialises its weight and bias
out_f = F.linear(x, linear.weight, linear.bias)  # you pass them in
assert torch.equal(linear(x), out_f)  # the same maths
print("weight", tuple(linear.weight.shape), "bias", tuple(linear.bias.shape))
print("same numbers:", torch.equal(nn.ReLU()(x), F.relu(x)),
      torch.equal(linear(x), out_f))

# %% softmax
softmax = nn.Softmax(dim=1)    # torch.nn: build the object, then call it
probs_nn = softmax(x)
probs_f = F.softmax(x, dim=1)  # torch.nn.functional: call it directly
print(probs_f)
print("row sums:", probs_f.sum(dim=1), " nn = F:", torch.allclose(probs_nn, probs_f))
assert torch.allclose(probs_nn, probs_f)
assert torch.allclose(probs_f.sum(dim=1), torch.ones(4))  # rows sum to 1
assert (probs_f > 0).all()  # every probability is positive
assert list(softmax.parameters()) == []  # softmax has no weights

# %% mix-both
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 8)  # layers with weights: modules
        self.fc2 = nn.Linear(8, 5)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))  # no softmax: logits


logits = Classifier()(x)        # raw scores: 4 samples, 5 classes
probs = logits.softmax(dim=1)   # only to read them as probabilities
print(logits, probs, sep="\n")
print("row sums:", probs.sum(dim=1))
print("predicted class:", logits.argmax(dim=1), probs.argmax(dim=1))
assert (logits < 0).any() and torch.allclose(probs.sum(dim=1), torch.ones(4))
assert torch.equal(logits.argmax(dim=1), probs.argmax(dim=1))  # same class
