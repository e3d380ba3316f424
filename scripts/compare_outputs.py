"""Counts the spans in which quotegraph outputs differ from a reference output of the same input,
for comparing number formats (int8, bf16) or kernels with f32 without gold annotations.

    quotegraph extract -q --precision f32 DIR -o f32.jsonl
    quotegraph extract -q --precision int8 DIR -o int8.jsonl
    python3 scripts/compare_outputs.py f32.jsonl int8.jsonl [more.jsonl ...]

A span is an entity mention (record id, start, end, type), or a quotation's content, speaker or
cue (record id, start, end); offsets are the character offsets quotegraph writes. For each
further output, prints per kind the spans found in one output but not the other (the symmetric
difference), and their total. Scores are not compared: a span that moved by a character counts,
a score that moved in the third digit does not.
"""

import json
import sys
from pathlib import Path

KINDS = ("mentions", "contents", "speakers", "cues")


def spans(path):
    """The output's spans, one set per kind."""
    found = {kind: set() for kind in KINDS}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = record["id"]
        for entity in record.get("entities", []):
            for mention in entity["mentions"]:
                found["mentions"].add((doc, mention["start"], mention["end"], entity["label"]))
        for quote in record.get("quotes", []):
            found["contents"].add((doc, quote["start"], quote["end"]))
            for kind, part in (("speakers", quote["speaker"]), ("cues", quote["cue"])):
                if part:
                    found[kind].add((doc, part["start"], part["end"]))
    return found


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: compare_outputs.py REFERENCE.jsonl OTHER.jsonl [OTHER.jsonl ...]")
    reference = spans(sys.argv[1])
    total = sum(len(found) for found in reference.values())
    print(f"{sys.argv[1]}: {total} spans")
    for path in sys.argv[2:]:
        other = spans(path)
        differ = {kind: len(reference[kind] ^ other[kind]) for kind in KINDS}
        parts = " ".join(f"{kind} {n}" for kind, n in differ.items())
        print(f"{path}: {sum(differ.values())} spans differ ({parts})")


if __name__ == "__main__":
    main()
