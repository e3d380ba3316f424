//! Quote marks: which double marks open and close quotations (`src/quotes/marks.rs`), on text of our own with entities given by hand (no model).

mod common;

use common::{per, q, run, summary};
use quotegraph::QuoteKind;

#[test]
fn stray_mark_does_not_swallow_the_document() {
    let text = "The sign read “Open late.\n\nLater, “We close at nine,” the owner said.\n\nNothing else happened.";
    let quotes = run(text, &[]);
    assert_eq!(
        summary(&quotes),
        vec![q("We close at nine,", QuoteKind::Direct, Some("the owner"))]
    );
}

#[test]
fn apostrophes_are_not_quote_marks() {
    let text = "Kim's band played rock 'n' roll hits from the '90s all night, and the fans' cheers were loud.";
    assert!(run(text, &[per("Kim")]).is_empty());
    let text = "“Kim's band played the ’90s hits,” Ana said.";
    let quotes = run(text, &[per("Ana")]);
    assert_eq!(
        summary(&quotes),
        vec![q(
            "Kim's band played the ’90s hits,",
            QuoteKind::Direct,
            Some("Ana")
        )]
    );
}

#[test]
fn nested_single_quotes_stay_inside() {
    let text = "“He told me ‘wait here’ and left,” Ana said.";
    let quotes = run(text, &[per("Ana")]);
    assert_eq!(quotes[0].text, "He told me ‘wait here’ and left,");
}

#[test]
fn guillemets_pair() {
    let text = "«We want peace,» the envoy said.";
    let quotes = run(text, &[]);
    assert_eq!(
        summary(&quotes),
        vec![q("We want peace,", QuoteKind::Direct, Some("the envoy"))]
    );
}

#[test]
fn apostrophe_pairs_are_double_marks() {
    let text = "''The bridge will open in May,'' said Ana Diaz. ''We are 'nearly' done.''";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(
        summary(&quotes),
        vec![
            q(
                "The bridge will open in May,",
                QuoteKind::Direct,
                Some("Ana Diaz")
            ),
            q("We are 'nearly' done.", QuoteKind::Direct, Some("Ana Diaz")),
        ]
    );
}

#[test]
fn closing_curly_mark_opening_a_paragraph_still_opens() {
    let text = "Intro.\n”We will win,” Ana Diaz said.";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(
        summary(&quotes),
        vec![q("We will win,", QuoteKind::Direct, Some("Ana Diaz"))]
    );
}

#[test]
fn markup_attribute_values_are_not_quotes() {
    let text = "<tweet author=\"Ana Diaz\" id=\"12\">Water rose.</tweet>\nAna Diaz said, \"We are ready.\"";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(
        summary(&quotes),
        vec![q("We are ready.", QuoteKind::Direct, Some("Ana Diaz"))]
    );
}

#[test]
fn non_ascii_offsets_are_characters() {
    let text = "Zoë Ärger — 🙂 — said, “Über alles, ça va.”";
    let quotes = run(text, &[per("Zoë Ärger")]);
    assert_eq!(quotes[0].text, "Über alles, ça va.");
}

#[test]
fn news_article_boilerplate_has_no_quotes() {
    let text = "Mayor opens river bridge, officials say\n\nThe new bridge.\n(Image credit: Jo Bloggs/Example Photo Agency)\n\nThe city opened its new river bridge on Monday after two years of work. “It is a great day for the east side,” Mayor Lena Ortiz said at the ribbon cutting.\n\nSubscribe to The Daily Example\n\nGet the facts behind the news, plus analysis from several perspectives.\n\nSUBSCRIBE & SAVE\nhttps://cdn.example.com/images/bridge-photo-1234.jpg\n\nSign up for The Daily Example's Free Newsletters\n\nFrom our morning briefing to a weekly roundup, get the best of The Daily Example delivered to your inbox.\n\nSam Writer, The Daily Example\n\nSam Writer is a contributing editor at The Daily Example. He has been writing for the paper since 2001 and started as a reporter in Ohio.";
    let quotes = run(
        text,
        &[per("Lena Ortiz"), per("Sam Writer"), per("Jo Bloggs")],
    );
    assert_eq!(
        summary(&quotes),
        vec![q(
            "It is a great day for the east side,",
            QuoteKind::Direct,
            Some("Lena Ortiz")
        )]
    );
}

#[test]
fn both_halves_of_a_split_quotation_are_found_when_the_last_mark_is_missing() {
    let text = "“The plan is approved,” said engineer Ruth Adeyemi, “but the cranes will only \
                come in May.\n\nResidents were not convinced.";
    let quotes = run(text, &[per("Ruth Adeyemi")]);
    assert_eq!(
        summary(&quotes),
        [
            q(
                "The plan is approved,",
                QuoteKind::Direct,
                Some("Ruth Adeyemi")
            ),
            q(
                "but the cranes will only come in May.",
                QuoteKind::Direct,
                Some("Ruth Adeyemi")
            ),
        ]
    );
}
