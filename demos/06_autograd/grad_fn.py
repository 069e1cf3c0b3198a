"""grad_fn: every result remembers the operation that made it; together they form the tape."""

# %% leaf-tensors
import torch

x = torch.tensor(2.0, requires_grad=True)  # made by you, tracked
w = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
c = torch.tensor(5.0)                      # made by you, not tracked
print("grad_fn of x and c:", x.grad_fn, c.grad_fn)
assert x.grad_fn is None and c.grad_fn is None
assert x.is_leaf and c.is_leaf

# %% recorded-ops
y = w * x + b
loss = y ** 2
print("grad_fn of y and loss:", y.grad_fn.name(), loss.grad_fn.name())
assert y.grad_fn is not None and x.grad_fn is None
assert loss.grad_fn.name() == "PowBackward0"

# %% walk-the-tape
def walk(fn, depth=0):
    leaf = getattr(fn, "variable", None)  # AccumulateGrad holds its leaf
    note = "" if leaf is None else f"  <- leaf {leaf.item()}"
    print("    " * depth + type(fn).__name__ + note)
    for parent, _ in fn.next_functions:
        if parent is not None:
            walk(parent, depth + 1)


walk(loss.grad_fn)
assert loss.grad_fn.next_functions[0][0] is y.grad_fn
