//! Label consistency within a document: a name the tagger tagged once is a name wherever else
//! the text writes it. A tagger reads each window on its own and misses some repeats of a name
//! it found elsewhere (`Mr Obama lands in Kenya …` untagged, `Obama` tagged three lines up);
//! speakers and pronouns then lose their antecedent. The document-level consistency of names is
//! the classic remedy of named-entity recognition (Krishnan and Manning 2006, *An effective
//! two-stage model for exploiting non-local dependencies in named entity recognition*); here as
//! a rule: every other occurrence of a tagged person, organization or place name, as a whole
//! word and in the same case, outside every mention, becomes a mention of the same type.

use crate::doc::{Label, Mention, Span};
use crate::offsets::CharIndex;
use std::collections::HashSet;

/// Fewest characters of a name that is looked for elsewhere: shorter ones (`EU` aside, which the
/// tagger finds reliably) match inside acronyms and initials.
pub const MIN_REPEATED_NAME_CHARS: usize = 3;

/// `mentions` and a mention for every other occurrence of their names in `text` (see the
/// module docs), in text order. A one-word name that the text also writes in lower case
/// (`Bush` and `bush`, `May` and `may`) is not looked for: its capital may be the sentence's.
pub fn with_repeated_names(text: &str, mentions: &[Mention]) -> Vec<Mention> {
    let index = CharIndex::new(text);
    let mut covered: Vec<(usize, usize)> = mentions
        .iter()
        .map(|m| (m.span.start, m.span.end))
        .collect();
    let lower_words: HashSet<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect();
    let mut names: Vec<&Mention> = mentions
        .iter()
        .filter(|m| {
            matches!(
                m.label,
                Label::Person | Label::Organization | Label::Location
            )
        })
        .filter(|m| m.text.chars().count() >= MIN_REPEATED_NAME_CHARS)
        .filter(|m| m.text.chars().next().is_some_and(char::is_uppercase))
        .filter(|m| m.text.contains(' ') || !lower_words.contains(m.text.to_lowercase().as_str()))
        .collect();
    // Longer names first: `Barack Obama` claims its words before `Obama` looks.
    names.sort_by_key(|m| std::cmp::Reverse(m.text.chars().count()));
    let mut seen = HashSet::new();
    let mut added = Vec::new();
    for name in names {
        if !seen.insert((name.text.as_str(), name.label.as_str())) {
            continue;
        }
        for (byte, _) in text.match_indices(name.text.as_str()) {
            let start = index.char_of_byte(byte);
            let end = start + name.text.chars().count();
            let whole_word = !text[..byte]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !text[byte + name.text.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            let free = covered.iter().all(|&(s, e)| end <= s || e <= start);
            if whole_word && free {
                covered.push((start, end));
                added.push(Mention {
                    span: Span::new(start, end),
                    ..name.clone()
                });
            }
        }
    }
    let mut all: Vec<Mention> = mentions.iter().cloned().chain(added).collect();
    all.sort_by_key(|m| (m.span.start, m.span.end));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, whole: &str, label: Label) -> Mention {
        let byte = whole.find(text).expect("name in text");
        let start = whole[..byte].chars().count();
        Mention {
            text: text.into(),
            span: Span::new(start, start + text.chars().count()),
            label,
            score: 0.9,
        }
    }

    #[test]
    fn a_name_tagged_once_is_a_mention_wherever_else_it_is_written() {
        // Untagged `Mr Obama`: found from the tagged `Obama` elsewhere.
        let text = "Obama spoke. Mr Obama lands in Kenya.";
        let all = with_repeated_names(text, &[mention("Obama", text, Label::Person)]);
        let starts: Vec<usize> = all.iter().map(|m| m.span.start).collect();
        assert_eq!(starts, [0, 16]);
        assert!(all
            .iter()
            .all(|m| m.label == Label::Person && m.text == "Obama"));
        // `Obama` inside the tagged `Barack Obama` is taken, `Obamacare` is another word, and
        // `obama` another case: nothing is added.
        let text = "Barack Obama spoke of Obamacare and obama.";
        let tagged = [mention("Barack Obama", text, Label::Person)];
        let bare = Mention {
            text: "Obama".into(),
            span: Span::new(7, 12),
            ..tagged[0].clone()
        };
        assert_eq!(
            with_repeated_names(text, std::slice::from_ref(&bare)),
            [bare]
        );
        assert_eq!(with_repeated_names(text, &tagged), tagged);
    }

    #[test]
    fn a_one_word_name_also_written_in_lower_case_is_not_repeated() {
        let text = "May said the vote may come in May. Bush wins.";
        let all = with_repeated_names(text, &[mention("May", text, Label::Person)]);
        assert_eq!(all.len(), 1);
        // Offsets count characters: accents before the repeat shift bytes, not characters.
        let text = "Zoë Müller spoke; then Müller left.";
        let all = with_repeated_names(text, &[mention("Müller", text, Label::Person)]);
        let starts: Vec<usize> = all.iter().map(|m| m.span.start).collect();
        assert_eq!(starts, [4, 23]);
    }
}
