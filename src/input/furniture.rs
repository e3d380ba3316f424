//! Page furniture in plain text: photo credits, newsletter and subscription prompts, share
//! prompts and lines that are only a URL, which scraped `.txt` and JSON Lines text keeps (HTML
//! pages lose them when their main text is taken). The rules are the line rules of
//! `page_clutter.txt` ([`super::html::is_furniture_line`]).
//!
//! The text is never changed: the tagger and the rules read a copy in which furniture lines
//! are blanked, character for character, so they yield no entity and no quotation while
//! every offset still points into the text as given.

use super::html::is_furniture_line;
use crate::offsets::is_invisible;

/// Blank character standing in for each character of a furniture line.
const BLANK: char = ' ';

/// Characters that end a sentence at the end of a line: a furniture line follows one of them
/// (or a blank line, or nothing), never a line that runs on into it.
const SENTENCE_END: &[char] = &['.', '!', '?', '"', '”', '’', ')', ':'];

/// `text` with every furniture line turned into as many spaces as it has characters (line
/// breaks kept), or `None` when it has none. A line is furniture when the line rules say so
/// ([`is_furniture_line`]), it starts with a capital letter, a digit, `(` or a URL, and it
/// stands alone: the first line, or after a blank line, a furniture line or one that ends a
/// sentence. So a line of hard-wrapped prose that happens to start "sign up for …" is never
/// blanked.
pub fn blanked(text: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut stands_alone = true;
    let mut done = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
        let opens = trimmed.chars().next().is_some_and(|c| {
            c.is_uppercase() || c.is_numeric() || c == '(' || c == 'h' || c == 'w'
        });
        let furniture = stands_alone && opens && is_furniture_line(trimmed);
        if furniture {
            let copy = out.get_or_insert_with(|| text[..done].to_string());
            copy.extend(content.chars().map(|_| BLANK));
            copy.push_str(&line[content.len()..]);
        } else if let Some(copy) = out.as_mut() {
            copy.push_str(line);
        }
        done += line.len();
        stands_alone = furniture || trimmed.is_empty() || trimmed.ends_with(SENTENCE_END);
    }
    out
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
        let texts = [
            "Photo opportunities were rare, she said.\n\
             He signed up for the army in 1990, and the newsletter he founded still \
             reaches readers who want news delivered to their inbox every morning.",
            // Hard-wrapped prose whose lines start like prompts.
            "Residents who want the rebate must\nsign up for the scheme before March, the \
             mayor said.\nThe two firms will\nShare one headquarters, Dana Kim said.",
            "\u{201c}Scammers send fake parcel notices straight to your inbox,\u{201d} said \
             Detective Inspector Jane Lowe.",
            "SharePoint servers were hit by the attack, Microsoft said Sunday.",
            "ShareChat said it would cut a fifth of its staff.",
        ];
        for text in texts {
            assert_eq!(blanked(text), None, "{text}");
        }
    }

    #[test]
    fn a_byte_order_mark_does_not_hide_a_credit_on_the_first_line() {
        let text = "\u{feff}Photo: Ana Reyes/Getty Images\nThe port reopened.";
        let blank = blanked(text).expect("furniture found");
        assert_eq!(blank.chars().count(), text.chars().count());
        assert!(blank.starts_with(' ') && blank.ends_with("The port reopened."));
    }
}
