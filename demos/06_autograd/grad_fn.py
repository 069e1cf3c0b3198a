"""grad_fn: each result remembers the operation that made it: the tape."""

# %% leaf-tensors
import torch

x = torch.tensor(2.0, requires_grad=True)  # created with the flag: a leaf
w = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
c = torch.tensor(5.0)     # requires_grad=False: a leaf by convention
d = c * 2                 # no tracked input, not tracked: a leaf too
print("grad_fn of x, c, d:", x.grad_fn, c.grad_fn, d.grad_fn)
print("is_leaf of x, c, d:", x.is_leaf, c.is_leaf, d.is_leaf)
assert x.is_leaf and c.is_leaf and d.is_leaf
assert x.grad_fn is None and c.grad_fn is None and d.grad_fn is None

# %% recorded-ops
y = w * x + b
loss = y ** 2
print("grad_fn of y and loss:", y.grad_fn.name(), loss.grad_fn.name())
print("leaves:", y.is_leaf, loss.is_leaf, " a Node:",
      isinstance(loss.grad_fn, torch.autograd.graph.Node))
assert y.grad_fn.name() == "AddBackward0"
assert loss.grad_fn.name() == "PowBackward0"
assert not y.is_leaf and not loss.is_leaf  # results of tracked operations
assert isinstance(loss.grad_fn, torch.autograd.graph.Node)  # a graph node

# %% walk-the-tape
def walk(node, depth=0):
    print("    " * depth + type(node).__name__)
    for parent, _ in node.next_functions:
        if parent is not None:
            walk(parent, depth + 1)


walk(loss.grad_fn)
add = loss.grad_fn.next_functions[0][0]
mul, acc_b = (node for node, _ in add.next_functions)
assert add is y.grad_fn and type(mul).__name__ == "MulBackward0"
assert type(acc_b).__name__ == "AccumulateGrad" and acc_b.variable is b
