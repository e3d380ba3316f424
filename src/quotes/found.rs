//! [`Found`]: one quotation as the passes build it, before ids are assigned.

use super::rules::Rule;
use crate::doc::{QuoteKind, Speaker, TextSpan};

/// One quotation before ids are assigned: what the marked pass, the reported-speech pass and
/// the linker produce and refine (character offsets, end-exclusive).
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Direct, mixed, indirect or scare.
    pub kind: QuoteKind,
    /// First character of the content.
    pub start: usize,
    /// One past the last character of the content.
    pub end: usize,
    /// The cue words, when there are any.
    pub cue: Option<TextSpan>,
    /// Who said it, when known.
    pub speaker: Option<Speaker>,
    /// The rule that found or attributed it.
    pub rule: Rule,
    /// Confidence from the attribution head, when learned spans gave or confirmed it; `None`
    /// takes the rule's fixed score ([`Rule::precision`]). Always set for
    /// [`Rule::LearnedAttribution`].
    pub score: Option<f32>,
}
