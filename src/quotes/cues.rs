//! The cue lexicon: speech and reporting verbs, one entry per verb, each with its features.
//!
//! The lemmas were chosen by reading which verbs introduce attributions in annotated political
//! news (PolNeAR's training split) and adding the usual reporting verbs of English news
//! writing; the list is ours. An entry ([`Cue`]) carries everything the rules ask of a verb:
//! - its class: [`CueClass::Speech`], verbs of saying and writing (`said`, `told`, `tweeted`,
//!   `added`), used by every rule; or [`CueClass::Thought`], verbs of belief and findings
//!   (`believes`, `hopes`, `shows`), used only for reported speech and mixed quotations, never
//!   to attribute a free-standing quote;
//! - whether its object is the listener (`told Reuters`) and whether it as often takes a bare
//!   object as a reported clause (`confirmed Dana Whitfield as counsel`);
//! - its attribution type ([`AttributionType`], after the Penn Discourse Treebank 2.0): speech
//!   verbs are assertions, thought verbs beliefs, factive ones (`knows`, `found`, `showed`)
//!   facts; a verb of control (`urged`, `promised`, `asked`) makes an eventuality when an
//!   infinitive follows it (`urged them to leave`) and an assertion with a clause (`promised
//!   that …`);
//! - its forms: generated from the lemma for a regular verb (lemma, `-s`, `-ed`, `-ing`, a
//!   doubled final consonant for short verbs), listed in full for an irregular one.
//!
//! To add a regular verb, add one line to [`CUES`]: `Cue::speech("mumble"),`. A test rejects a
//! lemma listed twice and a form two entries would claim.

use crate::doc::AttributionType;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What kind of attribution a cue verb introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// Saying, writing, posting.
    Speech,
    /// Believing, hoping, finding, showing.
    Thought,
}

/// One cue verb and its features.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cue {
    /// The verb's base form.
    lemma: &'static str,
    /// Speech or thought.
    class: CueClass,
    /// Its object is the listener, never the speaker or the words (`told Reuters`, `assured
    /// him`, `warned reporters`).
    listener: bool,
    /// It as often takes a plain object as a reported clause (`confirmed Dana Whitfield as
    /// counsel`, `thanked the Red Cross`, `added a third goal`).
    bare_object: bool,
    /// The attribution type it introduces with a clause.
    kind: AttributionType,
    /// A verb of control: with an infinitive it introduces an eventuality (`urged them to`).
    control: bool,
    /// Every form, for an irregular verb; `None` generates them from the lemma.
    forms: Option<&'static [&'static str]>,
}

impl Cue {
    /// A regular verb of saying or writing.
    const fn speech(lemma: &'static str) -> Cue {
        Cue {
            lemma,
            class: CueClass::Speech,
            listener: false,
            bare_object: false,
            kind: AttributionType::Assertion,
            control: false,
            forms: None,
        }
    }

    /// A regular verb of belief or finding.
    const fn thought(lemma: &'static str) -> Cue {
        Cue {
            class: CueClass::Thought,
            kind: AttributionType::Belief,
            ..Cue::speech(lemma)
        }
    }

    /// A factive verb: what follows is presented as a fact (`found that`, `knows`).
    const fn fact(self) -> Cue {
        Cue {
            kind: AttributionType::Fact,
            ..self
        }
    }

    /// A verb of control (`urge`, `promise`, `ask`).
    const fn control(self) -> Cue {
        Cue {
            control: true,
            ..self
        }
    }

    /// Its object is the listener.
    const fn listener(self) -> Cue {
        Cue {
            listener: true,
            ..self
        }
    }

    /// It often takes a bare object.
    const fn bare_object(self) -> Cue {
        Cue {
            bare_object: true,
            ..self
        }
    }

    /// Irregular: exactly these forms are cues.
    const fn forms(self, forms: &'static [&'static str]) -> Cue {
        Cue {
            forms: Some(forms),
            ..self
        }
    }

    /// Every form of the verb, lower case.
    fn all_forms(&self) -> Vec<String> {
        match self.forms {
            Some(forms) => forms.iter().map(|f| f.to_string()).collect(),
            None => inflections(self.lemma),
        }
    }
}

/// The cue verbs, one entry each.
pub(crate) const CUES: &[Cue] = &[
    // Verbs of saying and writing; regular forms generated.
    Cue::speech("add").bare_object(),
    Cue::speech("ask").listener().control(),
    Cue::speech("note"),
    Cue::speech("state"),
    Cue::speech("declare"),
    Cue::speech("explain"),
    Cue::speech("insist"),
    Cue::speech("argue"),
    Cue::speech("claim"),
    Cue::speech("warn").listener(),
    Cue::speech("tweet"),
    Cue::speech("acknowledge"),
    Cue::speech("answer"),
    Cue::speech("reply"),
    Cue::speech("respond"),
    Cue::speech("continue"),
    Cue::speech("recall"),
    Cue::speech("remark"),
    Cue::speech("observe"),
    Cue::speech("announce").bare_object(),
    Cue::speech("report"),
    Cue::speech("suggest"),
    Cue::speech("concede"),
    Cue::speech("confirm").bare_object(),
    Cue::speech("deny"),
    Cue::speech("complain"),
    Cue::speech("joke"),
    Cue::speech("quip"),
    Cue::speech("shout"),
    Cue::speech("yell"),
    Cue::speech("scream"),
    Cue::speech("exclaim"),
    Cue::speech("whisper"),
    Cue::speech("mutter"),
    Cue::speech("predict"),
    Cue::speech("promise").control(),
    Cue::speech("pledge").control(),
    Cue::speech("vow").control(),
    Cue::speech("assert"),
    Cue::speech("maintain"),
    Cue::speech("contend"),
    Cue::speech("caution"),
    Cue::speech("urge").control(),
    Cue::speech("stress"),
    Cue::speech("emphasize"),
    Cue::speech("emphasise"),
    Cue::speech("recount"),
    Cue::speech("testify"),
    Cue::speech("boast"),
    Cue::speech("brag"),
    Cue::speech("charge"),
    Cue::speech("allege"),
    Cue::speech("counter"),
    Cue::speech("retort"),
    Cue::speech("rant"),
    Cue::speech("lament"),
    Cue::speech("reiterate"),
    Cue::speech("repeat"),
    Cue::speech("echo"),
    Cue::speech("post"),
    Cue::speech("email"),
    Cue::speech("text"),
    Cue::speech("inform").listener(),
    Cue::speech("assure").listener(),
    Cue::speech("remind").listener(),
    Cue::speech("conclude"),
    Cue::speech("estimate"),
    Cue::speech("proclaim"),
    Cue::speech("reveal"),
    Cue::speech("disclose"),
    Cue::speech("elaborate"),
    Cue::speech("muse"),
    Cue::speech("wonder"),
    Cue::speech("question"),
    Cue::speech("demand").control(),
    Cue::speech("plead").control(),
    Cue::speech("beg").control(),
    Cue::speech("chime"),
    Cue::speech("interject"),
    Cue::speech("sigh"),
    Cue::speech("laugh"),
    Cue::speech("mention"),
    Cue::speech("comment"),
    Cue::speech("describe"),
    Cue::speech("advise").control(),
    Cue::speech("tout"),
    Cue::speech("concur"),
    Cue::speech("agree"),
    Cue::speech("object"),
    Cue::speech("protest"),
    Cue::speech("accuse"),
    Cue::speech("criticize").bare_object(),
    Cue::speech("criticise"),
    Cue::speech("blast"),
    Cue::speech("slam"),
    Cue::speech("praise").bare_object(),
    Cue::speech("thank").bare_object(),
    Cue::speech("apologize"),
    Cue::speech("apologise"),
    Cue::speech("threaten").control(),
    Cue::speech("recommend").control(),
    Cue::speech("propose").control(),
    Cue::speech("instruct").control(),
    Cue::speech("order").control(),
    Cue::speech("reason"),
    Cue::speech("point"),
    Cue::speech("blame"),
    Cue::speech("underscore"),
    Cue::speech("highlight"),
    Cue::speech("speculate"),
    Cue::speech("surmise"),
    Cue::speech("affirm"),
    Cue::speech("reaffirm"),
    Cue::speech("insinuate"),
    Cue::speech("imply"),
    Cue::speech("indicate"),
    Cue::speech("signal"),
    Cue::speech("vent"),
    Cue::speech("fume"),
    Cue::speech("gush"),
    Cue::speech("marvel"),
    Cue::speech("scoff"),
    Cue::speech("snap"),
    Cue::speech("bark"),
    Cue::speech("growl"),
    Cue::speech("grumble"),
    Cue::speech("murmur"),
    Cue::speech("stammer"),
    Cue::speech("groan"),
    Cue::speech("shrug"),
    Cue::speech("nod"),
    Cue::speech("smile"),
    Cue::speech("grin"),
    Cue::speech("chuckle"),
    Cue::speech("sob"),
    Cue::speech("gasp"),
    Cue::speech("reflect"),
    Cue::speech("hint"),
    Cue::speech("chide"),
    Cue::speech("scold"),
    Cue::speech("dispute"),
    Cue::speech("contest"),
    Cue::speech("clarify"),
    Cue::speech("quote"),
    Cue::speech("cite"),
    Cue::speech("dismiss"),
    Cue::speech("opine"),
    Cue::speech("attest"),
    Cue::speech("preach"),
    Cue::speech("cry"),
    // Verbs of saying and writing with irregular forms, every form listed.
    Cue::speech("say").forms(&["say", "says", "said", "saying"]),
    Cue::speech("tell")
        .listener()
        .forms(&["tell", "tells", "told", "telling"]),
    Cue::speech("write").forms(&["write", "writes", "wrote", "written", "writing"]),
    Cue::speech("admit").forms(&["admit", "admits", "admitted", "admitting"]),
    Cue::speech("read").forms(&["read", "reads", "reading"]),
    Cue::speech("rebut").forms(&["rebut", "rebuts", "rebutted", "rebutting"]),
    Cue::speech("swear").forms(&["swear", "swears", "swore", "sworn"]),
    Cue::speech("forecast").forms(&["forecast", "forecasts", "forecasting"]),
    Cue::speech("put").forms(&["put", "puts"]),
    Cue::speech("regret").forms(&["regret", "regrets", "regretted"]),
    Cue::speech("chat").forms(&["chatted"]),
    // Verbs of belief and finding; regular forms generated.
    Cue::thought("believe"),
    Cue::thought("hope"),
    Cue::thought("fear"),
    Cue::thought("expect"),
    Cue::thought("worry"),
    Cue::thought("suspect"),
    Cue::thought("doubt"),
    Cue::thought("guess"),
    Cue::thought("figure"),
    Cue::thought("reckon"),
    Cue::thought("assume"),
    Cue::thought("suppose"),
    Cue::thought("imagine"),
    Cue::thought("learn").fact(),
    Cue::thought("determine").fact(),
    Cue::thought("calculate").fact(),
    Cue::thought("realize").fact(),
    Cue::thought("realise").fact(),
    Cue::thought("recognize").fact(),
    Cue::thought("recognise").fact(),
    Cue::thought("want"),
    Cue::thought("wish"),
    Cue::thought("plan"),
    Cue::thought("intend"),
    Cue::thought("decide"),
    Cue::thought("project"),
    Cue::thought("demonstrate").fact(),
    Cue::thought("prove").fact(),
    Cue::thought("call"),
    Cue::thought("consider"),
    // Verbs of belief and finding with irregular forms, every form listed.
    Cue::thought("think").forms(&["think", "thinks", "thought", "thinking"]),
    Cue::thought("know")
        .fact()
        .forms(&["know", "knows", "knew", "known", "knowing"]),
    Cue::thought("feel").forms(&["feel", "feels", "felt", "feeling"]),
    Cue::thought("find")
        .fact()
        .forms(&["find", "finds", "found", "finding"]),
    Cue::thought("show")
        .fact()
        .forms(&["show", "shows", "showed", "shown", "showing"]),
    Cue::thought("see")
        .fact()
        .forms(&["see", "sees", "saw", "seen", "seeing"]),
    Cue::thought("understand").fact().forms(&[
        "understand",
        "understands",
        "understood",
        "understanding",
    ]),
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

/// Every form of every cue, built once: form → its entry.
fn lexicon() -> &'static HashMap<String, Cue> {
    static LEXICON: OnceLock<HashMap<String, Cue>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        CUES.iter()
            .flat_map(|cue| cue.all_forms().into_iter().map(move |form| (form, *cue)))
            .collect()
    })
}

/// The entry of a word (compared lower case), if it is a form of a cue verb.
fn cue(word: &str) -> Option<&'static Cue> {
    let lexicon = lexicon();
    lexicon
        .get(word)
        .or_else(|| lexicon.get(word.to_lowercase().as_str()))
}

/// True when `word` is a speech verb that can attribute a free-standing quote.
pub(crate) fn is_speech(word: &str) -> bool {
    cue(word).is_some_and(|c| c.class == CueClass::Speech)
}

/// True when `word` is a cue of either class.
pub(crate) fn is_cue(word: &str) -> bool {
    cue(word).is_some()
}

/// True when `word` is a cue verb that often takes a plain object.
pub(crate) fn takes_object(word: &str) -> bool {
    cue(word).is_some_and(|c| c.bare_object)
}

/// The attribution type a cue verb introduces, and whether it is a verb of control (an
/// eventuality with an infinitive); `None` for a word that is no cue.
pub(crate) fn attribution_of(word: &str) -> Option<(AttributionType, bool)> {
    cue(word).map(|c| (c.kind, c.control))
}

/// True when `word` is a speech verb whose object is its listener: the word after it is never
/// the speaker (`… , a source told Reuters.`).
pub(crate) fn takes_listener(word: &str) -> bool {
    cue(word).is_some_and(|c| c.listener && c.class == CueClass::Speech)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

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
        assert!(takes_object("confirmed") && takes_object("praising") && !takes_object("said"));
        assert!(!is_speech("believes"));
        assert!(!is_cue("table"));
        assert!(is_speech("Said"), "compared lower case");
    }

    #[test]
    fn no_lemma_twice_and_no_form_claimed_by_two_entries() {
        let mut lemmas = HashSet::new();
        let mut owner: HashMap<String, &str> = HashMap::new();
        for cue in CUES {
            assert!(lemmas.insert(cue.lemma), "{} is listed twice", cue.lemma);
            assert_eq!(cue.lemma, cue.lemma.to_lowercase());
            for form in cue.all_forms() {
                if let Some(other) = owner.insert(form.clone(), cue.lemma) {
                    panic!("{form:?} is a form of both {other} and {}", cue.lemma);
                }
            }
        }
    }

    #[test]
    fn listener_and_object_verbs_are_speech() {
        for cue in CUES.iter().filter(|c| c.listener || c.bare_object) {
            assert_eq!(cue.class, CueClass::Speech, "{}", cue.lemma);
        }
    }
}
