//! Cutting a document's sub-tokens into model windows.
//!
//! A window holds whole sentences where it can: it ends at the last sentence end that fits,
//! else at the last word boundary that fits (a sentence longer than a window), else wherever
//! the window is full (a word longer than a window). Training windows end at the same places:
//! `scripts/train_tagger.py` gets each word's sentence start from this code (`quotegraph
//! prepare`, `words.rs`), only its policy differs (no overlap, a random first window). The
//! next window starts an eighth of a window
//! earlier, at a sentence start if one lies there, else at a word start, so that the tokens
//! on either side of a cut still see some context. Each token takes its entity scores from the
//! window where it sits most centrally ([`owners`]), and the mean of its attribution-role
//! probabilities over every window that holds it ([`coverage`]).
//!
//! Each line of a list of names ([`list_items`]) is also a window of its own, which owns its
//! tokens' entity scores: read in the document's windows, a lead-in types the first name
//! (`went to:⏎Lucia Ferrante` made her a place). On CoNLL-2003 dev, whose tables are lines of
//! names and digits, reading every short line alone cost 0.4 points of F1 (0.9396 → 0.9352,
//! int8, 2026-12-02, with the "HEAD of PLACE" rule of `mod.rs` on both sides); lines of
//! capitalized words only, 0.02 (0.9394).
//!
//! The mean is for the roles because their spans are long and depend on context beyond a
//! sentence: near a cut one window lacks what comes before, the other what comes after, and
//! the mean of the two views scores exact content boundaries 2 points higher on PolNeAR dev
//! (0.644 → 0.664 with the bundled model in int8, same rules; all-attribution F1 −0.1) at no
//! extra cost (`docs/measurements/quotes.md`). Entities lost 0.3 points of CoNLL-2003 dev F1 from
//! a mean (0.9365 against 0.9392, int8, 2026-11-30), so they keep the most central window.
//!
//! On CoNLL-2003 dev (`docs/measurements/performance.md`) this scores 0.17 points of F1 below windows
//! overlapping by a quarter, for 17% fewer positions; with no overlap at all, 0.35 points below
//! for 25% fewer.

use crate::sentences::{sentence_starts, Token};

/// A run of a document's sub-tokens, `[start, end)`, fed to the model as one sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First sub-token.
    pub start: usize,
    /// One past the last sub-token.
    pub end: usize,
}

impl Window {
    /// Number of sub-tokens in the window.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// How central sub-token `i` sits: its distance to the nearer window edge.
    fn centrality(&self, i: usize) -> usize {
        (i - self.start).min(self.end - 1 - i)
    }
}

/// A place where a window may end: right before sub-token `at`, the first of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    /// The sub-token the next window would start with.
    pub at: usize,
    /// Whether a sentence ends there (else only a word does).
    pub sentence_end: bool,
}

/// One word of a document, as [`cuts`] needs it.
#[derive(Debug, Clone, Copy)]
pub struct WordView<'a> {
    /// Its first sub-token.
    pub first: usize,
    /// Its text.
    pub text: &'a str,
    /// The text between the word before and this one (empty when glued to it).
    pub gap: &'a str,
}

impl WordView<'_> {
    /// Whether a line break lies between the word before and this one.
    pub fn after_break(&self) -> bool {
        self.gap.contains('\n')
    }
}

/// The places a window may end, in order: before every word but the first, marked as a
/// sentence end where [`sentence_starts`] starts a sentence (the splitter the quote rules use,
/// here without quotations: a window may end inside a long quotation).
pub fn cuts(words: &[WordView]) -> Vec<Cut> {
    let tokens: Vec<Token> = words
        .iter()
        .map(|w| Token {
            text: w.text,
            after_break: w.after_break(),
            glued: w.gap.is_empty(),
            quoted: false,
        })
        .collect();
    let starts = sentence_starts(&tokens);
    (1..words.len())
        .map(|w| Cut {
            at: words[w].first,
            sentence_end: starts[w],
        })
        .collect()
}

/// Windows of at most `capacity` sub-tokens covering `0..tokens`, each ending at the best of
/// `cuts` (in order, as [`cuts`] gives them) that fits, each starting at the best cut in the
/// last eighth of the window before.
pub fn plan(tokens: usize, capacity: usize, cuts: &[Cut]) -> Vec<Window> {
    let capacity = capacity.max(1);
    let overlap = capacity / 8;
    // The cuts at `lo..hi`.
    let between = |lo: usize, hi: usize| {
        &cuts[cuts.partition_point(|c| c.at < lo)..cuts.partition_point(|c| c.at < hi)]
    };
    let mut windows: Vec<Window> = Vec::new();
    let mut start = 0;
    while start < tokens {
        let limit = start + capacity;
        if limit >= tokens {
            windows.push(Window { start, end: tokens });
            break;
        }
        // Past the previous window's end, so that every window adds new tokens.
        let covered = windows.last().map_or(start, |w| w.end);
        let fitting = between(covered + 1, limit + 1);
        let end = fitting
            .iter()
            .rev()
            .find(|c| c.sentence_end)
            .or(fitting.last())
            .map_or(limit, |c| c.at);
        windows.push(Window { start, end });
        let in_overlap = between(end.saturating_sub(overlap).max(start + 1), end);
        start = in_overlap
            .iter()
            .find(|c| c.sentence_end)
            .or(in_overlap.first())
            .map_or(end, |c| c.at);
    }
    windows
}

/// For each sub-token, the index of the window (in `windows`) where it is most central; the
/// windows from `items_from` on are list items ([`list_items`]), each the owner of its
/// sub-tokens whatever their centrality.
pub fn owners(tokens: usize, windows: &[Window], items_from: usize) -> Vec<usize> {
    let mut owner = vec![0usize; tokens];
    let mut best: Vec<Option<usize>> = vec![None; tokens];
    for (w, window) in windows.iter().enumerate() {
        for i in window.start..window.end {
            let c = window.centrality(i);
            if w >= items_from || best[i].is_none_or(|b| c > b) {
                best[i] = Some(c);
                owner[i] = w;
            }
        }
    }
    owner
}

/// Most words a line may have to be read as an item of a list (a name, a name and a place),
/// counted as the tokenizer splits them: each punctuation mark is a word.
pub const MAX_LIST_ITEM_WORDS: usize = 8;

/// Fewest consecutive short lines that make a list.
pub const MIN_LIST_ITEMS: usize = 2;

/// Lower-case words that join the words of a name ("Port of Tallinn", "Ludwig van Beethoven").
const NAME_CONNECTORS: [&str; 14] = [
    "of", "the", "and", "&", "de", "del", "della", "da", "do", "van", "von", "der", "la", "le",
];

/// Marks a line of names may hold besides its words: commas, hyphens and dashes, dots,
/// brackets, apostrophes, ampersands (the tokenizer makes each a word of its own).
const NAME_MARKS: [char; 10] = [',', '-', '–', '—', '.', '(', ')', '\'', '’', '&'];

/// True when a line holds capitalized words only: capitalized words, [`NAME_CONNECTORS`]
/// between them and [`NAME_MARKS`] — no digit (a table's row), no lower-case word (a
/// sentence), no closing mark or colon at its end (a sentence, a lead-in). A title-case
/// headline without a closing mark passes too: read alone, it is read as it is written.
fn names_only(line: &[WordView]) -> bool {
    let is_mark = |w: &str| w.chars().all(|c| NAME_MARKS.contains(&c));
    let capitalized = |w: &str| w.starts_with(char::is_uppercase) && !w.contains(char::is_numeric);
    let last = line.last().map_or("", |w| w.text);
    line.iter().any(|w| capitalized(w.text))
        && !last.ends_with(['.', '!', '?', ':', '…'])
        && line
            .iter()
            .all(|w| capitalized(w.text) || is_mark(w.text) || NAME_CONNECTORS.contains(&w.text))
}

/// The lines of lists, each as a window of its own (`tokens`: the document's sub-tokens;
/// `capacity`: the most sub-tokens a window holds). A list is a run of at least
/// [`MIN_LIST_ITEMS`] consecutive lines (blank lines between them allowed), each of at most
/// [`MAX_LIST_ITEM_WORDS`] words of names only and at most `capacity` sub-tokens. The tokenizer drops
/// line breaks, so in the document's windows a list of one name per line reads as one run of
/// words (`went to: Lucia Ferrante Port of Tallinn …`) and the lead-in's words type the first
/// name (a place after "went to"); read alone, each line's name is tagged as the model tags it
/// on its own.
pub fn list_items(words: &[WordView], tokens: usize, capacity: usize) -> Vec<Window> {
    let line_starts: Vec<usize> = (0..words.len())
        .filter(|&w| w == 0 || words[w].after_break())
        .collect();
    // Each line as a window when it may be a list item.
    let lines: Vec<Option<Window>> = line_starts
        .iter()
        .enumerate()
        .map(|(k, &first)| {
            let next = line_starts.get(k + 1).copied().unwrap_or(words.len());
            let line = &words[first..next];
            let window = Window {
                start: words[first].first,
                end: words.get(next).map_or(tokens, |w| w.first),
            };
            let is_item =
                line.len() <= MAX_LIST_ITEM_WORDS && window.len() <= capacity && names_only(line);
            is_item.then_some(window)
        })
        .collect();
    lines
        .chunk_by(|a, b| a.is_some() && b.is_some())
        .filter(|run| run.len() >= MIN_LIST_ITEMS && run[0].is_some())
        .flatten()
        .flatten()
        .copied()
        .collect()
}

/// For each of `tokens` sub-tokens, how many of `windows` (which lie within them) hold it.
pub fn coverage(tokens: usize, windows: &[Window]) -> Vec<u32> {
    let mut count = vec![0u32; tokens];
    for window in windows {
        for c in &mut count[window.start..window.end] {
            *c += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words from `text` split at spaces, with `|` marking where words are glued together.
    fn words(text: &str) -> Vec<WordView<'_>> {
        let mut words = Vec::new();
        for (i, spaced) in text.split(' ').enumerate() {
            for (k, piece) in spaced.split('|').enumerate() {
                let gap = match (i, k) {
                    (0, 0) | (_, 1..) => "",
                    _ if piece == "Headline" => "\n",
                    _ => " ",
                };
                words.push(WordView {
                    first: words.len(),
                    text: piece,
                    gap,
                });
            }
        }
        words
    }

    fn sentence_ends(text: &str) -> Vec<usize> {
        cuts(&words(text))
            .into_iter()
            .filter(|c| c.sentence_end)
            .map(|c| c.at)
            .collect()
    }

    #[test]
    fn sentences_end_at_marks_closing_quotes_and_line_breaks_not_at_abbreviations() {
        let text = "Sen|. Warren spoke|. \"|No|!|\" She left at 5|. Headline";
        assert_eq!(sentence_ends(text), vec![5, 9, 14]);
        assert_eq!(sentence_ends("the U.S|. Army"), Vec::<usize>::new());
        assert_eq!(sentence_ends("it|. and then"), Vec::<usize>::new());
    }

    /// Words of `lines` (split at spaces), each line's first after a line break; every word
    /// one sub-token.
    fn lines(lines: &[&'static str]) -> Vec<WordView<'static>> {
        let mut words = Vec::new();
        for line in lines {
            for (k, text) in line.split(' ').enumerate() {
                let gap = match (k, words.is_empty()) {
                    (_, true) => "",
                    (0, false) => "\n",
                    _ => " ",
                };
                words.push(WordView {
                    first: words.len(),
                    text,
                    gap,
                });
            }
        }
        words
    }

    #[test]
    fn lines_of_names_in_a_run_are_list_items() {
        let words = lines(&[
            "This year 's river prize went to :",
            "Lucia Ferrante",
            "Port of Tallinn",
            "Clean Danube Alliance",
        ]);
        assert_eq!(
            list_items(&words, words.len(), 64),
            vec![
                Window { start: 8, end: 10 },
                Window { start: 10, end: 13 },
                Window { start: 13, end: 16 },
            ]
        );
        // A line longer than a window leaves its run: here one line, no list.
        assert_eq!(list_items(&words[..13], 13, 2), vec![]);
        // A table's rows (digits), sentences, headlines ending in a mark and a lone short line
        // are no list.
        for text in [
            &["Lazio 3 Roma 1", "Inter 2 Milan 2"][..],
            &["Officials said so", "Lucia Ferrante agreed"],
            &["SOCCER - LEAGUE RESULTS .", "ROME"],
            &["Lucia Ferrante", "She won the prize in Tallinn last year ."],
        ] {
            let words = lines(text);
            assert_eq!(list_items(&words, words.len(), 64), vec![], "{text:?}");
        }
    }

    #[test]
    fn list_items_own_their_tokens_whatever_their_centrality() {
        let windows = [Window { start: 0, end: 10 }, Window { start: 8, end: 10 }];
        let owner = owners(10, &windows, 1);
        assert_eq!(owner[4], 0);
        assert_eq!((owner[8], owner[9]), (1, 1));
        assert_eq!(
            owners(10, &windows, 2)[8],
            0,
            "without items the central window owns"
        );
    }

    #[test]
    fn short_documents_fit_one_window() {
        assert_eq!(plan(0, 8, &[]), vec![]);
        assert_eq!(plan(5, 8, &[]), vec![Window { start: 0, end: 5 }]);
    }

    #[test]
    fn windows_end_at_the_last_sentence_end_that_fits_else_a_word_else_anywhere() {
        let cut = |at, sentence_end| Cut { at, sentence_end };
        let cuts = [cut(3, true), cut(5, false), cut(6, true), cut(13, false)];
        let ends: Vec<usize> = plan(30, 16, &cuts).iter().map(|w| w.end).collect();
        assert_eq!(ends, vec![6, 13, 29, 30]);
    }

    #[test]
    fn the_next_window_starts_an_eighth_earlier_at_a_sentence_start_if_possible() {
        let cut = |at, sentence_end| Cut { at, sentence_end };
        // Window [0, 15) ends at the sentence end 15; its last eighth (2 tokens) holds 13 and 14.
        let cuts = [cut(13, false), cut(14, true), cut(15, true), cut(20, false)];
        let windows = plan(40, 16, &cuts);
        assert_eq!(windows[0], Window { start: 0, end: 15 });
        assert_eq!(windows[1].start, 14);
        let words: Vec<Cut> = (1..40).map(|at| cut(at, false)).collect();
        let windows = plan(40, 16, &words);
        assert_eq!(windows[1], Window { start: 14, end: 30 });
    }

    #[test]
    fn windows_cover_every_token_count_their_holders_and_own_each_where_it_is_most_central() {
        let cuts: Vec<Cut> = (1..100)
            .map(|at| Cut {
                at,
                sentence_end: at % 7 == 0,
            })
            .collect();
        let windows = plan(100, 16, &cuts);
        assert_eq!(windows.first().map(|w| w.start), Some(0));
        assert_eq!(windows.last().map(|w| w.end), Some(100));
        for pair in windows.windows(2) {
            assert!(pair[0].start < pair[1].start && pair[1].start <= pair[0].end);
        }
        assert!(windows.iter().all(|w| w.len() > 0 && w.len() <= 16));
        let held = coverage(100, &windows);
        for (i, &n) in held.iter().enumerate() {
            let holding = windows.iter().filter(|w| w.start <= i && i < w.end).count();
            assert_eq!(n as usize, holding);
            assert!(n >= 1);
        }
        assert!(held.contains(&2), "consecutive windows overlap");
        let owner = owners(100, &windows, windows.len());
        for (i, &w) in owner.iter().enumerate() {
            assert!(windows[w].start <= i && i < windows[w].end);
            for other in &windows {
                if other.start <= i && i < other.end {
                    assert!(other.centrality(i) <= windows[w].centrality(i));
                }
            }
        }
    }
}
