//! The stages after tagging, on mentions from any tagger: linking, then quotations.

use crate::doc::{Document, Mention, RoleSpan, Span};
use crate::linking;
use crate::offsets::CharIndex;
use crate::quotes::{self, Attributions};
use std::borrow::Cow;

/// The stages after tagging: groups `mentions` into entities and finds quotations, linking
/// the attribution head's `roles` when there are any (empty: the rules alone); keeps the
/// statements ([`Attributions::Statements`]). Usable without a model, with mentions given.
pub fn annotate(doc: &mut Document, mentions: &[Mention], roles: &[RoleSpan]) {
    annotate_with(doc, mentions, roles, Attributions::default());
}

/// [`annotate`], writing the attributions `attributions` names.
///
/// A hard-wrapped text is read through its unwrapped copy ([`reading_text`], which has the same
/// characters one for one: taggers should read it too, as [`crate::Pipeline`] does); every
/// `text` field of the result is then sliced from the
/// text as given, so that `text[start..end]` holds for each, while entity and speaker names
/// keep the unwrapped spelling (`Pieter van der Merwe`).
pub fn annotate_with(
    doc: &mut Document,
    mentions: &[Mention],
    roles: &[RoleSpan],
    attributions: Attributions,
) {
    let reading = reading_text(&doc.text);
    let mentions = linking::split_name_compounds(&reading, mentions.to_vec());
    let mentions = linking::with_repeated_names(&reading, &mentions);
    doc.entities = linking::group_mentions(&mentions);
    let all = quotes::find_quotes(&reading, &doc.entities, roles);
    doc.quotes = match attributions {
        Attributions::All => all,
        Attributions::Statements => quotes::keep_statements(all),
    };
    if let Cow::Owned(_) = reading {
        slice_from_original(doc);
    }
}

/// The text the tagger and the rules read: the text itself, or its copy with soft line breaks
/// turned into spaces when it is hard-wrapped ([`crate::input::wrap`]) and page-furniture
/// lines blanked ([`crate::input::furniture`]); same number of characters, one for one, so
/// offsets into either are offsets into both.
pub fn reading_text(text: &str) -> Cow<'_, str> {
    let unwrapped = crate::input::wrap::unwrapped(text);
    let seen = unwrapped.as_deref().unwrap_or(text);
    match crate::input::furniture::blanked(seen) {
        Some(blanked) => Cow::Owned(blanked),
        None => unwrapped.map_or(Cow::Borrowed(text), Cow::Owned),
    }
}

/// Sets the `text` of every mention, quotation, cue and speaker to the characters of the
/// document's own text at its offsets.
fn slice_from_original(doc: &mut Document) {
    let index = CharIndex::new(&doc.text);
    let text = doc.text.as_str();
    let slice = |span: Span| index.slice(text, span.start, span.end).to_string();
    for mention in doc.entities.iter_mut().flat_map(|e| e.mentions.iter_mut()) {
        mention.text = slice(mention.span);
    }
    for quote in &mut doc.quotes {
        quote.text = slice(quote.span);
        if let Some(cue) = &mut quote.cue {
            cue.text = slice(cue.span);
        }
        if let Some(speaker) = &mut quote.speaker {
            speaker.text = slice(speaker.span);
        }
    }
}
