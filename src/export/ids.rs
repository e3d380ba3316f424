//! Stable node ids for the graph exports.
//!
//! Every node id is a short path, the same in the Neo4j CSVs and (after the IRI base) in RDF:
//!
//! | node | id | example |
//! | --- | --- | --- |
//! | person, organization, location, other name | `<type>/<normalized name>` | `person/joe-biden` |
//! | document | `doc/<document id, percent-encoded>` | `doc/news%2F2024-05-01.txt` |
//! | quotation | `quote/<document id, percent-encoded>/<quote id>` | `quote/news%2F2024-05-01.txt/q0` |
//! | source (a speaker that is no entity) | `source/<document id, percent-encoded>/<normalized phrase>` | `source/news%2F2024-05-01.txt/south-korean-officials` |
//!
//! # Normalized names
//! A name is folded to compatibility form without diacritics (`Zoë` → `zoe`), lowercased, cut
//! into runs of letters and digits and joined with `-`; a trailing possessive `'s` is dropped.
//! For people, leading titles (`President`, `Mr`, `Sen.`, `Prime Minister`, …) are dropped too
//! as long as a name remains, so "President Joe Biden" and "Joe Biden" share `person/joe-biden`.
//!
//! # People across documents
//! Within a document, linking already gives every person one canonical name: "Pompeo" there
//! is "Mike Pompeo" when the article names him in full. Across documents only full names
//! decide, since a surname alone does not tell people apart ("Pope Francis" is not Clare
//! Francis, "King Charles" not Ray Charles):
//! - a person's id is their name's words without leading titles and honorifics, so "President
//!   Joe Biden", "Mr. Joe Biden" and "Joe Biden" are `person/joe-biden`;
//! - middle initials do not split a person: "Donald J. Trump" and "Donald Trump" are
//!   `person/donald-trump`, **unless** the export holds two names that differ only in their
//!   middle initials ("George H. W. Bush", "George W. Bush"): then every form keeps its
//!   initials in the id and the bare "George Bush" stays a node of its own;
//! - diacritics, case, punctuation and invisible characters (soft hyphens, zero-width spaces)
//!   are folded: "Netan\u{AD}yahu" is "Netanyahu";
//! - a one-word name ("Biden", "Francis") is never merged into a full name across documents:
//!   it is `person/biden`, a node of its own. For a graph builder a missed merge is cheaper
//!   than a false one.
//!
//! Limits: nicknames ("Bill" / "William"), name order ("Kim Jong Un" / "Jong Un Kim"), middle
//! names written out ("Joseph Robinette Biden") and namesakes with the same full name are not
//! told apart; the id of a name with initials depends on the whole export (adding "George W.
//! Bush" to a later export splits "George H. W. Bush" off "George Bush").

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
        .filter(|c| !is_combining_mark(*c) && !crate::offsets::is_invisible(*c))
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
        .position(|w| !crate::titles::is_title(w))
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

/// A person's words without middle initials ("donald j trump" → "donald trump"), and those
/// initials; names of fewer than three words, or that start or end with an initial ("j k
/// rowling", "louis c k"), are returned whole.
fn without_middle_initials(words: &[String]) -> (Vec<String>, Vec<String>) {
    let is_initial = |w: &String| w.chars().count() == 1;
    match words {
        [first, middle @ .., last]
            if !is_initial(first) && !is_initial(last) && middle.iter().any(is_initial) =>
        {
            let (initials, names): (Vec<String>, Vec<String>) =
                middle.iter().cloned().partition(is_initial);
            let kept = std::iter::once(first.clone())
                .chain(names)
                .chain(std::iter::once(last.clone()))
                .collect();
            (kept, initials)
        }
        _ => (words.to_vec(), Vec::new()),
    }
}

/// Id of the source node of a speaker phrase that is no entity ("South Korean officials"):
/// scoped to its document, the phrase folded like a name.
pub fn source_id(doc_id: &str, phrase: &str) -> String {
    format!(
        "source/{}/{}",
        percent_encode(doc_id),
        slug(&name_words(phrase), phrase)
    )
}

/// Collects every entity name of an export, then hands out entity ids (see the module doc).
#[derive(Debug, Default)]
pub struct EntityIdsBuilder {
    /// Per person name without middle initials, the distinct initial sequences written with it.
    initials_by_name: HashMap<Vec<String>, BTreeSet<Vec<String>>>,
}

impl EntityIdsBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one entity (any type; only people's initials matter).
    pub fn observe(&mut self, label: &Label, name: &str) {
        if *label != Label::Person {
            return;
        }
        let (bare, initials) = without_middle_initials(&person_words(name));
        if !initials.is_empty() {
            self.initials_by_name
                .entry(bare)
                .or_default()
                .insert(initials);
        }
    }

    /// Freezes the names seen so far.
    pub fn build(self) -> EntityIds {
        EntityIds {
            ambiguous_initials: self
                .initials_by_name
                .into_iter()
                .filter(|(_, initials)| initials.len() > 1)
                .map(|(bare, _)| bare)
                .collect(),
        }
    }
}

/// Entity ids for one export, built by [`EntityIdsBuilder`].
#[derive(Debug)]
pub struct EntityIds {
    /// Person names (without middle initials) written with two or more different initials.
    ambiguous_initials: BTreeSet<Vec<String>>,
}

impl EntityIds {
    /// The node id of an entity with this type and canonical name.
    pub fn id(&self, label: &Label, name: &str) -> String {
        let prefix = type_prefix(label);
        if *label != Label::Person {
            return format!("{prefix}/{}", slug(&name_words(name), name));
        }
        let words = person_words(name);
        let (bare, _) = without_middle_initials(&words);
        let words = if self.ambiguous_initials.contains(&bare) {
            words
        } else {
            bare
        };
        format!("{prefix}/{}", slug(&words, name))
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
    fn a_surname_alone_never_joins_a_full_name() {
        let ids = ids(&[
            (&Label::Person, "Clare Francis"),
            (&Label::Person, "Pope Francis"),
            (&Label::Person, "Ray Charles"),
        ]);
        assert_eq!(ids.id(&Label::Person, "Pope Francis"), "person/francis");
        assert_eq!(
            ids.id(&Label::Person, "Clare Francis"),
            "person/clare-francis"
        );
        assert_eq!(ids.id(&Label::Person, "King Charles"), "person/charles");
        assert_eq!(ids.id(&Label::Person, "Mr. Biden"), "person/biden");
    }

    #[test]
    fn middle_initials_and_invisible_characters_do_not_split_a_person() {
        let ids = ids(&[
            (&Label::Person, "Donald J. Trump"),
            (&Label::Person, "Donald Trump"),
            (&Label::Person, "J. K. Rowling"),
        ]);
        assert_eq!(
            ids.id(&Label::Person, "Donald J. Trump"),
            "person/donald-trump"
        );
        assert_eq!(
            ids.id(&Label::Person, "President Donald Trump"),
            "person/donald-trump"
        );
        assert_eq!(
            ids.id(&Label::Person, "J. K. Rowling"),
            "person/j-k-rowling"
        );
        assert_eq!(ids.id(&Label::Person, "Louis C.K."), "person/louis-c-k");
        assert_eq!(
            ids.id(&Label::Person, "Benjamin Netan\u{AD}yahu"),
            ids.id(&Label::Person, "Benjamin Netanyahu")
        );
    }

    #[test]
    fn names_that_differ_only_in_initials_keep_them() {
        let ids = ids(&[
            (&Label::Person, "George H. W. Bush"),
            (&Label::Person, "George W. Bush"),
            (&Label::Person, "George Bush"),
        ]);
        assert_eq!(
            ids.id(&Label::Person, "George H. W. Bush"),
            "person/george-h-w-bush"
        );
        assert_eq!(
            ids.id(&Label::Person, "George W. Bush"),
            "person/george-w-bush"
        );
        assert_eq!(ids.id(&Label::Person, "George Bush"), "person/george-bush");
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
