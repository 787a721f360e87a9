"""Writes tests/MiniGrad.Tests/Data/pytorch_generator.json: what PyTorch's CPU generator draws after
torch.manual_seed, and the seeded run of tutorial 003's training script, for MiniGrad's PyTorch-compatible
Generator and `minigrad train` twin tests.

Run with Debian's PyTorch (apt-get install python3-torch):  /usr/bin/python3 tests/scripts/pytorch_generator.py
"""
import json, math, os, sys
import torch
import torch.nn as nn
import torch.optim as optim

torch.set_num_threads(1)

def t(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().reshape(-1).tolist()]}

out = {"generator": f"PyTorch {torch.__version__}", "draws": [], "tutorial003": []}

def draw(name, seed, fn):
    torch.manual_seed(seed)
    out["draws"].append({"name": name, "seed": seed, "value": t(fn())})

draw("rand_float_5", 0, lambda: torch.rand(5))
draw("rand_double_5", 0, lambda: torch.rand(5, dtype=torch.float64))
draw("randn_float_7", 0, lambda: torch.randn(7))
draw("randn_double_7", 0, lambda: torch.randn(7, dtype=torch.float64))
draw("randn_float_100x10", 0, lambda: torch.randn(100, 10))
draw("randn_float_37", 3, lambda: torch.randn(37))
draw("randn_double_37", 3, lambda: torch.randn(37, dtype=torch.float64))
draw("uniform_float_18x10_pm0.3", 5, lambda: torch.empty(18, 10).uniform_(-0.3, 0.3))
draw("uniform_double_9_2to5", 5, lambda: torch.empty(9, dtype=torch.float64).uniform_(2.0, 5.0))

def linear_init(seed, fan_in, fan_out):
    torch.manual_seed(seed)
    layer = nn.Linear(fan_in, fan_out)
    return torch.cat([layer.weight.reshape(-1), layer.bias.reshape(-1)])

out["draws"].append({"name": "linear_10_18_weight_then_bias", "seed": 11, "value": t(linear_init(11, 10, 18))})

# Tutorial 003, seeded, float32, epochs shortened to keep the file small; losses printed per epoch.
for activation, module in [("relu", nn.ReLU()), ("sigmoid", nn.Sigmoid()), ("tanh", nn.Tanh()), ("leaky_relu", nn.LeakyReLU())]:
    seed = 0
    torch.manual_seed(seed)
    X = torch.randn(100, 10)
    y = torch.randn(100, 1)

    class SimpleModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc1 = nn.Linear(10, 18)
            self.fc2 = nn.Linear(18, 18)
            self.fc3 = nn.Linear(18, 4)
            self.fc4 = nn.Linear(4, 1)
            self.activation = module

        def forward(self, x):
            x = self.activation(self.fc1(x))
            x = self.activation(self.fc2(x))
            x = self.activation(self.fc3(x))
            return self.fc4(x)

    model = SimpleModel()
    initial = {k: t(v) for k, v in model.state_dict().items()}
    criterion = nn.MSELoss()
    optimizer = optim.Adam(model.parameters(), lr=0.001)
    epoch_losses = []
    for epoch in range(150):
        for i in range(0, 100, 10):
            optimizer.zero_grad()
            loss = criterion(model(X[i:i + 10]), y[i:i + 10])
            loss.backward()
            optimizer.step()
        epoch_losses.append(float(loss))
    out["tutorial003"].append({"activation": activation, "seed": seed, "X": t(X), "y": t(y),
                               "initial_parameters": initial, "epoch_losses": epoch_losses})

# Tutorial 000: SimpleNN for each of its activations, seeded, float32: the initial parameters and one output on an
# input drawn right after the model. (The softmax section has fc2 = Linear(5, 3) and softmax after fc2.)
out["tutorial000"] = []
for activation, module in [("relu", nn.ReLU()), ("relu6", nn.ReLU6()), ("leaky_relu", nn.LeakyReLU()),
                           ("sigmoid", nn.Sigmoid()), ("tanh", nn.Tanh()), ("softmax", nn.Softmax(dim=1))]:
    class SimpleNN(nn.Module):
        def __init__(self):
            super(SimpleNN, self).__init__()
            self.fc1 = nn.Linear(10, 5)
            self.fc2 = nn.Linear(5, 3 if activation == "softmax" else 1)
            self.activation = module

        def forward(self, x):
            if activation == "softmax":
                return self.activation(self.fc2(self.fc1(x)))
            return self.fc2(self.activation(self.fc1(x)))

    torch.manual_seed(0)
    model = SimpleNN()
    x = torch.randn(4, 10)
    with torch.no_grad():
        output = model(x)
    out["tutorial000"].append({"activation": activation, "seed": 0, "repr": repr(model),
                               "initial_parameters": {k: t(v) for k, v in model.state_dict().items()},
                               "x": t(x), "output": t(output)})

# Tutorial 002's NumPy implementations on its inputs: the printed lines and the values.
import numpy as np

def np_sigmoid(x):
    return 1 / (1 + np.exp(-x))

def np_relu(x):
    return np.maximum(0, x)

def np_leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)

def np_softmax(x):
    exp_x = np.exp(x - np.max(x))
    return exp_x / exp_x.sum(axis=0)

def np_tanh(x):
    return np.tanh(x)

out["tutorial002_numpy"] = []
for name, fn, x in [("sigmoid", np_sigmoid, [-1, 0, 1]), ("relu", np_relu, [-1, 0, 1]),
                    ("leaky_relu", np_leaky_relu, [-1, 0, 1]), ("softmax", np_softmax, [1, 2, 3]),
                    ("tanh", np_tanh, [-1, 0, 1])]:
    value = fn(np.array(x))
    out["tutorial002_numpy"].append({"name": name, "input": x, "printed": str(value),
                                     "values": [float(v) for v in value]})

# Tutorial 002's last snippet: Sequential(Linear(128, 64), ReLU, Linear(64, 10), Softmax(dim=1)) on randn(32, 128),
# seeded, float32: the model is built first, then the input drawn.
torch.manual_seed(0)
seq = nn.Sequential(nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10), nn.Softmax(dim=1))
input_tensor = torch.randn(32, 128)
output = seq(input_tensor)
out["tutorial002_sequential"] = {"seed": 0, "input": t(input_tensor), "output": t(output), "printed": str(output)}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "MiniGrad.Tests", "Data", "pytorch_generator.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path))
