//! The rules of the quote pass, by id, in the order they are tried: one place to see every
//! rule, what it matches and which comes first. `Quote::rule` in the output is
//! [`Rule::as_str`]; `docs/quotes.md` explains each with examples.

/// One rule that finds a quotation or attributes it. Marked quotations (`patterns.rs`) try
/// the rules of [`Rule::ALL`] from [`Rule::ScareNickname`] to [`Rule::QuoteUnattributed`] in
/// that order, and the pieces of a quotation over several paragraphs then share a speaker
/// ([`Rule::QuoteMultiParagraph`]); sentences without quotation marks (`indirect.rs`) try the
/// three `Indirect*` rules in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Rule {
    /// `Marcello "Shorty" Cuttitta`, `so-called "woke"`: a nickname or scare word (kind `scare`).
    ScareNickname,
    /// `on CNN's "State of the Union"`, `his book, "Rivers of Gold,"`: a title (kind `scare`).
    ScareTitle,
    /// `X said, "…"`, `X told reporters: "…"`, `X said in a statement. "…"`.
    SpeakerCueQuote,
    /// `Pompeo: "…"`, `—Pompeo: "…"`.
    SpeakerColonQuote,
    /// `"…," said X`.
    QuoteCueSpeaker,
    /// `"…," according to X`.
    QuoteAccordingTo,
    /// `"…" —Commissioner Jane Roe`, `"…" -Commissioner Rob Starling`.
    QuoteDashByline,
    /// `"…," X said`, `"…," X, a doctor, said`.
    QuoteSpeakerCue,
    /// `"…" for the record, she said.`: the sentence closes with its cue.
    QuoteTrailingCue,
    /// `X said he had "…"` (kind `mixed`).
    MixedSpeakerCue,
    /// `… "…," according to X` inside a sentence (kind `mixed`).
    MixedAccordingTo,
    /// `The senator likes "…"`: the sentence subject, no cue (kind `mixed`).
    MixedSentenceSubject,
    /// A lead-in ending with `:` closes the previous paragraph (`And from Chairwoman Voss:`).
    LeadInColon,
    /// A quotation opening right after a sentence whose subject reports speech.
    QuoteAfterReport,
    /// A later quotation in the same paragraph, same turn, nobody else named in between.
    QuoteContinuation,
    /// A paragraph opening with a quotation after a paragraph whose quotation had a speaker.
    ParagraphContinuation,
    /// The other paragraphs of a quotation that runs over several.
    QuoteMultiParagraph,
    /// A short quotation with no cue and no sentence punctuation (kind `scare`).
    ScareQuote,
    /// No speaker found (`speaker: null`).
    QuoteUnattributed,
    /// `According to X, …` / `…, according to X.` (kind `indirect`).
    IndirectAccordingTo,
    /// `…, X said.` / `…, said X.` / `…, a person familiar with the plans told Reuters.`
    IndirectClauseSpeakerCue,
    /// `X said (that) …`, `X told reporters …` (kind `indirect`).
    IndirectSpeakerCue,
}

impl Rule {
    /// Every rule, marked-quotation rules first, each group in the order it is tried.
    pub(crate) const ALL: [Rule; 22] = [
        Rule::ScareNickname,
        Rule::ScareTitle,
        Rule::SpeakerCueQuote,
        Rule::SpeakerColonQuote,
        Rule::QuoteDashByline,
        Rule::QuoteCueSpeaker,
        Rule::QuoteAccordingTo,
        Rule::QuoteSpeakerCue,
        Rule::QuoteTrailingCue,
        Rule::MixedAccordingTo,
        Rule::MixedSpeakerCue,
        Rule::MixedSentenceSubject,
        Rule::QuoteAfterReport,
        Rule::LeadInColon,
        Rule::QuoteContinuation,
        Rule::ParagraphContinuation,
        Rule::ScareQuote,
        Rule::QuoteUnattributed,
        Rule::QuoteMultiParagraph,
        Rule::IndirectAccordingTo,
        Rule::IndirectClauseSpeakerCue,
        Rule::IndirectSpeakerCue,
    ];

    /// The rule id as written in `Quote::rule` (`quote-speaker-cue`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Rule::ScareNickname => "scare-nickname",
            Rule::ScareTitle => "scare-title",
            Rule::SpeakerCueQuote => "speaker-cue-quote",
            Rule::SpeakerColonQuote => "speaker-colon-quote",
            Rule::QuoteCueSpeaker => "quote-cue-speaker",
            Rule::QuoteAccordingTo => "quote-according-to",
            Rule::QuoteDashByline => "quote-dash-byline",
            Rule::QuoteSpeakerCue => "quote-speaker-cue",
            Rule::QuoteTrailingCue => "quote-trailing-cue",
            Rule::MixedSpeakerCue => "mixed-speaker-cue",
            Rule::MixedAccordingTo => "mixed-according-to",
            Rule::MixedSentenceSubject => "mixed-sentence-subject",
            Rule::LeadInColon => "lead-in-colon",
            Rule::QuoteAfterReport => "quote-after-report",
            Rule::QuoteContinuation => "quote-continuation",
            Rule::ParagraphContinuation => "paragraph-continuation",
            Rule::QuoteMultiParagraph => "quote-multi-paragraph",
            Rule::ScareQuote => "scare-quote",
            Rule::QuoteUnattributed => "quote-unattributed",
            Rule::IndirectAccordingTo => "indirect-according-to",
            Rule::IndirectClauseSpeakerCue => "indirect-clause-speaker-cue",
            Rule::IndirectSpeakerCue => "indirect-speaker-cue",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Rule;

    #[test]
    fn rule_ids_are_unique_and_documented() {
        let docs = include_str!("../../docs/quotes.md");
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            assert!(seen.insert(rule.as_str()), "{rule:?} twice");
            assert!(
                docs.contains(&format!("`{}`", rule.as_str())),
                "{rule:?} missing from docs/quotes.md"
            );
        }
    }
}
