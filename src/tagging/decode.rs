//! A model's label set (`id2label`) and decoding word-level label scores into entity spans:
//! the best label path that is valid for the scheme (an entity continues only a same-type
//! entity), by Viterbi search.

use crate::doc::Label;
use crate::labels::{Position, TagLabel};
use std::collections::HashMap;

/// A model's labels in output-index order, with the transitions the scheme allows.
#[derive(Debug, Clone)]
pub struct LabelSet {
    labels: Vec<TagLabel>,
    /// `allowed[prev * n + next]`: may label `next` follow label `prev`?
    allowed: Vec<bool>,
    /// May a sequence start with this label?
    allowed_first: Vec<bool>,
}

impl LabelSet {
    /// Builds the set from a config's `id2label`; ids must be exactly `0..n`.
    pub fn from_id2label(id2label: &HashMap<i64, String>) -> Result<LabelSet, String> {
        let n = id2label.len();
        if n == 0 {
            return Err("id2label is empty".into());
        }
        let labels = (0..n as i64)
            .map(|i| {
                id2label
                    .get(&i)
                    .map(|raw| TagLabel::parse(raw))
                    .ok_or_else(|| format!("id2label has no entry for id {i}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let has_begin = labels.iter().any(|l| l.position == Position::Begin);
        let has_end = labels.iter().any(|l| l.position == Position::End);
        let continues = |prev: &TagLabel, next: &TagLabel| {
            matches!(prev.position, Position::Begin | Position::Inside) && prev.label == next.label
        };
        let mut allowed = vec![true; n * n];
        let mut allowed_first = vec![true; n];
        for (j, next) in labels.iter().enumerate() {
            // Without B- labels (IOB1 with no adjacent entities, or bare types) an I- label
            // starts an entity, so every transition stays allowed.
            let needs_open = has_begin && matches!(next.position, Position::Inside | Position::End);
            if needs_open {
                allowed_first[j] = false;
            }
            for (i, prev) in labels.iter().enumerate() {
                let open = matches!(prev.position, Position::Begin | Position::Inside);
                allowed[i * n + j] = if needs_open {
                    continues(prev, next)
                } else {
                    // An open BIOES entity must be closed by E- before anything else.
                    !(open && has_end)
                };
            }
        }
        Ok(LabelSet {
            labels,
            allowed,
            allowed_first,
        })
    }

    /// Number of labels (the classifier's output size).
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True when the set has no label (never, for a loaded model).
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The parsed label at `index`.
    pub fn get(&self, index: usize) -> &TagLabel {
        &self.labels[index]
    }

    /// Best scheme-valid label path for per-word log-probabilities (`words × labels`, row-major).
    pub fn viterbi(&self, log_probs: &[f32]) -> Vec<usize> {
        let n = self.labels.len();
        let words = log_probs.len() / n;
        if words == 0 {
            return Vec::new();
        }
        const FORBIDDEN: f32 = -1e9;
        let mut score: Vec<f32> = (0..n)
            .map(|j| {
                log_probs[j]
                    + if self.allowed_first[j] {
                        0.0
                    } else {
                        FORBIDDEN
                    }
            })
            .collect();
        let mut back = vec![0usize; words * n];
        let mut next_score = vec![0f32; n];
        for t in 1..words {
            for j in 0..n {
                let (best_i, best) = (0..n)
                    .map(|i| {
                        let penalty = if self.allowed[i * n + j] {
                            0.0
                        } else {
                            FORBIDDEN
                        };
                        (i, score[i] + penalty)
                    })
                    .fold(
                        (0, f32::NEG_INFINITY),
                        |acc, x| if x.1 > acc.1 { x } else { acc },
                    );
                back[t * n + j] = best_i;
                next_score[j] = best + log_probs[t * n + j];
            }
            std::mem::swap(&mut score, &mut next_score);
        }
        let mut best = (0..n)
            .max_by(|&a, &b| score[a].total_cmp(&score[b]))
            .unwrap_or(0);
        let mut path = vec![0usize; words];
        for t in (0..words).rev() {
            path[t] = best;
            best = back[t * n + best];
        }
        path
    }

    /// Groups a label path into entities: `(first word, last word, label)`, inclusive.
    pub fn spans(&self, path: &[usize]) -> Vec<(usize, usize, Label)> {
        let mut spans = Vec::new();
        let mut open: Option<(usize, Label)> = None;
        for (w, &index) in path.iter().enumerate() {
            let tag = &self.labels[index];
            let continues = matches!(tag.position, Position::Inside | Position::End)
                && open.as_ref().map(|(_, l)| Some(l)) == Some(tag.label.as_ref());
            if !continues {
                if let Some((start, label)) = open.take() {
                    spans.push((start, w - 1, label));
                }
                if let Some(label) = &tag.label {
                    open = Some((w, label.clone()));
                }
            }
            if matches!(tag.position, Position::End | Position::Single) {
                if let Some((start, label)) = open.take() {
                    spans.push((start, w, label));
                }
            }
        }
        if let Some((start, label)) = open {
            spans.push((start, path.len() - 1, label));
        }
        spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> LabelSet {
        let map = names
            .iter()
            .enumerate()
            .map(|(i, n)| (i as i64, n.to_string()))
            .collect();
        LabelSet::from_id2label(&map).unwrap()
    }

    /// Log-probabilities that strongly prefer `choice` at each word.
    fn prefer(n: usize, choice: &[usize]) -> Vec<f32> {
        choice
            .iter()
            .flat_map(|&c| (0..n).map(move |j| if j == c { -0.1 } else { -3.0 }))
            .collect()
    }

    #[test]
    fn maps_type_vocabularies() {
        assert_eq!(TagLabel::parse("B-PERSON").label, Some(Label::Person));
        assert_eq!(TagLabel::parse("I-GPE").label, Some(Label::Location));
        assert_eq!(TagLabel::parse("S-ORG").position, Position::Single);
        assert_eq!(TagLabel::parse("L-ORGANIZATION").position, Position::End);
        assert_eq!(TagLabel::parse("O").label, None);
        assert_eq!(
            TagLabel::parse("B-DATE").label,
            Some(Label::Other("DATE".into()))
        );
        assert_eq!(TagLabel::parse("PER").label, Some(Label::Person));
    }

    #[test]
    fn iob2_repairs_an_orphan_inside_label() {
        let s = set(&["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]);
        // I-LOC after B-PER is invalid; the best valid path keeps one entity per type.
        let mut lp = prefer(5, &[1, 4, 0]);
        lp[5 + 2] = -0.5; // second word: I-PER is the runner-up
        let path = s.viterbi(&lp);
        assert_eq!(path, vec![1, 2, 0]);
        assert_eq!(s.spans(&path), vec![(0, 1, Label::Person)]);
    }

    #[test]
    fn iob2_adjacent_entities_split_on_begin() {
        let s = set(&["O", "B-PER", "I-PER"]);
        let path = s.viterbi(&prefer(3, &[1, 2, 1, 0]));
        assert_eq!(
            s.spans(&path),
            vec![(0, 1, Label::Person), (2, 2, Label::Person)]
        );
    }

    #[test]
    fn bioes_spans_close_on_end_and_single() {
        let s = set(&["O", "B-ORG", "I-ORG", "E-ORG", "S-LOC"]);
        let path = s.viterbi(&prefer(5, &[1, 2, 3, 4, 0]));
        assert_eq!(path, vec![1, 2, 3, 4, 0]);
        assert_eq!(
            s.spans(&path),
            vec![(0, 2, Label::Organization), (3, 3, Label::Location)]
        );
    }

    #[test]
    fn iob1_without_begin_labels_starts_entities_with_inside() {
        let s = set(&["O", "I-PER", "I-MISC"]);
        let path = s.viterbi(&prefer(3, &[1, 1, 0, 2]));
        assert_eq!(
            s.spans(&path),
            vec![(0, 1, Label::Person), (3, 3, Label::Misc)]
        );
    }

    #[test]
    fn missing_ids_are_reported() {
        let map = [(0i64, "O".to_string()), (2, "B-PER".to_string())]
            .into_iter()
            .collect();
        assert!(LabelSet::from_id2label(&map).is_err());
    }
}
