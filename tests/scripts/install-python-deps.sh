#!/usr/bin/env bash
# Installs the PyTorch reference MiniGrad is compared with: Debian's PyTorch 1.13 (python3-torch) for /usr/bin/python3,
# and the pthread OpenBLAS it runs its matrix products on. The tests that run PyTorch (the tutorial 003 comparison in
# docs/training.md, say) say that they skipped when it is missing, so this script is never fatal: without apt-get, or
# when the install fails, it says so and exits 0. Idempotent: nothing happens when torch already imports.
#   tests/scripts/install-python-deps.sh        (as root; .ci/run calls it before the tests)
set -uo pipefail

if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import torch" >/dev/null 2>&1; then
  echo "PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') is installed for /usr/bin/python3"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get is not available: PyTorch was not installed, and the tests that run it will report that they skipped"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
    echo "not root and no sudo: PyTorch was not installed, and the tests that run it will report that they skipped"
    exit 0
  fi
fi
if { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-torch libopenblas0-pthread; } >/dev/null 2>&1 \
   && /usr/bin/python3 -c "import torch" >/dev/null 2>&1; then
  echo "installed PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') for /usr/bin/python3"
else
  echo "PyTorch could not be installed (apt-get install python3-torch libopenblas0-pthread failed): the tests that run it will report that they skipped"
fi
exit 0
