//! Statements by default (`src/quotes/statements.rs`): every quotation carries its attribution
//! type and content form, and the default view keeps what someone said. On text of our own
//! with entities and attribution-head spans given by hand (no model).

mod common;

use common::{per, run, run_with_roles};
use quotegraph::quotes::keep_statements;
use quotegraph::{AttributionType, ContentForm, Label, Quote, Role};

/// `(words, speaker name)` of each quotation.
fn said(quotes: &[Quote]) -> Vec<(&str, Option<&str>)> {
    quotes
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_ref().map(|s| s.name.as_str())))
        .collect()
}

#[test]
fn declining_to_comment_is_never_a_quotation() {
    let text = "Asked about the merger, the airline declined to comment. \
                The pilots' union said talks would resume in June.";
    let roles = [
        (Role::Source, "the airline", 0.9),
        (Role::Cue, "declined", 0.9),
        (Role::Content, "to comment", 0.9),
        (Role::Source, "The pilots' union", 0.9),
        (Role::Cue, "said", 0.9),
        (Role::Content, "talks would resume in June", 0.9),
    ];
    let all = run_with_roles(text, &[], &roles);
    assert!(
        all.iter().all(|q| !q.text.contains("comment")),
        "{:?}",
        said(&all)
    );
    let statements = keep_statements(all);
    assert_eq!(
        said(&statements),
        [("talks would resume in June", Some("The pilots' union"))]
    );
    assert_eq!(statements[0].attribution, Some(AttributionType::Assertion));
    assert_eq!(statements[0].form, Some(ContentForm::Proposition));
}

#[test]
fn topics_are_attributions_but_not_statements() {
    let text = "The senator criticized the budget during a long speech on Tuesday. \
                Local officials praised the new tram line. \
                Coach Ivana Petrova praised goalkeeper Lena Brandt after the match.";
    let roles = [
        (Role::Source, "The senator", 0.9),
        (Role::Cue, "criticized", 0.9),
        (Role::Content, "the budget", 0.9),
        (Role::Source, "Local officials", 0.9),
        (Role::Cue, "praised", 0.9),
        (Role::Content, "the new tram line", 0.9),
        (Role::Source, "Coach Ivana Petrova", 0.9),
        (Role::Content, "goalkeeper Lena Brandt", 0.9),
    ];
    let names = [per("Ivana Petrova"), per("Lena Brandt")];
    let all = run_with_roles(text, &names, &roles);
    let topics: Vec<&str> = all
        .iter()
        .filter(|q| q.form == Some(ContentForm::Topic))
        .map(|q| q.text.as_str())
        .collect();
    assert_eq!(
        topics,
        ["the budget", "the new tram line", "goalkeeper Lena Brandt"],
        "{:?}",
        said(&all)
    );
    assert!(keep_statements(all).is_empty());
}

#[test]
fn arguing_about_or_remembering_something_states_nothing() {
    let text = "Rosa Lindqvist has spent most of the year arguing about the water prices in \
                Tromso. Officials remembered the flood of 1998.";
    let roles = [
        (Role::Source, "Rosa Lindqvist", 0.9),
        (Role::Cue, "arguing about", 0.9),
        (Role::Content, "the water prices in Tromso", 0.9),
        (Role::Source, "Officials", 0.9),
        (Role::Cue, "remembered", 0.9),
        (Role::Content, "the flood of 1998", 0.9),
    ];
    let all = run_with_roles(text, &[per("Rosa Lindqvist")], &roles);
    assert!(
        all.iter().all(|q| q.form == Some(ContentForm::Topic)),
        "{:?}",
        said(&all)
    );
    assert!(keep_statements(all).is_empty());
}

#[test]
fn quantifiers_and_generic_subjects_say_nothing() {
    let text = "Few would argue that the old bridge should stay open. \
                Nobody said the repairs would be cheap.";
    assert!(keep_statements(run(text, &[])).is_empty());
}

#[test]
fn first_person_narrators_and_events_are_no_speakers() {
    let text = "We said the county would pay for the repairs. \
                The governor's budget speech said the taxes would rise.";
    let roles = [
        (Role::Source, "We", 0.9),
        (Role::Cue, "said", 0.9),
        (Role::Content, "the county would pay for the repairs", 0.9),
        (Role::Source, "The governor's budget speech", 0.9),
        (Role::Content, "the taxes would rise", 0.9),
    ];
    let all = run_with_roles(text, &[], &roles);
    assert!(!all.is_empty());
    assert!(keep_statements(all).is_empty());
}

#[test]
fn statements_keep_reported_speech_with_a_clause_and_quoted_words() {
    let text = "The plan came from Priya Natarajan, who said the city could save millions by \
                closing two depots. Tokyo said on Friday that it would send two patrol ships to \
                the strait. “We will not wait,” the mayor said.";
    let names = [per("Priya Natarajan"), ("Tokyo", Label::Location)];
    let statements = keep_statements(run(text, &names));
    assert_eq!(
        said(&statements),
        [
            (
                "the city could save millions by closing two depots",
                Some("Priya Natarajan")
            ),
            (
                "it would send two patrol ships to the strait",
                Some("Tokyo")
            ),
            ("We will not wait,", Some("the mayor")),
        ]
    );
    let tokyo = statements[1]
        .speaker
        .as_ref()
        .and_then(|s| s.entity.as_deref());
    assert!(tokyo.is_some(), "the city's speaker is the LOC entity");
    assert!(statements
        .iter()
        .map(|q| q.id.as_str())
        .eq(["q0", "q1", "q2"]));
}

#[test]
fn types_follow_the_cue_verb() {
    let text = "The minister believes the plan will work. Investigators found that rents had \
                doubled. The mayor urged residents to leave the valley. The union said the \
                strike would end.";
    let all = run(text, &[]);
    let types: Vec<(&str, Option<AttributionType>)> = all
        .iter()
        .map(|q| (q.text.as_str(), q.attribution))
        .collect();
    assert!(types.contains(&("the plan will work", Some(AttributionType::Belief))));
    assert!(types.contains(&("rents had doubled", Some(AttributionType::Fact))));
    assert!(types.contains(&("the strike would end", Some(AttributionType::Assertion))));
    let plan = (
        "residents to leave the valley",
        Some(AttributionType::Eventuality),
    );
    assert!(types.contains(&plan), "{types:?}");
    let kept: Vec<String> = keep_statements(all).into_iter().map(|q| q.text).collect();
    assert_eq!(kept, ["rents had doubled", "the strike would end"]);
}

#[test]
fn a_to_after_a_verb_of_control_is_an_infinitive_only_before_any_verb() {
    let text = "The mayor promised that funding to the district would rise. \
                Roe urged: “Go to the shelter now.”";
    let all = run(text, &[]);
    let types: Vec<(&str, Option<AttributionType>)> = all
        .iter()
        .map(|q| (q.text.as_str(), q.attribution))
        .collect();
    let funding = (
        "funding to the district would rise",
        Some(AttributionType::Assertion),
    );
    assert!(types.contains(&funding), "{types:?}");
    let shelter = ("Go to the shelter now.", Some(AttributionType::Assertion));
    assert!(types.contains(&shelter), "{types:?}");
    assert_eq!(keep_statements(all).len(), 2);
}
