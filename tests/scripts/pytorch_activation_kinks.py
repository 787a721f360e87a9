"""Writes tests/MiniGrad.Tests/Data/activation_kinks.json: value, first and second derivative of the activations
with kinks, as PyTorch 1.13 computes them in float64 AT the kinks (and at one smooth point on each side), for
tests/MiniGrad.Tests/Activations/ActivationKinkTests. At a kink the derivatives are conventions: PyTorch's backward
and double-backward formulas pick a side, and MiniGrad follows them.

Each case: "name" (MiniGrad's Functional name), "args" (its hyperparameters in MiniGrad's names), "x" (the points),
"y", "dy" (d y / d x, elementwise) and "d2y" (d² y / d x², or null where PyTorch 1.13 cannot differentiate the backward).

Run with Debian's PyTorch (apt-get install python3-torch):  /usr/bin/python3 tests/scripts/pytorch_activation_kinks.py
"""
import torch
import torch.nn.functional as F
from reference_json import tensor, write

cases = []


def kinks(name, fn, points, args=None):
    # Each point fills a row of 16, so every element goes through PyTorch's vectorized CPU kernels: their scalar
    # tails can take the other side of a kink (hardswish's backward at 3 gives 1 vectorized, 1.5 in the tail).
    x = tensor(points).unsqueeze(1).repeat(1, 16).requires_grad_(True)
    y = fn(x)
    dy, = torch.autograd.grad(y.sum(), x, create_graph=True)
    try:
        d2y, = torch.autograd.grad(dy.sum(), x, allow_unused=True)
        # A backward that does not depend on x (relu's, a step times the gradient) has no graph back to x: zero.
        d2y = (torch.zeros_like(x) if d2y is None else d2y)[:, 0].tolist()
    except RuntimeError:
        d2y = None  # PyTorch 1.13 has no double backward for this one (hardsigmoid): nothing to compare
    cases.append({"name": name, "args": args or {}, "x": points, "y": y[:, 0].tolist(), "dy": dy[:, 0].tolist(), "d2y": d2y})


def around(*ks, eps=0.25):
    return sorted({p for k in ks for p in (k - eps, k, k + eps)})


kinks("Relu", F.relu, around(0.0))
kinks("Relu6", F.relu6, around(0.0, 6.0))
kinks("LeakyRelu", lambda x: F.leaky_relu(x, 0.1), around(0.0), {"negativeSlope": 0.1})
kinks("Elu", lambda x: F.elu(x, 2.0), around(0.0), {"alpha": 2.0})
kinks("Selu", F.selu, around(0.0))
kinks("Celu", lambda x: F.celu(x, 0.5), around(0.0), {"alpha": 0.5})
kinks("Hardsigmoid", F.hardsigmoid, around(-3.0, 3.0))
kinks("Hardtanh", lambda x: F.hardtanh(x, -2.0, 3.0), around(-2.0, 3.0), {"minVal": -2.0, "maxVal": 3.0})
kinks("Hardswish", F.hardswish, around(-3.0, 3.0))
kinks("Softplus", F.softplus, around(20.0))
kinks("Softplus", lambda x: F.softplus(x, 2.0, 5.0), around(2.5), {"beta": 2.0, "threshold": 5.0})
kinks("Softsign", F.softsign, around(0.0))
kinks("Softshrink", F.softshrink, around(-0.5, 0.5), {"lambda": 0.5})
kinks("Hardshrink", F.hardshrink, around(-0.5, 0.5), {"lambda": 0.5})
kinks("Threshold", lambda x: F.threshold(x, 0.5, -2.0), around(0.5), {"threshold": 0.5, "value": -2.0})

write("activation_kinks.json", {"cases": cases}, f"{len(cases)} activations' kinks")
