"""Scores quotegraph's quotations against brat attribution files, independently of
`quotegraph eval quotes` (its own parsing, matching and counting), so that the two can be
checked against each other.

    quotegraph extract -q DIR/text -o out.jsonl
    python3 scripts/score_attributions.py out.jsonl DIR/text DIR/attributions

Reads PolNeAR-style brat standoff (`T` lines for Source / Cue / Content spans, `;` between the
pieces of a discontinuous span, `E` lines tying them into attributions); the first annotator's
file of an article in sorted order is gold (`<article>_<annotator>.ann`); articles without one,
and records that failed (`error` instead of `quotes`), are left out. Prints, as JSON:

- `all`: detection by overlap. A quotation (any kind but `scare`) is right when it overlaps a
  piece of some gold content; a gold attribution is found when some quotation overlaps one of
  its content pieces.
- `speaker`: over one-to-one pairs of quotation and gold attribution (largest character overlap
  first), among gold attributions with a source, the share whose speaker span overlaps it.
- `exact_content`, `exact_source`, `exact_cue`: per article, the set of predicted spans
  (quotation, speaker, cue) against the set of gold pieces of that role, both trimmed to their
  first and last letter or digit, counted when start and end are equal.

Offsets are character offsets (Python string indices), as quotegraph writes them.
"""

import json
import sys
from pathlib import Path


def trimmed(text, start, end):
    """(start, end) cut to the first and last alphanumeric character; None when there is none."""
    inner = [i for i in range(start, min(end, len(text))) if text[i].isalnum()]
    return (inner[0], inner[-1] + 1) if inner else None


def read_gold(path):
    """Attributions of one .ann file: dicts from role (Source, Cue, Content) to piece lists."""
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [fields for fields in lines if len(fields) >= 2]
    # Spans first: an event may name a span defined after it.
    spans = {}
    for fields in lines:
        if fields[0].startswith("T"):
            _, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = [tuple(int(n) for n in piece.split()) for piece in offsets.split(";")]
    attributions = []
    for fields in lines:
        if fields[0].startswith("E"):
            attribution = {}
            for argument in fields[1].split():
                name, _, ref = argument.partition(":")
                if ref in spans:
                    # `Content2:` and the like add pieces to the same role.
                    attribution.setdefault(name.rstrip("0123456789"), []).extend(spans[ref])
            if "Content" in attribution:
                attributions.append(attribution)
    return attributions


def overlap(a, b):
    """Characters shared by spans a and b."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def prf(tp, fp, fn):
    """Precision, recall, F1 from counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: score_attributions.py OUT.jsonl TEXT_DIR ANN_DIR")
    output, text_dir, ann_dir = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    gold_files = {}
    for ann in sorted(ann_dir.glob("*_*.ann")):
        gold_files.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    detected = [0, 0, 0]
    speaker = [0, 0]
    exact = {role: [0, 0, 0] for role in ("Content", "Source", "Cue")}
    for line in Path(output).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        stem = Path(record["id"]).stem
        if stem not in gold_files:
            continue
        text = (text_dir / f"{stem}.txt").read_text(encoding="utf-8")
        gold = read_gold(gold_files[stem])
        quotes = [q for q in record.get("quotes", []) if q["kind"] != "scare"]
        spans = [(q["start"], q["end"]) for q in quotes]
        right = [any(overlap(s, p) for g in gold for p in g["Content"]) for s in spans]
        detected[0] += sum(right)
        detected[1] += len(right) - sum(right)
        detected[2] += sum(
            1 for g in gold if not any(overlap(s, p) for s in spans for p in g["Content"])
        )
        pairs = sorted(
            (
                (sum(overlap(s, p) for p in g["Content"]), i, j)
                for i, s in enumerate(spans)
                for j, g in enumerate(gold)
            ),
            key=lambda c: (-c[0], c[1], c[2]),
        )
        used_q, used_g = set(), set()
        for size, i, j in pairs:
            if size == 0 or i in used_q or j in used_g:
                continue
            used_q.add(i)
            used_g.add(j)
            if "Source" in gold[j]:
                s = quotes[i]["speaker"]
                speaker[1] += 1
                speaker[0] += bool(
                    s and any(overlap((s["start"], s["end"]), p) for p in gold[j]["Source"])
                )
        predicted = {
            "Content": spans,
            "Source": [(q["speaker"]["start"], q["speaker"]["end"]) for q in quotes if q["speaker"]],
            "Cue": [(q["cue"]["start"], q["cue"]["end"]) for q in quotes if q["cue"]],
        }
        for role, counts in exact.items():
            ours = {trimmed(text, *s) for s in predicted[role]} - {None}
            theirs = {trimmed(text, *p) for g in gold for p in g.get(role, [])} - {None}
            counts[0] += len(ours & theirs)
            counts[1] += len(ours - theirs)
            counts[2] += len(theirs - ours)
    report = {
        "all": prf(*detected),
        "speaker": speaker[0] / speaker[1] if speaker[1] else 0.0,
        **{f"exact_{role.lower()}": prf(*counts) for role, counts in exact.items()},
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
