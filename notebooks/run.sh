#!/usr/bin/env bash
# Runs the notebooks headlessly against freshly packed MiniGrad packages; exits non-zero when a cell fails.
#
#   notebooks/run.sh [--output DIR] [NOTEBOOK.ipynb ...]      (default: every notebooks/*.ipynb)
#
# 1. packs MiniGrad, MiniGrad.Plotting and MiniGrad.Interactive into a temporary folder with a version used once
#    (Directory.Build.props's VersionPrefix, suffixed -notebook.<time>.<pid>), so no NuGet cache can serve an older build;
# 2. installs dotnet-repl into a temporary tool path;
# 3. copies each notebook with its `#i "nuget: ..."` line pointed at that folder and its `#r "nuget: MiniGrad..., ..."`
#    versions set to that version, runs it with dotnet-repl (a failing cell gives exit code 2; later cells still run)
#    and lists the cells that failed, from the executed notebook.
# With --output DIR the executed notebooks (outputs included) and their packages are kept in DIR: open them in VS Code.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
repl_version=0.3.259
per_notebook_seconds=300

output=""
notebooks=()
while [ $# -gt 0 ]; do
  case "$1" in
    --output) [ $# -ge 2 ] || { echo "run.sh: --output needs a folder; usage: notebooks/run.sh [--output DIR] [NOTEBOOK.ipynb ...]" >&2; exit 2; }
              output=$2; shift 2 ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1; usage: notebooks/run.sh [--output DIR] [NOTEBOOK.ipynb ...]" >&2; exit 2 ;;
    *) [ -f "$1" ] || { echo "run.sh: no notebook $1" >&2; exit 2; }; notebooks+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"); shift ;;
  esac
done
if [ ${#notebooks[@]} -eq 0 ]; then notebooks=("$root"/notebooks/*.ipynb); fi

work=$(mktemp -d /tmp/minigrad-notebooks.XXXXXX)
suffix="notebook.$(date -u +%Y%m%d%H%M%S).$$"
# The version every project takes from Directory.Build.props, with this run's suffix (as the packages will have it).
version=$(dotnet msbuild "$root/src/MiniGrad/MiniGrad.csproj" -getProperty:Version -p:VersionSuffix="$suffix" 2>/dev/null | tr -d '[:space:]')
case "$version" in *"-$suffix") ;; *) echo "notebooks: could not read the version from Directory.Build.props (got '$version')"; rm -rf "$work"; exit 1 ;; esac
packages="$work/packages"
if [ -n "$output" ]; then mkdir -p "$output" && output=$(cd "$output" && pwd) && packages="$output/packages-$version"; fi
cleanup() {
  rm -rf "$work"
  # Kept with --output: the executed notebooks there load these packages when rerun.
  [ -n "$output" ] && return
  # The packages of this run were restored into the NuGet cache under a version no later run asks for: remove them.
  local cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
  rm -rf "$cache"/minigrad/"$version" "$cache"/minigrad.plotting/"$version" "$cache"/minigrad.interactive/"$version"
}
trap cleanup EXIT

echo "== notebooks: packing MiniGrad $version"
# Its own artifacts folder: the repository's bin/ and obj/ keep the ordinary build.
if ! dotnet pack "$root/src/MiniGrad.Interactive" -c Release -p:VersionSuffix="$suffix" --artifacts-path "$work/artifacts" -o "$packages" >"$work/pack.log" 2>&1 \
  || ! dotnet pack "$root/src/MiniGrad" -c Release -p:VersionSuffix="$suffix" --artifacts-path "$work/artifacts" -o "$packages" >>"$work/pack.log" 2>&1 \
  || ! dotnet pack "$root/src/MiniGrad.Plotting" -c Release -p:VersionSuffix="$suffix" --artifacts-path "$work/artifacts" -o "$packages" >>"$work/pack.log" 2>&1; then
  tail -30 "$work/pack.log"
  echo "notebooks: packing failed"
  exit 1
fi

echo "== notebooks: installing dotnet-repl $repl_version"
if ! dotnet tool install --tool-path "$work/tools" dotnet-repl --version "$repl_version" >"$work/tool.log" 2>&1; then
  cat "$work/tool.log"
  echo "NOTEBOOKS NOT RUN: dotnet-repl $repl_version could not be installed from the NuGet feed (see above)"
  exit 1
fi

failed=0
mkdir -p "$work/in" "$work/out"
for notebook in "${notebooks[@]}"; do
  name=$(basename "$notebook")
  python3 "$root/notebooks/notebook_tool.py" prepare "$notebook" "$work/in/$name" "$packages" "$version" || { failed=1; continue; }
  start=$(date +%s)
  # dotnet-repl prints nothing when not on a terminal: the exit code and the executed notebook tell what happened.
  (cd "$(dirname "$notebook")" && timeout "$per_notebook_seconds" "$work/tools/dotnet-repl" --run "$work/in/$name" --exit-after-run \
      --output-format ipynb --output-path "$work/out/$name" </dev/null >"$work/out/$name.log" 2>&1)
  code=$?
  seconds=$(( $(date +%s) - start ))
  if [ $code -eq 124 ]; then
    echo "notebook $name: FAILED, still running after ${per_notebook_seconds}s"; failed=1
  elif ! python3 "$root/notebooks/notebook_tool.py" check "$work/out/$name" "$code"; then
    tail -20 "$work/out/$name.log"
    echo "notebook $name: FAILED (dotnet-repl exit code $code, ${seconds}s)"; failed=1
  else
    echo "notebook $name: passed (${seconds}s)"
  fi
done

if [ -n "$output" ]; then
  cp "$work"/out/*.ipynb "$output"/ 2>/dev/null
  echo "executed notebooks in $output, loading the packages in $packages: open them in VS Code (Polyglot Notebooks)"
fi
if [ $failed -ne 0 ]; then echo "notebooks: some failed"; exit 1; fi
echo "notebooks: all ${#notebooks[@]} passed"
