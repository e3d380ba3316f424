//! Quotations that the layout of a text attributes rather than a sentence: the shapes of
//! wire copy, interviews and transcripts, where a line's place says who speaks.
//!
//! The rows of [`RULES`], each over the whole document:
//! - `lead-in-list`: a line ending with a colon whose sentence has a speech cue and its speaker
//!   (`In the interview, President Obama also said:`) followed by lines without quote marks:
//!   each of those lines is reported speech of that speaker (kind `indirect`), up to
//!   [`MAX_LIST_LINES`] lines, until a blank line after the first, a line opening with a quote
//!   mark, or a new lead-in;
//! - `interview-answer`: `Q: …` ¶ `A: …`: each answer is a direct quotation of the person the
//!   text named last before its first question (`Plant manager Joao Silva answered questions
//!   from readers.`); questions are the interviewer's and stay out, quoted answers are left to
//!   the marked rules;
//! - `transcript-turn`: in a transcript — a text with at least [`MIN_TRANSCRIPT_TURNS`] lines
//!   opening with a speaker label in capitals and a colon (`HOST:`, `JANE ROE:`), fact-box
//!   labels (`WHEN:`, `UPDATE:`) excepted — each such line of at least three words is a direct
//!   quotation of its label, unless a speech cue in the line names another source (`HOST: Local
//!   farmers say …` is the farmers' report, which `indirect.rs` reads; `As I said` is the
//!   label's own voice) or the line holds quote marks (the marked rules read it).
//!
//! A line is a paragraph of [`super::tokens::Tokens`]; offsets stay those of the text.

use super::context::Context;
use super::found::Found;
use super::lexicon::{FIRST_AND_SECOND_PERSON, NOT_SPEAKER_LABELS};
use super::marked::cue_in_lead;
use super::phrases::{speaker_after, speaker_before, Phrase};
use super::referents::speaker;
use super::rules::Rule;
use super::tokens::TokenSpan;
use crate::doc::{Label, QuoteKind, Speaker};
use crate::input::wrap::{LIST_BULLETS, MAX_LABEL_WORDS};
use crate::sentences::is_double_quote_mark;

/// Most lines after a lead-in read as its list.
pub const MAX_LIST_LINES: usize = 12;
/// Fewest words of a list line or an answer: shorter ones are labels, not statements.
const MIN_LINE_WORDS: usize = 3;
/// Fewest labelled lines that make a text a transcript: one `UPDATE:` line does not.
pub(crate) const MIN_TRANSCRIPT_TURNS: usize = 2;
/// How many lines before the first question the interviewee's name may lie.
const MAX_INTERVIEW_LEAD_LINES: usize = 3;

/// One row: a function over the whole document.
type RuleFn = fn(&Context) -> Vec<Found>;

/// The rows, in the order they run.
pub(crate) const RULES: &[(Rule, RuleFn)] = &[
    (Rule::LeadInList, lead_in_lists),
    (Rule::InterviewAnswer, interview_answers),
    (Rule::TranscriptTurn, transcript_turns),
];

/// Every quotation the layout attributes, in the order of [`RULES`].
pub(crate) fn find_layout(ctx: &Context) -> Vec<Found> {
    RULES.iter().flat_map(|(_, rule)| rule(ctx)).collect()
}

/// The tokens `[first, end)` of line `line`.
fn line_tokens(ctx: &Context, line: usize) -> (usize, usize) {
    let first = ctx.t.toks.partition_point(|t| t.para < line);
    let end = ctx.t.toks.partition_point(|t| t.para <= line);
    (first, end)
}

/// True when a blank line separates line `line` from the one before it.
fn after_blank_line(ctx: &Context, line: usize) -> bool {
    let Some(prev) = line.checked_sub(1) else {
        return true;
    };
    let (from, to) = (ctx.t.paras[prev].1, ctx.t.paras[line].0);
    ctx.t.chars[from..to].iter().filter(|&&c| c == '\n').count() > 1
}

/// A quotation over tokens `[first, end)` of a line, final punctuation left out for reported
/// speech.
fn found_over(
    ctx: &Context,
    first: usize,
    end: usize,
    kind: QuoteKind,
    rule: Rule,
    speaker: Speaker,
    cue: Option<TokenSpan>,
) -> Found {
    let mut last = end - 1;
    while kind == QuoteKind::Indirect && last > first && ctx.t.is_punct(last, '.') {
        last -= 1;
    }
    Found {
        kind,
        start: ctx.t.toks[first].start,
        end: ctx.t.toks[last].end,
        cue: cue.map(|c| ctx.text_span(c)),
        speaker: Some(speaker),
        rule,
        score: None,
    }
}

/// How many word tokens lie in `[first, end)`.
fn words(ctx: &Context, first: usize, end: usize) -> usize {
    (first..end).filter(|&i| ctx.t.is_word(i)).count()
}

/// `X said:` ¶ lines: each line reported speech of X (see the module docs).
fn lead_in_lists(ctx: &Context) -> Vec<Found> {
    let mut out = Vec::new();
    for line in 0..ctx.t.paras.len().saturating_sub(1) {
        let (first, end) = line_tokens(ctx, line);
        let Some(colon) = end.checked_sub(1).filter(|&c| c >= first) else {
            continue;
        };
        if !ctx.t.is_punct(colon, ':') || ctx.in_quote[colon].is_some() {
            continue;
        }
        let Some(lead) = cue_in_lead(ctx, ctx.sentence_start(colon), colon) else {
            continue;
        };
        let (Some(cue), Some(who)) = (lead.cue, lead.speaker) else {
            continue;
        };
        for item in (line + 1..ctx.t.paras.len()).take(MAX_LIST_LINES) {
            if item > line + 1 && after_blank_line(ctx, item) {
                break;
            }
            let (mut first, end) = line_tokens(ctx, item);
            while first < end && LIST_BULLETS.contains(&ctx.t.first_char(first)) {
                first += 1;
            }
            let opens_quote = first < end && is_double_quote_mark(ctx.t.first_char(first));
            let sub_lead = ctx.t.is_punct(end - 1, ':');
            if opens_quote || sub_lead {
                break;
            }
            if words(ctx, first, end) >= MIN_LINE_WORDS {
                let kind = QuoteKind::Indirect;
                out.push(found_over(
                    ctx,
                    first,
                    end,
                    kind,
                    Rule::LeadInList,
                    who.clone(),
                    Some(cue),
                ));
            }
        }
    }
    out
}

/// The words after a line's `Q:` / `A:` label (`letter`, lower case): its first token after
/// the colon.
fn after_label(ctx: &Context, line: usize, letter: &str) -> Option<usize> {
    let (first, end) = line_tokens(ctx, line);
    (end > first + 2 && ctx.lower(first) == letter && ctx.t.is_punct(first + 1, ':'))
        .then_some(first + 2)
}

/// `Q: …` ¶ `A: …`: answers are direct quotations of the interviewee (see the module docs).
fn interview_answers(ctx: &Context) -> Vec<Found> {
    let mut out = Vec::new();
    // Chosen at the first question: one interview per text, whatever lines come between.
    let mut interviewee: Option<Option<Speaker>> = None;
    for line in 0..ctx.t.paras.len() {
        if after_label(ctx, line, "q").is_some() {
            if interviewee.is_none() {
                interviewee = Some(person_named_before(ctx, line));
            }
            continue;
        }
        let (Some(first), Some(Some(who))) = (after_label(ctx, line, "a"), &interviewee) else {
            continue;
        };
        let (_, end) = line_tokens(ctx, line);
        // Quoted answers are the marked rules' (`A: “…”`).
        let marked = (first..end).any(|i| ctx.in_quote[i].is_some());
        if words(ctx, first, end) >= MIN_LINE_WORDS && !marked {
            let (kind, rule) = (QuoteKind::Direct, Rule::InterviewAnswer);
            out.push(found_over(ctx, first, end, kind, rule, who.clone(), None));
        }
    }
    out
}

/// The last person named outside quotations in the nearest of the
/// [`MAX_INTERVIEW_LEAD_LINES`] lines before line `line` that names one: who an interview's
/// lead-in introduces (`Reporter Jane Roe spoke with engineer Ana Diaz.` → Ana Diaz).
fn person_named_before(ctx: &Context, line: usize) -> Option<Speaker> {
    (line.saturating_sub(MAX_INTERVIEW_LEAD_LINES)..line)
        .rev()
        .find_map(|lead| {
            let (first, end) = line_tokens(ctx, lead);
            let (from, to) = (
                ctx.t.toks.get(first)?.start,
                ctx.t.toks.get(end.checked_sub(1)?)?.end,
            );
            ctx.mentions_near(from, to)
                .iter()
                .filter(|&&(s, e, ent)| {
                    from <= s && e <= to && ctx.entities[ent].label == Label::Person
                })
                .rfind(|&&(s, _, _)| ctx.in_quote[ctx.t.first_at_or_after(s)].is_none())
                .map(|&(s, e, _)| {
                    let name = TokenSpan {
                        first: ctx.t.first_at_or_after(s),
                        end: ctx.t.first_at_or_after(e),
                    };
                    speaker(ctx, name)
                })
        })
}

/// The tokens of a line's speaker label in capitals before its colon (`JANE ROE:`), and the
/// first token after the colon.
fn speaker_label(ctx: &Context, line: usize) -> Option<(Phrase, usize)> {
    let (first, end) = line_tokens(ctx, line);
    let colon =
        (first..end.min(first + MAX_LABEL_WORDS * 2 + 1)).find(|&i| ctx.t.is_punct(i, ':'))?;
    let label = TokenSpan { first, end: colon };
    let is_label = colon > first
        && colon + 1 < end
        && (first..colon).all(|i| ctx.t.is_all_capitals(i) || ctx.t.is_punct(i, '.'))
        && words(ctx, first, colon) <= MAX_LABEL_WORDS
        && !(first..colon).any(|i| NOT_SPEAKER_LABELS.contains(ctx.lower(i)));
    is_label.then_some((label, colon + 1))
}

/// `HOST: …`: in a transcript, each labelled line is its speaker's (see the module docs).
fn transcript_turns(ctx: &Context) -> Vec<Found> {
    let turns: Vec<(usize, Phrase, usize)> = (0..ctx.t.paras.len())
        .filter_map(|line| speaker_label(ctx, line).map(|(label, from)| (line, label, from)))
        .collect();
    if turns.len() < MIN_TRANSCRIPT_TURNS {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (line, label, from) in turns {
        let (_, end) = line_tokens(ctx, line);
        // `As I said, …` is the label's own voice; `Local farmers say …` names another source.
        let another =
            |p: Phrase| !(p.is_single() && FIRST_AND_SECOND_PERSON.contains(ctx.lower(p.first)));
        let names_another = (from..end).any(|k| {
            ctx.is_speech_cue(k)
                && (speaker_before(ctx, k).is_some_and(|p| p.first >= from && another(p))
                    || speaker_after(ctx, k).is_some_and(another))
        });
        // Quoted words in a turn are the marked rules' (`ROE: “…”`).
        let marked = (from..end).any(|i| ctx.in_quote[i].is_some());
        if names_another || marked || words(ctx, from, end) < MIN_LINE_WORDS {
            continue;
        }
        let who = label_speaker(ctx, label);
        out.push(found_over(
            ctx,
            from,
            end,
            QuoteKind::Direct,
            Rule::TranscriptTurn,
            who,
            None,
        ));
    }
    out
}

/// The speaker a transcript label names: the person entity whose name ends with the label's
/// last word (`ROE` → `Jane Roe`), else the label as written.
fn label_speaker(ctx: &Context, label: Phrase) -> Speaker {
    let span = ctx.char_span(label);
    let text = ctx.slice(span.start, span.end);
    let surname = ctx.lower(label.last());
    let person = ctx.entities.iter().find(|e| {
        e.label == Label::Person
            && e.name
                .split_whitespace()
                .last()
                .is_some_and(|w| w.to_lowercase() == surname)
    });
    Speaker {
        name: person.map_or_else(|| text.clone(), |e| e.name.clone()),
        entity: person.map(|e| e.id.clone()),
        text,
        span,
    }
}
