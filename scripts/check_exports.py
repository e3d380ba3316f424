#!/usr/bin/env python3
"""Checks quotegraph's exports against the programs that consume them.

1. `graph --format neo4j`: scripts/load_graph.py loads the CSVs into an embedded LadybugDB
   database (kuzu's maintained continuation), which answers "who said what" and "who said what
   about Harwich" (Cypher).
2. `graph --format rdf`: rdflib parses the N-Triples and answers the same in SPARQL.
3. `graph --format rdf`: scripts/load_graph.py bulk-loads the N-Triples into an on-disk Oxigraph
   store, which answers the same in SPARQL. Checks 1 and 3 also run load_graph.py as a user
   would, with `--about Harwich`, and compare what it prints.
4. `view`: headless Chromium screenshots each page; the screenshot must show the entity,
   quotation and speaker-label colours, and the page must hold no markup from the text.
5. `scripts/spark_extract.py`: PySpark (local mode, RDD.pipe) over tests/fixtures/spark must
   give the same records as one plain `extract` run (compared by id).

Checks 1-4 use the hand-written extract output in tests/fixtures/export (two surface forms of
one person in two documents, a group speaker, a multi-line quotation, quote marks, backslashes,
`<script>`, non-ASCII); check 5 runs the model. Run it through scripts/check_exports.sh, which
installs what this needs.
"""

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import load_graph

ROOT = Path(__file__).resolve().parent.parent
EXPORT_FIXTURES = [ROOT / "tests/fixtures/export/day1.jsonl", ROOT / "tests/fixtures/export/day2.jsonl"]
SPARK_DOCS = ROOT / "tests/fixtures/spark/docs.jsonl"
LOAD_GRAPH = ROOT / "scripts/load_graph.py"

# Who said what in the export fixtures ("Biden" is "Joe Biden" through its own document).
EXPECTED_SPEAKERS = {"Joe Biden": (2, 2), "Maria Okafor": (1, 1), "Zoë Müller": (1, 1)}
# Who said what about Harwich: (speaker, quotation text, document id), in Cypher and SPARQL.
ABOUT_HARWICH = [("Joe Biden", "We will rebuild Harwich harbour, and we will do it together,", "news/harbour-2024-05-01")]

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


# --- 1. Neo4j CSVs into LadybugDB --------------------------------------------------------

def export(binary, work, fmt):
    """Runs `graph --format FMT` over the export fixtures; returns the CSV folder or N-Triples file."""
    out = work / ("neo4j" if fmt == "neo4j" else "graph.nt")
    run([binary, "graph", *EXPORT_FIXTURES, "--format", fmt, "--out" if fmt == "neo4j" else "-o", out])
    return out


def fresh(path):
    """`path` with whatever an earlier run (--keep) left there removed: the loaders want a new database."""
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    return path


def check_load_command(store, export_path, db_path):
    """The loader as a user types it, `load_graph.py STORE … --about Harwich`, prints ABOUT_HARWICH."""
    result = run([sys.executable, LOAD_GRAPH, store, export_path, "--db", fresh(db_path), "--about", "Harwich"])
    lines = result.stdout.splitlines()
    expected = ["\t".join(row) for row in ABOUT_HARWICH]
    check(lines == expected, f"load_graph.py {store} --about Harwich printed {lines}, not {expected}")
    print(f"    load_graph.py {store} --about Harwich: {lines}")


def check_ladybug(binary, work):
    """Check 1: the Neo4j CSVs in LadybugDB, through load_graph.py's loader and its command."""
    csv_dir = export(binary, work, "neo4j")
    conn = load_graph.load_ladybug(csv_dir, fresh(work / "ladybug.lbug"))

    def rows(query):
        """The rows of a Cypher query."""
        return load_graph.cypher_rows(conn, query)

    said = rows("MATCH (p:Person)-[:SAID]->(q:Quote)-[:APPEARS_IN]->(d:Document) "
                "RETURN p.name, q.text, d.docId ORDER BY d.docId, q.quoteId")
    for name, text, doc in said:
        print(f"    ladybug: {name} said {text!r} in {doc}")
    by_person = {}
    for name, _text, doc in said:
        docs, quotes = by_person.get(name, (set(), 0))
        by_person[name] = (docs | {doc}, quotes + 1)
    got = {name: (len(docs), n) for name, (docs, n) in by_person.items()}
    check(got == EXPECTED_SPEAKERS, f"LadybugDB who-said-what {got} != {EXPECTED_SPEAKERS}")
    bidens = rows("MATCH (p:Person) WHERE p.name CONTAINS 'Biden' RETURN p.id")
    check(bidens == [["person/joe-biden"]], f"Biden nodes in LadybugDB: {bidens}")
    mentions = rows("MATCH (d:Document)-[m:MENTIONS]->(p:Person {id: 'person/joe-biden'}) "
                    "RETURN d.docId, m.count ORDER BY d.docId")
    check(len(mentions) == 2, f"documents mentioning Joe Biden: {mentions}")
    texts = sorted(r[0] for r in rows("MATCH (q:Quote) RETURN q.text"))
    check(texts == fixture_quote_texts(), f"quote texts changed on the way into LadybugDB: {texts}")
    group = rows("MATCH (s:Source)-[:SAID]->(q:Quote) RETURN s.name, s.docId, q.text")
    check(group == [["Officials", "news/harbour-2024-05-01", 'the work would take "at least three years"']],
          f"the group speaker's Source node and SAID edge: {group}")
    unattributed = rows("MATCH (q:Quote) WHERE q.speaker <> '' AND NOT EXISTS { MATCH (x)-[:SAID]->(q) } "
                        "RETURN q.text")
    check(unattributed == [], f"attributed quotations without a SAID edge: {unattributed}")
    about = load_graph.who_said_about_cypher(conn, "Harwich")
    print(f"    ladybug: who said what about Harwich: {about}")
    check(about == ABOUT_HARWICH, f"Cypher who said what about Harwich: {about}")
    check_load_command("ladybug", csv_dir, work / "ladybug-cli.lbug")


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
    """Check 2: the N-Triples in rdflib."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(export(binary, work, "rdf"), format="nt")
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
    solutions = graph.query(load_graph.WHO_SAID_ABOUT_SPARQL,
                            initBindings={load_graph.ABOUT_VARIABLE: rdflib.Literal("Harwich")})
    about = [tuple(str(s[v]) for v in load_graph.ANSWER_VARIABLES) for s in solutions]
    check(about == ABOUT_HARWICH, f"SPARQL who said what about Harwich: {about}")


# --- 3. N-Triples into Oxigraph ----------------------------------------------------------

def check_oxigraph(binary, work):
    """Check 3: the N-Triples in Oxigraph, through load_graph.py's loader and its command."""
    nt = export(binary, work, "rdf")
    store = load_graph.load_oxigraph(nt, fresh(work / "oxigraph"))
    got = {r["name"].value: (int(r["docs"].value), int(r["quotes"].value)) for r in store.query(WHO_SAID_WHAT)}
    print(f"    oxigraph: {len(store)} triples; who said what: {got}")
    check(got == EXPECTED_SPEAKERS, f"Oxigraph who-said-what {got} != {EXPECTED_SPEAKERS}")
    about = load_graph.who_said_about_sparql(store, "Harwich")
    print(f"    oxigraph: who said what about Harwich: {about}")
    check(about == ABOUT_HARWICH, f"Oxigraph who said what about Harwich: {about}")
    check_load_command("oxigraph", nt, work / "oxigraph-cli")


# --- 4. HTML view in Chromium ------------------------------------------------------------

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


# --- 5. Spark --------------------------------------------------------------------------

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
    p.add_argument("--skip-spark", action="store_true", help="skip check 5 (needs the model)")
    p.add_argument("--keep", type=Path, help="keep the work files (CSVs, databases, pages, screenshots) here")
    args = p.parse_args()
    binary = args.binary.resolve()
    work = args.keep or Path(tempfile.mkdtemp(prefix="qg-check-"))
    work.mkdir(parents=True, exist_ok=True)
    steps = [("LadybugDB loads the Neo4j CSVs", lambda: check_ladybug(binary, work)),
             ("rdflib parses the N-Triples", lambda: check_rdf(binary, work)),
             ("Oxigraph loads the N-Triples", lambda: check_oxigraph(binary, work))]
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
