//! The marked-quotation rules and their post-passes (`src/quotes/marked.rs`, `scare.rs`, `turns.rs`), on text of our own with entities given by hand (no model).

mod common;

use common::{mentions, per, q, reported, run, speaker_names, speaker_of, summary, triple};
use quotegraph::linking::group_mentions;
use quotegraph::quotes::find_quotes;
use quotegraph::{Label, QuoteKind};

#[test]
fn comma_quote_then_speaker_and_cue() {
    let text = "“The bridge will open in May,” Ana Diaz said on Tuesday.";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(
        summary(&quotes),
        vec![q(
            "The bridge will open in May,",
            QuoteKind::Direct,
            Some("Ana Diaz")
        )]
    );
    assert_eq!(quotes[0].rule, "quote-speaker-cue");
    assert_eq!(
        quotes[0].cue.as_ref().map(|c| c.text.as_str()),
        Some("said")
    );
    assert_eq!(
        quotes[0].speaker.as_ref().and_then(|s| s.entity.as_deref()),
        Some("e0")
    );
}

#[test]
fn inverted_cue_before_speaker_with_title() {
    let text = "\"We are ready,\" said Mayor Lena Ortiz.";
    let quotes = run(text, &[per("Lena Ortiz")]);
    assert_eq!(
        summary(&quotes),
        vec![q("We are ready,", QuoteKind::Direct, Some("Lena Ortiz"))]
    );
    assert_eq!(quotes[0].rule, "quote-cue-speaker");
}

#[test]
fn speaker_cue_comma_and_colon_lead_ins() {
    let text = "Ana Diaz said, “The vote is close.” Later Tom Reyes told reporters: “We will win.”";
    let quotes = run(text, &[per("Ana Diaz"), per("Tom Reyes")]);
    assert_eq!(
        summary(&quotes),
        vec![
            q("The vote is close.", QuoteKind::Direct, Some("Ana Diaz")),
            q("We will win.", QuoteKind::Direct, Some("Tom Reyes")),
        ]
    );
    assert!(quotes.iter().all(|q| q.rule == "speaker-cue-quote"));
}

#[test]
fn bare_name_and_colon() {
    let text = "Ortiz: \"No comment from the city.\"";
    let quotes = run(text, &[per("Ortiz")]);
    assert_eq!(
        summary(&quotes),
        vec![q(
            "No comment from the city.",
            QuoteKind::Direct,
            Some("Ortiz")
        )]
    );
    assert_eq!(quotes[0].rule, "speaker-colon-quote");
}

#[test]
fn lead_in_on_the_previous_paragraph() {
    let text = "In a letter to members, the union's president wrote:\n\n“We stand together on this contract.”";
    let quotes = run(text, &[]);
    assert_eq!(
        summary(&quotes),
        vec![q(
            "We stand together on this contract.",
            QuoteKind::Direct,
            Some("the union's president")
        )]
    );
    assert_eq!(quotes[0].rule, "lead-in-colon");
}

#[test]
fn em_dash_byline() {
    let text = "“Spectrum policy must serve rural towns.” —Commissioner Jane Roe";
    let quotes = run(text, &[per("Jane Roe")]);
    assert_eq!(
        summary(&quotes),
        vec![q(
            "Spectrum policy must serve rural towns.",
            QuoteKind::Direct,
            Some("Jane Roe")
        )]
    );
    assert_eq!(quotes[0].rule, "quote-dash-byline");
    assert!(quotes[0].cue.is_none());
}

#[test]
fn mixed_quote_inside_reported_speech() {
    let text = "Pompeo said he had \"a good, productive conversation\" with Kim.";
    let quotes = run(text, &[per("Pompeo"), per("Kim")]);
    assert_eq!(
        summary(&quotes),
        vec![q(
            "a good, productive conversation",
            QuoteKind::Mixed,
            Some("Pompeo")
        )]
    );
    assert_eq!(quotes[0].rule, "mixed-speaker-cue");
}

#[test]
fn split_quote_and_next_paragraph_continue_the_turn() {
    let text = "“We planted early,” Ana Diaz said. “The rain came late.”\n\n“Next year we will try again.”";
    let quotes = run(text, &[per("Ana Diaz")]);
    let names: Vec<Option<String>> = summary(&quotes).into_iter().map(|s| s.2).collect();
    assert_eq!(names, vec![Some("Ana Diaz".to_string()); 3]);
    assert_eq!(quotes[2].rule, "paragraph-continuation");
}

#[test]
fn multi_paragraph_quote_shares_its_speaker() {
    let text = "Tom Reyes described the night.\n\n“First the lights went out.\n\n“Then the water rose,” Reyes said.";
    let quotes = run(text, &[per("Tom Reyes"), per("Reyes")]);
    assert_eq!(
        summary(&quotes),
        vec![
            q(
                "First the lights went out.",
                QuoteKind::Direct,
                Some("Tom Reyes")
            ),
            q("Then the water rose,", QuoteKind::Direct, Some("Tom Reyes")),
        ]
    );
    assert_eq!(quotes[0].rule, "quote-multi-paragraph");
}

#[test]
fn no_speaker_gives_null_not_a_guess() {
    let text = "Ana Diaz spoke first.\n\nThe report was long.\n\n“Nobody expected the river to rise so fast this spring.”";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(quotes.len(), 1);
    assert!(quotes[0].speaker.is_none());
    assert_eq!(quotes[0].rule, "quote-unattributed");
}

#[test]
fn scare_quotes_and_nicknames_are_never_attributed() {
    let text = "Police said Marcello \"Shorty\" Cuttitta fled. Critics mocked the so-called \"woke\" crowd. The plan looked \"bold\" to many.";
    let quotes = run(text, &[per("Marcello"), per("Cuttitta")]);
    assert_eq!(
        quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Indirect)
            .count(),
        3
    );
    for quote in quotes.iter().filter(|q| q.kind != QuoteKind::Indirect) {
        assert_eq!(
            quote.kind,
            QuoteKind::Scare,
            "{} {}",
            quote.text,
            quote.rule
        );
        assert!(quote.speaker.is_none());
    }
}

#[test]
fn show_and_book_titles_are_not_speech() {
    let text = "Ana Diaz told NBC's \"Morning Report\" that the bridge would open. In his book, \"Rivers of Gold,\" Tom Reyes wrote about floods. The film \"Flood.\" opens Friday.";
    let quotes = run(text, &[per("Ana Diaz"), per("Tom Reyes")]);
    for title in ["Morning Report", "Rivers of Gold,", "Flood."] {
        let quote = quotes.iter().find(|q| q.text == title);
        assert_eq!(quote.map(|q| q.kind), Some(QuoteKind::Scare), "{title}");
        assert_eq!(quote.map(|q| q.rule.as_str()), Some("scare-title"));
    }
}

#[test]
fn long_appositive_between_quote_and_cue() {
    let text = "“Rates will rise,” Ana Diaz, an economist at the state university who studied the housing market for two decades and a former adviser to the governor, said of the plan.";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(speaker_of(&quotes, "Rates").0, Some("Ana Diaz".into()));
}

#[test]
fn cue_closing_the_sentence_after_an_open_quote() {
    let text = "Tom Reyes spoke first. “Nobody will be paid” until the audit ends, she said.";
    let quotes = run(text, &[per("Tom Reyes")]);
    assert_eq!(
        speaker_of(&quotes, "Nobody"),
        (Some("she".into()), "quote-trailing-cue".into())
    );
}

#[test]
fn mixed_quote_closing_its_sentence_is_not_attributed_to_the_next() {
    // No cue before the quotation, so only the guard keeps `Tom Reyes said` after it, which
    // starts the next sentence, from being its attribution.
    let text = "The plan was known for its “new ideas.” Tom Reyes said the park would open in May.";
    let quotes = run(text, &[per("Tom Reyes")]);
    let quote = quotes
        .iter()
        .find(|q| q.text == "new ideas.")
        .expect("quoted");
    assert_eq!(quote.kind, QuoteKind::Mixed);
    assert!(quote.speaker.is_none(), "{:?}", summary(&quotes));
    assert_eq!(quote.rule, "quote-unattributed");
    let report = triple("the park would open in May", "Tom Reyes", "said");
    assert!(reported(&quotes).contains(&report));
}

#[test]
fn long_sentence_ending_in_its_attribution_leads_the_next_quote() {
    let text = "The bridge, which was built in 1950 and repaired twice since then by the county and the state together, will close for a year, Ana Diaz said. “We have no other choice.”";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(speaker_of(&quotes, "We have").0, Some("Ana Diaz".into()));
}

#[test]
fn a_quotation_lists_the_entities_it_mentions() {
    let text = "“We will rebuild Harwich with help from Acme Ports,” Joe Biden said. \
                Officials called it “a gift to Harwich”.";
    let names = [
        ("Harwich", Label::Location),
        ("Acme Ports", Label::Organization),
        ("Joe Biden", Label::Person),
    ];
    let entities = group_mentions(&mentions(text, &names));
    let id = |name: &str| {
        entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.id.clone())
            .expect("entity")
    };
    let quotes = find_quotes(text, &entities, &[]);
    assert_eq!(
        quotes[0].about,
        [id("Harwich"), id("Acme Ports")],
        "{quotes:?}"
    );
    assert!(
        !quotes[0].about.contains(&id("Joe Biden")),
        "the speaker is outside"
    );
}

#[test]
fn a_quotation_after_another_persons_sentence_is_not_the_earlier_speakers() {
    let text = "“We are ready to start building in spring,” said Mayor Ana Ruiz. Her rival on \
                the council, Tom Reyes, disagreed. “The plan is a fantasy and the money is not \
                there.”";
    let quotes = run(text, &[per("Ana Ruiz"), per("Tom Reyes")]);
    assert_eq!(quotes.len(), 2);
    let second = quotes[1].speaker.as_ref().map(|s| s.name.as_str());
    assert_ne!(second, Some("Ana Ruiz"), "{quotes:?}");
}

#[test]
fn a_quotation_right_after_a_report_is_the_reporters() {
    let text = "Karim Haddad, who runs the bakery, said he was worried. “Flour has doubled in \
                price since March.”";
    let quotes = run(text, &[per("Karim Haddad")]);
    let last = quotes.last().expect("the quotation");
    assert_eq!(last.text, "Flour has doubled in price since March.");
    assert_eq!(
        last.speaker.as_ref().map(|s| s.name.as_str()),
        Some("Karim Haddad")
    );
    assert_eq!(last.rule, "quote-after-report");
}

#[test]
fn hyphen_bylines_and_from_lead_ins_name_the_speaker() {
    let text = "“We will publish the full report next week.” -Commissioner Rob Starling\n\nAnd \
                from Chairwoman Lydia Voss:\n\n“We will not close a single branch this year.”";
    let quotes = run(text, &[per("Rob Starling"), per("Lydia Voss")]);
    let names = speaker_names(&quotes);
    assert_eq!(names, [Some("Rob Starling"), Some("Lydia Voss")]);
}

#[test]
fn a_short_name_in_quotes_inside_a_report_is_a_scare_quote() {
    let text = "The couple remain inside the “Green House” compound outside the capital, a \
                source said.";
    let quotes = run(text, &[]);
    assert_eq!(
        summary(&quotes),
        [
            (
                "The couple remain inside the “Green House” compound outside the capital".into(),
                QuoteKind::Indirect,
                Some("a source".into())
            ),
            ("Green House".into(), QuoteKind::Scare, None),
        ]
    );
}

#[test]
fn the_main_clause_cue_outranks_a_cue_in_an_introductory_phrase() {
    let text = "In a Facebook message posted Friday, Cruz said he has had \"areas of significant \
                disagreement\" with Trump. In a statement announcing the pick, the union called \
                Clinton a \"champion\" for its members.";
    let quotes = run(text, &[per("Cruz"), per("Trump"), per("Clinton")]);
    let found: Vec<(Option<&str>, Option<&str>)> = quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Scare)
        .map(|q| {
            (
                q.speaker.as_ref().map(|s| s.text.as_str()),
                q.cue.as_ref().map(|c| c.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (Some("Cruz"), Some("said")),
            (Some("the union"), Some("called"))
        ],
        "{quotes:?}"
    );
}

#[test]
fn quoted_words_inside_the_subject_are_not_speech() {
    let text =
        "The “sex tape” reference was apparently about a video. Pompeo likes “quiet diplomacy” \
                with old allies.";
    let quotes = run(text, &[per("Pompeo")]);
    let attributed: Vec<(&str, Option<&str>)> = quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Scare)
        .map(|q| (q.text.as_str(), q.speaker.as_ref().map(|s| s.name.as_str())))
        .collect();
    assert_eq!(
        attributed,
        [("quiet diplomacy", Some("Pompeo"))],
        "{quotes:?}"
    );
}

#[test]
fn titles_punctuated_inside_their_marks_are_not_speech() {
    let text = "Critics praised the thriller “Harbour,” the first film of the season.\n\n“Lanterns,” a Danish drama about fishermen, won in Berlin.\n\nThe jury also liked the biopic “Greta.”\n\nShe starred in “The Long Winter Over the Northern Sea” last year.\n\nAna Diaz wrote on Twitter. “THIS IS A DISGRACE TO OUR TOWN.”\n\n“Never,” came the reply.\n\n“Absolutely.”\n\n“The rent has doubled in two years and nobody can pay it.”";
    let quotes = run(text, &[per("Ana Diaz")]);
    for (title, rule) in [
        ("Harbour,", "scare-title"),
        ("Lanterns,", "scare-quote"),
        ("Greta.", "scare-title"),
        ("The Long Winter Over the Northern Sea", "scare-title"),
    ] {
        let quote = quotes.iter().find(|q| q.text == title);
        assert_eq!(quote.map(|q| q.kind), Some(QuoteKind::Scare), "{title}");
        assert_eq!(quote.map(|q| q.rule.as_str()), Some(rule), "{title}");
    }
    for speech in [
        "THIS IS A DISGRACE TO OUR TOWN.",
        "Never,",
        "Absolutely.",
        "The rent has doubled in two years and nobody can pay it.",
    ] {
        let quote = quotes.iter().find(|q| q.text == speech);
        assert!(
            quote.is_some_and(|q| q.kind != QuoteKind::Scare),
            "{speech}: {:?}",
            quote.map(|q| &q.rule)
        );
    }
}

#[test]
fn one_capitalized_word_quoted_inside_a_sentence_is_a_name() {
    let text = "Her turn as a loner in “Driftwood” has swept the season.\n\nAna Diaz said “Never” and walked out. She told reporters “Nothing.” Asked again, she said simply “No.” Fans greeted her with chants of “Ana!” at the door.";
    let quotes = run(text, &[per("Ana Diaz")]);
    let name = quotes.iter().find(|q| q.text == "Driftwood");
    assert_eq!(name.map(|q| q.rule.as_str()), Some("scare-title"));
    for speech in ["Never", "Nothing.", "No.", "Ana!"] {
        let quote = quotes.iter().find(|q| q.text == speech);
        assert!(
            quote.is_some_and(|q| q.kind != QuoteKind::Scare),
            "{speech}: {:?}",
            quote.map(|q| &q.rule)
        );
    }
}
