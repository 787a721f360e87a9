#!/usr/bin/env python3
"""Summarises a Stryker.NET JSON report per folder of src/MiniGrad and per file.

    python3 tests/scripts/mutation_summary.py artifacts/mutation/Optim/reports/mutation-report.json [--survivors]

Score = (killed + timeout) / (killed + timeout + survived + no coverage), Stryker's own definition; mutants that do not
compile and ignored ones are left out. --survivors also lists every surviving and uncovered mutant.
"""
import json
import sys
from collections import defaultdict

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    survivors = "--survivors" in sys.argv
    report = json.load(open(args[0]))
    per_folder = defaultdict(lambda: defaultdict(int))
    per_file = defaultdict(lambda: defaultdict(int))
    lost = []
    for path, f in report["files"].items():
        p = path.replace("\\", "/")
        rel = p.split("src/MiniGrad/", 1)[-1]
        folder = rel.split("/", 1)[0] if "/" in rel else "(root)"
        for m in f["mutants"]:
            s = m["status"]
            if s in ("Ignored", "CompileError"):
                continue
            per_folder[folder][s] += 1
            per_file[rel][s] += 1
            if s in ("Survived", "NoCoverage"):
                loc = m["location"]["start"]
                lost.append(f"{s:10} {rel}:{loc['line']} {m['mutatorName']}: {m.get('replacement', '')!r}")

    def line(name, c):
        killed, timeout, survived, nocov = c["Killed"], c["Timeout"], c["Survived"], c["NoCoverage"]
        total = killed + timeout + survived + nocov
        score = 100.0 * (killed + timeout) / total if total else float("nan")
        return f"{name:45} killed {killed:4}  survived {survived:4}  timeout {timeout:3}  no coverage {nocov:3}  score {score:5.1f}%"

    for folder in sorted(per_folder):
        print(line(folder, per_folder[folder]))
    print()
    for rel in sorted(per_file):
        print("  " + line(rel, per_file[rel]))
    if survivors:
        print()
        print("\n".join(sorted(lost)))

if __name__ == "__main__":
    main()
