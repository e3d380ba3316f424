//! Quotations and their speakers: the rule pass that runs after tagging and linking.
//!
//! [`find_quotes`] takes the text and its entities (from [`crate::linking`]) and returns every
//! quotation in text order. It needs no model, so it can run and be tested with entities given
//! by hand. The stages:
//!
//! 1. `marks.rs`: pairs double quote marks into quotations (multi-paragraph chains, stray marks,
//!    apostrophes and nested single quotes handled there).
//! 2. `patterns.rs`: attributes each marked quotation — the cue and speaker after it or before
//!    it, a colon lead-in, an em-dash byline, the previous quotation's turn — and decides its
//!    kind (`direct`, `mixed`, or `scare` for scare quotes and nicknames, never attributed).
//! 3. `indirect.rs`: reported speech without marks (`X said (that) …`, `…, X said.`,
//!    `according to X, …`), in sentences that hold no quotation.
//! 4. `attribution.rs`: the speaker phrase beside a cue and what it refers to (entity, pronoun,
//!    group); `cues.rs` and `lexicon.rs` hold the word lists.
//! 5. `linker.rs`: when the model has an attribution head, joins its role spans (source, cue,
//!    content) into attributions and merges them with what the rules found.
//!
//! Rule ids (`Quote::rule`) are the `rules.rs` table, in the order they are tried, and are
//! explained in `docs/quotes.md`.

pub(crate) mod attribution;
pub(crate) mod cues;
pub(crate) mod indirect;
pub(crate) mod lexicon;
pub(crate) mod linker;
pub(crate) mod marks;
pub(crate) mod patterns;
pub(crate) mod rules;
pub(crate) mod tokens;

use crate::doc::{Entity, Quote, QuoteKind, RoleSpan, Speaker, TextSpan};
use crate::offsets::CharIndex;
use attribution::Ctx;
use tokens::Tokens;

/// One quotation before ids are assigned.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub kind: QuoteKind,
    pub start: usize,
    pub end: usize,
    pub cue: Option<TextSpan>,
    pub speaker: Option<Speaker>,
    pub rule: rules::Rule,
    /// Confidence from the attribution head, when learned spans gave or confirmed it; `None`
    /// takes the rule's fixed score ([`rules::Rule::precision`]). Always set for
    /// [`rules::Rule::LearnedAttribution`].
    pub score: Option<f32>,
}

/// Finds the quotations in `text` and links each to a speaker among `entities`, using the
/// attribution head's `roles` (source, cue and content spans) when given; with none, the
/// rules work alone.
///
/// Quotations come back in text order with ids `q0`, `q1`, …; offsets are character offsets
/// into `text`. Scare quotes and nicknames are returned with kind [`QuoteKind::Scare`] and no
/// speaker, so callers that want speech only can drop them.
pub fn find_quotes(text: &str, entities: &[Entity], roles: &[RoleSpan]) -> Vec<Quote> {
    let ctx = context(text, entities);
    let marked = marks::pair_marks(&ctx.t.chars, &ctx.t.paras);
    let mut found = patterns::attribute_marked(&ctx, &marked);
    found.extend(indirect::find_indirect(&ctx));
    let mut found = linker::link(&ctx, found, roles);
    found.sort_by_key(|f| (f.start, f.end));
    found
        .into_iter()
        .enumerate()
        .map(|(i, f)| Quote {
            id: format!("q{i}"),
            kind: f.kind,
            text: ctx.slice(f.start, f.end),
            start: f.start,
            end: f.end,
            cue: f.cue,
            speaker: f.speaker,
            rule: f.rule.as_str().to_string(),
            score: f.score.or(f.rule.precision()).unwrap_or(0.0),
            about: match f.kind {
                QuoteKind::Scare => Vec::new(),
                _ => mentioned_inside(entities, f.start, f.end),
            },
        })
        .collect()
}

/// Ids of the entities with a mention inside `[start, end)` (character offsets), in entity
/// order: whom a quotation is about.
fn mentioned_inside(entities: &[Entity], start: usize, end: usize) -> Vec<String> {
    entities
        .iter()
        .filter(|e| e.mentions.iter().any(|m| start <= m.start && m.end <= end))
        .map(|e| e.id.clone())
        .collect()
}

/// True for the characters quotegraph treats as double quote marks (`"`, `“`, `”`, `„`, `«`,
/// `»`); single marks and apostrophes are never quotation boundaries.
pub fn is_double_quote_mark(c: char) -> bool {
    marks::is_double_mark(c)
}

/// True when `text` holds a double quote mark: one of the characters of
/// [`is_double_quote_mark`], or two ASCII apostrophes typed for one (`''Yes,'' he said`).
pub fn has_double_quote_mark(text: &str) -> bool {
    let mut chars: Vec<char> = text.chars().collect();
    marks::fold_apostrophe_pairs(&mut chars);
    chars.into_iter().any(marks::is_double_mark)
}

/// Tokenizes, pairs marks and splits sentences: everything the rules read.
fn context<'a>(text: &'a str, entities: &'a [Entity]) -> Ctx<'a> {
    let t = Tokens::new(text);
    let marked = marks::pair_marks(&t.chars, &t.paras);
    let mut in_quote = vec![None; t.toks.len()];
    for (q, m) in marked.iter().enumerate() {
        let first = t.first_at_or_after(m.start);
        let last = t.first_ending_after(m.end.saturating_sub(1));
        for slot in in_quote.iter_mut().take(last + 1).skip(first) {
            *slot = Some(q);
        }
    }
    let sentence = sentences(&t, &in_quote);
    let mut mentions: Vec<(usize, usize, usize)> = entities
        .iter()
        .enumerate()
        .flat_map(|(e, ent)| ent.mentions.iter().map(move |m| (m.start, m.end, e)))
        .filter(|&(s, e, _)| s < e && e <= t.chars.len())
        .collect();
    mentions.sort_unstable();
    let longest_mention = mentions.iter().map(|&(s, e, _)| e - s).max().unwrap_or(0);
    let lower_case_words = (0..t.toks.len())
        .filter(|&i| t.is_word(i) && !t.is_capitalized(i))
        .map(|i| t.lower(i))
        .collect();
    Ctx {
        text,
        index: CharIndex::new(text),
        t,
        entities,
        mentions,
        longest_mention,
        in_quote,
        sentence,
        lower_case_words,
    }
}

/// Sentence number of each token, from the one sentence splitter
/// ([`crate::sentences::sentence_starts`]); a quotation's end marks end no sentence until its
/// closing mark.
fn sentences(t: &Tokens, in_quote: &[Option<usize>]) -> Vec<usize> {
    let texts: Vec<String> = t.toks.iter().map(|tok| t.text(tok)).collect();
    let tokens: Vec<crate::sentences::Token> = t
        .toks
        .iter()
        .enumerate()
        .map(|(i, tok)| {
            let before = i.checked_sub(1).map(|p| &t.toks[p]);
            crate::sentences::Token {
                text: &texts[i],
                after_break: before.is_some_and(|b| b.para != tok.para),
                glued: before.is_some_and(|b| b.end == tok.start),
                quoted: in_quote[i].is_some(),
            }
        })
        .collect();
    let mut current = 0;
    crate::sentences::sentence_starts(&tokens)
        .into_iter()
        .map(|starts| {
            current += usize::from(starts);
            current
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_markless_texts_have_no_quotes() {
        assert!(find_quotes("", &[], &[]).is_empty());
        assert!(find_quotes("Nothing was said here at all", &[], &[]).is_empty());
    }

    #[test]
    fn apostrophe_pairs_count_as_double_marks() {
        assert!(has_double_quote_mark("''We will,'' she said"));
        assert!(has_double_quote_mark("“Yes”"));
        assert!(!has_double_quote_mark("Kim's 'fine' dog"));
    }

    #[test]
    fn sentences_split_outside_quotes_only() {
        let t = Tokens::new("“One. Two,” he said. Then more.");
        let marked = marks::pair_marks(&t.chars, &t.paras);
        let mut in_quote = vec![None; t.toks.len()];
        for (q, m) in marked.iter().enumerate() {
            for (i, tok) in t.toks.iter().enumerate() {
                if tok.start >= m.start && tok.end <= m.end {
                    in_quote[i] = Some(q);
                }
            }
        }
        let s = sentences(&t, &in_quote);
        assert_eq!(s.first(), Some(&0));
        assert_eq!(s[t.toks.len() - 2], 1);
        let said = t.toks.iter().position(|k| t.text(k) == "said").unwrap_or(0);
        assert_eq!(s[said], 0);
    }
}
