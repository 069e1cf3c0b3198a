"""The errors everyone meets: shapes, dtypes and devices. Read and fixed."""

# %% shape-mismatch
import numpy as np
import torch

batch = torch.randn(4, 5)      # 4 samples, 5 features each
weights = torch.randn(3, 2)    # expects 3 features, gives 2 outputs
msg = None
try:
    batch @ weights
except RuntimeError as err:
    msg = str(err)
print("RuntimeError:", msg)
assert msg == "mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2)"
assert (torch.randn(4, 3) @ weights).shape == (4, 2)  # fix: 3 features

# %% dtype-mismatch
batch = torch.from_numpy(np.random.default_rng(0).random((4, 3)))
msg = None
try:
    batch @ weights            # float64 (NumPy's default) times float32
except RuntimeError as err:
    msg = str(err)
print("RuntimeError:", msg)
assert batch.dtype == torch.float64 and weights.dtype == torch.float32
assert "to have the same dtype, but got: double != float" in msg
assert (batch.float() @ weights).dtype == torch.float32  # fix: cast one

# %% device-mismatch
other = (torch.accelerator.current_accelerator()  # the GPU if there is one,
         if torch.accelerator.is_available() else torch.device("meta"))  # else meta
a = torch.ones(2, device=other)   # meta: shapes and dtypes, no data
b = torch.ones(2)                 # on the CPU
msg = None
try:
    a + b
except RuntimeError as err:
    msg = str(err)
print("RuntimeError:", msg)
assert "device" in msg and "cpu" in msg and other.type in msg
assert other.type != "cuda" or msg.startswith("Expected all tensors to be on the same")
assert (a + b.to(other)).device.type == other.type  # fix: move one
print("with a 0-dim CPU tensor:", (a + torch.tensor(1.0)).device)
assert (a + torch.tensor(1.0)).device.type == other.type  # as a number would
