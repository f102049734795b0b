//! The compatibility date and flags of a run or a module map: `--compatibility-date` and
//! `--compatibility-flag` win over the module map's or the wrangler config's settings, and
//! without a date anywhere the newest the runtime implements applies
//! (`executor::COMPATIBILITY_DATE`). The result is checked as workerd checks it.

use crate::report::Report;

/// `--compatibility-date` and `--compatibility-flag`, each already checked on its own.
#[derive(Debug, Clone, Default)]
pub(crate) struct CompatibilitySettings {
    pub(crate) date: Option<String>,
    /// Empty: the map's or the config's flags.
    pub(crate) flags: Vec<String>,
}

/// Where the settings the command line did not give came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Source {
    /// Nowhere: code on stdin or a lone file.
    #[default]
    None,
    /// A module map, named as the input was given.
    ModuleMap(String),
    /// The wrangler config of a project, named as diagnostics show it.
    WranglerConfig(String),
}

impl CompatibilitySettings {
    /// The date and flags to use, given what the input set (`date`, `flags`, from `source`):
    /// a refused value is a report naming where it was set.
    pub(crate) fn resolve(
        &self,
        date: Option<&str>,
        flags: &[String],
        source: &Source,
    ) -> Result<executor::Compatibility, Box<Report>> {
        let date = self.date.as_deref().or(date).unwrap_or(executor::COMPATIBILITY_DATE);
        let flags = if self.flags.is_empty() { flags } else { &self.flags };
        executor::Compatibility::new(date, flags).map_err(|error| {
            Box::new(match source {
                Source::ModuleMap(name) => Report::from_compatibility_error(&error, &format!("`{name}`"), true),
                Source::WranglerConfig(file) => Report::from_compatibility_error(&error, file, false),
                // The command line's values were checked before; a default date and no flags
                // are always accepted.
                Source::None => Report::from_compatibility_error(&error, "the command line", false),
            })
        })
    }
}
