//! Hostile cases: memory (to be written).
