//! Hostile cases: files (to be written).
