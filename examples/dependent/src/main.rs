//! Who said what in one text, through quotegraph as a library: reads standard input, prints
//! one line per attributed quotation, `speaker<TAB>quotation`.

use quotegraph::{Document, Pipeline};
use std::io::Read;

fn main() -> anyhow::Result<()> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let pipeline = Pipeline::load(&quotegraph::default_model_dir())?;
    let doc = pipeline.process(Document::new("stdin", text))?;
    for quote in &doc.quotes {
        if let Some(speaker) = &quote.speaker {
            println!("{}\t{}", speaker.name, quote.text);
        }
    }
    Ok(())
}
