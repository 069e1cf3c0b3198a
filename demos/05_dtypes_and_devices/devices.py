"""Devices: pick CUDA, then MPS, then the CPU; move data and models there."""

# %% pick-device
import time

import torch
from torch import nn

print("CUDA available:", torch.cuda.is_available())
print("MPS available: ", torch.backends.mps.is_available())
device = torch.device("cuda" if torch.cuda.is_available() else
                      "mps" if torch.backends.mps.is_available() else "cpu")
print("using", device)
assert device.type in ("cuda", "mps", "cpu")

# %% move-data
x = torch.ones(2, 3)          # tensors are created on the CPU
x_dev = x.to(device)          # a tensor on `device`; x stays put
print(x.device, "->", x_dev.device)
assert x.device.type == "cpu" and x_dev.device.type == device.type
if device.type != "cpu":
    assert x_dev is not x     # a new tensor in the device's memory
z = torch.zeros(2, 3, device=device)   # or create it there directly
assert z.device.type == device.type

# %% move-model
model = nn.Linear(3, 2)
returned = model.to(device)   # moves the parameters in place...
assert returned is model      # ...and returns the same module
print("weight on", model.weight.device)
assert all(p.device.type == device.type for p in model.parameters())
out = model(x_dev)            # model and input on the same device
assert out.device.type == device.type

# %% batches-to-device
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
data = TensorDataset(torch.randn(64, 3), torch.randn(64, 2))
loader = DataLoader(data, batch_size=16, shuffle=True)  # CPU batches
for xb, yb in loader:
    xb, yb = xb.to(device), yb.to(device)   # move each batch to use it
    loss = nn.functional.mse_loss(model(xb), yb)
print(f"last batch on {xb.device}, loss {loss.item():.3f}")
assert xb.device.type == loss.device.type == device.type

# %% copy-cost
big = torch.randn(2048, 2048)            # 16 MiB of float32, in RAM
if device.type != "cpu":
    sync = (torch.cuda.synchronize if device.type == "cuda"
            else torch.mps.synchronize)
    big.to(device); sync()                # warm up once
    start = time.perf_counter()
    big_dev = big.to(device); sync()      # wait for the copy to finish
    ms = (time.perf_counter() - start) * 1000
    print(f"copied {big.nbytes >> 20} MiB to {device} in {ms:.2f} ms")
    assert torch.equal(big_dev.cpu(), big)
else:
    same = big.to("cpu")                  # already there
    print("CPU only: big.to('cpu') is big ->", same is big)
    assert same is big                    # no copy, no time spent
