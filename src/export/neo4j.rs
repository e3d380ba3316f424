//! Property-graph CSVs in the `neo4j-admin database import` format.
//!
//! One file per node label and per relationship type, each with a header row:
//!
//! | file | header |
//! | --- | --- |
//! | `persons.csv`, `organizations.csv`, `locations.csv`, `misc.csv` | `id:ID,name,label,:LABEL` |
//! | `documents.csv` | `id:ID,docId,` one column per metadata field (`date`, `url`, …) `,:LABEL` |
//! | `quotes.csv` | `id:ID,quoteId,docId,kind,type,form,score:float,rule,text,start:int,end:int,cue,cueStart:int,cueEnd:int,speaker,date,:LABEL` |
//! | `sources.csv` (speakers that are no entity, label `Source`) | `id:ID,name,docId,:LABEL` |
//! | `said.csv` (entity or Source → Quote) | `:START_ID,:END_ID,kind,type,score:float,rule,cue,cueStart:int,cueEnd:int,start:int,end:int,:TYPE` |
//! | `mentions.csv` (Document → entity) | `:START_ID,:END_ID,count:int,:TYPE` |
//! | `appears_in.csv` (Quote → Document) | `:START_ID,:END_ID,:TYPE` |
//! | `quote_mentions.csv` (Quote → entity it is about, type `MENTIONS`) | `:START_ID,:END_ID,:TYPE` |
//!
//! All ids share one id space (they are unique across labels, see [`super::ids`]). Fields are
//! quoted when they hold a comma, a quote mark or a line break, and inner quote marks are
//! doubled (RFC 4180). Quotations may span lines, so import with `--multiline-fields=true`.
//! `speaker` holds the speaker's canonical name (or a group speaker's words), empty when the
//! quotation is unattributed. `type` (assertion, belief, fact, eventuality) and `form`
//! (proposition, topic) are the quotation's, empty in output that predates them; `type` is also
//! on the `SAID` edge, so that a graph loaded from `--attributions all` output can keep its
//! statements apart (`MATCH ()-[s:SAID {type: 'assertion'}]->()`).

use super::graph::{meta_text, EntityKind, Graph, QuoteNode};
use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Names of the files [`write_csv`] writes, in order: nodes, then relationships.
pub const FILES: [&str; 11] = [
    "persons.csv",
    "organizations.csv",
    "locations.csv",
    "misc.csv",
    "documents.csv",
    "quotes.csv",
    "sources.csv",
    "said.csv",
    "mentions.csv",
    "appears_in.csv",
    "quote_mentions.csv",
];

/// The node file of an entity kind.
pub fn entity_file(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => FILES[0],
        EntityKind::Organization => FILES[1],
        EntityKind::Location => FILES[2],
        EntityKind::Misc => FILES[3],
    }
}

/// Writes every file of [`FILES`] into `dir` (created if missing), header-only when empty;
/// returns their paths.
pub fn write_csv(graph: &Graph, dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for kind in EntityKind::ALL {
        let rows = graph.entities.iter().filter(|e| e.kind == kind).map(|e| {
            vec![
                e.id.clone(),
                e.name.clone(),
                e.label.clone(),
                kind.node_label().into(),
            ]
        });
        written.push(write_file(
            dir,
            entity_file(kind),
            &["id:ID", "name", "label", ":LABEL"],
            rows,
        )?);
    }
    // One column per metadata field any document has, by name; empty where a document lacks it.
    let keys: BTreeSet<&String> = graph.documents.iter().flat_map(|d| d.meta.keys()).collect();
    let documents = graph.documents.iter().map(|d| {
        let mut row = vec![d.id.clone(), d.doc_id.clone()];
        row.extend(
            keys.iter()
                .map(|k| d.meta.get(*k).map(meta_text).unwrap_or_default()),
        );
        row.push("Document".into());
        row
    });
    let columns: Vec<String> = keys.iter().map(|k| meta_column(k)).collect();
    let mut document_header = vec!["id:ID", "docId"];
    document_header.extend(columns.iter().map(String::as_str));
    document_header.push(":LABEL");
    written.push(write_file(dir, FILES[4], &document_header, documents)?);
    let quotes = graph.quotes.iter().map(|q| {
        let [cue, cue_start, cue_end] = cue_fields(q);
        vec![
            q.id.clone(),
            q.quote_id.clone(),
            q.doc_id.clone(),
            q.kind.as_str().into(),
            q.attribution.map_or("", |a| a.as_str()).into(),
            q.form.map_or("", |f| f.as_str()).into(),
            q.score.to_string(),
            q.rule.clone(),
            q.text.clone(),
            q.start.to_string(),
            q.end.to_string(),
            cue,
            cue_start,
            cue_end,
            q.speaker
                .as_ref()
                .map_or_else(String::new, |s| s.name.clone()),
            q.date.clone().unwrap_or_default(),
            "Quote".into(),
        ]
    });
    let quote_header = [
        "id:ID",
        "quoteId",
        "docId",
        "kind",
        "type",
        "form",
        "score:float",
        "rule",
        "text",
        "start:int",
        "end:int",
        "cue",
        "cueStart:int",
        "cueEnd:int",
        "speaker",
        "date",
        ":LABEL",
    ];
    written.push(write_file(dir, FILES[5], &quote_header, quotes)?);
    let sources = graph.sources.iter().map(|s| {
        vec![
            s.id.clone(),
            s.name.clone(),
            s.doc_id.clone(),
            "Source".into(),
        ]
    });
    let source_header = ["id:ID", "name", "docId", ":LABEL"];
    written.push(write_file(dir, FILES[6], &source_header, sources)?);
    let edge_header = [":START_ID", ":END_ID", ":TYPE"];
    let said = graph.quotes.iter().filter_map(|q| {
        let speaker = q.speaker.as_ref()?;
        let [cue, cue_start, cue_end] = cue_fields(q);
        Some(vec![
            speaker.node.clone(),
            q.id.clone(),
            q.kind.as_str().into(),
            q.attribution.map_or("", |a| a.as_str()).into(),
            q.score.to_string(),
            q.rule.clone(),
            cue,
            cue_start,
            cue_end,
            q.start.to_string(),
            q.end.to_string(),
            "SAID".into(),
        ])
    });
    let said_header = [
        ":START_ID",
        ":END_ID",
        "kind",
        "type",
        "score:float",
        "rule",
        "cue",
        "cueStart:int",
        "cueEnd:int",
        "start:int",
        "end:int",
        ":TYPE",
    ];
    written.push(write_file(dir, FILES[7], &said_header, said)?);
    let mentions = graph.mentions.iter().map(|m| {
        vec![
            m.document.clone(),
            m.entity.clone(),
            m.count.to_string(),
            "MENTIONS".into(),
        ]
    });
    let mentions_header = [":START_ID", ":END_ID", "count:int", ":TYPE"];
    written.push(write_file(dir, FILES[8], &mentions_header, mentions)?);
    let inside = graph.quotes.iter().flat_map(|q| {
        std::iter::once(&q.document)
            .chain(&q.reprinted_in)
            .map(|document| vec![q.id.clone(), document.clone(), "APPEARS_IN".into()])
    });
    written.push(write_file(dir, FILES[9], &edge_header, inside)?);
    let about = graph.quotes.iter().flat_map(|q| {
        q.about
            .iter()
            .map(|entity| vec![q.id.clone(), entity.clone(), "MENTIONS".into()])
    });
    written.push(write_file(dir, FILES[10], &edge_header, about)?);
    Ok(written)
}

/// The column name of metadata field `key` in `documents.csv`: a colon (the import tool's
/// type separator) becomes `_`, and a name the file already uses (`id`, `docId`), the empty
/// name (which the import tool rejects) and one that starts with `:` are prefixed with
/// `meta_`.
fn meta_column(key: &str) -> String {
    let name = key.replace(':', "_");
    if key.is_empty() || key.starts_with(':') || name == "id" || name == "docId" {
        format!("meta_{name}")
    } else {
        name
    }
}

/// A quotation's cue words, first and one-past-last character: empty fields without a cue.
fn cue_fields(q: &QuoteNode) -> [String; 3] {
    q.cue.as_ref().map_or_else(Default::default, |c| {
        [
            c.text.clone(),
            c.span.start.to_string(),
            c.span.end.to_string(),
        ]
    })
}

fn write_file(
    dir: &Path,
    name: &str,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<PathBuf> {
    let path = dir.join(name);
    let io_error = |source| Error::Io {
        path: path.clone(),
        source,
    };
    let mut out = BufWriter::new(File::create(&path).map_err(io_error)?);
    write_row(&mut out, header.iter().copied()).map_err(io_error)?;
    for row in rows {
        write_row(&mut out, row.iter().map(String::as_str)).map_err(io_error)?;
    }
    out.flush().map_err(io_error)?;
    Ok(path)
}

fn write_row<'a>(
    out: &mut impl Write,
    fields: impl Iterator<Item = &'a str>,
) -> std::io::Result<()> {
    let line: Vec<String> = fields.map(csv_field).collect();
    writeln!(out, "{}", line.join(","))
}

/// One CSV field, quoted when it holds a comma, quote mark or line break (RFC 4180).
pub fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_columns_are_names_the_import_tool_accepts() {
        assert_eq!(meta_column("date"), "date");
        assert_eq!(meta_column("a:b"), "a_b");
        assert_eq!(meta_column(""), "meta_");
        assert_eq!(meta_column(":LABEL"), "meta__LABEL");
        assert_eq!(meta_column("id"), "meta_id");
        assert_eq!(meta_column("docId"), "meta_docId");
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("Joe Biden"), "Joe Biden");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\"\nnow"), "\"say \"\"no\"\"\nnow\"");
        assert_eq!(csv_field(""), "");
    }
}
