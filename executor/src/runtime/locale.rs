//! The time zone and locale that `Date` and `Intl` see. V8 takes both from ICU's defaults,
//! which ICU otherwise detects from the host (`TZ`, `/etc/localtime`, `LC_ALL`, `LANG`): without
//! this, a sandbox could read where and in which language its host runs. Every sandbox gets
//! UTC and `en-US`, as on Cloudflare, unless the embedder chose otherwise before the first one.
//!
//! ICU's defaults are process-wide, and V8 has no per-isolate setting for either (an isolate
//! reads ICU's default zone whenever it formats a date, and its locale on first use), so the
//! choice is one per process: changing it while sandboxes run would change the zone under
//! code in the middle of a run on another thread.

use std::sync::{Mutex, MutexGuard};

/// The time zone and locale that `Date` and `Intl` use in every sandbox of the process.
/// The default is UTC and `en-US`, whatever the host's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localization {
    /// A time zone ICU knows: an IANA name such as `UTC` or `Europe/Berlin`, or an offset
    /// such as `GMT+05:30`.
    pub time_zone: String,
    /// A BCP 47 language tag: a language with an optional script, region and variants, such as
    /// `en-US`, `de-DE` or `sr-Latn-RS` (no `-u-` extensions). A well-formed tag that ICU has no
    /// data for formats as its nearest available parent, as in browsers.
    pub locale: String,
}

impl Default for Localization {
    fn default() -> Self {
        Localization { time_zone: DEFAULT_TIME_ZONE.to_owned(), locale: DEFAULT_LOCALE.to_owned() }
    }
}

const DEFAULT_TIME_ZONE: &str = "UTC";
const DEFAULT_LOCALE: &str = "en-US";

/// Why [`set_localization`] refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocalizationError {
    #[error("`{0}` is not a time zone")]
    UnknownTimeZone(String),
    #[error("`{tag}` is not a language tag: {reason}")]
    MalformedLocale { tag: String, reason: String },
    #[error("the time zone and locale can only be chosen before the first sandbox of a process starts")]
    AlreadyStarted,
}

struct State {
    /// The first sandbox has started: the choice is final.
    started: bool,
    /// The embedder chose; the first sandbox keeps it instead of applying the default.
    chosen: bool,
}

static STATE: Mutex<State> = Mutex::new(State { started: false, chosen: false });

fn state() -> MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Sets the time zone and locale of every sandbox this process will run. Call it before the
/// first sandbox starts (and before [`keep_warm`](crate::keep_warm)); afterwards it returns
/// [`LocalizationError::AlreadyStarted`] and changes nothing. Nothing changes either when the
/// zone or the tag is refused.
pub fn set_localization(localization: &Localization) -> Result<(), LocalizationError> {
    let locale = parse_locale(&localization.locale)?;
    let mut state = state();
    if state.started {
        return Err(LocalizationError::AlreadyStarted);
    }
    apply(&localization.time_zone, &locale)?;
    state.chosen = true;
    Ok(())
}

/// Called once, as V8 is initialised: applies the default unless the embedder chose, and
/// makes the choice final.
pub(crate) fn apply_before_first_sandbox() {
    let mut state = state();
    if !state.chosen {
        apply(DEFAULT_TIME_ZONE, DEFAULT_LOCALE).expect("ICU knows UTC");
    }
    state.started = true;
}

fn apply(time_zone: &str, locale: &str) -> Result<(), LocalizationError> {
    // The first use of ICU may be this one, before V8 starts: ICU's allocator goes first.
    crate::runtime::memory::install_icu_allocator();
    // ICU ignores the host's zone from here on; it leaves its default untouched and says so
    // when it does not know the id.
    if !v8::icu::set_default_time_zone(time_zone) {
        return Err(LocalizationError::UnknownTimeZone(time_zone.to_owned()));
    }
    v8::icu::set_default_locale(locale);
    Ok(())
}

/// The tag in canonical form (`de-de` becomes `de-DE`), or why it is not one ICU can take as a
/// default locale.
fn parse_locale(tag: &str) -> Result<String, LocalizationError> {
    let malformed =
        |reason: &str| LocalizationError::MalformedLocale { tag: tag.to_owned(), reason: reason.to_owned() };
    if tag.contains('_') {
        return Err(malformed("BCP 47 separates subtags with `-`, as in `en-US`"));
    }
    if tag.contains(['.', '@']) {
        return Err(malformed("give a language tag without an encoding or modifier, as in `de-DE`"));
    }
    let identifier = icu_locale_core::LanguageIdentifier::try_from_str(tag).map_err(|_| {
        if icu_locale_core::Locale::try_from_str(tag).is_ok() {
            malformed(
                "extensions (`-u-`, `-t-`, `-x-`) are not supported; give a language, script and region, as in `de-DE`",
            )
        } else {
            malformed("write a language with an optional script and region, as in `en-US`, `de-DE` or `sr-Latn-RS`")
        }
    })?;
    if identifier.language.is_unknown() {
        return Err(malformed("`und` is not a language"));
    }
    Ok(identifier.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Language tags are checked as BCP 47 and put in canonical form; ICU locale ids, POSIX
    /// locale names and extensions are refused.
    #[test]
    fn locales() {
        assert_eq!(parse_locale("en-US").unwrap(), "en-US");
        assert_eq!(parse_locale("de-de").unwrap(), "de-DE");
        assert_eq!(parse_locale("sr-latn-rs").unwrap(), "sr-Latn-RS");
        assert_eq!(parse_locale("fr").unwrap(), "fr");
        for bad in ["", "de_DE", "de_DE.UTF-8", "C", "de-DE-u-co-phonebk", "english", "und", "en-US@euro", "12"] {
            assert!(parse_locale(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
