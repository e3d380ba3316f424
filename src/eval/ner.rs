//! Entity-level scoring of the tagger on CoNLL-format data (conlleval semantics).
//!
//! The unit is the document: each `-DOCSTART-` block is rebuilt as text — tokens joined by
//! spaces, sentences by newlines — and tagged whole, as news arrives. Files without
//! `-DOCSTART-` lines are scored sentence by sentence. A predicted entity is correct when its
//! character span and type equal a gold chunk's (first token's start, last token's end).
//! Gold tags may be IOB1 or IOB2; an `I-` tag after `O` or another type opens a chunk.

use super::Prf;
use crate::doc::{Label, Mention};
use crate::labels::{Position, TagLabel};
#[cfg(feature = "tagger")]
use crate::{
    error::{Error, Result},
    tagging::Tagger,
};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
#[cfg(feature = "tagger")]
use std::path::Path;

/// A document rebuilt from CoNLL tokens, with its gold entity chunks.
#[derive(Debug, Clone, PartialEq)]
pub struct ConllDocument {
    /// Tokens joined by spaces, sentences by newlines.
    pub text: String,
    /// Gold chunks as `(start, end, label)` character spans.
    pub gold: Vec<(usize, usize, Label)>,
}

/// Scores per entity type and over all types.
#[derive(Debug, Clone, Serialize)]
pub struct NerScores {
    /// Documents scored.
    pub documents: usize,
    /// Micro-averaged over all types.
    pub micro: Prf,
    /// Per type, by output label (`LOC`, `MISC`, `ORG`, `PER`, …).
    pub per_type: BTreeMap<String, Prf>,
}

/// Parses CoNLL text: first column the token, last column the tag.
pub fn parse_conll(content: &str) -> Vec<ConllDocument> {
    let has_docstart = content.lines().any(|l| l.starts_with("-DOCSTART-"));
    let mut docs = Vec::new();
    let mut sentences: Vec<Vec<(String, String)>> = Vec::new();
    let mut sentence: Vec<(String, String)> = Vec::new();
    let mut flush_doc = |sentences: &mut Vec<Vec<(String, String)>>| {
        if !sentences.is_empty() {
            docs.push(build_document(sentences));
            sentences.clear();
        }
    };
    for line in content.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") || line.is_empty() {
            if !sentence.is_empty() {
                sentences.push(std::mem::take(&mut sentence));
                if !has_docstart {
                    flush_doc(&mut sentences);
                }
            }
            if line.starts_with("-DOCSTART-") {
                flush_doc(&mut sentences);
            }
            continue;
        }
        let mut columns = line.split_whitespace();
        let token = columns.next().unwrap_or_default().to_string();
        let tag = columns.next_back().unwrap_or("O").to_string();
        sentence.push((token, tag));
    }
    if !sentence.is_empty() {
        sentences.push(sentence);
    }
    flush_doc(&mut sentences);
    docs
}

fn build_document(sentences: &[Vec<(String, String)>]) -> ConllDocument {
    let mut text = String::new();
    let mut chars = 0;
    let mut gold = Vec::new();
    let mut open: Option<(usize, usize, Label)> = None;
    for (s, sentence) in sentences.iter().enumerate() {
        if s > 0 {
            text.push('\n');
            chars += 1;
        }
        for (t, (token, tag)) in sentence.iter().enumerate() {
            if t > 0 {
                text.push(' ');
                chars += 1;
            }
            let (start, end) = (chars, chars + token.chars().count());
            text.push_str(token);
            chars = end;
            let parsed = TagLabel::parse(tag);
            let continues = parsed.position == Position::Inside
                && open.as_ref().map(|o| &o.2) == parsed.label.as_ref();
            if continues {
                if let Some(o) = open.as_mut() {
                    o.1 = end;
                }
                continue;
            }
            gold.extend(open.take());
            if let Some(label) = parsed.label {
                open = Some((start, end, label));
            }
        }
        // Chunks never cross sentences.
        gold.extend(open.take());
    }
    ConllDocument { text, gold }
}

/// Tags every document of `path` and scores the result.
#[cfg(feature = "tagger")]
pub fn evaluate_file(tagger: &Tagger, path: &Path) -> Result<NerScores> {
    let content = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    evaluate(tagger, &parse_conll(&content))
}

/// Tags `docs` and scores the predictions against their gold chunks.
#[cfg(feature = "tagger")]
pub fn evaluate(tagger: &Tagger, docs: &[ConllDocument]) -> Result<NerScores> {
    let mut predicted = Vec::with_capacity(docs.len());
    for chunk in docs.chunks(8) {
        let texts: Vec<&str> = chunk.iter().map(|d| d.text.as_str()).collect();
        predicted.extend(tagger.tag(&texts)?);
    }
    Ok(score(docs, &predicted))
}

/// Scores predicted mentions (one list per document of `docs`, in order; from any tagger)
/// against the documents' gold chunks: exact character span and type.
pub fn score(docs: &[ConllDocument], predicted: &[Vec<Mention>]) -> NerScores {
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for (doc, mentions) in docs.iter().zip(predicted) {
        let gold: HashSet<(usize, usize, &str)> = doc
            .gold
            .iter()
            .map(|(s, e, l)| (*s, *e, l.as_str()))
            .collect();
        let pred: HashSet<(usize, usize, &str)> = mentions
            .iter()
            .map(|m| (m.span.start, m.span.end, m.label.as_str()))
            .collect();
        for item in pred.union(&gold) {
            let entry = counts.entry(item.2.to_string()).or_default();
            match (pred.contains(item), gold.contains(item)) {
                (true, true) => entry.0 += 1,
                (true, false) => entry.1 += 1,
                _ => entry.2 += 1,
            }
        }
    }
    let (tp, fp, fn_) = counts
        .values()
        .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
    NerScores {
        documents: docs.len(),
        micro: Prf::from_counts(tp, fp, fn_),
        per_type: counts
            .into_iter()
            .map(|(label, (tp, fp, fn_))| (label, Prf::from_counts(tp, fp, fn_)))
            .collect(),
    }
}

impl NerScores {
    /// A plain-text table: one row per type, then the micro average.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<8} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}\n",
            "type", "precision", "recall", "f1", "tp", "fp", "fn"
        );
        let rows = self
            .per_type
            .iter()
            .map(|(l, p)| (l.as_str(), p))
            .chain(std::iter::once(("micro", &self.micro)));
        for (label, p) in rows {
            out.push_str(&format!(
                "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>6} {:>6} {:>6}\n",
                label, p.precision, p.recall, p.f1, p.tp, p.fp, p.fn_
            ));
        }
        out.push_str(&format!("documents: {}\n", self.documents));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "-DOCSTART- -X- -X- O\n\nAda NNP B-NP B-PER\nLovelace NNP I-NP I-PER\nvisited VBD B-VP O\nTurin NNP B-NP B-LOC\n. . O O\n\nShe PRP B-NP O\nmet VBD B-VP O\nBabbage NNP B-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nIBM NNP B-NP B-ORG\n";

    #[test]
    fn rebuilds_documents_and_gold_chunks() {
        let docs = parse_conll(SAMPLE);
        assert_eq!(docs.len(), 2);
        assert_eq!(
            docs[0].text,
            "Ada Lovelace visited Turin .\nShe met Babbage"
        );
        let spans: Vec<(&str, &str)> = docs[0]
            .gold
            .iter()
            .map(|(s, e, l)| (&docs[0].text[*s..*e], l.as_str()))
            .collect();
        // IOB1: an I- tag after O opens a chunk.
        assert_eq!(
            spans,
            vec![
                ("Ada Lovelace", "PER"),
                ("Turin", "LOC"),
                ("Babbage", "PER")
            ]
        );
        assert_eq!(docs[1].gold, vec![(0, 3, Label::Organization)]);
    }

    #[test]
    fn files_without_docstart_are_scored_per_sentence() {
        let docs = parse_conll("A NNP B-PER\n\nB NNP B-LOC\n");
        assert_eq!(docs.len(), 2);
    }

    #[test]
    fn scores_from_counts() {
        let p = Prf::from_counts(8, 2, 2);
        assert!((p.f1 - 0.8).abs() < 1e-9);
        assert_eq!(Prf::from_counts(0, 0, 0).f1, 0.0);
    }
}
