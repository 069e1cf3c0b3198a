"""Gradients accumulate: every backward() adds into .grad until reset."""

# %% repeat-backward
import torch

w = torch.tensor(3.0, requires_grad=True)
grads = []
for step in range(3):
    loss = w ** 2  # dloss/dw = 2w = 6
    loss.backward()
    grads.append(w.grad.item())
print("w.grad after each backward:", grads)
assert grads == [6.0, 12.0, 18.0]  # added up, not overwritten

# %% zero-grad
w.grad.zero_()
print("after zero_():", w.grad.item())
assert w.grad.item() == 0.0
(w ** 2).backward()
print("after one more backward:", w.grad.item())
assert w.grad.item() == 6.0

# %% sum-of-losses
w.grad = None          # None resets it too
(w ** 2).backward()    # adds 2w = 6
(5 * w).backward()     # adds 5
print("w.grad =", w.grad.item())
assert w.grad.item() == 11.0  # the gradient of w**2 + 5*w
