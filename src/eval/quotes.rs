//! Scoring of quotations and speakers against brat standoff in PolNeAR's layout.
//!
//! - `TEXT_DIR/<article>.txt` holds an article; `ANN_DIR/<article>_<annotator>.ann` its
//!   attributions. With several annotators' files, the first in sorted order is the gold.
//! - Each `E` line with a `Content` is one gold attribution: its content (all pieces of
//!   `Content` and `Content2`, `;`-joined discontinuous spans included), its `Source` and `Cue`
//!   when present. Offsets are code points, as in quotegraph's output.
//! - **Detection.** A predicted quotation (any kind but `scare`) is right when it overlaps some
//!   gold content; a gold content is found when some prediction overlaps it. The *direct*
//!   subset: its recall is over the gold contents holding a double quote mark character
//!   (`"`, `“`, `”`, `„`, `«`, `»`), found by predictions of kind `direct` or `mixed`; its
//!   precision is over those predictions, each right when it overlaps some gold content.
//! - **Speaker and cue accuracy.** Predictions and gold attributions are paired one to one,
//!   greedily by overlap size. Over the pairs whose gold has a `Source`, a speaker is right
//!   when its span overlaps the source; likewise cues over pairs whose gold has a `Cue`.
//! - **Exact-match span F1 per role**, as in the attribution-tagging literature (CofeNet, BERT
//!   +CRF on PolNeAR): per document, the set of predicted spans of a role (quotation contents,
//!   speakers, cues) against the set of gold spans of that role (each piece of a
//!   discontinuous span on its own), both trimmed of whitespace, punctuation and quote marks
//!   at either end; a span counts when start and end are equal. Micro-averaged over documents.
//! - **Precision per rule**: for each rule id, the predictions it made and how many overlap
//!   some gold content, so that weak rules show.

use super::Prf;
use crate::doc::{Document, Quote, QuoteKind, Tagged};
use crate::error::{Error, Result};
use crate::offsets::CharIndex;
use crate::quotes::Attributions;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// A character span list: one or more pieces.
type Pieces = Vec<(usize, usize)>;

/// One gold attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldAttribution {
    /// Content pieces.
    pub content: Pieces,
    /// Source pieces, when the text names a source.
    pub source: Option<Pieces>,
    /// Cue pieces, when annotated.
    pub cue: Option<Pieces>,
    /// True when the content holds a double quote mark.
    pub direct: bool,
}

/// An article with its gold attributions.
#[derive(Debug, Clone)]
pub struct GoldArticle {
    /// Article name (the text file's stem).
    pub name: String,
    /// The article text.
    pub text: String,
    /// Gold attributions.
    pub gold: Vec<GoldAttribution>,
}

/// Correct out of total, and their ratio.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Accuracy {
    /// Pairs judged right.
    pub correct: usize,
    /// Pairs judged.
    pub total: usize,
    /// correct / total (0 when there are none).
    pub accuracy: f64,
}

impl Accuracy {
    fn add(&mut self, right: bool) {
        self.total += 1;
        self.correct += usize::from(right);
        self.accuracy = self.correct as f64 / self.total as f64;
    }
}

/// Scores over one corpus.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QuoteScores {
    /// Articles scored.
    pub documents: usize,
    /// Detection over all attributions.
    pub all: Prf,
    /// Detection over the direct subset.
    pub direct: Prf,
    /// Speaker-span accuracy over all paired attributions with a source.
    pub speaker_all: Accuracy,
    /// Speaker-span accuracy over the direct subset.
    pub speaker_direct: Accuracy,
    /// Cue accuracy over all paired attributions with a cue.
    pub cue_all: Accuracy,
    /// Cue accuracy over the direct subset.
    pub cue_direct: Accuracy,
    /// Exact-match span F1 of quotation contents.
    pub exact_content: Prf,
    /// Exact-match span F1 of speakers (sources).
    pub exact_source: Prf,
    /// Exact-match span F1 of cues.
    pub exact_cue: Prf,
    /// Per rule id: how many of its predictions overlap some gold content.
    pub rules: BTreeMap<String, RulePrecision>,
    /// The reliability of `score`: for each threshold of [`RELIABILITY_THRESHOLDS`], the
    /// predictions scoring at least that much and the share of them that overlap some gold
    /// content. A calibrated score has a precision near its threshold or above.
    pub reliability: Vec<Reliability>,
    /// The same scores for the default output, statements only (the figures above are for
    /// every attribution, as PolNeAR annotates them); `None` inside itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statements: Option<Box<QuoteScores>>,
}

/// Score thresholds of the reliability table ([`QuoteScores::reliability`]).
pub const RELIABILITY_THRESHOLDS: [f32; 7] = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

/// One row of the reliability table: the predictions with `score >= threshold`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Reliability {
    /// The lowest score counted.
    pub threshold: f32,
    /// Predictions scoring at least `threshold`.
    pub predictions: usize,
    /// Those that overlap some gold content.
    pub right: usize,
    /// right / predictions.
    pub precision: f64,
}

/// The predictions of one rule: right (overlapping some gold content) and wrong.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct RulePrecision {
    /// Predictions that overlap some gold content.
    pub right: usize,
    /// Predictions that overlap none.
    pub wrong: usize,
    /// right / (right + wrong).
    pub precision: f64,
}

/// Parses brat spans `"12 20;25 30"`.
fn parse_pieces(spec: &str) -> Option<Pieces> {
    spec.split(';')
        .map(|piece| {
            let mut it = piece.split_whitespace();
            let start = it.next()?.parse().ok()?;
            let end = it.next()?.parse().ok()?;
            Some((start, end))
        })
        .collect()
}

/// Parses one `.ann` file's attributions; `text` is the article, for the direct test.
pub fn parse_ann(ann: &str, text: &str) -> Vec<GoldAttribution> {
    let index = CharIndex::new(text);
    let mut spans: HashMap<&str, Pieces> = HashMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, rest)) = body.split_once(' ') else {
                continue;
            };
            if let Some(p) = parse_pieces(rest) {
                spans.insert(id, p);
            }
        } else if id.starts_with('E') {
            events.push(
                body.split_whitespace()
                    .filter_map(|arg| arg.split_once(':'))
                    .collect(),
            );
        }
    }
    let mut out = Vec::new();
    for args in events {
        let role = |prefix: &str| -> Option<Pieces> {
            let pieces: Pieces = args
                .iter()
                .filter(|(r, _)| r.trim_end_matches(char::is_numeric) == prefix)
                .filter_map(|(_, t)| spans.get(t))
                .flatten()
                .copied()
                .collect();
            (!pieces.is_empty()).then_some(pieces)
        };
        let Some(content) = role("Content") else {
            continue;
        };
        let direct = content.iter().any(|&(s, e)| {
            index
                .slice(text, s, e)
                .chars()
                .any(crate::quotes::is_double_quote_mark)
        });
        out.push(GoldAttribution {
            content,
            source: role("Source"),
            cue: role("Cue"),
            direct,
        });
    }
    out
}

/// Reads every article of `text_dir` with an annotation file in `ann_dir`.
pub fn load_corpus(text_dir: &Path, ann_dir: &Path) -> Result<Vec<GoldArticle>> {
    let read_dir = |dir: &Path| -> Result<Vec<PathBuf>> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        paths.sort();
        Ok(paths)
    };
    let read = |path: &Path| -> Result<String> {
        std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let anns: Vec<PathBuf> = read_dir(ann_dir)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    let mut first_ann: HashMap<String, PathBuf> = HashMap::new();
    for ann in &anns {
        let Some(stem) = ann.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let Some((article, _annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        // Sorted order: the first file seen for an article wins.
        first_ann
            .entry(article.to_string())
            .or_insert_with(|| ann.clone());
    }
    let mut out = Vec::new();
    for path in read_dir(text_dir)? {
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let Some(ann) = first_ann.get(name) else {
            continue;
        };
        let text = read(&path)?;
        let gold = parse_ann(&read(ann)?, &text);
        out.push(GoldArticle {
            name: name.to_string(),
            text,
            gold,
        });
    }
    if out.is_empty() {
        return Err(Error::Input(format!(
            "no article in {} has an annotation file in {}",
            text_dir.display(),
            ann_dir.display()
        )));
    }
    Ok(out)
}

fn overlaps(a: (usize, usize), pieces: &[(usize, usize)]) -> bool {
    pieces.iter().any(|&(s, e)| a.0 < e && s < a.1)
}

fn overlap_size(a: (usize, usize), pieces: &[(usize, usize)]) -> usize {
    pieces
        .iter()
        .map(|&(s, e)| a.1.min(e).saturating_sub(a.0.max(s)))
        .sum()
}

/// `[start, end)` of `chars` without whitespace, punctuation or quote marks at either end
/// (anything but a letter or digit); `None` when nothing is left.
fn trimmed(chars: &[char], (start, end): (usize, usize)) -> Option<(usize, usize)> {
    let end = end.min(chars.len());
    let inner = chars.get(start..end)?;
    let first = inner.iter().position(|c| c.is_alphanumeric())?;
    let last = inner.iter().rposition(|c| c.is_alphanumeric())?;
    Some((start + first, start + last + 1))
}

/// Adds one document's exact-match counts: the trimmed predicted spans against the trimmed
/// gold spans.
fn count_exact(
    acc: &mut (usize, usize, usize),
    chars: &[char],
    predicted: impl IntoIterator<Item = (usize, usize)>,
    gold: impl IntoIterator<Item = (usize, usize)>,
) {
    let predicted: BTreeSet<(usize, usize)> = predicted
        .into_iter()
        .filter_map(|s| trimmed(chars, s))
        .collect();
    let gold: BTreeSet<(usize, usize)> =
        gold.into_iter().filter_map(|s| trimmed(chars, s)).collect();
    let hits = predicted.intersection(&gold).count();
    acc.0 += hits;
    acc.1 += predicted.len() - hits;
    acc.2 += gold.len() - hits;
}

/// Running totals over articles.
#[derive(Debug, Default)]
pub struct Scorer {
    documents: usize,
    all: (usize, usize, usize),
    direct: (usize, usize, usize),
    exact: [(usize, usize, usize); 3],
    rules: BTreeMap<String, (usize, usize)>,
    /// Each prediction's score and whether it overlaps some gold content.
    scored: Vec<(f32, bool)>,
    scores: QuoteScores,
}

impl Scorer {
    /// Adds one article's predictions; `text` is the article, for trimming spans.
    pub fn add(&mut self, text: &str, gold: &[GoldAttribution], quotes: &[Quote]) {
        self.documents += 1;
        let preds: Vec<&Quote> = quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Scare)
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let gold_pieces = |role: fn(&GoldAttribution) -> Option<&Pieces>| {
            gold.iter()
                .filter_map(role)
                .flatten()
                .copied()
                .collect::<Vec<_>>()
        };
        let [content, source, cue] = &mut self.exact;
        count_exact(
            content,
            &chars,
            preds.iter().map(|q| (q.span.start, q.span.end)),
            gold_pieces(|g| Some(&g.content)),
        );
        count_exact(
            source,
            &chars,
            preds
                .iter()
                .filter_map(|q| q.speaker.as_ref().map(|s| (s.span.start, s.span.end))),
            gold_pieces(|g| g.source.as_ref()),
        );
        count_exact(
            cue,
            &chars,
            preds
                .iter()
                .filter_map(|q| q.cue.as_ref().map(|c| (c.span.start, c.span.end))),
            gold_pieces(|g| g.cue.as_ref()),
        );
        for p in &preds {
            let right = gold
                .iter()
                .any(|g| overlaps((p.span.start, p.span.end), &g.content));
            self.scored.push((p.score, right));
            let entry = self.rules.entry(p.rule.clone()).or_default();
            if right {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
        let marked: Vec<&Quote> = preds
            .iter()
            .copied()
            .filter(|q| matches!(q.kind, QuoteKind::Direct | QuoteKind::Mixed))
            .collect();
        let direct_gold: Vec<&GoldAttribution> = gold.iter().filter(|g| g.direct).collect();
        let all_gold: Vec<&GoldAttribution> = gold.iter().collect();
        count_precision(&mut self.all, &preds, &all_gold);
        count_recall(&mut self.all, &preds, &all_gold);
        count_precision(&mut self.direct, &marked, &all_gold);
        count_recall(&mut self.direct, &marked, &direct_gold);
        for (p, g) in pairs(&preds, &all_gold) {
            judge(&mut self.scores.speaker_all, &mut self.scores.cue_all, p, g);
        }
        for (p, g) in pairs(&marked, &direct_gold) {
            judge(
                &mut self.scores.speaker_direct,
                &mut self.scores.cue_direct,
                p,
                g,
            );
        }
    }

    /// The scores so far.
    pub fn finish(&self) -> QuoteScores {
        let prf = |c: (usize, usize, usize)| Prf::from_counts(c.0, c.1, c.2);
        let [content, source, cue] = self.exact;
        QuoteScores {
            documents: self.documents,
            all: prf(self.all),
            direct: prf(self.direct),
            exact_content: prf(content),
            exact_source: prf(source),
            exact_cue: prf(cue),
            rules: self
                .rules
                .iter()
                .map(|(rule, &(right, wrong))| {
                    let precision = right as f64 / (right + wrong).max(1) as f64;
                    let counts = RulePrecision {
                        right,
                        wrong,
                        precision,
                    };
                    (rule.clone(), counts)
                })
                .collect(),
            reliability: RELIABILITY_THRESHOLDS
                .iter()
                .map(|&threshold| {
                    let above = self.scored.iter().filter(|(score, _)| *score >= threshold);
                    let (predictions, right) =
                        above.fold((0, 0), |(n, r), &(_, ok)| (n + 1, r + usize::from(ok)));
                    Reliability {
                        threshold,
                        predictions,
                        right,
                        precision: right as f64 / predictions.max(1) as f64,
                    }
                })
                .collect(),
            ..self.scores.clone()
        }
    }
}

/// True positives and false positives: a prediction is right when it overlaps some gold content.
fn count_precision(acc: &mut (usize, usize, usize), preds: &[&Quote], gold: &[&GoldAttribution]) {
    for p in preds {
        if gold
            .iter()
            .any(|g| overlaps((p.span.start, p.span.end), &g.content))
        {
            acc.0 += 1;
        } else {
            acc.1 += 1;
        }
    }
}

/// False negatives: gold contents that no prediction overlaps.
fn count_recall(acc: &mut (usize, usize, usize), preds: &[&Quote], gold: &[&GoldAttribution]) {
    acc.2 += gold
        .iter()
        .filter(|g| {
            !preds
                .iter()
                .any(|p| overlaps((p.span.start, p.span.end), &g.content))
        })
        .count();
}

/// One-to-one pairs, greedily by overlap size.
fn pairs<'p, 'g>(
    preds: &[&'p Quote],
    gold: &[&'g GoldAttribution],
) -> Vec<(&'p Quote, &'g GoldAttribution)> {
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    for (i, p) in preds.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let size = overlap_size((p.span.start, p.span.end), &g.content);
            if size > 0 {
                cands.push((size, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_p = vec![false; preds.len()];
    let mut used_g = vec![false; gold.len()];
    let mut out = Vec::new();
    for (_, i, j) in cands {
        if !used_p[i] && !used_g[j] {
            used_p[i] = true;
            used_g[j] = true;
            out.push((preds[i], gold[j]));
        }
    }
    out
}

fn judge(speaker: &mut Accuracy, cue: &mut Accuracy, p: &Quote, g: &GoldAttribution) {
    if let Some(src) = &g.source {
        speaker.add(
            p.speaker
                .as_ref()
                .is_some_and(|s| overlaps((s.span.start, s.span.end), src)),
        );
    }
    if let Some(c) = &g.cue {
        cue.add(
            p.cue
                .as_ref()
                .is_some_and(|s| overlaps((s.span.start, s.span.end), c)),
        );
    }
}

/// A source of tagger output (mentions and role spans) for a batch of articles: the tagger,
/// or a cache of its output.
pub type TagSource<'a> = dyn FnMut(&[&GoldArticle]) -> Result<Vec<Tagged>> + 'a;

/// Runs `tag` (the tagger, or any source of its output) and the quotation pass (rules and
/// linker) over every article, in batches of eight, and scores the result: every attribution
/// ([`Attributions::All`], as PolNeAR annotates them), and the default statements view beside
/// it ([`QuoteScores::statements`]).
pub fn evaluate(articles: &[GoldArticle], tag: &mut TagSource<'_>) -> Result<QuoteScores> {
    let mut all = Scorer::default();
    let mut statements = Scorer::default();
    for chunk in articles.chunks(8) {
        let refs: Vec<&GoldArticle> = chunk.iter().collect();
        let tagged = tag(&refs)?;
        for (article, tagged) in chunk.iter().zip(tagged) {
            let mut doc = Document::new(article.name.clone(), article.text.clone());
            let (mentions, roles) = (&tagged.mentions, &tagged.roles);
            crate::pipeline::annotate_with(&mut doc, mentions, roles, Attributions::All);
            all.add(&article.text, &article.gold, &doc.quotes);
            let kept = crate::quotes::keep_statements(doc.quotes);
            statements.add(&article.text, &article.gold, &kept);
        }
    }
    Ok(QuoteScores {
        statements: Some(Box::new(statements.finish())),
        ..all.finish()
    })
}

impl QuoteScores {
    /// A plain-text table: every attribution, then the statements view's detection and
    /// speaker figures.
    pub fn table(&self) -> String {
        let mut out = prf_rows("detection", &[("all", &self.all), ("direct", &self.direct)]);
        out.push_str(&format!(
            "{:<10} {:>9} {:>9} {:>9}\n",
            "accuracy", "correct", "total", "accuracy"
        ));
        for (name, a) in [
            ("speaker", &self.speaker_all),
            ("speaker-d", &self.speaker_direct),
            ("cue", &self.cue_all),
            ("cue-d", &self.cue_direct),
        ] {
            out.push_str(&format!(
                "{:<10} {:>9} {:>9} {:>9.4}\n",
                name, a.correct, a.total, a.accuracy
            ));
        }
        out.push_str(&prf_rows(
            "exact",
            &[
                ("content", &self.exact_content),
                ("source", &self.exact_source),
                ("cue", &self.exact_cue),
            ],
        ));
        out.push_str(&format!(
            "{:<34} {:>9} {:>6} {:>6}\n",
            "rule", "precision", "right", "wrong"
        ));
        // In the order the rules are tried; rules that made no prediction are left out.
        let rules = crate::quotes::rules::Rule::ALL
            .iter()
            .filter_map(|rule| self.rules.get_key_value(rule.as_str()));
        for (rule, p) in rules {
            out.push_str(&format!(
                "{:<34} {:>9.4} {:>6} {:>6}\n",
                rule, p.precision, p.right, p.wrong
            ));
        }
        out.push_str(&format!(
            "{:<10} {:>9} {:>9} {:>9}\n",
            "score >=", "quotes", "right", "precision"
        ));
        for r in &self.reliability {
            out.push_str(&format!(
                "{:<10} {:>9} {:>9} {:>9.4}\n",
                r.threshold, r.predictions, r.right, r.precision
            ));
        }
        out.push_str(&format!("documents: {}\n", self.documents));
        if let Some(statements) = &self.statements {
            out.push_str("\nthe default output, statements only:\n");
            out.push_str(&prf_rows(
                "detection",
                &[("all", &statements.all), ("direct", &statements.direct)],
            ));
            let a = &statements.speaker_all;
            out.push_str(&format!(
                "{:<10} {:>9} {:>9} {:>9.4}\n",
                "speaker", a.correct, a.total, a.accuracy
            ));
        }
        out
    }
}

/// A table section: a header row named `title`, then precision, recall, F1 and counts per row.
fn prf_rows(title: &str, rows: &[(&str, &Prf)]) -> String {
    let mut out = format!(
        "{:<10} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}\n",
        title, "precision", "recall", "f1", "tp", "fp", "fn"
    );
    for (name, p) in rows {
        out.push_str(&format!(
            "{:<10} {:>9.4} {:>9.4} {:>9.4} {:>6} {:>6} {:>6}\n",
            name, p.precision, p.recall, p.f1, p.tp, p.fp, p.fn_
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Span;
    use crate::doc::Speaker;

    const TEXT: &str = "“We will win,” Ana Diaz said. Officials think rain is coming soon.";

    fn ann() -> String {
        [
            "T1\tContent 1 13\tWe will win,",
            "T2\tSource 15 23\tAna Diaz",
            "T3\tCue 24 28\tsaid",
            "T4\tSource 30 39\tOfficials",
            "T5\tContent 46 55;56 65\train is coming soon",
            "E1\tAttribution:T9 Content:T1 Source:T2 Cue:T3",
            "E2\tAttribution:T8 Source:T4 Content:T5",
        ]
        .join("\n")
    }

    fn quote(start: usize, end: usize, kind: QuoteKind, speaker: Option<(usize, usize)>) -> Quote {
        Quote {
            id: "q".into(),
            kind,
            attribution: None,
            form: None,
            text: String::new(),
            span: Span::new(start, end),
            cue: None,
            speaker: speaker.map(|(s, e)| Speaker {
                text: String::new(),
                span: Span::new(s, e),
                entity: None,
                name: String::new(),
            }),
            rule: String::new(),
            score: 1.0,
            about: Vec::new(),
        }
    }

    #[test]
    fn parses_events_discontinuous_spans_and_direct_flag() {
        let gold = parse_ann(&ann(), TEXT);
        assert_eq!(gold.len(), 2);
        assert_eq!(gold[1].content, vec![(46, 55), (56, 65)]);
        assert!(!gold[0].direct, "the marks are outside the content");
        assert_eq!(gold[1].cue, None);
    }

    #[test]
    fn scores_detection_and_speakers() {
        let gold = parse_ann(&ann(), TEXT);
        let mut scorer = Scorer::default();
        let quotes = vec![
            quote(1, 13, QuoteKind::Direct, Some((15, 23))),
            quote(40, 60, QuoteKind::Indirect, Some((0, 2))),
            quote(3, 5, QuoteKind::Scare, None),
        ];
        scorer.add(TEXT, &gold, &quotes);
        let s = scorer.finish();
        assert_eq!((s.all.tp, s.all.fp, s.all.fn_), (2, 0, 0));
        assert_eq!((s.speaker_all.correct, s.speaker_all.total), (1, 2));
    }

    #[test]
    fn exact_spans_are_trimmed_and_compared_per_role_and_rules_get_precision() {
        let gold = parse_ann(&ann(), TEXT);
        let mut scorer = Scorer::default();
        let mut first = quote(0, 14, QuoteKind::Direct, Some((15, 23)));
        first.rule = "quote-speaker-cue".into();
        first.cue = Some(crate::doc::TextSpan {
            text: "said".into(),
            span: Span::new(24, 29),
        });
        let mut wrong = quote(40, 45, QuoteKind::Indirect, Some((30, 39)));
        wrong.rule = "clause".into();
        scorer.add(TEXT, &gold, &[first, wrong]);
        let s = scorer.finish();
        // "“We will win,”" trims to the gold "We will win,"; the second misses both pieces.
        assert_eq!(
            (s.exact_content.tp, s.exact_content.fp, s.exact_content.fn_),
            (1, 1, 2)
        );
        assert_eq!(
            (s.exact_source.tp, s.exact_source.fp, s.exact_source.fn_),
            (2, 0, 0)
        );
        assert_eq!((s.exact_cue.tp, s.exact_cue.fp, s.exact_cue.fn_), (1, 0, 0));
        assert_eq!(
            (s.rules["quote-speaker-cue"].right, s.rules["clause"].wrong),
            (1, 1)
        );
    }
}
