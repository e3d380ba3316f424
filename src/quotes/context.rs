//! The document context of the quotation pass: everything about one document that the rules
//! read, computed once per document and shared by every rule, post-pass and the linker.
//!
//! It holds the tokens (with their lower-case forms), paragraphs, sentences, the quotation
//! marks paired once ([`Context::marked`], [`Context::in_quote`]), the mentions by position and
//! the attribution head's role spans. It belongs to no rule family: speaker phrases
//! (`phrases.rs`), what they refer to (`referents.rs`), scare quotes (`scare.rs`) and turns
//! (`turns.rs`) are functions of their own that read it.

use super::cues;
use super::lexicon::{BOUND_PRONOUNS, HONORIFIC_PRONOUNS, PRONOUNS, STOPS};
use super::marks::{self, Marked};
use super::tokens::{TokenSpan, Tokens};
use crate::doc::{Entity, RoleSpan, Span, TextSpan};
use crate::offsets::CharIndex;
use std::collections::HashSet;

/// Everything the rules need about one document.
pub(crate) struct Context<'a> {
    /// The original text.
    pub text: &'a str,
    /// Char ↔ byte index of `text`.
    pub index: CharIndex,
    /// Tokens and paragraphs.
    pub t: Tokens,
    /// The document's entities.
    pub entities: &'a [Entity],
    /// Every mention as (start, end, entity index), sorted by start.
    pub mentions: Vec<(usize, usize, usize)>,
    /// Characters in the longest mention, to find mentions near a place by binary search.
    pub longest_mention: usize,
    /// The quotations found by their marks, in text order.
    pub marked: Vec<Marked>,
    /// For each token, the quotation (index into [`Context::marked`]) whose content holds it.
    pub in_quote: Vec<Option<usize>>,
    /// For each token, its sentence number.
    pub sentence: Vec<usize>,
    /// The words the document writes in lower case somewhere (lower-cased): a capital at a
    /// sentence start on one of them marks the place, not a name.
    pub lower_case_words: HashSet<String>,
    /// For each entity, the third-person pronoun (`he` / `she`) the document gives it (see
    /// [`pronouns_of_entities`]); `None` without evidence or with evidence both ways.
    pub pronoun_of: Vec<Option<&'static str>>,
    /// The attribution head's role spans inside the text, sorted by (start, end); `None` when
    /// the head gave none for this document (a model without the head, or nothing found), so
    /// that the rules work alone.
    pub roles: Option<Vec<RoleSpan>>,
}

impl<'a> Context<'a> {
    /// Tokenizes `text`, pairs its quote marks, splits its sentences and indexes the mentions
    /// of `entities` and the `roles` of the attribution head (spans outside the text are
    /// ignored).
    pub(crate) fn new(text: &'a str, entities: &'a [Entity], roles: &[RoleSpan]) -> Context<'a> {
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
            .flat_map(|(e, ent)| {
                ent.mentions
                    .iter()
                    .map(move |m| (m.span.start, m.span.end, e))
            })
            .filter(|&(s, e, _)| s < e && e <= t.chars.len())
            .collect();
        mentions.sort_unstable();
        let longest_mention = mentions.iter().map(|&(s, e, _)| e - s).max().unwrap_or(0);
        let lower_case_words = (0..t.toks.len())
            .filter(|&i| t.is_word(i) && !t.is_capitalized(i))
            .map(|i| t.lower(i).to_string())
            .collect();
        let pronoun_of = pronouns_of_entities(&t, &in_quote, &sentence, entities, &mentions);
        let roles = (!roles.is_empty()).then(|| {
            let mut valid: Vec<RoleSpan> = roles
                .iter()
                .filter(|r| r.span.start < r.span.end && r.span.end <= t.chars.len())
                .cloned()
                .collect();
            valid.sort_by_key(|r| (r.span.start, r.span.end));
            valid
        });
        Context {
            text,
            index: CharIndex::new(text),
            t,
            entities,
            mentions,
            longest_mention,
            marked,
            in_quote,
            sentence,
            lower_case_words,
            pronoun_of,
            roles,
        }
    }

    /// The characters of token `i`, lower case.
    pub(crate) fn lower(&self, i: usize) -> &str {
        self.t.lower(i)
    }

    /// The text between two character offsets.
    pub(crate) fn slice(&self, start: usize, end: usize) -> String {
        self.index.slice(self.text, start, end).to_string()
    }

    /// The characters of a run of tokens.
    pub(crate) fn char_span(&self, run: TokenSpan) -> Span {
        Span::new(self.t.toks[run.first].start, self.t.toks[run.last()].end)
    }

    /// A [`TextSpan`] for a run of tokens.
    pub(crate) fn text_span(&self, run: TokenSpan) -> TextSpan {
        let span = self.char_span(run);
        TextSpan {
            text: self.slice(span.start, span.end),
            span,
        }
    }

    /// True when token `i` is a word outside every quotation.
    pub(crate) fn free_word(&self, i: usize) -> bool {
        self.t.is_word(i) && self.in_quote.get(i).is_some_and(Option::is_none)
    }

    /// True when token `i` is a cue verb of the speech class outside quotations, names and
    /// headings in capitals.
    pub(crate) fn is_speech_cue(&self, i: usize) -> bool {
        self.may_be_cue(i) && cues::is_speech(self.lower(i))
    }

    /// True when token `i` is a cue verb of either class outside quotations, names and
    /// headings in capitals.
    pub(crate) fn is_any_cue(&self, i: usize) -> bool {
        self.may_be_cue(i) && cues::is_cue(self.lower(i))
    }

    /// True when token `i` is a free word that may be a verb: outside names and not in
    /// capitals.
    fn may_be_cue(&self, i: usize) -> bool {
        self.free_word(i) && !self.in_name(i) && !self.t.is_all_capitals(i)
    }

    /// True when token `i` lies inside a tagged name: the "States" of "United States" or the
    /// "State" of "Islamic State" is no verb.
    pub(crate) fn in_name(&self, i: usize) -> bool {
        let tok = self.t.toks[i];
        self.mentions_near(tok.start, tok.end)
            .iter()
            .any(|&(s, e, _)| s <= tok.start && tok.end <= e)
    }

    /// True when tokens `i`, `i + 1` are `according to`.
    pub(crate) fn is_according_to(&self, i: usize) -> bool {
        self.free_word(i) && self.lower(i) == "according" && self.lower(i + 1) == "to"
    }

    /// True when token `i` is a word that ends a backward scan for a speaker phrase.
    pub(crate) fn is_stop(&self, i: usize) -> bool {
        STOPS.contains(self.lower(i))
    }

    /// True when token `i` is a pronoun that can be a speaker.
    pub(crate) fn is_pronoun(&self, i: usize) -> bool {
        self.t.is_word(i) && PRONOUNS.contains(self.lower(i))
    }

    /// The mentions that may overlap characters `start..end`, in text order: those starting
    /// before `end` and at most the longest mention's length before `start`. Quote rules ask
    /// for mentions near each quotation; a scan of all of them made long documents quadratic.
    pub(crate) fn mentions_near(&self, start: usize, end: usize) -> &[(usize, usize, usize)] {
        let lo = start.saturating_sub(self.longest_mention);
        let first = self.mentions.partition_point(|m| m.0 < lo);
        let last = self.mentions.partition_point(|m| m.0 < end).max(first);
        &self.mentions[first..last]
    }

    /// Sentence number of token `tok` (0 past the end).
    pub(crate) fn sentence_of(&self, tok: usize) -> usize {
        self.sentence.get(tok).copied().unwrap_or(0)
    }

    /// True when token `i`'s capital letter marks a name: it is capitalized, and either not
    /// the first word of its sentence, or inside a tagged mention, or a word the document
    /// never writes in lower case (`Rather than debate …`: `rather` is written elsewhere, so
    /// the capital is the sentence's; `Bornsten said` keeps its name). This is truecasing's
    /// usual evidence.
    pub(crate) fn names_by_case(&self, i: usize) -> bool {
        if i >= self.t.toks.len() || !self.t.is_capitalized(i) {
            return false;
        }
        let starts_sentence = i == 0 || self.sentence.get(i - 1) != self.sentence.get(i);
        !starts_sentence || !self.lower_case_words.contains(self.lower(i)) || self.in_name(i)
    }

    /// First token of the sentence holding token `tok`.
    pub(crate) fn sentence_start(&self, tok: usize) -> usize {
        let Some(&s) = self.sentence.get(tok) else {
            return tok;
        };
        let mut i = tok;
        while i > 0 && self.sentence[i - 1] == s {
            i -= 1;
        }
        i
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

/// True when the mention at characters `[start, end)`, first token `tok`, is a possessive
/// ("To Petrov's surprise") or the listener of a telling verb ("told Reuters"): neither is
/// who a later `he` / `she` speaks for.
pub(crate) fn is_possessive_or_listener(t: &Tokens, start: usize, end: usize, tok: usize) -> bool {
    let chars = &t.chars;
    let apostrophe = |i: usize| chars.get(i).is_some_and(|&c| c == '\'' || c == '’');
    let s_at = |i: usize| chars.get(i).is_some_and(|&c| c == 's' || c == 'S');
    let possessive =
        (apostrophe(end) && s_at(end + 1)) || (end >= 2 && apostrophe(end - 2) && s_at(end - 1));
    let listener = tok > 0 && start == t.toks[tok].start && cues::takes_listener(t.lower(tok - 1));
    possessive || listener
}

/// The pronoun each entity's mentions and their surroundings give it, so that `she` never
/// resolves to a man the document calls `he`: `he` after `Mr.`, `she` after `Mrs.`, `Ms.` or
/// `Miss` (honorifics), and the gender of a possessive or reflexive pronoun outside quotations
/// bound to the nearest person named before it in its sentence who is no possessive and no
/// listener (`congratulated Sofia Lund on her record`: `she`). Conflicting evidence gives
/// `None`.
fn pronouns_of_entities(
    t: &Tokens,
    in_quote: &[Option<usize>],
    sentence: &[usize],
    entities: &[Entity],
    mentions: &[(usize, usize, usize)],
) -> Vec<Option<&'static str>> {
    let mut evidence: Vec<Option<Option<&'static str>>> = vec![None; entities.len()];
    let mut record = |entity: usize, pronoun: &'static str| {
        let slot = &mut evidence[entity];
        *slot = match *slot {
            None => Some(Some(pronoun)),
            Some(Some(said)) if said == pronoun => Some(Some(said)),
            Some(_) => Some(None),
        };
    };
    for &(start, _, e) in mentions {
        let tok = t.first_at_or_after(start);
        let first_word = t.lower(tok).trim_end_matches('.');
        let before = tok
            .checked_sub(1)
            .map_or("", |b| t.lower(b).trim_end_matches('.'));
        for word in [first_word, before] {
            if let Some(pronoun) = HONORIFIC_PRONOUNS.get(word) {
                record(e, pronoun);
            }
        }
    }
    let person = |e: usize| entities[e].label == crate::doc::Label::Person;
    for i in 0..t.toks.len() {
        let Some(pronoun) = BOUND_PRONOUNS.get(t.lower(i)) else {
            continue;
        };
        // `her` before a noun is a possessive; before a stop word or punctuation (`praised
        // her on Monday`) an object, which never refers to its clause's subject.
        let object = t.lower(i) == "her" && (!t.is_word(i + 1) || STOPS.contains(t.lower(i + 1)));
        if in_quote[i].is_some() || object {
            continue;
        }
        let at = t.toks[i].start;
        let before = mentions.partition_point(|m| m.1 <= at);
        // The nearest person of the pronoun's sentence, outside quotations, who is neither a
        // possessive nor a listener (`Sofia Lund told Rolf Decker about her plans`: Sofia).
        let bound = mentions[..before]
            .iter()
            .rev()
            .take_while(|m| sentence.get(t.first_at_or_after(m.0)) == sentence.get(i))
            .find(|m| {
                let first = t.first_at_or_after(m.0);
                person(m.2)
                    && in_quote.get(first).is_some_and(Option::is_none)
                    && !is_possessive_or_listener(t, m.0, m.1, first)
            });
        if let Some(&(_, _, e)) = bound {
            record(e, pronoun);
        }
    }
    evidence.into_iter().map(Option::flatten).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_outside_quotes_only() {
        let ctx = Context::new("“One. Two,” he said. Then more.", &[], &[]);
        let s = &ctx.sentence;
        assert_eq!(s.first(), Some(&0));
        assert_eq!(s[ctx.t.toks.len() - 2], 1);
        let said = (0..ctx.t.toks.len()).find(|&i| ctx.lower(i) == "said");
        assert_eq!(said.map(|i| s[i]), Some(0));
    }

    #[test]
    fn marks_are_paired_once_and_cover_their_tokens() {
        let ctx = Context::new("He said “yes, fine” and left.", &[], &[]);
        assert_eq!(ctx.marked.len(), 1);
        let quoted: Vec<&str> = (0..ctx.t.toks.len())
            .filter(|&i| ctx.in_quote[i].is_some())
            .map(|i| ctx.lower(i))
            .collect();
        assert_eq!(quoted, ["yes", ",", "fine"]);
    }

    #[test]
    fn roles_outside_the_text_are_dropped_and_the_rest_sorted() {
        use crate::doc::Role;
        let span = |start, end| RoleSpan {
            role: Role::Content,
            span: Span::new(start, end),
            score: 1.0,
        };
        let ctx = Context::new("Short text.", &[], &[span(6, 10), span(0, 5), span(8, 99)]);
        let starts: Vec<usize> = ctx.roles.iter().flatten().map(|r| r.span.start).collect();
        assert_eq!(starts, [0, 6]);
        assert!(Context::new("Short text.", &[], &[]).roles.is_none());
    }
}
