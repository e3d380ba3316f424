//! Stable node ids for the graph exports.
//!
//! Every node id is a short path, the same in the Neo4j CSVs and (after the IRI base) in RDF:
//!
//! | node | id | example |
//! | --- | --- | --- |
//! | person, organization, location, other name | `<type>/<normalized name>` | `person/joe-biden` |
//! | document | `doc/<document id, percent-encoded>` | `doc/news%2F2024-05-01.txt` |
//! | quotation | `quote/<document id, percent-encoded>/<quote id>` | `quote/news%2F2024-05-01.txt/q0` |
//!
//! # Normalized names
//! A name is folded to compatibility form without diacritics (`Zoë` → `zoe`), lowercased, cut
//! into runs of letters and digits and joined with `-`; a trailing possessive `'s` is dropped.
//! For people, leading titles (`President`, `Mr`, `Sen.`, `Prime Minister`, …) are dropped too
//! as long as a name remains, so "President Joe Biden" and "Joe Biden" share `person/joe-biden`.
//!
//! # People across documents
//! Within a document, linking already gives every person one canonical name. Across documents,
//! a person known only by one name ("Biden") is merged into the person with a full name ending
//! in that name ("Joe Biden") **when exactly one such full name occurs in the export**. When
//! two do ("Joe Biden", "Jill Biden") the single name stays a node of its own, `person/biden`:
//! guessing would merge different people. Limits: the rule only looks at the last word, so
//! surname-first names ("Kim" for "Kim Jong Un"), nicknames, initials ("J. Biden" vs "Joe
//! Biden") and middle names ("Joseph Robinette Biden") stay apart; and the id of a single-name
//! node depends on the whole export (adding "Jill Biden" to a later export splits "Biden" off
//! again). Full-name ids depend only on the name.

use crate::doc::Label;
use std::collections::{BTreeSet, HashMap};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The word sequence a name is identified by: folded, lowercased letters and digits.
pub fn name_words(name: &str) -> Vec<String> {
    let trimmed = name.trim();
    let without_possessive = ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|suffix| trimmed.strip_suffix(suffix))
        .unwrap_or(trimmed);
    let folded: String = without_possessive
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The words of a person's name without leading titles (all of them if only titles remain).
pub fn person_words(name: &str) -> Vec<String> {
    let words = name_words(name);
    let first_name = words
        .iter()
        .position(|w| !crate::linking::is_title(w))
        .unwrap_or(0);
    words[first_name..].to_vec()
}

/// The id segment of a name: its words joined by `-`, or the percent-encoded name when it has
/// no letters or digits.
fn slug(words: &[String], name: &str) -> String {
    if words.is_empty() {
        let encoded = percent_encode(name.trim());
        if encoded.is_empty() {
            "unnamed".to_string()
        } else {
            encoded
        }
    } else {
        words.join("-")
    }
}

/// Percent-encodes everything except ASCII letters, digits and `-._~` (RFC 3986 unreserved),
/// so the result is safe in an IRI, a CSV field and a file name alike.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The id prefix of an entity type: `person`, `organization`, `location`, `misc`, or a model's
/// own type lowercased (`date`).
pub fn type_prefix(label: &Label) -> String {
    match label {
        Label::Person => "person".to_string(),
        Label::Organization => "organization".to_string(),
        Label::Location => "location".to_string(),
        Label::Misc => "misc".to_string(),
        Label::Other(name) => slug(&name_words(name), name),
    }
}

/// Id of the document node for a document id.
pub fn document_id(doc_id: &str) -> String {
    format!("doc/{}", percent_encode(doc_id))
}

/// Id of the quotation node for a quote of a document.
pub fn quote_id(doc_id: &str, quote_id: &str) -> String {
    format!(
        "quote/{}/{}",
        percent_encode(doc_id),
        percent_encode(quote_id)
    )
}

/// Collects every entity name of an export, then hands out entity ids (see the module doc).
#[derive(Debug, Default)]
pub struct EntityIdsBuilder {
    /// Full (multi-word) person names by their last word.
    full_names_by_last_word: HashMap<String, BTreeSet<String>>,
}

impl EntityIdsBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one entity (any type; only people matter for merging).
    pub fn observe(&mut self, label: &Label, name: &str) {
        if *label != Label::Person {
            return;
        }
        let words = person_words(name);
        if let [.., last] = words.as_slice() {
            if words.len() > 1 {
                self.full_names_by_last_word
                    .entry(last.clone())
                    .or_default()
                    .insert(words.join("-"));
            }
        }
    }

    /// Freezes the names seen so far.
    pub fn build(self) -> EntityIds {
        EntityIds {
            full_names_by_last_word: self.full_names_by_last_word,
        }
    }
}

/// Entity ids for one export, built by [`EntityIdsBuilder`].
#[derive(Debug)]
pub struct EntityIds {
    full_names_by_last_word: HashMap<String, BTreeSet<String>>,
}

impl EntityIds {
    /// The node id of an entity with this type and canonical name.
    pub fn id(&self, label: &Label, name: &str) -> String {
        let prefix = type_prefix(label);
        if *label != Label::Person {
            return format!("{prefix}/{}", slug(&name_words(name), name));
        }
        let words = person_words(name);
        if let [single] = words.as_slice() {
            if let Some(full_names) = self.full_names_by_last_word.get(single) {
                if let (1, Some(full)) = (full_names.len(), full_names.first()) {
                    return format!("{prefix}/{full}");
                }
            }
        }
        format!("{prefix}/{}", slug(&words, name))
    }

    /// True when `id` is the id a name gets on its own, without merging (so the name can stand
    /// for the node).
    pub fn is_own_id(&self, label: &Label, name: &str, id: &str) -> bool {
        let words = if *label == Label::Person {
            person_words(name)
        } else {
            name_words(name)
        };
        id == format!("{}/{}", type_prefix(label), slug(&words, name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(names: &[(&Label, &str)]) -> EntityIds {
        let mut builder = EntityIdsBuilder::new();
        for (label, name) in names {
            builder.observe(label, name);
        }
        builder.build()
    }

    #[test]
    fn titles_case_diacritics_and_possessives_do_not_change_a_person_id() {
        let ids = ids(&[]);
        let id = ids.id(&Label::Person, "Joe Biden");
        assert_eq!(id, "person/joe-biden");
        assert_eq!(ids.id(&Label::Person, "President Joe Biden"), id);
        assert_eq!(ids.id(&Label::Person, "JOE  BIDEN's"), id);
        assert_eq!(
            ids.id(&Label::Person, "Prime Minister Zoë Müller"),
            "person/zoe-muller"
        );
    }

    #[test]
    fn a_surname_joins_the_only_full_name_that_ends_with_it() {
        let ids = ids(&[(&Label::Person, "Joe Biden"), (&Label::Person, "Biden")]);
        assert_eq!(ids.id(&Label::Person, "Biden"), "person/joe-biden");
        assert_eq!(ids.id(&Label::Person, "Mr. Biden"), "person/joe-biden");
        assert!(!ids.is_own_id(&Label::Person, "Biden", "person/joe-biden"));
        assert!(ids.is_own_id(&Label::Person, "Joe Biden", "person/joe-biden"));
    }

    #[test]
    fn an_ambiguous_surname_stays_apart() {
        let ids = ids(&[
            (&Label::Person, "Joe Biden"),
            (&Label::Person, "Jill Biden"),
        ]);
        assert_eq!(ids.id(&Label::Person, "Biden"), "person/biden");
    }

    #[test]
    fn other_types_never_merge_and_keep_titles() {
        let ids = ids(&[(&Label::Person, "Joe Biden")]);
        assert_eq!(ids.id(&Label::Organization, "Biden"), "organization/biden");
        assert_eq!(
            ids.id(&Label::Organization, "General Motors"),
            "organization/general-motors"
        );
        assert_eq!(ids.id(&Label::Other("DATE".into()), "May"), "date/may");
    }

    #[test]
    fn names_without_letters_and_odd_document_ids_are_encoded() {
        let ids = ids(&[]);
        assert_eq!(ids.id(&Label::Misc, "—"), "misc/%E2%80%94");
        assert_eq!(ids.id(&Label::Misc, " "), "misc/unnamed");
        assert_eq!(document_id("a b/c<d>.txt"), "doc/a%20b%2Fc%3Cd%3E.txt");
        assert_eq!(quote_id("x/y", "q0"), "quote/x%2Fy/q0");
    }
}
