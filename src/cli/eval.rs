//! `quotegraph eval …`: scoring against annotated corpora.

use super::common::{ModelArgs, Outcome};
use clap::{Args, Subcommand};
use quotegraph::reading_text;
use std::path::{Path, PathBuf};

/// The scorers of `quotegraph eval`.
#[derive(Debug, Subcommand)]
pub(super) enum EvalCommand {
    /// Entity-level precision, recall and F1 on a CoNLL-format file (conlleval semantics).
    Ner {
        /// CoNLL file: token first, tag last on each line; `-DOCSTART-` separates documents.
        file: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Quotation detection, speaker and cue accuracy on brat standoff (PolNeAR layout).
    Quotes(EvalQuotesArgs),
}

#[derive(Debug, Args)]
pub(super) struct EvalQuotesArgs {
    /// Folder of `<article>.txt` files.
    #[arg(long, value_name = "DIR")]
    text_dir: PathBuf,
    /// Folder of `<article>_<annotator>.ann` files; the first annotator in sorted order is gold.
    #[arg(long, value_name = "DIR")]
    ann_dir: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Score the rules alone, with no entities (rule development without a model).
    #[arg(long)]
    no_model: bool,
    /// Tagger output cache (JSON): read when it exists, written after tagging otherwise, so
    /// that repeated runs while tuning rules skip the model.
    #[arg(long, value_name = "FILE")]
    mentions_cache: Option<PathBuf>,
    #[command(flatten)]
    model: ModelArgs,
}

/// Runs one scorer.
pub(super) fn run(command: EvalCommand) -> anyhow::Result<Outcome> {
    match command {
        EvalCommand::Ner { file, json, model } => ner(&file, json, &model),
        EvalCommand::Quotes(args) => quotes(&args),
    }
}

/// `eval ner FILE`: entity-level scores of the tagger on CoNLL data.
fn ner(file: &Path, json: bool, model: &ModelArgs) -> anyhow::Result<Outcome> {
    let pipeline = model.load()?;
    let scores = quotegraph::eval::ner::evaluate_file(pipeline.tagger(), file)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        print!("{}", scores.table());
    }
    Ok(Outcome::Success)
}

/// Mentions as stored in the tagger cache (the label is not part of `Mention`'s JSON).
#[derive(serde::Serialize, serde::Deserialize)]
struct CachedMention {
    text: String,
    start: usize,
    end: usize,
    label: String,
    score: f32,
}

/// One article's tagger output as stored in the cache.
#[derive(serde::Serialize, serde::Deserialize)]
struct CachedArticle {
    mentions: Vec<CachedMention>,
    roles: Vec<quotegraph::RoleSpan>,
}

impl CachedArticle {
    /// The cache entry of one article's tagger output.
    fn new(tagged: quotegraph::Tagged) -> CachedArticle {
        let mentions = tagged
            .mentions
            .into_iter()
            .map(|m| CachedMention {
                label: m.label.as_str().to_string(),
                text: m.text,
                start: m.span.start,
                end: m.span.end,
                score: m.score,
            })
            .collect();
        CachedArticle {
            mentions,
            roles: tagged.roles,
        }
    }

    /// The tagger output this entry stores.
    fn tagged(&self) -> quotegraph::Tagged {
        let mentions = self
            .mentions
            .iter()
            .map(|m| quotegraph::Mention {
                text: m.text.clone(),
                span: quotegraph::Span::new(m.start, m.end),
                label: quotegraph::Label::from_output(&m.label),
                score: m.score,
            })
            .collect();
        quotegraph::Tagged {
            mentions,
            roles: self.roles.clone(),
        }
    }
}

/// `eval quotes`: the full pipeline (tagger, linking, quotes) scored on brat standoff.
fn quotes(args: &EvalQuotesArgs) -> anyhow::Result<Outcome> {
    use anyhow::Context;
    use quotegraph::eval::quotes::{evaluate, load_corpus, GoldArticle};
    use std::collections::HashMap;

    let articles = load_corpus(&args.text_dir, &args.ann_dir)?;
    let mut cache: HashMap<String, CachedArticle> = match &args.mentions_cache {
        Some(path) if path.exists() => {
            let raw = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            serde_json::from_str(&raw).with_context(|| format!("bad cache {}", path.display()))?
        }
        _ => HashMap::new(),
    };
    let needs_model = !args.no_model && articles.iter().any(|a| !cache.contains_key(&a.name));
    let pipeline = if needs_model {
        Some(args.model.load()?)
    } else {
        None
    };
    let mut tag = |batch: &[&GoldArticle]| -> quotegraph::Result<Vec<quotegraph::Tagged>> {
        let missing: Vec<&GoldArticle> = batch
            .iter()
            .copied()
            .filter(|a| !cache.contains_key(&a.name))
            .collect();
        if let (Some(p), false) = (&pipeline, missing.is_empty()) {
            // The tagger reads what extract's tagger reads: hard-wrapped text unwrapped.
            let reading: Vec<_> = missing.iter().map(|a| reading_text(&a.text)).collect();
            let texts: Vec<&str> = reading.iter().map(|t| t.as_ref()).collect();
            for (a, tagged) in missing.iter().zip(p.tagger().tag_with_roles(&texts)?) {
                cache.insert(a.name.clone(), CachedArticle::new(tagged));
            }
        }
        Ok(batch
            .iter()
            .map(|a| {
                cache
                    .get(&a.name)
                    .map(CachedArticle::tagged)
                    .unwrap_or_default()
            })
            .collect())
    };
    let scores = evaluate(&articles, &mut tag)?;
    if let (Some(path), true) = (&args.mentions_cache, needs_model) {
        std::fs::write(path, serde_json::to_string(&cache)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        print!("{}", scores.table());
    }
    Ok(Outcome::Success)
}
