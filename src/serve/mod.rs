//! `quotegraph serve`: the pipeline as a local HTTP service (feature `tagger`).
//!
//! | request | answer |
//! | --- | --- |
//! | `POST /v1/extract`, `application/json`: one document `{"id", "text"}` (or `"html"`) | the object `extract` writes for it |
//! | the same with a JSON array of documents | an array of those objects, in order |
//! | `POST /v1/extract`, `application/x-ndjson`: JSON Lines | JSON Lines, streamed, one line per input line, in order |
//! | `GET /healthz` | `200` while the process runs |
//! | `GET /readyz` | `200` once the model is loaded, `503` before |
//! | `GET /v1/info` | model, labels, attribution head, precision, limits, version |
//! | `GET /metrics` | Prometheus text exposition (OpenMetrics) |
//!
//! The model loads after the port is bound, so `/healthz` answers at once and `/readyz` says
//! when extraction can start. Documents of all requests wait in one queue of at most
//! [`ServeOptions::queue_docs`] documents, and each batch takes all that waits (up to the
//! batch limits of [`StreamOptions`]), formed a little ahead of the tagger as `extract`
//! forms its batches: concurrent requests fill forward passes together. A document's record is the line `extract` writes for it; batched
//! inference rounds a little differently in other company (scores in the fourth decimal), so
//! a record is byte for byte `extract`'s when the document is tagged with the same documents.
//!
//! Faults are answered with `{"error": {"kind", "message"}}` and a status: `400` a body that
//! is not JSON (with line and column) or not a document or an array of them, `401` a missing
//! or wrong bearer token, `404`/`405` an unknown path or method, `408` a JSON body that stopped
//! arriving, `413` a body over [`ServeOptions::max_body`] (declared so; a JSON Lines body that
//! grows over it, stalls or breaks off ends with an error record instead) or more documents
//! than the queue holds, `415` another content type, `503` (with `Retry-After`) a full queue,
//! a model still loading or a pipeline that takes no more. A document that fails inside the
//! pipeline is its error record, as in `extract`; the other documents are answered. A client
//! that disconnects frees the documents of its request that were not yet tagged. SIGINT or
//! SIGTERM: no new connections, requests in flight are answered (for at most
//! [`SHUTDOWN_GRACE`]; a second signal ends at once), then [`serve`] returns; so it does when
//! the pipeline stops (a panic), with its error.

mod batcher;
mod metrics;

use crate::doc::Document;
use crate::input::{json_record, parse_jsonl_bytes, InputItem, JsonFields};
use crate::pipeline::{Pipeline, StreamOptions};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use batcher::{outcome, record_line, Job, Reply, Slot};
use futures_util::StreamExt;
use metrics::Metrics;
use serde_json::{json, Value};
use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use subtle::ConstantTimeEq;
use tokio::sync::{oneshot, Notify, OwnedSemaphorePermit, Semaphore};

/// A JSON Lines stream may hold at most this fraction (1 / N) of the queue, so that one long
/// stream leaves room for other requests.
const STREAM_SHARE_DIVISOR: usize = 4;

/// How often a stream waiting for room in the queue looks again.
const QUEUE_POLL: Duration = Duration::from_millis(5);

/// Seconds a client is told to wait (`Retry-After`) when the queue is full or the model loads.
const RETRY_AFTER_SECONDS: u64 = 1;

/// The endpoints, as the metrics name them (any other path counts as `other`).
const ENDPOINTS: [&str; 5] = ["/healthz", "/readyz", "/v1/info", "/metrics", "/v1/extract"];

/// How a server runs: where it listens, its limits, and how records are written.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on (port 0: any free port, reported to `on_listening`).
    pub addr: SocketAddr,
    /// Largest request body in bytes, JSON Lines included (a larger stream is cut there).
    pub max_body: usize,
    /// Documents that may wait in the queue or be in the pipeline at once; more get `503`.
    pub queue_docs: usize,
    /// Longest wait for the next piece of a request body before `408` (a stalled client).
    pub body_timeout: Duration,
    /// Batch limits of one tagger call (its `queue_batches` is not used: the server forms its
    /// own fixed number of batches ahead).
    pub batches: StreamOptions,
    /// JSON field names of the id and the text.
    pub fields: JsonFields,
    /// Write each document's text into its record (`extract --include-text`).
    pub include_text: bool,
    /// When set, every request but `/healthz` needs `Authorization: Bearer <token>`.
    pub token: Option<Token>,
}

/// A bearer token; its `Debug` form hides it, so no log or panic message shows it.
#[derive(Clone)]
pub struct Token(pub String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// The token of an `Authorization` header value: the credentials of the `Bearer` scheme,
/// whose name is case-insensitive (RFC 7235).
fn bearer_credentials(value: &[u8]) -> Option<&[u8]> {
    let (scheme, credentials) = value.split_at_checked(BEARER.len())?;
    let credentials = credentials.strip_prefix(b" ")?;
    scheme.eq_ignore_ascii_case(BEARER).then_some(credentials)
}

/// The authentication scheme of the token.
const BEARER: &[u8] = b"Bearer";

/// Why [`serve`] could not run or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound (in use, not permitted).
    #[error("cannot listen on {addr}")]
    Listen {
        /// The address asked for.
        addr: SocketAddr,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The runtime could not start, or the server failed while running.
    #[error("the server failed")]
    Server(#[source] std::io::Error),
    /// The pipeline could not be loaded (the loader's error).
    #[error("cannot load the pipeline")]
    Load(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The pipeline stopped while serving (a panic in libtorch, out of memory); the server
    /// shut down after it.
    #[error("the pipeline stopped: {0}")]
    Pipeline(String),
    /// Requests were still open [`SHUTDOWN_GRACE`] after the signal to stop; they were cut off.
    #[error("requests still open {} s after the signal to stop were cut off", SHUTDOWN_GRACE.as_secs())]
    Unfinished,
    /// A second SIGINT or SIGTERM came while requests in flight were being finished.
    #[error("stopped by a second signal before the requests in flight were finished")]
    Interrupted,
}

/// Longest wait, after SIGINT or SIGTERM, for the requests in flight to finish.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// What `/v1/info` says about the loaded model.
#[derive(Debug, Clone)]
pub struct ModelInfo {
    /// Where the model was loaded from, as named.
    pub model: String,
}

/// Everything the handlers share.
struct Shared {
    options: ServeOptions,
    /// One permit per document in the queue or the pipeline.
    queue: Arc<Semaphore>,
    /// Units of jobs to the pipeline's thread; taken (closed) at shutdown.
    units: Mutex<Option<mpsc::Sender<Vec<Job>>>>,
    /// `/v1/info`'s body, set once the model is loaded (so also the readiness flag).
    info: OnceLock<Value>,
    metrics: Metrics,
}

impl Shared {
    fn queue_depth(&self) -> usize {
        self.options
            .queue_docs
            .saturating_sub(self.queue.available_permits())
    }

    /// Hands a unit of jobs to the pipeline; `false` when it no longer takes any.
    fn submit(&self, unit: Vec<Job>) -> bool {
        if unit.is_empty() {
            return true;
        }
        let units = self.units.lock().unwrap_or_else(|p| p.into_inner());
        units.as_ref().is_some_and(|tx| tx.send(unit).is_ok())
    }
}

/// Binds `options.addr`, calls `on_listening` with the bound address, loads the pipeline with
/// `load` (while `/healthz` already answers and `/readyz` says 503), and serves until SIGINT
/// or SIGTERM; then finishes the requests in flight and returns.
///
/// # Errors
/// [`ServeError`]: the address cannot be bound, the runtime cannot start, or `load` fails.
pub fn serve<L, E>(
    options: ServeOptions,
    info: ModelInfo,
    load: L,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), ServeError>
where
    L: FnOnce() -> Result<Pipeline, E> + Send,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Server)?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(options.addr))
        .map_err(|source| ServeError::Listen {
            addr: options.addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(ServeError::Server)?;
    let (units_tx, units_rx) = mpsc::channel::<Vec<Job>>();
    let shared = Arc::new(Shared {
        queue: Arc::new(Semaphore::new(options.queue_docs)),
        units: Mutex::new(Some(units_tx)),
        info: OnceLock::new(),
        metrics: Metrics::new(),
        options,
    });
    on_listening(addr);
    let pipeline_stopped = Notify::new();
    std::thread::scope(|scope| {
        let pipeline_shared = Arc::clone(&shared);
        let stopped = &pipeline_stopped;
        let pipeline = scope.spawn(move || {
            let result = run_pipeline(load, &info, &pipeline_shared, units_rx);
            stopped.notify_one();
            result
        });
        let app = router(Arc::clone(&shared));
        let served = runtime.block_on(serve_until_stopped(listener, app, &pipeline_stopped));
        // The router is gone with every request: close the queue so the pipeline ends.
        shared
            .units
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        let pipeline = pipeline
            .join()
            .unwrap_or_else(|panic| Err(ServeError::Pipeline(panic_message(panic.as_ref()))));
        served?;
        pipeline
    })
}

/// Loads the pipeline, marks the server ready and runs the pipeline until the queue closes;
/// a panic inside it becomes [`ServeError::Pipeline`].
fn run_pipeline<L, E>(
    load: L,
    info: &ModelInfo,
    shared: &Shared,
    units: mpsc::Receiver<Vec<Job>>,
) -> Result<(), ServeError>
where
    L: FnOnce() -> Result<Pipeline, E>,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let pipeline = load().map_err(|e| ServeError::Load(e.into()))?;
    let _ = shared.info.set(info_body(&pipeline, info, &shared.options));
    let options = &shared.options;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        batcher::run(
            &pipeline,
            units,
            &options.batches,
            options.include_text,
            &shared.metrics,
        )
    }))
    .map_err(|panic| ServeError::Pipeline(panic_message(panic.as_ref())))
}

/// The message of a panic's payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic".to_string())
}

/// Serves until SIGINT or SIGTERM, or until the pipeline stops; then stops accepting and lets
/// the requests in flight finish, for at most [`SHUTDOWN_GRACE`] or until a second signal.
async fn serve_until_stopped(
    listener: tokio::net::TcpListener,
    app: Router,
    pipeline_stopped: &Notify,
) -> Result<(), ServeError> {
    let stop = Arc::new(Notify::new());
    let graceful = {
        let stop = Arc::clone(&stop);
        async move { stop.notified().await }
    };
    let server = axum::serve(listener, app)
        .with_graceful_shutdown(graceful)
        .into_future();
    tokio::pin!(server);
    tokio::select! {
        result = &mut server => return result.map_err(ServeError::Server),
        () = shutdown_signal() => {}
        () = pipeline_stopped.notified() => {}
    }
    stop.notify_one();
    tokio::select! {
        result = &mut server => result.map_err(ServeError::Server),
        () = tokio::time::sleep(SHUTDOWN_GRACE) => Err(ServeError::Unfinished),
        () = shutdown_signal() => Err(ServeError::Interrupted),
    }
}

/// Resolves on the first SIGINT or SIGTERM.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = interrupt => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

/// `/v1/info`'s body for a loaded pipeline.
fn info_body(pipeline: &Pipeline, info: &ModelInfo, options: &ServeOptions) -> Value {
    let tagger = pipeline.tagger();
    let labels = tagger.labels();
    let mut types: Vec<String> = (0..labels.len())
        .filter_map(|i| labels.get(i).label.as_ref().map(|l| l.as_str().to_string()))
        .collect();
    types.sort();
    types.dedup();
    json!({
        "version": env!("CARGO_PKG_VERSION"),
        "model": info.model,
        "labels": types,
        "attribution_head": tagger.has_role_head(),
        "precision": tagger.precision(),
        "window": tagger.window(),
        "docs_per_batch": options.batches.docs_per_batch,
        "queue_docs": options.queue_docs,
        "max_body": options.max_body,
    })
}

/// The routes, the token check and the request metrics.
fn router(shared: Arc<Shared>) -> Router {
    let protected = Router::new()
        .route("/readyz", get(readyz))
        .route("/v1/info", get(info))
        .route("/metrics", get(metrics))
        .route("/v1/extract", post(extract))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&shared),
            require_token,
        ));
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .merge(protected)
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such endpoint")
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "method not allowed on this endpoint",
            )
        })
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), measure))
        .with_state(shared)
}

/// An error answer: a status and `{"error": {"kind", "message"}}`.
struct ApiError {
    status: StatusCode,
    kind: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            kind,
            message: message.into(),
        }
    }

    /// `503` with `Retry-After`.
    fn unavailable(kind: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, kind, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"kind": self.kind, "message": self.message}});
        let mut response = (self.status, json_body(body.to_string().into_bytes())).into_response();
        let headers = response.headers_mut();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// A body of JSON bytes with its content type.
fn json_body(bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

/// Counts every request by endpoint and status, and its time to the response head.
async fn measure(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let endpoint = ENDPOINTS
        .iter()
        .copied()
        .find(|e| *e == path)
        .unwrap_or("other");
    let started = Instant::now();
    let response = next.run(request).await;
    shared
        .metrics
        .request(endpoint, response.status().as_u16(), started.elapsed());
    response
}

/// `401` unless the request carries the bearer token (when one is set), compared in constant
/// time.
async fn require_token(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(token) = &shared.options.token {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| bearer_credentials(v.as_bytes()))
            .unwrap_or_default();
        if !bool::from(given.ct_eq(token.0.as_bytes())) {
            return ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "this server needs Authorization: Bearer <token>",
            )
            .into_response();
        }
    }
    next.run(request).await
}

async fn readyz(State(shared): State<Arc<Shared>>) -> Response {
    match shared.info.get() {
        Some(_) => "ready\n".into_response(),
        None => loading().into_response(),
    }
}

async fn info(State(shared): State<Arc<Shared>>) -> Response {
    match shared.info.get() {
        Some(info) => json_body(info.to_string().into_bytes()),
        None => loading().into_response(),
    }
}

async fn metrics(State(shared): State<Arc<Shared>>) -> Response {
    let text = shared.metrics.render(shared.queue_depth());
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// The request body's media type, lowercased, without parameters.
fn media_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

async fn extract(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    if shared.info.get().is_none() {
        return loading().into_response();
    }
    let result = match media_type(&headers).as_str() {
        "application/json" => extract_json(&shared, &headers, body).await,
        "application/x-ndjson" | "application/jsonl" | "application/jsonlines" => {
            extract_json_lines(shared, &headers, body)
        }
        other => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!(
                "content type {:?}: send application/json (a document or an array of them) or \
                 application/x-ndjson (JSON Lines)",
                other
            ),
        )),
    };
    result.unwrap_or_else(IntoResponse::into_response)
}

/// The id of a record without one: its position in the request body (line or array element,
/// from 1).
fn fallback_id(position: usize) -> String {
    format!("<body>:{position}")
}

/// `503`: the queue is full.
fn overloaded(shared: &Shared) -> ApiError {
    ApiError::unavailable(
        "overloaded",
        format!(
            "the queue is full ({} documents); retry later",
            shared.options.queue_docs
        ),
    )
}

/// `503`: the model is still loading.
fn loading() -> ApiError {
    ApiError::unavailable("loading", "the model is loading")
}

/// `503`: the pipeline takes no more documents.
fn shutting_down() -> ApiError {
    ApiError::unavailable("shutting_down", "the server is shutting down")
}

/// A body over the limit, by its declared length.
fn too_large(shared: &Shared, what: &str) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        format!(
            "{what} is larger than --max-body ({} bytes)",
            shared.options.max_body
        ),
    )
}

/// `413` when the request declares a body over `--max-body`.
fn check_declared_length(shared: &Shared, headers: &HeaderMap) -> Result<(), ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    match declared {
        Some(n) if n > shared.options.max_body => Err(too_large(shared, "the body")),
        _ => Ok(()),
    }
}

/// `application/json`: one document or an array of them, answered whole.
async fn extract_json(
    shared: &Arc<Shared>,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    check_declared_length(shared, headers)?;
    let bytes = read_body(shared, body).await?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "input",
            format!("the body is not JSON: {e}"),
        )
    })?;
    let (values, one) = match value {
        Value::Array(values) => (values, false),
        value @ Value::Object(_) => (vec![value], true),
        _ => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "input",
                "send a document object or an array of them",
            ))
        }
    };
    let fields = &shared.options.fields;
    let items: Vec<InputItem> = values
        .iter()
        .enumerate()
        .map(|(i, v)| json_record(v, &fallback_id(i + 1), fields))
        .collect();
    let readable = items.iter().filter(|i| i.document.is_ok()).count();
    if readable > shared.options.queue_docs {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_many_documents",
            format!(
                "{readable} documents in one request; the queue holds {}: split the request",
                shared.options.queue_docs
            ),
        ));
    }
    let permits = u32::try_from(readable).unwrap_or(u32::MAX);
    let mut slots = Arc::clone(&shared.queue)
        .try_acquire_many_owned(permits)
        .map_err(|_| overloaded(shared))?;
    let queued = Instant::now();
    let mut unit = Vec::with_capacity(readable);
    let mut answers = Vec::with_capacity(items.len());
    for item in items {
        answers.push(match item.document {
            Ok(document) => {
                let slot = Slot {
                    _queue: slots.split(1).ok_or_else(|| overloaded(shared))?,
                    _stream: None,
                };
                let (job, answer) = Job::new(item.id, item.text_derived, document, slot, queued);
                unit.push(job);
                answer
            }
            Err(e) => {
                let result = Err(e);
                shared.metrics.document(outcome(&result), None);
                Answer::Ready(record_line(&item.id, false, &result, false))
            }
        });
    }
    if !shared.submit(unit) {
        return Err(shutting_down());
    }
    let mut lines = Vec::with_capacity(answers.len());
    for answer in answers {
        lines.push(answer.line().await);
    }
    for line in &mut lines {
        if line.last() == Some(&b'\n') {
            line.pop();
        }
    }
    let out = match lines.pop() {
        Some(line) if one => line,
        last => {
            let mut out = vec![b'['];
            for line in lines.into_iter().chain(last) {
                if out.len() > 1 {
                    out.push(b',');
                }
                out.extend(line);
            }
            out.push(b']');
            out
        }
    };
    Ok(json_body(out))
}

/// Reads a whole body of at most `--max-body` bytes, each piece within `--body-timeout`.
async fn read_body(shared: &Shared, body: Body) -> Result<Vec<u8>, ApiError> {
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    while let Some(piece) = next_piece(shared, &mut stream).await? {
        if bytes.len() + piece.len() > shared.options.max_body {
            return Err(too_large(shared, "the body"));
        }
        bytes.extend_from_slice(&piece);
    }
    Ok(bytes)
}

/// The next piece of a body; `408` when none comes within `--body-timeout`.
async fn next_piece(
    shared: &Shared,
    stream: &mut axum::body::BodyDataStream,
) -> Result<Option<Bytes>, ApiError> {
    match tokio::time::timeout(shared.options.body_timeout, stream.next()).await {
        Err(_) => Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            format!(
                "no body data for {} s",
                shared.options.body_timeout.as_secs_f64()
            ),
        )),
        Ok(None) => Ok(None),
        Ok(Some(Ok(piece))) => Ok(Some(piece)),
        Ok(Some(Err(e))) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "input",
            format!("cannot read the body: {e}"),
        )),
    }
}

impl Job {
    /// A job for `document` holding its queue `slot`, and the answer it will give.
    fn new(
        id: String,
        text_derived: bool,
        document: Document,
        slot: Slot,
        queued: Instant,
    ) -> (Job, Answer) {
        let (to, answer) = oneshot::channel();
        let id_copy = id.clone();
        let reply = Reply {
            id,
            text_derived,
            to,
            _slot: slot,
            queued,
        };
        (Job { document, reply }, Answer::Pending(id_copy, answer))
    }
}

/// A record that is ready, or the id of one the pipeline will send.
enum Answer {
    Ready(Vec<u8>),
    Pending(String, oneshot::Receiver<Vec<u8>>),
}

impl Answer {
    /// The record's line; an error record when the pipeline stopped before answering (it
    /// drops no job it was given otherwise).
    async fn line(self) -> Vec<u8> {
        match self {
            Answer::Ready(line) => line,
            Answer::Pending(id, answer) => answer.await.unwrap_or_else(|_| {
                let stopped =
                    crate::Error::inference("the pipeline stopped before answering", None);
                record_line(&id, false, &Err(stopped), false)
            }),
        }
    }
}

/// `application/x-ndjson`: JSON Lines in, JSON Lines out, streamed, in order. Answers wait
/// for the client without limit while its body arrives (a client may send all before it reads,
/// as most do), bounded by `--max-body`.
fn extract_json_lines(
    shared: Arc<Shared>,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    check_declared_length(&shared, headers)?;
    if shared.queue.available_permits() == 0 {
        return Err(overloaded(&shared));
    }
    let (answers_tx, answers_rx) = tokio::sync::mpsc::unbounded_channel::<Answer>();
    tokio::spawn(read_json_lines(shared, body, answers_tx));
    let lines = futures_util::stream::unfold(answers_rx, |mut answers| async move {
        let answer = answers.recv().await?;
        Some((
            Ok::<_, std::convert::Infallible>(answer.line().await),
            answers,
        ))
    });
    Ok((
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(lines),
    )
        .into_response())
}

/// Reads a JSON Lines body line by line, queues each document as soon as its line is whole,
/// and sends each line's answer to `answers`, in order. Ends early when the client goes away.
async fn read_json_lines(
    shared: Arc<Shared>,
    body: Body,
    answers: tokio::sync::mpsc::UnboundedSender<Answer>,
) {
    let mut reader = LineReader::new(shared, answers);
    let mut stream = body.into_data_stream();
    loop {
        match next_piece(&reader.shared, &mut stream).await {
            Ok(Some(piece)) => {
                if !reader.take(&piece).await || !reader.flush() {
                    return;
                }
            }
            Ok(None) => break,
            Err(error) => {
                reader.fail_with(&error.message);
                return;
            }
        }
    }
    reader.finish().await;
}

/// The state of one streamed request: the partial line, the line count, the bytes read, the
/// unit of jobs not yet handed to the pipeline.
struct LineReader {
    shared: Arc<Shared>,
    /// Held by each of this stream's documents until it is answered: their count.
    in_queue: Arc<()>,
    answers: tokio::sync::mpsc::UnboundedSender<Answer>,
    partial: Vec<u8>,
    line: usize,
    read: usize,
    unit: Vec<Job>,
    /// Bytes of text in `unit`.
    unit_bytes: usize,
}

impl LineReader {
    fn new(shared: Arc<Shared>, answers: tokio::sync::mpsc::UnboundedSender<Answer>) -> LineReader {
        LineReader {
            shared,
            in_queue: Arc::new(()),
            answers,
            partial: Vec::new(),
            line: 0,
            read: 0,
            unit: Vec::new(),
            unit_bytes: 0,
        }
    }

    /// Takes a piece of the body; `false` when reading stops (the client is gone, or the body
    /// grew over `--max-body`: an error record says so after the lines before).
    async fn take(&mut self, mut piece: &[u8]) -> bool {
        while !piece.is_empty() {
            let (head, rest, whole) = match piece.iter().position(|&b| b == b'\n') {
                Some(i) => (&piece[..i], &piece[i + 1..], true),
                None => (piece, &piece[piece.len()..], false),
            };
            piece = rest;
            self.read += head.len() + usize::from(whole);
            if self.read > self.shared.options.max_body {
                let message = format!(
                    "the body is larger than --max-body ({} bytes): send the rest in another \
                     request",
                    self.shared.options.max_body
                );
                self.fail_with(&message);
                return false;
            }
            self.partial.extend_from_slice(head);
            if whole && !self.end_line().await {
                return false;
            }
        }
        true
    }

    /// A line ended: its document is queued (or its error record is ready).
    async fn end_line(&mut self) -> bool {
        self.line += 1;
        let fallback = fallback_id(self.line);
        let bytes = std::mem::take(&mut self.partial);
        let Some(item) = parse_jsonl_bytes(bytes, &fallback, &self.shared.options.fields) else {
            return true;
        };
        let document = match item.document {
            Ok(document) => document,
            Err(e) => {
                let result = Err(e);
                self.shared.metrics.document(outcome(&result), None);
                return self.send(Answer::Ready(record_line(&item.id, false, &result, false)));
            }
        };
        let Some(slot) = self.queue_slot().await else {
            return false;
        };
        let slot = Slot {
            _queue: slot,
            _stream: Some(Arc::clone(&self.in_queue)),
        };
        let (job, answer) = Job::new(item.id, item.text_derived, document, slot, Instant::now());
        self.unit_bytes += job.document.text.len();
        self.unit.push(job);
        if self
            .shared
            .options
            .batches
            .is_full(self.unit.len(), self.unit_bytes)
            && !self.flush()
        {
            return false;
        }
        self.send(answer)
    }

    /// A place in the queue for the next document, waiting while the queue is full or this
    /// stream already holds its share of it (1 / [`STREAM_SHARE_DIVISOR`]) (its pending unit is handed on first, so
    /// its own documents can free places); `None` once the pipeline takes no more. Waiting
    /// polls instead of queueing on the semaphore, so a long stream never gets every freed
    /// place before the other requests.
    async fn queue_slot(&mut self) -> Option<OwnedSemaphorePermit> {
        let share = self
            .shared
            .options
            .queue_docs
            .div_ceil(STREAM_SHARE_DIVISOR);
        loop {
            // Each of this stream's jobs not yet answered holds a clone of `in_queue`.
            if Arc::strong_count(&self.in_queue) - 1 < share {
                match Arc::clone(&self.shared.queue).try_acquire_owned() {
                    Ok(slot) => return Some(slot),
                    Err(tokio::sync::TryAcquireError::Closed) => return None,
                    Err(tokio::sync::TryAcquireError::NoPermits) => {}
                }
            }
            if !self.flush() {
                return None;
            }
            tokio::time::sleep(QUEUE_POLL).await;
        }
    }

    /// Sends an answer to the response; `false` once the client is gone.
    fn send(&self, answer: Answer) -> bool {
        self.answers.send(answer).is_ok()
    }

    /// Hands the pending unit of jobs to the pipeline; `false` when it takes no more.
    fn flush(&mut self) -> bool {
        self.unit_bytes = 0;
        self.shared.submit(std::mem::take(&mut self.unit))
    }

    /// The body ended: a last line without a line break is a line too.
    async fn finish(mut self) {
        if !self.partial.is_empty() && !self.end_line().await {
            return;
        }
        self.flush();
    }

    /// Reading stopped early: the lines before are answered, then an error record for the
    /// next line says why.
    fn fail_with(&mut self, message: &str) {
        self.flush();
        let result = Err(crate::Error::Input(format!(
            "reading stopped after line {}: {message}",
            self.line
        )));
        self.shared.metrics.document(outcome(&result), None);
        let id = fallback_id(self.line + 1);
        self.send(Answer::Ready(record_line(&id, false, &result, false)));
    }
}
