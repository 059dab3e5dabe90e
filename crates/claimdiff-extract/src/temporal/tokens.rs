//! A small tokenizer for the time grammar: words, numbers and punctuation with their byte offsets.
//!
//! Working on tokens rather than on one regex per pattern keeps the grammar readable and lets
//! every rule look at its neighbours (is this number glued to a letter, a currency sign, a colon?).

use crate::phrases::{char_at, letter_code, Vocab, WordId, Words, MAX_LETTERS};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters (ASCII or not).
    Word,
    /// A run of ASCII digits, possibly with thousands separators ("100,000").
    Num,
    /// One punctuation character; typographic apostrophes read as `'` and dashes as `-`.
    Punct(char),
}

/// One token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    /// What it is.
    pub kind: Kind,
    /// First byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Whether a word starts with an ASCII capital.
    pub upper: bool,
    /// Whether a number has thousands separators (it is then a count, never a year or a day).
    pub grouped: bool,
    /// A number's value (saturating).
    pub value: u64,
    /// A number's count of digits.
    pub digits: usize,
}

/// The tokens of a text, with an ASCII-lowercased copy of it for case-insensitive lookups (ASCII
/// lowercasing keeps byte offsets) and the vocabulary number of each word.
#[derive(Debug)]
pub(crate) struct Tokens {
    lower: String,
    toks: Vec<Tok>,
    ids: Vec<Option<WordId>>,
}

impl Tokens {
    /// Splits `text` into tokens and numbers its words from `vocab`.
    pub(crate) fn new(text: &str, vocab: &Vocab) -> Tokens {
        let lower = text.to_ascii_lowercase();
        let (toks, ids) = tokenize(text, &lower, vocab);
        Tokens { lower, toks, ids }
    }

    /// The number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// The token at `i`, if any.
    pub(crate) fn get(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    /// The lowercase text of the word at `i`, if that token is a word.
    pub(crate) fn word(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i)?;
        (t.kind == Kind::Word)
            .then(|| self.lower.get(t.start..t.end))
            .flatten()
    }

    /// The punctuation character at `i`, if that token is one.
    pub(crate) fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Whether token `i` starts right where token `i - 1` ends (no space between them).
    pub(crate) fn glued(&self, i: usize) -> bool {
        match (
            i.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(i),
        ) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }
}

impl Words for Tokens {
    fn id(&self, i: usize) -> Option<WordId> {
        self.ids.get(i).copied().flatten()
    }

    /// A hyphen glued to both its neighbours.
    fn joins(&self, j: usize) -> bool {
        self.punct(j) == Some('-') && self.glued(j) && self.glued(j + 1)
    }
}

/// Splits a text into tokens; whitespace (ASCII or not) separates them and is dropped. Each
/// token's vocabulary number comes with it (words only), read as the word is scanned (`lower` is
/// `text` ASCII-lowercased).
fn tokenize(text: &str, lower: &str, vocab: &Vocab) -> (Vec<Tok>, Vec<Option<WordId>>) {
    let b = text.as_bytes();
    // About one token for every four bytes of news text: the vectors rarely grow.
    let mut toks = Vec::with_capacity(text.len() / 4 + 1);
    let mut ids = Vec::with_capacity(toks.capacity());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            let mut value: u64 = 0;
            let mut digits = 0;
            let mut grouped = false;
            loop {
                while i < b.len() && b[i].is_ascii_digit() {
                    value = value
                        .saturating_mul(10)
                        .saturating_add(u64::from(b[i] - b'0'));
                    digits += 1;
                    i += 1;
                }
                // A comma followed by exactly three digits continues the number ("100,000").
                let group = b.get(i) == Some(&b',')
                    && b.get(i + 1..i + 4)
                        .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                    && !b.get(i + 4).is_some_and(u8::is_ascii_digit);
                if !group {
                    break;
                }
                grouped = true;
                i += 1;
            }
            ids.push(None);
            toks.push(Tok {
                kind: Kind::Num,
                start,
                end: i,
                upper: false,
                grouped,
                value,
                digits,
            });
        } else if c.is_ascii_alphabetic()
            || (c >= 0x80 && char_at(text, i).is_some_and(char::is_alphabetic))
        {
            let start = i;
            // The ASCII letters packed as read; whether all letters were ASCII.
            let mut key = 0;
            let mut ascii = true;
            while i < b.len() {
                let code = letter_code(b[i]);
                if code != 0 {
                    key = (key << 5) | u64::from(code);
                    i += 1;
                } else if b[i] >= 0x80 {
                    match char_at(text, i) {
                        Some(ch) if ch.is_alphabetic() => {
                            ascii = false;
                            i += ch.len_utf8();
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            let id = if ascii && i - start <= MAX_LETTERS {
                vocab.get_letters(c.to_ascii_lowercase(), i - start, key)
            } else {
                lower.get(start..i).and_then(|w| vocab.get(w))
            };
            ids.push(id);
            toks.push(Tok {
                kind: Kind::Word,
                start,
                end: i,
                upper: c.is_ascii_uppercase(),
                grouped: false,
                value: 0,
                digits: 0,
            });
        } else {
            let ch = char_at(text, i).unwrap_or(char::REPLACEMENT_CHARACTER);
            let len = ch.len_utf8();
            if !ch.is_whitespace() {
                let ch = match ch {
                    '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
                    '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                    '\u{201C}' | '\u{201D}' => '"',
                    other => other,
                };
                ids.push(None);
                toks.push(Tok {
                    kind: Kind::Punct(ch),
                    start: i,
                    end: i + len,
                    upper: false,
                    grouped: false,
                    value: 0,
                    digits: 0,
                });
            }
            i += len.max(1);
        }
    }
    (toks, ids)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::{phrases::check_texts_of, Lexicon};

    /// The numbers read while tokenizing are those of looking each lowercased word up.
    #[test]
    fn ids_as_looked_up() -> crate::Result<()> {
        let lex = Lexicon::embedded()?;
        let vocab = &lex.temporal.vocab;
        check_texts_of(
            &[
                "June",
                "june",
                "weeks",
                "ago",
                "Zürich",
                "Ago",
                " ",
                "-",
                "7",
                ",",
                "'",
                "o'clock",
                "Twenty",
                "é",
                "fortnightly",
                "approximately",
                "\u{2019}",
            ],
            |text| {
                let t = Tokens::new(text, vocab);
                for i in 0..t.len() {
                    prop_assert_eq!(t.id(i), t.word(i).and_then(|w| vocab.get(w)));
                }
                Ok(())
            },
        );
        Ok(())
    }
}
