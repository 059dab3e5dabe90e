//! Reading documents from files, folders and streams.
//!
//! Choices made here, for every input:
//! - Folders are read recursively; hidden entries (names starting with `.`) are skipped and
//!   symbolic links to folders are not followed (no cycles). Files are read in path order, so the
//!   output does not depend on the file system. Files of unsupported extensions inside a folder are
//!   skipped; a file named explicitly is read as plain text whatever its extension. A symbolic
//!   link of a supported extension that cannot be followed (broken, or a loop) is an error.
//! - Text must be UTF-8. Invalid bytes do not reject the file: it is decoded lossily (each bad
//!   sequence becomes U+FFFD) and a warning names the path and the byte offset of the first bad
//!   byte, because a scraped article with one bad byte is still worth reading. A leading byte-order
//!   mark is removed. A NUL byte means a binary file, which is an error.
//! - JSON inputs are parsed with `serde_json`, whose recursion limit (128 levels) turns deeply
//!   nested input into an error instead of a stack overflow.
use std::{
    borrow::Cow,
    collections::BTreeMap,
    fs,
    io::ErrorKind,
    path::{Path, PathBuf},
};

use claimdiff_core::Document;
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::{
    error::{Error, Result},
    html, markdown,
};

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// HTML (main text is extracted).
    Html,
    /// One JSON document or an array of them.
    Json,
    /// One JSON document per line.
    JsonLines,
}

/// Everything read from a set of paths: documents, and the inputs that failed.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Documents read, in path order.
    pub documents: Vec<Document>,
    /// Inputs that could not be read: the path (with `:LINE` for JSON lines) and the error.
    pub errors: Vec<(String, Error)>,
    /// Problems that did not stop a document (lossy UTF-8 decoding, invalid dates): document id
    /// and message.
    pub warnings: Vec<(String, String)>,
}

/// Metadata for one document, from a `--meta` file: each field given replaces the document's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// The outlet.
    pub source: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// The publication date.
    pub published: Option<Date>,
}

/// The extensions read from folders, for messages.
const SUPPORTED: &str = ".txt, .md, .html, .htm, .json, .jsonl";
/// How deep folders are walked.
const MAX_DEPTH: usize = 32;

/// The format of a file, by its extension (case-insensitive): `.txt` and `.text`; `.md` and
/// `.markdown`; `.html`, `.htm` and `.xhtml`; `.json`; `.jsonl` and `.ndjson`. `None` for others.
pub fn format_for_path(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" | "xhtml" => Format::Html,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        _ => return None,
    })
}

/// Limits on what is read.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ReadOptions {
    /// The largest document, in bytes: a larger file (other than `.jsonl`) or JSON line is an
    /// error, not read into memory.
    pub max_document_bytes: u64,
    /// Documents handed on at a time by [`stream_paths`]: a JSON-lines file is read in chunks of
    /// about this many lines, so its text is never held whole.
    pub batch: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_document_bytes: 64 << 20,
            batch: 512,
        }
    }
}

/// Reads every document under `paths`: files, or folders of `.txt`, `.md`, `.html`, `.json` and
/// `.jsonl` files (read recursively, in path order). Never fails as a whole: what cannot be read is
/// listed in [`Loaded::errors`].
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut out = Loaded::default();
    stream_paths(paths, &ReadOptions::default(), |part| {
        out.documents.extend(part.documents);
        out.errors.extend(part.errors);
        out.warnings.extend(part.warnings);
    });
    out
}

/// As [`load_paths`], handing what is read to `sink` a part at a time: one file, or a chunk of
/// [`ReadOptions::batch`] lines of a JSON-lines file. Memory holds one part, not the whole input.
pub fn stream_paths(paths: &[PathBuf], options: &ReadOptions, mut sink: impl FnMut(Loaded)) {
    for (path, format) in expand(paths, &mut sink) {
        read_file(&path, format, options, &mut sink);
    }
}

/// The files under `paths`, in order; missing paths and empty folders go to `sink` as errors.
fn expand(paths: &[PathBuf], sink: &mut impl FnMut(Loaded)) -> Vec<(PathBuf, Format)> {
    let mut out = Loaded::default();
    let mut all = Vec::new();
    for p in paths {
        let meta = match fs::metadata(p) {
            Ok(m) => m,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                let error = if fs::symlink_metadata(p).is_ok() {
                    Error::Input {
                        path: p.clone(),
                        message: "broken symbolic link (its target does not exist)".into(),
                    }
                } else {
                    Error::Missing { path: p.clone() }
                };
                out.errors.push((p.display().to_string(), error));
                continue;
            }
            Err(source) => {
                out.errors.push((
                    p.display().to_string(),
                    Error::Io {
                        path: p.clone(),
                        source,
                    },
                ));
                continue;
            }
        };
        if meta.is_dir() {
            let mut files = Vec::new();
            let mut entries = 0;
            walk(p, 0, &mut files, &mut entries, &mut out.errors);
            files.sort_by(|a, b| a.0.cmp(&b.0));
            if files.is_empty() {
                let message = if entries == 0 {
                    "empty folder".to_string()
                } else {
                    format!("no supported files ({SUPPORTED}) in folder")
                };
                out.errors.push((
                    p.display().to_string(),
                    Error::Input {
                        path: p.clone(),
                        message,
                    },
                ));
            }
            all.extend(files);
        } else {
            all.push((p.clone(), format_for_path(p).unwrap_or(Format::Text)));
        }
    }
    if !out.errors.is_empty() {
        sink(out);
    }
    all
}

/// Reads one file: a JSON-lines file line by line in chunks, any other whole (after a size
/// check against the limit).
fn read_file(path: &Path, format: Format, options: &ReadOptions, sink: &mut impl FnMut(Loaded)) {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut out = Loaded::default();
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if format == Format::JsonLines {
        match fs::File::open(path) {
            Ok(f) => read_json_lines(path, &stem(path), f, options, sink),
            Err(e) => {
                out.errors.push((path.display().to_string(), io(e)));
                sink(out);
            }
        }
        return;
    }
    if size > options.max_document_bytes {
        out.errors.push((
            path.display().to_string(),
            Error::TooLarge {
                path: path.to_path_buf(),
                size,
                limit: options.max_document_bytes,
            },
        ));
    } else {
        load_file(path, format, &mut out);
    }
    sink(out);
}

/// Reads a JSON-lines file in chunks of lines; a line over the size limit is skipped without
/// being held in memory, and reported with its number.
fn read_json_lines(
    path: &Path,
    id: &str,
    input: impl std::io::Read,
    options: &ReadOptions,
    sink: &mut impl FnMut(Loaded),
) {
    use std::io::{BufRead, BufReader, Read};
    let shown = path.display().to_string();
    let mut reader = BufReader::with_capacity(1 << 16, input);
    if let Ok(head) = reader.fill_buf() {
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            let mut out = Loaded::default();
            out.errors.push((
                shown,
                Error::Input {
                    path: path.to_path_buf(),
                    message: "UTF-16 text is not supported; convert it to UTF-8".into(),
                },
            ));
            sink(out);
            return;
        }
    }
    let mut chunk: Vec<u8> = Vec::new();
    let mut chunk_first_line = 1;
    let mut lines_in_chunk = 0;
    let mut line_no = 0;
    let mut out = Loaded::default();
    let mut nothing = true;
    let mut found = 0;
    let limit = options.max_document_bytes;
    let flush = |chunk: &mut Vec<u8>, first: usize, out: &mut Loaded| {
        if chunk.iter().any(|b| !b.is_ascii_whitespace()) {
            parse_json_lines_from(path, id, chunk, first, out);
        }
        chunk.clear();
    };
    loop {
        let start = chunk.len();
        // Read one line, at most `limit + 1` bytes of it into memory.
        let read = (&mut reader)
            .take(limit.saturating_add(1))
            .read_until(b'\n', &mut chunk);
        let n = match read {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                chunk.truncate(start);
                out.errors.push((
                    format!("{shown}:{}", line_no + 1),
                    Error::Io {
                        path: path.to_path_buf(),
                        source: e,
                    },
                ));
                break;
            }
        };
        line_no += 1;
        nothing = false;
        let complete = chunk.last() == Some(&b'\n');
        if !complete && n as u64 > limit {
            // Skip the rest of the overlong line.
            let mut size = n as u64;
            let mut rest = Vec::new();
            loop {
                rest.clear();
                match (&mut reader).take(1 << 20).read_until(b'\n', &mut rest) {
                    Ok(0) | Err(_) => break,
                    Ok(m) => {
                        size += m as u64;
                        if rest.last() == Some(&b'\n') {
                            break;
                        }
                    }
                }
            }
            chunk.truncate(start);
            // Keep line numbers right: the skipped line stays as an empty line.
            chunk.push(b'\n');
            out.errors.push((
                format!("{shown}:{line_no}"),
                Error::TooLarge {
                    path: PathBuf::from(format!("{shown}:{line_no}")),
                    size,
                    limit,
                },
            ));
        }
        lines_in_chunk += 1;
        if lines_in_chunk >= options.batch.max(1) {
            flush(&mut chunk, chunk_first_line, &mut out);
            found += out.documents.len() + out.errors.len();
            sink(std::mem::take(&mut out));
            chunk_first_line = line_no + 1;
            lines_in_chunk = 0;
        }
    }
    flush(&mut chunk, chunk_first_line, &mut out);
    found += out.documents.len() + out.errors.len();
    if nothing || found == 0 {
        out.errors.push((
            shown,
            Error::Empty {
                path: path.to_path_buf(),
            },
        ));
    }
    sink(out);
}

/// Reads one input from a stream (standard input, a pipe, a socket) named `origin`, its documents
/// identified by `id`. The format is told by the first byte that is not white space: `{` JSON
/// lines, `[` a JSON array, `<` HTML, anything else plain text. JSON lines are read and handed to
/// `sink` in chunks of [`ReadOptions::batch`] lines, as [`stream_paths`] does for a `.jsonl` file,
/// so a feed of any length is never held whole; the other formats, and a pretty-printed JSON
/// document (a `{` whose first line is not a JSON value alone), are read whole. A read error is reported in [`Loaded::errors`] with what was read before it kept.
pub fn stream_reader(
    origin: &str,
    id: &str,
    input: impl std::io::Read,
    options: &ReadOptions,
    mut sink: impl FnMut(Loaded),
) {
    use std::io::{BufRead, BufReader, Read};
    let path = Path::new(origin);
    let mut reader = BufReader::with_capacity(1 << 16, input);
    // Find the first byte that is not white space without consuming it.
    let first = loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break None,
        };
        if buf.is_empty() {
            break None;
        }
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => break buf.get(i).copied(),
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    };
    let format = match first {
        Some(b'{') => Format::JsonLines,
        Some(b'[') => Format::Json,
        Some(b'<') => Format::Html,
        _ => Format::Text,
    };
    let limit = options.max_document_bytes;
    let mut bytes = Vec::new();
    if format == Format::JsonLines {
        // JSON lines if the first line is a JSON value alone; a pretty-printed document (its
        // first line `{` alone) is read whole, as parsing its bytes would.
        let first_line = (&mut reader)
            .take(limit.saturating_add(1))
            .read_until(b'\n', &mut bytes);
        if first_line.is_ok() && serde_json::from_slice::<Value>(&bytes).is_ok() {
            let input = std::io::Cursor::new(bytes).chain(reader);
            read_json_lines(path, id, input, options, &mut sink);
            return;
        }
    }
    let held = bytes.len() as u64;
    let read = (&mut reader)
        .take(limit.saturating_add(1).saturating_sub(held))
        .read_to_end(&mut bytes)
        .map(|n| n as u64 + held);
    let mut out = Loaded::default();
    match read {
        Err(source) => out.errors.push((
            origin.to_string(),
            Error::Io {
                path: path.to_path_buf(),
                source,
            },
        )),
        Ok(n) if n > limit => {
            // Count the rest without holding it, to report the real size.
            let rest = std::io::copy(&mut reader, &mut std::io::sink()).unwrap_or(0);
            out.errors.push((
                origin.to_string(),
                Error::TooLarge {
                    path: path.to_path_buf(),
                    size: n.saturating_add(rest),
                    limit,
                },
            ));
        }
        Ok(_) => parse_into(path, id, &bytes, format, &mut out),
    }
    sink(out);
}

/// Collects the supported files under `dir`; counts every visible entry seen.
fn walk(
    dir: &Path,
    depth: usize,
    files: &mut Vec<(PathBuf, Format)>,
    entries: &mut usize,
    errors: &mut Vec<(String, Error)>,
) {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push((dir.display().to_string(), io(e)));
            return;
        }
    };
    for entry in rd {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push((dir.display().to_string(), io(e)));
                continue;
            }
        };
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        *entries += 1;
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            if depth < MAX_DEPTH {
                walk(&path, depth + 1, files, entries, errors);
            }
        } else if let Some(format) = format_for_path(&path) {
            // Symbolic links to files are followed; links to folders are not (no cycles). A link
            // that cannot be followed (broken, or a loop) is an error, not silently skipped.
            if ft.is_file() {
                files.push((path, format));
            } else if ft.is_symlink() {
                match fs::metadata(&path) {
                    Ok(m) if m.is_file() => files.push((path, format)),
                    Ok(_) => {}
                    Err(e) if e.kind() == ErrorKind::NotFound => errors.push((
                        path.display().to_string(),
                        Error::Input {
                            message: "broken symbolic link (its target does not exist)".into(),
                            path,
                        },
                    )),
                    Err(source) => {
                        errors.push((path.display().to_string(), Error::Io { path, source }));
                    }
                }
            }
        }
    }
}

/// The file stem: the default document id.
fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "document".to_string())
}

fn load_file(path: &Path, format: Format, out: &mut Loaded) {
    match fs::read(path) {
        Ok(bytes) => parse_into(path, &stem(path), &bytes, format, out),
        Err(source) => out.errors.push((
            path.display().to_string(),
            Error::Io {
                path: path.to_path_buf(),
                source,
            },
        )),
    }
}

/// Parses the bytes of one input in a known format. `id` is the document id (and the prefix of
/// ids of JSON documents without one); it also names the input in error messages. Warnings are
/// not returned, and when some JSON lines fail but others load, the documents are returned and the
/// failures are lost: use [`parse_input`] to get both.
pub fn parse_bytes(id: &str, bytes: &[u8], format: Format) -> Result<Vec<Document>> {
    let mut out = parse_input(id, id, bytes, format);
    if out.documents.is_empty() && !out.errors.is_empty() {
        let (_, e) = out.errors.swap_remove(0);
        return Err(e);
    }
    Ok(out.documents)
}

/// Parses the bytes of one input in a known format, keeping every document, error and warning, as
/// [`load_paths`] does for a file. `origin` names the input in errors (`-` for standard input);
/// `id` is the default document id.
pub fn parse_input(origin: &str, id: &str, bytes: &[u8], format: Format) -> Loaded {
    let mut out = Loaded::default();
    parse_into(Path::new(origin), id, bytes, format, &mut out);
    out
}

fn parse_into(path: &Path, id: &str, bytes: &[u8], format: Format, out: &mut Loaded) {
    let shown = path.display().to_string();
    let input_error = |message: &str| Error::Input {
        path: path.to_path_buf(),
        message: message.to_string(),
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        out.errors.push((
            shown,
            input_error("UTF-16 text is not supported; convert it to UTF-8"),
        ));
        return;
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        out.errors.push((
            shown,
            Error::Binary {
                path: path.to_path_buf(),
                offset,
            },
        ));
        return;
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        out.errors.push((
            shown,
            Error::Empty {
                path: path.to_path_buf(),
            },
        ));
        return;
    }
    let (text, bad) = decode(bytes);
    let bad_warning = bad.map(|offset| {
        format!("{shown}: invalid UTF-8 at byte {offset}; decoded with replacement characters")
    });
    let first = out.documents.len();
    match format {
        Format::Text => {
            out.documents.push(Document::new(id, text.into_owned()));
        }
        Format::Markdown => {
            let md = markdown::to_text(&text);
            if md.text.trim().is_empty() {
                out.errors.push((
                    shown,
                    input_error("no text left after removing Markdown markup"),
                ));
                return;
            }
            let mut doc = Document::new(id, md.text);
            doc.title = md.title;
            for (k, v) in md.front {
                match k.as_str() {
                    "title" => {}
                    "date" | "published" => match parse_date(&v) {
                        Some(d) => doc.published = Some(d),
                        None => out.warnings.push((
                            id.to_string(),
                            format!("{shown}: invalid date {v:?} in front matter; ignored"),
                        )),
                    },
                    "source" | "publisher" | "site" => doc.source = Some(v),
                    "url" | "link" | "canonical" => doc.url = Some(v),
                    _ => {
                        doc.metadata.insert(k, Value::String(v));
                    }
                }
            }
            out.documents.push(doc);
        }
        Format::Html => match html::extract(&text) {
            Ok(page) => {
                let mut doc = Document::new(id, page.text);
                doc.title = page.title;
                doc.source = page.site;
                doc.url = page.url;
                if let Some(p) = page.published {
                    match parse_date(&p) {
                        Some(d) => doc.published = Some(d),
                        None => out.warnings.push((
                            id.to_string(),
                            format!("{shown}: unrecognized publication date {p:?} in page metadata; ignored"),
                        )),
                    }
                }
                for (k, v) in [("byline", page.byline), ("lang", page.lang)] {
                    if let Some(v) = v {
                        doc.metadata.insert(k.to_string(), Value::String(v));
                    }
                }
                out.documents.push(doc);
            }
            Err(message) => out.errors.push((shown, input_error(&message))),
        },
        Format::Json => parse_json(path, id, &text, out),
        Format::JsonLines => parse_json_lines(path, id, &text, out, bad),
    }
    if let Some(w) = bad_warning {
        match format {
            Format::JsonLines => {} // Attached to the line's document in parse_json_lines.
            _ => {
                for d in &out.documents[first..] {
                    out.warnings.push((d.id.clone(), w.clone()));
                }
            }
        }
    }
}

/// Decodes UTF-8, lossily; returns the byte offset of the first invalid byte, if any. A leading
/// byte-order mark is dropped (offsets still count it).
fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<usize>) {
    let (skip, body) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    match std::str::from_utf8(body) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(e) => (String::from_utf8_lossy(body), Some(skip + e.valid_up_to())),
    }
}

fn parse_json(path: &Path, id: &str, text: &str, out: &mut Loaded) {
    let shown = path.display().to_string();
    let json_error = |line: usize, message: String| Error::Json {
        path: path.to_path_buf(),
        line,
        message,
    };
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => match document_from_json(map, id, path, out) {
            Ok(doc) => out.documents.push(doc),
            Err(message) => out
                .errors
                .push((format!("{shown}:1"), json_error(1, message))),
        },
        Ok(Value::Array(items)) => {
            if items.is_empty() {
                out.errors.push((
                    format!("{shown}:1"),
                    json_error(1, "empty array: no documents".to_string()),
                ));
            }
            for (i, item) in items.into_iter().enumerate() {
                let n = i + 1;
                let result = match item {
                    Value::Object(map) => document_from_json(map, &format!("{id}:{n}"), path, out),
                    other => Err(format!("expected an object, found {}", kind(&other))),
                };
                match result {
                    Ok(doc) => out.documents.push(doc),
                    Err(message) => out.errors.push((
                        format!("{shown}:1"),
                        json_error(1, format!("item {n}: {message}")),
                    )),
                }
            }
        }
        Ok(other) => out.errors.push((
            format!("{shown}:1"),
            json_error(
                1,
                format!(
                    "expected an object or an array of objects, found {}",
                    kind(&other)
                ),
            ),
        )),
        Err(e) => {
            // A `.json` file that holds JSON lines is read as such when every line is an object.
            let mut lines = Loaded::default();
            parse_json_lines(path, id, text, &mut lines, None);
            if !lines.documents.is_empty() && lines.errors.is_empty() {
                out.documents.extend(lines.documents);
                out.warnings.extend(lines.warnings);
                return;
            }
            out.errors.push((
                format!("{shown}:{}", e.line().max(1)),
                json_error(e.line().max(1), serde_message(&e)),
            ));
        }
    }
}

fn parse_json_lines(path: &Path, id: &str, text: &str, out: &mut Loaded, bad: Option<usize>) {
    parse_json_lines_at(path, id, text, 1, out, bad);
}

/// A chunk of a JSON-lines file whose first line is line `first`: NUL bytes make the chunk an
/// error (a binary file), invalid UTF-8 is decoded lossily with a warning.
fn parse_json_lines_from(path: &Path, id: &str, bytes: &[u8], first: usize, out: &mut Loaded) {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        let line = first + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        out.errors.push((
            format!("{}:{line}", path.display()),
            Error::Binary {
                path: PathBuf::from(format!("{}:{line}", path.display())),
                offset,
            },
        ));
        return;
    }
    let (text, bad) = decode(bytes);
    parse_json_lines_at(path, id, &text, first, out, bad);
}

fn parse_json_lines_at(
    path: &Path,
    id: &str,
    text: &str,
    first: usize,
    out: &mut Loaded,
    bad: Option<usize>,
) {
    let shown = path.display().to_string();
    // The line holding the first invalid byte gets the decoding warning.
    let bad_line = bad.map(|offset| {
        text.as_bytes()[..offset.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + first
    });
    let mut failures = Vec::new();
    let mut loaded = 0;
    for (i, line) in text.split('\n').enumerate() {
        let n = i + first;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let result = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => document_from_json(map, &format!("{id}:{n}"), path, out),
            Ok(other) => Err(format!("expected an object, found {}", kind(&other))),
            Err(e) => Err(serde_message(&e)),
        };
        match result {
            Ok(doc) => {
                if bad_line == Some(n) {
                    out.warnings.push((
                        doc.id.clone(),
                        format!(
                            "{shown}:{n}: invalid UTF-8 at byte {}; decoded with replacement characters",
                            bad.unwrap_or(0)
                        ),
                    ));
                }
                out.documents.push(doc);
                loaded += 1;
            }
            Err(message) => failures.push((n, message)),
        }
    }
    // A pretty-printed JSON document in a `.jsonl` file: every line fails alone, the whole parses.
    if first == 1
        && loaded == 0
        && failures.len() > 1
        && serde_json::from_str::<Value>(text).is_ok()
    {
        parse_json(path, id, text, out);
        return;
    }
    for (n, message) in failures {
        out.errors.push((
            format!("{shown}:{n}"),
            Error::Json {
                path: path.to_path_buf(),
                line: n,
                message,
            },
        ));
    }
}

/// serde_json's message without its position (the line is given separately).
fn serde_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => format!("invalid JSON: {} (column {})", &s[..i], e.column()),
        None => format!("invalid JSON: {s}"),
    }
}

/// The JSON type name of a value, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An optional string field: absent and null are `None`; other types are an error.
fn string_field(
    map: &mut Map<String, Value>,
    name: &str,
) -> std::result::Result<Option<String>, String> {
    match map.remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s).filter(|s| !s.trim().is_empty())),
        Some(other) => Err(format!(
            "field {name:?}: expected a string, found {}",
            kind(&other)
        )),
    }
}

/// A document from a JSON object; `default_id` is used when it has no `id`.
fn document_from_json(
    mut map: Map<String, Value>,
    default_id: &str,
    path: &Path,
    out: &mut Loaded,
) -> std::result::Result<Document, String> {
    let id = match map.remove("id") {
        None | Some(Value::Null) => default_id.to_string(),
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::String(_)) => return Err("field \"id\" is empty".to_string()),
        Some(Value::Number(n)) if n.is_u64() || n.is_i64() => n.to_string(),
        Some(other) => {
            return Err(format!(
                "field \"id\": expected a string, found {}",
                kind(&other)
            ))
        }
    };
    let source = string_field(&mut map, "source")?;
    let title = string_field(&mut map, "title")?;
    let url = string_field(&mut map, "url")?;
    let published_raw = string_field(&mut map, "published")?;
    let text = match map.remove("text") {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::String(_)) => return Err("field \"text\" is empty".to_string()),
        None | Some(Value::Null) => return Err("missing field \"text\"".to_string()),
        Some(other) => {
            return Err(format!(
                "field \"text\": expected a string, found {}",
                kind(&other)
            ))
        }
    };
    let mut published = None;
    if let Some(p) = published_raw {
        match parse_date(&p) {
            Some(d) => published = Some(d),
            None => out.warnings.push((
                id.clone(),
                format!(
                    "{}: invalid date {p:?} in field \"published\" (expected YYYY-MM-DD or an RFC 3339 timestamp); ignored",
                    path.display()
                ),
            )),
        }
    }
    Ok(Document {
        id,
        source,
        title,
        url,
        published,
        text,
        metadata: map.into_iter().collect(),
    })
}

/// A publication date from `YYYY-MM-DD`, an RFC 3339 timestamp (the date as written, in the
/// publisher's own offset) or a civil date-time; `None` when invalid (`2025-02-30`) or unknown.
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() == 10 {
        return s.parse::<Date>().ok();
    }
    let head = s.get(..10)?;
    if s.parse::<jiff::Timestamp>().is_ok() || s.parse::<jiff::civil::DateTime>().is_ok() {
        return head.parse::<Date>().ok();
    }
    None
}

/// The raw form of one entry of a `--meta` file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    source: Option<String>,
    title: Option<String>,
    url: Option<String>,
    published: Option<RawDate>,
}

/// A date written as a string, or as a TOML date literal.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawDate {
    Text(String),
    Toml(toml::value::Datetime),
}

/// Reads a metadata file for `--meta`: a JSON object or a TOML table keyed by document id, each
/// entry with optional `source`, `title`, `url` and `published` (YYYY-MM-DD or RFC 3339; in TOML
/// also a bare date). JSON is chosen by a `.json` extension, TOML by `.toml`, else by whether the
/// file starts with `{`. Unknown fields and invalid dates are errors, so that typos show.
pub fn read_meta(path: &Path) -> Result<BTreeMap<String, DocMeta>> {
    let bytes = fs::read(path).map_err(|source| {
        if source.kind() == ErrorKind::NotFound {
            Error::Missing {
                path: path.to_path_buf(),
            }
        } else {
            Error::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    })?;
    let input = |message: String| Error::Input {
        path: path.to_path_buf(),
        message,
    };
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| input(format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    let json = match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("json") => true,
        Some("toml") => false,
        _ => text.trim_start().starts_with('{'),
    };
    let raw: BTreeMap<String, RawMeta> = if json {
        serde_json::from_str(text).map_err(|e| Error::Json {
            path: path.to_path_buf(),
            line: e.line().max(1),
            message: serde_message(&e),
        })?
    } else {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| {
                text.as_bytes()[..s.start.min(text.len())]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1
            });
            input(format!("line {line}: invalid TOML: {}", e.message().trim()))
        })?
    };
    let mut out = BTreeMap::new();
    for (id, r) in raw {
        let published = match r.published {
            None => None,
            Some(d) => {
                let s = match d {
                    RawDate::Text(s) => s,
                    RawDate::Toml(d) => d.to_string(),
                };
                Some(parse_date(&s).ok_or_else(|| {
                    input(format!(
                        "document {id:?}: invalid date {s:?} (expected YYYY-MM-DD or an RFC 3339 timestamp)"
                    ))
                })?)
            }
        };
        out.insert(
            id,
            DocMeta {
                source: r.source,
                title: r.title,
                url: r.url,
                published,
            },
        );
    }
    Ok(out)
}

/// Applies metadata to the documents of the same id: each field given replaces the document's.
pub fn apply_meta(docs: &mut [Document], meta: &BTreeMap<String, DocMeta>) {
    for d in docs {
        let Some(m) = meta.get(&d.id) else { continue };
        if let Some(s) = &m.source {
            d.source = Some(s.clone());
        }
        if let Some(t) = &m.title {
            d.title = Some(t.clone());
        }
        if let Some(u) = &m.url {
            d.url = Some(u.clone());
        }
        if let Some(p) = m.published {
            d.published = Some(p);
        }
    }
}
