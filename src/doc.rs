//! The document model every stage reads and writes, and the JSON Lines contract it serializes to.
//!
//! # Offsets
//! Every `start`/`end` in this module is a **character offset** (Unicode scalar values),
//! end-exclusive, into [`Document::text`] exactly as given: the numbers Python's
//! `text[start:end]` uses. Stages that work on bytes convert in one internal place (`offsets.rs`), once.
//!
//! # Output, one JSON object per document
//! ```json
//! { "id": "article-1",
//!   "entities": [ { "id": "e0", "label": "PER", "name": "Mike Pompeo",
//!                   "mentions": [ { "text": "Pompeo", "start": 446, "end": 452, "score": 0.998 } ] } ],
//!   "quotes": [ { "id": "q0", "kind": "direct", "type": "assertion", "form": "proposition",
//!                 "text": "…", "start": 921, "end": 1002,
//!                 "cue": { "text": "said", "start": 1010, "end": 1014 },
//!                 "speaker": { "text": "Pompeo", "start": 1003, "end": 1009,
//!                              "entity": "e0", "name": "Mike Pompeo" },
//!                 "rule": "quote-speaker-cue", "score": 0.99, "about": ["e3"] } ] }
//! ```
//! The command-line writer ([`crate::output`]) adds the input `text` only when it differs from
//! what the user supplied (text extracted from HTML) or when asked, and `warnings` only when any.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open character range `[start, end)` into a document's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub struct Span {
    /// First character of the span.
    pub start: usize,
    /// One past the last character of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (character offsets).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Number of characters covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no character.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when the two spans share at least one character.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Entity type. The four CoNLL types are named; any other type a model emits passes through.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// A person (`PER`).
    Person,
    /// A location, including geo-political entities (`LOC`).
    Location,
    /// An organization (`ORG`).
    Organization,
    /// Other names: nationalities, events, works (`MISC`).
    Misc,
    /// Any other type, as the model's label set names it (e.g. `DATE`).
    Other(String),
}

impl Label {
    /// The label as written in the output (`PER`, `LOC`, `ORG`, `MISC`, or the model's own).
    pub fn as_str(&self) -> &str {
        match self {
            Label::Person => "PER",
            Label::Location => "LOC",
            Label::Organization => "ORG",
            Label::Misc => "MISC",
            Label::Other(name) => name,
        }
    }

    /// Parses an output label; names other than the four CoNLL ones become [`Label::Other`].
    pub fn from_output(name: &str) -> Self {
        match name {
            "PER" => Label::Person,
            "LOC" => Label::Location,
            "ORG" => Label::Organization,
            "MISC" => Label::Misc,
            other => Label::Other(other.to_string()),
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Label {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl JsonSchema for Label {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Label".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Entity type: PER, LOC, ORG, MISC, or a type of the model's own label set.",
            "examples": ["PER", "LOC", "ORG", "MISC"]
        })
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Ok(Label::from_output(&name))
    }
}

/// One stretch of text the tagger labelled as a name. As CoNLL-2003 and OntoNotes annotate
/// names, a person's mention leaves titles and honorifics out (`Okafor` in `Mr. Okafor`,
/// `Angela Ruiz` in `Mayor Angela Ruiz`; a quotation's `speaker.text` keeps them), never ends
/// in a speech verb or a function word (`Trump said`, `ABC News and`), and two names joined
/// by a hyphen before a noun of meetings (`the Trump-Kim summit`) are a mention of each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Mention {
    /// The mention as written: `document.text[start..end]` in characters.
    pub text: String,
    /// Where it is (written as `start`, `end`).
    #[serde(flatten)]
    pub span: Span,
    /// Entity type; not serialized per mention, since the owning entity carries it.
    #[serde(skip, default = "default_label")]
    pub label: Label,
    /// The tagger's confidence: mean probability of the chosen labels over the mention's words.
    pub score: f32,
}

fn default_label() -> Label {
    Label::Misc
}

/// A named thing: all mentions of one person, place, organization or other name in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    /// Document-local id, `e0`, `e1`, … in order of first mention.
    pub id: String,
    /// Entity type.
    pub label: Label,
    /// Canonical name: the fullest form among the mentions, without titles or possessives.
    pub name: String,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// An attribution role, as PolNeAR annotates it: who (`Source`), the words that attribute
/// (`Cue`: "said", "according to"), and what is attributed (`Content`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Who the content is attributed to ("a spokesman for the employers").
    Source,
    /// The words that mark the attribution ("said", "told reporters", "according to").
    Cue,
    /// What is attributed: the quoted or reported words.
    Content,
}

impl Role {
    /// Maps a role head's type name (`SOURCE`, `CUE`, `CONTENT`, any case) to its role.
    pub fn from_name(name: &str) -> Option<Role> {
        match name.to_ascii_uppercase().as_str() {
            "SOURCE" => Some(Role::Source),
            "CUE" => Some(Role::Cue),
            "CONTENT" => Some(Role::Content),
            _ => None,
        }
    }
}

/// A span the tagger's attribution head labelled with a [`Role`] (character offsets,
/// end-exclusive, into the document's text). The linker in [`crate::quotes`] turns them into
/// quotations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleSpan {
    /// The role.
    pub role: Role,
    /// Where it is (written as `start`, `end`).
    #[serde(flatten)]
    pub span: Span,
    /// The head's confidence: mean probability of the chosen labels over the span's words.
    pub score: f32,
}

/// Everything the tagger finds in one text: entity mentions and, when the model has an
/// attribution head, role spans (empty otherwise). Character offsets throughout.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tagged {
    /// Entity mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Learned attribution role spans, in text order.
    #[serde(default)]
    pub roles: Vec<RoleSpan>,
}

/// How a quotation is presented in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words inside quote marks, standing as speech on their own.
    Direct,
    /// Quoted words inside reported speech (`he said he had "a good conversation"`).
    Mixed,
    /// Reported speech without quote marks (`X said that …`, `according to X, …`).
    Indirect,
    /// Quote marks that are not speech (scare quotes, nicknames); never attributed.
    Scare,
}

impl QuoteKind {
    /// The kind as written in the output (`direct`).
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Scare => "scare",
        }
    }
}

/// What kind of attribution a quotation is, after the attribution types of the Penn Discourse
/// Treebank 2.0 (Prasad et al. 2007, *Attribution and its annotation in the Penn Discourse
/// TreeBank*), read from its cue verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AttributionType {
    /// Communication: `said`, `told`, `announced`, `denied that`, `according to`; quoted words.
    Assertion,
    /// A propositional attitude: `thinks`, `believes`, `hopes`, `fears`, `expects`.
    Belief,
    /// A factive: `knows`, `found`, `learned`, `realized`, `showed`.
    Fact,
    /// Control, an action to come: `urged … to`, `asked … to`, `promised to`.
    Eventuality,
}

impl AttributionType {
    /// The type as written in the output (`assertion`).
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionType::Assertion => "assertion",
            AttributionType::Belief => "belief",
            AttributionType::Fact => "fact",
            AttributionType::Eventuality => "eventuality",
        }
    }
}

/// What an attribution's content is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ContentForm {
    /// A statement: quoted words, or a clause (`said the plan would fail`).
    Proposition,
    /// A noun phrase, an infinitive or a question (`criticized the budget`, `declined to
    /// comment`, `asked how it would work`): what the attribution is about, not what was said.
    Topic,
}

impl ContentForm {
    /// The form as written in the output (`proposition`).
    pub fn as_str(self) -> &'static str {
        match self {
            ContentForm::Proposition => "proposition",
            ContentForm::Topic => "topic",
        }
    }
}

/// A piece of text with its character span, used for cues and speakers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TextSpan {
    /// The text as written: `document.text[start..end]` in characters.
    pub text: String,
    /// Where it is (written as `start`, `end`).
    #[serde(flatten)]
    pub span: Span,
}

/// Who a quotation is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Speaker {
    /// The mention the attribution rule used, as written (a pronoun stays "he").
    pub text: String,
    /// Where that mention is (written as `start`, `end`).
    #[serde(flatten)]
    pub span: Span,
    /// Id of the entity the speaker resolves to, when it is a tagged name.
    pub entity: Option<String>,
    /// Canonical name of that entity, or the speaker text for group speakers.
    pub name: String,
}

/// A quotation (direct, mixed or reported) and, when recoverable, its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quote {
    /// Document-local id, `q0`, `q1`, … in text order.
    pub id: String,
    /// How the quotation is presented.
    pub kind: QuoteKind,
    /// What kind of attribution it is (absent for scare quotes).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<AttributionType>,
    /// Whether its content is a statement or a topic (absent for scare quotes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<ContentForm>,
    /// The quoted or reported words, without quote marks.
    pub text: String,
    /// Where `text` is (written as `start`, `end`).
    #[serde(flatten)]
    pub span: Span,
    /// The speech verb or phrase that introduces it (`said`, `according to`), if any.
    pub cue: Option<TextSpan>,
    /// Who said it; `null` when no speaker can be recovered.
    pub speaker: Option<Speaker>,
    /// Short id of the rule that found or linked it, for debugging and evaluation.
    pub rule: String,
    /// Confidence in [0, 1] that this is an attribution: the attribution head's mean
    /// probability over the learned content, cue and source when they gave or confirmed it
    /// (or the rule's score, if higher), else the rule's precision on PolNeAR train; 0 for
    /// scare quotes (`docs/quotes.md`, "Scores"). Set a threshold on it to trade recall for
    /// precision. Output written before scores existed reads as 0.
    #[serde(default)]
    pub score: f32,
    /// Whom it is about: ids of the entities with a mention inside `start..end`, in entity
    /// order (empty for scare quotes).
    #[serde(default)]
    pub about: Vec<String>,
}

/// One input document and everything quotegraph found in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The caller's id for the document (a file path, a JSONL `id` field).
    pub id: String,
    /// The text every offset refers to.
    #[serde(default)]
    pub text: String,
    /// Named entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Quotations, in text order.
    pub quotes: Vec<Quote>,
    /// Problems with the input that did not stop processing (e.g. invalid UTF-8 replaced).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The input record's other fields (JSON Lines input: everything but the id and text
    /// fields and `html`), unchanged: `date`, `url`, `outlet`, `title`, … Empty for files.
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    pub meta: Metadata,
}

/// A record's metadata: field name → JSON value, by field name.
pub type Metadata = serde_json::Map<String, serde_json::Value>;

impl Document {
    /// An empty document ready for the pipeline's stages.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            entities: Vec::new(),
            quotes: Vec::new(),
            warnings: Vec::new(),
            meta: Metadata::new(),
        }
    }
}
