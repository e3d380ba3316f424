//! Speakers: the noun phrase next to a cue verb, and what it refers to.
//!
//! - A speaker is found syntactically, from the cue: the phrase before it (`Pompeo said`,
//!   `South Korean officials said`, `Hugh Hill, a doctor at the clinic, said`) or after it
//!   (`said Secretary of State Mike Pompeo`), so group and nominal speakers are kept even when
//!   no entity matches.
//! - A phrase that ends with a tagged name becomes that name's mention (`Secretary of State Mike
//!   Pompeo` → the mention `Mike Pompeo`, entity and canonical name from linking).
//! - `he` / `she` (and a relative `who`) stay as written and resolve to the subject-most person
//!   of the nearest earlier sentence that names one, never reaching past a few sentences, never
//!   to a possessive or a listener; a nearer unnamed speaker (`a spokesman for the employers
//!   said`) takes the pronoun instead.

use super::cues;
use super::lexicon::{
    is_time_word, AUXILIARIES, BETWEEN, COMMON_VERBS, NOMINAL_HEADS, PRONOUNS, STOPS,
};
use super::tokens::{TokKind, Tokens};
use crate::doc::{Entity, Label, Speaker, TextSpan};
use crate::offsets::CharIndex;

/// Everything the rules need about one document.
pub(crate) struct Ctx<'a> {
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
    /// For each token, the quotation (index into the marked quotes) whose content holds it.
    pub in_quote: Vec<Option<usize>>,
    /// For each token, its sentence number.
    pub sentence: Vec<usize>,
    /// The words the document writes in lower case somewhere (lower-cased): a capital at a
    /// sentence start on one of them marks the place, not a name.
    pub lower_case_words: std::collections::HashSet<String>,
}

/// What a `he` / `she` refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Antecedent {
    /// A person entity (index into the document's entities).
    Person(usize),
    /// An unnamed nominal speaker phrase (`a spokesman for the employers`).
    Nominal(Phrase),
}

/// A candidate speaker phrase, in tokens `[first, last]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub first: usize,
    pub last: usize,
}

impl<'a> Ctx<'a> {
    /// The characters of token `i`, lower case.
    pub fn lower(&self, i: usize) -> String {
        self.t.lower(i)
    }

    /// Character span of tokens `[first, last]`.
    pub fn span(&self, p: Phrase) -> (usize, usize) {
        (self.t.toks[p.first].start, self.t.toks[p.last].end)
    }

    /// The text between two character offsets.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.index.slice(self.text, start, end).to_string()
    }

    /// A [`TextSpan`] for tokens `[first, last]`.
    pub fn text_span(&self, first: usize, last: usize) -> TextSpan {
        let (start, end) = self.span(Phrase { first, last });
        TextSpan {
            text: self.slice(start, end),
            start,
            end,
        }
    }

    /// True when token `i` is a word outside every quotation.
    pub fn free_word(&self, i: usize) -> bool {
        self.t.is_word(i) && self.in_quote.get(i).is_some_and(Option::is_none)
    }

    /// True when token `i` is a cue verb of the speech class outside quotations and names.
    pub fn is_speech_cue(&self, i: usize) -> bool {
        self.free_word(i) && !self.in_name(i) && cues::is_speech(&self.lower(i))
    }

    /// True when token `i` is a cue verb of either class outside quotations and names.
    pub fn is_any_cue(&self, i: usize) -> bool {
        self.free_word(i) && !self.in_name(i) && cues::is_cue(&self.lower(i))
    }

    /// True when token `i` lies inside a tagged name: the "States" of "United States" or the
    /// "State" of "Islamic State" is no verb.
    fn in_name(&self, i: usize) -> bool {
        let tok = self.t.toks[i];
        self.mentions_near(tok.start, tok.end)
            .iter()
            .any(|&(s, e, _)| s <= tok.start && tok.end <= e)
    }

    /// True when tokens `i`, `i + 1` are `according to`.
    pub fn is_according_to(&self, i: usize) -> bool {
        self.free_word(i) && self.lower(i) == "according" && self.lower(i + 1) == "to"
    }

    fn is_stop(&self, i: usize) -> bool {
        STOPS.contains(&self.lower(i).as_str())
    }

    /// True when token `i` is a pronoun that can be a speaker.
    pub fn is_pronoun(&self, i: usize) -> bool {
        self.t.is_word(i) && PRONOUNS.contains(&self.lower(i).as_str())
    }

    /// The speaker phrase ending just before cue token `cue` (`X said`), if the words before
    /// the cue form one. Handles auxiliaries (`X has said`) and appositives
    /// (`X, a doctor at the clinic, said`).
    pub fn speaker_before(&self, cue: usize) -> Option<Phrase> {
        let para = self.t.toks.get(cue)?.para;
        let mut i = cue.checked_sub(1)?;
        // `The ministry on Monday said`, `Officials last week said`: a time between the
        // speaker and the cue is skipped, never taken for the speaker.
        let mut time_skipped = 0;
        while time_skipped < 3 && self.free_word(i) && self.t.toks[i].para == para {
            let word = self.lower(i);
            let is_time = is_time_word(&word)
                || (word.chars().all(|c| c.is_ascii_digit()) && word.len() == 4)
                || (time_skipped > 0
                    && matches!(
                        word.as_str(),
                        "on" | "in" | "last" | "this" | "early" | "late" | "earlier"
                    ));
            if !is_time {
                break;
            }
            i = i.checked_sub(1)?;
            time_skipped += 1;
        }
        let mut skipped = 0;
        // `Roe is telling`: the progressive's `be` sits between speaker and cue.
        let progressive = self.lower(cue).ends_with("ing");
        while self.free_word(i)
            && self.t.toks[i].para == para
            && (BETWEEN.contains(&self.lower(i).as_str())
                || self.lower(i).ends_with("ly")
                || progressive && matches!(self.lower(i).as_str(), "is" | "are" | "was" | "were"))
            && !self.is_pronoun(i)
            && skipped < 3
        {
            // `and` only between two cues (`he paused and added`) is not a speaker boundary.
            if self.lower(i) == "and" {
                return None;
            }
            i = i.checked_sub(1)?;
            skipped += 1;
        }
        if self.t.toks[i].para != para {
            return None;
        }
        if self.t.is_punct(i, ',') {
            return self.appositive_before(i);
        }
        self.phrase_ending_at(i)
    }

    /// `Name, appositive,` before a cue: the name is the speaker.
    fn appositive_before(&self, comma: usize) -> Option<Phrase> {
        let para = self.t.toks[comma].para;
        let mut j = comma.checked_sub(1)?;
        let mut steps = 0;
        while steps < 14 {
            if self.t.toks[j].para != para || self.in_quote[j].is_some() {
                return None;
            }
            if self.t.is_punct(j, ',') {
                // `Hugh Hill, a doctor at the clinic, said`: the name before the appositive.
                let before = self.phrase_ending_at(j.checked_sub(1)?);
                if let Some(name) = before.filter(|p| self.t.is_capitalized(p.last)) {
                    return Some(name);
                }
                // `Its chief executive, Eva Lind, said`: the name is the appositive.
                let inside = self.phrase_ending_at(comma.checked_sub(1)?)?;
                return (inside.first == j + 1 && self.t.is_capitalized(inside.last))
                    .then_some(inside);
            }
            if self.t.toks[j].kind == TokKind::Punct
                && !matches!(
                    self.t.chars[self.t.toks[j].start],
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
    pub fn participle_subject(&self, start: usize, cue: usize) -> Option<Phrase> {
        let participle =
            cue > start && self.t.is_punct(cue - 1, ',') && self.lower(cue).ends_with("ing");
        if !participle {
            return None;
        }
        self.sentence_subject(start, cue)
    }

    /// The subject of a cue coordinated with an earlier verb (`The minister condemned the
    /// attack and said …`): the subject of the sentence that starts at `start`.
    pub fn coordinated_subject(&self, start: usize, cue: usize) -> Option<Phrase> {
        let conjunction = cue.checked_sub(1)?;
        if conjunction <= start || !matches!(self.lower(conjunction).as_str(), "and" | "but") {
            return None;
        }
        self.sentence_subject(start, cue)
    }

    /// The speaker phrase whose last token is `last`, scanning back to a boundary.
    pub fn phrase_ending_at(&self, last: usize) -> Option<Phrase> {
        let mut last = last;
        // `Gov. Jane Roe (R-Ohio)`: the name before the bracket.
        if self.t.is_punct(last, ')') {
            let open = (last.saturating_sub(6)..last)
                .rev()
                .find(|&i| self.t.is_punct(i, '('))?;
            last = open.checked_sub(1)?;
        }
        if !self.free_word(last) {
            return None;
        }
        let lower = self.lower(last);
        if self.is_pronoun(last) {
            return Some(Phrase { first: last, last });
        }
        let determiner = matches!(
            lower.as_str(),
            "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your" | "this"
        );
        if determiner
            || self.is_stop(last)
            || cues::is_cue(&lower) && !self.t.is_capitalized(last)
            || lower.ends_with("'s")
            || lower.ends_with("’s")
        {
            return None;
        }
        let para = self.t.toks[last].para;
        let mut first = last;
        // Whether the phrase holds a person noun linked by a preposition (`the mother of
        // three`): that noun is its head, whatever the last word.
        let mut linked_head = false;
        while first > 0 {
            let j = first - 1;
            // `a spokesman for the employers`, `an official at the ministry`: a preposition
            // after a noun for a person keeps the phrase going.
            let linked = j > 0
                && matches!(
                    self.lower(j).as_str(),
                    "for" | "of" | "at" | "with" | "from"
                )
                && self.free_word(j - 1)
                && !self.t.is_capitalized(j - 1)
                && (is_agent_noun(&self.lower(j - 1), true)
                    || NOMINAL_HEADS.contains(&self.lower(j - 1).as_str()));
            if !linked && (!self.free_word(j) || self.t.toks[j].para != para || self.is_stop(j)) {
                break;
            }
            // `of` only inside a title or name (`Secretary of State`) or after a person noun
            // (`the mother of three`).
            if self.lower(j) == "of" && !self.t.is_capitalized(first) && !linked {
                break;
            }
            linked_head |= linked;
            if self.is_pronoun(j) && self.lower(j) != "i" {
                break;
            }
            if cues::is_cue(&self.lower(j)) && !self.t.is_capitalized(j) {
                break;
            }
            if last - j >= 8 {
                return None;
            }
            first = j;
        }
        // Drop leading time words (`Sunday Trump said`) and a leading lower-case word that is
        // not a determiner or adjective-like modifier.
        while first < last && is_time_word(&self.lower(first)) {
            first += 1;
        }
        let head_ok = self.names_by_case(last)
            || linked_head
            || NOMINAL_HEADS.contains(&lower.as_str())
            || is_agent_noun(&lower, first < last);
        if !head_ok {
            return None;
        }
        Some(Phrase { first, last })
    }

    /// True when token `i`'s capital letter marks a name: it is capitalized, and either not
    /// the first word of its sentence, or inside a tagged mention, or a word the document
    /// never writes in lower case (`Rather than debate …`: `rather` is written elsewhere, so
    /// the capital is the sentence's; `Bornsten said` keeps its name). This is truecasing's
    /// usual evidence.
    fn names_by_case(&self, i: usize) -> bool {
        if i >= self.t.toks.len() || !self.t.is_capitalized(i) {
            return false;
        }
        let starts_sentence = i == 0 || self.sentence.get(i - 1) != self.sentence.get(i);
        !starts_sentence || !self.lower_case_words.contains(&self.lower(i)) || self.in_name(i)
    }

    /// The speaker phrase right after cue token `cue` (`said X`), up to punctuation.
    pub fn speaker_after(&self, cue: usize) -> Option<Phrase> {
        let para = self.t.toks.get(cue)?.para;
        let first = cue + 1;
        if !self.free_word(first) || self.t.toks[first].para != para {
            return None;
        }
        if self.is_pronoun(first) {
            return Some(Phrase { first, last: first });
        }
        let lower = self.lower(first);
        let starts_ok = self.t.is_capitalized(first)
            || matches!(
                lower.as_str(),
                "the" | "a" | "an" | "one" | "two" | "several" | "some" | "his" | "her" | "their"
            )
            || NOMINAL_HEADS.contains(&lower.as_str());
        if !starts_ok || is_time_word(&lower) {
            return None;
        }
        let mut last = first;
        loop {
            // `the farmers’ union`: a plural possessive mark inside the phrase.
            if self.is_plural_possessive(last + 1) && last + 2 - first < 10 {
                last += 2;
                continue;
            }
            let goes_on = last + 1 < self.t.toks.len()
                && self.free_word(last + 1)
                && self.t.toks[last + 1].para == para
                && last + 1 - first < 10;
            if !goes_on {
                break;
            }
            let next = self.lower(last + 1);
            if matches!(
                next.as_str(),
                "that"
                    | "who"
                    | "which"
                    | "in"
                    | "on"
                    | "at"
                    | "to"
                    | "during"
                    | "after"
                    | "before"
                    | "when"
                    | "while"
                    | "and"
                    | "but"
                    | "as"
            ) || is_time_word(&next) && !self.t.is_capitalized(last)
            {
                break;
            }
            last += 1;
        }
        Some(Phrase { first, last })
    }

    /// The words from `first` up to cue token `cue`, as a speaker phrase: everything before an
    /// appositive comma, less trailing auxiliaries (`"…," a voice-over in the ad states`); at
    /// most eight tokens.
    pub fn loose_phrase(&self, first: usize, cue: usize) -> Option<Phrase> {
        if matches!(
            self.lower(first).as_str(),
            "that" | "which" | "but" | "and" | "as" | "when" | "if" | "while" | "because" | "so"
        ) {
            return None;
        }
        let mut last = (first..cue)
            .find(|&i| self.t.is_punct(i, ','))
            .unwrap_or(cue);
        // A speaker is a name or a short noun phrase, never a clause.
        if last - first > 8 {
            return None;
        }
        while last > first && {
            let w = self.lower(last - 1);
            BETWEEN.contains(&w.as_str()) || w.ends_with("ly")
        } {
            last -= 1;
        }
        (last > first && self.t.is_word(last - 1)).then_some(Phrase {
            first,
            last: last - 1,
        })
    }

    /// Words from `first` up to punctuation (at most ten), when one is capitalized:
    /// `"…," said retired surgeon Ana Diaz.`
    pub fn trailing_phrase(&self, first: usize) -> Option<Phrase> {
        let para = self.t.toks.get(first)?.para;
        let mut last = first;
        if !self.free_word(first) {
            return None;
        }
        while self.free_word(last + 1) && self.t.toks[last + 1].para == para && last - first < 10 {
            last += 1;
        }
        let ends = self.t.toks.get(last + 1).is_none_or(|t| t.para != para)
            || self.t.is_punct(last + 1, ',')
            || self.t.is_punct(last + 1, '.');
        (ends && (first..=last).any(|i| self.t.is_capitalized(i))).then_some(Phrase { first, last })
    }

    /// The first token of the main clause of the sentence whose tokens start at `start`:
    /// after leading conjunctions (`But`, `And`) and an introductory phrase closed by a comma
    /// within 14 tokens (`In a Facebook message posted Friday,`, `On Monday,`, `According to
    /// the Post,`); `None` when an introductory phrase has no comma before `before` within
    /// those 14 tokens.
    pub fn main_clause_start(&self, start: usize, before: usize) -> Option<usize> {
        let mut s = start;
        while s < before
            && matches!(
                self.lower(s).as_str(),
                "but" | "and" | "so" | "yet" | "still" | "now" | "then"
            )
        {
            s += 1;
        }
        let intro =
            self.is_stop(s) || self.lower(s).ends_with("ing") || is_time_word(&self.lower(s));
        if intro {
            let comma = (s..before.min(s + 14)).find(|&i| self.t.is_punct(i, ','))?;
            s = comma + 1;
        }
        Some(s)
    }

    /// The subject of the sentence whose tokens start at `start`, looked for before `before`:
    /// after an introductory phrase closed by a comma, the words up to the first verb-like
    /// word (`The Florida senator likes "…"` → `The Florida senator`).
    pub fn sentence_subject(&self, start: usize, before: usize) -> Option<Phrase> {
        let s = self.main_clause_start(start, before)?;
        if s >= before || !self.free_word(s) {
            return None;
        }
        if self.is_pronoun(s) {
            return Some(Phrase { first: s, last: s });
        }
        let mut last = s;
        while last + 1 < before && last - s < 7 {
            let n = last + 1;
            let w = self.lower(n);
            let verb_like = !self.t.is_capitalized(n)
                && (cues::is_cue(&w)
                    || BETWEEN.contains(&w.as_str())
                    || STOPS.contains(&w.as_str())
                    || w.ends_with("ed")
                    || COMMON_VERBS.contains(&w.as_str())
                    // `Tom Reyes spoke`: a lower-case word after a name that cannot head a
                    // noun phrase is its verb.
                    || self.t.is_capitalized(last)
                        && !NOMINAL_HEADS.contains(&w.as_str())
                        && !is_agent_noun(&w, true));
            if verb_like || !(self.free_word(n) || self.t.is_punct(n, '.')) {
                break;
            }
            last = n;
        }
        let lower = self.lower(last);
        let head_ok = self.names_by_case(last)
            || NOMINAL_HEADS.contains(&lower.as_str())
            || lower.ends_with("man")
            || lower.ends_with("woman")
            || lower.ends_with("ers")
            || lower.ends_with("ists");
        head_ok.then_some(Phrase { first: s, last })
    }

    /// Turns a speaker phrase into a [`Speaker`]: the tagged name that ends it, a resolved
    /// pronoun, or the phrase itself as a group speaker.
    pub fn speaker(&self, p: Phrase) -> Speaker {
        let (start, end) = self.span(p);
        if p.first == p.last && self.is_pronoun(p.first) {
            let text = self.slice(start, end);
            let antecedent = match self.lower(p.first).as_str() {
                "he" | "she" => self.resolve_person(p.first),
                "who" => self.relative_antecedent(p.first).map(Antecedent::Person),
                _ => None,
            };
            return match antecedent {
                Some(Antecedent::Nominal(phrase)) => {
                    let (s, e) = self.span(phrase);
                    Speaker {
                        name: self.slice(s, e),
                        text,
                        start,
                        end,
                        entity: None,
                    }
                }
                Some(Antecedent::Person(e)) => Speaker {
                    text,
                    start,
                    end,
                    entity: Some(self.entities[e].id.clone()),
                    name: self.entities[e].name.clone(),
                },
                None => Speaker {
                    name: text.clone(),
                    text,
                    start,
                    end,
                    entity: None,
                },
            };
        }
        // The mention that ends the phrase (a possessive or trailing dot allowed).
        let ending = self
            .mentions_near(start, end)
            .iter()
            .filter(|&&(s, e, _)| s < end && e > start && e + 2 >= end)
            .max_by_key(|&&(s, e, _)| (e, std::cmp::Reverse(s)));
        if let Some(&(s, e, ent)) = ending {
            let label = &self.entities[ent].label;
            if matches!(label, Label::Person | Label::Organization) || p.first == p.last {
                let (s, e) = (s.max(start), e.min(end));
                return Speaker {
                    text: self.slice(s, e),
                    start: s,
                    end: e,
                    entity: Some(self.entities[ent].id.clone()),
                    name: self.entities[ent].name.clone(),
                };
            }
        }
        let text = self.slice(start, end);
        Speaker {
            name: text.clone(),
            text,
            start,
            end,
            entity: None,
        }
    }

    /// The mentions that may overlap characters `start..end`, in text order: those starting
    /// before `end` and at most the longest mention's length before `start`. Quote rules ask
    /// for mentions near each quotation; a scan of all of them made long documents quadratic.
    pub fn mentions_near(&self, start: usize, end: usize) -> &[(usize, usize, usize)] {
        let lo = start.saturating_sub(self.longest_mention);
        let first = self.mentions.partition_point(|m| m.0 < lo);
        let last = self.mentions.partition_point(|m| m.0 < end).max(first);
        &self.mentions[first..last]
    }

    fn sentence_of(&self, tok: usize) -> usize {
        self.sentence.get(tok).copied().unwrap_or(0)
    }

    /// What a `he` / `she` at token `tok` most likely refers to: the first person named outside
    /// quotations in the nearest earlier sentence (the current one first), looking back at most
    /// four sentences — never a possessive ("To Petrov's surprise"), the listener of a telling
    /// verb ("told Reuters") or a person whose honorific says otherwise ("Mr. Reyes" for
    /// "she") — unless an earlier sentence nearer than that person reports an
    /// unnamed person's speech (`a spokesman for the employers said`): then that phrase.
    pub fn resolve_person(&self, tok: usize) -> Option<Antecedent> {
        let here = self.sentence_of(tok);
        let pos = self.t.toks[tok].start;
        // Person mentions outside quotations, back to the oldest sentence looked at.
        let oldest = here.saturating_sub(4);
        let before = self.mentions.partition_point(|m| m.0 < pos);
        let pronoun = self.lower(tok);
        let mut persons: Vec<(usize, usize)> = Vec::new();
        for &(s, end, e) in self.mentions[..before].iter().rev() {
            let ti = self.t.first_at_or_after(s);
            if self.sentence_of(ti) < oldest {
                break;
            }
            let disagrees = self
                .honorific_pronoun(e)
                .is_some_and(|said| said != pronoun);
            if self.entities[e].label == Label::Person
                && self.in_quote.get(ti).is_some_and(Option::is_none)
                && !self.is_possessive_or_listener(s, end, ti)
                && !disagrees
            {
                persons.push((ti, e));
            }
        }
        persons.reverse();
        for back in 0..5 {
            let Some(target) = here.checked_sub(back) else {
                break;
            };
            // A nominal speaker in a nearer sentence than any named person (`But a spokesman
            // for the employers said …` ¶ `"…," he said.`) is who "he" is.
            if back > 0 {
                if let Some(p) = self.nominal_speaker_in(target, pos) {
                    return Some(Antecedent::Nominal(p));
                }
            }
            if let Some(&(_, e)) = persons
                .iter()
                .find(|(ti, _)| self.sentence_of(*ti) == target)
            {
                return Some(Antecedent::Person(e));
            }
        }
        None
    }

    /// The speaker phrase of sentence `sentence` (up to character `before`) when it reports
    /// the speech of one unnamed person (`a spokesman for the employers said`, `an official
    /// said`): a singular nominal speaker with no name in it.
    fn nominal_speaker_in(&self, sentence: usize, before: usize) -> Option<Phrase> {
        let first = self.sentence.partition_point(|&s| s < sentence);
        let end = self.sentence.partition_point(|&s| s <= sentence);
        (first..end)
            .filter(|&k| self.t.toks[k].end <= before && self.is_speech_cue(k))
            .filter_map(|k| self.speaker_before(k))
            .find(|&p| {
                // The head noun: before the first preposition (`a spokesman for the employers`).
                let head_tok = (p.first + 1..=p.last)
                    .find(|&i| {
                        matches!(
                            self.lower(i).as_str(),
                            "for" | "of" | "at" | "with" | "from"
                        )
                    })
                    .map_or(p.last, |i| i - 1);
                let head = self.lower(head_tok);
                let singular_person = (is_agent_noun(&head, true) && !head.ends_with('s'))
                    || matches!(
                        head.as_str(),
                        "official" | "source" | "person" | "aide" | "spokesperson"
                    );
                let (start, end) = self.span(p);
                let named = self
                    .mentions_near(start, end)
                    .iter()
                    .any(|&(s, e, _)| s >= start && e <= end);
                singular_person && !named && p.first < p.last
            })
    }

    /// True when token `i` is the apostrophe of a plural possessive inside a phrase: glued to a
    /// word ending in `s` and followed by another word (`the farmers’ union`).
    fn is_plural_possessive(&self, i: usize) -> bool {
        let (Some(mark), Some(next)) = (self.t.toks.get(i), self.t.toks.get(i + 1)) else {
            return false;
        };
        let glued = i > 0 && self.t.toks[i - 1].end == mark.start;
        matches!(self.t.chars[mark.start], '\'' | '’')
            && glued
            && self.lower(i - 1).ends_with('s')
            && self.free_word(i + 1)
            && next.para == mark.para
            && next.start > mark.end
    }

    /// True when a whole sentence between characters `after` (the end of one quotation) and
    /// `before` (the start of the next) names a person other than entity `speaker` (an id,
    /// `None` for a group speaker) outside quotations: someone else took the floor. Names in
    /// the sentences of the two quotations themselves ("…," said Roe, who met Kim. "…") do not
    /// count.
    pub fn other_person_between(&self, after: usize, before: usize, speaker: Option<&str>) -> bool {
        let first_sentence = self.sentence_of(self.t.first_at_or_after(after)) + 1;
        let this_sentence = self.sentence_of(self.t.first_at_or_after(before));
        // Sentence numbers rise with the tokens: the sentences between are one token range.
        let first_tok = self.sentence.partition_point(|&s| s < first_sentence);
        let end_tok = self.sentence.partition_point(|&s| s < this_sentence);
        if first_tok >= end_tok {
            return false;
        }
        let (start, end) = (self.t.toks[first_tok].start, self.t.toks[end_tok - 1].end);
        self.names_other_person(start, end, speaker)
    }

    /// True when a person other than entity `speaker` is named outside quotations in
    /// characters `[start, end)`.
    fn names_other_person(&self, start: usize, end: usize, speaker: Option<&str>) -> bool {
        self.mentions_near(start, end).iter().any(|&(s, e, ent)| {
            let entity = &self.entities[ent];
            let tok = self.t.first_at_or_after(s);
            start <= s
                && e <= end
                && entity.label == Label::Person
                && speaker != Some(entity.id.as_str())
                && self.in_quote.get(tok).is_some_and(Option::is_none)
        })
    }

    /// The pronoun the document's honorifics give person entity `entity`: `he` after `Mr.`,
    /// `she` after `Mrs.`, `Ms.` or `Miss`, `None` without such evidence (or with both).
    fn honorific_pronoun(&self, entity: usize) -> Option<&'static str> {
        let mut said = None;
        for m in &self.entities[entity].mentions {
            let tok = self.t.first_at_or_after(m.start);
            let first_word = m.text.split_whitespace().next().unwrap_or_default();
            let before = tok
                .checked_sub(1)
                .map(|t| self.lower(t))
                .unwrap_or_default();
            for word in [first_word.to_lowercase(), before] {
                let pronoun = match word.trim_end_matches('.') {
                    "mr" => "he",
                    "mrs" | "ms" | "miss" => "she",
                    _ => continue,
                };
                if said.is_some_and(|s| s != pronoun) {
                    return None;
                }
                said = Some(pronoun);
            }
        }
        said
    }

    /// True when the mention at characters `[start, end)`, first token `tok`, is a possessive
    /// ("To Petrov's surprise") or the listener of a telling verb ("told Reuters"): neither is
    /// who a later `he` / `she` speaks for.
    fn is_possessive_or_listener(&self, start: usize, end: usize, tok: usize) -> bool {
        let chars = &self.t.chars;
        let apostrophe = |i: usize| chars.get(i).is_some_and(|&c| c == '\'' || c == '’');
        let s_at = |i: usize| chars.get(i).is_some_and(|&c| c == 's' || c == 'S');
        let possessive = (apostrophe(end) && s_at(end + 1))
            || (end >= 2 && apostrophe(end - 2) && s_at(end - 1));
        let listener = tok > 0
            && start == self.t.toks[tok].start
            && cues::takes_listener(&self.lower(tok - 1));
        possessive || listener
    }

    /// True when tokens `[first, end)` read as a clause rather than a bare object: they hold an
    /// auxiliary or modal, a common finite verb, a negation or a past form in `-ed`
    /// (`the government would support …`, `the plan failed`), not just a noun phrase (`Dana
    /// Whitfield as its new counsel`, `the Red Cross`, `a third goal`).
    pub fn looks_like_clause(&self, first: usize, end: usize) -> bool {
        (first..end).any(|i| {
            let w = self.lower(i);
            self.t.is_word(i)
                && !self.t.is_capitalized(i)
                && (AUXILIARIES.contains(&w.as_str())
                    || COMMON_VERBS.contains(&w.as_str())
                    || w.ends_with("n't")
                    || w.ends_with("ed") && w.len() > 3)
        })
    }

    /// True when characters `start..end` hold a word that names who speaks: a pronoun, a
    /// nominal head (`officials`, `the ministry`) or an agent noun (`critics`, `a lawyer`).
    /// A speaker phrase without one (`encourage Americans`, `compared to 11% of claims`) is
    /// a misread subject, not a source.
    pub fn names_a_source(&self, start: usize, end: usize) -> bool {
        let first = self.t.first_at_or_after(start);
        (first..self.t.toks.len())
            .take_while(|&i| self.t.toks[i].end <= end)
            .any(|i| {
                let w = self.lower(i);
                self.is_pronoun(i) || NOMINAL_HEADS.contains(&w.as_str()) || is_agent_noun(&w, true)
            })
    }

    /// The entity named right before `, who`.
    fn relative_antecedent(&self, who: usize) -> Option<usize> {
        let comma = who.checked_sub(1)?;
        if !self.t.is_punct(comma, ',') {
            return None;
        }
        let before = self.t.toks.get(comma.checked_sub(1)?)?.end;
        self.mentions_near(before.saturating_sub(2), before)
            .iter()
            .find(|&&(_, e, _)| e == before || e + 2 == before)
            .map(|&(_, _, ent)| ent)
    }
}

/// A noun for people by what they do: plural `-ers`, `-ists`, `-ians`, `-men`, and, after a
/// determiner or modifier (`several`, `the announcer`, `a local businessman`), singular `-er`,
/// `-or`, `-ist`, `-ian`, `-man`, `-woman`.
fn is_agent_noun(lower: &str, modified: bool) -> bool {
    let plural = ["ers", "ists", "ians", "men"]
        .iter()
        .any(|s| lower.ends_with(s));
    let singular = lower.chars().count() >= 5
        && ["er", "or", "ist", "ian", "man"]
            .iter()
            .any(|s| lower.ends_with(s));
    plural || modified && singular
}
