//! The bundled model on real sentences written for these tests.

mod util;

use quotegraph::tagging::Precision;
use quotegraph::{Document, Label, Mention, Pipeline, Role, Tagger, TaggerOptions};
use util::{assert_offsets_slice, bundled_model};

fn tag(text: &str) -> Vec<Mention> {
    let tagger = Tagger::load(&bundled_model()).expect("bundled model loads");
    let mentions = tagger.tag(&[text]).unwrap().pop().unwrap();
    assert_offsets_slice(text, &mentions);
    mentions
}

fn has(mentions: &[Mention], text: &str, label: Label) -> bool {
    mentions.iter().any(|m| m.text == text && m.label == label)
}

#[test]
fn tags_people_places_and_organizations_in_news_text() {
    let text = "Secretary of State Mike Pompeo flew to Seoul on Sunday to meet President Moon \
                Jae-in, the State Department said. Pompeo later spoke with reporters from \
                Reuters and the Associated Press.";
    let m = tag(text);
    assert!(has(&m, "Mike Pompeo", Label::Person), "{m:?}");
    assert!(has(&m, "Moon Jae-in", Label::Person), "{m:?}");
    assert!(has(&m, "Pompeo", Label::Person), "{m:?}");
    assert!(has(&m, "Seoul", Label::Location), "{m:?}");
    assert!(has(&m, "State Department", Label::Organization), "{m:?}");
    assert!(has(&m, "Reuters", Label::Organization), "{m:?}");
}

#[test]
fn offsets_count_characters_in_accented_cjk_and_emoji_text() {
    let text = "🙂🙂 Ärzte in Zürich: Dr. Zoë Müller told the Süddeutsche Zeitung that \
                Angela Merkel visited Genève and Beijing (北京) last week.";
    let m = tag(text);
    assert!(has(&m, "Zürich", Label::Location), "{m:?}");
    assert!(has(&m, "Angela Merkel", Label::Person), "{m:?}");
    assert!(has(&m, "Zoë Müller", Label::Person), "{m:?}");
    assert!(has(&m, "Beijing", Label::Location), "{m:?}");
    let merkel = m.iter().find(|x| x.text == "Angela Merkel").unwrap();
    let byte = text.find("Angela Merkel").unwrap();
    assert_eq!(merkel.span.start, text[..byte].chars().count());
    assert_eq!(
        merkel.span.end,
        merkel.span.start + "Angela Merkel".chars().count()
    );
}

#[test]
fn long_documents_are_tagged_the_same_across_window_boundaries() {
    let paragraph = "Mayor Angela Ruiz said the bridge in Portsmouth would reopen in June, \
                     and the Maine Department of Transportation agreed to pay half. ";
    let text = paragraph.repeat(25);
    let small = Tagger::load_with(
        &bundled_model(),
        TaggerOptions {
            window: Some(40),
            batch_size: 7,
            ..TaggerOptions::default()
        },
    )
    .unwrap();
    let progress = small.window_progress();
    assert_eq!(progress.get(), (0, 0));
    let mentions = small.tag(&[&text]).unwrap().pop().unwrap();
    assert_offsets_slice(&text, &mentions);
    // Progress within the document counted every window, over several forward passes.
    let (done, total) = progress.get();
    assert_eq!(done, total);
    assert!(total > 3 * 7, "{total} windows");
    let period = paragraph.chars().count();
    let ruiz: Vec<usize> = mentions
        .iter()
        .filter(|m| m.text == "Angela Ruiz" && m.label == Label::Person)
        .map(|m| m.span.start)
        .collect();
    assert_eq!(ruiz.len(), 25, "{mentions:?}");
    for (k, start) in ruiz.iter().enumerate() {
        assert_eq!(*start, 6 + k * period);
    }
}

#[test]
fn empty_and_blank_documents_produce_empty_records() {
    let pipeline = Pipeline::load(&bundled_model()).unwrap();
    for text in ["", " \n\n\t "] {
        let doc = pipeline.process(Document::new("blank", text)).unwrap();
        assert!(doc.entities.is_empty() && doc.quotes.is_empty());
    }
}

#[test]
fn names_never_run_across_a_line_break() {
    let text =
        "Flooding closes roads in Ostrava\n\nBRNO, Czech Republic - Heavy rain closed roads.";
    let m = tag(text);
    assert!(m.iter().all(|x| !x.text.contains('\n')), "{m:?}");
    assert!(m.iter().any(|x| x.text == "BRNO"), "{m:?}");
}

/// A mention score at or above this is clear of the decision boundary: its words' chosen
/// labels average at least this probability, far from the near-ties that rounding can flip.
const CLEAR: f32 = 0.9;

#[test]
fn bfloat16_and_int8_find_the_clear_names_of_f32_on_a_news_article() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbour-bridge.txt"),
    )
    .unwrap();
    let run = |precision| {
        let options = TaggerOptions {
            precision,
            ..TaggerOptions::default()
        };
        let tagger = Tagger::load_with(&bundled_model(), options).unwrap();
        assert_eq!(tagger.precision(), precision);
        tagger.tag(&[&text]).unwrap().pop().unwrap()
    };
    let exact = run(Precision::F32);
    assert!(exact.len() >= 10, "{exact:?}");
    // The comparison must cover most of the article, not a handful of names.
    let clear = exact.iter().filter(|m| m.score >= CLEAR).count();
    assert!(
        clear * 2 >= exact.len(),
        "too few clear names to compare: {exact:?}"
    );
    // bf16 keeps 8 bits of mantissa (and is emulated, with another summation order, where the
    // CPU has no AVX512-BF16); int8 rounds weights to 255 levels per row and activations to 256
    // per token. A name the f32 path finds by a hair may flip. What holds on every CPU: each name
    // one path finds clearly, the other finds too, with the same span and type and a close
    // score.
    let same = |a: &Mention, b: &Mention| {
        (a.span.start, a.span.end, &a.label) == (b.span.start, b.span.end, &b.label)
    };
    for precision in [Precision::Bf16, Precision::Int8] {
        let reduced = run(precision);
        for (from, to, what) in [(&exact, &reduced, "from f32"), (&reduced, &exact, "to f32")] {
            for clear in from.iter().filter(|m| m.score >= CLEAR) {
                let found = to.iter().find(|m| same(m, clear));
                let found = found
                    .unwrap_or_else(|| panic!("{precision:?} {what}: {clear:?} missing in {to:?}"));
                assert!(
                    (found.score - clear.score).abs() < 0.1,
                    "{precision:?} {what}: scores differ: {clear:?} {found:?}"
                );
            }
        }
    }
}

#[test]
fn a_document_longer_than_a_tokenizer_piece_is_tagged_the_same_throughout() {
    // Over 64 KiB: tokenized in several pieces, cut after line breaks.
    let paragraph = "Mayor Angela Ruiz said the bridge in Portsmouth would reopen in June, \
                     and the Maine Department of Transportation agreed to pay half.\n";
    let text = paragraph.repeat(70_000 / paragraph.len() + 1);
    assert!(text.len() > 64 * 1024);
    let tagger = Tagger::load(&bundled_model()).unwrap();
    let mentions = tagger.tag(&[&text]).unwrap().pop().unwrap();
    assert_offsets_slice(&text, &mentions);
    let per_paragraph = |k: usize| -> Vec<(usize, usize, Label)> {
        let base = k * paragraph.chars().count();
        let end = base + paragraph.chars().count();
        mentions
            .iter()
            .filter(|m| m.span.start >= base && m.span.end <= end)
            .map(|m| (m.span.start - base, m.span.end - base, m.label.clone()))
            .collect()
    };
    let first = per_paragraph(0);
    assert!(first.iter().any(|m| m.2 == Label::Person), "{first:?}");
    let count = text.matches('\n').count();
    for k in [count / 2, count - 1] {
        assert_eq!(per_paragraph(k), first, "paragraph {k}");
    }
}

/// True when `text` starts and ends like a name: a letter or digit at each end, or the dot of
/// an abbreviation or initial glued to the last word ("U.S.", "Jr.").
fn clean_edges(text: &str) -> bool {
    let first = text.chars().next().is_some_and(char::is_alphanumeric);
    let body = text.strip_suffix('.').unwrap_or(text);
    first && body.chars().last().is_some_and(char::is_alphanumeric)
}

#[test]
fn mentions_have_clean_edges_around_initials_honorifics_and_sentence_ends() {
    let texts = [
        "The board named Michael G. Stanton as interim chief on Monday. Mr. Stanton replaces \
         Claudia S. Pedro, who resigned last week.",
        "Mr. Stanton spoke first. Ms. Pedro, who left on Friday, did not. Dr. Ana K. Ruiz \
         agreed with Sen. J. R. Hollis.",
        "It rained on Monday.Mr. Stanton left early. He met Gov. Lena Ortiz (D-Wis.) and \
         Martin Luther King Jr. Day was quiet in the U.S.",
        "“Claudia S. Pedro.” Stanton, M. G., wrote to Prof. Zoë Müller; Müller replied.",
    ];
    let pipeline = Pipeline::load(&bundled_model()).unwrap();
    for text in texts {
        let doc = pipeline.process(Document::new("t", text)).unwrap();
        let mentions: Vec<&Mention> = doc.entities.iter().flat_map(|e| &e.mentions).collect();
        assert!(mentions.len() >= 3, "{text}: {mentions:?}");
        for m in &mentions {
            assert!(clean_edges(&m.text), "{text}: {m:?}");
        }
    }
    let doc = pipeline.process(Document::new("t", texts[0])).unwrap();
    let stanton: Vec<_> = doc
        .entities
        .iter()
        .filter(|e| e.name.contains("Stanton"))
        .collect();
    assert_eq!(stanton.len(), 1, "{:?}", doc.entities);
    assert_eq!(stanton[0].name, "Michael G. Stanton");
    assert_eq!(stanton[0].mentions.len(), 2, "{:?}", stanton[0]);
}

#[test]
fn invisible_characters_split_no_name_and_offsets_keep_them() {
    let text = "Benjamin Netan\u{AD}yahu met Ursula von der Le\u{200B}yen in Brus\u{2060}sels. \
                \u{FEFF}Netan\u{AD}yahu said little.";
    let pipeline = Pipeline::load(&bundled_model()).unwrap();
    let doc = pipeline.process(Document::new("t", text)).unwrap();
    let mentions: Vec<Mention> = doc
        .entities
        .iter()
        .flat_map(|e| e.mentions.clone())
        .collect();
    assert_offsets_slice(text, &mentions);
    let names: Vec<(&str, usize)> = doc
        .entities
        .iter()
        .map(|e| (e.name.as_str(), e.mentions.len()))
        .collect();
    assert!(names.contains(&("Benjamin Netanyahu", 2)), "{names:?}");
    assert!(names.contains(&("Brussels", 1)), "{names:?}");
    assert!(
        mentions.iter().any(|m| m.text == "Netan\u{AD}yahu"),
        "the mention keeps the text as given: {mentions:?}"
    );
}

#[test]
fn a_pipeline_is_shared_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Pipeline>();
    shareable::<Tagger>();
    let pipeline = std::sync::Arc::new(Pipeline::load(&bundled_model()).unwrap());
    let texts = [
        "Mayor Angela Ruiz said the bridge in Portsmouth would reopen in June.",
        "“We will rebuild,” said Mike Pompeo in Seoul.",
    ];
    let results: Vec<Document> = std::thread::scope(|scope| {
        let handles: Vec<_> = texts
            .iter()
            .map(|text| {
                let pipeline = std::sync::Arc::clone(&pipeline);
                scope.spawn(move || pipeline.process(Document::new("t", *text)).unwrap())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (text, shared) in texts.iter().zip(&results) {
        let alone = pipeline.process(Document::new("t", *text)).unwrap();
        assert_eq!(&alone, shared, "the same result from any thread");
        assert!(!shared.entities.is_empty(), "{shared:?}");
    }
    assert_eq!(
        pipeline.tagger().stats().sequences,
        4,
        "counted from both threads"
    );
}

/// The bundled model's attribution head, end to end: role spans from the tagger, and the
/// linker's quotations with the whole source phrase as the speaker's text.
#[test]
fn the_attribution_head_tags_roles_and_the_linker_links_them() {
    let tagger = Tagger::load(&bundled_model()).unwrap();
    assert!(tagger.has_role_head(), "the bundled model carries the head");
    let text = "The airline is weighing deep job cuts, a person familiar with the plans told \
                Reuters.\nThe port will stay closed until spring, Harbour Board chair Lena Okafor \
                believes.";
    let tagged = tagger.tag_with_roles(&[text]).unwrap().pop().unwrap();
    let role_text = |role: Role| -> Vec<String> {
        tagged
            .roles
            .iter()
            .filter(|r| r.role == role)
            .map(|r| {
                text.chars()
                    .skip(r.span.start)
                    .take(r.span.end - r.span.start)
                    .collect()
            })
            .collect()
    };
    assert!(
        role_text(Role::Content)
            .iter()
            .any(|c| c.starts_with("The airline is weighing deep job cuts")),
        "{:?}",
        tagged.roles
    );
    let pipeline = Pipeline::load(&bundled_model())
        .unwrap()
        .with_attributions(quotegraph::Attributions::All);
    let doc = pipeline.process(Document::new("t", text)).unwrap();
    let speakers: Vec<(&str, &str)> = doc
        .quotes
        .iter()
        .filter_map(|q| {
            q.speaker
                .as_ref()
                .map(|s| (q.text.as_str(), s.name.as_str()))
        })
        .collect();
    assert!(
        speakers.contains(&(
            "The airline is weighing deep job cuts",
            "a person familiar with the plans"
        )),
        "{:?}",
        doc.quotes
    );
    let okafor = doc
        .quotes
        .iter()
        .find(|q| q.text.starts_with("The port will stay closed"))
        .and_then(|q| q.speaker.as_ref())
        .expect("the belief is attributed");
    assert_eq!(okafor.name, "Lena Okafor");
    assert!(okafor.text.ends_with("Lena Okafor"), "{okafor:?}");
    let belief = doc
        .quotes
        .iter()
        .find(|q| q.text.starts_with("The port will stay closed"))
        .and_then(|q| q.attribution);
    assert_eq!(belief, Some(quotegraph::AttributionType::Belief));
    let statements = quotegraph::quotes::keep_statements(doc.quotes.clone());
    assert!(
        statements.iter().all(|q| !q.text.starts_with("The port")),
        "a belief is no statement: {statements:?}"
    );
    assert!(doc.quotes.iter().all(|q| (0.0..=1.0).contains(&q.score)));
}

#[test]
fn a_title_alone_is_never_a_person() {
    let text = "Councilman David Okafor voted against the plan. Mayor Angela Ruiz and Senator \
                Maria Lopez backed it, as did Councilwoman Jo Park and Detective Sam Reed.";
    let m = tag(text);
    assert!(
        !m.iter()
            .any(|x| x.label == Label::Person && quotegraph::linking::is_title(&x.text)),
        "{m:?}"
    );
    for name in [
        "David Okafor",
        "Angela Ruiz",
        "Maria Lopez",
        "Jo Park",
        "Sam Reed",
    ] {
        assert!(
            m.iter()
                .any(|x| x.label == Label::Person && x.text.ends_with(name)),
            "{name}: {m:?}"
        );
    }
}

/// The cases of the attribution issue, end to end with the bundled model (entities, the
/// attribution head, rules and linker): each expected quotation has its speaker, texts with
/// no speech have no quotation. (`tests/marked_rules.rs` and the other model-free tests check the same cases on the rules
/// alone.)
#[test]
fn the_attribution_cases_hold_end_to_end() {
    let cases: [(&str, &[(&str, &str)]); 12] = [
        ("The health ministry on Monday said that 40 new cases had been confirmed in the north.",
         &[("that 40 new cases", "The health ministry")]),
        ("For a decade the United States has kept sanctions on the regime. Fighters from the \
          Islamic State still hold two towns.", &[]),
        ("Repairs usually stop in the cold months, said Omar Haddad, a spokesman for the roads \
          agency.", &[("Repairs usually stop", "Omar Haddad")]),
        ("To Petrov’s surprise, Alice Brandt rewrote the whole program over one weekend. “It was \
          the only way,” she said.", &[("It was the only way", "Alice Brandt")]),
        ("The airline is weighing deep job cuts, a person familiar with the plans told Reuters.",
         &[("The airline is weighing", "a person familiar with the plans")]),
        ("The interior minister condemned the attack and said the government would support the \
          families.", &[("the government would support", "The interior minister")]),
        ("The price of wheat is “as low as anyone can remember,” according to the farmers’ union.",
         &[("as low as anyone", "the farmers’ union")]),
        ("Its chief executive, Eva Lind, said that cargo would move again by Monday. The union’s \
          leader, Sam Obi, told reporters the strike was over. The port’s director, Henk Mulder, \
          said: “We lost ten days, but nobody lost a job.”",
         &[("that cargo would move", "Eva Lind"), ("the strike was over", "Sam Obi"),
           ("We lost ten days", "Henk Mulder")]),
        ("The agency confirmed Dana Whitfield as its new general counsel on Tuesday. Polish \
          officials thanked the Red Cross. Leeds United added a third goal in the second half.",
         &[]),
        ("Karim Haddad, who runs the bakery, said he was worried. “Flour has doubled in price \
          since March.”", &[("Flour has doubled", "Karim Haddad")]),
        ("“We will publish the full report next week.” -Commissioner Rob Starling\n\nAnd from \
          Chairwoman Lydia Voss:\n\n“We will appeal.”",
         &[("We will publish", "Rob Starling"), ("We will appeal", "Lydia Voss")]),
        ("Nadia Osei, the union’s leader, said members would strike next week.\n\nBut a spokesman \
          for the employers said its members had already offered more.\n\n“We have been more \
          than fair,” he said.", &[("We have been more than fair", "a spokesman for the employers")]),
    ];
    let pipeline = Pipeline::load(&bundled_model()).unwrap();
    for (text, expected) in cases {
        let doc = pipeline.process(Document::new("case", text)).unwrap();
        let speech: Vec<(&str, Option<&str>)> = doc
            .quotes
            .iter()
            .filter(|q| q.kind != quotegraph::QuoteKind::Scare)
            .map(|q| (q.text.as_str(), q.speaker.as_ref().map(|s| s.name.as_str())))
            .collect();
        if expected.is_empty() {
            assert!(speech.is_empty(), "{text}: {speech:?}");
        }
        for (words, speaker) in expected {
            assert!(
                speech
                    .iter()
                    .any(|(t, s)| t.contains(words) && *s == Some(*speaker)),
                "{text}: no {words:?} by {speaker:?} in {speech:?}"
            );
        }
    }
}

/// The cases of the statements issue, end to end with the bundled model in the default
/// (statements) view: each expected quotation is found with its speaker (the `Some(label)`
/// entity type when the speaker must be linked to an entity), and texts with no statement have
/// no quotation. (`tests/statements.rs`, `tests/layout.rs` and the other model-free tests check
/// the rules alone.)
#[test]
fn the_statement_cases_hold_end_to_end() {
    type Expected<'a> = &'a [(&'a str, &'a str, Option<Label>)];
    let cases: [(&str, Expected); 14] = [
        ("Asked about the merger, the airline declined to comment. The pilots' union said talks \
          would resume in June.", &[("talks would resume in June", "The pilots' union", None)]),
        ("“The river is still rising,” said Marta Kowalczyk, the town's mayor. Farmers said their \
          fields had been under water for a week.",
         &[("The river is still rising", "Marta Kowalczyk", Some(Label::Person)),
           ("their fields had been under water", "Farmers", None)]),
        ("The senator criticized the budget during a long speech on Tuesday. Local officials \
          praised the new tram line.", &[]),
        ("Few would argue that the old bridge should stay open. Nobody said the repairs would be \
          cheap.", &[]),
        ("Coach Ivana Petrova praised goalkeeper Lena Brandt after the match.", &[]),
        ("Manager Rolf Decker congratulated Sofia Lund on her record. She had trained for six \
          years. “I never thought I would get here,” she said.",
         &[("I never thought I would get here", "Sofia Lund", Some(Label::Person))]),
        ("“The plan is approved,” said engineer Ruth Adeyemi, “but the cranes will only come in \
          May.\n\nResidents were not convinced.",
         &[("The plan is approved", "Ruth Adeyemi", Some(Label::Person)),
           ("but the cranes will only come in May", "Ruth Adeyemi", Some(Label::Person))]),
        ("The liquidators of Kestrel Freight said on Thursday that creditors\nwould be paid in \
          full. \"We expect the sale of the depots to close\nbefore the end of the year,\" said \
          Pieter van der\nMerwe, a partner at the firm.",
         &[("creditors\nwould be paid in full", "Kestrel Freight", Some(Label::Organization)),
           ("We expect the sale of the depots", "Pieter van der Merwe", Some(Label::Person))]),
        ("Plant manager Joao Silva answered questions from readers.\n\nQ: Will the factory \
          reopen?\n\nA: We expect to restart the line in March.",
         &[("We expect to restart the line in March", "Joao Silva", Some(Label::Person))]),
        ("Rosa Lindqvist has spent most of the year arguing about the water prices in Tromso. \
          Officials remembered the flood of 1998.", &[]),
        ("The plan came from Priya Natarajan, who said the city could save millions by closing \
          two depots.",
         &[("the city could save millions", "Priya Natarajan", Some(Label::Person))]),
        ("Tokyo said on Friday that it would send two patrol ships to the strait.",
         &[("it would send two patrol ships", "Tokyo", Some(Label::Location))]),
        ("“It was the worst storm in years,” said his neighbour, Tomasz Wierzbicki.",
         &[("It was the worst storm in years,", "Tomasz Wierzbicki", Some(Label::Person))]),
        ("HOST: Local farmers say the drought is the worst in forty years.",
         &[("the drought is the worst in forty years", "Local farmers", None)]),
    ];
    let pipeline = Pipeline::load(&bundled_model()).unwrap();
    for (text, expected) in cases {
        let doc = pipeline.process(Document::new("case", text)).unwrap();
        let label_of = |id: &str| {
            doc.entities
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.label.clone())
        };
        let found: Vec<(&str, &str, Option<Label>)> = doc
            .quotes
            .iter()
            .filter_map(|q| {
                let s = q.speaker.as_ref()?;
                Some((
                    q.text.as_str(),
                    s.name.as_str(),
                    s.entity.as_deref().and_then(label_of),
                ))
            })
            .collect();
        assert_eq!(found.len(), expected.len(), "{text}: {found:?}");
        for (words, speaker, label) in expected {
            assert!(
                found.iter().any(|(t, s, l)| t.contains(words)
                    && s == speaker
                    && (label.is_none() || l == label)),
                "{text}: no {words:?} by {speaker:?} ({label:?}) in {found:?}"
            );
        }
        for q in &doc.quotes {
            assert_eq!(
                text.chars()
                    .skip(q.span.start)
                    .take(q.span.len())
                    .collect::<String>(),
                q.text
            );
        }
        let people: Vec<&str> = doc
            .entities
            .iter()
            .filter(|e| e.label == Label::Person)
            .map(|e| e.name.as_str())
            .collect();
        assert!(
            !people.contains(&"Pieter van der") && !people.contains(&"Merwe"),
            "{people:?}"
        );
    }
}

/// A plain text through the whole pipeline, its mentions' offsets checked.
fn processed(text: &str) -> Document {
    let pipeline = Pipeline::load(&bundled_model()).unwrap();
    let doc = pipeline.process(Document::new("t", text)).unwrap();
    for entity in &doc.entities {
        assert_offsets_slice(text, &entity.mentions);
    }
    doc
}

/// Entities of a plain text as (label, name).
fn entities_of(text: &str) -> Vec<(String, String)> {
    processed(text)
        .entities
        .iter()
        .map(|e| (e.label.as_str().to_string(), e.name.clone()))
        .collect()
}

/// Issue 26's cases of page furniture in plain text: a photo credit and a newsletter prompt
/// yield no entity; the text and its offsets stay as given.
#[test]
fn photo_credits_and_newsletter_prompts_in_plain_text_yield_no_entity() {
    let credit = "Flood waters rose in the valley overnight.\n\
                  (Image credit: MARIA GONZALEZ/Reuters)\n\
                  The Red Cross opened two shelters in Valencia.";
    let entities = entities_of(credit);
    assert!(
        entities.contains(&("ORG".into(), "Red Cross".into())),
        "{entities:?}"
    );
    assert!(
        entities.contains(&("LOC".into(), "Valencia".into())),
        "{entities:?}"
    );
    assert!(
        !entities
            .iter()
            .any(|(_, n)| n.contains("GONZALEZ") || n.contains("Reuters")),
        "{entities:?}"
    );
    let prompt = "The council approved the budget on Monday.\n\nSign up for the Daily Brief\n\n\
                  From our morning news briefing to a weekly Good News Newsletter, get the best \
                  of the Daily Brief delivered to your inbox.\n\n\
                  The mayor, Anne Holt, called it a fair compromise.";
    let entities = entities_of(prompt);
    assert!(
        entities.contains(&("PER".into(), "Anne Holt".into())),
        "{entities:?}"
    );
    assert!(
        !entities
            .iter()
            .any(|(_, n)| n.contains("Good") || n.contains("Daily Brief")),
        "{entities:?}"
    );
}

/// Mentions of a plain text as (label, text).
fn mentions_of(text: &str) -> Vec<(String, String)> {
    processed(text)
        .entities
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(move |m| (e.label.as_str().to_string(), m.text.clone()))
        })
        .collect()
}

/// Issue 26's cases of names: titles outside person mentions (the speaker keeps them), no
/// person made of two hyphenated names, no place cut out of a quoted title, no mention that
/// ends in a speech verb.
#[test]
fn mentions_follow_the_conll_convention_and_are_never_verbs_or_compounds() {
    let text = "Mr. Okafor said the vote would be close. Dr. Helen Marsh disagreed.";
    let mentions = mentions_of(text);
    assert!(
        mentions.contains(&("PER".into(), "Okafor".into())),
        "{mentions:?}"
    );
    assert!(
        mentions.contains(&("PER".into(), "Helen Marsh".into())),
        "{mentions:?}"
    );
    let doc = processed(text);
    let speaker = doc.quotes[0].speaker.as_ref().expect("a speaker");
    assert_eq!(
        (speaker.text.as_str(), speaker.name.as_str()),
        ("Mr. Okafor", "Okafor")
    );

    let mentions =
        mentions_of("The second Merkel-Macron meeting was set for May, Berlin officials said.");
    assert!(
        !mentions.iter().any(|(l, t)| l == "PER" && t.contains('-')),
        "{mentions:?}"
    );
    let mentions =
        mentions_of("Trump and Kim will meet again. The second Trump-Kim summit will be in Hanoi.");
    assert!(
        !mentions.iter().any(|(_, t)| t == "Trump-Kim"),
        "{mentions:?}"
    );
    assert!(
        mentions
            .iter()
            .filter(|(l, t)| l == "PER" && t == "Trump")
            .count()
            == 2,
        "{mentions:?}"
    );

    let mentions = mentions_of(
        "The festival opened with \"A Harbour in Winter,\" a drama about fishermen in Norway.",
    );
    assert!(
        mentions.contains(&("LOC".into(), "Norway".into())),
        "{mentions:?}"
    );
    assert!(
        !mentions.iter().any(|(l, t)| l == "LOC" && t != "Norway"),
        "{mentions:?}"
    );

    let text = "Sen. Ann Holt criticized the bill. \"It is a mistake,\" Holt said. Said Ellis: \"We \
                will see.\" The mayor, he said, would sign it, and ABC News and Fox News reported it.";
    for (_, mention) in mentions_of(text) {
        let last = mention
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_lowercase();
        assert!(
            !["said", "says", "told", "added", "and"].contains(&last.as_str()),
            "{mention:?}"
        );
        assert!(
            !mention.eq_ignore_ascii_case("said") && mention != "he",
            "{mention:?}"
        );
    }
}

/// Newspapers are organizations and two coordinated names are two mentions: "The Washington
/// Post and The Miami Herald" is no single organization, and a newspaper named after a place
/// is never a location.
#[test]
fn newspapers_are_organizations_and_coordinated_names_stay_apart() {
    let mentions = mentions_of(
        "Canada and the U.S. agreed to extend the lumber deal, Canadian officials said Friday, \
         according to The Washington Post and The Miami Herald.",
    );
    for paper in ["Washington Post", "Miami Herald"] {
        assert!(
            mentions
                .iter()
                .any(|(l, t)| l == "ORG" && t.trim_start_matches("The ") == paper),
            "{mentions:?}"
        );
    }
    assert!(
        !mentions.iter().any(|(_, t)| t.contains(" and The ")),
        "{mentions:?}"
    );
    assert!(
        mentions.contains(&("LOC".into(), "Canada".into())),
        "{mentions:?}"
    );
}

/// Lower-cased text (chat exports, some scraped feeds) still yields its names: the bundled
/// model was trained on lower-cased documents too (`--augment`).
#[test]
fn lower_cased_text_still_yields_people_and_places() {
    let entities =
        entities_of("the mayor of valencia, anne holt, said two shelters would open in madrid.");
    for expected in [("PER", "anne holt"), ("LOC", "valencia"), ("LOC", "madrid")] {
        assert!(
            entities.contains(&(expected.0.into(), expected.1.into())),
            "{entities:?}"
        );
    }
}

/// A name alone on its line is tagged as it is on its own, whatever the line before it: each
/// line of a list of names is read as a window of its own. A "HEAD of PLACE" name is one name,
/// in a list and in a sentence.
#[test]
fn names_listed_one_per_line_are_tagged_as_on_their_own() {
    let cases: [(&str, &[(&str, &str)]); 3] = [
        (
            "This year's river prize went to:\nLucia Ferrante\nPort of Tallinn\nClean Danube Alliance",
            &[("PER", "Lucia Ferrante"), ("ORG", "Clean Danube Alliance")],
        ),
        (
            "Contributors:\nElena Petrova\nMorgan Stanley\nBank of England\nLagos",
            &[
                ("PER", "Elena Petrova"),
                ("ORG", "Morgan Stanley"),
                ("ORG", "Bank of England"),
                ("LOC", "Lagos"),
            ],
        ),
        (
            "She studied at the University of Leeds before ships took her from the Port of \
             Tallinn to Helsinki.",
            &[("ORG", "University of Leeds"), ("LOC", "Helsinki")],
        ),
    ];
    for (text, expected) in cases {
        let mentions = mentions_of(text);
        for (label, name) in expected {
            assert!(
                mentions.contains(&(label.to_string(), name.to_string())),
                "{name} as {label} in {mentions:?}"
            );
        }
        if text.contains("Port of") {
            let ports: Vec<&(String, String)> = mentions
                .iter()
                .filter(|(_, t)| t.contains("Tallinn"))
                .collect();
            assert!(
                ports.len() == 1 && ports[0].1 == "Port of Tallinn",
                "{mentions:?}"
            );
        }
    }
}
