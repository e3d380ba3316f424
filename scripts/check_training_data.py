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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

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
    print(f"check_training_data: {len(enc['words'])} + {len(role_enc['words'])} + {listed} words "
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


if __name__ == "__main__":
    main()
