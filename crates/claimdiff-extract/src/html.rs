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
    let stripped = || {
        let text = tidy(&strip_tags(html));
        if text.trim().is_empty() {
            return Err("no article text left after cleaning".to_string());
        }
        Ok(Page {
            text,
            ..Page::default()
        })
    };
    if nesting(html) > MAX_NESTING {
        return stripped();
    }
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let mut r = Readability::new(html, None, Some(cfg)).map_err(|e| e.to_string())?;
    // The estimate from tags errs on the deep side, but the parser has many rules: the parsed
    // tree is measured too, before `dom_smoothie` walks it.
    if parsed_depth(&r) > MAX_NESTING {
        return stripped();
    }
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

/// The deepest element nesting of a parsed page, up to just past [`MAX_NESTING`] (a walk without
/// recursion, in time linear in the nodes).
fn parsed_depth(r: &Readability) -> usize {
    let mut node = r.doc.root();
    let (mut depth, mut max) = (0usize, 0usize);
    loop {
        if let Some(child) = node.first_element_child() {
            node = child;
            depth += 1;
            max = max.max(depth);
            if max > MAX_NESTING {
                return max;
            }
            continue;
        }
        loop {
            if depth == 0 {
                return max;
            }
            if let Some(next) = node.next_element_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => {
                    node = parent;
                    depth -= 1;
                }
                None => return max,
            }
        }
    }
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

/// Elements that have no end tag, whose end tag is usually left out (`p`, `td`, `tr`: they nest
/// only inside elements that are counted), or that the parser does not nest in a page's body
/// (`html`, `head`, `body`, frames, and the parts of a table outside one): not counted as nesting.
const UNNESTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr", "p", "td", "th", "tr", "caption", "colgroup", "tbody", "tfoot",
    "thead", "frame", "frameset", "head", "html", "body",
];

/// Elements whose content is text, not tags (in HTML content; `noscript` is not among them, as
/// the parser runs without scripting).
const RAW_TEXT: &str = "script style xmp iframe noembed noframes textarea title plaintext";

/// Elements an end tag of another element does not close over (the parser's "special" ones): an
/// end tag with one of these open above its element is ignored.
const SPECIAL: &str =
    "address applet area article aside base basefont bgsound blockquote body br button \
     caption center col colgroup dd details dir div dl dt embed fieldset figcaption \
     figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html \
     iframe img input isindex keygen li link listing main marquee menu meta nav noembed \
     noframes noscript object ol p param plaintext pre script search section select \
     source style summary table tbody td template textarea tfoot th thead title tr \
     track ul wbr xmp mi mo mn ms mtext annotation-xml foreignobject desc";

/// Elements whose end tag may be left out: the end tag of a special element closes over them.
const IMPLIED: &str = "dd dt li optgroup option p rb rp rt rtc";

/// Formatting elements, which the parser opens again when an end tag of another element closed
/// them.
const FORMATTING: &str = "a b big code em font i nobr s small strike strong tt u";

/// Start tags that take SVG or MathML content back to HTML (the lists are of names separated by
/// spaces; `font` only with a `color`, `face` or `size` attribute).
const BREAKOUT: &str =
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 \
     head hr i img li listing menu meta nobr ol p pre ruby s small span strong strike \
     sub sup table tt u ul var";

/// SVG elements whose content is HTML.
const SVG_INTEGRATION: &str = "foreignobject desc title";

/// MathML elements whose content is HTML.
const MATH_INTEGRATION: &str = "mi mo mn ms mtext";

/// Whether `name` is in a list of names separated by spaces.
fn listed(list: &str, name: &str) -> bool {
    list.split(' ').any(|w| w == name)
}

/// An open element, as [`nesting`] sees it.
struct Open {
    /// The name, lowercase.
    name: String,
    /// 0 HTML, 1 SVG, 2 MathML.
    namespace: u8,
    /// One of [`SPECIAL`].
    special: bool,
    /// An SVG or MathML element whose content is HTML.
    integration: bool,
}

impl Open {
    /// SVG or MathML content whose children are SVG or MathML too.
    fn foreign(&self) -> bool {
        self.namespace > 0 && !self.integration
    }
}

/// Closes the element `k` of `open` and those above it; formatting elements above it stay open,
/// as the parser opens them again.
fn close_at(open: &mut Vec<Open>, k: usize) {
    let above = open.split_off(k + 1);
    open.pop();
    open.extend(above.into_iter().filter(|e| listed(FORMATTING, &e.name)));
}

/// An estimate of the deepest element nesting the HTML parser builds, from the tags alone, that
/// errs on the deep side: `<div/>` opens a div (only SVG and MathML elements close themselves); an
/// end tag closes only an element that is open, and not across a block (the parser ignores
/// `</b>` with no `b` open, and `</span>` with a `div` open inside the span); comments, attribute
/// values and the text of scripts and styles hold no tags. Stops once past [`MAX_NESTING`]: one
/// pass, linear in the text.
fn nesting(html: &str) -> usize {
    let b = html.as_bytes();
    let find = |from: usize, needle: &[u8]| {
        b.get(from..)
            .and_then(|rest| rest.windows(needle.len()).position(|w| w == needle))
            .map(|p| from + p)
    };
    let past_gt = |from: usize| find(from, b">").map_or(b.len(), |p| p + 1);
    let mut open: Vec<Open> = Vec::new();
    let mut max = 0;
    let mut i = 0;
    while let Some(off) = b
        .get(i..)
        .and_then(|rest| rest.iter().position(|&c| c == b'<'))
    {
        i += off + 1;
        match b.get(i) {
            Some(b'!') if b[i..].starts_with(b"!--") => {
                let s = i + 3;
                i = if b[s..].starts_with(b">") {
                    s + 1
                } else if b[s..].starts_with(b"->") {
                    s + 2
                } else {
                    // The comment ends at the first `-->` or `--!>`.
                    let mut j = s;
                    loop {
                        let Some(p) = find(j, b"--") else {
                            break b.len();
                        };
                        match b.get(p + 2..).unwrap_or_default() {
                            [b'>', ..] => break p + 3,
                            [b'!', b'>', ..] => break p + 4,
                            _ => j = p + 1,
                        }
                    }
                };
            }
            // In SVG and MathML, a CDATA section is text.
            Some(b'!')
                if b[i..].starts_with(b"![CDATA[") && open.last().is_some_and(Open::foreign) =>
            {
                i = find(i, b"]]>").map_or(b.len(), |p| p + 3);
            }
            Some(b'!' | b'?') => i = past_gt(i),
            Some(b'/') if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                let (name, after) = tag_name(b, i + 1);
                i = tag_end(b, after).end;
                if name == "form" {
                    // `</form>` takes the form out of the tree of open elements, and only it.
                    if let Some(k) = open.iter().rposition(|e| e.name == "form") {
                        open.remove(k);
                    }
                    continue;
                }
                // Close the element of that name, unless a block stands in between (the end tag
                // of a block closes over list items and paragraphs).
                let block = listed(SPECIAL, &name);
                for k in (0..open.len()).rev() {
                    if open[k].name == name {
                        close_at(&mut open, k);
                        break;
                    }
                    if open[k].special && !(block && listed(IMPLIED, &open[k].name)) {
                        break;
                    }
                }
            }
            Some(b'/') => i = past_gt(i),
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, after) = tag_name(b, i);
                let tag = tag_end(b, after);
                i = tag.end;
                let parent = open.last().filter(|e| e.namespace > 0);
                // In an element of MathML text, only `mglyph` and `malignmark` stay MathML.
                let parent = parent.filter(|e| {
                    e.foreign()
                        || (e.namespace == 2
                            && listed(MATH_INTEGRATION, &e.name)
                            && matches!(name.as_str(), "mglyph" | "malignmark"))
                });
                let parent = parent.map(|e| e.namespace);
                let breakout = parent.is_some()
                    && if name == "font" {
                        tag.presentational
                    } else {
                        listed(BREAKOUT, &name)
                    };
                if breakout {
                    // The parser leaves SVG and MathML: their open elements close.
                    while open.last().is_some_and(Open::foreign) {
                        open.pop();
                    }
                }
                let namespace = match name.as_str() {
                    "svg" => 1,
                    "math" => 2,
                    _ if breakout => 0,
                    _ => parent.unwrap_or(0),
                };
                if namespace > 0 {
                    if !tag.self_closing {
                        let integration = match namespace {
                            1 => listed(SVG_INTEGRATION, &name),
                            _ => {
                                listed(MATH_INTEGRATION, &name)
                                    || (name == "annotation-xml" && tag.html_encoding)
                            }
                        };
                        let special = listed(SPECIAL, &name);
                        open.push(Open {
                            name,
                            namespace,
                            special,
                            integration,
                        });
                    }
                } else if UNNESTED.contains(&name.as_str()) {
                    continue;
                } else if listed(RAW_TEXT, &name) {
                    // Its text runs to its end tag, which closes it, or to the end.
                    i = raw_text_end(b, i, &name);
                    max = max.max(open.len() + 1);
                    continue;
                } else {
                    // A list item closes the one it is in, an option the option it is in.
                    let siblings: &[&str] = match name.as_str() {
                        "li" => &["li"],
                        "dd" | "dt" => &["dd", "dt"],
                        _ => &[],
                    };
                    for k in (0..open.len()).rev() {
                        if siblings.contains(&open[k].name.as_str()) {
                            close_at(&mut open, k);
                            break;
                        }
                        if open[k].special && !listed("address div p", &open[k].name) {
                            break;
                        }
                    }
                    if matches!(name.as_str(), "option" | "optgroup")
                        && open.last().is_some_and(|e| e.name == "option")
                    {
                        open.pop();
                    }
                    let special = listed(SPECIAL, &name);
                    open.push(Open {
                        name,
                        namespace,
                        special,
                        integration: false,
                    });
                }
                max = max.max(open.len());
                if max > MAX_NESTING {
                    return max;
                }
            }
            _ => {}
        }
    }
    max
}

/// Where the text of a raw-text element `name` (`script`, `style`, …) that starts at `i` ends: at
/// its end tag (a `</script` inside `<!--<script>…</script>-->` is script text), or at the end.
fn raw_text_end(b: &[u8], mut i: usize, name: &str) -> usize {
    // Whether a tag of `name` (`</name` when `end`) starts at `j`, followed by a space, `/` or `>`.
    let tag_at = |j: usize, end: bool| {
        let open = if end { 2 } else { 1 };
        let at = j + open + name.len();
        b.get(j..j + open) == Some(if end { b"</" } else { b"<" })
            && b.get(j + open..at)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && b.get(at)
                .is_some_and(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
    };
    if name == "plaintext" {
        return b.len();
    }
    // For scripts: 0 plain, 1 inside `<!--`, 2 inside `<!--<script>`.
    let mut escaped = 0;
    while i < b.len() {
        let script = name == "script";
        if script && escaped == 0 && b[i..].starts_with(b"<!--") {
            escaped = 1;
            i += 4;
        } else if script && escaped > 0 && b[i..].starts_with(b"-->") {
            escaped = 0;
            i += 3;
        } else if escaped == 1 && tag_at(i, false) {
            escaped = 2;
            i += 1 + name.len();
        } else if escaped == 2 && tag_at(i, true) {
            escaped = 1;
            i += 2 + name.len();
        } else if tag_at(i, true) {
            return i;
        } else {
            i += 1;
        }
    }
    b.len()
}

/// The lowercase name of a tag starting at `i`, and the index after it: the parser's tag name
/// runs to a space, `/` or `>`.
fn tag_name(b: &[u8], i: usize) -> (String, usize) {
    let end = b[i..]
        .iter()
        .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        .map_or(b.len(), |p| i + p);
    (
        String::from_utf8_lossy(&b[i..end]).to_ascii_lowercase(),
        end,
    )
}

/// What [`tag_end`] reads of a tag.
struct Tag {
    /// The index after its `>`.
    end: usize,
    /// It ends with `/>`.
    self_closing: bool,
    /// It has a `color`, `face` or `size` attribute (which take a `font` out of SVG and MathML).
    presentational: bool,
    /// It has `encoding="text/html"` (or XHTML), which makes a MathML `annotation-xml` hold HTML.
    html_encoding: bool,
}

/// Reads the attributes of a tag from `j` (just past its name) as the HTML tokenizer does (quoted
/// values may hold `>`).
fn tag_end(b: &[u8], mut j: usize) -> Tag {
    let space = |b: &[u8], mut j: usize| {
        while b.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        j
    };
    let mut tag = Tag {
        end: b.len(),
        self_closing: false,
        presentational: false,
        html_encoding: false,
    };
    loop {
        j = space(b, j);
        match b.get(j) {
            None => return tag,
            Some(b'>') => {
                tag.end = j + 1;
                return tag;
            }
            Some(b'/') if b.get(j + 1) == Some(&b'>') => {
                tag.end = j + 2;
                tag.self_closing = true;
                return tag;
            }
            Some(b'/') => {
                j += 1;
                continue;
            }
            Some(_) => {}
        }
        // An attribute name (its first character may be `=`), then maybe `=` and a value.
        let start = j;
        j += 1;
        while b
            .get(j)
            .is_some_and(|&c| !(c.is_ascii_whitespace() || matches!(c, b'/' | b'>' | b'=')))
        {
            j += 1;
        }
        let name = &b[start..j];
        tag.presentational |= ["color", "face", "size"]
            .iter()
            .any(|n| name.eq_ignore_ascii_case(n.as_bytes()));
        j = space(b, j);
        if b.get(j) != Some(&b'=') {
            continue;
        }
        j = space(b, j + 1);
        let value_start;
        let value_end;
        match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                value_start = j + 1;
                value_end = b[j + 1..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| j + 1 + p);
                j = (value_end + 1).min(b.len());
            }
            _ => {
                value_start = j;
                while b
                    .get(j)
                    .is_some_and(|&c| !c.is_ascii_whitespace() && c != b'>')
                {
                    j += 1;
                }
                value_end = j;
            }
        }
        if name.eq_ignore_ascii_case(b"encoding") {
            let value = &b[value_start..value_end];
            tag.html_encoding |= value.eq_ignore_ascii_case(b"text/html")
                || value.eq_ignore_ascii_case(b"application/xhtml+xml");
        }
    }
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
            // Searched in place: lowercasing the rest for each script would take time quadratic
            // in the page.
            let close = format!("</{name}");
            let end = rest
                .as_bytes()
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
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
