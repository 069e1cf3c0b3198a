"""Cover's theorem (1965): how many labellings of n points a flat boundary can separate,
and what a nonlinear lift into more dimensions changes: XOR on a square's corners."""

# %% cover-count
from itertools import product
from math import comb

import numpy as np
from sklearn.linear_model import LogisticRegression


def cover_count(n, d):  # of the 2**n labellings of n points in general position
    # in d dimensions: how many a hyperplane through the origin separates
    return 2 * sum(comb(n - 1, k) for k in range(d))


for d in range(1, 21):
    assert cover_count(d, d) == 2**d                  # n <= d: every labelling
    assert cover_count(2 * d, d) == 2 ** (2 * d - 1)  # n = 2d: exactly half
share = {n: cover_count(n, 10) / 2**n for n in (10, 20, 30, 40)}  # d = 10
print({n: f"{f:.2%}" for n, f in share.items()})
assert share[10] == 1 and share[20] == 0.5
assert round(share[30], 2) == 0.03 and round(share[40], 4) == 0.0005

# %% four-corners
# True if logistic regression finds a line (a plane in 3-D) that splits the classes
def separable(points, y):
    if y.min() == y.max():
        return True  # one class only: put the boundary beside all the points
    fit = LogisticRegression(C=1e4).fit(points, y)  # a linear classifier
    return fit.score(points, y) == 1.0  # every point right: such a line exists


corners = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1]])
labellings = [np.array(y) for y in product([0, 1], repeat=4)]  # all 16
ok = [separable(corners, y) for y in labellings]
print(sum(ok), "of 16 separable; not:", [y for y, k in zip(labellings, ok) if not k])
assert sum(ok) == cover_count(4, 3) == 14  # 2 coordinates + a bias: d = 3
xor = (corners[:, 0] * corners[:, 1] > 0).astype(int)  # 1 where x * y > 0
assert not separable(corners, xor)  # XOR is one of the two

# %% lift-corners
z = corners[:, 0] * corners[:, 1]         # a nonlinear feature: x * y
lifted = np.column_stack([corners, z])    # the 4 points, now in 3-D
ok = [separable(lifted, y) for y in labellings]
print(sum(ok), "of 16 separable after the lift")
assert sum(ok) == cover_count(4, 4) == 16  # 3 coordinates + a bias: n = 4 = d
assert separable(lifted, xor)  # XOR included
