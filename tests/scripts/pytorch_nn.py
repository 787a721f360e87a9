"""Writes tests/MiniGrad.Tests/Data/nn_layers.json: what PyTorch 1.13 computes in float64 for the torch.nn layers of
issue 15 (LayerNorm, BatchNorm1d, Embedding, Flatten), for tests/MiniGrad.Tests/Nn/NnLayerReferenceTests.

Each case: "layer" (MiniGrad's class name), "args" (constructor arguments in MiniGrad's names), "state" (the
module's state dict before the first step: [{"name", "shape", "data"}], parameters set to random values so their
gradients are not trivial), and "steps": each with "train" (the mode), "x" (the input; for Embedding the indices
as whole numbers), "w" (the upstream gradient), "y" (the output), "grads" ({"input", "weight", "bias"}, the
gradients of sum(y * w), those that exist) and "state_after" (the state dict after the step: the running buffers).

Run with Debian's PyTorch (apt-get install python3-torch):  /usr/bin/python3 tests/scripts/pytorch_nn.py
"""
import json, os
import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(1515)
f64 = torch.float64


def t(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().reshape(-1).tolist()]}


def state(module):
    return [dict(t(v), name=k) for k, v in module.state_dict().items()]


def randn(*shape):
    return torch.randn(tuple(shape), dtype=f64)


cases = []


def randomize(module):
    # weight and bias away from ones and zeros, so that their gradients and their effect are visible
    with torch.no_grad():
        for name, p in module.named_parameters():
            p.copy_(randn(*p.shape) * 0.5 + (1.0 if name == "weight" else 0.0))


def run(layer, args, module, inputs, modes, input_grad=True):
    before = state(module)
    steps = []
    for x, train in zip(inputs, modes):
        module.train(train)
        module.zero_grad()
        x = x.clone().requires_grad_(input_grad)
        y = module(x)
        w = randn(*y.shape)
        (y * w).sum().backward()
        grads = {}
        if input_grad:
            grads["input"] = t(x.grad)
        for name, p in module.named_parameters():
            grads[name] = t(p.grad)
        steps.append({"train": train, "x": t(x), "w": t(w), "y": t(y), "grads": grads, "state_after": state(module)})
    cases.append({"layer": layer, "args": args, "state": before, "steps": steps})


# LayerNorm: over the last dim, over the last two dims, without affine; a constant row (eps keeps it finite)
m = nn.LayerNorm(4).double(); randomize(m)
run("LayerNorm", {"normalizedShape": [4]}, m, [randn(3, 4)], [True])
m = nn.LayerNorm([3, 4], eps=1e-3).double(); randomize(m)
run("LayerNorm", {"normalizedShape": [3, 4], "eps": 1e-3}, m, [randn(2, 3, 4) * 2 + 1], [True])
m = nn.LayerNorm(5, elementwise_affine=False).double()
run("LayerNorm", {"normalizedShape": [5], "elementwiseAffine": False}, m, [randn(2, 2, 5)], [True])
m = nn.LayerNorm(3).double(); randomize(m)
run("LayerNorm", {"normalizedShape": [3]}, m, [torch.tensor([[2.0, 2.0, 2.0], [1.0, -1.0, 0.5]], dtype=f64)], [True])

# BatchNorm1d: three training steps (running buffers after each), then evaluation mode; [N, C] and [N, C, L];
# the cumulative average (momentum None); no running stats (batch statistics in eval mode too); no affine. A batch of
# two values per channel is the float test's worst conditioning (x̂ = ±d/√(d² + eps) for half-difference d), so that
# one is drawn well spread: two nearly equal values would make the float result differ from float64 by more than 1e-5.
m = nn.BatchNorm1d(3).double(); randomize(m)
run("BatchNorm1d", {"numFeatures": 3}, m, [randn(4, 3) * 2 + 1, randn(5, 3), torch.tensor([[-2.5, 0.5, 1.0], [-1.0, 1.5, -0.75]], dtype=f64), randn(3, 3)], [True, True, True, False])
m = nn.BatchNorm1d(2, eps=1e-3, momentum=0.25).double(); randomize(m)
run("BatchNorm1d", {"numFeatures": 2, "eps": 1e-3, "momentum": 0.25}, m, [randn(3, 2, 4), randn(2, 2, 3) * 3, randn(2, 2, 2)], [True, True, False])
m = nn.BatchNorm1d(3, momentum=None).double(); randomize(m)
run("BatchNorm1d", {"numFeatures": 3, "momentum": None}, m, [randn(4, 3), randn(3, 3) + 2, randn(5, 3), randn(2, 3)], [True, True, True, False])
m = nn.BatchNorm1d(2, track_running_stats=False).double(); randomize(m)
run("BatchNorm1d", {"numFeatures": 2, "trackRunningStats": False}, m, [randn(3, 2), randn(4, 2)], [True, False])
m = nn.BatchNorm1d(2, affine=False).double()
run("BatchNorm1d", {"numFeatures": 2, "affine": False}, m, [randn(3, 2, 2), randn(2, 2, 2)], [True, False])

# Embedding: PyTorch's initial weight after manual_seed (normal_), indices with repeats, of shapes [5] and [2, 3]
torch.manual_seed(7)
m = nn.Embedding(6, 3).double()  # drawn in float32 by reset_parameters, then converted
torch.manual_seed(7)
init = nn.Embedding(6, 3).weight.detach().clone()
run("Embedding", {"numEmbeddings": 6, "embeddingDim": 3, "seed": 7}, m,
    [torch.tensor([1, 3, 1, 0, 1]), torch.tensor([[5, 5, 2], [0, 2, 5]])], [True, True], input_grad=False)
cases[-1]["init_float"] = t(init)

# Flatten: nn.Flatten's defaults (from dim 1) and a middle range
run("Flatten", {}, nn.Flatten(), [randn(2, 3, 2, 2)], [True])
run("Flatten", {"startDim": 0, "endDim": -2}, nn.Flatten(0, -2), [randn(2, 3, 4)], [True])

path = os.path.join(os.path.dirname(__file__), "..", "MiniGrad.Tests", "Data", "nn_layers.json")
with open(path, "w") as f:
    json.dump({"generator": f"PyTorch {torch.__version__}, float64", "cases": cases}, f, indent=1, allow_nan=False)
print(f"wrote {len(cases)} cases to {os.path.normpath(path)}")
