//! End-to-end tests of `quotegraph graph` and `quotegraph view` on hand-written extract output
//! (`tests/fixtures/export/`), so no model is needed.
//!
//! The fixtures quote the same person in two documents under two surface forms ("President Joe
//! Biden", "Joe Biden" … "Biden"), a group speaker ("Officials"), a pronoun speaker, a quotation
//! about a place ("Harwich"), a quotation spanning two lines, and text with quote marks,
//! backslashes, `<script>` and non-ASCII names; `day1.jsonl` also holds an error record.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/export")
        .join(name)
}

fn quotegraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Parses RFC 4180 CSV (quoted fields may hold commas, doubled quotes and line breaks).
fn parse_csv(input: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

fn read_csv(dir: &Path, name: &str) -> Vec<Vec<String>> {
    let content = std::fs::read_to_string(dir.join(name)).expect("csv written");
    parse_csv(&content)
}

/// `quotegraph graph` over both day fixtures, with `options` after them.
fn graph_of_both_days(options: &[&str]) -> Output {
    let day1 = fixture("day1.jsonl");
    let day2 = fixture("day2.jsonl");
    let mut args = vec![
        "graph",
        day1.to_str().expect("path"),
        day2.to_str().expect("path"),
    ];
    args.extend_from_slice(options);
    quotegraph(&args)
}

fn neo4j_export() -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_str().expect("utf-8 temp path").to_string();
    let output = graph_of_both_days(&["--format", "neo4j", "--out", &out]);
    (dir, output)
}

#[test]
fn neo4j_csvs_have_import_headers_and_one_node_per_person() {
    let (dir, output) = neo4j_export();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("news/broken-2024-05-01: skipped"),
        "the error record is reported"
    );
    let persons = read_csv(dir.path(), "persons.csv");
    assert_eq!(persons[0], ["id:ID", "name", "label", ":LABEL"]);
    let bidens: Vec<_> = persons.iter().filter(|r| r[1].contains("Biden")).collect();
    assert_eq!(bidens.len(), 1, "{persons:?}");
    assert_eq!(
        bidens[0],
        &["person/joe-biden", "Joe Biden", "PER", "Person"]
    );

    let said = read_csv(dir.path(), "said.csv");
    assert_eq!(
        said[0],
        [
            ":START_ID",
            ":END_ID",
            "kind",
            "type",
            "score:float",
            "rule",
            "cue",
            "cueStart:int",
            "cueEnd:int",
            "start:int",
            "end:int",
            ":TYPE"
        ]
    );
    let by_biden: Vec<_> = said[1..]
        .iter()
        .filter(|r| r[0] == "person/joe-biden")
        .collect();
    assert_eq!(by_biden.len(), 2, "{said:?}");
    assert!(by_biden.iter().all(|r| r[11] == "SAID"));
    // Provenance rides on the edge: kind, attribution type (empty in output from before
    // types), score, rule, the cue and the offsets of cue and words.
    let harbour = "quote/news%2Fharbour-2024-05-01/q0";
    let edge = by_biden
        .iter()
        .find(|r| r[1] == harbour)
        .expect("the harbour edge");
    assert_eq!(
        edge[2..11],
        [
            "direct",
            "assertion",
            "0.993",
            "quote-comma-cue-speaker",
            "said",
            "122",
            "126",
            "60",
            "120"
        ]
    );

    let quotes = read_csv(dir.path(), "quotes.csv");
    assert_eq!(quotes[0][0], "id:ID");
    assert_eq!(
        quotes.len(),
        1 + 5,
        "five quotations; the scare quote is left out"
    );
    assert!(quotes.iter().all(|r| r.len() == 17), "{quotes:?}");
    assert_eq!(
        quotes[0][3..14],
        [
            "kind",
            "type",
            "form",
            "score:float",
            "rule",
            "text",
            "start:int",
            "end:int",
            "cue",
            "cueStart:int",
            "cueEnd:int"
        ]
    );
    let harbour_row = quotes.iter().find(|r| r[0] == harbour).expect("q0");
    assert_eq!(
        harbour_row[3..8],
        [
            "direct",
            "assertion",
            "proposition",
            "0.993",
            "quote-comma-cue-speaker"
        ]
    );
    assert_eq!(harbour_row[9..14], ["60", "120", "said", "122", "126"]);
    let texts: Vec<&str> = quotes.iter().map(|r| r[8].as_str()).collect();
    assert!(texts.contains(&"This is a 'tough' day for\nthe committee,"));
    assert!(texts
        .contains(&"Commas, \"quotes\", \\backslashes\\ and <script>alert(1)</script> stay text."));
    let group = quotes
        .iter()
        .find(|r| r[14] == "Officials")
        .expect("group speaker");
    let sources = read_csv(dir.path(), "sources.csv");
    assert_eq!(
        sources,
        [
            ["id:ID", "name", "docId", ":LABEL"],
            [
                "source/news%2Fharbour-2024-05-01/officials",
                "Officials",
                "news/harbour-2024-05-01",
                "Source"
            ]
        ]
    );
    assert!(
        said.contains(&vec![
            sources[1][0].clone(),
            group[0].clone(),
            "mixed".into(),
            String::new(),
            "0.873".into(),
            "speaker-cue-that".into(),
            "said".into(),
            "158".into(),
            "162".into(),
            "163".into(),
            "205".into(),
            "SAID".into()
        ]),
        "the group speaker's SAID edge: {said:?}"
    );
    assert_eq!(
        said.len(),
        1 + 5,
        "every attributed quotation has a SAID edge"
    );
    let about = read_csv(dir.path(), "quote_mentions.csv");
    assert_eq!(
        about,
        [
            vec![":START_ID", ":END_ID", ":TYPE"],
            vec![
                "quote/news%2Fharbour-2024-05-01/q0",
                "location/harwich",
                "MENTIONS"
            ]
        ]
    );

    let mentions = read_csv(dir.path(), "mentions.csv");
    assert_eq!(mentions[0], [":START_ID", ":END_ID", "count:int", ":TYPE"]);
    let inside = read_csv(dir.path(), "appears_in.csv");
    assert_eq!(inside.len(), 1 + 5);
    let documents = read_csv(dir.path(), "documents.csv");
    assert_eq!(documents.len(), 1 + 3);
    let edge_case = documents
        .iter()
        .find(|r| r[0] == "doc/edge%20cases%2F%C3%BCn%C3%AF%20%3C3%3E.txt")
        .expect("the edge-case document");
    assert_eq!(edge_case[1], "edge cases/ünï <3>.txt");
    assert_eq!(edge_case.last().map(String::as_str), Some("Document"));
    assert_eq!(read_csv(dir.path(), "misc.csv").len(), 1, "header only");
}

#[test]
fn every_relationship_end_is_a_node() {
    let (dir, _) = neo4j_export();
    let mut ids = std::collections::HashSet::new();
    // The node files come first in FILES.
    for file in &quotegraph::export::neo4j::FILES[..7] {
        for row in read_csv(dir.path(), file).into_iter().skip(1) {
            assert!(ids.insert(row[0].clone()), "duplicate id {}", row[0]);
        }
    }
    for file in &quotegraph::export::neo4j::FILES[7..] {
        for row in read_csv(dir.path(), file).into_iter().skip(1) {
            assert!(
                ids.contains(&row[0]) && ids.contains(&row[1]),
                "{file}: {row:?}"
            );
        }
    }
}

#[test]
fn min_score_drops_exactly_the_quotations_below_it_with_their_edges() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_str().expect("utf-8 temp path").to_string();
    let output = graph_of_both_days(&["--format", "neo4j", "--out", &out, "--min-score", "0.9"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("kept 3 of 5 quotations, dropped 2"),
        "{}",
        text(&output.stderr)
    );
    let quotes = read_csv(dir.path(), "quotes.csv");
    let kept: Vec<&str> = quotes[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        kept,
        [
            "quote/news%2Fharbour-2024-05-01/q0",
            "quote/news%2Fcourt-2024-05-02/q0",
            "quote/edge%20cases%2F%C3%BCn%C3%AF%20%3C3%3E.txt/q0"
        ]
    );
    assert!(quotes[1..]
        .iter()
        .all(|r| r[6].parse::<f32>().unwrap() >= 0.9));
    // The edges of the dropped quotations go with them, and so does the group speaker.
    for file in ["said.csv", "appears_in.csv", "quote_mentions.csv"] {
        let rows = read_csv(dir.path(), file);
        let ends: Vec<&String> = rows[1..].iter().flat_map(|r| &r[..2]).collect();
        let mut quote_ends = ends.iter().filter(|id| id.starts_with("quote/"));
        assert!(
            quote_ends.all(|id| kept.contains(&id.as_str())),
            "{file}: {rows:?}"
        );
    }
    assert_eq!(
        read_csv(dir.path(), "sources.csv").len(),
        1,
        "no Source node left"
    );
    // Every document stays: documents do not depend on quotations.
    assert_eq!(read_csv(dir.path(), "documents.csv").len(), 1 + 3);
    // Without the option everything is kept, and the summary says so.
    let (_dir, output) = neo4j_export();
    assert!(text(&output.stderr).contains("every quotation kept"));
    let bad = graph_of_both_days(&["--format", "rdf", "--min-score", "1.5"]);
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("outside [0, 1]"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn ntriples_use_schema_org_and_escape_literals() {
    let output = graph_of_both_days(&["--format", "rdf"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let nt = text(&output.stdout);
    assert!(nt.lines().all(|l| l.starts_with('<') && l.ends_with(" .")));
    let spoken = nt
        .lines()
        .filter(|l| {
            l.ends_with("<http://schema.org/spokenByCharacter> <urn:quotegraph:person/joe-biden> .")
        })
        .count();
    assert_eq!(spoken, 2);
    assert!(nt.contains(
        "<urn:quotegraph:person/joe-biden> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> \
         <http://schema.org/Person> ."
    ));
    let officials = "<urn:quotegraph:source/news%2Fharbour-2024-05-01/officials>";
    assert!(nt.contains(&format!(
        "<http://schema.org/spokenByCharacter> {officials} ."
    )));
    assert!(nt.contains(&format!(
        "{officials} <http://schema.org/name> \"Officials\" ."
    )));
    assert!(nt.contains(
        "<urn:quotegraph:quote/news%2Fharbour-2024-05-01/q0> <http://schema.org/mentions> \
         <urn:quotegraph:location/harwich> ."
    ));
    let q0 = "<urn:quotegraph:quote/news%2Fharbour-2024-05-01/q0>";
    assert!(nt.contains(&format!(
        "{q0} <http://schema.org/additionalType> \"assertion\" ."
    )));
    let xsd = "http://www.w3.org/2001/XMLSchema#";
    for (property, literal) in [
        ("kind", "\"direct\"".to_string()),
        ("score", format!("\"0.993\"^^<{xsd}double>")),
        ("rule", "\"quote-comma-cue-speaker\"".to_string()),
        ("start", format!("\"60\"^^<{xsd}integer>")),
        ("end", format!("\"120\"^^<{xsd}integer>")),
        ("cue", "\"said\"".to_string()),
        ("cueStart", format!("\"122\"^^<{xsd}integer>")),
        ("cueEnd", format!("\"126\"^^<{xsd}integer>")),
    ] {
        let triple = format!("{q0} <urn:quotegraph:vocab:{property}> {literal} .");
        assert!(nt.contains(&triple), "no {triple}");
    }
    assert!(nt.contains("\"This is a 'tough' day for\\nthe committee,\""));
    assert!(nt.contains("\"Commas, \\\"quotes\\\", \\\\backslashes\\\\ and"));
    assert!(nt.contains("<http://schema.org/name> \"Zoë Müller\" ."));
}

#[test]
fn rdf_base_is_configurable_and_checked() {
    let day2 = fixture("day2.jsonl");
    let day2 = day2.to_str().expect("path");
    let output = quotegraph(&[
        "graph",
        day2,
        "--format",
        "rdf",
        "--base",
        "https://example.org/kg/",
    ]);
    assert!(output.status.success());
    assert!(text(&output.stdout).contains("<https://example.org/kg/person/maria-okafor>"));
    let bad = quotegraph(&["graph", day2, "--format", "rdf", "--base", "no scheme"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("IRI base"));
}

#[test]
fn bad_lines_are_reported_and_the_rest_exported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("mixed.jsonl");
    let good = std::fs::read_to_string(fixture("day2.jsonl")).expect("fixture");
    std::fs::write(&input, format!("not json\n{good}")).expect("write");
    let nt = dir.path().join("out.nt");
    let output = quotegraph(&[
        "graph",
        input.to_str().expect("path"),
        "--format",
        "rdf",
        "-o",
        nt.to_str().expect("path"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("mixed.jsonl:1: not JSON"));
    let written = std::fs::read_to_string(&nt).expect("output");
    assert!(written.contains("person/maria-okafor"));
}

#[test]
fn neo4j_needs_an_output_folder() {
    let day2 = fixture("day2.jsonl");
    let output = quotegraph(&["graph", day2.to_str().expect("path"), "--format", "neo4j"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--out DIR"));
}

#[test]
fn view_writes_one_escaped_page_with_speakers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("page.html");
    let day2 = fixture("day2.jsonl");
    let output = quotegraph(&[
        "view",
        day2.to_str().expect("path"),
        "--id",
        "edge cases/ünï <3>.txt",
        "-o",
        page.to_str().expect("path"),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<title>edge cases/ünï &lt;3&gt;.txt · quotegraph</title>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !html.contains("<script"),
        "no markup from the text gets through"
    );
    assert!(html.contains("<a class=\"who\" href=\"#speaker-q0\""));
    assert!(html.contains("id=\"speaker-q0\""));
    assert!(html.contains("<mark class=\"quote scare\" id=\"q1\">"));

    let first = quotegraph(&["view", day2.to_str().expect("path")]);
    assert!(first.status.success());
    assert!(text(&first.stdout).contains("<h1>news/court-2024-05-02</h1>"));
}

#[test]
fn view_explains_missing_text_and_unknown_ids() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("no-text.jsonl");
    std::fs::write(&input, "{\"id\":\"a\",\"entities\":[],\"quotes\":[]}\n").expect("write");
    let output = quotegraph(&["view", input.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--include-text"));
    let day1 = fixture("day1.jsonl");
    let unknown = quotegraph(&["view", day1.to_str().expect("path"), "--id", "nope"]);
    assert!(text(&unknown.stderr).contains("no document with id \"nope\""));
    let failed = quotegraph(&[
        "view",
        day1.to_str().expect("path"),
        "--id",
        "news/broken-2024-05-01",
    ]);
    assert!(text(&failed.stderr).contains("extract failed on news/broken-2024-05-01"));
}

#[test]
fn view_reads_the_text_from_the_file_the_id_names_and_notices_edits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("article.txt");
    std::fs::write(&article, "Mayor Ana Diaz said the bridge would close.").expect("write");
    let id = article.to_str().expect("utf-8 path");
    let record = serde_json::json!({
        "id": id,
        "entities": [{"id": "e0", "label": "PER", "name": "Ana Diaz",
                      "mentions": [{"text": "Ana Diaz", "start": 6, "end": 14, "score": 0.99}]}],
        "quotes": [{"id": "q0", "kind": "indirect", "text": "the bridge would close",
                    "start": 20, "end": 42, "rule": "indirect-speaker-cue", "score": 0.9,
                    "speaker": {"text": "Mayor Ana Diaz", "start": 0, "end": 14,
                                "entity": "e0", "name": "Ana Diaz"}, "about": []}]
    });
    let input = dir.path().join("out.jsonl");
    std::fs::write(&input, format!("{record}\n")).expect("write");
    let output = quotegraph(&["view", input.to_str().expect("path")]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let page = text(&output.stdout);
    assert!(page.contains("the bridge would close"), "{page}");
    // The file changed since extraction: the page would mark the wrong words.
    std::fs::write(&article, "The bridge reopened on Monday after a long wait.").expect("write");
    let output = quotegraph(&["view", input.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("has changed since extraction"));
}

#[test]
fn metadata_reaches_documents_and_quotations_in_both_formats() {
    let (dir, output) = neo4j_export();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let documents = read_csv(dir.path(), "documents.csv");
    assert_eq!(
        documents[0],
        ["id:ID", "docId", "date", "outlet", "section", "url", ":LABEL"]
    );
    let harbour = documents
        .iter()
        .find(|r| r[1] == "news/harbour-2024-05-01")
        .expect("the harbour document");
    assert_eq!(
        harbour[2..6],
        [
            "2024-05-01",
            "Example News",
            "Local",
            "https://news.example/harbour"
        ]
    );
    // A document without metadata has empty fields.
    let court = documents
        .iter()
        .find(|r| r[1] == "news/court-2024-05-02")
        .unwrap();
    assert!(court[2..6].iter().all(String::is_empty));
    let quotes = read_csv(dir.path(), "quotes.csv");
    let date = quotes[0]
        .iter()
        .position(|c| c == "date")
        .expect("a date column");
    let q0 = quotes
        .iter()
        .find(|r| r[0] == "quote/news%2Fharbour-2024-05-01/q0")
        .unwrap();
    assert_eq!(q0[date], "2024-05-01");

    let nt = text(&graph_of_both_days(&["--format", "rdf"]).stdout);
    let doc = "<urn:quotegraph:doc/news%2Fharbour-2024-05-01>";
    for triple in [
        format!("{doc} <http://schema.org/datePublished> \"2024-05-01\" ."),
        format!("{doc} <http://schema.org/publisher> \"Example News\" ."),
        format!("{doc} <http://schema.org/url> \"https://news.example/harbour\" ."),
        format!("{doc} <urn:quotegraph:vocab:meta/section> \"Local\" ."),
        "<urn:quotegraph:quote/news%2Fharbour-2024-05-01/q0> <http://schema.org/datePublished> \
         \"2024-05-01\" ."
            .to_string(),
    ] {
        assert!(nt.contains(&triple), "no {triple}");
    }
}

#[test]
fn a_wire_quotation_printed_twice_is_one_node_in_both_documents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let record = |id: &str, text: &str, start: usize| {
        let words = "We will rebuild the harbour together, and soon.";
        serde_json::json!({
            "id": id,
            "entities": [{"id": "e0", "label": "PER", "name": "Joe Biden",
                          "mentions": [{"text": "Joe Biden", "start": 0, "end": 9, "score": 0.99}]}],
            "quotes": [{"id": "q0", "kind": "direct", "text": words, "start": start,
                        "end": start + words.chars().count(), "rule": "quote-cue-speaker",
                        "score": 0.99, "about": [],
                        "speaker": {"text": "Joe Biden", "start": 0, "end": 9, "entity": "e0",
                                    "name": "Joe Biden"}}],
            "text": text
        })
    };
    let input = dir.path().join("wire.jsonl");
    let lines = format!(
        "{}\n{}\n",
        record("outlet-a", "", 20),
        record("outlet-b", "", 31)
    );
    std::fs::write(&input, lines).expect("write");
    let out = dir.path().join("graph");
    let output = quotegraph(&[
        "graph",
        input.to_str().expect("path"),
        "--format",
        "neo4j",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        read_csv(&out, "quotes.csv").len(),
        1 + 1,
        "one quotation node"
    );
    let inside = read_csv(&out, "appears_in.csv");
    assert_eq!(
        inside[1..],
        [
            vec!["quote/outlet-a/q0", "doc/outlet-a", "APPEARS_IN"],
            vec!["quote/outlet-a/q0", "doc/outlet-b", "APPEARS_IN"]
        ]
    );
    assert_eq!(read_csv(&out, "said.csv").len(), 1 + 1, "one SAID edge");
}

/// The relation table of docs/export.md ("Schema"): relation type → (from labels, to labels).
fn documented_relations() -> std::collections::HashMap<String, (Vec<String>, Vec<String>)> {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/export.md"))
            .expect("docs/export.md");
    let labels =
        |cell: &str| -> Vec<String> { cell.split(',').map(|l| l.trim().to_string()).collect() };
    docs.lines()
        .skip_while(|l| !l.starts_with("| relation | from | to |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (
                cells[1].trim_matches('`').to_string(),
                (labels(cells[2]), labels(cells[3])),
            )
        })
        .collect()
}

/// Every edge of real exports — the fixtures, extract's output on the bundled example, and a
/// record whose speakers are a place and a MISC name — connects labels the documented schema
/// table lists, and every documented relation is seen.
#[test]
fn every_edge_connects_labels_the_schema_table_documents() {
    let relations = documented_relations();
    assert_eq!(relations.len(), 3, "{relations:?}");
    let dir = tempfile::tempdir().expect("temp dir");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbour-bridge.txt");
    let extracted = quotegraph(&["extract", "--quiet", example.to_str().expect("path")]);
    assert!(extracted.status.success(), "{}", text(&extracted.stderr));
    let real = dir.path().join("real.jsonl");
    std::fs::write(&real, &extracted.stdout).expect("write");
    let speakers = dir.path().join("speakers.jsonl");
    let record = serde_json::json!({
        "id": "places", "text": "Germany said the border stays open. Eurovision said the vote was fair.",
        "entities": [
            {"id": "e0", "label": "LOC", "name": "Germany", "mentions": [{"text": "Germany", "start": 0, "end": 7, "score": 0.99}]},
            {"id": "e1", "label": "MISC", "name": "Eurovision", "mentions": [{"text": "Eurovision", "start": 36, "end": 46, "score": 0.9}]}],
        "quotes": [
            {"id": "q0", "kind": "indirect", "text": "the border stays open", "start": 13, "end": 34,
             "cue": {"text": "said", "start": 8, "end": 12},
             "speaker": {"text": "Germany", "start": 0, "end": 7, "entity": "e0", "name": "Germany"},
             "rule": "speaker-cue-clause", "score": 0.9, "about": []},
            {"id": "q1", "kind": "indirect", "text": "the vote was fair", "start": 52, "end": 69,
             "cue": {"text": "said", "start": 47, "end": 51},
             "speaker": {"text": "Eurovision", "start": 36, "end": 46, "entity": "e1", "name": "Eurovision"},
             "rule": "speaker-cue-clause", "score": 0.9, "about": []}]});
    std::fs::write(&speakers, format!("{record}\n")).expect("write");
    let out = dir.path().join("graph");
    let paths = [fixture("day1.jsonl"), fixture("day2.jsonl"), real, speakers];
    let mut args = vec!["graph".to_string()];
    args.extend(paths.iter().map(|p| p.to_str().expect("path").to_string()));
    args.extend(["--format", "neo4j", "--out"].map(String::from));
    args.push(out.to_str().expect("path").to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = quotegraph(&args);
    assert!(output.status.success(), "{}", text(&output.stderr));

    let mut label_of = std::collections::HashMap::new();
    let mut edges = 0;
    let mut seen = std::collections::HashSet::new();
    let files: Vec<_> = std::fs::read_dir(&out)
        .expect("export")
        .map(|e| e.expect("entry").path())
        .collect();
    for path in &files {
        let rows = parse_csv(&std::fs::read_to_string(path).expect("csv"));
        if rows[0].last().map(String::as_str) == Some(":LABEL") {
            for row in &rows[1..] {
                label_of.insert(row[0].clone(), row[row.len() - 1].clone());
            }
        }
    }
    for path in &files {
        let rows = parse_csv(&std::fs::read_to_string(path).expect("csv"));
        if rows[0].last().map(String::as_str) != Some(":TYPE") {
            continue;
        }
        for row in &rows[1..] {
            let relation = &row[row.len() - 1];
            let (from, to) = (&label_of[&row[0]], &label_of[&row[1]]);
            let (froms, tos) = relations
                .get(relation)
                .unwrap_or_else(|| panic!("{relation} undocumented"));
            assert!(
                froms.contains(from) && tos.contains(to),
                "{relation}: {from} -> {to} undocumented"
            );
            seen.insert((relation.clone(), from.clone()));
            edges += 1;
        }
    }
    assert!(edges > 20, "{edges} edges");
    for speaker in ["Person", "Location", "Misc", "Source"] {
        assert!(
            seen.contains(&("SAID".to_string(), speaker.to_string())),
            "no SAID from {speaker}: {seen:?}"
        );
    }
    for relation in relations.keys() {
        assert!(
            seen.iter().any(|(r, _)| r == relation),
            "no {relation} edge in the exports"
        );
    }
}
