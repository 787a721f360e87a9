#!/usr/bin/env python3
"""MiniGrad against PyTorch on the speed issue's jobs (issue 19), with the same loops and the same timing rules.

Jobs, identical in both frameworks (float32; Linear layers with ReLU between them, MSE loss, Adam lr 1e-3,
mini-batches taken in order from a fixed random dataset; one step = zero_grad, forward, loss, backward, step):
  tutorial003  10-18-18-4-1, batch 10                           1 and 2 threads
  mlp          784-256-256-10, batch 128                        1 and 2 threads
  mlp-bB       784-256-256-10 at batch 1, 10, 1024              1 and 2 threads
  mlp-wW       784-W-W-10 at width 64, 1024, batch 128          1 and 2 threads
  digits       the Digits example's whole run (examples/Digits: 20 epochs, 80/20 split, shuffling loader of 32,
               64-64-10 with dropout 0.2, cross entropy, Adam lr 0.01, cosine schedule, test accuracy per epoch)
  cli-digits   `minigrad train --task digits` against a PyTorch twin of it (64-128-10, dropout 0.2, 30 epochs, 70/15/15
               split, standardized inputs, Adam lr 0.003, validation after each epoch): separate processes, timed
               cold as a user runs them, one thread each (`--threads 1` for the CLI), after one untimed run of each
               (which records minigrad's JIT profile, docs/cli.md); the ratio is of the training loops' own clocks
               (the CLI's "Time:" line), the whole processes' wall times are printed below the table
MiniGrad runs every job in two loop styles: plain (exactly as examples/Tutorial003 writes it: ZeroGrad() with its
default arguments, no RecycleBuffers, no using) and tuned (RecycleBuffers on, the loss disposed, ZeroGrad(setToNone:
false)). PyTorch has one style: optimizer.zero_grad(), forward, loss, backward(), step().

Timing, identical on both sides: warm up for at least --warmup seconds (3) and until two successive 0.25 s windows'
mean step times agree within 3 % (capped at 1.5 times the minimum, at least 1 s more: a job that
hit the cap is flagged), size a batch of
steps to >= 20 ms, time batches for --seconds, report the best and the median batch mean. Ratios use the bests (the
least disturbed by other processes). --rounds N takes turns N times per thread count (MiniGrad, PyTorch, MiniGrad,
...) so that a noisy spell on a shared machine hits both; the table shows the best of the bests and the median of
the medians. PyTorch runs under /usr/bin/python3 in one child process per thread count, with OPENBLAS_NUM_THREADS
and OMP_NUM_THREADS set to the thread count before torch is imported (Debian's OpenBLAS keeps its own thread pool,
which torch.set_num_threads does not bound) and torch.set_num_threads(N). MiniGrad sets
MiniGrad.Kernels.Threading.MaxDegreeOfParallelism = N.
"""
import argparse
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time

WINDOW_SECONDS = 0.25  # a warm-up window (StepTimer.WindowSeconds)
SETTLED_WITHIN = 0.03  # two successive windows this close count as settled (StepTimer.SettledWithin)
DIGITS_EPOCHS = 20     # examples/Digits' default
MLP = [784, 256, 256, 10]


def mlp(width):
    return [784, width, width, 10]


# key: (label, spec, thread counts). spec: (sizes, batch, batches) or ("digits", epochs).
JOBS = {
    "tutorial003": ("tutorial 003: 10-18-18-4-1 b10", ([10, 18, 18, 4, 1], 10, 10), (1, 2)),
    "mlp-b1": ("MLP 784-256-256-10 b1", (MLP, 1, 4), (1, 2)),
    "mlp-b10": ("MLP 784-256-256-10 b10", (MLP, 10, 4), (1, 2)),
    "mlp": ("MLP 784-256-256-10 b128", (MLP, 128, 4), (1, 2)),
    "mlp-b1024": ("MLP 784-256-256-10 b1024", (MLP, 1024, 4), (1, 2)),
    "mlp-w64": ("MLP 784-64-64-10 b128", (mlp(64), 128, 4), (1, 2)),
    "mlp-w1024": ("MLP 784-1024-1024-10 b128", (mlp(1024), 128, 4), (1, 2)),
    "digits": (f"Digits example, one {DIGITS_EPOCHS}-epoch run", ("digits", DIGITS_EPOCHS), (1,)),
}
CLI_KEY = "cli-digits"
CLI_LABEL = "minigrad train --task digits (training loop)"
ADAM_JOB = "mlp"  # Adam's elements/ns inside this job (MiniGrad, Adam.Step alone on the job's gradients)


# ---------------------------------------------------------------------------------------------------------------
# Timing (the same rules as benchmarks/MiniGrad.Benchmarks/StepTimer.cs)

def measure(step, seconds, min_warmup):
    """(best µs, median µs, warm-up seconds, settled) of step(): see the module docstring."""
    cap = max(1.5 * min_warmup, min_warmup + 1)
    start = time.perf_counter()
    previous = float("nan")
    while True:
        t0 = time.perf_counter()
        count = 0
        while True:
            step()
            count += 1
            if time.perf_counter() - t0 >= WINDOW_SECONDS:
                break
        mean = (time.perf_counter() - t0) / count
        settled = abs(mean - previous) <= SETTLED_WITHIN * previous
        previous = mean
        elapsed = time.perf_counter() - start
        if (elapsed >= min_warmup and settled) or elapsed >= cap:
            break
    warmup = time.perf_counter() - start
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
    return means[0], means[len(means) // 2], warmup, settled


# ---------------------------------------------------------------------------------------------------------------
# The PyTorch side (child processes under /usr/bin/python3)

def torch_mlp_step(sizes, batch, batches):
    import torch
    import torch.nn as nn

    torch.manual_seed(42)
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

    def step():  # Tutorial 003's loop body
        i = state["next"]
        state["next"] = (i + batch) % samples
        inputs, labels = x[i:i + batch], y[i:i + batch]
        optimizer.zero_grad()
        outputs = model(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()

    return step


def torch_digits_run(epochs, dropout=0.2, seed=0):
    """examples/Digits/digits.py's whole run (printing left out), the data loaded once outside the timing."""
    import torch
    import torch.nn as nn
    from sklearn.datasets import load_digits
    from torch.optim.lr_scheduler import CosineAnnealingLR
    from torch.utils.data import DataLoader, TensorDataset, random_split

    digits = load_digits()
    inputs = torch.tensor(digits.data, dtype=torch.float32) / 16
    targets = torch.tensor(digits.target, dtype=torch.int64)
    result = {}

    def run():
        train, test = random_split(TensorDataset(inputs, targets), [0.8, 0.2],
                                   generator=torch.Generator().manual_seed(seed))
        test_x, test_y = inputs[test.indices], targets[test.indices]
        loader = DataLoader(train, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(seed))
        torch.manual_seed(seed)
        model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Dropout(dropout), nn.Linear(64, 10))
        criterion = nn.CrossEntropyLoss()
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
        scheduler = CosineAnnealingLR(optimizer, T_max=epochs)

        def test_accuracy():
            model.eval()
            with torch.no_grad():
                correct = (model(test_x).argmax(dim=1) == test_y).sum().item()
            model.train()
            return 100 * (correct / len(test_y))

        for _ in range(epochs):
            total = 0.0
            for x, y in loader:
                optimizer.zero_grad()
                loss = criterion(model(x), y)
                loss.backward()
                optimizer.step()
                total += loss.item()
            scheduler.step()
            result["loss"], result["accuracy"] = total / len(loader), test_accuracy()
        result["accuracy"] = test_accuracy()

    return run


def torch_child(args):
    threads = args.threads
    # The parent set these before this process started, so OpenBLAS sized its pool from them; check, not trust.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        if os.environ.get(name) != str(threads):
            print(f"compare.py: {name} is {os.environ.get(name)!r} in the PyTorch child, not {threads}", file=sys.stderr)
            return 2
    import torch

    torch.set_num_threads(threads)
    print(f"torch {torch.__version__}")
    for key, spec in args.job:
        if spec.startswith("digits/"):
            step = torch_digits_run(int(spec.split("/")[1]))
        else:
            sizes, batch, batches = spec.split("/")
            step = torch_mlp_step([int(s) for s in sizes.split("-")], int(batch), int(batches))
        best, median, warmup, settled = measure(step, args.seconds, args.warmup)
        print(f"job {key} plain {threads} {best:.3f} {median:.3f} 0 {warmup:.1f} {int(settled)}", flush=True)
    return 0


def torch_cli_twin(epochs=30, seed=42):
    """The PyTorch twin of `minigrad train --task digits` (src/MiniGrad.Cli/Training/HoldoutRun.cs with the digits
    defaults): a seeded 70/15/15 split, inputs standardized with the training part's mean and (population) standard
    deviation, 64-128-10 with ReLU and Dropout(0.2), cross entropy, Adam lr 0.003, shuffled batches of 32, after each
    epoch the mean training loss and the validation loss and accuracy, at the end the test accuracy and confusion
    matrix. Prints the epochs as the CLI does and "Time: X s" for the training loop, timed as HoldoutRun times it.
    A twin for timing: the same work, not the same random draws."""
    import torch
    import torch.nn as nn
    from sklearn.datasets import load_digits
    from torch.utils.data import DataLoader, TensorDataset, random_split

    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(seed)
    digits = load_digits()
    inputs = torch.tensor(digits.data, dtype=torch.float32)
    targets = torch.tensor(digits.target, dtype=torch.int64)
    parts = random_split(TensorDataset(inputs, targets), [0.7, 0.15, 0.15], generator=generator)
    train_x, train_y = inputs[parts[0].indices], targets[parts[0].indices]
    mean, std = train_x.mean(dim=0), train_x.std(dim=0, unbiased=False)
    std[std == 0] = 1

    def part(p):
        return (inputs[p.indices] - mean) / std, targets[p.indices]

    (train_x, train_y), (val_x, val_y), (test_x, test_y) = part(parts[0]), part(parts[1]), part(parts[2])
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.003)
    criterion = nn.CrossEntropyLoss()
    loader = DataLoader(TensorDataset(train_x, train_y), batch_size=32, shuffle=True, generator=generator)

    def evaluate(x, y):
        model.eval()
        with torch.no_grad():
            outputs = model(x)
            loss = criterion(outputs, y).item()
            predicted = outputs.argmax(dim=1)
        model.train()
        confusion = torch.zeros(10, 10, dtype=torch.int64)
        confusion.index_put_((y, predicted), torch.ones_like(y), accumulate=True)
        return loss, (predicted == y).float().mean().item(), confusion

    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        total, seen = 0.0, 0
        for x, y in loader:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item() * x.shape[0]
            seen += x.shape[0]
        val_loss, val_accuracy, _ = evaluate(val_x, val_y)
        print(f"epoch {epoch:3d}  train loss {total / seen:.6f}  validation loss {val_loss:.6f}  accuracy {100 * val_accuracy:.1f}%")
    elapsed = time.perf_counter() - start
    _, test_accuracy, confusion = evaluate(test_x, test_y)
    print(f"Test accuracy: {100 * test_accuracy:.1f}%")
    print(confusion)
    print(f"Time: {elapsed:.2f} s")
    return 0


# ---------------------------------------------------------------------------------------------------------------
# The parent: takes turns, combines, prints the table

def parse_records(text):
    """{(key, style, threads): (best, median, warmup, settled)}, the peak and Adam's elements/ns, from --compare output."""
    jobs, peak, adam, version = {}, None, {}, None
    for line in text.splitlines():
        f = line.split()
        if not f:
            continue
        if f[0] == "job":
            jobs[(f[1], f[2], int(f[3]))] = (float(f[4]), float(f[5]), float(f[7]), f[8] == "1")
        elif f[0] == "peak":
            peak = (float(f[1]), float(f[2]), f[3] if len(f) > 3 else "Vector512")
        elif f[0] == "adam":
            adam[(f[1], int(f[2]))] = float(f[3])
        elif f[0] == "torch":
            version = f[1]
    return jobs, peak, adam, version


def run(command, env=None):
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"compare.py: {shlex.join(command)} failed (exit {result.returncode})")
    return result.stdout


def job_args(keys):
    out = []
    for key in keys:
        spec = JOBS[key][1]
        if spec[0] == "digits":
            out += ["--job", key, f"digits/{spec[1]}"]
        else:
            sizes, batch, batches = spec
            out += ["--job", key, f"{'-'.join(map(str, sizes))}/{batch}/{batches}"]
    return out


def timed_process(command):
    """(training-loop seconds from the 'Time: X s' line, whole process seconds) of one cold run."""
    t0 = time.perf_counter()
    # One thread on both sides: the CLI is given --threads 1 (DOTNET_PROCESSOR_COUNT=1 would also change how the
    # runtime itself schedules its JIT and GC: its loop then ran 1.6x slower); the twin calls torch.set_num_threads(1)
    # with its BLAS pinned here.
    out = run(command, env=dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1"))
    wall = time.perf_counter() - t0
    m = re.search(r"^Time: ([0-9.]+) s", out, re.MULTILINE)
    if not m:
        raise SystemExit(f"compare.py: no 'Time: X s' line in the output of {shlex.join(command)}")
    return float(m.group(1)), wall


def gemm_flops(sizes, batch):
    """The step's GEMM flops: forward 2·b·in·out per Linear, backward twice that, less the first layer's input gradient."""
    flops = 0
    for i in range(1, len(sizes)):
        forward = 2 * batch * sizes[i - 1] * sizes[i]
        flops += forward + (forward if i == 1 else 2 * forward)
    return flops


def gemm_bound(key):
    spec = JOBS[key][1]
    return spec[0] != "digits" and (spec[1] >= 128 or max(spec[0][1:-1], default=0) >= 512)


def fmt_us(us):
    if us is None:
        return "-"
    if us >= 1e6:
        return f"{us / 1e6:.2f} s"
    if us >= 1e4:
        return f"{us / 1e3:.1f} ms"
    if us >= 100:
        return f"{us:.0f} µs"
    return f"{us:.1f} µs"


def pair(t):
    return "-" if t is None else f"{fmt_us(t[0])} / {fmt_us(t[1])}"


def combine(rounds):
    """Per record: the best of the bests, the median of the medians, the longest warm-up, settled in every round."""
    out = {}
    for key in set().union(*rounds) if rounds else ():
        values = [r[key] for r in rounds if key in r]
        out[key] = (min(v[0] for v in values), statistics.median(v[1] for v in values),
                    max(v[2] for v in values), all(v[3] for v in values))
    return out


def shortfall(value, target, unit):
    return f"{value:.1f}{unit} of ≥{target:g}{unit}: met" if value >= target else \
        f"{value:.1f}{unit} of ≥{target:g}{unit}: missed by {100 * (1 - value / target):.0f} %"


def targets(key, threads, mg, pt, peak, plain_tuned):
    """The issue's targets for this row, judged on the plain loop (the code people write)."""
    plain = mg.get((key, "plain", threads))
    base = pt.get((key, "plain", threads))
    out = []
    if key in ("tutorial003", "mlp") and threads == 1 and plain_tuned is not None:
        out.append("plain/tuned " + shortfall(plain_tuned, 90, " %"))
    ratio = base[0] / plain[0] if plain and base else None
    if ratio is not None and threads == 1:
        goal = {"tutorial003": 100, "mlp": 2.5, "mlp-b1": 6, "mlp-b10": 6, "digits": 3, CLI_KEY: 3}.get(key)
        if goal:
            out.append(shortfall(ratio, goal, "×"))
    if key in JOBS and gemm_bound(key):
        if plain and peak:
            pct = percent_peak(key, threads, plain[0], peak)
            out.append("peak " + shortfall(pct, 85, " %"))
        one = mg.get((key, "plain", 1))
        if threads == 2 and plain and one:
            out.append("2 threads " + shortfall(one[0] / plain[0], 1.7, "×"))
    if key == "mlp-b1" and threads == 2 and plain:
        one = mg.get((key, "plain", 1))
        if one:
            slower = plain[0] / one[0] - 1
            out.append(f"no slowdown: {'met' if slower <= 0.03 else 'missed'} ({100 * slower:+.0f} % against 1 thread)")
    return "; ".join(out) or "-"


def percent_peak(key, threads, us, peak):
    sizes, batch, _ = JOBS[key][1]
    return 100 * gemm_flops(sizes, batch) / (us * 1e3) / (peak[0] * threads)


def machine_line(dotnet_version, torch_version):
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {cpu}, {os.cpu_count()} cores, load average {load}; "
            f".NET {dotnet_version}; PyTorch {torch_version or '(not measured)'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minigrad", help="command that runs MiniGrad.Benchmarks (its --compare mode)")
    parser.add_argument("--cli", help="command that runs the minigrad CLI (for cli-digits)")
    parser.add_argument("--seconds", type=float, default=0.75, help="timed seconds per job, side and round (default 0.75)")
    parser.add_argument("--warmup", type=float, default=3.0, help="minimum warm-up seconds (default 3)")
    parser.add_argument("--rounds", type=int, default=2, help="take turns this many times (default 2)")
    parser.add_argument("--cli-runs", type=int, default=2, help="cold runs of cli-digits per side and round (default 2)")
    parser.add_argument("--only", action="append", default=[], metavar="SUBSTRING",
                        help="run only the jobs whose key contains this (repeatable); keys: "
                             + ", ".join(list(JOBS) + [CLI_KEY]))
    parser.add_argument("--quick", action="store_true", help="smoke test: warm-up 0.3 s, 0.3 s timed, 1 round, 1 CLI run")
    parser.add_argument("--markdown", metavar="FILE", help="also write the machine line and the table to FILE")
    parser.add_argument("--torch-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cli-twin", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--job", nargs=2, action="append", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.torch_child:
        return torch_child(args)
    if args.cli_twin:
        return torch_cli_twin()
    if args.quick:
        args.seconds, args.warmup, args.rounds, args.cli_runs = 0.3, 0.3, 1, 1
    if args.seconds <= 0 or args.warmup < 0 or args.rounds < 1 or args.cli_runs < 1:
        print("compare.py: --seconds must be positive, --warmup at least 0, --rounds and --cli-runs at least 1", file=sys.stderr)
        return 2

    keys = [k for k in list(JOBS) + [CLI_KEY] if not args.only or any(s in k for s in args.only)]
    if not keys:
        print(f"compare.py: --only {' '.join(args.only)} matches no job; keys: {', '.join(list(JOBS) + [CLI_KEY])}", file=sys.stderr)
        return 2
    torch_here = subprocess.run(["/usr/bin/python3", "-c", "import torch"], capture_output=True).returncode == 0
    sklearn_here = torch_here and subprocess.run(["/usr/bin/python3", "-c", "import sklearn"], capture_output=True).returncode == 0
    if not torch_here:
        print("(no torch under /usr/bin/python3: PyTorch not measured; --install adds it)")
    elif not sklearn_here and any(k in keys for k in ("digits", CLI_KEY)):
        print("(no sklearn under /usr/bin/python3: the digits jobs' PyTorch side not measured; --install adds it)")
    load_at_start = os.getloadavg()[0]
    mg_cmd = shlex.split(args.minigrad) if args.minigrad else None
    thread_counts = sorted({t for k in keys if k in JOBS for t in JOBS[k][2]})
    common = ["--seconds", str(args.seconds), "--warmup", str(args.warmup)]

    mg_rounds, pt_rounds, peaks, adam, torch_version = [], [], [], {}, None
    cli_mg, cli_pt = [], []
    if CLI_KEY in keys:
        # One untimed run per side first, as a user's earlier runs would have made: minigrad records its JIT profile
        # (played back by the timed runs, docs/cli.md), and both sides find their files in the page cache.
        if args.cli:
            timed_process(shlex.split(args.cli) + ["train", "--task", "digits", "--threads", "1"])
        if sklearn_here:
            timed_process(["/usr/bin/python3", os.path.abspath(__file__), "--cli-twin"])
    started = time.perf_counter()
    for r in range(args.rounds):
        mg_round, pt_round = {}, {}
        for threads in thread_counts:
            group = [k for k in keys if k in JOBS and threads in JOBS[k][2]]
            if mg_cmd:
                extra = (["--peak"] if threads == thread_counts[0] else []) + \
                        (["--adam", ADAM_JOB] if ADAM_JOB in group else [])
                out = run(mg_cmd + ["--compare", "--threads", str(threads)] + common + extra + job_args(group))
                jobs, peak, adam_round, _ = parse_records(out)
                mg_round.update(jobs)
                if peak:
                    peaks.append(peak)
                for k, v in adam_round.items():
                    adam[k] = max(adam.get(k, 0), v)
            if torch_here:
                torch_group = [k for k in group if sklearn_here or JOBS[k][1][0] != "digits"]
                if torch_group:
                    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
                    out = run(["/usr/bin/python3", os.path.abspath(__file__), "--torch-child", "--threads", str(threads)]
                              + common + job_args(torch_group), env=env)
                    jobs, _, _, torch_version = parse_records(out)
                    pt_round.update(jobs)
        if CLI_KEY in keys:
            for _ in range(args.cli_runs):
                if args.cli:
                    cli_mg.append(timed_process(shlex.split(args.cli) + ["train", "--task", "digits", "--threads", "1"]))
                if sklearn_here:
                    cli_pt.append(timed_process(["/usr/bin/python3", os.path.abspath(__file__), "--cli-twin"]))
        mg_rounds.append(mg_round)
        pt_rounds.append(pt_round)
        print(f"(round {r + 1} of {args.rounds} done after {time.perf_counter() - started:.0f} s)", file=sys.stderr)

    mg, pt = combine(mg_rounds), combine(pt_rounds)
    for values, store in ((cli_mg, mg), (cli_pt, pt)):
        if values:
            loops = sorted(v[0] * 1e6 for v in values)
            store[(CLI_KEY, "plain", 1)] = (loops[0], statistics.median(loops), 0.0, True)
    peak = (max(p[0] for p in peaks), max(p[1] for p in peaks), peaks[0][2]) if peaks else None
    dotnet_version = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip() or "?"

    lines = [machine_line(dotnet_version, torch_version)]
    cores = os.cpu_count() or 1
    if max(load_at_start, os.getloadavg()[0]) > cores:
        lines.append(f"WARNING: the machine was busy (1-minute load average {load_at_start:.1f} at the start, "
                     f"{os.getloadavg()[0]:.1f} at the end, on {cores} cores): other processes took turns with both "
                     "sides, and spinning thread pools (PyTorch's at 2 threads above all) suffer most; rerun when it is quiet.")
    if peak:
        lines.append(f"Measured FMA peak, one core ({peak[2]} loop, benchmarks/MiniGrad.Benchmarks/FmaPeak.cs): "
                     f"float {peak[0]:.1f} GFLOP/s, double {peak[1]:.1f} GFLOP/s")
    lines.append(f"Rules: warm-up ≥ {args.warmup:g} s and until settled, batches ≥ 20 ms, {args.seconds:g} s timed, "
                 f"{args.rounds} round(s) taking turns; µs per step (per run for the digits jobs), best / median; "
                 "ratio = PyTorch best ÷ MiniGrad best; targets judged on the plain loop.")
    lines.append("")
    lines.append("| job | threads | MiniGrad plain (best / median) | MiniGrad tuned | plain/tuned | PyTorch | ratio plain "
                 "| ratio tuned | GFLOP/s plain / tuned (% of peak) | target: met / missed |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    rows = [(k, t) for k in keys if k in JOBS for t in JOBS[k][2]]
    rows.sort(key=lambda kt: (kt[1], list(JOBS).index(kt[0])))
    if CLI_KEY in keys:
        rows.append((CLI_KEY, 1))
    unsettled = []
    for key, threads in rows:
        label = JOBS[key][0] if key in JOBS else CLI_LABEL
        p, t, b = mg.get((key, "plain", threads)), mg.get((key, "tuned", threads)), pt.get((key, "plain", threads))
        plain_tuned = 100 * t[0] / p[0] if p and t else None
        ratio_plain = f"{b[0] / p[0]:.2f}×" if p and b else "-"
        ratio_tuned = f"{b[0] / t[0]:.2f}×" if t and b else "-"
        gemm = "-"
        if key in JOBS and gemm_bound(key) and peak and p and t:
            sizes, batch, _ = JOBS[key][1]
            gf = [gemm_flops(sizes, batch) / (x[0] * 1e3) for x in (p, t)]
            gemm = (f"{gf[0]:.0f} / {gf[1]:.0f} ({percent_peak(key, threads, p[0], peak):.0f} / "
                    f"{percent_peak(key, threads, t[0], peak):.0f} %)")
        for side, values in (("MiniGrad plain", p), ("MiniGrad tuned", t), ("PyTorch", b)):
            if values and not values[3]:
                unsettled.append(f"{key} ({threads} thread{'s' if threads > 1 else ''}, {side})")
        lines.append(f"| {label} | {threads} | {pair(p)} | {pair(t)} | "
                     f"{'-' if plain_tuned is None else f'{plain_tuned:.0f} %'} | {pair(b)} | {ratio_plain} | {ratio_tuned} | "
                     f"{gemm} | {targets(key, threads, mg, pt, peak, plain_tuned)} |")
    lines.append("")
    for threads in sorted({t for (k, t) in adam}):
        v = adam[(ADAM_JOB, threads)]
        lines.append(f"Adam inside the {JOBS[ADAM_JOB][0]} job ({threads} thread{'s' if threads > 1 else ''}; Adam.Step "
                     f"alone on the job's gradients, best batch): {v:.2f} elements/ns; target ≥ 2.5: "
                     f"{'met' if v >= 2.5 else f'missed by {100 * (1 - v / 2.5):.0f} %'}")
    if cli_mg or cli_pt:
        def walls(values):
            w = sorted(v[1] for v in values)
            return f"best {w[0]:.2f} s, median {statistics.median(w):.2f} s over {len(w)} runs" if w else "not run"
        lines.append(f"cli-digits whole processes (new processes after one untimed run of each side, startup and data "
                     f"loading included; minigrad with the JIT profile of the run before): minigrad {walls(cli_mg)}; "
                     f"PyTorch twin {walls(cli_pt)}")
    if unsettled:
        lines.append("Warm-up hit its cap (1.5 × the minimum, at least 1 s more) before the times settled: " + ", ".join(unsettled))
    if len(mg_rounds) > 1 and len(pt_rounds) > 1:
        per_round = []
        for key in ("tutorial003", "mlp", "mlp-b1", "digits"):
            ratios = [f"{b[(key, 'plain', 1)][0] / m[(key, 'plain', 1)][0]:.2f}×"
                      for m, b in zip(mg_rounds, pt_rounds) if (key, "plain", 1) in m and (key, "plain", 1) in b]
            if ratios:
                per_round.append(f"{key} {', '.join(ratios)}")
        if per_round:
            lines.append("Plain ratios per round, 1 thread: " + "; ".join(per_round))
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
