"""An MLP on scikit-learn's digits (8x8 images, 10 classes) in PyTorch 1.13: the script examples/Digits twins.

Pixels divided by 16 (into [0, 1]); random_split 80/20 with torch.Generator().manual_seed(SEED); a shuffling
DataLoader (batch 32) with its own torch.Generator().manual_seed(SEED); torch.manual_seed(SEED) before the model
Sequential(Linear(64, 64), ReLU(), Dropout(p), Linear(64, 10)); CrossEntropyLoss, Adam(lr 0.01),
CosineAnnealingLR(T_max=epochs) stepped once per epoch. Prints per epoch the mean of the epoch's batch losses and
the test accuracy, then the final test accuracy. One thread, as the MiniGrad side.

    /usr/bin/python3 examples/Digits/digits.py [--epochs 20] [--dropout 0.2] [--seed 0]

Standard library, torch and sklearn only (Debian: python3-torch, python3-sklearn).
"""
import argparse
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before torch loads OpenBLAS

import torch
import torch.nn as nn
from sklearn.datasets import load_digits
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader, TensorDataset, random_split

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--epochs", type=int, default=20)
parser.add_argument("--dropout", type=float, default=0.2)
parser.add_argument("--seed", type=int, default=0)
args = parser.parse_args()
torch.set_num_threads(1)

BATCH_SIZE, LEARNING_RATE = 32, 0.01

digits = load_digits()
inputs = torch.tensor(digits.data, dtype=torch.float32) / 16  # pixels 0..16 -> [0, 1]
targets = torch.tensor(digits.target, dtype=torch.int64)
train, test = random_split(TensorDataset(inputs, targets), [0.8, 0.2], generator=torch.Generator().manual_seed(args.seed))
test_x, test_y = inputs[test.indices], targets[test.indices]
loader = DataLoader(train, batch_size=BATCH_SIZE, shuffle=True, generator=torch.Generator().manual_seed(args.seed))

torch.manual_seed(args.seed)  # the initial weights (and the dropout masks)
model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Dropout(args.dropout), nn.Linear(64, 10))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
scheduler = CosineAnnealingLR(optimizer, T_max=args.epochs)


def test_accuracy():
    model.eval()
    with torch.no_grad():
        correct = (model(test_x).argmax(dim=1) == test_y).sum().item()
    model.train()
    return 100 * (correct / len(test_y))


for epoch in range(args.epochs):
    total = 0.0
    for x, y in loader:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item()
    scheduler.step()
    print(f"Epoch {epoch + 1}/{args.epochs}, Loss: {total / len(loader):.9f}, Test accuracy: {test_accuracy():.1f}%")
print(f"Test accuracy: {test_accuracy():.1f}%")
