//! What the subcommands share: the model options and the exit outcome.

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
    /// Loads the pipeline these options name, warning on stderr when bf16 is emulated.
    pub(super) fn load(&self) -> anyhow::Result<quotegraph::Pipeline> {
        use anyhow::Context;
        let dir = self
            .model
            .clone()
            .unwrap_or_else(quotegraph::default_model_dir);
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
