//! The server's counters, in the Prometheus text format (`GET /metrics`), kept with the
//! Prometheus project's own client.

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::time::Duration;

/// Label pairs of a metric family.
type Labels = Vec<(&'static str, String)>;

/// Upper bounds of the latency buckets, in seconds: 5 ms doubling to about 80 s.
fn latency_buckets() -> Histogram {
    Histogram::new(exponential_buckets(0.005, 2.0, 15))
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
        let batch_documents = Histogram::new(exponential_buckets(1.0, 2.0, 8));
        registry.register(
            "batch_documents",
            "Documents per tagger call (one call batches the windows of all its documents \
             into forward passes)",
            batch_documents.clone(),
        );
        Metrics {
            registry,
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
