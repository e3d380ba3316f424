//! What a speaker phrase refers to, as a [`Speaker`]:
//!
//! - a phrase that ends with a tagged name becomes that name's mention (`Secretary of State
//!   Mike Pompeo` → the mention `Mike Pompeo`, entity and canonical name from linking);
//! - `he` / `she` (and a relative `who`) stay as written and resolve to the subject-most person
//!   of the nearest earlier sentence that names one, never reaching past a few sentences, never
//!   to a possessive or a listener; a nearer unnamed speaker (`a spokesman for the employers
//!   said`) takes the pronoun instead;
//! - a definite description resolves to the one person the document introduced with that title
//!   (`the president` → `President Barack Obama`) or the one organization of that type (`the
//!   company` → `Acme Corp.`, `the ministry` → `Ministry of Health`);
//! - any other phrase is a group or nominal speaker, named by its words.

use super::context::{is_possessive_or_listener, Context};
use super::lexicon::{
    COMPANY_NOUNS, COMPANY_SUFFIXES, ORGANIZATION_TYPE_NOUNS, PERSON_LINK_PREPOSITIONS,
    SINGULAR_SOURCE_NOUNS,
};
use super::phrases::{is_agent_noun, speaker_before, Phrase};
use crate::doc::{Label, Span, Speaker};

/// How many sentences back a `he` / `she` looks for its antecedent: further back, a reader
/// has lost the thread too.
const MAX_SENTENCES_BACK: usize = 4;

/// What a `he` / `she` refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Antecedent {
    /// A person entity (index into the document's entities).
    Person(usize),
    /// An unnamed nominal speaker phrase (`a spokesman for the employers`).
    Nominal(Phrase),
}

/// Most title words taken into a speaker before its name (`Secretary of State`).
const MAX_TITLE_WORDS: usize = 3;

/// `speaker`, a person, with the titles right before it in its sentence taken in (`Mr.` in
/// `Mr. Kamin`, `Sen.`, `Secretary of State`): the tagger leaves titles out of a person's
/// mention, as CoNLL-2003 annotates names, while a speaker is the phrase as written. Any other
/// speaker is returned as it is.
pub(crate) fn with_titles(ctx: &Context, speaker: Speaker) -> Speaker {
    let is_person = speaker.entity.as_ref().is_some_and(|id| {
        ctx.entities
            .iter()
            .any(|e| &e.id == id && e.label == Label::Person)
    });
    let first = ctx.t.first_at_or_after(speaker.span.start);
    if !is_person || first >= ctx.t.toks.len() || ctx.t.toks[first].start != speaker.span.start {
        return speaker;
    }
    let same_sentence = |i: usize| {
        ctx.t.toks[i].para == ctx.t.toks[first].para
            && ctx.sentence.get(i) == ctx.sentence.get(first)
            && ctx.in_quote[i].is_none()
    };
    let from = (first.saturating_sub(MAX_TITLE_WORDS)..first)
        .find(|&i| (i..first).all(same_sentence))
        .unwrap_or(first);
    let words: Vec<String> = (from..=first).map(|i| ctx.t.text(&ctx.t.toks[i])).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    // The titles that end right before the speaker: the longest run before the name that
    // `leading_titles` reads as titles, all of it.
    let before = words.len() - 1;
    let taken = (1..=before)
        .rev()
        .find(|&n| crate::titles::leading_titles(&words[before - n..]) == n)
        .unwrap_or(0);
    if taken == 0 {
        return speaker;
    }
    let span = Span::new(ctx.t.toks[first - taken].start, speaker.span.end);
    Speaker {
        text: ctx.slice(span.start, span.end),
        span,
        ..speaker
    }
}

/// Turns a speaker phrase into a [`Speaker`]: the tagged name that ends it, a resolved
/// pronoun, or the phrase itself as a group speaker.
pub(crate) fn speaker(ctx: &Context, p: Phrase) -> Speaker {
    let Span { start, end } = ctx.char_span(p);
    if p.is_single() && ctx.is_pronoun(p.first) {
        let text = ctx.slice(start, end);
        let antecedent = match ctx.lower(p.first) {
            "he" | "she" => resolve_person(ctx, p.first),
            "who" => relative_antecedent(ctx, p.first).map(Antecedent::Person),
            _ => None,
        };
        return match antecedent {
            Some(Antecedent::Nominal(phrase)) => {
                let Span { start: s, end: e } = ctx.char_span(phrase);
                Speaker {
                    name: ctx.slice(s, e),
                    text,
                    span: Span::new(start, end),
                    entity: None,
                }
            }
            Some(Antecedent::Person(e)) => Speaker {
                text,
                span: Span::new(start, end),
                entity: Some(ctx.entities[e].id.clone()),
                name: ctx.entities[e].name.clone(),
            },
            None => Speaker {
                name: text.clone(),
                text,
                span: Span::new(start, end),
                entity: None,
            },
        };
    }
    // The mention that ends the phrase (a possessive or trailing dot allowed).
    let ending = ctx
        .mentions_near(start, end)
        .iter()
        .filter(|&&(s, e, _)| s < end && e > start && e + 2 >= end)
        .max_by_key(|&&(s, e, _)| (e, std::cmp::Reverse(s)));
    if let Some(&(s, e, ent)) = ending {
        let label = &ctx.entities[ent].label;
        if matches!(label, Label::Person | Label::Organization) || p.is_single() {
            let (s, e) = (s.max(start), e.min(end));
            return Speaker {
                text: ctx.slice(s, e),
                span: Span::new(s, e),
                entity: Some(ctx.entities[ent].id.clone()),
                name: ctx.entities[ent].name.clone(),
            };
        }
    }
    let text = ctx.slice(start, end);
    if let Some(ent) = title_holder(ctx, p).or_else(|| organization_of_type(ctx, p)) {
        return Speaker {
            text,
            span: Span::new(start, end),
            entity: Some(ctx.entities[ent].id.clone()),
            name: ctx.entities[ent].name.clone(),
        };
    }
    Speaker {
        name: text.clone(),
        text,
        span: Span::new(start, end),
        entity: None,
    }
}

/// The person a definite description names by its office (`the president`, `the prime
/// minister`), when exactly one person of the document was introduced before it with that
/// title (`President Barack Obama`, `Prime Minister Theresa May`): that person's entity.
fn title_holder(ctx: &Context, p: Phrase) -> Option<usize> {
    if p.end - p.first < 2 || ctx.lower(p.first) != "the" {
        return None;
    }
    let title: Vec<&str> = (p.first + 1..p.end).map(|i| ctx.lower(i)).collect();
    let office = title.last().is_some_and(|w| crate::titles::is_office(w));
    if !office || !title.iter().all(|w| crate::titles::is_title(w)) {
        return None;
    }
    let before = ctx.t.toks[p.first].start;
    let titled = |&&(s, _, ent): &&(usize, usize, usize)| {
        if ctx.entities[ent].label != Label::Person {
            return false;
        }
        let first = ctx.t.first_at_or_after(s);
        // The title as the mention's first words (`President Barack Obama`) or right before it.
        let inside = (0..title.len()).all(|k| ctx.lower(first + k) == title[k]);
        // The whole title: `Vice President Mike Pence` is no president.
        let outside = first >= title.len()
            && (0..title.len()).all(|k| ctx.lower(first - title.len() + k) == title[k])
            && (first - title.len())
                .checked_sub(1)
                .is_none_or(|before| !crate::titles::is_title(ctx.lower(before)));
        inside || outside
    };
    let mut holders = ctx
        .mentions
        .iter()
        .take_while(|m| m.0 < before)
        .filter(|m| m.1 <= before)
        .filter(titled)
        .map(|&(_, _, ent)| ent);
    let holder = holders.next()?;
    holders.all(|ent| ent == holder).then_some(holder)
}

/// The organization a definite description names by its type (`the company`, `the ministry`,
/// `the union`), when exactly one organization of the document named before it is of that
/// type: its name holds the type word (`Ministry of Health`, `Farmers Union`) or, for a
/// company, ends with a company suffix (`Acme Corp.`, `Kestrel Freight Ltd`).
fn organization_of_type(ctx: &Context, p: Phrase) -> Option<usize> {
    if p.end - p.first != 2 || ctx.lower(p.first) != "the" {
        return None;
    }
    let noun = ctx.lower(p.first + 1);
    let company = COMPANY_NOUNS.contains(noun);
    if !company && !ORGANIZATION_TYPE_NOUNS.contains(noun) {
        return None;
    }
    let before = ctx.t.toks[p.first].start;
    let of_type = |ent: usize| {
        let entity = &ctx.entities[ent];
        let words: Vec<String> = entity
            .name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let last = words.last().map(String::as_str).unwrap_or_default();
        entity.label == Label::Organization
            && (words.iter().any(|w| w == noun) || company && COMPANY_SUFFIXES.contains(last))
    };
    let mut fitting = ctx
        .mentions
        .iter()
        .take_while(|m| m.0 < before)
        .filter(|m| m.1 <= before)
        .map(|&(_, _, ent)| ent)
        .filter(|&ent| of_type(ent));
    let first = fitting.next()?;
    fitting.all(|ent| ent == first).then_some(first)
}

/// What a `he` / `she` at token `tok` most likely refers to: in the nearest earlier sentence
/// that names a person outside quotations (the current one first, at most four back), the
/// first person the document gives this pronoun ([`Context::pronoun_of`]), else its first
/// person — never a possessive ("To Petrov's surprise"), the listener of a telling verb ("told
/// Reuters") or a person the document gives the other pronoun ("Mr. Reyes" for "she") —
/// unless an earlier sentence nearer than that person reports an unnamed person's speech (`a
/// spokesman for the employers said`): then that phrase.
pub(crate) fn resolve_person(ctx: &Context, tok: usize) -> Option<Antecedent> {
    let here = ctx.sentence_of(tok);
    let pos = ctx.t.toks[tok].start;
    // Person mentions outside quotations, back to the oldest sentence looked at.
    let oldest = here.saturating_sub(MAX_SENTENCES_BACK);
    let before = ctx.mentions.partition_point(|m| m.0 < pos);
    let pronoun = ctx.lower(tok);
    let mut persons: Vec<(usize, usize)> = Vec::new();
    for &(s, end, e) in ctx.mentions[..before].iter().rev() {
        let ti = ctx.t.first_at_or_after(s);
        if ctx.sentence_of(ti) < oldest {
            break;
        }
        let disagrees = ctx.pronoun_of[e].is_some_and(|said| said != pronoun);
        if ctx.entities[e].label == Label::Person
            && ctx.in_quote.get(ti).is_some_and(Option::is_none)
            && !is_possessive_or_listener(&ctx.t, s, end, ti)
            && !disagrees
        {
            persons.push((ti, e));
        }
    }
    persons.reverse();
    for back in 0..=MAX_SENTENCES_BACK {
        let Some(target) = here.checked_sub(back) else {
            break;
        };
        // A nominal speaker in a nearer sentence than any named person (`But a spokesman
        // for the employers said …` ¶ `"…," he said.`) is who "he" is.
        if back > 0 {
            if let Some(p) = nominal_speaker_in(ctx, target, pos) {
                return Some(Antecedent::Nominal(p));
            }
        }
        // The first person of the sentence whom the document gives this pronoun, else its
        // first person (`Rolf Decker congratulated Sofia Lund on her record.` ¶ `She …`).
        let mut in_target = persons
            .iter()
            .filter(|(ti, _)| ctx.sentence_of(*ti) == target)
            .map(|&(_, e)| e)
            .peekable();
        let first = in_target.peek().copied();
        let agreeing = in_target.find(|&e| ctx.pronoun_of[e] == Some(pronoun));
        if let Some(e) = agreeing.or(first) {
            return Some(Antecedent::Person(e));
        }
    }
    None
}

/// The speaker phrase of sentence `sentence` (up to character `before`) when it reports
/// the speech of one unnamed person (`a spokesman for the employers said`, `an official
/// said`): a singular nominal speaker with no name in it.
fn nominal_speaker_in(ctx: &Context, sentence: usize, before: usize) -> Option<Phrase> {
    let first = ctx.sentence.partition_point(|&s| s < sentence);
    let end = ctx.sentence.partition_point(|&s| s <= sentence);
    (first..end)
        .filter(|&k| ctx.t.toks[k].end <= before && ctx.is_speech_cue(k))
        .filter_map(|k| speaker_before(ctx, k))
        .find(|&p| {
            // The head noun: before the first preposition (`a spokesman for the employers`).
            let head_tok = (p.first + 1..=p.last())
                .find(|&i| PERSON_LINK_PREPOSITIONS.contains(ctx.lower(i)))
                .map_or(p.last(), |i| i - 1);
            let head = ctx.lower(head_tok);
            let singular_person = (is_agent_noun(head, true) && !head.ends_with('s'))
                || SINGULAR_SOURCE_NOUNS.contains(head);
            let Span { start, end } = ctx.char_span(p);
            // A person's name makes it a named speaker; an organization's (`a spokesperson
            // for the Employers' Association`) does not.
            let named = ctx.mentions_near(start, end).iter().any(|&(s, e, ent)| {
                s >= start && e <= end && ctx.entities[ent].label == Label::Person
            });
            singular_person && !named && p.first < p.last()
        })
}

/// The entity named right before `, who`.
fn relative_antecedent(ctx: &Context, who: usize) -> Option<usize> {
    let comma = who.checked_sub(1)?;
    if !ctx.t.is_punct(comma, ',') {
        return None;
    }
    let before = ctx.t.toks.get(comma.checked_sub(1)?)?.end;
    ctx.mentions_near(before.saturating_sub(2), before)
        .iter()
        .find(|&&(_, e, _)| e == before || e + 2 == before)
        .map(|&(_, _, ent)| ent)
}
