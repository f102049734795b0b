//! A run's compatibility date and flags, read as workerd reads them
//! (`src/workerd/io/compatibility-date.c++`): the date picks the behaviour of its day, each flag
//! turns one feature on or off against it, and what workerd refuses is refused with workerd's
//! words: a malformed date, a date newer than this runtime, a flag it does not know, an
//! experimental flag (Worker Loader refuses those), a flag given twice, and a feature both
//! enabled and disabled.
//!
//! Every flag workerd knows is accepted (`flags.rs`); the features the sandbox implements
//! differently by date or flag are the [`Compatibility`] methods.

mod flags;

use std::collections::BTreeSet;

/// The newest compatibility date this runtime implements, and the date of a run or a module
/// map that names none. It is the release of the workerd the tests compare with
/// (`tests/workerd`, 1.20261117.1): the features that date turns on are the ones the runtime
/// follows, and a map with this date loads in that workerd.
pub const COMPATIBILITY_DATE: &str = "2026-11-17";

/// One feature that a compatibility flag turns on, and another, if any, turns off.
struct Flag {
    enable: &'static str,
    disable: Option<&'static str>,
    experimental: bool,
}

/// A feature the runtime implements differently by date or flag, as workerd does.
#[derive(Debug, Clone, Copy)]
struct Feature {
    enable: &'static str,
    disable: &'static str,
    /// The first date on which it is on without its flag.
    date: &'static str,
    /// Turned on, from a date on, by another feature being on (workerd's `impliedByAfterDate`).
    implied_by: Option<(&'static Feature, &'static str)>,
}

/// `nodejs_compat`: Node.js built-in modules (`nodeJsCompat`).
const NODEJS_COMPAT: Feature =
    Feature { enable: "nodejs_compat", disable: "no_nodejs_compat", date: "2026-08-04", implied_by: None };

/// `nodejs_compat_v2`: the `Buffer` and `process` globals, built-ins without `node:`
/// (`nodeJsCompatV2`), implied by `nodejs_compat` from 2024-09-23.
const NODEJS_COMPAT_V2: Feature = Feature {
    enable: "nodejs_compat_v2",
    disable: "no_nodejs_compat_v2",
    date: "2026-08-04",
    implied_by: Some((&NODEJS_COMPAT, "2024-09-23")),
};

/// `enable_nodejs_global_timers`: the global `setTimeout`, `setInterval`, `clearTimeout` and
/// `clearInterval` are `node:timers`' (`enableNodejsGlobalTimers`), implied by `nodejs_compat`
/// from 2026-02-10.
const NODEJS_GLOBAL_TIMERS: Feature = Feature {
    enable: "enable_nodejs_global_timers",
    disable: "no_nodejs_global_timers",
    date: "9999-12-31",
    implied_by: Some((&NODEJS_COMPAT, "2026-02-10")),
};

/// `allow_eval_during_startup`: `eval` and `new Function` while a module's top level is
/// evaluated (`allowEvalDuringStartup`).
const EVAL_DURING_STARTUP: Feature = Feature {
    enable: "allow_eval_during_startup",
    disable: "disallow_eval_during_startup",
    date: "2025-06-01",
    implied_by: None,
};

/// Why a compatibility date or flag is refused. The messages are workerd's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompatibilityError {
    /// Not `YYYY-MM-DD` with a year from 2000 to 2999, a month and a day.
    #[error("Invalid compatibility date: {0}")]
    InvalidDate(String),
    /// Later than [`COMPATIBILITY_DATE`].
    #[error(
        "This Worker requires compatibility date \"{date}\", but the newest date supported by this runtime is \"{newest}\""
    )]
    NewerThanRuntime { date: String, newest: &'static str },
    /// A flag workerd does not know.
    #[error("No such compatibility flag: {0}")]
    UnknownFlag(String),
    /// A flag workerd accepts only with `--experimental`, and Worker Loader never.
    #[error("The compatibility flag {0} is experimental and may break or be removed in a future version of workerd")]
    ExperimentalFlag(String),
    /// The same flag twice.
    #[error("Compatibility flag specified multiple times: {0}")]
    RepeatedFlag(String),
    /// A feature's enable flag and its disable flag.
    #[error("Compatibility flags are mutually contradictory: {enable} vs {disable}")]
    Contradictory { enable: String, disable: String },
}

/// A run's compatibility date and flags, checked, with the features they select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compatibility {
    date: String,
    flags: Vec<String>,
}

impl Default for Compatibility {
    /// [`COMPATIBILITY_DATE`] and no flags.
    fn default() -> Compatibility {
        Compatibility { date: COMPATIBILITY_DATE.to_owned(), flags: Vec::new() }
    }
}

impl Compatibility {
    /// The date and flags, checked as workerd checks them; the first problem is the error.
    pub fn new(date: &str, flags: &[String]) -> Result<Compatibility, CompatibilityError> {
        if !is_date(date) {
            return Err(CompatibilityError::InvalidDate(date.to_owned()));
        }
        if date > COMPATIBILITY_DATE {
            return Err(CompatibilityError::NewerThanRuntime { date: date.to_owned(), newest: COMPATIBILITY_DATE });
        }
        let mut seen = BTreeSet::new();
        for flag in flags {
            if !seen.insert(flag.as_str()) {
                return Err(CompatibilityError::RepeatedFlag(flag.clone()));
            }
            let known = flags::FLAGS.iter().find(|known| known.enable == flag || known.disable == Some(flag));
            match known {
                None => return Err(CompatibilityError::UnknownFlag(flag.clone())),
                Some(known) if known.experimental && known.enable == flag => {
                    return Err(CompatibilityError::ExperimentalFlag(flag.clone()));
                }
                Some(_) => {}
            }
        }
        for known in flags::FLAGS {
            if let Some(disable) = known.disable
                && seen.contains(known.enable)
                && seen.contains(disable)
            {
                return Err(CompatibilityError::Contradictory {
                    enable: known.enable.to_owned(),
                    disable: disable.to_owned(),
                });
            }
        }
        Ok(Compatibility { date: date.to_owned(), flags: flags.to_vec() })
    }

    /// Every flag name workerd knows, enable and disable flags alike (for suggestions).
    pub fn known_flags() -> impl Iterator<Item = &'static str> {
        flags::FLAGS.iter().flat_map(|flag| std::iter::once(flag.enable).chain(flag.disable))
    }

    /// The compatibility date, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        &self.date
    }

    /// The flags, as given.
    pub fn flags(&self) -> &[String] {
        &self.flags
    }

    /// Whether Node.js compatibility is on: `nodejs_compat` or `nodejs_compat_v2`, by flag or by
    /// a date from 2026-08-04 (both flags' disable flags turn it off), as workerd's
    /// `isNodeJsCompatEnabled`.
    pub fn nodejs_compat(&self) -> bool {
        self.is_on(NODEJS_COMPAT) || self.nodejs_compat_v2()
    }

    /// Whether `nodejs_compat_v2` is on: the `Buffer` and `process` globals, and built-in
    /// modules importable without `node:`.
    pub fn nodejs_compat_v2(&self) -> bool {
        self.is_on(NODEJS_COMPAT_V2)
    }

    /// Whether the global timers are `node:timers`' (their `setTimeout` returns a `Timeout`):
    /// `enable_nodejs_global_timers`, implied by `nodejs_compat` from 2026-02-10, and only with
    /// Node.js compatibility on, as in workerd.
    pub fn nodejs_global_timers(&self) -> bool {
        self.nodejs_compat() && self.is_on(NODEJS_GLOBAL_TIMERS)
    }

    /// Whether `eval` and `new Function` work while a module's top level is evaluated
    /// (`allow_eval_during_startup`, by a date from 2025-06-01).
    pub fn eval_during_startup(&self) -> bool {
        self.is_on(EVAL_DURING_STARTUP)
    }

    fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|given| given == flag)
    }

    /// On by its flag, or by the date unless disabled, or implied by another feature from a
    /// date on unless disabled.
    fn is_on(&self, feature: Feature) -> bool {
        if self.has(feature.enable) {
            return true;
        }
        if self.has(feature.disable) {
            return false;
        }
        if self.date.as_str() >= feature.date {
            return true;
        }
        match feature.implied_by {
            Some((other, from)) => self.date.as_str() >= from && self.is_on(*other),
            None => false,
        }
    }
}

/// `YYYY-MM-DD`, with a year from 2000 to 2999, a month from 1 to 12 and a day from 1 to 31,
/// as workerd checks it.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return false;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    (2000..3000).contains(&number(0..4)) && (1..=12).contains(&number(5..7)) && (1..=31).contains(&number(8..10))
}

#[cfg(test)]
mod tests;
