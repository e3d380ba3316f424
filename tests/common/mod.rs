//! Helpers shared by the model-free tests: mentions given by hand, the quotation pass run on
//! them, offsets checked by slicing the text, and short summaries to compare against. Needs no
//! libtorch (the tests that load a model add `tests/util`).

#![allow(dead_code)]

use quotegraph::linking::group_mentions;
use quotegraph::quotes::find_quotes;
use quotegraph::{Label, Mention, Quote, QuoteKind, Role, RoleSpan, Span};
use std::sync::OnceLock;

/// Mentions for every listed name at each of its occurrences in `text` (character offsets).
pub fn mentions(text: &str, names: &[(&str, Label)]) -> Vec<Mention> {
    let mut out = Vec::new();
    for (name, label) in names {
        let mut from = 0;
        while let Some(b) = text[from..].find(name) {
            let byte = from + b;
            let start = text[..byte].chars().count();
            out.push(Mention {
                text: name.to_string(),
                span: Span::new(start, start + name.chars().count()),
                label: label.clone(),
                score: 0.99,
            });
            from = byte + name.len();
        }
    }
    // Longer names win over names inside them.
    out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut kept: Vec<Mention> = Vec::new();
    for m in out {
        if kept.last().is_none_or(|k| m.span.start >= k.span.end) {
            kept.push(m);
        }
    }
    kept
}

pub fn run(text: &str, names: &[(&str, Label)]) -> Vec<Quote> {
    run_with_roles(text, names, &[])
}

/// The quote pass with attribution-head spans given by hand: each `(role, words, score)` is
/// the first occurrence of `words` in `text`.
pub fn run_with_roles(
    text: &str,
    names: &[(&str, Label)],
    roles: &[(Role, &str, f32)],
) -> Vec<Quote> {
    let roles: Vec<RoleSpan> = roles
        .iter()
        .map(|&(role, words, score)| {
            let byte = text.find(words).expect("role words in text");
            let start = text[..byte].chars().count();
            RoleSpan {
                role,
                span: Span::new(start, start + words.chars().count()),
                score,
            }
        })
        .collect();
    let entities = group_mentions(&mentions(text, names));
    let quotes = find_quotes(text, &entities, &roles);
    for q in &quotes {
        check_offsets(text, q);
    }
    quotes
}

pub fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

pub fn check_offsets(text: &str, q: &Quote) {
    assert_eq!(slice(text, q.span.start, q.span.end), q.text);
    if let Some(s) = &q.speaker {
        assert_eq!(slice(text, s.span.start, s.span.end), s.text);
    }
    if let Some(c) = &q.cue {
        assert_eq!(slice(text, c.span.start, c.span.end), c.text);
    }
}

/// (text, kind, speaker name) of each quote.
pub fn summary(quotes: &[Quote]) -> Vec<(String, QuoteKind, Option<String>)> {
    quotes
        .iter()
        .map(|q| {
            (
                q.text.clone(),
                q.kind,
                q.speaker.as_ref().map(|s| s.name.clone()),
            )
        })
        .collect()
}

pub fn per(name: &str) -> (&str, Label) {
    (name, Label::Person)
}

pub fn org(name: &str) -> (&str, Label) {
    (name, Label::Organization)
}

pub fn q(
    text: &str,
    kind: QuoteKind,
    speaker: Option<&str>,
) -> (String, QuoteKind, Option<String>) {
    (text.to_string(), kind, speaker.map(str::to_string))
}

/// The speaker text and rule of the quote whose text starts with `start`.
pub fn speaker_of(quotes: &[Quote], start: &str) -> (Option<String>, String) {
    quotes
        .iter()
        .find(|q| q.text.starts_with(start))
        .map(|q| (q.speaker.as_ref().map(|s| s.text.clone()), q.rule.clone()))
        .unwrap_or_default()
}

/// The speaker name of each quotation, `None` when unattributed.
pub fn speaker_names(quotes: &[Quote]) -> Vec<Option<&str>> {
    quotes
        .iter()
        .map(|q| q.speaker.as_ref().map(|s| s.name.as_str()))
        .collect()
}

/// (text, speaker text, cue text) of each reported-speech quotation.
pub fn reported(quotes: &[Quote]) -> Vec<(String, String, String)> {
    quotes
        .iter()
        .map(|q| {
            let speaker = q.speaker.as_ref().map_or("", |s| s.text.as_str());
            let cue = q.cue.as_ref().map_or("", |c| c.text.as_str());
            (q.text.clone(), speaker.to_string(), cue.to_string())
        })
        .collect()
}

pub fn triple(text: &str, speaker: &str, cue: &str) -> (String, String, String) {
    (text.into(), speaker.into(), cue.into())
}

/// Asserts that every mention's offsets slice exactly its text (character offsets).
pub fn assert_offsets_slice(text: &str, mentions: &[Mention]) {
    let chars: Vec<char> = text.chars().collect();
    for m in mentions {
        assert!(
            m.span.start < m.span.end && m.span.end <= chars.len(),
            "bad span {m:?}"
        );
        let slice: String = chars[m.span.start..m.span.end].iter().collect();
        assert_eq!(slice, m.text, "offsets of {m:?} do not slice its text");
    }
}

/// What makes `record` invalid as an extract output line under the published JSON Schema,
/// `docs/extract.schema.json`: one message per violation, empty when it is valid.
pub fn schema_violations(record: &serde_json::Value) -> Vec<String> {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    let validator = VALIDATOR.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/extract.schema.json");
        let schema = std::fs::read_to_string(path).expect("docs/extract.schema.json");
        let schema = serde_json::from_str(&schema).expect("the schema is JSON");
        jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
    });
    validator
        .iter_errors(record)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Panics unless `record` is a valid extract output line ([`schema_violations`]).
pub fn assert_valid_record(record: &serde_json::Value) {
    let errors = schema_violations(record);
    assert!(
        errors.is_empty(),
        "record does not follow docs/extract.schema.json: {errors:?}\n{record}"
    );
}
