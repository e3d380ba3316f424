//! Main text of an HTML page, with navigation, boilerplate, scripts and styles dropped.
//!
//! Extraction follows Mozilla's Readability (the algorithm behind Firefox's reader view)
//! through the `dom_smoothie` crate: the element with the densest prose wins, its siblings of
//! the same article are kept, and everything else goes. Paragraphs come out separated by
//! blank lines. The page title is put first when the article body does not already start
//! with it, since headlines name the people and places a story is about.

use crate::error::Error;
use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};

/// Extracts the readable text of `html`. A page with no text at all yields an empty string;
/// only a page the parser cannot handle is an error.
pub fn main_text(html: &str) -> Result<String, Error> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::new(html, None, Some(config))
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

/// Trims each line, collapses runs of blank lines to one and trims the whole text.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
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

    #[test]
    fn a_page_without_text_is_empty_not_an_error() {
        assert_eq!(
            main_text("<html><body><script>x()</script></body></html>").unwrap(),
            ""
        );
        assert_eq!(main_text("").unwrap(), "");
    }
}
