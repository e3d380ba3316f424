//! Page furniture in plain text: photo credits, newsletter and subscription prompts, share
//! prompts and lines that are only a URL, which scraped `.txt` and JSON Lines text keeps (HTML
//! pages lose them when their main text is taken). The rules are the line rules of
//! `page_clutter.txt` ([`super::html::is_furniture_line`]).
//!
//! The text is never changed: the tagger and the rules read a copy in which furniture lines
//! are blanked, character for character, so they yield no entity and no quotation while
//! every offset still points into the text as given.

use super::html::is_furniture_line;

/// Blank character standing in for each character of a furniture line.
const BLANK: char = ' ';

/// `text` with every furniture line turned into as many spaces as it has characters (line
/// breaks kept), or `None` when it has no furniture line.
pub fn blanked(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut found = false;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if !trimmed.is_empty() && is_furniture_line(trimmed) {
            found = true;
            out.extend(content.chars().map(|_| BLANK));
            out.push_str(&line[content.len()..]);
        } else {
            out.push_str(line);
        }
    }
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_prompts_and_urls_are_blanked_one_character_for_one() {
        let text = "Flood waters rose overnight.\r\n(Image credit: MARIA GONZALEZ/Reuters)\n\
                    Sign up for the Daily Brief\nhttps://cdn.example.com/a.jpg\n\
                    Get the best of the Daily Brief delivered to your inbox.\n\
                    The Red Cross opened two shelters in Valencia.";
        let blank = blanked(text).expect("furniture found");
        assert_eq!(blank.chars().count(), text.chars().count());
        let lines: Vec<&str> = blank.lines().collect();
        assert_eq!(lines[0], "Flood waters rose overnight.");
        assert!(lines[1..5].iter().all(|l| l.trim().is_empty()), "{lines:?}");
        assert_eq!(lines[5], "The Red Cross opened two shelters in Valencia.");
        assert!(blank.contains("overnight.\r\n"));
    }

    #[test]
    fn prose_is_left_alone() {
        let text = "Photo opportunities were rare, she said.\n\
                    He signed up for the army in 1990, and the newsletter he founded still \
                    reaches readers who want news delivered to their inbox every morning, \
                    long after the war that made him a writer ended in a ceasefire.";
        assert_eq!(blanked(text), None);
    }
}
