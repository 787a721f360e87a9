"""Driver of the safetensors interop tests (SafeTensorsPyTorchTests), run by /usr/bin/python3 with torch 1.13.

  forward MODEL INPUTS RESAVED  loads MODEL (a MiniGrad Sequential(Linear(4, 8), Tanh, Linear(8, 3))) into the same
                                nn.Sequential, prints its outputs on INPUTS (a JSON matrix) as JSON, and saves the
                                loaded state dict with the file's metadata to RESAVED (for a byte comparison)
  write FOLDER                  writes model.safetensors (a seeded nn.Sequential's state dict), mixed.safetensors
                                (F32, F16 and BF16) and edge.safetensors (a 0-d and an empty tensor, metadata) and
                                prints every tensor's values (as doubles) and shape as JSON
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_io import load_file, load_metadata, save_file  # noqa: E402


def model():
    return torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3))


def values(tensors):
    return {k: {"shape": list(v.shape), "values": v.double().reshape(-1).tolist()} for k, v in tensors.items()}


def main():
    if sys.argv[1] == "forward":
        path, inputs, resaved = sys.argv[2], sys.argv[3], sys.argv[4]
        net = model()
        state = load_file(path)
        net.load_state_dict(state)
        with torch.no_grad():
            out = net(torch.tensor(json.loads(inputs), dtype=torch.float32))
        print(json.dumps(out.double().tolist()))
        save_file(state, resaved, load_metadata(path))
    elif sys.argv[1] == "write":
        folder = sys.argv[2]
        torch.manual_seed(0)
        state = model().state_dict()
        save_file(state, os.path.join(folder, "model.safetensors"))
        mixed = {
            "weight": torch.randn(3, 2),
            "half": torch.tensor([1.5, -0.333, 65504.0, 6e-8], dtype=torch.float16),
            "bf16": torch.randn(2, 2).to(torch.bfloat16),
        }
        save_file(mixed, os.path.join(folder, "mixed.safetensors"), {"format": "pt"})
        edge = {"scalar": torch.tensor(2.5), "empty": torch.zeros(0, 3), "after": torch.tensor([1.0, 2.0])}
        save_file(edge, os.path.join(folder, "edge.safetensors"), {"format": "pt", "note": "edge cases"})
        print(json.dumps({"model": values(state), "mixed": values(mixed), "edge": values(edge)}))


main()
