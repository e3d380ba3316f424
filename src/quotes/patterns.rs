//! Attribution of marked quotations: which cue and speaker each one has, and its kind.
//!
//! Tried in this order for each quotation:
//! 1. nicknames and `so-called` words → `scare` (rule `scare-nickname`); names of works and
//!    shows (`on CNN's "State of the Union"`, `his book, "Rivers of Gold,"`) → `scare-title`;
//! 2. a lead-in ending in `,` or `:` with a cue (`X said, "…"`, `X told reporters: "…"`) →
//!    `speaker-cue-quote`; a bare name and colon (`Pompeo: "…"`) → `speaker-colon-quote`;
//! 3. right after the closing mark: `"…," said X` (`quote-cue-speaker`), `"…," X said`
//!    (`quote-speaker-cue`), `"…," according to X` (`quote-according-to`), an em-dash
//!    byline `" —Commissioner Jane Roe` (`quote-dash-byline`), or a sentence that closes with
//!    its cue (`"…" for the record, she said.`, `quote-trailing-cue`);
//! 4. a cue in the same sentence before the quotation (`X said he had "…"`) →
//!    `mixed-speaker-cue`;
//! 5. a lead-in closing the previous paragraph with a colon → `lead-in-colon`;
//! 6. the speaker of the previous quotation in the same paragraph (`quote-continuation`), of
//!    the other paragraphs of a multi-paragraph quotation (`quote-multi-paragraph`), or of the
//!    previous paragraph's quotation when this paragraph opens with a quotation and nothing else
//!    attributes it (`paragraph-continuation`);
//! 7. otherwise a short quotation (four words or fewer, no sentence-final punctuation) is a
//!    scare quote (`scare-quote`), and a longer one is kept with `speaker: null`
//!    (`quote-unattributed`).
//!
//! The kind is `mixed` when the sentence has unquoted words before the opening mark that are
//! not a cue lead-in; `direct` otherwise.

use super::attribution::{Ctx, Phrase};
use super::lexicon::{is_time_word, TITLE_CONTEXT};
use super::marks::Marked;
use super::rules::Rule;
use super::Found;
use crate::doc::{QuoteKind, Speaker, TextSpan};
use crate::sentences::is_sentence_end;

/// An attribution: cue tokens, speaker, rule.
struct Attr {
    cue: Option<(usize, usize)>,
    speaker: Option<Speaker>,
    rule: Rule,
}

/// Attributes every marked quotation.
pub(crate) fn attribute_marked(ctx: &Ctx, marked: &[Marked]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(marked.len());
    // Paragraph of each found quote, to look back for turns.
    let mut paras: Vec<usize> = Vec::with_capacity(marked.len());
    // Reported speech around short quotations (see `report_around_short_quote`).
    let mut reports: Vec<Found> = Vec::new();
    for (qi, m) in marked.iter().enumerate() {
        let open_tok = ctx.t.first_at_or_after(m.open);
        let close_tok = m.close.map(|c| ctx.t.first_at_or_after(c));
        let para = ctx.t.toks.get(open_tok).map_or(0, |t| t.para);
        let lead_start = lead_start(ctx, open_tok, marked, qi);
        let lead_empty = lead_start >= open_tok;
        let words = ctx.t.chars[m.start..m.end]
            .split(|c: &char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .count();
        let last_char = ctx.t.chars[..m.end]
            .iter()
            .rev()
            .find(|c| !matches!(c, '\'' | '’' | '"' | ')'))
            .copied()
            .unwrap_or(' ');
        let sentence_like = is_sentence_end(last_char) || matches!(last_char, ',' | '—' | '–');

        let mut kind = QuoteKind::Direct;
        let mut attr: Option<Attr> = None;
        if is_nickname(ctx, open_tok, close_tok, words) {
            out.push(found(m, QuoteKind::Scare, None, Rule::ScareNickname));
            paras.push(para);
            continue;
        }
        if is_named_title(ctx, m, open_tok, words) || is_appositive_title(ctx, m, open_tok, words) {
            out.push(found(m, QuoteKind::Scare, None, Rule::ScareTitle));
            paras.push(para);
            continue;
        }
        let lead_is_cue_clause = !lead_empty
            && open_tok > 0
            && (ctx.t.is_punct(open_tok - 1, ',')
                || ctx.t.is_punct(open_tok - 1, ':')
                || ctx.t.is_punct(open_tok - 1, '—'));
        if lead_is_cue_clause {
            attr = lead_in(ctx, lead_start, open_tok - 1);
        }
        if !lead_empty && !lead_is_cue_clause && !lead_is_conjunction(ctx, lead_start, open_tok) {
            kind = QuoteKind::Mixed;
        }
        let strong_end = matches!(last_char, ',' | '?' | '!' | '—' | '–' | '…')
            || close_tok.is_some_and(|c| ctx.t.is_punct(c + 1, ','));
        if attr.is_none() && kind == QuoteKind::Mixed && !strong_end {
            attr = mixed_cue(ctx, lead_start, open_tok);
        }
        // A mixed quotation that closes its sentence (`… for "new ideas." Mr. Roe is …`): the
        // words after it start another sentence, not an attribution.
        let closes_mixed = kind == QuoteKind::Mixed
            && last_char == '.'
            && close_tok.is_some_and(|c| ctx.t.is_capitalized(c + 1));
        if attr.is_none() && !closes_mixed {
            if let Some(c) = close_tok {
                attr = after_quote(ctx, c, strong_end || is_sentence_end(last_char))
                    .or_else(|| sentence_final_cue(ctx, c));
            }
        }
        if attr.is_none() && is_title(ctx, m, words) {
            out.push(found(m, QuoteKind::Scare, None, Rule::ScareTitle));
            paras.push(para);
            continue;
        }
        if attr.is_none() && kind == QuoteKind::Mixed {
            attr = mixed_cue(ctx, lead_start, open_tok).or_else(|| {
                // A single quoted word with no cue is a scare quote, not speech.
                if words < 2 {
                    return None;
                }
                // Words (the verb: `The senator likes "…"`) lie between the subject and the
                // quotation; in `The "sex tape" reference was …` the quoted words sit inside
                // the subject, which then runs up to the opening mark.
                let subject = ctx
                    .sentence_subject(lead_start, open_tok)
                    .filter(|p| p.last + 1 < open_tok);
                subject.map(|p| Attr {
                    cue: None,
                    speaker: Some(ctx.speaker(p)),
                    rule: Rule::MixedSentenceSubject,
                })
            });
        }
        if attr.is_none() && !lead_empty && lead_is_cue_clause {
            attr = previous_sentence_lead(ctx, lead_start);
        } else if attr.is_none() && lead_empty {
            attr = previous_sentence_lead(ctx, open_tok);
        }
        if attr.is_none() && lead_empty && open_tok > 0 && m.open == ctx.t.toks[open_tok].start {
            let starts_para = ctx.t.paras.get(para).is_some_and(|p| p.0 == m.open);
            if starts_para && ctx.t.is_punct(open_tok - 1, ':') {
                let colon = open_tok - 1;
                let start = sentence_start(ctx, colon);
                attr = lead_in(ctx, start, colon).map(|a| Attr {
                    rule: Rule::LeadInColon,
                    ..a
                });
            }
        }
        let attributed = attr.is_some();
        let (cue, speaker, rule) = match attr {
            Some(a) => (a.cue.map(|(f, l)| ctx.text_span(f, l)), a.speaker, a.rule),
            None => (None, None, Rule::QuoteUnattributed),
        };
        let mut f = found(m, kind, cue, rule);
        f.speaker = speaker;
        if f.speaker.is_none() && f.cue.is_none() {
            continuation(ctx, &mut f, m, marked, &out, &paras, qi, para);
        }
        if !attributed && f.rule == Rule::QuoteUnattributed && words <= 4 && !sentence_like {
            f.rule = Rule::ScareQuote;
            f.kind = QuoteKind::Scare;
        }
        if let Some(report) = report_around_short_quote(ctx, &mut f, words, lead_start, open_tok) {
            reports.push(report);
        }
        out.push(f);
        paras.push(para);
    }
    share_chains(marked, &mut out);
    out.extend(reports);
    out
}

/// `The couple remain inside the "Green House" compound, a source said.`: a name of two or
/// three quoted words inside a sentence that closes with its attribution is a scare quote, and
/// the sentence is the report (`indirect-clause-speaker-cue`, the quote marks inside it). Turns
/// `f` into the scare quote and returns the report.
fn report_around_short_quote(
    ctx: &Ctx,
    f: &mut Found,
    words: usize,
    lead_start: usize,
    open_tok: usize,
) -> Option<Found> {
    if f.rule != Rule::QuoteTrailingCue || words > 3 || lead_start >= open_tok {
        return None;
    }
    let speaker = f.speaker.clone()?;
    let speaker_tok = ctx.t.first_at_or_after(speaker.start);
    let cue_tok = ctx.t.first_at_or_after(f.cue.as_ref()?.start);
    // The clause ends at the comma before the attribution (`…, a source said.`).
    let comma = speaker_tok.min(cue_tok).checked_sub(1)?;
    if !ctx.t.is_punct(comma, ',') || comma == 0 {
        return None;
    }
    let report = Found {
        kind: QuoteKind::Indirect,
        start: ctx.t.toks[lead_start].start,
        end: ctx.t.toks[comma - 1].end,
        cue: f.cue.clone(),
        speaker: Some(speaker),
        rule: Rule::IndirectClauseSpeakerCue,
        score: None,
    };
    f.kind = QuoteKind::Scare;
    f.rule = Rule::ScareQuote;
    f.cue = None;
    f.speaker = None;
    Some(report)
}

fn found(m: &Marked, kind: QuoteKind, cue: Option<TextSpan>, rule: Rule) -> Found {
    Found {
        kind,
        start: m.start,
        end: m.end,
        cue,
        speaker: None,
        rule,
        score: None,
    }
}

/// Where the unquoted lead-in of a quotation starts: its sentence start, or just after an
/// earlier quotation in the same sentence.
fn lead_start(ctx: &Ctx, open_tok: usize, marked: &[Marked], qi: usize) -> usize {
    let mut start = sentence_start(ctx, open_tok);
    if qi > 0 {
        if let Some(prev_close) = marked[qi - 1].close {
            let after = ctx.t.first_at_or_after(prev_close) + 1;
            if after > start && after <= open_tok {
                start = after;
            }
        }
    }
    start
}

/// First token of the sentence holding token `tok`.
fn sentence_start(ctx: &Ctx, tok: usize) -> usize {
    let Some(&s) = ctx.sentence.get(tok) else {
        return tok;
    };
    let mut i = tok;
    while i > 0 && ctx.sentence[i - 1] == s {
        i -= 1;
    }
    i
}

/// True when the lead-in is only a conjunction or sentence adverb (`And "…"`, `But "…"`).
fn lead_is_conjunction(ctx: &Ctx, start: usize, open_tok: usize) -> bool {
    (start..open_tok).all(|i| {
        matches!(
            ctx.lower(i).as_str(),
            "and" | "but" | "so" | "or" | "yet" | "still" | "then" | "(" | "—" | "–" | "-"
        )
    })
}

/// A title of a work or show (`"Meet the Press"`): at most six words, every long one
/// capitalized.
fn is_title(ctx: &Ctx, m: &Marked, words: usize) -> bool {
    if !(2..=5).contains(&words) {
        return false;
    }
    let content: String = ctx.t.chars[m.start..m.end].iter().collect();
    let mut long = content
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                *w,
                "of" | "the"
                    | "and"
                    | "a"
                    | "an"
                    | "in"
                    | "on"
                    | "with"
                    | "to"
                    | "for"
                    | "at"
                    | "from"
                    | "by"
            )
        });
    let first = content.chars().find(|c| c.is_alphanumeric());
    first.is_some_and(char::is_uppercase)
        && long.all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
}

/// The name of a work or show inside a sentence: a title-case quotation right after a
/// possessive or a word of [`TITLE_CONTEXT`] (`on CNN's "State of the Union."`), or a
/// one-word one after `titled` or a noun for a work (`the documentary "Thirteen"`). Checked before any attribution: the name is not speech even
/// when a cue follows it.
fn is_named_title(ctx: &Ctx, m: &Marked, open_tok: usize, words: usize) -> bool {
    let Some(prev) = open_tok.checked_sub(1) else {
        return false;
    };
    if !ctx.free_word(prev) {
        return false;
    }
    let lower = ctx.lower(prev);
    if words == 1 {
        return (matches!(lower.as_str(), "titled" | "entitled") || is_work_noun(&lower))
            && is_title_case(ctx, m);
    }
    let possessive = lower.ends_with("'s") || lower.ends_with("’s") || lower.ends_with("s'");
    (possessive || TITLE_CONTEXT.contains(&lower.as_str())) && is_title(ctx, m, words)
}

/// A noun of [`TITLE_CONTEXT`] that names a kind of work (`book`, `show`), not a preposition
/// or `titled`.
fn is_work_noun(lower: &str) -> bool {
    TITLE_CONTEXT.contains(&lower)
        && !matches!(lower, "on" | "of" | "titled" | "entitled" | "headlined")
}

/// `his book, "The Art of the Deal,"`: a title-case quotation set off by a comma after a noun
/// that names a kind of work.
fn is_appositive_title(ctx: &Ctx, m: &Marked, open_tok: usize, words: usize) -> bool {
    open_tok >= 2
        && ctx.t.is_punct(open_tok - 1, ',')
        && ctx.free_word(open_tok - 2)
        && is_work_noun(&ctx.lower(open_tok - 2))
        && (words == 1 && is_title_case(ctx, m) || is_title(ctx, m, words))
}

/// True when the quotation's first letter is a capital or it starts with a digit.
fn is_title_case(ctx: &Ctx, m: &Marked) -> bool {
    ctx.t.chars[m.start..m.end]
        .iter()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// `Marcello "Shorty" Cuttitta`, `the so-called "woke" crowd`.
fn is_nickname(ctx: &Ctx, open_tok: usize, close_tok: Option<usize>, words: usize) -> bool {
    if words > 3 || open_tok == 0 {
        return false;
    }
    let prev = open_tok - 1;
    if matches!(
        ctx.lower(prev).as_str(),
        "so-called" | "dubbed" | "nicknamed" | "aka"
    ) {
        return true;
    }
    let Some(close) = close_tok else {
        return false;
    };
    let same_para =
        |i: usize| ctx.t.toks.get(i).map(|t| t.para) == ctx.t.toks.get(open_tok).map(|t| t.para);
    ctx.t.is_capitalized(prev)
        && same_para(prev)
        && ctx.t.is_capitalized(close + 1)
        && same_para(close + 1)
        && ctx.t.is_capitalized(open_tok + 1)
        && !is_time_word(&ctx.lower(prev))
        && !ctx.is_any_cue(prev)
}

/// A lead-in `[start, last]` whose last token is `,`, `:` or a dash: the last cue in it and its
/// speaker, or a bare speaker phrase before a colon.
fn lead_in(ctx: &Ctx, start: usize, last: usize) -> Option<Attr> {
    for k in (start..last).rev() {
        if ctx.is_speech_cue(k) {
            // `Roe attacked the plan, saying, "…"`: a participle after a comma belongs to the
            // sentence's subject.
            let phrase = ctx
                .participle_subject(start, k)
                .or_else(|| ctx.speaker_before(k))
                .or_else(|| ctx.coordinated_subject(start, k))
                .or_else(|| ctx.speaker_after(k));
            if let Some(p) = phrase.filter(|p| p.first >= start) {
                // `Roe said she recalled thinking, "…"`: a pronoun inside an outer report
                // gives way to the outer speaker.
                if p.first == p.last && matches!(ctx.lower(p.first).as_str(), "he" | "she") {
                    if let Some(outer) = outer_report(ctx, start, p.first) {
                        return Some(outer);
                    }
                }
                return Some(Attr {
                    cue: Some((k, k)),
                    speaker: Some(ctx.speaker(p)),
                    rule: Rule::SpeakerCueQuote,
                });
            }
        }
        if ctx.is_according_to(k) {
            if let Some(p) = ctx.speaker_after(k + 1) {
                return Some(Attr {
                    cue: Some((k, k + 1)),
                    speaker: Some(ctx.speaker(p)),
                    rule: Rule::SpeakerCueQuote,
                });
            }
        }
    }
    if ctx.t.is_punct(last, ':') && last > start && last - start <= 7 {
        if let Some(p) = ctx.phrase_ending_at(last - 1) {
            // `Pompeo: "…"`, `—Pompeo: "…"`, `And from Chairwoman Lydia Voss:`.
            let lead_words = (start..p.first).map(|i| ctx.lower(i)).collect::<Vec<_>>();
            let from_lead = lead_words.last().is_some_and(|w| w == "from")
                && lead_words
                    .iter()
                    .all(|w| matches!(w.as_str(), "and" | "but" | "also" | "now" | "from"));
            if p.first == start || ctx.lower(start) == "—" || from_lead {
                return Some(Attr {
                    cue: None,
                    speaker: Some(ctx.speaker(p)),
                    rule: Rule::SpeakerColonQuote,
                });
            }
        }
    }
    None
}

/// The first speech cue in tokens `[start, before)` with a named (not pronoun) speaker before
/// it, or a sentence subject for a cue coordinated with an earlier verb: the outer report of a
/// lead-in such as `Roe said she recalled thinking,` or `Roe toured the site and said she …:`.
fn outer_report(ctx: &Ctx, start: usize, before: usize) -> Option<Attr> {
    (start..before).find_map(|k| {
        if !ctx.is_speech_cue(k) {
            return None;
        }
        let p = ctx
            .speaker_before(k)
            .or_else(|| ctx.coordinated_subject(start, k))
            .filter(|p| p.first >= start)?;
        (!ctx.is_pronoun(p.last)).then(|| Attr {
            cue: Some((k, k)),
            speaker: Some(ctx.speaker(p)),
            rule: Rule::SpeakerCueQuote,
        })
    })
}

/// The cue and speaker right after a closing mark at token `close`.
fn after_quote(ctx: &Ctx, close: usize, ends_clause: bool) -> Option<Attr> {
    if !ends_clause {
        return None;
    }
    let para = ctx.t.toks.get(close)?.para;
    let same = |i: usize| ctx.t.toks.get(i).is_some_and(|t| t.para == para);
    let mut j = close + 1;
    if ctx.t.is_punct(j, ',') {
        j += 1;
    }
    if !same(j) {
        return None;
    }
    // Em-dash byline: `" —Commissioner Jane Roe` up to the end of the line.
    let dash = ctx.t.is_punct(j, '—') || ctx.t.is_punct(j, '–') || ctx.t.is_punct(j, '―');
    let double_hyphen = ctx.t.is_punct(j, '-') && ctx.t.is_punct(j + 1, '-');
    // `" -Commissioner Jane Roe`: a plain hyphen glued to the name.
    let glued_hyphen = ctx.t.is_punct(j, '-')
        && ctx
            .t
            .toks
            .get(j + 1)
            .is_some_and(|n| n.start == ctx.t.toks[j].end);
    if dash || double_hyphen || glued_hyphen {
        let first = if double_hyphen { j + 2 } else { j + 1 };
        let mut last = first;
        while same(last + 1) && ctx.t.is_word(last + 1) && last - first < 8 {
            last += 1;
        }
        let ends_line =
            !same(last + 1) || ctx.t.is_punct(last + 1, ',') || ctx.t.is_punct(last + 1, '.');
        if same(first) && ctx.t.is_capitalized(first) && ends_line && !ctx.is_speech_cue(first) {
            let p = Phrase { first, last };
            // A title before the name: keep the whole line as written, the name from linking.
            return Some(Attr {
                cue: None,
                speaker: Some(ctx.speaker(p)),
                rule: Rule::QuoteDashByline,
            });
        }
    }
    if ctx.is_speech_cue(j) {
        if let Some(p) = ctx.speaker_after(j).or_else(|| ctx.trailing_phrase(j + 1)) {
            return Some(Attr {
                cue: Some((j, j)),
                speaker: Some(ctx.speaker(p)),
                rule: Rule::QuoteCueSpeaker,
            });
        }
    }
    if ctx.is_according_to(j) {
        if let Some(p) = ctx.speaker_after(j + 1) {
            return Some(Attr {
                cue: Some((j, j + 1)),
                speaker: Some(ctx.speaker(p)),
                rule: Rule::QuoteAccordingTo,
            });
        }
    }
    // `"…," X said`: the words between the mark and the cue are the speaker. A long
    // appositive (`"…," Ana Diaz, an economist at … and a professor at …, said`) may hold
    // up to forty words when a comma closes it right before a speech verb.
    for k in j..j + 40 {
        if !same(k) || ctx.in_quote.get(k).is_some_and(Option::is_some) {
            break;
        }
        let tok = ctx.t.toks[k];
        let c = ctx.t.chars[tok.start];
        if tok.kind == super::tokens::TokKind::Punct
            && (is_sentence_end(c) || matches!(c, ';' | '"' | '“' | '”' | ':'))
        {
            break;
        }
        if k >= j + 16 && !(ctx.is_speech_cue(k) && ctx.t.is_punct(k - 1, ',')) {
            continue;
        }
        let lower = ctx.lower(k);
        let verb_like = ctx.is_speech_cue(k)
            || (k > j
                && ctx.free_word(k)
                && !ctx.t.is_capitalized(k)
                && lower.ends_with("ed")
                && (ctx.t.is_punct(k + 1, '.') || ctx.t.is_punct(k + 1, ',') || !same(k + 1)));
        if !verb_like {
            continue;
        }
        if k == j {
            return None;
        }
        let p = ctx
            .speaker_before(k)
            .filter(|p| p.first == j)
            .or_else(|| ctx.loose_phrase(j, k))?;
        return Some(Attr {
            cue: Some((k, k)),
            speaker: Some(ctx.speaker(p)),
            rule: Rule::QuoteSpeakerCue,
        });
    }
    None
}

/// `"…" for the record, she said.`: a quotation that does not end its clause, in a sentence
/// that closes with `, X said` or `, said X` (time words may follow the cue).
fn sentence_final_cue(ctx: &Ctx, close: usize) -> Option<Attr> {
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
    for k in (first..=last).rev().take(8) {
        if !ctx.is_speech_cue(k) {
            continue;
        }
        if (k + 1..=last).all(|i| is_time_word(&ctx.lower(i))) {
            if let Some(p) = ctx.speaker_before(k) {
                if p.first > first && ctx.t.is_punct(p.first - 1, ',') {
                    return Some(Attr {
                        cue: Some((k, k)),
                        speaker: Some(ctx.speaker(p)),
                        rule: Rule::QuoteTrailingCue,
                    });
                }
            }
        }
        if k > first && ctx.t.is_punct(k - 1, ',') {
            if let Some(p) = ctx.speaker_after(k).filter(|p| p.last == last) {
                return Some(Attr {
                    cue: Some((k, k)),
                    speaker: Some(ctx.speaker(p)),
                    rule: Rule::QuoteTrailingCue,
                });
            }
        }
        return None;
    }
    None
}

/// `X said in a statement. "…"`: a short previous sentence in the same paragraph that is only
/// a speaker and a cue.
fn previous_sentence_lead(ctx: &Ctx, first_tok: usize) -> Option<Attr> {
    let prev_end = first_tok.checked_sub(1)?;
    let para = ctx.t.toks.get(first_tok)?.para;
    if ctx.t.toks[prev_end].para != para || !ctx.t.is_punct(prev_end, '.') {
        return None;
    }
    let start = sentence_start(ctx, prev_end);
    // A long sentence only when it closes with its attribution (`…, Roe said. "…"`,
    // `"…," she said. "…"`).
    let long = prev_end - start > 20;
    // The cue must be among the last words: nothing reported after it.
    let k = (start..prev_end)
        .rev()
        .take(6)
        .find(|&k| ctx.is_speech_cue(k))?;
    let tail_ok = (k + 1..prev_end).all(|i| {
        is_time_word(&ctx.lower(i))
            || matches!(
                ctx.lower(i).as_str(),
                "in" | "a"
                    | "an"
                    | "the"
                    | "statement"
                    | "interview"
                    | "on"
                    | "twitter"
                    | "email"
                    | "written"
                    | "by"
                    | "phone"
                    | "reporters"
                    | "to"
            )
    });
    if !tail_ok {
        return report_before(ctx, start, prev_end);
    }
    let p = ctx
        .speaker_before(k)
        .filter(|p| p.first >= start)
        .filter(|p| {
            !long
                || p.first > start
                    && (ctx.t.is_punct(p.first - 1, ',')
                        || super::marks::is_double_mark(ctx.t.first_char(p.first - 1)))
        })?;
    Some(Attr {
        cue: Some((k, k)),
        speaker: Some(ctx.speaker(p)),
        rule: Rule::SpeakerCueQuote,
    })
}

/// `Karim Haddad, who runs the bakery, said he was worried. "…"`: a quotation opening right
/// after a sentence whose subject reports speech continues that report, and is its subject's.
fn report_before(ctx: &Ctx, start: usize, end: usize) -> Option<Attr> {
    let k = (start..end).find(|&k| ctx.is_speech_cue(k))?;
    let p = ctx.speaker_before(k).filter(|p| p.first == start)?;
    let reported = (k + 1..end).filter(|&i| ctx.t.is_word(i)).count() >= 2;
    let named = ctx.t.is_capitalized(p.last) || ctx.is_pronoun(p.last);
    (reported && named).then(|| Attr {
        cue: Some((k, k)),
        speaker: Some(ctx.speaker(p)),
        rule: Rule::QuoteAfterReport,
    })
}

/// `X said he had "…"`: the first cue before the opening mark that has a speaker: the phrase
/// before it, the sentence's subject for a participle (`…, saying`) or a cue coordinated with
/// an earlier verb (`X toured the site and said he thought "…"`). Cues of the main clause come
/// first: in `In a statement announcing the pick, the union called her a "champion"` the cue
/// is `called`, not `announcing`.
fn mixed_cue(ctx: &Ctx, start: usize, open_tok: usize) -> Option<Attr> {
    let main = ctx
        .main_clause_start(start, open_tok)
        .unwrap_or(start)
        .min(open_tok);
    for k in (main..open_tok).chain(start..main) {
        if ctx.is_according_to(k) {
            if let Some(p) = ctx.speaker_after(k + 1) {
                return Some(Attr {
                    cue: Some((k, k + 1)),
                    speaker: Some(ctx.speaker(p)),
                    rule: Rule::MixedAccordingTo,
                });
            }
        }
        if ctx.is_any_cue(k) {
            let phrase = ctx
                .participle_subject(start, k)
                .or_else(|| ctx.speaker_before(k))
                .or_else(|| ctx.coordinated_subject(start, k));
            if let Some(p) = phrase {
                // `Roe condemned what she called a "breach"`: a pronoun in a free relative
                // after the subject stands for it, and the report is the subject's.
                let subject = (p.first == p.last
                    && ctx.is_pronoun(p.first)
                    && p.first > start
                    && ctx.lower(p.first - 1) == "what")
                    .then(|| ctx.sentence_subject(start, p.first))
                    .flatten()
                    .filter(|s| s.last < p.first && !ctx.is_pronoun(s.last));
                return Some(Attr {
                    cue: Some((k, k)),
                    speaker: Some(ctx.speaker(subject.unwrap_or(p))),
                    rule: Rule::MixedSpeakerCue,
                });
            }
        }
    }
    None
}

/// Takes the speaker of an earlier quotation whose turn this one continues.
#[allow(clippy::too_many_arguments)]
fn continuation(
    ctx: &Ctx,
    f: &mut Found,
    m: &Marked,
    marked: &[Marked],
    out: &[Found],
    paras: &[usize],
    qi: usize,
    para: usize,
) {
    let Some(prev) = qi.checked_sub(1) else {
        return;
    };
    // The previous quotation in this paragraph, unless another person was named in between
    // (`"…," said Ana Ruiz. Her rival, Tom Reyes, disagreed. "…"`).
    if paras[prev] == para && marked[prev].chain != m.chain {
        let prev_entity = out[prev].speaker.as_ref().and_then(|s| s.entity.as_deref());
        let interrupted = ctx.other_person_between(out[prev].end, m.open, prev_entity);
        if out[prev].speaker.is_some() && out[prev].kind != QuoteKind::Scare && !interrupted {
            f.speaker = out[prev].speaker.clone();
            f.rule = Rule::QuoteContinuation;
        }
        return;
    }
    if marked[prev].chain == m.chain {
        return;
    }
    // A paragraph that opens with this quotation, after a paragraph whose last quotation had
    // a speaker, with no cue of its own outside the quotation.
    let starts_para = ctx.t.paras.get(para).is_some_and(|p| p.0 == m.open);
    let prev_para_is_previous = para > 0 && paras[prev] == para - 1;
    if !starts_para || !prev_para_is_previous {
        return;
    }
    let own_cue = ctx
        .t
        .toks
        .iter()
        .enumerate()
        .any(|(i, t)| t.para == para && ctx.is_speech_cue(i));
    if own_cue {
        return;
    }
    if let Some(sp) = out[prev].speaker.clone() {
        if matches!(out[prev].kind, QuoteKind::Direct | QuoteKind::Mixed) {
            f.speaker = Some(sp);
            f.rule = Rule::ParagraphContinuation;
        }
    }
}

/// Pieces of one multi-paragraph quotation share the speaker one of them found.
fn share_chains(marked: &[Marked], out: &mut [Found]) {
    for i in 0..out.len() {
        if out[i].speaker.is_some() || out[i].kind == QuoteKind::Scare {
            continue;
        }
        let chain = marked[i].chain;
        let donor = (0..out.len())
            .find(|&j| j != i && marked[j].chain == chain && out[j].speaker.is_some())
            .and_then(|j| out[j].speaker.clone());
        if let Some(sp) = donor {
            out[i].speaker = Some(sp);
            out[i].rule = Rule::QuoteMultiParagraph;
            if out[i].kind == QuoteKind::Scare {
                out[i].kind = QuoteKind::Direct;
            }
        }
    }
}
