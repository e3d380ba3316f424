#!/usr/bin/env bash
# Batch benchmark and resume proof for `quotegraph extract`.
#
#   scripts/bench_batch.sh [MODEL_DIR] [DOCUMENTS]
#
# 1. Generates DOCUMENTS (default 2000) JSON Lines records by repeating and varying the
#    project's own fixture articles (tests/fixtures/articles): names, places and numbers
#    swapped, paragraphs reordered, some articles joined.
# 2. Runs `extract` over them under /usr/bin/time -v: documents/s and peak RSS.
# 3. Runs it again, kills it with SIGKILL once half the records are written, appends half a
#    record (what a crash in the middle of a write leaves), finishes with --resume, and
#    compares record counts, ids and full lines with the uninterrupted run.
#
# Environment: QUOTEGRAPH_BIN (default target/release/quotegraph, built if missing),
# BENCH_DIR (default a new temporary directory; kept, printed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${1:-models/quotegraph-ner-minilm}
DOCS=${2:-2000}
BIN=${QUOTEGRAPH_BIN:-target/release/quotegraph}
DIR=${BENCH_DIR:-$(mktemp -d -t qg-bench.XXXXXX)}
mkdir -p "$DIR"
[ -x "$BIN" ] || cargo build --release
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

python3 scripts/bench_batch_corpus.py "$DOCS" "$DIR/corpus.jsonl" tests/fixtures/articles
echo "corpus: $DOCS documents, $(wc -c < "$DIR/corpus.jsonl") bytes in $DIR/corpus.jsonl"

# 1. Uninterrupted run, timed.
/usr/bin/time -v -o "$DIR/time.txt" "$BIN" extract --model "$MODEL" "$DIR/corpus.jsonl" \
    -o "$DIR/full.jsonl" 2> "$DIR/full.stderr"
tail -n 1 "$DIR/full.stderr"
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$DIR/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/time.txt")
seconds=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
echo "uninterrupted: $DOCS documents in ${seconds} s = $(awk -v n="$DOCS" -v s="$seconds" 'BEGIN {printf "%.1f", n / s}') documents/s (model load included); peak RSS $((rss / 1024)) MiB"

# 2. Interrupted run: SIGKILL once half the records are out, plus a torn half line.
rm -f "$DIR/part.jsonl"
"$BIN" extract --model "$MODEL" --quiet "$DIR/corpus.jsonl" -o "$DIR/part.jsonl" &
pid=$!
lines() { if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi; }
while [ "$(lines "$DIR/part.jsonl")" -lt $((DOCS / 2)) ]; do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
before=$(wc -l < "$DIR/part.jsonl")
next=$(sed -n "$((before + 1))p" "$DIR/full.jsonl")
printf '%s' "${next:0:$(( ${#next} / 2 ))}" >> "$DIR/part.jsonl"
echo "interrupted: killed with $before whole records written; appended half of record $((before + 1))"
"$BIN" extract --model "$MODEL" "$DIR/corpus.jsonl" -o "$DIR/part.jsonl" --resume \
    2> "$DIR/resume.stderr"
grep -E 'resuming|documents ok' "$DIR/resume.stderr"

# 3. Proof: same count, same ids, same lines, same order.
full_n=$(wc -l < "$DIR/full.jsonl")
part_n=$(wc -l < "$DIR/part.jsonl")
echo "records: uninterrupted $full_n, interrupted + resumed $part_n (input $DOCS)"
ids() { python3 -c 'import json,sys; [print(json.loads(l)["id"]) for l in open(sys.argv[1])]' "$1"; }
diff <(ids "$DIR/full.jsonl" | sort) <(ids "$DIR/part.jsonl" | sort) > /dev/null \
    && echo "ids: identical sets ($(ids "$DIR/part.jsonl" | sort -u | wc -l) unique)"
diff <(sort "$DIR/full.jsonl") <(sort "$DIR/part.jsonl") > /dev/null \
    && echo "lines: identical after sort"
cmp -s "$DIR/full.jsonl" "$DIR/part.jsonl" && echo "files: byte-identical, same order"
[ "$full_n" = "$DOCS" ] && [ "$part_n" = "$DOCS" ] && cmp -s "$DIR/full.jsonl" "$DIR/part.jsonl" \
    || { echo "MISMATCH (see $DIR)" >&2; exit 1; }
echo "work files in $DIR"
