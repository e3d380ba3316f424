#!/usr/bin/env bash
# Sets up a fresh machine (libtorch) and runs quotegraph's checks and test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo fmt --check
cargo clippy --release --all-targets -- -D warnings
cargo test --release
# The exports against their real consumers (kuzu, rdflib, Chromium, PySpark).
bash scripts/check_exports.sh
