//! HTML pages: the main text, readability-style, with `dom_smoothie`, and the page metadata
//! (title, publication time, site name, URL, byline) it finds in meta tags and JSON-LD.
use dom_smoothie::{Config, Readability, TextMode};

/// What an HTML page holds.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// The main text, one paragraph a line.
    pub text: String,
    /// The page title.
    pub title: Option<String>,
    /// The publication time as written in the page.
    pub published: Option<String>,
    /// The site name.
    pub site: Option<String>,
    /// The canonical URL.
    pub url: Option<String>,
    /// The author line.
    pub byline: Option<String>,
    /// The language.
    pub lang: Option<String>,
}

/// Pages with more elements than this are refused rather than parsed (memory and time bound).
const MAX_ELEMENTS: usize = 500_000;

/// Pages nested deeper than this are not given to `dom_smoothie`, whose time grows with the square
/// of the depth and whose recursion can overflow the stack; their text is taken by stripping tags.
const MAX_NESTING: usize = 256;

/// Extracts the main text and metadata of a page; `Err` says why nothing could be extracted.
pub(crate) fn extract(html: &str) -> Result<Page, String> {
    if nesting(html) > MAX_NESTING {
        let text = tidy(&strip_tags(html));
        if text.trim().is_empty() {
            return Err("no article text left after cleaning".to_string());
        }
        return Ok(Page {
            text,
            ..Page::default()
        });
    }
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let mut r = Readability::new(html, None, Some(cfg)).map_err(|e| e.to_string())?;
    let article = r.parse().map_err(|e| match e {
        dom_smoothie::ReadabilityError::GrabFailed => {
            "no article text left after cleaning".to_string()
        }
        other => other.to_string(),
    })?;
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let text = tidy(&article.text_content);
    if text.trim().is_empty() {
        return Err("no article text left after cleaning".to_string());
    }
    Ok(Page {
        text,
        title: nonempty(Some(article.title)),
        published: nonempty(article.published_time),
        site: nonempty(article.site_name),
        url: nonempty(article.url),
        byline: nonempty(article.byline),
        lang: nonempty(article.lang),
    })
}

/// One paragraph a line: lines trimmed, runs of blank lines folded into one.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = true;
    for line in s.lines() {
        let l = line.trim();
        if l.is_empty() {
            if !blank {
                out.push('\n');
                blank = true;
            }
            continue;
        }
        out.push_str(l);
        out.push('\n');
        blank = false;
    }
    out
}

/// Elements that have no end tag or whose end tag is usually left out: not counted as nesting.
const UNNESTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd", "!doctype",
];

/// An estimate of the deepest element nesting, from start and end tags alone.
fn nesting(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        let close = b.get(i) == Some(&b'/');
        let start = if close { i + 1 } else { i };
        let end = b[start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'!'))
            .map_or(b.len(), |e| start + e);
        let name = html.get(start..end).unwrap_or("").to_ascii_lowercase();
        if name.is_empty() || name.starts_with("!--") || UNNESTED.contains(&name.as_str()) {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else {
            let self_closing = b[end..]
                .iter()
                .position(|&c| c == b'>')
                .is_some_and(|gt| gt > 0 && b[end + gt - 1] == b'/');
            if !self_closing {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

/// The text of a page with its tags removed: scripts and styles dropped, block tags as line
/// breaks, the common entities decoded.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&rest[..lt], &mut out);
        rest = &rest[lt..];
        let (tag, after) = match rest.find('>') {
            Some(g) => (rest[1..g].to_ascii_lowercase(), g + 1),
            None => (rest[1..].to_ascii_lowercase(), rest.len()),
        };
        rest = &rest[after..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if !tag.starts_with('/') && (name == "script" || name == "style") {
            let end = rest
                .to_ascii_lowercase()
                .find(&format!("</{name}"))
                .unwrap_or(rest.len());
            rest = &rest[end..];
            continue;
        }
        if matches!(
            name.as_str(),
            "p" | "div"
                | "br"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "tr"
                | "article"
                | "section"
                | "header"
                | "footer"
                | "blockquote"
                | "ul"
                | "ol"
                | "table"
                | "title"
        ) {
            out.push('\n');
        }
    }
    push_text(rest, &mut out);
    out
}

/// Appends text with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&nbsp;` and numeric entities decoded.
fn push_text(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.as_bytes().iter().take(12).position(|&c| c == b';');
        let decoded = semi.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => ent
                    .strip_prefix("#x")
                    .or_else(|| ent.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}
