"""The animation's convolution, computed by PyTorch: an edge kernel on a 6×6 image."""

# %% edge-kernel
import torch
import torch.nn.functional as F

image = torch.tensor([[0.0, 0, 0, 1, 1, 1]] * 6)  # dark left half, bright right half
kernel = torch.tensor([[-1.0, 0, 1]] * 3)        # responds to dark-to-bright edges
# image (batch, channels, H, W), kernel (out channels, in channels, H, W):
# [None, None] adds the first two to each
feature_map = F.conv2d(image[None, None], kernel[None, None])[0, 0]
print(feature_map)
assert feature_map.shape == (4, 4)                # 6 - 3 + 1 = 4 positions a side
assert feature_map.tolist() == [[0.0, 3.0, 3.0, 0.0]] * 4  # 3 at the edge, 0 elsewhere
