//! Tests of the claims area.
