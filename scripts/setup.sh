#!/usr/bin/env bash
# Installs everything quotegraph needs to build on a fresh Linux x86-64 machine, idempotently:
# libtorch 2.4.0 (the version tch 0.17 under rust-bert 0.23 expects), taken from the PyPI
# `torch` wheel because the PyTorch download site is not reachable everywhere.
#
#   scripts/setup.sh            # libtorch into .libtorch/ (about 570 MB, skipped when present)
#
# A machine that already has libtorch 2.4.0 can skip this: export LIBTORCH=/path/to/libtorch and
# LIBTORCH_CXX11_ABI (0 for PyPI wheels, 1 for the cxx11-ABI zips from the PyTorch site).
set -euo pipefail
cd "$(dirname "$0")/.."

TORCH_VERSION=2.4.0
DEST=.libtorch
STAMP="$DEST/torch/.quotegraph-libtorch-$TORCH_VERSION"

if ! command -v cargo >/dev/null; then
  echo "setup: cargo not found; install Rust from rustup first" >&2
  exit 1
fi

if [ -f "$STAMP" ]; then
  echo "setup: libtorch $TORCH_VERSION already in $DEST"
  exit 0
fi

PY=${PYTHON:-python3}
WHEELS=.cache/wheels
mkdir -p "$WHEELS"
echo "setup: downloading torch==$TORCH_VERSION wheel (once, cached in $WHEELS)"
"$PY" -m pip download -q --no-deps -d "$WHEELS" \
  "torch==$TORCH_VERSION" nvidia-cuda-runtime-cu12==12.1.105 nvidia-cuda-cupti-cu12==12.1.105

rm -rf "$DEST"
mkdir -p "$DEST"
"$PY" scripts/unpack_libtorch.py "$WHEELS" "$DEST" "$TORCH_VERSION"
touch "$STAMP"
echo "setup: libtorch $TORCH_VERSION ready in $DEST ($(du -sh "$DEST" | cut -f1))"
