"""Writes tests/MiniGrad.Tests/Data/grad_fns.json: for each of MiniGrad's primitive ops, what PyTorch 1.13 records
for it, for tests/MiniGrad.Tests/Ops/GradFnReferenceTests:

- "grad_fn": the class name of the output's grad_fn (MulBackward0, SumBackward1), which MiniGrad prints in
  grad_fn=<...> and on the tape;
- "saves_inputs": for each tensor input, whether writing into it in place after the forward pass makes the backward
  pass fail ("one of the variables needed for gradient computation has been modified by an inplace operation"),
  i.e. whether the backward reads it;
- "saves_output": the same for the output.

Every input requires grad and is a non-leaf (a clone of a leaf), so that writing into it is allowed. The write is
`mul_(1)`: the values stay, only the version counter moves, as for a write through MiniGrad's Span.

Run with Debian's PyTorch (apt-get install python3-torch):  /usr/bin/python3 tests/scripts/pytorch_grad_fns.py
"""
import torch
import torch.nn.functional as F
from reference_json import f64, write

torch.manual_seed(4321)

cases = []


def fails_after_write(fn, shapes, positive, which):
    leaves = [(torch.rand(s, dtype=f64) + 0.5 if positive else torch.randn(s, dtype=f64)).requires_grad_() for s in shapes]
    xs = [leaf.clone() for leaf in leaves]
    y = fn(*xs)
    target = y if which == "out" else xs[which]
    try:
        target.mul_(1)
    except RuntimeError as e:
        # An expanded view cannot be written at all (its elements share memory), so nothing can change under its
        # backward: not saved.
        if "more than one element of the written-to tensor" in str(e):
            return False
        raise
    try:
        y.sum().backward()
    except RuntimeError as e:
        if "modified by an inplace operation" in str(e):
            return True
        raise
    return False


def case(name, fn, shapes, positive=False):
    leaves = [(torch.rand(s, dtype=f64) + 0.5 if positive else torch.randn(s, dtype=f64)).requires_grad_() for s in shapes]
    y = fn(*[leaf.clone() for leaf in leaves])
    cases.append({
        "name": name,
        "shapes": [list(s) for s in shapes],
        "positive": positive,
        "grad_fn": type(y.grad_fn).__name__,
        "saves_inputs": [fails_after_write(fn, shapes, positive, k) for k in range(len(shapes))],
        "saves_output": fails_after_write(fn, shapes, positive, "out"),
    })


# elementwise, one input
case("Neg", torch.neg, [(2, 3)])
case("Exp", torch.exp, [(2, 3)])
case("Log", torch.log, [(2, 3)], positive=True)
case("Sqrt", torch.sqrt, [(2, 3)], positive=True)
case("Abs", torch.abs, [(2, 3)])
case("Sin", torch.sin, [(2, 3)])
case("Cos", torch.cos, [(2, 3)])
case("Log1p", torch.log1p, [(2, 3)], positive=True)
case("Expm1", torch.expm1, [(2, 3)])
case("Log2", torch.log2, [(2, 3)], positive=True)
case("Reciprocal", torch.reciprocal, [(2, 3)], positive=True)
case("Rsqrt", torch.rsqrt, [(2, 3)], positive=True)
case("Square", torch.square, [(2, 3)])
case("PowScalar", lambda x: torch.pow(x, 3.0), [(2, 3)])
case("Sign", torch.sign, [(2, 3)])
case("Floor", torch.floor, [(2, 3)])
case("Ceil", torch.ceil, [(2, 3)])
case("Round", torch.round, [(2, 3)])
case("Clamp", lambda x: torch.clamp(x, -0.5, 0.5), [(2, 3)])
# elementwise, two or three inputs (broadcasting)
case("Add", torch.add, [(2, 3), (3,)])
case("Sub", torch.sub, [(2, 3), (3,)])
case("Mul", torch.mul, [(2, 3), (3,)])
case("Div", torch.div, [(2, 3), (3,)], positive=True)
case("PowTensor", torch.pow, [(2, 3), (2, 3)], positive=True)
case("PowScalarBase", lambda e: torch.pow(2.0, e), [(2, 3)])
case("Maximum", torch.maximum, [(2, 3), (2, 3)])
case("Minimum", torch.minimum, [(2, 3), (2, 3)])
case("Where", lambda a, b: torch.where(torch.tensor([True, False, True]), a, b), [(2, 3), (2, 3)])
# reductions
case("Sum", torch.sum, [(2, 3)])
case("SumDim", lambda x: torch.sum(x, 1), [(2, 3)])
case("Mean", torch.mean, [(2, 3)])
case("MeanDim", lambda x: torch.mean(x, 0, keepdim=True), [(2, 3)])
case("MaxAll", torch.max, [(2, 3)])
case("MinAll", torch.min, [(2, 3)])
case("MaxDim", lambda x: torch.max(x, 1).values, [(2, 3)])
case("Prod", torch.prod, [(2, 3)])
case("ProdDim", lambda x: torch.prod(x, 1), [(2, 3)])
# products
case("MatMul", torch.mm, [(2, 3), (3, 4)])
case("Bmm", torch.bmm, [(2, 2, 3), (2, 3, 4)])
case("Linear", F.linear, [(2, 3), (4, 3), (4,)])
# shapes and indexing
case("Reshape", lambda x: x.reshape(3, 2), [(2, 3)])
case("Transpose", lambda x: x.transpose(0, 1), [(2, 3)])
case("Permute", lambda x: x.permute(2, 0, 1), [(2, 3, 4)])
case("Expand", lambda x: x.expand(2, 3), [(1, 3)])
case("Narrow", lambda x: x.narrow(1, 1, 2), [(2, 3)])
case("Cat", lambda a, b: torch.cat([a, b], 1), [(2, 3), (2, 2)])
case("Gather", lambda x: torch.gather(x, 1, torch.tensor([[2, 0], [1, 1]])), [(2, 3)])
case("ScatterAdd", lambda x, s: torch.scatter_add(x, 1, torch.tensor([[2, 0], [1, 1]]), s), [(2, 3), (2, 2)])

case("SliceRows", lambda x: x[1:3], [(4, 3)])

# What the backward pass records when it is itself recorded (create_graph=True): the grad_fn of the input's gradient,
# for the ops whose backward is an op of its own.
second_order = []


def second_order_case(name, fn, shapes):
    leaves = [torch.randn(s, dtype=f64).requires_grad_() for s in shapes]
    y = fn(*leaves)
    w = torch.randn(y.shape, dtype=f64, requires_grad=True)
    (gradient,) = torch.autograd.grad((y * w).sum(), leaves[0], create_graph=True)
    second_order.append({"name": name, "shapes": [list(s) for s in shapes], "grad_fn": type(gradient.grad_fn).__name__})


second_order_case("SliceRows", lambda x: x[1:3], [(4, 3)])
second_order_case("Narrow", lambda x: x.narrow(1, 1, 2), [(2, 3)])
second_order_case("Gather", lambda x: torch.gather(x, 1, torch.tensor([[2, 0], [1, 1]])), [(2, 3)])
second_order_case("Expand", lambda x: x.expand(2, 3), [(1, 3)])
second_order_case("Sum", torch.sum, [(2, 3)])
second_order_case("Transpose", lambda x: x.transpose(0, 1), [(2, 3)])
second_order_case("MatMul", torch.mm, [(2, 3), (3, 4)])

write("grad_fns.json", {"cases": cases, "second_order": second_order}, f"{len(cases)} cases and {len(second_order)} second-order cases")
