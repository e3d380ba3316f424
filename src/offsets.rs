//! Byte ↔ character offset conversion, in one place.
//!
//! Rust strings index by UTF-8 byte; quotegraph's output counts characters (Unicode scalar
//! values), like Python's `str` indices. Every stage that finds spans on bytes (regexes, the
//! tokenizer) converts here, once, through a [`CharIndex`] built once per document.
//!
//! Scraped text carries invisible format characters inside words (a soft hyphen in
//! "Netan\u{AD}yahu", zero-width spaces, a BOM). [`VisibleText`] is the text without them, with
//! the map from its character offsets back to the text as given, so a stage can work on what a
//! reader sees and still report offsets into the original.

/// Maps byte offsets of one text to character offsets and back.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of each character, plus the text's byte length at the end.
    char_starts: Vec<usize>,
}

impl CharIndex {
    /// Indexes `text`; O(n) time and one `usize` per character.
    pub fn new(text: &str) -> Self {
        let mut char_starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        char_starts.push(text.len());
        CharIndex { char_starts }
    }

    /// Number of characters in the text.
    pub fn char_len(&self) -> usize {
        self.char_starts.len() - 1
    }

    /// Character offset of a byte offset. A byte inside a multi-byte character maps to that
    /// character's offset; bytes past the end map to the character length.
    #[cfg_attr(not(feature = "tagger"), allow(dead_code))] // the tokenizer's byte offsets
    pub fn char_of_byte(&self, byte: usize) -> usize {
        match self.char_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1).min(self.char_len()),
        }
    }

    /// Byte offset of a character offset, clamped to the text's end.
    pub fn byte_of_char(&self, ch: usize) -> usize {
        self.char_starts[ch.min(self.char_len())]
    }

    /// The text between two character offsets.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> &'t str {
        &text[self.byte_of_char(start)..self.byte_of_char(end.max(start))]
    }
}

/// True for characters that take no space and no part in a word's identity: soft hyphen
/// (U+00AD), zero-width space, non-joiner and joiner (U+200B–U+200D), word joiner (U+2060) and
/// the byte-order mark / zero-width no-break space (U+FEFF).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// `text` without its invisible characters ([`is_invisible`]), with the character offset in
/// `text` of every character kept.
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "tagger"), allow(dead_code))] // what the tagger reads
pub struct VisibleText {
    text: String,
    /// Original character offset of each visible character, plus the original length.
    original: Vec<usize>,
}

#[cfg_attr(not(feature = "tagger"), allow(dead_code))]
impl VisibleText {
    /// The visible form of `text`, or `None` when it has no invisible character (the common
    /// case: nothing is copied).
    pub fn of(text: &str) -> Option<VisibleText> {
        if !text.chars().any(is_invisible) {
            return None;
        }
        let mut visible = String::with_capacity(text.len());
        let mut original = Vec::with_capacity(text.len() + 1);
        let mut count = 0;
        for (i, c) in text.chars().enumerate() {
            if !is_invisible(c) {
                visible.push(c);
                original.push(i);
            }
            count = i + 1;
        }
        original.push(count);
        Some(VisibleText {
            text: visible,
            original,
        })
    }

    /// The text without invisible characters.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original span of the visible span `[start, end)` (character offsets): from the
    /// first visible character to just after the last one, so invisible characters inside it
    /// are covered and those around it are not.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let last = self.original.len() - 1;
        let first = self.original[start.min(last)];
        let end = match end.min(last) {
            e if e > start => self.original[e - 1] + 1,
            _ => first,
        };
        (first, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_non_ascii_both_ways() {
        let text = "Zoë met 习近平 🙂 in Zürich";
        let idx = CharIndex::new(text);
        assert_eq!(idx.char_len(), text.chars().count());
        let byte = text.find("Zürich").unwrap();
        let ch = idx.char_of_byte(byte);
        assert_eq!(ch, 17);
        assert_eq!(idx.byte_of_char(ch), byte);
        assert_eq!(idx.slice(text, 8, 11), "习近平");
        assert_eq!(idx.slice(text, 12, 13), "🙂");
    }

    #[test]
    fn byte_inside_a_character_maps_to_that_character() {
        let idx = CharIndex::new("aé");
        assert_eq!(idx.char_of_byte(2), 1);
        assert_eq!(idx.char_of_byte(3), 2);
        assert_eq!(idx.char_of_byte(99), 2);
    }

    #[test]
    fn visible_text_maps_spans_back_around_invisible_characters() {
        assert!(VisibleText::of("Netanyahu spoke.").is_none());
        let text = "\u{FEFF}Netan\u{AD}yahu met Zo\u{200B}ë.";
        let visible = VisibleText::of(text).unwrap();
        assert_eq!(visible.as_str(), "Netanyahu met Zoë.");
        let (start, end) = visible.original_span(0, 9);
        assert_eq!((start, end), (1, 11));
        assert_eq!(
            CharIndex::new(text).slice(text, start, end),
            "Netan\u{AD}yahu"
        );
        assert_eq!(visible.original_span(14, 17), (16, 20));
        assert_eq!(visible.original_span(18, 18), (21, 21));
    }
}
