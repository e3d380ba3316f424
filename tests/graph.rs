//! The knowledge graph built from extract output, through the library alone (no model, no
//! binary): who is one node across documents, and who is not.

mod common;

/// The hand-written extract output the export tests read is valid under the published schema,
/// so those tests read what extract writes; an error record (`day1.jsonl`) included.
#[test]
fn the_export_fixtures_follow_the_published_schema() {
    for day in ["day1.jsonl", "day2.jsonl"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/export")
            .join(day);
        let text = std::fs::read_to_string(path).expect("fixture");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let record: serde_json::Value = serde_json::from_str(line).expect("JSON");
            common::assert_valid_record(&record);
        }
    }
}

/// The schema is strict enough to catch what a loader would trip on.
#[test]
fn the_schema_rejects_records_that_are_not_extract_output() {
    let valid = serde_json::json!({"id": "a", "entities": [], "quotes": []});
    assert!(common::schema_violations(&valid).is_empty());
    let bad = [
        serde_json::json!({"id": "a", "entities": []}),
        serde_json::json!({"id": "a", "entities": [], "quotes": [], "extra": 1}),
        serde_json::json!({"id": "a", "error": {"kind": "disk", "message": "full"}}),
        serde_json::json!({"id": "a", "entities": [], "quotes": [{"id": "q0", "kind": "direct",
            "text": "Hi", "start": -1, "end": 2, "cue": null, "speaker": null, "rule": "r",
            "score": 0.5, "about": []}]}),
    ];
    for record in bad {
        assert!(!common::schema_violations(&record).is_empty(), "{record}");
    }
}

/// Extract output for `text` with the given person mentions, linked and quoted as extract would.
fn annotated(id: &str, text: &str, persons: &[&str]) -> quotegraph::Document {
    let mentions: Vec<quotegraph::Mention> = persons
        .iter()
        .map(|name| {
            let byte = text.find(name).expect("name in text");
            let start = text[..byte].chars().count();
            quotegraph::Mention {
                text: name.to_string(),
                span: quotegraph::Span::new(start, start + name.chars().count()),
                label: quotegraph::Label::Person,
                score: 0.99,
            }
        })
        .collect();
    let mut doc = quotegraph::Document::new(id, text);
    quotegraph::annotate(&mut doc, &mentions, &[]);
    doc
}

#[test]
fn a_surname_never_merges_people_across_documents_but_initials_do_not_split_one() {
    let docs = [
        annotated(
            "a",
            "Pope Francis said the talks would go on.",
            &["Pope Francis"],
        ),
        annotated(
            "b",
            "Novelist Clare Francis said her next book was done.",
            &["Clare Francis"],
        ),
        annotated(
            "c",
            "Donald J. Trump said the wall was ready.",
            &["Donald J. Trump"],
        ),
        annotated(
            "d",
            "Donald Trump said the deal was close.",
            &["Donald Trump"],
        ),
    ];
    let graph = quotegraph::export::Graph::build(&docs);
    let persons: Vec<(&str, &str)> = graph
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    assert_eq!(
        persons,
        [
            ("person/clare-francis", "Clare Francis"),
            ("person/donald-trump", "Donald J. Trump"),
            ("person/francis", "Francis"),
        ]
    );
    let speakers: Vec<Option<&str>> = graph
        .quotes
        .iter()
        .map(|q| q.speaker.as_ref().map(|s| s.node.as_str()))
        .collect();
    assert_eq!(
        speakers,
        [
            Some("person/francis"),
            Some("person/clare-francis"),
            Some("person/donald-trump"),
            Some("person/donald-trump"),
        ]
    );
}
