//! Speaker phrases: the noun phrase beside a cue verb, found syntactically from the cue — the
//! phrase before it (`Pompeo said`, `South Korean officials said`, `Hugh Hill, a doctor at the
//! clinic, said`) or after it (`said Secretary of State Mike Pompeo`), a sentence's subject, a
//! loose phrase up to a cue — so that group and nominal speakers are kept even when no entity
//! matches. What a phrase refers to is `referents.rs`.

use super::context::Context;
use super::cues;
use super::lexicon::{
    is_time_word, AUXILIARIES, BETWEEN, CLAUSE_OPENERS, COMMON_VERBS, NOMINAL_HEADS,
    NOMINAL_SPEAKER_STARTS, PERSON_LINK_PREPOSITIONS, PHRASE_FINAL_DETERMINERS, PROGRESSIVE_BE,
    SENTENCE_CONJUNCTIONS, SPEAKER_AFTER_ENDS, STOPS, TIME_PHRASE_WORDS,
};
use super::tokens::{TokKind, TokenSpan};

/// Most time words skipped between a speaker and its cue (`The ministry on Monday said`).
const MAX_TIME_WORDS_BEFORE_CUE: usize = 3;
/// Most adverbs and auxiliaries skipped between a speaker and its cue (`has also said`).
const MAX_WORDS_BETWEEN_SPEAKER_AND_CUE: usize = 3;
/// Most tokens of an appositive between a name and its cue (`Hugh Hill, a doctor at the
/// clinic, said`).
const MAX_APPOSITIVE_TOKENS: usize = 14;
/// How far back from a closing bracket its opening one may be (`Gov. Jane Roe (R-Ohio)`).
const MAX_BRACKET_TOKENS: usize = 6;
/// Most tokens of a speaker phrase before its cue, past its last word (the words of a tagged
/// name count as one): a longer run is a clause, not a name or a noun phrase.
const MAX_PHRASE_TOKENS: usize = 8;
/// Most tokens of a speaker phrase after its cue (`said the chief executive of …`).
const MAX_PHRASE_AFTER_CUE: usize = 10;
/// Most tokens of an introductory phrase before the comma that ends it (`In a Facebook
/// message posted Friday,`).
const MAX_INTRODUCTORY_TOKENS: usize = 14;
/// Most tokens of a sentence subject past its first word (`The Florida senator`).
const MAX_SUBJECT_TOKENS: usize = 7;

/// A candidate speaker phrase: a run of tokens.
pub(crate) type Phrase = TokenSpan;

/// The speaker phrase ending just before cue token `cue` (`X said`), if the words before
/// the cue form one. Handles auxiliaries (`X has said`) and appositives
/// (`X, a doctor at the clinic, said`).
pub(crate) fn speaker_before(ctx: &Context, cue: usize) -> Option<Phrase> {
    let para = ctx.t.toks.get(cue)?.para;
    let mut i = cue.checked_sub(1)?;
    // `The ministry on Monday said`, `Officials last week said`: a time between the
    // speaker and the cue is skipped, never taken for the speaker.
    let mut time_skipped = 0;
    while time_skipped < MAX_TIME_WORDS_BEFORE_CUE && ctx.free_word(i) && ctx.t.toks[i].para == para
    {
        let word = ctx.lower(i);
        let is_time = is_time_word(word)
            || (word.chars().all(|c| c.is_ascii_digit()) && word.len() == 4)
            || (time_skipped > 0 && TIME_PHRASE_WORDS.contains(word));
        if !is_time {
            break;
        }
        i = i.checked_sub(1)?;
        time_skipped += 1;
    }
    let mut skipped = 0;
    // `Roe is telling`: the progressive's `be` sits between speaker and cue.
    let progressive = ctx.lower(cue).ends_with("ing");
    while ctx.free_word(i)
        && ctx.t.toks[i].para == para
        && (BETWEEN.contains(ctx.lower(i))
            || ctx.lower(i).ends_with("ly")
            || progressive && PROGRESSIVE_BE.contains(ctx.lower(i)))
        && !ctx.is_pronoun(i)
        && skipped < MAX_WORDS_BETWEEN_SPEAKER_AND_CUE
    {
        // `and` only between two cues (`he paused and added`) is not a speaker boundary.
        if ctx.lower(i) == "and" {
            return None;
        }
        i = i.checked_sub(1)?;
        skipped += 1;
    }
    if ctx.t.toks[i].para != para {
        return None;
    }
    if ctx.t.is_punct(i, ',') {
        return appositive_before(ctx, i);
    }
    phrase_ending_at(ctx, i)
}

/// `Name, appositive,` before a cue: the name is the speaker.
fn appositive_before(ctx: &Context, comma: usize) -> Option<Phrase> {
    let para = ctx.t.toks[comma].para;
    let mut j = comma.checked_sub(1)?;
    let mut steps = 0;
    while steps < MAX_APPOSITIVE_TOKENS {
        if ctx.t.toks[j].para != para || ctx.in_quote[j].is_some() {
            return None;
        }
        if ctx.t.is_punct(j, ',') {
            // `Hugh Hill, a doctor at the clinic, said`: the name before the appositive.
            let before = phrase_ending_at(ctx, j.checked_sub(1)?);
            if let Some(name) = before.filter(|p| ctx.t.is_capitalized(p.last())) {
                return Some(name);
            }
            // `Its chief executive, Eva Lind, said`: the name is the appositive.
            let inside = phrase_ending_at(ctx, comma.checked_sub(1)?)?;
            return (inside.first == j + 1 && ctx.t.is_capitalized(inside.last()))
                .then_some(inside);
        }
        if ctx.t.toks[j].kind == TokKind::Punct
            && !matches!(
                ctx.t.chars[ctx.t.toks[j].start],
                '-' | '\'' | '’' | '.' | '(' | ')'
            )
        {
            return None;
        }
        j = j.checked_sub(1)?;
        steps += 1;
    }
    None
}

/// The subject of a participle cue set off by a comma (`Roe attacked the plan, saying …`):
/// the subject of the sentence that starts at `start`; `None` for any other cue.
pub(crate) fn participle_subject(ctx: &Context, start: usize, cue: usize) -> Option<Phrase> {
    let participle = cue > start && ctx.t.is_punct(cue - 1, ',') && ctx.lower(cue).ends_with("ing");
    if !participle {
        return None;
    }
    sentence_subject(ctx, start, cue)
}

/// The subject of a cue coordinated with an earlier verb (`The minister condemned the
/// attack and said …`): the subject of the sentence that starts at `start`.
pub(crate) fn coordinated_subject(ctx: &Context, start: usize, cue: usize) -> Option<Phrase> {
    let conjunction = cue.checked_sub(1)?;
    if conjunction <= start || !matches!(ctx.lower(conjunction), "and" | "but") {
        return None;
    }
    sentence_subject(ctx, start, cue)
}

/// The speaker phrase whose last token is `last`, scanning back to a boundary.
pub(crate) fn phrase_ending_at(ctx: &Context, last: usize) -> Option<Phrase> {
    let mut last = last;
    // `Gov. Jane Roe (R-Ohio)`: the name before the bracket.
    if ctx.t.is_punct(last, ')') {
        let open = (last.saturating_sub(MAX_BRACKET_TOKENS)..last)
            .rev()
            .find(|&i| ctx.t.is_punct(i, '('))?;
        last = open.checked_sub(1)?;
    }
    if !ctx.free_word(last) {
        return None;
    }
    let lower = ctx.lower(last);
    if ctx.is_pronoun(last) {
        return Some(Phrase::single(last));
    }
    if PHRASE_FINAL_DETERMINERS.contains(lower)
        || ctx.is_stop(last)
        || cues::is_cue(lower) && !ctx.t.is_capitalized(last)
        || lower.ends_with("'s")
        || lower.ends_with("’s")
    {
        return None;
    }
    let para = ctx.t.toks[last].para;
    let mut first = last;
    // Whether the phrase holds a person noun linked by a preposition (`the mother of
    // three`): that noun is its head, whatever the last word.
    let mut linked_head = false;
    let mut words = 0;
    while first > 0 {
        let j = first - 1;
        // `the Colleges Employers’ Association`: a plural possessive mark inside the phrase.
        if is_plural_possessive(ctx, j) {
            first = j;
            continue;
        }
        let inside_name = ctx.in_name(j) && ctx.in_name(j + 1);
        // `a spokesman for the employers`, `an official at the ministry`: a preposition
        // after a noun for a person keeps the phrase going.
        let linked = j > 0
            && PERSON_LINK_PREPOSITIONS.contains(ctx.lower(j))
            && ctx.free_word(j - 1)
            && !ctx.t.is_capitalized(j - 1)
            && (is_agent_noun(ctx.lower(j - 1), true) || NOMINAL_HEADS.contains(ctx.lower(j - 1)));
        // A stop word inside a tagged name (`Universities and Colleges Employers`) goes on.
        let stop = ctx.is_stop(j) && !ctx.in_name(j);
        if !linked && (!ctx.free_word(j) || ctx.t.toks[j].para != para || stop) {
            break;
        }
        // `of` only inside a title or name (`Secretary of State`) or after a person noun
        // (`the mother of three`).
        if ctx.lower(j) == "of" && !ctx.t.is_capitalized(first) && !linked {
            break;
        }
        linked_head |= linked;
        if ctx.is_pronoun(j) && ctx.lower(j) != "i" {
            break;
        }
        if cues::is_cue(ctx.lower(j)) && !ctx.t.is_capitalized(j) {
            break;
        }
        words += usize::from(!inside_name);
        if words >= MAX_PHRASE_TOKENS {
            return None;
        }
        first = j;
    }
    // Drop leading time words (`Sunday Trump said`) and a leading lower-case word that is
    // not a determiner or adjective-like modifier.
    while first < last && is_time_word(ctx.lower(first)) {
        first += 1;
    }
    let head_ok = ctx.names_by_case(last)
        || linked_head
        || NOMINAL_HEADS.contains(lower)
        || is_agent_noun(lower, first < last);
    if !head_ok {
        return None;
    }
    Some(Phrase::through(first, last))
}

/// The speaker phrase right after cue token `cue` (`said X`), up to punctuation.
pub(crate) fn speaker_after(ctx: &Context, cue: usize) -> Option<Phrase> {
    let para = ctx.t.toks.get(cue)?.para;
    let first = cue + 1;
    if !ctx.free_word(first) || ctx.t.toks[first].para != para {
        return None;
    }
    if ctx.is_pronoun(first) {
        return Some(Phrase::single(first));
    }
    let lower = ctx.lower(first);
    let starts_ok = ctx.t.is_capitalized(first)
        || NOMINAL_SPEAKER_STARTS.contains(lower)
        || NOMINAL_HEADS.contains(lower);
    if !starts_ok || is_time_word(lower) {
        return None;
    }
    let mut last = first;
    loop {
        // `the farmers’ union`: a plural possessive mark inside the phrase.
        if is_plural_possessive(ctx, last + 1) && last + 2 - first < MAX_PHRASE_AFTER_CUE {
            last += 2;
            continue;
        }
        let goes_on = last + 1 < ctx.t.toks.len()
            && ctx.free_word(last + 1)
            && ctx.t.toks[last + 1].para == para
            && last + 1 - first < MAX_PHRASE_AFTER_CUE;
        if !goes_on {
            break;
        }
        let next = ctx.lower(last + 1);
        if SPEAKER_AFTER_ENDS.contains(next) || is_time_word(next) && !ctx.t.is_capitalized(last) {
            break;
        }
        last += 1;
    }
    let phrase = Phrase::through(first, last);
    if !ctx.is_speech_cue(cue) {
        // `according to the police, John Smith, 45, was arrested`: no appositive there.
        return Some(phrase);
    }
    Some(named_appositive(ctx, phrase).unwrap_or(phrase))
}

/// `said his neighbour, Tomasz Wierzbicki`: a nominal speaker phrase after its speech cue
/// followed by a comma and a tagged person's name that closes the clause: the phrase through
/// the name, so that the name is who speaks.
fn named_appositive(ctx: &Context, phrase: Phrase) -> Option<Phrase> {
    if !NOMINAL_SPEAKER_STARTS.contains(ctx.lower(phrase.first)) || !ctx.t.is_punct(phrase.end, ',')
    {
        return None;
    }
    let name_start = ctx.t.toks.get(phrase.end + 1)?.start;
    let &(_, name_end, ent) = ctx
        .mentions_near(name_start, name_start + 1)
        .iter()
        .find(|&&(s, _, _)| s == name_start)?;
    let last = ctx.t.first_ending_after(name_end.saturating_sub(1));
    if ctx.t.toks.get(last).is_none_or(|t| t.end < name_end) {
        return None;
    }
    let closes = ctx.t.toks.get(last + 1).is_none_or(|t| {
        t.para != ctx.t.toks[last].para
            || ctx.t.is_punct(last + 1, ',')
            || ctx.t.is_punct(last + 1, '.')
    });
    (ctx.entities[ent].label == crate::doc::Label::Person && closes)
        .then(|| Phrase::through(phrase.first, last))
}

/// The words from `first` up to cue token `cue`, as a speaker phrase: everything before an
/// appositive comma, less trailing auxiliaries (`"…," a voice-over in the ad states`); at
/// most eight tokens.
pub(crate) fn loose_phrase(ctx: &Context, first: usize, cue: usize) -> Option<Phrase> {
    if CLAUSE_OPENERS.contains(ctx.lower(first)) {
        return None;
    }
    let mut last = (first..cue)
        .find(|&i| ctx.t.is_punct(i, ','))
        .unwrap_or(cue);
    // A speaker is a name or a short noun phrase, never a clause.
    if last - first > MAX_PHRASE_TOKENS {
        return None;
    }
    while last > first && {
        let w = ctx.lower(last - 1);
        BETWEEN.contains(w) || w.ends_with("ly")
    } {
        last -= 1;
    }
    (last > first && ctx.t.is_word(last - 1)).then_some(Phrase::through(first, last - 1))
}

/// Words from `first` up to punctuation (at most ten), when one is capitalized:
/// `"…," said retired surgeon Ana Diaz.`
pub(crate) fn trailing_phrase(ctx: &Context, first: usize) -> Option<Phrase> {
    let para = ctx.t.toks.get(first)?.para;
    let mut last = first;
    if !ctx.free_word(first) {
        return None;
    }
    while ctx.free_word(last + 1)
        && ctx.t.toks[last + 1].para == para
        && last - first < MAX_PHRASE_AFTER_CUE
    {
        last += 1;
    }
    let ends = ctx.t.toks.get(last + 1).is_none_or(|t| t.para != para)
        || ctx.t.is_punct(last + 1, ',')
        || ctx.t.is_punct(last + 1, '.');
    (ends && (first..=last).any(|i| ctx.t.is_capitalized(i)))
        .then_some(Phrase::through(first, last))
}

/// The first token of the main clause of the sentence whose tokens start at `start`:
/// after leading conjunctions (`But`, `And`) and an introductory phrase closed by a comma
/// within [`MAX_INTRODUCTORY_TOKENS`] (`In a Facebook message posted Friday,`, `On Monday,`,
/// `According to the Post,`); `None` when an introductory phrase has no comma before `before`
/// within those tokens.
pub(crate) fn main_clause_start(ctx: &Context, start: usize, before: usize) -> Option<usize> {
    let mut s = start;
    while s < before && SENTENCE_CONJUNCTIONS.contains(ctx.lower(s)) {
        s += 1;
    }
    let intro = ctx.is_stop(s) || ctx.lower(s).ends_with("ing") || is_time_word(ctx.lower(s));
    if intro {
        let comma =
            (s..before.min(s + MAX_INTRODUCTORY_TOKENS)).find(|&i| ctx.t.is_punct(i, ','))?;
        s = comma + 1;
    }
    Some(s)
}

/// The subject of the sentence whose tokens start at `start`, looked for before `before`:
/// after an introductory phrase closed by a comma, the words up to the first verb-like
/// word (`The Florida senator likes "…"` → `The Florida senator`).
pub(crate) fn sentence_subject(ctx: &Context, start: usize, before: usize) -> Option<Phrase> {
    let s = main_clause_start(ctx, start, before)?;
    if s >= before || !ctx.free_word(s) {
        return None;
    }
    if ctx.is_pronoun(s) {
        return Some(Phrase::single(s));
    }
    let mut last = s;
    while last + 1 < before && last - s < MAX_SUBJECT_TOKENS {
        let n = last + 1;
        let w = ctx.lower(n);
        let verb_like = !ctx.t.is_capitalized(n)
            && (cues::is_cue(w)
                || BETWEEN.contains(w)
                || STOPS.contains(w)
                || w.ends_with("ed")
                || COMMON_VERBS.contains(w)
                // `Tom Reyes spoke`: a lower-case word after a name that cannot head a
                // noun phrase is its verb.
                || ctx.t.is_capitalized(last)
                    && !NOMINAL_HEADS.contains(w)
                    && !is_agent_noun(w, true));
        if verb_like || !(ctx.free_word(n) || ctx.t.is_punct(n, '.')) {
            break;
        }
        last = n;
    }
    let lower = ctx.lower(last);
    let head_ok = ctx.names_by_case(last)
        || NOMINAL_HEADS.contains(lower)
        || lower.ends_with("man")
        || lower.ends_with("woman")
        || lower.ends_with("ers")
        || lower.ends_with("ists");
    head_ok.then_some(Phrase::through(s, last))
}

/// True when token `i` is the apostrophe of a plural possessive inside a phrase: glued to a
/// word ending in `s` and followed by another word (`the farmers’ union`).
fn is_plural_possessive(ctx: &Context, i: usize) -> bool {
    let (Some(mark), Some(next)) = (ctx.t.toks.get(i), ctx.t.toks.get(i + 1)) else {
        return false;
    };
    let glued = i > 0 && ctx.t.toks[i - 1].end == mark.start;
    matches!(ctx.t.chars[mark.start], '\'' | '’')
        && glued
        && ctx.lower(i - 1).ends_with('s')
        && ctx.free_word(i + 1)
        && next.para == mark.para
        && next.start > mark.end
}

/// True when tokens `[first, end)` read as a clause rather than a bare object: they hold an
/// auxiliary or modal, a common finite verb, a negation or a past form in `-ed`
/// (`the government would support …`, `the plan failed`), not just a noun phrase (`Dana
/// Whitfield as its new counsel`, `the Red Cross`, `a third goal`).
pub(crate) fn looks_like_clause(ctx: &Context, first: usize, end: usize) -> bool {
    (first..end).any(|i| is_finite_verb(ctx, i))
}

/// True when token `i` is a lower-case auxiliary or modal, frequent finite verb, negation or
/// past form in `-ed`: the verb of a clause.
pub(crate) fn is_finite_verb(ctx: &Context, i: usize) -> bool {
    let w = ctx.lower(i);
    ctx.t.is_word(i)
        && !ctx.t.is_capitalized(i)
        && (AUXILIARIES.contains(w)
            || COMMON_VERBS.contains(w)
            || w.ends_with("n't")
            || w.ends_with("ed") && w.len() > 3)
}

/// True when characters `start..end` hold a word that names who speaks: a pronoun, a
/// nominal head (`officials`, `the ministry`) or an agent noun (`critics`, `a lawyer`).
/// A speaker phrase without one (`encourage Americans`, `compared to 11% of claims`) is
/// a misread subject, not a source.
pub(crate) fn names_a_source(ctx: &Context, start: usize, end: usize) -> bool {
    let first = ctx.t.first_at_or_after(start);
    (first..ctx.t.toks.len())
        .take_while(|&i| ctx.t.toks[i].end <= end)
        .any(|i| {
            let w = ctx.lower(i);
            ctx.is_pronoun(i) || NOMINAL_HEADS.contains(w) || is_agent_noun(w, true)
        })
}

/// A noun for people by what they do: plural `-ers`, `-ists`, `-ians`, `-men`, and, after a
/// determiner or modifier (`several`, `the announcer`, `a local businessman`), singular `-er`,
/// `-or`, `-ist`, `-ian`, `-man`, `-woman`.
pub(crate) fn is_agent_noun(lower: &str, modified: bool) -> bool {
    let plural = ["ers", "ists", "ians", "men"]
        .iter()
        .any(|s| lower.ends_with(s));
    let singular = lower.chars().count() >= 5
        && ["er", "or", "ist", "ian", "man"]
            .iter()
            .any(|s| lower.ends_with(s));
    plural || modified && singular
}
