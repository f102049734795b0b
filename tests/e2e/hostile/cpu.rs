//! Hostile cases: cpu (to be written).
