//! Quote-mark pairing: which double quote marks open and close quotations.
//!
//! - Straight `"`, curly `“ ”`, low `„` and guillemets `« »` are quote marks. Single marks
//!   (`' ‘ ’`) never open or close a quotation: nested single quotes stay inside the outer one,
//!   and apostrophes (`Kim's`, `'90s`, `rock 'n' roll`) are left alone.
//! - A quotation never crosses a line break, except in the news style where each paragraph of
//!   a long quotation opens with a mark and only the last one closes: a paragraph left open
//!   whose next paragraph starts with an opening mark continues into it (one piece per
//!   paragraph, all in one chain).
//! - Two ASCII apostrophes typed for a double mark (`''Yes,'' he said`, a newswire habit) count
//!   as one: [`fold_apostrophe_pairs`] rewrites each such pair to `"` and a space before
//!   tokenizing, so character offsets are unchanged. Three in a row are a double mark and a
//!   nested single one (`''' said` closes both; `'''Sir` opens both).
//! - The second half of a split quotation left open (`"…," said X, "but the cranes …` to the
//!   end of the paragraph) closes at its paragraph's end.
//! - Any other mark that cannot be paired (an opener never closed, a closer never opened) is
//!   stray and ignored, so one stray mark never swallows text beyond its own line.

/// One quotation found by its marks, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marked {
    /// The opening mark.
    pub open: usize,
    /// The closing mark; `None` for a paragraph piece of a quotation that continues.
    pub close: Option<usize>,
    /// First character of the content (after the mark and any spaces).
    pub start: usize,
    /// One past the last character of the content.
    pub end: usize,
    /// Chain number: pieces of one multi-paragraph quotation share it.
    pub chain: usize,
}

use crate::sentences::is_double_quote_mark;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

/// Rewrites every pair of ASCII apostrophes used as a double quote mark to `"` and a space
/// (the space on the side away from the quoted words), in place, so that the pair is paired
/// like any double mark and offsets stay the same. A run of three keeps one apostrophe as the
/// nested single mark; single apostrophes and longer runs are left alone.
pub(crate) fn fold_apostrophe_pairs(chars: &mut [char]) {
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '\'' {
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&c| c == '\'').count();
        if run == 2 || run == 3 {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + run).copied();
            let opens = prev.is_none_or(|c| {
                c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '"')
            }) && next.is_some_and(|c| !c.is_whitespace());
            if opens {
                // `''Yes` → ` "Yes`; `'''Sir` → ` "'Sir`.
                chars[i] = ' ';
                chars[i + 1] = '"';
            } else {
                // `yes,''` → `yes," `; `'old,'''` → `'old,'" `.
                let first = i + run - 2;
                chars[first] = '"';
                chars[first + 1] = ' ';
            }
        }
        i += run;
    }
}

fn role(chars: &[char], i: usize, para: (usize, usize)) -> Role {
    let prev = if i > para.0 { Some(chars[i - 1]) } else { None };
    let next = if i + 1 < para.1 {
        Some(chars[i + 1])
    } else {
        None
    };
    let space_or_none = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let opens_after = |c: Option<char>| {
        c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/'))
    };
    let closes_before = |c: Option<char>| {
        c.is_none_or(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '-'
                )
        })
    };
    let can_open = opens_after(prev) && !space_or_none(next);
    let can_close = !space_or_none(prev) && closes_before(next);
    // A curly mark fixes the role, unless it stands where only the other one fits (`”Yes.`
    // opening a paragraph, `it.“` closing one): then it pairs with whatever is open.
    match chars[i] {
        '“' | '„' | '«' | '‟' if can_close && !can_open => return Role::Either,
        '”' | '»' if can_open && !can_close => return Role::Either,
        '“' | '„' | '«' | '‟' => return Role::Open,
        '”' | '»' => return Role::Close,
        _ => {}
    }
    match (can_open, can_close) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// True when the mark at `i` delimits an attribute value of markup left in the text
/// (`<tweet author="…">`, `id="…"`): inside an unclosed `<` of its paragraph, or right after `=`.
fn in_markup(chars: &[char], para: (usize, usize), i: usize) -> bool {
    if i > para.0 && chars[i - 1] == '=' {
        return true;
    }
    let opened = chars[para.0..i]
        .iter()
        .rev()
        .find(|&&c| c == '<' || c == '>')
        .is_some_and(|&c| c == '<');
    opened && chars[i + 1..para.1].contains(&'>')
}

/// Pairs the quote marks of `chars`, whose paragraphs are `paras` (character spans, in order).
pub(crate) fn pair_marks(chars: &[char], paras: &[(usize, usize)]) -> Vec<Marked> {
    let mut out: Vec<Marked> = Vec::new();
    let mut chain_counter = 0usize;
    // The chain a paragraph continues, when the previous one was left open.
    let mut continuing: Option<usize> = None;
    for (p, &para) in paras.iter().enumerate() {
        let marks: Vec<(usize, Role)> = (para.0..para.1)
            .filter(|&i| is_double_quote_mark(chars[i]) && !in_markup(chars, para, i))
            .map(|i| (i, role(chars, i, para)))
            .collect();
        let starts_with_opener = marks
            .first()
            .is_some_and(|&(i, r)| i == para.0 && r != Role::Close);
        let mut chain_here = if starts_with_opener { continuing } else { None };
        continuing = None;
        let mut open: Option<usize> = None;
        for &(i, r) in &marks {
            match (open, r) {
                (None, Role::Open | Role::Either) => open = Some(i),
                (Some(o), Role::Close | Role::Either) => {
                    push(
                        &mut out,
                        chars,
                        o,
                        Some(i),
                        i,
                        &mut chain_here,
                        &mut chain_counter,
                    );
                    open = None;
                }
                // A second opener: the first one was stray.
                (Some(_), Role::Open) => open = Some(i),
                // A closer with nothing open: stray.
                (None, Role::Close) => {}
            }
        }
        let Some(o) = open else { continue };
        let next_opens = paras.get(p + 1).is_some_and(|&next| {
            next.1 > next.0
                && is_double_quote_mark(chars[next.0])
                && role(chars, next.0, next) != Role::Close
        });
        if next_opens {
            let chain = chain_here.unwrap_or_else(|| {
                chain_counter += 1;
                chain_counter - 1
            });
            let mut c = Some(chain);
            push(&mut out, chars, o, None, para.1, &mut c, &mut chain_counter);
            continuing = Some(chain);
        } else if continues_split_quotation(chars, &out, para, o) {
            // `"…," said Ruth Adeyemi, "but the cranes …` with the last mark missing: the
            // second half runs to the paragraph's end.
            let mut own = None;
            push(
                &mut out,
                chars,
                o,
                None,
                para.1,
                &mut own,
                &mut chain_counter,
            );
        } else if chain_here.is_some() && o == para.0 {
            // The last paragraph of a chain whose closing mark is missing.
            push(
                &mut out,
                chars,
                o,
                None,
                para.1,
                &mut chain_here,
                &mut chain_counter,
            );
        }
    }
    out
}

/// True when the opener at `open`, never closed in its paragraph `para`, is the second half
/// of a split quotation: a quotation closed earlier in the paragraph, then only an attribution
/// ending with a comma before it (`"…," said X, "…`), no sentence end in between.
fn continues_split_quotation(
    chars: &[char],
    out: &[Marked],
    para: (usize, usize),
    open: usize,
) -> bool {
    let Some(close) = out.last().and_then(|m| m.close).filter(|&c| c >= para.0) else {
        return false;
    };
    let between = &chars[close + 1..open];
    let last_visible = between.iter().rev().find(|c| !c.is_whitespace());
    last_visible == Some(&',') && !between.iter().any(|c| matches!(c, '.' | '?' | '!'))
}

fn push(
    out: &mut Vec<Marked>,
    chars: &[char],
    open: usize,
    close: Option<usize>,
    end: usize,
    chain: &mut Option<usize>,
    counter: &mut usize,
) {
    let mut start = open + 1;
    let mut end = end;
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start >= end || !chars[start..end].iter().any(|c| c.is_alphanumeric()) {
        return;
    }
    let id = *chain.get_or_insert_with(|| {
        *counter += 1;
        *counter - 1
    });
    out.push(Marked {
        open,
        close,
        start,
        end,
        chain: id,
    });
    // Only a piece left open carries its chain on; a closed piece ends it.
    if close.is_some() {
        *chain = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::tokens::Tokens;

    fn quotes(text: &str) -> Vec<String> {
        let t = Tokens::new(text);
        pair_marks(&t.chars, &t.paras)
            .iter()
            .map(|m| t.chars[m.start..m.end].iter().collect())
            .collect()
    }

    #[test]
    fn pairs_straight_curly_and_guillemets() {
        assert_eq!(
            quotes(r#"He said "yes." She said “no.” They said «maybe»."#),
            vec!["yes.", "no.", "maybe"]
        );
    }

    #[test]
    fn single_quotes_and_apostrophes_never_pair() {
        assert_eq!(
            quotes("Kim's band played rock 'n' roll in the '90s. “It was ‘fun’,” he said."),
            vec!["It was ‘fun’,"]
        );
    }

    #[test]
    fn curly_marks_typed_the_wrong_way_round_still_pair() {
        assert_eq!(
            quotes("”We will win,” she said.\n“It is over.“ Then more."),
            vec!["We will win,", "It is over."]
        );
    }

    #[test]
    fn markup_attribute_values_are_not_quotes() {
        assert_eq!(
            quotes(r#"<tweet author="Ann Roe" id="12">Roe said "we won" today.</tweet>"#),
            vec!["we won"]
        );
    }

    #[test]
    fn stray_mark_stays_on_its_line() {
        assert_eq!(
            quotes("A stray “mark here.\nThen “a real one” follows."),
            vec!["a real one"]
        );
    }

    #[test]
    fn apostrophe_pairs_are_double_marks() {
        assert_eq!(
            quotes("''We will win,'' she said. ''Not 'maybe.''' Then Kim's dog's toys."),
            vec!["We will win,", "Not 'maybe.'"]
        );
        assert_eq!(
            quotes("He told them, '''Sir, go home,' he said.''"),
            vec!["'Sir, go home,' he said."]
        );
    }

    #[test]
    fn folding_keeps_offsets() {
        let mut chars: Vec<char> = "a ''b'' c".chars().collect();
        fold_apostrophe_pairs(&mut chars);
        assert_eq!(chars.iter().collect::<String>(), "a  \"b\"  c");
    }

    #[test]
    fn the_second_half_of_a_split_quotation_runs_to_its_paragraph_end_when_left_open() {
        let text = "“The plan is approved,” said engineer Ruth Adeyemi, “but the cranes will \
                    only come in May.\n\nResidents were not convinced.";
        assert_eq!(
            quotes(text),
            [
                "The plan is approved,",
                "but the cranes will only come in May."
            ]
        );
        // An opener after a full sentence stays stray.
        let text = "“The plan is approved,” said Ruth Adeyemi. “But the cranes\n\nwill come.";
        assert_eq!(quotes(text), ["The plan is approved,"]);
    }

    #[test]
    fn multi_paragraph_quote_is_one_chain() {
        let text = "“First part.\n\n“Second part.\n\n“Last part,” she said.";
        let t = Tokens::new(text);
        let marks = pair_marks(&t.chars, &t.paras);
        assert_eq!(marks.len(), 3);
        assert!(marks.iter().all(|m| m.chain == marks[0].chain));
        assert!(marks[2].close.is_some());
    }
}
