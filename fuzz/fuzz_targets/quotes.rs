//! Fuzz target: the quote pass on arbitrary UTF-8, with synthetic person entities on the
//! capitalized words and synthetic attribution-role spans on the other words, must not panic;
//! every offset must lie inside the text and slice to the reported strings, and every score
//! must lie in [0, 1].
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotegraph::linking::group_mentions;
use quotegraph::quotes::find_quotes;
use quotegraph::{Label, Mention, Role, RoleSpan, Span};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let chars: Vec<char> = text.chars().collect();
    // Synthetic mentions: every run of letters that starts with a capital.
    let mut mentions = Vec::new();
    // Synthetic role spans: runs of lower-case letters, the role chosen by position.
    let mut roles = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_lowercase() {
            let start = i;
            while i < chars.len() && !chars[i].is_uppercase() && chars[i] != '\n' {
                i += 1;
            }
            let role = [Role::Content, Role::Cue, Role::Source][start % 3];
            roles.push(RoleSpan { role, span: Span::new(start, i), score: 0.5 });
        } else if chars[i].is_uppercase() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            mentions.push(Mention {
                text: chars[start..i].iter().collect(),
                span: Span::new(start, i),
                label: if start % 3 == 0 { Label::Organization } else { Label::Person },
                score: 0.9,
            });
        } else {
            i += 1;
        }
    }
    let entities = group_mentions(&mentions);
    let quotes = find_quotes(text, &entities, &roles);
    let slice = |s: usize, e: usize| -> String { chars[s..e].iter().collect() };
    for q in &quotes {
        assert!(q.span.start < q.span.end && q.span.end <= chars.len());
        assert!((0.0..=1.0).contains(&q.score));
        assert_eq!(slice(q.span.start, q.span.end), q.text);
        if let Some(s) = &q.speaker {
            assert!(s.span.start < s.span.end && s.span.end <= chars.len());
            assert_eq!(slice(s.span.start, s.span.end), s.text);
        }
        if let Some(c) = &q.cue {
            assert!(c.span.start < c.span.end && c.span.end <= chars.len());
            assert_eq!(slice(c.span.start, c.span.end), c.text);
        }
    }
    for w in quotes.windows(2) {
        assert!(w[0].span.start <= w[1].span.start);
    }
});
