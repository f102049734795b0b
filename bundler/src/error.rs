//! [`BundleError`]: why [`bundle`](crate::bundle) could not make a module map.

use crate::diagnostics::Diagnostic;

/// Why a project could not be turned into a module map. The variants tell whose problem it
/// is, which the CLI turns into an exit code.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// The path given cannot be read: it does not exist, or is not readable.
    #[error("Cannot read `{path}`")]
    Unreadable {
        /// The path as the user gave it.
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A file of the project does not compile: a syntax error, or agent code where only a
    /// module may be. The location is in that file.
    #[error("{}", .0.diagnostic)]
    Code(Box<Located>),
    /// The files cannot be put together: no entry, an import that does not resolve, a file
    /// type that cannot be imported, a dependency in `node_modules` that does not compile.
    #[error("{}", .0.diagnostic)]
    Graph(Box<Located>),
}

/// A diagnostic, and the text of the file its location points into (for a code frame).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub diagnostic: Diagnostic,
    /// The text of `diagnostic.location`'s file, when it has a location in a text file.
    pub text: Option<String>,
}

impl BundleError {
    /// The diagnostic, for the variants that have one.
    pub fn diagnostic(&self) -> Option<&Located> {
        match self {
            BundleError::Unreadable { .. } => None,
            BundleError::Code(located) | BundleError::Graph(located) => Some(located),
        }
    }
}

pub(crate) fn code(diagnostic: Diagnostic, text: Option<&str>) -> BundleError {
    BundleError::Code(Box::new(Located { diagnostic, text: text.map(str::to_owned) }))
}

pub(crate) fn graph(diagnostic: Diagnostic, text: Option<&str>) -> BundleError {
    BundleError::Graph(Box::new(Located { diagnostic, text: text.map(str::to_owned) }))
}
