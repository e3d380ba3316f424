//! The word lists of the quote rules, in one place: which words may stand between a speaker
//! and its cue, which end a speaker phrase, which are pronouns, nominal heads, frequent verbs,
//! times, or announce a title. The cue verbs and their features (speech or thought, takes a
//! listener, takes a plain object) are the cue lexicon, `cues.rs`. A test rejects duplicates
//! within a list and overlaps between lists that must be disjoint.

/// Words that may sit between a speaker and its verb (`has said`, `also noted`).
pub(crate) const BETWEEN: &[&str] = &[
    "has",
    "had",
    "have",
    "also",
    "later",
    "then",
    "once",
    "previously",
    "would",
    "will",
    "recently",
    "reportedly",
    "repeatedly",
    "again",
    "further",
    "first",
    "earlier",
    "often",
    "frequently",
    "quickly",
    "simply",
    "flatly",
    "long",
    "since",
    "already",
    "still",
    "just",
    "only",
    "even",
    "never",
    "did",
    "does",
    "do",
    "could",
    "might",
    "may",
    "can",
    "should",
    "must",
    "openly",
    "publicly",
    "privately",
    "separately",
    "subsequently",
    "always",
    "finally",
    "initially",
    "ultimately",
    "famously",
    "and",
];

/// Words that end a backward scan for a speaker phrase: the phrase starts after them.
pub(crate) const STOPS: &[&str] = &[
    "who",
    "that",
    "which",
    "what",
    "and",
    "but",
    "or",
    "nor",
    "because",
    "if",
    "when",
    "while",
    "whereas",
    "as",
    "after",
    "before",
    "since",
    "so",
    "than",
    "though",
    "although",
    "unless",
    "until",
    "where",
    "whether",
    "in",
    "on",
    "at",
    "with",
    "for",
    "from",
    "by",
    "about",
    "to",
    "into",
    "over",
    "under",
    "during",
    "against",
    "among",
    "between",
    "through",
    "without",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "being",
    "not",
    "also",
    "has",
    "had",
    "have",
    "said",
    "says",
    "told",
    "asked",
    "added",
    "how",
    "why",
    "whom",
    "whose",
    "there",
    "here",
    "yet",
    "however",
    "meanwhile",
    "instead",
    "then",
    "now",
    "thus",
    "therefore",
    "even",
    "just",
    "only",
    "once",
    "like",
    "unlike",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "this",
    "these",
    "those",
    "it's",
    "let",
    "via",
    "per",
];

/// Auxiliaries, modals and negations: a reported clause holds one (`the plan would fail`),
/// a bare object does not.
pub(crate) const AUXILIARIES: &[&str] = &[
    "will", "would", "could", "should", "can", "may", "might", "must", "shall", "do", "does",
    "did", "been", "be", "not", "never",
];

/// Frequent verbs outside the cue lexicon, to find where a subject ends.
pub(crate) const COMMON_VERBS: &[&str] = &[
    "is", "was", "are", "were", "has", "had", "have", "began", "went", "made", "took", "got",
    "gave", "sent", "came", "likes", "loves", "hates", "gets", "goes", "makes", "takes", "keeps",
    "kept", "seems", "seemed", "became", "becomes", "won", "wins", "lost", "loses", "sees", "saw",
    "ran", "runs", "stood", "stands", "left", "leaves", "brought", "brings",
];

/// Pronouns that can be speakers, kept as written.
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you", "who"];

/// Lower-case words that may follow a name in a source phrase without making the name their
/// modifier (`Trump also`, `Clinton herself`, `Obama, who`): any other lower-case word after a
/// name heads the phrase (`The Trump administration`).
pub(crate) const AFTER_A_HEAD: &[&str] = &[
    "and",
    "or",
    "also",
    "too",
    "alone",
    "himself",
    "herself",
    "itself",
    "themselves",
    "who",
    "which",
    "that",
    "whose",
    "whom",
];

/// Lower-case words that can head a nominal speaker (`officials said`, `the ministry said`).
pub(crate) const NOMINAL_HEADS: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "ministry",
    "department",
    "agency",
    "statement",
    "report",
    "reports",
    "campaign",
    "aide",
    "aides",
    "source",
    "sources",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "critic",
    "critics",
    "supporter",
    "supporters",
    "leader",
    "leaders",
    "lawmaker",
    "lawmakers",
    "senator",
    "senators",
    "candidate",
    "candidates",
    "president",
    "minister",
    "secretary",
    "governor",
    "mayor",
    "police",
    "prosecutor",
    "prosecutors",
    "lawyer",
    "lawyers",
    "attorney",
    "attorneys",
    "government",
    "administration",
    "poll",
    "polls",
    "survey",
    "study",
    "studies",
    "researchers",
    "economists",
    "voters",
    "residents",
    "witnesses",
    "investigators",
    "authorities",
    "officers",
    "group",
    "committee",
    "court",
    "judge",
    "company",
    "firm",
    "organization",
    "party",
    "team",
    "office",
    "website",
    "newspaper",
    "paper",
    "network",
    "magazine",
    "post",
    "letter",
    "memo",
    "document",
    "documents",
    "filing",
    "complaint",
    "lawsuit",
    "data",
    "figures",
    "numbers",
    "analysis",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "manager",
    "executive",
    "ceo",
    "founder",
    "member",
    "members",
    "people",
    "others",
    "many",
    "some",
    "both",
    "republicans",
    "democrats",
    "conservatives",
    "liberals",
    "activists",
    "protesters",
    "demonstrators",
    "diplomat",
    "diplomats",
    "ambassador",
    "envoy",
    "military",
    "army",
    "pentagon",
    "commander",
    "general",
    "doctor",
    "doctors",
    "scientist",
    "scientists",
    "professor",
    "economist",
    "strategist",
    "strategists",
    "operative",
    "operatives",
    "pollster",
    "pollsters",
    "observers",
    "insiders",
    "staff",
    "staffers",
    "spokesmen",
    "representative",
    "representatives",
    "delegate",
    "delegates",
    "voter",
    "woman",
    "man",
    "father",
    "mother",
    "wife",
    "husband",
    "son",
    "daughter",
    "friend",
    "friends",
    "colleague",
    "colleagues",
    "neighbor",
    "neighbors",
    "owner",
    "worker",
    "workers",
    "employee",
    "employees",
    "union",
    "unions",
    "officer",
    "deputy",
    "sheriff",
    "chief",
    "head",
    "counsel",
    "coach",
    "player",
    "players",
    "fans",
    "users",
    "ad",
    "ads",
    "clip",
    "video",
    "spot",
    "piece",
    "tweet",
    "message",
    "release",
    "update",
    "rules",
    "law",
    "bill",
    "constitution",
    "article",
    "story",
    "editorial",
    "column",
    "book",
    "board",
    "council",
    "commission",
    "congress",
    "senate",
    "house",
    "parliament",
    "cabinet",
    "ministers",
    "republican",
    "democrat",
    "nominee",
    "rival",
    "rivals",
    "opponent",
    "opponents",
    "host",
    "anchor",
    "reporter",
    "reporters",
    "correspondent",
    "editor",
    "author",
    "writer",
    "columnist",
    "commentator",
    "skeptics",
    "allies",
    "advocates",
    "groups",
    "organizers",
    "researcher",
    "surveys",
    "findings",
    "records",
    "estimates",
    "projections",
    "models",
    "forecasters",
    "forecast",
    "person",
    "persons",
    "individual",
    "individuals",
    "everyone",
    "nobody",
    "somebody",
    "someone",
    "anyone",
    "statements",
    "spokespersons",
    "family",
    "relatives",
    "citizens",
    "americans",
];

/// Words before a quotation that announce the name of a work, a show or a label
/// (`MSNBC's "Morning Joe"`, `his book "Art of the Deal"`, `titled "Arrogant"`).
pub(crate) const TITLE_CONTEXT: &[&str] = &[
    "titled",
    "entitled",
    "headlined",
    "on",
    "of",
    "show",
    "program",
    "programme",
    "series",
    "episode",
    "segment",
    "documentary",
    "film",
    "movie",
    "book",
    "memoir",
    "novel",
    "song",
    "anthem",
    "album",
    "column",
    "commentary",
    "editorial",
    "op-ed",
    "essay",
    "headline",
    "magazine",
    "newsletter",
    "podcast",
];

/// Days, months and similar words that follow a cue (`said Sunday`) or precede a subject.
pub(crate) fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "yesterday"
            | "today"
            | "tonight"
            | "earlier"
            | "later"
            | "recently"
            | "last"
            | "this"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "week"
            | "weekend"
            | "month"
            | "year"
            | "ago"
            | "again"
            | "repeatedly"
            | "previously"
            | "once"
            | "twice"
            | "now"
            | "then"
            | "also"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn lists() -> [(&'static str, &'static [&'static str]); 7] {
        [
            ("BETWEEN", BETWEEN),
            ("STOPS", STOPS),
            ("COMMON_VERBS", COMMON_VERBS),
            ("AUXILIARIES", AUXILIARIES),
            ("PRONOUNS", PRONOUNS),
            ("NOMINAL_HEADS", NOMINAL_HEADS),
            ("TITLE_CONTEXT", TITLE_CONTEXT),
        ]
    }

    #[test]
    fn no_list_repeats_a_word_and_every_word_is_lower_case() {
        for (name, list) in lists() {
            let mut seen = HashSet::new();
            for word in list {
                assert!(seen.insert(word), "{name} holds {word:?} twice");
                assert_eq!(*word, word.to_lowercase(), "{name}: {word:?}");
            }
        }
    }

    #[test]
    fn a_word_is_never_both_a_phrase_boundary_and_a_speaker_word() {
        // A stop ends a speaker phrase; a nominal head or pronoun is a speaker; a cue is a verb.
        // "who" is both a stop and a pronoun: a relative clause ends a phrase, and in `, who
        // said` it is the speaker.
        let both: Vec<&&str> = STOPS.iter().filter(|w| PRONOUNS.contains(w)).collect();
        assert_eq!(both, [&"who"]);
        let disjoint = [
            ("STOPS", STOPS, "NOMINAL_HEADS", NOMINAL_HEADS),
            ("PRONOUNS", PRONOUNS, "NOMINAL_HEADS", NOMINAL_HEADS),
            ("COMMON_VERBS", COMMON_VERBS, "NOMINAL_HEADS", NOMINAL_HEADS),
            ("BETWEEN", BETWEEN, "NOMINAL_HEADS", NOMINAL_HEADS),
        ];
        for (a_name, a, b_name, b) in disjoint {
            for word in a {
                assert!(!b.contains(word), "{word:?} is in {a_name} and {b_name}");
            }
        }
        // Nouns that are also cue verbs are listed on purpose (`the report said` against
        // `officials report`): the rules tell them apart by position.
        let cue_too: Vec<&str> = NOMINAL_HEADS
            .iter()
            .chain(PRONOUNS)
            .copied()
            .filter(|w| super::super::cues::is_cue(w))
            .collect();
        let nouns_that_are_cues = [
            "report",
            "reports",
            "post",
            "figures",
            "tweet",
            "estimates",
            "forecast",
        ];
        assert_eq!(cue_too, nouns_that_are_cues);
        for word in NOMINAL_HEADS.iter().chain(PRONOUNS) {
            assert!(!is_time_word(word), "{word:?} is a speaker word and a time");
        }
    }
}
