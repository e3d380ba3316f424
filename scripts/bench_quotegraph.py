#!/usr/bin/env python3
"""Times quotegraph for scripts/bench.sh: model load (an empty input), then RUNS whole runs
under /usr/bin/time (peak RSS) with --stats (forward passes, positions), and prints one JSON
object. Usage: `bench_quotegraph.py BINARY MODEL CORPUS RUNS OUT_DIR [PRECISION]` (PRECISION:
extract's `--precision`, default auto).
"""
import json
import re
import statistics
import subprocess
import sys
import time

qg, model, corpus, runs, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
precision = sys.argv[6] if len(sys.argv) > 6 else "auto"
def timed(args):
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", qg] + args, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    stats = [json.loads(line[len("stats: "):]) for line in p.stderr.splitlines() if line.startswith("stats: ")]
    return wall, rss, (stats[-1] if stats else None)
load = min(timed(["extract", "--quiet", "--precision", precision, "--model", model, "--jsonl",
                  f"{out}/empty.jsonl", "-o", "/dev/null"])[0] for _ in range(3))
walls, rss, all_stats = [], 0, []
for _ in range(runs):
    wall, r, run_stats = timed(["extract", "--quiet", "--stats", "--precision", precision, "--model", model, corpus,
                                "-o", f"{out}/quotegraph-out.jsonl"])
    walls.append(wall)
    rss = max(rss, r)
    all_stats.append(run_stats)
# The tagger's counters of the median run.
stats = all_stats[sorted(range(runs), key=lambda k: walls[k])[runs // 2]]
with open(corpus, encoding="utf-8") as f:
    docs = sum(1 for line in f if line.strip())
cfg = json.load(open(f"{model}/config.json"))
h, i, layers = cfg["hidden_size"], cfg["intermediate_size"], cfg["num_hidden_layers"]
rates = [docs / w for w in walls]
# The Python baselines time their pipelines after imports and model load; for a like-for-like
# figure, the same runs with quotegraph's process start and model load (timed above) taken out.
after_load = statistics.median(docs / max(w - load, 1e-9) for w in walls)
res = dict(system="quotegraph", runs_seconds=walls, docs=docs, docs_per_s=statistics.median(rates),
           docs_per_s_min=min(rates), docs_per_s_max=max(rates), docs_per_s_after_load=after_load,
           peak_rss_mib=rss, load_seconds=load, tagger=stats)
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
