//! Tests of claimdiff-core: the value wire format and the claim graph's queries.

mod graph;
mod values;
