//! Quotations the layout of a text attributes (`src/quotes/layout.rs`): lists after a
//! lead-in, interview answers, transcript turns; on text of our own, without a model.

mod common;

use common::{check_offsets, per, q, run, summary};
use quotegraph::{annotate, Document, QuoteKind};

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

#[test]
fn a_list_stops_at_a_new_lead_in_and_after_its_longest_run() {
    let text = "Ana Diaz said:\nThe bridge will close for a year\nThe mayor added this:\nFerries \
                will run every hour";
    let quotes = run(text, &[per("Ana Diaz")]);
    // The first list ends at the second lead-in, which opens a list of its own.
    assert_eq!(
        summary(&quotes),
        [
            q(
                "The bridge will close for a year",
                QuoteKind::Indirect,
                Some("Ana Diaz")
            ),
            q(
                "Ferries will run every hour",
                QuoteKind::Indirect,
                Some("The mayor")
            ),
        ]
    );
    let items: Vec<String> = (1..=20)
        .map(|n| format!("Item number {n} is on the list"))
        .collect();
    let text = format!("Ana Diaz said:\n{}", items.join("\n"));
    let quotes = run(&text, &[per("Ana Diaz")]);
    assert_eq!(quotes.len(), quotegraph::quotes::MAX_LIST_LINES);
}

#[test]
fn a_list_keeps_its_lines_through_the_whole_pipeline() {
    // Short lines could read as hard-wrapped text; the pipeline must not unwrap a list.
    let text = "In the interview, Ana Diaz also said:\nThe bridge will close for a year\nFerries \
                will run every hour until it reopens";
    let mut doc = Document::new("list", text);
    let names = common::mentions(text, &[per("Ana Diaz")]);
    annotate(&mut doc, &names, &[]);
    let texts: Vec<&str> = doc.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The bridge will close for a year",
            "Ferries will run every hour until it reopens"
        ]
    );
}

#[test]
fn the_interviewee_is_the_last_person_named_before_the_first_question() {
    let text = "Reporter Jane Roe spoke with engineer Ana Diaz.\nQ: Will the bridge close?\nA: \
                It will close for a year.\nWe also asked Mayor Tom Lopez, who declined.\nQ: And \
                the ferries?\nA: They will run every hour.";
    let quotes = run(text, &[per("Jane Roe"), per("Ana Diaz"), per("Tom Lopez")]);
    let answers: Vec<(&str, Option<&str>)> = quotes
        .iter()
        .filter(|q| q.rule == "interview-answer")
        .map(|q| (q.text.as_str(), q.speaker.as_ref().map(|s| s.name.as_str())))
        .collect();
    assert_eq!(
        answers,
        [
            ("It will close for a year.", Some("Ana Diaz")),
            ("They will run every hour.", Some("Ana Diaz"))
        ]
    );
}

#[test]
fn transcript_turns_leave_quoted_words_to_the_marked_rules_and_keep_the_first_person() {
    let text = "HOST: Welcome back to the show.\nROE: As I said, the wells are dry this year.\n\
                HOST: And your neighbour?\nROE: “We will sell the herd,” he told me.";
    let quotes = run(text, &[]);
    let roe_said = quotes
        .iter()
        .find(|q| q.text.starts_with("As I said"))
        .expect("the first-person turn");
    assert_eq!(roe_said.rule, "transcript-turn");
    assert_eq!(
        roe_said.speaker.as_ref().map(|s| s.name.as_str()),
        Some("ROE")
    );
    let herd: Vec<_> = quotes
        .iter()
        .filter(|q| q.text.contains("sell the herd"))
        .collect();
    assert_eq!(
        herd.len(),
        1,
        "one quotation over the quoted words: {quotes:?}"
    );
    assert_ne!(herd[0].rule, "transcript-turn");
}

#[test]
fn a_fact_box_is_no_transcript() {
    let text = "WHAT: Town hall meeting on the new bridge\nWHEN: Monday at seven in the \
                evening\nWHERE: The old school on Harbour Street";
    assert!(run(text, &[]).is_empty());
}
