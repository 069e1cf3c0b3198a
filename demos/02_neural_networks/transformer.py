"""A transformer layer: every position of a sequence looks at every other one."""

# %% encoder-layer
import torch
from torch import nn

torch.manual_seed(0)
# batch_first: (batch, sequence, features); dropout 0: same input, same output
layer = nn.TransformerEncoderLayer(d_model=16, nhead=4, dim_feedforward=64,
                                   dropout=0.0, batch_first=True)
tokens = torch.randn(2, 5, 16)  # 2 sequences of 5 positions, 16 numbers each
out = layer(tokens)             # attention, then a small feed-forward network
print(tuple(tokens.shape), "->", tuple(out.shape))
assert out.shape == tokens.shape  # each part is added back to its input
changed = tokens.clone()        # a copy to change (clone: section 4)
changed[:, -1] += 1.0           # change only the last position...
moved = (layer(changed)[:, 0] - out[:, 0]).abs().max().item()
print(f"...and the first position's output moves by {moved:.2f}")
assert moved > 0.01             # the first position sees the last one
