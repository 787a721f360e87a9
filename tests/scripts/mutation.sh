#!/usr/bin/env bash
# Mutation testing with Stryker.NET over the library's numerical folders, one folder per run.
#
#   tests/scripts/mutation.sh                 # Ops, Activations, Losses and Optim, one after the other
#   tests/scripts/mutation.sh Losses Optim    # only these folders
#   tests/scripts/mutation.sh Losses+Optim    # both folders in one Stryker run (one build and coverage run for both)
#   tests/scripts/mutation.sh Optim -- --since:main      # extra arguments after -- go to dotnet-stryker
#
# Each run mutates src/MiniGrad/<Folder>/**/*.cs, runs only the tests that cover each mutant (per-test coverage) and
# writes its reports to artifacts/mutation/<Folder>/ (reports/mutation-report.html and .json). On two cores a folder
# takes several minutes (Activations and Ops the longest). Not part of `dotnet test` or CI: it is for developers.
#
# Stryker builds the test project in place and swaps the mutated MiniGrad.dll into its bin folder, so do not build or
# test in the same checkout while it runs; MUTATION_COPY=1 runs it in a copy of the tracked files under /tmp instead.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
folders=()
extra=()
while [[ $# -gt 0 ]]; do
  if [[ "$1" == "--" ]]; then shift; extra=("$@"); break; fi
  folders+=("$1"); shift
done
[[ ${#folders[@]} -gt 0 ]] || folders=(Ops Activations Losses Optim)

for group in "${folders[@]}"; do
  IFS=+ read -ra parts <<< "$group"
  for f in "${parts[@]}"; do
    case "$f" in
      Ops|Activations|Losses|Optim) ;;
      *) echo "mutation.sh: unknown folder '$f' (use Ops, Activations, Losses or Optim, or several joined by +)" >&2; exit 2 ;;
    esac
  done
done

work="$root"
if [[ "${MUTATION_COPY:-0}" == "1" ]]; then
  work="$(mktemp -d /tmp/minigrad-mutation.XXXXXX)"
  # The tracked files as they are in the work tree (including uncommitted edits), without bin/ and obj/.
  (cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work")
  echo "mutation.sh: running in the copy $work"
fi

cd "$work"
dotnet tool restore >/dev/null   # dotnet-stryker, pinned in .config/dotnet-tools.json

status=0
for group in "${folders[@]}"; do
  IFS=+ read -ra parts <<< "$group"
  mutate=()
  # The glob matches src/MiniGrad/<Folder>/ only (not src/MiniGrad/Nn/Activations/).
  for f in "${parts[@]}"; do mutate+=(--mutate "**/src/MiniGrad/$f/**/*.cs"); done
  out="$root/artifacts/mutation/${group//+/-}"
  rm -rf "$out"
  mkdir -p "$out"
  echo "=== mutation testing src/MiniGrad/{${group//+/,}} ==="
  # Stryker is run from the test project's folder, where the config's project names resolve.
  (cd tests/MiniGrad.Tests && dotnet stryker \
      --config-file ../stryker/stryker-config.json \
      "${mutate[@]}" \
      --output "$out" \
      --skip-version-check \
      "${extra[@]}") 2>&1 | tee "$out/stryker.log" || status=1
  # One line per folder and per file from the JSON report: killed, survived, timeout, no coverage, score.
  report="$out/reports/mutation-report.json"
  [[ -f "$report" ]] && python3 "$root/tests/scripts/mutation_summary.py" "$report" | tee "$out/summary.txt"
done
echo "reports: $root/artifacts/mutation/<Folder>/reports/mutation-report.html"
exit $status
