"""Writes tests/MiniGrad.Tests/Data/loader_orders.json: the batches PyTorch's DataLoader yields, epoch after epoch,
for seeded shuffles (and the parts of random_split), for MiniGrad's DataLoader and DataSplit twin tests.

Each case iterates DataLoader(TensorDataset(torch.arange(n)), batch_size, shuffle, drop_last,
generator=torch.Generator().manual_seed(seed)) for 3 epochs, so every batch is the list of the sample indices it
holds; "after" is torch.rand(3, dtype=float64, generator=g) drawn once the epochs are done, which tells whether
MiniGrad's generator was left in the same state (same number of draws).

Run with Debian's PyTorch (apt-get install python3-torch):  /usr/bin/python3 tests/scripts/pytorch_loader_orders.py
"""
import json, os
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

EPOCHS = 3
out = {"generator": f"PyTorch {torch.__version__}", "epochs": EPOCHS, "loaders": [], "splits": []}

def loader_case(seed, n, batch_size, shuffle=True, drop_last=False):
    g = torch.Generator().manual_seed(seed)
    loader = DataLoader(TensorDataset(torch.arange(n)), batch_size=batch_size, shuffle=shuffle, drop_last=drop_last, generator=g)
    epochs = [[x.tolist() for (x,) in loader] for _ in range(EPOCHS)]
    out["loaders"].append({"seed": seed, "n": n, "batch_size": batch_size, "shuffle": shuffle, "drop_last": drop_last,
                           "len": len(loader), "epochs": epochs,
                           "after": torch.rand(3, dtype=torch.float64, generator=g).tolist()})

for seed in [0, 1, 42, 12345]:
    for n, batch_size in [(1, 1), (1, 4), (2, 1), (7, 3), (97, 16), (150, 16), (150, 150), (257, 1)]:
        loader_case(seed, n, batch_size)
    for n, batch_size in [(1, 4), (7, 3), (97, 16), (150, 32)]:
        loader_case(seed, n, batch_size, drop_last=True)
for seed in [0, 42]:
    loader_case(seed, 1000, 64)
    loader_case(seed, 1000, 64, drop_last=True)
# Without shuffling the order is 0..n-1, but PyTorch still draws its workers' base seed from the generator each epoch.
loader_case(0, 10, 3, shuffle=False)
loader_case(7, 10, 4, shuffle=False, drop_last=True)

def split_case(seed, n, lengths):
    g = torch.Generator().manual_seed(seed)
    parts = random_split(range(n), lengths, generator=g)
    out["splits"].append({"seed": seed, "n": n, "lengths": lengths, "parts": [list(p) for p in parts],
                          "after": torch.rand(3, dtype=torch.float64, generator=g).tolist()})

split_case(42, 10, [3, 7])
split_case(42, 30, [0.3, 0.3, 0.4])
split_case(0, 150, [0.7, 0.15, 0.15])
split_case(1, 97, [0.8, 0.2])
split_case(3, 11, [0.5, 0.25, 0.25])
split_case(0, 1797, [0.8, 0.1, 0.1])
split_case(5, 1, [1])

path = os.path.join(os.path.dirname(__file__), "..", "MiniGrad.Tests", "Data", "loader_orders.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {os.path.normpath(path)}: {len(out['loaders'])} loader cases, {len(out['splits'])} splits")
