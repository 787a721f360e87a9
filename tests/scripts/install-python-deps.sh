#!/usr/bin/env bash
# Installs the Python references MiniGrad is compared with, for /usr/bin/python3: Debian's PyTorch 1.13 (python3-torch)
# and the pthread OpenBLAS it runs its matrix products on; Debian's scikit-learn (python3-sklearn), whose copies of
# the Iris and Digits data the shipped datasets (src/MiniGrad/Data/Resources) are checked against; and Debian's onnx
# (python3-onnx), whose checker the exported ONNX models must pass. The tests that run them (the tutorial 003
# comparison in docs/training.md, the dataset checks in tests/MiniGrad.Tests/Data, the ONNX checker in
# tests/MiniGrad.Tests/Onnx) say that they skipped when one is missing, so this script is never fatal: without
# apt-get, or when the install fails, it says so and exits 0. Idempotent: nothing happens when torch, sklearn and onnx already import.
#   tests/scripts/install-python-deps.sh        (as root; .ci/run calls it before the tests)
set -uo pipefail

packages=()
if ! { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import torch" >/dev/null 2>&1; }; then
  packages+=(python3-torch libopenblas0-pthread)
fi
if ! { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import sklearn" >/dev/null 2>&1; }; then
  packages+=(python3-sklearn)
fi
if ! { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import onnx" >/dev/null 2>&1; }; then
  packages+=(python3-onnx)
fi
if [ ${#packages[@]} -eq 0 ]; then
  echo "PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)') and onnx $(/usr/bin/python3 -c 'import onnx; print(onnx.__version__)') are installed for /usr/bin/python3"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get is not available: ${packages[*]} not installed, and the tests that use them will report that they skipped"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
    echo "not root and no sudo: ${packages[*]} not installed, and the tests that use them will report that they skipped"
    exit 0
  fi
fi
if { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}"; } >/dev/null 2>&1; then
  echo "installed ${packages[*]} for /usr/bin/python3"
else
  echo "apt-get install ${packages[*]} failed: the tests that use them will report that they skipped"
fi
for module in torch sklearn onnx; do
  /usr/bin/python3 -c "import $module" >/dev/null 2>&1 || echo "/usr/bin/python3 cannot import $module: the tests that use it will report that they skipped"
done
exit 0
