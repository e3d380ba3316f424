//! Byte ↔ character offset conversion, in one place.
//!
//! Rust strings index by UTF-8 byte; quotegraph's output counts characters (Unicode scalar
//! values), like Python's `str` indices. Every stage that finds spans on bytes (regexes, the
//! tokenizer) converts here, once, through a [`CharIndex`] built once per document.

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
}
