//! Extra model inputs some quotegraph models need, computed exactly as at training time.
//!
//! The shipped model's encoder is uncased, so it gets each word's capitalization class through
//! `token_type_ids`; its `config.json` says so with `"quotegraph_case_feature": "token_type_ids"`.
//! Training gets the same classes from this code (`quotegraph prepare`), not from a copy.

/// Capitalization class of a word, fed to the model as its token type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseClass {
    /// No upper-case letter ("said", "1996", ",").
    Lower = 0,
    /// First character upper case and no other upper-case letter ("Pompeo", "A").
    Title = 1,
    /// Two or more letters, all upper case ("NATO", "LONDON").
    Upper = 2,
    /// Any other mix ("McDonald", "iPhone").
    Mixed = 3,
}

impl CaseClass {
    /// Number of classes, i.e. rows the model's token-type embedding needs.
    pub const COUNT: i64 = 4;

    /// Classifies one word as written in the input.
    pub fn of(word: &str) -> CaseClass {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let uppers = word
            .chars()
            .filter(|c| c.is_alphabetic() && c.is_uppercase())
            .count();
        if uppers == 0 {
            CaseClass::Lower
        } else if letters >= 2 && uppers == letters {
            CaseClass::Upper
        } else if word.chars().next().is_some_and(char::is_uppercase) && uppers == 1 {
            CaseClass::Title
        } else {
            CaseClass::Mixed
        }
    }
}

/// Which extra inputs a model expects, as declared in its `config.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExtraInputs {
    /// A plain Hugging Face model: token types are all zero.
    #[default]
    None,
    /// Each sub-token's token type is its word's [`CaseClass`].
    CaseAsTokenType,
}

impl ExtraInputs {
    /// Reads the `quotegraph_case_feature` key of a model config; unknown values are errors.
    pub fn from_config(value: Option<&str>) -> Result<Self, String> {
        match value {
            None => Ok(ExtraInputs::None),
            Some("token_type_ids") => Ok(ExtraInputs::CaseAsTokenType),
            Some(other) => Err(format!(
                "unsupported quotegraph_case_feature {other:?} (expected \"token_type_ids\")"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_match_the_training_script() {
        assert_eq!(CaseClass::of("said"), CaseClass::Lower);
        assert_eq!(CaseClass::of("1996"), CaseClass::Lower);
        assert_eq!(CaseClass::of("Pompeo"), CaseClass::Title);
        assert_eq!(CaseClass::of("A"), CaseClass::Title);
        assert_eq!(CaseClass::of("Zürich"), CaseClass::Title);
        assert_eq!(CaseClass::of("NATO"), CaseClass::Upper);
        assert_eq!(CaseClass::of("U"), CaseClass::Title);
        assert_eq!(CaseClass::of("McDonald"), CaseClass::Mixed);
        assert_eq!(CaseClass::of("iPhone"), CaseClass::Mixed);
        assert_eq!(CaseClass::of("ÉTATS"), CaseClass::Upper);
    }

    #[test]
    fn config_values_are_checked() {
        assert_eq!(ExtraInputs::from_config(None), Ok(ExtraInputs::None));
        assert_eq!(
            ExtraInputs::from_config(Some("token_type_ids")),
            Ok(ExtraInputs::CaseAsTokenType)
        );
        assert!(ExtraInputs::from_config(Some("chars")).is_err());
    }
}
