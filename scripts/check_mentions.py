#!/usr/bin/env python3
"""Lists the entity mentions of extract output that end in a speech verb (`said`, `says`,
`told`, `added`: "Trump said", "he said" as a person) and exits 1 when there is any: no
mention is a verb. Reads JSON Lines files (or standard input, `-`).

    quotegraph extract -q ../shared/data/polnear/dev/text | python3 scripts/check_mentions.py -
"""

import json
import sys

# Speech verbs no name ends with (issue 26's list), in lower case: a capitalized `Said` ends
# names (Edward Said).
SPEECH_VERBS = {"said", "says", "told", "added"}


def verb_mentions(lines):
    """(record id, label, mention text, start) of each mention whose last word is a speech verb."""
    for line in lines:
        if not line.strip():
            continue
        record = json.loads(line)
        for entity in record.get("entities", []):
            for mention in entity["mentions"]:
                words = mention["text"].split()
                if words and words[-1].strip(".,;:") in SPEECH_VERBS:
                    yield record["id"], entity["label"], mention["text"], mention["start"]


def report(mentions):
    """Prints each mention, tab-separated; how many there were."""
    count = 0
    for doc_id, label, text, start in mentions:
        print(f"{doc_id}\t{label}\t{text!r}\t{start}")
        count += 1
    return count


def main():
    paths = sys.argv[1:] or ["-"]
    found = 0
    for path in paths:
        if path == "-":
            found += report(verb_mentions(sys.stdin))
        else:
            with open(path, encoding="utf-8") as source:
                found += report(verb_mentions(source))
    print(f"check_mentions: {found} mentions ending in a speech verb", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
