//! Attribution of marked quotations: which cue and speaker each one has, and its kind.
//!
//! For each quotation its [`Facts`] are computed once (the unquoted lead-in before it, whether
//! it ends on strong punctuation, closes a mixed quotation, reads like a sentence, …). Then the
//! rows of [`RULES`] are tried in order and the first that matches attributes it; a quotation
//! no row matches is `quote-unattributed`. The table is the order: `Rule::ALL` and the rule
//! table in `docs/quotes.md` are tested against it.
//!
//! After the table, named post-passes may relabel a quotation, and they are the only places
//! that change a rule id:
//! 1. [`turns::continue_turn`]: an unattributed quotation takes the speaker of the turn it
//!    continues (`quote-continuation`, `paragraph-continuation`);
//! 2. [`scare::short_unattributed`]: a short unattributed quotation with no sentence
//!    punctuation, or a title punctuated inside its marks, is a scare quote (`scare-quote`);
//! 3. [`scare::report_around_quoted_name`]: a quoted name inside a sentence that closes with
//!    its attribution is a scare quote and the sentence the report
//!    (`indirect-clause-speaker-cue`);
//! 4. [`turns::share_chains`], once every quotation is done: the pieces of a multi-paragraph
//!    quotation share a speaker (`quote-multi-paragraph`).

use super::context::Context;
use super::facts::{facts, Attribution, Facts};
use super::found::Found;
use super::lexicon::{is_time_word, LEAD_IN_FROM_WORDS, STATEMENT_TAIL_WORDS};
use super::phrases::{
    coordinated_subject, loose_phrase, main_clause_start, participle_subject, phrase_ending_at,
    sentence_subject, speaker_after, speaker_before, trailing_phrase, Phrase,
};
use super::rules::Rule;
use super::tokens::{TokKind, TokenSpan};
use super::{scare, turns};
use crate::doc::QuoteKind;
use crate::sentences::{is_double_quote_mark, is_sentence_end};

/// Most tokens of a lead-in that is only a name and a colon (`And from Chairwoman Lydia
/// Voss:`): a longer one is a sentence, not a label.
const MAX_COLON_LEAD_TOKENS: usize = 7;
/// Most tokens after the first word of an em-dash byline (`" —Commissioner Jane Roe`): a
/// byline is a name and a title, not a clause.
const MAX_BYLINE_EXTRA_WORDS: usize = 8;
/// Most tokens scanned after a closing mark for `X said`: room for a long appositive
/// (`"…," Ana Diaz, an economist at … and a professor at …, said`).
const MAX_SPEAKER_CUE_SCAN: usize = 40;
/// Past this many tokens after the closing mark only a speech verb right after a comma
/// (closing an appositive) counts as the cue.
const MAX_PLAIN_SPEAKER_TOKENS: usize = 16;
/// How many of a sentence's last words may hold its closing cue (`, she said on Monday.`).
const TRAILING_CUE_REACH: usize = 8;
/// A previous sentence longer than this many tokens gives its speaker to the next quotation
/// only when it closes with its attribution (`…, Roe said. "…"`).
const LONG_LEAD_SENTENCE: usize = 20;
/// How many of the previous sentence's last words may hold its cue (`X said in a statement.`).
const PREVIOUS_CUE_REACH: usize = 6;

/// One row of the table: a function that attributes the quotation or declines.
type RuleFn = fn(&Context, &Facts) -> Option<Attribution>;

/// The rows, tried in this order for every marked quotation; the first that matches wins.
/// A rule id may appear twice when its pattern is tried at two points (a title before any
/// attribution when context announces it, after them when only its case does).
pub(crate) const RULES: &[(Rule, RuleFn)] = &[
    (Rule::ScareNickname, scare::nickname),
    (Rule::ScareTitle, scare::title_in_context),
    (Rule::SpeakerCueQuote, lead_in_cue),
    (Rule::SpeakerColonQuote, lead_in_name_colon),
    (Rule::MixedAccordingTo, mixed_according_to_open_end),
    (Rule::MixedSpeakerCue, mixed_cue_open_end),
    (Rule::QuoteDashByline, dash_byline),
    (Rule::QuoteCueSpeaker, cue_speaker_after),
    (Rule::QuoteAccordingTo, according_to_after),
    (Rule::QuoteSpeakerCue, speaker_cue_after),
    (Rule::QuoteTrailingCue, sentence_final_cue),
    (Rule::ScareTitle, scare::title_by_case),
    (Rule::MixedAccordingTo, mixed_according_to_strong_end),
    (Rule::MixedSpeakerCue, mixed_cue_strong_end),
    (Rule::MixedSentenceSubject, mixed_sentence_subject),
    (Rule::SpeakerCueQuote, previous_sentence_cue),
    (Rule::QuoteAfterReport, previous_sentence_report),
    (Rule::LeadInColon, previous_paragraph_lead_in),
];

/// The rule of a quotation no row attributes (`speaker: null`), unless a post-pass relabels it.
pub(crate) const FALLBACK: Rule = Rule::QuoteUnattributed;

/// The rules the post-passes set, in the order the post-passes run (see the module docs).
#[cfg(test)]
pub(crate) const POST_PASS_RULES: [Rule; 4] = [
    Rule::QuoteContinuation,
    Rule::ParagraphContinuation,
    Rule::ScareQuote,
    Rule::QuoteMultiParagraph,
];

/// Attributes every marked quotation of the document; also returns the reports that a
/// post-pass split off around quoted names.
pub(crate) fn attribute_marked(ctx: &Context) -> Vec<Found> {
    let marked = &ctx.marked;
    let mut out: Vec<Found> = Vec::with_capacity(marked.len());
    // Paragraph of each found quote, to look back for turns.
    let mut paras: Vec<usize> = Vec::with_capacity(marked.len());
    let mut reports: Vec<Found> = Vec::new();
    for (index, mark) in marked.iter().enumerate() {
        let facts = facts(ctx, index, mark);
        let matched = RULES
            .iter()
            .find_map(|&(rule, row)| row(ctx, &facts).map(|a| (rule, a)));
        let mut f = match matched {
            Some((rule, a)) => Found {
                kind: if rule.is_scare() {
                    QuoteKind::Scare
                } else {
                    facts.kind
                },
                start: mark.start,
                end: mark.end,
                cue: a.cue.map(|cue| ctx.text_span(cue)),
                speaker: a.speaker,
                rule,
                score: None,
            },
            None => Found {
                kind: facts.kind,
                start: mark.start,
                end: mark.end,
                cue: None,
                speaker: None,
                rule: FALLBACK,
                score: None,
            },
        };
        if !f.rule.is_scare() {
            turns::continue_turn(ctx, &facts, &mut f, &out, &paras);
            scare::short_unattributed(ctx, &facts, &mut f);
            reports.extend(scare::report_around_quoted_name(ctx, &facts, &mut f));
        }
        out.push(f);
        paras.push(facts.para);
    }
    turns::share_chains(marked, &mut out);
    out.extend(reports);
    out
}

/// `X said, "…"`, `X told reporters: "…"`: the last speech cue of a lead-in ending in `,`, `:`
/// or a dash, with its speaker.
fn lead_in_cue(ctx: &Context, f: &Facts) -> Option<Attribution> {
    if !f.lead_is_cue_clause {
        return None;
    }
    cue_in_lead(ctx, f.lead_start, f.open_tok - 1)
}

/// `Pompeo: "…"`, `—Pompeo: "…"`: a bare speaker phrase and a colon as the whole lead-in.
fn lead_in_name_colon(ctx: &Context, f: &Facts) -> Option<Attribution> {
    if !f.lead_is_cue_clause {
        return None;
    }
    name_before_colon(ctx, f.lead_start, f.open_tok - 1)
}

/// The last cue in lead-in tokens `[start, last]` (its last token `,`, `:` or a dash) and
/// its speaker.
pub(crate) fn cue_in_lead(ctx: &Context, start: usize, last: usize) -> Option<Attribution> {
    for k in (start..last).rev() {
        if ctx.is_speech_cue(k) {
            // `Roe attacked the plan, saying, "…"`: a participle after a comma belongs to the
            // sentence's subject.
            let phrase = participle_subject(ctx, start, k)
                .or_else(|| speaker_before(ctx, k))
                .or_else(|| coordinated_subject(ctx, start, k))
                .or_else(|| speaker_after(ctx, k));
            if let Some(p) = phrase.filter(|p| p.first >= start) {
                // `Roe said she recalled thinking, "…"`: a pronoun inside an outer report
                // gives way to the outer speaker.
                if p.is_single() && matches!(ctx.lower(p.first), "he" | "she") {
                    if let Some(outer) = outer_report(ctx, start, p.first) {
                        return Some(outer);
                    }
                }
                return Some(Attribution::cue_and_speaker(ctx, TokenSpan::single(k), p));
            }
        }
        if ctx.is_according_to(k) {
            if let Some(p) = speaker_after(ctx, k + 1) {
                return Some(Attribution::cue_and_speaker(
                    ctx,
                    TokenSpan::through(k, k + 1),
                    p,
                ));
            }
        }
    }
    None
}

/// A lead-in `[start, last]` that is a speaker phrase and a colon (`Pompeo:`, `—Pompeo:`,
/// `And from Chairwoman Lydia Voss:`).
fn name_before_colon(ctx: &Context, start: usize, last: usize) -> Option<Attribution> {
    if !ctx.t.is_punct(last, ':') || last <= start || last - start > MAX_COLON_LEAD_TOKENS {
        return None;
    }
    let p = phrase_ending_at(ctx, last - 1)?;
    let lead_words: Vec<&str> = (start..p.first).map(|i| ctx.lower(i)).collect();
    let from_lead = lead_words.last() == Some(&"from")
        && lead_words.iter().all(|w| LEAD_IN_FROM_WORDS.contains(w));
    (p.first == start || ctx.lower(start) == "—" || from_lead)
        .then(|| Attribution::speaker_only(ctx, p))
}

/// The first speech cue in tokens `[start, before)` with a named (not pronoun) speaker before
/// it, or a sentence subject for a cue coordinated with an earlier verb: the outer report of a
/// lead-in such as `Roe said she recalled thinking,` or `Roe toured the site and said she …:`.
fn outer_report(ctx: &Context, start: usize, before: usize) -> Option<Attribution> {
    (start..before).find_map(|k| {
        if !ctx.is_speech_cue(k) {
            return None;
        }
        let p = speaker_before(ctx, k)
            .or_else(|| coordinated_subject(ctx, start, k))
            .filter(|p| p.first >= start)?;
        (!ctx.is_pronoun(p.last()))
            .then(|| Attribution::cue_and_speaker(ctx, TokenSpan::single(k), p))
    })
}

/// A cue found before the opening mark of a mixed quotation: `X said he had "…"` or `…,
/// according to X, "…"`, and its speaker.
enum MixedCue {
    /// `according to X` at this token.
    AccordingTo(usize, Phrase),
    /// A cue verb at this token.
    Verb(usize, Phrase),
}

/// The first cue before the opening mark that has a speaker: the phrase before it, the
/// sentence's subject for a participle (`…, saying`) or a cue coordinated with an earlier verb
/// (`X toured the site and said he thought "…"`). Cues of the main clause come first: in `In a
/// statement announcing the pick, the union called her a "champion"` the cue is `called`, not
/// `announcing`.
fn first_mixed_cue(ctx: &Context, f: &Facts) -> Option<MixedCue> {
    let (start, open_tok) = (f.lead_start, f.open_tok);
    let main = main_clause_start(ctx, start, open_tok)
        .unwrap_or(start)
        .min(open_tok);
    for k in (main..open_tok).chain(start..main) {
        if ctx.is_according_to(k) {
            if let Some(p) = speaker_after(ctx, k + 1) {
                return Some(MixedCue::AccordingTo(k, p));
            }
        }
        if ctx.is_any_cue(k) {
            let phrase = participle_subject(ctx, start, k)
                .or_else(|| speaker_before(ctx, k))
                .or_else(|| coordinated_subject(ctx, start, k));
            if let Some(p) = phrase {
                // `Roe condemned what she called a "breach"`: a pronoun in a free relative
                // after the subject stands for it, and the report is the subject's.
                let subject = (p.is_single()
                    && ctx.is_pronoun(p.first)
                    && p.first > start
                    && ctx.lower(p.first - 1) == "what")
                    .then(|| sentence_subject(ctx, start, p.first))
                    .flatten()
                    .filter(|s| s.last() < p.first && !ctx.is_pronoun(s.last()));
                return Some(MixedCue::Verb(k, subject.unwrap_or(p)));
            }
        }
    }
    None
}

/// `… according to X, "…"` in a mixed quotation.
fn mixed_according_to(ctx: &Context, f: &Facts) -> Option<Attribution> {
    match first_mixed_cue(ctx, f)? {
        MixedCue::AccordingTo(k, p) => Some(Attribution::cue_and_speaker(
            ctx,
            TokenSpan::through(k, k + 1),
            p,
        )),
        MixedCue::Verb(..) => None,
    }
}

/// `X said he had "…"` in a mixed quotation.
fn mixed_cue(ctx: &Context, f: &Facts) -> Option<Attribution> {
    match first_mixed_cue(ctx, f)? {
        MixedCue::Verb(k, p) => Some(Attribution::cue_and_speaker(ctx, TokenSpan::single(k), p)),
        MixedCue::AccordingTo(..) => None,
    }
}

/// A mixed quotation that does not end its clause (`X said he had "no plans" for …`) takes
/// the cue before it before any cue after it is looked for.
fn mixed_according_to_open_end(ctx: &Context, f: &Facts) -> Option<Attribution> {
    (f.kind == QuoteKind::Mixed && !f.strong_end)
        .then(|| mixed_according_to(ctx, f))
        .flatten()
}

/// See [`mixed_according_to_open_end`].
fn mixed_cue_open_end(ctx: &Context, f: &Facts) -> Option<Attribution> {
    (f.kind == QuoteKind::Mixed && !f.strong_end)
        .then(|| mixed_cue(ctx, f))
        .flatten()
}

/// A mixed quotation that ends its clause (`X called it "a disgrace,"`) takes the cue before
/// it only when no cue follows it.
fn mixed_according_to_strong_end(ctx: &Context, f: &Facts) -> Option<Attribution> {
    (f.kind == QuoteKind::Mixed && f.strong_end)
        .then(|| mixed_according_to(ctx, f))
        .flatten()
}

/// See [`mixed_according_to_strong_end`].
fn mixed_cue_strong_end(ctx: &Context, f: &Facts) -> Option<Attribution> {
    (f.kind == QuoteKind::Mixed && f.strong_end)
        .then(|| mixed_cue(ctx, f))
        .flatten()
}

/// `The senator likes "…"`: a mixed quotation of two or more words with no cue is its
/// sentence subject's. Words (the verb) lie between the subject and the quotation; in `The
/// "sex tape" reference was …` the quoted words sit inside the subject, which then runs up to
/// the opening mark.
fn mixed_sentence_subject(ctx: &Context, f: &Facts) -> Option<Attribution> {
    if f.kind != QuoteKind::Mixed || f.words < 2 {
        return None;
    }
    let subject = sentence_subject(ctx, f.lead_start, f.open_tok).filter(|p| p.end < f.open_tok)?;
    Some(Attribution::speaker_only(ctx, subject))
}

/// The first token after a closing mark where an attribution may start (after a comma), when
/// the quotation ends its clause and that token is in the same paragraph.
fn after_close(ctx: &Context, f: &Facts) -> Option<usize> {
    if f.closes_mixed || !f.ends_clause() {
        return None;
    }
    let close = f.close_tok?;
    let para = ctx.t.toks.get(close)?.para;
    let j = if ctx.t.is_punct(close + 1, ',') {
        close + 2
    } else {
        close + 1
    };
    ctx.t
        .toks
        .get(j)
        .is_some_and(|t| t.para == para)
        .then_some(j)
}

/// True when token `i` is in paragraph `para`.
fn in_para(ctx: &Context, i: usize, para: usize) -> bool {
    ctx.t.toks.get(i).is_some_and(|t| t.para == para)
}

/// `" —Commissioner Jane Roe`: an em-dash byline up to the end of the line (also `--`, or a
/// plain hyphen glued to the name: `" -Commissioner Rob Starling`). A title before the name
/// stays in the speaker's text; the name comes from linking.
fn dash_byline(ctx: &Context, f: &Facts) -> Option<Attribution> {
    let j = after_close(ctx, f)?;
    let para = ctx.t.toks[j].para;
    let dash = ctx.t.is_punct(j, '—') || ctx.t.is_punct(j, '–') || ctx.t.is_punct(j, '―');
    let double_hyphen = ctx.t.is_punct(j, '-') && ctx.t.is_punct(j + 1, '-');
    let glued_hyphen = ctx.t.is_punct(j, '-')
        && ctx
            .t
            .toks
            .get(j + 1)
            .is_some_and(|n| n.start == ctx.t.toks[j].end);
    if !(dash || double_hyphen || glued_hyphen) {
        return None;
    }
    let first = if double_hyphen { j + 2 } else { j + 1 };
    let mut last = first;
    while in_para(ctx, last + 1, para)
        && ctx.t.is_word(last + 1)
        && last - first < MAX_BYLINE_EXTRA_WORDS
    {
        last += 1;
    }
    let ends_line = !in_para(ctx, last + 1, para)
        || ctx.t.is_punct(last + 1, ',')
        || ctx.t.is_punct(last + 1, '.');
    (in_para(ctx, first, para)
        && ctx.t.is_capitalized(first)
        && ends_line
        && !ctx.is_speech_cue(first))
    .then(|| Attribution::speaker_only(ctx, Phrase::through(first, last)))
}

/// `"…," said X`: a speech cue right after the closing mark and the speaker after it.
fn cue_speaker_after(ctx: &Context, f: &Facts) -> Option<Attribution> {
    let j = after_close(ctx, f)?;
    if !ctx.is_speech_cue(j) {
        return None;
    }
    let p = speaker_after(ctx, j).or_else(|| trailing_phrase(ctx, j + 1))?;
    Some(Attribution::cue_and_speaker(ctx, TokenSpan::single(j), p))
}

/// `"…," according to X`.
fn according_to_after(ctx: &Context, f: &Facts) -> Option<Attribution> {
    let j = after_close(ctx, f)?;
    if !ctx.is_according_to(j) {
        return None;
    }
    let p = speaker_after(ctx, j + 1)?;
    Some(Attribution::cue_and_speaker(
        ctx,
        TokenSpan::through(j, j + 1),
        p,
    ))
}

/// `"…," X said`: the words between the mark and the cue are the speaker. A long appositive
/// (`"…," Ana Diaz, an economist at … and a professor at …, said`) may hold up to
/// [`MAX_SPEAKER_CUE_SCAN`] tokens when a comma closes it right before a speech verb.
fn speaker_cue_after(ctx: &Context, f: &Facts) -> Option<Attribution> {
    let j = after_close(ctx, f)?;
    let para = ctx.t.toks[j].para;
    for k in j..j + MAX_SPEAKER_CUE_SCAN {
        if !in_para(ctx, k, para) || ctx.in_quote.get(k).is_some_and(Option::is_some) {
            break;
        }
        let tok = ctx.t.toks[k];
        let c = ctx.t.chars[tok.start];
        if tok.kind == TokKind::Punct
            && (is_sentence_end(c) || matches!(c, ';' | '"' | '“' | '”' | ':'))
        {
            break;
        }
        if k >= j + MAX_PLAIN_SPEAKER_TOKENS
            && !(ctx.is_speech_cue(k) && ctx.t.is_punct(k - 1, ','))
        {
            continue;
        }
        let lower = ctx.lower(k);
        let verb_like = ctx.is_speech_cue(k)
            || (k > j
                && ctx.free_word(k)
                && !ctx.t.is_capitalized(k)
                && lower.ends_with("ed")
                && (ctx.t.is_punct(k + 1, '.')
                    || ctx.t.is_punct(k + 1, ',')
                    || !in_para(ctx, k + 1, para)));
        if !verb_like {
            continue;
        }
        if k == j {
            return None;
        }
        let p = speaker_before(ctx, k)
            .filter(|p| p.first == j)
            .or_else(|| loose_phrase(ctx, j, k))?;
        return Some(Attribution::cue_and_speaker(ctx, TokenSpan::single(k), p));
    }
    None
}

/// `"…" for the record, she said.`: a quotation that does not end its clause, in a sentence
/// that closes with `, X said` or `, said X` (time words may follow the cue).
fn sentence_final_cue(ctx: &Context, f: &Facts) -> Option<Attribution> {
    if f.closes_mixed {
        return None;
    }
    let close = f.close_tok?;
    let first = close + 1;
    let s = *ctx.sentence.get(first)?;
    let para = ctx.t.toks.get(close)?.para;
    if ctx.sentence.get(close) != Some(&s) || ctx.t.toks[first].para != para {
        return None;
    }
    let mut end = first;
    while end < ctx.t.toks.len() && ctx.sentence[end] == s {
        if ctx.in_quote[end].is_some() {
            return None;
        }
        end += 1;
    }
    if !ctx.t.is_punct(end.checked_sub(1)?, '.') {
        return None;
    }
    let last = end - 2;
    for k in (first..=last).rev().take(TRAILING_CUE_REACH) {
        if !ctx.is_speech_cue(k) {
            continue;
        }
        if (k + 1..=last).all(|i| is_time_word(ctx.lower(i))) {
            if let Some(p) = speaker_before(ctx, k) {
                if p.first > first && ctx.t.is_punct(p.first - 1, ',') {
                    return Some(Attribution::cue_and_speaker(ctx, TokenSpan::single(k), p));
                }
            }
        }
        if k > first && ctx.t.is_punct(k - 1, ',') {
            if let Some(p) = speaker_after(ctx, k).filter(|p| p.last() == last) {
                return Some(Attribution::cue_and_speaker(ctx, TokenSpan::single(k), p));
            }
        }
        return None;
    }
    None
}

/// The previous sentence of the same paragraph, when it ends with `.` and has a speech cue
/// among its last words: its first token, its final `.` token, the cue, and whether only
/// [`STATEMENT_TAIL_WORDS`] and time words follow the cue (`X said in a statement.`).
struct PreviousSentence {
    start: usize,
    end: usize,
    cue: usize,
    closes_with_cue: bool,
}

/// The sentence before the quotation's lead-in, for a quotation whose lead-in is a cue clause
/// or empty.
fn previous_sentence(ctx: &Context, f: &Facts) -> Option<PreviousSentence> {
    let first_tok = if f.lead_empty() {
        f.open_tok
    } else if f.lead_is_cue_clause {
        f.lead_start
    } else {
        return None;
    };
    let end = first_tok.checked_sub(1)?;
    let para = ctx.t.toks.get(first_tok)?.para;
    if ctx.t.toks[end].para != para || !ctx.t.is_punct(end, '.') {
        return None;
    }
    let start = ctx.sentence_start(end);
    let cue = (start..end)
        .rev()
        .take(PREVIOUS_CUE_REACH)
        .find(|&k| ctx.is_speech_cue(k))?;
    let closes_with_cue = (cue + 1..end).all(|i| {
        let w = ctx.lower(i);
        is_time_word(w) || STATEMENT_TAIL_WORDS.contains(w)
    });
    Some(PreviousSentence {
        start,
        end,
        cue,
        closes_with_cue,
    })
}

/// `X said in a statement. "…"`: a previous sentence in the same paragraph that is only a
/// speaker and a cue; a long one only when it closes with its attribution (`…, Roe said.
/// "…"`, `"…," she said. "…"`).
fn previous_sentence_cue(ctx: &Context, f: &Facts) -> Option<Attribution> {
    let prev = previous_sentence(ctx, f)?;
    if !prev.closes_with_cue {
        return None;
    }
    let long = prev.end - prev.start > LONG_LEAD_SENTENCE;
    let p = speaker_before(ctx, prev.cue)
        .filter(|p| p.first >= prev.start)
        .filter(|p| {
            !long
                || p.first > prev.start
                    && (ctx.t.is_punct(p.first - 1, ',')
                        || is_double_quote_mark(ctx.t.first_char(p.first - 1)))
        })?;
    Some(Attribution::cue_and_speaker(
        ctx,
        TokenSpan::single(prev.cue),
        p,
    ))
}

/// `Karim Haddad, who runs the bakery, said he was worried. "…"`: a quotation opening right
/// after a sentence whose subject reports speech continues that report, and is its subject's.
fn previous_sentence_report(ctx: &Context, f: &Facts) -> Option<Attribution> {
    let prev = previous_sentence(ctx, f)?;
    if prev.closes_with_cue {
        return None;
    }
    let (start, end) = (prev.start, prev.end);
    let k = (start..end).find(|&k| ctx.is_speech_cue(k))?;
    let p = speaker_before(ctx, k).filter(|p| p.first == start)?;
    let reported = (k + 1..end).filter(|&i| ctx.t.is_word(i)).count() >= 2;
    let named = ctx.t.is_capitalized(p.last()) || ctx.is_pronoun(p.last());
    (reported && named).then(|| Attribution::cue_and_speaker(ctx, TokenSpan::single(k), p))
}

/// A quotation opening its paragraph after a previous paragraph that ends with a lead-in and
/// a colon (`And from Chairwoman Lydia Voss:` ¶ `"…"`).
fn previous_paragraph_lead_in(ctx: &Context, f: &Facts) -> Option<Attribution> {
    let open_tok = f.open_tok;
    let at_token_start = ctx
        .t
        .toks
        .get(open_tok)
        .is_some_and(|t| t.start == f.mark.open);
    if !f.lead_empty() || open_tok == 0 || !at_token_start {
        return None;
    }
    let starts_para = ctx.t.paras.get(f.para).is_some_and(|p| p.0 == f.mark.open);
    if !starts_para || !ctx.t.is_punct(open_tok - 1, ':') {
        return None;
    }
    let colon = open_tok - 1;
    let start = ctx.sentence_start(colon);
    cue_in_lead(ctx, start, colon).or_else(|| name_before_colon(ctx, start, colon))
}
