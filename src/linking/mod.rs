//! Entity linking within a document: groups the tagger's mentions into entities.
//!
//! Mentions with the same label and the same normalized text form one entity; its `name` is the
//! mention text without possessive endings. Person canonicalization across surface forms
//! ("Pompeo" → "Mike Pompeo") builds on this grouping.

use crate::doc::{Entity, Mention};
use std::collections::HashMap;

/// Groups `mentions` (any order) into entities numbered `e0`, `e1`, … by first mention.
pub fn group_mentions(mentions: &[Mention]) -> Vec<Entity> {
    let mut sorted: Vec<&Mention> = mentions.iter().collect();
    sorted.sort_by_key(|m| (m.start, m.end));
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<(String, String), usize> = HashMap::new();
    for mention in sorted {
        let name = display_name(&mention.text);
        let key = (mention.label.as_str().to_string(), normalize(&name));
        let index = *by_key.entry(key).or_insert_with(|| {
            entities.push(Entity {
                id: format!("e{}", entities.len()),
                label: mention.label.clone(),
                name: name.clone(),
                mentions: Vec::new(),
            });
            entities.len() - 1
        });
        entities[index].mentions.push(mention.clone());
    }
    entities
}

/// The mention text as a name: surrounding whitespace and a possessive `'s` / `’s` removed.
pub fn display_name(text: &str) -> String {
    let trimmed = text.trim();
    let without = ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|suffix| trimmed.strip_suffix(suffix))
        .unwrap_or(trimmed);
    without.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Comparison key for names: lower case, whitespace collapsed, dots dropped ("U.S." = "US").
pub fn normalize(name: &str) -> String {
    name.split_whitespace()
        .map(|w| w.replace('.', "").to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Label;

    fn mention(text: &str, start: usize, label: Label) -> Mention {
        Mention {
            text: text.to_string(),
            start,
            end: start + text.chars().count(),
            label,
            score: 0.9,
        }
    }

    #[test]
    fn same_label_and_text_form_one_entity() {
        let mentions = vec![
            mention("Haiti", 40, Label::Location),
            mention("Kim's", 0, Label::Person),
            mention("Kim", 20, Label::Person),
        ];
        let entities = group_mentions(&mentions);
        assert_eq!(entities.len(), 2);
        assert_eq!(entities[0].id, "e0");
        assert_eq!(entities[0].name, "Kim");
        assert_eq!(entities[0].mentions.len(), 2);
        assert_eq!(entities[1].name, "Haiti");
    }

    #[test]
    fn normalization_ignores_case_dots_and_spacing() {
        assert_eq!(normalize("U.S."), normalize("US"));
        assert_eq!(normalize("New  York"), normalize("new york"));
    }
}
