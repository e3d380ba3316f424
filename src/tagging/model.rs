//! Loading a token-classification transformer from a Hugging Face style directory and running
//! its forward pass with rust-bert.
//!
//! A model directory holds `config.json` (with `model_type` and `id2label`), `tokenizer.json`
//! and weights as `model.safetensors` (or rust-bert's `rust_model.ot`) under the Hugging Face
//! tensor names. Supported `model_type`s: `bert`, `distilbert`, and the RoBERTa family
//! (`roberta`, `xlm-roberta`, `camembert`).

use super::features::{CaseClass, ExtraInputs};
use super::labels::LabelSet;
use crate::error::{Error, Result};
use rust_bert::bert::{BertConfig, BertForTokenClassification};
use rust_bert::distilbert::{DistilBertConfig, DistilBertForTokenClassification};
use rust_bert::roberta::RobertaForTokenClassification;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tch::{nn::VarStore, Device, Tensor};

/// The network itself, one variant per supported architecture.
enum Network {
    Bert(BertForTokenClassification),
    DistilBert(DistilBertForTokenClassification),
    Roberta(RobertaForTokenClassification),
}

/// The parts of `config.json` quotegraph reads itself (rust-bert reads the rest).
#[derive(Deserialize)]
struct CommonConfig {
    model_type: Option<String>,
    id2label: Option<HashMap<i64, String>>,
    pad_token_id: Option<i64>,
    max_position_embeddings: Option<i64>,
    type_vocab_size: Option<i64>,
    quotegraph_case_feature: Option<String>,
}

/// A loaded token classifier: network, weights, label set and what inputs it expects.
pub struct TokenClassifier {
    network: Network,
    // Owns the weights the network's modules point into.
    _weights: VarStore,
    device: Device,
    /// The model's labels, in classifier-output order.
    pub labels: LabelSet,
    /// Extra inputs the model was trained with.
    pub extra_inputs: ExtraInputs,
    /// Id used to pad sequences in a batch.
    pub pad_id: i64,
    /// Longest sequence (special tokens included) the position embeddings allow.
    pub max_sequence: usize,
}

impl std::fmt::Debug for TokenClassifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenClassifier")
            .field("labels", &self.labels.len())
            .field("extra_inputs", &self.extra_inputs)
            .field("max_sequence", &self.max_sequence)
            .finish()
    }
}

fn model_error(dir: &Path, message: impl Into<String>) -> Error {
    Error::Model {
        dir: dir.to_path_buf(),
        message: message.into(),
    }
}

impl TokenClassifier {
    /// Loads the network and weights in `dir` onto the CPU (or the GPU when libtorch has one).
    pub fn load(dir: &Path) -> Result<TokenClassifier> {
        let config_path = dir.join("config.json");
        let raw = std::fs::read_to_string(&config_path).map_err(|source| Error::Io {
            path: config_path.clone(),
            source,
        })?;
        let value: serde_json::Value = serde_json::from_str(&raw)
            .map_err(|e| model_error(dir, format!("config.json is not valid JSON: {e}")))?;
        let common: CommonConfig = serde_json::from_value(value.clone())
            .map_err(|e| model_error(dir, format!("config.json: {e}")))?;
        let id2label = common
            .id2label
            .as_ref()
            .ok_or_else(|| model_error(dir, "config.json has no id2label"))?;
        let labels = LabelSet::from_id2label(id2label).map_err(|m| model_error(dir, m))?;
        let extra_inputs = ExtraInputs::from_config(common.quotegraph_case_feature.as_deref())
            .map_err(|m| model_error(dir, m))?;
        let model_type = common.model_type.as_deref().unwrap_or("bert");

        let device = Device::cuda_if_available();
        let mut weights = VarStore::new(device);
        let root = weights.root();
        let parse = |what: &str, e: serde_json::Error| {
            model_error(dir, format!("config.json as a {what} config: {e}"))
        };
        let (network, position_offset) = match model_type {
            "bert" => {
                let config: BertConfig =
                    serde_json::from_value(value).map_err(|e| parse("BERT", e))?;
                let network = BertForTokenClassification::new(&root, &config)
                    .map_err(|e| model_error(dir, e.to_string()))?;
                (Network::Bert(network), 0)
            }
            "distilbert" => {
                let config: DistilBertConfig =
                    serde_json::from_value(value).map_err(|e| parse("DistilBERT", e))?;
                let network = DistilBertForTokenClassification::new(&root, &config)
                    .map_err(|e| model_error(dir, e.to_string()))?;
                (Network::DistilBert(network), 0)
            }
            "roberta" | "xlm-roberta" | "camembert" => {
                let config: BertConfig =
                    serde_json::from_value(value).map_err(|e| parse("RoBERTa", e))?;
                let network = RobertaForTokenClassification::new(&root, &config)
                    .map_err(|e| model_error(dir, e.to_string()))?;
                // RoBERTa numbers positions from padding_idx + 1.
                (Network::Roberta(network), 2)
            }
            other => {
                return Err(model_error(
                    dir,
                    format!("unsupported model_type {other:?} (bert, distilbert, roberta)"),
                ))
            }
        };
        if extra_inputs == ExtraInputs::CaseAsTokenType
            && common.type_vocab_size.unwrap_or(0) < CaseClass::COUNT
        {
            return Err(model_error(
                dir,
                "quotegraph_case_feature needs a token-type table of at least 4 rows",
            ));
        }
        let weights_path = weights_file(dir)?;
        weights
            .load(&weights_path)
            .map_err(|e| model_error(dir, format!("loading {}: {e}", weights_path.display())))?;
        // Weights stored in half precision load as such; compute in f32 on the CPU.
        weights.float();
        let max_sequence = (common.max_position_embeddings.unwrap_or(512) - position_offset)
            .max(8) as usize;
        Ok(TokenClassifier {
            network,
            _weights: weights,
            device,
            labels,
            extra_inputs,
            pad_id: common.pad_token_id.unwrap_or(0),
            max_sequence,
        })
    }

    /// Runs the network on a padded batch (`batch × length` ids, mask and token types) and
    /// returns per-token log-probabilities, `batch × length × labels`.
    pub fn log_probs(&self, ids: &Tensor, mask: &Tensor, types: &Tensor) -> Result<Tensor> {
        let (ids, mask, types) = (
            ids.to_device(self.device),
            mask.to_device(self.device),
            types.to_device(self.device),
        );
        let logits = tch::no_grad(|| match &self.network {
            Network::Bert(m) => Ok(m
                .forward_t(Some(&ids), Some(&mask), Some(&types), None, None, false)
                .logits),
            Network::DistilBert(m) => m
                .forward_t(Some(&ids), Some(&mask), None, false)
                .map(|o| o.logits)
                .map_err(|e| Error::Inference(e.to_string())),
            Network::Roberta(m) => Ok(m
                .forward_t(Some(&ids), Some(&mask), Some(&types), None, None, false)
                .logits),
        })?;
        Ok(logits
            .log_softmax(-1, tch::Kind::Float)
            .to_device(Device::Cpu))
    }
}

/// The weights file in `dir`: `model.safetensors`, else rust-bert's `rust_model.ot`.
fn weights_file(dir: &Path) -> Result<PathBuf> {
    ["model.safetensors", "rust_model.ot"]
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file())
        .ok_or_else(|| {
            model_error(
                dir,
                "no model.safetensors or rust_model.ot (convert pytorch_model.bin to safetensors)",
            )
        })
}
