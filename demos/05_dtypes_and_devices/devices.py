"""Devices: use the machine's accelerator if it has one, else the CPU."""

# %% pick-device
import torch
from torch import nn

acc = torch.accelerator.current_accelerator()  # cuda, mps, ... or None
print("accelerator:", acc, " available:", torch.accelerator.is_available())
assert acc is None or isinstance(acc, torch.device)
device = (torch.accelerator.current_accelerator()
          if torch.accelerator.is_available() else torch.device("cpu"))
print("using", device)
if device.type == "cuda":
    assert torch.cuda.is_available()           # CUDA's own check agrees
if device.type == "mps":
    assert torch.backends.mps.is_available()   # and so does MPS's
if device.type == "cpu":
    assert not (torch.cuda.is_available() or torch.backends.mps.is_available())

# %% move-data tags=["accelerator"]
x = torch.ones(2, 3)             # tensors are created on the CPU
x_dev = x.to(device)             # assign the result: x itself stays put
print(x.device, "->", x_dev.device, "  x.to('cpu') is x:", x.to("cpu") is x)
assert x.device.type == "cpu" and x_dev.device.type == device.type
assert x.to("cpu") is x          # already there: no copy, x itself
z = torch.zeros(2, 3, device=device)   # or create it there directly
assert z.device.type == device.type

# %% move-model tags=["accelerator"]
model = nn.Linear(3, 2)          # a layer from torch.nn (section 7)
weight = model.weight
returned = model.to(device)      # moves the parameters in place...
assert returned is model         # ...and returns the same module
assert model.weight is weight    # the same parameter object, moved
print("weight on", model.weight.device, " the same module:", returned is model)
assert all(p.device.type == device.type for p in model.parameters())
assert model(x_dev).device.type == device.type   # input on the same device

# %% batches-to-device tags=["accelerator"]
torch.manual_seed(0)
inputs = torch.randn(256, 3)            # the whole data set, on the CPU
outputs = []
for batch in inputs.split(64):          # four batches of 64 rows
    batch = batch.to(device)            # move each batch just before use
    outputs.append(model(batch))
print(len(outputs), "batches, computed on", outputs[0].device)
assert len(outputs) == 4 and batch.shape == (64, 3)
assert all(out.device.type == device.type for out in outputs)

# %% copy-cost tags=["accelerator"]
import time

big = torch.randn(2048, 2048)            # 16 MiB of float32, in RAM
assert big.nbytes == 16 * 2**20
if device.type == "cpu":
    print("CPU only: big.to('cpu') is big ->", big.to(device) is big)
    assert big.to(device) is big         # already there: nothing to copy
else:
    start = time.perf_counter()
    big_dev = big.to(device)
    torch.accelerator.synchronize()      # wait: the GPU works asynchronously
    ms = (time.perf_counter() - start) * 1000
    print(f"copied {big.nbytes >> 20} MiB to {device} in {ms:.2f} ms")
    assert torch.equal(big_dev.cpu(), big)   # the same numbers over there
