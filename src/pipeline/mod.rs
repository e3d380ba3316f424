//! The pipeline: tagging → linking → quotations over one [`Document`] at a time.
//!
//! [`annotate`] runs the stages after tagging on mentions from any tagger (no model needed);
//! with the `tagger` feature, [`Pipeline`] adds the transformer tagger in front and batches it
//! across documents.

#[cfg(feature = "tagger")]
mod batched;
mod stages;

#[cfg(feature = "tagger")]
pub use batched::{Pipeline, StreamOptions};

pub use stages::{annotate, annotate_with, reading_text};
use std::path::{Path, PathBuf};

/// The model directory shipped with quotegraph, used when no other is named.
pub fn default_model_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("QUOTEGRAPH_MODEL") {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models/quotegraph-ner-minilm")
}
