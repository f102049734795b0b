//! The exit codes, one enum; README.md and `--help` list the same.

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// The result is on stdout.
    Success = 0,
    /// The code threw, rejected, failed to compile, or returned a value JSON cannot hold.
    Failure = 1,
    /// Bad usage or unreadable input.
    Usage = 2,
    /// A CPU, wall-clock or memory limit stopped the code.
    Limit = 3,
    /// The project could not be bundled (no entry, an import that does not resolve, a
    /// dependency that does not compile), or a tool it was granted could not be set up (an
    /// MCP server that does not start, an OpenAPI spec that cannot be read).
    Bundle = 4,
    /// Something that should not happen.
    Internal = 70,
    /// Ctrl-C.
    Interrupted = 130,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status as u8)
    }
}
