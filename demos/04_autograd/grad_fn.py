"""grad_fn: every result remembers the operation that made it; together they form the tape."""

# %% leaf-tensors
import torch

x = torch.tensor(2.0, requires_grad=True)  # made by you, tracked
w = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
c = torch.tensor(5.0)                      # made by you, not tracked
print("x.grad_fn:", x.grad_fn, " x.is_leaf:", x.is_leaf)
print("c.grad_fn:", c.grad_fn, " c.is_leaf:", c.is_leaf)
assert x.grad_fn is None and c.grad_fn is None
assert x.is_leaf and c.is_leaf

# %% recorded-ops
y = w * x + b
loss = y ** 2
print("y.grad_fn:   ", type(y.grad_fn).__name__)
print("loss.grad_fn:", type(loss.grad_fn).__name__)
assert y.grad_fn is not None and x.grad_fn is None
assert type(loss.grad_fn).__name__ == "PowBackward0"

# %% walk-the-tape
def walk(fn, depth=0):
    leaf = getattr(fn, "variable", None)  # AccumulateGrad nodes hold their leaf
    note = "" if leaf is None else f"  <- leaf {leaf.item()}"
    print("    " * depth + type(fn).__name__ + note)
    for parent, _ in fn.next_functions:
        if parent is not None:
            walk(parent, depth + 1)


walk(loss.grad_fn)
assert loss.grad_fn.next_functions[0][0] is y.grad_fn
