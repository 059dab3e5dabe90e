//! A byte-offset tokenizer for one sentence: words, digit runs and single punctuation marks.
//!
//! Hand-written rather than a regex: it runs on every sentence that holds a digit or a number
//! word, and one pass over the bytes with ASCII tests is much cheaper than Unicode-aware patterns.

use crate::phrases::{char_at, letter_code, Vocab, WordId, Words, MAX_LETTERS};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (ASCII or any alphabetic character), with apostrophes inside ("o'clock").
    Word,
    /// A run of ASCII digits.
    Num,
    /// One other character that is not white space.
    Punct,
}

/// One token: its byte range, kind, and whether white space comes before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    /// First byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Kind.
    pub kind: Kind,
    /// White space (or the start of the text) comes right before it.
    pub space: bool,
}

/// A sentence ready for matching: its text, its ASCII-lowercased copy (same byte offsets) and
/// its tokens.
#[derive(Debug)]
pub(crate) struct Sentence<'a> {
    /// The text as given.
    pub text: &'a str,
    /// The text with ASCII letters lowercased: byte offsets are those of `text`.
    pub lower: String,
    /// The tokens.
    pub toks: Vec<Tok>,
    /// The vocabulary number of each token.
    ids: Vec<Option<WordId>>,
}

impl<'a> Sentence<'a> {
    /// Tokenizes `text` and numbers its tokens from `vocab`.
    pub(crate) fn new(text: &'a str, vocab: &Vocab) -> Sentence<'a> {
        let lower = text.to_ascii_lowercase();
        let capacity = text.len() / 4 + 1;
        let mut toks = Vec::with_capacity(capacity);
        let mut ids = Vec::with_capacity(capacity);
        scan(text, |t, key| {
            let id = match key {
                Some(key) => lower
                    .as_bytes()
                    .get(t.start)
                    .and_then(|&first| vocab.get_letters(first, t.end - t.start, key)),
                None => lower.get(t.start..t.end).and_then(|w| vocab.get(w)),
            };
            toks.push(t);
            ids.push(id);
        });
        Sentence {
            text,
            lower,
            toks,
            ids,
        }
    }

    /// The number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// The lowercased text of token `i` (empty past the end).
    pub(crate) fn lw(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => self.lower.get(t.start..t.end).unwrap_or(""),
            None => "",
        }
    }

    /// The original text of token `i` (empty past the end).
    pub(crate) fn raw(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => self.text.get(t.start..t.end).unwrap_or(""),
            None => "",
        }
    }

    /// The kind of token `i`, if there is one.
    pub(crate) fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Whether token `i` exists and touches the token before it (no white space between).
    pub(crate) fn attached(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space) && i > 0
    }

    /// Whether token `i` is the punctuation mark `p`.
    pub(crate) fn is_punct(&self, i: usize, p: &str) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.lw(i) == p
    }

    /// Whether token `i` is a hyphen (or en dash) joined to the tokens on both sides ("6.1-magnitude").
    pub(crate) fn joining_hyphen(&self, i: usize) -> bool {
        self.is_punct(i, "-") && self.attached(i) && self.attached(i + 1)
    }

    /// The text between tokens `i - 1` and `i` (empty when `i` is 0 or out of range).
    pub(crate) fn gap(&self, i: usize) -> &str {
        match (
            i.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(i),
        ) {
            (Some(a), Some(b)) => self.text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        }
    }
}

impl Words for Sentence<'_> {
    fn id(&self, i: usize) -> Option<WordId> {
        self.ids.get(i).copied().flatten()
    }

    /// A joining hyphen before a word.
    fn joins(&self, j: usize) -> bool {
        self.joining_hyphen(j) && self.kind(j + 1) == Some(Kind::Word)
    }
}

/// Splits `text` into tokens: white space (as `char::is_whitespace` says) separates them.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 4 + 1);
    scan(text, |t, _| toks.push(t));
    toks
}

/// Splits `text` into tokens as [`tokenize`] does, giving each to `each` in order with, for a
/// word of 1 to [`MAX_LETTERS`] ASCII letters, its letters packed as
/// [`crate::phrases::push_letter`] does (for [`Vocab::get_letters`]).
fn scan(text: &str, mut each: impl FnMut(Tok, Option<u64>)) {
    let bytes = text.as_bytes();
    let mut space = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII bytes are classified directly; other characters are decoded.
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            char_at(text, i).unwrap_or(char::REPLACEMENT_CHARACTER)
        };
        let next = i + c.len_utf8();
        if c.is_whitespace() {
            space = true;
            i = next;
            continue;
        }
        let mut key = None;
        let (kind, end) = if c.is_ascii_digit() {
            let digits = bytes.get(next..).unwrap_or_default();
            let run = digits.iter().take_while(|d| d.is_ascii_digit()).count();
            (Kind::Num, next + run)
        } else if let Some((packed, run)) = ascii_letters(bytes, i) {
            // A word of ASCII letters only, unless other letters or an apostrophe go on.
            let end = i + run;
            match bytes.get(end) {
                Some(&d) if d >= 0x80 || d == b'\'' => (Kind::Word, word_end(text, end)),
                _ => {
                    key = (run <= MAX_LETTERS).then_some(packed);
                    (Kind::Word, end)
                }
            }
        } else if is_letter(c) {
            (Kind::Word, word_end(text, next))
        } else {
            (Kind::Punct, next)
        };
        each(
            Tok {
                start: i,
                end,
                kind,
                space,
            },
            key,
        );
        space = false;
        i = end;
    }
}

/// The run of ASCII letters starting at byte `i` (none when there is no letter there): its
/// letters packed five bits each (the first ones fall off past [`MAX_LETTERS`]) and its length.
fn ascii_letters(bytes: &[u8], mut i: usize) -> Option<(u64, usize)> {
    let start = i;
    let mut key = 0u64;
    while let Some(code) = bytes.get(i).map(|&b| letter_code(b)).filter(|&k| k != 0) {
        key = (key << 5) | u64::from(code);
        i += 1;
    }
    (i > start).then_some((key, i - start))
}

/// The end of the word whose letters go on at byte `i`: letters, and apostrophes between letters
/// ("o'clock", "people's").
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let Some(d) = (if b.is_ascii() {
            Some(char::from(b))
        } else {
            char_at(text, i)
        }) else {
            break;
        };
        let after = i + d.len_utf8();
        let apostrophe =
            (d == '\'' || d == '\u{2019}') && char_at(text, after).is_some_and(is_letter);
        if is_letter(d) || apostrophe {
            i = after;
        } else {
            break;
        }
    }
    i
}

/// Letters of words: ASCII letters and other alphabetic characters (so "Zürich" stays one word).
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::{phrases::check_texts_of, Lexicon};

    /// The numbers read while tokenizing are those of looking each lowercased token up, and the
    /// tokens are those of [`tokenize`].
    #[test]
    fn ids_as_looked_up() -> crate::Result<()> {
        let lex = Lexicon::embedded()?;
        let vocab = &lex.quantities.vocab;
        check_texts_of(
            &[
                "Several",
                "hundred",
                "people",
                "dozen",
                "Zürich",
                "killed",
                " ",
                "-",
                "7",
                ",",
                "'",
                "o'clock",
                "people's",
                "é",
                "$",
                "%",
                "percent",
                "\u{2019}s",
            ],
            |text| {
                let s = Sentence::new(text, vocab);
                prop_assert_eq!(&s.toks, &tokenize(text));
                for i in 0..s.len() {
                    prop_assert_eq!(s.id(i), vocab.get(s.lw(i)));
                }
                Ok(())
            },
        );
        Ok(())
    }
}
