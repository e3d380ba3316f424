#!/usr/bin/env python3
"""Loads a `quotegraph graph` export into an embedded store and asks it who said what.

    python3 scripts/load_graph.py ladybug graph/ --db graph.lbug --about Harwich
    python3 scripts/load_graph.py oxigraph graph.nt --db graph.oxigraph --about Harwich

`ladybug CSV_DIR` loads the CSVs of `quotegraph graph --format neo4j --out CSV_DIR` into a new
LadybugDB database, one file (PyPI `ladybug`: the maintained continuation of kuzu, which was
archived in October 2025; same Cypher, same Python API). LadybugDB's `COPY FROM` needs a schema
of its own and ignores Neo4j's header types, so the loader maps the files: one node table per
`:LABEL` (the first label of a row) with the `:ID` column as primary key, one relationship
table per `:TYPE` with a `FROM … TO …` pair for each pair of labels it connects, the
`:LABEL`/`:TYPE` columns dropped, column types from the `name:type` headers (`int`, `long` ->
INT64, `float`, `double` -> DOUBLE, `boolean` -> BOOLEAN, anything else STRING), empty fields
NULL. Files of one label or type with different columns (Document nodes with other metadata,
`MENTIONS` from a document with a count and from a quotation without) give a table with all of
them. LadybugDB ignores case in property names: a second `Date` next to `date` becomes
`Date_2` (with a warning). Header-only files load nothing and create no table.

`oxigraph NT_FILE` bulk-loads the N-Triples of `quotegraph graph --format rdf -o NT_FILE` into
a new Oxigraph store, a folder (PyPI `pyoxigraph`).

With `--about NAME` it then prints who said what about the entity named NAME (exactly, as
`name` in the CSVs, `schema:name` in RDF), asked in Cypher or SPARQL: one line per quotation
and document, the speaker's name, the quotation's text and the document id, separated by tabs,
ordered by document id and quotation id. A tab, line break or backslash inside a value is
written `\\t`, `\\n`, `\\\\`. Without `--about` it prints what was loaded: `node LABEL COUNT`
and `edge TYPE COUNT` lines (LadybugDB), `node CLASS COUNT` lines and a `triples COUNT` line
(Oxigraph). The database path must not exist yet.

Other scripts import the functions (scripts/check_exports.py does): `load_ladybug`,
`who_said_about_cypher`, `cypher_rows`, `ladybug_counts`, `load_oxigraph`,
`who_said_about_sparql` (with `WHO_SAID_ABOUT_SPARQL`, which rdflib can run too),
`oxigraph_counts`.
"""

import argparse
import csv
import importlib
import sys
import tempfile
from pathlib import Path

LADYBUG_PACKAGE = "ladybug"
OXIGRAPH_PACKAGE = "pyoxigraph"

# neo4j-admin header types -> LadybugDB column types; any other type (dates, arrays) is a STRING.
NEO4J_TYPES = {"int": "INT64", "long": "INT64", "short": "INT64", "byte": "INT64",
               "float": "DOUBLE", "double": "DOUBLE", "boolean": "BOOLEAN"}
DEFAULT_TYPE = "STRING"
# Header types that structure the file rather than name a property.
ID, LABEL, START_ID, END_ID, TYPE, IGNORE = "id", "label", "start_id", "end_id", "type", "ignore"
STRUCTURE = {ID, LABEL, START_ID, END_ID, TYPE, IGNORE}
# neo4j-admin separates several labels of a node with this.
LABEL_SEPARATOR = ";"
# Names for header fields without one: `:ID` alone, and a property named "".
UNNAMED_ID, UNNAMED = "id", "unnamed"
# Serial reading is what allows line breaks inside quoted fields (multi-line quotations).
COPY_OPTIONS = "header=true, parallel=false"
# Python's csv module refuses fields over 128 KiB by default; metadata can be longer.
CSV_FIELD_LIMIT = 2**31 - 1

# The tables the "about" question walks: when one is missing (an export without quotations, or
# without mentions in them) there is no answer, and LadybugDB would reject the query.
ABOUT_TABLES = ("Quote", "Document", "SAID", "MENTIONS", "APPEARS_IN")
WHO_SAID_ABOUT_CYPHER = """
MATCH (s)-[:SAID]->(q:Quote)-[:MENTIONS]->(x), (q)-[:APPEARS_IN]->(d:Document)
WHERE x.name = $about
WITH DISTINCT s.name AS speaker, q.text AS text, d.docId AS doc, q.quoteId AS quote
RETURN speaker, text, doc ORDER BY doc, quote, speaker
"""
# ?about is bound to the name (Oxigraph: substitutions, rdflib: initBindings); Oxigraph binds
# only variables of the projection, so the answer is ANSWER_VARIABLES of each solution.
ABOUT_VARIABLE = "about"
ANSWER_VARIABLES = ("speaker", "text", "doc")
WHO_SAID_ABOUT_SPARQL = """
PREFIX schema: <http://schema.org/>
SELECT DISTINCT ?speaker ?text ?doc ?quote ?about WHERE {
  ?q a schema:Quotation ; schema:text ?text ; schema:identifier ?quote ;
     schema:spokenByCharacter ?s ; schema:mentions ?x ; schema:isPartOf ?d .
  ?s schema:name ?speaker .
  ?x schema:name ?about .
  ?d schema:identifier ?doc .
} ORDER BY ?doc ?quote ?speaker
"""
NODES_PER_CLASS_SPARQL = """
SELECT ?class (COUNT(DISTINCT ?node) AS ?count) WHERE { ?node a ?class } GROUP BY ?class ORDER BY ?class
"""

TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class LoadError(Exception):
    """A loader cannot go on: missing package, bad input, existing database."""


def require(module, package):
    """Imports `module`, or raises LoadError naming the PyPI package that provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise LoadError(f"needs the Python package {package}: pip install {package} ({e})") from e


def new_path(path):
    """`path` as a Path, or LoadError when something is there already."""
    path = Path(path)
    if path.exists():
        raise LoadError(f"{path} exists; the loaders write a new database (remove it or pick another --db)")
    return path


# --- LadybugDB (Neo4j CSVs) ----------------------------------------------------------------

def parse_header(header):
    """neo4j-admin header fields `name:type(group)` -> (name, type) pairs, type lowercased
    without its id group, `string` when absent."""
    fields = []
    for field in header:
        name, _, kind = field.partition(":")
        fields.append((name, kind.split("(")[0].lower() if kind else "string"))
    return fields


def read_csv(path):
    """A CSV file's header and rows (both empty for an empty file); LoadError for a row whose
    number of fields is not the header's."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows:
        return [], []
    for n, row in enumerate(rows[1:], start=1):
        if len(row) != len(rows[0]):
            raise LoadError(f"{path}: record {n} has {len(row)} fields, the header {len(rows[0])}")
    return rows[0], rows[1:]


def property_names(path, fields):
    """Property names for the header fields of `path` (None for the structure fields other than
    :ID), unique regardless of case (LadybugDB ignores it): a repeated name gets `_2`, `_3`, …
    (with a warning on standard error)."""
    seen, names = set(), []
    for name, kind in fields:
        if kind in STRUCTURE and kind != ID:
            names.append(None)
            continue
        base = name or (UNNAMED_ID if kind == ID else UNNAMED)
        unique, n = base, 1
        while unique.lower() in seen:
            n += 1
            unique = f"{base}_{n}"
        if unique != base:
            print(f"load_graph: {path.name}: column {name!r} loads as {unique!r}", file=sys.stderr)
        seen.add(unique.lower())
        names.append(unique)
    return names


def add_columns(table, columns):
    """Adds (name, LadybugDB type) pairs to a table's columns; a name seen with another type
    becomes a STRING. Matches names regardless of case, as LadybugDB does."""
    known = {name.lower(): name for name in table["columns"]}
    for name, kind in columns:
        name = known.get(name.lower(), name)
        old = table["columns"].setdefault(name, kind)
        if old != kind:
            table["columns"][name] = DEFAULT_TYPE


def add_node_file(path, fields, body, nodes, label_of):
    """Adds the rows of a node file to `nodes` (label -> table) and their ids to `label_of`."""
    kinds = [kind for _, kind in fields]
    if ID not in kinds or LABEL not in kinds:
        raise LoadError(f"{path}: a node file needs an :ID and a :LABEL column")
    names = property_names(path, fields)
    idcol, labcol = kinds.index(ID), kinds.index(LABEL)
    props = [i for i, kind in enumerate(kinds) if kind not in STRUCTURE]
    for row in body:
        if row[idcol] in label_of:
            raise LoadError(f"{path}: node id {row[idcol]} seen twice")
        label = label_of[row[idcol]] = row[labcol].split(LABEL_SEPARATOR)[0]
        if not label:
            raise LoadError(f"{path}: node {row[idcol]} has no :LABEL")
        table = nodes.setdefault(label, {"key": names[idcol], "columns": {names[idcol]: DEFAULT_TYPE}, "rows": []})
        add_columns(table, [(names[i], NEO4J_TYPES.get(kinds[i], DEFAULT_TYPE)) for i in props])
        values = {names[i]: row[i] for i in props}
        values[table["key"]] = row[idcol]
        table["rows"].append(values)


def add_rel_file(path, fields, body, rels):
    """Adds the rows of a relationship file to `rels` (type -> table of (start, end, values))."""
    kinds = [kind for _, kind in fields]
    if not {START_ID, END_ID, TYPE} <= set(kinds):
        raise LoadError(f"{path}: a relationship file needs :START_ID, :END_ID and :TYPE columns")
    names = property_names(path, fields)
    start, end, rtype = kinds.index(START_ID), kinds.index(END_ID), kinds.index(TYPE)
    props = [i for i, kind in enumerate(kinds) if kind not in STRUCTURE]
    for row in body:
        table = rels.setdefault(row[rtype], {"columns": {}, "rows": []})
        add_columns(table, [(names[i], NEO4J_TYPES.get(kinds[i], DEFAULT_TYPE)) for i in props])
        table["rows"].append((row[start], row[end], {names[i]: row[i] for i in props}))


def read_export(csv_dir):
    """Reads every CSV of `csv_dir`: node tables by label, relationship tables by type, and
    the label of each node id."""
    paths = sorted(Path(csv_dir).glob("*.csv"))
    if not paths:
        raise LoadError(f"no .csv files in {csv_dir} (write them with quotegraph graph --format neo4j --out DIR)")
    csv.field_size_limit(CSV_FIELD_LIMIT)
    nodes, rels, label_of = {}, {}, {}
    for path in paths:
        header, body = read_csv(path)
        fields = parse_header(header)
        if any(kind == START_ID for _, kind in fields):
            add_rel_file(path, fields, body, rels)
        elif fields:
            add_node_file(path, fields, body, nodes, label_of)
    return nodes, rels, label_of


def ident(name):
    """A Cypher identifier in backticks (inner backticks doubled)."""
    return "`" + name.replace("`", "``") + "`"


def literal(text):
    """A Cypher string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def write_rows(path, header, rows):
    """Writes a CSV file for COPY FROM."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def rel_pairs(rtype, table, label_of):
    """A relationship table's rows grouped by (start label, end label)."""
    pairs = {}
    for start, end, values in table["rows"]:
        for node in (start, end):
            if node not in label_of:
                raise LoadError(f"a {rtype} relationship {start} -> {end} names no node {node}")
        pairs.setdefault((label_of[start], label_of[end]), []).append(
            [start, end] + [values.get(name, "") for name in table["columns"]])
    return pairs


def load_ladybug(csv_dir, db_path):
    """Maps the neo4j-admin CSVs in `csv_dir` onto a LadybugDB schema, loads them into a new
    database at `db_path` and returns a connection to it."""
    ladybug = require("ladybug", LADYBUG_PACKAGE)
    if not hasattr(ladybug, "Database"):
        raise LoadError(f"the module ladybug at {ladybug.__file__} is not LadybugDB "
                        f"(Ladybug Tools' ladybug-core uses the same name): pip install {LADYBUG_PACKAGE}")
    db_path = new_path(db_path)
    nodes, rels, label_of = read_export(csv_dir)
    # Grouped before the database exists, so that a bad export leaves nothing behind.
    pairs_of = {rtype: rel_pairs(rtype, table, label_of) for rtype, table in rels.items()}
    conn = ladybug.Connection(ladybug.Database(str(db_path)))
    with tempfile.TemporaryDirectory(prefix="load-graph-") as work:
        for n, (label, table) in enumerate(sorted(nodes.items())):
            columns = ", ".join(f"{ident(name)} {kind}" for name, kind in table["columns"].items())
            conn.execute(f"CREATE NODE TABLE {ident(label)}({columns}, PRIMARY KEY({ident(table['key'])}))")
            mapped = Path(work) / f"node-{n}.csv"
            header = list(table["columns"])
            write_rows(mapped, header, ([row.get(c, "") for c in header] for row in table["rows"]))
            conn.execute(f"COPY {ident(label)} FROM {literal(str(mapped))} ({COPY_OPTIONS})")
        for n, (rtype, table) in enumerate(sorted(rels.items())):
            pairs = pairs_of[rtype]
            froms = ", ".join(f"FROM {ident(a)} TO {ident(b)}" for a, b in sorted(pairs))
            columns = "".join(f", {ident(name)} {kind}" for name, kind in table["columns"].items())
            conn.execute(f"CREATE REL TABLE {ident(rtype)}({froms}{columns})")
            for m, ((a, b), rows) in enumerate(sorted(pairs.items())):
                mapped = Path(work) / f"rel-{n}-{m}.csv"
                write_rows(mapped, ["from", "to", *table["columns"]], rows)
                conn.execute(f"COPY {ident(rtype)} FROM {literal(str(mapped))} "
                             f"(from={literal(a)}, to={literal(b)}, {COPY_OPTIONS})")
    return conn


def cypher_rows(conn, query, parameters=None):
    """All rows of a Cypher query, as lists."""
    return conn.execute(query, parameters or {}).get_all()


def ladybug_tables(conn):
    """Table name -> NODE or REL."""
    return dict(cypher_rows(conn, "CALL show_tables() RETURN name, type"))


def ladybug_counts(conn):
    """(`node`, label, count) and (`edge`, type, count) for every table, nodes first."""
    tables = ladybug_tables(conn)
    counts = []
    for name in sorted(n for n, kind in tables.items() if kind == "NODE"):
        counts.append(("node", name, cypher_rows(conn, f"MATCH (n:{ident(name)}) RETURN count(*)")[0][0]))
    for name in sorted(n for n, kind in tables.items() if kind == "REL"):
        counts.append(("edge", name, cypher_rows(conn, f"MATCH ()-[r:{ident(name)}]->() RETURN count(*)")[0][0]))
    return counts


def who_said_about_cypher(conn, name):
    """(speaker, quotation text, document id) for each quotation mentioning the entity `name`."""
    tables = {table.lower() for table in ladybug_tables(conn)}
    if not all(table.lower() in tables for table in ABOUT_TABLES):
        return []
    return [tuple(row) for row in cypher_rows(conn, WHO_SAID_ABOUT_CYPHER, {ABOUT_VARIABLE: name})]


# --- Oxigraph (N-Triples) ------------------------------------------------------------------

def load_oxigraph(nt_file, db_path):
    """Bulk-loads an N-Triples file into a new Oxigraph store at `db_path` and returns it."""
    pyoxigraph = require("pyoxigraph", OXIGRAPH_PACKAGE)
    if not Path(nt_file).is_file():
        raise LoadError(f"no file {nt_file} (write it with quotegraph graph --format rdf -o FILE)")
    store = pyoxigraph.Store(str(new_path(db_path)))
    store.bulk_load(path=str(nt_file), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


def who_said_about_sparql(store, name):
    """(speaker, quotation text, document id) for each quotation mentioning the entity `name`."""
    pyoxigraph = require("pyoxigraph", OXIGRAPH_PACKAGE)
    solutions = store.query(WHO_SAID_ABOUT_SPARQL,
                            substitutions={pyoxigraph.Variable(ABOUT_VARIABLE): pyoxigraph.Literal(name)})
    return [tuple(solution[v].value for v in ANSWER_VARIABLES) for solution in solutions]


def oxigraph_counts(store):
    """(`node`, class IRI, count) for every rdf:type class, then (`triples`, count)."""
    counts = [("node", row["class"].value, int(row["count"].value)) for row in store.query(NODES_PER_CLASS_SPARQL)]
    return [*counts, ("triples", len(store))]


# --- command line --------------------------------------------------------------------------

def print_tsv(rows):
    """Prints rows as tab-separated lines, escaping tabs, line breaks and backslashes."""
    for row in rows:
        print("\t".join(str(value).translate(TSV_ESCAPES) for value in row))


# Each loader's command line: name, help, description, input argument, its help, --db help,
# the query language of --about.
LOADER_OPTIONS = (
    ("ladybug", "load the Neo4j CSVs into a LadybugDB database (PyPI ladybug)",
     "Load the CSVs of `quotegraph graph --format neo4j --out CSV_DIR` into a new embedded LadybugDB database.",
     "CSV_DIR", "folder that quotegraph graph wrote the CSVs in",
     "the database file to create (must not exist)", "Cypher"),
    ("oxigraph", "load the N-Triples into an Oxigraph store (PyPI pyoxigraph)",
     "Load the N-Triples of `quotegraph graph --format rdf -o NT_FILE` into a new on-disk Oxigraph store.",
     "NT_FILE", "N-Triples file that quotegraph graph wrote",
     "the store folder to create (must not exist)", "SPARQL"),
)


def parse_args(argv):
    """The command line."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                epilog="Run `load_graph.py ladybug --help` or `load_graph.py oxigraph --help` for "
                                       "each loader. See docs/export.md, section Loaders.")
    loaders = p.add_subparsers(dest="store", required=True, metavar="{ladybug,oxigraph}")
    about_help = ("then print who said what about the entity named NAME (speaker, quotation text, document id, "
                  "tab-separated) instead of the counts of what was loaded")
    for name, help_text, description, source, source_help, db_help, language in LOADER_OPTIONS:
        loader = loaders.add_parser(name, help=help_text, description=description)
        loader.add_argument(source.lower(), metavar=source, type=Path, help=source_help)
        loader.add_argument("--db", required=True, type=Path, help=db_help)
        loader.add_argument("--about", metavar="NAME", help=f"{about_help} ({language})")
    return p.parse_args(argv)


def main(argv=None):
    """Loads, then prints the answer or the counts; exit status 1 with a message on failure."""
    args = parse_args(argv)
    try:
        if args.store == "ladybug":
            conn = load_ladybug(args.csv_dir, args.db)
            print_tsv(who_said_about_cypher(conn, args.about) if args.about is not None else ladybug_counts(conn))
        else:
            store = load_oxigraph(args.nt_file, args.db)
            print_tsv(who_said_about_sparql(store, args.about) if args.about is not None else oxigraph_counts(store))
    except (LoadError, RuntimeError, OSError, SyntaxError) as e:
        print(f"load_graph: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
