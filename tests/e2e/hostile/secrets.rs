//! Hostile cases: secrets (to be written).
