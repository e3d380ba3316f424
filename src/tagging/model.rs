//! Loading a token-classification transformer from a Hugging Face style directory (rust-bert
//! declares and loads the weights) and running its forward pass, in the chosen precision.
//!
//! A model directory holds `config.json` (with `model_type` and `id2label`), `tokenizer.json`
//! and weights as `model.safetensors` (or rust-bert's `rust_model.ot`) under the Hugging Face
//! tensor names. Supported `model_type`s: `bert`, `distilbert`, and the RoBERTa family
//! (`roberta`, `xlm-roberta`, `camembert`).

use super::cpu::{cpu_has_avx2, cpu_has_native_bf16, cpu_runs_amx_bf16};
use super::decode::LabelSet;
use super::encoder::Encoder;
use super::features::{CaseClass, ExtraInputs};
use crate::error::{Error, Result};
use rust_bert::bert::{BertConfig, BertForTokenClassification};
use rust_bert::distilbert::{DistilBertConfig, DistilBertForTokenClassification};
use rust_bert::roberta::RobertaForTokenClassification;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tch::{nn::VarStore, Device, Tensor};

/// Number format the network computes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// The fastest path this CPU has for the model (see [`Precision::resolve`]).
    #[default]
    Auto,
    /// 32-bit floats: the reference the other formats are measured against.
    F32,
    /// bfloat16: faster than `f32` on CPUs with AVX512-BF16, at the same F1; emulated, and
    /// slower than `f32`, on CPUs without.
    Bf16,
    /// Int8 weights and activations in the transformer layers' linear layers, through fbgemm
    /// (libtorch's x86 int8 kernels, AVX2 and up), everything else in f32: the fastest path
    /// measured on CPUs with AVX2 alone and with AVX512-BF16 (speeds in
    /// `docs/performance.md`). BERT and RoBERTa models on the CPU only.
    Int8,
}

impl Precision {
    /// `Auto` made concrete for running on `device` a network that can take int8 weights
    /// (`int8_capable`: BERT and RoBERTa, through quotegraph's own forward pass) or not: int8
    /// on x86 CPUs with AVX2, unless oneDNN runs bf16 on AMX tiles there (not measured; bf16
    /// is kept); else bf16 where it runs natively; else f32 (`docs/performance.md`).
    pub fn resolve(self, device: Device, int8_capable: bool) -> Precision {
        match self {
            Precision::Auto
                if device == Device::Cpu
                    && int8_capable
                    && cpu_has_avx2()
                    && !cpu_runs_amx_bf16() =>
            {
                Precision::Int8
            }
            Precision::Auto if device == Device::Cpu && cpu_has_native_bf16() => Precision::Bf16,
            Precision::Auto => Precision::F32,
            chosen => chosen,
        }
    }

    /// False for `Bf16` on a CPU where it is emulated (see [`cpu_has_native_bf16`]), and for
    /// `Int8` on a CPU without AVX2, where fbgemm has no kernels.
    pub fn is_native(self) -> bool {
        match self {
            Precision::Bf16 => cpu_has_native_bf16(),
            Precision::Int8 => cpu_has_avx2(),
            Precision::Auto | Precision::F32 => true,
        }
    }
}

impl std::str::FromStr for Precision {
    type Err = String;

    /// Parses `auto`, `f32`, `bf16` or `int8`.
    fn from_str(s: &str) -> std::result::Result<Precision, String> {
        match s {
            "auto" => Ok(Precision::Auto),
            "f32" => Ok(Precision::F32),
            "bf16" => Ok(Precision::Bf16),
            "int8" => Ok(Precision::Int8),
            other => Err(format!(
                "unknown precision {other:?} (auto, f32, bf16, int8)"
            )),
        }
    }
}

/// The network itself: BERT and RoBERTa run through quotegraph's own forward pass
/// ([`Encoder`]), DistilBERT through rust-bert's.
enum Network {
    Encoder(Encoder),
    DistilBert(DistilBertForTokenClassification),
}

/// What `load` builds once the weights are in: the encoder, which reads them from the store,
/// or a rust-bert network, which already points into it.
enum Planned {
    Encoder {
        prefix: &'static str,
        config: BertConfig,
    },
    Ready(Network),
}

/// The parts of `config.json` quotegraph reads itself (rust-bert reads the rest).
#[derive(Deserialize)]
struct CommonConfig {
    model_type: Option<String>,
    id2label: Option<HashMap<i64, String>>,
    pad_token_id: Option<i64>,
    max_position_embeddings: Option<i64>,
    type_vocab_size: Option<i64>,
    layer_norm_eps: Option<f64>,
    quotegraph_case_feature: Option<String>,
    quotegraph_window: Option<usize>,
    quotegraph_attribution_labels: Option<Vec<String>>,
}

/// Name of the attribution-role head's weights (`attribution_classifier.weight` / `.bias`),
/// a linear layer over the same final hidden states as the entity classifier.
const ROLE_HEAD: &str = "attribution_classifier";

/// The network and, for rust-bert's modules, the var store they point into. The encoder
/// holds its own tensors: without the store, the weights it replaced (Q, K and V stacked into
/// one matrix, f32 weights quantized to int8) are freed.
struct Loaded {
    network: Network,
    _weights: Option<VarStore>,
}

/// A loaded token classifier: network, weights, label set and what inputs it expects.
///
/// libtorch tensors may move between threads but not be shared (`Send`, not `Sync`), so the
/// network sits behind a lock: the classifier is `Send + Sync`, and forward passes of one
/// classifier run one at a time, each on libtorch's own intra-op threads.
pub struct TokenClassifier {
    loaded: Mutex<Loaded>,
    device: Device,
    /// The model's labels, in classifier-output order.
    pub labels: LabelSet,
    /// The attribution head's labels (`quotegraph_attribution_labels` in `config.json`), when
    /// the model has that head; its outputs follow the entity labels' in [`Self::log_probs`].
    pub role_labels: Option<LabelSet>,
    /// Extra inputs the model was trained with.
    pub extra_inputs: ExtraInputs,
    /// Id used to pad sequences in a batch.
    pub pad_id: i64,
    /// Longest sequence (special tokens included) the position embeddings allow.
    pub max_sequence: usize,
    /// Sub-tokens per window the model was fine-tuned on (`quotegraph_window`), if declared:
    /// positions beyond it saw no fine-tuning, so inference windows should not exceed it.
    pub trained_window: Option<usize>,
    /// The number format the network computes in (never `Auto`).
    pub precision: Precision,
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
    Error::model(dir, message, None)
}

/// A model error that keeps the error of the library that raised it.
fn model_error_from(
    dir: &Path,
    message: impl Into<String>,
    source: impl std::error::Error + Send + Sync + 'static,
) -> Error {
    Error::model(dir, message, Some(Box::new(source)))
}

/// What `config.json` says, read and checked once.
struct ModelConfig {
    /// The whole file, for rust-bert's own config types.
    raw: serde_json::Value,
    /// The fields quotegraph reads itself.
    common: CommonConfig,
    /// The entity labels (`id2label`).
    labels: LabelSet,
    /// The attribution head's labels, when the model has one.
    role_labels: Option<LabelSet>,
    /// Inputs beyond ids and mask.
    extra_inputs: ExtraInputs,
}

/// Reads and checks `dir/config.json`.
fn read_config(dir: &Path) -> Result<ModelConfig> {
    let config_path = dir.join("config.json");
    let raw = std::fs::read_to_string(&config_path).map_err(|source| Error::Io {
        path: config_path.clone(),
        source,
    })?;
    let raw: serde_json::Value = serde_json::from_str(&raw)
        .map_err(|e| model_error_from(dir, "config.json is not valid JSON", e))?;
    let common: CommonConfig =
        serde_json::from_value(raw.clone()).map_err(|e| model_error_from(dir, "config.json", e))?;
    let id2label = common
        .id2label
        .as_ref()
        .ok_or_else(|| model_error(dir, "config.json has no id2label"))?;
    let labels = LabelSet::from_id2label(id2label).map_err(|m| model_error(dir, m))?;
    let role_labels = common
        .quotegraph_attribution_labels
        .as_ref()
        .map(|names| {
            let id2label = (0i64..).zip(names.iter().cloned()).collect();
            LabelSet::from_id2label(&id2label)
                .map_err(|m| model_error(dir, format!("quotegraph_attribution_labels: {m}")))
        })
        .transpose()?;
    let extra_inputs = ExtraInputs::from_config(common.quotegraph_case_feature.as_deref())
        .map_err(|m| model_error(dir, m))?;
    Ok(ModelConfig {
        raw,
        common,
        labels,
        role_labels,
        extra_inputs,
    })
}

/// Declares the network of `config.model_type` under `root` — rust-bert's modules declare
/// (and, on load, check) every weight by name and shape — and returns what to build once the
/// weights are in, with the model's position offset (RoBERTa numbers positions from
/// `padding_idx + 1`).
fn declare_network(
    dir: &Path,
    root: &tch::nn::Path,
    config: &ModelConfig,
) -> Result<(Planned, i64)> {
    let parse = |what: &str, e: serde_json::Error| {
        model_error_from(dir, format!("config.json as a {what} config"), e)
    };
    let declared =
        |e: rust_bert::RustBertError| model_error_from(dir, "weights declared by config.json", e);
    let role_labels = config.role_labels.as_ref();
    match config.common.model_type.as_deref().unwrap_or("bert") {
        "bert" => {
            let bert: BertConfig =
                serde_json::from_value(config.raw.clone()).map_err(|e| parse("BERT", e))?;
            BertForTokenClassification::new(root, &bert).map_err(declared)?;
            declare_role_head(root, &bert, role_labels);
            let prefix = "bert";
            Ok((
                Planned::Encoder {
                    prefix,
                    config: bert,
                },
                0,
            ))
        }
        "distilbert" => {
            if role_labels.is_some() {
                return Err(model_error(
                    dir,
                    "an attribution head is supported on bert and roberta models only",
                ));
            }
            let distilbert: DistilBertConfig =
                serde_json::from_value(config.raw.clone()).map_err(|e| parse("DistilBERT", e))?;
            let network =
                DistilBertForTokenClassification::new(root, &distilbert).map_err(declared)?;
            Ok((Planned::Ready(Network::DistilBert(network)), 0))
        }
        "roberta" | "xlm-roberta" | "camembert" => {
            let roberta: BertConfig =
                serde_json::from_value(config.raw.clone()).map_err(|e| parse("RoBERTa", e))?;
            RobertaForTokenClassification::new(root, &roberta).map_err(declared)?;
            declare_role_head(root, &roberta, role_labels);
            let prefix = "roberta";
            Ok((
                Planned::Encoder {
                    prefix,
                    config: roberta,
                },
                2,
            ))
        }
        other => Err(model_error(
            dir,
            format!("unsupported model_type {other:?} (bert, distilbert, roberta)"),
        )),
    }
}

/// Builds the network from loaded `weights`, in `precision` (already resolved from what the
/// caller `asked`); returns it with the precision it really computes in: `auto` falls back,
/// where this libtorch has no int8 kernels, to the next fastest — bf16 where native, else
/// f32.
fn build_network(
    dir: &Path,
    planned: Planned,
    weights: &mut VarStore,
    config: &ModelConfig,
    position_offset: i64,
    asked: Precision,
    precision: Precision,
) -> Result<(Network, Precision)> {
    let (prefix, bert) = match planned {
        Planned::Encoder { prefix, config } => (prefix, config),
        Planned::Ready(_) if precision == Precision::Int8 => {
            return Err(model_error(
                dir,
                "int8 runs on bert and roberta models only",
            ))
        }
        Planned::Ready(network) => return Ok((network, precision)),
    };
    let build = |weights: &VarStore| {
        Encoder::from_variables(
            &weights.variables(),
            prefix,
            &bert,
            config.common.layer_norm_eps.unwrap_or(1e-12),
            position_offset,
            config.role_labels.as_ref().map(|_| ROLE_HEAD),
        )
        .map_err(|m| model_error(dir, m))
    };
    let mut encoder = build(weights)?;
    let mut precision = precision;
    if precision == Precision::Int8 {
        if weights.device() != Device::Cpu || !precision.is_native() {
            return Err(model_error(dir, "int8 runs on x86 CPUs with AVX2 only"));
        }
        if let Err(e) = encoder.quantize_linear_layers() {
            if asked != Precision::Auto {
                return Err(model_error_from(dir, "int8 weights", e));
            }
            precision = if cpu_has_native_bf16() {
                weights.bfloat16();
                Precision::Bf16
            } else {
                Precision::F32
            };
            encoder = build(weights)?;
        }
    }
    Ok((Network::Encoder(encoder), precision))
}

impl TokenClassifier {
    /// Loads the network and weights in `dir` onto the CPU (or the GPU when libtorch has one),
    /// to compute in `precision`: reads `config.json`, declares the network it names, loads
    /// the weights, then builds the network in the precision `auto` resolves to here.
    pub fn load(dir: &Path, precision: Precision) -> Result<TokenClassifier> {
        let config = read_config(dir)?;
        let device = Device::cuda_if_available();
        let mut weights = VarStore::new(device);
        let (planned, position_offset) = declare_network(dir, &weights.root(), &config)?;
        if config.extra_inputs == ExtraInputs::CaseAsTokenType
            && config.common.type_vocab_size.unwrap_or(0) < CaseClass::COUNT
        {
            return Err(model_error(
                dir,
                "quotegraph_case_feature needs a token-type table of at least 4 rows",
            ));
        }
        let weights_path = weights_file(dir)?;
        weights
            .load(&weights_path)
            .map_err(|e| model_error_from(dir, format!("loading {}", weights_path.display()), e))?;
        // Weights load in the precision they were stored in; compute in the one asked for.
        let resolved = precision.resolve(device, matches!(planned, Planned::Encoder { .. }));
        match resolved {
            Precision::Bf16 => weights.bfloat16(),
            Precision::Auto | Precision::F32 | Precision::Int8 => weights.float(),
        }
        let (network, precision) = build_network(
            dir,
            planned,
            &mut weights,
            &config,
            position_offset,
            precision,
            resolved,
        )?;
        let common = &config.common;
        let max_sequence =
            (common.max_position_embeddings.unwrap_or(512) - position_offset).max(8) as usize;
        Ok(TokenClassifier {
            loaded: Mutex::new(Loaded {
                _weights: matches!(network, Network::DistilBert(_)).then_some(weights),
                network,
            }),
            device,
            pad_id: common.pad_token_id.unwrap_or(0),
            trained_window: common.quotegraph_window,
            labels: config.labels,
            role_labels: config.role_labels,
            extra_inputs: config.extra_inputs,
            max_sequence,
            precision,
        })
    }

    /// Runs the network on a padded batch (`batch × length` ids, mask and token types) and
    /// returns per-token log-probabilities, `batch × length × (labels + role labels)`: the
    /// entity labels' distribution, then (with an attribution head) the roles' own.
    pub fn log_probs(&self, ids: &Tensor, mask: &Tensor, types: &Tensor) -> Result<Tensor> {
        let (ids, mask, types) = (
            ids.to_device(self.device),
            mask.to_device(self.device),
            types.to_device(self.device),
        );
        let logits = {
            // Held for the forward pass only.
            let loaded = self
                .loaded
                .lock()
                .map_err(|_| Error::inference("an earlier forward pass panicked", None))?;
            tch::no_grad(|| match &loaded.network {
                Network::Encoder(encoder) => encoder
                    .logits(&ids, &mask, &types)
                    .map_err(|e| Error::inference("forward pass", Some(Box::new(e)))),
                Network::DistilBert(m) => m
                    .forward_t(Some(&ids), Some(&mask), None, false)
                    .map(|o| o.logits)
                    .map_err(|e| Error::inference("forward pass", Some(Box::new(e)))),
            })?
        };
        let n_labels = self.labels.len() as i64;
        let log_probs = match &self.role_labels {
            Some(roles) => Tensor::cat(
                &[
                    logits
                        .narrow(-1, 0, n_labels)
                        .log_softmax(-1, tch::Kind::Float),
                    logits
                        .narrow(-1, n_labels, roles.len() as i64)
                        .log_softmax(-1, tch::Kind::Float),
                ],
                -1,
            ),
            None => logits.log_softmax(-1, tch::Kind::Float),
        };
        Ok(log_probs.to_device(Device::Cpu))
    }
}

/// Declares the attribution head's weights under [`ROLE_HEAD`] so that loading fills them
/// (and fails, naming them, when the file lacks them).
fn declare_role_head(root: &tch::nn::Path, config: &BertConfig, roles: Option<&LabelSet>) {
    if let Some(roles) = roles {
        let _ = tch::nn::linear(
            root / ROLE_HEAD,
            config.hidden_size,
            roles.len() as i64,
            Default::default(),
        );
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
