//! The pipeline: tagging → linking → quotations over one [`Document`] at a time, batched.
//!
//! Load a [`Pipeline`] once and feed it many documents; a document that fails yields its own
//! error and never stops the others. [`Pipeline::stream`] drives it over an unbounded stream of
//! records with reading, tagging and the rule stages on separate threads.

use crate::doc::{Document, Mention};
use crate::error::{Error, Result};
use crate::input::InputItem;
use crate::tagging::{Tagger, TaggerOptions};
use crate::{linking, quotes};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::thread;

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
        out.pop()
            .unwrap_or_else(|| Err(crate::Error::Inference("no result for the document".into())))
    }

    /// Runs every stage on many documents, batching the transformer across them. Returns one
    /// result per input, in order; when a batch fails, its documents are retried one by one so
    /// that only the document at fault reports the error.
    pub fn process_batch(&self, docs: Vec<Document>) -> Vec<Result<Document>> {
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        let tagged = self.tag_each(&texts);
        docs.into_iter()
            .zip(tagged)
            .map(|(mut doc, mentions)| {
                annotate(&mut doc, &mentions?);
                Ok(doc)
            })
            .collect()
    }

    /// Tags `texts` in one call, or one by one when that call fails, so that an error stays
    /// with the text that caused it. One result per text, in order.
    fn tag_each(&self, texts: &[&str]) -> Vec<Result<Vec<Mention>>> {
        match self.tagger.tag(texts) {
            Ok(all) => all.into_iter().map(Ok).collect(),
            Err(_) if texts.len() > 1 => texts
                .iter()
                .map(|t| {
                    self.tagger
                        .tag(&[t])
                        .map(|mut m| m.pop().unwrap_or_default())
                })
                .collect(),
            Err(e) => vec![Err(e)],
        }
    }

    /// Runs every stage over a stream of input records and hands each result to `sink`, in
    /// input order, one per record (read errors included) except those in `options.done`.
    ///
    /// Three threads overlap: one reads and parses `items` and groups them into batches, the
    /// calling thread tags each batch (one transformer call across its documents, so windows
    /// of many documents fill the forward passes), and one links entities, finds quotations and
    /// calls `sink`. Stages pass batches through bounded queues, so memory stays constant in
    /// the number of records. When `sink` fails, reading and tagging stop and its error is
    /// returned.
    pub fn stream<I, F, E>(&self, items: I, options: &StreamOptions, mut sink: F) -> Result<(), E>
    where
        I: Iterator<Item = InputItem> + Send,
        F: FnMut(Processed) -> Result<(), E> + Send,
        E: Send,
    {
        let depth = options.queue_batches.max(1);
        let done = &options.done;
        let (batch_tx, batch_rx) = mpsc::sync_channel::<Vec<InputItem>>(depth);
        let (tagged_tx, tagged_rx) = mpsc::sync_channel::<Vec<Tagged>>(depth);
        thread::scope(|scope| {
            scope.spawn(move || {
                for batch in batches(items, options) {
                    if batch.iter().all(|item| done.contains(&item.id)) {
                        continue;
                    }
                    if batch_tx.send(batch).is_err() {
                        break;
                    }
                }
            });
            let writer = scope.spawn(move || -> Result<(), E> {
                for batch in tagged_rx {
                    for tagged in batch {
                        if !done.contains(&tagged.item.id) {
                            sink(tagged.finish())?;
                        }
                    }
                }
                Ok(())
            });
            for batch in batch_rx {
                if tagged_tx.send(self.tag_items(batch)).is_err() {
                    break;
                }
            }
            drop(tagged_tx);
            writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    /// Tags the readable documents of one batch together; items that failed to read pass by.
    fn tag_items(&self, batch: Vec<InputItem>) -> Vec<Tagged> {
        let texts: Vec<&str> = batch
            .iter()
            .filter_map(|item| item.document.as_ref().ok())
            .map(|doc| doc.text.as_str())
            .collect();
        let mut tagged = self.tag_each(&texts).into_iter();
        let mentions: Vec<Option<Result<Vec<Mention>>>> = batch
            .iter()
            .map(|item| item.document.is_ok().then(|| tagged.next()).flatten())
            .collect();
        batch
            .into_iter()
            .zip(mentions)
            .map(|(item, mentions)| Tagged { item, mentions })
            .collect()
    }
}

/// How [`Pipeline::stream`] groups records.
#[derive(Debug, Clone)]
pub struct StreamOptions {
    /// Most documents per tagger call.
    pub docs_per_batch: usize,
    /// A batch closes once its documents hold this many bytes of text (a longer document goes
    /// alone), which bounds memory whatever the document sizes.
    pub bytes_per_batch: usize,
    /// Batches waiting between two stages.
    pub queue_batches: usize,
    /// Ids of records already processed (resuming a run): they are not handed to the sink.
    /// Batches are still formed over all records, and a batch that holds any record not yet
    /// done is tagged whole, so every document is tagged in the same company as in the run
    /// that was interrupted: batched inference rounds slightly differently in another batch,
    /// and the resumed output is byte for byte the uninterrupted one.
    pub done: Arc<HashSet<String>>,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            docs_per_batch: 64,
            bytes_per_batch: 256 * 1024,
            queue_batches: 2,
            done: Arc::default(),
        }
    }
}

/// One record's outcome from [`Pipeline::stream`].
#[derive(Debug)]
pub struct Processed {
    /// The record's id.
    pub id: String,
    /// The annotated document, or why it could not be read or processed.
    pub result: Result<Document>,
    /// The document's text was derived from the input (HTML), see [`InputItem::text_derived`].
    pub text_derived: bool,
}

/// A record between tagging and the later stages.
struct Tagged {
    item: InputItem,
    /// `None` for items that failed to read.
    mentions: Option<Result<Vec<Mention>>>,
}

impl Tagged {
    fn finish(self) -> Processed {
        let InputItem {
            id,
            document,
            text_derived,
        } = self.item;
        let result = document.and_then(|mut doc| {
            let mentions = self
                .mentions
                .unwrap_or_else(|| Err(Error::Inference("the tagger returned no result".into())))?;
            annotate(&mut doc, &mentions);
            Ok(doc)
        });
        Processed {
            id,
            result,
            text_derived,
        }
    }
}

/// Groups `items` into batches of at most `docs_per_batch` records and about
/// `bytes_per_batch` bytes of text.
fn batches<I: Iterator<Item = InputItem>>(
    mut items: I,
    options: &StreamOptions,
) -> impl Iterator<Item = Vec<InputItem>> {
    let (max_docs, max_bytes) = (options.docs_per_batch.max(1), options.bytes_per_batch);
    std::iter::from_fn(move || {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while batch.len() < max_docs && bytes < max_bytes {
            let Some(item) = items.next() else { break };
            bytes += item.document.as_ref().map_or(0, |d| d.text.len());
            batch.push(item);
        }
        (!batch.is_empty()).then_some(batch)
    })
}

/// The stages after tagging: groups `mentions` into entities and finds quotations. Usable
/// without a model, with mentions given.
pub fn annotate(doc: &mut Document, mentions: &[Mention]) {
    doc.entities = linking::group_mentions(mentions);
    doc.quotes = quotes::find_quotes(&doc.text, &doc.entities);
}
