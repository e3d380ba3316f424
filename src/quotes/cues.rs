//! The cue lexicon: speech and reporting verbs in all their inflections.
//!
//! The lemmas were chosen by reading which verbs introduce attributions in annotated political
//! news (PolNeAR's training split) and adding the usual reporting verbs of English news
//! writing; the list is ours, and every form is generated here from the lemma. Two classes:
//! - [`CueClass::Speech`]: verbs of saying and writing (`said`, `told`, `tweeted`, `added`),
//!   used by every rule;
//! - [`CueClass::Thought`]: verbs of belief and findings (`believes`, `hopes`, `shows`), used
//!   only for reported speech and mixed quotations, never to attribute a free-standing quote.

/// What kind of attribution a cue verb introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// Saying, writing, posting.
    Speech,
    /// Believing, hoping, finding, showing.
    Thought,
}

/// Regular speech verbs (lemmas); inflections are generated.
const SPEECH: &[&str] = &[
    "say",
    "add",
    "ask",
    "note",
    "state",
    "declare",
    "explain",
    "insist",
    "argue",
    "claim",
    "warn",
    "tweet",
    "acknowledge",
    "answer",
    "reply",
    "respond",
    "continue",
    "recall",
    "remark",
    "observe",
    "announce",
    "report",
    "suggest",
    "concede",
    "confirm",
    "deny",
    "complain",
    "joke",
    "quip",
    "shout",
    "yell",
    "scream",
    "exclaim",
    "whisper",
    "mutter",
    "predict",
    "promise",
    "pledge",
    "vow",
    "assert",
    "maintain",
    "contend",
    "caution",
    "urge",
    "stress",
    "emphasize",
    "emphasise",
    "recount",
    "testify",
    "boast",
    "brag",
    "charge",
    "allege",
    "counter",
    "retort",
    "rant",
    "lament",
    "reiterate",
    "repeat",
    "echo",
    "post",
    "email",
    "text",
    "inform",
    "assure",
    "remind",
    "conclude",
    "estimate",
    "proclaim",
    "reveal",
    "disclose",
    "elaborate",
    "muse",
    "wonder",
    "question",
    "demand",
    "plead",
    "beg",
    "chime",
    "interject",
    "sigh",
    "laugh",
    "mention",
    "comment",
    "describe",
    "advise",
    "tout",
    "concur",
    "agree",
    "object",
    "protest",
    "accuse",
    "criticize",
    "criticise",
    "blast",
    "slam",
    "praise",
    "thank",
    "apologize",
    "apologise",
    "threaten",
    "recommend",
    "propose",
    "instruct",
    "order",
    "assure",
    "reason",
    "point",
    "blame",
    "caution",
    "underscore",
    "highlight",
    "speculate",
    "surmise",
    "affirm",
    "reaffirm",
    "insinuate",
    "imply",
    "indicate",
    "signal",
    "vent",
    "fume",
    "gush",
    "marvel",
    "scoff",
    "snap",
    "bark",
    "growl",
    "grumble",
    "murmur",
    "stammer",
    "groan",
    "shrug",
    "nod",
    "smile",
    "grin",
    "chuckle",
    "sob",
    "gasp",
    "reflect",
    "tweet",
    "announce",
    "boast",
    "hint",
    "chide",
    "scold",
    "rebut",
    "dispute",
    "contest",
    "clarify",
    "quote",
    "cite",
    "dismiss",
    "recommend",
    "declare",
    "opine",
    "attest",
];

/// Irregular speech verbs: every form listed.
const SPEECH_IRREGULAR: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "write",
    "writes",
    "wrote",
    "written",
    "writing",
    "admit",
    "admits",
    "admitted",
    "admitting",
    "cry",
    "cries",
    "cried",
    "crying",
    "read",
    "reads",
    "reading",
    "rebut",
    "rebuts",
    "rebutted",
    "rebutting",
    "swear",
    "swears",
    "swore",
    "sworn",
    "forecast",
    "forecasts",
    "forecasting",
    "retort",
    "put",
    "puts",
    "preach",
    "preaches",
    "preached",
    "preaching",
    "stress",
    "stresses",
    "stressed",
    "stressing",
    "tweeted",
    "snapped",
    "snapping",
    "chatted",
    "quipped",
    "quipping",
    "regret",
    "regrets",
    "regretted",
];

/// Regular belief and finding verbs (lemmas); inflections are generated.
const THOUGHT: &[&str] = &[
    "believe",
    "hope",
    "fear",
    "expect",
    "worry",
    "suspect",
    "doubt",
    "feel",
    "guess",
    "figure",
    "reckon",
    "assume",
    "suppose",
    "imagine",
    "show",
    "find",
    "suggest",
    "learn",
    "conclude",
    "determine",
    "estimate",
    "calculate",
    "realize",
    "realise",
    "recognize",
    "recognise",
    "want",
    "wish",
    "plan",
    "intend",
    "decide",
    "insist",
    "agree",
    "predict",
    "project",
    "signal",
    "indicate",
    "demonstrate",
    "prove",
    "question",
    "acknowledge",
    "call",
    "consider",
];

/// Irregular belief and finding verbs.
const THOUGHT_IRREGULAR: &[&str] = &[
    "think",
    "thinks",
    "thought",
    "thinking",
    "know",
    "knows",
    "knew",
    "known",
    "knowing",
    "feel",
    "feels",
    "felt",
    "feeling",
    "find",
    "finds",
    "found",
    "finding",
    "shown",
    "see",
    "sees",
    "saw",
    "seen",
    "seeing",
    "understand",
    "understands",
    "understood",
    "understanding",
];

/// The inflections of a regular verb: lemma, -s, -ed, -ing.
fn inflections(lemma: &str) -> Vec<String> {
    let mut forms = vec![lemma.to_string()];
    let b = lemma.as_bytes();
    let last = b.last().copied().unwrap_or(b'a');
    let before_last = b.len().checked_sub(2).map(|i| b[i]).unwrap_or(b'a');
    let vowel = |c: u8| b"aeiou".contains(&c);
    if last == b'e' {
        let stem = &lemma[..lemma.len() - 1];
        forms.push(format!("{lemma}s"));
        forms.push(format!("{lemma}d"));
        forms.push(format!("{stem}ing"));
    } else if last == b'y' && !vowel(before_last) {
        let stem = &lemma[..lemma.len() - 1];
        forms.push(format!("{stem}ies"));
        forms.push(format!("{stem}ied"));
        forms.push(format!("{lemma}ing"));
    } else {
        let es = lemma.ends_with('s')
            || lemma.ends_with("sh")
            || lemma.ends_with("ch")
            || lemma.ends_with('x')
            || lemma.ends_with('o');
        forms.push(if es {
            format!("{lemma}es")
        } else {
            format!("{lemma}s")
        });
        forms.push(format!("{lemma}ed"));
        forms.push(format!("{lemma}ing"));
        // Short verbs ending consonant-vowel-consonant double it (nod, shrug, snap, plan, beg).
        if lemma.len() <= 5 && !vowel(last) && vowel(before_last) && !b"wxy".contains(&last) {
            let doubled = format!("{lemma}{}", last as char);
            forms.push(format!("{doubled}ed"));
            forms.push(format!("{doubled}ing"));
        }
    }
    forms
}

/// The lexicon, built once.
fn lexicon() -> &'static std::collections::HashMap<String, CueClass> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static LEXICON: OnceLock<HashMap<String, CueClass>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut map = HashMap::new();
        for lemma in THOUGHT {
            for form in inflections(lemma) {
                map.insert(form, CueClass::Thought);
            }
        }
        for form in THOUGHT_IRREGULAR {
            map.insert(form.to_string(), CueClass::Thought);
        }
        for lemma in SPEECH {
            for form in inflections(lemma) {
                map.insert(form, CueClass::Speech);
            }
        }
        for form in SPEECH_IRREGULAR {
            map.insert(form.to_string(), CueClass::Speech);
        }
        map
    })
}

/// The cue class of a word (compared lower case), if it is a cue verb.
pub(crate) fn cue_class(word: &str) -> Option<CueClass> {
    let lower = word.to_lowercase();
    lexicon().get(lower.as_str()).copied()
}

/// True when `word` (lower case) is a speech verb that can attribute a free-standing quote.
pub(crate) fn is_speech(word: &str) -> bool {
    cue_class(word) == Some(CueClass::Speech)
}

/// True when `word` is a cue of either class.
pub(crate) fn is_cue(word: &str) -> bool {
    cue_class(word).is_some()
}

/// Cue verbs that as often take a plain object as a reported clause (prefixes of the
/// inflected forms): `confirmed Dana Whitfield as counsel`, `thanked the Red Cross`, `added a
/// third goal`, `announced a new plan`.
const OBJECT_TAKING: &[&str] = &[
    "confirm", "thank", "add", "announc", "prais", "welcom", "criticiz", "releas", "unveil",
];

/// True when `word` (lower case) is a cue verb that often takes a plain object.
pub(crate) fn takes_object(word: &str) -> bool {
    is_cue(word) && OBJECT_TAKING.iter().any(|stem| word.starts_with(stem))
}

/// Speech verbs whose object is the listener, not the speaker or the words: `told Reuters`,
/// `assured him`, `warned reporters` (lemmas; compared by prefix of the inflected form).
const TELLING: &[&str] = &["tel", "told", "assur", "remind", "inform", "warn", "ask"];

/// True when `word` (lower case) is a speech verb whose object is its listener: the word after
/// it is never the speaker (`… , a source told Reuters.`).
pub(crate) fn takes_listener(word: &str) -> bool {
    is_speech(word) && TELLING.iter().any(|stem| word.starts_with(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_are_generated() {
        for form in [
            "said", "says", "telling", "argued", "tweeting", "denies", "nodded",
        ] {
            assert!(is_speech(form), "{form}");
        }
        assert!(is_cue("believes"));
        assert!(takes_listener("told") && takes_listener("telling") && takes_listener("warned"));
        assert!(!takes_listener("said") && !takes_listener("tells-no") && !takes_listener("table"));
        assert!(!is_speech("believes"));
        assert!(!is_cue("table"));
    }
}
