//! Evaluation against annotated corpora: entity tagging on CoNLL files ([`ner`]), quotations
//! and speakers on brat standoff in PolNeAR's layout ([`quotes`]).

pub mod ner;
pub mod quotes;

use serde::Serialize;

/// Precision, recall and F1 from true-positive, false-positive and false-negative counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Correct predictions.
    pub tp: usize,
    /// Predictions that match nothing.
    pub fp: usize,
    /// Gold items nothing predicted.
    pub fn_: usize,
    /// tp / (tp + fp).
    pub precision: f64,
    /// tp / (tp + fn).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Prf {
    /// Scores from counts; empty denominators give 0.
    pub fn from_counts(tp: usize, fp: usize, fn_: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            tp,
            fp,
            fn_,
            precision,
            recall,
            f1,
        }
    }
}
