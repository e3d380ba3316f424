//! `quotegraph serve`: the pipeline as a local HTTP service ([`quotegraph::serve`]).

use super::common::{Outcome, PipelineArgs};
use anyhow::Context;
use clap::Args;
use quotegraph::serve::{serve, ModelInfo, ServeError, ServeOptions, Token};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// Most documents the queue may hold (tokio's semaphore takes at most `usize::MAX >> 3`
/// permits; far more than memory allows anyway).
const MAX_QUEUE_DOCS: usize = 1 << 24;

/// Options of `quotegraph serve`.
#[derive(Debug, Args)]
pub(super) struct ServeArgs {
    /// Address to listen on. The default, loopback, admits this machine only; another address
    /// (0.0.0.0: every interface) opens the server to the network — add --token-file, and TLS
    /// in front (a reverse proxy): the server itself speaks plain HTTP.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST), value_name = "ADDR")]
    host: IpAddr,
    /// Port to listen on; 0 takes any free port (the line `listening on http://…` on standard
    /// error names it).
    #[arg(long, default_value_t = 8750, value_name = "PORT")]
    port: u16,
    /// Largest request body in bytes, JSON Lines included; a larger one gets 413 (a JSON Lines
    /// stream that grows past it ends with an error record saying where reading stopped).
    #[arg(long, default_value_t = 8 * 1024 * 1024, value_name = "BYTES")]
    max_body: usize,
    /// Documents that may wait or be processed at once, across all requests; beyond that a
    /// request gets 503 with Retry-After (a streamed request waits instead).
    #[arg(long, default_value_t = 1024, value_name = "N")]
    queue_docs: usize,
    /// Seconds to wait for the next piece of a request body before giving up on it (408).
    #[arg(long, default_value_t = 30.0, value_name = "SECS")]
    body_timeout: f64,
    /// File holding a bearer token: every request but /healthz must then send
    /// `Authorization: Bearer <token>` (401 otherwise). Surrounding whitespace is ignored.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

pub(super) fn run(args: ServeArgs) -> anyhow::Result<Outcome> {
    args.pipeline.set_threads()?;
    anyhow::ensure!(
        (1..=MAX_QUEUE_DOCS).contains(&args.queue_docs),
        "--queue-docs must be between 1 and {MAX_QUEUE_DOCS}"
    );
    anyhow::ensure!(args.max_body > 0, "--max-body must be at least 1 byte");
    anyhow::ensure!(
        args.body_timeout > 0.0,
        "--body-timeout must be more than 0 seconds"
    );
    let token = match &args.token_file {
        Some(path) => {
            let token = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the token file {}", path.display()))?;
            let token = token.trim().to_string();
            anyhow::ensure!(
                !token.is_empty(),
                "the token file {} is empty",
                path.display()
            );
            Some(Token(token))
        }
        None => None,
    };
    if !args.host.is_loopback() && token.is_none() {
        eprintln!(
            "quotegraph: warning: listening on {} without --token-file: anyone who can reach \
             this address can use the server",
            args.host
        );
    }
    let options = ServeOptions {
        addr: SocketAddr::new(args.host, args.port),
        max_body: args.max_body,
        queue_docs: args.queue_docs,
        body_timeout: Duration::try_from_secs_f64(args.body_timeout)
            .context("--body-timeout takes a number of seconds")?,
        batches: args.pipeline.batches()?,
        fields: args.pipeline.fields(),
        include_text: args.pipeline.include_text,
        token,
    };
    let info = ModelInfo {
        model: args.pipeline.model.dir().display().to_string(),
    };
    let load = || {
        let pipeline = args.pipeline.load()?;
        eprintln!("quotegraph: model loaded; ready");
        anyhow::Ok(pipeline)
    };
    let served = serve(options, info, load, |addr| {
        eprintln!("quotegraph: listening on http://{addr} (loading the model)");
    });
    match served {
        Ok(()) => {
            eprintln!("quotegraph: stopped");
            Ok(Outcome::Success)
        }
        Err(ServeError::Interrupted) => {
            eprintln!("quotegraph: stopped by a second signal; requests in flight were cut off");
            Ok(Outcome::Interrupted)
        }
        Err(e) => Err(e).context("quotegraph serve"),
    }
}
