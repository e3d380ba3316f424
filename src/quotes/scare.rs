//! Scare quotes, nicknames and titles of works: quoted words that are not speech (kind
//! `scare`, never attributed). Three rows of the marked-quotation table ([`nickname`],
//! [`title_in_context`], [`title_by_case`]) and two post-passes ([`short_unattributed`],
//! [`report_around_quoted_name`]).

use super::context::Context;
use super::facts::{Attribution, Facts};
use super::found::Found;
use super::lexicon::{
    is_time_word, APPOSITIVE_STARTS, NICKNAME_MARKERS, TITLE_INTRODUCERS, TITLE_SMALL_WORDS,
    WORK_NOUNS,
};
use super::marks::Marked;
use super::rules::Rule;
use crate::doc::QuoteKind;

/// Most words of a nickname (`Marcello "Shorty" Cuttitta`).
const MAX_NICKNAME_WORDS: usize = 3;
/// Fewest and most words of a title-case quotation read as a title (`"Meet the Press"`,
/// `"Once Upon a Time in the West"`).
const TITLE_WORDS: std::ops::RangeInclusive<usize> = 2..=7;
/// Most words of an unattributed quotation that is a scare quote for want of sentence
/// punctuation or as a punctuated title: a longer one is kept as speech with `speaker: null`.
const MAX_SCARE_QUOTE_WORDS: usize = 4;
/// How many words before a one-word quotation are searched for a cue that makes it speech
/// (`told reporters "Nothing."`, `said simply "No."`, `called the report "Fake."`).
const MAX_CUE_TO_QUOTE_WORDS: usize = 3;
/// Most words of a quoted name inside a report (`the "Green House" compound, a source said`).
const MAX_QUOTED_NAME_WORDS: usize = 3;

/// `Marcello "Shorty" Cuttitta`, `the so-called "woke" crowd`.
pub(crate) fn nickname(ctx: &Context, f: &Facts) -> Option<Attribution> {
    let open_tok = f.open_tok;
    if f.words > MAX_NICKNAME_WORDS || open_tok == 0 {
        return None;
    }
    let prev = open_tok - 1;
    if NICKNAME_MARKERS.contains(ctx.lower(prev)) {
        return Some(Attribution::none());
    }
    let close = f.close_tok?;
    let same_para =
        |i: usize| ctx.t.toks.get(i).map(|t| t.para) == ctx.t.toks.get(open_tok).map(|t| t.para);
    (ctx.t.is_capitalized(prev)
        && same_para(prev)
        && ctx.t.is_capitalized(close + 1)
        && same_para(close + 1)
        && ctx.t.is_capitalized(open_tok + 1)
        && !is_time_word(ctx.lower(prev))
        && !ctx.is_any_cue(prev))
    .then(Attribution::none)
}

/// The name of a work or show announced by what comes before it, checked before any
/// attribution (the name is not speech even when a cue follows it): a title-case quotation
/// after a possessive or a word of [`TITLE_INTRODUCERS`] or [`WORK_NOUNS`] (`on CNN's "State
/// of the Union."`); a one-word one after `titled` or a noun for a work (`the documentary
/// "Thirteen"`); one set off by a comma after such a noun (`his book, "The Art of the
/// Deal,"`); or one capitalized word quoted inside a sentence with no cue just before it
/// ([`is_quoted_name_word`]).
pub(crate) fn title_in_context(ctx: &Context, f: &Facts) -> Option<Attribution> {
    (is_named_title(ctx, f) || is_appositive_title(ctx, f) || is_quoted_name_word(ctx, f))
        .then(Attribution::none)
}

/// A title-case quotation of [`TITLE_WORDS`] words that nothing attributes (`"Meet the Press"`).
pub(crate) fn title_by_case(ctx: &Context, f: &Facts) -> Option<Attribution> {
    is_title(ctx, f.mark, f.words).then(Attribution::none)
}

/// Post-pass: an unattributed quotation of at most [`MAX_SCARE_QUOTE_WORDS`] words is a scare
/// quote (`scare-quote`) when it has no sentence punctuation, or when it is a title whose
/// punctuation sits inside the marks, as American style puts it ([`is_punctuated_title`]).
pub(crate) fn short_unattributed(ctx: &Context, f: &Facts, found: &mut Found) {
    if found.rule == Rule::QuoteUnattributed
        && f.words <= MAX_SCARE_QUOTE_WORDS
        && (!f.sentence_like || is_punctuated_title(ctx, f))
    {
        found.rule = Rule::ScareQuote;
        found.kind = QuoteKind::Scare;
    }
}

/// Post-pass: `The couple remain inside the "Green House" compound, a source said.`: a name of
/// two or three quoted words inside a sentence that closes with its attribution is a scare
/// quote, and the sentence is the report (`indirect-clause-speaker-cue`, the quote marks
/// inside it). Turns `found` into the scare quote and returns the report.
pub(crate) fn report_around_quoted_name(
    ctx: &Context,
    f: &Facts,
    found: &mut Found,
) -> Option<Found> {
    if found.rule != Rule::QuoteTrailingCue
        || f.words > MAX_QUOTED_NAME_WORDS
        || f.lead_start >= f.open_tok
    {
        return None;
    }
    let speaker = found.speaker.clone()?;
    let speaker_tok = ctx.t.first_at_or_after(speaker.span.start);
    let cue_tok = ctx.t.first_at_or_after(found.cue.as_ref()?.span.start);
    // The clause ends at the comma before the attribution (`…, a source said.`).
    let comma = speaker_tok.min(cue_tok).checked_sub(1)?;
    if !ctx.t.is_punct(comma, ',') || comma == 0 {
        return None;
    }
    let report = Found {
        kind: QuoteKind::Indirect,
        start: ctx.t.toks[f.lead_start].start,
        end: ctx.t.toks[comma - 1].end,
        cue: found.cue.clone(),
        speaker: Some(speaker),
        rule: Rule::IndirectClauseSpeakerCue,
        score: None,
    };
    found.kind = QuoteKind::Scare;
    found.rule = Rule::ScareQuote;
    found.cue = None;
    found.speaker = None;
    Some(report)
}

/// A title of a work or show (`"Meet the Press"`): [`TITLE_WORDS`] words, capitalized as
/// [`every_word_capitalized`] says.
fn is_title(ctx: &Context, m: &Marked, words: usize) -> bool {
    TITLE_WORDS.contains(&words) && every_word_capitalized(ctx, m)
}

/// `"Lanterns," a Danish drama…`, `"Parasite," the Korean satire…`: a quotation capitalized as
/// [`every_word_capitalized`] says, its punctuation inside its marks — a comma followed by an
/// appositive ([`APPOSITIVE_STARTS`]), or a comma or a period inside a sentence begun before
/// the quotation — is a name or title. A one-word answer (`"Absolutely."`, `"Never," came the
/// reply`) stays speech. Titles of two words or more are read by [`title_by_case`] before
/// this post-pass; it sees the one-word ones.
fn is_punctuated_title(ctx: &Context, f: &Facts) -> bool {
    let inside_sentence = f.lead_start < f.open_tok;
    let punctuated = match f.last_char {
        ',' => inside_sentence || appositive_after(ctx, f),
        '.' => inside_sentence,
        _ => false,
    };
    punctuated && every_word_capitalized(ctx, f.mark)
}

/// Whether a word of [`APPOSITIVE_STARTS`] follows the closing mark (after a comma outside
/// the marks, if there is one).
fn appositive_after(ctx: &Context, f: &Facts) -> bool {
    f.close_tok.is_some_and(|close| {
        let next = if ctx.t.is_punct(close + 1, ',') {
            close + 2
        } else {
            close + 1
        };
        next < ctx.t.toks.len()
            && ctx.free_word(next)
            && APPOSITIVE_STARTS.contains(ctx.lower(next))
    })
}

/// Whether a quotation's first letter is a capital, every word outside [`TITLE_SMALL_WORDS`]
/// starts with a capital or a digit, and some letter is lower case: words in capitals only
/// (`"THIS IS A DISGRACE"`) are shouted, not a title.
fn every_word_capitalized(ctx: &Context, m: &Marked) -> bool {
    has_lower_case(ctx, m) && {
        let content: String = ctx.t.chars[m.start..m.end].iter().collect();
        let mut long = content
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .filter(|w| !TITLE_SMALL_WORDS.contains(w));
        let first = content.chars().find(|c| c.is_alphanumeric());
        first.is_some_and(char::is_uppercase)
            && long.all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            })
    }
}

/// Whether some letter of a quotation is lower case.
fn has_lower_case(ctx: &Context, m: &Marked) -> bool {
    ctx.t.chars[m.start..m.end].iter().any(|c| c.is_lowercase())
}

/// A title-case quotation right after a possessive or a word that announces a title.
fn is_named_title(ctx: &Context, f: &Facts) -> bool {
    let Some(prev) = f.open_tok.checked_sub(1) else {
        return false;
    };
    if !ctx.free_word(prev) {
        return false;
    }
    let lower = ctx.lower(prev);
    if f.words == 1 {
        return (matches!(lower, "titled" | "entitled") || WORK_NOUNS.contains(lower))
            && is_title_case(ctx, f.mark);
    }
    let possessive = lower.ends_with("'s") || lower.ends_with("’s") || lower.ends_with("s'");
    (possessive || TITLE_INTRODUCERS.contains(lower) || WORK_NOUNS.contains(lower))
        && is_title(ctx, f.mark, f.words)
}

/// `fame through violence in "Joker" has swept`: one capitalized word (not in capitals only)
/// quoted inside a sentence, right after a lower-case word, with no cue among the
/// [`MAX_CUE_TO_QUOTE_WORDS`] words before it in its sentence (quotations skipped) — a name
/// or a title. Quoted speech of one word follows its cue (`said "No"`, `told reporters
/// "Nothing."`), starts its sentence, or is an exclamation or a question (`chants of
/// "Bobby!"`).
fn is_quoted_name_word(ctx: &Context, f: &Facts) -> bool {
    let Some(prev) = f.open_tok.checked_sub(1) else {
        return false;
    };
    f.words == 1
        && !matches!(f.last_char, '!' | '?')
        && f.lead_start <= prev
        && ctx.free_word(prev)
        && !ctx.t.is_capitalized(prev)
        && is_title_case(ctx, f.mark)
        && has_lower_case(ctx, f.mark)
        && !(ctx.sentence_start(f.open_tok)..f.open_tok)
            .rev()
            .filter(|&i| ctx.free_word(i))
            .take(MAX_CUE_TO_QUOTE_WORDS)
            .any(|i| ctx.is_any_cue(i))
}

/// `his book, "The Art of the Deal,"`: a title-case quotation set off by a comma after a noun
/// that names a kind of work.
fn is_appositive_title(ctx: &Context, f: &Facts) -> bool {
    let open_tok = f.open_tok;
    open_tok >= 2
        && ctx.t.is_punct(open_tok - 1, ',')
        && ctx.free_word(open_tok - 2)
        && WORK_NOUNS.contains(ctx.lower(open_tok - 2))
        && (f.words == 1 && is_title_case(ctx, f.mark) || is_title(ctx, f.mark, f.words))
}

/// True when the quotation's first letter is a capital or it starts with a digit.
fn is_title_case(ctx: &Context, m: &Marked) -> bool {
    ctx.t.chars[m.start..m.end]
        .iter()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}
