//! Reported speech without quote marks (`src/quotes/indirect.rs`), on text of our own with entities given by hand (no model).

mod common;

use common::{org, per, q, reported, run, summary, triple};
use quotegraph::{Label, QuoteKind};

#[test]
fn reported_speech_without_marks() {
    let text = "Ana Diaz said that the bridge would open in May. The river is rising fast, the mayor said. According to the agency, the water will peak on Sunday. Tom Reyes told reporters the roads were closed.";
    let quotes = run(text, &[per("Ana Diaz"), per("Tom Reyes")]);
    assert_eq!(
        summary(&quotes),
        vec![
            q(
                "the bridge would open in May",
                QuoteKind::Indirect,
                Some("Ana Diaz")
            ),
            q(
                "The river is rising fast",
                QuoteKind::Indirect,
                Some("the mayor")
            ),
            q(
                "the water will peak on Sunday",
                QuoteKind::Indirect,
                Some("the agency")
            ),
            q(
                "the roads were closed",
                QuoteKind::Indirect,
                Some("Tom Reyes")
            ),
        ]
    );
    assert_eq!(
        quotes[2].cue.as_ref().map(|c| c.text.as_str()),
        Some("According to")
    );
}

#[test]
fn a_cue_verb_before_a_preposition_is_not_reported_speech() {
    let text = "Tom Whitaker covers city hall. He previously reported for the Boston Globe and wrote for Reuters.";
    let quotes = run(text, &[("Tom Whitaker", Label::Person)]);
    assert!(quotes.is_empty(), "{:?}", summary(&quotes));
}

#[test]
fn a_speaker_after_the_clause_may_carry_an_appositive() {
    let text = "Repairs usually stop in the cold months, said Omar Haddad, a spokesman for the \
                roads agency.";
    let quotes = run(text, &[per("Omar Haddad")]);
    assert_eq!(
        summary(&quotes),
        [(
            "Repairs usually stop in the cold months".into(),
            QuoteKind::Indirect,
            Some("Omar Haddad".into())
        )]
    );
}

#[test]
fn the_listener_of_told_is_never_the_speaker() {
    let text = "The airline is weighing deep job cuts, a person familiar with the plans told \
                Reuters. The union’s leader, Sam Obi, told reporters the strike was over.";
    let quotes = run(text, &[org("Reuters"), per("Sam Obi")]);
    assert_eq!(
        reported(&quotes),
        [
            triple(
                "The airline is weighing deep job cuts",
                "a person familiar with the plans",
                "told"
            ),
            triple("the strike was over", "Sam Obi", "told"),
        ]
    );
}

#[test]
fn a_cue_after_and_takes_the_sentence_subject() {
    let text = "The interior minister condemned the attack and said the government would \
                support the families.";
    assert_eq!(
        reported(&run(text, &[])),
        [triple(
            "the government would support the families",
            "The interior minister",
            "said"
        )]
    );
}

#[test]
fn a_bare_object_is_not_reported_speech() {
    let text = "The agency confirmed Dana Whitfield as its new general counsel on Tuesday. Polish \
                officials thanked the Red Cross. Leeds United added a third goal in the second \
                half. The mayor added that the bridge would reopen in June.";
    let names = [per("Dana Whitfield"), org("Red Cross"), org("Leeds United")];
    assert_eq!(
        reported(&run(text, &names)),
        [triple(
            "the bridge would reopen in June",
            "The mayor",
            "added"
        )]
    );
}

#[test]
fn a_cue_word_inside_a_name_is_no_verb() {
    let text = "For a decade the United States has kept sanctions on the regime. Fighters from \
                the Islamic State still hold two towns.";
    let names = [
        ("United States", Label::Location),
        ("Islamic State", Label::Organization),
    ];
    assert_eq!(summary(&run(text, &names)), []);
}

#[test]
fn a_heading_in_capitals_is_no_speaker_and_no_cue() {
    let text = "QUESTIONABLE MEDICAL CLAIMS — For years, the clinic has been dogged by charges \
                that it sold untested pills.";
    let quotes = run(text, &[]);
    assert!(
        quotes
            .iter()
            .all(|q| q.cue.as_ref().is_none_or(|c| c.text != "CLAIMS")),
        "{quotes:?}"
    );
}
