//! Where English sentences end: which dots do not end one, and which characters do. The
//! tagger cuts model windows at sentence ends and the quote rules split sentences; both ask here
//! so that they agree.

/// Abbreviations whose dot does not end a sentence (compared lower case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "lt", "col", "st", "jr",
    "sr", "prof", "rev", "sgt", "capt", "adm", "maj", "cmdr", "cpl", "pvt", "insp", "supt", "inc",
    "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "aug", "sept", "sep",
    "oct", "nov", "dec", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill",
    "ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
    "okla", "ore", "pa", "tenn", "va", "vt", "wash", "wis", "wyo", "ft", "mt", "pres", "gens",
    "messrs", "mme", "mlle", "hon", "atty", "dept", "univ", "approx", "est",
];

/// True when a dot right after `word` belongs to it rather than ending a sentence: a known
/// abbreviation ("Sen", "Calif", the state in "D-Wis"), an initial ("J"), or a dotted form
/// ("U.S").
pub fn keeps_dot(word: &str) -> bool {
    let lower = word.to_lowercase();
    let after_hyphen = lower.rsplit('-').next().unwrap_or_default();
    let mut chars = word.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_capital
        || lower.contains('.')
        || ABBREVIATIONS.contains(&lower.as_str())
        || ABBREVIATIONS.contains(&after_hyphen)
}

/// True when `c` ends a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_initials_and_dotted_forms_keep_their_dot() {
        for word in ["Mr", "Sen", "D-Wis", "J", "U.S", "calif"] {
            assert!(keeps_dot(word), "{word}");
        }
        for word in ["said", "Pompeo", "US", "a"] {
            assert!(!keeps_dot(word), "{word}");
        }
    }
}
