//! Hostile cases: npmrc (to be written).
