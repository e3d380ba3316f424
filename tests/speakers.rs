//! Speaker phrases and what they refer to — names, groups, pronouns (`src/quotes/phrases.rs`, `referents.rs`), on text of our own with entities given by hand (no model).

mod common;

use common::{org, per, q, reported, run, speaker_names, speaker_of, summary, triple};
use quotegraph::{Label, QuoteKind};

#[test]
fn appositive_speaker() {
    let text = "“The clinic is full every night,” Hugh Hill, a doctor at the clinic, said.";
    let quotes = run(text, &[per("Hugh Hill")]);
    assert_eq!(
        summary(&quotes),
        vec![q(
            "The clinic is full every night,",
            QuoteKind::Direct,
            Some("Hugh Hill")
        )]
    );
}

#[test]
fn title_is_stripped_and_surname_links_to_the_full_name() {
    let text = "Secretary of State Mike Pompeo flew to the talks. “It was another step forward,” Pompeo said.";
    let quotes = run(
        text,
        &[per("Secretary of State Mike Pompeo"), per("Pompeo")],
    );
    let speaker = quotes[0].speaker.as_ref().expect("a speaker");
    assert_eq!(speaker.text, "Pompeo");
    assert_eq!(speaker.name, "Mike Pompeo");
}

#[test]
fn pronoun_speaker_resolves_to_the_earlier_person() {
    let text =
        "Maria Lopez arrived late. She waved to the crowd.\n\n“I am not done yet,” she said.";
    let quotes = run(text, &[per("Maria Lopez")]);
    let speaker = quotes[0].speaker.as_ref().expect("a speaker");
    assert_eq!(
        (speaker.text.as_str(), speaker.name.as_str()),
        ("she", "Maria Lopez")
    );
    assert_eq!(speaker.entity.as_deref(), Some("e0"));
}

#[test]
fn group_and_nominal_speakers_are_kept_without_entities() {
    let text = "“Talks will resume,” South Korean officials said. “The date is not set,” a White House spokesman said. “We deny it,” the ministry said.";
    let quotes = run(text, &[("South Korean", Label::Misc), org("White House")]);
    let names: Vec<Option<String>> = summary(&quotes).into_iter().map(|s| s.2).collect();
    assert_eq!(
        names,
        vec![
            Some("South Korean officials".to_string()),
            Some("a White House spokesman".to_string()),
            Some("the ministry".to_string()),
        ]
    );
    assert!(quotes
        .iter()
        .all(|q| q.speaker.as_ref().is_some_and(|s| s.entity.is_none())));
}

#[test]
fn party_label_before_the_cue() {
    let text = "“The bill is dead,” Sen. Ana Diaz (D-Wis.) said Friday.";
    let quotes = run(text, &[per("Ana Diaz")]);
    // The speaker as written, with the title the mention leaves out.
    assert_eq!(
        speaker_of(&quotes, "The bill"),
        (Some("Sen. Ana Diaz".into()), "quote-speaker-cue".into())
    );
}

#[test]
fn agent_nouns_are_speakers() {
    let text = "As the phone rang, the announcer said, “It is late.” The local businessman says of the mayor, “She works hard.”";
    let quotes = run(text, &[]);
    assert_eq!(speaker_of(&quotes, "It is").0, Some("the announcer".into()));
    assert_eq!(
        speaker_of(&quotes, "She works").0,
        Some("The local businessman".into())
    );
}

#[test]
fn participle_cue_takes_the_sentence_subject() {
    let text = "Ana Diaz attacked the plan on Monday, saying, “It will fail.” Tom Reyes spoke out about the flood in Dayton, Ohio, arguing that the levee was “too low.”";
    let quotes = run(text, &[per("Ana Diaz"), per("Tom Reyes")]);
    assert_eq!(speaker_of(&quotes, "It will").0, Some("Ana Diaz".into()));
    assert_eq!(speaker_of(&quotes, "too low").0, Some("Tom Reyes".into()));
}

#[test]
fn progressive_cue_and_free_relative() {
    let text = "Ana Diaz is telling voters that the plan is “a fraud.” Tom Reyes condemned what he called a “reckless gamble” by the city.";
    let quotes = run(text, &[per("Ana Diaz"), per("Tom Reyes")]);
    assert_eq!(speaker_of(&quotes, "a fraud").0, Some("Ana Diaz".into()));
    assert_eq!(speaker_of(&quotes, "reckless").0, Some("Tom Reyes".into()));
}

#[test]
fn pronoun_inside_an_outer_report_gives_way() {
    let text = "Ana Diaz said she recalled thinking, “This is the moment.”";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(speaker_of(&quotes, "This is").0, Some("Ana Diaz".into()));
}

#[test]
fn a_cue_coordinated_with_an_earlier_verb_takes_the_sentence_subject() {
    // `… and said she has …: "…"` and `… and said he thought … "…"`: the report is the
    // subject's, not the reported clause's pronoun's.
    let text = "Lena Park toured the harbour on Monday and said she has the one thing the job \
                needs: “Patience, and a lot of it.” Omar Haddad visited the depot and said he \
                thought the buses were “close to falling apart” this winter.";
    let quotes = run(text, &[per("Lena Park"), per("Omar Haddad")]);
    assert_eq!(speaker_of(&quotes, "Patience").0, Some("Lena Park".into()));
    assert_eq!(
        speaker_of(&quotes, "close to").0,
        Some("Omar Haddad".into())
    );
}

#[test]
fn a_person_noun_with_a_complement_heads_the_speaker_phrase() {
    // `the mother of three`: the head is the person noun before `of`, not the last word.
    let text = "Dana Cole spoke to parents on Monday. Asked about fathers, the 34-year-old \
                mother of three replied, “It is meant for every family.”";
    let quotes = run(text, &[per("Dana Cole")]);
    assert_eq!(
        speaker_of(&quotes, "It is meant").0,
        Some("the 34-year-old mother of three".into())
    );
}

#[test]
fn a_name_set_off_after_its_title_is_the_speaker() {
    let text = "Its chief executive, Eva Lind, said that cargo would move again by Monday. The \
                port’s director, Henk Mulder, said: “We lost ten days, but nobody lost a job.”";
    let quotes = run(text, &[per("Eva Lind"), per("Henk Mulder")]);
    assert_eq!(
        summary(&quotes),
        [
            (
                "cargo would move again by Monday".into(),
                QuoteKind::Indirect,
                Some("Eva Lind".into())
            ),
            (
                "We lost ten days, but nobody lost a job.".into(),
                QuoteKind::Direct,
                Some("Henk Mulder".into())
            ),
        ]
    );
}

#[test]
fn a_pronoun_never_resolves_to_a_possessive_or_a_listener() {
    let text = "To Petrov’s surprise, Alice Brandt rewrote the whole program over one weekend. \
                “It was the only way,” she said.";
    let quotes = run(text, &[per("Petrov"), per("Alice Brandt")]);
    assert_eq!(
        quotes[0].speaker.as_ref().map(|s| s.name.as_str()),
        Some("Alice Brandt")
    );
}

#[test]
fn a_nearer_unnamed_speaker_takes_the_pronoun() {
    let text = "Nadia Osei, the union’s leader, said members would strike next week.\n\nBut a \
                spokesman for the employers said its members had already offered more.\n\n“We \
                have been more than fair,” he said.";
    let quotes = run(text, &[per("Nadia Osei")]);
    let names = speaker_names(&quotes);
    assert_eq!(
        names,
        [
            Some("Nadia Osei"),
            Some("a spokesman for the employers"),
            Some("a spokesman for the employers")
        ]
    );
    assert_eq!(
        quotes[2].speaker.as_ref().and_then(|s| s.entity.as_deref()),
        None
    );
}

#[test]
fn a_plural_possessive_stays_inside_the_speaker() {
    let text = "The price of wheat is “as low as anyone can remember,” according to the \
                farmers’ union.";
    let quotes = run(text, &[]);
    assert_eq!(
        quotes[0].speaker.as_ref().map(|s| s.text.as_str()),
        Some("the farmers’ union")
    );
}

#[test]
fn a_pronoun_agrees_with_the_honorifics_of_the_document() {
    let text = "Ms. Ana Ruiz greeted Mr. Tom Reyes at the door. “We had a long night,” he said. \
                “So did we,” she said.";
    let quotes = run(text, &[per("Ana Ruiz"), per("Tom Reyes")]);
    let names = speaker_names(&quotes);
    assert_eq!(names, [Some("Tom Reyes"), Some("Ana Ruiz")]);
}

#[test]
fn a_capital_that_only_starts_the_sentence_names_no_speaker() {
    let text =
        "Rather than moralize about taxes, a rather dull question, let's find out how firms \
                keep money offshore. Keeps saying she opposed the war, when the record keeps \
                saying otherwise.";
    let quotes = run(text, &[]);
    let found: Vec<(&str, Option<&str>)> = quotes
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_ref().map(|s| s.text.as_str())))
        .collect();
    assert_eq!(found, [], "{quotes:?}");
    // A surname the document never writes in lower case keeps its capital's evidence.
    let named = run("Bornsten said the letter was sent in error.", &[]);
    assert_eq!(speaker_names(&named), [Some("Bornsten")]);
}

#[test]
fn a_time_between_speaker_and_cue_is_never_the_speaker() {
    let text = "The health ministry on Monday said that 40 new cases had been confirmed in the \
                north. Officials last week said the roads would reopen soon.";
    let quotes = run(text, &[]);
    assert_eq!(
        reported(&quotes),
        [
            triple(
                "40 new cases had been confirmed in the north",
                "The health ministry",
                "said"
            ),
            triple("the roads would reopen soon", "Officials", "said"),
        ]
    );
}

#[test]
fn a_definite_description_names_the_one_person_introduced_with_that_title() {
    let text = "President Ana Ruiz opened the bridge on Monday. \
                The president said the tolls would end in May.";
    let quotes = run(text, &[per("Ana Ruiz")]);
    let speaker = quotes[0].speaker.as_ref().expect("attributed");
    assert_eq!(
        (speaker.text.as_str(), speaker.name.as_str()),
        ("The president", "Ana Ruiz")
    );
    assert!(speaker.entity.is_some());

    // Two presidents: the description names neither.
    let text = "President Ana Ruiz met President Tom Reyes on Monday. \
                The president said the tolls would end in May.";
    let quotes = run(text, &[per("Ana Ruiz"), per("Tom Reyes")]);
    let speaker = quotes[0].speaker.as_ref().expect("attributed");
    assert_eq!(
        (speaker.name.as_str(), speaker.entity.as_deref()),
        ("The president", None)
    );
}

#[test]
fn a_name_after_a_nominal_speaker_is_who_speaks() {
    let text = "“It was the worst storm in years,” said his neighbour, Tomasz Wierzbicki.";
    let quotes = run(text, &[per("Tomasz Wierzbicki")]);
    let speaker = quotes[0].speaker.as_ref().expect("attributed");
    assert_eq!(speaker.name, "Tomasz Wierzbicki");
    assert!(speaker.entity.is_some());
    // Without a tagged name after the comma the nominal phrase stays the speaker.
    let text = "“It was the worst storm in years,” said his neighbour, who lives by the river.";
    assert_eq!(speaker_names(&run(text, &[])), [Some("his neighbour")]);
}

#[test]
fn a_vice_president_is_not_the_president_and_according_to_takes_no_appositive() {
    let text = "Vice President Ana Ruiz opened the bridge on Monday. \
                The president said the tolls would end in May.";
    let quotes = run(text, &[per("Ana Ruiz")]);
    let speaker = quotes[0].speaker.as_ref().expect("attributed");
    assert_eq!(speaker.entity, None, "{speaker:?}");

    let text = "According to the police, Tom Reyes, 45, was arrested on Monday.";
    let quotes = run(text, &[per("Tom Reyes")]);
    assert_eq!(
        reported(&quotes),
        [triple(
            "Tom Reyes, 45, was arrested on Monday",
            "the police",
            "According to"
        )]
    );
}

#[test]
fn an_organization_in_an_unnamed_speaker_phrase_keeps_it_unnamed() {
    let text = "Nadia Osei, the union’s leader, said members would strike next week.\n\nBut a \
                spokesperson for the Harbour and Dock Employers Association (HDEA) said its members had \
                already offered more.\n\n“We have been more than fair,” he said.";
    let quotes = run(
        text,
        &[
            per("Nadia Osei"),
            (
                "Harbour and Dock Employers Association",
                Label::Organization,
            ),
            ("HDEA", Label::Organization),
        ],
    );
    assert_eq!(
        quotes[2].speaker.as_ref().map(|s| s.name.as_str()),
        Some("a spokesperson for the Harbour and Dock Employers Association")
    );
}

#[test]
fn pronouns_agree_with_the_possessives_the_document_binds() {
    let text = "Manager Rolf Decker congratulated Sofia Lund on her record. She had trained for \
                six years. “I never thought I would get here,” she said.";
    let quotes = run(text, &[per("Rolf Decker"), per("Sofia Lund")]);
    assert_eq!(speaker_names(&quotes), [Some("Sofia Lund")]);
    // An object `her` binds nobody: the subject stays the first choice.
    let text = "Manager Rolf Decker congratulated Sofia Lund and praised her on Monday. “She \
                never gave up,” he said.";
    let quotes = run(text, &[per("Rolf Decker"), per("Sofia Lund")]);
    assert_eq!(speaker_names(&quotes), [Some("Rolf Decker")]);
}

#[test]
fn the_company_or_the_ministry_is_the_one_organization_of_that_type_named_before() {
    let text = "Acme Corp. cut 300 jobs in Leeds. The company said the plant would close in May.";
    let quotes = run(text, &[org("Acme Corp."), ("Leeds", Label::Location)]);
    assert_eq!(speaker_names(&quotes), [Some("Acme Corp.")]);
    let text = "The Ministry of Health opened two clinics. The ministry said more would follow.";
    let quotes = run(text, &[org("Ministry of Health")]);
    assert_eq!(speaker_names(&quotes), [Some("Ministry of Health")]);
    // Two companies: `the company` stays a phrase.
    let text = "Acme Corp. and Orbis Ltd merged. The company said no jobs would go.";
    let quotes = run(text, &[org("Acme Corp."), org("Orbis Ltd")]);
    assert_eq!(speaker_names(&quotes), [Some("The company")]);
}

#[test]
fn a_quotation_with_its_own_cue_and_speaker_never_takes_the_previous_speaker() {
    // `Li Ming` is not tagged: the phrase beside the cue is the speaker all the same.
    let text = "“We will rebuild the bridge,” said Ana Diaz. “It will take a year,” said Li Ming.";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(speaker_names(&quotes), [Some("Ana Diaz"), Some("Li Ming")]);
    // A cue whose phrase names no one leaves the quotation without a speaker rather than
    // continuing the last turn.
    let text =
        "“We will rebuild the bridge,” said Ana Diaz.\n\n“It will take a year,” one of them \
                said.";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert_ne!(speaker_names(&quotes)[1], Some("Ana Diaz"));
}

#[test]
fn a_possessive_never_binds_to_the_listener_of_a_telling_verb() {
    let text =
        "Sofia Lund told Rolf Decker about her plans.\n\nRolf Decker smiled. “It was a good \
                talk,” he said.";
    let quotes = run(text, &[per("Sofia Lund"), per("Rolf Decker")]);
    let talk = quotes
        .iter()
        .find(|q| q.text.starts_with("It was a good talk"))
        .unwrap();
    assert_eq!(
        talk.speaker.as_ref().map(|s| s.name.as_str()),
        Some("Rolf Decker")
    );
}
