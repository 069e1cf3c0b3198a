"""Calling a model: a batch shaped (batch_size, n_features) goes in, and
model(x) runs forward plus any hooks; model.forward(x) skips the hooks."""

# %% define-model
import torch
import torch.nn as nn

torch.manual_seed(0)


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(15, 32)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(32, 1)

    def forward(self, x):                # (64, 15)
        x = self.relu(self.fc1(x))       # (64, 32)
        return self.fc2(x)               # (64, 1)


model = TinyNet()

# %% batch-of-64
x = torch.randn(64, 15)  # (batch_size, n_features)
out = model(x)
print("input", tuple(x.shape), "-> output", tuple(out.shape))
assert out.shape == (64, 1)  # one output row per sample

# %% one-sample
one = x[0].unsqueeze(0)  # a batch of one: shape (1, 15)
print("one sample:", tuple(one.shape), "->", tuple(model(one).shape))
assert torch.allclose(model(one), out[:1], atol=1e-6)  # same as row 0

# %% wrong-features
try:
    model(torch.randn(64, 10))  # 10 features, but fc1 expects 15
except RuntimeError as err:
    print("RuntimeError:", err)
else:
    raise AssertionError("a wrong feature count should fail")

# %% forward-hook
calls = []


def record(module, inputs, output):  # runs after forward
    calls.append(tuple(output.shape))


handle = model.register_forward_hook(record)
model(x)          # __call__: runs forward, then the hooks
print("after model(x):        ", calls)
model.forward(x)  # bypasses __call__: the hook is skipped
print("after model.forward(x):", calls)
assert calls == [(64, 1)]
handle.remove()
