//! A document as the tokenizer splits it: sub-token ids and words with their character
//! spans. The tagger reads documents this way, and training must read them the same way, so
//! [`TrainingTokenizer`] hands the same split — with each word's case class and whether a
//! sentence starts at it, from the one sentence splitter — to `scripts/train_tagger.py`
//! (through `quotegraph prepare`) instead of a Python copy of these rules.

use super::features::CaseClass;
use super::windows::{self, WordView};
use crate::doc::Span;
use crate::error::{Error, Result};
use crate::offsets::CharIndex;
use serde::Serialize;
use std::path::Path;
use tokenizers::Tokenizer;

/// One word of a document as the tokenizer split it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word {
    /// Index of its first sub-token in the document's ids.
    pub first_token: usize,
    /// Its characters in the text.
    pub span: Span,
}

/// Loads a Hugging Face `tokenizer.json`, without truncation or padding: windows are cut by
/// quotegraph, not by the tokenizer.
pub(super) fn load_tokenizer(path: &Path) -> Result<Tokenizer> {
    let dir = path.parent().unwrap_or(path);
    let tokenizer_error = |e| Error::model(dir, "tokenizer.json", Some(e));
    let mut tokenizer = Tokenizer::from_file(path).map_err(tokenizer_error)?;
    tokenizer
        .with_truncation(None)
        .map_err(tokenizer_error)?
        .with_padding(None);
    Ok(tokenizer)
}

/// Splits `text` into sub-token ids and words (character spans through `index`), in pieces
/// of [`TOKENIZER_PIECE_BYTES`]. Words without characters (a byte-level tokenizer's lone
/// trailing space) are dropped: they name nothing.
pub(super) fn tokenize(
    tokenizer: &Tokenizer,
    text: &str,
    index: &CharIndex,
) -> Result<(Vec<u32>, Vec<Word>)> {
    let mut ids: Vec<u32> = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    for (offset, piece) in pieces(text, TOKENIZER_PIECE_BYTES) {
        let encoding = tokenizer
            .encode(piece, false)
            .map_err(|e| Error::inference("tokenizer", Some(e)))?;
        let base = ids.len();
        ids.extend_from_slice(encoding.get_ids());
        let mut last_word = None;
        for (i, (word, &(start, end))) in encoding
            .get_word_ids()
            .iter()
            .zip(encoding.get_offsets())
            .enumerate()
        {
            let start = index.char_of_byte(offset + start);
            let end = index.char_of_byte(offset + end);
            if word.is_some() && *word == last_word {
                if let Some(w) = words.last_mut() {
                    w.span.end = w.span.end.max(end);
                }
            } else {
                words.push(Word {
                    first_token: base + i,
                    span: Span::new(start, end),
                });
            }
            last_word = *word;
        }
    }
    words.retain(|w| w.span.end > w.span.start);
    Ok((ids, words))
}

/// The words as the window planner and the sentence splitter read them: first sub-token,
/// text, and the text between the word before and this one.
pub(super) fn views<'t>(words: &[Word], text: &'t str, index: &CharIndex) -> Vec<WordView<'t>> {
    words
        .iter()
        .enumerate()
        .map(|(w, word)| {
            let Span { start, end } = word.span;
            WordView {
                first: word.first_token,
                text: index.slice(text, start, end),
                gap: match w.checked_sub(1) {
                    Some(p) => index.slice(text, words[p].span.end.min(start), start),
                    None => "",
                },
            }
        })
        .collect()
}

/// A tokenizer that splits documents for training exactly as the tagger splits them.
pub struct TrainingTokenizer {
    tokenizer: Tokenizer,
}

/// One document as the tagger sees it (see [`TrainingTokenizer::prepare`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreparedDocument {
    /// Sub-token ids, without special tokens.
    pub ids: Vec<u32>,
    /// The words, in order.
    pub words: Vec<PreparedWord>,
}

/// One word of a [`PreparedDocument`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreparedWord {
    /// Index of its first sub-token in `ids`.
    pub first_token: usize,
    /// Its characters (written as `start`, `end`: character offsets, end-exclusive).
    #[serde(flatten)]
    pub span: Span,
    /// Its capitalization class, the token type the shipped model gets: 0 no capital, 1
    /// Title, 2 UPPER (two or more letters), 3 any other mix (`src/tagging/features.rs`).
    pub case: u8,
    /// A sentence starts at this word: quotegraph's one sentence splitter, where windows
    /// prefer to end.
    pub sentence_start: bool,
}

impl TrainingTokenizer {
    /// Loads a Hugging Face `tokenizer.json` (a model directory's, or a base encoder's).
    pub fn load(tokenizer_json: &Path) -> Result<TrainingTokenizer> {
        Ok(TrainingTokenizer {
            tokenizer: load_tokenizer(tokenizer_json)?,
        })
    }

    /// Splits `text` as the tagger does: sub-tokens, words, each word's case class, and where
    /// sentences start (the first word always).
    pub fn prepare(&self, text: &str) -> Result<PreparedDocument> {
        let index = CharIndex::new(text);
        let (ids, words) = tokenize(&self.tokenizer, text, &index)?;
        let views = views(&words, text, &index);
        let mut sentence_start = vec![true; words.len()];
        for (w, cut) in windows::cuts(&views).into_iter().enumerate() {
            sentence_start[w + 1] = cut.sentence_end;
        }
        let words = words
            .iter()
            .zip(sentence_start)
            .map(|(word, sentence_start)| PreparedWord {
                first_token: word.first_token,
                span: word.span,
                case: CaseClass::of(index.slice(text, word.span.start, word.span.end)) as u8,
                sentence_start,
            })
            .collect();
        Ok(PreparedDocument { ids, words })
    }
}

/// Bytes of text tokenized at a time. The tokenizer's working memory is over a hundred bytes per
/// byte of input (1.4 GB for a 10 MB document in one call), so long documents are tokenized in
/// pieces of about this size, cut after line breaks.
const TOKENIZER_PIECE_BYTES: usize = 64 * 1024;

/// `text` cut into pieces of at most `max` bytes, each with its byte offset, every cut right
/// after a line break: no word spans a line break, so the pieces' tokens are the whole text's.
/// A line longer than `max` stays one piece.
fn pieces(text: &str, max: usize) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let limit = (start + max.max(1)).min(bytes.len());
        let end = if limit == bytes.len() {
            limit
        } else {
            // `\n` is one byte in UTF-8, so a cut after it is always a character boundary.
            let last_break = bytes[start..limit].iter().rposition(|&b| b == b'\n');
            let next_break = || {
                bytes[limit..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map(|k| limit + k)
            };
            match last_break {
                Some(k) => start + k + 1,
                None => next_break().map_or(bytes.len(), |k| k + 1),
            }
        };
        let piece = (start, &text[start..end]);
        start = end;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cut_after_line_breaks_and_cover_the_text() {
        let text = "Zoë met Ana.\nThey spoke.\nA very long line without any break at all\nEnd";
        let cut: Vec<(usize, &str)> = pieces(text, 16).collect();
        assert_eq!(
            cut,
            vec![
                (0, "Zoë met Ana.\n"),
                (14, "They spoke.\n"),
                (26, "A very long line without any break at all\n"),
                (68, "End"),
            ]
        );
        for (offset, piece) in &cut {
            assert_eq!(&text[*offset..*offset + piece.len()], *piece);
        }
        assert_eq!(pieces("", 16).count(), 0);
        assert_eq!(
            pieces("no break", 3).collect::<Vec<_>>(),
            vec![(0, "no break")]
        );
    }
}
