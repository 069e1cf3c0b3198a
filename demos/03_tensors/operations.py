"""Operations: torch.add and the operators, * versus @, in place, indexing."""

# %% add
import numpy as np
import torch

a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
b = torch.tensor([[10.0, 20.0], [30.0, 40.0]])
print(torch.add(a, b))
print("a + b and a.add(b) give it too:", torch.equal(a + b, a.add(b)))
# the function, the operator and the method give the same result
assert torch.equal(torch.add(a, b), torch.tensor([[11.0, 22.0], [33.0, 44.0]]))
assert torch.equal(a + b, torch.add(a, b)) and torch.equal(a.add(b), a + b)

# %% multiply-vs-matmul
print("a * b =", a * b, sep="\n")  # elementwise: [[1*10, 2*20], ...]
print("a @ b =", a @ b, sep="\n")  # matrix product: rows times columns
assert torch.equal(a * b, torch.tensor([[10.0, 40.0], [90.0, 160.0]]))
assert torch.equal(a @ b, torch.tensor([[70.0, 100.0], [150.0, 220.0]]))
assert torch.equal(torch.matmul(a, b), a @ b)  # @ is torch.matmul

# %% matmul-shapes
p = torch.matmul(torch.ones(2, 3), torch.ones(3, 4))  # inner sizes: 3 and 3
print(p.shape)
assert p.shape == (2, 4)  # the outer sizes are left
try:
    torch.ones(2, 3) @ torch.ones(2, 3)  # inner sizes: 3 and 2
    message = ""
except RuntimeError as err:
    message = str(err)
print("RuntimeError:", message)
assert "cannot be multiplied (2x3 and 2x3)" in message

# %% in-place
c = torch.tensor([1.0, 2.0, 3.0])
before = c.data_ptr()  # the address of c's first element
d = c + 1   # a new tensor, in new memory
c.add_(1)   # trailing underscore: changes c itself
print(c, " at c's old address? c:", c.data_ptr() == before,
      " d:", d.data_ptr() == before)
assert d.data_ptr() != before  # + made a new tensor
assert torch.equal(c, d)  # add_ gives the same values...
assert c.data_ptr() == before  # ...in c's own memory

# %% indexing
rows = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
x = torch.tensor(rows)
print("x[0]      =", x[0])        # first row
print("x[:, 1]   =", x[:, 1])     # second column
print("x[1:, :2] =", x[1:, :2])   # rows 1.., columns 0 and 1
print("x[x > 8]  =", x[x > 8])    # a boolean mask picks elements
assert x[0].tolist() == [0, 1, 2, 3] and x[:, 1].tolist() == [1, 5, 9]
assert x[1:, :2].tolist() == [[4, 5], [8, 9]] and x[2, 3].item() == 11
assert x[x > 8].tolist() == [9, 10, 11]
n = np.array(rows)  # NumPy gives the same answers
print("NumPy agrees:", x[1:, :2].tolist() == n[1:, :2].tolist(),
      x[x > 8].tolist() == n[n > 8].tolist())
assert x[1:, :2].tolist() == n[1:, :2].tolist()
assert x[x > 8].tolist() == n[n > 8].tolist()

# %% views-and-copies
t = torch.tensor([[0, 1, 2], [3, 4, 5]])
row = t[0]             # read with an integer or a slice: a view of t's memory
row[0] = 100           # so writing to it writes to t
picked = t[[0, 1], 2]  # read with a list of indices: a copy
masked = t[t > 3]      # read with a boolean mask: a copy
picked[0] = -1         # writes to the copies...
masked[0] = -1
print(t)               # ...leave t alone
assert t[0, 0].item() == 100 and t.min().item() >= 0
t[t < 3] = 0           # but assigning through a mask writes into t
print(t)
assert t.tolist() == [[100, 0, 0], [3, 4, 5]]
