//! What the user sees when a compatibility date or flag is refused: workerd's words, where the
//! value was set, and what to write instead.

use executor::{Compatibility, CompatibilityError};

use super::Report;
use crate::exit::ExitStatus;

/// Where workerd's flags are listed.
const FLAGS_PAGE: &str = "https://developers.cloudflare.com/workers/configuration/compatibility-flags/";

impl Report {
    /// A date or flag that a module map or a wrangler config (`file`) sets, refused: exit 2
    /// for a module map, 4 for a project.
    pub(crate) fn from_compatibility_error(error: &CompatibilityError, file: &str, module_map: bool) -> Report {
        let date = matches!(error, CompatibilityError::InvalidDate(_) | CompatibilityError::NewerThanRuntime { .. });
        let (code, field) = match (date, module_map) {
            (true, true) => ("invalid-compatibility-date", "`compatibilityDate` in the module map"),
            (true, false) => ("invalid-compatibility-date", "`compatibility_date` in"),
            (false, true) => ("invalid-compatibility-flag", "`compatibilityFlags` in the module map"),
            (false, false) => ("invalid-compatibility-flag", "`compatibility_flags` in"),
        };
        let status = if module_map { ExitStatus::Usage } else { ExitStatus::Bundle };
        Report::new(status, code, error.to_string()).with_cause(format!("set by {field} {file}")).with_hint(hint(error))
    }
}

/// What to write instead of the refused value.
pub(crate) fn hint(error: &CompatibilityError) -> String {
    match error {
        CompatibilityError::InvalidDate(_) => "write the date as YYYY-MM-DD, e.g. 2025-06-01".to_owned(),
        CompatibilityError::NewerThanRuntime { newest, .. } => {
            format!(
                "use {newest} or an earlier date: the newest this version of sandbox implements (`sandbox --version`)"
            )
        }
        CompatibilityError::UnknownFlag(flag) => match closest_flag(flag) {
            Some(known) => format!("did you mean `{known}`? The flags are workerd's: {FLAGS_PAGE}"),
            None => format!("the flags are workerd's: {FLAGS_PAGE}"),
        },
        CompatibilityError::ExperimentalFlag(_) => {
            "leave it out: Worker Loader refuses experimental flags, and sandbox implements none".to_owned()
        }
        CompatibilityError::RepeatedFlag(_) => "give each flag once".to_owned(),
        CompatibilityError::Contradictory { enable, disable } => {
            format!("keep one of them: `{enable}` turns the feature on, `{disable}` off")
        }
    }
}

/// The known flag nearest to `flag` by edit distance, if it is near enough to be a typo.
fn closest_flag(flag: &str) -> Option<&'static str> {
    let (distance, known) = Compatibility::known_flags()
        .map(|known| (edit_distance(flag, known), known))
        .min_by_key(|(distance, _)| *distance)?;
    (distance <= 2.max(flag.len() / 4)).then_some(known)
}

/// Levenshtein distance between two strings, by characters.
fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    for (row, left_character) in left.chars().enumerate() {
        let mut current = vec![row + 1; right.len() + 1];
        for (column, right_character) in right.iter().enumerate() {
            let substitution = previous[column] + usize::from(left_character != *right_character);
            current[column + 1] = substitution.min(previous[column + 1] + 1).min(current[column] + 1);
        }
        previous = current;
    }
    previous[right.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A misspelt flag gets the flag it was probably meant to be; a word far from every flag
    /// gets none.
    #[test]
    fn suggestions() {
        assert_eq!(closest_flag("nodejs_compt"), Some("nodejs_compat"));
        assert_eq!(closest_flag("nodejs-compat-v2"), Some("nodejs_compat_v2"));
        assert_eq!(closest_flag("banana"), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
