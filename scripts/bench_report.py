#!/usr/bin/env python3
"""Joins the benchmark's JSON files in OUT_DIR (one per system and round) into bench.json and
prints the table of scripts/bench.sh: one row per quotegraph number format, per format of a
`--baseline` build, and per Python baseline; each quotegraph row's ratio to the Python pipeline
in f32 and to spaCy (end to end, and with quotegraph's process start and model load taken out,
as the Python side's are), to the baseline build when there is one, and its encoder's rate
against the matrix-product peak of the arithmetic it runs in. Usage: `bench_report.py OUT_DIR
THREADS`.
"""
import glob
import json
import os
import platform
import statistics
import subprocess
import sys

out, threads = sys.argv[1], int(sys.argv[2])


def merge(rounds):
    """One result from a system's rounds (`NAME.rN.json`, one timed run each): medians,
    minima and maxima over all runs; for quotegraph also the run's rate with its process start
    and model load taken out, and the tagger counters and encoder rate of the median run."""
    first = dict(rounds[0])
    walls = [w for r in rounds for w in r["runs_seconds"]]
    docs = first["docs"]
    rates = [docs / w for w in walls]
    first.update(runs_seconds=walls, docs_per_s=statistics.median(rates), docs_per_s_min=min(rates),
                 docs_per_s_max=max(rates), peak_rss_mib=max(r["peak_rss_mib"] for r in rounds),
                 load_seconds=min(r["load_seconds"] for r in rounds))
    if "tokens" in first:
        first["tokens_per_s"] = first["tokens"] / statistics.median(walls)
    if first["system"] == "quotegraph":
        first["docs_per_s_after_load"] = statistics.median(
            docs / max(w - r["load_seconds"], 1e-9) for r in rounds for w in r["runs_seconds"])
        middle = sorted(rounds, key=lambda r: r["runs_seconds"][0])[len(rounds) // 2]
        first["tagger"] = middle["tagger"]
        if middle.get("encoder_flops"):
            first["encoder_flops_per_s"] = middle["encoder_flops"] / middle["tagger"]["forward_seconds"]
            first["positions_per_s"] = middle["tagger"]["real_positions"] / statistics.median(walls)
    return first


def load(name):
    rounds = [json.load(open(p)) for p in sorted(glob.glob(f"{out}/{name}.r*.json"))]
    if rounds:
        return merge(rounds)
    path = f"{out}/{name}.json"
    return json.load(open(path)) if os.path.exists(path) else None


def shell(cmd):
    return subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, check=True).stdout.strip()


names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(f"{out}/quotegraph-*.json")})
ours = {name[len("quotegraph-"):]: load(name) for name in names}
python = {p: load(f"python-{p}") for p in ("f32", "int8", "bf16")}
python = {p: r for p, r in python.items() if r}
spacy, matmul = load("spacy"), load("matmul")
# Another quotegraph build timed in the same rounds (bench.sh --baseline), by number format.
earlier = {p: load(f"baseline-{p}") for p in ours}
earlier = {p: r for p, r in earlier.items() if r}
baseline = python["f32"]
for precision, q in ours.items():
    # Both transformer sides use the same tokenizer: count the corpus's sub-tokens once.
    q["tokens"] = baseline["tokens"]
    q["tokens_per_s"] = baseline["tokens"] * len(q["runs_seconds"]) / sum(q["runs_seconds"])
    q["ratio_vs_python_f32"] = q["docs_per_s"] / baseline["docs_per_s"]
    q["ratio_vs_spacy"] = q["docs_per_s"] / spacy["docs_per_s"]
    if "docs_per_s_after_load" in q:
        q["ratio_after_load_vs_python_f32"] = q["docs_per_s_after_load"] / baseline["docs_per_s"]
    # The encoder's rate against the peak of the arithmetic its matrix products run in.
    peak = matmul[f"{precision}_peak_flops"]
    q["encoder_fraction_of_peak"] = q.get("encoder_flops_per_s", 0) / peak
    if precision in earlier:
        q["ratio_vs_baseline"] = q["docs_per_s"] / earlier[precision]["docs_per_s"]
mode = open(f"{out}/mode").read().strip() if os.path.exists(f"{out}/mode") else "native"
flags = shell("grep -m1 flags /proc/cpuinfo | tr ' ' '\\n' | grep -xE 'avx2|avx512_bf16|avx512_vnni|amx_bf16|amx_int8' | xargs")
report = dict(machine=dict(cpu=shell("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"), flags=flags, mode=mode,
                           cores=shell("nproc"), threads=threads, platform=platform.platform()),
              quotegraph=ours, baseline_build=earlier, python_transformers=python, spacy=spacy, matmul=matmul)
json.dump(report, open(f"{out}/bench.json", "w"), indent=2)
print(f"machine: {report['machine']['cpu']} ({flags}), {threads} threads, mode {mode}")
print(f"{'system':<34} {'docs/s':>8} {'(min-max)':>15} {'tokens/s':>9} {'RSS MiB':>8} {'load s':>7}")
rows = [(f"quotegraph extract, {p}", r) for p, r in ours.items()]
rows += [(f"baseline quotegraph, {p}", r) for p, r in earlier.items()]
rows += [(f"python pipeline, {p}", r) for p, r in python.items()] + [("spacy en_core_web_sm", spacy)]
for name, r in rows:
    print(f"{name:<34} {r['docs_per_s']:>8.2f} {r['docs_per_s_min']:>7.2f}-{r['docs_per_s_max']:<7.2f} "
          f"{r.get('tokens_per_s', 0):>9.0f} {r['peak_rss_mib']:>8.0f} {r['load_seconds']:>7.2f}")
for p, q in ours.items():
    print(f"quotegraph {p}: {q['ratio_vs_python_f32']:.2f}x the python pipeline (f32), "
          f"{q['ratio_vs_spacy']:.2f}x spaCy (after process start and model load: "
          f"{q.get('ratio_after_load_vs_python_f32', 0):.2f}x the python pipeline); encoder {q.get('encoder_flops_per_s', 0) / 1e9:.0f} G(FL)OP/s, "
          f"{q['encoder_fraction_of_peak']:.0%} of the {p} matmul peak "
          f"({matmul[f'{p}_peak_flops'] / 1e9:.0f})")
for p, q in ours.items():
    if "ratio_vs_baseline" in q:
        print(f"quotegraph {p}: {q['ratio_vs_baseline']:.3f}x the baseline build (docs/s, medians over rounds)")
print(f"written: {out}/bench.json")
