//! What the user sees when the input cannot be read or bundled: a bundler diagnostic with its
//! code frame, an unreadable path, source over `--max-source-size`.

use bundler::{BundleError, BundleOptions};

use super::frame::excerpt;
use super::{Position, Report};
use crate::exit::ExitStatus;

impl Report {
    /// A bundler diagnostic: a syntax error or a foreign code fence (`Failure`), a bad
    /// module map (`Usage`).
    pub(crate) fn from_diagnostic(
        diagnostic: &bundler::Diagnostic,
        source: Option<&str>,
        status: ExitStatus,
    ) -> Report {
        let mut report = Report::new(status, diagnostic.code.as_str(), diagnostic.message.clone());
        report.hint = diagnostic.help.as_deref().map(lowercase_first);
        if let Some(location) = &diagnostic.location {
            report.location = Some(Position {
                function: None,
                file: location.file.clone(),
                line: location.line,
                column: location.column,
            });
            report.excerpt = source.and_then(|source| {
                excerpt(source, location.line, location.column, location.length, diagnostic.label.clone())
            });
        }
        report
    }
}

/// Hints read as a continuation of `hint:`, so they start in lower case (unless the first
/// word is an acronym or a literal).
fn lowercase_first(text: &str) -> String {
    let mut characters = text.chars();
    match (characters.next(), characters.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text[first.len_utf8()..].chars()).collect()
        }
        _ => text.to_owned(),
    }
}

/// Why a project cannot be bundled: an unreadable path (exit 2), a file of the project that
/// does not compile (exit 1), or anything else about putting it together (exit 4).
pub(crate) fn bundle_report(error: &BundleError, options: &BundleOptions) -> Report {
    let (located, status) = match error {
        BundleError::Unreadable { path, source } => return unreadable(path, source),
        BundleError::Code(located) => (located, ExitStatus::Failure),
        BundleError::Graph(located) => (located, ExitStatus::Bundle),
    };
    let diagnostic = &located.diagnostic;
    let status = if diagnostic.code == bundler::DiagnosticCode::Internal { ExitStatus::Internal } else { status };
    let mut report = Report::from_diagnostic(diagnostic, located.text.as_deref(), status);
    report.causes.extend(diagnostic.causes.iter().cloned());
    if diagnostic.code == bundler::DiagnosticCode::SourceTooLarge {
        report.hint = Some(raise_hint(options.max_source_size.unwrap_or(bundler::DEFAULT_MAX_SOURCE_SIZE)));
    }
    if diagnostic.code == bundler::DiagnosticCode::NodeBuiltin {
        report.hint = Some(
            "the compatibility date or flags turn Node.js compatibility off: add `--compatibility-flag \
             nodejs_compat`, or use a Web API instead"
                .to_owned(),
        );
    }
    report
}

pub(crate) fn unreadable(display: &str, error: &std::io::Error) -> Report {
    let report = Report::new(ExitStatus::Usage, "unreadable-input", format!("Cannot read `{display}`"))
        .with_cause(error.to_string());
    if error.kind() == std::io::ErrorKind::NotFound { report.with_hint("check the path") } else { report }
}

/// Input given whole (stdin, a module map) that is larger than `--max-source-size`.
pub(crate) fn input_too_large(what: &str, max: u64) -> Report {
    Report::new(
        ExitStatus::Usage,
        "source-too-large",
        format!("{what} is more than the {} of source one run may read", executor::format_bytes(max as usize)),
    )
    .with_hint(raise_hint(max))
}

/// How to let more source in.
fn raise_hint(max: u64) -> String {
    let doubled = executor::format_bytes(max.saturating_mul(2) as usize).replace("iB", "B");
    format!("if the code needs more, raise the limit, e.g. `--max-source-size {doubled}`")
}
