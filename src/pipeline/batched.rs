//! [`Pipeline`]: the tagger and the later stages over many documents, batched.
//!
//! Load a [`Pipeline`] once and feed it many documents; a document that fails yields its own
//! error and never stops the others. [`Pipeline::stream`] drives it over an unbounded stream of
//! records with reading, tagging and the rule stages on separate threads.

use super::stages::{annotate_with, reading_text};
use crate::doc::{Document, Tagged};
use crate::error::{Error, Result};
use crate::quotes::Attributions;
use crate::tagging::{Tagger, TaggerOptions};
use std::borrow::Cow;
use std::path::Path;
use std::sync::mpsc;
use std::thread;

/// A loaded extraction pipeline.
#[derive(Debug)]
pub struct Pipeline {
    tagger: Tagger,
    attributions: Attributions,
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
            attributions: Attributions::default(),
        })
    }

    /// The same pipeline writing the attributions `attributions` names (statements by
    /// default; [`Attributions::All`] for every attribution, PolNeAR's view).
    pub fn with_attributions(self, attributions: Attributions) -> Pipeline {
        Pipeline {
            attributions,
            ..self
        }
    }

    /// The tagger, for callers that want mentions only.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// Runs every stage on one document.
    pub fn process(&self, doc: Document) -> Result<Document> {
        let mut out = self.process_batch(vec![doc]);
        out.pop()
            .unwrap_or_else(|| Err(Error::inference("no result for the document", None)))
    }

    /// Runs every stage on many documents, batching the transformer across them. Returns one
    /// result per input, in order; when a batch fails, its documents are retried one by one so
    /// that only the document at fault reports the error.
    pub fn process_batch(&self, docs: Vec<Document>) -> Vec<Result<Document>> {
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        let tagged = self.tag_each(&texts);
        docs.into_iter()
            .zip(tagged)
            .map(|(mut doc, tagged)| {
                let tagged = tagged?;
                annotate_with(&mut doc, &tagged.mentions, &tagged.roles, self.attributions);
                Ok(doc)
            })
            .collect()
    }

    /// Tags `texts` in one call, or one by one when that call fails, so that an error stays
    /// with the text that caused it. One result per text, in order.
    fn tag_each(&self, texts: &[&str]) -> Vec<Result<Tagged>> {
        let reading: Vec<Cow<str>> = texts.iter().map(|t| reading_text(t)).collect();
        let texts: Vec<&str> = reading.iter().map(|t| t.as_ref()).collect();
        let texts = texts.as_slice();
        match self.tagger.tag_with_roles(texts) {
            Ok(all) => all.into_iter().map(Ok).collect(),
            Err(_) if texts.len() > 1 => texts
                .iter()
                .map(|t| {
                    self.tagger
                        .tag_with_roles(&[t])
                        .map(|mut m| m.pop().unwrap_or_default())
                })
                .collect(),
            Err(e) => vec![Err(e)],
        }
    }

    /// Runs every stage over a stream of records and hands each result to `sink`, in input
    /// order, one per record (read errors included) except those `skip` marks.
    ///
    /// A record is a key of the caller's (an id, or whatever the sink needs back with the
    /// result) and the document, or the error that stopped it from being read, which passes
    /// through to the sink unchanged. `skip` marks records already processed (a resumed run):
    /// they are not handed to the sink, but batches are still formed over all records, and a
    /// batch that holds any record not skipped is tagged whole, so every document is tagged in
    /// the same company as in an uninterrupted run: batched inference rounds slightly
    /// differently in another batch, and a resumed output is byte for byte the uninterrupted
    /// one.
    ///
    /// Three threads overlap: one reads `records` and groups them into batches, the calling
    /// thread tags each batch (one transformer call across its documents, so windows of many
    /// documents fill the forward passes), and one links entities, finds quotations and calls
    /// `sink`. Stages pass batches through bounded queues, so memory stays constant in the
    /// number of records. When `sink` fails, reading and tagging stop and its error is
    /// returned.
    pub fn stream<K, I, S, F, E>(
        &self,
        records: I,
        options: &StreamOptions,
        skip: S,
        sink: F,
    ) -> Result<(), E>
    where
        K: Send,
        I: Iterator<Item = (K, Result<Document>)> + Send,
        S: Fn(&K) -> bool + Sync,
        F: FnMut(K, Result<Document>) -> Result<(), E> + Send,
        E: Send,
    {
        let skip = &skip;
        let batches =
            batches(records, options).filter(move |batch| !batch.iter().all(|(key, _)| skip(key)));
        self.stream_batches(batches, options.queue_batches, skip, sink)
    }

    /// [`Pipeline::stream`] over batches the caller forms: each item of `batches` is one
    /// tagger call, so a caller that knows when to stop waiting for more documents (a server
    /// batching across requests) decides the batches, with the same three overlapping threads.
    /// `queue_batches` bounds the batches waiting between two stages; records `skip` marks
    /// are tagged with their batch but not handed to `sink`.
    pub fn stream_batches<K, B, S, F, E>(
        &self,
        batches: B,
        queue_batches: usize,
        skip: S,
        mut sink: F,
    ) -> Result<(), E>
    where
        K: Send,
        B: Iterator<Item = Vec<(K, Result<Document>)>> + Send,
        S: Fn(&K) -> bool + Sync,
        F: FnMut(K, Result<Document>) -> Result<(), E> + Send,
        E: Send,
    {
        let depth = queue_batches.max(1);
        let skip = &skip;
        let attributions = self.attributions;
        let (batch_tx, batch_rx) = mpsc::sync_channel::<Vec<(K, Result<Document>)>>(depth);
        let (tagged_tx, tagged_rx) = mpsc::sync_channel::<Vec<TaggedRecord<K>>>(depth);
        thread::scope(|scope| {
            scope.spawn(move || {
                for batch in batches {
                    if batch_tx.send(batch).is_err() {
                        break;
                    }
                }
            });
            let writer = scope.spawn(move || -> Result<(), E> {
                for batch in tagged_rx {
                    for tagged in batch.into_iter().filter(|t| !skip(&t.key)) {
                        let (key, result) = tagged.finish(attributions);
                        sink(key, result)?;
                    }
                }
                Ok(())
            });
            for batch in batch_rx {
                if tagged_tx.send(self.tag_records(batch)).is_err() {
                    break;
                }
            }
            drop(tagged_tx);
            writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    /// Tags the readable documents of one batch together; records that failed to read pass by.
    fn tag_records<K>(&self, batch: Vec<(K, Result<Document>)>) -> Vec<TaggedRecord<K>> {
        let texts: Vec<&str> = batch
            .iter()
            .filter_map(|(_, document)| document.as_ref().ok())
            .map(|doc| doc.text.as_str())
            .collect();
        let mut tagged = self.tag_each(&texts).into_iter();
        let outputs: Vec<Option<Result<Tagged>>> = batch
            .iter()
            .map(|(_, document)| document.is_ok().then(|| tagged.next()).flatten())
            .collect();
        batch
            .into_iter()
            .zip(outputs)
            .map(|((key, document), tagged)| TaggedRecord {
                key,
                document,
                tagged,
            })
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
}

impl StreamOptions {
    /// True when a batch of `docs` documents holding `bytes` bytes of text takes no more.
    pub fn is_full(&self, docs: usize, bytes: usize) -> bool {
        docs >= self.docs_per_batch.max(1) || bytes >= self.bytes_per_batch
    }
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            docs_per_batch: 64,
            bytes_per_batch: 256 * 1024,
            queue_batches: 2,
        }
    }
}

/// A record between tagging and the later stages.
struct TaggedRecord<K> {
    key: K,
    document: Result<Document>,
    /// `None` for records that failed to read.
    tagged: Option<Result<Tagged>>,
}

impl<K> TaggedRecord<K> {
    fn finish(self, attributions: Attributions) -> (K, Result<Document>) {
        let tagged = self.tagged;
        let result = self.document.and_then(|mut doc| {
            let tagged = tagged
                .unwrap_or_else(|| Err(Error::inference("the tagger returned no result", None)))?;
            annotate_with(&mut doc, &tagged.mentions, &tagged.roles, attributions);
            Ok(doc)
        });
        (self.key, result)
    }
}

/// Groups `records` into batches of at most `docs_per_batch` records and about
/// `bytes_per_batch` bytes of text.
fn batches<K, I: Iterator<Item = (K, Result<Document>)>>(
    mut records: I,
    options: &StreamOptions,
) -> impl Iterator<Item = Vec<(K, Result<Document>)>> {
    let options = options.clone();
    std::iter::from_fn(move || {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while !options.is_full(batch.len(), bytes) {
            let Some(record) = records.next() else { break };
            bytes += record.1.as_ref().map_or(0, |d| d.text.len());
            batch.push(record);
        }
        (!batch.is_empty()).then_some(batch)
    })
}
