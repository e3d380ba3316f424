"""GUM's named entities as extra entity documents for `scripts/train_tagger.py --entities`.

GUM (Zeldes 2017, https://gucorpling.org/gum/; annotations CC-BY 4.0) marks every mention
of an entity — named or not — with one of ten types, in the `Entity=` field of its
`dep/*.conllu` files, with a Wikipedia identity where one exists. CoNLL-2003 tags only names,
and only as PER / LOC / ORG / MISC, so this reads GUM the CoNLL way:

- a **name** is a run of name-like words (`PROPN`, or a capitalized adjective, noun, number
  or `X` not first in its sentence) holding at least one proper noun, with a word of
  `CONNECTORS` (`of`, `and`, `&`, `for`, `the`, `de`, `'s`, a hyphen) allowed between two of
  them (`Bank of England`); a leading `The` stays outside, as CoNLL has it; a run of
  capitalized words without a proper noun is left **unlabelled**;
- its **type** comes from the smallest mention holding the whole run (`Aberdeen Grammar
  School` is one organization, not a place and a school), which may join words of several
  mentions unless it is a person (`U.S. President Barack Obama`) or they are coordinated
  (`Thissio and Plaka`): person → PER, place → LOC, organization → ORG;
  event, object, abstract, substance, plant, animal → MISC when the mention has a Wikipedia
  identity (`FIRST Robotics Competition`), else the name is left **unlabelled**; time and
  quantity names (`August`, `Friday`) are no entity, as in CoNLL; a country acting as an
  organization (`North Korea said`) is LOC, as CoNLL tags it, when GUM types the same name or
  identity a place somewhere, or CoNLL train tags the name LOC most often;
- titles before a person's name (`Dr.`, `Secretary of State`) are left **unlabelled**: they are
  the words quotegraph trims from a person's mention (`src/titles.txt`, the list it reads),
  and CoNLL leaves them outside the name; not when the person's identity starts with the
  title (`Lady_Gaga`);
- words CoNLL would tag and GUM does not mark as names — a capitalized adjective outside
  every name (`American`, CoNLL's MISC), a proper noun in no mention — are **unlabelled**
  too: the loss skips them rather than teach `O` where CoNLL says MISC.

Only genres whose texts carry a licence that allows it are read (`GENRES`: Wikinews news and
interviews CC-BY 2.5, academic and court CC-BY 4.0, Wikipedia biographies and Wikivoyage
CC-BY-SA 3.0; not the non-commercial essays, fiction, letters, podcasts, how-tos or reddit).
Text is rebuilt from the tokens, spaced as each sentence's `# text` line has it, a paragraph
per line. The mention fields are found by name in the file's `# global.Entity` header.

Usage: `python3 scripts/gum_entities.py GUM/dep CONLL_TRAIN OUT.jsonl` — one JSON object per document:
`{"id", "text", "spans": [[start, end, "PER"], ...], "unlabelled": [[start, end], ...]}`,
character offsets, end-exclusive. The output is derived from GUM: keep it out of the
repository (`target/` is ignored).
"""

import os
import re
import sys
from collections import Counter

from training_data import conll_document, read_conll, write_entity_documents

GENRES = ("academic", "bio", "court", "interview", "news", "voyage")
TYPE_OF = {"person": "PER", "place": "LOC", "organization": "ORG"}
MISC_TYPES = {"event", "object", "abstract", "substance", "plant", "animal"}
CONNECTORS = {"of", "and", "&", "for", "the", "de", "-", "'s"}
NAME_LIKE_POS = {"ADJ", "NOUN", "NUM", "X"}
TITLES_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src", "titles.txt")
TITLE_LINKS = {"the", "of"}
COORDINATORS = {"and", "&"}
MENTION = re.compile(r"\((\d+)-([^()]*)(\))?|(\d+)\)")


def read_sentences(path):
    """Sentences of one `.conllu` file — lists of token dicts (`form`, `upos`, `space_after`,
    `entity`, `new_paragraph` on a paragraph's first token) — and the names of its mention
    fields (`# global.Entity = GRP-etype-…-identity`, without `GRP`)."""
    sents, tokens, new_par, text, fields = [], [], True, "", []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# global.Entity = "):
            fields = line.split("=", 1)[1].strip().split("-")[1:]
        elif line.startswith("# newpar"):
            new_par = True
        elif line.startswith("# text = "):
            text = line[len("# text = "):]
        elif not line:
            if tokens:
                sents.append(with_spacing(tokens, text))
                tokens, text = [], ""
        elif not line.startswith("#"):
            cols = line.split("\t")
            if not cols[0].isdigit():
                continue
            misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
            tokens.append(dict(form=cols[1], upos=cols[3], space_after=misc.get("SpaceAfter") != "No",
                               entity=misc.get("Entity", ""), new_paragraph=new_par and not tokens))
            new_par = False
    if tokens:
        sents.append(with_spacing(tokens, text))
    if "etype" not in fields:
        raise ValueError(f"{path}: no `# global.Entity` header naming an etype field")
    return sents, fields


def with_spacing(tokens, text):
    """`space_after` of each token read off the sentence's `# text` line, which GUM spaces as
    written (its `SpaceAfter=No` marks miss some, `Korea` before `'s`); from the first token
    that is not next in the line (after spaces), the marks stand."""
    pos = 0
    for tok in tokens:
        while text[pos:pos + 1] == " ":
            pos += 1
        if not text.startswith(tok["form"], pos):
            break
        pos += len(tok["form"])
        tok["space_after"] = text[pos:pos + 1] == " "
    return tokens


def mentions(sent, fields):
    """Mentions of one sentence as `(first, last, etype, identity)`, token indices inclusive;
    `fields`: the mention fields' names (`read_sentences`)."""
    out, open_ = [], {}
    etype_at, identity_at = fields.index("etype"), fields.index("identity") if "identity" in fields else None
    for i, tok in enumerate(sent):
        for m in MENTION.finditer(tok["entity"]):
            if m.group(1):
                values = m.group(2).split("-", len(fields) - 1)
                etype = values[etype_at]
                identity = values[identity_at] if identity_at is not None and identity_at < len(values) else None
                if m.group(3):
                    out.append((i, i, etype, identity))
                else:
                    open_.setdefault(m.group(1), []).append((i, etype, identity))
            else:
                stack = open_.get(m.group(4))
                if stack:
                    first, etype, identity = stack.pop()
                    out.append((first, i, etype, identity))
    return out


def name_like(tok, sentence_first):
    """Whether a token may be part of a name: a proper noun, or a capitalized adjective, noun,
    number or `X` that does not start its sentence."""
    return tok["upos"] == "PROPN" or (
        tok["upos"] in NAME_LIKE_POS and tok["form"][:1].isupper() and not sentence_first)


def convert(sents, fields, titles):
    """One document as `(text, names, unlabelled)`: `names` as `(start, end, etype,
    identity)` before types are mapped (`entity_type`), character offsets; `fields` as
    `read_sentences` gives them, `titles` the words of `src/titles.txt`."""
    parts, pos, names, unlabelled = [], 0, [], []
    for si, sent in enumerate(sents):
        if si:
            parts.append("\n" if sent[0]["new_paragraph"] else " ")
            pos += 1
        starts = []
        for ti, tok in enumerate(sent):
            starts.append(pos)
            parts.append(tok["form"])
            pos += len(tok["form"])
            if tok["space_after"] and ti + 1 < len(sent):
                parts.append(" ")
                pos += 1
        found = sorted(mentions(sent, fields), key=lambda m: m[1] - m[0])
        covered = [False] * len(sent)
        i = 0
        while i < len(sent):
            first_mention = smallest(found, i, i)
            if not name_like(sent[i], i == 0) or first_mention is None:
                i += 1
                continue
            end = run_end(sent, found, i)
            mention = smallest(found, i, end)
            leading = titles_before_name(sent[i:end + 1], mention, titles)
            if leading:
                unlabelled.append((starts[i], starts[i + leading - 1] + len(sent[i + leading - 1]["form"])))
            if leading <= end - i:
                run = sent[i + leading:end + 1]
                span = (starts[i + leading], starts[end] + len(sent[end]["form"]))
                if any(tok["upos"] == "PROPN" for tok in run) and run[-1]["upos"] != "ADJ":
                    names.append((*span, mention[2], mention[3]))
                else:
                    unlabelled.append(span)
            for k in range(i, end + 1):
                covered[k] = True
            i = end + 1
        for ti, tok in enumerate(sent):
            stray = tok["upos"] == "PROPN" or (tok["upos"] == "ADJ" and tok["form"][:1].isupper() and ti)
            if stray and not covered[ti]:
                unlabelled.append((starts[ti], starts[ti] + len(tok["form"])))
    return "".join(parts), names, unlabelled


def smallest(found, first, last):
    """The smallest mention holding tokens `first..=last` (`found` sorted by length)."""
    return next((m for m in found if m[0] <= first and last <= m[1]), None)


def run_end(sent, found, i):
    """The last token of the name starting at token `i`: name-like tokens, a connector allowed
    between two of them, as long as one mention holds them all and, where they come from
    different innermost mentions (`Aberdeen` + `Grammar School`), that mention is no person
    (`U.S. President Barack Obama`, `John Smith of Reuters` are two names each) and they are
    not joined by `and` (`Thissio and Plaka` are two places)."""
    end = i
    while end + 1 < len(sent):
        step = 1 if name_like(sent[end + 1], False) else 0
        connector = sent[end + 1]["form"].lower()
        if not step and connector in CONNECTORS and end + 2 < len(sent) and name_like(sent[end + 2], False):
            step = 2
        if not step:
            break
        mention = smallest(found, i, end + step)
        parts = {smallest(found, k, k) for k in range(i, end + step + 1)}
        if mention is None or (len(parts) > 1 and (mention[2] == "person" or connector in COORDINATORS)):
            break
        end += step
    return end


def titles_before_name(run, mention, titles):
    """How many tokens at the front of a person's name are titles, counted as `src/titles.rs`
    (`leading_titles`) counts them: capitalized words of `titles` (never `the` or `of` alone),
    `of` between two of them and a lone `.` after one taken along. Zero when the mention is no
    person, when its identity starts with the title (`Lady_Gaga`), or when what would be left
    starts in lower case; the whole run when nothing would be left (`Lord`)."""
    if mention[2] != "person":
        return 0

    def is_lead(tok):
        bare = tok["form"].replace(".", "").lower()
        return tok["form"][:1].isupper() and bare in titles and bare not in TITLE_LINKS

    n = 0
    while n < len(run):
        if is_lead(run[n]) or (n and run[n]["form"] == "."):
            n += 1
        elif n and run[n]["form"] == "of" and n + 1 < len(run) and is_lead(run[n + 1]):
            n += 2
        else:
            break
    first = run[0]["form"].replace(".", "").lower()
    if n == 0 or (mention[3] or "").lower().startswith(first + "_"):
        return 0
    if n == len(run):
        return n
    return n if run[n]["form"][:1].isupper() or run[n]["form"][:1].isdigit() else 0


def read_titles():
    """The words of `src/titles.txt`, the titles quotegraph trims from a person's mention."""
    with open(TITLES_FILE, encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def entity_type(etype, identity, name, places):
    """The CoNLL type of a GUM name, `None` for no entity, `"?"` for unlabelled. GUM types a
    country acting as an organization (`North Korea said`); CoNLL tags it LOC whatever it
    does, so an organization whose identity or name GUM also types as a place, or whose name
    CoNLL-2003 train tags LOC most often, is LOC (`places` holds both)."""
    if etype == "organization" and (identity in places or name in places):
        return "LOC"
    if etype in TYPE_OF:
        return TYPE_OF[etype]
    if etype in MISC_TYPES:
        return "MISC" if identity else "?"
    return None


def conll_places(path):
    """Names CoNLL-2003 `path` tags LOC more often than anything else."""
    votes = {}
    for doc in read_conll(path):
        text, spans = conll_document(doc)
        for s, e, tag in spans:
            votes.setdefault(text[s:e], Counter())[tag] += 1
    return {name for name, tags in votes.items() if tags.most_common(1)[0][0] == "LOC"}


def entity_documents(paths, extra_places):
    """The `.conllu` files at `paths` as entity documents: dicts with `id`, `text`, `spans`
    (`(start, end, tag)`) and `unlabelled` (`(start, end)`). `extra_places`: names typed LOC
    whatever GUM says (`conll_places`)."""
    titles = read_titles()
    docs = [(os.path.basename(path)[:-len(".conllu")], *convert(*read_sentences(path), titles)) for path in paths]
    places = {key for _, text, found, _ in docs for s, e, etype, identity in found if etype == "place"
              for key in (identity, text[s:e]) if key} | extra_places
    out = []
    for doc_id, text, found, unlabelled in docs:
        spans = []
        for s, e, etype, identity in found:
            tag = entity_type(etype, identity, text[s:e], places)
            if tag == "?":
                unlabelled.append((s, e))
            elif tag:
                spans.append((s, e, tag))
        out.append(dict(id=doc_id, text=text, spans=spans, unlabelled=unlabelled))
    return out


def main():
    """`gum_entities.py GUM/dep CONLL_TRAIN OUT.jsonl`: the licensed genres' documents."""
    folder, conll_train, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
    paths = sorted(os.path.join(folder, n) for n in os.listdir(folder)
                   if n.endswith(".conllu") and n.split("_")[0] == "GUM" and n.split("_")[1] in GENRES)
    docs = entity_documents(paths, conll_places(conll_train))
    counts = write_entity_documents(out_path, docs)
    print(f"{len(docs)} documents written to {out_path}: {counts}")


if __name__ == "__main__":
    main()
