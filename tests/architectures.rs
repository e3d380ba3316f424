//! Loading paths for each supported architecture, with tiny random models the tests write.

mod util;

use quotegraph::labels::Position;
use quotegraph::{Tagger, TaggerOptions};
use serde_json::json;
use util::{assert_offsets_slice, write_tiny_model, Arch};

const NON_ASCII: &str = "Zoë Ångström met 習近平 in Genève 🙂, then said \"ça va\" to Müller.";

/// A tiny random BERT tagger with person labels; `extra` goes into its config.json. The
/// directory is returned too, since the model lives only as long as it does.
fn tiny_person_tagger(extra: serde_json::Value) -> (tempfile::TempDir, Tagger) {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(
        dir.path(),
        Arch::Bert,
        &["O", "B-PER", "I-PER"],
        extra,
        false,
    );
    let tagger = Tagger::load(dir.path()).unwrap();
    (dir, tagger)
}

fn tag_one(tagger: &Tagger, text: &str) -> Vec<quotegraph::Mention> {
    tagger.tag(&[text]).unwrap().pop().unwrap()
}

fn check_architecture(arch: Arch, labels: &[&str], half: bool) {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path(), arch, labels, json!({}), half);
    let tagger = Tagger::load(dir.path()).unwrap();
    let mentions = tag_one(&tagger, NON_ASCII);
    assert_offsets_slice(NON_ASCII, &mentions);
    // A random model labels something somewhere in a long enough text; the decoder must still
    // produce well-formed, ordered spans.
    let long = "the mayor said the bridge would open. ".repeat(40);
    let mentions = tag_one(&tagger, &long);
    assert_offsets_slice(&long, &mentions);
    assert!(mentions
        .windows(2)
        .all(|p| p[0].span.end <= p[1].span.start));
}

#[test]
fn bert_loads_and_tags_non_ascii_with_char_offsets() {
    check_architecture(
        Arch::Bert,
        &["O", "B-PER", "I-PER", "B-LOC", "I-LOC"],
        false,
    );
}

#[test]
fn distilbert_loads_with_bioes_labels() {
    check_architecture(
        Arch::DistilBert,
        &["O", "B-ORG", "I-ORG", "E-ORG", "S-ORG", "S-PER"],
        false,
    );
}

#[test]
fn roberta_loads_with_byte_level_tokens_and_ontonotes_types() {
    check_architecture(
        Arch::Roberta,
        &[
            "O", "B-PERSON", "I-PERSON", "B-GPE", "I-GPE", "B-DATE", "I-DATE",
        ],
        false,
    );
}

#[test]
fn half_precision_weights_load_as_float() {
    check_architecture(Arch::Bert, &["O", "B-PER", "I-PER"], true);
}

#[test]
fn empty_and_blank_documents_have_no_mentions() {
    let (_dir, tagger) = tiny_person_tagger(json!({}));
    let out = tagger.tag(&["", "   \n\t ", "a"]).unwrap();
    assert_eq!(out.len(), 3);
    assert!(out[0].is_empty() && out[1].is_empty());
}

#[test]
fn windows_smaller_than_the_document_cover_every_word() {
    let dir = tempfile::tempdir().unwrap();
    // Every word predicted B-PER: the bias of the classifier decides, so force it.
    write_tiny_model(dir.path(), Arch::Bert, &["B-PER"], json!({}), false);
    let text =
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi. ".repeat(12);
    let words = text.split_whitespace().count();
    for window in [8, 16, 62] {
        let tagger = Tagger::load_with(
            dir.path(),
            TaggerOptions {
                window: Some(window),
                batch_size: 3,
                ..TaggerOptions::default()
            },
        )
        .unwrap();
        let mentions = tag_one(&tagger, &text);
        assert_offsets_slice(&text, &mentions);
        // One B-PER per word; the full stops are BERT words too, but a name needs a letter.
        assert_eq!(mentions.len(), words, "window {window}");
    }
}

#[test]
fn label_schemes_map_to_quotegraph_types() {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(
        dir.path(),
        Arch::Bert,
        &[
            "O",
            "U-PERSON",
            "B-GPE",
            "L-GPE",
            "I-ORGANIZATION",
            "B-MISC",
        ],
        json!({}),
        false,
    );
    let tagger = Tagger::load(dir.path()).unwrap();
    let labels = tagger.labels();
    assert_eq!(labels.get(1).position, Position::Single);
    assert_eq!(labels.get(1).label, Some(quotegraph::Label::Person));
    assert_eq!(labels.get(3).label, Some(quotegraph::Label::Location));
    assert_eq!(labels.get(4).label, Some(quotegraph::Label::Organization));
    assert_eq!(labels.get(5).label, Some(quotegraph::Label::Misc));
}

#[test]
fn case_feature_needs_four_token_types() {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(
        dir.path(),
        Arch::Bert,
        &["O", "B-PER"],
        json!({"quotegraph_case_feature": "token_type_ids"}),
        false,
    );
    let err = Tagger::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("token-type table"), "{err}");
}

#[test]
fn missing_weights_are_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path(), Arch::Bert, &["O", "B-PER"], json!({}), false);
    std::fs::remove_file(dir.path().join("model.safetensors")).unwrap();
    let err = Tagger::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("model.safetensors"), "{err}");
}

const ROLES: [&str; 7] = [
    "O",
    "B-SOURCE",
    "I-SOURCE",
    "B-CUE",
    "I-CUE",
    "B-CONTENT",
    "I-CONTENT",
];

#[test]
fn an_attribution_head_gives_role_spans_from_the_same_pass() {
    let (_dir, tagger) = tiny_person_tagger(json!({ "quotegraph_attribution_labels": ROLES }));
    assert!(tagger.has_role_head());
    let text = "the mayor said the bridge would open, \u{200b}officials said. ".repeat(30);
    let tagged = tagger.tag_with_roles(&[&text]).unwrap().pop().unwrap();
    assert_eq!(tagged.mentions, tag_one(&tagger, &text));
    // A random head labels something in a long text; spans must be ordered and in the text.
    assert!(!tagged.roles.is_empty());
    let chars = text.chars().count();
    for r in &tagged.roles {
        assert!(r.span.start < r.span.end && r.span.end <= chars, "{r:?}");
        assert!((0.0..=1.0).contains(&r.score));
    }
    assert!(tagged
        .roles
        .windows(2)
        .all(|p| p[0].span.end <= p[1].span.start));
}

#[test]
fn a_model_without_the_head_tags_no_roles_and_a_missing_head_is_named() {
    let (dir, tagger) = tiny_person_tagger(json!({}));
    assert!(!tagger.has_role_head());
    let tagged = tagger.tag_with_roles(&["the mayor said so"]).unwrap();
    assert!(tagged[0].roles.is_empty());
    // Declaring the head in config.json without its weights is a model error naming them.
    let config_path = dir.path().join("config.json");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&config_path).unwrap()).unwrap();
    config["quotegraph_attribution_labels"] = json!(ROLES);
    std::fs::write(&config_path, config.to_string()).unwrap();
    let error = Tagger::load(dir.path()).unwrap_err();
    let chain = error.chain();
    assert!(chain.contains("attribution_classifier"), "{chain}");
}
