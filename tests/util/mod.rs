//! Helpers of the tests that load a model (feature `tagger`): tiny randomly initialised models
//! written to a temporary directory, the bundled model; the model-free helpers of
//! `tests/common` too.

#![allow(dead_code)]

use rust_bert::bert::{BertConfig, BertForTokenClassification};
use rust_bert::distilbert::{DistilBertConfig, DistilBertForTokenClassification};
use rust_bert::roberta::RobertaForTokenClassification;
use serde_json::{json, Value};
use std::path::Path;
use tch::{nn::VarStore, Device, Kind};

#[path = "../common/mod.rs"]
mod common;
// Each test crate compiles this module anew; not every one checks offsets.
#[allow(unused_imports)]
pub use common::{assert_offsets_slice, assert_valid_record};

/// The bundled model directory.
pub fn bundled_model() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models/quotegraph-ner-minilm")
}

fn id2label(labels: &[&str]) -> Value {
    Value::Object(
        labels
            .iter()
            .enumerate()
            .map(|(i, l)| (i.to_string(), json!(l)))
            .collect(),
    )
}

fn added(id: u32, content: &str) -> Value {
    json!({"id": id, "content": content, "single_word": false, "lstrip": false,
           "rstrip": false, "normalized": false, "special": true})
}

/// A lower-casing WordPiece tokenizer: specials, single letters, `##` letters, digits, punctuation.
fn wordpiece_tokenizer() -> (Value, i64) {
    let specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"];
    let mut vocab: Vec<String> = specials.iter().map(|s| s.to_string()).collect();
    for c in ('a'..='z').chain('0'..='9') {
        vocab.push(c.to_string());
        vocab.push(format!("##{c}"));
    }
    vocab.extend(
        [
            ".", ",", "'", "\"", "-", "(", ")", ":", "the", "said", "##s",
        ]
        .map(String::from),
    );
    let vocab_json: serde_json::Map<String, Value> = vocab
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), json!(i)))
        .collect();
    let tokenizer = json!({
        "version": "1.0", "truncation": null, "padding": null,
        "added_tokens": specials.iter().enumerate().map(|(i, s)| added(i as u32, s)).collect::<Vec<_>>(),
        "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
                       "strip_accents": null, "lowercase": true},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {"type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                               "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab_json}
    });
    (tokenizer, vocab.len() as i64)
}

/// GPT-2's byte → printable character table, as byte-level BPE uses it.
fn byte_chars() -> Vec<char> {
    let printable =
        |b: u32| (33..=126).contains(&b) || (161..=172).contains(&b) || (174..=255).contains(&b);
    let mut extra = 0;
    (0u32..256)
        .map(|b| {
            if printable(b) {
                char::from_u32(b).unwrap()
            } else {
                extra += 1;
                char::from_u32(255 + extra).unwrap()
            }
        })
        .collect()
}

/// A byte-level BPE tokenizer (RoBERTa style) with one token per byte and no merges.
fn byte_level_tokenizer() -> (Value, i64) {
    let specials = ["<s>", "<pad>", "</s>", "<unk>"];
    let mut vocab = serde_json::Map::new();
    for (i, s) in specials.iter().enumerate() {
        vocab.insert(s.to_string(), json!(i));
    }
    for (i, c) in byte_chars().into_iter().enumerate() {
        vocab.insert(c.to_string(), json!(i + specials.len()));
    }
    let size = vocab.len() as i64;
    let tokenizer = json!({
        "version": "1.0", "truncation": null, "padding": null,
        "added_tokens": specials.iter().enumerate().map(|(i, s)| added(i as u32, s)).collect::<Vec<_>>(),
        "normalizer": null,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
        "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0],
                           "trim_offsets": true, "add_prefix_space": false},
        "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
        "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
                  "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false,
                  "vocab": vocab, "merges": []}
    });
    (tokenizer, size)
}

/// Architectures the tiny models come in.
#[derive(Debug, Clone, Copy)]
pub enum Arch {
    Bert,
    DistilBert,
    Roberta,
}

/// Number of attribution-role labels a config declares (`quotegraph_attribution_labels`).
fn attribution_label_count(config: &Value) -> Option<i64> {
    config
        .get("quotegraph_attribution_labels")
        .and_then(Value::as_array)
        .map(|labels| labels.len() as i64)
}

/// Writes a tiny random token-classification model of `arch` with `labels` into `dir`.
/// `extra` keys are merged into config.json (`quotegraph_attribution_labels` adds the
/// attribution head's weights); `half` stores the weights in float16.
pub fn write_tiny_model(dir: &Path, arch: Arch, labels: &[&str], extra: Value, half: bool) {
    tch::manual_seed(7);
    let (tokenizer, vocab_size) = match arch {
        Arch::Roberta => byte_level_tokenizer(),
        _ => wordpiece_tokenizer(),
    };
    let mut config = match arch {
        Arch::Bert | Arch::Roberta => json!({
            "model_type": if matches!(arch, Arch::Bert) { "bert" } else { "roberta" },
            "hidden_act": "gelu", "attention_probs_dropout_prob": 0.1, "hidden_dropout_prob": 0.1,
            "hidden_size": 16, "initializer_range": 0.02, "intermediate_size": 32,
            "max_position_embeddings": 66, "num_attention_heads": 2, "num_hidden_layers": 2,
            "type_vocab_size": 1, "vocab_size": vocab_size,
            "pad_token_id": if matches!(arch, Arch::Bert) { 0 } else { 1 }
        }),
        Arch::DistilBert => json!({
            "model_type": "distilbert", "activation": "gelu", "attention_dropout": 0.1, "dim": 16,
            "dropout": 0.1, "hidden_dim": 32, "initializer_range": 0.02,
            "max_position_embeddings": 64, "n_heads": 2, "n_layers": 2, "qa_dropout": 0.1,
            "seq_classif_dropout": 0.2, "sinusoidal_pos_embds": false, "tie_weights_": true,
            "vocab_size": vocab_size, "pad_token_id": 0
        }),
    };
    let obj = config.as_object_mut().unwrap();
    obj.insert("id2label".into(), id2label(labels));
    for (k, v) in extra.as_object().cloned().unwrap_or_default() {
        obj.insert(k, v);
    }
    let vs = VarStore::new(Device::Cpu);
    match arch {
        Arch::Bert => {
            let c: BertConfig = serde_json::from_value(config.clone()).unwrap();
            BertForTokenClassification::new(vs.root(), &c).unwrap();
        }
        Arch::Roberta => {
            let c: BertConfig = serde_json::from_value(config.clone()).unwrap();
            RobertaForTokenClassification::new(vs.root(), &c).unwrap();
        }
        Arch::DistilBert => {
            let c: DistilBertConfig = serde_json::from_value(config.clone()).unwrap();
            DistilBertForTokenClassification::new(vs.root(), &c).unwrap();
        }
    }
    if let Some(roles) = attribution_label_count(&config) {
        let hidden = config["hidden_size"].as_i64().unwrap_or(16);
        let _ = tch::nn::linear(
            vs.root() / "attribution_classifier",
            hidden,
            roles,
            Default::default(),
        );
    }
    let mut vs = vs;
    if half {
        vs.set_kind(Kind::Half);
    }
    std::fs::create_dir_all(dir).unwrap();
    vs.save(dir.join("model.safetensors")).unwrap();
    std::fs::write(
        dir.join("config.json"),
        serde_json::to_string_pretty(&config).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("tokenizer.json"), tokenizer.to_string()).unwrap();
}
