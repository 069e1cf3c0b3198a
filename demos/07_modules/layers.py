"""torch.nn: every layer is a class you instantiate, and every layer is an
nn.Module that creates and owns its weights."""

# %% create-layers
import torch
from torch import nn

torch.manual_seed(0)
linear = nn.Linear(in_features=15, out_features=32)
conv = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=3)
relu = nn.ReLU()  # the activation function of section 2
model = nn.Sequential(nn.Linear(15, 32), nn.ReLU(), nn.Linear(32, 1))
print(linear, conv, relu, model, sep="\n")
kinds = [isinstance(layer, nn.Module) for layer in (linear, conv, relu, model)]
print("nn.Modules:", kinds)
assert all(kinds)  # a layer and a model: the same kind

# %% layers-own-weights
print("linear.weight:", tuple(linear.weight.shape))
print("linear.bias:  ", tuple(linear.bias.shape))
print("conv.weight:  ", tuple(conv.weight.shape))
print("relu:         ", list(relu.parameters()))
assert linear.weight.shape == (32, 15)     # (out_features, in_features)
assert linear.bias.shape == (32,)          # one per output
assert conv.weight.shape == (16, 3, 3, 3)  # (out, in, kernel h, kernel w)
assert list(relu.parameters()) == []       # ReLU has nothing to learn
