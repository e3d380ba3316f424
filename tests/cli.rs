//! End-to-end tests of `quotegraph extract`: the binary on inputs written here, with a tiny
//! random model (no trained weights needed). Every input record must yield exactly one output
//! line, in order, whatever the input holds.

mod util;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use util::{write_tiny_model, Arch};

/// One tiny model shared by all tests of this file.
fn model() -> &'static Path {
    static MODEL: OnceLock<tempfile::TempDir> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];
            write_tiny_model(dir.path(), Arch::Bert, &labels, json!({}), false);
            dir
        })
        .path()
}

/// `quotegraph extract --model <tiny> ARGS` in `cwd`, with `stdin` on standard input.
fn extract(cwd: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .current_dir(cwd)
        .arg("extract")
        .arg("--model")
        .arg(model())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        use std::io::Write;
        // The binary may not read standard input at all; a closed pipe is fine then.
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    output
}

/// Output lines parsed as JSON; panics on a line that is not.
fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Extract's output records; panics on a line that is not JSON or not valid under the
/// published schema (`docs/extract.schema.json`).
fn records(stdout: &[u8]) -> Vec<Value> {
    let records = json_lines(stdout);
    records.iter().for_each(util::assert_valid_record);
    records
}

fn ids(records: &[Value]) -> Vec<&str> {
    records.iter().map(|r| r["id"].as_str().unwrap()).collect()
}

fn error_kind(record: &Value) -> Option<&str> {
    record["error"]["kind"].as_str()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles")
}

fn article(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap()
}

/// Asserts that every mention and quote offset of `record` slices its text.
fn assert_offsets(record: &Value, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let slice = |v: &Value| -> String {
        let (s, e) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
        chars[s as usize..e as usize].iter().collect()
    };
    for entity in record["entities"].as_array().unwrap() {
        for m in entity["mentions"].as_array().unwrap() {
            assert_eq!(slice(m), m["text"].as_str().unwrap());
        }
    }
    for q in record["quotes"].as_array().unwrap() {
        assert_eq!(slice(q), q["text"].as_str().unwrap());
    }
}

#[test]
fn a_directory_yields_one_record_per_document_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    std::fs::create_dir_all(root.join("2024/05")).unwrap();
    std::fs::write(root.join("a.txt"), article("chess-final.txt")).unwrap();
    std::fs::write(root.join("2024/05/b.txt"), article("harbour-cranes.txt")).unwrap();
    std::fs::write(
        root.join("c.jsonl"),
        "{\"id\":\"c1\",\"text\":\"Volunteers met in Milbrook.\"}\n\n{\"id\":\"c2\",\"text\":\"\"}\n",
    )
    .unwrap();
    std::fs::write(root.join("notes.md"), "not a document").unwrap();
    let out = extract(dir.path(), &["news"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out.stdout);
    assert_eq!(ids(&recs), ["2024/05/b.txt", "a.txt", "c1", "c2"]);
    assert!(recs
        .iter()
        .all(|r| r["error"].is_null() && r["text"].is_null()));
    assert!(stderr(&out).contains("4 documents ok, 0 failed"));
}

#[test]
fn bad_files_in_a_directory_become_error_records_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("1-good.txt"), article("library-fire.txt")).unwrap();
    let mut binary = b"GIF89a".to_vec();
    binary.extend([0u8, 0, 1, 2, 255, 254]);
    std::fs::write(root.join("2-binary.txt"), &binary).unwrap();
    // Tests run as root, for whom chmod 000 changes nothing: a dangling link cannot be read.
    std::os::unix::fs::symlink(root.join("missing"), root.join("3-dangling.txt")).unwrap();
    std::fs::write(root.join("4-latin1.txt"), b"Caf\xe9 owner Jos\xe9 said hi.").unwrap();
    std::fs::write(root.join("5-empty.txt"), "").unwrap();
    std::fs::write(root.join("6-blank.txt"), " \n\t\n  ").unwrap();
    std::fs::write(root.join("7-binary.jsonl"), &binary).unwrap();
    let out = extract(root, &["."], b"");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let recs = records(&out.stdout);
    assert_eq!(
        ids(&recs),
        [
            "1-good.txt",
            "2-binary.txt",
            "3-dangling.txt",
            "4-latin1.txt",
            "5-empty.txt",
            "6-blank.txt",
            "7-binary.jsonl"
        ]
    );
    let kinds: Vec<Option<&str>> = recs.iter().map(error_kind).collect();
    assert_eq!(
        kinds,
        [
            None,
            Some("input"),
            Some("io"),
            None,
            None,
            None,
            Some("input")
        ]
    );
    assert!(recs[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("binary"));
    assert_eq!(recs[3]["warnings"][0], "invalid UTF-8 replaced with U+FFFD");
    for empty in &recs[4..6] {
        assert_eq!(empty["entities"], json!([]));
        assert_eq!(empty["quotes"], json!([]));
    }
    let err = stderr(&out);
    assert!(
        err.contains("quotegraph: 2-binary.txt: binary file"),
        "{err}"
    );
    assert!(err.contains("4 documents ok, 3 failed"), "{err}");
}

#[test]
fn a_named_path_that_does_not_exist_is_an_error_record() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Hello.").unwrap();
    let out = extract(dir.path(), &["ok.txt", "nope.txt", "nope.jsonl"], b"");
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out.stdout);
    assert_eq!(ids(&recs), ["ok.txt", "nope.txt", "nope.jsonl"]);
    assert_eq!(error_kind(&recs[1]), Some("io"));
    assert_eq!(error_kind(&recs[2]), Some("io"));
}

#[test]
fn html_pages_yield_their_main_text_written_back_in_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = article("river-cleanup.txt")
        .split("\n\n")
        .skip(1)
        .map(|p| format!("<p>{p}</p>\n"))
        .collect();
    let page = format!(
        "<html><head><title>Volunteers pull two tonnes of rubbish from the Arden</title>\
         <script>window.track('pageview');</script><style>p {{ margin: 0 }}</style></head>\
         <body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>\
         <div class='cookie-banner'>We use cookies.</div>\
         <article><h1>Volunteers pull two tonnes of rubbish from the Arden</h1>{body}</article>\
         <footer>© Milbrook Gazette. Subscribe now.</footer></body></html>"
    );
    std::fs::write(dir.path().join("page.html"), page).unwrap();
    std::fs::write(dir.path().join("empty.htm"), "<html><body></body></html>").unwrap();
    let out = extract(dir.path(), &["page.html", "empty.htm"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out.stdout);
    let text = recs[0]["text"].as_str().unwrap();
    assert!(text.starts_with("Volunteers pull two tonnes"), "{text}");
    assert!(text.contains("said organiser Aisha Okafor"));
    for gone in ["track", "margin", "Sport", "Subscribe"] {
        assert!(!text.contains(gone), "{gone:?} kept: {text}");
    }
    assert_offsets(&recs[0], text);
    assert_eq!(recs[1]["text"], "");
    assert_eq!(
        recs[1]["warnings"][0],
        "no main text found in the HTML page"
    );
}

#[test]
fn a_latin1_page_is_read_in_its_declared_charset() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><meta charset=\"iso-8859-1\"><title>Harbour fees rise</title></head>\
                <body><article><h1>Harbour fees rise</h1><p>Harbour master Zo\u{eb} M\u{fc}ller \
                said on Friday that mooring fees in Gda\u{f1}sk would rise by a tenth next year, \
                the first increase since the new quay opened in the spring.</p></article></body></html>";
    // Every character above is in Latin-1, so each maps to one byte.
    let latin1: Vec<u8> = page
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    std::fs::write(dir.path().join("page.html"), latin1).unwrap();
    let out = extract(dir.path(), &["page.html"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out.stdout);
    let text = recs[0]["text"].as_str().unwrap();
    assert!(
        text.contains("Harbour master Zo\u{eb} M\u{fc}ller said"),
        "{text}"
    );
    assert_eq!(
        recs[0]["warnings"][0],
        "not UTF-8: decoded as windows-1252 (as the page declares)"
    );
    assert_offsets(&recs[0], text);
}

#[test]
fn jsonl_lines_that_cannot_be_documents_keep_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let input = [
        r#"{"id":"ok","text":"The mayor said the bridge would open."}"#,
        r#"this is not JSON"#,
        r#"{"id":"no-text","body":"x"}"#,
        r#"{"id":"number","text":42}"#,
        r#"{"id":"null","text":null}"#,
        r#"["an","array"]"#,
        r#"{"id":"last","text":"Done."}"#,
    ]
    .join("\n");
    std::fs::write(dir.path().join("in.jsonl"), &input).unwrap();
    let out = extract(dir.path(), &["in.jsonl"], b"");
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out.stdout);
    assert_eq!(
        ids(&recs),
        [
            "ok",
            "in.jsonl:2",
            "no-text",
            "number",
            "null",
            "in.jsonl:6",
            "last"
        ]
    );
    let kinds: Vec<Option<&str>> = recs.iter().map(error_kind).collect();
    let input_error = Some("input");
    assert_eq!(
        kinds,
        [
            None,
            input_error,
            input_error,
            input_error,
            input_error,
            input_error,
            None
        ]
    );
    assert!(recs[3]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not a string but a number"));
}

#[test]
fn id_and_text_fields_can_be_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let input = "{\"url\":\"https://example.org/1\",\"body\":\"Hello.\"}\n{\"url\":\"u2\",\"text\":\"x\"}\n";
    let out = extract(
        dir.path(),
        &["--jsonl", "--id-field", "url", "--text-field", "body", "-"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out.stdout);
    assert_eq!(ids(&recs), ["https://example.org/1", "u2"]);
    assert!(recs[0]["error"].is_null());
    assert!(recs[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("no \"body\" field"));
}

#[test]
fn standard_input_is_one_text_or_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = article("harbour-cranes.txt");
    let out = extract(dir.path(), &["--include-text"], text.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out.stdout);
    assert_eq!(ids(&recs), ["<stdin>"]);
    assert_eq!(recs[0]["text"], text.as_str());
    assert_offsets(&recs[0], &text);

    let lines = "{\"id\":\"x\",\"text\":\"One.\"}\n{\"id\":\"y\",\"text\":\"Two.\"}\n";
    let out = extract(dir.path(), &["--jsonl"], lines.as_bytes());
    assert_eq!(ids(&records(&out.stdout)), ["x", "y"]);
}

#[test]
fn many_records_come_out_in_input_order_across_batches() {
    let dir = tempfile::tempdir().unwrap();
    let texts = ["chess-final.txt", "library-fire.txt", "river-cleanup.txt"].map(article);
    let mut input = String::new();
    for i in 0..300 {
        // Lengths vary so that the tagger's length sort reorders windows inside each batch.
        let text = &texts[i % 3][..texts[i % 3].len() * (1 + i % 4) / 4];
        input.push_str(&json!({"id": format!("doc-{i}"), "text": text}).to_string());
        input.push('\n');
    }
    std::fs::write(dir.path().join("in.jsonl"), input).unwrap();
    let out = extract(dir.path(), &["--docs-per-batch", "7", "in.jsonl"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out.stdout);
    let expected: Vec<String> = (0..300).map(|i| format!("doc-{i}")).collect();
    assert_eq!(ids(&recs), expected);
}

#[test]
fn quiet_silences_progress_and_summary_but_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = extract(dir.path(), &["--quiet", "--jsonl"], b"{\"id\":\"a\"}\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        "quotegraph: a: record has no \"text\" field"
    );

    let out = extract(dir.path(), &["--quiet"], b"Fine.");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
}

#[test]
fn progress_lines_are_plain_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..5)
        .map(|i| format!("{{\"id\":\"{i}\",\"text\":\"Text {i}.\"}}\n"))
        .collect();
    std::fs::write(dir.path().join("in.jsonl"), lines).unwrap();
    let out = extract(dir.path(), &["--progress-every", "0", "in.jsonl"], b"");
    let err = stderr(&out);
    // The total comes from a thread that counts the input while documents are processed: a
    // line written before it has counted shows `5 documents`, after it `5/5 documents …, ETA`.
    let last = err
        .lines()
        .rfind(|l| l.contains("documents (0 failed)"))
        .unwrap_or_default();
    let counted = last.starts_with("quotegraph: 5/5 documents (0 failed)") && last.contains("ETA");
    let uncounted = last.starts_with("quotegraph: 5 documents (0 failed)");
    assert!(counted || uncounted, "{err}");
    assert!(last.contains("docs/s"), "{err}");
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--resume"][..],
        &["--resume", "-o", "out.jsonl", "--pretty"],
        &["--no-such-flag"],
        &["--docs-per-batch", "0"],
        &["--progress-every", "-1"],
        &["--precision", "fp8"],
    ] {
        let out = extract(dir.path(), args, b"x");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

/// Writes `n` JSONL records built from the fixture articles into `path`.
fn write_corpus(path: &Path, n: usize) {
    let texts = ["chess-final.txt", "harbour-cranes.txt", "library-fire.txt"].map(article);
    let lines: String = (0..n)
        .map(|i| json!({"id": format!("r{i}"), "text": texts[i % 3]}).to_string() + "\n")
        .collect();
    std::fs::write(path, lines).unwrap();
}

#[test]
fn resume_skips_finished_records_and_cuts_a_torn_tail() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_corpus(&root.join("in.jsonl"), 40);
    let full = extract(root, &["in.jsonl", "-o", "full.jsonl"], b"");
    assert_eq!(full.status.code(), Some(0), "{}", stderr(&full));
    let expected = std::fs::read_to_string(root.join("full.jsonl")).unwrap();
    assert_eq!(records(expected.as_bytes()).len(), 40);

    // An interrupted run: 17 whole lines, then half of the 18th.
    let lines: Vec<&str> = expected.split_inclusive('\n').collect();
    let torn = &lines[17][..lines[17].len() / 2];
    std::fs::write(root.join("part.jsonl"), lines[..17].concat() + torn).unwrap();
    let resumed = extract(root, &["in.jsonl", "-o", "part.jsonl", "--resume"], b"");
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr(&resumed));
    let err = stderr(&resumed);
    assert!(
        err.contains("17 records already there, cut a torn last line"),
        "{err}"
    );
    assert!(
        err.contains("23 documents ok, 0 failed, 17 skipped"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("part.jsonl")).unwrap(),
        expected
    );

    // Resuming a finished file adds nothing; resuming into a new file starts it.
    let again = extract(root, &["in.jsonl", "-o", "part.jsonl", "--resume"], b"");
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(root.join("part.jsonl")).unwrap(),
        expected
    );
    let fresh = extract(root, &["in.jsonl", "-o", "new.jsonl", "--resume"], b"");
    assert_eq!(fresh.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(root.join("new.jsonl")).unwrap(),
        expected
    );
}

#[test]
fn hostile_texts_are_all_processed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // 10 MB, a tenth of it prose: the tiny test model's tokenizer makes one sub-token of every
    // letter, so 10 MB of prose would take minutes; the size itself still goes through
    // reading, tokenizing, batching and writing.
    let paragraph = article("library-fire.txt") + &" \n".repeat(4 * 1024);
    let big: String = paragraph.repeat(10 * 1024 * 1024 / paragraph.len() + 1);
    std::fs::write(root.join("big.txt"), &big).unwrap();
    std::fs::write(root.join("run.txt"), "x".repeat(100_000)).unwrap();
    std::fs::write(root.join("quotes.txt"), "\"".repeat(10_000)).unwrap();
    let mixed: String = (0..5_000).map(|i| ["“", "”", "'", "«"][i % 4]).collect();
    std::fs::write(
        root.join("quotes2.txt"),
        format!("He said {mixed} and left."),
    )
    .unwrap();
    // No time limit is asserted (CPUs differ; scripts/bench.sh measures speed): quadratic work
    // on these inputs would not finish within the test harness's patience at all.
    let out = extract(
        root,
        &["big.txt", "run.txt", "quotes.txt", "quotes2.txt"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out.stdout);
    assert_eq!(
        ids(&recs),
        ["big.txt", "run.txt", "quotes.txt", "quotes2.txt"]
    );
}

#[test]
fn prepare_splits_documents_as_the_tagger_does_for_training() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Zoë Okafor met NATO officials.\nThey agreed on Monday.";
    let input = dir.path().join("docs.jsonl");
    std::fs::write(&input, format!("{}\n", json!({"id": "d1", "text": text}))).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .arg("prepare")
        .arg("--tokenizer")
        .arg(model().join("tokenizer.json"))
        .arg(&input)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let records = json_lines(&output.stdout);
    assert_eq!(ids(&records), ["d1"]);
    let chars: Vec<char> = text.chars().collect();
    let words: Vec<(String, u64, bool)> = records[0]["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            let (start, end) = (w["start"].as_u64().unwrap(), w["end"].as_u64().unwrap());
            let word: String = chars[start as usize..end as usize].iter().collect();
            let case = w["case"].as_u64().unwrap();
            (word, case, w["sentence_start"].as_bool().unwrap())
        })
        .collect();
    let find = |word: &str| words.iter().find(|w| w.0 == word).cloned().unwrap();
    assert_eq!(find("Zoë"), ("Zoë".into(), 1, true));
    assert_eq!(find("NATO"), ("NATO".into(), 2, false));
    assert_eq!(find("officials"), ("officials".into(), 0, false));
    assert_eq!(
        find("They"),
        ("They".into(), 1, true),
        "a line starts a sentence"
    );
    let tokens = records[0]["ids"].as_array().unwrap().len() as u64;
    let firsts: Vec<u64> = records[0]["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["first_token"].as_u64().unwrap())
        .collect();
    assert!(firsts.windows(2).all(|w| w[0] < w[1]) && firsts.last() < Some(&tokens));

    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"id\": \"x\"}\nnot json\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .args(["prepare", "--tokenizer"])
        .arg(model().join("tokenizer.json"))
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("bad.jsonl:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_json_lines_records_other_fields_come_out_under_meta_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let record = json!({
        "id": "wire-1", "text": "The port reopened on Monday.", "html": "<p>The port …</p>",
        "date": "2024-05-01", "url": "https://news.example/port", "outlet": "Example News",
        "tags": ["ports", "strikes"], "words": 5
    });
    let out = extract(dir.path(), &["--jsonl"], format!("{record}\n").as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out.stdout);
    assert_eq!(
        recs[0]["meta"],
        json!({
            "date": "2024-05-01", "url": "https://news.example/port", "outlet": "Example News",
            "tags": ["ports", "strikes"], "words": 5
        })
    );
    // Files have no metadata: no `meta` field at all.
    std::fs::write(dir.path().join("a.txt"), "The port reopened on Monday.").unwrap();
    let out = extract(dir.path(), &["a.txt"], b"");
    assert!(records(&out.stdout)[0].get("meta").is_none());
}

#[test]
fn a_json_lines_record_with_html_and_no_text_is_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><title>Port news</title></head><body><nav>Home | World</nav>\
                <article><p>Dockers in Rotterdam voted to end the strike on Monday, \
                the union said.</p></article></body></html>";
    let record = json!({"id": "page-1", "html": page, "outlet": "Example News"});
    let out = extract(dir.path(), &["--jsonl"], format!("{record}\n").as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out.stdout);
    let text = recs[0]["text"]
        .as_str()
        .expect("the page's text is written back");
    assert!(text.contains("Dockers in Rotterdam voted"), "{text}");
    assert!(
        !text.contains("Home | World") && !text.contains('<'),
        "{text}"
    );
    assert_eq!(recs[0]["meta"], json!({"outlet": "Example News"}));
    assert_offsets(&recs[0], text);
}

/// Lines of a file, or none while it does not exist.
fn lines_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|text| text.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

#[test]
fn an_interrupted_run_keeps_every_finished_record_and_resume_completes_it() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let text = article("harbour-cranes.txt");
    let line = |i: usize| format!("{}\n", json!({"id": format!("doc-{i}"), "text": text}));
    let all: String = (0..10).map(line).collect();
    // One document per batch in every run, so that each is tagged in the same company.
    let one = ["--quiet", "--jsonl", "--docs-per-batch", "1"];
    let full = extract(
        dir.path(),
        &[&one[..], &["-o", "full.jsonl"]].concat(),
        all.as_bytes(),
    );
    assert_eq!(full.status.code(), Some(0));

    let part = dir.path().join("part.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .current_dir(dir.path())
        .args(["extract", "--model"])
        .arg(model())
        .args([
            "--quiet",
            "--jsonl",
            "--docs-per-batch",
            "1",
            "-o",
            "part.jsonl",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for i in 0..4 {
        stdin.write_all(line(i).as_bytes()).unwrap();
    }
    stdin.flush().unwrap();
    // Four records written, the reader waiting for the fifth: interrupt.
    let waited = std::time::Instant::now();
    while lines_of(&part).len() < 4 {
        assert!(waited.elapsed().as_secs() < 60, "no output after a minute");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    std::thread::sleep(std::time::Duration::from_millis(300));
    // The next record the reader sees is not read any more; the run ends.
    for i in 4..10 {
        let _ = stdin.write_all(line(i).as_bytes());
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted after 4 records"), "{stderr}");
    assert!(stderr.contains("--resume"), "{stderr}");
    let kept = lines_of(&part);
    assert_eq!(kept, lines_of(&dir.path().join("full.jsonl"))[..4]);

    let resumed = extract(
        dir.path(),
        &[&one[..], &["-o", "part.jsonl", "--resume"]].concat(),
        all.as_bytes(),
    );
    assert_eq!(resumed.status.code(), Some(0));
    assert_eq!(records(&std::fs::read(&part).unwrap()).len(), 10);
    assert_eq!(
        std::fs::read(&part).unwrap(),
        std::fs::read(dir.path().join("full.jsonl")).unwrap(),
        "resumed output is the uninterrupted one"
    );
}
