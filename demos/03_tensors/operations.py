"""Operations: torch.add and the operators, * versus @, in-place operations, indexing."""

# %% add
import torch

a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
b = torch.tensor([[10.0, 20.0], [30.0, 40.0]])
print(torch.add(a, b))
# the function, the operator and the method are the same operation
assert torch.equal(torch.add(a, b), a + b)
assert torch.equal(a.add(b), a + b)

# %% multiply-vs-matmul
print("a * b =", a * b, sep="\n")  # elementwise: [[1*10, 2*20], ...]
print("a @ b =", a @ b, sep="\n")  # matrix product: rows times columns
assert torch.equal(a * b, torch.tensor([[10.0, 40.0], [90.0, 160.0]]))
assert torch.equal(a @ b, torch.tensor([[70.0, 100.0], [150.0, 220.0]]))
assert torch.equal(torch.matmul(a, b), a @ b)
# the inner sizes must match: (2, 3) @ (3, 4) -> (2, 4)
assert (torch.ones(2, 3) @ torch.ones(3, 4)).shape == (2, 4)

# %% in-place
c = a.clone()
before = c.data_ptr()
c.add_(1)  # trailing underscore: changes c itself, no new tensor
print(c)
assert torch.equal(c, a + 1)  # new values...
assert c.data_ptr() == before  # ...in the same memory

# %% indexing
x = torch.arange(12).reshape(3, 4)
print(x)
print("x[0]      =", x[0])        # first row
print("x[:, 1]   =", x[:, 1])     # second column
print("x[1:, :2] =", x[1:, :2])   # rows 1.., columns 0 and 1
print("x[x > 8]  =", x[x > 8])    # a boolean mask picks elements
assert x[0].tolist() == [0, 1, 2, 3] and x[:, 1].tolist() == [1, 5, 9]
assert x[1:, :2].tolist() == [[4, 5], [8, 9]] and x[2, 3].item() == 11
assert x[x > 8].tolist() == [9, 10, 11]
