//! Sentence splitting: one pass of byte scanning over a paragraph, looking only at the ASCII
//! terminators (`.`, `!`, `?`) and a few multi-byte ones (`…`, `。`, `！`, `？`), with abbreviation
//! rules from `abbreviations.txt`. It allocates nothing per sentence: ranges are pushed into a
//! caller's vector, and every range starts and ends on a character boundary because it is cut only
//! next to ASCII bytes or after whole multi-byte sequences.
use rustc_hash::FxHashMap as HashMap;

/// How an abbreviation behaves before a capitalized word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// Never ends a sentence: a title or prefix before a name (`Mr.`, `Gen.`, `U.S.`).
    Prefix,
    /// Does not end a sentence before a number (`No. 5`, `Dec. 24`); ends one otherwise.
    Number,
    /// May end a sentence: does so before a capitalized word (`etc.`, `Inc.`, `p.m.`).
    Final,
}

/// Abbreviations by their exact spelling, dots included (`Dec.`, `U.S.`).
#[derive(Debug, Default)]
pub(crate) struct Abbreviations {
    map: HashMap<Box<[u8]>, AbbrevKind>,
}

/// The longest token looked up; longer ones are never abbreviations.
const MAX_ABBREV: usize = 24;

impl Abbreviations {
    /// Adds one abbreviation.
    pub(crate) fn insert(&mut self, token: &str, kind: AbbrevKind) {
        self.map.insert(token.as_bytes().into(), kind);
    }

    fn get(&self, token: &[u8]) -> Option<AbbrevKind> {
        if token.len() > MAX_ABBREV {
            return None;
        }
        self.map.get(token).copied()
    }
}

/// Bytes that may start a terminator: the ASCII ones and the lead bytes of `…`, `。`, `！`, `？`.
static TRIGGER: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Bytes [`next_trigger`] tests in one go.
const SKIP_CHUNK: usize = 32;

/// The first byte of `b[i..to]` that may start a terminator (see [`TRIGGER`]), or `to`. The hot
/// loop of splitting: chunks are first tested as a whole, in a straight loop the compiler
/// vectorizes (`.`, `!`, `?` or a lead byte from `0xE2` up), and skipped when nothing is there.
fn next_trigger(b: &[u8], mut i: usize, to: usize) -> usize {
    let to = to.min(b.len());
    while i < to {
        let chunk = b.get(i..to.min(i + SKIP_CHUNK)).unwrap_or_default();
        let candidate = chunk.iter().fold(false, |any, &c| {
            any | (c == b'.') | (c == b'!') | (c == b'?') | (c >= 0xE2)
        });
        if candidate {
            if let Some(at) = chunk.iter().position(|&c| TRIGGER[usize::from(c)]) {
                return i + at;
            }
        }
        i += chunk.len();
    }
    to
}

/// The length of the terminator at `i`, if there is one, and whether it is a full stop that
/// abbreviations may explain (a single `.`), and whether it needs no following space (CJK).
fn terminator(b: &[u8], i: usize) -> Option<(usize, bool)> {
    match b.get(i)? {
        b'.' | b'!' | b'?' => Some((1, false)),
        0xE2 if b.get(i + 1..i + 3) == Some(&[0x80, 0xA6]) => Some((3, false)),
        0xE3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => Some((3, true)),
        0xEF if matches!(b.get(i + 1..i + 3), Some([0xBC, 0x81]) | Some([0xBC, 0x9F])) => {
            Some((3, true))
        }
        _ => None,
    }
}

/// The length of a closing character at `i` that belongs to the sentence before it: quotes,
/// brackets and emphasis markup.
fn closer(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"' | b'\'' | b')' | b']' | b'*' | b'_') => 1,
        // ” ’ » and the CJK closing brackets 」 』.
        Some(0xE2) if matches!(b.get(i + 1..i + 3), Some([0x80, 0x9D]) | Some([0x80, 0x99])) => 3,
        Some(0xC2) if b.get(i + 1) == Some(&0xBB) => 2,
        Some(0xE3) if matches!(b.get(i + 1..i + 3), Some([0x80, 0x8D]) | Some([0x80, 0x8F])) => 3,
        _ => 0,
    }
}

/// The length of a whitespace character at `i` (ASCII or a no-break space), or 0.
fn space(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
        _ => 0,
    }
}

/// The length of an opening character at `i` that may precede a sentence's first letter.
fn opener(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"' | b'\'' | b'(' | b'[' | b'*' | b'_') => 1,
        Some(0xE2) if matches!(b.get(i + 1..i + 3), Some([0x80, 0x9C]) | Some([0x80, 0x98])) => 3,
        Some(0xC2) if b.get(i + 1) == Some(&0xAB) => 2,
        _ => 0,
    }
}

/// Whether the character starting at `i` is a lowercase letter.
fn is_lower_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(c) if c.is_ascii() => c.is_ascii_lowercase(),
        Some(_) => text
            .get(i..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_lowercase),
        None => false,
    }
}

/// Whether the token is one letter (an initial, `J.` or `Ş.`), its dot excluded.
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Whether the token, dot included, is a dotted acronym like `U.N.` or `e.g.` (two or more
/// segments of one or two letters each).
fn is_dotted(token: &[u8]) -> bool {
    let mut segments = 0;
    for seg in token.split(|&c| c == b'.') {
        if seg.is_empty() {
            continue;
        }
        if seg.len() > 2 || !seg.iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

/// Splits `text[from..to]` into sentences, pushing trimmed byte ranges (in `text` offsets).
pub(crate) fn split_into(
    text: &str,
    from: usize,
    to: usize,
    abbr: &Abbreviations,
    out: &mut Vec<(usize, usize)>,
) {
    let b = text.as_bytes();
    let to = to.min(b.len());
    let mut start = from;
    let mut i = from;
    while i < to {
        i = next_trigger(b, i, to);
        if i >= to {
            break;
        }
        let Some((len, cjk)) = terminator(b, i) else {
            i += 1;
            continue;
        };
        let single_dot = b[i] == b'.';
        let mut j = i + len;
        let mut more = false;
        while j < to {
            match terminator(b, j) {
                Some((l, _)) => {
                    more = true;
                    j += l;
                }
                None => break,
            }
        }
        loop {
            let c = closer(b, j);
            if c == 0 || j + c > to {
                break;
            }
            j += c;
        }
        if j >= to {
            break;
        }
        let sp = space(b, j);
        if sp == 0 && !cjk {
            // "3.5", "U.S.", "example.com", `…,"`: no space, no boundary.
            i = j.max(i + 1);
            continue;
        }
        let mut k = j;
        loop {
            let s = space(b, k);
            if s == 0 {
                break;
            }
            k += s;
        }
        if k >= to {
            break;
        }
        // Look past opening quotes to the first letter of what follows.
        let mut first = k;
        loop {
            let o = opener(b, first);
            if o == 0 {
                break;
            }
            first += o;
        }
        let boundary = if is_lower_at(text, first) {
            false
        } else if single_dot && !more {
            dot_ends_sentence(text, start, i, first, abbr)
        } else {
            true
        };
        if boundary {
            push_trimmed(text, start, j, out);
            start = k;
        }
        i = k.max(i + 1);
    }
    push_trimmed(text, start, to, out);
}

/// Whether the full stop at `dot` ends the sentence that began at `start`, given that the next
/// word starts at `next` and is not lowercase.
fn dot_ends_sentence(
    text: &str,
    start: usize,
    dot: usize,
    next: usize,
    abbr: &Abbreviations,
) -> bool {
    let b = text.as_bytes();
    let mut t = dot;
    while t > start && space(b, t - 1) == 0 && !matches!(b[t - 1], b'(' | b'[' | b'"' | b'\'') {
        t -= 1;
    }
    while t < dot && !text.is_char_boundary(t) {
        t += 1;
    }
    let token = &b[t..=dot];
    let word = text.get(t..dot).unwrap_or("");
    let next_digit = b.get(next).is_some_and(u8::is_ascii_digit);
    match abbr.get(token) {
        Some(AbbrevKind::Prefix) => return false,
        Some(AbbrevKind::Number) => return !next_digit,
        Some(AbbrevKind::Final) => return true,
        None => {}
    }
    if is_initial(word) || is_dotted(token) {
        return false;
    }
    // A list marker ("1." or "a.") at the start of a sentence is not a sentence of its own.
    let at_start = b[start..t]
        .iter()
        .all(|&c| c == b' ' || c == b'-' || c == b'*');
    if at_start && word.len() <= 2 && word.bytes().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    true
}

/// Pushes `text[s..e]` with surrounding whitespace, bullets and emphasis markup trimmed away, if
/// anything with a letter or digit is left.
/// A sentence longer than this is cut at a clause or word boundary: no news sentence is this
/// long, and the work per sentence grows faster than its length, so the cut keeps a 20 MB line
/// (or a text with no full stops) linear in time.
pub(crate) const MAX_SENTENCE_BYTES: usize = 1_000;

pub(crate) fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let (mut s, e) = trim_markup(text, s, e);
    while e > s + MAX_SENTENCE_BYTES {
        let cut = long_cut(text, s);
        push_piece(text, s, cut, out);
        s = cut;
    }
    push_piece(text, s, e, out);
}

fn push_piece(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let (s, e) = trim_markup(text, s, e);
    let has_content = text
        .get(s..e)
        .is_some_and(|t| t.chars().any(char::is_alphanumeric));
    if has_content {
        out.push((s, e));
    }
}

/// Where to cut a sentence that starts at `s` and is too long: after the last "; " or ", " in the
/// second half of the allowed length, else at the last space, else at a character boundary.
fn long_cut(text: &str, s: usize) -> usize {
    let mut end = s + MAX_SENTENCE_BYTES;
    while end > s && !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut half = s + MAX_SENTENCE_BYTES / 2;
    while half < end && !text.is_char_boundary(half) {
        half += 1;
    }
    let window = &text[half..end];
    let at = window
        .rfind("; ")
        .or_else(|| window.rfind(", "))
        .map(|i| i + 1)
        .or_else(|| window.rfind(char::is_whitespace));
    match at {
        Some(i) if half + i > s => half + i,
        _ if end > s => end,
        // A single character longer than the limit cannot happen (chars are at most 4 bytes).
        _ => text[s..]
            .chars()
            .next()
            .map_or(text.len(), |c| s + c.len_utf8()),
    }
}

/// Trims whitespace, bullet markers, heading and quote markers and emphasis markup from both ends
/// of `text[s..e]`.
pub(crate) fn trim_markup(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let b = text.as_bytes();
    e = e.min(b.len());
    loop {
        if s >= e {
            return (s, s);
        }
        let sp = space(b, s);
        if sp > 0 {
            s += sp;
            continue;
        }
        match b[s] {
            b'*' | b'_' | b'#' | b'>' => {
                s += 1;
                continue;
            }
            b'-' | b'+' if s + 1 >= e || space(b, s + 1) > 0 => {
                s += 1;
                continue;
            }
            // • – — · used as bullets when followed by a space.
            0xE2 if matches!(b.get(s + 1..s + 3), Some([0x80, 0xA2 | 0x93 | 0x94]))
                && (s + 3 >= e || space(b, s + 3) > 0) =>
            {
                s += 3;
                continue;
            }
            0xC2 if b.get(s + 1) == Some(&0xB7) && (s + 2 >= e || space(b, s + 2) > 0) => {
                s += 2;
                continue;
            }
            _ => {}
        }
        break;
    }
    loop {
        if e <= s {
            return (s, s);
        }
        let c = b[e - 1];
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'*' | b'_' | 0x0B | 0x0C) {
            e -= 1;
            continue;
        }
        if c == 0xA0 && e >= s + 2 && b[e - 2] == 0xC2 {
            e -= 2;
            continue;
        }
        break;
    }
    (s, e)
}

#[cfg(test)]
mod tests {
    use super::next_trigger;

    #[test]
    fn next_trigger_finds_terminators_past_whole_chunks() {
        let text = format!("{}. x{}… y", "a".repeat(70), "b".repeat(40));
        let b = text.as_bytes();
        assert_eq!(next_trigger(b, 0, b.len()), 70);
        assert_eq!(next_trigger(b, 71, b.len()), 113);
        assert_eq!(next_trigger(b, 0, 50), 50);
        assert_eq!(next_trigger(b, 114, b.len()), b.len());
    }
}
