"""Gradients accumulate: every backward() adds into .grad until you reset it."""

# %% repeat-backward
import torch

w = torch.tensor(3.0, requires_grad=True)
for step in range(3):
    loss = w ** 2  # dloss/dw = 2w = 6
    loss.backward()
    print(f"after backward #{step + 1}: w.grad = {w.grad.item()}")
assert w.grad.item() == 18.0  # 6 + 6 + 6, not 6

# %% zero-grad
w.grad.zero_()
print("after zero_():", w.grad.item())
(w ** 2).backward()
print("after one more backward:", w.grad.item())
assert w.grad.item() == 6.0

# %% sum-of-losses
w.grad = None          # what optimizer.zero_grad() does by default
(w ** 2).backward()    # adds 2w = 6
(5 * w).backward()     # adds 5
print("w.grad =", w.grad.item())
assert w.grad.item() == 11.0  # the gradient of w**2 + 5*w
