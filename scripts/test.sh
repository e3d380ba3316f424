#!/usr/bin/env bash
# Sets up a fresh machine (libtorch) and runs quotegraph's checks and test suite.
#
#   scripts/test.sh             # every step below, on this CPU
#   scripts/test.sh --as-avx2   # the same, computing as a CPU without AVX512-BF16 would
#
# Every step runs even when an earlier one fails (a failing lint does not hide the export
# checks); a summary names each step's result and the script exits 1 if any failed.
#
# --as-avx2 caps libtorch's kernels (ATEN_CPU_CAPABILITY), oneDNN's (ONEDNN_MAX_CPU_ISA) and
# fbgemm's int8 kernels (FBGEMM_ENABLE_INSTRUCTIONS) at AVX2, so forced bf16 is emulated, f32
# runs AVX2 kernels and int8 the AVX2 kernels without VNNI, as on AVX2-only machines: the way
# to check both CPU classes on one machine that has AVX512-BF16 (`--precision auto` picks int8
# on both).
set -uo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  --as-avx2) export ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 FBGEMM_ENABLE_INSTRUCTIONS=AVX2 ;;
  "") ;;
  *) echo "usage: scripts/test.sh [--as-avx2]" >&2; exit 2 ;;
esac
echo "test: CPU $(bash scripts/describe_cpu.sh)" \
     "${ONEDNN_MAX_CPU_ISA:+(computing as $ONEDNN_MAX_CPU_ISA)}"

# The tagger, the binary and most steps below need libtorch (only the `--no-default-features`
# build does not, which .ci/run runs first): stop here if it cannot be set up.
bash scripts/setup.sh || { echo "test: FAILED: setup (libtorch)" >&2; exit 1; }

# The project's Python (training, benchmarks, consumer checks), linted by a pinned ruff
# (settings in ruff.toml) from a git-ignored virtual environment.
lint_python() {
  if [ ! -x .venv-lint/bin/ruff ]; then
    python3 -m venv .venv-lint && .venv-lint/bin/pip install -q --disable-pip-version-check ruff==0.17.6 || return 1
  fi
  .venv-lint/bin/ruff check scripts
}

failed=()
step() {
  local name=$1
  shift
  echo "== test step: $name"
  "$@" || failed+=("$name")
}
step "cargo fmt --check" cargo fmt --check
step "cargo clippy" cargo clippy --release --all-targets -- -D warnings
step "cargo clippy (no tagger)" cargo clippy --release --all-targets --no-default-features -- -D warnings
step "cargo doc" env RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
step "cargo test" cargo test --release
# No import cycle among the source files (the same check: `--edges | tsort`).
step "import cycles" python3 scripts/module_deps.py
# The independent attribution scorer agrees with `eval quotes` on our own annotated fixture.
step "independent scorer" bash scripts/check_scorers.sh
# Training reads documents as the binary splits them (`quotegraph prepare`).
step "training data" python3 scripts/check_training_data.py
step "ruff (Python)" lint_python
# A crate that depends on quotegraph (examples/dependent), built from outside the repository so
# that .cargo/config.toml does not apply: it gets exactly what the README's library section
# says a dependent needs (LIBTORCH, LIBTORCH_CXX11_ABI, an rpath from its build.rs), shares
# target/ so nothing is compiled twice, and must say who said what in a sentence.
dependent_crate() {
  local root=$PWD out
  out=$(cd "$(mktemp -d)" &&
    LIBTORCH=${LIBTORCH:-$root/.libtorch/torch} LIBTORCH_CXX11_ABI=${LIBTORCH_CXX11_ABI:-0} \
      CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target} \
      cargo run --quiet --release --manifest-path "$root/examples/dependent/Cargo.toml" \
      <<< 'Mayor Angela Ruiz said the bridge would reopen in June.') || return 1
  echo "$out"
  [[ $out == *$'Angela Ruiz\tthe bridge would reopen in June'* ]]
}
step "dependent crate" dependent_crate
# The exports against their real consumers (LadybugDB, Oxigraph, rdflib, Chromium, PySpark).
step "export checks" bash scripts/check_exports.sh

if [ ${#failed[@]} -gt 0 ]; then
  printf 'test: FAILED step: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "test: every step passed"
