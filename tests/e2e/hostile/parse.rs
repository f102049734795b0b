//! Hostile cases: parse (to be written).
