//! The stages after tagging, on mentions from any tagger: linking, then quotations.

use crate::doc::{Document, Mention, RoleSpan};
use crate::linking;
use crate::quotes::{self, Attributions};

/// The stages after tagging: groups `mentions` into entities and finds quotations, linking
/// the attribution head's `roles` when there are any (empty: the rules alone); keeps the
/// statements ([`Attributions::Statements`]). Usable without a model, with mentions given.
pub fn annotate(doc: &mut Document, mentions: &[Mention], roles: &[RoleSpan]) {
    annotate_with(doc, mentions, roles, Attributions::default());
}

/// [`annotate`], writing the attributions `attributions` names.
pub fn annotate_with(
    doc: &mut Document,
    mentions: &[Mention],
    roles: &[RoleSpan],
    attributions: Attributions,
) {
    doc.entities = linking::group_mentions(mentions);
    let all = quotes::find_quotes(&doc.text, &doc.entities, roles);
    doc.quotes = match attributions {
        Attributions::All => all,
        Attributions::Statements => quotes::keep_statements(all),
    };
}
