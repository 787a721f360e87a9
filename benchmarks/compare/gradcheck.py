#!/usr/bin/env python3
"""PyTorch's side of the GradCheck benchmark (benchmarks/MiniGrad.Benchmarks/GradCheckBenchmarks.cs), one thread.

The job, identical to MiniGrad's: torch.autograd.gradcheck of x * sigmoid(1.5 x) on 1,000 float64 values uniform in
[-5, 5], default tolerances (eps 1e-6, atol 1e-5, rtol 1e-3), once with fast_mode=True (vᵀJu) and once in full.
Timing: warm up, then time --runs batches of calls (a batch of fast checks lasts >= 20 ms), report the best and the
median batch mean per check. The best is the figure to compare (the least disturbed by other processes).
Run with /usr/bin/python3 (Debian's python3-torch):  /usr/bin/python3 benchmarks/compare/gradcheck.py [--runs N]
"""
import argparse
import statistics
import time

import torch


def swish(t):
    return t * torch.sigmoid(1.5 * t)


def time_check(check, runs, min_batch_seconds):
    check()  # warm up, and make sure it passes
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            check()
        if time.perf_counter() - start >= min_batch_seconds:
            break
        calls *= 2
    means = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(calls):
            check()
        means.append((time.perf_counter() - start) / calls)
    return min(means), statistics.median(means), calls


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20, help="timed batches per check (default 20)")
    parser.add_argument("--no-full", action="store_true", help="time fast mode only")
    args = parser.parse_args()

    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(1)
    x = (torch.rand(1000, generator=g, dtype=torch.float64) * 10 - 5).requires_grad_()

    def fast():
        assert torch.autograd.gradcheck(swish, (x,), fast_mode=True)

    def full():
        assert torch.autograd.gradcheck(swish, (x,), fast_mode=False)

    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread, float64, x * sigmoid(1.5 x) on 1,000 values")
    best, median, calls = time_check(fast, args.runs, 0.02)
    print(f"  fast_mode=True : best {best * 1e6:9.1f} µs   median {median * 1e6:9.1f} µs   ({args.runs} batches of {calls})")
    if not args.no_full:
        best, median, calls = time_check(full, max(3, args.runs // 4), 0.0)
        print(f"  full           : best {best * 1e3:9.1f} ms   median {median * 1e3:9.1f} ms   ({max(3, args.runs // 4)} batches of {calls})")


if __name__ == "__main__":
    main()
