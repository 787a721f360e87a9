"""What the PyTorch reference generators (pytorch_ops.py, pytorch_losses.py, pytorch_nn.py, pytorch_optim.py) share:
float64 tensors drawn from torch's global generator, their JSON form, the value-and-gradient case, and the file
writer. Importing it sets torch to one thread, so the sums add in one order on every machine.
"""
import json, os
import torch

torch.set_num_threads(1)
f64 = torch.float64


def t(x):
    """A tensor as JSON: its shape and its elements, row-major."""
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().reshape(-1).tolist()]}


def randn(*shape):
    return torch.randn(tuple(shape), dtype=f64)


def uniform(low, high, *shape):
    return torch.empty(*shape, dtype=f64).uniform_(low, high)


def tensor(values):
    return torch.tensor(values, dtype=f64)


def json_arg(v):
    # JSON has no infinity: an infinite argument (the inf-norm's p) is written as the string "inf"; a tensor argument
    # (a loss's class weights) as a tensor.
    if isinstance(v, torch.Tensor):
        return t(v)
    if isinstance(v, float) and v == float("inf"):
        return "inf"
    return v


def value_and_gradients(op, fn, inputs, differentiable, args=None):
    """One case: y = fn(*inputs), a random upstream gradient w of y's shape, and d(sum(y * w))/d input for each
    differentiable input."""
    leaves = [x.clone().requires_grad_(d) for x, d in zip(inputs, differentiable)]
    y = fn(*leaves)
    w = randn(*y.shape)
    if any(differentiable):
        (y * w).sum().backward()
    return {
        "op": op,
        "args": {k: json_arg(v) for k, v in (args or {}).items()},
        "inputs": [dict(t(x), grad=d) for x, d in zip(inputs, differentiable)],
        "w": t(w),
        "y": t(y),
        "grads": [t(x.grad) if d and x.grad is not None else None for x, d in zip(leaves, differentiable)],
    }


def write(name, content, summary):
    """Writes tests/MiniGrad.Tests/Data/NAME with the generator's version, and says so."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "MiniGrad.Tests", "Data", name)
    with open(path, "w") as f:
        json.dump({"generator": f"PyTorch {torch.__version__}, float64", **content}, f, indent=1, allow_nan=False)
    print(f"wrote {summary} to {os.path.normpath(path)}")
