"""Check a fresh install: the torch version, which accelerators it sees, and a tensor on the best device."""

# %% version
import torch

print("torch", torch.__version__)
assert int(torch.__version__.split(".")[0]) >= 2  # this course uses PyTorch 2

# %% devices
cuda = torch.cuda.is_available()         # NVIDIA GPU (AMD with ROCm builds)
mps = torch.backends.mps.is_available()  # Apple silicon GPU
print("CUDA available:", cuda, "| MPS available:", mps)
if cuda:
    print("GPU:", torch.cuda.get_device_name(0))
assert isinstance(cuda, bool) and isinstance(mps, bool)

# %% pick-device
device = "cuda" if torch.cuda.is_available() else "mps" if torch.backends.mps.is_available() else "cpu"
x = torch.ones(2, 3, device=device)
print("device:", device, "| x lives on:", x.device)
assert x.device.type == device
