//! The word lists of the quote rules, in one place: which words may stand between a speaker
//! and its cue, which end a speaker phrase, which are pronouns, nominal heads, frequent verbs,
//! times, or announce a title. The cue verbs and their features (speech or thought, takes a
//! listener, takes a plain object) are the cue lexicon, `cues.rs`. A test rejects duplicates
//! within a list and overlaps between lists that must be disjoint.

use std::collections::HashSet;
use std::sync::OnceLock;

/// One word list of the lexicon: written as data, built into a set on first use, so that a
/// look-up costs a hash, not a scan.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    set: OnceLock<HashSet<&'static str>>,
}

impl WordSet {
    /// A list of lower-case words.
    pub(crate) const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            set: OnceLock::new(),
        }
    }

    /// True when `word` (lower case) is in the list.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }

    /// The words as written, in order.
    #[cfg(test)]
    pub(crate) fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// Words paired with a value, written as data (a short list: looked up by a scan).
pub(crate) struct WordMap {
    pairs: &'static [(&'static str, &'static str)],
}

impl WordMap {
    /// Pairs of a lower-case word and its value.
    pub(crate) const fn new(pairs: &'static [(&'static str, &'static str)]) -> WordMap {
        WordMap { pairs }
    }

    /// The value paired with `word` (lower case).
    pub(crate) fn get(&self, word: &str) -> Option<&'static str> {
        self.pairs.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
    }
}

/// Honorifics (without their dot) and the pronoun of the person they introduce.
pub(crate) static HONORIFIC_PRONOUNS: WordMap =
    WordMap::new(&[("mr", "he"), ("mrs", "she"), ("ms", "she"), ("miss", "she")]);

/// Possessive and reflexive pronouns, bound to a person named before them in their sentence
/// (`Sofia Lund … her record`), and that person's subject pronoun. An object `her` (`praised
/// her`) is never bound to the subject: see `context.rs`.
pub(crate) static BOUND_PRONOUNS: WordMap = WordMap::new(&[
    ("his", "he"),
    ("himself", "he"),
    ("her", "she"),
    ("herself", "she"),
]);

/// Words in capitals before a colon that label a line but name no speaker (`UPDATE:`, `READ
/// MORE:`): a transcript's turns are people.
pub(crate) static NOT_SPEAKER_LABELS: WordSet = WordSet::new(&[
    "update",
    "updated",
    "updates",
    "watch",
    "read",
    "more",
    "photo",
    "photos",
    "video",
    "exclusive",
    "breaking",
    "note",
    "correction",
    "related",
    "advertisement",
    "source",
    "sources",
    "credit",
    "live",
    "analysis",
    "opinion",
    "listen",
    "see",
    "also",
    "transcript",
    "editor's",
    "editor’s",
    "warning",
    "caption",
    "what",
    "when",
    "where",
    "who",
    "why",
    "how",
    "born",
    "age",
    "died",
    "education",
    "family",
    "cost",
    "price",
    "tickets",
    "info",
    "contact",
    "address",
    "phone",
    "email",
    "web",
    "website",
    "hours",
    "location",
    "date",
    "time",
    "venue",
]);

/// First- and second-person pronouns: in a transcript turn, the label's own voice.
pub(crate) static FIRST_AND_SECOND_PERSON: WordSet = WordSet::new(&["i", "we", "you"]);

/// Nouns for a company in a definite description (`the company said`).
pub(crate) static COMPANY_NOUNS: WordSet = WordSet::new(&[
    "company",
    "firm",
    "corporation",
    "carrier",
    "airline",
    "bank",
    "group",
]);

/// Last words of a company's name (lower case, without their dot): `Acme Corp.`, `Orbis Ltd`.
pub(crate) static COMPANY_SUFFIXES: WordSet = WordSet::new(&[
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "plc",
    "co",
    "ag",
    "sa",
    "gmbh",
    "nv",
    "bv",
    "group",
    "holdings",
]);

/// Nouns for an organization that its name holds (`the ministry` → `Ministry of Health`).
pub(crate) static ORGANIZATION_TYPE_NOUNS: WordSet = WordSet::new(&[
    "ministry",
    "department",
    "agency",
    "union",
    "council",
    "commission",
    "committee",
    "court",
    "university",
    "party",
    "police",
    "authority",
    "board",
    "office",
    "foundation",
    "association",
    "institute",
    "bank",
    "airline",
    "museum",
    "hospital",
    "school",
    "army",
]);

/// Words that may sit between a speaker and its verb (`has said`, `also noted`).
pub(crate) static BETWEEN: WordSet = WordSet::new(&[
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
]);

/// Words that end a backward scan for a speaker phrase: the phrase starts after them.
pub(crate) static STOPS: WordSet = WordSet::new(&[
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
]);

/// Auxiliaries, modals and negations: a reported clause holds one (`the plan would fail`),
/// a bare object does not.
pub(crate) static AUXILIARIES: WordSet = WordSet::new(&[
    "will", "would", "could", "should", "can", "may", "might", "must", "shall", "do", "does",
    "did", "been", "be", "not", "never",
]);

/// Frequent verbs outside the cue lexicon, to find where a subject ends.
pub(crate) static COMMON_VERBS: WordSet = WordSet::new(&[
    "is", "was", "are", "were", "has", "had", "have", "began", "went", "made", "took", "got",
    "gave", "sent", "came", "likes", "loves", "hates", "gets", "goes", "makes", "takes", "keeps",
    "kept", "seems", "seemed", "became", "becomes", "won", "wins", "lost", "loses", "sees", "saw",
    "ran", "runs", "stood", "stands", "left", "leaves", "brought", "brings",
]);

/// Pronouns that can be speakers, kept as written.
pub(crate) static PRONOUNS: WordSet =
    WordSet::new(&["he", "she", "they", "we", "i", "it", "you", "who"]);

/// Lower-case words that may follow a name in a source phrase without making the name their
/// modifier (`Trump also`, `Clinton herself`, `Obama, who`): any other lower-case word after a
/// name heads the phrase (`The Trump administration`).
pub(crate) static AFTER_A_HEAD: WordSet = WordSet::new(&[
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
]);

/// Lower-case words that can head a nominal speaker (`officials said`, `the ministry said`).
pub(crate) static NOMINAL_HEADS: WordSet = WordSet::new(&[
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
]);

/// Words right before a quotation that announce the name of a work, a show or a label
/// (`titled "Arrogant"`, `on "Meet the Press"`, `of "The Apprentice"`).
pub(crate) static TITLE_INTRODUCERS: WordSet =
    WordSet::new(&["titled", "entitled", "headlined", "on", "of"]);

/// Nouns for a kind of work: a quotation after one is its title (`his book "Art of the
/// Deal"`, `the documentary "Thirteen"`, `MSNBC's show, "Morning Joe"`).
pub(crate) static WORK_NOUNS: WordSet = WordSet::new(&[
    "show",
    "program",
    "programme",
    "series",
    "episode",
    "segment",
    "documentary",
    "film",
    "movie",
    "biopic",
    "thriller",
    "drama",
    "comedy",
    "sitcom",
    "musical",
    "opera",
    "sequel",
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
]);

/// A lead-in of only these before a quotation leaves it direct (`And "…"`, `But "…"`, `— "…"`).
pub(crate) static LEAD_CONJUNCTIONS: WordSet = WordSet::new(&[
    "and", "but", "so", "or", "yet", "still", "then", "(", "—", "–", "-",
]);

/// Conjunctions and adverbs that open a sentence before its main clause (`But officials said`,
/// `Now the ministry …`).
pub(crate) static SENTENCE_CONJUNCTIONS: WordSet =
    WordSet::new(&["but", "and", "so", "yet", "still", "now", "then"]);

/// Words that may come before a sentence-initial `according to` (`But according to X, …`).
pub(crate) static REPORT_LEAD_WORDS: WordSet = WordSet::new(&["but", "and", "yet", "also", "so"]);

/// Words of a lead-in such as `And from Chairwoman Lydia Voss:` before the name.
pub(crate) static LEAD_IN_FROM_WORDS: WordSet =
    WordSet::new(&["and", "but", "also", "now", "from"]);

/// Words right before a quotation that make it a nickname or scare word (`so-called "woke"`).
pub(crate) static NICKNAME_MARKERS: WordSet =
    WordSet::new(&["so-called", "dubbed", "nicknamed", "aka"]);

/// Words that open an appositive after a quoted name (`"Lanterns," a Danish drama`).
pub(crate) static APPOSITIVE_STARTS: WordSet = WordSet::new(&["a", "an", "the"]);

/// Words a title leaves in lower case (`"State of the Union"`), compared as written.
pub(crate) static TITLE_SMALL_WORDS: WordSet = WordSet::new(&[
    "of", "the", "and", "a", "an", "in", "on", "with", "to", "for", "at", "from", "by",
]);

/// Words that may follow the cue of a sentence that only attributes the quotation after it
/// (`X said in a statement.`, `X told reporters by phone.`).
pub(crate) static STATEMENT_TAIL_WORDS: WordSet = WordSet::new(&[
    "in",
    "a",
    "an",
    "the",
    "statement",
    "interview",
    "on",
    "twitter",
    "email",
    "written",
    "by",
    "phone",
    "reporters",
    "to",
]);

/// Words that may follow the closing cue of a reported clause (`…, X said in a statement.`,
/// `…, X told a news conference on Monday night.`).
pub(crate) static CLAUSE_TAIL_WORDS: WordSet = WordSet::new(&[
    "in",
    "on",
    "a",
    "an",
    "the",
    "statement",
    "interview",
    "at",
    "news",
    "conference",
    "to",
    "reporters",
    "night",
    "morning",
]);

/// First words of a nominal speaker phrase (`a person familiar with the plans`, `said the
/// ministry`, `several officials`).
pub(crate) static NOMINAL_SPEAKER_STARTS: WordSet = WordSet::new(&[
    "the", "a", "an", "one", "two", "several", "some", "his", "her", "their",
]);

/// First words of a bare object after a cue (`confirmed the appointment`, `thanked its staff`).
pub(crate) static OBJECT_STARTS: WordSet =
    WordSet::new(&["a", "an", "the", "its", "his", "her", "their", "our"]);

/// A word right before a cue that makes it an infinitive or a noun (`to say`, `the report`).
pub(crate) static INFINITIVE_OR_NOUN_MARKERS: WordSet = WordSet::new(&["to", "the", "a"]);

/// Determiners and possessives that cannot end a speaker phrase.
pub(crate) static PHRASE_FINAL_DETERMINERS: WordSet = WordSet::new(&[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this",
]);

/// Words that end a speaker phrase after its cue (`said Ana Diaz in a statement`, `said the
/// minister, who …`).
pub(crate) static SPEAKER_AFTER_ENDS: WordSet = WordSet::new(&[
    "that", "who", "which", "in", "on", "at", "to", "during", "after", "before", "when", "while",
    "and", "but", "as",
]);

/// Words that open a clause, never a speaker phrase (`"…," that he said`).
pub(crate) static CLAUSE_OPENERS: WordSet = WordSet::new(&[
    "that", "which", "but", "and", "as", "when", "if", "while", "because", "so",
]);

/// Words of a time phrase between a speaker and its cue, after a time word (`The ministry on
/// Monday said`, `Officials earlier this week said`).
pub(crate) static TIME_PHRASE_WORDS: WordSet =
    WordSet::new(&["on", "in", "last", "this", "early", "late", "earlier"]);

/// Prepositions that link a noun for a person to the rest of its phrase (`a spokesman for the
/// employers`, `the mother of three`).
pub(crate) static PERSON_LINK_PREPOSITIONS: WordSet =
    WordSet::new(&["for", "of", "at", "with", "from"]);

/// Words after which a name in a learned source phrase is not its head (`a lawyer for
/// Manafort`).
pub(crate) static SOURCE_PREPOSITIONS: WordSet =
    WordSet::new(&["for", "to", "of", "at", "with", "from"]);

/// Singular nouns for one unnamed source (`an official said`) besides agent nouns.
pub(crate) static SINGULAR_SOURCE_NOUNS: WordSet =
    WordSet::new(&["official", "source", "person", "aide", "spokesperson"]);

/// Forms of `be` in a progressive between speaker and cue (`Roe is telling`).
pub(crate) static PROGRESSIVE_BE: WordSet = WordSet::new(&["is", "are", "was", "were"]);

/// Last words of a phrase that names an event, not someone who speaks (`the governor's State
/// of the State speech`).
pub(crate) static EVENT_NOUNS: WordSet = WordSet::new(&[
    "speech",
    "address",
    "remarks",
    "interview",
    "conference",
    "hearing",
    "debate",
    "ceremony",
    "visit",
    "meeting",
    "summit",
    "rally",
]);

/// Reported contents that only say someone did not comment (compared lower case, without
/// final punctuation): never a quotation.
pub(crate) static NO_COMMENT_CONTENTS: WordSet = WordSet::new(&[
    "to comment",
    "comment",
    "for comment",
    "to comment further",
    "to comment on the matter",
    "to comment on the report",
    "to requests for comment",
    "to a request for comment",
    "to an email seeking comment",
    "to a message seeking comment",
    "to messages seeking comment",
]);

/// Whole speaker phrases that name no one: relative pronouns left unresolved, and first- and
/// second-person pronouns outside quoted speech (the narrator, the reader).
pub(crate) static NO_ONE_SPEAKERS: WordSet = WordSet::new(&[
    "who", "which", "that", "whom", "i", "me", "we", "us", "you", "my", "our", "your",
]);

/// First words of a quantified or generic subject (`many Tunisians`, `few would argue`,
/// `anyone`): no one in particular said it.
pub(crate) static QUANTIFIER_SUBJECTS: WordSet = WordSet::new(&[
    "many",
    "few",
    "most",
    "none",
    "nobody",
    "anyone",
    "anybody",
    "everyone",
    "everybody",
    "no",
    "all",
    "someone",
    "somebody",
]);

/// First words of an embedded question (`asked how it would work`): a topic, not a statement.
pub(crate) static QUESTION_WORDS: WordSet = WordSet::new(&[
    "how", "what", "why", "whether", "when", "where", "which", "who", "if",
]);

/// Forms of the cue verbs that ask: a question word after one starts a question, not a
/// statement (`asked how it would work`; `told how she had been hired` is a statement).
pub(crate) static ASKING_CUES: WordSet = WordSet::new(&[
    "ask",
    "asks",
    "asked",
    "asking",
    "wonder",
    "wonders",
    "wondered",
    "wondering",
    "question",
    "questions",
    "questioned",
    "questioning",
    "inquire",
    "inquires",
    "inquired",
    "enquire",
    "enquires",
    "enquired",
]);

/// Relative pronouns: the verb of a relative clause is not the verb of a content (`the actor
/// who won an Oscar`).
pub(crate) static RELATIVE_PRONOUNS: WordSet = WordSet::new(&["who", "which", "whose", "whom"]);

/// Subordinating conjunctions: one after a content's first word makes it a clause (`Potholes
/// form when water seeps in`).
pub(crate) static SUBORDINATORS: WordSet = WordSet::new(&[
    "when", "because", "if", "while", "since", "although", "though", "unless", "until", "whereas",
]);

/// Days, months and similar words that follow a cue (`said Sunday`) or precede a subject.
pub(crate) static TIME_WORDS: WordSet = WordSet::new(&[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "recently",
    "last",
    "this",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "weekend",
    "month",
    "year",
    "ago",
    "again",
    "repeatedly",
    "previously",
    "once",
    "twice",
    "now",
    "then",
    "also",
]);

/// True when `w` (lower case) is one of [`TIME_WORDS`].
pub(crate) fn is_time_word(w: &str) -> bool {
    TIME_WORDS.contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn lists() -> Vec<(&'static str, &'static WordSet)> {
        vec![
            ("BETWEEN", &BETWEEN),
            ("STOPS", &STOPS),
            ("COMMON_VERBS", &COMMON_VERBS),
            ("AUXILIARIES", &AUXILIARIES),
            ("PRONOUNS", &PRONOUNS),
            ("NOMINAL_HEADS", &NOMINAL_HEADS),
            ("TITLE_INTRODUCERS", &TITLE_INTRODUCERS),
            ("WORK_NOUNS", &WORK_NOUNS),
            ("LEAD_CONJUNCTIONS", &LEAD_CONJUNCTIONS),
            ("SENTENCE_CONJUNCTIONS", &SENTENCE_CONJUNCTIONS),
            ("REPORT_LEAD_WORDS", &REPORT_LEAD_WORDS),
            ("LEAD_IN_FROM_WORDS", &LEAD_IN_FROM_WORDS),
            ("NICKNAME_MARKERS", &NICKNAME_MARKERS),
            ("TITLE_SMALL_WORDS", &TITLE_SMALL_WORDS),
            ("APPOSITIVE_STARTS", &APPOSITIVE_STARTS),
            ("STATEMENT_TAIL_WORDS", &STATEMENT_TAIL_WORDS),
            ("CLAUSE_TAIL_WORDS", &CLAUSE_TAIL_WORDS),
            ("NOMINAL_SPEAKER_STARTS", &NOMINAL_SPEAKER_STARTS),
            ("OBJECT_STARTS", &OBJECT_STARTS),
            ("INFINITIVE_OR_NOUN_MARKERS", &INFINITIVE_OR_NOUN_MARKERS),
            ("PHRASE_FINAL_DETERMINERS", &PHRASE_FINAL_DETERMINERS),
            ("SPEAKER_AFTER_ENDS", &SPEAKER_AFTER_ENDS),
            ("CLAUSE_OPENERS", &CLAUSE_OPENERS),
            ("TIME_PHRASE_WORDS", &TIME_PHRASE_WORDS),
            ("PERSON_LINK_PREPOSITIONS", &PERSON_LINK_PREPOSITIONS),
            ("SOURCE_PREPOSITIONS", &SOURCE_PREPOSITIONS),
            ("SINGULAR_SOURCE_NOUNS", &SINGULAR_SOURCE_NOUNS),
            ("PROGRESSIVE_BE", &PROGRESSIVE_BE),
            ("AFTER_A_HEAD", &AFTER_A_HEAD),
            ("TIME_WORDS", &TIME_WORDS),
            ("EVENT_NOUNS", &EVENT_NOUNS),
            ("NO_COMMENT_CONTENTS", &NO_COMMENT_CONTENTS),
            ("NO_ONE_SPEAKERS", &NO_ONE_SPEAKERS),
            ("QUANTIFIER_SUBJECTS", &QUANTIFIER_SUBJECTS),
            ("QUESTION_WORDS", &QUESTION_WORDS),
            ("ASKING_CUES", &ASKING_CUES),
            ("RELATIVE_PRONOUNS", &RELATIVE_PRONOUNS),
            ("SUBORDINATORS", &SUBORDINATORS),
            ("NOT_SPEAKER_LABELS", &NOT_SPEAKER_LABELS),
            ("FIRST_AND_SECOND_PERSON", &FIRST_AND_SECOND_PERSON),
            ("COMPANY_NOUNS", &COMPANY_NOUNS),
            ("COMPANY_SUFFIXES", &COMPANY_SUFFIXES),
            ("ORGANIZATION_TYPE_NOUNS", &ORGANIZATION_TYPE_NOUNS),
        ]
    }

    #[test]
    fn no_list_repeats_a_word_and_every_word_is_lower_case() {
        for (name, list) in lists() {
            let mut seen = HashSet::new();
            for word in list.words() {
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
        let both: Vec<&str> = STOPS
            .words()
            .iter()
            .copied()
            .filter(|w| PRONOUNS.contains(w))
            .collect();
        assert_eq!(both, ["who"]);
        let disjoint = [
            ("STOPS", &STOPS, "NOMINAL_HEADS", &NOMINAL_HEADS),
            ("PRONOUNS", &PRONOUNS, "NOMINAL_HEADS", &NOMINAL_HEADS),
            (
                "COMMON_VERBS",
                &COMMON_VERBS,
                "NOMINAL_HEADS",
                &NOMINAL_HEADS,
            ),
            ("BETWEEN", &BETWEEN, "NOMINAL_HEADS", &NOMINAL_HEADS),
        ];
        for (a_name, a, b_name, b) in disjoint {
            for word in a.words() {
                assert!(!b.contains(word), "{word:?} is in {a_name} and {b_name}");
            }
        }
        // Nouns that are also cue verbs are listed on purpose (`the report said` against
        // `officials report`): the rules tell them apart by position.
        let cue_too: Vec<&str> = NOMINAL_HEADS
            .words()
            .iter()
            .chain(PRONOUNS.words())
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
        for word in NOMINAL_HEADS.words().iter().chain(PRONOUNS.words()) {
            assert!(!is_time_word(word), "{word:?} is a speaker word and a time");
        }
    }
}
