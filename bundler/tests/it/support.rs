//! Helpers shared by the integration tests.

use std::fmt::Write as _;
use std::path::Path;

use bundler::{Diagnostic, Language, Prepared, SourceInput, prepare_source};

/// Prepares `text` as the file `file`, its language taken from the extension.
pub(crate) fn prepare(file: &str, text: &str) -> Result<Prepared, Diagnostic> {
    let language = Language::from_path(Path::new(file)).expect("test files have a known extension");
    prepare_source(&SourceInput { file, text, language })
}

/// Prepares a source that must succeed.
pub(crate) fn prepared(file: &str, text: &str) -> Prepared {
    prepare(file, text).unwrap_or_else(|diagnostic| {
        panic!("{file} should prepare, got {diagnostic:#?}");
    })
}

/// The input, then what came out: shape, kind, whether there is a source map, and the code.
pub(crate) fn render_prepared(text: &str, prepared: &Prepared) -> String {
    format!(
        "{text}\n----- {:?}, {}, source map: {} -----\n{}",
        prepared.shape,
        prepared.kind,
        if prepared.source_map.is_some() { "yes" } else { "no" },
        prepared.code
    )
}

/// Every field of a diagnostic, then the line it points at with a caret under the span, so
/// a reviewer sees at once whether the location is right.
pub(crate) fn render_diagnostic(text: &str, diagnostic: &Diagnostic) -> String {
    let mut out = String::new();
    writeln!(out, "code: {}", diagnostic.code).expect("writing to a String");
    writeln!(out, "message: {}", diagnostic.message).expect("writing to a String");
    if let Some(label) = &diagnostic.label {
        writeln!(out, "label: {label}").expect("writing to a String");
    }
    if let Some(help) = &diagnostic.help {
        writeln!(out, "help: {help}").expect("writing to a String");
    }
    for cause in &diagnostic.causes {
        writeln!(out, "cause: {cause}").expect("writing to a String");
    }
    let Some(location) = &diagnostic.location else {
        writeln!(out, "location: none").expect("writing to a String");
        return out;
    };
    writeln!(out, "location: {location} (length {})", location.length).expect("writing to a String");
    let line = text
        .split('\n')
        .nth(location.line as usize - 1)
        .expect("the location's line is in the text")
        .trim_end_matches('\r');
    // Columns are UTF-16 code units; the inputs with carets are ASCII up to the caret.
    let caret_start = location.column as usize - 1;
    writeln!(out, "{line}").expect("writing to a String");
    writeln!(out, "{}{}", " ".repeat(caret_start), "^".repeat(location.length as usize)).expect("writing to a String");
    out
}
