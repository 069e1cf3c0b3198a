"""model.train() and model.eval(): what they change in Dropout and BatchNorm."""

# %% dropout-in-training-mode
import torch
from torch import nn

torch.manual_seed(0)
dropout = nn.Dropout(p=0.5)     # zeroes each value with probability 0.5
x = torch.ones(8)
a, b = dropout(x), dropout(x)   # the same input twice
print(a)
print(b)
assert dropout.training             # a new module starts in training mode
assert not torch.equal(a, b)        # a new random mask on every call
assert set(a.tolist()) <= {0.0, 2.0}  # zeroed, or scaled by 1 / (1 - p)

# %% dropout-in-eval-mode
dropout.eval()                  # evaluation mode: dropout does nothing
a, b = dropout(x), dropout(x)
print(a)
assert torch.equal(a, b) and torch.equal(a, x)  # the same, and unchanged

# %% batchnorm-in-training-mode
norm = nn.BatchNorm1d(3)        # normalises each of 3 features
batch = torch.randn(16, 3) * 5 + 10           # means near 10
out = norm(batch)               # training mode: this batch's mean and var
print("output means:", out.mean(dim=0).detach())
print("running_mean:", norm.running_mean, " batch mean:", batch.mean(dim=0))
assert torch.allclose(out.mean(dim=0), torch.zeros(3), atol=1e-5)
# the running mean moves 10% of the way (momentum=0.1) to the batch mean
assert torch.allclose(norm.running_mean, 0.1 * batch.mean(dim=0))

# %% batchnorm-in-eval-mode
norm.eval()                     # evaluation: the running statistics instead
before = norm.running_mean.clone()
out = norm(batch)
expected = (batch - norm.running_mean) / torch.sqrt(norm.running_var + 1e-5)
print("running statistics used:", torch.allclose(out, expected),
      " unchanged:", torch.equal(norm.running_mean, before))
assert torch.allclose(out, expected)                # running statistics used
assert torch.equal(norm.running_mean, before)       # and left unchanged

# %% the-whole-model
model = nn.Sequential(nn.Linear(3, 8), nn.BatchNorm1d(8), nn.ReLU(),
                      nn.Dropout(0.2), nn.Linear(8, 2))
model.eval()                    # sets .training = False in every submodule
print("any in training mode:", any(m.training for m in model.modules()),
      " output tracked:", model(batch).requires_grad)
assert not any(m.training for m in model.modules())
assert model(batch).requires_grad   # eval() does not turn off autograd
model.train()                   # and back, in every submodule
assert all(m.training for m in model.modules())
