//! Quotations and their speakers: the rule pass that runs after tagging and linking.
//!
//! [`find_quotes`] takes the text and its entities (from [`crate::linking`]) and returns every
//! quotation in text order. It needs no model, so it can run and be tested with entities given
//! by hand. The stages:
//!
//! 1. `context.rs`: the document context, built once — tokens and their lower-case forms
//!    (`tokens.rs`), sentences, paragraphs, quote marks paired once (`marks.rs`: multi-paragraph
//!    chains, stray marks, apostrophes and nested single quotes), mentions by position, the
//!    attribution head's role spans.
//! 2. `marked.rs`: attributes each marked quotation by an ordered table of rules — the cue and
//!    speaker after it or before it, a colon lead-in, an em-dash byline — then named
//!    post-passes: turns (`turns.rs`) and scare quotes (`scare.rs`); decides its kind (`direct`,
//!    `mixed`, or `scare` for scare quotes, nicknames and titles, never attributed).
//! 3. `layout.rs`: what a line's place attributes — the lines of a list after `X said:`,
//!    interview answers (`Q:` ¶ `A:`), a transcript's labelled turns (`HOST:`).
//! 4. `indirect.rs`: reported speech without marks (`X said (that) …`, `…, X said.`,
//!    `according to X, …`), in sentences that hold no quotation and no line the layout
//!    attributed, by a table of its own.
//! 5. `phrases.rs` finds the speaker phrase beside a cue and `referents.rs` what it refers to
//!    (entity, pronoun, group); `cues.rs` (the cue lexicon) and `lexicon.rs` hold the word
//!    lists.
//! 6. `linker.rs`: when the model has an attribution head, joins its role spans (source, cue,
//!    content) into attributions and merges them with what the rules found.
//!
//! Rule ids (`Quote::rule`) are `rules.rs`; the order they are tried is the tables of
//! `marked.rs`, `layout.rs` and `indirect.rs`, which `Rule::ALL` and `docs/quotes.md` are tested against.

pub(crate) mod context;
pub(crate) mod cues;
pub(crate) mod facts;
pub(crate) mod found;
pub(crate) mod indirect;
pub(crate) mod layout;
pub(crate) mod lexicon;
pub(crate) mod linker;
pub(crate) mod marked;
pub(crate) mod marks;
pub(crate) mod phrases;
pub(crate) mod referents;
pub(crate) mod rules;
pub(crate) mod scare;
pub mod statements;
pub(crate) mod tokens;
pub(crate) mod turns;

use crate::doc::{Entity, Quote, QuoteKind, RoleSpan, Span};
use context::Context;
use found::Found;
pub use layout::MAX_LIST_LINES;
pub use statements::{keep_statements, Attributions};

/// Finds the quotations in `text` and links each to a speaker among `entities`, using the
/// attribution head's `roles` (source, cue and content spans) when given; with none, the
/// rules work alone.
///
/// Quotations come back in text order with ids `q0`, `q1`, …; offsets are character offsets
/// into `text`. This is every attribution found, each with its type and content form
/// ([`Attributions::All`]); [`keep_statements`] keeps the statements. Scare quotes and
/// nicknames are returned with kind [`QuoteKind::Scare`] and no speaker, so callers that want
/// speech only can drop them. Declining to comment is never a quotation.
pub fn find_quotes(text: &str, entities: &[Entity], roles: &[RoleSpan]) -> Vec<Quote> {
    let ctx = Context::new(text, entities, roles);
    let mut found = marked::attribute_marked(&ctx);
    let mut laid_out = layout::find_layout(&ctx);
    laid_out.sort_by_key(|f| (f.start, f.end));
    // A line the layout attributes is not read again as a sentence (layout finds are lines:
    // they never overlap each other, so the one starting last before a find's end decides).
    let outside_layout = |f: &Found| {
        let before_end = laid_out.partition_point(|l| l.start < f.end);
        before_end == 0 || laid_out[before_end - 1].end <= f.start
    };
    found.extend(
        indirect::find_indirect(&ctx)
            .into_iter()
            .filter(outside_layout),
    );
    found.extend(laid_out);
    let mut found = linker::link(&ctx, found);
    found.retain(|f| !statements::is_no_comment(&ctx, f));
    found.sort_by_key(|f| (f.start, f.end));
    found
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let (attribution, form) = statements::classify(&ctx, &f);
            Quote {
                id: format!("q{i}"),
                kind: f.kind,
                attribution,
                form,
                text: ctx.slice(f.start, f.end),
                span: Span::new(f.start, f.end),
                cue: f.cue,
                speaker: f.speaker.map(|s| referents::with_titles(&ctx, s)),
                rule: f.rule.as_str().to_string(),
                score: f.score.or(f.rule.precision()).unwrap_or(0.0),
                about: match f.kind {
                    QuoteKind::Scare => Vec::new(),
                    _ => mentioned_inside(entities, f.start, f.end),
                },
            }
        })
        .collect()
}

/// Ids of the entities with a mention inside `[start, end)` (character offsets), in entity
/// order: whom a quotation is about.
fn mentioned_inside(entities: &[Entity], start: usize, end: usize) -> Vec<String> {
    entities
        .iter()
        .filter(|e| {
            e.mentions
                .iter()
                .any(|m| start <= m.span.start && m.span.end <= end)
        })
        .map(|e| e.id.clone())
        .collect()
}

/// True for the characters quotegraph treats as double quote marks (`"`, `“`, `”`, `„`, `«`,
/// `»`); single marks and apostrophes are never quotation boundaries.
pub fn is_double_quote_mark(c: char) -> bool {
    crate::sentences::is_double_quote_mark(c)
}

/// True when `text` holds a double quote mark: one of the characters of
/// [`is_double_quote_mark`], or two ASCII apostrophes typed for one (`''Yes,'' he said`).
pub fn has_double_quote_mark(text: &str) -> bool {
    let mut chars: Vec<char> = text.chars().collect();
    marks::fold_apostrophe_pairs(&mut chars);
    chars.into_iter().any(is_double_quote_mark)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_markless_texts_have_no_quotes() {
        assert!(find_quotes("", &[], &[]).is_empty());
        assert!(find_quotes("Nothing was said here at all", &[], &[]).is_empty());
    }

    /// The order the passes try the rules: the marked table's rows (each rule at its first
    /// row), its fallback and post-passes, the reported-speech table, the linker.
    fn tried_order() -> Vec<rules::Rule> {
        let mut order = Vec::new();
        for &(rule, _) in marked::RULES {
            if !order.contains(&rule) {
                order.push(rule);
            }
        }
        order.push(marked::FALLBACK);
        order.extend(marked::POST_PASS_RULES);
        order.extend(layout::RULES.iter().map(|&(rule, _)| rule));
        order.extend(indirect::RULES.iter().map(|&(rule, _)| rule));
        order.push(rules::Rule::LearnedAttribution);
        order
    }

    #[test]
    fn rule_list_follows_the_tables() {
        assert_eq!(rules::Rule::ALL.to_vec(), tried_order());
    }

    #[test]
    fn docs_list_every_rule_in_the_order_tried() {
        let docs = include_str!("../../docs/quotes.md");
        let table = docs
            .split("<!-- rule table: generated order, tested -->")
            .nth(1)
            .expect("docs/quotes.md marks its rule table");
        let ids: Vec<&str> = table
            .lines()
            .skip_while(|line| line.trim().is_empty())
            .take_while(|line| line.starts_with('|'))
            .filter_map(|line| line.strip_prefix("| `"))
            .filter_map(|rest| rest.split('`').next())
            .collect();
        let expected: Vec<&str> = tried_order().iter().map(|r| r.as_str()).collect();
        assert_eq!(ids, expected);
    }

    /// One example per rule: text, its person names, attribution-head spans `(role, words)`,
    /// and the words of the quotation the rule must produce.
    type Example = (
        rules::Rule,
        &'static str,
        &'static [&'static str],
        &'static [(crate::doc::Role, &'static str)],
        &'static str,
    );

    const EXAMPLES: &[Example] = {
        use crate::doc::Role::{Content, Cue, Source};
        use rules::Rule::*;
        &[
            (ScareNickname, "Marcello “Shorty” Cuttitta scored twice.", &[], &[], "Shorty"),
            (ScareTitle, "She appeared on CNN's “State of the Union” on Sunday.", &[], &[], "State of the Union"),
            (SpeakerCueQuote, "Ana Diaz said, “We will rebuild the bridge.”", &["Ana Diaz"], &[], "We will rebuild the bridge."),
            (SpeakerColonQuote, "Pompeo: “We had a good conversation.”", &["Pompeo"], &[], "We had a good conversation."),
            (MixedAccordingTo, "Repairs would take, according to Ana Diaz, several “very long years” to finish.", &["Ana Diaz"], &[], "very long years"),
            (MixedSpeakerCue, "Ana Diaz said the bridge was “beyond repair” and would close.", &["Ana Diaz"], &[], "beyond repair"),
            (QuoteDashByline, "“We will rebuild.” —Commissioner Jane Roe", &["Jane Roe"], &[], "We will rebuild."),
            (QuoteCueSpeaker, "“We will rebuild the bridge,” said Ana Diaz.", &["Ana Diaz"], &[], "We will rebuild the bridge,"),
            (QuoteAccordingTo, "“The bridge is beyond repair,” according to Ana Diaz.", &["Ana Diaz"], &[], "The bridge is beyond repair,"),
            (QuoteSpeakerCue, "“We will rebuild the bridge,” Ana Diaz said.", &["Ana Diaz"], &[], "We will rebuild the bridge,"),
            (QuoteTrailingCue, "“We will rebuild” for the record, she said.", &[], &[], "We will rebuild"),
            (MixedSentenceSubject, "The senator likes “bold ideas” more than most.", &[], &[], "bold ideas"),
            (QuoteAfterReport, "Karim Haddad, who runs the bakery, said he was worried. “The rent has doubled.”", &["Karim Haddad"], &[], "The rent has doubled."),
            (LeadInColon, "And from Chairwoman Lydia Voss:\n“We will not give up.”", &["Lydia Voss"], &[], "We will not give up."),
            (QuoteUnattributed, "“The rent has doubled in two years and nobody can pay it.”", &[], &[], "The rent has doubled in two years and nobody can pay it."),
            (QuoteContinuation, "“We will rebuild,” said Ana Diaz. “It will take a year.”", &["Ana Diaz"], &[], "It will take a year."),
            (ParagraphContinuation, "“We will rebuild,” said Ana Diaz.\n“It will take a year.”", &["Ana Diaz"], &[], "It will take a year."),
            (ScareQuote, "The “new” bridge opened on Monday.", &[], &[], "new"),
            (QuoteMultiParagraph, "Ana Diaz said:\n“We will rebuild the bridge.\n“It will take a year.”", &["Ana Diaz"], &[], "It will take a year."),
            (LeadInList, "In the interview, Ana Diaz also said:\nThe bridge will close for a year\nFerries will run every hour", &["Ana Diaz"], &[], "Ferries will run every hour"),
            (InterviewAnswer, "Engineer Ana Diaz answered questions from readers.\nQ: Will the bridge close?\nA: It will close for a year.", &["Ana Diaz"], &[], "It will close for a year."),
            (TranscriptTurn, "HOST: Welcome back to the show.\nANA DIAZ: The bridge will close for a year.", &[], &[], "The bridge will close for a year."),
            (IndirectAccordingTo, "According to Ana Diaz, the bridge will close for a year.", &["Ana Diaz"], &[], "the bridge will close for a year"),
            (IndirectClauseSpeakerCue, "The bridge will close for a year, Ana Diaz said.", &["Ana Diaz"], &[], "The bridge will close for a year"),
            (IndirectSpeakerCue, "Ana Diaz said the bridge will close for a year.", &["Ana Diaz"], &[], "the bridge will close for a year"),
            (
                LearnedAttribution,
                "Ferry crews ended their strike. Talks broke down over pay, union leaders complained bitterly.",
                &[],
                &[(Content, "Talks broke down over pay"), (Source, "union leaders"), (Cue, "complained")],
                "Talks broke down over pay",
            ),
        ]
    };

    /// Runs the quotation pass on `text` with `names` as person mentions and `roles` as spans
    /// of the attribution head (each the first occurrence of its words).
    fn quotes_of(text: &str, names: &[&str], roles: &[(crate::doc::Role, &str)]) -> Vec<Quote> {
        let char_offset = |byte: usize| text[..byte].chars().count();
        let span = |words: &str| {
            let start = char_offset(text.find(words).expect("words in the text"));
            (start, start + words.chars().count())
        };
        let mentions: Vec<crate::doc::Mention> = names
            .iter()
            .map(|name| {
                let (start, end) = span(name);
                crate::doc::Mention {
                    text: name.to_string(),
                    span: Span::new(start, end),
                    label: crate::doc::Label::Person,
                    score: 1.0,
                }
            })
            .collect();
        let roles: Vec<RoleSpan> = roles
            .iter()
            .map(|&(role, words)| {
                let (start, end) = span(words);
                RoleSpan {
                    role,
                    span: Span::new(start, end),
                    score: 0.95,
                }
            })
            .collect();
        let entities = crate::linking::group_mentions(&mentions);
        find_quotes(text, &entities, &roles)
    }

    #[test]
    fn every_rule_is_produced_by_its_example() {
        for &(rule, text, names, roles, words) in EXAMPLES {
            let quotes = quotes_of(text, names, roles);
            let found: Vec<(&str, &str)> = quotes
                .iter()
                .map(|q| (q.text.as_str(), q.rule.as_str()))
                .collect();
            assert!(
                found.contains(&(words, rule.as_str())),
                "{rule:?} on {text:?}: {found:?}"
            );
        }
        let covered: Vec<rules::Rule> = EXAMPLES.iter().map(|e| e.0).collect();
        assert_eq!(
            covered,
            rules::Rule::ALL.to_vec(),
            "one example per rule, in order"
        );
    }

    #[test]
    fn apostrophe_pairs_count_as_double_marks() {
        assert!(has_double_quote_mark("''We will,'' she said"));
        assert!(has_double_quote_mark("“Yes”"));
        assert!(!has_double_quote_mark("Kim's 'fine' dog"));
    }
}
