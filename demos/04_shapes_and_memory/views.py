"""Views: one storage, several tensors reading it. view, reshape, contiguous, clone."""

# %% one-storage
import torch

x = torch.arange(6)   # storage: 0 1 2 3 4 5
v = x.view(2, 3)      # the same six numbers, seen as 2 rows of 3
v[0, 0] = 100         # writing through the view...
print(x)              # ...changes x: there is only one storage
print("same data_ptr:", v.data_ptr() == x.data_ptr())
assert x[0].item() == 100 and v.data_ptr() == x.data_ptr()
assert x.view(3, 2).data_ptr() == x.data_ptr()
x[0] = 0  # put it back

# %% strides
t = v.t()  # transpose: swaps the dimensions, copies nothing
print("v:", v.shape, v.stride(), " t:", t.shape, t.stride())
# stride: steps through storage to the next row, the next column
same = t.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
print("same storage:", same, " contiguous:", v.is_contiguous(), t.is_contiguous())
assert v.stride() == (3, 1) and t.stride() == (1, 3)
assert t.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
assert v.is_contiguous() and not t.is_contiguous()
assert torch.equal(v.T, t)  # for a 2-D tensor, .T is .t()

# %% view-fails
try:
    t.view(-1)  # no single stride walks t's elements in row order
    message = ""
except RuntimeError as err:
    message = str(err)
print("RuntimeError:", message)
assert "view size is not compatible" in message
assert "reshape" in message  # the error suggests reshape, which may copy
batch = t.view(1, 3, 2)  # t is not contiguous, yet strides describe this shape
print("t.view(1, 3, 2) shares x:", batch.data_ptr() == x.data_ptr())
assert batch.data_ptr() == x.data_ptr()

# %% reshape-any-layout
flat = t.reshape(-1)  # works where view refused
print(flat)
assert flat.tolist() == [0, 3, 1, 4, 2, 5]
# reshape may return a view or a copy, and which is not promised: say what you need
shared = v.view(3, 2)  # must share memory: view (it raises rather than copy)
own = v.clone()        # must not share: clone (it always copies)
own[0, 0] = 99         # writing to the clone...
print("view shares x:", shared.data_ptr() == x.data_ptr(), " x[0]:", x[0].item())
assert shared.data_ptr() == x.data_ptr()
assert x[0].item() == 0  # ...leaves x alone

# %% contiguous
c = t.contiguous()  # copies into a new storage, in row order
print(c.stride(), c.is_contiguous(), " v.contiguous() is v:", v.contiguous() is v)
assert c.is_contiguous() and c.stride() == (2, 1)
assert c.untyped_storage().data_ptr() != x.untyped_storage().data_ptr()
assert c.view(-1).tolist() == [0, 3, 1, 4, 2, 5]  # now view works
assert v.contiguous() is v  # already contiguous: no copy

# %% clone
m = torch.zeros(2, 3)
row = m[0]           # indexing with an integer returns a view...
row += 1             # ...so this in-place add changes m
safe = m[1].clone()  # clone: a copy with its own storage
safe += 1            # m is untouched
print(m)
assert m.tolist() == [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]
assert row.untyped_storage().data_ptr() == m.untyped_storage().data_ptr()
assert safe.untyped_storage().data_ptr() != m.untyped_storage().data_ptr()
assert safe.tolist() == [1.0, 1.0, 1.0]
