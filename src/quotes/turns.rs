//! Turns: a quotation without an attribution of its own that continues someone's turn takes
//! that speaker. Two post-passes of the marked-quotation pass (`marked.rs`):
//! [`continue_turn`] for each quotation in order, [`share_chains`] once all are done.

use super::context::Context;
use super::facts::Facts;
use super::found::Found;
use super::marks::Marked;
use super::rules::Rule;
use crate::doc::{Label, QuoteKind};

/// Post-pass: a quotation with no cue and no speaker takes the speaker of an earlier quotation
/// whose turn it continues: the previous quotation in this paragraph, unless another person
/// was named in between (`"…," said Ana Ruiz. Her rival, Tom Reyes, disagreed. "…"`)
/// (`quote-continuation`); or, for a paragraph that opens with this quotation and holds no
/// cue of its own, the last quotation of the previous paragraph (`paragraph-continuation`).
/// `earlier` are the quotations before this one, `paras` their paragraphs.
pub(crate) fn continue_turn(
    ctx: &Context,
    f: &Facts,
    found: &mut Found,
    earlier: &[Found],
    paras: &[usize],
) {
    if found.speaker.is_some() || found.cue.is_some() {
        return;
    }
    let Some(prev) = f.index.checked_sub(1) else {
        return;
    };
    let (marked, m, para) = (&ctx.marked, f.mark, f.para);
    if paras[prev] == para && marked[prev].chain != m.chain {
        let prev_entity = earlier[prev]
            .speaker
            .as_ref()
            .and_then(|s| s.entity.as_deref());
        let interrupted = other_person_between(ctx, earlier[prev].end, m.open, prev_entity);
        if earlier[prev].speaker.is_some() && earlier[prev].kind != QuoteKind::Scare && !interrupted
        {
            found.speaker = earlier[prev].speaker.clone();
            found.rule = Rule::QuoteContinuation;
        }
        return;
    }
    if marked[prev].chain == m.chain {
        return;
    }
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
    if let Some(sp) = earlier[prev].speaker.clone() {
        if matches!(earlier[prev].kind, QuoteKind::Direct | QuoteKind::Mixed) {
            found.speaker = Some(sp);
            found.rule = Rule::ParagraphContinuation;
        }
    }
}

/// Post-pass: the pieces of one multi-paragraph quotation share the speaker one of them
/// found (`quote-multi-paragraph`). `out[i]` is the quotation of `marked[i]`.
pub(crate) fn share_chains(marked: &[Marked], out: &mut [Found]) {
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
        }
    }
}

/// True when a whole sentence between characters `after` (the end of one quotation) and
/// `before` (the start of the next) names a person other than entity `speaker` (an id,
/// `None` for a group speaker) outside quotations: someone else took the floor. Names in
/// the sentences of the two quotations themselves ("…," said Roe, who met Kim. "…") do not
/// count.
pub(crate) fn other_person_between(
    ctx: &Context,
    after: usize,
    before: usize,
    speaker: Option<&str>,
) -> bool {
    let first_sentence = ctx.sentence_of(ctx.t.first_at_or_after(after)) + 1;
    let this_sentence = ctx.sentence_of(ctx.t.first_at_or_after(before));
    // Sentence numbers rise with the tokens: the sentences between are one token range.
    let first_tok = ctx.sentence.partition_point(|&s| s < first_sentence);
    let end_tok = ctx.sentence.partition_point(|&s| s < this_sentence);
    if first_tok >= end_tok {
        return false;
    }
    let (start, end) = (ctx.t.toks[first_tok].start, ctx.t.toks[end_tok - 1].end);
    names_other_person(ctx, start, end, speaker)
}

/// True when a person other than entity `speaker` is named outside quotations in
/// characters `[start, end)`.
fn names_other_person(ctx: &Context, start: usize, end: usize, speaker: Option<&str>) -> bool {
    ctx.mentions_near(start, end).iter().any(|&(s, e, ent)| {
        let entity = &ctx.entities[ent];
        let tok = ctx.t.first_at_or_after(s);
        start <= s
            && e <= end
            && entity.label == Label::Person
            && speaker != Some(entity.id.as_str())
            && ctx.in_quote.get(tok).is_some_and(Option::is_none)
    })
}
