//! [`Reporter`]: how an install tells its caller what it fetches. The library never prints;
//! the CLI draws a progress bar or lists each fetch.

/// What is being fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchKind {
    /// A packument (the package's versions), to resolve dependencies.
    Packument,
    /// A tarball, to install a package.
    Tarball,
}

/// How a fetch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchOutcome {
    /// The HTTP status of the final response, if there was one.
    pub status: Option<u16>,
    /// Bytes received.
    pub bytes: u64,
    /// Whether the registry said the cached copy is current (304).
    pub not_modified: bool,
}

/// Receives progress events; every method has an empty default. Calls come from the thread
/// that runs the install.
pub trait Reporter: Send + Sync {
    /// The number of tarballs that will be fetched, once it is known.
    fn on_fetch_plan(&self, _tarballs: usize) {}
    /// A request starts. `id` identifies it in the calls that follow; `url` holds no
    /// credentials.
    fn on_fetch_start(&self, _id: usize, _kind: FetchKind, _package: &str, _url: &str) {}
    /// More bytes of the response arrived; `total` is the size the response announced.
    fn on_fetch_progress(&self, _id: usize, _received: u64, _total: Option<u64>) {}
    /// The request ended.
    fn on_fetch_complete(&self, _id: usize, _outcome: FetchOutcome) {}
    /// A request failed and will be tried again after a pause.
    fn on_fetch_retry(&self, _id: usize, _attempt: u32, _reason: &str) {}
}

/// A reporter that ignores everything.
impl Reporter for () {}
