//! Quotations and their speakers: the rule pass that runs after tagging and linking.

use crate::doc::{Entity, Quote};

/// Finds the quotations in `text` and links each to a speaker among `entities`.
pub fn find_quotes(text: &str, entities: &[Entity]) -> Vec<Quote> {
    let _ = (text, entities);
    Vec::new()
}
