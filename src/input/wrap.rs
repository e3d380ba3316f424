//! Hard-wrapped text: wire feeds, e-mail and text taken from PDFs break every line at 60 to
//! 80 characters, inside sentences, names (`Pieter van der⏎Merwe`) and quotations. The tagger
//! and the rules treat a line break as the end of a paragraph, so such text is read through a
//! copy with its soft line breaks turned into spaces ([`unwrapped`]). The copy has exactly the
//! characters of the text, one for one, so every offset found in it is an offset into the text
//! as given.
//!
//! A text is hard-wrapped when it has at least [`MIN_WRAPPED_LINES`] lines, the longest of
//! them between [`MIN_WRAP_WIDTH`] and [`MAX_WRAP_WIDTH`] characters, and at least [`MIN_MID_SENTENCE_SHARE`] of its line breaks
//! inside a paragraph fall where no sentence ends. In such a text a line break inside a
//! paragraph is soft when the line before it is full (at least [`WRAP_FILL_SHARE`] of the
//! longest line) or the next line goes on in lower case; a blank line, a line ending with a
//! colon and the lines after it up to a blank line (a list), and a next line opening with a
//! list bullet or a speaker label (`HOST:`, `Q:`) keep their break.

/// Longest line of a hard-wrapped text, in characters: longer lines are paragraphs.
pub const MAX_WRAP_WIDTH: usize = 100;
/// Fewest characters of a hard-wrapped text's longest line: texts of short lines only are
/// lists, verse or transcripts, not wrapped prose.
pub const MIN_WRAP_WIDTH: usize = 55;
/// Fewest non-blank lines of a hard-wrapped text.
pub const MIN_WRAPPED_LINES: usize = 3;
/// Share of a text's line breaks inside paragraphs that must fall inside a sentence.
pub const MIN_MID_SENTENCE_SHARE: f64 = 0.5;
/// A line at least this share of the longest line's length is full: the break after it is
/// the wrap, not the end of a paragraph.
pub const WRAP_FILL_SHARE: f64 = 0.6;
/// Most words of a speaker label before its colon (`JANE ROE:`).
pub const MAX_LABEL_WORDS: usize = 4;

/// Characters after which a sentence may end at the end of a line.
const SENTENCE_END: &[char] = &['.', '?', '!', ':', ';', '"', '”', '’', ')'];
/// Characters that open a list item (`• The UK must stay in the EU`).
pub const LIST_BULLETS: &[char] = &['•', '·', '▪', '-', '–', '—', '*'];

/// The text with its soft line breaks replaced by spaces (one character for one: offsets are
/// unchanged), or `None` when the text is not hard-wrapped (see the module docs).
pub fn unwrapped(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let lengths: Vec<usize> = lines.iter().map(|l| l.trim_end().chars().count()).collect();
    let width = lengths.iter().copied().max()?;
    let filled = lengths.iter().filter(|&&n| n > 0).count();
    if filled < MIN_WRAPPED_LINES || !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width) {
        return None;
    }
    // Breaks between two non-blank lines, by the line before them.
    let inner: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| lengths[i] > 0 && lengths[i + 1] > 0)
        .collect();
    let mid_sentence = inner
        .iter()
        .filter(|&&i| !lines[i].trim_end().ends_with(SENTENCE_END))
        .count();
    if inner.is_empty() || (mid_sentence as f64) < MIN_MID_SENTENCE_SHARE * inner.len() as f64 {
        return None;
    }
    let full = |i: usize| lengths[i] as f64 >= WRAP_FILL_SHARE * width as f64;
    let soft = |i: usize| {
        let (line, next) = (lines[i].trim_end(), lines[i + 1].trim_start());
        let goes_on_lower = next.chars().next().is_some_and(char::is_lowercase);
        (full(i) || goes_on_lower)
            && !line.ends_with(':')
            && !next.starts_with(LIST_BULLETS)
            && !opens_with_label(next)
    };
    // The lines after a lead-in ending with a colon, up to a blank line, are a list: each keeps
    // its break.
    let mut in_list = vec![false; lines.len()];
    for i in 1..lines.len() {
        let after_lead_in = lines[i - 1].trim_end().ends_with(':') || in_list[i - 1];
        in_list[i] = lengths[i] > 0 && after_lead_in;
    }
    let mut soft_after = vec![false; lines.len()];
    for &i in &inner {
        soft_after[i] = !in_list[i] && soft(i);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push(if soft_after[i - 1] { ' ' } else { '\n' });
        }
        match line.strip_suffix('\r') {
            Some(body) if soft_after[i] => {
                out.push_str(body);
                out.push(' ');
            }
            _ => out.push_str(line),
        }
    }
    Some(out)
}

/// True when `line` opens with a speaker or interview label: up to [`MAX_LABEL_WORDS`] words
/// in capitals, or `Q` / `A`, then a colon.
fn opens_with_label(line: &str) -> bool {
    let Some((label, _)) = line.split_once(':') else {
        return false;
    };
    let words: Vec<&str> = label.split_whitespace().collect();
    let capitals =
        |w: &&str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    !words.is_empty() && words.len() <= MAX_LABEL_WORDS && words.iter().all(capitals)
}

#[cfg(test)]
mod tests {
    use super::unwrapped;

    const WRAPPED: &str = "The liquidators of Kestrel Freight said on Thursday that creditors\n\
                           would be paid in full. \"We expect the sale of the depots to close\n\
                           before the end of the year,\" said Pieter van der\n\
                           Merwe, a partner at the firm.";

    #[test]
    fn soft_breaks_become_spaces_and_offsets_stay() {
        let text = unwrapped(WRAPPED).expect("a hard-wrapped text");
        assert_eq!(text.chars().count(), WRAPPED.chars().count());
        assert!(!text.contains('\n'), "{text}");
        assert!(text.contains("Pieter van der Merwe"));
        let crlf = WRAPPED.replace('\n', "\r\n");
        let text = unwrapped(&crlf).expect("a hard-wrapped text");
        assert_eq!(text.chars().count(), crlf.chars().count());
        assert!(text.contains("van der  Merwe"), "{text}");
    }

    #[test]
    fn paragraphs_lists_and_labels_keep_their_breaks() {
        let text = format!(
            "{WRAPPED}\n\nThe firm said:\n• the depots are sold to a rival\n\
                            HOST: and the staff keep their jobs until the end of the year"
        );
        let out = unwrapped(&text).expect("a hard-wrapped text");
        assert!(
            out.contains("firm.\n\nThe firm said:\n• the depots"),
            "{out}"
        );
        assert!(out.contains("rival\nHOST:"), "{out}");
    }

    #[test]
    fn a_list_after_a_lead_in_keeps_its_lines() {
        let text = format!(
            "{WRAPPED}\nIn the interview, the partner also said that the buyers had agreed:\n\
             The depots will be sold to a rival firm in the north of the country\n\
             The staff will keep their jobs until the end of the year at the least"
        );
        let out = unwrapped(&text).expect("a hard-wrapped text");
        assert!(out.contains("agreed:\nThe depots"), "{out}");
        assert!(out.contains("country\nThe staff"), "{out}");
        // Short lines only: a list or a transcript, never wrapped prose.
        let short = "Ana Diaz also said:\nThe bridge will close for a year\nFerries will run \
                     every hour";
        assert_eq!(unwrapped(short), None);
    }

    #[test]
    fn texts_with_long_lines_or_sentence_per_line_are_not_wrapped() {
        let long = format!("{}\nA second line.\nA third one.", "word ".repeat(30));
        assert_eq!(unwrapped(&long), None);
        let lines = "The mayor spoke on Monday.\nThe council voted.\nThe works start in May.";
        assert_eq!(unwrapped(lines), None);
        assert_eq!(unwrapped(""), None);
    }
}
