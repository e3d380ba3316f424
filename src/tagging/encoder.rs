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
use tch::{Kind, Scalar, TchError, Tensor};

/// A linear layer `y = x·Wᵀ + b` (`W`: `out × in`), in the form this pass computes it.
enum Linear {
    /// Weights in the network's float format (f32 or bf16), one libtorch `linear`.
    Float { weight: Tensor, bias: Tensor },
    /// Int8 weights for fbgemm, libtorch's x86 int8 matrix kernels (AVX2 and up). Each
    /// output row is quantized on its own scale, its largest magnitude / 127 (where fbgemm's
    /// kernels saturate, its largest pair of neighbours / 127: [`pairs_saturate`];
    /// per-channel, symmetric), stored as `quantized` (`Q`, integers) and `row_scale` (`s`),
    /// so that
    /// `W ≈ diag(s)·Q`. Activations are quantized window by window: see
    /// [`Linear::forward_windows`].
    Int8 {
        quantized: Tensor,
        packed: Tensor,
        col_offsets: Tensor,
        row_scale: Tensor,
        /// `s ⊙ rowsum(Q)`: what adding 1 to every input adds to each output.
        shift_response: Tensor,
        bias: Tensor,
        /// Zeros, the bias fbgemm adds (the real one is added after rescaling).
        zero_bias: Tensor,
    },
}

impl Linear {
    fn float(weight: Tensor, bias: Tensor) -> Linear {
        Linear::Float { weight, bias }
    }

    /// Gives this layer int8 weights (see [`Linear::Int8`]), bounded by pairs where fbgemm's
    /// kernels need it ([`pairs_saturate`]); an int8 layer stays as it is.
    fn quantize(&mut self) -> Result<(), TchError> {
        self.quantize_bounded(pairs_saturate())
    }

    /// Gives this layer int8 weights of at most 127 in magnitude; with `by_pairs`, also at
    /// most 128 for each pair of neighbours `(k, k + 1)`, `k` even: each row's scale is then
    /// its largest such pair / 127 (rounding adds at most 1 to a pair).
    fn quantize_bounded(&mut self, by_pairs: bool) -> Result<(), TchError> {
        let Linear::Float { weight, bias } = self else {
            return Ok(());
        };
        let weight = weight.to_kind(Kind::Float).contiguous();
        let magnitude = weight.abs();
        let row_max = if by_pairs {
            let (rows, inputs) = magnitude.size2()?;
            // An odd last input pairs with a zero.
            let padded = magnitude.f_constant_pad_nd([0, inputs % 2])?;
            padded
                .f_view([rows, (inputs + 1) / 2, 2])?
                .f_sum_dim_intlist([2].as_slice(), false, Kind::Float)?
                .f_amax([1].as_slice(), true)?
        } else {
            magnitude.amax([1], true)
        };
        // An all-zero row keeps scale 1 (its quantized row is zeros either way).
        let row_scale = row_max.where_self(&row_max.gt(0.0), &row_max.ones_like()) / 127.0;
        let quantized = (&weight / &row_scale)
            .round()
            .clamp(-127, 127)
            .to_kind(Kind::Int8)
            .contiguous();
        // fbgemm's column offsets: each row's sum of quantized weights (zero point 0).
        let col_offsets = quantized.f_sum_dim_intlist([1].as_slice(), false, Kind::Int)?;
        let packed = quantized.f_fbgemm_pack_quantized_matrix()?;
        let row_scale = row_scale.view([-1]);
        let bias = bias.to_kind(Kind::Float);
        *self = Linear::Int8 {
            shift_response: col_offsets.to_kind(Kind::Float) * &row_scale,
            zero_bias: bias.zeros_like(),
            bias,
            quantized,
            packed,
            col_offsets,
            row_scale,
        };
        Ok(())
    }

    /// The layer on `x` (`… × in`); an int8 layer takes `x` as `rows × in`, one window.
    fn forward(&self, x: &Tensor) -> Result<Tensor, TchError> {
        match self {
            Linear::Float { weight, bias } => x.f_linear(weight, Some(bias)),
            Linear::Int8 { .. } => Ok(self
                .forward_windows(&x.unsqueeze(0), &[x.size2()?.0])?
                .squeeze_dim(0)),
        }
    }

    /// The layer over a padded batch `x` (`batch × length × in`) whose window `b` has
    /// `lengths[b]` real tokens.
    ///
    /// An int8 layer quantizes each window's activations by that window's own range: the
    /// quantizer sees only the window's own values, never those of the windows batched with
    /// it or of padding (so that a plain run and a Spark run of other batches agree), and the
    /// batch still takes one fbgemm call. fbgemm takes a single range per call, from the whole
    /// input; so each window's real rows are first mapped onto `[0, 1]`,
    /// `u = (x − low) / (high − low)`, where the ends land exactly on 0 and 1
    /// (`(high − low) / (high − low)` is exactly 1), padding rows are set to 0, and every
    /// batch's range is `[0, 1]`. The map is undone on the product:
    /// `W·x = (high − low)·(W·u) + low·rowsum(W)`. Padding rows come out finite and
    /// meaningless.
    fn forward_windows(&self, x: &Tensor, lengths: &[i64]) -> Result<Tensor, TchError> {
        let Linear::Int8 {
            quantized,
            packed,
            col_offsets,
            row_scale,
            shift_response,
            bias,
            zero_bias,
        } = self
        else {
            return self.forward(x);
        };
        let (batch, length, width) = x.size3()?;
        if batch == 0 || length == 0 {
            return Tensor::f_zeros([batch, length, bias.size1()?], (Kind::Float, x.device()));
        }
        // Each row's range in one pass, then each window's over its real rows: a few calls
        // per batch, not a few per window. An empty window (there are none in practice) takes
        // its first row's range; its rows are zeroed below either way.
        // (`amin` and `amax` along rows are vectorized; libtorch 2.4's `aminmax` along a
        // dimension is not, and took 14 times as long.)
        let row_low = x.f_amin([2].as_slice(), false)?;
        let row_high = x.f_amax([2].as_slice(), false)?;
        let real: Vec<i64> = lengths.iter().map(|&len| len.clamp(1, length)).collect();
        let padding = Tensor::f_arange(length, (Kind::Int64, x.device()))?
            .f_view([1, length])?
            .f_ge_tensor(
                &Tensor::from_slice(&real)
                    .f_view([batch, 1])?
                    .f_to_device(x.device())?,
            )?;
        let low = row_low
            .f_masked_fill(&padding, f64::INFINITY)?
            .f_amin([1].as_slice(), false)?
            .f_view([batch, 1, 1])?;
        let spread = row_high
            .f_masked_fill(&padding, f64::NEG_INFINITY)?
            .f_amax([1].as_slice(), false)?
            .f_view([batch, 1, 1])?
            - &low;
        let spread = spread.where_self(&spread.gt(0.0), &spread.ones_like());
        let unit = (x - &low).f_div_(&spread)?;
        for (b, &len) in (0..).zip(lengths) {
            if len < length {
                unit.f_get(b)?
                    .f_narrow(0, len, length - len)?
                    .f_zero_()
                    .map(drop)?;
            }
        }
        let product = unit
            .f_reshape([batch * length, width])?
            .f_fbgemm_linear_int8_weight_fp32_activation(
                quantized,
                packed,
                col_offsets,
                Scalar::float(1.0),
                Scalar::int(0),
                zero_bias,
            )?
            .f_view([batch, length, -1])?;
        let offset = &low * shift_response + bias;
        offset.f_addcmul(&product, &(spread * row_scale))
    }
}

extern "C" {
    /// The least severity libtorch's C++ log prints (0 info, 1 warning, 2 error): c10's
    /// `FLAGS_caffe2_log_level`, a plain global `int` of libc10.
    static mut FLAGS_caffe2_log_level: i32;
}

/// Makes fbgemm's int8 functions print their deprecation warnings, once per process, while
/// libtorch's C++ log shows errors only. They are marked deprecated in libtorch 2.4 (they still
/// work, and are the int8 kernels `tch` reaches), and each prints that once, to stderr, at its
/// first call: without this, in the middle of a user's first batch. Runs at most once (a
/// `Once`), on a tiny matrix of its own, so no two loads interleave their save and restore;
/// the level comes back even if libtorch panics, and every later warning prints as usual.
fn spend_fbgemm_deprecation_warnings() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: the pointer is libc10's `int`, valid and aligned for the whole process; it
        // is only read and written atomically here. libtorch reads it (non-atomically) when it
        // logs; an aligned `int` read sees the old or the new level, either of which is fine.
        let level = unsafe {
            std::sync::atomic::AtomicI32::from_ptr(std::ptr::addr_of_mut!(FLAGS_caffe2_log_level))
        };
        struct Restore<'a>(&'a std::sync::atomic::AtomicI32, i32);
        impl Drop for Restore<'_> {
            fn drop(&mut self) {
                self.0.store(self.1, std::sync::atomic::Ordering::SeqCst);
            }
        }
        let _restore = Restore(
            level,
            level.fetch_max(2, std::sync::atomic::Ordering::SeqCst),
        );
        let mut layer = Linear::float(
            Tensor::ones([2, 2], (Kind::Float, tch::Device::Cpu)),
            Tensor::zeros([2], (Kind::Float, tch::Device::Cpu)),
        );
        // Errors surface again on the real layers, where they are reported.
        if layer.quantize().is_ok() {
            let _ = layer.forward(&Tensor::ones([1, 2], (Kind::Float, tch::Device::Cpu)));
        }
    });
}

/// True where fbgemm's kernels add each pair of neighbouring products in 16 bits and saturate
/// (`vpmaddubsw`: its AVX2 kernels, and AVX512 ones without VNNI). There an activation of up to
/// 255 times two weights of up to 127 overflows a pair (255 · 127 · 2 > 32767) and the product
/// comes out silently wrong; weights whose neighbours `(k, k + 1)`, `k` even, add up to at most
/// 128 cannot overflow (255 · 128 ≤ 32767), so there each row is scaled by its largest such
/// pair ([`Linear::quantize_bounded`]). Which kernels run depends on the CPU and on fbgemm's
/// own setting `FBGEMM_ENABLE_INSTRUCTIONS`, so the kernels are asked, once per process: two
/// weights of 127 over two activations of 255 must give their exact product.
fn pairs_saturate() -> bool {
    static SATURATE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SATURATE.get_or_init(|| {
        let cpu = (Kind::Float, tch::Device::Cpu);
        let mut layer = Linear::float(Tensor::ones([1, 2], cpu), Tensor::zeros([1], cpu));
        // One window of the rows (1, 1) and (0, 0): its range maps the first onto (255, 255).
        let x = Tensor::from_slice(&[1f32, 1.0, 0.0, 0.0]).view([2, 2]);
        let product = layer
            .quantize_bounded(false)
            .and_then(|()| layer.forward(&x))
            .and_then(|y| y.f_double_value(&[0, 0]));
        product.is_ok_and(|p| (p - 2.0).abs() > 0.1)
    })
}

/// One transformer layer's weights, as this pass uses them.
struct Layer {
    /// `[Q; K; V]` projection (`3h × h`), query rows pre-scaled by `1/√head_size`.
    qkv: Linear,
    attention_out: Linear,
    attention_norm_weight: Tensor,
    attention_norm_bias: Tensor,
    intermediate: Linear,
    output: Linear,
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
                let dense = |part: &str| -> Result<Linear, String> {
                    Ok(Linear::float(
                        w(&format!("{part}.weight"))?,
                        w(&format!("{part}.bias"))?,
                    ))
                };
                Ok(Layer {
                    qkv: Linear::float(
                        Tensor::cat(&[query_weight * scale, key_weight, value_weight], 0),
                        Tensor::cat(&[query_bias * scale, key_bias, value_bias], 0),
                    ),
                    attention_out: dense("attention.output.dense")?,
                    attention_norm_weight: w("attention.output.LayerNorm.weight")?,
                    attention_norm_bias: w("attention.output.LayerNorm.bias")?,
                    intermediate: dense("intermediate.dense")?,
                    output: dense("output.dense")?,
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

    /// Gives every linear layer of the transformer layers int8 weights, for fbgemm (see
    /// [`Linear::Int8`]); embeddings, layer norms, attention products and the classifier stay
    /// in f32. Call on an f32 encoder on the CPU; errors come from libtorch (a CPU without
    /// AVX2 has no fbgemm kernels).
    pub fn quantize_linear_layers(&mut self) -> Result<(), TchError> {
        spend_fbgemm_deprecation_warnings();
        for layer in &mut self.layers {
            layer.qkv.quantize()?;
            layer.attention_out.quantize()?;
            layer.intermediate.quantize()?;
            layer.output.quantize()?;
        }
        Ok(())
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
        // Real tokens per window (masks are right-padded runs of ones).
        let lengths =
            Vec::<i64>::try_from(mask.sum_dim_intlist([1].as_slice(), false, Kind::Int64))?;
        for layer in &self.layers {
            let qkv = layer
                .qkv
                .forward_windows(&hidden, &lengths)?
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
            let attended = layer.attention_out.forward_windows(&context, &lengths)? + &hidden;
            hidden = self.norm(
                &attended,
                &layer.attention_norm_weight,
                &layer.attention_norm_bias,
            );
            let intermediate =
                self.activate(&layer.intermediate.forward_windows(&hidden, &lengths)?);
            let output = layer.output.forward_windows(&intermediate, &lengths)? + &hidden;
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

    /// The weights of a tiny random BERT token classifier (GELU), by Hugging Face name.
    fn tiny_bert() -> (BertConfig, HashMap<String, Tensor>) {
        let config = tiny_config("gelu");
        let store = VarStore::new(Device::Cpu);
        let _network = BertForTokenClassification::new(store.root(), &config).unwrap();
        (config, store.variables())
    }

    /// The tiny BERT's encoder, computing in f32.
    fn tiny_encoder() -> Encoder {
        let (config, variables) = tiny_bert();
        Encoder::from_variables(&variables, "bert", &config, 1e-12, 0, None).unwrap()
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
        let (config, mut variables) = tiny_bert();
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
    fn int8_layers_keep_each_output_row_on_its_own_scale() {
        tch::manual_seed(7);
        // Rows five orders of magnitude apart: one scale for the whole matrix would round
        // the small rows to zero.
        let magnitudes = Tensor::from_slice(&[1e-3f32, 1e-1, 1.0, 1e2]).repeat([16]);
        let weight = Tensor::randn([64, 32], (Kind::Float, Device::Cpu)) * magnitudes.unsqueeze(1);
        let bias = Tensor::randn([64], (Kind::Float, Device::Cpu));
        let x = Tensor::randn([10, 32], (Kind::Float, Device::Cpu));
        let exact = x.linear(&weight, Some(&bias));
        let mut layer = Linear::float(weight, bias);
        layer.quantize().unwrap();
        assert!(matches!(layer, Linear::Int8 { .. }));
        let got = layer.forward(&x).unwrap();
        // Relative error of each output column (one weight row), bias removed.
        let Linear::Int8 { bias, .. } = &layer else {
            unreachable!()
        };
        let signal = (&exact - bias).norm_scalaropt_dim(2, [0], false);
        let error = (&got - &exact).norm_scalaropt_dim(2, [0], false);
        let worst = (error / signal).max().double_value(&[]);
        assert!(worst < 0.05, "worst relative error of a row: {worst}");
    }

    #[test]
    fn int8_products_of_the_largest_weights_and_activations_are_exact_on_any_kernels() {
        // The largest weights over activations at 255, pair by pair: what fbgemm's 16-bit
        // pair sums (AVX2) saturate at unless weights are bounded by pairs.
        let cpu = (Kind::Float, Device::Cpu);
        let mut layer = Linear::float(Tensor::ones([3, 8], cpu), Tensor::zeros([3], cpu));
        layer.quantize().unwrap();
        let x = Tensor::cat(&[Tensor::ones([1, 8], cpu), Tensor::zeros([1, 8], cpu)], 0);
        let y = layer.forward(&x).unwrap();
        let exact = x.linear(&Tensor::ones([3, 8], cpu), None::<Tensor>);
        // Rounding moves a product by under 1 %; a saturated pair would halve it.
        let error = ((&y - &exact).abs() / 8.0).max().double_value(&[]);
        assert!(error < 0.01, "{y} against {exact}: saturated");
    }

    #[test]
    fn an_all_zero_int8_row_gives_its_bias() {
        let weight = Tensor::randn([4, 8], (Kind::Float, Device::Cpu));
        let _ = weight.get(2).zero_();
        let bias = Tensor::from_slice(&[0.5f32, -1.0, 2.0, 0.25]);
        let mut layer = Linear::float(weight, bias);
        layer.quantize().unwrap();
        let got = layer
            .forward(&Tensor::randn([3, 8], (Kind::Float, Device::Cpu)))
            .unwrap();
        assert_eq!(got.isfinite().all().int64_value(&[]), 1, "{got}");
        let zero_row = got.select(1, 2) - 2.0;
        assert!(zero_row.abs().max().double_value(&[]) < 1e-6, "{got}");
    }

    #[test]
    fn an_int8_encoder_tracks_the_f32_one() {
        let (config, variables) = tiny_bert();
        let f32_pass =
            Encoder::from_variables(&variables, "bert", &config, 1e-12, 0, None).unwrap();
        let mut int8_pass =
            Encoder::from_variables(&variables, "bert", &config, 1e-12, 0, None).unwrap();
        int8_pass.quantize_linear_layers().unwrap();
        assert!(int8_pass.layers.iter().all(|l| [
            &l.qkv,
            &l.attention_out,
            &l.intermediate,
            &l.output
        ]
        .iter()
        .all(|linear| matches!(linear, Linear::Int8 { .. }))));
        let (ids, mask, types) = batch();
        let (exact, got) = tch::no_grad(|| {
            (
                f32_pass.logits(&ids, &mask, &types).unwrap(),
                int8_pass.logits(&ids, &mask, &types).unwrap(),
            )
        });
        let keep = mask.unsqueeze(-1).to_kind(Kind::Float);
        let relative = ((&got - &exact) * &keep).norm().double_value(&[])
            / (&exact * &keep).norm().double_value(&[]);
        assert!(relative < 0.05, "{relative}");
    }

    #[test]
    fn an_int8_layer_quantizes_each_window_on_its_own_range() {
        tch::manual_seed(11);
        let cpu = (Kind::Float, Device::Cpu);
        let weight = Tensor::randn([24, 16], cpu);
        let bias = Tensor::randn([24], cpu);
        let mut layer = Linear::float(weight.shallow_clone(), bias.shallow_clone());
        layer.quantize().unwrap();
        // Ranges six orders of magnitude apart, a constant window, a one-token window; the
        // padding rows hold huge values that must not matter.
        let windows = [
            Tensor::randn([6, 16], cpu) * 1000.0,
            Tensor::randn([4, 16], cpu) * 0.001,
            Tensor::full([3, 16], 2.5, cpu),
            Tensor::randn([1, 16], cpu),
        ];
        let batch = Tensor::full([4, 6, 16], 1e6, cpu);
        let lengths: Vec<i64> = windows.iter().map(|w| w.size()[0]).collect();
        for (b, window) in (0..).zip(&windows) {
            batch.get(b).narrow(0, 0, window.size()[0]).copy_(window);
        }
        let together = layer.forward_windows(&batch, &lengths).unwrap();
        for (b, window) in (0..).zip(&windows) {
            let rows = window.size()[0];
            let in_batch = together.get(b).narrow(0, 0, rows);
            let alone = layer.forward(window).unwrap();
            let scale = alone.abs().max().double_value(&[]);
            let moved = (&in_batch - &alone).abs().max().double_value(&[]);
            assert!(
                moved <= 1e-6 * scale,
                "window {b} moved by {moved} in a batch"
            );
            // Quantized on its own range, each window keeps its own precision.
            let exact = window.linear(&weight, Some(&bias));
            let error = (&in_batch - &exact).norm().double_value(&[]);
            let signal = (&exact - &bias).norm().double_value(&[]).max(1e-12);
            assert!(
                error / signal < 0.05,
                "window {b}: relative error {}",
                error / signal
            );
        }
    }

    #[test]
    fn an_int8_window_scores_the_same_alone_and_in_a_batch() {
        let mut encoder = tiny_encoder();
        encoder.quantize_linear_layers().unwrap();
        // The batch's second window is padded; its first is full length. Alone, each window
        // must score as in the batch: activations are quantized window by window.
        let (ids, mask, types) = batch();
        let (together, alone) = tch::no_grad(|| {
            let together = encoder.logits(&ids, &mask, &types).unwrap();
            let second = |t: &Tensor| t.narrow(0, 1, 1).narrow(1, 0, 3);
            let alone = encoder
                .logits(&second(&ids), &second(&mask), &second(&types))
                .unwrap();
            (together.narrow(0, 1, 1).narrow(1, 0, 3), alone)
        });
        let d = (together - alone).abs().max().double_value(&[]);
        assert!(d < 1e-5, "{d}");
    }

    #[test]
    fn names_the_missing_weight() {
        let (config, mut variables) = tiny_bert();
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
