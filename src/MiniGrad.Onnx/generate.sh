#!/usr/bin/env bash
# Regenerates Generated/Onnx.cs from onnx.proto with the protoc of the Google.Protobuf.Tools package (the version the
# test project restores, so it is in the NuGet cache after any build of the tests). The classes are internal: the
# exporter's public API is OnnxExport, not the schema. tests/MiniGrad.Tests/Onnx/OnnxSchemaTests.cs checks that this
# script gives the checked-in file.
#   src/MiniGrad.Onnx/generate.sh [OUTPUT_FOLDER]      (default: src/MiniGrad.Onnx/Generated)
set -euo pipefail

version=3.36.2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/Generated}"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
protoc="$packages/google.protobuf.tools/$version/tools/linux_x64/protoc"
if [ ! -f "$protoc" ]; then
  echo "generate.sh: $protoc not found; restore the tests (dotnet restore tests/MiniGrad.Tests) to fetch Google.Protobuf.Tools $version" >&2
  exit 1
fi
# The NuGet cache does not keep the execute bit of the package's files.
[ -x "$protoc" ] || chmod +x "$protoc"
mkdir -p "$out"
"$protoc" --proto_path="$here" --csharp_out="$out" --csharp_opt=internal_access,file_extension=.cs "$here/onnx.proto"
