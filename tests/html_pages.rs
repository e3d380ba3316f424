//! Main text of news pages written for these tests in the style of large news sites
//! (`tests/fixtures/html/`): captions, credits, ads, share bars, newsletter prompts,
//! related-story lists, gallery pagers and "Continue reading" dividers must stay out of the
//! text, and every article paragraph must be there, on a line of its own. Each page's
//! `.expect.json` lists what must and must not be in the text.

use quotegraph::input::html::main_text;
use serde_json::Value;
use std::path::Path;

fn strings(expect: &Value, key: &str) -> Vec<String> {
    expect[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} missing"))
        .iter()
        .map(|v| v.as_str().expect("a string").to_string())
        .collect()
}

#[test]
fn news_pages_keep_the_article_and_drop_page_furniture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).expect("fixture folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(&path).expect("page");
        let expect: Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("expect.json")).expect("expectations"),
        )
        .expect("valid JSON");
        let text = main_text(&html).expect("the page parses");
        let name = path.display();
        for kept in strings(&expect, "must_contain") {
            assert!(text.contains(&kept), "{name}: lost {kept:?} in\n{text}");
        }
        for dropped in strings(&expect, "must_not_contain") {
            assert!(
                !text.contains(&dropped),
                "{name}: kept {dropped:?} in\n{text}"
            );
        }
        for start in strings(&expect, "paragraph_starts") {
            assert!(
                text.contains(&format!("\n{start}")),
                "{name}: {start:?} does not start a line in\n{text}"
            );
        }
    }
    assert!(pages >= 4, "only {pages} fixture pages");
}

#[test]
fn block_elements_end_their_line_and_glued_credits_go() {
    let html = "<html><body><article><div><p>On Wednesday evening a small crowd gathered at the \
                barricades with flashlights, peering into the dark opening from underground.</p>\
                <span>Credit</span><span>Jane Roe/The Daily Paper</span></div><div>The city \
                engineer said the tunnel would be mapped this week with ground radar.</div>\
                <p>&lt;&lt; &lt; 1 … 14 &gt; &gt;&gt;</p><p>Residents said the noise sounded \
                like a freight train passing under their kitchens at night.</p></article>\
                </body></html>";
    let text = main_text(html).expect("parses");
    assert!(
        !text.contains("Credit") && !text.contains("Jane Roe"),
        "{text}"
    );
    assert!(!text.contains("14 >"), "{text}");
    assert!(
        text.contains("underground.\n\nThe city engineer"),
        "each block ends its line: {text}"
    );
}
