#!/usr/bin/env bash
# Checks that the independent attribution scorer (scripts/score_attributions.py: its own brat
# reading, matching and counting) and `quotegraph eval quotes` agree, figure by figure, on an
# annotated fixture of our own (tests/fixtures/attributions: texts written for the tests,
# annotated in PolNeAR's brat layout). Run by scripts/test.sh after the build.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=target/release/quotegraph
FIXTURE=tests/fixtures/attributions
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

"$BIN" extract -q --attributions all "$FIXTURE/text" -o "$OUT/extract.jsonl"
"$BIN" eval quotes --json --text-dir "$FIXTURE/text" --ann-dir "$FIXTURE/ann" >"$OUT/eval.json"
python3 scripts/score_attributions.py "$OUT/extract.jsonl" "$FIXTURE/text" "$FIXTURE/ann" \
  >"$OUT/independent.json"

python3 - "$OUT/eval.json" "$OUT/independent.json" <<'PY'
import json
import sys

ours = json.load(open(sys.argv[1], encoding="utf-8"))
independent = json.load(open(sys.argv[2], encoding="utf-8"))
pairs = [("speaker", ours["speaker_all"]["accuracy"], independent["speaker"])]
for name in ("all", "exact_content", "exact_source", "exact_cue"):
    for figure in ("precision", "recall", "f1"):
        pairs.append((f"{name}.{figure}", ours[name][figure], independent[name][figure]))
wrong = [(name, a, b) for name, a, b in pairs if abs(a - b) > 1e-9]
for name, a, b in wrong:
    print(f"check_scorers: {name}: eval quotes {a:.4f}, independent scorer {b:.4f}")
if wrong or ours["all"]["f1"] == 0:
    sys.exit(1)
print(f"check_scorers: {len(pairs)} figures agree (all F1 {ours['all']['f1']:.3f})")
PY
