#!/usr/bin/env bash
# Rewrites the output blocks of README.md and docs/*.md and the pictures in docs/images from real runs, then runs
# the docs check.
#   tests/scripts/update-docs.sh          the checked blocks: each C# block's output, same-as copies, transcripts, the
#                                         pictures, and the tutorial 003 tables of docs/training.md (PyTorch's side by
#                                         tests/scripts/tutorial003_pytorch.py, when /usr/bin/python3 has torch)
#   tests/scripts/update-docs.sh --all    also the transcripts marked <!-- output: measured -->
# See docs/writing-docs.md. Review the diff (git diff README.md docs) before committing it.
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=1
if [ "${1:-}" = "--all" ]; then mode=all; elif [ -n "${1:-}" ]; then echo "usage: $0 [--all]" >&2; exit 2; fi

dotnet build tests/MiniGrad.Tests -c Release
MINIGRAD_UPDATE_DOCS=$mode dotnet test tests/MiniGrad.Tests -c Release --no-build \
  --filter "FullyQualifiedName=MiniGrad.Tests.Docs.DocOutputUpdater.RewriteOutputBlocksWhenAsked|FullyQualifiedName~MiniGrad.Tests.Docs.DocImageTests|FullyQualifiedName~MiniGrad.Tests.Docs.Tutorial003PyTorchTests|FullyQualifiedName~MiniGrad.Tests.Examples.DigitsTwinTests|FullyQualifiedName~MiniGrad.Tests.Lab.LabBrowserTests"
if ! /usr/bin/python3 -c "import torch" >/dev/null 2>&1; then
  echo "/usr/bin/python3 has no torch (tests/scripts/install-python-deps.sh installs it): the tutorial 003 tables were not rewritten"
fi
# Graphviz draws the graph picture from MiniGrad's DOT file (its bytes depend on Graphviz's version: not checked).
if command -v dot >/dev/null 2>&1; then
  tmp=$(mktemp -d)
  dotnet run --project src/MiniGrad.Cli -c Release --no-build -- graph scalar -o "$tmp/graph.dot" >/dev/null
  cp "$tmp/graph.svg" docs/images/study-graph-scalar.svg
  rm -rf "$tmp"
else
  echo "Graphviz's dot is not installed: docs/images/study-graph-scalar.svg was not redrawn"
fi
dotnet test tests/MiniGrad.Tests -c Release --no-build --filter "FullyQualifiedName~MiniGrad.Tests.Docs"
git --no-pager diff --stat -- README.md docs
