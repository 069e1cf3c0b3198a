"""The errors everyone meets: shapes, dtypes and devices. Read and fixed."""

# %% shape-mismatch
import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(3, 2)      # expects 3 features per sample
x = torch.randn(4, 5)        # a batch of 4 samples, 5 features each
msg = None
try:
    model(x)
except RuntimeError as err:
    msg = str(err)
print("RuntimeError:", msg)
assert "shapes cannot be multiplied (4x5 and 3x2)" in msg
assert model(torch.randn(4, 3)).shape == (4, 2)  # fix: 3 features

# %% dtype-mismatch
x = torch.from_numpy(np.random.default_rng(0).random((4, 3)))
msg = None
try:
    model(x)                 # x is float64 (NumPy's default), W float32
except RuntimeError as err:
    msg = str(err)
print("RuntimeError:", msg)
assert "must have the same dtype" in msg
assert "Double" in msg and "Float" in msg
assert model(x.float()).dtype == torch.float32   # fix 1: cast the input
assert model.double()(x).dtype == torch.float64  # fix 2: cast the model

# %% device-mismatch
device = torch.device("cuda" if torch.cuda.is_available() else
                      "mps" if torch.backends.mps.is_available() else "cpu")
other = device if device.type != "cpu" else torch.device("meta")
a = torch.ones(2, device=other)   # meta: shapes and dtypes, no data
b = torch.ones(2)                 # on the CPU
msg = None
try:
    a + b
except RuntimeError as err:
    msg = str(err)
print("RuntimeError:", msg)
assert "device" in msg and "cpu" in msg and other.type in msg
assert (a + b.to(other)).device.type == other.type  # fix: move one
