"""A CoNLL-style entity corpus with its own types (WNUT-17, the Broad Twitter Corpus) as extra
entity documents for `scripts/train_tagger.py --entities`.

Each blank-line-separated block (a tweet, a post) becomes one document, its tokens joined by
spaces. Types are mapped to PER / LOC / ORG / MISC by `--map` (`person=PER`, a type mapped to
nothing is no entity). Neither corpus tags what CoNLL-2003 calls MISC outside products and
works (nationalities, events: `American`, `World Cup`), so a word these corpora leave `O`
that CoNLL-2003 train tags MISC more often than anything else is **unlabelled**: the loss skips
it rather than teach `O` where CoNLL says MISC.

Usage:

    python3 scripts/conll_entities.py CONLL_TRAIN OUT.jsonl FILE [--map TYPE=TAG ...]

WNUT-17 (Derczynski et al. 2017; CC-BY 4.0): `--map person=PER location=LOC corporation=ORG
group=ORG creative-work=MISC product=MISC`; the Broad Twitter Corpus (Derczynski et al. 2016;
CC-BY 4.0) needs no map. The output is derived from the corpus: keep it out of the repository
(`target/` is ignored). Output objects as `scripts/gum_entities.py` writes them.
"""

import argparse
from collections import Counter

from training_data import conll_document, read_conll, write_entity_documents


def read_blocks(path):
    """Blank-line-separated blocks of `(word, tag)`, the tag the line's last field."""
    blocks, block = [], []
    for line in open(path, encoding="utf-8"):
        fields = line.split()
        if not fields:
            if block:
                blocks.append(block)
                block = []
        elif len(fields) >= 2:
            block.append((fields[0], fields[-1]))
    if block:
        blocks.append(block)
    return blocks


def conll_misc_words(path):
    """Words CoNLL-2003 `path` tags (inside) MISC more often than anything else."""
    votes = {}
    for doc in read_conll(path):
        for sent in doc:
            for word, tag in sent:
                votes.setdefault(word, Counter())[tag[2:] if tag != "O" else "O"] += 1
    return {word for word, tags in votes.items() if tags.most_common(1)[0][0] == "MISC"}


TYPES = {"PER", "LOC", "ORG", "MISC"}


def mapped(tag, type_map):
    """An IOB tag with its type mapped (`B-person` → `B-PER`); `O` when the type maps to
    nothing. Without a map the corpus's types must be CoNLL's own. Raises `ValueError` for a
    type the map does not name or a type that is not PER / LOC / ORG / MISC."""
    if tag == "O":
        return tag
    prefix, _, kind = tag.partition("-")
    if type_map and kind not in type_map:
        raise ValueError(f"type {kind!r} (tag {tag!r}) is not in --map")
    target = type_map[kind] if type_map else kind
    if target and target not in TYPES:
        raise ValueError(f"type {target!r} (tag {tag!r}) is none of {sorted(TYPES)}")
    return f"{prefix}-{target}" if target else "O"


def entity_documents(blocks, type_map, misc_words):
    """Each block as a dict with `text`, `spans` and `unlabelled` (character offsets)."""
    docs = []
    for n, block in enumerate(blocks):
        sentence = [(word, mapped(tag, type_map)) for word, tag in block]
        text, spans = conll_document([sentence])
        unlabelled, pos = [], 0
        for word, tag in sentence:
            if tag == "O" and word in misc_words:
                unlabelled.append((pos, pos + len(word)))
            pos += len(word) + 1
        docs.append(dict(id=str(n), text=text, spans=spans, unlabelled=unlabelled))
    return docs


def main():
    """`conll_entities.py CONLL_TRAIN OUT.jsonl FILE... [--map TYPE=TAG ...]`."""
    ap = argparse.ArgumentParser()
    ap.add_argument("conll_train")
    ap.add_argument("out")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--map", nargs="*", default=[], help="TYPE=TAG pairs (TAG empty: no entity)")
    args = ap.parse_args()
    type_map = dict(pair.split("=", 1) for pair in args.map)
    docs = entity_documents([b for path in args.files for b in read_blocks(path)], type_map,
                            conll_misc_words(args.conll_train))
    counts = write_entity_documents(args.out, docs)
    print(f"{len(docs)} documents written to {args.out}: {counts}, "
          f"{sum(len(d['unlabelled']) for d in docs)} words unlabelled")


if __name__ == "__main__":
    main()
