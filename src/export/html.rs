//! One document as a self-contained HTML page, for people to check what was found.
//!
//! The text is shown as written, with every entity mention highlighted by type (person,
//! organization, location, other), every quotation marked and followed by an arrow label naming
//! its speaker (linked to the speaker's words in the text), and a side list of speakers with
//! their quotations. The page has no scripts and loads nothing: styles are inline.
//!
//! Spans that run past the text or overlap an earlier span of the same layer are not drawn;
//! the page says how many were left out.

use crate::doc::{Document, Label, QuoteKind};
use crate::error::{Error, Result};
use crate::offsets::CharIndex;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// CSS class of an entity label.
fn label_class(label: &Label) -> &'static str {
    match label {
        Label::Person => "per",
        Label::Organization => "org",
        Label::Location => "loc",
        Label::Misc => "misc",
        Label::Other(_) => "other",
    }
}

/// An inner span: an entity mention, or a speaker's words that overlap no mention ("she",
/// "officials"). A speaker whose words overlap a mention ("President Joe Biden" around the
/// mention "Joe Biden") is anchored on that mention.
struct Inner {
    start: usize,
    end: usize,
    class: &'static str,
    title: String,
    /// Anchor ids: `speaker-q0` for each quotation this span is the speaker of.
    anchors: Vec<String>,
}

/// An outer span: a quotation.
struct Outer {
    start: usize,
    end: usize,
    index: usize,
}

/// One group of the side list: a speaker and their quotations (by index into `doc.quotes`).
struct SpeakerGroup {
    key: String,
    name: String,
    class: &'static str,
    quotes: Vec<usize>,
}

/// Renders `doc` as an HTML page. Fails when the record has no text (extract writes it only
/// with `--include-text`).
pub fn render(doc: &Document) -> Result<String> {
    if doc.text.is_empty() {
        return Err(Error::Input(format!(
            "document {:?} has no text: run `quotegraph extract --include-text` so the view \
             can show it",
            doc.id
        )));
    }
    let index = CharIndex::new(&doc.text);
    let len = index.char_len();
    let mut skipped = 0usize;
    let quotes = outer_spans(doc, len, &mut skipped);
    let inner = inner_spans(doc, len, &mut skipped);
    let groups = speaker_groups(doc);

    let mut body = String::new();
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, len]);
    cuts.extend(quotes.iter().flat_map(|q| [q.start, q.end]));
    cuts.extend(inner.iter().flat_map(|m| [m.start, m.end]));
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut open_quote: Option<usize> = None;
    let mut open_inner: Option<usize> = None;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let quote = quotes.iter().position(|q| q.start <= a && b <= q.end);
        let span = inner.iter().position(|m| m.start <= a && b <= m.end);
        if quote != open_quote {
            if open_inner.take().is_some() {
                body.push_str("</span>");
            }
            if let Some(q) = open_quote.take() {
                close_quote(&mut body, doc, &groups, quotes[q].index);
            }
            if let Some(q) = quote {
                open_quote_tag(&mut body, doc, quotes[q].index);
                open_quote = Some(q);
            }
        }
        if span != open_inner {
            if open_inner.take().is_some() {
                body.push_str("</span>");
            }
            if let Some(m) = span {
                let m_span = &inner[m];
                let id = m_span
                    .anchors
                    .first()
                    .map(|a| format!(" id=\"{}\"", escape(a)))
                    .unwrap_or_default();
                let _ = write!(
                    body,
                    "<span class=\"ent {}\"{id} title=\"{}\">",
                    m_span.class,
                    escape(&m_span.title)
                );
                open_inner = Some(m);
            }
        }
        body.push_str(&escape(index.slice(&doc.text, a, b)));
    }
    if open_inner.is_some() {
        body.push_str("</span>");
    }
    if let Some(q) = open_quote {
        close_quote(&mut body, doc, &groups, quotes[q].index);
    }
    Ok(page(doc, &body, &side_list(doc, &groups), skipped))
}

fn outer_spans(doc: &Document, len: usize, skipped: &mut usize) -> Vec<Outer> {
    let spans: Vec<Outer> = doc
        .quotes
        .iter()
        .enumerate()
        .map(|(index, q)| Outer {
            start: q.span.start,
            end: q.span.end,
            index,
        })
        .collect();
    without_overlaps(spans, len, skipped, |s| (s.start, s.end))
}

fn inner_spans(doc: &Document, len: usize, skipped: &mut usize) -> Vec<Inner> {
    let mut spans: Vec<Inner> = Vec::new();
    for entity in &doc.entities {
        for mention in &entity.mentions {
            spans.push(Inner {
                start: mention.span.start,
                end: mention.span.end,
                class: label_class(&entity.label),
                title: format!("{} {} ({})", entity.label, entity.name, entity.id),
                anchors: Vec::new(),
            });
        }
    }
    for quote in &doc.quotes {
        let Some(speaker) = &quote.speaker else {
            continue;
        };
        let anchor = format!("speaker-{}", quote.id);
        let words = speaker.span;
        match spans
            .iter_mut()
            .filter(|s| s.class != "spk" && s.start < s.end && s.end <= len)
            .find(|s| crate::doc::Span::new(s.start, s.end).overlaps(&words))
        {
            Some(span) => span.anchors.push(anchor),
            None => spans.push(Inner {
                start: speaker.span.start,
                end: speaker.span.end,
                class: "spk",
                title: format!("speaker: {}", speaker.name),
                anchors: vec![anchor],
            }),
        }
    }
    without_overlaps(spans, len, skipped, |s| (s.start, s.end))
}

/// Sorts `spans` by position and keeps those inside the text that overlap no earlier kept one,
/// counting the others in `skipped`.
fn without_overlaps<T>(
    mut spans: Vec<T>,
    len: usize,
    skipped: &mut usize,
    range: impl Fn(&T) -> (usize, usize),
) -> Vec<T> {
    spans.sort_by_key(|s| range(s));
    let mut kept: Vec<T> = Vec::new();
    for span in spans {
        let (start, end) = range(&span);
        let fits = start < end && end <= len;
        let free = kept.last().is_none_or(|last| range(last).1 <= start);
        if fits && free {
            kept.push(span);
        } else {
            *skipped += 1;
        }
    }
    kept
}

fn speaker_groups(doc: &Document) -> Vec<SpeakerGroup> {
    let mut groups: Vec<SpeakerGroup> = Vec::new();
    for (i, quote) in doc.quotes.iter().enumerate() {
        if quote.kind == QuoteKind::Scare {
            continue;
        }
        let (key, name, class) = match &quote.speaker {
            Some(s) => match &s.entity {
                Some(e) => {
                    let label = doc.entities.iter().find(|x| &x.id == e).map(|x| &x.label);
                    (e.clone(), s.name.clone(), label.map_or("spk", label_class))
                }
                None => (format!("group:{}", s.name), s.name.clone(), "spk"),
            },
            None => (String::new(), "(no speaker found)".to_string(), "none"),
        };
        match groups.iter_mut().find(|g| g.key == key) {
            Some(group) => group.quotes.push(i),
            None => groups.push(SpeakerGroup {
                key,
                name,
                class,
                quotes: vec![i],
            }),
        }
    }
    groups
}

fn open_quote_tag(body: &mut String, doc: &Document, index: usize) {
    let quote = &doc.quotes[index];
    let _ = write!(
        body,
        "<mark class=\"quote {}\" id=\"{}\"><sup class=\"qid\">{}</sup>",
        kind_class(quote.kind),
        escape(&quote.id),
        escape(&quote.id)
    );
}

fn close_quote(body: &mut String, doc: &Document, groups: &[SpeakerGroup], index: usize) {
    body.push_str("</mark>");
    let quote = &doc.quotes[index];
    if quote.kind == QuoteKind::Scare {
        return;
    }
    let group = groups.iter().position(|g| g.quotes.contains(&index));
    let target = match (&quote.speaker, group) {
        (Some(_), _) => format!("speaker-{}", quote.id),
        (None, Some(g)) => format!("speaker-group-{g}"),
        (None, None) => String::new(),
    };
    let name = quote
        .speaker
        .as_ref()
        .map_or("no speaker found", |s| s.name.as_str());
    let _ = write!(
        body,
        "<a class=\"who\" href=\"#{}\" title=\"{} said {}\">&#10230; {}</a>",
        escape(&target),
        escape(name),
        escape(&quote.id),
        escape(name)
    );
}

fn kind_class(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Scare => "scare",
    }
}

fn side_list(doc: &Document, groups: &[SpeakerGroup]) -> String {
    let mut out = String::new();
    for (g, group) in groups.iter().enumerate() {
        let _ = write!(
            out,
            "<li id=\"speaker-group-{g}\"><span class=\"ent {}\">{}</span> \
             <span class=\"count\">({})</span><ul>",
            group.class,
            escape(&group.name),
            group.quotes.len()
        );
        for &i in &group.quotes {
            let quote = &doc.quotes[i];
            let _ = write!(
                out,
                "<li><a href=\"#{}\">{}</a> <span class=\"kind\">{}</span> &ldquo;{}&rdquo;</li>",
                escape(&quote.id),
                escape(&quote.id),
                kind_class(quote.kind),
                escape(&quote.text)
            );
        }
        out.push_str("</ul></li>");
    }
    if out.is_empty() {
        out.push_str("<li>No quotations found.</li>");
    }
    out
}

const STYLE: &str = "\
body{font-family:Georgia,'DejaVu Serif',serif;margin:0;background:#f4f1ea;color:#222}\
header{padding:12px 24px;background:#2b3a4a;color:#fff;font-family:sans-serif}\
header h1{font-size:18px;margin:0}\
.legend{font-size:13px;margin-top:6px}\
.legend .ent{margin-right:8px;color:#222}.legend .spk{margin-right:8px}\
.wrap{display:flex;gap:20px;padding:20px 24px;align-items:flex-start}\
article{flex:3;background:#fff;padding:20px 28px;line-height:1.9;white-space:pre-wrap;\
font-size:17px;box-shadow:0 1px 3px rgba(0,0,0,.15)}\
aside{flex:2;background:#fff;padding:12px 18px;font-family:sans-serif;font-size:14px;\
box-shadow:0 1px 3px rgba(0,0,0,.15)}\
aside h2{font-size:16px;margin:6px 0}\
aside ul{padding-left:18px}aside li{margin:4px 0}\
.ent{border-radius:3px;padding:1px 2px}\
.per{background:#cfe2ff;border-bottom:2px solid #3b73c4}\
.org{background:#ffe0b8;border-bottom:2px solid #d4801a}\
.loc{background:#d3f2d3;border-bottom:2px solid #3a9a3a}\
.misc{background:#ead9f7;border-bottom:2px solid #8a4fc0}\
.other{background:#e4e4e4;border-bottom:2px solid #888}\
.spk{border-bottom:2px dashed #b0306a}\
.none{color:#777;font-style:italic}\
mark.quote{background:#fff6b3;border-left:3px solid #e0b400;padding:1px 2px}\
mark.scare{background:#eee;border-left:3px solid #aaa}\
mark.indirect{background:#fffbe0;border-left-style:dotted}\
sup.qid{font-family:sans-serif;font-size:10px;color:#8a6d00;margin-right:2px}\
a.who{font-family:sans-serif;font-size:12px;background:#b0306a;color:#fff;border-radius:9px;\
padding:1px 7px;margin-left:3px;text-decoration:none;white-space:nowrap}\
.kind{color:#777;font-size:11px}.count{color:#777}\
footer{padding:0 24px 16px;font-family:sans-serif;font-size:12px;color:#666}";

fn page(doc: &Document, body: &str, side: &str, skipped: usize) -> String {
    let title = escape(&doc.id);
    let note = if skipped > 0 {
        format!(
            "<footer>{skipped} span(s) ran past the text or overlapped another and are not \
             drawn.</footer>"
        )
    } else {
        String::new()
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{title} · quotegraph</title><style>{STYLE}</style></head><body>\n\
         <header><h1>{title}</h1><div class=\"legend\">\
         <span class=\"ent per\">person</span><span class=\"ent org\">organization</span>\
         <span class=\"ent loc\">location</span><span class=\"ent misc\">other name</span>\
         <span class=\"spk\">speaker (not a name)</span>\
         <mark class=\"quote\">quotation</mark> \
         <a class=\"who\">&#10230; speaker</a> \
         &middot; {} entities, {} quotations</div></header>\n\
         <div class=\"wrap\"><article>{body}</article>\n\
         <aside><h2>Speakers</h2><ul>{side}</ul></aside></div>\n{note}</body></html>\n",
        doc.entities.len(),
        doc.quotes.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Span;
    use crate::doc::{Entity, Mention, Quote, Speaker};

    fn sample() -> Document {
        let text = "\"Build <it> & go,\" said Zoë Müller.";
        let mut doc = Document::new("a<b>", text);
        doc.entities.push(Entity {
            id: "e0".into(),
            label: Label::Person,
            name: "Zoë Müller".into(),
            mentions: vec![Mention {
                text: "Zoë Müller".into(),
                span: Span::new(24, 34),
                label: Label::Person,
                score: 1.0,
            }],
        });
        doc.quotes.push(Quote {
            id: "q0".into(),
            kind: QuoteKind::Direct,
            attribution: None,
            form: None,
            text: "Build <it> & go,".into(),
            span: Span::new(1, 17),
            cue: None,
            speaker: Some(Speaker {
                text: "Zoë Müller".into(),
                span: Span::new(24, 34),
                entity: Some("e0".into()),
                name: "Zoë Müller".into(),
            }),
            rule: "test".into(),
            score: 1.0,
            about: Vec::new(),
        });
        doc
    }

    #[test]
    fn marks_quotes_mentions_and_speakers_and_escapes_everything() {
        let html = render(&sample()).expect("renders");
        assert!(html.contains("<title>a&lt;b&gt; · quotegraph</title>"));
        assert!(html.contains(
            "<mark class=\"quote direct\" id=\"q0\"><sup class=\"qid\">q0</sup>\
             Build &lt;it&gt; &amp; go,</mark><a class=\"who\" href=\"#speaker-q0\""
        ));
        assert!(html.contains("<span class=\"ent per\" id=\"speaker-q0\""));
        assert!(html.contains(">Zoë Müller</span>."));
        assert!(!html.contains("<it>"));
    }

    #[test]
    fn a_speaker_wider_than_its_mention_is_anchored_on_the_mention() {
        let mut doc = sample();
        doc.text = "\"Build <it> & go,\" said Dr. Zoë Müller.".into();
        doc.entities[0].mentions[0].span.start = 28;
        doc.entities[0].mentions[0].span.end = 38;
        let speaker = doc.quotes[0].speaker.as_mut().expect("speaker");
        speaker.span.start = 24;
        speaker.span.end = 38;
        let html = render(&doc).expect("renders");
        assert!(html.contains("Dr. <span class=\"ent per\" id=\"speaker-q0\""));
        assert!(!html.contains("span(s) ran past"));
    }

    #[test]
    fn spans_out_of_range_are_counted_not_drawn() {
        let mut doc = sample();
        doc.entities[0].mentions[0].span.end = 99;
        let html = render(&doc).expect("renders");
        assert!(html.contains("1 span(s) ran past the text"));
    }

    #[test]
    fn a_record_without_text_is_an_error_that_says_how_to_get_it() {
        let doc = Document::new("x", "");
        let message = render(&doc)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("--include-text"), "{message}");
    }
}
