#!/usr/bin/env bash
# Checks the NuGet packages as a user meets them; exits non-zero when anything is wrong (docs/packaging.md).
#
#   tests/scripts/package-check.sh
#
# 1. packs every package (src/*) into a temporary folder with a version used once (VersionPrefix of
#    Directory.Build.props, suffixed -check.<time>.<pid>), so no NuGet cache can serve an older build, and checks that
#    each has its .snupkg, its README, its licence expression and that version;
# 2. installs MiniGrad.Cli from that folder into a temporary tool path and runs `minigrad version`,
#    `minigrad train --epochs 2` and `minigrad lab` (on a free port, in the background: the page, its script and one
#    API answer are fetched once, then the server is stopped);
# 3. builds a fresh console app that references the MiniGrad package from that folder, whose Program.cs is README.md's
#    quickstart (read from README.md, so the two cannot drift), runs it and compares its output with the README's.
# The packages are removed from the NuGet cache afterwards.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
step_seconds=600
packages_ids=(MiniGrad MiniGrad.Testing MiniGrad.Plotting MiniGrad.Onnx MiniGrad.Interactive MiniGrad.Cli)

work=$(mktemp -d /tmp/minigrad-package-check.XXXXXX)
suffix="check.$(date -u +%Y%m%d%H%M%S).$$"
version=$(dotnet msbuild "$root/src/MiniGrad/MiniGrad.csproj" -getProperty:Version -p:VersionSuffix="$suffix" 2>/dev/null | tr -d '[:space:]')
packages="$work/packages"
lab_pid=
cleanup() {
  # A lab server this run started must not outlive it, whatever failed.
  if [ -n "$lab_pid" ]; then kill "$lab_pid" 2>/dev/null; wait "$lab_pid" 2>/dev/null; fi
  rm -rf "$work"
  # This run's packages were restored into the NuGet cache under a version no later run asks for: remove them.
  local cache=${NUGET_PACKAGES:-$HOME/.nuget/packages} id
  for id in "${packages_ids[@]}"; do
    rm -rf "$cache/${id,,}/$version"
    rmdir "$cache/${id,,}" 2>/dev/null  # the package's folder too, when no other version is there
  done
}
trap cleanup EXIT
fail() { echo "package check FAILED: $*"; exit 1; }
case "$version" in *"-$suffix") ;; *) fail "could not read the version from Directory.Build.props (got '$version')" ;; esac

echo "== package check: packing $version"
for id in "${packages_ids[@]}"; do
  # Its own artifacts folder: the repository's bin/ and obj/ keep the ordinary build (and its version).
  timeout "$step_seconds" dotnet pack "$root/src/$id" -c Release -p:VersionSuffix="$suffix" --artifacts-path "$work/artifacts" \
      -o "$packages" >>"$work/pack.log" 2>&1 || { tail -30 "$work/pack.log"; fail "dotnet pack src/$id"; }
done
if grep -E "warning [A-Z]+[0-9]+" "$work/pack.log" | sort -u | grep .; then fail "packing gave the warnings above"; fi

for id in "${packages_ids[@]}"; do
  nupkg="$packages/$id.$version.nupkg"
  [ -f "$nupkg" ] || fail "no $id.$version.nupkg in $packages"
  [ -f "$packages/$id.$version.snupkg" ] || fail "no symbols package $id.$version.snupkg"
  python3 - "$nupkg" "$id" "$version" <<'PY' || fail "$id's package metadata (see above)"
import re, sys, zipfile
path, package_id, version = sys.argv[1:]
with zipfile.ZipFile(path) as z:
    nuspec = z.read(f"{package_id}.nuspec").decode()
    readme = z.read("README.md").decode() if "README.md" in z.namelist() else None
problems = []
if f"<version>{version}</version>" not in nuspec: problems.append(f"version is not {version}")
if not re.search(r'<license type="expression">MIT( AND Apache-2.0)?</license>', nuspec): problems.append("no MIT licence expression")
if "<readme>README.md</readme>" not in nuspec or readme is None: problems.append("no README.md")
if not re.search(r"<description>(?!Package Description)[^<]{20,}</description>", nuspec): problems.append("no description of its own")
if "<tags>" not in nuspec: problems.append("no tags")
# The README is read on nuget.org, away from the repository: a relative link or image would be broken there.
if readme is not None:
    relative = [t for t in re.findall(r"\]\(([^)\s]+)", readme) if not re.match(r"https?://", t)]
    if relative: problems.append(f"README links to relative paths {relative}")
for p in problems: print(f"{package_id}: {p}")
sys.exit(1 if problems else 0)
PY
done
echo "packages: ${#packages_ids[@]} .nupkg with their .snupkg, README, licence and version $version"

echo "== package check: the minigrad tool"
timeout "$step_seconds" dotnet tool install --tool-path "$work/tools" MiniGrad.Cli --add-source "$packages" --version "$version" \
    >"$work/tool.log" 2>&1 || { cat "$work/tool.log"; fail "dotnet tool install MiniGrad.Cli $version"; }
"$work/tools/minigrad" version >"$work/version.txt" 2>&1 || { cat "$work/version.txt"; fail "minigrad version"; }
cat "$work/version.txt"
grep -q "^MiniGrad $version" "$work/version.txt" || fail "minigrad version does not print MiniGrad $version"
timeout "$step_seconds" "$work/tools/minigrad" train --epochs 2 </dev/null >"$work/train.txt" 2>&1 || { cat "$work/train.txt"; fail "minigrad train --epochs 2"; }
tail -3 "$work/train.txt"
grep -qi "epoch" "$work/train.txt" || fail "minigrad train --epochs 2 printed no epoch"

# minigrad lab from the installed tool: the Lab assembly, its embedded page and ASP.NET Core must all be there.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
timeout 120 "$work/tools/minigrad" lab --port "$port" </dev/null >"$work/lab.txt" 2>&1 &
lab_pid=$!
lab_url="http://127.0.0.1:$port"
for _ in $(seq 1 60); do
  curl -s --max-time 2 -o "$work/lab-page.html" "$lab_url/" && break
  kill -0 "$lab_pid" 2>/dev/null || break
  sleep 0.5
done
grep -q "<title>MiniGrad Lab</title>" "$work/lab-page.html" 2>/dev/null || { cat "$work/lab.txt"; fail "minigrad lab --port $port did not serve the page within 30 s"; }
# Into a file, not a pipe: grep -q stops reading at its first match, curl then dies of SIGPIPE, and pipefail fails the step.
curl -s --max-time 10 -o "$work/lab.js" "$lab_url/lab.js" || fail "minigrad lab: GET /lab.js failed"
grep -q "EventSource" "$work/lab.js" || fail "minigrad lab did not serve lab.js (the page's embedded script)"
curl -s --max-time 30 "$lab_url/api/activations/relu/at?x=-1" >"$work/lab-api.json" || fail "minigrad lab: GET /api/activations/relu/at?x=-1 failed"
grep -q '"dy":0' "$work/lab-api.json" || { cat "$work/lab-api.json"; fail "minigrad lab: /api/activations/relu/at?x=-1 did not answer relu'(-1) = 0"; }
kill "$lab_pid" 2>/dev/null
wait "$lab_pid" 2>/dev/null
lab_pid=
grep -q "^MiniGrad Lab: $lab_url/" "$work/lab.txt" || { cat "$work/lab.txt"; fail "minigrad lab did not print its address"; }
echo "minigrad lab: served the page, its script and an API answer on $lab_url"

echo "== package check: README's quickstart in a fresh console app"
app="$work/app"
mkdir -p "$app"
python3 - "$root/README.md" "$app/Program.cs" "$app/expected.txt" <<'PY' || fail "README.md's quickstart could not be read"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read().replace("\r\n", "\n")
section = text.split("\n## Quickstart\n", 1)[1].split("\n## ", 1)[0]
m = re.search(r"```csharp\n(.*?)```\s*```text\n(.*?)```", section, re.S)
open(sys.argv[2], "w", encoding="utf-8").write(m.group(1))
open(sys.argv[3], "w", encoding="utf-8").write(m.group(2))
PY
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
cat >"$app/Quickstart.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="MiniGrad" Version="$version" />
  </ItemGroup>
</Project>
XML
(cd "$app" && timeout "$step_seconds" dotnet run -c Release >"$work/run.txt" 2>&1) || { cat "$work/run.txt"; fail "the quickstart app did not build or run"; }
diff -u "$app/expected.txt" "$work/run.txt" || fail "the quickstart app printed the above, not README.md's output block"
cat "$work/run.txt"
echo "package check: passed"
