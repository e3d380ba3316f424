//! The pipeline: tagging → linking → quotations over one [`Document`] at a time, batched.
//!
//! Load a [`Pipeline`] once and feed it many documents; a document that fails yields its own
//! error and never stops the others.

use crate::doc::{Document, Mention};
use crate::error::Result;
use crate::tagging::{Tagger, TaggerOptions};
use crate::{linking, quotes};
use std::path::{Path, PathBuf};

/// The model directory shipped with quotegraph, used when no other is named.
pub fn default_model_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("QUOTEGRAPH_MODEL") {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models/quotegraph-ner-minilm")
}

/// A loaded extraction pipeline.
#[derive(Debug)]
pub struct Pipeline {
    tagger: Tagger,
}

impl Pipeline {
    /// Loads the tagger in `model_dir` (Hugging Face layout) with default options.
    pub fn load(model_dir: &Path) -> Result<Pipeline> {
        Pipeline::load_with(model_dir, TaggerOptions::default())
    }

    /// Loads the tagger in `model_dir` with the given options.
    pub fn load_with(model_dir: &Path, options: TaggerOptions) -> Result<Pipeline> {
        Ok(Pipeline {
            tagger: Tagger::load_with(model_dir, options)?,
        })
    }

    /// The tagger, for callers that want mentions only.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// Runs every stage on one document.
    pub fn process(&self, doc: Document) -> Result<Document> {
        let mut out = self.process_batch(vec![doc]);
        out.pop().unwrap_or_else(|| {
            Err(crate::Error::Inference("no result for the document".into()))
        })
    }

    /// Runs every stage on many documents, batching the transformer across them. Returns one
    /// result per input, in order; when a batch fails, its documents are retried one by one so
    /// that only the document at fault reports the error.
    pub fn process_batch(&self, docs: Vec<Document>) -> Vec<Result<Document>> {
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        let tagged: Vec<Result<Vec<Mention>>> = match self.tagger.tag(&texts) {
            Ok(all) => all.into_iter().map(Ok).collect(),
            Err(_) if texts.len() > 1 => texts
                .iter()
                .map(|t| self.tagger.tag(&[t]).map(|mut m| m.pop().unwrap_or_default()))
                .collect(),
            Err(e) => vec![Err(e)],
        };
        docs.into_iter()
            .zip(tagged)
            .map(|(mut doc, mentions)| {
                annotate(&mut doc, &mentions?);
                Ok(doc)
            })
            .collect()
    }
}

/// The stages after tagging: groups `mentions` into entities and finds quotations. Usable
/// without a model, with mentions given.
pub fn annotate(doc: &mut Document, mentions: &[Mention]) {
    doc.entities = linking::group_mentions(mentions);
    doc.quotes = quotes::find_quotes(&doc.text, &doc.entities);
}
