"""Writes tests/MiniGrad.Tests/Data/ops.json: values and gradients of MiniGrad's tensor ops as PyTorch 1.13
computes them in float64, kinks, ties and broadcasting included, for tests/MiniGrad.Tests/Ops/OpReferenceTests.

Each case: "op" (MiniGrad's name), "args" (scalar arguments in PyTorch's names), "inputs" (tensors; "grad": true
for those differentiated), "w" (the upstream gradient, of the output's shape), "y" (the output) and "grads" (for
each input, d(sum(y * w))/d input, or null).

Run with Debian's PyTorch (apt-get install python3-torch):  /usr/bin/python3 tests/scripts/pytorch_ops.py
"""
import torch
from reference_json import f64, randn, tensor, uniform, value_and_gradients, write

torch.manual_seed(1234)


cases = []


def case(op, fn, inputs, differentiable, args=None):
    cases.append(value_and_gradients(op, fn, inputs, differentiable, args))


unary = {
    "Sin": (torch.sin, randn(7) * 3),
    "Cos": (torch.cos, randn(7) * 3),
    "Log1p": (torch.log1p, torch.cat([tensor([1e-12, -1e-9, 0.0, 5.0]), uniform(-0.9, 3, 4)])),
    "Expm1": (torch.expm1, torch.cat([tensor([1e-12, -1e-9, 0.0, -30.0]), randn(4)])),
    "Log2": (torch.log2, torch.cat([tensor([1.0, 2.0, 0.5]), uniform(0.01, 10, 4)])),
    "Reciprocal": (torch.reciprocal, torch.cat([tensor([1.0, -4.0, 1e-3]), randn(4)])),
    "Rsqrt": (torch.rsqrt, torch.cat([tensor([1.0, 4.0, 1e-4]), uniform(0.01, 10, 4)])),
    "Square": (torch.square, torch.cat([tensor([0.0, -3.0]), randn(5)])),
    "Sign": (torch.sign, tensor([-2.0, -0.0, 0.0, 3.5, 1e-30])),  # 1e-30: still nonzero in float
    "Floor": (torch.floor, tensor([-2.5, -0.5, 0.0, 0.5, 1.5, 2.7])),
    "Ceil": (torch.ceil, tensor([-2.5, -0.5, 0.0, 0.5, 1.5, 2.7])),
    "Round": (torch.round, tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.7, -0.4])),
}
for name, (fn, x) in unary.items():
    case(name, fn, [x.reshape(-1)], [True])

# pow with a tensor exponent: positive bases, a zero base with exponents 0 and 2, and broadcasting
case("PowTensor", torch.pow, [uniform(0.1, 3, 2, 3), randn(2, 3)], [True, True])
case("PowTensor", torch.pow, [tensor([0.0, 0.0, 2.0, 0.0]), tensor([0.0, 2.0, 0.0, 3.0])], [True, True])
case("PowTensor", torch.pow, [uniform(0.5, 2, 3, 1), randn(4)], [True, True])
case("PowTensor", torch.pow, [tensor([-2.0, -1.5]), tensor([2.0, 3.0])], [True, False])

# a scalar base raised to a tensor
for base in [2.0, 0.5, 0.0]:
    x = tensor([0.0, 1.0, 2.5, -0.5]) if base != 0.0 else tensor([0.0, 1.0, 2.5])
    case("PowScalarBase", lambda e, b=base: torch.pow(b, e), [x], [True], {"base": base})

# maximum / minimum: ties split the gradient; broadcasting
a = tensor([1.0, 2.0, 3.0, -1.0, 0.5])
b = tensor([1.0, 0.0, 4.0, -1.0, 0.7])
for name, fn in [("Maximum", torch.maximum), ("Minimum", torch.minimum)]:
    case(name, fn, [a, b], [True, True])
    case(name, fn, [randn(3, 1), randn(4)], [True, True])

# clamp, min above max: max everywhere, zero gradient
case("Clamp", lambda x: torch.clamp(x, 1.0, -1.0), [randn(5)], [True], {"min": 1.0, "max": -1.0})
case("Clamp", lambda x: torch.clamp(x, -0.5, 0.5), [tensor([-1.0, -0.5, 0.0, 0.5, 1.0])], [True], {"min": -0.5, "max": 0.5})

# where with broadcasting of all three arguments
cond = tensor([[1.0], [0.0], [1.0]])
case("Where", lambda c, x, y: torch.where(c != 0, x, y), [cond, randn(4), randn(1)], [False, True, True])
case("Where", lambda c, x, y: torch.where(c != 0, x, y), [tensor([1.0, 0.0, 1.0, 0.0]), randn(4), randn(2, 1)], [False, True, True])

# reductions: log-sum-exp (stable at +-1000), full max/min with ties, min along a dim, var/std with corrections
# (a constant row: std's gradient is 0 there), sum/mean of a 0-d tensor over dim 0 and -1, norms 1, 2 and inf
case("LogSumExp", lambda x: torch.logsumexp(x, 1), [tensor([[0.0, -1000.0, -1000.0, -1000.0], [1000.0, 999.0, 0.0, 1.0], [0.5, 0.25, -0.5, 2.0]])], [True], {"dim": 1, "keepdim": False})
case("LogSumExp", lambda x: torch.logsumexp(x, 0, keepdim=True), [randn(3, 4)], [True], {"dim": 0, "keepdim": True})
case("MaxAll", torch.max, [tensor([[1.0, 3.0], [3.0, -2.0]])], [True])
case("MinAll", torch.min, [tensor([-1.0, 2.0, -1.0, -1.0, 0.0])], [True])
case("MinDim", lambda x: torch.min(x, 1).values, [randn(3, 4)], [True], {"dim": 1, "keepdim": False})
for correction in [0, 1, 2]:
    case("VarAll", lambda x, c=correction: torch.var(x, dim=None, correction=c), [randn(2, 5)], [True], {"correction": correction})
case("VarDim", lambda x: torch.var(x, 1, correction=1, keepdim=True), [randn(3, 4)], [True], {"dim": 1, "correction": 1, "keepdim": True})
case("StdAll", lambda x: torch.std(x), [randn(6)], [True], {"correction": 1})
case("StdDim", lambda x: torch.std(x, 1, correction=0), [tensor([[2.0, 2.0, 2.0], [1.0, -1.0, 0.5]])], [True], {"dim": 1, "correction": 0, "keepdim": False})
case("SumScalarDim", lambda x: torch.sum(x, 0), [tensor(1.5)], [True], {"dim": 0})
case("MeanScalarDim", lambda x: torch.mean(x, -1), [tensor(1.5)], [True], {"dim": -1})
for p in [1.0, 2.0, float("inf")]:
    case("NormAll", lambda x, p=p: torch.linalg.vector_norm(x, p), [randn(2, 3)], [True], {"p": p})
    case("NormDim", lambda x, p=p: torch.linalg.vector_norm(x, p, dim=1), [randn(3, 4)], [True], {"p": p, "dim": 1})
case("NormAll", lambda x: torch.linalg.vector_norm(x, 2.0), [torch.zeros(3, dtype=f64)], [True], {"p": 2.0})
case("NormAll", lambda x: torch.linalg.vector_norm(x, float("inf")), [tensor([1.0, -3.0, 3.0])], [True], {"p": float("inf")})

# products with torch.matmul's rules (1-D operands, batch broadcasting), bmm, dot, outer
for sa, sb in [((4,), (4,)), ((3, 4), (4,)), ((4,), (4, 2)), ((3, 4), (4, 2)), ((2, 1, 3, 4), (5, 4, 2)),
               ((4,), (2, 4, 3)), ((2, 3, 4), (4,)), ((1, 3, 4), (2, 4, 2))]:
    case("MatMul", torch.matmul, [randn(*sa), randn(*sb)], [True, True])
case("Bmm", torch.bmm, [randn(2, 3, 4), randn(2, 4, 5)], [True, True])
case("Dot", torch.dot, [randn(5), randn(5)], [True, True])
case("Outer", torch.outer, [randn(3), randn(4)], [True, True])

# shapes: cat, stack, narrow, split and chunk (pieces weighted and joined again, so one output carries every
# piece's gradient), unsqueeze, squeeze, flatten
case("Cat", lambda a, b, c: torch.cat([a, b, c], 1), [randn(2, 1, 3), randn(2, 4, 3), randn(2, 2, 3)], [True, True, True], {"dim": 1})
case("Stack", lambda a, b: torch.stack([a, b], 0), [randn(3, 2), randn(3, 2)], [True, True], {"dim": 0})
case("Stack", lambda a, b: torch.stack([a, b], -1), [randn(3, 2), randn(3, 2)], [True, True], {"dim": -1})
case("Narrow", lambda x: torch.narrow(x, 1, 1, 2), [randn(3, 4)], [True], {"dim": 1, "start": 1, "length": 2})
case("SplitJoin", lambda x: torch.cat([p * (i + 1) for i, p in enumerate(torch.split(x, 2, 1))], 1), [randn(2, 5)], [True], {"size": 2, "dim": 1})
case("ChunkJoin", lambda x: torch.cat([p * (i + 1) for i, p in enumerate(torch.chunk(x, 3, 0))], 0), [randn(7, 2)], [True], {"chunks": 3, "dim": 0})
case("Unsqueeze", lambda x: torch.unsqueeze(x, -1) * 2, [randn(2, 3)], [True], {"dim": -1})
case("Squeeze", lambda x: torch.squeeze(x) * 2, [randn(2, 1, 3, 1)], [True])
case("Permute", lambda x: x.permute(2, 0, 1), [randn(2, 3, 4)], [True], {"dims": [2, 0, 1]})
case("Permute", lambda x: x.permute(1, -1, 0, 2), [randn(2, 3, 4, 2)], [True], {"dims": [1, -1, 0, 2]})
case("Repeat", lambda x: x.repeat(2, 1, 3), [randn(2, 3)], [True], {"repeats": [2, 1, 3]})
case("Flatten", lambda x: torch.flatten(x, 1, 2) * 2, [randn(2, 3, 4, 2)], [True], {"start": 1, "end": 2})

# issue 14, last slice: prod and indexing
case("ProdAll", torch.prod, [uniform(0.5, 1.5, 2, 3) * torch.sign(randn(2, 3))], [True])
case("ProdDim", lambda x: torch.prod(x, 1), [randn(3, 4)], [True], {"dim": 1, "keepdim": False})
case("ProdDim", lambda x: torch.prod(x, 0, keepdim=True), [randn(3, 2, 2)], [True], {"dim": 0, "keepdim": True})
case("ProdDim", lambda x: torch.prod(x, -1), [tensor([[1.5, 0.0, -2.0, 0.5], [0.0, 3.0, 0.0, 1.0], [1.0, 2.0, -0.5, 0.25]])], [True], {"dim": -1, "keepdim": False})
case("ProdAll", torch.prod, [tensor([[2.0, -1.5], [0.0, 0.5]])], [True])
case("ProdAll", torch.prod, [tensor([[2.0, 0.0], [0.0, 0.5]])], [True])
case("ProdAll", torch.prod, [torch.zeros(0, dtype=f64)], [True])
case("ProdDim", lambda x: torch.prod(x, 1), [torch.zeros(2, 0, dtype=f64)], [True], {"dim": 1, "keepdim": False})
case("Gather", lambda x: torch.gather(x, 0, torch.tensor([[2, 0, 1], [0, 0, 2]])), [randn(3, 3)], [True],
     {"dim": 0, "index": [2, 0, 1, 0, 0, 2], "indexShape": [2, 3]})
case("Gather", lambda x: torch.gather(x, 1, torch.tensor([[3, 3, 0, 1, 2], [1, 0, 0, 0, 3], [2, 2, 1, 0, 0]])), [randn(3, 4)], [True],
     {"dim": 1, "index": [3, 3, 0, 1, 2, 1, 0, 0, 0, 3, 2, 2, 1, 0, 0], "indexShape": [3, 5]})
gather3 = [1, 0, 2, 2, 0, 1, 0, 0, 2, 1, 1, 2]
case("Gather", lambda x: torch.gather(x, 2, torch.tensor(gather3).reshape(2, 2, 3)), [randn(3, 2, 4)], [True],
     {"dim": 2, "index": gather3, "indexShape": [2, 2, 3]})
scatter = [0, 2, 0, 1, 0, 0, 2, 2]
case("ScatterAdd", lambda x, s: torch.scatter_add(x, 0, torch.tensor(scatter).reshape(2, 4), s), [randn(3, 4), randn(2, 4)], [True, True],
     {"dim": 0, "index": scatter})
scatter1 = [1, 1, 0, 2, 2, 2]
case("ScatterAdd", lambda x, s: torch.scatter_add(x, 1, torch.tensor(scatter1).reshape(2, 3), s), [randn(3, 4), randn(2, 3)], [True, True],
     {"dim": 1, "index": scatter1})
case("IndexSelect", lambda x: torch.index_select(x, 1, torch.tensor([2, 0, 2, 3, 2])), [randn(3, 4)], [True], {"dim": 1, "index": [2, 0, 2, 3, 2]})
case("IndexSelect", lambda x: torch.index_select(x, 0, torch.tensor([1, 1])), [randn(3, 2, 2)], [True], {"dim": 0, "index": [1, 1]})
mask = [True, False, False, True, True, False, True, False, True, True, False, False]
case("MaskedSelect", lambda x: torch.masked_select(x, torch.tensor(mask).reshape(3, 4)), [randn(3, 4)], [True], {"mask": mask})
case("Select", lambda x: torch.select(x, 1, -2), [randn(3, 4, 2)], [True], {"dim": 1, "index": -2})
case("Select", lambda x: x[:, 2], [randn(3, 4)], [True], {"dim": 1, "index": 2})
case("SliceRanges", lambda x: x[:, 1:3], [randn(3, 4)], [True], {"starts": [0, 1], "ends": [3, 3]})
case("SliceRanges", lambda x: x[1:, :, -2:], [randn(3, 2, 4)], [True], {"starts": [1, 0, -2], "ends": [3, 2, 4]})

write("ops.json", {"cases": cases}, f"{len(cases)} cases")
