"""A custom torch.autograd.Function: your own forward and backward, gradchecked."""

# %% define-exp
import torch


# no-claim: a definition; the next two cells test it
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
assert type(y.grad_fn).__name__ == "ExpBackward"   # our node on the tape
assert isinstance(y.grad_fn, torch.autograd.graph.Node)  # like MulBackward0
assert torch.allclose(x.grad, x.detach().exp())    # e^x, as we wrote

# %% gradcheck
torch.manual_seed(0)
x64 = torch.randn(4, dtype=torch.float64, requires_grad=True)
ok = torch.autograd.gradcheck(Exp.apply, (x64,))
print("gradcheck(Exp), float64:", ok)
assert ok
x32 = x64.detach().float().requires_grad_()
ok32 = torch.autograd.gradcheck(Exp.apply, (x32,), raise_exception=False)
print("gradcheck(Exp), float32:", ok32)
assert not ok32   # the same correct Exp: float32 is too coarse for the check

# %% catch-a-bug
class BadExp(Exp):
    @staticmethod
    def backward(ctx, grad_output):
        return grad_output  # wrong: forgot to multiply by exp(x)


ok = torch.autograd.gradcheck(BadExp.apply, (x64,), raise_exception=False)
print("gradcheck(BadExp):", ok)
assert not ok
msg = None
try:
    torch.autograd.gradcheck(BadExp.apply, (x64,))  # by default it raises
except RuntimeError as err:
    msg = str(err)
print(msg)
assert msg.startswith("Jacobian mismatch")
assert "numerical" in msg and "analytical" in msg  # both Jacobians
