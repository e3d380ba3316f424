//! quotegraph reads news articles and finds the people, places and organizations they name and
//! the quotations they contain, each linked to its speaker.
//!
//! The pipeline runs over one [`Document`] at a time, stage by stage:
//!
//! 1. **tagging** ([`tagging`]): a transformer token classifier (BERT, DistilBERT, RoBERTa via
//!    rust-bert) labels words PER / LOC / ORG / MISC; mentions carry character offsets.
//! 2. **linking** ([`linking`]): mentions of the same thing become one [`Entity`].
//! 3. **quotes** ([`quotes`]): rules find direct, mixed and reported speech and its speaker.
//! 4. **output** ([`output`]): one JSON object per document, JSON Lines.
//!
//! [`export`] turns that output into knowledge-graph files (Neo4j CSVs, RDF) and HTML pages.
//!
//! All offsets are character offsets (Unicode scalar values), end-exclusive, into the text as
//! given; [`offsets`] is the one place that converts from bytes.
//!
//! ```no_run
//! use quotegraph::{Document, Pipeline};
//!
//! let pipeline = Pipeline::load(&quotegraph::default_model_dir())?;
//! let doc = pipeline.process(Document::new("a1", "Mike Pompeo met Kim Jong Un in Pyongyang."))?;
//! for entity in &doc.entities {
//!     println!("{} {}", entity.label, entity.name);
//! }
//! # Ok::<(), quotegraph::Error>(())
//! ```
#![deny(missing_docs)]

pub mod doc;
pub mod error;
pub mod eval;
pub mod export;
pub mod input;
pub mod linking;
pub mod offsets;
pub mod output;
pub mod pipeline;
pub mod quotes;
pub mod sentences;
pub mod tagging;

pub use doc::{Document, Entity, Label, Mention, Quote, QuoteKind, Span, Speaker, TextSpan};
pub use error::{Error, Result};
pub use pipeline::{annotate, default_model_dir, Pipeline, Processed, StreamOptions};
pub use tagging::{Tagger, TaggerOptions};
