//! One test per class of broken or hostile input (the robustness issue), end to end through the
//! binary: each builds its input in a scratch folder, runs `claimdiff analyze` (and `claims` where
//! it matters) and snapshots what a user sees — the exit code, stderr, the report's `errors` and
//! each document's warnings — through one [`check`].
//!
//! The binary runs with the scratch folder as its working directory and relative paths, so the
//! messages (and snapshots) are the same on any machine; any absolute scratch path left is
//! replaced by `<tmp>`. Every run has a deadline (a hang fails the test instead of stalling the
//! suite) and must end with an exit code, never a panic (101) or a signal (stack overflow).
use std::{
    fmt::Write as _,
    io::{Read, Write},
    path::PathBuf,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

/// How long an ordinary case may run.
const SHORT: Duration = Duration::from_secs(60);
/// How long a case with megabytes of input may run (the debug build).
const LONG: Duration = Duration::from_secs(120);

/// A scratch folder under the system's temporary folder, removed when dropped.
struct Case {
    dir: PathBuf,
}

impl Case {
    fn new(name: &str) -> Case {
        let dir =
            std::env::temp_dir().join(format!("claimdiff-inputs-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        Case { dir }
    }

    /// Writes a file (and its folders) at `rel`.
    fn file(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Case {
        let p = self.dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        }
        std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        self
    }

    /// Makes a folder at `rel`.
    fn dir(&self, rel: &str) -> &Case {
        let p = self.dir.join(rel);
        std::fs::create_dir_all(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        self
    }

    /// Makes a symbolic link at `rel` pointing to `target` (as written).
    #[cfg(unix)]
    fn symlink(&self, rel: &str, target: &str) -> &Case {
        let p = self.dir.join(rel);
        std::os::unix::fs::symlink(target, &p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        self
    }
}

impl Drop for Case {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What one run of the binary gave.
struct Run {
    /// The exit code; `None` when a signal ended the process.
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    elapsed: Duration,
}

/// Runs `claimdiff ARGS` in the case's folder with optional stdin; kills it and fails the test when
/// it has not finished within `limit`; fails the test on a panic or a signal.
fn run(case: &Case, args: &[&str], stdin: Option<&[u8]>, limit: Duration) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .current_dir(&case.dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let input = stdin.unwrap_or_default().to_vec();
    let mut child_stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let Some(w) = child_stdin.as_mut() {
            let _ = w.write_all(&input);
        }
    });
    let reader = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out = reader(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = reader(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "claimdiff {} did not finish within {} s (killed)",
                    args.join(" "),
                    limit.as_secs()
                );
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("wait: {e}"),
        }
    };
    let _ = writer.join();
    let stdout = out.join().unwrap_or_default();
    let stderr = String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned();
    let r = Run {
        code: status.code(),
        stdout,
        stderr,
        elapsed: started.elapsed(),
    };
    assert!(
        r.code.is_some(),
        "claimdiff {} was killed by a signal (stack overflow?): {status}\n{}",
        args.join(" "),
        r.stderr
    );
    assert!(
        r.code != Some(101) && !r.stderr.contains("panicked"),
        "claimdiff {} panicked:\n{}",
        args.join(" "),
        r.stderr
    );
    r
}

/// The report of a JSON `analyze` run.
fn report(r: &Run) -> serde_json::Value {
    serde_json::from_slice(&r.stdout)
        .unwrap_or_else(|e| panic!("stdout is not a JSON report ({e}); stderr:\n{}", r.stderr))
}

/// The ids of the analyzed documents of a JSON report.
fn ids(report: &serde_json::Value) -> Vec<String> {
    report["documents"]
        .as_array()
        .map(|ds| {
            ds.iter()
                .filter_map(|d| d["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// What a user sees of a run, as text: the command, exit code and stderr; for `analyze` the
/// report's errors and each document with its warnings; for `claims` the documents that gave
/// claims.
fn summarize(case: &Case, args: &[&str], r: &Run) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "$ claimdiff {}", args.join(" "));
    let _ = writeln!(s, "exit code: {}", r.code.unwrap_or(-1));
    if !r.stderr.trim().is_empty() {
        let _ = writeln!(s, "stderr:");
        for line in r.stderr.lines() {
            let _ = writeln!(s, "  {line}");
        }
    }
    match args.first().copied() {
        Some("analyze") if !args.contains(&"--format") => {
            let v = report(r);
            let errors = v["errors"].as_array().cloned().unwrap_or_default();
            let _ = writeln!(s, "errors:{}", if errors.is_empty() { " none" } else { "" });
            for e in &errors {
                let _ = writeln!(
                    s,
                    "  {} | {}",
                    e["path"].as_str().unwrap_or("?"),
                    e["message"].as_str().unwrap_or("?")
                );
            }
            let docs = v["documents"].as_array().cloned().unwrap_or_default();
            let _ = writeln!(
                s,
                "documents:{}",
                if docs.is_empty() { " none" } else { "" }
            );
            for d in &docs {
                let _ = writeln!(s, "  {}", d["id"].as_str().unwrap_or("?"));
                for w in d["warnings"].as_array().into_iter().flatten() {
                    let _ = writeln!(s, "    warning: {}", w.as_str().unwrap_or("?"));
                }
            }
        }
        Some("claims") => {
            let mut docs: Vec<String> = String::from_utf8_lossy(&r.stdout)
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|c| c["document"].as_str().map(str::to_string))
                .collect();
            docs.dedup();
            let _ = writeln!(s, "claims from: {}", docs.join(", "));
        }
        _ => {}
    }
    s.replace(&case.dir.display().to_string(), "<tmp>")
}

/// Runs `claimdiff ARGS` in the case's folder within the short deadline and summarizes it.
fn check(case: &Case, args: &[&str]) -> String {
    summarize(case, args, &run(case, args, None, SHORT))
}

/// An article sentence that always gives claims (a count, a place, a time).
const GOOD: &str = "Police said twelve people died in the flood in Paris on Monday.\n";

#[test]
fn missing_path() {
    let case = Case::new("missing");
    case.file("in/good.txt", GOOD);
    let args = ["in/good.txt", "no/such/file.txt", "no/such/folder/"];
    let a = check(&case, &[&["analyze"][..], &args[..]].concat());
    let c = check(&case, &[&["claims"][..], &args[..]].concat());
    insta::assert_snapshot!("missing_path", format!("{a}\n{c}"));
}

/// We run as root, so `chmod 000` does not stop a read. What no user can open is a symbolic link
/// that points to itself (the OS says "Too many levels of symbolic links"), and what no one can
/// read is a link to a file that does not exist; a folder named `x.txt` is a folder, not a file.
#[cfg(unix)]
#[test]
fn unreadable_file() {
    let case = Case::new("unreadable");
    case.file("in/good.txt", GOOD)
        .symlink("in/loop.txt", "loop.txt")
        .symlink("in/dangling.txt", "nowhere.txt")
        .dir("x.txt");
    let folder = check(&case, &["analyze", "in"]);
    let named = check(
        &case,
        &["analyze", "in/loop.txt", "in/dangling.txt", "x.txt"],
    );
    insta::assert_snapshot!("unreadable_file", format!("{folder}\n{named}"));
}

#[test]
fn empty_file() {
    let case = Case::new("empty-file");
    case.file("in/empty.txt", "")
        .file("in/blank.md", " \n\t\n  \n")
        .file("in/none.json", "[]")
        .file("in/zero.jsonl", "")
        .file("in/good.txt", GOOD);
    let a = check(&case, &["analyze", "in"]);
    let stdin = summarize(
        &case,
        &["analyze", "-"],
        &run(&case, &["analyze", "-"], Some(b"\n \n"), SHORT),
    );
    insta::assert_snapshot!("empty_file", format!("{a}\n{stdin}"));
}

#[test]
fn empty_folder() {
    let case = Case::new("empty-folder");
    case.dir("empty")
        .file("hidden/.notes.txt", GOOD)
        .file("other/data.csv", "a,b\n1,2\n");
    let a = check(&case, &["analyze", "empty", "hidden", "other"]);
    insta::assert_snapshot!("empty_folder", a);
}

#[test]
fn binary_file() {
    let case = Case::new("binary");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    case.file("in/image.txt", png)
        .file("in/data.json", b"{\"text\": \"x\0y\"}")
        .file("in/good.txt", GOOD);
    let a = check(&case, &["analyze", "in"]);
    let c = check(&case, &["claims", "in"]);
    let stdin = summarize(
        &case,
        &["analyze", "-"],
        &run(&case, &["analyze", "-"], Some(png), SHORT),
    );
    insta::assert_snapshot!("binary_file", format!("{a}\n{c}\n{stdin}"));
}

/// Invalid UTF-8 is decoded lossily with a warning naming the path and the byte offset of the
/// first bad byte (a scraped article with one bad byte is still worth reading); the exit code is
/// 0, or 1 with `--strict`.
#[test]
fn invalid_utf8() {
    let case = Case::new("utf8");
    let mut latin1 =
        b"Police said twelve people died in the flood in Paris on Monday, caf".to_vec();
    let offset = latin1.len();
    latin1.extend_from_slice(b"\xe9 owners said.\n");
    let feed: &[u8] = b"{\"id\": \"one\", \"text\": \"Twelve people died in Paris.\"}\n{\"id\": \"two\", \"text\": \"Ten people died in Lyon, caf\xe9 owners said.\"}\n";
    let feed_offset = feed.iter().position(|&b| b == 0xe9).unwrap_or_default();
    case.file("in/latin1.txt", &latin1)
        .file("in/feed.jsonl", feed);
    let lenient = run(&case, &["analyze", "in"], None, SHORT);
    let text = summarize(&case, &["analyze", "in"], &lenient);
    for expected in [
        format!("in/latin1.txt: invalid UTF-8 at byte {offset}; decoded"),
        format!("in/feed.jsonl:2: invalid UTF-8 at byte {feed_offset}; decoded"),
    ] {
        assert!(text.contains(&expected), "{expected:?} in\n{text}");
    }
    assert_eq!(ids(&report(&lenient)), ["latin1", "one", "two"]);
    let strict = check(&case, &["analyze", "--strict", "in"]);
    let claims = check(&case, &["claims", "--strict", "in"]);
    insta::assert_snapshot!("invalid_utf8", format!("{text}\n{strict}\n{claims}"));
}

/// 20 MB on one line and in one sentence (no full stop): a clause with a count, a place, a time
/// and a speech cue, repeated.
#[test]
fn huge_single_line() {
    let case = Case::new("single-line");
    let clause = "twelve people died in Paris on Monday, police said, and ten were injured, ";
    let size = 20 * 1024 * 1024;
    let mut text = clause.repeat(size / clause.len() + 1);
    text.truncate(size);
    case.file("line.txt", &text);
    let r = run(&case, &["analyze", "line.txt"], None, LONG);
    eprintln!("20 MB single line: {:.1} s", r.elapsed.as_secs_f64());
    let v = report(&r);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(ids(&v), ["line"]);
    assert_eq!(v["errors"], serde_json::json!([]));
}

/// "A b. " a million times (≈ 5 MB): one sentence kept, the rest dropped as duplicates.
#[test]
fn million_tiny_sentences() {
    let case = Case::new("tiny");
    case.file("tiny.txt", "A b. ".repeat(1_000_000));
    let r = run(&case, &["analyze", "tiny.txt"], None, LONG);
    eprintln!("a million tiny sentences: {:.1} s", r.elapsed.as_secs_f64());
    let v = report(&r);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(ids(&v), ["tiny"]);
    let d = &v["documents"][0];
    assert_eq!(d["sentences"], 1);
    assert_eq!(d["dropped"]["duplicate"], 999_999);
}

/// 200,000 copies of one paragraph (≈ 11 MB): kept once, the rest dropped as duplicates.
#[test]
fn repeated_paragraphs() {
    let case = Case::new("paragraphs");
    case.file("repeated.txt", format!("{GOOD}\n").repeat(200_000));
    let r = run(&case, &["analyze", "repeated.txt"], None, LONG);
    eprintln!(
        "200,000 repeated paragraphs: {:.1} s",
        r.elapsed.as_secs_f64()
    );
    let v = report(&r);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(ids(&v), ["repeated"]);
    let d = &v["documents"][0];
    assert_eq!(d["sentences"], 1);
    assert_eq!(d["dropped"]["duplicate"], 199_999);
    assert!(
        v["claims"].as_array().is_some_and(|c| !c.is_empty()),
        "the paragraph's claims are kept"
    );
}

#[test]
fn json_wrong_types() {
    let case = Case::new("json-types");
    case.file("in/text-number.json", r#"{"text": 5}"#)
        .file("in/id-array.json", r#"{"id": [], "text": "x"}"#)
        .file("in/top-number.json", "5")
        .file("in/top-string.json", r#""Twelve people died.""#)
        .file(
            "in/mixed.json",
            r#"[{"id": "ok", "text": "Twelve people died in Paris."}, 7, {"text": null}, {"id": 1.5, "text": "x"}, {"text": "y", "published": 20250214}]"#,
        )
        .file(
            "in/lines.jsonl",
            "{\"id\": \"fine\", \"text\": \"Ten people died in Lyon.\"}\n[1, 2]\n{\"text\": true}\n{\"id\": \"t\", \"text\": \"z\", \"title\": {\"a\": 1}}\n",
        );
    insta::assert_snapshot!("json_wrong_types", check(&case, &["analyze", "in"]));
}

/// A broken line among good ones: the good lines are analyzed, the bad one is reported with its
/// line number, and the exit code is 1.
#[test]
fn jsonl_broken_line() {
    let case = Case::new("jsonl");
    case.file(
        "feed.jsonl",
        concat!(
            "{\"id\": \"a\", \"text\": \"Police said twelve people died in Paris on Monday.\"}\n",
            "{\"id\": \"b\", \"text\": \"Ten people di\n",
            "\n",
            "{\"id\": \"c\", \"text\": \"Officials said ten people died in Paris on Monday.\"}\n",
            "{\"id\": \"d\" \"text\": \"missing comma\"}\n",
            "{\"id\": \"e\", \"text\": \"Eleven people died in Paris on Monday.\"}",
        ),
    );
    let a = check(&case, &["analyze", "feed.jsonl"]);
    let c = check(&case, &["claims", "feed.jsonl"]);
    let stdin = std::fs::read(case.dir.join("feed.jsonl")).unwrap_or_default();
    let piped = summarize(
        &case,
        &["analyze", "-"],
        &run(&case, &["analyze", "-"], Some(&stdin), SHORT),
    );
    insta::assert_snapshot!("jsonl_broken_line", format!("{a}\n{c}\n{piped}"));
}

/// 100,000 levels of nesting in JSON, JSON lines, HTML and Markdown: an error or a document, never
/// a stack overflow.
#[test]
fn deep_nesting() {
    let case = Case::new("deep");
    let n = 100_000;
    case.file("in/arrays.json", "[".repeat(n))
        .file("in/objects.jsonl", "{\"a\":".repeat(n))
        .file(
            "in/divs.html",
            format!(
                "<html><head><title>Deep</title></head><body>{}<p>{GOOD}</p>{}</body></html>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            ),
        )
        .file("in/open.html", "<div>".repeat(n))
        .file("in/quotes.md", format!("{} {GOOD}", ">".repeat(n)))
        .file("in/brackets.md", format!("{}{GOOD}", "[".repeat(n)));
    let a = check(&case, &["analyze", "in"]);
    insta::assert_snapshot!("deep_nesting", a);
}

/// Unknown keys in a `--meta` file are an error naming the key (the file is not applied; the
/// documents are still analyzed); unknown keys in a JSON-lines record are kept in the document's
/// metadata without a warning.
#[test]
fn unknown_metadata_keys() {
    let case = Case::new("meta-keys");
    case.file("in/a.txt", GOOD)
        .file(
            "in/feed.jsonl",
            "{\"id\": \"b\", \"text\": \"Ten people died in Lyon.\", \"colour\": \"red\", \"tags\": [1, {\"x\": null}]}\n",
        )
        .file(
            "meta.json",
            r#"{"a": {"source": "Wire", "colour": "red"}}"#,
        )
        .file("meta.toml", "[a]\nsource = \"Wire\"\nauthor = \"Someone\"\n")
        .file("good-meta.json", r#"{"a": {"source": "Wire"}, "nobody": {"title": "No such document"}}"#);
    let json = check(&case, &["analyze", "--meta", "meta.json", "in"]);
    let toml = check(&case, &["analyze", "--meta", "meta.toml", "in"]);
    let unknown_id = run(
        &case,
        &["analyze", "--meta", "good-meta.json", "in"],
        None,
        SHORT,
    );
    let v = report(&unknown_id);
    assert_eq!(v["documents"][0]["source"], "Wire", "the meta file applies");
    let ids_only = summarize(
        &case,
        &["analyze", "--meta", "good-meta.json", "in"],
        &unknown_id,
    );
    insta::assert_snapshot!(
        "unknown_metadata_keys",
        format!("{json}\n{toml}\n{ids_only}")
    );
}

/// Two documents with one id stay two documents: the later gets `~2` and a warning; the exit code
/// is 0, or 1 with `--strict`.
#[test]
fn duplicate_document_ids() {
    let case = Case::new("dup-ids");
    case.file("in/x/a.txt", GOOD)
        .file("in/y/a.txt", "Officials said ten people died in the flood in Paris on Monday.\n")
        .file(
            "in/z/feed.jsonl",
            "{\"id\": \"a\", \"text\": \"Eleven people died in Paris.\"}\n{\"id\": \"k\", \"text\": \"One.\"}\n{\"id\": \"k\", \"text\": \"Two.\"}\n",
        );
    let a = check(&case, &["analyze", "in"]);
    let strict = check(&case, &["analyze", "--strict", "in"]);
    let claims = check(&case, &["claims", "--strict", "in"]);
    insta::assert_snapshot!("duplicate_document_ids", format!("{a}\n{strict}\n{claims}"));
}

/// Impossible calendar dates: `claimdiff dates` finds no expression in them (no panic, no
/// warning); an impossible `published` date in a record is a warning, in `--meta` an error.
#[test]
fn impossible_dates() {
    let case = Case::new("dates");
    let lines = "2025-02-30\nFebruary 30, 2025\n30 February 2025\n2025-02-29\n2024-02-29\n2025-13-01\n2025-00-10\nJune 0, 2025\nJune 31\n31/04/2025\n2025-02-28\n";
    let dates = run(
        &case,
        &["dates", "--reference", "2025-07-14"],
        Some(lines.as_bytes()),
        SHORT,
    );
    assert_eq!(dates.code, Some(0), "{}", dates.stderr);
    case.file(
        "in/feed.jsonl",
        "{\"id\": \"a\", \"published\": \"2025-02-30\", \"text\": \"Police said twelve people died in Paris on 2025-02-30.\"}\n",
    )
    .file("meta.json", r#"{"a": {"published": "2025-02-30"}}"#);
    let a = check(&case, &["analyze", "in"]);
    let meta = check(&case, &["analyze", "--meta", "meta.json", "in"]);
    insta::assert_snapshot!(
        "impossible_dates",
        format!("{}\n{a}\n{meta}", String::from_utf8_lossy(&dates.stdout))
    );
}

/// Numbers of 400 digits: no panic, no warning; the quantities the claims give (attribute and
/// normalized value) are snapshotted.
#[test]
fn huge_numbers() {
    let case = Case::new("numbers");
    let digits = "1".repeat(400);
    let grouped = format!("1{}", ",000".repeat(133));
    let tiny = format!("0.{}1", "0".repeat(399));
    case.file(
        "n.txt",
        format!(
            "Officials said {digits} people died in the flood in Paris on Monday. \
             The debt reached ${grouped} last year. About {digits}.5 people were injured in Paris. \
             Police said {tiny} protesters were detained in Paris.\n"
        ),
    );
    let a = check(&case, &["analyze", "n.txt"]);
    let c = run(&case, &["claims", "n.txt"], None, SHORT);
    let mut quantities = String::new();
    for line in String::from_utf8_lossy(&c.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
        if v["value"]["kind"] == "quantity" {
            let _ = writeln!(
                quantities,
                "{} = {} ({} chars of text)",
                v["attribute"].as_str().unwrap_or("?"),
                v["value"]["normalized"],
                v["value"]["text"].as_str().map_or(0, str::len)
            );
        }
    }
    insta::assert_snapshot!("huge_numbers", format!("{a}\nquantities:\n{quantities}"));
}

/// Escapes text as HTML with numeric references (`&#60;`) and with named ones (`&lt;`).
fn escaped(s: &str) -> [String; 2] {
    let numeric = s
        .replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;");
    let named = s
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;");
    [numeric, named]
}

/// Markup in article text and in a source name or title from `--meta` reaches the HTML report
/// escaped, never as markup.
#[test]
fn hostile_text_in_html_report() {
    let case = Case::new("hostile");
    let script = "<script>alert(1)</script>";
    let img = "\"><img src=x onerror=alert(2)>";
    let source = "<script>alert(3)</script>";
    let title = "\"><img src=x onerror=alert(4)>";
    case.file(
        "in/evil.txt",
        format!(
            "Police said twelve people died in the flood in Paris on Monday, {script} officials said.\n\
             Officials said {img} ten people were injured in the flood in Paris on Monday.\n"
        ),
    )
    .file(
        "in/other.txt",
        "Officials said ten people died in the flood in Paris on Monday.\n",
    )
    .file(
        "meta.json",
        serde_json::json!({"evil": {"source": source, "title": title, "url": "javascript:alert(5)"}})
            .to_string(),
    );
    let json = check(&case, &["analyze", "--meta", "meta.json", "in"]);
    let r = run(
        &case,
        &["analyze", "--format", "html", "--meta", "meta.json", "in"],
        None,
        SHORT,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let html = String::from_utf8_lossy(&r.stdout);
    for raw in [
        "<script>alert",
        "<img",
        "href=\"javascript:",
        "onerror=alert(2)>",
    ] {
        assert!(!html.contains(raw), "raw {raw:?} in the HTML report");
    }
    for text in [script, img, source, title] {
        let [numeric, named] = escaped(text);
        assert!(
            html.contains(&numeric) || html.contains(&named),
            "{text:?} does not appear escaped in the HTML report"
        );
    }
    insta::assert_snapshot!("hostile_text_in_html_report", json);
}

/// Documents beside bad ones are still analyzed; each bad one is listed with its path and reason;
/// the exit code is 1.
#[test]
fn partial_failure() {
    let case = Case::new("partial");
    case.file("in/a.txt", GOOD)
        .file(
            "in/b.md",
            "---\ntitle: B\n---\n# B\n\nOfficials said ten people died in the flood in Paris on Monday.\n",
        )
        .file(
            "in/c.html",
            format!("<html><body><article><p>{GOOD}</p></article></body></html>"),
        )
        .file("in/d.json", r#"{"id": "d", "text": "Eleven people died in the flood in Paris."}"#)
        .file("in/bad/binary.txt", b"abc\0def")
        .file("in/bad/empty.md", "")
        .file("in/bad/broken.json", "{\"id\": \"x\", \"text\": ")
        .file("in/bad/utf16.txt", b"\xff\xfeT\0w\0o\0");
    let a = check(&case, &["analyze", "in", "missing.txt"]);
    let c = check(&case, &["claims", "in", "missing.txt"]);
    let v = report(&run(&case, &["analyze", "in"], None, SHORT));
    assert_eq!(ids(&v), ["a", "b", "c", "d"]);
    insta::assert_snapshot!("partial_failure", format!("{a}\n{c}"));
}

/// A warning alone (a renamed duplicate id) leaves the exit code 0; `--strict` makes it 1, for
/// `analyze` and `claims` alike. An error makes it 1 either way.
#[test]
fn strict_turns_warnings_into_failure() {
    let case = Case::new("strict");
    case.file("in/x/a.txt", GOOD).file("in/y/a.txt", GOOD);
    let codes = |args: &[&str]| run(&case, args, None, SHORT).code;
    assert_eq!(codes(&["analyze", "in"]), Some(0));
    assert_eq!(codes(&["analyze", "--strict", "in"]), Some(1));
    assert_eq!(codes(&["claims", "in"]), Some(0));
    assert_eq!(codes(&["claims", "--strict", "in"]), Some(1));
    case.file("in/z/only.txt", GOOD);
    assert_eq!(codes(&["analyze", "in/z"]), Some(0));
    assert_eq!(codes(&["analyze", "--strict", "in/z"]), Some(0));
    assert_eq!(codes(&["analyze", "in/z", "in/none.txt"]), Some(1));
}
