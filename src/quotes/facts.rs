//! The facts of one marked quotation that the rows of the marked-quotation table read
//! ([`Facts`], computed once per quotation), and what a matching row gives it
//! ([`Attribution`]).

use super::context::Context;
use super::lexicon::LEAD_CONJUNCTIONS;
use super::marks::Marked;
use super::phrases::Phrase;
use super::referents::speaker;
use super::tokens::TokenSpan;
use crate::doc::{QuoteKind, Speaker};
use crate::sentences::is_sentence_end;

/// What a matching row gives a quotation: the cue tokens and the speaker.
pub(crate) struct Attribution {
    /// The cue tokens.
    pub cue: Option<TokenSpan>,
    /// Who said it.
    pub speaker: Option<Speaker>,
}

impl Attribution {
    /// A cue and the speaker `phrase` refers to.
    pub(crate) fn cue_and_speaker(ctx: &Context, cue: TokenSpan, phrase: Phrase) -> Attribution {
        Attribution {
            cue: Some(cue),
            speaker: Some(speaker(ctx, phrase)),
        }
    }

    /// A speaker without a cue word (`Pompeo: "…"`, a byline, a sentence subject).
    pub(crate) fn speaker_only(ctx: &Context, phrase: Phrase) -> Attribution {
        Attribution {
            cue: None,
            speaker: Some(speaker(ctx, phrase)),
        }
    }

    /// Neither: a scare quote or a title.
    pub(crate) fn none() -> Attribution {
        Attribution {
            cue: None,
            speaker: None,
        }
    }
}

/// The facts of one marked quotation that the rows read, computed once.
pub(crate) struct Facts<'m> {
    /// Index of the quotation among the document's marked quotations.
    pub index: usize,
    /// The quotation's marks and content.
    pub mark: &'m Marked,
    /// Token of the opening mark.
    pub open_tok: usize,
    /// Token of the closing mark (`None` for a piece of a quotation that continues).
    pub close_tok: Option<usize>,
    /// Paragraph of the opening mark.
    pub para: usize,
    /// First token of the unquoted lead-in: the sentence start, or just after an earlier
    /// quotation in the same sentence; equal to `open_tok` when there is no lead-in.
    pub lead_start: usize,
    /// Words of the quoted content.
    pub words: usize,
    /// Last character of the content before closing quotes, apostrophes and brackets.
    pub last_char: char,
    /// The content ends like a sentence or a clause (`.`, `?`, `,`, a dash).
    pub sentence_like: bool,
    /// The lead-in ends with `,`, `:` or a dash right before the opening mark: a cue clause
    /// (`X said, "…"`).
    pub lead_is_cue_clause: bool,
    /// `Mixed` when unquoted words that are no cue lead-in and no conjunction come first in
    /// the sentence, `Direct` otherwise.
    pub kind: QuoteKind,
    /// The content ends on `,` `?` `!` a dash or an ellipsis, or a comma follows the mark.
    pub strong_end: bool,
    /// A mixed quotation that closes its sentence (`… for "new ideas." Mr. Roe is …`): the
    /// words after it start another sentence, not an attribution.
    pub closes_mixed: bool,
}

impl Facts<'_> {
    /// True when the quotation has no unquoted lead-in.
    pub(crate) fn lead_empty(&self) -> bool {
        self.lead_start >= self.open_tok
    }

    /// The content ends its clause: strong punctuation or a sentence end.
    pub(crate) fn ends_clause(&self) -> bool {
        self.strong_end || is_sentence_end(self.last_char)
    }
}

/// Computes the facts of marked quotation `index`.
pub(crate) fn facts<'m>(ctx: &Context, index: usize, mark: &'m Marked) -> Facts<'m> {
    let open_tok = ctx.t.first_at_or_after(mark.open);
    let close_tok = mark.close.map(|c| ctx.t.first_at_or_after(c));
    let para = ctx.t.toks.get(open_tok).map_or(0, |t| t.para);
    let lead_start = lead_start(ctx, open_tok, index);
    let lead_empty = lead_start >= open_tok;
    let words = ctx.t.chars[mark.start..mark.end]
        .split(|c: &char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .count();
    let last_char = ctx.t.chars[..mark.end]
        .iter()
        .rev()
        .find(|c| !matches!(c, '\'' | '’' | '"' | ')'))
        .copied()
        .unwrap_or(' ');
    let sentence_like = is_sentence_end(last_char) || matches!(last_char, ',' | '—' | '–');
    let lead_is_cue_clause = !lead_empty
        && open_tok > 0
        && (ctx.t.is_punct(open_tok - 1, ',')
            || ctx.t.is_punct(open_tok - 1, ':')
            || ctx.t.is_punct(open_tok - 1, '—'));
    let conjunction_only = (lead_start..open_tok).all(|i| LEAD_CONJUNCTIONS.contains(ctx.lower(i)));
    let kind = if !lead_empty && !lead_is_cue_clause && !conjunction_only {
        QuoteKind::Mixed
    } else {
        QuoteKind::Direct
    };
    let strong_end = matches!(last_char, ',' | '?' | '!' | '—' | '–' | '…')
        || close_tok.is_some_and(|c| ctx.t.is_punct(c + 1, ','));
    let closes_mixed = kind == QuoteKind::Mixed
        && last_char == '.'
        && close_tok.is_some_and(|c| ctx.t.is_capitalized(c + 1));
    Facts {
        index,
        mark,
        open_tok,
        close_tok,
        para,
        lead_start,
        words,
        last_char,
        sentence_like,
        lead_is_cue_clause,
        kind,
        strong_end,
        closes_mixed,
    }
}

/// Where the unquoted lead-in of a quotation starts: its sentence start, or just after an
/// earlier quotation in the same sentence.
fn lead_start(ctx: &Context, open_tok: usize, index: usize) -> usize {
    let mut start = ctx.sentence_start(open_tok);
    if let Some(prev_close) = index.checked_sub(1).and_then(|prev| ctx.marked[prev].close) {
        let after = ctx.t.first_at_or_after(prev_close) + 1;
        if after > start && after <= open_tok {
            start = after;
        }
    }
    start
}
