//! `quotegraph eval …`: scoring against annotated corpora.

use super::{ModelArgs, Outcome};
use std::path::Path;

/// `eval ner FILE`: entity-level scores of the tagger on CoNLL data.
pub(super) fn ner(file: &Path, json: bool, model: &ModelArgs) -> anyhow::Result<Outcome> {
    let pipeline = model.load()?;
    let scores = quotegraph::eval::ner::evaluate_file(pipeline.tagger(), file)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        print!("{}", scores.table());
    }
    Ok(Outcome::Success)
}
