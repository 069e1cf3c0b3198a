"""Calling a model: batch first is the convention that makes batches work;
model(x) runs forward plus any hooks, model.forward(x) skips the hooks."""

# %% batch-of-64
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(15, 32), nn.ReLU(), nn.Linear(32, 1))
x = torch.randn(64, 15)  # (batch_size, n_features): batch first
out = model(x)
print("input", tuple(x.shape), "-> output", tuple(out.shape))
assert out.shape == (64, 1)  # one output row per sample

# %% one-sample
one = x[0]                     # a single sample, shape (15,): no batch
print("unbatched:", tuple(one.shape), "->", tuple(model(one).shape))
assert model[0](one).shape == (32,)  # nn.Linear accepts it as well
assert torch.allclose(model[0](one), model[0](x)[0])  # = row 0 of the batch
assert torch.allclose(model(one), out[0])  # and so does the whole model
print("= row 0 of the batch:", torch.allclose(model(one), out[0]),
      " nn.RNN batch_first:", nn.RNN(15, 8).batch_first)
batch_of_one = one.unsqueeze(0)            # or keep a batch of one: (1, 15)
assert torch.allclose(model(batch_of_one), out[:1])
assert nn.RNN(15, 8).batch_first is False  # RNNs default to sequence first

# %% wrong-features
try:
    model(torch.randn(64, 10))  # 10 features, but the first layer expects 15
except RuntimeError as err:
    print("RuntimeError:", err)
    assert "mat1 and mat2 shapes cannot be multiplied" in str(err)
    assert "(64x10 and 15x32)" in str(err)  # data, then the weight transposed
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
assert calls == [(64, 1)]  # one entry: only model(x) ran the hook
handle.remove()
