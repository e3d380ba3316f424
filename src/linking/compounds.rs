//! Compounds of two names: `the second Trump-Kim summit`, `the Merkel–Macron meeting`. The
//! tagger reads such a hyphenated pair as one person, which would put a person "Trump-Kim" in
//! the graph; it names two people, so it becomes a mention of each. A hyphenated name of one
//! person (`Jean-Pierre Raffarin`, `Moon Jae-in`, `the Ocasio-Cortez plan`) is left alone: only
//! a pair followed by a noun of meetings and relations between parties (below), each of whose
//! names the document also writes alone as a mention, is split.

use crate::doc::{Label, Mention, Span};
use crate::offsets::CharIndex;
use std::collections::HashSet;

/// Nouns after a hyphenated pair of names that make it two parties, not one person.
const COMPOUND_HEADS: &[&str] = &[
    "summit",
    "summits",
    "meeting",
    "meetings",
    "talks",
    "deal",
    "agreement",
    "accord",
    "pact",
    "relationship",
    "relations",
    "ties",
    "alliance",
    "partnership",
    "rivalry",
    "feud",
    "call",
    "phone",
    "visit",
    "negotiations",
    "debate",
    "match",
    "race",
    "ticket",
    "fight",
    "era",
    "axis",
    "plan",
    "meet",
    "handshake",
];

/// Dashes that join the two names of a compound (hyphen, en dash).
const JOINERS: &[char] = &['-', '–'];

/// `mentions` with every person mention that is a compound of two names (see the module docs)
/// replaced by a person mention of each name, in text order.
pub fn split_name_compounds(text: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    if !mentions.iter().any(|m| m.text.contains(JOINERS)) {
        return mentions;
    }
    let index = CharIndex::new(text);
    let alone: HashSet<&str> = mentions
        .iter()
        .filter(|m| !m.text.contains(JOINERS))
        .flat_map(|m| m.text.split_whitespace())
        .collect();
    let mut out = Vec::with_capacity(mentions.len());
    for mention in &mentions {
        match compound_parts(text, &index, mention, &alone) {
            Some(parts) => out.extend(parts),
            None => out.push(mention.clone()),
        }
    }
    out
}

/// The two person mentions of `mention` when it is a compound of two names, each of them in
/// `alone` (the words of the document's other mentions).
fn compound_parts(
    text: &str,
    index: &CharIndex,
    mention: &Mention,
    alone: &HashSet<&str>,
) -> Option<[Mention; 2]> {
    let written = index.slice(text, mention.span.start, mention.span.end);
    if mention.label != Label::Person || written.contains(char::is_whitespace) {
        return None;
    }
    let (left, right) = written.split_once(JOINERS)?;
    if !alone.contains(left) || !alone.contains(right) {
        return None;
    }
    let after = &text[index.byte_of_char(mention.span.end)..];
    let next: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    if !COMPOUND_HEADS.contains(&next.to_lowercase().as_str()) {
        return None;
    }
    let split = mention.span.start + left.chars().count();
    let part = |text: &str, start: usize, end: usize| Mention {
        text: text.to_string(),
        span: Span::new(start, end),
        label: Label::Person,
        score: mention.score,
    };
    Some([
        part(left, mention.span.start, split),
        part(right, split + 1, mention.span.end),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, name: &str) -> Mention {
        let byte = text.find(name).expect("name in text");
        let start = text[..byte].chars().count();
        Mention {
            text: name.to_string(),
            span: Span::new(start, start + name.chars().count()),
            label: Label::Person,
            score: 0.5,
        }
    }

    #[test]
    fn a_pair_of_names_before_a_meeting_noun_is_two_people() {
        let text = "Merkel and Macron disagree. The second Merkel–Macron meeting was set for May.";
        let mentions = vec![
            person(text, "Merkel"),
            person(text, "Macron"),
            person(text, "Merkel–Macron"),
        ];
        let split = split_name_compounds(text, mentions);
        let names: Vec<(&str, usize, usize)> = split
            .iter()
            .map(|m| (m.text.as_str(), m.span.start, m.span.end))
            .collect();
        assert_eq!(
            names,
            [
                ("Merkel", 0, 6),
                ("Macron", 11, 17),
                ("Merkel", 39, 45),
                ("Macron", 46, 52)
            ]
        );
    }

    #[test]
    fn hyphenated_names_of_one_person_stay_whole() {
        for (text, name) in [
            ("Jean-Pierre said the plan would work.", "Jean-Pierre"),
            ("Moon Jae-in met the delegation.", "Moon Jae-in"),
            (
                "Ana Garcia-Lopez talks to reporters daily.",
                "Ana Garcia-Lopez",
            ),
            ("The Trump-Kim summit was in Hanoi.", "Trump-Kim summit"),
            (
                "Ocasio said the Ocasio-Cortez plan would pass.",
                "Ocasio-Cortez",
            ),
        ] {
            let mention = person(text, name);
            let kept = split_name_compounds(text, vec![mention.clone()]);
            assert_eq!(kept, [mention], "{text}");
        }
    }
}
