#!/usr/bin/env python3
"""Joins the benchmark's JSON files in OUT_DIR into bench.json and prints the table of
scripts/bench.sh. Usage: `bench_report.py OUT_DIR THREADS`.
"""
import json
import platform
import subprocess
import sys

out, threads = sys.argv[1], int(sys.argv[2])
q, p, pb, s, m = (json.load(open(f"{out}/{n}.json")) for n in ("quotegraph", "python", "python-bf16", "spacy", "matmul"))
# Both transformer runs use the same tokenizer: count the corpus's sub-tokens once (Python side).
q["tokens"] = p["tokens"]
q["tokens_per_s"] = p["tokens"] * len(q["runs_seconds"]) / sum(q["runs_seconds"])
# The encoder's rate against the matmul rate of the number format it ran in.
precision = (q.get("tagger") or {}).get("precision", "f32")
peak = m[f"{precision}_peak_flops"]
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True, check=True).stdout.strip()
report = dict(machine=dict(cpu=cpu, cores=subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip(),
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
