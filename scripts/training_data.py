"""Training data for `scripts/train_tagger.py`, with no torch: corpora read into texts and
character spans, and each document split by quotegraph itself.

Tokenization, words, case classes and sentence starts come from `quotegraph prepare` (the
Rust code the tagger runs at inference: `src/tagging/words.rs`), so that training and
inference cannot drift apart; this module only reads the corpora and puts labels on the words
quotegraph gives. `scripts/check_training_data.py` checks it against the binary.
"""

import json
import os
import subprocess
import tempfile
from collections import Counter

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
LABEL_ID = {label: i for i, label in enumerate(LABELS)}
ROLES = ["O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT"]
ROLE_ID = {label: i for i, label in enumerate(ROLES)}
CASE_CLASSES = 4


def read_conll(path):
    """Documents as lists of sentences, each a list of (word, tag)."""
    docs, sent, doc = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if sent:
                doc.append(sent)
                sent = []
            if doc:
                docs.append(doc)
            doc = []
            continue
        if not line.strip():
            if sent:
                doc.append(sent)
                sent = []
            continue
        parts = line.split(" ")
        sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def conll_document(doc):
    """A CoNLL document rebuilt as quotegraph sees news: tokens joined by spaces, sentences by
    newlines (each of which starts a sentence for quotegraph's splitter too); each CoNLL
    token's tag becomes a span over its characters. Returns `(text, spans)`."""
    text_parts, spans, pos = [], [], 0
    for si, sent in enumerate(doc):
        if si:
            text_parts.append("\n")
            pos += 1
        for wi, (w, t) in enumerate(sent):
            if wi:
                text_parts.append(" ")
                pos += 1
            if t != "O":
                if t.startswith("I-") and spans and spans[-1][2] == t[2:] and spans[-1][1] >= pos - 1:
                    spans[-1][1] = pos + len(w)
                else:
                    spans.append([pos, pos + len(w), t[2:]])
            text_parts.append(w)
            pos += len(w)
    return "".join(text_parts), [tuple(s) for s in spans]


def augmented(docs, share, rng):
    """Extra entity documents in shapes news pages have and CoNLL-2003 rarely does: a document
    lower-cased, a document upper-cased, and a list with one name per line (a document's first
    line, then each name it tags, once, in order). `docs`: `(text, spans)` pairs as
    `conll_document` returns them; `share`: the fraction of them drawn (by `rng`) for each
    shape (0 to 1). Returns the new `(text, spans)` pairs, spans in characters of the new text; a
    document whose case change would change its length is skipped, so spans stay valid."""
    count = round(share * len(docs))
    out = []
    for shape in (_lower_cased, _upper_cased, _names_per_line):
        for text, spans in rng.sample(docs, count) if count else []:
            made = shape(text, spans)
            if made is not None:
                out.append(made)
    return out


def _lower_cased(text, spans):
    low = text.lower()
    return (low, spans) if len(low) == len(text) else None


def _upper_cased(text, spans):
    up = text.upper()
    return (up, spans) if len(up) == len(text) else None


def _names_per_line(text, spans):
    first_line = text.split("\n", 1)[0]
    names, seen = [], set()
    for start, end, tag in spans:
        name = text[start:end]
        if (name, tag) not in seen and start > len(first_line):
            seen.add((name, tag))
            names.append((name, tag))
    if len(names) < 2:
        return None
    new_spans = [span for span in spans if span[1] <= len(first_line)]
    parts, pos = [first_line], len(first_line)
    for name, tag in names:
        parts.append("\n" + name)
        new_spans.append((pos + 1, pos + 1 + len(name), tag))
        pos += 1 + len(name)
    return "".join(parts), new_spans


def read_entity_documents(path):
    """Extra entity documents from a JSON Lines file (`scripts/gum_entities.py` writes one):
    `(text, spans)` with each object's `spans` (`[start, end, tag]`) and its `unlabelled`
    character ranges as spans tagged `None` (see `encode`)."""
    docs = []
    for line in open(path, encoding="utf-8"):
        if line.strip():
            doc = json.loads(line)
            spans = [tuple(span) for span in doc["spans"]] + [(s, e, None) for s, e in doc.get("unlabelled", [])]
            docs.append((doc["text"], spans))
    return docs


def write_entity_documents(path, docs):
    """Writes entity documents (dicts with `text`, `spans`, `unlabelled`) as JSON Lines, the
    form `read_entity_documents` reads; returns how many names of each tag they hold."""
    with open(path, "w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc) + "\n")
    return dict(Counter(tag for doc in docs for _, _, tag in doc["spans"]))


def read_polnear(folder):
    """PolNeAR articles as `(text, role_spans)`: every Source / Cue / Content piece of the first
    annotator's `.ann` file (sorted order), character offsets. A span lying inside a longer one
    (an attribution nested in another's content) is dropped: outermost wins; so is a span
    crossing the end of an earlier one (one BIO layer holds no overlaps)."""
    anns = {}
    for name in sorted(os.listdir(os.path.join(folder, "attributions"))):
        if name.endswith(".ann"):
            anns.setdefault(name.rsplit("_", 1)[0], name)
    out = []
    for name in sorted(os.listdir(os.path.join(folder, "text"))):
        article = name.removesuffix(".txt")
        if article not in anns:
            continue
        text = open(os.path.join(folder, "text", name), encoding="utf-8").read()
        spans = []
        for line in open(os.path.join(folder, "attributions", anns[article]), encoding="utf-8"):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2 or not cols[0].startswith("T"):
                continue
            role, _, pieces = cols[1].partition(" ")
            if role not in ("Source", "Cue", "Content"):
                continue
            for piece in pieces.split(";"):
                start, end = (int(x) for x in piece.split())
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if start < end:
                    spans.append((start, end, role.upper()))
        spans.sort(key=lambda sp: (sp[0], -sp[1]))
        outermost = []
        for sp in spans:
            if outermost and sp[1] <= outermost[-1][1]:
                continue
            if outermost and sp[0] < outermost[-1][1]:
                continue
            outermost.append(sp)
        out.append((text, outermost))
    return out


def prepare(binary, tokenizer, texts):
    """Every text split by `quotegraph prepare --tokenizer TOKENIZER`: one dict per text, in
    order, with `ids` (sub-tokens) and `words` (`first_token`, `start`, `end` in characters,
    `case`, `sentence_start`)."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for i, text in enumerate(texts):
            f.write(json.dumps({"id": str(i), "text": text}) + "\n")
        path = f.name
    try:
        run = subprocess.run([binary, "prepare", "--tokenizer", tokenizer, path],
                             check=False, capture_output=True, text=True)
    finally:
        os.unlink(path)
    if run.returncode != 0:
        raise RuntimeError(f"quotegraph prepare failed: {run.stderr.strip()}")
    out = run.stdout
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    if [r["id"] for r in records] != [str(i) for i in range(len(texts))]:
        raise RuntimeError("quotegraph prepare did not return every document in order")
    return records


def encode(prepared, text, ner_spans=None, role_spans=None):
    """Labels one prepared document for training.

    `ner_spans` and `role_spans`: `(start, end, tag)` character spans, tags without the B-/I-
    prefix; a span tagged `None` marks words left unlabelled (-100: the loss skips them). The
    first sub-token of each word carries a label when the head has data for this document (a
    word is inside a span when its first character is), else -100; other sub-tokens are
    always -100. Each sub-token's type is its word's case class, and `sents` its
    sentence number, from quotegraph's words.
    """
    ids = prepared["ids"]
    n = len(ids)
    words = [(w["first_token"], w["start"], w["end"]) for w in prepared["words"]]

    def tag_words(spans, label_id):
        if spans is None:
            return [-100] * n
        at = {}
        for span_id, (s, e, tag) in enumerate(spans):
            for c in range(s, e):
                at[c] = (span_id, tag)
        out, prev = [-100] * n, None
        for first, s, _ in words:
            hit = at.get(s)
            if hit is None:
                out[first] = label_id["O"]
            elif hit[1] is None:
                hit = None
            else:
                prefix = "I-" if prev is not None and prev == hit[0] else "B-"
                out[first] = label_id[prefix + hit[1]]
            prev = hit[0] if hit else None
        return out

    type_at, sent_at = [0] * n, [0] * n
    sentence = 0
    for wi, word in enumerate(prepared["words"]):
        if wi and word["sentence_start"]:
            sentence += 1
        end_sub = prepared["words"][wi + 1]["first_token"] if wi + 1 < len(words) else n
        for k in range(word["first_token"], end_sub):
            type_at[k] = word["case"]
            sent_at[k] = sentence
    return dict(ids=list(ids), types=type_at, labels=tag_words(ner_spans, LABEL_ID),
                roles=tag_words(role_spans, ROLE_ID), sents=sent_at, words=words, text=text)
