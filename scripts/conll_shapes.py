#!/usr/bin/env python3
"""Writes a CoNLL-2003 file again in the shapes real pages have: every token lower-cased, and
every token upper-cased (tags unchanged), so that `quotegraph eval ner` measures how well a
tagger reads text without its usual capitals (issue 26's augmentation lever).

    python3 scripts/conll_shapes.py ../shared/data/conll2003/dev.txt target/shapes
    quotegraph eval ner target/shapes/dev.lower.txt

A token whose case change would change its length keeps its case. Writes DIR/NAME.lower.txt
and DIR/NAME.upper.txt; the files are derived from the corpus, so keep them out of the
repository like the corpus itself.
"""

import os
import sys


def reshaped(line, shape):
    """One CoNLL line with its token (first column) in `shape`; document and sentence breaks
    as they are."""
    if not line.strip() or line.startswith("-DOCSTART-"):
        return line
    token, sep, rest = line.partition(" ")
    changed = shape(token)
    return (changed if len(changed) == len(token) else token) + sep + rest


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, folder = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    stem = os.path.splitext(os.path.basename(source))[0]
    lines = open(source, encoding="utf-8").readlines()
    for name, shape in (("lower", str.lower), ("upper", str.upper)):
        path = os.path.join(folder, f"{stem}.{name}.txt")
        with open(path, "w", encoding="utf-8") as out:
            out.writelines(reshaped(line, shape) for line in lines)
        print(path)


if __name__ == "__main__":
    main()
