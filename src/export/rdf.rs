//! RDF export: N-Triples with schema.org terms (`http://schema.org/`).
//!
//! Every node's IRI is the base (default [`DEFAULT_BASE`]) followed by its id
//! ([`super::ids`]), e.g. `<urn:quotegraph:person/joe-biden>`.
//!
//! | node | triples |
//! | --- | --- |
//! | person | `a schema:Person; schema:name` |
//! | organization | `a schema:Organization; schema:name` |
//! | location | `a schema:Place; schema:name` |
//! | other name | `a schema:Thing; schema:name; schema:additionalType "MISC"` (or the model's type) |
//! | document | `a schema:NewsArticle; schema:identifier; schema:mentions <entity>`; its metadata: `date` → `schema:datePublished`, `url` → `schema:url`, `title` → `schema:headline`, `outlet` → `schema:publisher`, any other field `qg:meta/<field>` (literals) |
//! | quotation | `a schema:Quotation; schema:text; schema:identifier "q0"; schema:additionalType "assertion"` (its attribution type) `; schema:datePublished` (its document's `date`) `; qg:kind; qg:score; qg:rule; qg:start; qg:end; qg:cue; qg:cueStart; qg:cueEnd; schema:isPartOf <document>; schema:spokenByCharacter <speaker>; schema:mentions <entity>` |
//! | source (a speaker that is no entity) | `a schema:Thing; schema:additionalType "Source"; schema:name; schema:subjectOf <document>` |
//!
//! Where schema.org has no term, quotegraph's own vocabulary [`VOCAB`] (`qg:`) names it, on
//! every quotation: `qg:kind` (`direct`, `mixed`, `indirect`), `qg:score` (an `xsd:double` in
//! [0, 1]), `qg:rule`, `qg:start` / `qg:end` (character offsets of the words in the document,
//! end-exclusive, `xsd:integer`), and with a cue `qg:cue`, `qg:cueStart`, `qg:cueEnd`. The
//! `SAID` relation is `schema:spokenByCharacter`; its provenance is the quotation's.
//!
//! A quotation whose speaker is not a tagged entity (a group: "officials said") is spoken by a
//! source node of its document, named with the speaker's words. `schema:mentions` on a
//! quotation points to each entity it is about. Unattributed quotations have no speaker.

use super::graph::{meta_text, EntityKind, Graph};
use super::ids::percent_encode;
use crate::error::{Error, Result};
use std::io::Write;

/// The IRI base used unless another is given.
pub const DEFAULT_BASE: &str = "urn:quotegraph:";

/// Metadata fields with a schema.org property of their own; other fields become
/// `qg:meta/<field>` literals.
const SCHEMA_META: [(&str, &str); 4] = [
    ("date", "datePublished"),
    ("url", "url"),
    ("title", "headline"),
    ("outlet", "publisher"),
];

/// quotegraph's own vocabulary, for what schema.org has no term for (`qg:score`, …).
pub const VOCAB: &str = "urn:quotegraph:vocab:";

const SCHEMA: &str = "http://schema.org/";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// Checks that `base` can start an absolute IRI: a scheme followed by `:`, and no character
/// N-Triples forbids in an IRI (spaces, `<>"{}|^\``, controls).
pub fn check_base(base: &str) -> Result<()> {
    let scheme_ok = base.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    let bad = base
        .chars()
        .find(|&c| c <= ' ' || "<>\"{}|^`\\".contains(c));
    match (scheme_ok, bad) {
        (true, None) => Ok(()),
        (false, _) => Err(Error::Input(format!(
            "IRI base {base:?} does not start with a scheme (like `urn:` or `https:`)"
        ))),
        (true, Some(c)) => Err(Error::Input(format!(
            "IRI base {base:?} holds {c:?}, which an IRI cannot"
        ))),
    }
}

/// Writes `graph` as N-Triples under the IRI `base` (checked with [`check_base`]).
pub fn write_ntriples(graph: &Graph, base: &str, out: &mut impl Write) -> Result<()> {
    check_base(base)?;
    let io = |source| Error::Io {
        path: "<rdf output>".into(),
        source,
    };
    let mut triples = Triples { out, base };
    triples.write_all(graph).map_err(io)
}

struct Triples<'a, W: Write> {
    out: &'a mut W,
    base: &'a str,
}

impl<W: Write> Triples<'_, W> {
    fn write_all(&mut self, graph: &Graph) -> std::io::Result<()> {
        for entity in &graph.entities {
            let class = match entity.kind {
                EntityKind::Person => "Person",
                EntityKind::Organization => "Organization",
                EntityKind::Location => "Place",
                EntityKind::Misc => "Thing",
            };
            self.class(&entity.id, class)?;
            self.literal(&entity.id, "name", &entity.name)?;
            if entity.kind == EntityKind::Misc {
                self.literal(&entity.id, "additionalType", &entity.label)?;
            }
        }
        for doc in &graph.documents {
            self.class(&doc.id, "NewsArticle")?;
            self.literal(&doc.id, "identifier", &doc.doc_id)?;
            for (key, value) in &doc.meta {
                let value = meta_text(value);
                match SCHEMA_META.iter().find(|(field, _)| field == key) {
                    Some((_, property)) => self.literal(&doc.id, property, &value)?,
                    None => {
                        let property = format!("meta/{}", percent_encode(key));
                        self.own(&doc.id, &property, &plain(&value))?;
                    }
                }
            }
        }
        for edge in &graph.mentions {
            self.link(&edge.document, "mentions", &edge.entity)?;
        }
        for quote in &graph.quotes {
            self.class(&quote.id, "Quotation")?;
            self.literal(&quote.id, "text", &quote.text)?;
            self.literal(&quote.id, "identifier", &quote.quote_id)?;
            if let Some(attribution) = quote.attribution {
                self.literal(&quote.id, "additionalType", attribution.as_str())?;
            }
            if let Some(date) = &quote.date {
                self.literal(&quote.id, "datePublished", date)?;
            }
            self.own(&quote.id, "kind", &plain(quote.kind.as_str()))?;
            self.own(&quote.id, "score", &typed(quote.score, "double"))?;
            self.own(&quote.id, "rule", &plain(&quote.rule))?;
            self.own(&quote.id, "start", &typed(quote.start, "integer"))?;
            self.own(&quote.id, "end", &typed(quote.end, "integer"))?;
            if let Some(cue) = &quote.cue {
                self.own(&quote.id, "cue", &plain(&cue.text))?;
                self.own(&quote.id, "cueStart", &typed(cue.span.start, "integer"))?;
                self.own(&quote.id, "cueEnd", &typed(cue.span.end, "integer"))?;
            }
            for document in std::iter::once(&quote.document).chain(&quote.reprinted_in) {
                self.link(&quote.id, "isPartOf", document)?;
            }
            if let Some(speaker) = &quote.speaker {
                self.link(&quote.id, "spokenByCharacter", &speaker.node)?;
            }
            for entity in &quote.about {
                self.link(&quote.id, "mentions", entity)?;
            }
        }
        for source in &graph.sources {
            self.class(&source.id, "Thing")?;
            self.literal(&source.id, "additionalType", "Source")?;
            self.literal(&source.id, "name", &source.name)?;
            self.link(&source.id, "subjectOf", &source.document)?;
        }
        Ok(())
    }

    fn class(&mut self, id: &str, class: &str) -> std::io::Result<()> {
        writeln!(
            self.out,
            "<{}{id}> <{RDF_TYPE}> <{SCHEMA}{class}> .",
            self.base
        )
    }

    fn link(&mut self, id: &str, property: &str, object: &str) -> std::io::Result<()> {
        writeln!(
            self.out,
            "<{}{id}> <{SCHEMA}{property}> <{}{object}> .",
            self.base, self.base
        )
    }

    /// A triple of quotegraph's vocabulary with an N-Triples literal (`"…"` or typed).
    fn own(&mut self, id: &str, property: &str, literal: &str) -> std::io::Result<()> {
        writeln!(
            self.out,
            "<{}{id}> <{VOCAB}{property}> {literal} .",
            self.base
        )
    }

    fn literal(&mut self, id: &str, property: &str, value: &str) -> std::io::Result<()> {
        writeln!(
            self.out,
            "<{}{id}> <{SCHEMA}{property}> \"{}\" .",
            self.base,
            escape_literal(value)
        )
    }
}

/// A plain N-Triples string literal.
fn plain(value: &str) -> String {
    format!("\"{}\"", escape_literal(value))
}

/// An N-Triples literal of XML Schema type `xsd` (`double`, `integer`).
fn typed(value: impl std::fmt::Display, xsd: &str) -> String {
    format!("\"{value}\"^^<{XSD}{xsd}>")
}

/// Escapes a string for an N-Triples literal: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, and
/// other control characters as `\uXXXX`; everything else stays UTF-8.
pub fn escape_literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(
            escape_literal("He said \"no\"\\\n\tZoë\u{1}"),
            "He said \\\"no\\\"\\\\\\n\\tZoë\\u0001"
        );
    }

    #[test]
    fn bases_need_a_scheme_and_iri_characters() {
        assert!(check_base(DEFAULT_BASE).is_ok());
        assert!(check_base("https://example.org/kg/").is_ok());
        assert!(check_base("example.org/").is_err());
        assert!(check_base("https://example.org/a b").is_err());
        assert!(check_base("urn:x<").is_err());
    }
}
