"""Tutorial 003's training script (/work/shared/seeds/003_*.txt, "PyTorch Activation Function Code Example") under
PyTorch, with one line added: torch.manual_seed(SEED) before the data is drawn. `minigrad train` seeds MiniGrad's
Generator.PyTorchCompatible(42) the same way (its --seed defaults to 42; examples/Tutorial003 uses 0), so both sides
start from the same data and initial weights, bit for bit. One thread (torch.set_num_threads(1), OPENBLAS_NUM_THREADS=1).
Prints the tutorial's lines: `Epoch N/150, Loss: ...` and `Training complete.`; with several activations (a comma
list, or `all`), each run after a line `== activation A, seed S`, each from torch.manual_seed(S) in a fresh start.

    /usr/bin/python3 tests/scripts/tutorial003_pytorch.py [--seed 42] [--activation relu|sigmoid|tanh|leaky_relu|all|A,B]

Standard library and torch only (Debian: apt-get install python3-torch, or tests/scripts/install-python-deps.sh).
The docs check (tests/MiniGrad.Tests/Docs/Tutorial003PyTorchTests.cs) runs it and compares with the table in
docs/training.md.
"""
import argparse
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before torch loads OpenBLAS

import torch
import torch.nn as nn
import torch.optim as optim

NAMES = ["relu", "sigmoid", "tanh", "leaky_relu"]
parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--seed", type=int, default=42, help="torch.manual_seed before the data (default 42, as minigrad train)")
parser.add_argument("--activation", default="relu", help="one of %s, a comma list, or all" % ", ".join(NAMES))
parser.add_argument("--epochs", type=int, default=150)
args = parser.parse_args()
runs = NAMES if args.activation == "all" else args.activation.split(",")
for name in runs:
    if name not in NAMES:
        parser.error("--activation: unknown activation %r; use one of %s, a comma list, or all" % (name, ", ".join(NAMES)))

torch.set_num_threads(1)


def run(activation_name):
    torch.manual_seed(args.seed)  # the one line the tutorial does not have

    # --- the tutorial's script from here on (the activation and num_epochs taken from the arguments) ---

    #Choose which activation function to use in code
    defined_activation_function = activation_name

    activation_functions = {
        'relu': nn.ReLU(),
        'sigmoid': nn.Sigmoid(),
        'tanh': nn.Tanh(),
        'leaky_relu': nn.LeakyReLU()
    }

    # Initializing hyperparameters
    num_samples = 100
    batch_size = 10
    num_epochs = args.epochs
    learning_rate = 0.001

    # Define a simple synthetic dataset
    def generate_data(num_samples):
        X = torch.randn(num_samples, 10)
        y = torch.randn(num_samples, 1)
        return X, y

    # Generate synthetic data
    X, y = generate_data(num_samples)

    class SimpleModel(nn.Module):
        def __init__(self, activation=defined_activation_function):
            super(SimpleModel, self).__init__()
            self.fc1 = nn.Linear(in_features=10, out_features=18)
            self.fc2 = nn.Linear(in_features=18, out_features=18)
            self.fc3 = nn.Linear(in_features=18, out_features=4)
            self.fc4 = nn.Linear(in_features=4, out_features=1)
            self.activation = activation_functions[activation]

        def forward(self, x):
            x = self.fc1(x)
            x = self.activation(x)
            x = self.fc2(x)
            x = self.activation(x)
            x = self.fc3(x)
            x = self.activation(x)
            x = self.fc4(x)
            return x

    # Initialize the model, define loss function and optimizer
    model = SimpleModel(activation=defined_activation_function)
    criterion = nn.MSELoss()
    optimizer = optim.Adam(model.parameters(), lr=learning_rate)

    # Training loop
    for epoch in range(num_epochs):
        for i in range(0, num_samples, batch_size):
            # Get the mini-batch
            inputs = X[i:i+batch_size]
            labels = y[i:i+batch_size]

            # Zero the parameter gradients
            optimizer.zero_grad()

            # Forward pass
            outputs = model(inputs)

            # Compute the loss
            loss = criterion(outputs, labels)

            # Backward pass and optimize
            loss.backward()
            optimizer.step()

        print(f'Epoch {epoch+1}/{num_epochs}, Loss: {loss}')

    print("Training complete.")


for name in runs:
    if len(runs) > 1:
        print(f"== activation {name}, seed {args.seed}")
    run(name)
