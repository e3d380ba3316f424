//! The stages after tagging, on mentions from any tagger: linking, then quotations.

use crate::doc::{Document, Mention, RoleSpan};
use crate::{linking, quotes};

/// The stages after tagging: groups `mentions` into entities and finds quotations, linking
/// the attribution head's `roles` when there are any (empty: the rules alone). Usable without
/// a model, with mentions given.
pub fn annotate(doc: &mut Document, mentions: &[Mention], roles: &[RoleSpan]) {
    doc.entities = linking::group_mentions(mentions);
    doc.quotes = quotes::find_quotes(&doc.text, &doc.entities, roles);
}
