#!/usr/bin/env python3
"""MiniGrad against PyTorch on the speed issue's two training jobs, one thread each.

The jobs, identical in both frameworks: Linear layers with ReLU between them, MSE loss, Adam (lr 1e-3), float32,
mini-batches taken in order from a fixed random dataset; one step = zero_grad, forward, loss, backward, step.
  tutorial003: 10-18-18-4-1, batch 10 (100 samples)      mlp: 784-256-256-10, batch 128 (4 batches)
Timing, identical in both: warm up 0.5 s, size a batch of steps to >= 20 ms, time batches for --seconds, report the
best and the median batch mean in µs per step. The ratio uses the best (the least disturbed by other processes).
With --rounds N the two frameworks take turns N times (MiniGrad, PyTorch, MiniGrad, ...), so that a noisy spell on
a shared machine hits both; the table shows the best of the bests and the median of the medians, and a last line
each round's ratios. PyTorch runs under /usr/bin/python3 (Debian's python3-torch); without torch only MiniGrad is
shown.
"""
import argparse
import os
import platform
import shlex
import subprocess
import sys
import time

JOBS = {"tutorial003": ([10, 18, 18, 4, 1], 10, 10), "mlp": ([784, 256, 256, 10], 128, 4)}


def torch_step_times(seconds):
    import torch
    import torch.nn as nn

    torch.set_num_threads(1)
    torch.manual_seed(42)
    results = {}
    for key, (sizes, batch, batches) in JOBS.items():
        samples = batch * batches
        x = torch.randn(samples, sizes[0])
        y = torch.randn(samples, sizes[-1])
        layers = []
        for i in range(1, len(sizes)):
            layers.append(nn.Linear(sizes[i - 1], sizes[i]))
            if i < len(sizes) - 1:
                layers.append(nn.ReLU())
        model = nn.Sequential(*layers)
        criterion = nn.MSELoss()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        state = {"next": 0}

        def step():
            i = state["next"]
            state["next"] = (i + batch) % samples
            inputs, labels = x[i:i + batch], y[i:i + batch]
            optimizer.zero_grad()
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()

        results[key] = measure(step, seconds)
    return results, f"PyTorch {torch.__version__}"


def measure(step, seconds):
    start = time.perf_counter()
    while time.perf_counter() - start < 0.5:
        step()
    reps = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(reps):
            step()
        if time.perf_counter() - t0 >= 0.02:
            break
        reps *= 2
    means = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds or len(means) < 5:
        t0 = time.perf_counter()
        for _ in range(reps):
            step()
        means.append((time.perf_counter() - t0) * 1e6 / reps)
    means.sort()
    return means[0], means[len(means) // 2]


def has_torch():
    return subprocess.run(["/usr/bin/python3", "-c", "import torch"], capture_output=True).returncode == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minigrad", help="command that prints MiniGrad's timings (MiniGrad.Benchmarks --compare)")
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=1, help="take turns this many times (default 1)")
    parser.add_argument("--torch-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.torch_only:  # child mode: runs under /usr/bin/python3, prints "key best median" lines
        results, version = torch_step_times(args.seconds)
        print(version)
        for key, (best, median) in results.items():
            print(f"{key} {best:.2f} {median:.2f}")
        return 0

    torch_here = has_torch()
    if not torch_here:
        print("(no torch under /usr/bin/python3: PyTorch not measured; --install adds it)")
    mg_rounds, pt_rounds, pt_version = [], [], None
    for _ in range(max(1, args.rounds)):
        if args.minigrad:
            out = subprocess.run(shlex.split(args.minigrad) + ["--compare", str(args.seconds)],
                                 check=True, capture_output=True, text=True).stdout
            mg_rounds.append({key: (float(best), float(median), float(bytes_per_step))
                              for key, best, median, bytes_per_step in (line.split() for line in out.splitlines())})
        if torch_here:
            out = subprocess.run(["/usr/bin/python3", os.path.abspath(__file__), "--torch-only", "--seconds",
                                  str(args.seconds)], check=True, capture_output=True, text=True).stdout.splitlines()
            pt_version = out[0]
            pt_rounds.append({key: (float(best), float(median)) for key, best, median in (line.split() for line in out[1:])})
    mg, pt = combine(mg_rounds), combine(pt_rounds)

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(f"{time.strftime('%Y-%m-%d %H:%M')}  {cpu}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
          f"{'  ' + pt_version if pt_version else ''}  (1 thread each)")
    print(f"{'job':<40} {'MiniGrad µs/step':>18} {'PyTorch µs/step':>17} {'speed-up':>9}")
    names = {"tutorial003": "tutorial 003: 10-18-18-4-1 b10 MSE Adam", "mlp": "MLP 784-256-256-10 b128 MSE Adam"}
    for key, name in names.items():
        m = mg.get(key)
        p = pt.get(key)
        ms = f"{m[0]:.1f} (med {m[1]:.1f})" if m else "-"
        ps = f"{p[0]:.1f} (med {p[1]:.1f})" if p else "-"
        ratio = f"{p[0] / m[0]:.1f}x" if m and p else "-"
        print(f"{name:<40} {ms:>18} {ps:>17} {ratio:>9}")
    if len(mg_rounds) > 1 and len(pt_rounds) > 1:
        for key, name in names.items():
            ratios = ", ".join(f"{p[key][0] / m[key][0]:.1f}x" for m, p in zip(mg_rounds, pt_rounds))
            print(f"  {key} per round: {ratios}")
    return 0


def combine(rounds):
    """Per job: the best of the bests and the median of the medians (other columns from the first round)."""
    if not rounds:
        return {}
    combined = {}
    for key in rounds[0]:
        values = [r[key] for r in rounds]
        medians = sorted(v[1] for v in values)
        combined[key] = (min(v[0] for v in values), medians[len(medians) // 2]) + tuple(values[0][2:])
    return combined


if __name__ == "__main__":
    sys.exit(main())
