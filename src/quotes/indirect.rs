//! Reported (indirect) speech without quote marks, one sentence at a time.
//!
//! Only sentences with no quotation in them are read (a quotation's own rules cover those).
//! Rules, tried in order:
//! - `according to X, …` / `…, according to X.` → `indirect-according-to`;
//! - `…, X said.` / `…, said X.` (the cue closes the sentence) → `indirect-clause-speaker-cue`;
//! - `X said (that) …`, `X told reporters (that) …`, `X believes …` →
//!   `indirect-speaker-cue`.
//!
//! The content is the reported clause, without the cue, the speaker, `that` or the final
//! punctuation; it must hold at least three words.

use super::attribution::Ctx;
use super::cues;
use super::lexicon::is_time_word;
use super::rules::Rule;
use super::tokens::TokKind;
use super::Found;
use crate::doc::QuoteKind;

/// Minimum words in a reported clause.
const MIN_WORDS: usize = 3;

/// Finds reported speech in every quotation-free sentence.
pub(crate) fn find_indirect(ctx: &Ctx) -> Vec<Found> {
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
            ctx.in_quote[k].is_some()
                || super::marks::is_double_mark(ctx.t.chars[ctx.t.toks[k].start])
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
fn sentence(ctx: &Ctx, start: usize, end: usize) -> Option<Found> {
    // Headlines and captions (no final punctuation) are not reported speech.
    let final_punct = ctx.t.toks[end - 1].kind == TokKind::Punct
        && crate::sentences::is_sentence_end(ctx.t.chars[ctx.t.toks[end - 1].start]);
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
    according_to(ctx, start, last)
        .or_else(|| trailing_cue(ctx, start, last))
        .or_else(|| leading_cue(ctx, start, last))
}

fn words_in(ctx: &Ctx, first: usize, end: usize) -> usize {
    (first..end).filter(|&k| ctx.t.is_word(k)).count()
}

fn content(
    ctx: &Ctx,
    first: usize,
    end: usize,
    cue: (usize, usize),
    speaker: super::attribution::Phrase,
    rule: Rule,
) -> Option<Found> {
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
    let start_ch = ctx.t.toks[first].start;
    let end_ch = ctx.t.toks[end - 1].end;
    Some(Found {
        kind: QuoteKind::Indirect,
        start: start_ch,
        end: end_ch,
        cue: Some(ctx.text_span(cue.0, cue.1)),
        speaker: Some(ctx.speaker(speaker)),
        rule,
        score: None,
    })
}

fn according_to(ctx: &Ctx, start: usize, last: usize) -> Option<Found> {
    let k = (start..last).find(|&k| ctx.is_according_to(k))?;
    let p = ctx.speaker_after(k + 1)?;
    let rule = Rule::IndirectAccordingTo;
    let leading =
        (start..k).all(|i| matches!(ctx.lower(i).as_str(), "but" | "and" | "yet" | "also" | "so"));
    if leading {
        // `According to X, …`: the clause after the comma that ends X.
        let comma = (p.last + 1..last).find(|&i| ctx.t.is_punct(i, ','))?;
        return content(ctx, comma + 1, last, (k, k + 1), p, rule);
    }
    let end = if k > start && ctx.t.is_punct(k - 1, ',') {
        k - 1
    } else {
        k
    };
    content(ctx, start, end, (k, k + 1), p, rule)
}

/// `…, X said.` or `…, said X.`: the cue is the last verb and the clause comes first.
fn trailing_cue(ctx: &Ctx, start: usize, last: usize) -> Option<Found> {
    // The cue sits among the last few tokens, after a comma.
    let from = last.saturating_sub(12).max(start + 1);
    for k in (from..last).rev() {
        if !ctx.is_any_cue(k) {
            continue;
        }
        // Only time words or a short phrase may follow (`said Sunday`, `said in a statement`).
        let tail_ok = (k + 1..last).all(|i| {
            is_time_word(&ctx.lower(i))
                || matches!(
                    ctx.lower(i).as_str(),
                    "in" | "on"
                        | "a"
                        | "an"
                        | "the"
                        | "statement"
                        | "interview"
                        | "at"
                        | "news"
                        | "conference"
                        | "to"
                        | "reporters"
                        | "night"
                        | "morning"
                )
        }) || ctx.speaker_after(k).is_some_and(|p| {
            if cues::takes_listener(&ctx.lower(k)) {
                // `told Reuters.`: a short listener, nothing more.
                return p.last + 1 >= last && p.last - p.first < 3;
            }
            // `said Omar Haddad, a spokesman for the roads agency.`: an appositive may close it.
            p.last + 1 >= last || ctx.t.is_punct(p.last + 1, ',')
        });
        if !tail_ok {
            continue;
        }
        let rule = Rule::IndirectClauseSpeakerCue;
        if let Some(p) = ctx.speaker_before(k) {
            if p.first > start && ctx.t.is_punct(p.first - 1, ',') {
                return content(ctx, start, p.first - 1, (k, k), p, rule);
            }
        }
        // `…, a person familiar with the plans told Reuters.`: a nominal speaker after the
        // clause's comma.
        let comma = (k.saturating_sub(9).max(start + 1)..k)
            .rev()
            .find(|&i| ctx.t.is_punct(i, ','));
        if let Some(p) = comma.and_then(|c| ctx.loose_phrase(c + 1, k)) {
            let nominal = matches!(
                ctx.lower(p.first).as_str(),
                "a" | "an" | "the" | "one" | "two" | "several" | "some" | "his" | "her" | "their"
            ) && (p.first..=p.last)
                .all(|i| !ctx.is_speech_cue(i) && !ctx.is_pronoun(i));
            if nominal && comma.is_some_and(|c| c + 1 == p.first) {
                return content(ctx, start, p.first - 1, (k, k), p, rule);
            }
        }
        // `…, said X.`: the speaker follows the cue, unless the cue's object is its listener.
        if k > start && ctx.t.is_punct(k - 1, ',') && !cues::takes_listener(&ctx.lower(k)) {
            if let Some(p) = ctx.speaker_after(k) {
                return content(ctx, start, k - 1, (k, k), p, rule);
            }
        }
    }
    None
}

/// `X said (that) …`: the first cue with a speaker before it.
fn leading_cue(ctx: &Ctx, start: usize, last: usize) -> Option<Found> {
    for k in start..last {
        if !ctx.is_any_cue(k) || ctx.t.is_capitalized(k) && k == start {
            continue;
        }
        let Some(p) = ctx
            .participle_subject(start, k)
            .or_else(|| ctx.speaker_before(k))
            .or_else(|| ctx.coordinated_subject(start, k))
        else {
            continue;
        };
        if p.first < start {
            continue;
        }
        // An infinitive or a noun use is not a report (`to say`, `the says`).
        if k > 0 && matches!(ctx.lower(k - 1).as_str(), "to" | "the" | "a") {
            continue;
        }
        let mut c = k + 1;
        let word = ctx.lower(k);
        // Objects of telling verbs: `told reporters`, `told CNN`, `assured him`.
        if cues::takes_listener(&word) {
            let that = (c..(c + 7).min(last)).find(|&i| ctx.lower(i) == "that");
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
            && (is_time_word(&ctx.lower(c))
                || ctx.lower(c) == "on" && is_time_word(&ctx.lower(c + 1)))
        {
            c += 1;
        }
        if ctx.lower(c) == "in" && matches!(ctx.lower(c + 2).as_str(), "statement" | "interview") {
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
        let says = !cues::takes_object(&word);
        let object_like = ctx.t.is_capitalized(c)
            || matches!(
                ctx.lower(c).as_str(),
                "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our"
            );
        let infinitive = (c..last).any(|i| ctx.lower(i) == "to");
        if !says && !that && object_like && !infinitive && !ctx.looks_like_clause(c, last) {
            continue;
        }
        // Reporting and writing *for* someone is a job, not a report (author bios: `reported
        // for the Globe`, `has written for Reuters`).
        let writes = word.starts_with("report") || word.starts_with("writ") || word == "wrote";
        if writes && ctx.lower(c) == "for" {
            continue;
        }
        // The clause must look like one: not a bare object (`said nothing`).
        if let Some(f) = content(ctx, c, last, (k, k), p, Rule::IndirectSpeakerCue) {
            return Some(f);
        }
    }
    None
}
