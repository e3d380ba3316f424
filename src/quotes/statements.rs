//! Statements: what someone said, apart from everything else an attribution can be.
//!
//! PolNeAR, which the attribution head learned from, annotates every attribution — beliefs,
//! topics (`criticized the budget`), plans (`urged them to leave`). A user loading who-said-what
//! into a graph wants statements. So every quotation carries its attribution type
//! ([`AttributionType`], read from its cue) and its content form ([`ContentForm`], read from its
//! words) — `classify` — and [`Attributions::Statements`], the default, keeps only
//! ([`keep_statements`]):
//! - quoted words (direct and mixed quotations), with their speaker when it is someone;
//! - reported speech whose content is a proposition (a clause), whose type is an
//!   [`AttributionType::Assertion`] or a [`AttributionType::Fact`], and whose speaker is
//!   someone.
//!
//! A speaker is no one ([`names_no_one`]) when it is an unresolved relative pronoun (`who`), a
//! quantifier or generic subject (`many`, `few`, `anyone`), a first- or second-person pronoun
//! (outside quoted speech: the narrator or the reader) or an event (`the governor's State of
//! the State speech`). Declining to comment is never a quotation, in either view
//! (`is_no_comment`). Scare quotes stay as they are: kind `scare`, never a speaker.

use super::context::Context;
use super::cues;
use super::found::Found;
use super::lexicon::{
    ASKING_CUES, EVENT_NOUNS, NO_COMMENT_CONTENTS, NO_ONE_SPEAKERS, OBJECT_STARTS, PRONOUNS,
    QUANTIFIER_SUBJECTS, QUESTION_WORDS, RELATIVE_PRONOUNS, SUBORDINATORS,
};
use super::phrases::is_finite_verb;
use super::rules::Rule;

/// Most tokens of the object between a verb of control and its infinitive (`urged the
/// residents of the valley to leave`).
const MAX_OBJECT_TOKENS: usize = 5;

/// Most words of a content that is a topic whatever it holds (`that Hoboken`, `the attack`):
/// a statement needs a subject and a verb at least.
const MAX_TOPIC_WORDS: usize = 2;
use crate::doc::{AttributionType, ContentForm, Quote, QuoteKind, Speaker};

/// Which attributions a run writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Attributions {
    /// Statements only (the module documentation says which): every `SAID` edge is something
    /// someone said.
    #[default]
    Statements,
    /// Every attribution found, with its type and content form: PolNeAR's broad view.
    All,
}

/// The attribution type and content form of a quotation; `(None, None)` for a scare quote.
/// Quoted words are propositions, and so is reported speech the rules found before its cue
/// (`…, X said`);
/// after its cue it is a topic when it is an infinitive (`to comment`), a question (`how it
/// would work`) or a phrase without a verb (`the budget`). The
/// type is the cue verb's ([`cues::attribution_of`]; `according to` and quotations without a
/// cue are assertions), an eventuality for a verb of control before an infinitive.
pub(crate) fn classify(
    ctx: &Context,
    found: &Found,
) -> (Option<AttributionType>, Option<ContentForm>) {
    if found.kind == QuoteKind::Scare {
        return (None, None);
    }
    let first = ctx.t.first_at_or_after(found.start);
    let end = ctx.t.first_at_or_after(found.end);
    let cue_words: Vec<String> = found.cue.as_ref().map_or(Vec::new(), |cue| {
        cue.text
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    });
    let cue_before = found
        .cue
        .as_ref()
        .is_some_and(|c| c.span.end <= found.start);
    // `declined to comment`, `urged residents to leave`: reported speech that is an infinitive
    // complement of its cue, right after it or after the cue's object, with no finite verb
    // (`promised that funding to the district would rise` is a clause; `to the district`, a
    // preposition before a determiner, no infinitive).
    let reported = found.kind == QuoteKind::Indirect && cue_before;
    let infinitive = reported && ctx.lower(first) == "to";
    let object_then_infinitive = reported
        && !(first..end).any(|i| is_verb(ctx, i))
        && (first..end.min(first + MAX_OBJECT_TOKENS + 1)).any(|i| {
            ctx.lower(i) == "to"
                && ctx.t.is_word(i + 1)
                && !ctx.t.is_capitalized(i + 1)
                && !OBJECT_STARTS.contains(ctx.lower(i + 1))
        });
    // `asked how it would work`: a question, not a statement.
    let question = QUESTION_WORDS.contains(ctx.lower(first))
        && cue_words.iter().any(|w| ASKING_CUES.contains(w));
    // `…, said Omar Haddad.`: what the rules take before a closing cue is a clause (a topic
    // follows its verb). The head's contents there may be fragments (`Each year`): they are
    // read like any other.
    let cue_after = found.rule != Rule::LearnedAttribution
        && found
            .cue
            .as_ref()
            .is_some_and(|c| c.span.start >= found.end);
    let form = match found.kind {
        QuoteKind::Direct | QuoteKind::Mixed => ContentForm::Proposition,
        _ if infinitive || question => ContentForm::Topic,
        _ if cue_after || reads_as_clause(ctx, first, end) => ContentForm::Proposition,
        _ => ContentForm::Topic,
    };
    let cue = cue_words.iter().find_map(|word| cues::attribution_of(word));
    let kind = match cue {
        Some((_, true)) if infinitive || object_then_infinitive => AttributionType::Eventuality,
        Some((kind, _)) => kind,
        None => AttributionType::Assertion,
    };
    (Some(kind), Some(form))
}

/// True when tokens `[first, end)` read as a clause: more than [`MAX_TOPIC_WORDS`] words,
/// and outside relative clauses (from a relative pronoun to the next comma: a noun phrase may
/// hold one, `the actor who won`) a word that is an auxiliary, a modal, a frequent finite verb, a negation, a past form
/// in `-ed`, a cue verb after the first word, a subordinating conjunction after the first word (`Potholes form when
/// water seeps in`), or a subject pronoun followed by a lower-case word (`he wants more`).
fn reads_as_clause(ctx: &Context, first: usize, end: usize) -> bool {
    let words = (first..end).filter(|&i| ctx.t.is_word(i)).count();
    let mut in_relative = false;
    let outside_relatives: Vec<usize> = (first..end)
        .filter(|&i| {
            if i > first && RELATIVE_PRONOUNS.contains(ctx.lower(i)) {
                in_relative = true;
            } else if ctx.t.is_punct(i, ',') {
                in_relative = false;
            }
            !in_relative
        })
        .collect();
    words > MAX_TOPIC_WORDS
        && outside_relatives.iter().any(|&i| {
            let w = ctx.lower(i);
            // A cue word opening the content is its noun (`answered questions from readers`).
            let verb = is_finite_verb(ctx, i) || (i > first && is_verb(ctx, i));
            let subject = PRONOUNS.contains(w)
                && i + 1 < end
                && ctx.t.is_word(i + 1)
                && !ctx.t.is_capitalized(i + 1);
            let subordinate = i > first && SUBORDINATORS.contains(w);
            verb || subject || subordinate
        })
}

/// True when token `i` reads as a verb of a clause: a finite verb ([`is_finite_verb`]) or a
/// lower-case cue verb.
fn is_verb(ctx: &Context, i: usize) -> bool {
    is_finite_verb(ctx, i)
        || ctx.t.is_word(i) && !ctx.t.is_capitalized(i) && cues::is_cue(ctx.lower(i))
}

/// True when a quotation only says that someone did not comment (`declined to comment`,
/// `could not be reached for comment`, `did not respond to a request for comment`): no
/// attribution in either view.
pub(crate) fn is_no_comment(ctx: &Context, found: &Found) -> bool {
    let content = ctx.slice(found.start, found.end).to_lowercase();
    found.kind == QuoteKind::Indirect
        && NO_COMMENT_CONTENTS.contains(content.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// True when `speaker` names no one who could have said anything: an unresolved relative
/// pronoun, a quantifier or generic subject, a first- or second-person pronoun, or an event.
pub fn names_no_one(speaker: &Speaker) -> bool {
    if speaker.entity.is_some() {
        return false;
    }
    let lower = speaker.text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return true;
    };
    NO_ONE_SPEAKERS.contains(&lower)
        || QUANTIFIER_SUBJECTS.contains(first)
        || EVENT_NOUNS.contains(last)
}

/// True when reported speech `quote` is a statement: a proposition, asserted or given as a
/// fact, by someone. Quoted words and scare quotes always pass.
pub fn is_statement(quote: &Quote) -> bool {
    quote.kind != QuoteKind::Indirect
        || quote.speaker.as_ref().is_some_and(|s| !names_no_one(s))
            && quote.form == Some(ContentForm::Proposition)
            && matches!(
                quote.attribution,
                Some(AttributionType::Assertion | AttributionType::Fact)
            )
}

/// The statements view of `quotes` (in text order, from [`crate::quotes::find_quotes`]):
/// reported speech that is no statement is left out, quoted words whose speaker names no one
/// keep `speaker: null`, and ids are numbered again `q0`, `q1`, …
pub fn keep_statements(quotes: Vec<Quote>) -> Vec<Quote> {
    quotes
        .into_iter()
        .filter(is_statement)
        .enumerate()
        .map(|(i, mut quote)| {
            if quote.speaker.as_ref().is_some_and(names_no_one) {
                quote.speaker = None;
            }
            Quote {
                id: format!("q{i}"),
                ..quote
            }
        })
        .collect()
}
