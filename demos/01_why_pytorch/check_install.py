"""Check a fresh install: the torch version, and the accelerator PyTorch sees."""

# %% version
import torch

print("torch", torch.__version__)
assert int(torch.__version__.split(".")[0]) >= 2  # the course uses PyTorch 2
assert hasattr(torch, "accelerator")  # recent enough to have torch.accelerator

# %% accelerator
available = torch.accelerator.is_available()  # does PyTorch see a GPU (or similar)?
if available:
    device = torch.accelerator.current_accelerator()  # its kind: cuda, mps, xpu, ...
else:
    device = torch.device("cpu")  # no accelerator: the CPU it is
print("accelerator available:", available, "| device:", device)
x = torch.ones(2, 3, device=device)  # a tensor created on that device
assert x.device.type == device.type
if device.type == "cuda":  # NVIDIA GPUs, and AMD GPUs on ROCm builds
    assert torch.cuda.is_available()
if device.type == "mps":  # Apple silicon GPUs
    assert torch.backends.mps.is_available()
