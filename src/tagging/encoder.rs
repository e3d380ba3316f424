//! An inference-only forward pass for BERT and RoBERTa token classifiers, over the weights
//! rust-bert loaded.
//!
//! rust-bert's modules are written for training and generality: the attention scale is a
//! separate division, GELU is five element-wise operations, and Q, K and V are three matrix
//! products. On a CPU with bfloat16 matrix instructions the matrix products are so fast that
//! those element-wise passes took half of the time. This pass computes the same function with
//! fewer of them: Q, K and V in one product, the attention scale folded into the query
//! weights once at load, GELU in one kernel, and the attention softmax in f32 (libtorch's bf16
//! softmax is slower). Unit tests check it against rust-bert's own forward pass on random
//! models.

use rust_bert::{bert::BertConfig, Activation};
use std::collections::HashMap;
use tch::{Kind, TchError, Tensor};

/// One transformer layer's weights, as this pass uses them.
struct Layer {
    /// `[Q; K; V]` projection (`3h × h`), query rows pre-scaled by `1/√head_size`.
    qkv_weight: Tensor,
    qkv_bias: Tensor,
    attention_out_weight: Tensor,
    attention_out_bias: Tensor,
    attention_norm_weight: Tensor,
    attention_norm_bias: Tensor,
    intermediate_weight: Tensor,
    intermediate_bias: Tensor,
    output_weight: Tensor,
    output_bias: Tensor,
    output_norm_weight: Tensor,
    output_norm_bias: Tensor,
}

/// A BERT-layout encoder with a token-classification head, ready to run.
pub struct Encoder {
    word_embeddings: Tensor,
    position_embeddings: Tensor,
    token_type_embeddings: Tensor,
    embedding_norm_weight: Tensor,
    embedding_norm_bias: Tensor,
    layers: Vec<Layer>,
    classifier_weight: Tensor,
    classifier_bias: Tensor,
    heads: i64,
    hidden: i64,
    norm_eps: f64,
    activation: Activation,
    /// Position id of a sequence's first token (2 for RoBERTa, whose ids start after padding).
    position_offset: i64,
}

impl Encoder {
    /// Takes the weights of a rust-bert `BertForTokenClassification` or
    /// `RobertaForTokenClassification` built under `prefix` (`bert` or `roberta`), from
    /// `variables` (a loaded var store's). A `second_head` (the name of another linear layer
    /// over the final hidden states) is stacked under the classifier, so that one product
    /// computes both heads' logits, the classifier's first. Errors name the first missing
    /// weight.
    pub fn from_variables(
        variables: &HashMap<String, Tensor>,
        prefix: &str,
        config: &BertConfig,
        norm_eps: f64,
        position_offset: i64,
        second_head: Option<&str>,
    ) -> Result<Encoder, String> {
        let get = |name: String| {
            variables
                .get(&name)
                .map(Tensor::shallow_clone)
                .ok_or_else(|| format!("the weights have no {name}"))
        };
        let embedding = |part: &str| get(format!("{prefix}.embeddings.{part}"));
        let head = |part: &str| -> Result<Tensor, String> {
            let classifier = get(format!("classifier.{part}"))?;
            Ok(match second_head {
                Some(name) => Tensor::cat(&[classifier, get(format!("{name}.{part}"))?], 0),
                None => classifier,
            })
        };
        let head_size = config.hidden_size / config.num_attention_heads.max(1);
        let scale = 1.0 / (head_size as f64).sqrt();
        let layers = (0..config.num_hidden_layers)
            .map(|i| {
                let w = |part: &str| get(format!("{prefix}.encoder.layer.{i}.{part}"));
                let projection = |part: &str| -> Result<(Tensor, Tensor), String> {
                    Ok((
                        w(&format!("attention.self.{part}.weight"))?,
                        w(&format!("attention.self.{part}.bias"))?,
                    ))
                };
                let (query_weight, query_bias) = projection("query")?;
                let (key_weight, key_bias) = projection("key")?;
                let (value_weight, value_bias) = projection("value")?;
                Ok(Layer {
                    qkv_weight: Tensor::cat(&[query_weight * scale, key_weight, value_weight], 0),
                    qkv_bias: Tensor::cat(&[query_bias * scale, key_bias, value_bias], 0),
                    attention_out_weight: w("attention.output.dense.weight")?,
                    attention_out_bias: w("attention.output.dense.bias")?,
                    attention_norm_weight: w("attention.output.LayerNorm.weight")?,
                    attention_norm_bias: w("attention.output.LayerNorm.bias")?,
                    intermediate_weight: w("intermediate.dense.weight")?,
                    intermediate_bias: w("intermediate.dense.bias")?,
                    output_weight: w("output.dense.weight")?,
                    output_bias: w("output.dense.bias")?,
                    output_norm_weight: w("output.LayerNorm.weight")?,
                    output_norm_bias: w("output.LayerNorm.bias")?,
                })
            })
            .collect::<Result<Vec<Layer>, String>>()?;
        Ok(Encoder {
            word_embeddings: embedding("word_embeddings.weight")?,
            position_embeddings: embedding("position_embeddings.weight")?,
            token_type_embeddings: embedding("token_type_embeddings.weight")?,
            embedding_norm_weight: embedding("LayerNorm.weight")?,
            embedding_norm_bias: embedding("LayerNorm.bias")?,
            layers,
            classifier_weight: head("weight")?,
            classifier_bias: head("bias")?,
            heads: config.num_attention_heads,
            hidden: config.hidden_size,
            norm_eps,
            activation: config.hidden_act,
            position_offset,
        })
    }

    /// Label logits, `batch × length × labels` (both heads' labels with a second head), for
    /// right-padded `ids`, `mask` (1 for real tokens) and token `types`, all `batch × length`.
    pub fn logits(&self, ids: &Tensor, mask: &Tensor, types: &Tensor) -> Result<Tensor, TchError> {
        let (batch, length) = ids.size2()?;
        let kind = self.word_embeddings.kind();
        let positions = self
            .position_embeddings
            .narrow(0, self.position_offset, length);
        let embedded = Tensor::embedding(&self.word_embeddings, ids, -1, false, false)
            + positions
            + Tensor::embedding(&self.token_type_embeddings, types, -1, false, false);
        let mut hidden = self.norm(
            &embedded,
            &self.embedding_norm_weight,
            &self.embedding_norm_bias,
        );
        // Padding gets a large negative score before the softmax, as in BERT.
        let padding = ((mask.ones_like() - mask) * -10000.0)
            .to_kind(Kind::Float)
            .view([batch, 1, 1, length]);
        let head_size = self.hidden / self.heads;
        for layer in &self.layers {
            let qkv = hidden
                .linear(&layer.qkv_weight, Some(&layer.qkv_bias))
                .view([batch, length, 3, self.heads, head_size])
                .permute([2, 0, 3, 1, 4]);
            let (query, key, value) = (qkv.get(0), qkv.get(1), qkv.get(2));
            // The softmax runs in f32: libtorch's bf16 softmax took three times as long as
            // converting, adding the padding in place and taking an f32 softmax.
            let mut scores = query.matmul(&key.transpose(-1, -2)).to_kind(Kind::Float);
            scores += &padding;
            let context = scores
                .softmax(-1, Kind::Float)
                .to_kind(kind)
                .matmul(&value)
                .transpose(1, 2)
                .reshape([batch, length, self.hidden]);
            let attended = context
                .linear(&layer.attention_out_weight, Some(&layer.attention_out_bias))
                + &hidden;
            hidden = self.norm(
                &attended,
                &layer.attention_norm_weight,
                &layer.attention_norm_bias,
            );
            let intermediate = self.activate(
                &hidden.linear(&layer.intermediate_weight, Some(&layer.intermediate_bias)),
            );
            let output =
                intermediate.linear(&layer.output_weight, Some(&layer.output_bias)) + &hidden;
            hidden = self.norm(&output, &layer.output_norm_weight, &layer.output_norm_bias);
        }
        Ok(hidden.linear(&self.classifier_weight, Some(&self.classifier_bias)))
    }

    fn norm(&self, x: &Tensor, weight: &Tensor, bias: &Tensor) -> Tensor {
        x.layer_norm(
            [self.hidden],
            Some(weight),
            Some(bias),
            self.norm_eps,
            false,
        )
    }

    /// The feed-forward activation, each in as few kernels as libtorch offers.
    fn activate(&self, x: &Tensor) -> Tensor {
        match self.activation {
            Activation::gelu => x.gelu("none"),
            Activation::gelu_new => x.gelu("tanh"),
            Activation::relu => x.relu(),
            Activation::swish => x.silu(),
            Activation::mish => x.mish(),
            Activation::tanh => x.tanh(),
            Activation::identity => x.shallow_clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_bert::bert::BertForTokenClassification;
    use rust_bert::roberta::RobertaForTokenClassification;
    use tch::{nn::VarStore, Device};

    fn tiny_config(activation: &str) -> BertConfig {
        serde_json::from_value(serde_json::json!({
            "hidden_act": activation, "attention_probs_dropout_prob": 0.1,
            "hidden_dropout_prob": 0.1, "hidden_size": 32, "initializer_range": 0.5,
            "intermediate_size": 64, "max_position_embeddings": 40, "num_attention_heads": 4,
            "num_hidden_layers": 2, "type_vocab_size": 4, "vocab_size": 50,
            "id2label": {"0": "O", "1": "B-PER", "2": "I-PER"}
        }))
        .unwrap()
    }

    /// A batch of two sequences, the second padded, with token types.
    fn batch() -> (Tensor, Tensor, Tensor) {
        let ids = Tensor::from_slice(&[3i64, 7, 9, 11, 4, 5, 8, 12, 1, 1]).view([2, 5]);
        let mask = Tensor::from_slice(&[1i64, 1, 1, 1, 1, 1, 1, 1, 0, 0]).view([2, 5]);
        let types = Tensor::from_slice(&[0i64, 1, 2, 3, 0, 1, 1, 0, 0, 0]).view([2, 5]);
        (ids, mask, types)
    }

    /// Largest difference, at real (unpadded) positions, between `ours` and `reference`'s
    /// logits on [`batch`].
    fn difference(ours: &Encoder, reference: impl Fn(&Tensor, &Tensor, &Tensor) -> Tensor) -> f64 {
        let (ids, mask, types) = batch();
        let expected = tch::no_grad(|| reference(&ids, &mask, &types));
        let got = tch::no_grad(|| ours.logits(&ids, &mask, &types).unwrap());
        assert_eq!(got.size(), expected.size());
        let keep = mask.unsqueeze(-1).to_kind(Kind::Float);
        ((got - expected) * keep).abs().max().double_value(&[])
    }

    #[test]
    fn matches_rust_berts_bert_forward_pass() {
        for activation in ["gelu", "gelu_new", "relu"] {
            let config = tiny_config(activation);
            let store = VarStore::new(Device::Cpu);
            let reference = BertForTokenClassification::new(store.root(), &config).unwrap();
            let ours = Encoder::from_variables(&store.variables(), "bert", &config, 1e-12, 0, None)
                .unwrap();
            let d = difference(&ours, |ids, mask, types| {
                let out =
                    reference.forward_t(Some(ids), Some(mask), Some(types), None, None, false);
                out.logits
            });
            assert!(d < 1e-4, "{activation}: {d}");
        }
    }

    #[test]
    fn matches_rust_berts_roberta_forward_pass() {
        let config = tiny_config("gelu");
        let store = VarStore::new(Device::Cpu);
        let reference = RobertaForTokenClassification::new(store.root(), &config).unwrap();
        let ours = Encoder::from_variables(&store.variables(), "roberta", &config, 1e-12, 2, None)
            .unwrap();
        let d = difference(&ours, |ids, mask, types| {
            let out = reference.forward_t(Some(ids), Some(mask), Some(types), None, None, false);
            out.logits
        });
        assert!(d < 1e-4, "{d}");
    }

    #[test]
    fn a_second_head_shares_the_forward_pass_and_follows_the_classifier() {
        let config = tiny_config("gelu");
        let store = VarStore::new(Device::Cpu);
        let _network = BertForTokenClassification::new(store.root(), &config).unwrap();
        let mut variables = store.variables();
        // A second head equal to the classifier must repeat the classifier's logits.
        for part in ["weight", "bias"] {
            let copy = variables[&format!("classifier.{part}")].copy();
            variables.insert(format!("roles.{part}"), copy);
        }
        let plain = Encoder::from_variables(&variables, "bert", &config, 1e-12, 0, None).unwrap();
        let both =
            Encoder::from_variables(&variables, "bert", &config, 1e-12, 0, Some("roles")).unwrap();
        let (ids, mask, types) = batch();
        let (one, two) = tch::no_grad(|| {
            (
                plain.logits(&ids, &mask, &types).unwrap(),
                both.logits(&ids, &mask, &types).unwrap(),
            )
        });
        assert_eq!(two.size(), [2, 5, 6]);
        let first = (two.narrow(-1, 0, 3) - &one).abs().max().double_value(&[]);
        let second = (two.narrow(-1, 3, 3) - &one).abs().max().double_value(&[]);
        assert!(first < 1e-5 && second < 1e-5, "{first} {second}");
    }

    #[test]
    fn names_the_missing_weight() {
        let config = tiny_config("gelu");
        let store = VarStore::new(Device::Cpu);
        let _network = BertForTokenClassification::new(store.root(), &config).unwrap();
        let mut variables = store.variables();
        variables.remove("bert.encoder.layer.1.output.dense.bias");
        let error = Encoder::from_variables(&variables, "bert", &config, 1e-12, 0, None)
            .err()
            .unwrap();
        assert!(
            error.contains("bert.encoder.layer.1.output.dense.bias"),
            "{error}"
        );
    }
}
