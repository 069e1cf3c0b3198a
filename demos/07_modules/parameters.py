"""nn.Parameter vs a plain tensor attribute: only Parameters are registered,
listed and optimised."""

# %% define-model
import torch
from torch import nn

torch.manual_seed(0)


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(15, 32)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(32, 1)
        self.other_tensor = torch.ones(1)  # a plain tensor attribute

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))


model = TinyNet()
print(type(model.fc1.weight).__name__, type(model.other_tensor).__name__)
assert isinstance(model.fc1.weight, nn.Parameter)  # a layer's weights are

# %% named-parameters
for name, p in model.named_parameters():
    print(f"{name:10s} {tuple(p.shape)}")
names = [name for name, _ in model.named_parameters()]
assert names == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
params = list(model.parameters())  # the same four tensors, without names
print(len(params), params[0].size())  # fc1's weight: (out, in)
assert len(params) == 4 and params[0].size() == torch.Size([32, 15])

# %% not-optimised
w_before = model.fc1.weight.clone()
other_before = model.other_tensor.clone()
model(torch.randn(8, 15)).pow(2).mean().backward()
with torch.no_grad():
    for p in model.parameters():  # an optimizer is given exactly this list
        p -= 0.1 * p.grad
assert not torch.equal(model.fc1.weight, w_before)    # updated
assert torch.equal(model.other_tensor, other_before)  # never touched
print("fc1.weight changed, other_tensor did not")

# %% wrap-in-parameter
model.other_tensor = nn.Parameter(model.other_tensor)  # now registered
names = [name for name, _ in model.named_parameters()]
print(names)  # a module lists its own parameters before its children's
assert names[0] == "other_tensor" and len(names) == 5
print("other_tensor.requires_grad:", model.other_tensor.requires_grad)
assert model.other_tensor.requires_grad  # a Parameter requires grad

# %% module-list-and-dict
class InAList(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Linear(4, 4) for _ in range(3)]  # a plain Python list


class InAModuleList(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(4, 4) for _ in range(3))
        self.heads = nn.ModuleDict({"digit": nn.Linear(4, 10), "odd": nn.Linear(4, 2)})


plain = len(list(InAList().parameters()))
listed = len(list(InAModuleList().parameters()))
print("parameters found: plain list", plain, " ModuleList, ModuleDict", listed)
assert plain == 0 and InAList().state_dict() == {}  # untrained, unsaved
assert InAList().to(torch.float64).layers[0].weight.dtype == torch.float32  # .to skips
assert listed == 3 * 2 + 2 * 2  # a weight and a bias for each of the five layers
