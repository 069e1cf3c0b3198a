"""A layer computes weighted sums; an activation makes stacked layers more than one."""

# %% linear-layer
import torch
from torch import nn
import torch.nn.functional as F

torch.manual_seed(0)
layer = nn.Linear(3, 2)  # 3 inputs, 2 neurons: a layer from torch.nn (section 7)
x = torch.randn(4, 3)    # 4 examples, 3 random numbers each (tensors: section 3)
out = layer(x)           # calling the layer runs it on all 4 examples
by_hand = x @ layer.weight.T + layer.bias  # @: matrix product, .T: transpose
print("weight", tuple(layer.weight.shape), "bias", tuple(layer.bias.shape))
print("output", tuple(out.shape), " equals x Wᵀ + b:", torch.allclose(out, by_hand))
assert layer.weight.shape == (2, 3) and layer.bias.shape == (2,)
assert out.shape == (4, 2) and torch.allclose(out, by_hand)  # up to rounding

# %% relu
v = torch.tensor([-2.0, -0.5, 0.0, 1.5, 3.0])
relu = nn.ReLU()  # the module; F.relu is the same as a function (section 7)
print(relu(v))
assert relu(v).tolist() == [0.0, 0.0, 0.0, 1.5, 3.0]  # max(0, x)
assert torch.equal(F.relu(v), relu(v))
r = relu(torch.tensor([-1.0, 1.0, -1.0 + 1.0]))  # ReLU of -1, of 1, of their sum
print(r)
assert r.tolist() == [0.0, 1.0, 0.0]  # 0 + 1 is 1, but ReLU of the sum is 0

# %% sigmoid-tanh
z = torch.linspace(-5, 5, 11)  # 11 evenly spaced numbers: -5, -4, ..., 5
s, t = torch.sigmoid(z), torch.tanh(z)
print("sigmoid", s, "\ntanh   ", t)
assert torch.allclose(s, 1 / (1 + torch.exp(-z)))
assert 0 < s.min() and s.max() < 1 and s[5] == 0.5  # between 0 and 1; z[5] is 0
assert -1 < t.min() and t.max() < 1 and t[5] == 0   # between -1 and 1

# %% collapse
first, second = nn.Linear(3, 4), nn.Linear(4, 2)  # 3 → 4 → 2, nothing between
W = second.weight @ first.weight                 # multiplied out: one 2×3 weight
b = second.weight @ first.bias + second.bias     # and one bias
x = torch.randn(5, 3)
one = F.linear(x, W, b)  # one layer with weight W and bias b, as a function
gap = (second(first(x)) - one).abs().max().item()  # the largest difference
print(f"two layers vs one: largest difference {gap:.0e}")  # rounding only
assert gap < 1e-6

# %% relu-between
def midpoint_gap(f, a, b):  # 0, up to rounding, for any linear map, bias or not
    return (f((a + b) / 2) - (f(a) + f(b)) / 2).abs().max().item()


a, b = torch.randn(100, 3), torch.randn(100, 3)  # 100 pairs of inputs
stacked = midpoint_gap(lambda v: second(first(v)), a, b)
with_relu = midpoint_gap(lambda v: second(F.relu(first(v))), a, b)
print(f"midpoint gap without activation: {stacked:.1e}, with ReLU: {with_relu:.2f}")
assert stacked < 1e-6 and with_relu > 0.01  # with ReLU: not one linear map
