//! claimdiff-corpus: a seeded generator of news corpora — N stories × M sources — with planted
//! agreements, compatible figures and conflicts, for tests at scale and benchmarks.
//!
//! ```
//! use claimdiff_corpus::{Corpus, CorpusConfig, Field};
//!
//! let config = CorpusConfig::new(4, 3).seed(7);
//! let corpus = Corpus::generate(&config);
//! assert_eq!(corpus.documents.len(), 12);
//! // Every story plants a conflict: the crash's cause, the quake's magnitude, the election's result…
//! let conflict = corpus
//!     .planted
//!     .iter()
//!     .find(|p| p.field == Field::Crash && p.attribute == "cause")
//!     .ok_or("no planted conflict on the crash's cause")?;
//! assert_eq!(conflict.verdict.as_str(), "conflict");
//! // Document ids say which story they belong to.
//! assert_eq!(claimdiff_corpus::story_of(&conflict.documents[0]), Some(conflict.story));
//! // The same seed gives the same corpus, byte for byte.
//! assert_eq!(Corpus::generate(&config).documents, corpus.documents);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Each story happens in a place of its own (a city of the extractor's gazetteer; past those, a
//! coined town that [`CorpusConfig::gazetteer_supplement`] adds to a lexicon), on a day of its own,
//! with organisations and people whose coined names no other story shares, so that an extractor
//! can tell the stories apart. Its articles (about 4 KB: a headline, a byline, 10–40 sentences,
//! dates worded in several ways, figures, quotes, related links and boilerplate) come from the
//! templates and word lists in `data/`. Which document says what is random from the seed; what a
//! correct comparison must then find is listed in [`Corpus::planted`].
//!
//! Large corpora need not be held in memory: [`CorpusConfig::documents`] yields the articles one
//! story at a time and [`CorpusConfig::write_jsonl`] writes them as JSON lines that
//! `claimdiff analyze` reads. Nothing here reads the clock: dates count from
//! [`CorpusConfig::start_date`].
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod lexicon;
mod rng;
mod story;
mod text;

use std::{fmt, io::Write, str::FromStr};

use claimdiff_core::{Basis, Document, Verdict};
use jiff::civil::Date;

/// A field of news: which kind of event a story is about and which facts it plants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// An airliner crash: the death toll, people on board (a total or passengers and crew),
    /// injured ("about 200" and 212), the cause (the airline's accidental one against a
    /// negligent one).
    Crash,
    /// An earthquake: the toll, the magnitude (the national centre against the US Geological
    /// Survey), injured.
    Quake,
    /// A flood: the toll, the cause, evacuated and displaced people.
    Flood,
    /// A mayoral election: the winner and vote share (the commission against the opposition),
    /// fraud alleged and rejected, turnout, protesters detained.
    Election,
    /// A court verdict against a company's executives: how many were convicted, the fine.
    Court,
}

impl Field {
    /// Every field, in the order stories take them.
    pub const ALL: [Field; 5] = [
        Field::Crash,
        Field::Quake,
        Field::Election,
        Field::Court,
        Field::Flood,
    ];

    /// The lowercase name (`crash`, `quake`, `flood`, `election`, `court`).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Crash => "crash",
            Field::Quake => "quake",
            Field::Flood => "flood",
            Field::Election => "election",
            Field::Court => "court",
        }
    }

    /// The event kind of the story's main event, as claimdiff names it.
    pub fn event_kind(self) -> &'static str {
        match self {
            Field::Crash => "Disaster.Crash",
            Field::Quake => "Disaster.Earthquake",
            Field::Flood => "Disaster.Flood",
            Field::Election => "Election.Vote",
            Field::Court => "Justice.Convict",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownField(pub String);

impl fmt::Display for UnknownField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown field {:?} (expected crash, quake, flood, election or court)",
            self.0
        )
    }
}

impl std::error::Error for UnknownField {}

impl FromStr for Field {
    type Err = UnknownField;

    fn from_str(s: &str) -> Result<Field, UnknownField> {
        Field::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| UnknownField(s.to_string()))
    }
}

/// What to generate. `CorpusConfig::new(stories, sources)` and the builder methods, or the
/// fields with [`Default`] for the rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusConfig {
    /// Number of stories.
    pub stories: usize,
    /// Articles per story, each by a different (fictional) outlet; at least one.
    pub sources_per_story: usize,
    /// The seed: the same seed and settings give the same corpus on every machine and version.
    pub seed: u64,
    /// Fields the stories cycle through (story `i` takes `fields[i % len]`); empty means all.
    pub fields: Vec<Field>,
    /// The date of story 0's event; story `i` happens `i` days later. Articles are published on
    /// the day of their event or up to three days after.
    pub start_date: Date,
}

impl Default for CorpusConfig {
    fn default() -> CorpusConfig {
        CorpusConfig {
            stories: 10,
            sources_per_story: 5,
            seed: 0,
            fields: Field::ALL.to_vec(),
            start_date: jiff::civil::date(2019, 1, 7),
        }
    }
}

/// A planted finding: what a correct comparison of the corpus must report.
#[derive(Clone, Debug, PartialEq)]
pub struct Planted {
    /// The story (its index).
    pub story: usize,
    /// The story's field.
    pub field: Field,
    /// The event kind the finding is about (`Disaster.Crash`, `Conflict.Demonstrate`, …).
    pub event_kind: String,
    /// The attribute (`dead`, `cause`, `time`, …).
    pub attribute: String,
    /// The verdict expected.
    pub verdict: Verdict,
    /// `Some(Speakers)` when the sides are quoted parties; `None` when either basis is right.
    pub basis: Option<Basis>,
    /// The values involved, as the articles word them (a taxonomy path for a category, a date
    /// as `START/END`).
    pub values: Vec<String>,
    /// The documents that state one of the values: all of them must be among the documents of
    /// the finding's claims.
    pub documents: Vec<String>,
}

/// One generated story: its articles and what they plant.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    /// Its index in the corpus.
    pub index: usize,
    /// Its field.
    pub field: Field,
    /// Where it happens.
    pub place: String,
    /// The day of its event.
    pub date: Date,
    /// Its articles, one per source.
    pub documents: Vec<Document>,
    /// Its planted findings.
    pub planted: Vec<Planted>,
}

/// A whole corpus in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct Corpus {
    /// Every article, story by story.
    pub documents: Vec<Document>,
    /// Every planted finding.
    pub planted: Vec<Planted>,
}

/// What [`CorpusConfig::write_jsonl`] wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Documents (lines).
    pub documents: usize,
    /// Bytes of article text.
    pub text_bytes: usize,
    /// Bytes written in all.
    pub bytes: usize,
}

/// The story a generated document belongs to, from its id (`s00012-003` is story 12); `None`
/// for ids this crate does not make.
pub fn story_of(document_id: &str) -> Option<usize> {
    let rest = document_id.strip_prefix('s')?;
    let (story, source) = rest.split_once('-')?;
    source.parse::<usize>().ok()?;
    story.parse().ok()
}

impl CorpusConfig {
    /// `stories` stories of `sources_per_story` articles each; the other settings as in
    /// [`Default`].
    pub fn new(stories: usize, sources_per_story: usize) -> CorpusConfig {
        CorpusConfig {
            stories,
            sources_per_story,
            ..CorpusConfig::default()
        }
    }

    /// Sets the seed.
    pub fn seed(mut self, seed: u64) -> CorpusConfig {
        self.seed = seed;
        self
    }

    /// Sets the fields stories cycle through.
    pub fn fields(mut self, fields: &[Field]) -> CorpusConfig {
        self.fields = fields.to_vec();
        self
    }

    /// Sets the date of the first story's event.
    pub fn start_date(mut self, date: Date) -> CorpusConfig {
        self.start_date = date;
        self
    }

    /// The places in the order stories take them (seeded).
    fn place_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..lexicon::words().places.len()).collect();
        rng::Rng::derive(self.seed, &[u64::MAX]).shuffle(&mut order);
        order
    }

    /// Story `index` alone (the same as in the whole corpus).
    pub fn story(&self, index: usize) -> Story {
        story::story(self, &self.place_order(), index)
    }

    /// The stories one at a time, each generated when asked for.
    pub fn stories_iter(&self) -> impl Iterator<Item = Story> + '_ {
        let order = self.place_order();
        (0..self.stories).map(move |i| story::story(self, &order, i))
    }

    /// The articles one at a time, story by story, without holding the corpus in memory.
    pub fn documents(&self) -> impl Iterator<Item = Document> + '_ {
        self.stories_iter().flat_map(|s| s.documents)
    }

    /// Writes the articles as JSON lines (`id`, `source`, `title`, `url`, `published`, `text`:
    /// the fields `claimdiff analyze` reads from a `.jsonl` file), one story at a time.
    pub fn write_jsonl<W: Write>(&self, mut out: W) -> std::io::Result<Written> {
        let mut written = Written::default();
        for d in self.documents() {
            let line = serde_json::to_string(&d).map_err(std::io::Error::other)?;
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
            written.documents += 1;
            written.text_bytes += d.text.len();
            written.bytes += line.len() + 1;
        }
        out.flush()?;
        Ok(written)
    }

    /// Gazetteer rows (the format of claimdiff-extract's `gazetteer.tsv`) for the coined towns
    /// of stories past the list of real places, so that an extractor knows them as places: add
    /// them with `LexiconBuilder::add_file("gazetteer.tsv", …)` or save them as `gazetteer.tsv` in
    /// a folder given to `claimdiff analyze --lexicon`. Only comments when every story has a real
    /// place.
    pub fn gazetteer_supplement(&self) -> String {
        let w = lexicon::words();
        let order = self.place_order();
        let mut out = String::from(
            "# Coined towns of a claimdiff-corpus corpus (rows: id, kind, name, aliases, demonyms, \
             metonyms, within).\n",
        );
        for i in order.len()..self.stories {
            let p = story::place_of(w, &order, i);
            out.push_str(&format!(
                "corpus-town-{i}\tplace\t{}\t-\t-\t-\t{}\n",
                p.name, p.country_id
            ));
        }
        out
    }

    /// How many stories take a real place before coined towns are used.
    pub fn real_places(&self) -> usize {
        lexicon::words().places.len()
    }
}

impl Corpus {
    /// Generates the whole corpus in memory.
    pub fn generate(config: &CorpusConfig) -> Corpus {
        let mut corpus = Corpus {
            documents: Vec::new(),
            planted: Vec::new(),
        };
        for s in config.stories_iter() {
            corpus.documents.extend(s.documents);
            corpus.planted.extend(s.planted);
        }
        corpus
    }

    /// Bytes of article text in all.
    pub fn text_bytes(&self) -> usize {
        self.documents.iter().map(|d| d.text.len()).sum()
    }
}
