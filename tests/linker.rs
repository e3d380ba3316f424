//! The linker: the attribution head's role spans, given by hand, merged with the rules' quotations (`src/quotes/linker.rs`), on text of our own (no model).

mod common;

use common::{org, per, q, run, run_with_roles, speaker_names, summary};
use quotegraph::{QuoteKind, Role};

#[test]
fn learned_spans_give_reported_speech_the_whole_source_phrase() {
    let text = "The talks had stalled for weeks, Clinton spokesman Nick Merrill said on Friday.";
    let names = [per("Clinton"), per("Nick Merrill")];
    let roles = [
        (Role::Content, "The talks had stalled for weeks", 0.9),
        (Role::Source, "Clinton spokesman Nick Merrill", 0.8),
        (Role::Cue, "said", 0.7),
    ];
    let quotes = run_with_roles(text, &names, &roles);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let speaker = quotes[0].speaker.as_ref().expect("speaker");
    assert_eq!(speaker.text, "Clinton spokesman Nick Merrill");
    assert_eq!(speaker.name, "Nick Merrill");
    assert_eq!(quotes[0].text, "The talks had stalled for weeks");
    assert_eq!(
        quotes[0].cue.as_ref().map(|c| c.text.as_str()),
        Some("said")
    );
    assert!((0.0..=1.0).contains(&quotes[0].score));
}

#[test]
fn learned_source_skips_a_possessive_name_and_keeps_groups_unnamed() {
    let text = "Nick Merrill, Clinton's spokesman, said the campaign would appeal. \
                Local officials believe the count was fair.";
    let names = [per("Clinton"), per("Nick Merrill")];
    let roles = [
        (Role::Source, "Nick Merrill, Clinton's spokesman", 0.9),
        (Role::Cue, "said", 0.9),
        (Role::Content, "the campaign would appeal", 0.9),
        (Role::Source, "Local officials", 0.9),
        (Role::Cue, "believe", 0.9),
        (Role::Content, "the count was fair", 0.9),
    ];
    let quotes = run_with_roles(text, &names, &roles);
    let speakers: Vec<(&str, Option<&str>, bool)> = quotes
        .iter()
        .map(|q| {
            let s = q.speaker.as_ref().expect("speaker");
            (s.name.as_str(), Some(q.text.as_str()), s.entity.is_some())
        })
        .collect();
    assert_eq!(
        speakers,
        [
            ("Nick Merrill", Some("the campaign would appeal"), true),
            ("Local officials", Some("the count was fair"), false),
        ]
    );
}

#[test]
fn learned_spans_keep_quote_marks_boundaries_and_the_rules_speaker() {
    let text = "“We lost ten days,” said port director Henk Mulder on Monday.";
    let names = [per("Henk Mulder")];
    let roles = [
        (Role::Content, "“We lost ten days,”", 0.95),
        (Role::Cue, "said", 0.95),
        (Role::Source, "port director Henk Mulder", 0.95),
    ];
    let quotes = run_with_roles(text, &names, &roles);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0].kind, QuoteKind::Direct);
    assert_eq!(quotes[0].text, "We lost ten days,");
    let speaker = quotes[0].speaker.as_ref().expect("speaker");
    assert_eq!(
        (speaker.text.as_str(), speaker.name.as_str()),
        ("port director Henk Mulder", "Henk Mulder")
    );
    let rules_alone = run(text, &names);
    assert!(rules_alone[0].score > 0.0 && rules_alone[0].score <= 1.0);
}

#[test]
fn a_learned_pronoun_source_resolves_like_the_rules_pronouns() {
    let text = "Mayor Ana Ruiz opened the bridge on Sunday.\nShe believes the city needs two more.";
    let names = [per("Ana Ruiz")];
    let roles = [
        (Role::Source, "She", 0.9),
        (Role::Cue, "believes", 0.9),
        (Role::Content, "the city needs two more", 0.9),
    ];
    let quotes = run_with_roles(text, &names, &roles);
    assert_eq!(
        summary(&quotes),
        [q(
            "the city needs two more",
            QuoteKind::Indirect,
            Some("Ana Ruiz")
        )]
    );
    assert_eq!(
        quotes[0].speaker.as_ref().map(|s| s.text.as_str()),
        Some("She")
    );
}

#[test]
fn learned_content_sets_the_boundaries_of_reported_speech_the_rules_found() {
    let text = "Eva Lind said that cargo would move again by Monday, when the port reopens.";
    let names = [per("Eva Lind")];
    let rules_alone = run(text, &names);
    assert_eq!(rules_alone.len(), 1, "{rules_alone:?}");
    let roles = [
        (Role::Source, "Eva Lind", 0.9),
        (Role::Cue, "said", 0.9),
        (Role::Content, "cargo would move again by Monday", 0.6),
    ];
    let quotes = run_with_roles(text, &names, &roles);
    assert_eq!(
        summary(&quotes),
        [q(
            "cargo would move again by Monday",
            QuoteKind::Indirect,
            Some("Eva Lind")
        )]
    );
    assert_eq!(quotes[0].rule, rules_alone[0].rule);
}

#[test]
fn learned_attributions_need_a_cue_and_stay_out_of_headlines() {
    let text =
        "Ferries to resume on Monday, port officials say\n\nPresident Ana Ruiz and the crew.\n\
                The strike ended after nine days, the union said.";
    let roles = [
        (Role::Content, "Ferries to resume on Monday", 0.95),
        (Role::Source, "port officials", 0.95),
        (Role::Cue, "say", 0.95),
        (Role::Content, "President Ana Ruiz and the crew", 0.95),
        (Role::Content, "The strike ended after nine days", 0.95),
        (Role::Source, "the union", 0.95),
        (Role::Cue, "said", 0.95),
    ];
    let quotes = run_with_roles(text, &[per("Ana Ruiz")], &roles);
    assert_eq!(
        summary(&quotes),
        [q(
            "The strike ended after nine days",
            QuoteKind::Indirect,
            Some("the union")
        )]
    );
}

#[test]
fn content_pieces_the_head_broke_apart_are_one_quotation() {
    let text = "Officials said recently released polls, including ones showing a lead, were wrong.";
    let roles = [
        (Role::Source, "Officials", 0.9),
        (Role::Cue, "said", 0.9),
        (Role::Content, "recently released polls", 0.9),
        (Role::Content, "ones showing a lead, were wrong", 0.7),
    ];
    let quotes = run_with_roles(text, &[], &roles);
    assert_eq!(
        summary(&quotes),
        [q(
            "recently released polls, including ones showing a lead, were wrong",
            QuoteKind::Indirect,
            Some("Officials")
        )]
    );
}

#[test]
fn a_named_group_beside_the_cue_outranks_the_outer_reporting_source() {
    let text = "The two leaders will meet again \"at the earliest possible date,\" South Korean \
                officials said Sunday, according to The Washington Post.";
    let names = [org("The Washington Post")];
    let roles = [
        (Role::Content, "\"at the earliest possible date,\"", 0.9),
        (Role::Cue, "according to", 0.9),
        (Role::Source, "The Washington Post", 0.9),
    ];
    let quotes = run_with_roles(text, &names, &roles);
    let speakers: Vec<Option<String>> = quotes
        .iter()
        .map(|q| q.speaker.as_ref().map(|s| s.name.clone()))
        .collect();
    assert_eq!(
        speakers,
        [Some("South Korean officials".to_string())],
        "{quotes:?}"
    );
}

#[test]
fn a_learned_attribution_with_no_speaker_anywhere_is_not_a_quotation() {
    let text = "He worked for several newspapers and for several years wrote a daily roundup of \
                financial news.";
    let roles = [
        (Role::Cue, "wrote", 0.95),
        (Role::Content, "a daily roundup of financial news", 0.95),
    ];
    assert!(run_with_roles(text, &[], &roles).is_empty());
}

#[test]
fn content_pieces_in_different_sentences_stay_apart() {
    let text =
        "Officials said the port would reopen on Monday. Ships were already waiting offshore.";
    let roles = [
        (Role::Source, "Officials", 0.9),
        (Role::Cue, "said", 0.9),
        (Role::Content, "the port would reopen on Monday", 0.9),
        (Role::Content, "Ships were already waiting offshore", 0.6),
    ];
    let quotes = run_with_roles(text, &[], &roles);
    assert_eq!(
        summary(&quotes),
        [q(
            "the port would reopen on Monday",
            QuoteKind::Indirect,
            Some("Officials")
        )]
    );
}

#[test]
fn reported_speech_where_the_head_reads_no_attribution_is_dropped() {
    let text =
        "Eva Lind said that cargo would move again by Monday. The union announced that the strike \
         was over.";
    let names = [per("Eva Lind")];
    let rules_alone = run(text, &names);
    assert_eq!(
        speaker_names(&rules_alone),
        [Some("Eva Lind"), Some("The union")]
    );
    let roles = [
        (Role::Source, "The union", 0.9),
        (Role::Cue, "announced", 0.9),
        (Role::Content, "the strike was over", 0.9),
    ];
    let quotes = run_with_roles(text, &names, &roles);
    assert_eq!(
        summary(&quotes),
        [q(
            "the strike was over",
            QuoteKind::Indirect,
            Some("The union")
        )]
    );
}

#[test]
fn a_name_that_modifies_the_head_of_a_learned_source_is_not_the_speaker() {
    let text = "The Trump administration expressed frustration with the slow pace of the talks.";
    let roles = [
        (Role::Source, "The Trump administration", 0.9),
        (Role::Cue, "expressed frustration with", 0.9),
        (Role::Content, "the slow pace of the talks", 0.9),
    ];
    let quotes = run_with_roles(text, &[per("Trump")], &roles);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let speaker = quotes[0].speaker.as_ref().expect("speaker");
    assert_eq!(
        (speaker.name.as_str(), speaker.entity.is_none()),
        ("The Trump administration", true)
    );
}

#[test]
fn a_learned_content_running_over_the_cue_after_a_quotation_makes_no_mixed_quotation() {
    let text = "“It was the worst storm in years,” said his neighbour, Tomasz Wierzbicki.";
    let roles = [
        (
            Role::Content,
            "“It was the worst storm in years,” said his neighbour",
            0.8,
        ),
        (Role::Cue, "said", 0.8),
        (Role::Source, "Tomasz Wierzbicki", 0.8),
    ];
    let quotes = run_with_roles(text, &[per("Tomasz Wierzbicki")], &roles);
    assert_eq!(
        summary(&quotes),
        [q(
            "It was the worst storm in years,",
            QuoteKind::Direct,
            Some("Tomasz Wierzbicki")
        )]
    );
    // A content around a cue before the quoted words is a mixed quotation (PolNeAR's drawing).
    let text = "The minister condemned what he called a “brazen breach” of the treaty.";
    let roles = [
        (
            Role::Content,
            "what he called a “brazen breach” of the treaty",
            0.8,
        ),
        (Role::Cue, "condemned", 0.8),
        (Role::Source, "The minister", 0.8),
    ];
    let quotes = run_with_roles(text, &[], &roles);
    assert_eq!(quotes[0].kind, QuoteKind::Mixed, "{quotes:?}");
    assert_eq!(
        quotes[0].text,
        "what he called a “brazen breach” of the treaty"
    );
}

#[test]
fn a_group_statement_after_a_quotation_keeps_the_cue_and_speaker_of_its_own_sentence() {
    let text = "“The river is still rising,” said Marta Kowalczyk, the town’s mayor. Farmers said \
                their fields had been under water for a week.";
    // The head found no cue for the second statement and joined it to the first source.
    let roles = [
        (Role::Content, "“The river is still rising,”", 0.8),
        (Role::Cue, "said", 0.6),
        (Role::Source, "Marta Kowalczyk, the town’s mayor", 0.6),
        (Role::Source, "Farmers", 0.3),
        (
            Role::Content,
            "their fields had been under water for a week",
            0.8,
        ),
    ];
    let quotes = run_with_roles(text, &[per("Marta Kowalczyk")], &roles);
    assert_eq!(
        speaker_names(&quotes),
        [Some("Marta Kowalczyk"), Some("Farmers")]
    );
    let cue = quotes[1].cue.as_ref().expect("cue");
    assert_eq!(
        &text[text.find("Farmers said").unwrap()..][..12],
        "Farmers said"
    );
    assert_eq!(cue.text, "said");
    assert!(
        cue.span.start > 60,
        "the second statement's own cue: {cue:?}"
    );
}

#[test]
fn a_quotation_the_rules_left_unattributed_takes_the_heads_rule_with_its_source() {
    let text = "The market closed early on Friday.\n\n“Nobody expected the fall to be this fast.” \
                The line came from Lena Holm, the exchange's chief economist.";
    let roles = [
        (
            Role::Content,
            "“Nobody expected the fall to be this fast.”",
            0.8,
        ),
        (Role::Cue, "came from", 0.7),
        (Role::Source, "Lena Holm", 0.7),
    ];
    let quotes = run_with_roles(text, &[per("Lena Holm")], &roles);
    let quote = quotes
        .iter()
        .find(|q| q.text.starts_with("Nobody expected"))
        .expect("the quotation");
    assert_eq!(
        quote.speaker.as_ref().map(|s| s.name.as_str()),
        Some("Lena Holm")
    );
    assert_eq!(quote.rule, "learned-attribution");
    assert_eq!(quote.kind, QuoteKind::Direct);
    // Without the head, the same quotation is unattributed and has no speaker.
    let quotes = run(text, &[per("Lena Holm")]);
    let quote = quotes
        .iter()
        .find(|q| q.text.starts_with("Nobody expected"))
        .unwrap();
    assert_eq!(quote.rule, "quote-unattributed");
    assert!(quote.speaker.is_none());
}
