#!/usr/bin/env python3
"""Writes N varied documents built from the project's fixture articles (names, places and
numbers swapped, paragraphs shuffled, some articles joined) as JSON Lines, for
scripts/bench_batch.sh. Usage: `bench_batch_corpus.py N OUT.jsonl FIXTURE_DIR`.
"""
import json
import pathlib
import random
import sys

n, out, src = int(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
articles = [p.read_text() for p in sorted(src.glob("*.txt"))]
people = [("Helena Sørby", "Sørby"), ("Tomasz Wilk", "Wilk"), ("Giulia Ferrante", "Ferrante"),
          ("Aisha Okafor", "Okafor"), ("Lenka Horáková", "Horáková"), ("Marco Bellandi", "Bellandi")]
swaps = [("Maren Holt", "Holt"), ("Daniel Okoye", "Okoye"), ("Inés Carrasco", "Carrasco"),
         ("Yuki Tanabe", "Tanabe"), ("Robert Fényes", "Fényes"), ("Priya Raman", "Raman"),
         ("Oskar Lindqvist", "Lindqvist"), ("Fatima Zahra Benali", "Benali")]
places = ["VALMORA", "SANTA ILARIA", "OSTRAVA", "MILBROOK"]
new_places = ["KESTREL BAY", "PORTO FINO", "BRNO", "ASHFORD", "TRONDHEIM", "LYON"]
with open(out, "w") as f:
    for i in range(n):
        rng = random.Random(i)
        text = articles[i % len(articles)]
        if i % 7 == 3:
            text += "\n\n" + articles[(i + 1) % len(articles)]
        for (full, last) in people:
            new_full, new_last = rng.choice(swaps)
            text = text.replace(full, new_full).replace(last, new_last)
        for place in places:
            text = text.replace(place, rng.choice(new_places))
        paras = text.split("\n\n")
        head, body = paras[:2], paras[2:]
        rng.shuffle(body)
        text = "\n\n".join(head + body)
        text = text.replace("four hundred", str(rng.randint(50, 900)))
        text = text.replace("84 million", f"{rng.randint(10, 400)} million")
        f.write(json.dumps({"id": f"bench-{i:05d}", "text": text}, ensure_ascii=False) + "\n")
