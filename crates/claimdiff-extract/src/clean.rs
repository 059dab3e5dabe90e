//! Boilerplate and duplicate removal, and sentence splitting.
//!
//! The text is cut into lines, and lines into paragraph units (a line continues the one before
//! when that one stops mid-sentence and this one starts in lowercase, as in hard-wrapped text).
//! Each unit is then judged, in passes, by rules whose cue words and thresholds live in
//! `boilerplate.tsv` and `abbreviations.txt`:
//!
//! 1. markup and cue rules on the unit alone: separators, images, bare links, link lists, cue
//!    phrases (related links, footers, bylines, credits), photo credits, captions after images;
//! 2. runs of short headline-like units (navigation and "most read" lists), with or without
//!    separator lines between them; the last one is spared when body text follows it directly,
//!    since it is then the heading of that body;
//! 3. repeated paragraphs;
//! 4. the title: the first unit left, when it reads like a headline;
//! 5. section labels and stray headlines: short unpunctuated units left over;
//!
//! and what is kept is split into sentences, of which repeated ones are dropped.
use std::{hash::Hasher, ops::Range};

use aho_corasick::dfa::DFA;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::hash_map::Entry;

use claimdiff_core::{Document, DropRecord, Dropped};

use crate::{
    error::Result,
    lexicon::{lexicon_error, Sources},
    matcher::{build_automaton, each_occurrence},
    phrases::char_at,
    sentences::{split_into, trim_markup, AbbrevKind, Abbreviations},
    Lexicon,
};

const BOILERPLATE: &str = "boilerplate.tsv";
const ABBREVIATIONS: &str = "abbreviations.txt";
/// A line at least this long that stops mid-sentence is taken as hard-wrapped.
const WRAP_MIN_BYTES: usize = 50;

/// Where in a unit a cue phrase must appear.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CueAt {
    /// The whole unit is the phrase (trailing punctuation ignored).
    Line,
    /// The unit starts with the phrase, at a word boundary.
    Start,
    /// The phrase is anywhere in the unit.
    Contains,
}

/// What else a cue implies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CueThen {
    /// Nothing: the unit alone is dropped.
    Nothing,
    /// Short non-sentence units after it are a list that belongs to it.
    List,
    /// The rest of the unit must look like names (bylines): capitalized and short.
    Names,
}

#[derive(Clone, Debug)]
struct Cue {
    phrase: String,
    at: CueAt,
    rule: String,
    then: CueThen,
}

/// Rule thresholds, all settable with `set` lines in `boilerplate.tsv`.
#[derive(Clone, Copy, Debug)]
struct Thresholds {
    headline_max_words: usize,
    label_max_words: usize,
    title_max_words: usize,
    title_min_words: usize,
    list_min_items: usize,
    cue_max_words: usize,
    byline_max_words: usize,
    caption_max_words: usize,
    excerpt_chars: usize,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            headline_max_words: 16,
            label_max_words: 12,
            title_max_words: 24,
            title_min_words: 2,
            list_min_items: 3,
            cue_max_words: 20,
            byline_max_words: 8,
            caption_max_words: 40,
            excerpt_chars: 80,
        }
    }
}

/// Compiled boilerplate cues, rule thresholds and abbreviations.
#[derive(Debug, Default)]
pub struct CleanLexicon {
    cues: Vec<Cue>,
    cue_index: CueIndex,
    t: Thresholds,
    abbreviations: Abbreviations,
}

/// The cue phrases in one automaton, so that a unit is searched once for all of them.
#[derive(Debug, Default)]
struct CueIndex {
    /// Every distinct phrase, matched ASCII case-insensitively (the phrases are lowercase), all
    /// matches reported (searched with [`each_occurrence`]); `None` when there are no cues.
    automaton: Option<DFA>,
    /// The cues of each phrase (by automaton pattern), as indices in ascending order.
    cues_of: Vec<Vec<usize>>,
}

impl CueIndex {
    fn new(cues: &[Cue]) -> Result<CueIndex> {
        let mut phrases: Vec<&str> = Vec::new();
        let mut cues_of: Vec<Vec<usize>> = Vec::new();
        let mut ids: HashMap<&str, usize> = HashMap::default();
        for (i, cue) in cues.iter().enumerate() {
            let id = *ids.entry(cue.phrase.as_str()).or_insert_with(|| {
                phrases.push(&cue.phrase);
                cues_of.push(Vec::new());
                phrases.len() - 1
            });
            if let Some(list) = cues_of.get_mut(id) {
                list.push(i);
            }
        }
        if phrases.is_empty() {
            return Ok(CueIndex::default());
        }
        let automaton = build_automaton(&phrases)
            .map_err(|e| lexicon_error(BOILERPLATE, 0, format!("cue phrases: {e}")))?;
        Ok(CueIndex {
            automaton: Some(automaton),
            cues_of,
        })
    }
}

impl CleanLexicon {
    pub(crate) fn load(s: &Sources) -> Result<CleanLexicon> {
        let mut lex = CleanLexicon::default();
        for (origin, line_no, line) in s.lines(BOILERPLATE) {
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            match cols.as_slice() {
                ["set", name, value] => {
                    let v: usize = value.parse().map_err(|_| {
                        lexicon_error(origin, line_no, format!("threshold {name}: not a count: {value:?}"))
                    })?;
                    let t = &mut lex.t;
                    let slot = match *name {
                        "headline-max-words" => &mut t.headline_max_words,
                        "label-max-words" => &mut t.label_max_words,
                        "title-max-words" => &mut t.title_max_words,
                        "title-min-words" => &mut t.title_min_words,
                        "list-min-items" => &mut t.list_min_items,
                        "cue-max-words" => &mut t.cue_max_words,
                        "byline-max-words" => &mut t.byline_max_words,
                        "caption-max-words" => &mut t.caption_max_words,
                        "excerpt-chars" => &mut t.excerpt_chars,
                        _ => {
                            return Err(lexicon_error(origin, line_no, format!("unknown threshold {name:?}")))
                        }
                    };
                    *slot = v;
                }
                ["cue", at, rule, phrase, rest @ ..] if rest.len() <= 1 => {
                    let at = match *at {
                        "line" => CueAt::Line,
                        "start" => CueAt::Start,
                        "contains" => CueAt::Contains,
                        _ => {
                            return Err(lexicon_error(
                                origin,
                                line_no,
                                format!("cue position {at:?}: expected line, start or contains"),
                            ))
                        }
                    };
                    let then = match rest.first().copied().unwrap_or("-") {
                        "-" | "" => CueThen::Nothing,
                        "list" => CueThen::List,
                        "names" => CueThen::Names,
                        other => {
                            return Err(lexicon_error(
                                origin,
                                line_no,
                                format!("cue flag {other:?}: expected -, list or names"),
                            ))
                        }
                    };
                    if phrase.is_empty() || rule.is_empty() {
                        return Err(lexicon_error(origin, line_no, "empty cue phrase or rule"));
                    }
                    lex.cues.push(Cue {
                        phrase: phrase.to_lowercase(),
                        at,
                        rule: (*rule).to_string(),
                        then,
                    });
                }
                _ => {
                    return Err(lexicon_error(
                        origin,
                        line_no,
                        "expected `cue<TAB>line|start|contains<TAB>rule<TAB>phrase[<TAB>-|list|names]` or `set<TAB>name<TAB>count`",
                    ))
                }
            }
        }
        for (origin, line_no, line) in s.lines(ABBREVIATIONS) {
            let mut cols = line.split('\t').map(str::trim);
            let token = cols.next().unwrap_or("");
            let kind = match cols.next().unwrap_or("prefix") {
                "prefix" => AbbrevKind::Prefix,
                "number" => AbbrevKind::Number,
                "final" => AbbrevKind::Final,
                other => {
                    return Err(lexicon_error(
                        origin,
                        line_no,
                        format!("abbreviation kind {other:?}: expected prefix, number or final"),
                    ))
                }
            };
            if !token.ends_with('.') || token.contains(char::is_whitespace) {
                return Err(lexicon_error(
                    origin,
                    line_no,
                    format!("abbreviation {token:?}: expected one word ending with a full stop"),
                ));
            }
            lex.abbreviations.insert(token, kind);
        }
        lex.cue_index = CueIndex::new(&lex.cues)?;
        Ok(lex)
    }
}

/// One kept sentence: a byte range of the document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// First byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Index of the paragraph it belongs to.
    pub paragraph: usize,
}

/// What cleaning kept and dropped of one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cleaned {
    /// The headline, when the text starts with one.
    pub title: Option<String>,
    /// Kept sentences in text order.
    pub sentences: Vec<Sentence>,
    /// What was dropped and why.
    pub dropped: Vec<DropRecord>,
    /// Counts of what was dropped.
    pub counts: Dropped,
}

/// What has been decided about a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Keep,
    Title,
    /// Dropped with no record: separator lines that belong to a dropped list.
    Absorbed,
    Drop {
        duplicate: bool,
        reason: Reason,
    },
}

/// A rule name: either fixed, or the rule of a cue (by index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reason {
    Fixed(&'static str),
    Cue(usize),
}

/// Whether a drop may be undone when nothing else is left (the headline rules guess; the markup
/// and cue rules do not).
fn is_soft(reason: Reason) -> bool {
    matches!(
        reason,
        Reason::Fixed("headline-list" | "section-label" | "headline")
    )
}

/// A paragraph unit: one line, or hard-wrapped lines joined.
#[derive(Clone, Debug)]
struct Unit {
    /// The unit's range with markers and markup trimmed.
    cs: usize,
    ce: usize,
    /// Words, counted up to a little past the largest threshold.
    words: usize,
    /// A blank line comes before it.
    gap_before: bool,
    /// It starts with a bullet marker.
    bullet: bool,
    /// Nothing but separator characters.
    separator: bool,
    /// Ends like a sentence (`.`, `…`, `:`, `;`, `,`), closing quotes aside.
    sentence_end: bool,
    /// Ends with `?` or `!`.
    question_end: bool,
    /// Starts with a lowercase letter.
    lower_start: bool,
    state: State,
}

impl Unit {
    fn headline_like(&self, max_words: usize) -> bool {
        !self.separator && !self.sentence_end && !self.lower_start && self.words <= max_words
    }
}

/// Cleans one document and splits what is kept into sentences.
pub fn clean(doc: &Document, lex: &Lexicon) -> Cleaned {
    Cleaner {
        text: &doc.text,
        lex: &lex.clean,
    }
    .run(doc.title.as_deref())
}

/// Splits text into sentences with the rules of [`clean`] but no boilerplate removal: lines are
/// units of their own unless hard-wrapped. Returns byte ranges.
pub fn split_sentences(text: &str, lex: &Lexicon) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let c = Cleaner {
        text,
        lex: &lex.clean,
    };
    for u in c.units() {
        if !u.separator {
            split_into(text, u.cs, u.ce, &lex.clean.abbreviations, &mut out);
        }
    }
    out.into_iter().map(|(s, e)| s..e).collect()
}

struct Cleaner<'a> {
    text: &'a str,
    lex: &'a CleanLexicon,
}

/// Characters a separator line may consist of.
fn is_separator_char(c: char) -> bool {
    matches!(
        c,
        '-' | '*'
            | '_'
            | '='
            | '~'
            | '•'
            | '—'
            | '–'
            | '|'
            | '·'
            | '#'
            | '>'
            | '+'
            | '/'
            | '\\'
            | '.'
    ) || c.is_whitespace()
}

/// Closing characters skipped when looking at how a unit ends.
fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '*' | '_')
}

/// Opening characters skipped when looking at how a unit starts.
fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '“' | '‘' | '«' | '¿' | '¡')
}

/// Lowercase letters and digits of `s`, words separated by one space, as UTF-8: the key for
/// duplicates.
fn normalized(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    normalized_bytes(s, |b| out.push(b));
    out
}

/// What an ASCII byte becomes in the normalized form: letters and digits their lowercase, other
/// ASCII 0 (a word break); bytes of multi-byte characters are marked `0x80` (to be decoded).
static NORM_BYTE: [u8; 256] = {
    let mut t = [0x80; 256];
    let mut c = 0;
    while c < 0x80 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else {
            0
        };
        c += 1;
    }
    t
};

/// Feeds the normalized form of `s` (see [`normalized`]) to `emit`, byte by byte: alphanumeric
/// runs lowercased, one space between them. ASCII goes through a table (most news text is
/// ASCII); other characters are decoded and go through the Unicode tables. Returns whether
/// anything was emitted.
fn normalized_bytes(s: &str, mut emit: impl FnMut(u8)) -> bool {
    let b = s.as_bytes();
    // A non-alphanumeric character has been seen since the last alphanumeric one.
    let mut gap = false;
    let mut any = false;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let m = NORM_BYTE[usize::from(c)];
        if m == 0 {
            gap = true;
            i += 1;
            continue;
        }
        let ch = if m < 0x80 {
            i += 1;
            None
        } else {
            let Some(ch) = char_at(s, i) else { break };
            i += ch.len_utf8();
            if !ch.is_alphanumeric() {
                gap = true;
                continue;
            }
            Some(ch)
        };
        if std::mem::take(&mut gap) && any {
            emit(b' ');
        }
        any = true;
        match ch {
            None => emit(m),
            Some(ch) => {
                for lower in ch.to_lowercase() {
                    let mut utf8 = [0; 4];
                    lower.encode_utf8(&mut utf8).bytes().for_each(&mut emit);
                }
            }
        }
    }
    any
}

/// A text keyed by its normalized form, for duplicate detection without keeping the normalized
/// strings: the hash of the normalized form is computed once, and two keys are equal when their
/// normalized forms are (compared afresh, which happens only when the hashes agree).
struct NormKey<'a> {
    hash: u64,
    text: &'a str,
}

impl<'a> NormKey<'a> {
    /// The key of `text`, or `None` when its normalized form is empty.
    fn new(text: &'a str) -> Option<NormKey<'a>> {
        let mut h = rustc_hash::FxHasher::default();
        normalized_bytes(text, |b| h.write_u8(b)).then(|| NormKey {
            hash: h.finish(),
            text,
        })
    }
}

impl std::hash::Hash for NormKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for NormKey<'_> {
    fn eq(&self, other: &NormKey<'_>) -> bool {
        self.hash == other.hash && normalized(self.text) == normalized(other.text)
    }
}

impl Eq for NormKey<'_> {}

/// Texts seen so far, to tell repeats by their normalized form. Hashing the normalized form
/// costs a pass through the text, so texts are first told apart by a [`Fingerprint`], which a
/// vectorized count gives cheaply: only texts whose fingerprint was seen before are hashed (and
/// the earlier text with that fingerprint, once).
struct Repeats<'a> {
    /// For each fingerprint seen: the text with that fingerprint not hashed yet, if any.
    by_print: HashMap<Fingerprint, Option<&'a str>>,
    /// The keys of the texts hashed.
    keys: HashSet<NormKey<'a>>,
}

impl<'a> Repeats<'a> {
    /// Room for about `n` texts.
    fn with_capacity(n: usize) -> Repeats<'a> {
        Repeats {
            by_print: HashMap::with_capacity_and_hasher(n, Default::default()),
            keys: HashSet::default(),
        }
    }

    /// Whether `text` repeats an earlier one (by normalized form); if not, it is recorded. Texts
    /// that are empty when normalized are neither repeats nor recorded.
    fn seen(&mut self, text: &'a str) -> bool {
        let print = Fingerprint::of(text);
        if print.letters == 0 {
            return false;
        }
        match self.by_print.entry(print) {
            Entry::Vacant(slot) => {
                slot.insert(Some(text));
                false
            }
            Entry::Occupied(mut slot) => {
                if let Some(earlier) = slot.get_mut().take().and_then(NormKey::new) {
                    self.keys.insert(earlier);
                }
                NormKey::new(text).is_some_and(|key| !self.keys.insert(key))
            }
        }
    }
}

/// Bytes of ASCII text the counting scans look at in one go.
const CHUNK: usize = 64;

/// A summary of the normalized form of a text (see [`normalized`]), for telling texts apart
/// cheaply: the number of its bytes that are not spaces, and their sum modulo 256.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Fingerprint {
    letters: usize,
    sum: u8,
}

impl Fingerprint {
    /// The fingerprint of the normalized form of `s`. ASCII goes [`CHUNK`] bytes at a time, in a
    /// straight loop the compiler vectorizes; chunks with other characters are decoded.
    fn of(s: &str) -> Fingerprint {
        let b = s.as_bytes();
        let mut print = Fingerprint { letters: 0, sum: 0 };
        let mut i = 0;
        while let Some(rest) = b.get(i..).filter(|rest| !rest.is_empty()) {
            let chunk = rest.get(..CHUNK).unwrap_or(rest);
            let end = i + chunk.len();
            if chunk.is_ascii() {
                // Byte-wide lanes: at most 64 letters; the sum wraps.
                let (letters, sum) = chunk.iter().fold((0u8, 0u8), |(n, sum), &c| {
                    let lower = c | 0x20;
                    let letter = lower.wrapping_sub(b'a') < 26;
                    let digit = c.wrapping_sub(b'0') < 10;
                    let keep = u8::from(letter | digit);
                    (n + keep, sum.wrapping_add(lower & keep.wrapping_neg()))
                });
                print.letters += usize::from(letters);
                print.sum = print.sum.wrapping_add(sum);
                i = end;
                continue;
            }
            while i < end {
                let Some(ch) = char_at(s, i) else {
                    return print;
                };
                if ch.is_alphanumeric() {
                    for lower in ch.to_lowercase() {
                        let mut utf8 = [0; 4];
                        for byte in lower.encode_utf8(&mut utf8).bytes() {
                            print.letters += 1;
                            print.sum = print.sum.wrapping_add(byte);
                        }
                    }
                }
                i += ch.len_utf8();
            }
        }
        print
    }
}

/// The start of `s`, at most `n` characters, with an ellipsis when cut.
fn excerpt(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

/// Whether `s` starts with `prefix`, ASCII letters compared without case.
fn starts_with_ignore_ascii_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether the unit is one bare URL.
fn is_bare_url(s: &str) -> bool {
    let l = s.trim_matches(|c: char| c == '<' || c == '>');
    (l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www."))
        && !l.contains(char::is_whitespace)
}

/// Whether the unit is made of Markdown links `[text](url)` and separators alone.
fn is_link_line(s: &str) -> bool {
    let mut rest = s;
    let mut links = 0;
    loop {
        let before_end = rest.find('[').unwrap_or(rest.len());
        if !rest[..before_end].chars().all(is_separator_char) {
            return false;
        }
        rest = &rest[before_end..];
        if rest.is_empty() {
            return links > 0;
        }
        let Some(close) = rest.find("](") else {
            return false;
        };
        let Some(paren) = rest[close..].find(')') else {
            return false;
        };
        links += 1;
        rest = &rest[close + paren + 1..];
    }
}

/// Whether the unit ends with a bracketed photo credit like `[Name/Agency]` or `(Name/AFP)`.
fn ends_with_credit(s: &str) -> bool {
    let s = s.trim_end();
    let (open, close) = match s.chars().last() {
        Some(']') => ('[', ']'),
        Some(')') => ('(', ')'),
        _ => return false,
    };
    let inner = &s[..s.len() - close.len_utf8()];
    let Some(o) = inner.rfind(open) else {
        return false;
    };
    let credit = &inner[o + 1..];
    credit.contains('/')
        && !credit.contains("://")
        && credit.split('/').all(|p| {
            p.trim()
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// Whether the words of `s` look like names: each starts with a capital, a digit or is a short
/// joining word.
fn looks_like_names(s: &str, max_words: usize) -> bool {
    let s = s.trim_matches(|c: char| is_separator_char(c) || c == ',' || c.is_whitespace());
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty()
        || words.len() > max_words
        || s.ends_with('.') && !s.ends_with(". ") && words.len() > 3
    {
        return false;
    }
    let first_capital = words
        .first()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    first_capital
        && words.iter().all(|w| {
            let c = w.chars().find(|c| c.is_alphanumeric());
            c.is_none_or(|c| c.is_uppercase() || c.is_ascii_digit())
                || matches!(
                    *w,
                    "and" | "in" | "of" | "de" | "van" | "von" | "al" | "el" | "|" | "for"
                )
        })
}

impl<'a> Cleaner<'a> {
    /// Cuts the text into paragraph units.
    fn units(&self) -> Vec<Unit> {
        let text = self.text;
        let b = text.as_bytes();
        let cap = self
            .lex
            .t
            .title_max_words
            .max(self.lex.t.headline_max_words)
            + 8;
        let mut units: Vec<Unit> = Vec::new();
        let mut gap = false;
        let mut pos = 0;
        while pos < b.len() {
            let line_end = end_of_line(text, pos);
            let (cs, ce) = trim_markup(text, pos, line_end);
            let next = line_end + 1;
            let raw = text.get(pos..line_end).unwrap_or("");
            if raw.trim().is_empty() {
                gap = true;
                pos = next;
                continue;
            }
            let content = text.get(cs..ce).unwrap_or("");
            let separator = content.is_empty() || content.chars().all(is_separator_char);
            let stripped = raw.trim_start();
            let bullet = !separator
                && (stripped.starts_with("- ")
                    || stripped.starts_with("* ")
                    || stripped.starts_with("• ")
                    || stripped.starts_with("+ "));
            let (sentence_end, question_end) = ending(content);
            let lower_start = content
                .chars()
                .find(|c| !is_opening(*c))
                .is_some_and(char::is_lowercase);
            // A line continues the previous unit when that one stopped mid-sentence and this one
            // starts in lowercase (hard-wrapped text), or the previous one ends with a comma.
            if let Some(prev) = units.last_mut() {
                let prev_text = text.get(prev.cs..prev.ce).unwrap_or("");
                let open = !prev.separator && !prev.question_end && !ends_terminal(prev_text);
                // A long line that stops mid-sentence may also be continued by a number.
                let digit_start = content.starts_with(|c: char| c.is_ascii_digit())
                    && prev_text.len() >= WRAP_MIN_BYTES
                    && prev_text.ends_with(|c: char| c.is_lowercase());
                if !gap
                    && !separator
                    && !bullet
                    && open
                    && (lower_start || digit_start || prev_text.ends_with(','))
                {
                    prev.ce = ce;
                    prev.words = (prev.words + count_words(content, cap)).min(cap);
                    prev.sentence_end = sentence_end;
                    prev.question_end = question_end;
                    pos = next;
                    continue;
                }
            }
            units.push(Unit {
                cs,
                ce,
                words: count_words(content, cap),
                gap_before: gap,
                bullet,
                separator,
                sentence_end,
                question_end,
                lower_start,
                state: State::Keep,
            });
            gap = false;
            pos = next;
        }
        units
    }

    fn content(&self, u: &Unit) -> &'a str {
        self.text.get(u.cs..u.ce).unwrap_or("")
    }

    fn run(&self, given_title: Option<&str>) -> Cleaned {
        let t = self.lex.t;
        let mut units = self.units();
        self.markup_and_cues(&mut units);
        self.headline_lists(&mut units);
        // Repeated paragraphs: the first copy stays.
        let mut paragraphs = Repeats::with_capacity(units.len());
        for u in units.iter_mut().filter(|u| u.state == State::Keep) {
            if paragraphs.seen(self.content(u)) {
                u.state = State::Drop {
                    duplicate: true,
                    reason: Reason::Fixed("repeated-paragraph"),
                };
            }
        }
        let mut title = self.title(&mut units, given_title);
        self.labels(&mut units);
        // Never lose everything to the headline rules: when no body is left, undo them.
        if !units.iter().any(|u| u.state == State::Keep) {
            for u in units.iter_mut() {
                if matches!(u.state, State::Drop { reason, .. } if is_soft(reason)) {
                    u.state = State::Keep;
                }
            }
            if !units.iter().any(|u| u.state == State::Keep) {
                for u in units.iter_mut().filter(|u| u.state == State::Title) {
                    u.state = State::Keep;
                    title = None;
                }
            }
        }
        self.finish(units, title, t)
    }

    /// Pass 1: rules on a unit alone, and on the unit after an image.
    fn markup_and_cues(&self, units: &mut [Unit]) {
        let t = self.lex.t;
        let mut list_rule: Option<Reason> = None;
        let mut after_image = false;
        let heads_body: Vec<bool> = (0..units.len())
            .map(|i| {
                units.get(i + 1).is_some_and(|n| {
                    !n.gap_before && !n.separator && !n.headline_like(t.headline_max_words)
                })
            })
            .collect();
        for (i, u) in units.iter_mut().enumerate() {
            let content = self.text.get(u.cs..u.ce).unwrap_or("");
            let drop = |reason| State::Drop {
                duplicate: false,
                reason,
            };
            if u.separator {
                u.state = drop(Reason::Fixed("separator"));
                continue;
            }
            let was_after_image = std::mem::take(&mut after_image);
            if ["![", "<img", "[![", "[image"]
                .iter()
                .any(|prefix| starts_with_ignore_ascii_case(content, prefix))
            {
                u.state = drop(Reason::Fixed("image"));
                after_image = true;
                list_rule = None;
                continue;
            }
            if is_bare_url(content) {
                u.state = drop(Reason::Fixed("link"));
                continue;
            }
            if is_link_line(content) {
                u.state = drop(Reason::Fixed("link-list"));
                continue;
            }
            if u.words <= t.cue_max_words {
                if let Some(i) = self.match_cue(content) {
                    u.state = drop(Reason::Cue(i));
                    list_rule = (self.lex.cues[i].then == CueThen::List).then_some(Reason::Cue(i));
                    continue;
                }
            }
            if let Some(rule) = list_rule {
                // The list ends at a heading: a unit followed directly by body text.
                if u.headline_like(t.headline_max_words) && !heads_body[i] {
                    u.state = drop(rule);
                    continue;
                }
                list_rule = None;
            }
            if u.words <= t.caption_max_words && ends_with_credit(content) {
                u.state = drop(Reason::Fixed("photo-credit"));
                continue;
            }
            if was_after_image && u.words <= t.caption_max_words && !u.sentence_end {
                u.state = drop(Reason::Fixed("caption"));
                continue;
            }
        }
    }

    /// The first cue that matches the unit, by index. Cue phrases are lowercase and matched
    /// ASCII case-insensitively.
    fn match_cue(&self, content: &str) -> Option<usize> {
        let index = &self.lex.cue_index;
        let automaton = index.automaton.as_ref()?;
        // The unit without trailing punctuation, for whole-unit cues.
        let bare_len = content
            .trim_end_matches(|c: char| {
                c.is_ascii_punctuation() || c.is_whitespace() || is_closing(c)
            })
            .len();
        let mut best: Option<usize> = None;
        each_occurrence(automaton, content.as_bytes(), |pattern, start, end| {
            for &i in index.cues_of.get(pattern.as_usize()).into_iter().flatten() {
                if best.is_some_and(|b| b <= i) {
                    break;
                }
                if self.cue_holds(i, content, start, end, bare_len) {
                    best = Some(i);
                    break;
                }
            }
        });
        best
    }

    /// Whether cue `i`, whose phrase matches `content[start..end]`, applies to the unit.
    fn cue_holds(
        &self,
        i: usize,
        content: &str,
        start: usize,
        end: usize,
        bare_len: usize,
    ) -> bool {
        let Some(c) = self.lex.cues.get(i) else {
            return false;
        };
        let hit = match c.at {
            CueAt::Line => start == 0 && end == bare_len,
            CueAt::Start => {
                start == 0
                    && (c.phrase.ends_with(|ch: char| !ch.is_alphanumeric())
                        || !content
                            .get(end..)
                            .is_some_and(|rest| rest.starts_with(char::is_alphanumeric)))
            }
            CueAt::Contains => true,
        };
        hit && (c.then != CueThen::Names
            || content
                .get(c.phrase.len()..)
                .is_some_and(|rest| looks_like_names(rest, self.lex.t.byline_max_words)))
    }

    /// Pass 2: runs of short headline-like units are navigation or headline lists.
    fn headline_lists(&self, units: &mut [Unit]) {
        let t = self.lex.t;
        let n = units.len();
        let mut i = 0;
        while i < n {
            if !(units[i].state == State::Keep && units[i].headline_like(t.headline_max_words)) {
                i += 1;
                continue;
            }
            // Collect the run: headline-like units, with separators between them.
            let mut items = vec![i];
            let mut j = i + 1;
            while j < n {
                let u = &units[j];
                if u.separator {
                    j += 1;
                    continue;
                }
                if u.state == State::Keep && u.headline_like(t.headline_max_words) {
                    items.push(j);
                    j += 1;
                    continue;
                }
                break;
            }
            // The last item is the heading of the body that follows it directly.
            if let Some(&last) = items.last() {
                if last + 1 < n && last + 1 == j {
                    let next = &units[j];
                    if next.state == State::Keep
                        && !next.gap_before
                        && !next.headline_like(t.headline_max_words)
                    {
                        items.pop();
                    }
                }
            }
            if items.len() >= t.list_min_items.max(2) {
                let (first, last) = (items[0], items[items.len() - 1]);
                for &k in &items {
                    units[k].state = State::Drop {
                        duplicate: false,
                        reason: Reason::Fixed("headline-list"),
                    };
                }
                // Separator lines inside the run, and right next to it, are part of the list.
                let lo = if first > 0 && units[first - 1].separator {
                    first - 1
                } else {
                    first
                };
                let hi = if last + 1 < n && units[last + 1].separator {
                    last + 1
                } else {
                    last
                };
                for u in &mut units[lo..=hi] {
                    if u.separator {
                        u.state = State::Absorbed;
                    }
                }
            }
            i = j.max(i + 1);
        }
    }

    /// Pass 4: the title, and short kicker labels before it.
    fn title(&self, units: &mut [Unit], given: Option<&str>) -> Option<String> {
        let t = self.lex.t;
        let kept: Vec<usize> = units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.state == State::Keep)
            .map(|(i, _)| i)
            .collect();
        let mut idx = kept.iter().copied();
        let mut first = idx.next()?;
        if let Some(given) = given {
            let content = self.content(&units[first]);
            if normalized(content) == normalized(given) {
                units[first].state = State::Title;
                return Some(content.to_string());
            }
            return None;
        }
        // Short labels ("Security", "World") before a headline are kickers.
        let mut kickers = Vec::new();
        while units[first].headline_like(t.headline_max_words)
            && units[first].words < t.title_min_words
        {
            kickers.push(first);
            first = idx.next()?;
        }
        let u = &units[first];
        let others = kept.len() - kickers.len() > 1;
        if others && !u.bullet && !u.sentence_end && !u.lower_start && u.words <= t.title_max_words
        {
            for k in kickers {
                units[k].state = State::Drop {
                    duplicate: false,
                    reason: Reason::Fixed("section-label"),
                };
            }
            units[first].state = State::Title;
            return Some(self.content(&units[first]).to_string());
        }
        None
    }

    /// Pass 5: short unpunctuated units left are section labels (before body text) or stray
    /// headlines; bullets among sentence bullets are spared.
    fn labels(&self, units: &mut [Unit]) {
        let t = self.lex.t;
        let kept: Vec<usize> = units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.state == State::Keep)
            .map(|(i, _)| i)
            .collect();
        for (pos, &i) in kept.iter().enumerate() {
            let u = &units[i];
            if !u.headline_like(t.label_max_words) {
                continue;
            }
            let prev = pos
                .checked_sub(1)
                .and_then(|p| kept.get(p))
                .map(|&k| &units[k]);
            let next = kept.get(pos + 1).map(|&k| &units[k]);
            if u.bullet
                && [prev, next]
                    .iter()
                    .flatten()
                    .any(|o| o.bullet && o.sentence_end)
            {
                continue;
            }
            let before_body = next.is_some_and(|n| !n.headline_like(t.label_max_words));
            units[i].state = State::Drop {
                duplicate: false,
                reason: Reason::Fixed(if before_body {
                    "section-label"
                } else {
                    "headline"
                }),
            };
        }
    }

    /// Splits kept units into sentences, drops repeated sentences and writes the records.
    fn finish(&self, units: Vec<Unit>, title: Option<String>, t: Thresholds) -> Cleaned {
        let mut out = Cleaned {
            title,
            ..Cleaned::default()
        };
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let mut sentences = Repeats::with_capacity(units.len());
        let mut paragraph = 0;
        for u in &units {
            match u.state {
                State::Keep => {
                    ranges.clear();
                    split_into(self.text, u.cs, u.ce, &self.lex.abbreviations, &mut ranges);
                    let mut any = false;
                    for &(s, e) in &ranges {
                        let sentence = self.text.get(s..e).unwrap_or("");
                        // Sentences are never empty when normalized (they hold a letter or digit).
                        if sentences.seen(sentence) {
                            out.dropped.push(DropRecord {
                                class: "duplicate".to_string(),
                                reason: "repeated-sentence".to_string(),
                                span: [s, e],
                                excerpt: excerpt(sentence, t.excerpt_chars),
                            });
                            continue;
                        }
                        any = true;
                        out.sentences.push(Sentence {
                            start: s,
                            end: e,
                            paragraph,
                        });
                    }
                    if any {
                        paragraph += 1;
                    }
                }
                State::Drop { duplicate, reason } => {
                    let rule = match reason {
                        Reason::Fixed(r) => r,
                        Reason::Cue(i) => self
                            .lex
                            .cues
                            .get(i)
                            .map(|c| c.rule.as_str())
                            .unwrap_or("cue"),
                    };
                    out.dropped.push(DropRecord {
                        class: if duplicate {
                            "duplicate"
                        } else {
                            "boilerplate"
                        }
                        .to_string(),
                        reason: rule.to_string(),
                        span: [u.cs, u.ce],
                        excerpt: excerpt(self.content(u), t.excerpt_chars),
                    });
                }
                State::Title | State::Absorbed => {}
            }
        }
        out.dropped.sort_by_key(|d| d.span);
        for d in &out.dropped {
            if d.class == "duplicate" {
                out.counts.duplicate += 1;
            } else {
                out.counts.boilerplate += 1;
            }
        }
        out
    }
}

/// The end of the line starting at `pos` (the index of its `\n`, or the text length).
fn end_of_line(text: &str, pos: usize) -> usize {
    text.get(pos..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |i| pos + i)
}

/// Bytes of ASCII text [`count_words`] looks at in one go.
const WORD_CHUNK: usize = 64;

/// Counts whitespace-separated words (as [`str::split_whitespace`] does), stopping at `cap`.
/// ASCII text goes [`WORD_CHUNK`] bytes at a time (the last chunk padded with spaces); from the
/// first chunk that is not ASCII on, characters are decoded.
fn count_words(s: &str, cap: usize) -> usize {
    let mut words = 0;
    let mut prev_space = true;
    let mut ascii_len = 0;
    for chunk in s.as_bytes().chunks(WORD_CHUNK) {
        if words >= cap || !chunk.is_ascii() {
            break;
        }
        let mut padded = [b' '; WORD_CHUNK];
        padded.iter_mut().zip(chunk).for_each(|(p, &c)| *p = c);
        words += ascii_word_starts(&padded, &mut prev_space);
        ascii_len += chunk.len();
    }
    for c in s.get(ascii_len..).unwrap_or("").chars() {
        if words >= cap {
            break;
        }
        let space = c.is_whitespace();
        words += usize::from(prev_space && !space);
        prev_space = space;
    }
    words.min(cap)
}

/// The number of word starts (a non-space after a space) in ASCII `chunk`, `prev_space` telling
/// whether the byte before it is a space, and updated to whether its last byte is one. Two
/// straight loops, which the compiler vectorizes: one marks the spaces, one counts the starts.
fn ascii_word_starts(chunk: &[u8; WORD_CHUNK], prev_space: &mut bool) -> usize {
    let mut space = [0u8; WORD_CHUNK];
    for (sp, &c) in space.iter_mut().zip(chunk) {
        *sp = u8::from(c == b' ' || c.wrapping_sub(b'\t') <= b'\r' - b'\t');
    }
    let mut before = [0u8; WORD_CHUNK];
    before[0] = u8::from(*prev_space);
    before[1..].copy_from_slice(&space[..WORD_CHUNK - 1]);
    *prev_space = space[WORD_CHUNK - 1] == 1;
    // At most one start in two bytes: the count fits a byte.
    let starts = before
        .iter()
        .zip(&space)
        .fold(0u8, |n, (&b, &s)| n + (b & !s & 1));
    usize::from(starts)
}

/// How a unit ends, closing quotes and markup aside: (like a sentence, with `?` or `!`).
fn ending(s: &str) -> (bool, bool) {
    match s.trim_end().trim_end_matches(is_closing).chars().last() {
        Some('.' | '…' | '。' | ':' | ';' | ',') => (true, false),
        Some('?' | '!' | '？' | '！') => (false, true),
        _ => (false, false),
    }
}

/// Whether a unit ends with a sentence terminator (so that the next line cannot continue it).
fn ends_terminal(s: &str) -> bool {
    matches!(
        s.trim_end().trim_end_matches(is_closing).chars().last(),
        Some('.' | '…' | '。' | '?' | '!' | '？' | '！' | ':' | ';')
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The normalized form, written the plain way.
    fn reference_normalize(s: &str) -> String {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Text mixing ASCII, Unicode letters and spaces, and runs longer than a chunk.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                "[a-zA-Z0-9 .,!?\t\n]{0,80}",
                Just("\u{a0}".to_string()),
                Just("\u{3000}".to_string()),
                Just("İ".to_string()),
                Just("\u{212a}".to_string()),
                Just("Ärzte’ “Zitat”".to_string()),
                Just("\u{85}\u{2028}\u{b}".to_string()),
            ],
            0..12,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn count_words_matches_split_whitespace(s in text(), cap in 0usize..40) {
            prop_assert_eq!(count_words(&s, cap), s.split_whitespace().take(cap).count());
        }

        #[test]
        fn normalized_matches_reference(s in text()) {
            let expected = reference_normalize(&s);
            prop_assert_eq!(normalized(&s), expected.as_bytes().to_vec());
            let print = Fingerprint::of(&s);
            prop_assert_eq!(print.letters, expected.bytes().filter(|&b| b != b' ').count());
            let sum = expected.bytes().filter(|&b| b != b' ').fold(0u8, u8::wrapping_add);
            prop_assert_eq!(print.sum, sum);
        }

        #[test]
        fn repeats_are_equal_normalized_forms(a in text(), b in text()) {
            let mut seen = Repeats::with_capacity(2);
            prop_assert!(!seen.seen(&a));
            let same = !reference_normalize(&a).is_empty()
                && reference_normalize(&a) == reference_normalize(&b);
            prop_assert_eq!(seen.seen(&b), same);
        }
    }
}
