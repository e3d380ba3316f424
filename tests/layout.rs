//! Quotations the layout of a text attributes (`src/quotes/layout.rs`): lists after a
//! lead-in, interview answers, transcript turns; on text of our own, without a model.

mod common;

use common::{check_offsets, per, q, run, summary};
use quotegraph::QuoteKind;

#[test]
fn each_line_after_a_lead_in_is_reported_speech_of_its_speaker() {
    let text = "Minister Ana Diaz spoke to reporters on Friday.\n\nIn a long interview, Ana Diaz \
                also said:\n\nThe bridge will close for a year\n• Ferries will run every hour \
                until it reopens\nTolls will not rise this year\n\nThe city council meets \
                again in May.";
    let quotes = run(text, &[per("Ana Diaz")]);
    for quote in &quotes {
        check_offsets(text, quote);
        assert_eq!(quote.rule, "lead-in-list");
        assert_eq!(quote.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    }
    assert_eq!(
        summary(&quotes),
        [
            q(
                "The bridge will close for a year",
                QuoteKind::Indirect,
                Some("Ana Diaz")
            ),
            q(
                "Ferries will run every hour until it reopens",
                QuoteKind::Indirect,
                Some("Ana Diaz")
            ),
            q(
                "Tolls will not rise this year",
                QuoteKind::Indirect,
                Some("Ana Diaz")
            ),
        ]
    );
}

#[test]
fn a_list_ends_at_a_quotation_a_blank_line_or_a_new_lead_in() {
    // A quotation after the lead-in is the lead-in-colon rule's, not a list.
    let text = "Ana Diaz said:\n“The bridge will close for a year.”";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].rule, "lead-in-colon");
    // A lead-in without a speech cue (`The plan:`) attributes nothing.
    let text = "The plan has three parts:\nThe bridge will close for a year\nFerries will run";
    assert!(run(text, &[]).is_empty());
    // The list stops at the blank line after its first line.
    let text = "Ana Diaz said:\n\nThe bridge will close for a year\n\nResidents were not told \
                why the work would take so long.";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(
        summary(&quotes),
        [q(
            "The bridge will close for a year",
            QuoteKind::Indirect,
            Some("Ana Diaz")
        )]
    );
}

#[test]
fn interview_answers_are_quotations_of_the_interviewee() {
    let text = "Plant manager Joao Silva answered questions from readers.\n\nQ: Will the \
                factory reopen?\n\nA: We expect to restart the line in March.\n\nQ: And the \
                jobs?\n\nA: Every worker will be offered a place.";
    // `answered questions` is a topic attribution (not a statement), which `run` keeps.
    let mut quotes = run(text, &[per("Joao Silva")]);
    quotes.retain(|q| q.form != Some(quotegraph::ContentForm::Topic));
    for quote in &quotes {
        check_offsets(text, quote);
        assert_eq!(quote.rule, "interview-answer");
    }
    assert_eq!(
        summary(&quotes),
        [
            q(
                "We expect to restart the line in March.",
                QuoteKind::Direct,
                Some("Joao Silva")
            ),
            q(
                "Every worker will be offered a place.",
                QuoteKind::Direct,
                Some("Joao Silva")
            ),
        ]
    );
    // Without a question before it, `A:` is no answer.
    let quotes = run(
        "A: We expect to restart the line in March.",
        &[per("Joao Silva")],
    );
    assert!(
        quotes.iter().all(|q| q.rule != "interview-answer"),
        "{quotes:?}"
    );
}

#[test]
fn transcript_turns_belong_to_their_labels_unless_the_line_names_another_source() {
    let text = "HOST: Welcome back. We are talking about the drought today.\nROE: It is the \
                worst I have seen in forty years on this farm.\nHOST: Local farmers say the \
                wells are running dry.";
    let quotes = run(text, &[per("Jane Roe")]);
    assert_eq!(
        summary(&quotes),
        [
            q(
                "Welcome back. We are talking about the drought today.",
                QuoteKind::Direct,
                Some("HOST")
            ),
            q(
                "It is the worst I have seen in forty years on this farm.",
                QuoteKind::Direct,
                Some("ROE")
            ),
            q(
                "the wells are running dry",
                QuoteKind::Indirect,
                Some("Local farmers")
            ),
        ]
    );
    // The label names a person entity of the document by the last word of its name.
    let text = "Farmer Jane Roe joined the show.\nHOST: Welcome back.\nROE: The wells are dry.";
    let quotes = run(text, &[per("Jane Roe")]);
    let roe = quotes
        .iter()
        .find(|q| q.text == "The wells are dry.")
        .unwrap();
    assert_eq!(
        roe.speaker.as_ref().map(|s| s.name.as_str()),
        Some("Jane Roe")
    );
    assert_eq!(roe.speaker.as_ref().map(|s| s.text.as_str()), Some("ROE"));
}

#[test]
fn one_labelled_line_or_a_furniture_label_is_no_transcript() {
    let text = "UPDATE: The bridge will reopen on Monday.\nREAD MORE: Ferries run again.";
    assert!(run(text, &[]).is_empty());
    let text = "HOST: Local farmers say the drought is the worst in forty years.";
    let quotes = run(text, &[]);
    assert_eq!(
        summary(&quotes),
        [q(
            "the drought is the worst in forty years",
            QuoteKind::Indirect,
            Some("Local farmers")
        )]
    );
}
