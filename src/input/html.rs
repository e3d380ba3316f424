//! Main text of an HTML page, with navigation, boilerplate, scripts and styles dropped.
//!
//! Extraction follows Mozilla's Readability (the algorithm behind Firefox's reader view)
//! through the `dom_smoothie` crate: the element with the densest prose wins, its siblings of
//! the same article are kept, and everything else goes. Readability keeps what sits inside the
//! article, so page furniture is dropped around it by the rules of `page_clutter.txt` (data,
//! one rule a line): before it, elements that are captions, credits, asides, ads, share bars,
//! newsletter prompts, related-link lists or pagers (by element, attribute or class word);
//! after it, lines that are such furniture ("Continue reading the main story", "HIDE
//! CAPTION", "Read more: …") and pager lines of numbers and arrows. Every block element ends
//! its line, so nothing is glued to the paragraph before; paragraphs are separated by blank
//! lines. The page title is put first when the article body does not already start with it,
//! since headlines name the people and places a story is about.

use crate::error::Error;
use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};
use encoding_rs::{Encoding, WINDOWS_1252};

/// How many leading bytes of a page are searched for a `<meta>` charset (as browsers do).
const CHARSET_PRESCAN_BYTES: usize = 1024;

/// The text of an HTML page's bytes, and a warning when it was not UTF-8.
///
/// Bytes that are valid UTF-8 are read as UTF-8 whatever the page declares: scrapers often
/// save pages re-encoded as UTF-8 with the original `<meta charset="iso-8859-1">` left in,
/// while legacy-encoded text with accents is almost never valid UTF-8. Other pages are read
/// in the charset their `<meta>` declares, else as windows-1252 (the Web's default for
/// unlabelled pages), with a warning saying which; bytes invalid in that charset become U+FFFD.
pub fn decode_page(bytes: Vec<u8>) -> (String, Option<String>) {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return (text, None),
        Err(e) => e.into_bytes(),
    };
    let declared = declared_charset(&bytes[..bytes.len().min(CHARSET_PRESCAN_BYTES)]);
    let encoding = declared.unwrap_or(WINDOWS_1252);
    let (text, used, malformed) = encoding.decode(&bytes);
    let source = if declared.is_some() {
        "as the page declares"
    } else {
        "no charset declared"
    };
    let mut warning = format!("not UTF-8: decoded as {} ({source})", used.name());
    if malformed {
        warning.push_str(", invalid bytes replaced with U+FFFD");
    }
    (text.into_owned(), Some(warning))
}

/// The charset a page's `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` names, if the Encoding Standard knows it.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    lower.split("<meta").skip(1).find_map(|tag| {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let after = &tag[tag.find("charset")? + "charset".len()..];
        let value = after.trim_start().strip_prefix('=')?.trim_start();
        let value = value.trim_start_matches(['"', '\'']);
        let end = value
            .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
            .unwrap_or(value.len());
        Encoding::for_label(&value.as_bytes()[..end]).map(Encoding::output_encoding)
    })
}

/// Extracts the readable text of `html`. A page with no text at all yields an empty string;
/// only a page the parser cannot handle is an error.
pub fn main_text(html: &str) -> Result<String, Error> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let document = dom_query::Document::from(html);
    remove_clutter(&document);
    end_cells(&document);
    let mut readability = Readability::with_document(document, None, Some(config))
        .map_err(|e| Error::Input(format!("HTML page: {e}")))?;
    let article = match readability.parse() {
        Ok(article) => article,
        Err(ReadabilityError::GrabFailed) => return Ok(String::new()),
        Err(e) => return Err(Error::Input(format!("HTML page: {e}"))),
    };
    let body = tidy(&article.text_content);
    let title = article
        .title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Ok(if title.is_empty() || body.starts_with(&title) {
        body
    } else if body.is_empty() {
        title
    } else {
        format!("{title}\n\n{body}")
    })
}

/// The rules of `page_clutter.txt`, parsed once.
struct ClutterRules {
    elements: Vec<String>,
    attributes: Vec<(String, String)>,
    class_words: Vec<String>,
    lines: Vec<String>,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
}

/// Lines longer than this (in characters) are prose, never a teaser or prompt of `prefix:`.
const PROMPT_MAX_CHARS: usize = 160;

fn clutter_rules() -> &'static ClutterRules {
    static RULES: std::sync::OnceLock<ClutterRules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules = ClutterRules {
            elements: Vec::new(),
            attributes: Vec::new(),
            class_words: Vec::new(),
            lines: Vec::new(),
            prefixes: Vec::new(),
            suffixes: Vec::new(),
        };
        let entries = include_str!("page_clutter.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once(':'));
        for (kind, value) in entries {
            let value = value.trim().to_lowercase();
            match kind.trim() {
                "element" => rules.elements.push(value),
                "attribute" => {
                    if let Some((name, wanted)) = value.split_once('=') {
                        rules
                            .attributes
                            .push((name.to_string(), wanted.to_string()));
                    }
                }
                "class" => rules.class_words.push(value),
                "line" => rules.lines.push(value),
                "prefix" => rules.prefixes.push(value),
                "suffix" => rules.suffixes.push(value),
                // Unknown kinds are refused by a unit test, so none reaches a release.
                _ => {}
            }
        }
        rules
    })
}

/// Elements that hold the page or its article and are never dropped, whatever their class
/// (`<body class="single-format-gallery">`, `<article class="story ad-free">`).
const CONTAINERS: [&str; 4] = ["html", "body", "main", "article"];

/// Drops the elements that `page_clutter.txt` names, with their contents; never a page or
/// article container ([`CONTAINERS`]), nor an element that holds half of the page's text or
/// more (a site's odd class on the article's wrapper must not empty the page).
fn remove_clutter(document: &dom_query::Document) {
    let rules = clutter_rules();
    let page_chars = document.select("body").text().chars().count().max(1);
    let doomed: Vec<dom_query::NodeRef> = document
        .select("*")
        .nodes()
        .iter()
        .filter(|node| {
            let name = node
                .node_name()
                .map(|n| n.to_lowercase())
                .unwrap_or_default();
            if CONTAINERS.contains(&name.as_str()) {
                return false;
            }
            let attribute_says = |(attr, wanted): &(String, String)| {
                node.attr(attr)
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case(wanted))
            };
            let names = [node.attr("class"), node.attr("id")];
            let class_says = names.iter().flatten().any(|value| {
                let value = value.to_lowercase();
                let whole = value.split_whitespace();
                let words = value.split(|c: char| !c.is_alphanumeric());
                whole
                    .chain(words)
                    .any(|w| rules.class_words.iter().any(|c| c == w))
            });
            let clutter = rules.elements.contains(&name)
                || rules.attributes.iter().any(attribute_says)
                || class_says;
            clutter && node.text().chars().count() * 2 < page_chars
        })
        .cloned()
        .collect();
    for node in doomed {
        node.remove_from_parent();
    }
}

/// Elements whose text ends a line although Readability's formatted text joins them with a
/// space: table cells (adjacent names would merge: `Anna Berg` | `Labour` → `Anna Berg
/// Labour`). List items already end their lines.
const LINE_ENDING_ELEMENTS: &str = "td, th";

/// Ends every table cell with a line break, so that each stands on a line of its own in the
/// text (a row becomes a paragraph of lines).
fn end_cells(document: &dom_query::Document) {
    document.select(LINE_ENDING_ELEMENTS).append_html("<br>");
}

/// True for a line of page furniture (given without its line break and surrounding
/// whitespace): a `line:` rule of `page_clutter.txt`, a short line starting with a `prefix:`
/// rule (as whole words) or ending with a `suffix:` rule and holding no double quote mark, a
/// line that is only a URL, or a pager of numbers and arrows only (`<< < 1 … 14 > >>`). Read
/// for HTML pages and, through [`super::furniture`], plain text.
pub fn is_furniture_line(line: &str) -> bool {
    let rules = clutter_rules();
    let lower = line.to_lowercase();
    let short = line.chars().count() <= PROMPT_MAX_CHARS;
    let pager = line.chars().any(|c| "<>«»‹›".contains(c))
        && line
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "<>«»‹›…|·.-".contains(c));
    let url = !line.contains(char::is_whitespace)
        && ["http://", "https://", "www."]
            .iter()
            .any(|scheme| lower.starts_with(scheme));
    let starts_with_words = |prefix: &String| {
        lower.starts_with(prefix.as_str())
            && (!prefix.ends_with(char::is_alphanumeric)
                || !lower[prefix.len()..].starts_with(char::is_alphanumeric))
    };
    let quoted = line.chars().any(crate::sentences::is_double_quote_mark);
    let ends_with = |suffix: &String| lower.trim_end_matches('.').ends_with(suffix.as_str());
    pager
        || url
        || rules.lines.contains(&lower)
        || (short && rules.prefixes.iter().any(starts_with_words))
        || (short && !quoted && rules.suffixes.iter().any(ends_with))
}

/// [`is_furniture_line`], or a `line:` rule glued to a capitalized word in a short line
/// ("CreditJane Roe/The Daily Paper"): labels whose markup had no space, which only HTML
/// makes (in plain text "SharePoint …" is prose).
fn is_clutter_line(line: &str) -> bool {
    let glued_label = |label: &String| {
        let prefix = line.get(..label.len());
        let rest = line.get(label.len()..);
        prefix.is_some_and(|p| p.eq_ignore_ascii_case(label))
            && rest.is_some_and(|r| r.starts_with(char::is_uppercase))
    };
    is_furniture_line(line)
        || (line.chars().count() <= PROMPT_MAX_CHARS
            && clutter_rules().lines.iter().any(glued_label))
}

/// Trims each line, drops page-furniture lines, collapses runs of blank lines to one and trims
/// the whole text.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || is_clutter_line(line) {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        blank = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Ferry strike ends</title>
        <style>body { color: red }</style><script>var tracker = "do not keep";</script></head>
        <body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
        <article><h1>Ferry strike ends</h1>
        <p>Ferry crews in Halden returned to work on Monday after a nine-day strike that
        stranded thousands of commuters, the Nordic Maritime Union said.</p>
        <p>"We got most of what we asked for," said union negotiator Petra Lind, adding that
        the new contract raises night-shift pay by twelve percent over three years.</p>
        <p>The ferry operator, Oslofjord Lines, said timetables would be back to normal by
        Wednesday and that season tickets would be extended by ten days.</p></article>
        <footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"#;

    #[test]
    fn keeps_the_article_and_drops_scripts_styles_and_boilerplate() {
        let text = main_text(PAGE).unwrap();
        assert!(text.starts_with("Ferry strike ends"), "{text}");
        assert!(text.contains("said union negotiator Petra Lind"));
        assert!(text.contains("Oslofjord Lines"));
        for gone in ["tracker", "color: red", "Copyright", "World"] {
            assert!(!text.contains(gone), "{gone:?} kept in {text}");
        }
        assert!(text.contains("Union said.\n\n\"We got"), "{text}");
    }

    /// `text` in windows-1252 (every character used here is in it).
    fn windows_1252(text: &str) -> Vec<u8> {
        WINDOWS_1252.encode(text).0.into_owned()
    }

    #[test]
    fn legacy_pages_are_read_in_the_charset_they_declare_else_windows_1252() {
        let shift_jis = encoding_rs::SHIFT_JIS
            .encode("<p>東京の記者会見</p>")
            .0
            .into_owned();
        let declared = [
            b"<html><head><meta charset=\"Shift_JIS\"></head><body>".to_vec(),
            shift_jis,
        ]
        .concat();
        let (text, warning) = decode_page(declared);
        assert!(text.contains("東京の記者会見"), "{text}");
        assert_eq!(
            warning.as_deref(),
            Some("not UTF-8: decoded as Shift_JIS (as the page declares)")
        );

        let http_equiv = windows_1252(
            "<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><p>Zoë Müller</p>",
        );
        let (text, warning) = decode_page(http_equiv);
        assert!(text.contains("Zoë Müller"), "{text}");
        assert!(warning
            .unwrap()
            .contains("windows-1252 (as the page declares)"));

        let (text, warning) = decode_page(windows_1252("<p>Ana Pérez said “no”.</p>"));
        assert!(text.contains("Ana Pérez said “no”."), "{text}");
        assert!(warning.unwrap().contains("no charset declared"));
    }

    #[test]
    fn utf8_wins_over_a_stale_declaration() {
        let page = "<meta charset=iso-8859-1><p>Zoë Müller</p>"
            .as_bytes()
            .to_vec();
        assert_eq!(
            decode_page(page),
            (
                "<meta charset=iso-8859-1><p>Zoë Müller</p>".to_string(),
                None
            )
        );
    }

    #[test]
    fn every_clutter_rule_has_a_known_kind() {
        let kinds = ["element", "attribute", "class", "line", "prefix", "suffix"];
        for line in include_str!("page_clutter.txt").lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let kind = line.split_once(':').map(|(k, _)| k.trim());
            assert!(
                kind.is_some_and(|k| kinds.contains(&k)),
                "bad rule {line:?}"
            );
        }
    }

    #[test]
    fn an_odd_class_on_the_article_or_its_wrapper_does_not_empty_the_page() {
        let page = "<html><body class='single-format-gallery'><div class='story ad-free'>\
                    <p>Ferry crews in Halden returned to work on Monday after a nine-day strike \
                    that stranded thousands of commuters, the union said.</p><p>The operator \
                    said timetables would be back to normal by Wednesday.</p></div>\
                    <div class='ad'>Advertisement</div></body></html>";
        let text = main_text(page).unwrap();
        assert!(text.contains("Ferry crews in Halden"), "{text}");
        assert!(!text.contains("Advertisement"), "{text}");
    }

    #[test]
    fn table_cells_and_list_items_each_end_a_line() {
        let page = "<html><body><article><p>The council of Halden voted on Tuesday to rebuild \
                    the old harbour wall after a long debate that ran late into the evening.</p>\
                    <table><tr><th>Member</th><th>Vote</th></tr><tr><td>Anna Berg</td>\
                    <td>Labour</td></tr></table><p>The harbour board said:</p><ul><li>The wall \
                    will be higher</li><li>Boats keep their berths</li></ul></article></body>\
                    </html>";
        let text = main_text(page).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for line in [
            "Member",
            "Vote",
            "Anna Berg",
            "Labour",
            "The wall will be higher",
        ] {
            assert!(lines.contains(&line), "{line:?} is no line of {text:?}");
        }
        assert!(
            text.contains("The wall will be higher\nBoats keep their berths"),
            "{text}"
        );
    }

    #[test]
    fn a_page_without_text_is_empty_not_an_error() {
        assert_eq!(
            main_text("<html><body><script>x()</script></body></html>").unwrap(),
            ""
        );
        assert_eq!(main_text("").unwrap(), "");
    }
}
