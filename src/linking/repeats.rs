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
use std::collections::{HashMap, HashSet};

/// Fewest characters of a name that is looked for elsewhere: shorter ones (`EU` aside, which the
/// tagger finds reliably) match inside acronyms and initials.
pub const MIN_REPEATED_NAME_CHARS: usize = 3;

/// `mentions` and a mention for every other occurrence of their names in `text` (see the
/// module docs), in text order. A one-word name that the text also writes in lower case
/// (`Bush` and `bush`, `May` and `may`) is not looked for: its capital may be the sentence's.
pub fn with_repeated_names(text: &str, mentions: &[Mention]) -> Vec<Mention> {
    let index = CharIndex::new(text);
    // One pass over the words: where each starts (bytes), so that a name is looked for only at
    // the starts of its first word, not by a scan of the whole text per name.
    let mut starts: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut lower_words: HashSet<&str> = HashSet::new();
    for (byte, word) in words(text) {
        if word.chars().next().is_some_and(char::is_lowercase) {
            lower_words.insert(word);
        }
        starts.entry(word).or_default().push(byte);
    }
    let mut covered = vec![false; index.char_len()];
    for m in mentions {
        for slot in covered.iter_mut().take(m.span.end).skip(m.span.start) {
            *slot = true;
        }
    }
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
        let Some((_, first_word)) = words(&name.text).next() else {
            continue;
        };
        let length = name.text.chars().count();
        for &byte in starts.get(first_word).into_iter().flatten() {
            let after = byte + name.text.len();
            let whole_word = text[byte..].starts_with(name.text.as_str())
                && !text[after..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            let start = index.char_of_byte(byte);
            if whole_word && !covered[start..start + length].contains(&true) {
                covered[start..start + length].fill(true);
                added.push(Mention {
                    span: Span::new(start, start + length),
                    ..name.clone()
                });
            }
        }
    }
    let mut all: Vec<Mention> = mentions.iter().cloned().chain(added).collect();
    all.sort_by_key(|m| (m.span.start, m.span.end));
    all
}

/// The words of `text` (runs of letters and digits) with the byte where each starts.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
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
