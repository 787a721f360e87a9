#!/usr/bin/env bash
# MiniGrad against PyTorch on the speed issue's jobs (issue 19): the tutorial and MLP steps in the plain loop (as
# examples/Tutorial003 writes it) and the tuned one, the 784-w-w-10 scaling grid at 1 and 2 threads, the Digits
# example's whole run and `minigrad train --task digits`; prints the machine, the measured FMA peak and a Markdown
# table of ratios (compare.py's docstring has the rules). PyTorch's BLAS is pinned to the same thread count.
#   benchmarks/compare/compare.sh                     # everything, about 8 minutes on 2 cores
#   benchmarks/compare/compare.sh --quick             # smoke test (short warm-up and timing, 1 round)
#   benchmarks/compare/compare.sh --only mlp-b        # jobs whose key contains mlp-b (repeatable)
#   benchmarks/compare/compare.sh --seconds 2 --rounds 3 --warmup 3 --markdown /tmp/table.md
#   benchmarks/compare/compare.sh --install           # first apt-get install python3-torch libopenblas0-pthread python3-sklearn
set -euo pipefail
cd "$(dirname "$0")/../.."
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --install)
      apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-torch libopenblas0-pthread python3-sklearn
      shift ;;
    --quick) pass+=("$1"); shift ;;
    --seconds|--rounds|--warmup|--only|--markdown|--cli-runs)
      [ $# -ge 2 ] || { echo "compare.sh: $1 needs a value" >&2; exit 2; }
      pass+=("$1" "$2"); shift 2 ;;
    *) echo "usage: $0 [--install] [--quick] [--seconds S] [--rounds N] [--warmup W] [--cli-runs N] [--only SUBSTRING] [--markdown FILE]" >&2; exit 2 ;;
  esac
done
dotnet build benchmarks/MiniGrad.Benchmarks -c Release -v q -nologo >/dev/null
dotnet build src/MiniGrad.Cli -c Release -v q -nologo >/dev/null
exec python3 benchmarks/compare/compare.py "${pass[@]}" \
  --minigrad "dotnet benchmarks/MiniGrad.Benchmarks/bin/Release/net10.0/MiniGrad.Benchmarks.dll" \
  --cli "dotnet src/MiniGrad.Cli/bin/Release/net10.0/MiniGrad.Cli.dll"
