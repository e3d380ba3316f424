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
"$PY" - "$WHEELS" "$DEST" "$TORCH_VERSION" <<'PY'
import glob, os, sys, zipfile
wheels, dest, version = sys.argv[1:]
skip = ("libtorch_cuda", "libc10_cuda", "libcaffe2_nvrtc", "libcusparseLt", "libtorch_python")
for whl in sorted(glob.glob(os.path.join(wheels, "*.whl"))):
    name = os.path.basename(whl)
    if name.startswith("torch-") and not name.startswith(f"torch-{version}-"):
        continue
    with zipfile.ZipFile(whl) as z:
        for m in z.namelist():
            keep = (m.startswith("torch/lib/") or m.startswith("torch/include/")
                    or (m.startswith("nvidia/") and "/lib/" in m))
            if keep and not os.path.basename(m).startswith(skip):
                z.extract(m, dest)
# libtorch_cpu needs cudart and cupti at load time: put them beside it, where its rpath looks.
lib = os.path.join(dest, "torch", "lib")
for so in glob.glob(os.path.join(dest, "nvidia", "*", "lib", "*.so*")):
    target = os.path.join(lib, os.path.basename(so))
    if not os.path.exists(target):
        os.symlink(os.path.relpath(so, lib), target)
PY
touch "$STAMP"
echo "setup: libtorch $TORCH_VERSION ready in $DEST ($(du -sh "$DEST" | cut -f1))"
