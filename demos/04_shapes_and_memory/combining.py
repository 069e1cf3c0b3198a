"""Changing shapes: squeeze and unsqueeze, torch.cat and torch.stack, permute."""

# %% squeeze-unsqueeze
import torch

x = torch.tensor([1.0, 2.0, 3.0])  # shape (3,)
print(x.unsqueeze(0).shape, x.unsqueeze(1).shape)
assert x.unsqueeze(0).shape == (1, 3)  # a new size-1 dim in front
assert x.unsqueeze(1).shape == (3, 1)  # or after the last: a column
assert x.unsqueeze(0).numel() == x.numel()  # no numbers added
y = torch.zeros(1, 3, 1)
print(y.squeeze().shape, y.squeeze(0).shape, y.squeeze(1).shape)
assert y.squeeze().shape == (3,)         # removes every size-1 dim
assert y.squeeze(0).shape == (3, 1)      # or only the one you name
assert y.squeeze(1).shape == (1, 3, 1)   # size 3 is not 1: unchanged
# no copy: the results use x's and y's memory
print("same memory:", x.unsqueeze(0).data_ptr() == x.data_ptr(),
      y.squeeze().data_ptr() == y.data_ptr())
assert x.unsqueeze(0).data_ptr() == x.data_ptr()
assert y.squeeze().data_ptr() == y.data_ptr()

# %% cat-vs-stack
a = torch.zeros(2, 3)
b = torch.ones(2, 3)
rows = torch.cat([a, b])         # along dim 0, which exists: (4, 3)
cols = torch.cat([a, b], dim=1)  # along dim 1: (2, 6)
pair = torch.stack([a, b])       # along a new dim 0: (2, 2, 3)
print(rows.shape, cols.shape, pair.shape)
print("pair[1] is b's values:", torch.equal(pair[1], b))
assert rows.shape == (4, 3) and cols.shape == (2, 6)
assert pair.shape == (2, 2, 3) and torch.equal(pair[1], b)
# stack is unsqueeze each input, then cat
assert torch.equal(pair, torch.cat([a.unsqueeze(0), b.unsqueeze(0)]))

# %% stack-needs-equal-shapes
c = torch.ones(1, 3)
print("cat:", torch.cat([a, c]).shape)
assert torch.cat([a, c]).shape == (3, 3)  # cat: sizes differ only in dim 0
try:
    torch.stack([a, c])  # stack: shapes (2, 3) and (1, 3) must be equal
    message = ""
except RuntimeError as err:
    message = str(err)
print("RuntimeError:", message)
assert "stack expects each tensor to be equal size" in message

# %% permute
torch.manual_seed(0)
img = torch.rand(32, 24, 3)  # height, width, channels last (HWC)
chw = img.permute(2, 0, 1)   # new order: old dims 2, 0, 1 (CHW)
print(img.shape, "->", chw.shape)
assert chw.shape == (3, 32, 24)
assert torch.equal(chw[:, 5, 7], img[5, 7, :])  # pixel (5, 7), channels moved
# no copy: the same memory, read in another order
print("same memory:", chw.data_ptr() == img.data_ptr(),
      " contiguous:", chw.is_contiguous())
assert chw.data_ptr() == img.data_ptr() and not chw.is_contiguous()

# %% channels-first
from torch import nn

conv = nn.Conv2d(3, 8, kernel_size=3)  # a layer from torch.nn: section 7
print("CHW:", tuple(conv(chw).shape), " a batch of one:",
      tuple(conv(chw.unsqueeze(0)).shape))
assert conv(chw).shape == (8, 30, 22)  # 3 channels in, 8 out
assert conv(chw.unsqueeze(0)).shape == (1, 8, 30, 22)  # a batch of one
try:
    conv(img)  # HWC: it takes the 32 rows for channels
    message = ""
except RuntimeError as err:
    message = str(err)
print("RuntimeError:", message)
assert "to have 3 channels, but got 32 channels" in message
