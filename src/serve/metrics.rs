//! The server's counters, in the Prometheus text format (`GET /metrics`), kept with the
//! Prometheus project's own client.

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Label pairs of a metric family.
type Labels = Vec<(&'static str, String)>;

/// Smallest latency bucket, in seconds; each next one doubles it.
const FIRST_LATENCY_BUCKET: f64 = 0.005;
/// Latency buckets: 5 ms doubling to about 80 s.
const LATENCY_BUCKETS: u16 = 15;
/// Buckets of documents per tagger call: 1 doubling to 1024.
const BATCH_BUCKETS: u16 = 11;

/// A histogram of seconds.
fn latency_buckets() -> Histogram {
    Histogram::new(exponential_buckets(
        FIRST_LATENCY_BUCKET,
        2.0,
        LATENCY_BUCKETS,
    ))
}

/// Everything `/metrics` reports.
pub(super) struct Metrics {
    registry: Registry,
    documents: Family<Labels, Counter>,
    abandoned: Counter,
    requests: Family<Labels, Counter>,
    request_seconds: Family<Labels, Histogram, fn() -> Histogram>,
    document_seconds: Histogram,
    queue_depth: Gauge,
    batch_documents: Histogram,
    forward_passes: Counter,
    forward_windows: Counter,
    /// The tagger's totals at the last update, for the counters' increments.
    seen_passes: AtomicU64,
    seen_windows: AtomicU64,
}

impl Metrics {
    /// All counters at zero.
    pub(super) fn new() -> Metrics {
        let mut registry = Registry::with_prefix("quotegraph");
        let documents = Family::<Labels, Counter>::default();
        registry.register(
            "documents",
            "Documents answered, by outcome: ok, or the error record's kind",
            documents.clone(),
        );
        let abandoned = Counter::default();
        registry.register(
            "documents_abandoned",
            "Queued documents dropped untagged because their client went away",
            abandoned.clone(),
        );
        let requests = Family::<Labels, Counter>::default();
        registry.register(
            "requests",
            "HTTP requests, by endpoint and status code",
            requests.clone(),
        );
        let request_seconds =
            Family::<Labels, Histogram, fn() -> Histogram>::new_with_constructor(latency_buckets);
        registry.register(
            "request_duration_seconds",
            "Time from a request to its response head, by endpoint (a streamed body goes on after)",
            request_seconds.clone(),
        );
        let document_seconds = latency_buckets();
        registry.register(
            "document_duration_seconds",
            "Time from a document entering the queue to its answer",
            document_seconds.clone(),
        );
        let queue_depth = Gauge::default();
        registry.register(
            "queue_depth",
            "Documents queued or being processed",
            queue_depth.clone(),
        );
        let batch_documents = Histogram::new(exponential_buckets(1.0, 2.0, BATCH_BUCKETS));
        registry.register(
            "batch_documents",
            "Documents per tagger call (one call batches the windows of all its documents \
             into forward passes)",
            batch_documents.clone(),
        );
        let forward_passes = Counter::default();
        registry.register(
            "forward_passes",
            "Forward passes of the network",
            forward_passes.clone(),
        );
        let forward_windows = Counter::default();
        registry.register(
            "forward_windows",
            "Windows fed to the network (per pass: forward_windows / forward_passes, at most \
             --batch-size)",
            forward_windows.clone(),
        );
        Metrics {
            registry,
            forward_passes,
            forward_windows,
            seen_passes: AtomicU64::new(0),
            seen_windows: AtomicU64::new(0),
            documents,
            abandoned,
            requests,
            request_seconds,
            document_seconds,
            queue_depth,
            batch_documents,
        }
    }

    /// A document was answered: `outcome` is `ok` or its error kind; `waited` since queued
    /// (`None` for a record that never entered the queue).
    pub(super) fn document(&self, outcome: &str, waited: Option<Duration>) {
        self.documents
            .get_or_create(&vec![("outcome", outcome.to_string())])
            .inc();
        if let Some(waited) = waited {
            self.document_seconds.observe(waited.as_secs_f64());
        }
    }

    /// Queued documents were dropped because their client disconnected.
    pub(super) fn abandoned(&self, documents: usize) {
        self.abandoned.inc_by(documents as u64);
    }

    /// A request to `endpoint` got `status` after `took`.
    pub(super) fn request(&self, endpoint: &str, status: u16, took: Duration) {
        self.requests
            .get_or_create(&vec![
                ("endpoint", endpoint.to_string()),
                ("status", status.to_string()),
            ])
            .inc();
        self.request_seconds
            .get_or_create(&vec![("endpoint", endpoint.to_string())])
            .observe(took.as_secs_f64());
    }

    /// A tagger call of `documents` documents started.
    pub(super) fn batch(&self, documents: usize) {
        self.batch_documents.observe(documents as f64);
    }

    /// The tagger has run `passes` forward passes over `windows` windows since it loaded.
    pub(super) fn tagger(&self, passes: u64, windows: u64) {
        let before = self.seen_passes.swap(passes, Ordering::Relaxed);
        self.forward_passes.inc_by(passes.saturating_sub(before));
        let before = self.seen_windows.swap(windows, Ordering::Relaxed);
        self.forward_windows.inc_by(windows.saturating_sub(before));
    }

    /// The text exposition, with the queue depth as it is now.
    pub(super) fn render(&self, queue_depth: usize) -> String {
        self.queue_depth
            .set(i64::try_from(queue_depth).unwrap_or(i64::MAX));
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut text, &self.registry);
        text
    }
}
