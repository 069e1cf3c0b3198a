"""Traditional programming writes the rule; machine learning learns it from examples."""

# %% hand-written-rule
import torch


def to_fahrenheit(celsius):
    return 1.8 * celsius + 32  # the rule, written by a programmer


print("100 °C =", to_fahrenheit(100.0), "°F")
assert to_fahrenheit(100.0) == 212.0 and to_fahrenheit(0.0) == 32.0  # boiling, freezing

# %% examples
torch.manual_seed(0)
celsius = torch.linspace(-20, 40, 25)                    # the data: 25 temperatures
fahrenheit = 1.8 * celsius + 32 + 0.5 * torch.randn(25)  # noisy answers
print("celsius:   ", celsius[:4])
print("fahrenheit:", fahrenheit[:4])
off_by = (fahrenheit - to_fahrenheit(celsius)).abs()
print(f"largest error: {off_by.max().item():.2f} °F")
assert celsius.shape == fahrenheit.shape == (25,)
assert 0 < off_by.max() < 2  # each reading is off, by less than two degrees

# %% learn-the-rule
w = torch.zeros(1, requires_grad=True)  # the rule starts out knowing nothing
b = torch.zeros(1, requires_grad=True)
optimizer = torch.optim.Adam([w, b], lr=1.0)
for step in range(500):
    loss = ((w * celsius + b - fahrenheit) ** 2).mean()  # how wrong is it?
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(f"learned rule: F = {w.item():.2f} * C + {b.item():.2f}")
assert abs(w.item() - 1.80) < 0.005 and abs(b.item() - 31.95) < 0.005

# %% use-the-rule
with torch.no_grad():  # just use the rule, record nothing to learn from (section 6)
    body = w * 37.0 + b  # a temperature that is not among the examples
print(f"37 °C: learned {body.item():.1f} °F, formula {to_fahrenheit(37.0):.1f} °F")
assert 37.0 not in celsius.tolist()
assert round(body.item(), 1) == round(to_fahrenheit(37.0), 1) == 98.6
