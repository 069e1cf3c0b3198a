"""Cover's theorem on XOR-like data: no line separates it in 2-D; after a nonlinear lift to 3-D, a plane does."""

# %% make-xor-data
import numpy as np
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(0)
X = rng.uniform(-1, 1, size=(400, 2))
X = X[np.abs(X).min(axis=1) > 0.1]       # keep a small gap around the axes
y = (X[:, 0] * X[:, 1] > 0).astype(int)  # 1 in quadrants I, III; 0 in II, IV
print(len(X), "points, fraction of class 1:", round(y.mean(), 2))
assert 0.4 < y.mean() < 0.6

# %% linear-in-2d
flat = LogisticRegression().fit(X, y)    # linear: one straight line in 2-D
acc_2d = flat.score(X, y)
print(f"best line in 2-D: {acc_2d:.0%} of the points right")
assert acc_2d < 0.8                      # XOR: no line gets it all right

# %% lift-to-3d
z = X[:, 0] * X[:, 1]                    # a nonlinear feature: x1 * x2
X3 = np.column_stack([X, z])             # every point now lives in 3-D
lifted = LogisticRegression(C=100).fit(X3, y)  # still linear: a plane
acc_3d = lifted.score(X3, y)
print(f"best plane in 3-D: {acc_3d:.0%} of the points right")
assert acc_3d == 1.0

# %% the-plane
w1, w2, w3 = lifted.coef_[0]
print(f"plane weights: x1 {w1:+.2f}, x2 {w2:+.2f}, x1*x2 {w3:+.2f}")
assert abs(w3) > 5 * (abs(w1) + abs(w2))  # x1*x2 dominates: its sign decides
