//! Words, punctuation and paragraphs of one text, on character offsets.
//!
//! The quote pass works on a `Vec<char>`, so every index here is already a character offset
//! (no byte arithmetic); [`crate::offsets::CharIndex`] turns spans back into strings.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters and digits, with inner apostrophes, hyphens and abbreviation dots.
    Word,
    /// One punctuation or symbol character (quote marks included).
    Punct,
}

/// One token: a character span and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Word or punctuation.
    pub kind: TokKind,
    /// Index of the paragraph (a run of text between line breaks) the token is in.
    pub para: usize,
}

/// A run of tokens `[first, end)`, half-open like every span: a speaker phrase, a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TokenSpan {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
}

impl TokenSpan {
    /// The tokens from `first` through `last`, both included.
    pub fn through(first: usize, last: usize) -> TokenSpan {
        TokenSpan {
            first,
            end: last + 1,
        }
    }

    /// The one token `tok`.
    pub fn single(tok: usize) -> TokenSpan {
        TokenSpan::through(tok, tok)
    }

    /// The last token.
    pub fn last(self) -> usize {
        self.end - 1
    }

    /// True when the run is one token.
    pub fn is_single(self) -> bool {
        self.end == self.first + 1
    }
}

/// The tokens of a text, with its characters.
#[derive(Debug)]
pub(crate) struct Tokens {
    /// The text's characters, with apostrophe pairs folded into double marks.
    pub chars: Vec<char>,
    /// Tokens in text order.
    pub toks: Vec<Token>,
    /// Character span of each paragraph (line), in order.
    pub paras: Vec<(usize, usize)>,
    /// Each token's characters, lower-cased, computed once: the rules compare words lower case
    /// hundreds of times per sentence.
    lower: Vec<String>,
}

impl Tokens {
    /// Splits `text` into tokens and paragraphs. Apostrophe pairs typed for a double quote
    /// mark are folded first (see [`super::marks::fold_apostrophe_pairs`]).
    pub fn new(text: &str) -> Tokens {
        let mut chars: Vec<char> = text.chars().collect();
        super::marks::fold_apostrophe_pairs(&mut chars);
        let mut toks = Vec::new();
        let mut paras = Vec::new();
        let mut para_start: Option<usize> = None;
        let mut para_end = 0;
        let mut i = 0;
        let n = chars.len();
        while i < n {
            let c = chars[i];
            if c == '\n' || c == '\r' || c == '\u{2029}' {
                if let Some(s) = para_start.take() {
                    paras.push((s, para_end));
                }
                i += 1;
                continue;
            }
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if para_start.is_none() {
                para_start = Some(i);
            }
            let para = paras.len();
            if c.is_alphanumeric() {
                let start = i;
                i += 1;
                while i < n {
                    let d = chars[i];
                    if d.is_alphanumeric() || is_combining(d) {
                        i += 1;
                    } else if matches!(d, '\'' | '’' | '-' | '‐' | '.' | '&')
                        && i + 1 < n
                        && chars[i + 1].is_alphanumeric()
                        && !(d == '.' && chars[i + 1].is_lowercase())
                    {
                        // Inner apostrophe (Kim's), hyphen (Jae-in), dot (U.S), ampersand (AT&T).
                        i += 1;
                    } else {
                        break;
                    }
                }
                // An abbreviation keeps its final dot.
                if i < n && chars[i] == '.' {
                    let word: String = chars[start..i].iter().collect();
                    if crate::sentences::keeps_dot(&word) {
                        i += 1;
                    }
                }
                toks.push(Token {
                    start,
                    end: i,
                    kind: TokKind::Word,
                    para,
                });
                para_end = i;
                continue;
            }
            toks.push(Token {
                start: i,
                end: i + 1,
                kind: TokKind::Punct,
                para,
            });
            i += 1;
            para_end = i;
        }
        if let Some(s) = para_start {
            paras.push((s, para_end));
        }
        let lower = toks
            .iter()
            .map(|t| {
                chars[t.start..t.end]
                    .iter()
                    .collect::<String>()
                    .to_lowercase()
            })
            .collect();
        Tokens {
            chars,
            toks,
            paras,
            lower,
        }
    }

    /// The characters of a token.
    pub fn text(&self, t: &Token) -> String {
        self.chars[t.start..t.end].iter().collect()
    }

    /// The characters of token `i`, lower-cased; empty past the last token.
    pub fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    /// The first character of token `i`.
    pub fn first_char(&self, i: usize) -> char {
        self.toks
            .get(i)
            .and_then(|t| self.chars.get(t.start).copied())
            .unwrap_or(' ')
    }

    /// True when token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    /// True when token `i` is the punctuation character `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && self.chars[t.start] == c)
    }

    /// True when token `i` is a word starting with an upper-case letter or a digit.
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.is_word(i) && {
            let c = self.first_char(i);
            c.is_uppercase() || c.is_numeric()
        }
    }

    /// True when token `i` is a word of two or more letters, all capitals: a heading's word
    /// (`QUESTIONABLE MEDICAL CLAIMS —`), no verb of a sentence.
    pub fn is_all_capitals(&self, i: usize) -> bool {
        self.is_word(i) && {
            let t = self.toks[i];
            let letters = || {
                self.chars[t.start..t.end]
                    .iter()
                    .filter(|c| c.is_alphabetic())
            };
            letters().count() >= 2 && letters().all(|c| c.is_uppercase())
        }
    }

    /// Index of the first token starting at or after character `ch`.
    pub fn first_at_or_after(&self, ch: usize) -> usize {
        self.toks.partition_point(|t| t.start < ch)
    }

    /// Index of the first token ending after character `ch` (so tokens before it end by `ch`).
    pub fn first_ending_after(&self, ch: usize) -> usize {
        self.toks.partition_point(|t| t.end <= ch)
    }
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let t = Tokens::new(text);
        t.toks.iter().map(|k| t.text(k)).collect()
    }

    #[test]
    fn keeps_abbreviations_apostrophes_and_hyphens_inside_words() {
        assert_eq!(
            words("Mr. Kim's U.S. visit, Jae-in said."),
            vec!["Mr.", "Kim's", "U.S.", "visit", ",", "Jae-in", "said", "."]
        );
        assert_eq!(
            words("Rep. Ann Lee (D-Wis.) said."),
            vec!["Rep.", "Ann", "Lee", "(", "D-Wis.", ")", "said", "."]
        );
    }

    #[test]
    fn paragraphs_are_lines() {
        let t = Tokens::new("One two.\n\n“Three”\nfour");
        assert_eq!(t.paras, vec![(0, 8), (10, 17), (18, 22)]);
        assert_eq!(t.toks.last().map(|k| k.para), Some(2));
    }
}
