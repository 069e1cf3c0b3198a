"""A custom torch.autograd.Function: write forward and backward yourself, then gradcheck it."""

# %% define-exp
import torch


class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        result = x.exp()
        ctx.save_for_backward(result)  # keep what backward will need
        return result

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * result  # d/dx exp(x) = exp(x)

# %% use-exp
x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
y = Exp.apply(x)
y.sum().backward()
print("y.grad_fn:", type(y.grad_fn).__name__)
print("x.grad:   ", x.grad)
assert torch.allclose(x.grad, x.detach().exp())

# %% gradcheck
torch.manual_seed(0)
x64 = torch.randn(4, dtype=torch.float64, requires_grad=True)
ok = torch.autograd.gradcheck(Exp.apply, (x64,))
print("gradcheck(Exp):", ok)
assert ok

# %% catch-a-bug
class BadExp(Exp):
    @staticmethod
    def backward(ctx, grad_output):
        return grad_output  # wrong: forgot to multiply by exp(x)


ok = torch.autograd.gradcheck(BadExp.apply, (x64,), raise_exception=False)
print("gradcheck(BadExp):", ok)
assert not ok
