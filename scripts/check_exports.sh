#!/usr/bin/env bash
# Checks the graph exports, the HTML view and the Spark runner against their real consumers
# (LadybugDB and Oxigraph through scripts/load_graph.py, rdflib, headless Chromium, PySpark):
# see scripts/check_exports.py. Sets up what it needs on a fresh Debian machine: chromium and
# Java 17 from apt when missing (as root), and a git-ignored virtual environment .venv-check/
# with pinned packages from PyPI.
#
# Environment: QUOTEGRAPH_BIN (default: build target/release/quotegraph), QUOTEGRAPH_MODEL
# (model for the Spark check; default: extract's own default, the bundled model),
# CHECK_EXPORTS_KEEP (folder to keep the CSVs, databases, pages and screenshots in).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "check_exports: $* missing and not root; install it first" >&2
        exit 2
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
command -v chromium >/dev/null || apt_install chromium
command -v java >/dev/null || apt_install openjdk-17-jre-headless

if [ ! -x .venv-check/bin/python ]; then
    # Debian's own python3 needs python3-venv for this.
    python3 -m venv .venv-check 2>/dev/null || { rm -rf .venv-check; apt_install python3-venv; python3 -m venv .venv-check; }
fi
.venv-check/bin/pip install -q --disable-pip-version-check \
    ladybug==0.22.0 pyoxigraph==0.5.13 rdflib==7.6.0 pyspark==3.5.7 pillow==11.3.0

if [ -z "${QUOTEGRAPH_BIN:-}" ]; then
    cargo build --release --quiet
    QUOTEGRAPH_BIN="${CARGO_TARGET_DIR:-target}/release/quotegraph"
fi
echo "check_exports: set-up took $(( $(date +%s) - start ))s"

args=(--binary "$QUOTEGRAPH_BIN")
if [ -n "${QUOTEGRAPH_MODEL:-}" ]; then args+=(--model "$QUOTEGRAPH_MODEL"); fi
if [ -n "${CHECK_EXPORTS_KEEP:-}" ]; then args+=(--keep "$CHECK_EXPORTS_KEEP"); fi
status=0
.venv-check/bin/python scripts/check_exports.py "${args[@]}" || status=$?
echo "check_exports: $(( $(date +%s) - start ))s in all"
exit "$status"
