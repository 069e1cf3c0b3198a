"""Broadcasting: tensors of different shapes combine, compared from the right."""

# %% column-plus-row
import torch

col = torch.tensor([[0], [10], [20]])  # shape (3, 1)
row = torch.tensor([[1, 2, 3, 4]])     # shape (1, 4)
grid = col + row                       # both stretched to (3, 4)
print(grid)
assert grid.shape == (3, 4)
assert grid.tolist() == [[1, 2, 3, 4], [11, 12, 13, 14], [21, 22, 23, 24]]
# broadcast_shapes applies the rules without computing anything
print("broadcast_shapes:", torch.broadcast_shapes(col.shape, row.shape))
assert torch.broadcast_shapes(col.shape, row.shape) == (3, 4)

# %% incompatible
try:
    torch.ones(3, 2) + torch.ones(3)  # on the right: 2 vs 3, neither is 1
    message = ""
except RuntimeError as err:
    message = str(err)
print("RuntimeError:", message)
assert "tensor a (2) must match the size of tensor b (3)" in message

# %% add-bias
torch.manual_seed(0)
batch = torch.rand(5, 3)              # 5 samples, 3 features
bias = torch.tensor([1.0, 2.0, 3.0])  # shape (3,) is treated as (1, 3)
out = batch + bias
print(out.shape)
assert out.shape == torch.broadcast_shapes((5, 3), (3,)) == (5, 3)
stretched = bias.expand(5, 3)  # the bias stretched to every row...
print("same data_ptr as bias:", stretched.data_ptr() == bias.data_ptr())
assert torch.equal(out, batch + stretched)  # ...which is what + did
assert stretched.data_ptr() == bias.data_ptr()  # same memory: no copy

# %% reductions
m = torch.tensor([[1.0, 2.0, 3.0],
                  [4.0, 5.0, 6.0]])     # 2 rows, 3 columns
print("sum:", m.sum(), " mean:", m.mean())   # all six numbers: 0-dim
print("sum(dim=0):", m.sum(dim=0))      # dim 0 goes: one per column
print("sum(dim=1):", m.sum(dim=1))      # dim 1 goes: one per row
kept = m.sum(dim=1, keepdim=True)       # dim 1 kept, with size 1
print("keepdim:", tuple(kept.shape), " rows of m / kept sum to", (m / kept).sum(dim=1))
assert m.sum().item() == 21 and m.sum().dim() == 0 and m.mean().item() == 3.5
assert m.sum(dim=0).tolist() == [5.0, 7.0, 9.0] and m.sum(dim=1).tolist() == [6.0, 15.0]
assert kept.shape == (2, 1)  # (2, 1) broadcasts against (2, 3); (2,) would not
assert torch.allclose((m / kept).sum(dim=1), torch.ones(2))
biggest = m.max(dim=1)  # with a dim, max and min give values and indices
print("max(dim=1):", biggest.values, biggest.indices)
assert biggest.values.tolist() == [3.0, 6.0] and biggest.indices.tolist() == [2, 2]
