"""torch.no_grad() and .detach(): compute without recording anything on the tape."""

# %% no-grad-block
import torch

w = torch.tensor(3.0, requires_grad=True)
with torch.no_grad():
    y = w * 2
print("y.requires_grad:", y.requires_grad, " y.grad_fn:", y.grad_fn)
assert not y.requires_grad and y.grad_fn is None

# %% detach
d = w.detach()  # same numbers, cut off from the tape
print("d.requires_grad:", d.requires_grad, " d.grad_fn:", d.grad_fn)
assert not d.requires_grad and d.grad_fn is None
assert d.data_ptr() == w.data_ptr()  # no copy: it shares w's memory

# %% update-step
(w ** 2).backward()   # w.grad = 2w = 6
with torch.no_grad():
    w -= 0.1 * w.grad  # a gradient-descent step, not recorded
print(f"w after one step: {w.item():.4f}")
assert abs(w.item() - 2.4) < 1e-6
assert w.is_leaf and w.requires_grad  # still a trainable leaf
