//! Phrase tables shared by the time and quantity grammars: multi-word phrases with a value each,
//! found at a token of a sentence.
//!
//! Every word of a lexicon's phrases is numbered once in a [`Vocab`]; a sentence's tokens are
//! numbered once when it is tokenized ([`Vocab::ids`]), so that finding a phrase compares small
//! numbers instead of hashing and comparing lowercased strings at every try.

use rustc_hash::FxHashMap as HashMap;

/// The number of a word in a [`Vocab`].
pub(crate) type WordId = u32;

/// The words of one lexicon's phrases, numbered from 0 in the order they were first seen.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    ids: HashMap<Box<str>, WordId>,
    names: Vec<Box<str>>,
    /// By first byte, bit `n` set when a word of `n` bytes starts with it (`n` past 63 counts as
    /// 63): most tokens are ruled out by this before they are hashed.
    first_len: Vec<u64>,
    /// The words of 1 to [`MAX_LETTERS`] lowercase ASCII letters again, by their [`letter_key`]:
    /// such a word is looked up with one multiplication for a hash instead of hashing and
    /// comparing its bytes (most tokens are such words).
    letters: HashMap<u64, WordId>,
}

/// The bit of a word's length in [`Vocab::first_len`].
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

impl Vocab {
    /// The number of `word`, given a new one if it has none yet.
    pub(crate) fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = WordId::try_from(self.names.len()).unwrap_or(WordId::MAX);
        self.names.push(word.into());
        self.ids.insert(word.into(), id);
        if let Some(key) = letter_key(word) {
            self.letters.insert(key, id);
        }
        if self.first_len.is_empty() {
            self.first_len = vec![0; 256];
        }
        if let Some(bits) =
            (word.as_bytes().first()).and_then(|&b| self.first_len.get_mut(usize::from(b)))
        {
            *bits |= len_bit(word.len());
        }
        id
    }

    /// The number of `word`, when it is a word of some phrase.
    pub(crate) fn get(&self, word: &str) -> Option<WordId> {
        if let Some(&b) = word.as_bytes().first() {
            if !self.may_hold(b, word.len()) {
                return None;
            }
        }
        match letter_key(word) {
            // A word of lowercase letters is a vocabulary word exactly when its key is.
            Some(key) => self.letters.get(&key).copied(),
            None => self.ids.get(word).copied(),
        }
    }

    /// Whether some word of `len` bytes starts with the byte `first`.
    fn may_hold(&self, first: u8, len: usize) -> bool {
        let bits = self.first_len.get(usize::from(first)).copied().unwrap_or(0);
        bits & len_bit(len) != 0
    }

    /// The number of a word of `len` ASCII letters in any case (`len` from 1 to
    /// [`MAX_LETTERS`]), given its first letter lowercased and its [`letter_key`]: the same
    /// answer as [`Vocab::get`] on the lowercased word, for tokenizers that pack letters as they
    /// read them.
    pub(crate) fn get_letters(&self, first: u8, len: usize, key: u64) -> Option<WordId> {
        if !self.may_hold(first, len) {
            return None;
        }
        self.letters.get(&key).copied()
    }

    /// The word numbered `id` (empty for an unknown number).
    pub(crate) fn name(&self, id: WordId) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }

    /// The number of each token (`None` when it is no word of the vocabulary), given the tokens'
    /// lowercase texts.
    #[cfg(test)]
    pub(crate) fn ids<'t>(
        &self,
        words: impl Iterator<Item = Option<&'t str>>,
    ) -> Vec<Option<WordId>> {
        words.map(|w| w.and_then(|w| self.get(w))).collect()
    }
}

/// The tokens of a sentence as phrase tables see them.
pub(crate) trait Words {
    /// The vocabulary number of token `i`: `None` past the end, or when the token cannot be a
    /// word of a phrase.
    fn id(&self, i: usize) -> Option<WordId>;

    /// Whether token `j`, between two words of a phrase, is a hyphen joining them in the text
    /// ("twenty-first", "6.1-magnitude") and is stepped over.
    fn joins(&self, j: usize) -> bool;
}

/// One phrase: its words after the first, and its value.
type Entry<T> = (Box<[WordId]>, T);

/// Phrases of one kind, indexed by the number of their first word, each list longest first.
#[derive(Debug)]
pub(crate) struct Phrases<T> {
    by_first: Vec<Vec<Entry<T>>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            by_first: Vec::new(),
        }
    }
}

impl<T> Phrases<T> {
    /// Adds a phrase; `merge` decides what happens when the same phrase is already there.
    pub(crate) fn insert_with(
        &mut self,
        vocab: &mut Vocab,
        words: &[String],
        value: T,
        merge: impl FnOnce(&mut T, T),
    ) {
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let first = vocab.intern(first) as usize;
        let rest: Box<[WordId]> = rest.iter().map(|w| vocab.intern(w)).collect();
        if self.by_first.len() <= first {
            self.by_first.resize_with(first + 1, Vec::new);
        }
        let Some(list) = self.by_first.get_mut(first) else {
            return;
        };
        if let Some(slot) = list.iter_mut().find(|(r, _)| *r == rest) {
            merge(&mut slot.1, value);
            return;
        }
        list.push((rest, value));
        // Longest first (stable), so the first phrase that matches is the longest one.
        list.sort_by_key(|(r, _)| std::cmp::Reverse(r.len()));
    }

    /// Adds a phrase, replacing an earlier one of the same words (so user files can override).
    pub(crate) fn insert(&mut self, vocab: &mut Vocab, words: &[String], value: T) {
        self.insert_with(vocab, words, value, |old, new| *old = new);
    }

    /// The phrases starting with the word numbered `first`, longest first.
    fn starting(&self, first: WordId) -> &[Entry<T>] {
        self.by_first.get(first as usize).map_or(&[], Vec::as_slice)
    }

    /// The longest phrase starting at token `i` whose value passes `pred`: the token after it and
    /// the value.
    pub(crate) fn find(
        &self,
        t: &impl Words,
        i: usize,
        pred: impl Fn(&T) -> bool,
    ) -> Option<(usize, &T)> {
        let list = self.starting(t.id(i)?);
        'next: for (rest, value) in list {
            let mut j = i + 1;
            for &w in rest.iter() {
                if t.joins(j) {
                    j += 1;
                }
                if t.id(j) != Some(w) {
                    continue 'next;
                }
                j += 1;
            }
            if pred(value) {
                return Some((j, value));
            }
        }
        None
    }

    /// The longest phrase starting at token `i`: the token after it and its value.
    pub(crate) fn longest(&self, t: &impl Words, i: usize) -> Option<(usize, &T)> {
        self.find(t, i, |_| true)
    }

    /// The value of the one-word phrase `word`.
    pub(crate) fn single(&self, vocab: &Vocab, word: &str) -> Option<&T> {
        self.starting(vocab.get(word)?)
            .iter()
            .find(|(r, _)| r.is_empty())
            .map(|(_, v)| v)
    }

    /// Every phrase: its words (numbered) and its value.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (Vec<WordId>, &T)> {
        self.by_first.iter().enumerate().flat_map(|(first, list)| {
            list.iter().map(move |(rest, v)| {
                let mut words = Vec::with_capacity(rest.len() + 1);
                words.push(WordId::try_from(first).unwrap_or(WordId::MAX));
                words.extend_from_slice(rest);
                (words, v)
            })
        })
    }

    /// The numbers of the words phrases start with.
    pub(crate) fn firsts(&self) -> impl Iterator<Item = WordId> + '_ {
        self.by_first
            .iter()
            .enumerate()
            .filter(|(_, list)| !list.is_empty())
            .map(|(first, _)| WordId::try_from(first).unwrap_or(WordId::MAX))
    }
}

/// The longest word a [`LetterWords`] holds: its letters fit one `u64`, five bits each.
pub(crate) const MAX_LETTERS: usize = 12;

/// The place in the alphabet (1 to 26) of each ASCII letter in either case; 0 for other bytes.
static LETTER_CODES: [u8; 256] = letter_codes();

/// Builds [`LETTER_CODES`].
const fn letter_codes() -> [u8; 256] {
    let mut codes = [0; 256];
    let mut c: u8 = 0;
    loop {
        if c.is_ascii_alphabetic() {
            codes[c as usize] = c & 0x1F;
        }
        if c == u8::MAX {
            return codes;
        }
        c += 1;
    }
}

/// The place in the alphabet (1 to 26) of the ASCII letter `c` in either case, or 0 when `c` is
/// no ASCII letter.
pub(crate) fn letter_code(c: u8) -> u8 {
    LETTER_CODES[usize::from(c)]
}

/// The character starting at byte `i` of `text`, when `i` is a character boundary inside it.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The letters of `word` packed five bits each ([`push_letter`]), when it is 1 to
/// [`MAX_LETTERS`] lowercase ASCII letters: different such words have different keys.
fn letter_key(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > MAX_LETTERS {
        return None;
    }
    b.iter().try_fold(0, |key, &c| {
        c.is_ascii_lowercase().then(|| push_letter(key, c))
    })
}

/// A prefilter's words when all of them are short runs of ASCII letters: the test "does the
/// text hold a digit or one of the words standing alone" is then one pass over the bytes that
/// looks each run of letters up, cheaper than an Aho-Corasick search and with the same answer.
///
/// Each word carries tags (bits of a `u8`), so that one pass can serve several prefilters
/// ([`LetterWords::merged`], [`LetterWords::tags`]); a set built by [`LetterWords::new`] tags
/// every word `1`.
#[derive(Debug, Default)]
pub(crate) struct LetterWords {
    /// Each word's letters, five bits each, packed into a number ([`push_letter`]), with the
    /// tags of the word.
    keys: HashMap<u64, u8>,
    /// The union of all tags (those of the sets merged, even without words): what a digit says.
    all: u8,
    /// Bit `n` is set when some word has `n` letters.
    lengths: u32,
    /// A Bloom filter over the keys ([`bloom_bit`]): most runs of letters are no word, and this
    /// says so without a hash table lookup.
    bloom: Vec<u64>,
}

/// The bits of [`LetterWords::bloom`]: 2^14 (2 KiB), so that a few hundred words set few of them.
const BLOOM_BITS: u32 = 14;

/// The bit of a key in [`LetterWords::bloom`] (a multiplicative hash).
fn bloom_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BLOOM_BITS)) as usize
}

/// `key` with the ASCII letter `c` appended as its place in the alphabet (1 to 26, the same in
/// either case, never 0: words of different letters get different keys); the first letters of a
/// run longer than [`MAX_LETTERS`] fall off (such runs are never looked up).
pub(crate) fn push_letter(key: u64, c: u8) -> u64 {
    (key << 5) | u64::from(c & 0x1F)
}

impl LetterWords {
    /// An empty set (its Bloom filter sized).
    fn empty() -> LetterWords {
        LetterWords {
            bloom: vec![0; 1 << (BLOOM_BITS - 6)],
            ..LetterWords::default()
        }
    }

    /// The set of `words`, each tagged `1`, or none when one of them is not 1 to 12 ASCII
    /// letters.
    pub(crate) fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Option<LetterWords> {
        let mut set = LetterWords {
            all: 1,
            ..LetterWords::empty()
        };
        for w in words {
            let b = w.as_bytes();
            if b.is_empty() || b.len() > MAX_LETTERS || !b.iter().all(u8::is_ascii_alphabetic) {
                return None;
            }
            let key = b.iter().fold(0, |k, &c| push_letter(k, c));
            set.insert(key, 1);
            set.lengths |= 1 << b.len();
        }
        Some(set)
    }

    /// One set holding the words of each of `sets`, every word of `sets[n].0` tagged
    /// `sets[n].1` (a word of several sets gets the union of their tags).
    pub(crate) fn merged(sets: &[(&LetterWords, u8)]) -> LetterWords {
        let mut set = LetterWords::empty();
        for &(words, tag) in sets {
            for &key in words.keys.keys() {
                set.insert(key, tag);
            }
            set.lengths |= words.lengths;
            set.all |= tag;
        }
        set
    }

    /// Adds `tags` to the word packed into `key`.
    fn insert(&mut self, key: u64, tags: u8) {
        *self.keys.entry(key).or_insert(0) |= tags;
        let bit = bloom_bit(key);
        if let Some(slot) = self.bloom.get_mut(bit / 64) {
            *slot |= 1 << (bit % 64);
        }
    }

    /// Whether `text` holds an ASCII digit, or one of the words (in any ASCII case) between two
    /// bytes that are not ASCII letters (or the ends of the text).
    pub(crate) fn digit_or_word(&self, text: &str) -> bool {
        self.tags(text) != 0
    }

    /// The union of the tags of the words (in any ASCII case) standing alone in `text` (between
    /// two bytes that are not ASCII letters, or the ends of the text), all tags when it holds an
    /// ASCII digit. The pass stops as soon as every tag is found.
    pub(crate) fn tags(&self, text: &str) -> u8 {
        let b = text.as_bytes();
        let mut found = 0;
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            i += 1;
            let code = letter_code(c);
            if code == 0 {
                if c.is_ascii_digit() {
                    return self.all;
                }
                continue;
            }
            // A run of letters: packed up to its end, then looked up once.
            let start = i - 1;
            let mut key = u64::from(code);
            while let Some(code) = b.get(i).map(|&c| letter_code(c)).filter(|&k| k != 0) {
                key = (key << 5) | u64::from(code);
                i += 1;
            }
            found |= self.word_tags(i - start, key);
            if found == self.all {
                break;
            }
        }
        found
    }

    /// The tags of the run of `len` letters packed into `key` (0 when it is no word).
    fn word_tags(&self, len: usize, key: u64) -> u8 {
        if len > MAX_LETTERS || self.lengths & (1 << len) == 0 {
            return 0;
        }
        let bit = bloom_bit(key);
        let maybe = self
            .bloom
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0);
        if !maybe {
            return 0;
        }
        self.keys.get(&key).copied().unwrap_or(0)
    }
}

/// Runs `check` on texts of up to 15 of `pieces` (words, their casings, punctuation, non-ASCII
/// letters) joined as they come: the property tests of the date and quantity tokenizers.
#[cfg(test)]
pub(crate) fn check_texts_of(
    pieces: &[&'static str],
    check: impl Fn(&str) -> Result<(), proptest::test_runner::TestCaseError>,
) {
    let texts = proptest::collection::vec(proptest::sample::select(pieces.to_vec()), 0..16);
    let result = proptest::test_runner::TestRunner::default()
        .run(&texts, |pieces: Vec<&str>| check(&pieces.concat()));
    assert!(result.is_ok(), "{result:?}");
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Pieces of text for the properties: letters in both cases, long runs, digits, apostrophes,
    /// non-ASCII letters and white space.
    const PIECES: [&str; 16] = [
        "june",
        "JUNE",
        "ago",
        "a",
        "Ago",
        "abcdefghijkl",
        "abcdefghijklm",
        "o'clock",
        "7",
        " ",
        "é",
        "zürich",
        "-",
        ".",
        "agoago",
        "\u{2019}",
    ];

    proptest! {
        /// The one-pass prefilter gives the plain answer: a digit, or a run of ASCII letters that
        /// lowercases to one of the words.
        #[test]
        fn letter_words_as_plainly_defined(
            pieces in proptest::collection::vec(prop::sample::select(&PIECES[..]), 0..12),
        ) {
            let words = ["june", "ago", "a", "abcdefghijkl"];
            let set = LetterWords::new(words).unwrap_or_default();
            let text: String = pieces.concat();
            let plain = text.bytes().any(|b| b.is_ascii_digit())
                || text
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|run| words.contains(&run.to_ascii_lowercase().as_str()));
            prop_assert_eq!(set.digit_or_word(&text), plain);
        }

        /// A merged set tags a text with each set whose prefilter it passes.
        #[test]
        fn merged_tags_as_each_set(
            pieces in proptest::collection::vec(prop::sample::select(&PIECES[..]), 0..12),
        ) {
            let a = LetterWords::new(["june", "ago"]).unwrap_or_default();
            let b = LetterWords::new(["ago", "abcdefghijkl", "a"]).unwrap_or_default();
            let none = LetterWords::new([]).unwrap_or_default();
            let merged = LetterWords::merged(&[(&a, 1), (&b, 2), (&none, 4)]);
            let text: String = pieces.concat();
            let want = u8::from(a.digit_or_word(&text))
                | (u8::from(b.digit_or_word(&text)) * 2)
                | (u8::from(none.digit_or_word(&text)) * 4);
            prop_assert_eq!(merged.tags(&text), want);
        }

        /// A vocabulary answers by letter keys as it does by its words: [`Vocab::get`] and
        /// [`Vocab::get_letters`] agree with a plain map of the words interned.
        #[test]
        fn vocab_keys_as_words(
            pieces in proptest::collection::vec(prop::sample::select(&PIECES[..]), 1..4),
            more in proptest::collection::vec(prop::sample::select(&PIECES[..]), 1..4),
        ) {
            let mut v = Vocab::default();
            let mut plain = HashMap::default();
            for p in PIECES.iter().chain(["Mixed", "e"].iter()) {
                plain.entry(p.to_string()).or_insert_with(|| v.intern(p));
            }
            for word in [pieces.concat(), more.concat()] {
                let lower = word.to_ascii_lowercase();
                let want = plain.get(&lower).copied();
                prop_assert_eq!(v.get(&lower), want);
                let b = word.as_bytes();
                if (1..=MAX_LETTERS).contains(&b.len()) && b.iter().all(u8::is_ascii_alphabetic) {
                    let key = b.iter().fold(0, |k, &c| push_letter(k, c));
                    let first = b[0].to_ascii_lowercase();
                    prop_assert_eq!(v.get_letters(first, b.len(), key), want);
                }
            }
        }
    }

    /// Tokens given as words, with "-" for a joining hyphen.
    struct Toks<'a>(Vec<Option<WordId>>, &'a [&'a str]);

    impl Words for Toks<'_> {
        fn id(&self, i: usize) -> Option<WordId> {
            self.0.get(i).copied().flatten()
        }
        fn joins(&self, j: usize) -> bool {
            self.1.get(j) == Some(&"-")
        }
    }

    fn words(p: &str) -> Vec<String> {
        p.split(' ').map(String::from).collect()
    }

    #[test]
    fn longest_first_hyphens_and_predicates() {
        let mut v = Vocab::default();
        let mut p = Phrases::default();
        p.insert(&mut v, &words("at"), 1);
        p.insert(&mut v, &words("at least"), 2);
        p.insert(&mut v, &words("at least some"), 3);
        p.insert(&mut v, &words("at"), 4);
        let text = ["at", "-", "least", "x"];
        let t = Toks(v.ids(text.iter().map(|w| Some(*w))), &text);
        assert_eq!(p.longest(&t, 0), Some((3, &2)));
        assert_eq!(p.find(&t, 0, |v| *v != 2), Some((1, &4)));
        assert_eq!(p.longest(&t, 3), None);
        assert_eq!(p.single(&v, "at"), Some(&4));
        assert_eq!(p.entries().count(), 3);
        assert_eq!(v.name(p.firsts().next().unwrap_or(99)), "at");
    }

    #[test]
    fn letter_words_stand_alone() {
        let set = LetterWords::new(["june", "ago"]).unwrap_or_default();
        assert!(set.digit_or_word("In June."));
        assert!(set.digit_or_word("x 7"));
        assert!(set.digit_or_word("weeks AGO"));
        assert!(set.digit_or_word("ago_x"));
        assert!(!set.digit_or_word("Junes paragon"));
        // Only ASCII letters bound a word, as in the Aho-Corasick test it replaces.
        assert!(set.digit_or_word("éjune"));
        assert!(!set.digit_or_word("abcdefghijklmnopqrstjune"));
        assert!(set.digit_or_word("abcdefghijklmnopqrst june"));
        assert!(!set.digit_or_word(""));
        assert!(LetterWords::new(["o'clock"]).is_none());
        assert!(LetterWords::new(["abcdefghijklm"]).is_none());
        assert!(LetterWords::new(["abcdefghijkl"]).is_some());
    }
}
