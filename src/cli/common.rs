//! What the subcommands share: the model options, the pipeline options of `extract` and `serve`, and the exit outcome.

use clap::Args;
use std::path::PathBuf;

/// Exit status of a finished command.
pub enum Outcome {
    /// Everything succeeded (exit 0).
    Success,
    /// Some records failed; the others were written (exit 1).
    SomeFailed,
    /// Stopped by SIGINT or SIGTERM after writing every record it had finished (exit 130, as a
    /// shell reports a command stopped by Ctrl-C).
    Interrupted,
}

/// Model selection shared by every command that runs the tagger.
#[derive(Debug, Args)]
pub(super) struct ModelArgs {
    /// Model directory in Hugging Face layout (config.json, tokenizer.json, model.safetensors).
    /// Defaults to $QUOTEGRAPH_MODEL, else the bundled models/quotegraph-ner-minilm.
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Windows of sub-tokens per forward pass.
    #[arg(long, default_value_t = quotegraph::tagging::DEFAULT_BATCH_SIZE, value_name = "N")]
    pub batch_size: usize,
    /// Most sub-tokens per model window (longer documents get overlapping windows). Default:
    /// the window the model was trained with, else 254.
    #[arg(long, value_name = "N")]
    pub window: Option<usize>,
    /// Number format of the network: auto (int8 on x86 CPUs with AVX2 for BERT and RoBERTa
    /// models unless the CPU has AMX-BF16, else bf16 on CPUs with AVX512-BF16, else f32), f32, bf16 (emulated and slow
    /// without AVX512-BF16: a warning says so), int8 (x86 CPUs with AVX2).
    #[arg(long, default_value = "auto", value_name = "P")]
    pub precision: quotegraph::tagging::Precision,
}

impl ModelArgs {
    /// The model directory: `--model`, else `$QUOTEGRAPH_MODEL`, else the bundled model.
    pub(super) fn dir(&self) -> PathBuf {
        self.model
            .clone()
            .unwrap_or_else(quotegraph::default_model_dir)
    }

    /// Loads the pipeline these options name, warning on stderr when bf16 is emulated.
    pub(super) fn load(&self) -> anyhow::Result<quotegraph::Pipeline> {
        use anyhow::Context;
        let dir = self.dir();
        let options = quotegraph::TaggerOptions {
            batch_size: self.batch_size,
            window: self.window,
            precision: self.precision,
        };
        let pipeline = quotegraph::Pipeline::load_with(&dir, options)
            .with_context(|| format!("cannot load the model in {}", dir.display()))?;
        if !pipeline.tagger().precision().is_native() {
            eprintln!(
                "quotegraph: warning: this CPU has no native bfloat16 (AVX512-BF16), so bf16 is \
                 emulated and slower than f32; --precision auto picks the fastest path"
            );
        }
        Ok(pipeline)
    }
}

/// How documents are read, processed and written: shared by `extract` and `serve`.
#[derive(Debug, Args)]
pub(super) struct PipelineArgs {
    /// JSON Lines field holding the document id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// JSON Lines field holding the document text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// Also write each document's text, so offsets can be checked from the output alone.
    #[arg(long)]
    pub include_text: bool,
    /// Documents per tagger call: their windows are sorted by length and batched together.
    #[arg(long, default_value_t = 64, value_name = "N")]
    pub docs_per_batch: usize,
    /// Threads for the transformer's forward pass (default: libtorch's, one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<u16>,
    /// Which attributions to write: `statements` (quoted words, and reported speech whose
    /// content is a clause someone asserted: every speaker edge is something someone said) or
    /// `all` (every attribution found, beliefs and topics too: PolNeAR's view). Each quotation
    /// carries its `type` (assertion, belief, fact, eventuality) and content `form`
    /// (proposition, topic).
    #[arg(long, value_enum, default_value_t = AttributionsArg::Statements, value_name = "WHICH")]
    pub attributions: AttributionsArg,
    #[command(flatten)]
    pub model: ModelArgs,
}

impl PipelineArgs {
    /// Sets libtorch's thread count when `--threads` names one.
    pub(super) fn set_threads(&self) -> anyhow::Result<()> {
        if let Some(threads) = self.threads {
            anyhow::ensure!(threads > 0, "--threads must be at least 1");
            quotegraph::tagging::set_num_threads(threads);
        }
        Ok(())
    }

    /// The JSON field names of the id and the text.
    pub(super) fn fields(&self) -> quotegraph::input::JsonFields {
        quotegraph::input::JsonFields {
            id: self.id_field.clone(),
            text: self.text_field.clone(),
        }
    }

    /// The batch limits of one tagger call.
    pub(super) fn batches(&self) -> anyhow::Result<quotegraph::StreamOptions> {
        anyhow::ensure!(
            self.docs_per_batch > 0,
            "--docs-per-batch must be at least 1"
        );
        Ok(quotegraph::StreamOptions {
            docs_per_batch: self.docs_per_batch,
            ..quotegraph::StreamOptions::default()
        })
    }

    /// Loads the pipeline: the model `--model` names, writing `--attributions`.
    pub(super) fn load(&self) -> anyhow::Result<quotegraph::Pipeline> {
        Ok(self
            .model
            .load()?
            .with_attributions(self.attributions.into()))
    }
}

/// `--attributions` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum AttributionsArg {
    /// Statements only.
    Statements,
    /// Every attribution.
    All,
}

impl From<AttributionsArg> for quotegraph::Attributions {
    fn from(arg: AttributionsArg) -> quotegraph::Attributions {
        match arg {
            AttributionsArg::Statements => quotegraph::Attributions::Statements,
            AttributionsArg::All => quotegraph::Attributions::All,
        }
    }
}
