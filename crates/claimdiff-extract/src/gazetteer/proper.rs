//! Capitalised names the gazetteer does not know: people and organisations, with their short
//! forms (a later surname, an acronym in parentheses, a bare "Foreign Ministry") linked to the
//! full name within one document.
//!
//! Names are runs of capitalised words, joined by spaces only (so punctuation and line breaks end
//! them), with lowercase connectors inside ("Ministry of Defence", "Osama bin Laden"). Titles
//! before a name are cut off but mark a person; words that start sentences are dropped when the
//! document also uses them in lowercase; headlines and single sentence-initial words only count
//! when they repeat a name found elsewhere. The kind comes from cues in the gazetteer file.
use std::{borrow::Cow, cell::OnceCell};

use rustc_hash::FxHashMap as HashMap;

use claimdiff_core::{fold_char, slug, Entity, EntityKind};

use super::{Cues, EntityMention, Gazetteer, MentionKind, WordSet};

/// One word of a sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Tok {
    start: usize,
    /// End of the word without a possessive suffix.
    end: usize,
    /// End including the possessive suffix.
    raw_end: usize,
    possessive: bool,
    cap: bool,
    /// Begins a sentence, a quotation, a clause after a colon, or a line.
    initial: bool,
    /// Separated from the word before only by spaces (or ". " after an initial or title).
    joins: bool,
    /// Part of a gazetteer mention.
    covered: bool,
    line: usize,
}

/// What a name's context says about its kind.
#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    org: bool,
    title: bool,
    first_name: bool,
    surname: bool,
    speech: bool,
    acronym: bool,
    /// An event, law or thing ("Storm Goretti", "Paris Agreement").
    other: bool,
    /// A place: after "in" or "near", or before or ending in "district", "valley".
    place: bool,
}

impl Flags {
    fn or(self, o: Flags) -> Flags {
        Flags {
            org: self.org || o.org,
            title: self.title || o.title,
            first_name: self.first_name || o.first_name,
            surname: self.surname || o.surname,
            speech: self.speech || o.speech,
            acronym: self.acronym || o.acronym,
            other: self.other || o.other,
            place: self.place || o.place,
        }
    }

    fn kind(self, words: usize) -> EntityKind {
        if self.other {
            EntityKind::Other
        } else if self.org {
            EntityKind::Organisation
        } else if self.title || self.first_name || self.surname {
            EntityKind::Person
        } else if self.place {
            EntityKind::Place
        } else if self.acronym {
            EntityKind::Organisation
        } else if self.speech && words <= 3 {
            EntityKind::Person
        } else {
            EntityKind::Other
        }
    }
}

/// A capitalised name found in a sentence, before linking.
#[derive(Clone, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    words: usize,
    weak: bool,
    flags: Flags,
    /// A gazetteer place or country right before an organisation or event name ("Russian",
    /// "Moscow"): where it starts, and its id.
    qualifier: Option<(usize, String)>,
    /// An acronym in parentheses right after the name.
    acronym: Option<(usize, usize)>,
}

/// An entity found in the document.
#[derive(Debug)]
struct Found {
    id: String,
    name: String,
    words: Folded,
    flags: Flags,
    aliases: Vec<String>,
    within: Option<String>,
    first: usize,
    /// The unqualified name of a qualified organisation ("foreign-ministry").
    bare: Option<String>,
}

/// Finds capitalised names in the sentence ranges that the gazetteer mentions do not cover.
pub(super) fn find_proper(
    text: &str,
    ranges: &[(usize, usize)],
    gaz: &Gazetteer,
    known: &mut [EntityMention],
) -> (Vec<EntityMention>, Vec<Entity>) {
    let cues = &gaz.cues;
    // The words of all sentences in one buffer; each sentence is a range of it. Words average
    // more than six bytes with the space after them, so it seldom grows.
    let bytes: usize = ranges.iter().map(|&(s, e)| e.saturating_sub(s)).sum();
    let mut toks: Vec<Tok> = Vec::with_capacity(bytes / 6 + 1);
    let mut sentences: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for &(s, e) in ranges {
        let first = toks.len();
        tokenize(text, s, e, cues, &mut toks);
        sentences.push((first, toks.len()));
    }
    cover(&mut toks, known);
    let lower = lowercase_words(text, &toks);

    let mut scratch = Scratch::default();
    let mut candidates = Vec::new();
    for &(first, end) in &sentences {
        let Some(toks) = toks.get(first..end) else {
            continue;
        };
        scratch.headline.reset(toks);
        spans(
            text,
            toks,
            &mut scratch,
            cues,
            &lower,
            gaz,
            known,
            &mut candidates,
        );
    }
    // A place that begins a longer name ("Paris Agreement", "Moscow City Court") stands for
    // nothing but itself there.
    for c in &candidates {
        if let Some((at, _)) = &c.qualifier {
            let k = known.partition_point(|m| m.start < *at);
            if let Some(m) = known.get_mut(k).filter(|m| m.start == *at) {
                if m.kind == MentionKind::Metonym {
                    m.kind = MentionKind::Name;
                }
            }
        }
    }
    link(text, candidates, gaz)
}

/// Words that start a sentence and that the document also writes in lowercase
/// ("Investigators … investigators"), in lowercase.
fn lowercase_words(text: &str, toks: &[Tok]) -> WordSet {
    let word = |t: &Tok| text.get(t.start..t.end).unwrap_or_default();
    let mut wanted = WordSet::default();
    let mut buf = String::new();
    for t in toks.iter().filter(|t| t.initial && t.cap) {
        buf.clear();
        push_lowercase(word(t), &mut buf);
        if !buf.is_empty() && !wanted.contains(&buf) {
            wanted.insert(buf.clone());
        }
    }
    // Each word moves to `lower` at its first lowercase use, so later ones are hashed once.
    let mut lower = WordSet::default();
    let bytes = text.as_bytes();
    for t in toks {
        if wanted.is_empty() {
            break;
        }
        // Most words are rejected by the prefilter from their first and last bytes and length
        // alone, without being sliced (an empty word never passes it).
        let passes = t.start < t.end
            && match (bytes.get(t.start), bytes.get(t.end - 1)) {
                (Some(&f), Some(&l)) => wanted.may_hold(f, l, t.end - t.start),
                _ => false,
            };
        if !passes {
            continue;
        }
        let w = word(t);
        if !w.is_empty() && wanted.remove(w) {
            lower.insert(w.to_string());
        }
    }
    lower
}

/// Appends `word` lowercased (as by [`str::to_lowercase`]) to `out`.
fn push_lowercase(word: &str, out: &mut String) {
    if word.is_ascii() {
        let from = out.len();
        out.push_str(word);
        if let Some(added) = out.get_mut(from..) {
            added.make_ascii_lowercase();
        }
    } else {
        out.push_str(&word.to_lowercase());
    }
}

/// True when `word` lowercased (as by [`str::to_lowercase`]) is `lower`.
fn lowercase_is(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.eq_ignore_ascii_case(lower)
    } else {
        word.to_lowercase() == lower
    }
}

/// The character at byte `i` of `s` and its length in bytes (`i` must be a character
/// boundary, else `None`).
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    match *s.as_bytes().get(i)? {
        b if b.is_ascii() => Some((char::from(b), 1)),
        _ => s.get(i..)?.chars().next().map(|c| (c, c.len_utf8())),
    }
}

/// Appends the words of `text[s..e]` to `toks`: runs of letters and digits, joined by inner
/// hyphens and apostrophes ("al-Assad", "O'Brien"), and "&" on its own.
fn tokenize(text: &str, s: usize, e: usize, cues: &Cues, toks: &mut Vec<Tok>) {
    let Some(sentence) = text.get(s..e) else {
        return;
    };
    let mut words = WordBuilder::new(text, s, cues, toks);
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() && !is_word_byte(b) {
            if b == b'&' {
                words.push(s + i, s + i + 1, Inner::default());
            }
            i += 1;
            continue;
        }
        let Some((c, len)) = char_at(sentence, i) else {
            break;
        };
        if !c.is_alphanumeric() {
            i += len;
            continue;
        }
        let (end, inner) = word_end(sentence, i);
        words.push(s + i, s + end, inner);
        i = end;
    }
}

/// Which bytes are ASCII letters and digits, the bulk of every word.
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// True for an ASCII letter or digit (one table read instead of two range tests).
#[inline(always)]
fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// The end of the word that starts at byte `i` of `sentence` (a letter or digit), and the
/// joining characters inside it.
#[inline(always)]
fn word_end(sentence: &str, mut i: usize) -> (usize, Inner) {
    let bytes = sentence.as_bytes();
    let mut inner = Inner::default();
    loop {
        i += bytes.get(i..).map_or(0, |r| {
            r.iter().position(|&b| !is_word_byte(b)).unwrap_or(r.len())
        });
        let Some((c, len)) = char_at(sentence, i) else {
            return (i, inner);
        };
        let joiner = matches!(c, '-' | '\'' | '\u{2019}')
            && char_at(sentence, i + len).is_some_and(|(n, _)| n.is_alphanumeric());
        if joiner {
            inner.hyphen |= c == '-';
            inner.apostrophe |= c != '-';
        } else if c.is_ascii() || !c.is_alphanumeric() {
            return (i, inner);
        }
        i += len;
    }
}

/// The joining characters inside a word, which the tokenizer sees anyway.
#[derive(Clone, Copy, Debug, Default)]
struct Inner {
    /// A hyphen ("al-Assad", "Kremlin-backed").
    hyphen: bool,
    /// An apostrophe ("O'Brien", "Russia's").
    apostrophe: bool,
}

/// Turns the word bounds of one sentence into tokens, in order.
struct WordBuilder<'a> {
    text: &'a str,
    /// Where the sentence starts.
    from: usize,
    cues: &'a Cues,
    /// Where the sentence's words start in `toks` (the previous word is the last one after it).
    first: usize,
    /// Line breaks seen so far in the sentence.
    line: usize,
    /// Where the previous word of the sentence ends, unless it is possessive (or there is none):
    /// a word one space after it is built by [`WordBuilder::push`]'s fast path.
    plain_after: Option<usize>,
    toks: &'a mut Vec<Tok>,
}

impl<'a> WordBuilder<'a> {
    /// A builder for the words of the sentence of `text` starting at byte `from`, appended to
    /// `toks`.
    fn new(text: &'a str, from: usize, cues: &'a Cues, toks: &'a mut Vec<Tok>) -> WordBuilder<'a> {
        WordBuilder {
            text,
            from,
            cues,
            first: toks.len(),
            line: 0,
            plain_after: None,
            toks,
        }
    }

    /// Adds the word `text[start..raw_end]`, with the joining characters it holds.
    #[inline(always)]
    fn push(&mut self, start: usize, raw_end: usize, inner: Inner) {
        let tok = self
            .after_space(start, raw_end, inner)
            .unwrap_or_else(|| self.build(start, raw_end, inner));
        self.plain_after = (!tok.possessive).then_some(tok.raw_end);
        self.toks.push(tok);
    }

    /// The most common word, built without looking at the word before: a plain word (ASCII
    /// first byte, no hyphen or apostrophe) one space after a word that is not possessive. It
    /// joins that word and does not begin a sentence (a single space is neither a period, a
    /// line break nor an opener). `None` for any other word, which [`WordBuilder::build`] makes.
    #[inline(always)]
    fn after_space(&self, start: usize, raw_end: usize, inner: Inner) -> Option<Tok> {
        let bytes = self.text.as_bytes();
        let after = self.plain_after?;
        let plain = after + 1 == start
            && !inner.hyphen
            && !inner.apostrophe
            && bytes.get(after) == Some(&b' ');
        let first = *bytes.get(start).filter(|b| plain && b.is_ascii())?;
        Some(Tok {
            start,
            end: raw_end,
            raw_end,
            possessive: false,
            cap: first.is_ascii_uppercase(),
            initial: false,
            joins: true,
            covered: false,
            line: self.line,
        })
    }

    /// Any word, read with the gap before it and the word before it (which must be the last
    /// one pushed).
    #[inline(never)]
    fn build(&mut self, start: usize, raw_end: usize, inner: Inner) -> Tok {
        let (text, cues) = (self.text, self.cues);
        let (end, possessive) = if inner.apostrophe {
            let word = text.get(start..raw_end).unwrap_or_default();
            let stripped = super::strip_possessive(word);
            let possessive = stripped.len() < word.len() && !stripped.is_empty();
            let stem = if possessive { stripped } else { word };
            (start + stem.len(), possessive)
        } else {
            (raw_end, false)
        };
        let stem = || text.get(start..end).unwrap_or_default();
        let cap = match text.as_bytes().get(start) {
            // Most words: plain, starting with an ASCII character.
            Some(b) if b.is_ascii() && !inner.hyphen && start < end => b.is_ascii_uppercase(),
            _ => capitalised(stem(), inner.hyphen),
        };
        let prev = self.toks.get(self.first..).and_then(<[Tok]>::last);
        let gap_from = prev.map_or(self.from, |p| p.raw_end);
        let gap = match text.as_bytes().get(gap_from..start) {
            // By far the most common gap.
            Some(b" ") => Gap::SPACE,
            // The next most common: nothing a name or a sentence start cares about.
            Some(b", ") => Gap::default(),
            _ => Gap::of(text.get(gap_from..start).unwrap_or_default()),
        };
        let (joins, initial) = match prev {
            None => (false, true),
            Some(p) => {
                // "Gen. Valery Gerasimov", "John F. Kennedy": a period after a title or an
                // initial.
                let abbreviation = gap.period && {
                    let pw = text.get(p.start..p.end).unwrap_or_default();
                    (pw.len() == 1 && pw.bytes().all(|b| b.is_ascii_uppercase()))
                        || cues.title.contains_lower(pw)
                };
                let org_after_possessive =
                    p.possessive && p.cap && gap.spaces && cues.org_cue.contains(stem());
                let joins = (gap.spaces && !p.possessive) || abbreviation || org_after_possessive;
                let initial = gap.newline || (!abbreviation && gap.opener) || gap.quote;
                (joins, initial)
            }
        };
        self.line += usize::from(gap.newline);
        Tok {
            start,
            end,
            raw_end,
            possessive,
            cap,
            initial,
            joins,
            covered: false,
            line: self.line,
        }
    }
}

/// What lies between two words of a sentence.
#[derive(Clone, Copy, Debug, Default)]
struct Gap {
    /// A line break.
    newline: bool,
    /// Only spaces, tabs and no-break spaces, at least one.
    spaces: bool,
    /// A period and then only spaces, at least one.
    period: bool,
    /// Punctuation that begins a sentence, a quotation or a clause.
    opener: bool,
    /// An apostrophe after any leading whitespace (a quotation).
    quote: bool,
}

impl Gap {
    /// A single space.
    const SPACE: Gap = Gap {
        newline: false,
        spaces: true,
        period: false,
        opener: false,
        quote: false,
    };

    fn of(gap: &str) -> Gap {
        let bytes = gap.as_bytes();
        if let [b' '] = bytes {
            return Gap::SPACE;
        }
        let mut out = Gap {
            spaces: !gap.is_empty(),
            period: bytes.len() > 1
                && bytes.first() == Some(&b'.')
                && bytes.iter().skip(1).all(|&b| b == b' '),
            ..Gap::default()
        };
        let mut visible = None;
        for c in gap.chars() {
            out.newline |= c == '\n';
            out.spaces &= matches!(c, ' ' | '\t' | '\u{a0}');
            out.opener |= matches!(
                c,
                '.' | '!'
                    | '?'
                    | ':'
                    | ';'
                    | '"'
                    | '\u{201c}'
                    | '\u{201d}'
                    | '\u{2018}'
                    | '\u{ab}'
                    | '\u{bb}'
                    | '('
                    | '['
                    | '\u{2014}'
                    | '\u{2013}'
                    | '\u{2022}'
                    | '*'
                    | '#'
                    | '|'
                    | '>'
            );
            if visible.is_none() && !c.is_whitespace() {
                visible = Some(c);
            }
        }
        out.quote = visible == Some('\'');
        out
    }
}

/// True for a capitalised word, including Arabic-style particles ("al-Assad"); `hyphen` tells
/// whether the word holds one.
fn capitalised(word: &str, hyphen: bool) -> bool {
    if !hyphen {
        return match word.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => word.starts_with(char::is_uppercase),
        };
    }
    // "Turkic-speaking", "Kremlin-backed": an adjective, not a name.
    if word
        .rsplit('-')
        .next()
        .is_some_and(|last| last.len() < word.len() && last.starts_with(char::is_lowercase))
    {
        return false;
    }
    match word.chars().next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_lowercase() => match word.split_once('-') {
            Some((particle, rest)) => {
                particle.len() <= 3
                    && particle.chars().all(char::is_lowercase)
                    && rest.starts_with(char::is_uppercase)
            }
            None => false,
        },
        _ => false,
    }
}

/// Marks the words that overlap a gazetteer mention (words and mentions are in text order).
fn cover(toks: &mut [Tok], known: &[EntityMention]) {
    let mut cursor = 0;
    for t in toks.iter_mut() {
        while known.get(cursor).is_some_and(|m| m.end <= t.start) {
            cursor += 1;
        }
        t.covered = known
            .get(cursor)
            .is_some_and(|m| m.start < t.raw_end && t.start < m.end);
    }
}

/// The end of the line that `at` lies on: its line break, or the end of the text (also when
/// `at` is no character boundary).
fn line_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |k| at + k)
}

/// Buffers that [`spans`] reuses from one sentence to the next.
#[derive(Default)]
struct Scratch {
    headline: Headlines,
    /// The last word of a name, lowercased.
    last: String,
    /// The names a run of words splits into.
    pieces: Vec<(usize, usize)>,
}

/// Which lines of a sentence read like headlines, decided only for the lines asked about
/// (most lines hold no name candidate).
#[derive(Default)]
struct Headlines {
    /// Per line of the sentence: unknown yet, or whether it is a headline.
    lines: Vec<Option<bool>>,
}

impl Headlines {
    /// Forgets the previous sentence and makes room for the lines of `toks`.
    fn reset(&mut self, toks: &[Tok]) {
        self.lines.clear();
        self.lines
            .resize(toks.last().map_or(0, |t| t.line + 1), None);
    }

    /// True when `line` of the sentence `toks` is a headline (computed once per line).
    fn is_headline(&mut self, text: &str, toks: &[Tok], line: usize) -> bool {
        let Some(slot) = self.lines.get_mut(line) else {
            return false;
        };
        *slot.get_or_insert_with(|| {
            let k = toks.partition_point(|t| t.line < line);
            let j = k + toks
                .get(k..)
                .map_or(0, |r| r.partition_point(|t| t.line == line));
            toks.get(k..j)
                .is_some_and(|words| headline_line(text, words))
        })
    }
}

/// True when the words of one line (`toks`, not empty) read like a headline (mostly
/// capitalised words and no closing punctuation), where capitalisation says nothing about names.
fn headline_line(text: &str, toks: &[Tok]) -> bool {
    let (mut caps, mut words) = (0usize, 0usize);
    for t in toks {
        // Short lowercase words ("of", "from") occur in headlines too, so only longer ones count.
        if (t.cap || t.end - t.start >= 5) && starts_alphabetic(text, t) {
            words += 1;
            caps += usize::from(t.cap);
        }
    }
    // The rest of the text line after its last word, read only when the words qualify.
    let closed = || {
        toks.last()
            .and_then(|t| text.get(t.raw_end..line_end(text, t.raw_end)))
            .unwrap_or_default()
            .trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, '*' | '"' | '\'' | ')' | '\u{201d}' | '\u{2019}')
            })
            .ends_with(['.', '!', '?'])
    };
    words >= 2 && caps * 10 >= words * 6 && !closed()
}

/// True when the word of `t` starts with a letter.
fn starts_alphabetic(text: &str, t: &Tok) -> bool {
    match text.as_bytes().get(t.start) {
        Some(b) if b.is_ascii() && t.start < t.end => b.is_ascii_alphabetic(),
        _ => text
            .get(t.start..t.end)
            .is_some_and(|w| w.starts_with(char::is_alphabetic)),
    }
}

/// Collects the name candidates of one sentence.
#[allow(clippy::too_many_arguments)]
fn spans(
    text: &str,
    toks: &[Tok],
    scratch: &mut Scratch,
    cues: &Cues,
    lower: &WordSet,
    gaz: &Gazetteer,
    known: &[EntityMention],
    out: &mut Vec<Candidate>,
) {
    let word = |k: usize| -> &str {
        toks.get(k)
            .and_then(|t| text.get(t.start..t.end))
            .unwrap_or_default()
    };
    let name_word = |k: usize| -> bool {
        toks.get(k)
            .is_some_and(|t| t.cap && !t.covered && !cues.never.contains(word(k)))
    };
    let connector = |k: usize| -> bool {
        toks.get(k)
            .is_some_and(|t| !t.covered && cues.connector.contains(word(k)))
    };
    let joins = |k: usize| toks.get(k).is_some_and(|t| t.joins);

    let Scratch {
        headline,
        last,
        pieces,
    } = scratch;
    let mut i = 0;
    while i < toks.len() {
        if !name_word(i) {
            i += 1;
            continue;
        }
        let first = i;
        let mut b = i + 1;
        loop {
            if joins(b) && name_word(b) {
                b += 1;
            } else if joins(b) && connector(b) && joins(b + 1) && name_word(b + 1) {
                b += 2;
            } else if joins(b)
                && connector(b)
                && joins(b + 1)
                && connector(b + 1)
                && joins(b + 2)
                && name_word(b + 2)
            {
                // "Abu Bakr al Baghdadi", "Ministry of the Interior".
                b += 3;
            } else {
                break;
            }
        }
        i = b;

        let mut a = first;
        let initial = toks[first].initial;
        let line = toks[first].line;
        // Leading common words, and sentence-initial words the document writes in lowercase.
        while a < b {
            let w = word(a);
            let known_lower = initial && !lower.is_empty() && lower.contains_lower(w);
            if cues.common.contains(w) || known_lower || connector(a) {
                a += 1;
            } else {
                break;
            }
        }
        if a >= b {
            continue;
        }
        let org = |p: usize, q: usize| {
            cues.org_cue.contains(word(p)) || cues.org_cue.contains(word(q - 1))
        };
        let mut flags = Flags::default();
        // A title before the name marks a person and is not part of the name; an organisation
        // may start like a title ("General Motors"), so its name is left whole.
        if !org(a, b) {
            let mut k = a;
            let mut head = false;
            while k < b {
                let w = word(k);
                if cues.title.contains_lower(w) {
                    head = true;
                } else if !(cues.title_modifier.contains_lower(w)
                    || ["of", "the", "for"].iter().any(|l| lowercase_is(w, l)))
                {
                    break;
                }
                k += 1;
            }
            if head {
                flags.title = true;
                a = k;
            }
        }
        while a < b && connector(a) {
            a += 1;
        }
        let mut q = b;
        while q > a && connector(q - 1) {
            q -= 1;
        }
        if a >= q {
            continue;
        }
        // Coordinated names ("Aliyev and Putin", "Khabar and KTK TV") are two names, unless an
        // organisation's "of" comes first ("Ministry of Labour and Social Protection").
        pieces.clear();
        let of_first = (a..q)
            .take_while(|&k| word(k) != "and")
            .any(|k| word(k) == "of");
        let org_whole = org(a, q);
        if org_whole && of_first {
            pieces.push((a, q));
        } else {
            let mut p = a;
            for k in a..q {
                let split = match word(k) {
                    "and" | "y" | "e" => true,
                    "for" | "on" => !org_whole,
                    _ => false,
                };
                if split {
                    if k > p {
                        pieces.push((p, k));
                    }
                    p = k + 1;
                }
            }
            if q > p {
                pieces.push((p, q));
            }
        }
        for &(p, q) in pieces.iter() {
            let (p, q) = trim_connectors(p, q, &connector);
            if p >= q {
                continue;
            }
            let w0 = word(p);
            if q - p == 1 && w0.chars().count() < 2 {
                continue;
            }
            let mut f = flags;
            let thing = cues.other_cue.contains(word(q - 1)) || cues.other_lead.contains(w0);
            f.org = org(p, q) && !thing;
            f.other = thing;
            f.first_name = cues.first_name.contains(w0) && q - p >= 2;
            last.clear();
            push_lowercase(word(q - 1), last);
            f.surname = q - p <= 3
                && !f.org
                && !thing
                && cues
                    .surname_suffix_match(last)
                    .is_some_and(|s| last.len() >= s.len() + 3);
            f.acronym = q - p == 1
                && (2..=8).contains(&w0.len())
                && w0
                    .bytes()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && w0.bytes().filter(u8::is_ascii_uppercase).count() >= 2;
            let (start, end) = (toks[p].start, toks[q - 1].end);
            let prev_word = p
                .checked_sub(1)
                .and_then(|k| toks.get(k))
                .filter(|_| {
                    toks[p].joins
                        || text
                            .get(toks[p - 1].raw_end..start)
                            .is_some_and(|g| g.trim().is_empty())
                })
                .and_then(|t| text.get(t.start..t.end));
            if let Some(pw) = prev_word {
                f.title |= cues.title.contains_lower(pw);
                f.speech |= cues.person_verb_set.contains_lower(pw);
            }
            // "near Arequipa", "in the Cayma district", "the Colca Valley".
            let before_the = p
                .checked_sub(1)
                .filter(|&k| word(k).eq_ignore_ascii_case("the"))
                .and_then(|k| k.checked_sub(1));
            let prep_at =
                |k: Option<usize>| k.is_some_and(|k| cues.place_prep.contains_lower(word(k)));
            f.place = prep_at(p.checked_sub(1))
                || prep_at(before_the)
                || cues.place_noun.contains(last)
                || (q == b && !toks[q - 1].possessive && {
                    let next = word(q);
                    !next.is_empty()
                        && toks.get(q).is_some_and(|t| !t.cap)
                        && cues.place_noun.contains_lower(next)
                });
            f.speech |= speech_after(text, toks[q - 1].raw_end, cues);
            let qualifier = if f.org || thing {
                qualifier_before(text, start, gaz, known)
            } else {
                None
            };
            out.push(Candidate {
                start,
                end,
                words: q - p,
                weak: (initial && p == first && q - p == 1)
                    || headline.is_headline(text, toks, line),
                flags: f,
                qualifier,
                acronym: acronym_after(text, end),
            });
        }
    }
}

fn trim_connectors(
    mut p: usize,
    mut q: usize,
    connector: &dyn Fn(usize) -> bool,
) -> (usize, usize) {
    while p < q && connector(p) {
        p += 1;
    }
    while q > p && connector(q - 1) {
        q -= 1;
    }
    (p, q)
}

/// True when a verb of saying or a person's action follows the name ("Krivosheev said").
fn speech_after(text: &str, at: usize, cues: &Cues) -> bool {
    let Some(rest) = text.get(at..) else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    if !rest
        .as_bytes()
        .first()
        .is_some_and(|&b| cues.verb_may_start(b))
    {
        return false;
    }
    /// How many characters after the name are compared with the verb phrases.
    const HEAD: usize = 24;
    let starts_verb = |head: &str| {
        cues.person_verbs_from(head.as_bytes().first().copied())
            .any(|v| {
                head.strip_prefix(v)
                    .is_some_and(|after| !after.starts_with(char::is_alphanumeric))
            })
    };
    // Mostly ASCII: lowercased on the stack.
    let ascii = rest.as_bytes().get(..HEAD).unwrap_or(rest.as_bytes());
    if ascii.is_ascii() {
        let mut buf = [0u8; HEAD];
        let Some(lower) = buf.get_mut(..ascii.len()) else {
            return false;
        };
        lower.copy_from_slice(ascii);
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(starts_verb);
    }
    let head: String = rest.chars().take(HEAD).collect::<String>().to_lowercase();
    starts_verb(&head)
}

/// A parenthesised acronym right after a name: "Collective Security Treaty Organization (CSTO)".
fn acronym_after(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = text.get(at..)?;
    let trimmed = rest.trim_start_matches(' ');
    let inner = trimmed.strip_prefix('(')?;
    let len = inner.find(')')?;
    let acr = &inner[..len];
    let ok = (2..=8).contains(&acr.len())
        && acr
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        && acr.bytes().filter(u8::is_ascii_uppercase).count() >= 2;
    let start = at + (rest.len() - inner.len());
    ok.then_some((start, start + len))
}

/// A gazetteer country or place named right before an organisation ("Russian", "Moscow",
/// "Azerbaijan's"): the id it qualifies the organisation with.
fn qualifier_before(
    text: &str,
    at: usize,
    gaz: &Gazetteer,
    known: &[EntityMention],
) -> Option<(usize, String)> {
    let k = known.partition_point(|m| m.end <= at);
    let m = known.get(k.checked_sub(1)?)?;
    let gap = text.get(m.end..at)?;
    let gap = gap
        .strip_prefix("'s")
        .or_else(|| gap.strip_prefix("\u{2019}s"))
        .unwrap_or(gap);
    if gap.is_empty() || !gap.chars().all(|c| c == ' ' || c == '\u{a0}') {
        return None;
    }
    let kind = gaz.entity(&m.entity)?.kind;
    matches!(kind, EntityKind::Country | EntityKind::Place).then(|| (m.start, m.entity.clone()))
}

/// Collapses runs of whitespace into single spaces (borrowing `name` when it has none).
fn normalize(name: &str) -> Cow<'_, str> {
    // Most names are ASCII words with single spaces between them: nothing to collapse.
    let b = name.as_bytes();
    let plain = name.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
        && !b.iter().any(|c| matches!(c, b'\t'..=b'\r'));
    if plain {
        return Cow::Borrowed(name);
    }
    Cow::Owned(name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The words of a name, lowercase and without diacritics, for comparing surnames: joined by
/// single spaces (no folded word holds whitespace), with their number.
#[derive(Clone, Debug)]
struct Folded {
    text: String,
    words: usize,
}

impl Folded {
    fn of(name: &str) -> Folded {
        let mut out = Folded {
            text: String::with_capacity(name.len()),
            words: 0,
        };
        for w in name.split(char::is_whitespace).filter(|w| !w.is_empty()) {
            if out.words > 0 {
                out.text.push(' ');
            }
            out.words += 1;
            for c in w.chars() {
                if c.is_ascii() {
                    out.text.push(c.to_ascii_lowercase());
                } else {
                    out.text.extend(fold_char(c).to_lowercase());
                }
            }
        }
        out
    }

    /// True when `self` has more words than `short` and its last words are those of `short`.
    fn ends_with_words(&self, short: &Folded) -> bool {
        self.words > short.words
            && (short.words == 0
                || self
                    .text
                    .strip_suffix(short.text.as_str())
                    .is_some_and(|head| head.ends_with(' ')))
    }
}

/// Turns candidates into entities and mentions: full names first, then short forms linked to
/// them (same name, acronym, surname), then the rest on their own.
fn link(
    text: &str,
    candidates: Vec<Candidate>,
    gaz: &Gazetteer,
) -> (Vec<EntityMention>, Vec<Entity>) {
    let mut found: Vec<Found> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::default();
    let mut acronyms: HashMap<String, usize> = HashMap::default();
    let mut mentions: Vec<(usize, usize, usize, MentionKind)> = Vec::new();

    let strong_full = |c: &Candidate| !c.weak && (c.words >= 2 || c.qualifier.is_some());
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&candidates[x], &candidates[y]);
        strong_full(b)
            .cmp(&strong_full(a))
            .then(b.words.cmp(&a.words).then(a.start.cmp(&b.start)))
            .then(x.cmp(&y))
    });
    // Within the short forms, text order decides which full name a surname goes to.
    let split = order
        .iter()
        .position(|&k| !strong_full(&candidates[k]))
        .unwrap_or(order.len());
    order[split..].sort_by_key(|&k| candidates[k].start);

    for (n, &ci) in order.iter().enumerate() {
        let c = &candidates[ci];
        let surface = normalize(text.get(c.start..c.end).unwrap_or_default());
        if surface.is_empty() {
            continue;
        }
        // The folded words, made only when a surname is looked for or an entity created.
        let mut words: OnceCell<Folded> = OnceCell::new();
        let full = n < split;
        let mut target: Option<(usize, MentionKind)> = None;

        if let Some((_, q)) = &c.qualifier {
            let id = slug(&format!("{q} {surface}"));
            let name = normalize(text.get(qualifier_start(c)..c.end).unwrap_or_default());
            let i = entity_for(
                &mut found,
                &mut by_id,
                &id,
                &name,
                || Folded::of(&surface),
                c,
                Some(q.clone()),
            );
            found[i].bare = Some(slug(&surface));
            target = Some((i, MentionKind::Proper));
        }
        let own = slug(&surface);
        if target.is_none() && own.is_empty() {
            continue;
        }
        if target.is_none() {
            if let Some(&i) = by_id.get(&own) {
                target = Some((i, MentionKind::Proper));
            }
        }
        if target.is_none() && !c.flags.org {
            // An organisation named bare after its qualified form ("the Foreign Ministry").
            target = nearest(&found, c.start, |f| f.bare.as_deref() == Some(own.as_str()))
                .map(|i| (i, MentionKind::Alias));
        }
        if target.is_none() {
            target = acronyms
                .get(surface.as_ref())
                .map(|&i| (i, MentionKind::Alias));
        }
        if target.is_none() && !c.flags.org && !c.flags.acronym {
            // A surname or the last words of a longer name met in the document.
            let short = words.get_or_init(|| Folded::of(&surface));
            target = nearest(&found, c.start, |f| {
                !f.flags.org && f.words.ends_with_words(short) && !f.flags.acronym
            })
            .map(|i| (i, MentionKind::Alias));
        }
        if target.is_none() && c.flags.org {
            target = nearest(&found, c.start, |f| f.bare.as_deref() == Some(own.as_str()))
                .map(|i| (i, MentionKind::Alias));
        }
        let (i, kind) = match target {
            Some(t) => t,
            None if c.weak && !full => continue,
            None => (
                entity_for(
                    &mut found,
                    &mut by_id,
                    &own,
                    &surface,
                    || words.take().unwrap_or_else(|| Folded::of(&surface)),
                    c,
                    None,
                ),
                MentionKind::Proper,
            ),
        };
        let f = &mut found[i];
        f.flags = f.flags.or(c.flags);
        f.first = f.first.min(c.start);
        if surface != f.name {
            f.aliases.push(surface.into_owned());
        }
        if let Some((s, e)) = c.acronym {
            if let Some(acr) = text.get(s..e) {
                // An acronym the gazetteer knows is found as such; only new ones link here.
                if gaz.resolve(acr).is_none() {
                    f.aliases.push(acr.to_string());
                    acronyms.entry(acr.to_string()).or_insert(i);
                }
            }
        }
        mentions.push((c.start, c.end, i, kind));
    }

    mentions.sort_unstable();
    let out = mentions
        .into_iter()
        .filter_map(|(start, end, i, kind)| {
            Some(EntityMention {
                start,
                end,
                entity: found.get(i)?.id.clone(),
                kind,
            })
        })
        .collect();
    let mut entities: Vec<Entity> = found
        .into_iter()
        .map(|f| {
            let kind = if f.bare.is_some() && !f.flags.other {
                EntityKind::Organisation
            } else {
                f.flags.kind(f.words.words)
            };
            let mut aliases = f.aliases;
            aliases.retain(|a| *a != f.name);
            aliases.sort();
            aliases.dedup();
            Entity {
                id: f.id,
                name: f.name,
                kind,
                aliases,
                within: f.within,
            }
        })
        .collect();
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    (out, entities)
}

/// Where the qualified name of an organisation starts (at its qualifier).
fn qualifier_start(c: &Candidate) -> usize {
    c.qualifier.as_ref().map_or(c.start, |(s, _)| *s)
}

/// The entity with this id, created when new (with the folded `words` of its name).
fn entity_for(
    found: &mut Vec<Found>,
    by_id: &mut HashMap<String, usize>,
    id: &str,
    name: &str,
    words: impl FnOnce() -> Folded,
    c: &Candidate,
    within: Option<String>,
) -> usize {
    if let Some(&i) = by_id.get(id) {
        return i;
    }
    by_id.insert(id.to_string(), found.len());
    found.push(Found {
        id: id.to_string(),
        name: name.to_string(),
        words: words(),
        flags: Flags::default(),
        aliases: Vec::new(),
        within,
        first: c.start,
        bare: None,
    });
    found.len() - 1
}

/// Among entities that pass `ok`, the one first met closest before `at`, else the first after.
fn nearest(found: &[Found], at: usize, ok: impl Fn(&Found) -> bool) -> Option<usize> {
    let mut before: Option<(usize, usize)> = None;
    let mut after: Option<(usize, usize)> = None;
    for (i, f) in found.iter().enumerate() {
        if !ok(f) {
            continue;
        }
        if f.first <= at {
            if before.is_none_or(|(p, _)| f.first > p) {
                before = Some((f.first, i));
            }
        } else if after.is_none_or(|(p, _)| f.first < p) {
            after = Some((f.first, i));
        }
    }
    before.or(after).map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tokenizer as first written: a character at a time, every word built by
    /// [`WordBuilder::build`] (the reference for the word scan and the fast path).
    fn tokenize_plain(text: &str, s: usize, e: usize, cues: &Cues, toks: &mut Vec<Tok>) {
        let Some(sentence) = text.get(s..e) else {
            return;
        };
        let mut words = WordBuilder::new(text, s, cues, toks);
        let push = |words: &mut WordBuilder, start: usize, end: usize, inner: Inner| {
            let tok = words.build(start, end, inner);
            words.toks.push(tok);
        };
        let mut open: Option<(usize, Inner)> = None;
        for (i, c) in sentence.char_indices() {
            let next_alnum = sentence[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            match &mut open {
                Some(_) if c.is_alphanumeric() => {}
                Some((_, inner)) if matches!(c, '-' | '\'' | '\u{2019}') && next_alnum => {
                    inner.hyphen |= c == '-';
                    inner.apostrophe |= c != '-';
                }
                Some((st, inner)) => {
                    let (st, inner) = (*st, *inner);
                    push(&mut words, s + st, s + i, inner);
                    open = None;
                    if c == '&' {
                        push(&mut words, s + i, s + i + 1, Inner::default());
                    }
                }
                None if c.is_alphanumeric() => open = Some((i, Inner::default())),
                None if c == '&' => push(&mut words, s + i, s + i + 1, Inner::default()),
                None => {}
            }
        }
        if let Some((st, inner)) = open {
            push(&mut words, s + st, e, inner);
        }
    }

    /// Cues with a title and an organisation word, so that abbreviations and possessives join.
    fn cues() -> Cues {
        let mut cues = Cues::default();
        cues.title.extend(["gen".to_string(), "mr".to_string()]);
        cues.org_cue.extend(["Ministry".to_string()]);
        cues
    }

    /// Tokens of every sentence of `text` cut at `cuts`, by `tokenize`.
    fn all_tokens(
        text: &str,
        cuts: &[usize],
        tokenize: fn(&str, usize, usize, &Cues, &mut Vec<Tok>),
    ) -> Vec<Tok> {
        let cues = cues();
        let mut bounds: Vec<usize> = cuts
            .iter()
            .map(|&c| c % (text.len() + 1))
            .filter(|&c| text.is_char_boundary(c))
            .chain([0, text.len()])
            .collect();
        bounds.sort_unstable();
        let mut toks = Vec::new();
        for w in bounds.windows(2) {
            tokenize(text, w[0], w[1], &cues, &mut toks);
        }
        toks
    }

    #[test]
    fn tokenize_reads_words_and_joins() {
        let text = "Gen. Valery Gerasimov's Ministry met al-Assad & O\u{2019}Brien.\nÉmile said";
        let toks = all_tokens(text, &[], tokenize);
        assert_eq!(toks, all_tokens(text, &[], tokenize_plain));
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            [
                "Gen",
                "Valery",
                "Gerasimov",
                "Ministry",
                "met",
                "al-Assad",
                "&",
                "O\u{2019}Brien",
                "Émile",
                "said"
            ]
        );
    }

    proptest! {
        /// The tokenizer (byte table, whole-word scan, fast path after a space) gives the
        /// tokens of the plain one.
        #[test]
        fn tokenize_matches_plain(
            text in "([aZ0 ]|Gen|Ministry|'s|\u{2019}s|[-'\u{2019}&,.:\"\n\t]|é|É|\u{a0}|\u{2014}){0,40}",
            cuts in prop::collection::vec(0usize..200, 0..4),
        ) {
            prop_assert_eq!(all_tokens(&text, &cuts, tokenize), all_tokens(&text, &cuts, tokenize_plain));
        }
    }
}
