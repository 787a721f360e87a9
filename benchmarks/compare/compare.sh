#!/usr/bin/env bash
# Runs the two training jobs of the speed issue in MiniGrad and (when /usr/bin/python3 has torch) in PyTorch, one
# thread each, and prints µs per step and the ratio. Installs nothing unless asked:
#   benchmarks/compare/compare.sh              # measure (about 2 s per job and framework)
#   benchmarks/compare/compare.sh --seconds 5  # measure longer
#   benchmarks/compare/compare.sh --rounds 3   # take turns three times (a noisy spell hits both frameworks)
#   benchmarks/compare/compare.sh --install    # first apt-get install -y python3-torch libopenblas0-pthread
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=2
rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --install) apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-torch libopenblas0-pthread; shift ;;
    --seconds) seconds="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "usage: $0 [--install] [--seconds N] [--rounds N]" >&2; exit 2 ;;
  esac
done
dotnet build benchmarks/MiniGrad.Benchmarks -c Release -v q -nologo >/dev/null
exec python3 benchmarks/compare/compare.py --seconds "$seconds" --rounds "$rounds" \
  --minigrad "dotnet benchmarks/MiniGrad.Benchmarks/bin/Release/net10.0/MiniGrad.Benchmarks.dll"
