//! Where English sentences end: which dots do not end one, which characters do, and
//! [`sentence_starts`], the one splitter that both the tagger (to cut model windows at sentence
//! ends) and the quote rules (to find a quotation's sentence) use, so that they agree (the
//! windows do not know where quotations are, so they may also cut inside a long one).

/// Abbreviations whose dot does not end a sentence (compared lower case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "lt", "col", "st", "jr",
    "sr", "prof", "rev", "sgt", "capt", "adm", "maj", "cmdr", "cpl", "pvt", "insp", "supt", "inc",
    "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "aug", "sept", "sep",
    "oct", "nov", "dec", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill",
    "ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
    "okla", "ore", "pa", "tenn", "va", "vt", "wash", "wis", "wyo", "ft", "mt", "pres", "gens",
    "messrs", "mme", "mlle", "hon", "atty", "dept", "univ", "approx", "est",
];

/// True when a dot right after `word` belongs to it rather than ending a sentence: a known
/// abbreviation ("Sen", "Calif", the state in "D-Wis"), an initial ("J"), or a dotted form
/// ("U.S").
pub fn keeps_dot(word: &str) -> bool {
    let lower = word.to_lowercase();
    let after_hyphen = lower.rsplit('-').next().unwrap_or_default();
    let mut chars = word.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    let has_letter = word.chars().any(char::is_alphanumeric);
    single_capital
        || has_letter && lower.contains('.')
        || ABBREVIATIONS.contains(&lower.as_str())
        || ABBREVIATIONS.contains(&after_hyphen)
}

/// True for the characters treated as double quote marks (`"`, `“`, `”`, `„`, `«`, `»`, `‟`,
/// `＂`): the sentence splitter and the quotation pass share this one class.
pub fn is_double_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟' | '＂')
}

/// True when `c` ends a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// One token of a text as [`sentence_starts`] reads it: a word (with an abbreviation's dot or
/// not, depending on the tokenizer) or a punctuation mark.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// The token's text.
    pub text: &'a str,
    /// A line break lies between the token before and this one.
    pub after_break: bool,
    /// No space lies between the token before and this one.
    pub glued: bool,
    /// Inside a quotation: its end marks end no sentence.
    pub quoted: bool,
}

/// Closing quote marks and brackets: they stay with the sentence they close.
fn is_closer(text: &str) -> bool {
    matches!(text, "”" | ")" | "]" | "\"" | "’" | "'")
}

/// The token's only character, if it is one character long.
fn single_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    chars.next().filter(|_| chars.next().is_none())
}

/// For each token, whether a sentence starts there (never the first). A sentence starts:
/// - after a line break;
/// - after `.`, `!`, `?` or `…` outside quotations, unless the dot belongs to the word it is
///   glued to (an abbreviation or initial: [`keeps_dot`]) or the next token continues the
///   sentence (`,`, `;`, or a lower-case word: "R-Wis., said", "p.m. on"); closing marks and
///   brackets glued after the end (and not opening a quotation) stay with the sentence they
///   close;
/// - after a quotation whose last word ends a sentence, closed by a double mark and followed
///   by a capitalized word or another quotation (`“… today.” The mayor …`).
pub fn sentence_starts(tokens: &[Token]) -> Vec<bool> {
    let mut starts = vec![false; tokens.len()];
    let mut pending = false;
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 && (token.after_break || pending) {
            // Closing marks, and the other dots of an ellipsis, stay with the sentence.
            let closes =
                is_closer(token.text) || single_char(token.text).is_some_and(is_sentence_end);
            let closer = token.glued
                && !token.after_break
                && !token.quoted
                && !tokens[i - 1].quoted
                && closes
                && tokens.get(i + 1).is_none_or(|n| !n.quoted);
            if !closer {
                starts[i] = true;
                pending = false;
            }
        }
        if token.quoted {
            continue;
        }
        let Some(c) = single_char(token.text) else {
            continue;
        };
        let next = tokens.get(i + 1).filter(|n| !n.after_break);
        if is_sentence_end(c) {
            let abbreviation = c == '.' && token.glued && i > 0 && keeps_dot(tokens[i - 1].text);
            // `3.5`, `R-Wis., said`, `p.m. on`: a glued number or letter, a comma or a
            // lower-case word continues the sentence.
            let continues = next.is_some_and(|n| {
                n.text.starts_with([',', ';'])
                    || n.text.starts_with(char::is_lowercase)
                    || n.glued && n.text.starts_with(char::is_alphanumeric)
            });
            pending = !abbreviation && !continues;
        } else if is_double_quote_mark(c) && i > 0 {
            let before = tokens[i - 1];
            let quote_ended =
                before.quoted && single_char(before.text).is_some_and(is_sentence_end);
            let next_opens = next.is_some_and(|n| {
                n.text
                    .starts_with(|c: char| c.is_uppercase() || c.is_numeric())
                    || single_char(n.text).is_some_and(is_double_quote_mark)
            });
            if quote_ended && next_opens {
                pending = true;
            }
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_initials_and_dotted_forms_keep_their_dot() {
        for word in ["Mr", "Sen", "D-Wis", "J", "U.S", "calif"] {
            assert!(keeps_dot(word), "{word}");
        }
        for word in ["said", "Pompeo", "US", "a", "."] {
            assert!(!keeps_dot(word), "{word}");
        }
    }

    fn tokens<'a>(words: &[&'a str]) -> Vec<Token<'a>> {
        words
            .iter()
            .map(|w| {
                let glued = w.starts_with('~');
                Token {
                    text: w.trim_start_matches('~'),
                    after_break: false,
                    glued,
                    quoted: false,
                }
            })
            .collect()
    }

    fn starts(words: &[&str]) -> Vec<usize> {
        let found = sentence_starts(&tokens(words));
        (0..words.len()).filter(|&i| found[i]).collect()
    }

    #[test]
    fn sentences_end_at_marks_but_not_at_abbreviations_or_continuations() {
        // `~` glues a token to the one before.
        assert_eq!(starts(&["He", "left", "~.", "She", "stayed", "~."]), [3]);
        assert_eq!(
            starts(&["Mr", "~.", "Stanton", "left", "~."]),
            Vec::<usize>::new()
        );
        assert_eq!(
            starts(&["R", "~-", "~Wis", "~.", "~,", "said"]),
            Vec::<usize>::new()
        );
        assert_eq!(
            starts(&["at", "3", "p", "~.", "m", "~.", "on", "Monday"]),
            Vec::<usize>::new()
        );
        assert_eq!(starts(&["It", "ended", "~.", "~”", "Then", "more"]), [4]);
        assert_eq!(
            starts(&["Why", "~?", "(", "Nobody", "knew", "~.", "~)", "Next"]),
            [2, 7]
        );
    }

    #[test]
    fn a_quotation_is_one_unit_until_its_closing_mark() {
        let mut t = tokens(&[
            "“", "One", "~.", "Two", "~.", "~”", "The", "mayor", "said", "~.",
        ]);
        for token in &mut t[1..5] {
            token.quoted = true;
        }
        let found = sentence_starts(&t);
        assert_eq!((0..t.len()).filter(|&i| found[i]).collect::<Vec<_>>(), [6]);
        t[6].after_break = true;
        assert!(sentence_starts(&t)[6], "a line break always starts one");
    }
}
