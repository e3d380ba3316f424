#!/usr/bin/env python3
"""Checks the training data path against the binary: `training_data` reads a CoNLL document of
our own, `quotegraph prepare` splits it with the bundled model's tokenizer, and the labels,
case classes and sentence numbers put on its words are the ones the tagger would read.

    python3 scripts/check_training_data.py [target/release/quotegraph]

Needs no torch. Run by scripts/test.sh after the build.
"""

import os
import random
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import conll_entities  # noqa: E402
from gum_entities import entity_documents  # noqa: E402
from training_data import LABEL_ID, ROLE_ID, augmented, conll_document, encode, prepare  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKENIZER = os.path.join(ROOT, "models", "quotegraph-ner-minilm", "tokenizer.json")

DOCUMENT = [
    [("Lucia", "B-PER"), ("Ferrante", "I-PER"), ("met", "O"), ("NATO", "B-ORG"),
     ("officials", "O"), ("in", "O"), ("Tallinn", "B-LOC"), (".", "O")],
    [("Her", "O"), ("iPhone", "B-MISC"), ("rang", "O"), (".", "O")],
]


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "quotegraph")
    text, spans = conll_document(DOCUMENT)
    role_text = "Officials said the port would reopen."
    roles = [(0, 9, "SOURCE"), (10, 14, "CUE"), (15, 36, "CONTENT")]
    prepared = prepare(binary, TOKENIZER, [text, role_text])
    enc = encode(prepared[0], text, ner_spans=spans)

    words = {text[s:e]: (first, s) for first, s, e in enc["words"]}
    for word, _ in [w for sentence in DOCUMENT for w in sentence]:
        assert word in words, f"{word!r} is not one of quotegraph's words: {sorted(words)}"
    expected_labels = {"Lucia": "B-PER", "Ferrante": "I-PER", "met": "O", "NATO": "B-ORG",
                       "Tallinn": "B-LOC", "iPhone": "B-MISC", "rang": "O"}
    for word, label in expected_labels.items():
        first = words[word][0]
        assert enc["labels"][first] == LABEL_ID[label], (word, enc["labels"][first], label)
    expected_cases = {"Lucia": 1, "met": 0, "NATO": 2, "iPhone": 3}
    for word, case in expected_cases.items():
        assert enc["types"][words[word][0]] == case, (word, enc["types"][words[word][0]], case)
    assert enc["sents"][words["Tallinn"][0]] == 0 and enc["sents"][words["Her"][0]] == 1, enc["sents"]
    assert enc["roles"] == [-100] * len(enc["ids"]), "no role data: every role label ignored"

    role_enc = encode(prepared[1], role_text, role_spans=roles)
    role_words = {role_text[s:e]: first for first, s, e in role_enc["words"]}
    for word, label in {"Officials": "B-SOURCE", "said": "B-CUE", "the": "B-CONTENT",
                        "reopen": "I-CONTENT"}.items():
        assert role_enc["roles"][role_words[word]] == ROLE_ID[label], (word, label)
    listed = check_augmented(binary)
    gum = check_gum_entities(binary)
    check_conll_entities()
    print(f"check_training_data: {len(enc['words'])} + {len(role_enc['words'])} + {listed} + {gum} words "
          "labelled as quotegraph splits them")


def check_augmented(binary):
    """The page shapes of `training_data.augmented`: each keeps every name's label on the
    words quotegraph splits it into. Returns how many words the list shape has."""
    document = [[("DANUBE", "B-LOC"), ("PRIZES", "O")]] + DOCUMENT
    lower, upper, listed = augmented([conll_document(document)], 1.0, random.Random(0))
    names = ["DANUBE", "Lucia Ferrante", "NATO", "Tallinn", "iPhone"]
    assert listed[0] == "DANUBE PRIZES\n" + "\n".join(names[1:]), listed[0]
    for (text, spans), case in ((lower, str.lower), (upper, str.upper), (listed, str)):
        assert [text[s:e] for s, e, _ in spans] == [case(n) for n in names], (text, spans)
    prepared = prepare(binary, TOKENIZER, [listed[0]])
    enc = encode(prepared[0], listed[0], ner_spans=listed[1])
    first_of = {listed[0][s:e]: first for first, s, e in enc["words"]}
    for word, label in {"DANUBE": "B-LOC", "PRIZES": "O", "Lucia": "B-PER", "Ferrante": "I-PER", "NATO": "B-ORG",
                        "Tallinn": "B-LOC"}.items():
        assert enc["labels"][first_of[word]] == LABEL_ID[label], (word, label)
    return len(enc["words"])


# GUM's CoNLL-U shape (`Entity=` mentions with types and Wikipedia identities), text of our own.
GUM_SENTENCES = [
    ("Dr. Anna Berg of the Port of Tallinn met Estonian officials in Tartu.", [
        ("Dr.", "PROPN", "Entity=(1-person-new-sssss-cf1-3-coref-Anna_Berg"), ("Anna", "PROPN", ""),
        ("Berg", "PROPN", ""), ("of", "ADP", ""), ("the", "DET", "Entity=(2-organization-new-sssss-cf2-2-sgl"),
        ("Port", "PROPN", ""), ("of", "ADP", ""), ("Tallinn", "PROPN", "Entity=(3-place-new-s-cf3-1-sgl-Tallinn)2)1)"),
        ("met", "VERB", ""), ("Estonian", "ADJ", "Entity=(4-person-new-sssss-cf4-2-sgl"),
        ("officials", "NOUN", "Entity=4)"), ("in", "ADP", ""), ("Tartu", "PROPN", "Entity=(5-place-new-s-cf5-1-sgl)"),
        (".", "PUNCT", "")]),
    ("Estonia welcomed the Tallinn Harbour Festival on Friday.", [
        ("Estonia", "PROPN", "Entity=(6-organization-new-sssss-cf1-1-coref-Estonia)"), ("welcomed", "VERB", ""),
        ("the", "DET", "Entity=(7-event-new-sssss-cf2-3-sgl"), ("Tallinn", "PROPN", "Entity=(3-place-giv-s-cf3-1-sgl)"),
        ("Harbour", "PROPN", ""), ("Festival", "PROPN", "Entity=7)"), ("on", "ADP", ""),
        ("Friday", "PROPN", "Entity=(8-time-new-sssss-cf3-1-sgl)"), (".", "PUNCT", "")]),
    ("Secretary of State Mark Vell met Lady Gaga.", [
        ("Secretary", "PROPN", "Entity=(9-person-new-sssss-cf1-4,5-coref-Mark_Vell"), ("of", "ADP", ""),
        ("State", "PROPN", ""), ("Mark", "PROPN", ""), ("Vell", "PROPN", "Entity=9)"), ("met", "VERB", ""),
        ("Lady", "PROPN", "Entity=(10-person-new-sssss-cf2-1,2-sgl-Lady_Gaga"), ("Gaga", "PROPN", "Entity=10)"),
        (".", "PUNCT", "")]),
]


def check_gum_entities(binary):
    """`gum_entities` reads GUM's mentions the CoNLL way — titles outside a person's name
    (`src/titles.txt`'s, `Secretary of State` whole, not in a stage name),
    `HEAD of PLACE` one name, a demonym and a name with no identity unlabelled, a country
    acting as an organization LOC when CoNLL train says so, a day no entity — and `encode` skips the unlabelled words.
    Returns how many words the document has."""
    lines = ["# newdoc id = GUM_news_fixture",
             "# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity"]
    for text, tokens in GUM_SENTENCES:
        lines += ["# newpar", f"# text = {text}"]
        lines += [f"{i}\t{form}\t_\t{upos}\t_\t_\t0\t_\t_\t{misc or '_'}"
                  for i, (form, upos, misc) in enumerate(tokens, 1)]
        lines.append("")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "GUM_news_fixture.conllu")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        [doc] = entity_documents([path], {"Estonia"})
    text = doc["text"]
    assert text == "\n".join(t for t, _ in GUM_SENTENCES), text
    names = [(text[s:e], tag) for s, e, tag in doc["spans"]]
    assert names == [("Anna Berg", "PER"), ("Port of Tallinn", "ORG"), ("Tartu", "LOC"), ("Estonia", "LOC"),
                     ("Mark Vell", "PER"), ("Lady Gaga", "PER")], names
    unlabelled = sorted(text[s:e] for s, e in doc["unlabelled"])
    assert unlabelled == ["Dr.", "Estonian", "Secretary of State", "Tallinn Harbour Festival"], unlabelled
    spans = [tuple(span) for span in doc["spans"]] + [(s, e, None) for s, e in doc["unlabelled"]]
    [prepared] = prepare(binary, TOKENIZER, [text])
    enc = encode(prepared, text, ner_spans=spans)
    first_of = {}
    for first, s, e in enc["words"]:
        first_of.setdefault(text[s:e], first)
    for word, label in {"Anna": "B-PER", "Berg": "I-PER", "Port": "B-ORG", "Tallinn": "I-ORG", "Estonia": "B-LOC",
                        "Friday": "O", "met": "O", "Dr": None, "Estonian": None, "Harbour": None,
                        "Secretary": None, "Vell": "I-PER"}.items():
        assert enc["labels"][first_of[word]] == (LABEL_ID[label] if label else -100), (word, label)
    return len(enc["words"])


def check_conll_entities():
    """`conll_entities` maps a corpus's own types (WNUT-17's) to CoNLL's, refuses a map that
    misses a type or names no CoNLL type, and leaves unlabelled a word the corpus calls `O` and
    CoNLL train calls MISC."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "corpus.conll")
        with open(path, "w", encoding="utf-8") as f:
            f.write("Saw\tO\nAnna\tB-person\nBerg\tI-person\nat\tO\nAcme\tB-corporation\n"
                    "with\tO\nGerman\tO\nfans\tO\n\nTartu\tB-location\n!\tO\n")
        blocks = conll_entities.read_blocks(path)
    type_map = {"person": "PER", "location": "LOC", "corporation": "ORG"}
    docs = conll_entities.entity_documents(blocks, type_map, {"German"})
    assert [d["text"] for d in docs] == ["Saw Anna Berg at Acme with German fans", "Tartu !"], docs
    names = [(d["text"][s:e], tag) for d in docs for s, e, tag in d["spans"]]
    assert names == [("Anna Berg", "PER"), ("Acme", "ORG"), ("Tartu", "LOC")], names
    assert [docs[0]["text"][s:e] for s, e in docs[0]["unlabelled"]] == ["German"], docs[0]
    for bad_map in ({"person": "PER"}, dict(type_map, location="PLACE")):
        try:
            conll_entities.entity_documents(blocks, bad_map, set())
        except ValueError:
            continue
        raise AssertionError(f"a type missing from {bad_map} or mapped to no CoNLL type was accepted")


if __name__ == "__main__":
    main()
