#!/usr/bin/env python3
"""Unpacks libtorch from the PyPI torch wheel (and the CUDA runtime wheels its CPU library links
against) into DEST, as scripts/setup.sh asks: usage `unpack_libtorch.py WHEELS DEST VERSION`.
"""
import glob
import os
import sys
import zipfile

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
