#!/usr/bin/env python3
"""Writes the benchmark corpus as JSON Lines: PolNeAR dev's articles when ../shared/data is
there, else the project's own example articles, repeated. Usage: `bench_corpus.py OUT.jsonl`.
"""
import glob
import json
import os
import sys

texts = sorted(glob.glob("../shared/data/polnear/dev/text/*.txt"))
if texts:
    docs = [(os.path.basename(p), open(p, encoding="utf-8").read()) for p in texts]
else:  # no research data here: the project's own example articles, repeated
    own = sorted(glob.glob("examples/*.txt"))
    docs = [(f"{os.path.basename(p)}#{k}", open(p, encoding="utf-8").read()) for k in range(40) for p in own]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for doc_id, text in docs:
        f.write(json.dumps({"id": doc_id, "text": text}) + "\n")
