#!/usr/bin/env bash
# Prints this machine's CPU as benchmarks and the test command name it: the model name, then
# `flags:` and the instruction sets that choose libtorch's kernels (AVX2, AVX512-BF16, VNNI, AMX).
echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)," \
     "flags: $(grep -m1 flags /proc/cpuinfo | tr ' ' '\n' | grep -xE 'avx2|avx512_bf16|avx512_vnni|amx_bf16' | xargs)"
