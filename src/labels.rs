//! Tag labels as models and corpora write them: the usual schemes — IOB1, IOB2, BIOES/BILOU —
//! and type vocabularies (`PER`/`PERSON`, `LOC`/`GPE`/`LOCATION`, `ORG`/`ORGANIZATION`,
//! `MISC`), mapped to quotegraph's [`Label`]s; other types pass through. Read by the tagger's
//! decoder (`tagging::LabelSet`) and by `eval ner` for CoNLL gold tags.

use crate::doc::Label;

/// Position of a label inside an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Outside any entity (`O`).
    Outside,
    /// First word of an entity (`B-`).
    Begin,
    /// A later word of an entity (`I-`, IOB1's entity-initial `I-` included).
    Inside,
    /// Last word of a multi-word entity (`E-`, `L-`).
    End,
    /// A one-word entity (`S-`, `U-`).
    Single,
}

/// One model label, split into position and entity type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagLabel {
    /// Position inside an entity.
    pub position: Position,
    /// The entity type; `None` for `O`.
    pub label: Option<Label>,
}

impl TagLabel {
    /// Parses one `id2label` value such as `B-PER`, `I-ORG`, `S-GPE`, `PERSON` or `O`.
    pub fn parse(raw: &str) -> TagLabel {
        let raw = raw.trim();
        if raw.is_empty() || raw.eq_ignore_ascii_case("o") {
            return TagLabel {
                position: Position::Outside,
                label: None,
            };
        }
        let (position, name) = match raw.split_once(['-', '_']) {
            Some((prefix, name)) if prefix.len() == 1 => {
                let position = match prefix.to_ascii_uppercase().as_str() {
                    "B" => Position::Begin,
                    "I" | "M" => Position::Inside,
                    "E" | "L" => Position::End,
                    "S" | "U" => Position::Single,
                    _ => Position::Inside,
                };
                (position, name)
            }
            _ => (Position::Inside, raw),
        };
        TagLabel {
            position,
            label: Some(map_type(name)),
        }
    }
}

/// Maps a scheme's type name to quotegraph's label.
pub fn map_type(name: &str) -> Label {
    match name.to_ascii_uppercase().as_str() {
        "PER" | "PERSON" | "PERS" => Label::Person,
        "LOC" | "LOCATION" | "GPE" => Label::Location,
        "ORG" | "ORGANIZATION" | "ORGANISATION" | "CORPORATION" => Label::Organization,
        "MISC" | "MISCELLANEOUS" => Label::Misc,
        _ => Label::Other(name.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_into_position_and_type() {
        let person = TagLabel::parse("B-PER");
        assert_eq!(person.position, Position::Begin);
        assert_eq!(person.label, Some(Label::Person));
        assert_eq!(TagLabel::parse("O").label, None);
        assert_eq!(map_type("gpe"), Label::Location);
        assert_eq!(map_type("DATE"), Label::Other("DATE".into()));
    }
}
