//! What the user sees when the command line is wrong: a [`UsageError`] names the flag and
//! what to write instead; exit code 2.

use super::Report;
use crate::exit::ExitStatus;

/// A usage error: the message says what is wrong with which flag; exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub(crate) struct UsageError {
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

impl Report {
    /// An error found before any work: bad flags (exit 2), or anything unexpected (exit 70).
    pub(crate) fn from_setup_error(error: &anyhow::Error) -> Report {
        match error.downcast_ref::<UsageError>() {
            Some(usage) => {
                let report = Report::new(ExitStatus::Usage, "usage", usage.message.clone());
                match &usage.hint {
                    Some(hint) => report.with_hint(hint.clone()),
                    None => report,
                }
            }
            None => Report::new(ExitStatus::Internal, "internal", format!("{error:#}")),
        }
    }
}
