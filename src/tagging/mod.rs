//! Named-entity tagging: tokenizer → transformer → word labels → character-span mentions.
//! Needs the `tagger` feature (libtorch).
//!
//! quotegraph owns the steps around the network: each document is tokenized once (with
//! offsets), cut into windows of whole sentences that overlap a little when it is longer than
//! the model allows (`windows.rs`), windows of many documents are sorted by length and batched
//! through the network (`model.rs`, `encoder.rs`), and each word takes the scores of its first
//! sub-token: for entities from the window where it sits most centrally, for attribution roles
//! the mean of their probabilities over the windows that hold it (`windows.rs` says why). Word
//! scores are decoded with scheme-constrained Viterbi search ([`LabelSet`]); a span
//! ending on a hyphen glued to the next word takes that word in ("Jae-" + "in"), a span
//! crossing a line break is split there, edge punctuation is trimmed, and spans without a
//! letter or digit, or that are a lone function word ("The"), are dropped. Offsets are
//! converted from bytes to characters once, through `offsets::CharIndex`.
//!
//! ```
//! use quotegraph::{Label, Tagger};
//!
//! let tagger = Tagger::load(&quotegraph::default_model_dir())?;
//! let mentions = tagger.tag(&["Mike Pompeo flew to Seoul on Sunday."])?;
//! assert!(mentions[0].iter().any(|m| m.text == "Mike Pompeo" && m.label == Label::Person));
//! # Ok::<(), quotegraph::Error>(())
//! ```

mod cpu;
mod decode;
mod encoder;
mod features;
mod model;
mod windows;
mod words;

use crate::doc::{Mention, Role, RoleSpan, Span, Tagged};
use crate::error::{Error, Result};
use crate::offsets::{CharIndex, VisibleText};
pub use cpu::cpu_has_native_bf16;
pub use decode::LabelSet;
use features::{CaseClass, ExtraInputs};
pub use model::Precision;
use model::TokenClassifier;

/// Sets the number of threads libtorch uses inside one forward pass (its intra-op threads;
/// default: one per core), for the whole process.
pub fn set_num_threads(threads: u16) {
    tch::set_num_threads(i32::from(threads.max(1)));
}
use serde::Serialize;
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tch::Tensor;
use tokenizers::Tokenizer;
use windows::Window;
use words::Word;
pub use words::{PreparedDocument, PreparedWord, TrainingTokenizer};

/// Settings of the tagger that do not come from the model directory.
#[derive(Debug, Clone)]
pub struct TaggerOptions {
    /// Most sub-tokens per window, special tokens excluded (capped by the model's limit).
    /// `None` takes the window the model was trained with (`quotegraph_window` in its
    /// config.json), else [`DEFAULT_WINDOW`].
    pub window: Option<usize>,
    /// Windows per forward pass.
    pub batch_size: usize,
    /// Number format of the network's arithmetic.
    pub precision: Precision,
}

/// Window for models that do not declare one.
pub const DEFAULT_WINDOW: usize = 254;

/// Windows per forward pass unless told otherwise. With int8 arithmetic 8 ran about 8 % faster
/// than 16 (whose larger activations fault in fresh pages each pass); bf16 ran as fast, f32 was
/// not compared (`docs/measurements/performance.md`).
pub const DEFAULT_BATCH_SIZE: usize = 8;

impl Default for TaggerOptions {
    fn default() -> Self {
        TaggerOptions {
            window: None,
            batch_size: DEFAULT_BATCH_SIZE,
            precision: Precision::Auto,
        }
    }
}

/// A loaded tagger; load once, tag many documents.
#[derive(Debug)]
pub struct Tagger {
    tokenizer: Tokenizer,
    classifier: TokenClassifier,
    /// Special token ids put before / after each window (e.g. `[CLS]` / `[SEP]`).
    prefix: Vec<u32>,
    suffix: Vec<u32>,
    window: usize,
    batch_size: usize,
    counters: Counters,
    windows_in_flight: WindowProgress,
}

/// How far the tagging call in flight has come: windows done and windows in all, across the
/// documents of that call (the latest call to start, when several run at once). A handle
/// from [`Tagger::window_progress`] that another thread can read while a long document is
/// tagged, to show progress within it.
#[derive(Debug, Clone, Default)]
pub struct WindowProgress(Arc<(AtomicUsize, AtomicUsize)>);

impl WindowProgress {
    /// `(done, total)` windows of the call in flight; `(0, 0)` before the first call.
    pub fn get(&self) -> (usize, usize) {
        (
            self.0 .0.load(Ordering::Relaxed),
            self.0 .1.load(Ordering::Relaxed),
        )
    }

    fn start(&self, total: usize) {
        self.0 .0.store(0, Ordering::Relaxed);
        self.0 .1.store(total, Ordering::Relaxed);
    }

    fn advance(&self, windows: usize) {
        self.0 .0.fetch_add(windows, Ordering::Relaxed);
    }
}

/// [`TaggerStats`] as atomics, so that a shared tagger counts its work (`Tagger` is `Sync`).
#[derive(Debug, Default)]
struct Counters {
    batches: AtomicU64,
    sequences: AtomicU64,
    positions: AtomicU64,
    real_positions: AtomicU64,
    forward_nanos: AtomicU64,
}

/// Work counters of a tagger since it was loaded, for benchmarks (FLOP rates, padding waste).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct TaggerStats {
    /// Forward passes run.
    pub batches: u64,
    /// Windows (sequences) fed to the network.
    pub sequences: u64,
    /// Sequence positions fed to the network, padding included.
    pub positions: u64,
    /// Sequence positions that were real tokens (special tokens included, padding not).
    pub real_positions: u64,
    /// Wall-clock seconds spent in forward passes.
    pub forward_seconds: f64,
}

/// One document prepared for the network.
struct Encoded {
    ids: Vec<u32>,
    types: Vec<i64>,
    /// The words, in order.
    words: Vec<Word>,
    /// The document's windows ([`windows::plan`]), then its list items' own windows
    /// ([`windows::list_items`]) from `items_from` on.
    windows: Vec<Window>,
    /// Index in `windows` of the first list item's window.
    items_from: usize,
}

impl Tagger {
    /// Loads the model directory `dir` (Hugging Face layout) with default options.
    pub fn load(dir: &Path) -> Result<Tagger> {
        Tagger::load_with(dir, TaggerOptions::default())
    }

    /// Loads the model directory `dir` with the given options.
    pub fn load_with(dir: &Path, options: TaggerOptions) -> Result<Tagger> {
        let tokenizer = words::load_tokenizer(&dir.join("tokenizer.json"))?;
        let tokenizer_error = |e| Error::model(dir, "tokenizer.json", Some(e));
        let classifier = TokenClassifier::load(dir, options.precision)?;
        let (prefix, suffix) = special_tokens(&tokenizer).map_err(tokenizer_error)?;
        let limit = classifier
            .max_sequence
            .saturating_sub(prefix.len() + suffix.len());
        let window = options
            .window
            .or(classifier.trained_window)
            .unwrap_or(DEFAULT_WINDOW)
            .clamp(2, limit.max(2));
        Ok(Tagger {
            tokenizer,
            classifier,
            prefix,
            suffix,
            window,
            batch_size: options.batch_size.max(1),
            counters: Counters::default(),
            windows_in_flight: WindowProgress::default(),
        })
    }

    /// Work done so far (forward passes, positions, time).
    pub fn stats(&self) -> TaggerStats {
        let c = &self.counters;
        TaggerStats {
            batches: c.batches.load(Ordering::Relaxed),
            sequences: c.sequences.load(Ordering::Relaxed),
            positions: c.positions.load(Ordering::Relaxed),
            real_positions: c.real_positions.load(Ordering::Relaxed),
            forward_seconds: c.forward_nanos.load(Ordering::Relaxed) as f64 / 1e9,
        }
    }

    /// A handle on the progress of the tagging call in flight, in windows.
    pub fn window_progress(&self) -> WindowProgress {
        self.windows_in_flight.clone()
    }

    /// The number format the network computes in (`Auto` resolved for this CPU).
    pub fn precision(&self) -> Precision {
        self.classifier.precision
    }

    /// Sub-tokens per window this tagger uses.
    pub fn window(&self) -> usize {
        self.window
    }

    /// The model's label set, in classifier-output order.
    pub fn labels(&self) -> &LabelSet {
        &self.classifier.labels
    }

    /// Tags each text; returns its mentions in text order, with character offsets into the
    /// text as given. Invisible characters (soft hyphens, zero-width spaces, word joiners, BOM)
    /// are taken out before tokenizing, so they split no
    /// name whatever the tokenizer; a mention's span and text still include those inside it.
    pub fn tag(&self, texts: &[&str]) -> Result<Vec<Vec<Mention>>> {
        Ok(self
            .tag_with_roles(texts)?
            .into_iter()
            .map(|t| t.mentions)
            .collect())
    }

    /// True when the model has an attribution head, so that [`Self::tag_with_roles`] finds
    /// role spans.
    pub fn has_role_head(&self) -> bool {
        self.classifier.role_labels.is_some()
    }

    /// Like [`Self::tag`], and also the attribution head's role spans (source, cue, content)
    /// from the same forward passes, when the model has that head.
    pub fn tag_with_roles(&self, texts: &[&str]) -> Result<Vec<Tagged>> {
        let visible: Vec<Option<VisibleText>> = texts.iter().map(|t| VisibleText::of(t)).collect();
        let seen: Vec<&str> = texts
            .iter()
            .zip(&visible)
            .map(|(text, v)| v.as_ref().map_or(*text, VisibleText::as_str))
            .collect();
        let mut tagged = self.tag_visible(&seen)?;
        for ((tagged, view), text) in tagged.iter_mut().zip(&visible).zip(texts) {
            let Some(view) = view else { continue };
            let index = CharIndex::new(text);
            for m in &mut tagged.mentions {
                (m.span.start, m.span.end) = view.original_span(m.span.start, m.span.end);
                m.text = index.slice(text, m.span.start, m.span.end).to_string();
            }
            for r in &mut tagged.roles {
                (r.span.start, r.span.end) = view.original_span(r.span.start, r.span.end);
            }
        }
        Ok(tagged)
    }

    /// [`Tagger::tag_with_roles`] on texts without invisible characters.
    fn tag_visible(&self, texts: &[&str]) -> Result<Vec<Tagged>> {
        let indexes: Vec<CharIndex> = texts.iter().map(|t| CharIndex::new(t)).collect();
        let encoded = texts
            .iter()
            .zip(&indexes)
            .map(|(text, index)| self.encode(text, index))
            .collect::<Result<Vec<_>>>()?;
        let n_labels = self.outputs();
        let mut scores: Vec<Vec<f32>> = encoded
            .iter()
            .map(|e| vec![0f32; e.ids.len() * n_labels])
            .collect();

        // All windows of all documents, longest first, so batches pad little.
        let mut jobs: Vec<(usize, usize)> = encoded
            .iter()
            .enumerate()
            .flat_map(|(d, e)| (0..e.windows.len()).map(move |w| (d, w)))
            .collect();
        jobs.sort_by_key(|&(d, w)| std::cmp::Reverse(encoded[d].windows[w].len()));
        let owners: Vec<Vec<usize>> = encoded
            .iter()
            .map(|e| windows::owners(e.ids.len(), &e.windows, e.items_from))
            .collect();
        // Roles take their mean over the document's windows: a list item alone holds no
        // attribution that its document's windows miss.
        let coverage: Vec<Vec<u32>> = encoded
            .iter()
            .map(|e| windows::coverage(e.ids.len(), &e.windows[..e.items_from]))
            .collect();
        let n_entity = self.classifier.labels.len();
        self.windows_in_flight.start(jobs.len());
        for batch in jobs.chunks(self.batch_size) {
            let log_probs = self.run_batch(&encoded, batch)?;
            self.windows_in_flight.advance(batch.len());
            let length = log_probs.size().get(1).copied().unwrap_or(0) as usize;
            let values = Vec::<f32>::try_from(log_probs.flatten(0, -1))
                .map_err(|e| Error::inference("reading scores", Some(Box::new(e))))?;
            for (row, &(d, w)) in batch.iter().enumerate() {
                let window = encoded[d].windows[w];
                for i in window.start..window.end {
                    let position = row * length + self.prefix.len() + i - window.start;
                    let from = &values[position * n_labels..(position + 1) * n_labels];
                    let (entity_from, role_from) = from.split_at(n_entity);
                    let to = &mut scores[d][i * n_labels..(i + 1) * n_labels];
                    let (entity_to, role_to) = to.split_at_mut(n_entity);
                    if owners[d][i] == w {
                        entity_to.copy_from_slice(entity_from);
                    }
                    if w >= encoded[d].items_from {
                        continue;
                    }
                    let share = 1.0 / coverage[d][i] as f32;
                    for (sum, value) in role_to.iter_mut().zip(role_from) {
                        *sum += share * value.exp();
                    }
                }
            }
        }
        // The role parts hold mean probabilities; the decoder reads log-probabilities.
        for s in &mut scores {
            for position in s.chunks_mut(n_labels) {
                for p in &mut position[n_entity..] {
                    *p = p.max(f32::MIN_POSITIVE).ln();
                }
            }
        }
        Ok(encoded
            .iter()
            .zip(&scores)
            .zip(texts.iter().zip(&indexes))
            .map(|((e, s), (text, index))| Tagged {
                mentions: self.decode(e, s, text, index),
                roles: self.decode_roles(e, s, text, index),
            })
            .collect())
    }

    /// Tokenizes one document and computes its windows and extra inputs.
    fn encode(&self, text: &str, index: &CharIndex) -> Result<Encoded> {
        let (ids, words) = words::tokenize(&self.tokenizer, text, index)?;
        let mut types = vec![0i64; ids.len()];
        if self.classifier.extra_inputs == ExtraInputs::CaseAsTokenType {
            for (w, word) in words.iter().enumerate() {
                let next = words.get(w + 1).map_or(ids.len(), |n| n.first_token);
                let class = CaseClass::of(index.slice(text, word.span.start, word.span.end)) as i64;
                types[word.first_token..next].fill(class);
            }
        }
        let views = words::views(&words, text, index);
        let mut windows = windows::plan(ids.len(), self.window, &windows::cuts(&views));
        let items_from = windows.len();
        windows.extend(windows::list_items(&views, ids.len(), self.window));
        Ok(Encoded {
            ids,
            types,
            words,
            windows,
            items_from,
        })
    }

    /// Runs one batch of windows; returns `rows × length × labels` log-probabilities.
    fn run_batch(&self, encoded: &[Encoded], batch: &[(usize, usize)]) -> Result<Tensor> {
        let specials = self.prefix.len() + self.suffix.len();
        let length = batch
            .iter()
            .map(|&(d, w)| encoded[d].windows[w].len() + specials)
            .max()
            .unwrap_or(specials);
        let rows = batch.len();
        let mut ids = vec![self.classifier.pad_id; rows * length];
        let mut types = vec![0i64; rows * length];
        let mut mask = vec![0i64; rows * length];
        for (row, &(d, w)) in batch.iter().enumerate() {
            let window = encoded[d].windows[w];
            let sequence = self
                .prefix
                .iter()
                .chain(&encoded[d].ids[window.start..window.end])
                .chain(&self.suffix);
            let base = row * length;
            for (k, &id) in sequence.enumerate() {
                ids[base + k] = i64::from(id);
                mask[base + k] = 1;
            }
            let offset = base + self.prefix.len();
            types[offset..offset + window.len()]
                .copy_from_slice(&encoded[d].types[window.start..window.end]);
        }
        let shape = [rows as i64, length as i64];
        let ids = Tensor::from_slice(&ids).view(shape);
        let types = Tensor::from_slice(&types).view(shape);
        let mask = Tensor::from_slice(&mask).view(shape);
        let started = Instant::now();
        let log_probs = self.classifier.log_probs(&ids, &mask, &types)?;
        let c = &self.counters;
        let real: u64 = batch
            .iter()
            .map(|&(d, w)| (encoded[d].windows[w].len() + specials) as u64)
            .sum();
        c.batches.fetch_add(1, Ordering::Relaxed);
        c.sequences.fetch_add(rows as u64, Ordering::Relaxed);
        c.positions
            .fetch_add((rows * length) as u64, Ordering::Relaxed);
        c.real_positions.fetch_add(real, Ordering::Relaxed);
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        c.forward_nanos.fetch_add(nanos, Ordering::Relaxed);
        Ok(log_probs)
    }

    /// Per word, the scores of its first sub-token for the `width` outputs from `offset` in
    /// each position's `stride` outputs.
    fn word_scores(
        e: &Encoded,
        scores: &[f32],
        stride: usize,
        offset: usize,
        width: usize,
    ) -> Vec<f32> {
        e.words
            .iter()
            .flat_map(|word| {
                let at = word.first_token * stride + offset;
                scores[at..at + width].iter().copied()
            })
            .collect()
    }

    /// Outputs per position: the entity labels, then the attribution head's labels if any.
    fn outputs(&self) -> usize {
        self.classifier.labels.len() + self.classifier.role_labels.as_ref().map_or(0, |r| r.len())
    }

    /// The attribution head's spans: Viterbi over its BIO labels, each span cut at line
    /// breaks and trimmed of edge white space, its score the mean probability of the chosen
    /// labels.
    fn decode_roles(
        &self,
        e: &Encoded,
        scores: &[f32],
        text: &str,
        index: &CharIndex,
    ) -> Vec<RoleSpan> {
        let Some(roles) = &self.classifier.role_labels else {
            return Vec::new();
        };
        let n_labels = self.classifier.labels.len();
        let n = roles.len();
        let word_scores = Self::word_scores(e, scores, self.outputs(), n_labels, n);
        let path = roles.viterbi(&word_scores);
        within_lines(roles.spans(&path), |w| line_break_before(e, text, index, w))
            .into_iter()
            .filter_map(|(first, last, label)| {
                let role = Role::from_name(label.as_str())?;
                let (start, end) = (e.words[first].span.start, e.words[last].span.end);
                let span = index.slice(text, start, end);
                let lead = span.chars().take_while(|c| c.is_whitespace()).count();
                let trail = span.chars().rev().take_while(|c| c.is_whitespace()).count();
                (start + lead < end - trail).then(|| RoleSpan {
                    role,
                    span: Span::new(start + lead, end - trail),
                    score: mean_probability(&word_scores, n, &path, first, last),
                })
            })
            .collect()
    }

    /// Turns per-sub-token scores into mentions with character offsets.
    fn decode(&self, e: &Encoded, scores: &[f32], text: &str, index: &CharIndex) -> Vec<Mention> {
        let labels = &self.classifier.labels;
        let n = labels.len();
        let word_scores = Self::word_scores(e, scores, self.outputs(), 0, n);
        let path = labels.viterbi(&word_scores);
        let word = |w: usize| index.slice(text, e.words[w].span.start, e.words[w].span.end);
        // A name never runs across a line break (a headline into its dateline), nor across a
        // coordination of two names; a "HEAD of PLACE" name is one.
        let after_break = |w: usize| line_break_before(e, text, index, w);
        let spans = within_lines(labels.spans(&path), after_break);
        let spans = joined_across_of(spans, word, after_break);
        apart_at_coordination(spans, word)
            .into_iter()
            .filter_map(|(tagged_first, mut last, label)| {
                // Titles, offices and honorifics before a person's name are not part of it, as
                // CoNLL-2003 and OntoNotes annotate names ("Mayor" in "Mayor Angela Ruiz", "Mr."
                // in "Mr. Okafor", often taken in at the start of a window); the speaker phrase
                // and the titles rules still read them from the text.
                let mut first = tagged_first;
                if label == crate::doc::Label::Person {
                    let words: Vec<&str> = (first..=last).map(word).collect();
                    first += crate::titles::leading_titles(&words);
                }
                // A name never ends on a hyphen glued to the next word ("Moon Jae-" + "in").
                while last + 1 < e.words.len()
                    && e.words[last + 1].span.start == e.words[last].span.end
                    && index
                        .slice(text, e.words[last].span.start, e.words[last].span.end)
                        .ends_with('-')
                {
                    last += 1;
                }
                let (trim_start, trim_end) = name_bounds(index.slice(
                    text,
                    e.words[first].span.start,
                    e.words[last].span.end,
                ))?;
                let start = e.words[first].span.start + trim_start;
                let span_text = index.slice(text, start, e.words[first].span.start + trim_end);
                let end = start + without_trailing_verbs(span_text)?;
                let mention_text = index.slice(text, start, end);
                // A lone function word ("The") or a title tagged as a person ("Councilman" in
                // "Councilman David Okafor") names no one; nor does the verb of an inverted
                // attribution ("Said Ellis: …").
                let inverted_cue = SPEECH_VERBS
                    .iter()
                    .any(|v| mention_text.eq_ignore_ascii_case(v))
                    && (last + 1 < e.words.len())
                    && word(last + 1).starts_with(char::is_uppercase);
                // A piece of a quoted title of a work ("A Harbour" of "A Harbour in Winter")
                // names nothing by itself.
                let before = index.slice(text, start.saturating_sub(MAX_TITLE_CHARS), start);
                let after = index.slice(text, end, end + MAX_TITLE_CHARS);
                if is_function_word(mention_text)
                    || inverted_cue
                    || is_part_of_quoted_title(before, mention_text, after)
                    || (label == crate::doc::Label::Person && crate::titles::is_title(mention_text))
                {
                    return None;
                }
                // The model's confidence in the labels it chose for the name's words (not for an
                // honorific taken in; for a joined "HEAD of NAME", over every word of it).
                let score = mean_probability(&word_scores, n, &path, tagged_first, last);
                let label =
                    if label == crate::doc::Label::Location && names_a_publication(mention_text) {
                        crate::doc::Label::Organization
                    } else {
                        label
                    };
                Some(Mention {
                    text: mention_text.to_string(),
                    span: Span::new(start, end),
                    label,
                    score,
                })
            })
            .collect()
    }
}

/// Decoded entity spans `(first word, last word, label)` cut where a conjunction is followed by
/// an article, the start of a second name ("The Washington Post and The Miami Herald"): the
/// conjunction belongs to neither. A name holding a conjunction without an article after it
/// ("Bosnia and Herzegovina", "Procter and Gamble") stays whole; one with ("Bob Marley and the
/// Wailers") is cut too. `word` gives a word's text.
fn apart_at_coordination<'t>(
    spans: Vec<(usize, usize, crate::doc::Label)>,
    word: impl Fn(usize) -> &'t str,
) -> Vec<(usize, usize, crate::doc::Label)> {
    spans
        .into_iter()
        .flat_map(|(first, last, label)| {
            let mut pieces = Vec::new();
            let mut start = first;
            for w in first + 1..last {
                let conjunction = ["and", "or", "&"]
                    .iter()
                    .any(|c| word(w).eq_ignore_ascii_case(c));
                if conjunction && w > start && word(w + 1).eq_ignore_ascii_case("the") {
                    pieces.push((start, w - 1, label.clone()));
                    start = w + 1;
                }
            }
            pieces.push((start, last, label));
            pieces
        })
        .collect()
}

/// Decoded spans `(first word, last word, label)` cut where a line break lies between two of
/// their words: no span runs from a headline into its dateline. `after_break(w)` tells whether
/// a line break lies between word `w` and the one before it ([`line_break_before`]).
fn within_lines(
    spans: Vec<(usize, usize, crate::doc::Label)>,
    after_break: impl Fn(usize) -> bool,
) -> Vec<(usize, usize, crate::doc::Label)> {
    spans
        .into_iter()
        .flat_map(|(first, last, label)| {
            let mut pieces = Vec::new();
            let mut start = first;
            for w in first + 1..=last {
                if after_break(w) {
                    pieces.push((start, w - 1, label.clone()));
                    start = w;
                }
            }
            pieces.push((start, last, label));
            pieces
        })
        .collect()
}

/// Whether a line break lies between word `w` of `e` and the word before it.
fn line_break_before(e: &Encoded, text: &str, index: &CharIndex, w: usize) -> bool {
    w > 0
        && index
            .slice(text, e.words[w - 1].span.end, e.words[w].span.start)
            .contains('\n')
}

/// Head nouns of names of the form "HEAD of NAME", with the type of the whole name: "Port of
/// Tallinn", "Gulf of Mexico" (places), "Bank of England", "University of Leeds"
/// (organizations), as CoNLL-2003 and OntoNotes mark them, one name.
const OF_NAME_HEADS: [(&str, crate::doc::Label); 24] = [
    ("port", crate::doc::Label::Location),
    ("gulf", crate::doc::Label::Location),
    ("bay", crate::doc::Label::Location),
    ("sea", crate::doc::Label::Location),
    ("isle", crate::doc::Label::Location),
    ("cape", crate::doc::Label::Location),
    ("lake", crate::doc::Label::Location),
    ("strait", crate::doc::Label::Location),
    ("city", crate::doc::Label::Location),
    ("republic", crate::doc::Label::Location),
    ("bank", crate::doc::Label::Organization),
    ("university", crate::doc::Label::Organization),
    ("college", crate::doc::Label::Organization),
    ("institute", crate::doc::Label::Organization),
    ("academy", crate::doc::Label::Organization),
    ("museum", crate::doc::Label::Organization),
    ("ministry", crate::doc::Label::Organization),
    ("department", crate::doc::Label::Organization),
    ("council", crate::doc::Label::Organization),
    ("church", crate::doc::Label::Organization),
    ("hospital", crate::doc::Label::Organization),
    ("federation", crate::doc::Label::Organization),
    ("chamber", crate::doc::Label::Organization),
    ("school", crate::doc::Label::Organization),
];

/// Decoded spans joined into one name of the form "HEAD of NAME" where the model cut it — the
/// head and the place apart ("Port" + "Tallinn") or the place alone ("Leeds" of "University
/// of Leeds"), most often in a list or a headline, where context is thin. The head is a
/// capitalized word of [`OF_NAME_HEADS`] right before "of", on the same line (`after_break`
/// as for [`within_lines`]), untagged or tagged alone or as the end of a name of its type; the
/// name after "of" is a location or an organization; the joined span takes the head's type.
/// `word` gives a word's text.
fn joined_across_of<'t>(
    spans: Vec<(usize, usize, crate::doc::Label)>,
    word: impl Fn(usize) -> &'t str,
    after_break: impl Fn(usize) -> bool,
) -> Vec<(usize, usize, crate::doc::Label)> {
    use crate::doc::Label;
    let mut joined: Vec<(usize, usize, Label)> = Vec::with_capacity(spans.len());
    for (first, last, label) in spans {
        let head = first.checked_sub(2).and_then(|h| {
            let head_word = word(h);
            let head_type = OF_NAME_HEADS
                .iter()
                .find(|(noun, _)| head_word.eq_ignore_ascii_case(noun))
                .map(|(_, head_type)| head_type.clone())?;
            let joins = matches!(label, Label::Location | Label::Organization)
                && head_word.starts_with(char::is_uppercase)
                && word(h + 1).eq_ignore_ascii_case("of")
                && !after_break(h + 1)
                && !after_break(first);
            joins.then_some((h, head_type))
        });
        // The span before ends at the head (or the "of" after it) and is the head alone or a
        // name of the head's type ("Reserve Bank"), not a person ("Frank Church of Idaho")
        // nor another kind of name ("Manchester City of England").
        let head_name_before = |h: usize, head_type: &Label| {
            joined.last().is_some_and(|(start, end, before_type)| {
                (*end == h || *end == h + 1) && (*start >= h || before_type == head_type)
            })
        };
        match head {
            // one name from the start of the span before (at the latest, from the head)
            Some((h, head_type)) if head_name_before(h, &head_type) => {
                if let Some(before) = joined.last_mut() {
                    *before = (before.0.min(h), last, head_type);
                }
            }
            // the head untagged: the name starts at it
            Some((h, head_type)) if joined.last().is_none_or(|before| before.1 < h) => {
                joined.push((h, last, head_type));
            }
            _ => joined.push((first, last, label)),
        }
    }
    joined
}

/// Mean probability of the labels `path` chose for words `first..=last`, from per-word
/// log-probabilities of `n` labels each.
fn mean_probability(
    word_scores: &[f32],
    n: usize,
    path: &[usize],
    first: usize,
    last: usize,
) -> f32 {
    (first..=last)
        .map(|w| word_scores[w * n + path[w]].exp())
        .sum::<f32>()
        / (last - first + 1) as f32
}

/// The character range of `span` (the words the model tagged) that is a name: without
/// leading or trailing whitespace or punctuation (". Stanton", "(Reuters),"), but keeping a
/// tagged closing bracket whose opening one is inside and still open ("Mladost (BJ)"), a tagged
/// dot of a trailing abbreviation or initial ("U.S.", "Jr."), and symbols ("C$"); `None` when
/// no letter or digit is left.
fn name_bounds(span: &str) -> Option<(usize, usize)> {
    let chars: Vec<char> = span.chars().collect();
    let is_edge = |c: &char| c.is_whitespace() || is_punctuation(*c);
    let start = chars.iter().position(|c| !is_edge(c))?;
    let mut end = chars.iter().rposition(|c| !is_edge(c))? + 1;
    if !chars[start..end].iter().any(|c| c.is_alphanumeric()) {
        return None;
    }
    // A closing bracket belongs to the name when the name opened more than it closed.
    let opened = |open: char| {
        let close = if open == '(' { ')' } else { ']' };
        let count = |c: char| chars[start..end].iter().filter(|&&x| x == c).count();
        count(open) > count(close)
    };
    let closer = (end..chars.len()).find(|&k| !chars[k].is_whitespace());
    match closer.map(|k| (k, chars[k])) {
        Some((k, ')')) if opened('(') => end = k + 1,
        Some((k, ']')) if opened('[') => end = k + 1,
        _ => {}
    }
    if chars.get(end) == Some(&'.') {
        let word_start = chars[..end]
            .iter()
            .rposition(|c| c.is_whitespace())
            .map_or(start, |k| k + 1)
            .max(start);
        let word: String = chars[word_start..end].iter().collect();
        if crate::sentences::keeps_dot(&word) {
            end += 1;
        }
    }
    Some((start, end))
}

/// Punctuation that never starts or ends a name: ASCII punctuation other than symbols
/// (`$ % & + < = > ^ | ~` and the like stay), and the typographic quotes, dashes and ellipsis.
fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\''
            | '"'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '-'
            | '/'
            | '\\'
            | '*'
            | '_'
            | '@'
            | '#'
            | '‘'
            | '’'
            | '“'
            | '”'
            | '„'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '–'
            | '—'
            | '…'
            | '·'
    )
}

/// Speech verbs the model sometimes takes into the name before them ("Trump said"): a name
/// never ends with one written in lower case.
const SPEECH_VERBS: [&str; 14] = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "stated",
    "noted",
    "explained",
    "wrote",
    "writes",
];

/// How far on either side of a mention, in characters, the marks of a quoted title are
/// looked for.
const MAX_TITLE_CHARS: usize = 80;

/// Most words a quoted title of a work has.
const MAX_TITLE_WORDS: usize = 10;

/// True when a mention lies inside a quoted title of a work without being all of it:
/// `before` and `after` are the text on either side of `mention` (up to [`MAX_TITLE_CHARS`]);
/// the quotation marks around it are on the same line, and what they hold is title-shaped —
/// two to [`MAX_TITLE_WORDS`] words, each capitalized or a function word, the first
/// capitalized (`"A Harbour in Winter,"`); a straight mark opens only after a space or a
/// bracket and closes only after a word. Such a title is one work's name (MISC, or nothing):
/// no piece of it names a place, a person or an organization by itself. A quoted slogan in
/// title case (`"Go Canada!"`) reads as a title too.
fn is_part_of_quoted_title(before: &str, mention: &str, after: &str) -> bool {
    let opens = |c: char| c == '"' || c == '\u{201C}';
    let closes = |c: char| c == '"' || c == '\u{201D}';
    let is_stop = |c: char| opens(c) || closes(c) || c == '\n';
    let (Some(open), Some(close)) = (before.rfind(is_stop), after.find(is_stop)) else {
        return false;
    };
    let (head, tail) = (&before[open..], &after[..close]);
    let (Some(mark), Some(end_mark)) = (head.chars().next(), after[close..].chars().next()) else {
        return false;
    };
    let opened_after_space = before[..open]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || c == '(' || c == '[');
    // the character before the closing mark: the quoted tail's last, else the mention's
    let closed_after_word = after[..close]
        .chars()
        .next_back()
        .or(mention.chars().next_back())
        .is_some_and(|c| !c.is_whitespace());
    if !opens(mark) || !closes(end_mark) || !opened_after_space || !closed_after_word {
        return false;
    }
    let title = format!("{}{mention}{tail}", &head[mark.len_utf8()..]);
    let end_marks = [',', '.', ';', ':', '!', '?'];
    let title = title.trim().trim_end_matches(end_marks);
    let words: Vec<&str> = title.split_whitespace().collect();
    let capitalized = |w: &&str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let title_shaped = (2..=MAX_TITLE_WORDS).contains(&words.len())
        && words[0].starts_with(char::is_uppercase)
        && words.iter().all(|w| capitalized(w) || is_function_word(w));
    title_shaped && title != mention.trim_end_matches(end_marks)
}

/// Last words of newspapers' names. A place's name followed by one of them, capitalized,
/// names a newspaper ("The Washington Post", "Chicago Tribune", "JAKARTA POST"), an
/// organization as CoNLL-2003 tags newspapers, though the model, reading a place's name in a
/// place's context ("according to The Washington Post"), sometimes tags it a location.
const PUBLICATION_HEADS: [&str; 15] = [
    "post",
    "times",
    "herald",
    "journal",
    "tribune",
    "gazette",
    "chronicle",
    "telegraph",
    "inquirer",
    "examiner",
    "courier",
    "dispatch",
    "sentinel",
    "bulletin",
    "globe",
];

/// True when `name` (a mention of two words or more) ends with a capitalized newspaper head
/// noun ([`PUBLICATION_HEADS`]).
fn names_a_publication(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let last = words.next_back();
    words.next().is_some()
        && last.is_some_and(|w| {
            w.starts_with(char::is_uppercase)
                && PUBLICATION_HEADS.iter().any(|h| w.eq_ignore_ascii_case(h))
        })
}

/// Personal pronouns: what is left of "he said" is no name.
const PERSONAL_PRONOUNS: [&str; 7] = ["he", "she", "they", "it", "we", "i", "you"];

/// The length in characters of `span` (a trimmed name) without trailing lower-case speech
/// verbs and function words ("Trump said" → "Trump", "ABC News and" → "ABC News"); `None`
/// when nothing of a name is left ("said", "he said": a pronoun left by a verb).
fn without_trailing_verbs(span: &str) -> Option<usize> {
    let mut name = span;
    let mut trimmed = false;
    while let Some((head, last)) = name.rsplit_once(char::is_whitespace) {
        let dropped = SPEECH_VERBS.contains(&last)
            || (last.chars().all(char::is_lowercase) && is_function_word(last));
        if !dropped {
            break;
        }
        trimmed = true;
        name = head.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    }
    let pronoun = PERSONAL_PRONOUNS
        .iter()
        .any(|w| name.eq_ignore_ascii_case(w));
    if SPEECH_VERBS.contains(&name) || (trimmed && pronoun) {
        return None;
    }
    Some(name.chars().count())
}

/// Articles, conjunctions and prepositions: never a name on their own, whatever the model says
/// of a capitalized "The" before a newspaper's name.
fn is_function_word(text: &str) -> bool {
    const WORDS: [&str; 16] = [
        "the", "a", "an", "and", "or", "of", "in", "on", "at", "for", "to", "by", "this", "that",
        "these", "those",
    ];
    WORDS.iter().any(|w| text.eq_ignore_ascii_case(w))
}

/// The special tokens the tokenizer's post-processor puts around a single sequence.
fn special_tokens(tokenizer: &Tokenizer) -> tokenizers::Result<(Vec<u32>, Vec<u32>)> {
    let probe = tokenizer.encode("a", true)?;
    let mask = probe.get_special_tokens_mask();
    let first_plain = mask.iter().position(|&m| m == 0).unwrap_or(mask.len());
    let last_plain = mask
        .iter()
        .rposition(|&m| m == 0)
        .map_or(first_plain, |p| p + 1);
    let ids = probe.get_ids();
    Ok((
        ids[..first_plain].to_vec(),
        ids[last_plain.max(first_plain)..].to_vec(),
    ))
}

#[cfg(test)]
mod tests {
    use super::{
        apart_at_coordination, is_part_of_quoted_title, joined_across_of, name_bounds,
        names_a_publication, without_trailing_verbs,
    };
    use crate::doc::Label;

    #[test]
    fn pieces_of_quoted_titles_are_no_names() {
        let part = |before, mention, after| is_part_of_quoted_title(before, mention, after);
        assert!(part("opened with \"", "A Harbour", " in Winter,\" a drama"));
        assert!(part(
            "opened with \u{201C}A Harbour in ",
            "Winter",
            ",\u{201D} a drama"
        ));
        assert!(!part("a film, \"", "Casablanca", ",\" and"));
        assert!(!part(
            "\"We will rebuild ",
            "Harwich",
            " harbour,\" Biden said"
        ));
        assert!(!part("He said \"no.\" Then ", "Paris", " voted \"yes.\""));
        assert!(!part("a line \"\n", "Harbour", " in Winter\""));
        assert!(!part("shares of \"", "Acme Corp.", "\" fell"));
        assert!(!part(
            "Ruiz Says \"Yes\" To ",
            "Harwich Harbour",
            " \"Plan\""
        ));
    }

    #[test]
    fn newspapers_named_after_places_are_publications() {
        for name in [
            "The Washington Post",
            "Chicago Tribune",
            "JAKARTA POST",
            "Los Angeles Times",
        ] {
            assert!(names_a_publication(name), "{name}");
        }
        for name in [
            "Post",
            "Times Square",
            "Washington",
            "the border post",
            "Globe Theatre",
        ] {
            assert!(!names_a_publication(name), "{name}");
        }
    }

    #[test]
    fn coordinated_names_with_their_own_articles_are_apart() {
        let split = |text: &'static str| {
            let words: Vec<&str> = text.split(' ').collect();
            let spans = vec![(0, words.len() - 1, Label::Organization)];
            apart_at_coordination(spans, |w| words[w])
                .into_iter()
                .map(|(first, last, _)| words[first..=last].join(" "))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            split("The Washington Post and The Miami Herald"),
            ["The Washington Post", "The Miami Herald"]
        );
        assert_eq!(split("Bosnia and Herzegovina"), ["Bosnia and Herzegovina"]);
        assert_eq!(split("Procter and Gamble"), ["Procter and Gamble"]);
        assert_eq!(split("and the"), ["and the"]);
        assert_eq!(
            split("THE WASHINGTON POST AND THE MIAMI HERALD"),
            ["THE WASHINGTON POST", "THE MIAMI HERALD"]
        );
    }

    #[test]
    fn names_of_the_form_head_of_place_are_one() {
        // Words split at spaces; a word written "^word" starts a line.
        let join = |text: &'static str, spans: Vec<(usize, usize, Label)>| {
            let words: Vec<&str> = text.split(' ').collect();
            let word = |w: usize| words[w].trim_start_matches('^');
            joined_across_of(spans, word, |w| words[w].starts_with('^'))
                .into_iter()
                .map(|(first, last, label)| {
                    let name: Vec<&str> = (first..=last).map(word).collect();
                    (name.join(" "), label)
                })
                .collect::<Vec<_>>()
        };
        let (loc, org) = (Label::Location, Label::Organization);
        assert_eq!(
            join(
                "went to: ^Port of Tallinn ^Clean Danube Alliance",
                vec![
                    (2, 2, loc.clone()),
                    (4, 4, loc.clone()),
                    (5, 7, org.clone())
                ]
            ),
            [
                ("Port of Tallinn".to_string(), loc.clone()),
                ("Clean Danube Alliance".to_string(), org.clone())
            ]
        );
        assert_eq!(
            join("at the University of Leeds", vec![(4, 4, org.clone())]),
            [("University of Leeds".to_string(), org.clone())]
        );
        assert_eq!(
            join(
                "the Reserve Bank of India",
                vec![(1, 2, org.clone()), (4, 4, loc.clone())]
            ),
            [("Reserve Bank of India".to_string(), org.clone())]
        );
        assert_eq!(
            join(
                "from the Port of Tallinn",
                vec![(2, 3, loc.clone()), (4, 4, loc.clone())]
            ),
            [("Port of Tallinn".to_string(), loc.clone())]
        );
        // A lower-case head is a common noun; a person after "of" is no place; a line break
        // between the head and "of" keeps them apart.
        for (text, spans) in [
            ("the port of Tallinn", vec![(3, 3, loc.clone())]),
            ("Bank of Mary Smith", vec![(2, 3, Label::Person)]),
            (
                "Port ^of Tallinn",
                vec![(0, 0, loc.clone()), (2, 2, loc.clone())],
            ),
            (
                "Sen. Frank Church of Idaho",
                vec![(1, 2, Label::Person), (4, 4, loc.clone())],
            ),
            (
                "Manchester City of England",
                vec![(0, 1, org.clone()), (3, 3, loc.clone())],
            ),
        ] {
            let before: Vec<(usize, usize, Label)> = spans.clone();
            let words: Vec<&str> = text.split(' ').collect();
            let unchanged = joined_across_of(
                spans,
                |w| words[w].trim_start_matches('^'),
                |w| words[w].starts_with('^'),
            );
            assert_eq!(unchanged, before, "{text}");
        }
    }

    #[test]
    fn names_never_end_with_a_speech_verb_or_a_function_word() {
        let kept = |span: &str| {
            without_trailing_verbs(span).map(|n| span.chars().take(n).collect::<String>())
        };
        assert_eq!(kept("Trump said").as_deref(), Some("Trump"));
        assert_eq!(
            kept("Donald J. Trump says").as_deref(),
            Some("Donald J. Trump")
        );
        assert_eq!(kept("ABC News and").as_deref(), Some("ABC News"));
        assert_eq!(kept("Zoë Okafor told").as_deref(), Some("Zoë Okafor"));
        assert_eq!(kept("said"), None);
        assert_eq!(kept("he said"), None);
        assert_eq!(kept("She adds"), None);
        assert_eq!(kept("Bank of England").as_deref(), Some("Bank of England"));
        assert_eq!(kept("The Who").as_deref(), Some("The Who"));
        assert_eq!(kept("Said").as_deref(), Some("Said"));
        assert_eq!(kept("Trump").as_deref(), Some("Trump"));
    }

    #[test]
    fn names_lose_edge_punctuation_but_keep_abbreviation_dots() {
        let cut = |span: &str| {
            name_bounds(span).map(|(s, e)| span.chars().skip(s).take(e - s).collect::<String>())
        };
        assert_eq!(cut(". Stanton").as_deref(), Some("Stanton"));
        assert_eq!(cut("(Reuters),").as_deref(), Some("Reuters"));
        assert_eq!(
            cut("Michael G. Stanton.").as_deref(),
            Some("Michael G. Stanton")
        );
        assert_eq!(cut("the U.S.").as_deref(), Some("the U.S."));
        assert_eq!(
            cut("Martin Luther King Jr.").as_deref(),
            Some("Martin Luther King Jr.")
        );
        assert_eq!(cut("“Zoë Müller”").as_deref(), Some("Zoë Müller"));
        assert_eq!(cut(" - "), None);
        assert_eq!(cut("Mladost ( BJ )").as_deref(), Some("Mladost ( BJ )"));
        assert_eq!(cut("(Reuters)").as_deref(), Some("Reuters"));
        assert_eq!(cut("C$").as_deref(), Some("C$"));
        assert_eq!(cut("St .").as_deref(), Some("St"));
        assert_eq!(cut("$").as_deref(), None);
        assert_eq!(cut("Foo (Bar) Baz)").as_deref(), Some("Foo (Bar) Baz"));
    }
}
