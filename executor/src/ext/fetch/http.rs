//! An HTTP request and response as whole values: what a `fetch` handler is called with and
//! returns, and what a tool host's [`ToolContext::fetch`](crate::ToolContext::fetch) sends and
//! gets back.

/// A request: for a `fetch` handler, or from a tool host through the run's outbound policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: String,
    /// An absolute URL.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

/// A response with its body read: what a `fetch` handler returned, or what a tool host's
/// request got back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub status_text: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}
