//! `quotegraph serve` over loopback: each endpoint, outputs against `extract` on the same
//! documents, every limit and fault, and a bounded load test. Every server is started on an
//! ephemeral port of 127.0.0.1 and stopped (killed) when its test ends; every call has a
//! timeout.

mod util;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use util::{bundled_model, write_tiny_model, Arch};

/// Longest wait for any one HTTP exchange or server start.
const CALL_TIMEOUT: Duration = Duration::from_secs(120);

/// A tiny randomly initialised model without an attribution head (fast).
fn tiny_model() -> &'static Path {
    static MODEL: OnceLock<tempfile::TempDir> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];
            write_tiny_model(dir.path(), Arch::Bert, &labels, json!({}), false);
            dir
        })
        .path()
}

/// `quotegraph serve --port 0 --model MODEL ARGS`, its standard error piped.
fn spawn_serve(model: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .args(["serve", "--port", "0", "--model"])
        .arg(model)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts")
}

/// A running `quotegraph serve`, killed when dropped.
struct Server {
    child: Child,
    base: String,
    stderr: Arc<Mutex<String>>,
    /// The bearer token its GET calls send, if it needs one.
    token: Option<String>,
}

impl Server {
    /// Starts `quotegraph serve --port 0 --model MODEL ARGS` and waits until it is ready.
    fn start(model: &Path, args: &[&str]) -> Server {
        Server::start_with_token(model, args, None)
    }

    /// [`Server::start`] for a server that needs `token` (its `--token-file` in `args`).
    fn start_with_token(model: &Path, args: &[&str], token: Option<&str>) -> Server {
        let mut child = spawn_serve(model, args);
        let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let mut base = None;
        let stderr = Arc::new(Mutex::new(String::new()));
        for line in lines.by_ref() {
            let line = line.expect("stderr line");
            stderr.lock().unwrap().push_str(&line);
            if let Some(rest) = line.split("listening on ").nth(1) {
                base = rest.split_whitespace().next().map(str::to_string);
                break;
            }
        }
        let base = base.unwrap_or_else(|| panic!("no listening line: {}", stderr.lock().unwrap()));
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        let collected = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let mut all = collected.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let server = Server {
            child,
            base,
            stderr,
            token: token.map(str::to_string),
        };
        let started = Instant::now();
        while server.get("/readyz").0 != 200 {
            assert!(
                started.elapsed() < CALL_TIMEOUT,
                "not ready: {}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut request = agent().get(self.url(path));
        if let Some(token) = &self.token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        let mut response = request.call().expect("GET");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().expect("body"))
    }

    /// POST `body` as `content_type`: status, `Retry-After`, body.
    fn post(&self, content_type: &str, body: &[u8]) -> Reply {
        self.post_with(content_type, body, None)
    }

    fn post_with(&self, content_type: &str, body: &[u8], token: Option<&str>) -> Reply {
        let mut request = agent()
            .post(self.url("/v1/extract"))
            .header("Content-Type", content_type);
        if let Some(token) = token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        let mut response = request.send(body).expect("POST");
        Reply {
            status: response.status().as_u16(),
            retry_after: response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            body: response
                .body_mut()
                .with_config()
                .limit(1 << 30)
                .read_to_vec()
                .expect("body"),
        }
    }

    /// A metric's value in /metrics (the first sample whose line starts with `prefix`).
    fn metric(&self, prefix: &str) -> f64 {
        let (_, text) = self.get("/metrics");
        text.lines()
            .find(|l| l.starts_with(prefix))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    }

    /// Peak resident memory of the server process, in kB (Linux's VmHWM).
    fn peak_rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("/proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .expect("VmHWM")
    }

    /// Sends SIGTERM.
    fn terminate(&self) {
        let pid = self.child.id().to_string();
        let kill = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(kill.expect("kill").success());
    }

    /// Waits for the process to exit: its status.
    fn wait_exit(mut self) -> std::process::ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(started.elapsed() < CALL_TIMEOUT, "no exit: {}", self.log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    retry_after: Option<String>,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    fn error_kind(&self) -> String {
        self.json()["error"]["kind"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(CALL_TIMEOUT))
        .build()
        .into()
}

fn articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles")
}

/// The fixture articles as JSON records `{"id", "text"}`.
fn article_records() -> Vec<Value> {
    let mut names: Vec<_> = std::fs::read_dir(articles())
        .expect("articles")
        .map(|e| e.expect("entry").file_name().into_string().expect("name"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(articles().join(name)).expect("article");
            json!({"id": name, "text": text})
        })
        .collect()
}

/// `quotegraph extract --jsonl - --model MODEL ARGS` over `jsonl`: its standard output.
fn extract(model: &Path, args: &[&str], jsonl: &[u8]) -> Vec<u8> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .args(["extract", "--quiet", "--jsonl", "--model"])
        .arg(model)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("extract starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = jsonl.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("extract runs");
    feeder.join().expect("feeder").expect("stdin written");
    output.stdout
}

fn jsonl(records: &[Value]) -> Vec<u8> {
    records
        .iter()
        .map(|r| format!("{r}\n"))
        .collect::<String>()
        .into_bytes()
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8(bytes.to_vec())
        .expect("UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn health_readiness_info_and_metrics_answer() {
    let server = Server::start(&bundled_model(), &[]);
    assert_eq!(server.get("/healthz"), (200, "ok\n".to_string()));
    assert_eq!(server.get("/readyz").0, 200);
    let (status, info) = server.get("/v1/info");
    assert_eq!(status, 200);
    let info: Value = serde_json::from_str(&info).expect("info is JSON");
    assert_eq!(info["labels"], json!(["LOC", "MISC", "ORG", "PER"]));
    assert_eq!(info["attribution_head"], json!(true));
    assert!(
        info["precision"].is_string() && info["version"].is_string(),
        "{info}"
    );
    assert!(info["model"]
        .as_str()
        .unwrap()
        .contains("quotegraph-ner-minilm"));

    let body =
        json!({"id": "a", "text": "Mayor Angela Ruiz said the bridge would reopen in June."});
    assert_eq!(
        server
            .post("application/json", body.to_string().as_bytes())
            .status,
        200
    );
    let (status, metrics) = server.get("/metrics");
    assert_eq!(status, 200);
    for expected in [
        "quotegraph_documents_total{outcome=\"ok\"} 1",
        "quotegraph_request_duration_seconds_bucket{",
        "quotegraph_requests_total{endpoint=\"/v1/extract\",status=\"200\"} 1",
        "quotegraph_queue_depth 0",
        "quotegraph_batch_documents_count 1",
        "quotegraph_document_duration_seconds_count 1",
    ] {
        assert!(metrics.contains(expected), "{expected} not in:\n{metrics}");
    }
    assert_eq!(server.get("/nowhere").0, 404);
    let wrong_method = agent().get(server.url("/v1/extract")).call().expect("GET");
    assert_eq!(wrong_method.status().as_u16(), 405);
}

/// Documents sent as one object, as an array, as HTML and as JSON Lines are answered byte for
/// byte as `extract` answers the same documents — with the attribution head and without.
#[test]
fn records_are_the_ones_extract_writes() {
    let page = "<html><body><nav>Home</nav><article><p>\"We will rebuild the pier,\" Mayor \
                Angela Ruiz said in Harwich on Monday.</p></article></body></html>";
    let mut docs = article_records();
    docs.push(json!({"id": "page", "html": page, "outlet": "Example News"}));
    docs.push(json!({"id": "no-text", "words": 3}));
    for model in [bundled_model(), tiny_model().to_path_buf()] {
        let server = Server::start(&model, &[]);
        let expected = lines(&extract(&model, &[], &jsonl(&docs)));
        assert_eq!(expected.len(), docs.len());
        // The whole set as an array: one batch, as extract batches them.
        let reply = server.post(
            "application/json",
            Value::Array(docs.clone()).to_string().as_bytes(),
        );
        assert_eq!(reply.status, 200);
        assert_eq!(
            String::from_utf8(reply.body).unwrap(),
            format!("[{}]", expected.join(","))
        );
        // As JSON Lines, streamed; a line that is not JSON keeps its place as an error record.
        let mut body = jsonl(&docs);
        body.extend_from_slice(b"{\"id\": \"cut\", \"text\": \"Half a line\n");
        let reply = server.post("application/x-ndjson", &body);
        assert_eq!(reply.status, 200);
        let got = lines(&reply.body);
        assert_eq!(got[..docs.len()], expected[..], "{model:?}");
        let cut: Value = serde_json::from_str(&got[docs.len()]).expect("JSON");
        assert_eq!(
            (cut["id"].as_str(), cut["error"]["kind"].as_str()),
            (Some("cut"), Some("input"))
        );
        for line in &got {
            util::assert_valid_record(&serde_json::from_str(line).expect("JSON"));
        }
        // One document alone, as extract answers it alone.
        for doc in &docs[..2] {
            let alone = lines(&extract(&model, &[], &jsonl(std::slice::from_ref(doc))));
            let reply = server.post("application/json", doc.to_string().as_bytes());
            assert_eq!(reply.status, 200);
            assert_eq!(String::from_utf8(reply.body).unwrap(), alone[0]);
        }
    }
}

#[test]
fn limits_and_bad_requests_get_their_status_and_an_error_body() {
    let server = Server::start(tiny_model(), &["--max-body", "300"]);
    let big = json!({"id": "big", "text": "word ".repeat(100)}).to_string();
    let reply = server.post("application/json", big.as_bytes());
    assert_eq!(
        (reply.status, reply.error_kind().as_str()),
        (413, "too_large")
    );

    let reply = server.post("application/json", b"{\"id\": \"a\",\n \"text\": oops}");
    assert_eq!((reply.status, reply.error_kind().as_str()), (400, "input"));
    let message = reply.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("line 2 column"), "{message}");
    let reply = server.post("application/json", b"\"just a string\"");
    assert_eq!(reply.status, 400);

    let reply = server.post("text/plain", b"Some text.");
    assert_eq!(
        (reply.status, reply.error_kind().as_str()),
        (415, "unsupported_media_type")
    );

    // JSON Lines declared over the limit: 413. Streamed (chunked) past it: the lines before
    // are answered, then an error record says where reading stopped.
    let small = json!({"id": "small", "text": "Ruiz spoke in Paris."});
    let body = format!("{small}\n{small}\n{big}\n{small}\n");
    let reply = server.post("application/x-ndjson", body.as_bytes());
    assert_eq!(
        (reply.status, reply.error_kind().as_str()),
        (413, "too_large")
    );
    let mut chunked = std::io::Cursor::new(body.into_bytes());
    let mut response = agent()
        .post(server.url("/v1/extract"))
        .header("Content-Type", "application/x-ndjson")
        .send(ureq::SendBody::from_reader(&mut chunked))
        .expect("POST");
    assert_eq!(response.status().as_u16(), 200);
    let text = response.body_mut().read_to_string().expect("body");
    let got: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(got.len() >= 2, "{text}");
    let last = got.last().unwrap();
    assert_eq!(last["error"]["kind"], "input", "{text}");
    assert!(last["error"]["message"]
        .as_str()
        .unwrap()
        .contains("--max-body"));
    assert!(
        got[..got.len() - 1].iter().all(|r| r["id"] == "small"),
        "{text}"
    );
}

#[test]
fn a_token_guards_every_endpoint_but_healthz() {
    let dir = tempfile::tempdir().expect("temp dir");
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, "s3cret-token\n").expect("token written");
    let token_arg = token_file.to_str().expect("path");
    let server = Server::start_with_token(
        tiny_model(),
        &["--token-file", token_arg],
        Some("s3cret-token"),
    );
    let body = json!({"id": "a", "text": "Ruiz spoke."}).to_string();
    let reply = server.post("application/json", body.as_bytes());
    assert_eq!(
        (reply.status, reply.error_kind().as_str()),
        (401, "unauthorized")
    );
    let reply = server.post_with("application/json", body.as_bytes(), Some("s3cret-tokem"));
    assert_eq!(reply.status, 401);
    let reply = server.post_with("application/json", body.as_bytes(), Some("s3cret-token"));
    assert_eq!(reply.status, 200);
    // The scheme's name is case-insensitive (RFC 7235).
    let lower = agent()
        .post(server.url("/v1/extract"))
        .header("Content-Type", "application/json")
        .header("Authorization", "bearer s3cret-token")
        .send(body.as_bytes())
        .expect("POST");
    assert_eq!(lower.status().as_u16(), 200);
    assert_eq!(server.get("/v1/info").0, 200);
    let anonymous = |path: &str| {
        let response = agent().get(server.url(path)).call().expect("GET");
        response.status().as_u16()
    };
    assert_eq!(anonymous("/healthz"), 200);
    assert_eq!(anonymous("/metrics"), 401);
    assert_eq!(anonymous("/readyz"), 401);
}

/// A paragraph long enough to keep the bundled model busy for a while, `copies` times.
fn long_text(copies: usize) -> String {
    "Mayor Angela Ruiz said the bridge in Portsmouth would reopen in June, and the Maine \
     Department of Transportation agreed to pay half of the cost. "
        .repeat(copies)
}

#[test]
fn a_full_queue_answers_503_with_retry_after_and_loses_nothing() {
    let server = Arc::new(Server::start(&bundled_model(), &["--queue-docs", "1"]));
    let long = json!({"id": "long", "text": long_text(600)}).to_string();
    let busy = Arc::clone(&server);
    let first = std::thread::spawn(move || busy.post("application/json", long.as_bytes()));
    let started = Instant::now();
    while server.metric("quotegraph_queue_depth ") < 1.0 {
        assert!(
            started.elapsed() < CALL_TIMEOUT,
            "the long document never queued"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let small = json!({"id": "small", "text": "Ruiz spoke in Paris."}).to_string();
    let reply = server.post("application/json", small.as_bytes());
    assert_eq!(
        (reply.status, reply.error_kind().as_str()),
        (503, "overloaded")
    );
    assert_eq!(reply.retry_after.as_deref(), Some("1"));
    let two = json!([{"id": "x", "text": "One."}, {"id": "y", "text": "Two."}]).to_string();
    let reply = server.post("application/json", two.as_bytes());
    assert_eq!(
        (reply.status, reply.error_kind().as_str()),
        (413, "too_many_documents")
    );
    let first = first.join().expect("first request");
    assert_eq!(first.status, 200);
    assert_eq!(first.json()["id"], "long");
    let reply = server.post("application/json", small.as_bytes());
    assert_eq!(reply.status, 200, "the retry is answered");
    // Refused requests processed nothing: two documents, two records.
    assert_eq!(
        server.metric("quotegraph_documents_total{outcome=\"ok\"} "),
        2.0
    );
}

/// Writes a whole `POST /v1/extract` of `body` on a raw connection and closes it without
/// reading the answer.
fn post_and_hang_up(server: &Server, body: &str) {
    let address = server.base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "POST /v1/extract HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("request written");
    stream.flush().expect("flushed");
    std::thread::sleep(Duration::from_millis(300));
    drop(stream);
}

#[test]
fn a_client_that_disconnects_frees_its_queued_documents() {
    let server = Server::start(&bundled_model(), &["--docs-per-batch", "1"]);
    let docs: Vec<Value> = (0..30)
        .map(|i| json!({"id": format!("d{i}"), "text": long_text(60)}))
        .collect();
    post_and_hang_up(&server, &Value::Array(docs).to_string());
    let started = Instant::now();
    while server.metric("quotegraph_queue_depth ") > 0.0 {
        assert!(started.elapsed() < CALL_TIMEOUT, "the queue never drained");
        std::thread::sleep(Duration::from_millis(50));
    }
    let abandoned = server.metric("quotegraph_documents_abandoned_total ");
    let answered = server.metric("quotegraph_documents_total{outcome=\"ok\"} ");
    assert!(
        abandoned > 0.0,
        "abandoned {abandoned}, answered {answered}"
    );
    assert_eq!(abandoned + answered, 30.0);
    let small = json!({"id": "small", "text": "Ruiz spoke in Paris."}).to_string();
    assert_eq!(
        server.post("application/json", small.as_bytes()).status,
        200
    );
}

#[test]
fn sigterm_finishes_requests_in_flight_and_exits_0() {
    let server = Arc::new(Server::start(&bundled_model(), &["--docs-per-batch", "1"]));
    let docs: Vec<Value> = (0..12)
        .map(|i| json!({"id": format!("d{i}"), "text": long_text(40)}))
        .collect();
    let body = Value::Array(docs).to_string();
    let busy = Arc::clone(&server);
    let in_flight = std::thread::spawn(move || busy.post("application/json", body.as_bytes()));
    let started = Instant::now();
    while server.metric("quotegraph_queue_depth ") < 1.0 {
        assert!(started.elapsed() < CALL_TIMEOUT, "the request never queued");
        std::thread::sleep(Duration::from_millis(20));
    }
    let done_before = server.metric("quotegraph_documents_total{outcome=\"ok\"} ");
    server.terminate();
    assert!(done_before < 12.0, "the request finished before the signal");
    let reply = in_flight.join().expect("request thread");
    assert_eq!(reply.status, 200);
    let records = reply.json();
    let records = records.as_array().expect("an array");
    let ids: Vec<&str> = records
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    let expected: Vec<String> = (0..12).map(|i| format!("d{i}")).collect();
    assert_eq!(ids, expected);
    assert!(
        records.iter().all(|r| r.get("error").is_none()),
        "{records:?}"
    );
    let base = server.base.clone();
    let server = Arc::try_unwrap(server).unwrap_or_else(|_| panic!("still shared"));
    let status = server.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let address = base.trim_start_matches("http://");
    assert!(
        std::net::TcpStream::connect(address).is_err(),
        "still accepting"
    );
}

/// 16 clients × 25 documents at once: every document answered exactly once, equal to
/// extract's record for it (scores within 1e-4: a batch of other documents rounds a little
/// differently), and the server's peak memory reported.
#[test]
fn sixteen_concurrent_clients_are_each_answered_exactly_once() {
    const CLIENTS: usize = 16;
    const PER_CLIENT: usize = 25;
    let model = tiny_model();
    let server = Arc::new(Server::start(model, &[]));
    let articles = article_records();
    let expected: Vec<Value> = articles
        .iter()
        .map(|doc| {
            let line = extract(
                model,
                &["--docs-per-batch", "1"],
                &jsonl(std::slice::from_ref(doc)),
            );
            serde_json::from_slice(&line).expect("JSON")
        })
        .collect();
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let server = Arc::clone(&server);
            let articles = articles.clone();
            std::thread::spawn(move || {
                (0..PER_CLIENT)
                    .map(|i| {
                        let k = (client + i) % articles.len();
                        let mut doc = articles[k].clone();
                        doc["id"] = json!(format!("c{client}-{i}"));
                        let reply = server.post("application/json", doc.to_string().as_bytes());
                        assert_eq!(reply.status, 200);
                        (k, reply.json())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    for (client, handle) in clients.into_iter().enumerate() {
        for (i, (k, mut record)) in handle.join().expect("client").into_iter().enumerate() {
            assert_eq!(record["id"], json!(format!("c{client}-{i}")));
            assert!(seen.insert(format!("c{client}-{i}")));
            record["id"] = expected[k]["id"].clone();
            assert_same_record(&record, &expected[k]);
        }
    }
    assert_eq!(seen.len(), CLIENTS * PER_CLIENT);
    assert_eq!(
        server.metric("quotegraph_documents_total{outcome=\"ok\"} "),
        (CLIENTS * PER_CLIENT) as f64
    );
    let batches = server.metric("quotegraph_batch_documents_count ");
    eprintln!(
        "load: {} documents in {:.1} s, {batches} tagger calls, server peak RSS {} MB",
        CLIENTS * PER_CLIENT,
        started.elapsed().as_secs_f64(),
        server.peak_rss_kb() / 1024
    );
    assert!(
        batches < (CLIENTS * PER_CLIENT) as f64,
        "requests were batched together"
    );
    assert!(
        server.peak_rss_kb() < 4 * 1024 * 1024,
        "peak RSS {} kB",
        server.peak_rss_kb()
    );
}

/// Two records are the same but for float rounding in the last digits of scores.
fn assert_same_record(got: &Value, want: &Value) {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) if a.is_f64() || b.is_f64() => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            assert!((a - b).abs() <= 1e-4, "{a} vs {b}");
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{got} vs {want}");
            a.iter().zip(b).for_each(|(a, b)| assert_same_record(a, b));
        }
        (Value::Object(a), Value::Object(b)) => {
            let keys = |o: &serde_json::Map<String, Value>| o.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(a), keys(b));
            a.iter().for_each(|(k, v)| assert_same_record(v, &b[k]));
        }
        _ => assert_eq!(got, want),
    }
}

/// The documented Python client (scripts/serve_client.py, standard library only) streams a
/// JSON Lines corpus through the server in several requests: one record per line, in order,
/// equal to extract's.
#[test]
fn the_python_client_streams_a_corpus_through_the_server() {
    let model = tiny_model();
    let server = Server::start(model, &[]);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut docs = Vec::new();
    for round in 0..3 {
        for mut doc in article_records() {
            doc["id"] = json!(format!("{}#{round}", doc["id"].as_str().unwrap()));
            docs.push(doc);
        }
    }
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, jsonl(&docs)).expect("corpus written");
    let out = dir.path().join("out.jsonl");
    let client = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/serve_client.py");
    let status = Command::new("python3")
        .arg(client)
        .arg(&server.base)
        .arg(&corpus)
        .args(["--lines", "5", "-o"])
        .arg(&out)
        .status()
        .expect("python3 runs");
    assert!(status.success());
    let got = lines(&std::fs::read(&out).expect("output"));
    let expected = lines(&extract(model, &[], &jsonl(&docs)));
    assert_eq!(got.len(), docs.len());
    for (got, want) in got.iter().zip(&expected) {
        let got: Value = serde_json::from_str(got).expect("JSON");
        assert_same_record(&got, &serde_json::from_str(want).expect("JSON"));
    }
    assert!(
        server.metric("quotegraph_requests_total{endpoint=\"/v1/extract\",status=\"200\"} ") >= 3.0
    );
}

/// A client that stops sending half-way gets 408 after `--body-timeout`, and the server goes
/// on answering others meanwhile.
#[test]
fn a_stalled_body_times_out_with_408() {
    let server = Server::start(tiny_model(), &["--body-timeout", "0.5"]);
    let address = server.base.trim_start_matches("http://").to_string();
    let mut stream = std::net::TcpStream::connect(&address).expect("connect");
    stream
        .set_read_timeout(Some(CALL_TIMEOUT))
        .expect("read timeout");
    write!(
        stream,
        "POST /v1/extract HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: 100\r\n\r\n{{\"id\": \"slow\""
    )
    .expect("request written");
    let small = json!({"id": "small", "text": "Ruiz spoke in Paris."}).to_string();
    assert_eq!(
        server.post("application/json", small.as_bytes()).status,
        200
    );
    let mut answer = String::new();
    BufReader::new(stream)
        .read_line(&mut answer)
        .expect("status line");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

/// A model that cannot be loaded stops the server with the loader's error, after `/healthz`
/// answered and `/readyz` said it was not ready.
#[test]
fn a_model_that_cannot_load_stops_the_server_with_its_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("config.json"), "{not json").expect("written");
    let mut child = spawn_serve(dir.path(), &[]);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(started.elapsed() < CALL_TIMEOUT, "the server did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
        .expect("stderr read");
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("listening on http://127.0.0.1:"),
        "{stderr}"
    );
    assert!(stderr.contains("cannot load the pipeline"), "{stderr}");
    assert!(
        stderr.contains(&dir.path().display().to_string()),
        "{stderr}"
    );
}
