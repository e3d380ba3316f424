//! `quotegraph serve`: the pipeline as a local HTTP service ([`quotegraph::serve`]).

use super::common::{Outcome, PipelineArgs};
use anyhow::Context;
use clap::Args;
use quotegraph::serve::{serve, ModelInfo, ServeOptions};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

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
    anyhow::ensure!(args.queue_docs > 0, "--queue-docs must be at least 1");
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
            Some(token)
        }
        None => None,
    };
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
    let model = args
        .pipeline
        .model
        .model
        .clone()
        .unwrap_or_else(quotegraph::default_model_dir);
    let info = ModelInfo {
        model: model.display().to_string(),
    };
    let load = || {
        let pipeline = args.pipeline.load()?;
        eprintln!("quotegraph: model loaded; ready");
        anyhow::Ok(pipeline)
    };
    serve(options, info, load, |addr| {
        eprintln!("quotegraph: listening on http://{addr} (loading the model)");
    })
    .context("quotegraph serve")?;
    eprintln!("quotegraph: stopped");
    Ok(Outcome::Success)
}
