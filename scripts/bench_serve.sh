#!/usr/bin/env bash
# Serving benchmark: `quotegraph serve` at concurrency 1, 4 and 16 (one document per request,
# scripts/bench_serve.py) against `quotegraph extract` on the same corpus, same model, same
# machine, in one run. Reports documents/s and p50 / p95 latency per request; the serve rows
# exclude model loading (the server is ready before the clock starts), so the extract row is
# given with and without its start-up (model load, measured on a one-document run).
#
#   scripts/bench_serve.sh [--threads N] [--model DIR] [--corpus FILE.jsonl]
#
# Corpus: as scripts/bench.sh (PolNeAR dev texts when ../shared/data is there, else the
# project's example articles repeated). Results: target/bench/serve.json and a table.
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=2
MODEL=models/quotegraph-ner-minilm
CORPUS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) THREADS=$2; shift 2 ;;
    --model) MODEL=$2; shift 2 ;;
    --corpus) CORPUS=$2; shift 2 ;;
    *) echo "bench_serve: unknown argument $1" >&2; exit 2 ;;
  esac
done

OUT=target/bench
mkdir -p "$OUT"
bash scripts/setup.sh >/dev/null
cargo build --release --quiet
QG=target/release/quotegraph
if [ -z "$CORPUS" ]; then
  CORPUS=$OUT/corpus.jsonl
  python3 scripts/bench_corpus.py "$CORPUS"
fi
DOCS=$(grep -c . "$CORPUS")
CPU="$(bash scripts/describe_cpu.sh), $(nproc) cores"
echo "bench_serve: $DOCS documents, CPU $CPU, --threads $THREADS"

seconds() { python3 -c 'import sys, time; print(f"{time.monotonic():.3f}")'; }
t0=$(seconds); head -1 "$CORPUS" | "$QG" extract --quiet --jsonl --threads "$THREADS" --model "$MODEL" - > /dev/null; t1=$(seconds)
"$QG" extract --quiet --threads "$THREADS" --model "$MODEL" "$CORPUS" > /dev/null; t2=$(seconds)
EXTRACT_S=$(python3 -c "print(round($t2 - $t1, 3))")
STARTUP_S=$(python3 -c "print(round($t1 - $t0, 3))")

LOG=$OUT/serve.log
"$QG" serve --port 0 --threads "$THREADS" --model "$MODEL" 2> "$LOG" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
URL=""
READY=""
for _ in $(seq 1 600); do
  URL=$(grep -o 'http://[0-9.]*:[0-9]*' "$LOG" | head -1 || true)
  if [ -n "$URL" ] && curl -sf "$URL/readyz" > /dev/null; then READY=1; break; fi
  sleep 0.1
done
if [ -z "$READY" ]; then
  echo "bench_serve: the server was not ready after 60 s:" >&2
  cat "$LOG" >&2
  exit 1
fi
ROWS=()
for c in 1 4 16; do
  ROWS+=("$(python3 scripts/bench_serve.py "$URL" "$CORPUS" --concurrency "$c")")
done
PEAK_KB=$(grep VmHWM "/proc/$SERVER/status" | awk '{print $2}')
kill -TERM "$SERVER"; wait "$SERVER" || true
trap - EXIT

python3 - "$OUT/serve.json" "$DOCS" "$EXTRACT_S" "$STARTUP_S" "$PEAK_KB" "$CPU" "${ROWS[@]}" <<'PY'
import json, sys
out, docs, extract_s, startup_s, peak_kb, cpu, *rows = sys.argv[1:]
docs, extract_s, startup_s = int(docs), float(extract_s), float(startup_s)
rows = [json.loads(r) for r in rows]
whole = docs / extract_s
warm = docs / max(extract_s - startup_s, 1e-9)
print(f"{'run':<26} {'docs/s':>7} {'p50 s':>7} {'p95 s':>7} {'vs extract':>11}")
print(f"{'extract, whole run':<26} {whole:7.2f} {'':>7} {'':>7} {'':>11}")
print(f"{'extract, minus start-up':<26} {warm:7.2f} {'':>7} {'':>7} {'':>11}")
for r in rows:
    print(f"{'serve, concurrency ' + str(r['concurrency']):<26} {r['docs_per_s']:7.2f} {r['p50_s']:7.3f} "
          f"{r['p95_s']:7.3f} {r['docs_per_s'] / whole:10.0%}")
print(f"server peak RSS {int(peak_kb) // 1024} MB; start-up of extract {startup_s:.2f} s; CPU {cpu}")
json.dump({"cpu": cpu, "documents": docs, "extract_seconds": extract_s, "extract_startup_seconds": startup_s,
           "extract_docs_per_s": round(whole, 2), "extract_warm_docs_per_s": round(warm, 2),
           "serve": rows, "server_peak_rss_kb": int(peak_kb)}, open(out, "w"), indent=1)
PY
