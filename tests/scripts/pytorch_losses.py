"""Writes tests/MiniGrad.Tests/Data/losses.json: values and gradients of the losses of issue 14 (binary_cross_entropy,
nll_loss, cross_entropy with weight, ignore_index, label_smoothing and class-probability targets) and of Softmax2d as
PyTorch 1.13 computes them in float64, for tests/MiniGrad.Tests/Losses/LossReferenceTests.

Each case: "op" (MiniGrad's name), "args" (reduction, class-index "target" flattened row-major, "weight" as a tensor or
null, "ignore_index", "label_smoothing"), "inputs" (tensors; "grad": true for those differentiated), "w" (the upstream
gradient, of the output's shape), "y" (the output) and "grads" (for each input, d(sum(y * w))/d input, or null).

Run with Debian's PyTorch (apt-get install python3-torch):  /usr/bin/python3 tests/scripts/pytorch_losses.py
"""
import json, os
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(1414)
f64 = torch.float64
REDUCTIONS = ["mean", "sum", "none"]


def t(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().reshape(-1).tolist()]}


def randn(*shape):
    return torch.randn(tuple(shape), dtype=f64)


def uniform(low, high, *shape):
    return torch.empty(*shape, dtype=f64).uniform_(low, high)


def tensor(values):
    return torch.tensor(values, dtype=f64)


cases = []


def case(op, fn, inputs, differentiable, args):
    leaves = [x.clone().requires_grad_(d) for x, d in zip(inputs, differentiable)]
    y = fn(*leaves)
    w = randn(*y.shape)
    if any(differentiable):
        (y * w).sum().backward()
    cases.append({
        "op": op,
        "args": {k: (t(v) if isinstance(v, torch.Tensor) else v) for k, v in args.items()},
        "inputs": [dict(t(x), grad=d) for x, d in zip(inputs, differentiable)],
        "w": t(w),
        "y": t(y),
        "grads": [t(x.grad) if d and x.grad is not None else None for x, d in zip(leaves, differentiable)],
    })


# binary_cross_entropy: every reduction, with and without a weight (broadcast along rows or columns), a target gradient,
# and probabilities at exactly 0 and 1 (the -100 clamp of the logs; the target's gradient is infinite there, so not asked)
for r in REDUCTIONS:
    x, y = uniform(0.05, 0.95, 3, 4), uniform(0, 1, 3, 4)
    case("BinaryCrossEntropy", lambda a, b, r=r: F.binary_cross_entropy(a, b, reduction=r), [x, y], [True, True],
         {"reduction": r, "weight": None})
    for wshape in [(4,), (3, 1), (3, 4)]:
        wt = uniform(0.1, 2, *wshape)
        case("BinaryCrossEntropy", lambda a, b, r=r, wt=wt: F.binary_cross_entropy(a, b, weight=wt, reduction=r),
             [uniform(0.05, 0.95, 3, 4), uniform(0, 1, 3, 4)], [True, True], {"reduction": r, "weight": wt})
    edges = tensor([0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1e-30, 1 - 2 ** -10])  # 1 - 2^-10: exact in float too
    targets = tensor([0.0, 0.3, 1.0, 0.6, 1.0, 0.0, 0.5, 0.5])
    case("BinaryCrossEntropy", lambda a, b, r=r: F.binary_cross_entropy(a, b, reduction=r), [edges, targets], [True, False],
         {"reduction": r, "weight": None})

# nll_loss of log-probabilities: [N, C], [C], [N, C, d] and [N, C, d1, d2]; weight, ignore_index (default -100 and a
# valid class), every reduction
def nll(shape, target, weight, ignore_index, r):
    x = torch.log_softmax(randn(*shape), 1 if len(shape) > 1 else 0)
    tt = torch.tensor(target, dtype=torch.long)
    case("NllLoss", lambda a: F.nll_loss(a, tt, weight=weight, ignore_index=ignore_index, reduction=r), [x], [True],
         {"reduction": r, "target": tt.reshape(-1).tolist(), "weight": weight, "ignore_index": ignore_index})


for r in REDUCTIONS:
    nll((5, 4), [0, 3, -100, 1, 3], None, -100, r)
    nll((5, 4), [0, 3, -100, 1, 2], uniform(0.2, 3, 4), -100, r)
    nll((5, 4), [0, 3, 1, 1, 2], uniform(0.2, 3, 4), 1, r)
    nll((4,), 2, None, -100, r)
    nll((4,), 3, uniform(0.2, 3, 4), -100, r)
    nll((2, 3, 4), [[0, 2, -100, 1], [2, 2, 0, -100]], uniform(0.2, 3, 3), -100, r)
    nll((2, 3, 2, 2), [[[0, 2], [1, 1]], [[2, -100], [0, 1]]], None, -100, r)

# cross_entropy with class indices: weight, ignore_index, label_smoothing alone and together, every reduction, logits
# [N, C], [C] and [N, C, d1, d2]
def ce(shape, target, weight, ignore_index, smoothing, r, scale=1.0):
    x = randn(*shape) * scale
    tt = torch.tensor(target, dtype=torch.long)
    case("CrossEntropy",
         lambda a: F.cross_entropy(a, tt, weight=weight, ignore_index=ignore_index, reduction=r, label_smoothing=smoothing),
         [x], [True],
         {"reduction": r, "target": tt.reshape(-1).tolist(), "weight": weight, "ignore_index": ignore_index,
          "label_smoothing": smoothing})


for r in REDUCTIONS:
    ce((4, 5), [1, 0, 4, 2], None, -100, 0.0, r)
    ce((4, 5), [1, 0, 4, 2], uniform(0.2, 3, 5), -100, 0.0, r)
    ce((4, 5), [1, -100, 4, 2], None, -100, 0.0, r)
    ce((4, 5), [1, 3, 4, 3], None, 3, 0.0, r)
    ce((4, 5), [1, 0, 4, 2], None, -100, 0.1, r)
    ce((4, 5), [1, -100, 4, 2], uniform(0.2, 3, 5), -100, 0.25, r)
    ce((4, 5), [1, 0, 4, 2], uniform(0.2, 3, 5), -100, 1.0, r)
    ce((5,), 3, None, -100, 0.2, r)
    ce((5,), 1, uniform(0.2, 3, 5), -100, 0.0, r)
    ce((2, 3, 2, 2), [[[0, 2], [1, -100]], [[2, 2], [0, 1]]], uniform(0.2, 3, 3), -100, 0.15, r)
    ce((2, 3, 2, 2), [[[0, 2], [1, 0]], [[2, 2], [0, 1]]], None, -100, 0.0, r)
    ce((3, 4), [0, 3, 1], None, -100, 0.3, r, scale=300.0)

# cross_entropy with class-probability targets (a target of the logits' shape), differentiable in both
def ce_prob(shape, weight, smoothing, r):
    dim = 1 if len(shape) > 1 else 0
    x, p = randn(*shape), torch.softmax(randn(*shape), dim)
    case("CrossEntropyProbabilities",
         lambda a, b: F.cross_entropy(a, b, weight=weight, reduction=r, label_smoothing=smoothing),
         [x, p], [True, True], {"reduction": r, "weight": weight, "label_smoothing": smoothing})


for r in REDUCTIONS:
    ce_prob((4, 5), None, 0.0, r)
    ce_prob((4, 5), None, 0.2, r)
    ce_prob((4, 5), uniform(0.2, 3, 5), 0.0, r)
    ce_prob((4, 5), uniform(0.2, 3, 5), 0.1, r)
    ce_prob((5,), None, 0.1, r)
    ce_prob((2, 3, 2, 2), uniform(0.2, 3, 3), 0.05, r)

# Softmax2d: softmax over the channels (dim -3) of [N, C, H, W] and [C, H, W]
for shape in [(2, 3, 2, 2), (3, 2, 4)]:
    case("Softmax2d", lambda a: torch.nn.Softmax2d()(a), [randn(*shape) * 3], [True], {})

path = os.path.join(os.path.dirname(__file__), "..", "MiniGrad.Tests", "Data", "losses.json")
with open(path, "w") as f:
    json.dump({"generator": f"PyTorch {torch.__version__}, float64", "cases": cases}, f, indent=1, allow_nan=False)
print(f"wrote {len(cases)} cases to {os.path.normpath(path)}")
