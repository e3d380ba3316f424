//! The knowledge graph built from extract output, through the library alone (no model, no
//! binary): who is one node across documents, and who is not.

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
