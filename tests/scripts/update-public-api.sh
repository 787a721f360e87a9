#!/usr/bin/env bash
# Brings the PublicAPI.*.txt files of the packages in step with their code (docs/packaging.md):
#
#   tests/scripts/update-public-api.sh [--shipped] [PROJECT_DIR ...]     (default: every packable project under src/)
#
# The PublicApiAnalyzers code fix does not run from the command line, so this builds each project with RS0016/RS0017
# as plain warnings and reads them: a public symbol with no line (RS0016, the message carries the line exactly as the
# analyzer wants it) is added to PublicAPI.Unshipped.txt (to PublicAPI.Shipped.txt with --shipped, as for a release);
# a line whose symbol is gone or no longer public (RS0017) is removed from whichever file holds it. Then review the
# diff: every line is a promise to the package's users.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=PublicAPI.Unshipped.txt
projects=()
while [ $# -gt 0 ]; do
  case "$1" in
    --shipped) target=PublicAPI.Shipped.txt; shift ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    -*) echo "update-public-api.sh: unknown option $1; usage: update-public-api.sh [--shipped] [PROJECT_DIR ...]" >&2; exit 2 ;;
    *) [ -f "$1/PublicAPI.Shipped.txt" ] || { echo "update-public-api.sh: $1 has no PublicAPI.Shipped.txt" >&2; exit 2; }
       projects+=("$(cd "$1" && pwd)"); shift ;;
  esac
done
if [ ${#projects[@]} -eq 0 ]; then
  for file in "$root"/src/*/PublicAPI.Shipped.txt; do projects+=("$(dirname "$file")"); done
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for project in "${projects[@]}"; do
  name=$(basename "$project")
  # The references first (an ordinary build), then this project alone, recompiled so that its warnings are reported.
  if ! dotnet build "$project" -c Release -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= >"$log" 2>&1 \
     || ! dotnet build "$project" -c Release --no-dependencies --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= >"$log" 2>&1; then
    grep -E "error" "$log" | sort -u | head -20
    echo "$name: the build failed (see above); its API files are unchanged"; status=1; continue
  fi
  python3 - "$project" "$target" "$log" <<'PY'
import re, sys, pathlib
project, target, log = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3]).read_text()
# Only this project's diagnostics: its references report theirs in their own builds.
mine = [line for line in log.splitlines() if line.rstrip().endswith(f"[{project / (project.name + '.csproj')}]")]
added = {m.group(1) for line in mine if (m := re.search(r"warning RS0016: Symbol '(.+)' is not part of the declared public API", line))}
gone = {m.group(1) for line in mine if (m := re.search(r"warning RS0017: Symbol '(.+)' is part of the declared API", line))}
header = "#nullable enable"
for file in ("PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt"):
    path = project / file
    lines = [l for l in path.read_text().splitlines() if l.strip() and l.strip() != header]
    kept = [l for l in lines if l not in gone]
    if file == target:
        kept = sorted(set(kept) | added, key=str.casefold)
    path.write_text("\n".join([header] + kept) + "\n")
print(f"{project.name}: {len(added)} line(s) added to {target}, {len(gone)} removed")
PY
done
exit $status
