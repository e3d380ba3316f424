//! One pipeline for every request: documents of all requests wait in one queue, and each
//! tagger call takes whatever is waiting, so that many small requests fill forward passes the
//! way a batch file does.

use super::metrics::Metrics;
use crate::doc::Document;
use crate::error::{Error, ErrorKind};
use crate::output::JsonlWriter;
use crate::pipeline::{Pipeline, StreamOptions};
use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::mpsc::Receiver;
use std::time::Instant;
use tokio::sync::{oneshot, OwnedSemaphorePermit};

/// Batches formed ahead of the tagger while it runs, as `extract` forms them: with none, a
/// tagger call would take every waiting document, and with few clients all of them, so the
/// tagger would stand idle while their records are linked and their next documents come
/// (`scripts/bench_serve.sh` at concurrency 16, in % of extract's documents/s on a noisy
/// 2-core machine: 90, 137, 77, 84 with none; 107, 90, 111 with two). Documents of a client
/// that left are dropped when their batch forms, not after.
const READ_AHEAD_BATCHES: usize = 2;

/// One document on its way through the pipeline, and where its answer goes.
pub(super) struct Job {
    /// The document, read from the request.
    pub(super) document: Document,
    /// Who waits for the record and how to write it.
    pub(super) reply: Reply,
}

/// What comes back with a document from the pipeline.
pub(super) struct Reply {
    /// The record's id, for an error record.
    pub(super) id: String,
    /// The text was derived from the input (HTML), so the record carries it.
    pub(super) text_derived: bool,
    /// Receives the record, one JSON line.
    pub(super) to: oneshot::Sender<Vec<u8>>,
    /// The document's place in the bounded queue, given back once it is answered.
    pub(super) _slot: Slot,
    /// When it entered the queue.
    pub(super) queued: Instant,
}

/// A document's place in the queue: a permit of the server's queue and, for a document of a
/// JSON Lines stream, a share of that stream's own count; both given back when dropped.
pub(super) struct Slot {
    pub(super) _queue: OwnedSemaphorePermit,
    pub(super) _stream: Option<std::sync::Arc<()>>,
}

/// One output line for `result`, as `extract` writes it (without `--pretty`).
pub(super) fn record_line(
    id: &str,
    text_derived: bool,
    result: &Result<Document, Error>,
    include_text: bool,
) -> Vec<u8> {
    let mut line = Vec::new();
    let mut writer = JsonlWriter::new(&mut line, false).include_text(include_text);
    let written = match result {
        Ok(doc) => writer.write_document(doc, text_derived),
        Err(e) => writer.write_failure(id, e),
    };
    if let Err(e) = written {
        line.clear();
        let message = format!("cannot write the record: {e}");
        let mut writer = JsonlWriter::new(&mut line, false);
        // Writing an error record of plain strings into memory does not fail.
        let _ = writer.write_error(id, ErrorKind::Io, &message);
    }
    line
}

/// The outcome label of a record in the metrics: `ok` or its error kind.
pub(super) fn outcome(result: &Result<Document, Error>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(e) => e.kind().as_str(),
    }
}

/// Runs the pipeline over every unit of jobs `units` yields until all senders are gone,
/// sending each record to its reply. Jobs whose client went away before their batch formed
/// are dropped untagged.
pub(super) fn run(
    pipeline: &Pipeline,
    units: Receiver<Vec<Job>>,
    options: &StreamOptions,
    include_text: bool,
    metrics: &Metrics,
) {
    let batches = Batches {
        units,
        waiting: VecDeque::new(),
        options,
        metrics,
    };
    let answer = |reply: Reply, result: Result<Document, Error>| {
        let line = record_line(&reply.id, reply.text_derived, &result, include_text);
        metrics.document(outcome(&result), Some(reply.queued.elapsed()));
        let stats = pipeline.tagger().stats();
        metrics.tagger(stats.batches, stats.sequences);
        // The slot is free before the answer goes, so that a client who reads the metrics
        // after its answer sees its documents out of the queue. A client that went away
        // meanwhile gets nothing.
        let Reply { to, _slot, .. } = reply;
        drop(_slot);
        let _ = to.send(line);
        Ok::<(), Infallible>(())
    };
    let Ok(()) = pipeline.stream_batches(batches, READ_AHEAD_BATCHES, |_| false, answer);
}

/// Batches of whatever is waiting: blocks for the first unit, then takes every unit already
/// queued and closes the batch by the rule of [`StreamOptions::is_full`], so that one request
/// alone is batched as `extract` batches the same documents.
struct Batches<'a> {
    units: Receiver<Vec<Job>>,
    waiting: VecDeque<Job>,
    options: &'a StreamOptions,
    metrics: &'a Metrics,
}

impl Iterator for Batches<'_> {
    type Item = Vec<(Reply, Result<Document, Error>)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.waiting.is_empty() {
                self.waiting.extend(self.units.recv().ok()?);
            }
            while let Ok(unit) = self.units.try_recv() {
                self.waiting.extend(unit);
            }
            let before = self.waiting.len();
            self.waiting.retain(|job| !job.reply.to.is_closed());
            self.metrics.abandoned(before - self.waiting.len());
            let mut batch = Vec::new();
            let mut bytes = 0;
            while !self.options.is_full(batch.len(), bytes) {
                let Some(job) = self.waiting.pop_front() else {
                    break;
                };
                bytes += job.document.text.len();
                batch.push((job.reply, Ok(job.document)));
            }
            if !batch.is_empty() {
                self.metrics.batch(batch.len());
                return Some(batch);
            }
        }
    }
}
