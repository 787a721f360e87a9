#!/usr/bin/env bash
# Rewrites the output blocks of README.md and docs/*.md from real runs, then runs the docs check.
#   tests/scripts/update-docs.sh          the checked blocks: each C# block's output, same-as copies, transcripts
#   tests/scripts/update-docs.sh --all    also the transcripts marked <!-- output: measured --> (slow: they train)
# See docs/writing-docs.md. Review the diff (git diff README.md docs) before committing it.
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=1
if [ "${1:-}" = "--all" ]; then mode=all; elif [ -n "${1:-}" ]; then echo "usage: $0 [--all]" >&2; exit 2; fi

dotnet build tests/MiniGrad.Tests -c Release
MINIGRAD_UPDATE_DOCS=$mode dotnet test tests/MiniGrad.Tests -c Release --no-build \
  --filter "FullyQualifiedName=MiniGrad.Tests.Docs.DocOutputUpdater.RewriteOutputBlocksWhenAsked"
dotnet test tests/MiniGrad.Tests -c Release --no-build --filter "FullyQualifiedName~MiniGrad.Tests.Docs"
git --no-pager diff --stat -- README.md docs
