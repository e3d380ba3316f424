//! Titles, offices and honorifics before a person's name (`President`, `Sen.`, `Mr`): one
//! lexicon below every stage that reads it — tagging trims them from the front of a person's
//! mention ([`leading_titles`]), speakers take them back in, linking strips titles from a
//! person's name, the graph export leaves them out of ids.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Titles and honorifics dropped from the front of a person's name (compared lower case,
/// without dots): the lines of `titles.txt`, data shared with the training scripts.
fn titles() -> &'static HashSet<&'static str> {
    static TITLES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    TITLES.get_or_init(|| {
        include_str!("titles.txt")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    })
}

/// True for a title or honorific (`President`, `Sen.`, `Dr`), compared lower case without dots.
pub fn is_title(word: &str) -> bool {
    titles().contains(word.replace('.', "").to_lowercase().as_str())
}

/// Words of [`titles`] that are honorifics or function words, not offices (`Mr Stanton`,
/// `The Rock`): a speaker phrase led by an office (`the Mayor`) is a role, not a name.
const NOT_OFFICES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "the", "of", "former",
];

/// True for a title that names an office or rank (`Mayor`, `Sen.`, `General`), not an
/// honorific (`Mr`, `Dr`) or a function word: what the tagger trims from the front of a
/// person's mention.
pub fn is_office(word: &str) -> bool {
    let bare = word.replace('.', "").to_lowercase();
    titles().contains(bare.as_str()) && !NOT_OFFICES.contains(&bare.as_str())
}

/// Function words of [`titles`]: inside a title (`Secretary of State`), never one alone.
const TITLE_LINKS: &[&str] = &["the", "of"];

/// How many of `words` (a person's mention, word by word) are titles before the name: each
/// a capitalized word of [`titles`] (`President`, `Mr.`), with `of` between two of them
/// (`Secretary of State`) and a lone `.` after one (`Mr` `.`) taken along; none when what
/// would be left starts in lower case or is empty (`Mr. and Mrs. Smith`, `The Rock`).
pub fn leading_titles(words: &[&str]) -> usize {
    let is_lead = |w: &str| {
        w.starts_with(char::is_uppercase)
            && is_title(w)
            && !TITLE_LINKS.contains(&w.replace('.', "").to_lowercase().as_str())
    };
    let mut n = 0;
    while n < words.len() {
        if is_lead(words[n]) || (n > 0 && words[n] == ".") {
            n += 1;
        } else if n > 0 && words[n] == "of" && words.get(n + 1).is_some_and(|w| is_lead(w)) {
            n += 2;
        } else {
            break;
        }
    }
    let rest_ok = words
        .get(n)
        .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_numeric()));
    if rest_ok {
        n
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::leading_titles;

    #[test]
    fn titles_before_a_name_are_counted_but_never_the_whole_name() {
        assert_eq!(leading_titles(&["Mr.", "Okafor"]), 1);
        assert_eq!(leading_titles(&["Mr", ".", "Okafor"]), 2);
        assert_eq!(
            leading_titles(&["Secretary", "of", "State", "Antony", "Blinken"]),
            3
        );
        assert_eq!(leading_titles(&["Mayor", "Angela", "Ruiz"]), 1);
        assert_eq!(leading_titles(&["Mr.", "and", "Mrs.", "Smith"]), 0);
        assert_eq!(leading_titles(&["The", "Rock"]), 0);
        assert_eq!(leading_titles(&["President"]), 0);
        assert_eq!(leading_titles(&["Angela", "Ruiz"]), 0);
    }
}
