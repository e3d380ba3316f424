//! The bundled model on real sentences written for these tests.

mod util;

use quotegraph::tagging::Precision;
use quotegraph::{Document, Label, Mention, Pipeline, Tagger, TaggerOptions};
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
    assert_eq!(merkel.start, text[..byte].chars().count());
    assert_eq!(merkel.end, merkel.start + "Angela Merkel".chars().count());
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
    let mentions = small.tag(&[&text]).unwrap().pop().unwrap();
    assert_offsets_slice(&text, &mentions);
    let period = paragraph.chars().count();
    let ruiz: Vec<usize> = mentions
        .iter()
        .filter(|m| m.text == "Angela Ruiz" && m.label == Label::Person)
        .map(|m| m.start)
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

#[test]
fn bfloat16_finds_the_same_names_as_f32_on_a_news_article() {
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
    let reduced = run(Precision::Bf16);
    assert!(exact.len() >= 10, "{exact:?}");
    let spans = |ms: &[Mention]| -> Vec<(usize, usize, Label)> {
        ms.iter()
            .map(|m| (m.start, m.end, m.label.clone()))
            .collect()
    };
    assert_eq!(spans(&exact), spans(&reduced));
    for (e, r) in exact.iter().zip(&reduced) {
        assert!((e.score - r.score).abs() < 0.05, "{e:?} {r:?}");
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
            .filter(|m| m.start >= base && m.end <= end)
            .map(|m| (m.start - base, m.end - base, m.label.clone()))
            .collect()
    };
    let first = per_paragraph(0);
    assert!(first.iter().any(|m| m.2 == Label::Person), "{first:?}");
    let count = text.matches('\n').count();
    for k in [count / 2, count - 1] {
        assert_eq!(per_paragraph(k), first, "paragraph {k}");
    }
}
