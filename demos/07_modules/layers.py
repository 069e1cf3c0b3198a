"""torch.nn: every layer is a class you instantiate, and every layer is an
nn.Module."""

# %% create-layers
import torch
import torch.nn as nn

torch.manual_seed(0)
linear = nn.Linear(in_features=15, out_features=32)
conv = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=3)
relu = nn.ReLU()
print(linear, conv, relu, sep="\n")

# %% all-are-modules
model = nn.Sequential(nn.Linear(15, 32), nn.ReLU(), nn.Linear(32, 1))
for layer in (linear, conv, relu, model):
    assert isinstance(layer, nn.Module)
print("all of them are nn.Module subclasses")

# %% layers-own-weights
print("linear.weight:", tuple(linear.weight.shape))
print("linear.bias:  ", tuple(linear.bias.shape))
print("conv.weight:  ", tuple(conv.weight.shape))
assert linear.weight.shape == (32, 15)     # (out_features, in_features)
assert conv.weight.shape == (16, 3, 3, 3)  # (out, in, kernel h, kernel w)
assert list(relu.parameters()) == []       # ReLU has nothing to learn

# %% apply-layers
x = torch.randn(64, 15)             # a batch: 64 samples, 15 features
images = torch.randn(8, 3, 28, 28)  # 8 RGB images of 28 by 28 pixels
print(linear(x).shape, conv(images).shape, model(x).shape, sep="\n")
assert linear(x).shape == (64, 32)
assert conv(images).shape == (8, 16, 26, 26)
assert model(x).shape == (64, 1)    # Sequential: Linear, ReLU, Linear
