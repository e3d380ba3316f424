#!/usr/bin/env python3
"""Checks quotegraph's exports against the programs that consume them.

1. `graph --format neo4j`: the CSVs are mapped to a kuzu schema, loaded into an embedded kuzu
   database and asked "who said what" (Cypher).
2. `graph --format rdf`: rdflib parses the N-Triples and answers the same in SPARQL.
3. `view`: headless Chromium screenshots each page; the screenshot must show the entity,
   quotation and speaker-label colours, and the page must hold no markup from the text.
4. `scripts/spark_extract.py`: PySpark (local mode, RDD.pipe) over tests/fixtures/spark must
   give the same records as one plain `extract` run (compared by id).

Checks 1-3 use the hand-written extract output in tests/fixtures/export (two surface forms of
one person in two documents, a group speaker, a multi-line quotation, quote marks, backslashes,
`<script>`, non-ASCII); check 4 runs the model. Run it through scripts/check_exports.sh, which
installs what this needs.
"""

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPORT_FIXTURES = [ROOT / "tests/fixtures/export/day1.jsonl", ROOT / "tests/fixtures/export/day2.jsonl"]
SPARK_DOCS = ROOT / "tests/fixtures/spark/docs.jsonl"

# Who said what in the export fixtures ("Biden" is "Joe Biden" through its own document).
EXPECTED_SPEAKERS = {"Joe Biden": (2, 2), "Maria Okafor": (1, 1), "Zoë Müller": (1, 1)}

# Colours of html.rs's style sheet that a correct rendering must show.
PERSON_BG = (0xCF, 0xE2, 0xFF)
QUOTE_BG = (0xFF, 0xF6, 0xB3)
LABEL_BG = (0xB0, 0x30, 0x6A)


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def run(cmd, **kw):
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False, **kw)
    if result.returncode != 0:
        raise CheckFailed(f"{' '.join(map(str, cmd))} exited {result.returncode}:\n{result.stderr}")
    return result


def fixture_records():
    records = []
    for path in EXPORT_FIXTURES:
        with open(path, encoding="utf-8") as f:
            records += [json.loads(line) for line in f if line.strip()]
    return [r for r in records if "error" not in r]


def fixture_quote_texts():
    return sorted(q["text"] for r in fixture_records() for q in r["quotes"] if q["kind"] != "scare")


# --- 1. Neo4j CSVs into kuzu -------------------------------------------------------------

NEO4J_TYPES = {"id": "STRING", "string": "STRING", "int": "INT64", "long": "INT64",
               "float": "DOUBLE", "double": "DOUBLE", "boolean": "BOOLEAN"}


def parse_header(header):
    """neo4j-admin header fields `name:type` -> (name, type) with type lowercased."""
    fields = []
    for field in header:
        name, _, kind = field.partition(":")
        fields.append((name, kind.split("(")[0].lower() if kind else "string"))
    return fields


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def load_into_kuzu(csv_dir, db_path, work):
    """Maps neo4j-admin import CSVs onto a kuzu schema and loads them (the recipe in
    docs/export.md): one node table per :LABEL, one rel table per :TYPE with a FROM/TO pair per
    (start label, end label) seen, the :LABEL/:TYPE columns dropped."""
    import kuzu

    work = Path(work)
    db = kuzu.Database(str(db_path))
    conn = kuzu.Connection(db)
    nodes, rels, label_of = {}, {}, {}
    for path in sorted(Path(csv_dir).glob("*.csv")):
        header, body = read_csv(path)
        fields = parse_header(header)
        kinds = [k for _, k in fields]
        if "start_id" in kinds:
            s, e, t = kinds.index("start_id"), kinds.index("end_id"), kinds.index("type")
            props = [(i, n, k) for i, (n, k) in enumerate(fields) if i not in (s, e, t)]
            for row in body:
                # Files of one type may carry different properties (MENTIONS from a document
                # has a count, from a quotation none): the table gets them all, empty if absent.
                rel = rels.setdefault(row[t], {"props": {}, "rows": []})
                rel["props"].update({n: k for _, n, k in props})
                rel["rows"].append((row[s], row[e], {n: row[i] for i, n, _ in props}))
        else:
            idcol, labcol = kinds.index("id"), kinds.index("label")
            props = [(i, n or "id", k) for i, (n, k) in enumerate(fields) if i != labcol]
            for row in body:
                label = row[labcol].split(";")[0]
                table = nodes.setdefault(label, {"props": props, "id": fields[idcol][0] or "id", "rows": []})
                table["rows"].append([row[i] for i, _, _ in props])
                label_of[row[idcol]] = label
    for label, table in nodes.items():
        columns = ", ".join(f"`{n}` {NEO4J_TYPES[k]}" for _, n, k in table["props"])
        conn.execute(f"CREATE NODE TABLE `{label}`({columns}, PRIMARY KEY(`{table['id']}`))")
        mapped = work / f"node-{label}.csv"
        with open(mapped, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow([n for _, n, _ in table["props"]])
            w.writerows(table["rows"])
        conn.execute(f"COPY `{label}` FROM '{mapped}' (header=true, parallel=false)")
    for rel_type, rel in rels.items():
        pairs = {}
        names = sorted(rel["props"])
        for start, end, values in rel["rows"]:
            pair = (label_of[start], label_of[end])
            pairs.setdefault(pair, []).append([start, end] + [values.get(n, "") for n in names])
        if not pairs:
            continue
        columns = "".join(f", `{n}` {NEO4J_TYPES[rel['props'][n]]}" for n in names)
        froms = ", ".join(f"FROM `{a}` TO `{b}`" for a, b in pairs)
        conn.execute(f"CREATE REL TABLE `{rel_type}`({froms}{columns})")
        for (a, b), rows in pairs.items():
            mapped = work / f"rel-{rel_type}-{a}-{b}.csv"
            with open(mapped, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(["from", "to"] + names)
                w.writerows(rows)
            conn.execute(f"COPY `{rel_type}` FROM '{mapped}' "
                         f"(from='{a}', to='{b}', header=true, parallel=false)")
    return db, conn


def rows(conn, query):
    result = conn.execute(query)
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


def check_kuzu(binary, work):
    csv_dir = work / "neo4j"
    run([binary, "graph", *EXPORT_FIXTURES, "--format", "neo4j", "--out", csv_dir])
    _db, conn = load_into_kuzu(csv_dir, work / "kuzu-db", work)
    said = rows(conn, "MATCH (p:Person)-[:SAID]->(q:Quote)-[:`IN`]->(d:Document) "
                      "RETURN p.name, q.text, d.docId ORDER BY d.docId, q.quoteId")
    for name, text, doc in said:
        print(f"    kuzu: {name} said {text!r} in {doc}")
    by_person = {}
    for name, _text, doc in said:
        docs, quotes = by_person.get(name, (set(), 0))
        by_person[name] = (docs | {doc}, quotes + 1)
    got = {name: (len(docs), n) for name, (docs, n) in by_person.items()}
    check(got == EXPECTED_SPEAKERS, f"kuzu who-said-what {got} != {EXPECTED_SPEAKERS}")
    bidens = rows(conn, "MATCH (p:Person) WHERE p.name CONTAINS 'Biden' RETURN p.id")
    check(bidens == [["person/joe-biden"]], f"Biden nodes in kuzu: {bidens}")
    mentions = rows(conn, "MATCH (d:Document)-[m:MENTIONS]->(p:Person {id: 'person/joe-biden'}) "
                          "RETURN d.docId, m.count ORDER BY d.docId")
    check(len(mentions) == 2, f"documents mentioning Joe Biden: {mentions}")
    texts = sorted(r[0] for r in rows(conn, "MATCH (q:Quote) RETURN q.text"))
    check(texts == fixture_quote_texts(), f"quote texts changed on the way into kuzu: {texts}")
    group = rows(conn, "MATCH (s:Source)-[:SAID]->(q:Quote) RETURN s.name, s.docId, q.text")
    check(group == [["Officials", "news/harbour-2024-05-01", 'the work would take "at least three years"']],
          f"the group speaker's Source node and SAID edge: {group}")
    unattributed = rows(conn, "MATCH (q:Quote) WHERE q.speaker <> '' "
                              "AND NOT EXISTS { MATCH (x)-[:SAID]->(q) } RETURN q.text")
    check(unattributed == [], f"attributed quotations without a SAID edge: {unattributed}")
    about = rows(conn, "MATCH (s)-[:SAID]->(q:Quote)-[:MENTIONS]->(x {name: 'Harwich'}) "
                       "RETURN s.name, q.text")
    print(f"    kuzu: who said what about Harwich: {about}")
    check(about == [["Joe Biden", "We will rebuild Harwich harbour, and we will do it together,"]],
          f"who said what about Harwich: {about}")


# --- 2. N-Triples into rdflib ------------------------------------------------------------

WHO_SAID_WHAT = """
PREFIX schema: <http://schema.org/>
SELECT ?name (COUNT(DISTINCT ?doc) AS ?docs) (COUNT(?q) AS ?quotes) WHERE {
  ?q a schema:Quotation ; schema:spokenByCharacter ?p ; schema:isPartOf ?doc .
  ?doc a schema:NewsArticle .
  ?p a schema:Person ; schema:name ?name .
} GROUP BY ?name ORDER BY ?name
"""


def check_rdf(binary, work):
    import rdflib

    nt = work / "graph.nt"
    run([binary, "graph", *EXPORT_FIXTURES, "--format", "rdf", "-o", nt])
    graph = rdflib.Graph()
    graph.parse(nt, format="nt")
    got = {str(r[0]): (int(r[1]), int(r[2])) for r in graph.query(WHO_SAID_WHAT)}
    print(f"    rdflib: {len(graph)} triples; who said what: {got}")
    check(got == EXPECTED_SPEAKERS, f"SPARQL who-said-what {got} != {EXPECTED_SPEAKERS}")
    bidens = list(graph.query("""PREFIX schema: <http://schema.org/>
        SELECT ?p WHERE { ?p a schema:Person ; schema:name ?n FILTER(CONTAINS(?n, "Biden")) }"""))
    check([str(r[0]) for r in bidens] == ["urn:quotegraph:person/joe-biden"], f"Biden nodes: {bidens}")
    texts = sorted(str(r[0]) for r in graph.query(
        "PREFIX schema: <http://schema.org/> SELECT ?t WHERE { ?q a schema:Quotation ; schema:text ?t }"))
    check(texts == fixture_quote_texts(), f"quote texts changed on the way through N-Triples: {texts}")
    check(graph.query('PREFIX schema: <http://schema.org/> ASK { ?q schema:spokenByCharacter ?s . '
                      '?s schema:additionalType "Source" ; schema:name "Officials" }').askAnswer,
          "the group speaker's source node is missing")
    about = [(str(r[0]), str(r[1])) for r in graph.query("""PREFIX schema: <http://schema.org/>
        SELECT ?speaker ?text WHERE { ?q schema:mentions ?x ; schema:text ?text ;
            schema:spokenByCharacter ?s . ?s schema:name ?speaker . ?x schema:name "Harwich" }""")]
    check(about == [("Joe Biden", "We will rebuild Harwich harbour, and we will do it together,")],
          f"SPARQL who said what about Harwich: {about}")


# --- 3. HTML view in Chromium ------------------------------------------------------------

class TagCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = {}

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        for folder in os.environ.get("PATH", "").split(os.pathsep):
            if os.access(os.path.join(folder, name), os.X_OK):
                return os.path.join(folder, name)
    raise CheckFailed("no chromium on PATH (scripts/check_exports.sh installs it)")


def screenshot(page, png, work):
    profile = tempfile.mkdtemp(dir=work)
    run([chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", f"--screenshot={png}",
         "--window-size=1200,900", page.resolve().as_uri()], timeout=120)
    check(png.exists(), f"chromium wrote no screenshot for {page}")


def colour_counts(png):
    from PIL import Image

    image = Image.open(png).convert("RGB")
    counts = {colour: n for n, colour in image.getcolors(maxcolors=image.width * image.height)}
    return image.width * image.height, counts


def check_page(binary, work, inputs, doc_id, colours):
    page = work / f"view-{len(list(work.glob('view-*.html')))}.html"
    run([binary, "view", *inputs, "--id", doc_id, "-o", page])
    html = page.read_text(encoding="utf-8")
    parser = TagCounter()
    parser.feed(html)
    check("script" not in parser.tags, f"{doc_id}: a <script> element got into the page")
    png = page.with_suffix(".png")
    screenshot(page, png, work)
    total, counts = colour_counts(png)
    background = max(counts.values())
    check(total - background > total * 0.05, f"{doc_id}: screenshot {png} is (nearly) blank")
    for name, colour in colours.items():
        check(counts.get(colour, 0) >= 200,
              f"{doc_id}: no {name} colour {colour} in {png} ({counts.get(colour, 0)} pixels)")
    print(f"    chromium: {doc_id}: {len(counts)} colours, {', '.join(colours)} drawn ({png.name})")
    return png


def check_view(binary, work, real_output):
    colours = {"person": PERSON_BG, "quotation": QUOTE_BG, "speaker label": LABEL_BG}
    for record in fixture_records():
        check_page(binary, work, EXPORT_FIXTURES, record["id"], colours)
    if real_output is not None:
        first = json.loads(real_output.read_text(encoding="utf-8").splitlines()[0])
        check_page(binary, work, [real_output], first["id"], {"person": PERSON_BG})


# --- 4. Spark --------------------------------------------------------------------------

def close(a, b, path="record"):
    """Equal JSON values, floats within 1e-4 (batches of other sizes pad differently)."""
    if isinstance(a, float) or isinstance(b, float):
        check(isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b, abs_tol=1e-4),
              f"{path}: {a} != {b}")
    elif isinstance(a, dict) and isinstance(b, dict):
        check(a.keys() == b.keys(), f"{path}: keys {sorted(a)} != {sorted(b)}")
        for key in a:
            close(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        check(len(a) == len(b), f"{path}: {len(a)} items != {len(b)}")
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            close(x, y, f"{path}[{i}]")
    else:
        check(a == b, f"{path}: {a!r} != {b!r}")


def by_id(path):
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = [r["id"] for r in records]
    check(len(ids) == len(set(ids)), f"{path}: duplicate ids")
    return dict(zip(ids, records, strict=True))


def check_spark(binary, model, work):
    plain, spark = work / "plain.jsonl", work / "spark.jsonl"
    model_args = ["--model", model] if model else []
    run([binary, "extract", SPARK_DOCS, "--include-text", *model_args, "-o", plain])
    result = run([sys.executable, ROOT / "scripts/spark_extract.py", SPARK_DOCS, "--output", spark,
                  "--binary", binary, "--partitions", "3", "--include-text", *model_args])
    print("    " + result.stderr.strip().splitlines()[-1])
    a, b = by_id(plain), by_id(spark)
    check(sorted(a) == sorted(b), f"ids differ: plain {sorted(a)} vs spark {sorted(b)}")
    for doc_id in sorted(a):
        close(a[doc_id], b[doc_id], doc_id)
    entities = sum(len(r.get("entities", [])) for r in a.values())
    errors = [i for i, r in a.items() if "error" in r]
    check(not errors, f"extract failed on {errors}")
    check(entities > 0, "the model found no entity at all: the comparison would be empty")
    print(f"    spark: {len(a)} records match a plain run ({entities} entities)")
    return plain


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--binary", required=True, type=Path, help="quotegraph binary")
    p.add_argument("--model", help="model directory for the Spark check (default: extract's default)")
    p.add_argument("--skip-spark", action="store_true", help="skip check 4 (needs the model)")
    p.add_argument("--keep", type=Path, help="keep the work files (CSVs, pages, screenshots) here")
    args = p.parse_args()
    binary = args.binary.resolve()
    work = args.keep or Path(tempfile.mkdtemp(prefix="qg-check-"))
    work.mkdir(parents=True, exist_ok=True)
    steps = [("kuzu loads the Neo4j CSVs", lambda: check_kuzu(binary, work)),
             ("rdflib parses the N-Triples", lambda: check_rdf(binary, work))]
    real = {}
    if not args.skip_spark:
        steps.append(("Spark matches a plain run", lambda: real.setdefault("out", check_spark(binary, args.model, work))))
    steps.append(("Chromium renders the view", lambda: check_view(binary, work, real.get("out"))))
    failed = 0
    for name, step in steps:
        start = time.monotonic()
        try:
            step()
            print(f"ok   {name} ({time.monotonic() - start:.1f}s)")
        except CheckFailed as e:
            failed += 1
            print(f"FAIL {name} ({time.monotonic() - start:.1f}s): {e}")
    print(f"work files in {work}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
