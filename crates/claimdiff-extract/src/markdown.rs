//! Markdown to plain text: markup is dropped, the words are kept. Block markup is handled line by
//! line (headings, quotes, list markers, rules, fences, tables, image lines, link definitions,
//! front matter); inline markup by one scan per line (links to their text, images removed,
//! emphasis, code and escapes unwrapped). It is not a full CommonMark parser: the aim is the text a
//! reader sees, with one paragraph or list item per line.

/// What a Markdown file holds: its text, a title and front-matter fields.
#[derive(Debug, Default)]
pub(crate) struct Markdown {
    /// The plain text.
    pub text: String,
    /// The title: from front matter, else the first level-one heading.
    pub title: Option<String>,
    /// `key: value` pairs of a leading `---` front-matter block, keys lowercased.
    pub front: Vec<(String, String)>,
}

/// How deep link texts inside link texts are unwrapped before the rest is kept as it is.
const MAX_DEPTH: usize = 8;
/// How far a scan for a closing bracket goes, so that lines full of `[` stay linear.
const MAX_SCAN: usize = 512;

/// Converts Markdown to plain text.
pub(crate) fn to_text(src: &str) -> Markdown {
    let mut md = Markdown::default();
    let mut lines = src.lines().peekable();
    // Front matter: a `---` line first, up to the next `---` or `...` line.
    if src.starts_with("---") && src.lines().next().is_some_and(|l| l.trim_end() == "---") {
        let body: Vec<&str> = src.lines().skip(1).take(200).collect();
        if let Some(end) = body
            .iter()
            .position(|l| matches!(l.trim_end(), "---" | "..."))
        {
            for l in &body[..end] {
                if let Some((k, v)) = l.split_once(':') {
                    let v = v.trim().trim_matches(|c| c == '"' || c == '\'').trim();
                    if !v.is_empty() && !k.trim().is_empty() && !k.starts_with(char::is_whitespace)
                    {
                        md.front.push((k.trim().to_lowercase(), v.to_string()));
                    }
                }
            }
            for _ in 0..end + 2 {
                lines.next();
            }
        }
    }
    md.title = md
        .front
        .iter()
        .find(|(k, _)| k == "title")
        .map(|(_, v)| v.clone());
    let mut out = String::with_capacity(src.len());
    let mut fenced = false;
    let mut last_blank = true;
    for raw in lines {
        let line = raw.trim_end_matches(['\r', '\\']).trim_end();
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            out.push_str(line);
            out.push('\n');
            last_blank = line.is_empty();
            continue;
        }
        // Setext underlines and thematic breaks: a blank line (a paragraph break).
        let rule_chars =
            !t.is_empty() && t.chars().all(|c| matches!(c, '-' | '=' | '*' | '_' | ' '));
        if rule_chars && t.chars().filter(|c| !c.is_whitespace()).count() >= 3 {
            if !last_blank {
                out.push('\n');
                last_blank = true;
            }
            continue;
        }
        if is_image_line(t) || is_link_definition(t) || is_table_rule(t) {
            continue;
        }
        let mut rest = t;
        while let Some(r) = rest.strip_prefix('>') {
            rest = r.trim_start();
        }
        let hashes = rest.bytes().take_while(|&c| c == b'#').count();
        let mut heading = false;
        if (1..=6).contains(&hashes) && rest[hashes..].starts_with([' ', '\t']) {
            rest = rest[hashes..].trim().trim_end_matches('#').trim_end();
            heading = true;
        }
        let mut bullet = "";
        for marker in ["* ", "+ ", "- "] {
            if let Some(r) = rest.strip_prefix(marker) {
                rest = r.trim_start();
                bullet = "- ";
                break;
            }
        }
        if rest.starts_with('|') && rest.ends_with('|') && rest.len() > 1 {
            rest = rest[1..rest.len() - 1].trim();
        }
        let start = out.len();
        out.push_str(bullet);
        inline(rest, &mut out, 0);
        if out[start..].trim().is_empty() {
            out.truncate(start);
            if !last_blank {
                out.push('\n');
                last_blank = true;
            }
            continue;
        }
        if heading && hashes == 1 && md.title.is_none() {
            md.title = Some(out[start..].trim().to_string());
        }
        out.push('\n');
        last_blank = false;
    }
    md.text = out;
    md
}

fn is_image_line(t: &str) -> bool {
    (t.starts_with("![") || t.starts_with("[![")) && {
        let mut s = String::new();
        inline(t, &mut s, 0);
        s.trim().is_empty()
    }
}

fn is_link_definition(t: &str) -> bool {
    t.starts_with('[')
        && t.find("]:")
            .is_some_and(|i| !t[1..i].contains('[') && t[i + 2..].trim_start().len() > 1)
}

fn is_table_rule(t: &str) -> bool {
    t.contains('-') && t.contains('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The byte range of the bracketed text starting at `open` (which holds `[`) and the index after
/// the link that follows it (`(url)` or `[ref]`), if it is a link.
fn link_at(s: &str, open: usize) -> Option<(usize, usize, usize)> {
    let b = s.as_bytes();
    let close = matching(b, open, b'[', b']')?;
    match b.get(close + 1) {
        Some(b'(') => {
            let end = matching(b, close + 1, b'(', b')')?;
            Some((open + 1, close, end + 1))
        }
        Some(b'[') => {
            let end = matching(b, close + 1, b'[', b']')?;
            Some((open + 1, close, end + 1))
        }
        _ => None,
    }
}

/// The index of the bracket closing the one at `open`, nesting counted, within [`MAX_SCAN`].
fn matching(b: &[u8], open: usize, o: u8, c: u8) -> Option<usize> {
    let mut depth = 0usize;
    let end = b.len().min(open.saturating_add(MAX_SCAN));
    let mut i = open;
    while i < end {
        let x = b[i];
        if x == b'\\' {
            i += 2;
            continue;
        }
        if x == o {
            depth += 1;
        } else if x == c {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// Appends `s` with its inline markup removed.
fn inline(s: &str, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        out.push_str(s);
        return;
    }
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.push(b[i + 1] as char);
                i += 2;
                continue;
            }
            b'!' if b.get(i + 1) == Some(&b'[') => {
                if let Some((_, _, after)) = link_at(s, i + 1) {
                    i = after;
                    continue;
                }
            }
            b'[' => {
                if let Some((ts, te, after)) = link_at(s, i) {
                    inline(&s[ts..te], out, depth + 1);
                    i = after;
                    continue;
                }
            }
            b'`' => {
                i += 1;
                continue;
            }
            b'*' | b'_' | b'~' => {
                let run = b[i..].iter().take_while(|&&x| x == c).count();
                let prev = i.checked_sub(1).map(|p| b[p]);
                let next = b.get(i + run).copied();
                let alnum =
                    |x: Option<u8>| x.is_some_and(|x| x.is_ascii_alphanumeric() || x >= 0x80);
                let space = |x: Option<u8>| x.is_none_or(|x| x.is_ascii_whitespace());
                let markup = match (c, run) {
                    (b'~', 1) => false,
                    (_, r) if r >= 2 => true,
                    // A lone `_` inside a word (snake_case) is not emphasis.
                    (b'_', _) => !(alnum(prev) && alnum(next)),
                    // A lone `*` with spaces on both sides is an asterisk.
                    _ => !(space(prev) && space(next)),
                };
                if markup {
                    i += run;
                    continue;
                }
                out.push_str(&s[i..i + run]);
                i += run;
                continue;
            }
            b'<' => {
                let rest = &s[i + 1..];
                if let Some(end) = rest.find('>') {
                    let inner = &rest[..end];
                    if (inner.starts_with("http://")
                        || inner.starts_with("https://")
                        || inner.starts_with("mailto:"))
                        && !inner.contains(char::is_whitespace)
                    {
                        out.push_str(inner);
                        i += end + 2;
                        continue;
                    }
                    let lower = inner.to_ascii_lowercase();
                    if lower == "br" || lower.starts_with("br ") || lower.starts_with("br/") {
                        out.push(' ');
                        i += end + 2;
                        continue;
                    }
                }
            }
            _ => {}
        }
        // Copy one whole character.
        let len = utf8_len(c);
        let end = (i + len).min(b.len());
        out.push_str(s.get(i..end).unwrap_or(""));
        i = end;
    }
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}
