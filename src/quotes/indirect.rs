//! Reported (indirect) speech without quote marks, one sentence at a time.
//!
//! Only sentences with no quotation in them are read (a quotation's own rules cover those).
//! The rows of [`RULES`], tried in order, the first match winning:
//! - `according to X, …` / `…, according to X.` → `indirect-according-to`;
//! - `…, X said.` / `…, said X.` (the cue closes the sentence) → `indirect-clause-speaker-cue`;
//! - `X said (that) …`, `X told reporters (that) …`, `X believes …` →
//!   `indirect-speaker-cue`.
//!
//! The content is the reported clause, without the cue, the speaker, `that` or the final
//! punctuation; it must hold at least three words.

use super::context::Context;
use super::cues;
use super::found::Found;
use super::lexicon::{
    is_time_word, CLAUSE_TAIL_WORDS, INFINITIVE_OR_NOUN_MARKERS, NOMINAL_SPEAKER_STARTS,
    OBJECT_STARTS, REPORT_LEAD_WORDS,
};
use super::phrases::{
    coordinated_subject, looks_like_clause, loose_phrase, participle_subject, speaker_after,
    speaker_before, Phrase,
};
use super::referents::speaker;
use super::rules::Rule;
use super::tokens::{TokKind, TokenSpan};
use crate::doc::QuoteKind;
use crate::sentences::{is_double_quote_mark, is_sentence_end};

/// Minimum words in a reported clause.
const MIN_WORDS: usize = 3;
/// How many of a sentence's last tokens may hold the cue of `…, X said.`
const TRAILING_CUE_REACH: usize = 12;
/// How many tokens before a closing cue the comma of `…, a person familiar with the plans told
/// Reuters.` may lie.
const NOMINAL_SOURCE_REACH: usize = 9;
/// How many tokens after a telling verb its `that` may come (`told reporters on Monday that`).
const LISTENER_THAT_REACH: usize = 7;

/// A reported clause a row found: its tokens `[first, end)`, cue tokens and speaker phrase.
pub(crate) struct Report {
    first: usize,
    end: usize,
    cue: TokenSpan,
    speaker: Phrase,
}

/// One row: a function over a sentence's tokens `[start, last)` (final punctuation excluded).
type RuleFn = fn(&Context, usize, usize) -> Option<Report>;

/// The rows, in the order they are tried on each quotation-free sentence.
pub(crate) const RULES: &[(Rule, RuleFn)] = &[
    (Rule::IndirectAccordingTo, according_to),
    (Rule::IndirectClauseSpeakerCue, trailing_cue),
    (Rule::IndirectSpeakerCue, leading_cue),
];

/// Finds reported speech in every quotation-free sentence.
pub(crate) fn find_indirect(ctx: &Context) -> Vec<Found> {
    let mut out = Vec::new();
    let n = ctx.t.toks.len();
    let mut i = 0;
    while i < n {
        let s = ctx.sentence[i];
        let mut j = i;
        while j < n && ctx.sentence[j] == s {
            j += 1;
        }
        let quoted = (i..j).any(|k| {
            ctx.in_quote[k].is_some() || is_double_quote_mark(ctx.t.chars[ctx.t.toks[k].start])
        });
        if !quoted {
            if let Some(f) = sentence(ctx, i, j) {
                out.push(f);
            }
        }
        i = j;
    }
    out
}

/// Tokens `[start, end)` of one sentence, trailing punctuation excluded.
fn sentence(ctx: &Context, start: usize, end: usize) -> Option<Found> {
    // Headlines and captions (no final punctuation) are not reported speech.
    let final_punct = ctx.t.toks[end - 1].kind == TokKind::Punct
        && is_sentence_end(ctx.t.chars[ctx.t.toks[end - 1].start]);
    let para = ctx.t.toks[start].para;
    let whole_para = (start == 0 || ctx.t.toks[start - 1].para != para)
        && ctx.t.toks.get(end).is_none_or(|t| t.para != para);
    if !final_punct && whole_para {
        return None;
    }
    let mut last = end; // exclusive
    while last > start && ctx.t.toks[last - 1].kind == TokKind::Punct {
        last -= 1;
    }
    if last <= start + 2 {
        return None;
    }
    let (rule, report) = RULES
        .iter()
        .find_map(|&(rule, row)| row(ctx, start, last).map(|r| (rule, r)))?;
    Some(Found {
        kind: QuoteKind::Indirect,
        start: ctx.t.toks[report.first].start,
        end: ctx.t.toks[report.end - 1].end,
        cue: Some(ctx.text_span(report.cue)),
        speaker: Some(speaker(ctx, report.speaker)),
        rule,
        score: None,
    })
}

/// Words in tokens `[first, end)`.
fn words_in(ctx: &Context, first: usize, end: usize) -> usize {
    (first..end).filter(|&k| ctx.t.is_word(k)).count()
}

/// The reported clause in tokens `[first, end)`, less punctuation at either end, when it holds
/// at least [`MIN_WORDS`] words.
fn content(
    ctx: &Context,
    first: usize,
    end: usize,
    cue: TokenSpan,
    speaker: Phrase,
) -> Option<Report> {
    let mut first = first;
    let mut end = end;
    while first < end && ctx.t.toks[first].kind == TokKind::Punct {
        first += 1;
    }
    while end > first && ctx.t.toks[end - 1].kind == TokKind::Punct {
        end -= 1;
    }
    if end <= first || words_in(ctx, first, end) < MIN_WORDS {
        return None;
    }
    Some(Report {
        first,
        end,
        cue,
        speaker,
    })
}

/// `According to X, …` / `…, according to X.`
fn according_to(ctx: &Context, start: usize, last: usize) -> Option<Report> {
    let k = (start..last).find(|&k| ctx.is_according_to(k))?;
    let p = speaker_after(ctx, k + 1)?;
    let leading = (start..k).all(|i| REPORT_LEAD_WORDS.contains(ctx.lower(i)));
    if leading {
        // `According to X, …`: the clause after the comma that ends X.
        let comma = (p.end..last).find(|&i| ctx.t.is_punct(i, ','))?;
        return content(ctx, comma + 1, last, TokenSpan::through(k, k + 1), p);
    }
    let end = if k > start && ctx.t.is_punct(k - 1, ',') {
        k - 1
    } else {
        k
    };
    content(ctx, start, end, TokenSpan::through(k, k + 1), p)
}

/// `…, X said.` or `…, said X.`: the cue is the last verb and the clause comes first.
fn trailing_cue(ctx: &Context, start: usize, last: usize) -> Option<Report> {
    // The cue sits among the last few tokens, after a comma.
    let from = last.saturating_sub(TRAILING_CUE_REACH).max(start + 1);
    for k in (from..last).rev() {
        if !ctx.is_any_cue(k) {
            continue;
        }
        // Only time words or a short phrase may follow (`said Sunday`, `said in a statement`).
        let tail_ok = (k + 1..last).all(|i| {
            let w = ctx.lower(i);
            is_time_word(w) || CLAUSE_TAIL_WORDS.contains(w)
        }) || speaker_after(ctx, k).is_some_and(|p| {
            if cues::takes_listener(ctx.lower(k)) {
                // `told Reuters.`: a short listener, nothing more.
                return p.end >= last && p.last() - p.first < 3;
            }
            // `said Omar Haddad, a spokesman for the roads agency.`: an appositive may close it;
            // a clause after the cue is what was said, not who (`who said the city could …`).
            (p.end >= last || ctx.t.is_punct(p.end, ',')) && !looks_like_clause(ctx, p.first, p.end)
        });
        if !tail_ok {
            continue;
        }
        if let Some(p) = speaker_before(ctx, k) {
            if p.first > start && ctx.t.is_punct(p.first - 1, ',') {
                return content(ctx, start, p.first - 1, TokenSpan::single(k), p);
            }
        }
        // `…, a person familiar with the plans told Reuters.`: a nominal speaker after the
        // clause's comma.
        let comma = (k.saturating_sub(NOMINAL_SOURCE_REACH).max(start + 1)..k)
            .rev()
            .find(|&i| ctx.t.is_punct(i, ','));
        if let Some(p) = comma.and_then(|c| loose_phrase(ctx, c + 1, k)) {
            let nominal = NOMINAL_SPEAKER_STARTS.contains(ctx.lower(p.first))
                && (p.first..=p.last()).all(|i| !ctx.is_speech_cue(i) && !ctx.is_pronoun(i));
            if nominal && comma.is_some_and(|c| c + 1 == p.first) {
                return content(ctx, start, p.first - 1, TokenSpan::single(k), p);
            }
        }
        // `…, said X.`: the speaker follows the cue, unless the cue's object is its listener.
        if k > start && ctx.t.is_punct(k - 1, ',') && !cues::takes_listener(ctx.lower(k)) {
            if let Some(p) = speaker_after(ctx, k) {
                return content(ctx, start, k - 1, TokenSpan::single(k), p);
            }
        }
    }
    None
}

/// `X said (that) …`: the first cue with a speaker before it.
fn leading_cue(ctx: &Context, start: usize, last: usize) -> Option<Report> {
    for k in start..last {
        if !ctx.is_any_cue(k) || ctx.t.is_capitalized(k) && k == start {
            continue;
        }
        let Some(p) = participle_subject(ctx, start, k)
            .or_else(|| speaker_before(ctx, k))
            .or_else(|| coordinated_subject(ctx, start, k))
        else {
            continue;
        };
        if p.first < start {
            continue;
        }
        // An infinitive or a noun use is not a report (`to say`, `the says`).
        if k > 0 && INFINITIVE_OR_NOUN_MARKERS.contains(ctx.lower(k - 1)) {
            continue;
        }
        let mut c = k + 1;
        let word = ctx.lower(k);
        // Objects of telling verbs: `told reporters`, `told CNN`, `assured him`.
        if cues::takes_listener(word) {
            let that = (c..(c + LISTENER_THAT_REACH).min(last)).find(|&i| ctx.lower(i) == "that");
            if let Some(t) = that {
                c = t;
            } else if ctx.t.is_capitalized(c) {
                while c < last && ctx.t.is_capitalized(c) {
                    c += 1;
                }
            } else if c < last {
                c += 1;
            }
        }
        // Time words and `in a statement,` after the cue.
        while c < last
            && (is_time_word(ctx.lower(c))
                || ctx.lower(c) == "on" && is_time_word(ctx.lower(c + 1)))
        {
            c += 1;
        }
        if ctx.lower(c) == "in" && matches!(ctx.lower(c + 2), "statement" | "interview") {
            c += 3;
        }
        if c < last && ctx.t.is_punct(c, ',') {
            c += 1;
        }
        let that = ctx.lower(c) == "that";
        if that {
            c += 1;
        }
        // Cues that often take a plain object report only a clause (`confirmed that …`,
        // `added the plan would fail`), never a bare object (`confirmed Dana Whitfield as
        // counsel`, `thanked the Red Cross`, `added a third goal`).
        let says = !cues::takes_object(word);
        let object_like = ctx.t.is_capitalized(c) || OBJECT_STARTS.contains(ctx.lower(c));
        let infinitive = (c..last).any(|i| ctx.lower(i) == "to");
        if !says && !that && object_like && !infinitive && !looks_like_clause(ctx, c, last) {
            continue;
        }
        // Reporting and writing *for* someone is a job, not a report (author bios: `reported
        // for the Globe`, `has written for Reuters`).
        let writes = word.starts_with("report") || word.starts_with("writ") || word == "wrote";
        if writes && ctx.lower(c) == "for" {
            continue;
        }
        // The clause must look like one: not a bare object (`said nothing`).
        if let Some(report) = content(ctx, c, last, TokenSpan::single(k), p) {
            return Some(report);
        }
    }
    None
}
