//! The rules of the quote pass, by id, in the order they are tried: one place to see every
//! rule, what it matches and which comes first. `Quote::rule` in the output is
//! [`Rule::as_str`]; `docs/quotes.md` explains each with examples.

/// One rule that finds a quotation or attributes it. The order they are tried is not here but
/// in the tables that try them — marked quotations `marked.rs` (its rows, its fallback, then
/// its post-passes), sentences without quotation marks `indirect.rs` — and [`Rule::ALL`]
/// follows those tables (a test checks it).
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
    /// `X said:` ¶ lines without marks: each line reported speech of X (kind `indirect`).
    LeadInList,
    /// `Q: …` ¶ `A: …`: the answer is the interviewee's, named before the first question.
    InterviewAnswer,
    /// `JANE ROE: …` in a transcript: the line is the label's.
    TranscriptTurn,
    /// `X said (that) …`, `X told reporters …` (kind `indirect`).
    IndirectSpeakerCue,
    /// An attribution the model's attribution head found and no rule did (kind `indirect`;
    /// `linker.rs`).
    LearnedAttribution,
}

impl Rule {
    /// Every rule in the order the passes try them: the rows of the marked-quotation table
    /// (each at its first row), its fallback, its post-passes, the rows of the layout table,
    /// the rows of the reported-speech table; last, the linker's [`Rule::LearnedAttribution`],
    /// which no rule pass tries.
    pub(crate) const ALL: [Rule; 26] = [
        Rule::ScareNickname,
        Rule::ScareTitle,
        Rule::SpeakerCueQuote,
        Rule::SpeakerColonQuote,
        Rule::MixedAccordingTo,
        Rule::MixedSpeakerCue,
        Rule::QuoteDashByline,
        Rule::QuoteCueSpeaker,
        Rule::QuoteAccordingTo,
        Rule::QuoteSpeakerCue,
        Rule::QuoteTrailingCue,
        Rule::MixedSentenceSubject,
        Rule::QuoteAfterReport,
        Rule::LeadInColon,
        Rule::QuoteUnattributed,
        Rule::QuoteContinuation,
        Rule::ParagraphContinuation,
        Rule::ScareQuote,
        Rule::QuoteMultiParagraph,
        Rule::LeadInList,
        Rule::InterviewAnswer,
        Rule::TranscriptTurn,
        Rule::IndirectAccordingTo,
        Rule::IndirectClauseSpeakerCue,
        Rule::IndirectSpeakerCue,
        Rule::LearnedAttribution,
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
            Rule::LeadInList => "lead-in-list",
            Rule::InterviewAnswer => "interview-answer",
            Rule::TranscriptTurn => "transcript-turn",
            Rule::IndirectSpeakerCue => "indirect-speaker-cue",
            Rule::LearnedAttribution => "learned-attribution",
        }
    }

    /// True for the rules of quoted words that are not speech (kind `scare`).
    pub(crate) fn is_scare(self) -> bool {
        matches!(
            self,
            Rule::ScareNickname | Rule::ScareTitle | Rule::ScareQuote
        )
    }

    /// True for the rules of the layout table (`layout.rs`): the text's shape, not a sentence,
    /// gives the speaker, so the linker leaves their quotations as they are.
    pub(crate) fn is_layout(self) -> bool {
        matches!(
            self,
            Rule::LeadInList | Rule::InterviewAnswer | Rule::TranscriptTurn
        )
    }

    /// True for rules whose speaker is inferred from elsewhere (an earlier turn, the sentence
    /// subject) rather than read beside the quotation: a learned source next to the quotation
    /// outweighs them.
    pub(crate) fn speaker_is_inferred(self) -> bool {
        matches!(
            self,
            Rule::MixedSentenceSubject
                | Rule::QuoteAfterReport
                | Rule::QuoteContinuation
                | Rule::ParagraphContinuation
                | Rule::QuoteMultiParagraph
        )
    }

    /// The fixed score of a quotation this rule found alone: the rule's precision on PolNeAR
    /// **train** (its finds that overlap an annotated content; rules alone, entities from the
    /// NER-only model of 2026-11-29), add-one smoothed, `(right + 1) / (finds + 2)`, so that a
    /// rule with few finds does not claim certainty (`docs/quotes.md`, "Scores"). Scare quotes
    /// get 0: they are not speech. `None` for [`Rule::LearnedAttribution`], whose quotations
    /// carry the attribution head's own score.
    pub(crate) fn precision(self) -> Option<f32> {
        match self {
            Rule::ScareNickname | Rule::ScareTitle | Rule::ScareQuote => Some(0.0),
            // 1423 of 1428
            Rule::SpeakerCueQuote => Some(0.996),
            // 5 of 5
            Rule::SpeakerColonQuote => Some(0.857),
            // 772 of 781
            Rule::QuoteCueSpeaker => Some(0.987),
            // 15 of 16
            Rule::QuoteAccordingTo => Some(0.889),
            // 1 of 1
            Rule::QuoteDashByline => Some(0.667),
            // 2554 of 2570
            Rule::QuoteSpeakerCue => Some(0.993),
            // 23 of 23
            Rule::QuoteTrailingCue => Some(0.96),
            // 1467 of 1506
            Rule::MixedSpeakerCue => Some(0.973),
            // 18 of 21
            Rule::MixedAccordingTo => Some(0.826),
            // 362 of 439
            Rule::MixedSentenceSubject => Some(0.823),
            // 16 of 18
            Rule::LeadInColon => Some(0.85),
            // 5 of 6
            Rule::QuoteAfterReport => Some(0.75),
            // 1003 of 1029
            Rule::QuoteContinuation => Some(0.974),
            // 56 of 63
            Rule::ParagraphContinuation => Some(0.877),
            // 18 of 19
            Rule::QuoteMultiParagraph => Some(0.905),
            // 368 of 455
            Rule::QuoteUnattributed => Some(0.807),
            // 263 of 271
            Rule::IndirectAccordingTo => Some(0.967),
            // 248 of 325
            Rule::IndirectClauseSpeakerCue => Some(0.761),
            // 4427 of 5118
            Rule::IndirectSpeakerCue => Some(0.865),
            // 28 of 33
            Rule::LeadInList => Some(0.829),
            // none: PolNeAR holds no interview in Q/A form
            Rule::InterviewAnswer => Some(0.5),
            // 8 of 8
            Rule::TranscriptTurn => Some(0.9),
            Rule::LearnedAttribution => None,
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
