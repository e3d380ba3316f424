//! Entity linking within a document: groups the tagger's mentions into entities, after
//! [`with_repeated_names`] has tagged the other occurrences of every name it found.
//!
//! Mentions with the same label and the same normalized text form one entity; its `name` is the
//! mention text without invisible characters or possessive endings. One name has one type: when
//! the tagger gave the mentions of a name different types, the entity takes the type with the
//! highest total mention score. Persons are then canonicalized within the document: titles are
//! stripped ("Secretary of State Mike Pompeo" → "Mike Pompeo", "President Trump" → "Trump"),
//! and a shorter form joins the person whose full name ends with it or starts with it ("Pompeo"
//! → "Mike Pompeo", "Kim" → "Kim Jong Un"), as does a surname mistagged as an organization
//! ("Dimon" ORG → "Jamie Dimon"). The entity's name is the fullest title-free form.

mod compounds;
mod repeats;

pub use compounds::split_name_compounds;
pub use repeats::{with_repeated_names, MIN_REPEATED_NAME_CHARS};

use crate::doc::{Entity, Label, Mention};
pub use crate::titles::{is_office, is_title};
use std::collections::HashMap;

/// Groups `mentions` (any order) into entities numbered `e0`, `e1`, … by first mention, gives
/// each name one type, then merges the forms of one person (see the module documentation).
pub fn group_mentions(mentions: &[Mention]) -> Vec<Entity> {
    let mut sorted: Vec<&Mention> = mentions.iter().collect();
    sorted.sort_by_key(|m| (m.span.start, m.span.end));
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<(String, String), usize> = HashMap::new();
    for mention in sorted {
        let mut name = display_name(&mention.text);
        if mention.label == Label::Person {
            name = strip_titles(&name);
        }
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
    merge_persons(unify_types(entities))
}

/// One name, one type: entities whose names normalize alike but whose mentions were tagged
/// with different types become one entity, of the type with the highest total mention score —
/// except that a name tagged as a person once and ending a person's full name in the document
/// stays that person's ("Jim Jordan" … "Jordan" PER and LOC: Jordan is the man). Order and ids
/// are left to [`merge_persons`].
fn unify_types(entities: Vec<Entity>) -> Vec<Entity> {
    let full_person_names: Vec<Vec<String>> = entities
        .iter()
        .filter(|e| e.label == Label::Person)
        .map(|e| words_of(&e.name))
        .filter(|w| w.len() > 1)
        .collect();
    let mut by_name: HashMap<String, Vec<Entity>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for entity in entities {
        let key = normalize(&entity.name);
        if !by_name.contains_key(&key) {
            order.push(key.clone());
        }
        by_name.entry(key).or_default().push(entity);
    }
    order
        .into_iter()
        .filter_map(|key| by_name.remove(&key))
        .filter_map(|mut group| {
            let support = |e: &Entity| e.mentions.iter().map(|m| m.score).sum::<f32>();
            let surname = |e: &Entity| {
                let words = words_of(&e.name);
                e.label == Label::Person
                    && full_person_names
                        .iter()
                        .any(|full| full.len() > words.len() && full.ends_with(&words))
            };
            let best = group.iter().position(surname).or_else(|| {
                (0..group.len()).max_by(|&a, &b| support(&group[a]).total_cmp(&support(&group[b])))
            })?;
            let mut winner = group.swap_remove(best);
            for other in group {
                winner.mentions.extend(other.mentions);
            }
            for m in &mut winner.mentions {
                m.label = winner.label.clone();
            }
            Some(winner)
        })
        .collect()
}

/// A person's name without leading titles; the name itself when only titles remain.
pub fn strip_titles(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let keep = words
        .iter()
        .position(|w| !is_title(w))
        .unwrap_or(words.len());
    // A name is never stripped to nothing, nor past its last word.
    let keep = keep.min(words.len().saturating_sub(1));
    words[keep..].join(" ")
}

/// Joins person entities whose names are a word-suffix or word-prefix of a longer person's name
/// ("Pompeo" → "Mike Pompeo", "Kim" → "Kim Jong Un"); ambiguous short forms (two candidates)
/// stay apart. An organization or MISC name (not a place, nor a model's own type such as DATE)
/// that is the surname of exactly one person, and no part of a longer non-person name, is that person mistagged ("Jamie Dimon" …
/// "Dimon" tagged ORG) and joins them too; "Ford" stays apart where "Ford Motor" is named.
/// Ids are renumbered by first mention.
fn merge_persons(mut entities: Vec<Entity>) -> Vec<Entity> {
    let words: Vec<Vec<String>> = entities.iter().map(|e| words_of(&e.name)).collect();
    let mut target: Vec<Option<usize>> = vec![None; entities.len()];
    for (i, short) in words.iter().enumerate() {
        if entities[i].label != Label::Person {
            target[i] = mistagged_surname_of(i, &entities, &words);
            continue;
        }
        let candidates: Vec<usize> = (0..entities.len())
            .filter(|&j| {
                j != i
                    && entities[j].label == Label::Person
                    && words[j].len() > short.len()
                    && (words[j].ends_with(short) || words[j].starts_with(short))
            })
            .collect();
        // The fullest name among candidates that all share it.
        let longest = candidates.iter().copied().max_by_key(|&j| words[j].len());
        if let Some(l) = longest {
            let compatible = candidates
                .iter()
                .all(|&j| words[l].ends_with(&words[j]) || words[l].starts_with(&words[j]));
            if compatible {
                target[i] = Some(l);
            }
        }
    }
    for i in 0..entities.len() {
        if let Some(mut t) = target[i] {
            // Every hop is to a longer name, so this ends.
            while let Some(next) = target[t] {
                t = next;
            }
            let mut moved = std::mem::take(&mut entities[i].mentions);
            for m in &mut moved {
                m.label = entities[t].label.clone();
            }
            entities[t].mentions.extend(moved);
        }
    }
    let mut kept: Vec<Entity> = entities
        .into_iter()
        .zip(target)
        .filter(|(_, t)| t.is_none())
        .map(|(e, _)| e)
        .collect();
    for e in &mut kept {
        e.mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
    kept.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.span.start));
    for (i, e) in kept.iter_mut().enumerate() {
        e.id = format!("e{i}");
    }
    kept
}

/// The one person whose full name ends with the name of non-person entity `i`, when `i` is an
/// organization or other name and no longer non-person name contains its words.
fn mistagged_surname_of(i: usize, entities: &[Entity], words: &[Vec<String>]) -> Option<usize> {
    let short = &words[i];
    if !matches!(entities[i].label, Label::Organization | Label::Misc) {
        return None;
    }
    let inside_other_name = (0..entities.len()).any(|j| {
        j != i
            && entities[j].label != Label::Person
            && words[j].len() > short.len()
            && words[j].windows(short.len()).any(|w| w == short.as_slice())
    });
    let mut persons = (0..entities.len()).filter(|&j| {
        entities[j].label == Label::Person
            && words[j].len() > short.len()
            && words[j].ends_with(short)
    });
    match (persons.next(), persons.next(), inside_other_name) {
        (Some(j), None, false) => Some(j),
        _ => None,
    }
}

/// The mention text as a name: invisible characters (soft hyphen, zero-width characters, BOM),
/// surrounding whitespace and a possessive `'s` / `’s` removed.
pub fn display_name(text: &str) -> String {
    let visible: String = text
        .chars()
        .filter(|&c| !crate::offsets::is_invisible(c))
        .collect();
    let trimmed = visible.trim();
    let without = ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|suffix| trimmed.strip_suffix(suffix))
        .unwrap_or(trimmed);
    without.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a name's comparison key ([`normalize`]).
fn words_of(name: &str) -> Vec<String> {
    normalize(name).split(' ').map(str::to_string).collect()
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
    use crate::doc::Span;

    fn mention(text: &str, start: usize, label: Label) -> Mention {
        Mention {
            text: text.to_string(),
            span: Span::new(start, start + text.chars().count()),
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
    fn persons_are_canonicalized_within_a_document() {
        let mentions = vec![
            mention("President Trump", 0, Label::Person),
            mention("Kim Jong Un", 20, Label::Person),
            mention("Secretary of State Mike Pompeo", 40, Label::Person),
            mention("Trump", 80, Label::Person),
            mention("Kim", 90, Label::Person),
            mention("Pompeo", 100, Label::Person),
            mention("Kim's", 110, Label::Person),
        ];
        let entities = group_mentions(&mentions);
        let names: Vec<(&str, usize)> = entities
            .iter()
            .map(|e| (e.name.as_str(), e.mentions.len()))
            .collect();
        assert_eq!(
            names,
            vec![("Trump", 2), ("Kim Jong Un", 3), ("Mike Pompeo", 2)]
        );
        assert_eq!(entities[2].id, "e2");
    }

    #[test]
    fn ambiguous_surnames_stay_apart() {
        let mentions = vec![
            mention("Hillary Clinton", 0, Label::Person),
            mention("Bill Clinton", 20, Label::Person),
            mention("Clinton", 40, Label::Person),
        ];
        assert_eq!(group_mentions(&mentions).len(), 3);
    }

    #[test]
    fn normalization_ignores_case_dots_and_spacing() {
        assert_eq!(normalize("U.S."), normalize("US"));
        assert_eq!(normalize("New  York"), normalize("new york"));
    }

    #[test]
    fn a_name_tagged_with_two_types_takes_the_better_supported_one() {
        let mut mentions = vec![
            mention("Acme", 0, Label::Organization),
            mention("Acme", 30, Label::Person),
            mention("Acme", 60, Label::Organization),
        ];
        mentions[1].score = 0.95;
        let entities = group_mentions(&mentions);
        assert_eq!(entities.len(), 1, "{entities:?}");
        assert_eq!(entities[0].label, Label::Organization);
        assert_eq!(entities[0].mentions.len(), 3);
        assert!(entities[0]
            .mentions
            .iter()
            .all(|m| m.label == Label::Organization));
    }

    #[test]
    fn a_surname_mistagged_as_an_organization_joins_its_person() {
        let mentions = vec![
            mention("Jamie Dimon", 0, Label::Person),
            mention("JPMorgan", 20, Label::Organization),
            mention("Dimon", 40, Label::Organization),
            mention("Dimon", 60, Label::Person),
        ];
        let entities = group_mentions(&mentions);
        let names: Vec<(&str, &Label, usize)> = entities
            .iter()
            .map(|e| (e.name.as_str(), &e.label, e.mentions.len()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Jamie Dimon", &Label::Person, 3),
                ("JPMorgan", &Label::Organization, 1)
            ]
        );
    }

    #[test]
    fn a_company_named_for_a_person_stays_a_company() {
        let mentions = vec![
            mention("Gerald Ford", 0, Label::Person),
            mention("Ford Motor", 20, Label::Organization),
            mention("Ford", 40, Label::Organization),
            mention("Washington", 60, Label::Location),
            mention("George Washington", 80, Label::Person),
        ];
        let entities = group_mentions(&mentions);
        assert_eq!(entities.len(), 5, "{entities:?}");
    }

    #[test]
    fn invisible_characters_do_not_split_a_name() {
        let mentions = vec![
            mention("Benjamin Netanyahu", 0, Label::Person),
            mention("Netan\u{AD}yahu", 30, Label::Person),
            mention("Netan\u{200B}yahu\u{FEFF}", 50, Label::Person),
        ];
        let entities = group_mentions(&mentions);
        assert_eq!(entities.len(), 1, "{entities:?}");
        assert_eq!(entities[0].name, "Benjamin Netanyahu");
    }

    #[test]
    fn a_surname_tagged_as_a_place_too_stays_the_persons() {
        let mut mentions = vec![
            mention("Jim Jordan", 0, Label::Person),
            mention("Jordan", 20, Label::Location),
            mention("Jordan", 40, Label::Location),
            mention("Jordan", 60, Label::Location),
            mention("Jordan", 80, Label::Person),
        ];
        mentions[4].score = 0.5;
        let entities = group_mentions(&mentions);
        assert_eq!(entities.len(), 1, "{entities:?}");
        assert_eq!(
            (entities[0].name.as_str(), entities[0].mentions.len()),
            ("Jim Jordan", 5)
        );
    }
}
