//! The graph both exports write: deduplicated entity nodes, documents, quotations, the sources
//! that are no entity, and the edges between them, built from extract output.
//!
//! Scare quotes (quote marks that are not speech) are left out. Every attributed quotation gets
//! a `SAID` edge: from its speaker's entity node when the speaker resolves to a tagged entity,
//! else from a [`SourceNode`] — a group or nominal speaker ("South Korean officials", "a
//! spokesman for the employers") as written, scoped to its document, since the same words in
//! two articles need not be the same people. A quotation also points to each entity it
//! mentions (its `about` list: whom it is about). The same words (case and punctuation aside,
//! at least [`MIN_REPRINT_WORDS`]) by the same speaker entity in several documents — a wire
//! quotation reprinted — are one quotation node, in each of those documents. A document keeps its input record's metadata
//! (`date`, `url`, `outlet`, …), and its quotations its `date`. Each quotation keeps its attribution `type`
//! and content `form`: output written with `--attributions all` holds beliefs and topics too,
//! and the exports carry the type on the `SAID` edge so that a graph can tell them apart.

use super::ids::{self, EntityIds, EntityIdsBuilder};
use crate::doc::{AttributionType, ContentForm, Document, Label, Metadata, QuoteKind, TextSpan};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The node type of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// `PER`.
    Person,
    /// `ORG`.
    Organization,
    /// `LOC`.
    Location,
    /// `MISC` and any type of a model's own.
    Misc,
}

impl EntityKind {
    /// The kind of an entity label.
    pub fn of(label: &Label) -> Self {
        match label {
            Label::Person => EntityKind::Person,
            Label::Organization => EntityKind::Organization,
            Label::Location => EntityKind::Location,
            Label::Misc | Label::Other(_) => EntityKind::Misc,
        }
    }

    /// The node label in the property graph (`Person`, `Organization`, `Location`, `Misc`).
    pub fn node_label(self) -> &'static str {
        match self {
            EntityKind::Person => "Person",
            EntityKind::Organization => "Organization",
            EntityKind::Location => "Location",
            EntityKind::Misc => "Misc",
        }
    }

    /// Every kind, in the order the exports write them.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Location,
        EntityKind::Misc,
    ];
}

/// A person, organization, location or other name, merged across documents.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityNode {
    /// Stable id (see [`super::ids`]).
    pub id: String,
    /// Node type.
    pub kind: EntityKind,
    /// The entity label as extract wrote it (`PER`, `MISC`, `DATE`, …).
    pub label: String,
    /// Display name: the most frequent canonical name that maps to this id on its own.
    pub name: String,
}

/// One input document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentNode {
    /// Stable id, `doc/…`.
    pub id: String,
    /// The document id as extract wrote it.
    pub doc_id: String,
    /// The input record's metadata (`date`, `url`, `outlet`, …), as extract wrote it.
    pub meta: Metadata,
}

/// A speaker that is no tagged entity (a group, a nominal phrase), one node per document and
/// phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceNode {
    /// Stable id, `source/<document id>/<normalized phrase>` (see [`super::ids`]).
    pub id: String,
    /// The speaker phrase as written.
    pub name: String,
    /// Node id of the document it speaks in.
    pub document: String,
    /// The document id as extract wrote it.
    pub doc_id: String,
}

/// Who a quotation is attributed to.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerRef {
    /// Canonical name of the speaker, or the speaker text for group speakers.
    pub name: String,
    /// Node id of the speaker: its entity's, or its [`SourceNode`]'s.
    pub node: String,
    /// True when `node` is a [`SourceNode`] rather than an entity.
    pub is_source: bool,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteNode {
    /// Stable id, `quote/…/q0`.
    pub id: String,
    /// The quote id within its document (`q0`).
    pub quote_id: String,
    /// Node id of the document it appears in.
    pub document: String,
    /// The document id as extract wrote it.
    pub doc_id: String,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// Assertion, belief, fact or eventuality; `None` in output written before types existed.
    pub attribution: Option<AttributionType>,
    /// Proposition or topic; `None` in output written before forms existed.
    pub form: Option<ContentForm>,
    /// The confidence that it is an attribution, in [0, 1] (`Quote::score`).
    pub score: f32,
    /// The rule that found or attributed it (`quote-speaker-cue`, `learned-attribution`, …).
    pub rule: String,
    /// The quoted words.
    pub text: String,
    /// First character in the document text.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The cue words and their character offsets in the document, when there is a cue.
    pub cue: Option<TextSpan>,
    /// The document's `date` metadata, as text, when it has one: when it was said, at the
    /// latest.
    pub date: Option<String>,
    /// The speaker, when attributed.
    pub speaker: Option<SpeakerRef>,
    /// Node ids of the entities the quotation mentions, without repeats.
    pub about: Vec<String>,
    /// Node ids of the other documents that print the same words by the same speaker entity
    /// (a wire quotation reprinted), in input order: the quotation is `APPEARS_IN` each of them too.
    pub reprinted_in: Vec<String>,
}

/// A document mentions an entity `count` times.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionsEdge {
    /// Node id of the document.
    pub document: String,
    /// Node id of the entity.
    pub entity: String,
    /// Number of mentions in that document.
    pub count: usize,
}

/// Fewest words of a quotation that is merged with the same words of the same speaker in
/// another document: shorter ones (`No comment.`) repeat without being one statement.
pub const MIN_REPRINT_WORDS: usize = 5;

/// A quotation's words, lower case, without punctuation, one space apart: what two printings
/// of one quotation share (`"We will rebuild," he said` and `"We will rebuild."`).
fn quote_words(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// A metadata value as text: a string as it is, anything else as JSON (`2024`, `true`,
/// `["a","b"]`).
pub fn meta_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The whole export, in a deterministic order: entities by id, documents and quotations in
/// input order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Graph {
    /// Entity nodes, sorted by id.
    pub entities: Vec<EntityNode>,
    /// Document nodes.
    pub documents: Vec<DocumentNode>,
    /// Quotation nodes.
    pub quotes: Vec<QuoteNode>,
    /// Speakers that are no entity, in input order.
    pub sources: Vec<SourceNode>,
    /// Document → entity edges.
    pub mentions: Vec<MentionsEdge>,
    /// Problems that did not stop the export (duplicate documents, dangling speaker ids).
    pub warnings: Vec<String>,
}

/// Candidate display names of one node: (count, name) per name.
type NameVotes = HashMap<String, usize>;

impl Graph {
    /// Builds the graph of `documents` (see the module doc and [`super::ids`]).
    pub fn build(documents: &[Document]) -> Graph {
        let mut graph = Graph::default();
        let mut seen = HashSet::new();
        let unique: Vec<&Document> = documents
            .iter()
            .filter(|doc| {
                let first = seen.insert(doc.id.as_str());
                if !first {
                    graph.warnings.push(format!(
                        "{}: duplicate document id, later record skipped",
                        doc.id
                    ));
                }
                first
            })
            .collect();
        let mut builder = EntityIdsBuilder::new();
        for entity in unique.iter().flat_map(|doc| &doc.entities) {
            builder.observe(&entity.label, &entity.name);
        }
        let ids = builder.build();
        let mut nodes: BTreeMap<String, (EntityKind, String, NameVotes)> = BTreeMap::new();
        // (speaker entity node, words) → index of the quotation node first printed with them.
        let mut printed = HashMap::new();
        for doc in unique {
            graph.add_document(doc, &ids, &mut nodes, &mut printed);
        }
        graph.entities = nodes
            .into_iter()
            .map(|(id, (kind, label, votes))| EntityNode {
                name: display_name(&id, votes),
                id,
                kind,
                label,
            })
            .collect();
        graph
    }

    fn add_document(
        &mut self,
        doc: &Document,
        ids: &EntityIds,
        nodes: &mut BTreeMap<String, (EntityKind, String, NameVotes)>,
        printed: &mut HashMap<(String, String), usize>,
    ) {
        let document = ids::document_id(&doc.id);
        let mut local: HashMap<&str, &str> = HashMap::new();
        let mut mention_counts: Vec<(String, usize)> = Vec::new();
        for entity in &doc.entities {
            let id = ids.id(&entity.label, &entity.name);
            let node = nodes.entry(id.clone()).or_insert_with(|| {
                (
                    EntityKind::of(&entity.label),
                    entity.label.as_str().to_string(),
                    NameVotes::new(),
                )
            });
            *node.2.entry(entity.name.trim().to_string()).or_default() += 1;
            match mention_counts.iter_mut().find(|(e, _)| *e == id) {
                Some((_, count)) => *count += entity.mentions.len(),
                None => mention_counts.push((id.clone(), entity.mentions.len())),
            }
            local.insert(entity.id.as_str(), entity.name.as_str());
        }
        let by_local: HashMap<&str, String> = doc
            .entities
            .iter()
            .map(|e| (e.id.as_str(), ids.id(&e.label, &e.name)))
            .collect();
        self.mentions.extend(
            mention_counts
                .into_iter()
                .map(|(entity, count)| MentionsEdge {
                    document: document.clone(),
                    entity,
                    count,
                }),
        );
        for quote in doc.quotes.iter().filter(|q| q.kind != QuoteKind::Scare) {
            let speaker = quote.speaker.as_ref().map(|s| {
                let entity = s.entity.as_deref().and_then(|local_id| {
                    let found = by_local.get(local_id).cloned();
                    if found.is_none() {
                        self.warnings.push(format!(
                            "{}: quote {} names speaker entity {local_id}, which the document \
                             lacks; kept as a source",
                            doc.id, quote.id
                        ));
                    }
                    found.zip(local.get(local_id))
                });
                match entity {
                    Some((node, name)) => SpeakerRef {
                        name: name.to_string(),
                        node,
                        is_source: false,
                    },
                    None => SpeakerRef {
                        name: s.name.clone(),
                        node: self.source(doc, &document, &s.name),
                        is_source: true,
                    },
                }
            });
            // The same words by the same entity in another document (a wire story printed by
            // two outlets) are one quotation node, in both documents.
            let reprint_key = speaker
                .as_ref()
                .filter(|s| !s.is_source)
                .map(|s| (s.node.clone(), quote_words(&quote.text)))
                .filter(|(_, words)| words.split(' ').count() >= MIN_REPRINT_WORDS);
            if let Some(&first) = reprint_key.as_ref().and_then(|key| printed.get(key)) {
                let node: &mut QuoteNode = &mut self.quotes[first];
                if node.document != document && !node.reprinted_in.contains(&document) {
                    node.reprinted_in.push(document.clone());
                }
                continue;
            }
            if let Some(key) = reprint_key {
                printed.insert(key, self.quotes.len());
            }
            let mut about: Vec<String> = Vec::new();
            for node in quote.about.iter().filter_map(|e| by_local.get(e.as_str())) {
                if !about.contains(node) {
                    about.push(node.clone());
                }
            }
            self.quotes.push(QuoteNode {
                id: ids::quote_id(&doc.id, &quote.id),
                quote_id: quote.id.clone(),
                document: document.clone(),
                doc_id: doc.id.clone(),
                kind: quote.kind,
                attribution: quote.attribution,
                form: quote.form,
                score: quote.score,
                rule: quote.rule.clone(),
                text: quote.text.clone(),
                start: quote.span.start,
                end: quote.span.end,
                cue: quote.cue.clone(),
                date: doc.meta.get("date").map(meta_text),
                speaker,
                about,
                reprinted_in: Vec::new(),
            });
        }
        self.documents.push(DocumentNode {
            id: document,
            doc_id: doc.id.clone(),
            meta: doc.meta.clone(),
        });
    }

    /// The id of the source node for speaker phrase `name` in `doc`, added on first use.
    fn source(&mut self, doc: &Document, document: &str, name: &str) -> String {
        let id = ids::source_id(&doc.id, name);
        if !self.sources.iter().any(|s| s.id == id) {
            self.sources.push(SourceNode {
                id: id.clone(),
                name: name.to_string(),
                document: document.to_string(),
                doc_id: doc.id.clone(),
            });
        }
        id
    }
}

/// A name without a leading title, then the most frequent, then the longest, then the first in
/// sort order; the id's last segment when no name maps to the id on its own.
fn display_name(id: &str, votes: NameVotes) -> String {
    let untitled = |name: &str| ids::name_words(name).len() == ids::person_words(name).len();
    votes
        .into_iter()
        .max_by(|(a, ca), (b, cb)| {
            untitled(a)
                .cmp(&untitled(b))
                .then(ca.cmp(cb))
                .then(a.chars().count().cmp(&b.chars().count()))
                .then(b.cmp(a))
        })
        .map(|(name, _)| name)
        .unwrap_or_else(|| id.rsplit('/').next().unwrap_or(id).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Span;
    use crate::doc::{Entity, Mention, Quote, Speaker};

    fn entity(id: &str, label: Label, name: &str, mentions: usize) -> Entity {
        let mention = Mention {
            text: name.to_string(),
            span: Span::new(0, name.chars().count()),
            label: label.clone(),
            score: 1.0,
        };
        Entity {
            id: id.into(),
            label,
            name: name.into(),
            mentions: vec![mention; mentions],
        }
    }

    fn quote(id: &str, kind: QuoteKind, speaker: Option<(&str, Option<&str>)>) -> Quote {
        Quote {
            id: id.into(),
            kind,
            attribution: None,
            form: None,
            text: "words".into(),
            span: Span::new(0, 5),
            cue: None,
            speaker: speaker.map(|(name, entity)| Speaker {
                text: name.into(),
                span: Span::new(0, 1),
                entity: entity.map(str::to_string),
                name: name.into(),
            }),
            rule: "test".into(),
            score: 1.0,
            about: Vec::new(),
        }
    }

    fn doc(id: &str, entities: Vec<Entity>, quotes: Vec<Quote>) -> Document {
        Document {
            entities,
            quotes,
            ..Document::new(id, "")
        }
    }

    #[test]
    fn a_reprinted_quotation_is_one_node_in_each_document() {
        let said = |text: &str, speaker: (&str, Option<&str>)| Quote {
            text: text.into(),
            ..quote("q0", QuoteKind::Direct, Some(speaker))
        };
        let wire = "We will rebuild the harbour together, and soon.";
        let docs = vec![
            doc(
                "outlet-a",
                vec![entity("e0", Label::Person, "Joe Biden", 1)],
                vec![said(wire, ("Joe Biden", Some("e0")))],
            ),
            doc(
                "outlet-b",
                vec![entity("e3", Label::Person, "Joe Biden", 1)],
                vec![
                    said(
                        "“We will rebuild the harbour together — and soon”",
                        ("Biden", Some("e3")),
                    ),
                    Quote {
                        id: "q1".into(),
                        ..said("No comment.", ("Biden", Some("e3")))
                    },
                ],
            ),
            doc(
                "outlet-c",
                vec![entity("e0", Label::Person, "Joe Biden", 1)],
                vec![
                    said("No comment.", ("Joe Biden", Some("e0"))),
                    Quote {
                        id: "q1".into(),
                        ..said(wire, ("officials", None))
                    },
                ],
            ),
        ];
        let graph = Graph::build(&docs);
        let reprinted: Vec<&QuoteNode> = graph
            .quotes
            .iter()
            .filter(|q| q.text.starts_with("We will"))
            .collect();
        assert_eq!(
            reprinted.len(),
            2,
            "one node for Biden's, one for the officials'"
        );
        assert_eq!(reprinted[0].document, "doc/outlet-a");
        assert_eq!(reprinted[0].reprinted_in, ["doc/outlet-b"]);
        // A source is scoped to its document: the officials' words stay their own node.
        assert!(reprinted[1].reprinted_in.is_empty());
        // Short words repeat without being one statement.
        assert_eq!(
            graph
                .quotes
                .iter()
                .filter(|q| q.text == "No comment.")
                .count(),
            2
        );
    }

    #[test]
    fn one_person_across_documents_and_surface_forms_group_sources_and_about() {
        let mut docs = vec![
            doc(
                "a",
                vec![entity("e0", Label::Person, "Joe Biden", 2)],
                vec![quote(
                    "q0",
                    QuoteKind::Direct,
                    Some(("Joe Biden", Some("e0"))),
                )],
            ),
            doc(
                "b",
                vec![
                    entity("e0", Label::Person, "President Joe Biden", 1),
                    entity("e1", Label::Location, "Dover", 1),
                ],
                vec![
                    quote("q0", QuoteKind::Direct, Some(("Biden", Some("e0")))),
                    quote("q1", QuoteKind::Scare, None),
                    quote("q2", QuoteKind::Indirect, Some(("officials", None))),
                    quote("q3", QuoteKind::Indirect, Some(("officials", None))),
                ],
            ),
            doc("a", vec![], vec![]),
        ];
        docs[1].quotes[0].about = vec!["e1".into(), "e0".into(), "e7".into()];
        let graph = Graph::build(&docs);
        assert_eq!(graph.entities.len(), 2);
        assert_eq!(graph.entities[0].id, "location/dover");
        assert_eq!(graph.entities[1].id, "person/joe-biden");
        assert_eq!(graph.entities[1].name, "Joe Biden");
        assert_eq!(graph.documents.len(), 2);
        assert_eq!(graph.warnings.len(), 1, "{:?}", graph.warnings);
        let speakers: Vec<_> = graph.quotes.iter().map(|q| q.speaker.clone()).collect();
        assert_eq!(speakers.len(), 4, "the scare quote is left out");
        assert_eq!(
            speakers[1],
            Some(SpeakerRef {
                name: "President Joe Biden".into(),
                node: "person/joe-biden".into(),
                is_source: false,
            })
        );
        assert_eq!(
            graph.quotes[1].about,
            ["location/dover", "person/joe-biden"]
        );
        let group = SpeakerRef {
            name: "officials".into(),
            node: "source/b/officials".into(),
            is_source: true,
        };
        assert_eq!(speakers[2].as_ref(), Some(&group));
        assert_eq!(speakers[3].as_ref(), Some(&group));
        assert_eq!(
            graph.sources.len(),
            1,
            "one source node per phrase and document"
        );
        assert_eq!(graph.sources[0].doc_id, "b");
        assert_eq!(graph.mentions[0].count, 2);
    }

    #[test]
    fn two_entities_of_one_document_on_one_node_make_one_edge() {
        let docs = vec![doc(
            "a",
            vec![
                entity("e0", Label::Person, "Joe Biden", 2),
                entity("e1", Label::Person, "President Joe Biden", 1),
            ],
            vec![quote("q0", QuoteKind::Direct, Some(("x", Some("e9"))))],
        )];
        let graph = Graph::build(&docs);
        assert_eq!(graph.entities[0].name, "Joe Biden");
        assert_eq!(graph.mentions.len(), 1);
        assert_eq!(graph.mentions[0].count, 3);
        assert_eq!(graph.warnings.len(), 1, "dangling speaker id");
        let speaker = graph.quotes[0].speaker.as_ref();
        assert_eq!(
            speaker.map(|s| (s.is_source, s.node.as_str())),
            Some((true, "source/a/x"))
        );
    }
}
