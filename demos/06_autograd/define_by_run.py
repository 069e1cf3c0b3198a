"""Define-by-run: every forward pass records a new graph, and backward frees it."""

# %% a-graph-per-pass
import torch


def forward(x):
    return x * 2 if x.sum() > 0 else x ** 2  # plain Python picks the operation


x = torch.tensor([3.0, -1.0], requires_grad=True)
first, second = forward(x), forward(-x)  # two passes: sums 2 and -2
names = [type(y.grad_fn).__name__ for y in (first, second)]
print("grad_fn of each pass:", names)  # two passes, two different graphs
assert names == ["MulBackward0", "PowBackward0"]

# %% backward-frees-the-graph
w = torch.tensor(2.0, requires_grad=True)
loss = (w * 3) ** 2       # d/dw = 18 * w = 36
loss.backward()           # uses the graph, then frees what it saved
try:
    loss.backward()       # the same graph, a second time
except RuntimeError as err:
    print(str(err).split(".")[0])
    assert "backward through the graph a second time" in str(err)
loss = (w * 3) ** 2       # a new forward pass records a new graph
loss.backward(retain_graph=True)  # keep this one for another backward
loss.backward()
print("w.grad:", w.grad)  # three backward passes ran: 3 * 36
assert w.grad.item() == 3 * 36

# %% in-place-on-a-saved-tensor
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.exp()               # exp saves its result for backward
b.add_(1)                 # and this changes that saved tensor in place
try:
    b.sum().backward()
except RuntimeError as err:
    print(str(err).split(" Hint")[0])
    assert "modified by an inplace operation" in str(err)
c = a.exp() + 1           # out of place: the saved result stays intact
c.sum().backward()
assert torch.allclose(a.grad, a.exp())
