//! The quote pass on sentences written for these tests, with entities given by hand (no model).

use quotegraph::linking::group_mentions;
use quotegraph::quotes::find_quotes;
use quotegraph::{Label, Mention, Quote, QuoteKind, Role, RoleSpan};

/// Mentions for every listed name at each of its occurrences in `text` (character offsets).
fn mentions(text: &str, names: &[(&str, Label)]) -> Vec<Mention> {
    let mut out = Vec::new();
    for (name, label) in names {
        let mut from = 0;
        while let Some(b) = text[from..].find(name) {
            let byte = from + b;
            let start = text[..byte].chars().count();
            out.push(Mention {
                text: name.to_string(),
                start,
                end: start + name.chars().count(),
                label: label.clone(),
                score: 0.99,
            });
            from = byte + name.len();
        }
    }
    // Longer names win over names inside them.
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<Mention> = Vec::new();
    for m in out {
        if kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(m);
        }
    }
    kept
}

fn run(text: &str, names: &[(&str, Label)]) -> Vec<Quote> {
    run_with_roles(text, names, &[])
}

/// The quote pass with attribution-head spans given by hand: each `(role, words, score)` is
/// the first occurrence of `words` in `text`.
fn run_with_roles(text: &str, names: &[(&str, Label)], roles: &[(Role, &str, f32)]) -> Vec<Quote> {
    let roles: Vec<RoleSpan> = roles
        .iter()
        .map(|&(role, words, score)| {
            let byte = text.find(words).expect("role words in text");
            let start = text[..byte].chars().count();
            RoleSpan {
                role,
                start,
                end: start + words.chars().count(),
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

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn check_offsets(text: &str, q: &Quote) {
    assert_eq!(slice(text, q.start, q.end), q.text);
    if let Some(s) = &q.speaker {
        assert_eq!(slice(text, s.start, s.end), s.text);
    }
    if let Some(c) = &q.cue {
        assert_eq!(slice(text, c.start, c.end), c.text);
    }
}

/// (text, kind, speaker name) of each quote.
fn summary(quotes: &[Quote]) -> Vec<(String, QuoteKind, Option<String>)> {
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

fn per(name: &str) -> (&str, Label) {
    (name, Label::Person)
}

fn org(name: &str) -> (&str, Label) {
    (name, Label::Organization)
}

fn q(text: &str, kind: QuoteKind, speaker: Option<&str>) -> (String, QuoteKind, Option<String>) {
    (text.to_string(), kind, speaker.map(str::to_string))
}

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

/// The speaker text and rule of the quote whose text starts with `start`.
fn speaker_of(quotes: &[Quote], start: &str) -> (Option<String>, String) {
    quotes
        .iter()
        .find(|q| q.text.starts_with(start))
        .map(|q| (q.speaker.as_ref().map(|s| s.text.clone()), q.rule.clone()))
        .unwrap_or_default()
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
fn markup_attribute_values_are_not_quotes() {
    let text = "<tweet author=\"Ana Diaz\" id=\"12\">Water rose.</tweet>\nAna Diaz said, \"We are ready.\"";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(
        summary(&quotes),
        vec![q("We are ready.", QuoteKind::Direct, Some("Ana Diaz"))]
    );
}

#[test]
fn party_label_before_the_cue() {
    let text = "“The bill is dead,” Sen. Ana Diaz (D-Wis.) said Friday.";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(
        speaker_of(&quotes, "The bill"),
        (Some("Ana Diaz".into()), "quote-speaker-cue".into())
    );
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
fn mixed_quote_closing_its_sentence_is_not_attributed_to_the_next() {
    let text = "The council praised the plan for its “new ideas.” Tom Reyes is building a park.";
    let quotes = run(text, &[per("Tom Reyes")]);
    let quote = quotes.iter().find(|q| q.text == "new ideas.");
    assert!(quote.is_some_and(|q| q.speaker.as_ref().is_none_or(|s| s.text != "Tom Reyes")));
}

#[test]
fn long_sentence_ending_in_its_attribution_leads_the_next_quote() {
    let text = "The bridge, which was built in 1950 and repaired twice since then by the county and the state together, will close for a year, Ana Diaz said. “We have no other choice.”";
    let quotes = run(text, &[per("Ana Diaz")]);
    assert_eq!(speaker_of(&quotes, "We have").0, Some("Ana Diaz".into()));
}

#[test]
fn a_cue_verb_before_a_preposition_is_not_reported_speech() {
    let text = "Tom Whitaker covers city hall. He previously reported for the Boston Globe and wrote for Reuters.";
    let quotes = run(text, &[("Tom Whitaker", Label::Person)]);
    assert!(quotes.is_empty(), "{:?}", summary(&quotes));
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

/// The speaker name of each quotation, `None` when unattributed.
fn speaker_names(quotes: &[Quote]) -> Vec<Option<&str>> {
    quotes
        .iter()
        .map(|q| q.speaker.as_ref().map(|s| s.name.as_str()))
        .collect()
}

/// (text, speaker text, cue text) of each reported-speech quotation.
fn reported(quotes: &[Quote]) -> Vec<(String, String, String)> {
    quotes
        .iter()
        .map(|q| {
            let speaker = q.speaker.as_ref().map_or("", |s| s.text.as_str());
            let cue = q.cue.as_ref().map_or("", |c| c.text.as_str());
            (q.text.clone(), speaker.to_string(), cue.to_string())
        })
        .collect()
}

fn triple(text: &str, speaker: &str, cue: &str) -> (String, String, String) {
    (text.into(), speaker.into(), cue.into())
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
fn a_pronoun_agrees_with_the_honorifics_of_the_document() {
    let text = "Ms. Ana Ruiz greeted Mr. Tom Reyes at the door. “We had a long night,” he said. \
                “So did we,” she said.";
    let quotes = run(text, &[per("Ana Ruiz"), per("Tom Reyes")]);
    let names = speaker_names(&quotes);
    assert_eq!(names, [Some("Tom Reyes"), Some("Ana Ruiz")]);
}

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
