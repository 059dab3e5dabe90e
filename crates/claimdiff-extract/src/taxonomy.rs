//! Category taxonomies: phrases mapped to paths, is-a by path prefix, declared disjointness.
use crate::{error::Result, lexicon::Sources};

/// Category phrases and paths (`cause/natural/heart-failure`), with disjoint branches.
#[derive(Debug, Default)]
pub struct Taxonomy {}

impl Taxonomy {
    pub(crate) fn load(_s: &Sources) -> Result<Taxonomy> {
        Ok(Taxonomy {})
    }
}
