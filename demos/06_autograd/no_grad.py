"""no_grad, inference_mode and detach: compute without recording a tape."""

# %% no-grad-block
import torch

w = torch.tensor(3.0, requires_grad=True)
with torch.no_grad():
    y = w * 2
print("y.requires_grad:", y.requires_grad, " grad_fn:", y.grad_fn, " leaf:", y.is_leaf)
assert not y.requires_grad and y.grad_fn is None
assert y.is_leaf          # computed under no_grad: a leaf

# %% inference-mode
with torch.inference_mode():
    p = w * 2             # like no_grad, and stricter
print("p.requires_grad:", p.requires_grad, " inference:", p.is_inference())
assert not p.requires_grad and p.is_inference()
msg = None
try:
    p * w                 # used later in a tracked computation
except RuntimeError as err:
    msg = str(err)
print("RuntimeError:", msg)
assert msg.startswith("Inference tensors cannot be saved for backward")
assert (y * w).requires_grad   # no_grad's result can be used that way
assert (p + w).requires_grad   # fine: Add saves neither input for backward

# %% detach
d = w.detach()  # same numbers, cut off from the tape
print("d.requires_grad:", d.requires_grad, " d.grad_fn:", d.grad_fn)
print("same memory as w:", d.data_ptr() == w.data_ptr())
assert not d.requires_grad and d.grad_fn is None
assert d.data_ptr() == w.data_ptr()  # no copy: it shares w's memory
msg = None
try:
    w.numpy()
except RuntimeError as err:
    msg = str(err)
print("RuntimeError:", msg)
assert "Use tensor.detach().numpy() instead" in msg
assert d.numpy() == 3.0

# %% update-step
(w ** 2).backward()   # w.grad = 2w = 6
msg = None
try:
    w -= 0.1 * w.grad  # outside no_grad: refused
except RuntimeError as err:
    msg = str(err)
print("RuntimeError:", msg)
assert msg.startswith("a leaf Variable that requires grad is being used in")
with torch.no_grad():
    w -= 0.1 * w.grad  # a gradient-descent step, not recorded
print(f"w after one step: {w.item():.4f}")
assert abs(w.item() - 2.4) < 1e-6
assert w.is_leaf and w.requires_grad  # still a trainable leaf
