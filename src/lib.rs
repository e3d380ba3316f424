//! quotegraph reads news articles and finds the people, places and organizations they name and
//! the quotations they contain, each linked to its speaker and to whom it is about.
//!
//! The pipeline runs over one [`Document`] at a time, stage by stage:
//!
//! 1. **input** ([`input`]): text, HTML and JSON Lines files, directories, standard input.
//! 2. **tagging** (`tagging`, feature `tagger`): a transformer token classifier (BERT,
//!    DistilBERT, RoBERTa via rust-bert over libtorch) labels words PER / LOC / ORG / MISC;
//!    [`Mention`]s carry character offsets.
//! 3. **linking** ([`linking`]): mentions of the same thing become one [`Entity`].
//! 4. **quotes** ([`quotes`]): rules find direct, mixed and reported speech and its speaker.
//! 5. **output** ([`output`]): one JSON object per document, JSON Lines.
//!
//! [`export`] turns that output into knowledge-graph files (Neo4j CSVs, RDF) and HTML pages;
//! [`eval`] scores against annotated corpora.
//!
//! All offsets are character offsets (Unicode scalar values), end-exclusive, into the text as
//! given — Python's `text[start:end]`; the crate converts from bytes in one internal place.
//!
//! # Features
//! `tagger` (default) brings the transformer tagger, [`Pipeline`] and the command-line binary,
//! and needs libtorch (`scripts/setup.sh`). Without it (`default-features = false`) the crate
//! builds with no libtorch anywhere: the rules, linking, input, output and exports work on
//! mentions from any tagger, through [`annotate`].
//!
//! # Entry points
//!
//! **A whole document** ([`Pipeline`], feature `tagger`). Load once; [`Pipeline`] is
//! `Send + Sync`, so one can serve many threads behind an `Arc`.
//!
//! ```
//! # #[cfg(feature = "tagger")] {
//! use quotegraph::{Document, Label, Pipeline};
//!
//! let pipeline = Pipeline::load(&quotegraph::default_model_dir())?;
//! let text = "“We had a good conversation,” Mike Pompeo told reporters in Seoul.";
//! let doc = pipeline.process(Document::new("a1", text))?;
//! let pompeo = doc.entities.iter().find(|e| e.name == "Mike Pompeo").expect("tagged");
//! assert_eq!(pompeo.label, Label::Person);
//! let speaker = doc.quotes[0].speaker.as_ref().expect("attributed");
//! assert_eq!(speaker.entity.as_deref(), Some(pompeo.id.as_str()));
//! # }
//! # Ok::<(), quotegraph::Error>(())
//! ```
//!
//! **Many documents, streamed** ([`Pipeline::stream`]): records in, results out in input
//! order, tagging batched across documents; the key of each record comes back with its result.
//!
//! ```
//! # #[cfg(feature = "tagger")] {
//! use quotegraph::{Document, Pipeline, StreamOptions};
//!
//! let pipeline = Pipeline::load(&quotegraph::default_model_dir())?;
//! let records = ["Angela Ruiz spoke.", "Tom Reyes left."]
//!     .into_iter()
//!     .enumerate()
//!     .map(|(i, text)| (i, Ok(Document::new(i.to_string(), text))));
//! let mut names = Vec::new();
//! let skip_none = |_: &usize| false;
//! pipeline.stream(records, &StreamOptions::default(), skip_none, |i, result| {
//!     let doc = result?;
//!     names.push((i, doc.entities.len()));
//!     Ok::<(), quotegraph::Error>(())
//! })?;
//! assert_eq!(names, [(0, 1), (1, 1)]);
//! # }
//! # Ok::<(), quotegraph::Error>(())
//! ```
//!
//! **Your own tagger's mentions** ([`annotate`]: linking and quotations, no model).
//!
//! ```
//! use quotegraph::{annotate, Document, Label, Mention, Span};
//!
//! let text = "“The plan is a fantasy,” said Tom Reyes.";
//! let name = Mention { text: "Tom Reyes".into(), span: Span::new(30, 39), label: Label::Person, score: 1.0 };
//! let mut doc = Document::new("a2", text);
//! annotate(&mut doc, &[name], &[]);
//! assert_eq!(doc.quotes[0].text, "The plan is a fantasy,");
//! assert_eq!(doc.quotes[0].speaker.as_ref().map(|s| s.name.as_str()), Some("Tom Reyes"));
//! ```
//!
//! **A knowledge graph** ([`export::Graph`]) from extract output, written as N-Triples (or
//! Neo4j CSVs with [`export::neo4j::write_csv`]).
//!
//! ```
//! use quotegraph::export::{rdf, Graph};
//! use quotegraph::{annotate, Document, Label, Mention, Span};
//!
//! let text = "“We will rebuild,” said Ana Diaz.";
//! let name = Mention { text: "Ana Diaz".into(), span: Span::new(24, 32), label: Label::Person, score: 1.0 };
//! let mut doc = Document::new("a3", text);
//! annotate(&mut doc, &[name], &[]);
//! let mut triples = Vec::new();
//! rdf::write_ntriples(&Graph::build(&[doc]), rdf::DEFAULT_BASE, &mut triples)?;
//! let triples = String::from_utf8(triples).expect("UTF-8");
//! assert!(triples.contains("<http://schema.org/spokenByCharacter> <urn:quotegraph:person/ana-diaz>"));
//! # Ok::<(), quotegraph::Error>(())
//! ```
//!
//! **Reading input** ([`input`]): a JSON Lines record, or a web page's main text.
//!
//! ```
//! use quotegraph::input::{html, parse_json_line, JsonFields};
//!
//! let item = parse_json_line(r#"{"id": "a4", "text": "Hello"}"#, "in.jsonl:1", &JsonFields::default());
//! assert_eq!(item.document?.text, "Hello");
//! let page = "<html><body><article><p>Ferry crews returned to work on Monday after a \
//!             nine-day strike, the union said.</p></article></body></html>";
//! assert!(html::main_text(page)?.contains("Ferry crews returned"));
//! # Ok::<(), quotegraph::Error>(())
//! ```
#![deny(missing_docs)]
// Without the `tagger` feature, the links to `Pipeline` and `Tagger` above have no target.
#![cfg_attr(not(feature = "tagger"), allow(rustdoc::broken_intra_doc_links))]

pub mod doc;
pub mod error;
pub mod eval;
pub mod export;
pub mod input;
pub mod labels;
pub mod linking;
pub(crate) mod offsets;
pub mod output;
mod pipeline;
pub mod quotes;
pub(crate) mod sentences;
#[cfg(feature = "tagger")]
pub mod serve;
#[cfg(feature = "tagger")]
pub mod tagging;
pub(crate) mod titles;

pub use doc::{
    AttributionType, ContentForm, Document, Entity, Label, Mention, Metadata, Quote, QuoteKind,
    Role, RoleSpan, Span, Speaker, Tagged, TextSpan,
};
pub use error::{Error, ErrorKind, Result};
pub use pipeline::{annotate, annotate_with, default_model_dir, reading_text};
#[cfg(feature = "tagger")]
pub use pipeline::{Pipeline, StreamOptions};
pub use quotes::Attributions;
#[cfg(feature = "tagger")]
pub use tagging::{Tagger, TaggerOptions};
