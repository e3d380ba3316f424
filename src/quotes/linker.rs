//! The linker: joins the attribution head's role spans (source, cue, content) into
//! attributions and merges them with the quotations the rules found.
//!
//! - **Assembly.** Content pieces the head broke apart within a sentence are joined
//!   ([`JOIN_GAP`]). Each content span is then one attribution. Its cue is the nearest cue
//!   span within [`CUE_REACH`] characters, in the same paragraph, with no other content span
//!   in between;
//!   its source is the nearest source span within [`SOURCE_REACH`] characters of that cue (of
//!   the content when there is no cue), again with no content in between.
//! - **Marked quotations** keep the marks' boundaries (marks are exact) and the rules' speaker,
//!   which knows turns, bylines and continuation paragraphs and reads the speaker beside the
//!   cue (`officials said`) where the head learned the outer reporter (`according to the
//!   Post`); a learned attribution over them adds what the rules left empty (cue, speaker) or
//!   could not resolve (a pronoun), draws the cue as annotators do, and a
//!   learned source phrase that holds the rules' speaker becomes the speaker's text ("Clinton
//!   spokesman Nick Merrill"). Quoted words inside a longer learned content of their sentence
//!   become a mixed quotation over that content. A quotation the rules left unattributed
//!   that a learned source attributes takes rule [`Rule::LearnedAttribution`].
//! - **Reported speech** takes the learned content's boundaries, cue and source when a learned
//!   attribution overlaps the rules' find; a find that no learned content overlaps is dropped
//!   (on PolNeAR dev 17 of the 63 such finds were attributions). Learned
//!   attributions the rules missed become quotations of their own
//!   ([`Rule::LearnedAttribution`]) when they have a cue and a speaker, score at least
//!   [`MIN_LEARNED_SCORE`], and do not lie in a title line.
//! - **Speakers** from a learned source phrase keep the whole phrase as `text`; the entity is
//!   the last person in it that is not a possessive ("Nick Merrill, Clinton's spokesman"), a
//!   preposition's complement ("a lawyer for Manafort") or a modifier of a lower-case noun
//!   ("The Trump administration"), else the last organization, else a resolved pronoun, else
//!   none (a group or nominal speaker, named by the phrase). A learned cue without a source
//!   takes the rules' speaker phrase beside it.

use super::context::Context;
use super::found::Found;
use super::lexicon::{AFTER_A_HEAD, SOURCE_PREPOSITIONS};
use super::phrases::{names_a_source, speaker_after, speaker_before, Phrase};
use super::referents::speaker;
use super::rules::Rule;
use crate::doc::{Label, QuoteKind, Role, RoleSpan, Span, Speaker, TextSpan};

/// Most characters between a content span and its cue.
pub(crate) const CUE_REACH: usize = 160;
/// Most characters between a cue (or, without one, the content) and its source.
pub(crate) const SOURCE_REACH: usize = 100;
/// Most characters between two pieces of one content that the head broke apart.
pub(crate) const JOIN_GAP: usize = 40;
/// Least score of a learned attribution no rule found, for it to become a quotation: chosen
/// on PolNeAR dev, where 0.50–0.60 keep precision over all attributions at 0.90 or more in
/// every number format (f32, bf16, int8) and 0.55–0.58 keep F1 at 0.88 or more in all three
/// (`docs/measurements/quotes.md`); 0.58 also keeps `The agency confirmed Dana Whitfield as its
/// new counsel` (0.54 in int8, 0.56 in f32 and bf16: its source scores 0.38–0.42) from being
/// speech in every format.
pub(crate) const MIN_LEARNED_SCORE: f32 = 0.58;

/// One attribution assembled from learned spans (character offsets).
#[derive(Debug, Clone)]
struct Learned {
    content: RoleSpan,
    cue: Option<RoleSpan>,
    source: Option<RoleSpan>,
}

impl Learned {
    /// The head's confidence in the attribution: mean of its spans' scores.
    fn score(&self) -> f32 {
        let spans = [Some(&self.content), self.cue.as_ref(), self.source.as_ref()];
        let (sum, n) = spans
            .iter()
            .flatten()
            .fold((0.0, 0.0), |(s, n), r| (s + r.score, n + 1.0));
        sum / n
    }
}

/// Merges the rules' quotations `found` with the attributions in the context's role spans
/// ([`Context::roles`]); returns the quotations, unsorted. Without roles (a model without the
/// attribution head, or a document where it found none), `found` comes back unchanged; with
/// roles, the rules' reported speech that no learned content overlaps is dropped.
pub(crate) fn link(ctx: &Context, found: Vec<Found>) -> Vec<Found> {
    let Some(roles) = &ctx.roles else {
        return found;
    };
    let roles = Sorted::new(roles.iter().collect());
    let learned = assemble(ctx, &roles);
    let longest_content = learned
        .iter()
        .map(|l| l.content.span.end - l.content.span.start)
        .max();
    let title = title_paragraph(ctx);
    // `used`: the same attribution as some find (the one it overlaps most, or one whose
    // final span holds it), so never a quotation of its own; `taken`: its content already set one
    // find's boundaries.
    let mut used = vec![false; learned.len()];
    let mut taken = vec![false; learned.len()];
    let mut linked: Vec<Found> = Vec::with_capacity(found.len());
    let mut spans_linked = std::collections::HashSet::new();
    for mut f in found {
        if f.kind == QuoteKind::Scare {
            linked.push(f);
            continue;
        }
        // Learned contents are in text order: only those starting in reach can overlap.
        let first = learned
            .partition_point(|l| l.content.span.start + longest_content.unwrap_or(0) < f.start);
        let overlapping: Vec<usize> = (first..learned.len())
            .take_while(|&k| learned[k].content.span.start < f.end)
            .filter(|&k| f.start < learned[k].content.span.end)
            .collect();
        let (start, end) = (f.start, f.end);
        let overlap = |k: &usize| {
            let c = &learned[*k].content;
            end.min(c.span.end) - start.max(c.span.start)
        };
        match overlapping.iter().max_by_key(|k| overlap(k)).copied() {
            // The layout gave the speaker: the learned attributions over the line are the
            // same ones, and change nothing.
            Some(_) if f.rule.is_layout() => {
                for k in overlapping {
                    used[k] = true;
                }
            }
            Some(best) => {
                merge(ctx, &mut f, &learned[best], !taken[best]);
                taken[best] = true;
                // Another learned content inside the find's final span is the same attribution.
                for k in overlapping {
                    let c = &learned[k].content;
                    used[k] |= k == best || (f.start <= c.span.start && c.span.end <= f.end);
                }
            }
            // The head, trained on reported speech, read no attribution in these words.
            None if f.kind == QuoteKind::Indirect && !f.rule.is_layout() => continue,
            None => {}
        }
        if spans_linked.insert((f.start, f.end)) {
            linked.push(f);
        }
    }
    linked.extend(
        learned
            .into_iter()
            .zip(used)
            .filter(|(l, used)| {
                !used
                    && l.cue.is_some()
                    && l.score() >= MIN_LEARNED_SCORE
                    && (title.is_none() || para_at(ctx, l.content.span.start) != title)
            })
            .filter_map(|(l, _)| {
                let speaker = match &l.source {
                    Some(source) => Some(source_speaker(ctx, source)),
                    None => l
                        .cue
                        .as_ref()
                        .and_then(|cue| speaker_beside(ctx, cue, &l.content)),
                };
                Some(Found {
                    kind: QuoteKind::Indirect,
                    start: l.content.span.start,
                    end: l.content.span.end,
                    cue: l.cue.as_ref().map(|c| text_span(ctx, c)),
                    speaker: Some(speaker?),
                    rule: Rule::LearnedAttribution,
                    score: Some(l.score()),
                })
            }),
    );
    linked
}

/// Adds a learned attribution `l` to the rules' quotation `f`, whose content it overlaps;
/// with `bounds`, the learned content may also set the quotation's boundaries (only one
/// quotation per learned content does).
fn merge(ctx: &Context, f: &mut Found, l: &Learned, bounds: bool) {
    let reported = f.kind == QuoteKind::Indirect;
    let here = sentence_at(ctx, f.start);
    let inside = |s: &Span| l.content.span.start <= s.start && s.end <= l.content.span.end;
    let speaker_inside = f.speaker.as_ref().is_some_and(|s| inside(&s.span));
    let cue_after = |c: &TextSpan| f.end <= c.span.start && inside(&c.span);
    let cue_inside = !reported && f.cue.as_ref().is_some_and(cue_after);
    // The content may be another find's, or would swallow this find's own speaker, or the
    // cue after its closing mark (`"…," said his neighbour` is no mixed quotation; `what he
    // called a "brazen breach"` is).
    if bounds && !speaker_inside && !cue_inside {
        set_bounds(ctx, f, &l.content);
    }
    // The rules read their cue and speaker in the find's own sentence; a learned one from
    // another sentence belongs to another attribution (`"…," said Marta Kowalczyk. Farmers
    // said their fields …`: the head joined the second content to the first cue and source).
    let rules_nearer = |rule: &Span, learned: &Span| {
        sentence_at(ctx, rule.start) == here && sentence_at(ctx, learned.start) != here
    };
    if let Some(cue) = &l.cue {
        // A marked quotation keeps its rule's cue unless the learned one is the same words,
        // drawn as the annotators draw cues (`said in an interview`, `is calling`).
        let agrees = |c: &TextSpan| c.span.start < cue.span.end && cue.span.start < c.span.end;
        let rule_cue_nearer = f
            .cue
            .as_ref()
            .is_some_and(|c| rules_nearer(&c.span, &cue.span));
        if !rule_cue_nearer && (reported || f.cue.as_ref().is_none_or(agrees)) {
            f.cue = Some(text_span(ctx, cue));
        }
    }
    if let Some(source) = &l.source {
        let learned = source_speaker(ctx, source);
        let read_beside_cue = !reported && !f.rule.speaker_is_inferred();
        // The rules' speaker stays when they read it beside the cue, it is neither a pronoun
        // they failed to resolve nor a phrase naming no one (a misread subject) where the head
        // names someone, and it is not part of the source. An untagged name (`Gazprom said`)
        // also names no word of `names_a_source`'s kinds: the head's named source wins there.
        let stays = |rule: &Speaker| {
            let misread =
                rule.entity.is_none() && !names_a_source(ctx, rule.span.start, rule.span.end);
            let head_names_better =
                learned.entity.is_some() && (misread || is_unresolved_pronoun(ctx, rule));
            let overlaps = rule.span.start < source.span.end && source.span.start < rule.span.end;
            (read_beside_cue || rules_nearer(&rule.span, &source.span))
                && (!head_names_better || rules_nearer(&rule.span, &source.span))
                && !overlaps
        };
        f.speaker = Some(match f.speaker.take() {
            Some(rule)
                if source.span.start <= rule.span.start && rule.span.end <= source.span.end =>
            {
                widened(ctx, rule, source)
            }
            Some(rule) if stays(&rule) => rule,
            _ => learned,
        });
    }
    f.score = Some(f.rule.precision().unwrap_or(0.0).max(l.score()));
    // A quotation the rules left without a speaker and the head attributed is the head's
    // attribution: `quote-unattributed` never carries a speaker.
    if f.rule == Rule::QuoteUnattributed && f.speaker.is_some() {
        f.rule = Rule::LearnedAttribution;
    }
}

/// True for a speaker that is a pronoun the rules could not resolve to anyone.
fn is_unresolved_pronoun(ctx: &Context, speaker: &Speaker) -> bool {
    let first = ctx.t.first_at_or_after(speaker.span.start);
    speaker.entity.is_none()
        && speaker.name == speaker.text
        && first < ctx.t.toks.len()
        && ctx.t.toks[first].end >= speaker.span.end
        && ctx.is_pronoun(first)
}

/// Gives `f` the learned `content`'s boundaries: always for reported speech; for quoted words
/// only inside a longer content of the same sentence (`he said he had "a good talk"`), whose
/// reported clause, marks included, then becomes a mixed quotation.
fn set_bounds(ctx: &Context, f: &mut Found, content: &RoleSpan) {
    let words_outside = |a: usize, b: usize| ctx.t.chars[a..b].iter().any(|c| c.is_alphanumeric());
    let mixed = f.kind != QuoteKind::Indirect
        && content.span.start <= f.start
        && f.end <= content.span.end
        && sentence_at(ctx, content.span.start) == sentence_at(ctx, f.start)
        && (words_outside(content.span.start, f.start) || words_outside(f.end, content.span.end));
    if f.kind == QuoteKind::Indirect || mixed {
        f.start = content.span.start;
        f.end = content.span.end;
    }
    if mixed {
        f.kind = QuoteKind::Mixed;
    }
}

/// Role spans sorted by start, with the length of the longest, so that the spans near a place
/// are found by binary search: linking stays close to linear in long documents.
struct Sorted<'r> {
    spans: Vec<&'r RoleSpan>,
    longest: usize,
}

impl<'r> Sorted<'r> {
    /// `spans` must be sorted by start.
    fn new(spans: Vec<&'r RoleSpan>) -> Sorted<'r> {
        let longest = spans
            .iter()
            .map(|r| r.span.end - r.span.start)
            .max()
            .unwrap_or(0);
        Sorted { spans, longest }
    }

    /// The spans of one role, still sorted.
    fn of(&self, role: Role) -> Sorted<'r> {
        Sorted::new(
            self.spans
                .iter()
                .copied()
                .filter(|r| r.role == role)
                .collect(),
        )
    }

    /// Every span that may touch characters `start..=end` (a superset: callers test exactly).
    fn near(&self, start: usize, end: usize) -> &[&'r RoleSpan] {
        let lo = self
            .spans
            .partition_point(|r| r.span.start + self.longest < start);
        let hi = self.spans.partition_point(|r| r.span.start <= end).max(lo);
        &self.spans[lo..hi]
    }
}

/// Groups role spans into attributions, one per content span (see the module docs).
fn assemble(ctx: &Context, roles: &Sorted) -> Vec<Learned> {
    let (cues, sources) = (roles.of(Role::Cue), roles.of(Role::Source));
    let joined = joined_contents(ctx, &roles.of(Role::Content), roles);
    let contents = Sorted::new(joined.iter().collect());
    let content_between = |a: &RoleSpan, b: &RoleSpan| {
        let (lo, hi) = (a.span.end.min(b.span.end), a.span.start.max(b.span.start));
        contents
            .near(lo, hi)
            .iter()
            .any(|c| lo <= c.span.start && c.span.end <= hi)
    };
    let nearest = |anchor: &RoleSpan, pool: &Sorted, reach: usize| -> Option<RoleSpan> {
        pool.near(
            anchor.span.start.saturating_sub(reach),
            anchor.span.end + reach,
        )
        .iter()
        .copied()
        .filter(|r| gap(anchor, r) <= reach)
        .filter(|r| same_paragraph(ctx, anchor, r) && !content_between(anchor, r))
        .min_by_key(|r| gap(anchor, r))
        .cloned()
    };
    contents
        .spans
        .iter()
        .map(|&content| {
            let cue = nearest(content, &cues, CUE_REACH);
            let source = nearest(cue.as_ref().unwrap_or(content), &sources, SOURCE_REACH);
            Learned {
                content: content.clone(),
                cue,
                source,
            }
        })
        .collect()
}

/// The content spans, with pieces the head broke one content into joined again: two content
/// spans in one sentence of one paragraph, at most [`JOIN_GAP`] characters apart, with no
/// other role span and no cue word between them, are one content (its score the
/// length-weighted mean). Spans in
/// different sentences stay apart: where the head starts a content anew at a sentence, the
/// annotators mostly did too (joining them cost 1.8 points of exact content F1 on PolNeAR
/// dev). Spans without a letter or digit are dropped.
fn joined_contents(ctx: &Context, contents: &Sorted, roles: &Sorted) -> Vec<RoleSpan> {
    let mut joined: Vec<RoleSpan> = Vec::new();
    for &c in &contents.spans {
        if !ctx.t.chars[c.span.start..c.span.end]
            .iter()
            .any(|ch| ch.is_alphanumeric())
        {
            continue;
        }
        if let Some(last) = joined.last_mut() {
            let between = || {
                roles.near(last.span.end, c.span.start).iter().any(|r| {
                    r.role != Role::Content
                        && last.span.end <= r.span.start
                        && r.span.end <= c.span.start
                }) || (ctx.t.first_at_or_after(last.span.end)
                    ..ctx.t.first_at_or_after(c.span.start))
                    .any(|i| ctx.is_any_cue(i))
            };
            if c.span.start.saturating_sub(last.span.end) <= JOIN_GAP
                && same_paragraph(ctx, last, c)
                && same_sentence(ctx, last.span.end - 1, c.span.start)
                && !between()
            {
                let (a, b) = (
                    (last.span.end - last.span.start) as f32,
                    (c.span.end - c.span.start) as f32,
                );
                last.score = (last.score * a + c.score * b) / (a + b);
                last.span.end = last.span.end.max(c.span.end);
                continue;
            }
        }
        joined.push(c.clone());
    }
    joined
}

/// True when the tokens holding characters `a` and `b` lie in one sentence.
fn same_sentence(ctx: &Context, a: usize, b: usize) -> bool {
    let sentence = |at: usize| ctx.sentence.get(ctx.t.first_ending_after(at)).copied();
    sentence(a).is_some_and(|s| Some(s) == sentence(b))
}

/// Sentence number of the token at or after character `at`.
fn sentence_at(ctx: &Context, at: usize) -> Option<usize> {
    ctx.sentence.get(ctx.t.first_at_or_after(at)).copied()
}

/// The text's first paragraph when it is a title: another paragraph follows and it ends
/// without sentence punctuation (`Trump and Kim to hold second summit, South Korean officials
/// say`). A headline restates the article's lead, so its attribution would be a second,
/// paraphrased copy of the lead's.
fn title_paragraph(ctx: &Context) -> Option<usize> {
    let title = ctx.t.toks.first()?.para;
    let rest = ctx.t.toks.partition_point(|t| t.para == title);
    let ends_title = ctx.t.toks.get(rest.checked_sub(1)?)?;
    let is_title = rest < ctx.t.toks.len()
        && !matches!(
            ctx.t.chars[ends_title.end - 1],
            '.' | '!' | '?' | '"' | '”' | '’' | '\''
        );
    is_title.then_some(title)
}

/// Paragraph of the first token at or after character `at`.
fn para_at(ctx: &Context, at: usize) -> Option<usize> {
    ctx.t.toks.get(ctx.t.first_at_or_after(at)).map(|t| t.para)
}

/// Characters between two spans (0 when they touch or overlap).
fn gap(a: &RoleSpan, b: &RoleSpan) -> usize {
    b.span
        .start
        .saturating_sub(a.span.end)
        .max(a.span.start.saturating_sub(b.span.end))
}

/// True when the two spans start in the same paragraph.
fn same_paragraph(ctx: &Context, a: &RoleSpan, b: &RoleSpan) -> bool {
    para_at(ctx, a.span.start) == para_at(ctx, b.span.start)
}

/// The characters of a role span as a [`TextSpan`].
fn text_span(ctx: &Context, r: &RoleSpan) -> TextSpan {
    TextSpan {
        text: ctx.slice(r.span.start, r.span.end),
        span: r.span,
    }
}

/// The rules' speaker with the learned source phrase that holds it as its text.
fn widened(ctx: &Context, rule: Speaker, source: &RoleSpan) -> Speaker {
    let unnamed = rule.entity.is_none() && rule.name == rule.text;
    Speaker {
        name: if unnamed {
            ctx.slice(source.span.start, source.span.end)
        } else {
            rule.name
        },
        text: ctx.slice(source.span.start, source.span.end),
        span: source.span,
        entity: rule.entity,
    }
}

/// A speaker for a learned source phrase (see the module docs).
fn source_speaker(ctx: &Context, source: &RoleSpan) -> Speaker {
    let text = ctx.slice(source.span.start, source.span.end);
    let inside: Vec<&(usize, usize, usize)> = ctx
        .mentions_near(source.span.start, source.span.end)
        .iter()
        .filter(|&&(s, e, _)| source.span.start <= s && e <= source.span.end)
        .filter(|&&(s, e, _)| {
            !possessive_at(ctx, e) && !after_preposition(ctx, s) && !modifies_next(ctx, e, source)
        })
        .collect();
    let last_of = |label: Label| {
        inside
            .iter()
            .rev()
            .find(|&&&(_, _, ent)| ctx.entities[ent].label == label)
    };
    if let Some(&&(_, _, ent)) = last_of(Label::Person).or_else(|| last_of(Label::Organization)) {
        return Speaker {
            text,
            span: source.span,
            entity: Some(ctx.entities[ent].id.clone()),
            name: ctx.entities[ent].name.clone(),
        };
    }
    let first = ctx.t.first_at_or_after(source.span.start);
    let last = ctx.t.first_ending_after(source.span.end.saturating_sub(1));
    if first == last && first < ctx.t.toks.len() && ctx.is_pronoun(first) {
        return Speaker {
            text,
            span: source.span,
            ..speaker(ctx, Phrase::through(first, last))
        };
    }
    Speaker {
        name: text.clone(),
        text,
        span: source.span,
        entity: None,
    }
}

/// The rules' speaker phrase beside a learned cue the head gave no source (`X said`, `said
/// X`), outside the content.
fn speaker_beside(ctx: &Context, cue: &RoleSpan, content: &RoleSpan) -> Option<Speaker> {
    let first = ctx.t.first_at_or_after(cue.span.start);
    let last = ctx.t.first_ending_after(cue.span.end.saturating_sub(1));
    if last >= ctx.t.toks.len() || first > last {
        return None;
    }
    let phrase = speaker_before(ctx, first).or_else(|| speaker_after(ctx, last))?;
    let span = ctx.char_span(phrase);
    (!span.overlaps(&content.span)).then(|| speaker(ctx, phrase))
}

/// True when the name ending at character `end` modifies a lower-case noun after it in the
/// source phrase (`The Trump administration`, `Clinton spokesman Nick Merrill`): the noun, not
/// the name, heads the phrase there.
fn modifies_next(ctx: &Context, end: usize, source: &RoleSpan) -> bool {
    let next = ctx.t.first_at_or_after(end);
    ctx.t.toks.get(next).is_some_and(|tok| {
        let word = ctx.lower(next);
        tok.end <= source.span.end
            && ctx.t.is_word(next)
            && !ctx.t.is_capitalized(next)
            && !SOURCE_PREPOSITIONS.contains(word)
            && !AFTER_A_HEAD.contains(word)
    })
}

/// True when the name starting at character `start` follows a preposition that makes it
/// the complement of the phrase's head (`a lawyer for Manafort`, `an aide to Trump`).
fn after_preposition(ctx: &Context, start: usize) -> bool {
    ctx.t
        .first_at_or_after(start)
        .checked_sub(1)
        .is_some_and(|i| SOURCE_PREPOSITIONS.contains(ctx.lower(i)))
}

/// True when the name ending at character `end` is a possessive (`Clinton's`, `Clinton’s`).
fn possessive_at(ctx: &Context, end: usize) -> bool {
    let chars = &ctx.t.chars;
    matches!(chars.get(end), Some('\'' | '’')) && matches!(chars.get(end + 1), Some('s' | 'S'))
        || matches!(chars.get(end..end + 2), Some(['\'' | '’', c]) if !c.is_alphanumeric())
            && chars.get(end.wrapping_sub(1)) == Some(&'s')
}
