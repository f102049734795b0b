//! Hostile cases: output (to be written).
