//! The outbound policy: which hosts `fetch` may reach, which credentials are added on the way
//! out, and how many requests a run may make. Nothing leaves the process unless the policy
//! allows it; by default it allows nothing.

use std::net::IpAddr;

use crate::ext::fetch::redact::MIN_CREDENTIAL_LENGTH;

/// What the sandbox may send over the network.
#[derive(Debug, Clone)]
pub struct OutboundPolicy {
    /// Hosts `fetch` may reach. Empty: no network at all.
    pub allow: Vec<HostPattern>,
    /// Headers added to requests to matching hosts, outside the sandbox.
    pub inject: Vec<HeaderInjection>,
    /// Most subrequests per run (redirect hops count).
    pub max_subrequests: usize,
    /// Most subrequests in flight at once.
    pub max_concurrent: usize,
    /// Largest response body a subrequest may deliver, in bytes.
    pub max_response_bytes: u64,
    /// What to add to a refusal's text, which `fetch` rejects with: how the embedder lets the
    /// request through (the CLI names its flag). The text is `"{refusal}. {hint}"`.
    pub refusal_hint: Option<fn(&Refusal) -> Option<String>>,
}

impl Default for OutboundPolicy {
    fn default() -> Self {
        OutboundPolicy {
            allow: Vec::new(),
            inject: Vec::new(),
            // As on Workers' free plan: 50 subrequests, 6 connections at once.
            max_subrequests: 50,
            max_concurrent: 6,
            max_response_bytes: 32 << 20,
            refusal_hint: None,
        }
    }
}

/// `example.com`, `*.example.com`, `api.example.com:8443`, `127.0.0.1:8080`, `[::1]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPattern {
    host: PatternHost,
    port: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PatternHost {
    /// A name, lower case, without a trailing dot.
    Exact(String),
    /// `*.suffix`: any name ending in `.suffix` (not `suffix` itself).
    Subdomains(String),
    /// An IP address, which matches only that address written as an IP.
    Ip(IpAddr),
}

/// A header added to every request to hosts matching `host`. `$NAME` in `value` is replaced
/// by the host's environment variable `NAME` when the request is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderInjection {
    pub host: HostPattern,
    pub name: String,
    pub value: String,
}

/// Why a pattern, or an injection, could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PatternError(String);

impl std::str::FromStr for HostPattern {
    type Err = PatternError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.is_empty() {
            return Err(PatternError("an empty host".into()));
        }
        if text.contains("://") || text.contains('/') {
            return Err(PatternError(format!("`{text}` is a URL; give the host, like `api.example.com`")));
        }
        // Bracketed IPv6 with an optional port, or host[:port].
        let (host, port) = if let Some(rest) = text.strip_prefix('[') {
            let (address, after) =
                rest.split_once(']').ok_or_else(|| PatternError(format!("`{text}` has an unclosed `[`")))?;
            let port = match after.strip_prefix(':') {
                Some(port) => Some(port),
                None if after.is_empty() => None,
                None => return Err(PatternError(format!("`{text}` has text after `]`"))),
            };
            (address, port)
        } else if text.matches(':').count() > 1 {
            (text, None) // a bare IPv6 address
        } else {
            match text.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (text, None),
            }
        };
        let port = port
            .map(|port| port.parse::<u16>().map_err(|_| PatternError(format!("`{port}` is not a port number"))))
            .transpose()?;
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let host = if let Ok(address) = host.parse::<IpAddr>() {
            PatternHost::Ip(address)
        } else if let Some(suffix) = host.strip_prefix("*.") {
            if suffix.is_empty() || suffix.contains('*') {
                return Err(PatternError(format!("`{text}`: a wildcard looks like `*.example.com`")));
            }
            PatternHost::Subdomains(normalize_domain(suffix)?)
        } else if host.contains('*') {
            return Err(PatternError(format!(
                "`{text}`: a wildcard may only be the first label, like `*.example.com`"
            )));
        } else {
            PatternHost::Exact(normalize_domain(&host)?)
        };
        Ok(HostPattern { host, port })
    }
}

/// A domain as the URL parser spells it (IDNA to punycode, lower case), so that patterns and
/// URLs compare equal however they were written.
fn normalize_domain(domain: &str) -> Result<String, PatternError> {
    match url::Host::parse(domain) {
        Ok(url::Host::Domain(domain)) => Ok(domain),
        Ok(_) => Err(PatternError(format!("`{domain}` is an IP address, not a name"))),
        Err(error) => Err(PatternError(format!("`{domain}` is not a host name: {error}"))),
    }
}

impl std::fmt::Display for HostPattern {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.host {
            PatternHost::Exact(name) => write!(formatter, "{name}")?,
            PatternHost::Subdomains(suffix) => write!(formatter, "*.{suffix}")?,
            PatternHost::Ip(IpAddr::V6(address)) => write!(formatter, "[{address}]")?,
            PatternHost::Ip(address) => write!(formatter, "{address}")?,
        }
        if let Some(port) = self.port {
            write!(formatter, ":{port}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for HeaderInjection {
    type Err = PatternError;

    /// `HOST: Name=VALUE`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let usage =
            || PatternError(format!("`{text}` should look like `api.example.com: Authorization=Bearer $TOKEN`"));
        let (host, header) = text
            .split_once(": ")
            .or_else(|| text.split_once(':').filter(|(host, _)| !host.contains('[')))
            .ok_or_else(usage)?;
        let (name, value) = header.trim_start().split_once('=').ok_or_else(usage)?;
        let name = name.trim();
        if name.is_empty()
            || !name.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
        {
            return Err(PatternError(format!("`{name}` is not a valid header name")));
        }
        Ok(HeaderInjection { host: host.parse()?, name: name.to_owned(), value: value.to_owned() })
    }
}

/// A host as a request's URL names it, after the URL parser normalised it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    Domain(&'a str),
    Ip(IpAddr),
}

impl HostPattern {
    /// Whether a request to `target:port` matches. An IP pattern matches only the same
    /// address written as an IP; a name never matches an IP literal.
    pub(crate) fn matches(&self, target: &Target<'_>, port: u16) -> bool {
        if self.port.is_some_and(|allowed| allowed != port) {
            return false;
        }
        match (&self.host, target) {
            (PatternHost::Exact(name), Target::Domain(domain)) => name == domain.trim_end_matches('.'),
            (PatternHost::Subdomains(suffix), Target::Domain(domain)) => {
                let domain = domain.trim_end_matches('.');
                domain.len() > suffix.len() + 1
                    && domain.ends_with(suffix.as_str())
                    && domain.as_bytes()[domain.len() - suffix.len() - 1] == b'.'
            }
            (PatternHost::Ip(allowed), Target::Ip(address)) => canonical(*allowed) == canonical(*address),
            _ => false,
        }
    }

    /// Whether a request to `target` on any port matches.
    pub(crate) fn matches_host(&self, target: &Target<'_>) -> bool {
        HostPattern { host: self.host.clone(), port: None }.matches(target, 0)
    }

    /// Whether the pattern names one host explicitly (not a wildcard): only then may the
    /// host resolve to a private or loopback address.
    pub(crate) fn is_explicit(&self) -> bool {
        !matches!(self.host, PatternHost::Subdomains(_))
    }
}

/// IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) are the IPv4 address they carry.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

/// Loopback, private, link-local, unspecified, multicast, shared, documentation and other
/// special-purpose addresses: none of them is "the internet".
pub(crate) fn is_special(address: IpAddr) -> bool {
    match canonical(address) {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || a >= 240 // reserved
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link local
                || (first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
                || (first == 0x0064 && v6.segments()[1] == 0xff9b) // NAT64
        }
    }
}

/// The decision for one request (one hop): allowed, or refused.
#[derive(Debug)]
pub(crate) enum Decision {
    Allow,
    Refuse(Refusal),
}

/// Why the outbound policy refused a request (one hop). Its text names no way to allow the
/// request; the embedder adds that ([`OutboundPolicy::refusal_hint`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The URL's scheme is not `http` or `https`.
    #[error("fetch() can only reach http: and https: URLs, not `{scheme}:`")]
    Scheme { scheme: String },
    /// The policy allows no host at all. `host` is the URL's host, without its port.
    #[error("Network access is disabled: this sandbox may not fetch `{origin}`")]
    NetworkDisabled { origin: String, host: String },
    /// The URL has no host.
    #[error("`{url}` has no host")]
    NoHost { url: String },
    /// A private or loopback address that only a wildcard pattern matched.
    #[error("`{address}` is a private or loopback address")]
    PrivateAddress { address: IpAddr },
    /// No allowed pattern matches. `target` is the host and port, `host` the host alone,
    /// `allowed` the patterns there are.
    #[error("`{target}` is not an allowed host (allowed: {})", quoted(allowed))]
    HostNotAllowed { target: String, host: String, allowed: Vec<String> },
}

/// `` `a`, `b` ``.
fn quoted(items: &[String]) -> String {
    items.iter().map(|item| format!("`{item}`")).collect::<Vec<_>>().join(", ")
}

impl OutboundPolicy {
    /// Checks a URL (one hop) against the policy, before any connection.
    pub(crate) fn check(&self, url: &url::Url) -> Decision {
        let scheme = url.scheme();
        if scheme != "http" && scheme != "https" {
            return Decision::Refuse(Refusal::Scheme { scheme: scheme.to_owned() });
        }
        if self.allow.is_empty() {
            return Decision::Refuse(Refusal::NetworkDisabled {
                origin: origin_of(url),
                host: url.host_str().unwrap_or_default().to_owned(),
            });
        }
        let Some(target) = target_of(url) else {
            return Decision::Refuse(Refusal::NoHost { url: url.to_string() });
        };
        let port = url.port_or_known_default().unwrap_or(0);
        match self.allow.iter().find(|pattern| pattern.matches(&target, port)) {
            Some(pattern) => {
                if let Target::Ip(address) = target
                    && is_special(address)
                    && !pattern.is_explicit()
                {
                    return Decision::Refuse(Refusal::PrivateAddress { address });
                }
                Decision::Allow
            }
            None => Decision::Refuse(Refusal::HostNotAllowed {
                target: host_and_port(url),
                host: url.host_str().unwrap_or_default().to_owned(),
                allowed: self.allow.iter().map(ToString::to_string).collect(),
            }),
        }
    }

    /// The text `fetch` rejects with for `refusal`: the refusal, and the embedder's hint.
    pub(crate) fn refusal_message(&self, refusal: &Refusal) -> String {
        match self.refusal_hint.and_then(|hint| hint(refusal)) {
            Some(hint) => format!("{refusal}. {hint}"),
            None => refusal.to_string(),
        }
    }

    /// The addresses a name may be connected to, of those it resolved to: all of them when
    /// the name is allowed explicitly, else only public ones (a wildcard must not let a name be
    /// pointed at the inside of the network, as in DNS rebinding).
    pub(crate) fn connectable(
        &self,
        host: &str,
        addresses: Vec<std::net::SocketAddr>,
    ) -> Result<Vec<std::net::SocketAddr>, String> {
        let target = Target::Domain(host);
        let explicit = self.allow.iter().any(|pattern| pattern.is_explicit() && pattern.matches_host(&target));
        let allowed: Vec<_> = addresses.into_iter().filter(|address| explicit || !is_special(address.ip())).collect();
        if allowed.is_empty() {
            return Err(format!(
                "`{host}` resolves only to private or loopback addresses, which a wildcard does not allow"
            ));
        }
        Ok(allowed)
    }

    /// The headers to add to a request to `url`.
    pub(crate) fn injections_for(&self, url: &url::Url) -> impl Iterator<Item = &HeaderInjection> {
        let target = target_of(url);
        let port = url.port_or_known_default().unwrap_or(0);
        self.inject
            .iter()
            .filter(move |injection| target.as_ref().is_some_and(|target| injection.host.matches(target, port)))
    }
}

pub(crate) fn target_of(url: &url::Url) -> Option<Target<'_>> {
    match url.host()? {
        url::Host::Domain(domain) => Some(Target::Domain(domain)),
        url::Host::Ipv4(address) => Some(Target::Ip(IpAddr::V4(address))),
        url::Host::Ipv6(address) => Some(Target::Ip(IpAddr::V6(address))),
    }
}

fn origin_of(url: &url::Url) -> String {
    url.origin().ascii_serialization()
}

fn host_and_port(url: &url::Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => url.to_string(),
    }
}

/// Whether a request header the sandbox set is left out of the request, silently, as workerd's
/// HTTP client (kj) leaves it out. `Host` comes from the URL, so the code cannot send a request
/// (and the credentials injected for its host) to another virtual host at the same address;
/// the headers that frame the message or manage the connection (`Content-Length`,
/// `Transfer-Encoding`, `Connection`, `Keep-Alive`, `TE`, `Trailer`, `Upgrade`) are the
/// client's, so the code cannot smuggle a second request into the connection. Beyond kj, as
/// the Fetch Standard's forbidden request headers: `Proxy-*`, which is for the host's proxy,
/// and `X-HTTP-Method(-Override)`/`X-Method-Override` naming a method fetch() refuses
/// (`CONNECT`, `TRACE`, `TRACK`). The Fetch Standard's other forbidden names (`Cookie`,
/// `Origin`, `Referer`, `Sec-*`, ...) protect a browser's user and are sent, as by workerd.
pub(crate) fn is_forbidden_request_header(name: &str, value: &str) -> bool {
    const CLIENT_HEADERS: [&str; 8] =
        ["host", "content-length", "transfer-encoding", "connection", "keep-alive", "te", "trailer", "upgrade"];
    const METHOD_OVERRIDES: [&str; 3] = ["x-http-method", "x-http-method-override", "x-method-override"];
    let name = name.trim().to_ascii_lowercase();
    if CLIENT_HEADERS.contains(&name.as_str()) || name.starts_with("proxy-") {
        return true;
    }
    METHOD_OVERRIDES.contains(&name.as_str())
        && value
            .split(',')
            .any(|method| ["CONNECT", "TRACE", "TRACK"].contains(&method.trim().to_ascii_uppercase().as_str()))
}

/// `$NAME` (letters, digits, `_`) replaced by the environment's value; `$$` is a `$`.
/// An unset variable is an error, so a credential is never silently sent empty.
pub fn expand_variables(value: &str, lookup: impl Fn(&str) -> Option<String>) -> Result<String, String> {
    expand(value, lookup).map(|(expanded, _)| expanded)
}

/// An injected header's value with its `$VAR`s expanded, and what must never reach the code or
/// the output: the whole value and each variable's value (an API may echo either).
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    pub value: String,
    pub secrets: Vec<String>,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Credential { .. }")
    }
}

/// Expands an injected header's value as [`expand_variables`] does, and refuses a variable
/// (or a value without variables) shorter than [`MIN_CREDENTIAL_LENGTH`] characters: it would
/// be scrubbed wherever its characters happen to appear, and a short secret is guessable.
pub fn expand_credential(value: &str, lookup: impl Fn(&str) -> Option<String>) -> Result<Credential, String> {
    let (expanded, variables) = expand(value, lookup)?;
    let characters = |count: usize| if count == 1 { "1 character".to_owned() } else { format!("{count} characters") };
    for (name, found) in &variables {
        let length = found.chars().count();
        if length < MIN_CREDENTIAL_LENGTH {
            return Err(format!(
                "`${name}` is {} long, and a credential must have at least {MIN_CREDENTIAL_LENGTH}: a shorter one would be scrubbed wherever its characters appear",
                characters(length)
            ));
        }
    }
    let length = expanded.chars().count();
    if length < MIN_CREDENTIAL_LENGTH {
        return Err(format!(
            "the value is {} long, and a credential must have at least {MIN_CREDENTIAL_LENGTH}: a shorter one would be scrubbed wherever its characters appear",
            characters(length)
        ));
    }
    let mut secrets = vec![expanded.clone()];
    secrets.extend(variables.into_iter().map(|(_, found)| found));
    secrets.dedup();
    Ok(Credential { value: expanded, secrets })
}

/// The expanded value, and each variable with its value.
fn expand(value: &str, lookup: impl Fn(&str) -> Option<String>) -> Result<(String, Vec<(String, String)>), String> {
    let mut variables = Vec::new();
    let mut out = String::with_capacity(value.len());
    let mut characters = value.char_indices().peekable();
    while let Some((index, character)) = characters.next() {
        if character != '$' {
            out.push(character);
            continue;
        }
        if let Some((_, '$')) = characters.peek() {
            characters.next();
            out.push('$');
            continue;
        }
        let start = index + 1;
        let mut end = start;
        while let Some((position, next)) = characters.peek().copied() {
            if next.is_ascii_alphanumeric() || next == '_' {
                end = position + next.len_utf8();
                characters.next();
            } else {
                break;
            }
        }
        if end == start {
            out.push('$');
            continue;
        }
        let name = &value[start..end];
        match lookup(name) {
            Some(found) => {
                out.push_str(&found);
                variables.push((name.to_owned(), found));
            }
            None => return Err(format!("the environment variable `{name}` is not set")),
        }
    }
    Ok((out, variables))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> url::Url {
        url::Url::parse(text).expect("a valid URL")
    }

    fn policy(patterns: &[&str]) -> OutboundPolicy {
        OutboundPolicy {
            allow: patterns.iter().map(|pattern| pattern.parse().expect("a valid pattern")).collect(),
            ..OutboundPolicy::default()
        }
    }

    fn allowed(policy: &OutboundPolicy, text: &str) -> bool {
        matches!(policy.check(&url(text)), Decision::Allow)
    }

    /// With no allowed hosts nothing is reachable, and the refusal names the host to allow
    /// (the CLI's hint turns it into `--allow-net example.com`, checked end to end).
    #[test]
    fn default_is_no_network() {
        let policy = OutboundPolicy::default();
        match policy.check(&url("https://example.com/x")) {
            Decision::Refuse(refusal) => assert_eq!(
                refusal,
                Refusal::NetworkDisabled { origin: "https://example.com".into(), host: "example.com".into() }
            ),
            Decision::Allow => panic!("allowed"),
        }
    }

    /// A refusal's text is the refusal and the embedder's hint, if it has one for it.
    #[test]
    fn refusal_message_adds_the_hint() {
        let refusal = Refusal::NoHost { url: "data:,x".into() };
        let mut policy = OutboundPolicy::default();
        assert_eq!(policy.refusal_message(&refusal), "`data:,x` has no host");
        policy.refusal_hint = Some(|refusal| match refusal {
            Refusal::NoHost { .. } => Some("Give it one".into()),
            _ => None,
        });
        assert_eq!(policy.refusal_message(&refusal), "`data:,x` has no host. Give it one");
    }

    /// Exact names, wildcards and ports match as documented; other spellings of a name
    /// (case, trailing dot, IDNA) are the same name.
    #[test]
    fn names_and_wildcards() {
        let policy = policy(&["api.example.com", "*.cdn.example", "ports.example:8443", "bücher.example"]);
        assert!(allowed(&policy, "https://api.example.com/"));
        assert!(allowed(&policy, "https://API.Example.COM./"));
        assert!(allowed(&policy, "http://api.example.com:8080/"));
        assert!(!allowed(&policy, "https://example.com/"));
        assert!(!allowed(&policy, "https://evil-api.example.com/"));
        assert!(!allowed(&policy, "https://api.example.com.evil.net/"));
        assert!(allowed(&policy, "https://a.cdn.example/"));
        assert!(allowed(&policy, "https://a.b.cdn.example/"));
        assert!(!allowed(&policy, "https://cdn.example/"));
        assert!(!allowed(&policy, "https://xcdn.example/"));
        assert!(allowed(&policy, "https://ports.example:8443/"));
        assert!(!allowed(&policy, "https://ports.example/"));
        assert!(allowed(&policy, "https://xn--bcher-kva.example/"));
        assert!(!allowed(&policy, "ftp://api.example.com/"));
    }

    /// An IP literal reaches only a pattern with that IP, in any of its spellings; names
    /// never allow IP literals; private addresses need an explicit pattern.
    #[test]
    fn ip_literals() {
        let policy = policy(&["localhost", "127.0.0.1:8080", "*.example.com"]);
        assert!(allowed(&policy, "http://127.0.0.1:8080/"));
        assert!(allowed(&policy, "http://0x7f.0.0.1:8080/"));
        assert!(allowed(&policy, "http://2130706433:8080/"));
        assert!(allowed(&policy, "http://[::ffff:127.0.0.1]:8080/"));
        assert!(!allowed(&policy, "http://127.0.0.1:8081/"));
        assert!(!allowed(&policy, "http://127.0.0.2:8080/"));
        assert!(!allowed(&policy, "http://[::1]:8080/"));
        assert!(allowed(&policy, "http://localhost:9/"));
        assert!(allowed(&self::policy(&["10.0.0.1"]), "http://10.0.0.1/"));
    }

    /// A name that only a wildcard allows may not resolve to a private or loopback address (DNS
    /// rebinding); an explicitly listed name may; public addresses always pass.
    #[test]
    fn resolved_addresses() {
        let address = |text: &str| std::net::SocketAddr::new(text.parse().unwrap(), 0);
        let policy = policy(&["*.example.com", "internal.example.com"]);
        let rebinding = policy.connectable("evil.example.com", vec![address("127.0.0.1"), address("10.0.0.5")]);
        assert!(rebinding.unwrap_err().contains("private or loopback"));
        let mixed =
            policy.connectable("cdn.example.com", vec![address("192.168.1.1"), address("93.184.216.34")]).unwrap();
        assert_eq!(mixed, vec![address("93.184.216.34")]);
        let explicit = policy.connectable("internal.example.com", vec![address("10.0.0.5")]).unwrap();
        assert_eq!(explicit, vec![address("10.0.0.5")]);
    }

    /// Special-purpose addresses are recognised in both families.
    #[test]
    fn special_addresses() {
        for address in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(is_special(address.parse().unwrap()), "{address}");
        }
        for address in ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "1.1.1.1"] {
            assert!(!is_special(address.parse().unwrap()), "{address}");
        }
    }

    /// Patterns parse the forms users type, and refuse URLs and misplaced wildcards.
    #[test]
    fn pattern_syntax() {
        for text in ["example.com", "*.example.com", "example.com:443", "[::1]:8080", "::1", "10.0.0.1:80"] {
            let pattern: HostPattern = text.parse().unwrap_or_else(|error| panic!("{text}: {error}"));
            assert_eq!(
                pattern.to_string().trim_start_matches('[').replace("]", ""),
                text.trim_start_matches('[').replace("]", "")
            );
        }
        for text in ["https://example.com", "example.com/path", "a.*.com", "*.", "example.com:99999", ""] {
            assert!(text.parse::<HostPattern>().is_err(), "{text}");
        }
    }

    /// The headers the client sets itself, `Proxy-*` and method overrides to a forbidden method
    /// are left out of requests, in any case; other headers, and harmless overrides, are sent.
    #[test]
    fn forbidden_request_headers() {
        for (name, value) in [
            ("Host", "other.example"),
            ("content-length", "0"),
            ("Transfer-Encoding", "chunked"),
            ("CONNECTION", "keep-alive, x-smuggle"),
            ("keep-alive", "timeout=5"),
            ("te", "trailers"),
            ("trailer", "x-late"),
            ("upgrade", "websocket"),
            ("proxy-authorization", "Basic eDp5"),
            ("Proxy-Connection", "keep-alive"),
            ("x-http-method-override", "TRACE"),
            ("X-HTTP-Method", "get, track"),
            ("x-method-override", " connect "),
        ] {
            assert!(is_forbidden_request_header(name, value), "{name}: {value}");
        }
        for (name, value) in [
            ("authorization", "Bearer x"),
            ("cookie", "a=b"),
            ("origin", "https://example.com"),
            ("accept-encoding", "gzip"),
            ("x-http-method-override", "PATCH"),
            ("x-hostname", "other.example"),
            ("sec-fetch-mode", "cors"),
        ] {
            assert!(!is_forbidden_request_header(name, value), "{name}: {value}");
        }
    }

    /// `HOST: Name=VALUE` injections, with `$VAR` expanded from the environment.
    #[test]
    fn injections() {
        let injection: HeaderInjection = "api.github.com: Authorization=Bearer $GITHUB_TOKEN".parse().unwrap();
        assert_eq!(injection.name, "Authorization");
        assert_eq!(injection.value, "Bearer $GITHUB_TOKEN");
        let lookup = |name: &str| (name == "GITHUB_TOKEN").then(|| "s3cret".to_owned());
        assert_eq!(expand_variables(&injection.value, lookup).unwrap(), "Bearer s3cret");
        assert_eq!(expand_variables("$$literal and $", lookup).unwrap(), "$literal and $");
        assert!(expand_variables("$MISSING", lookup).is_err());
        assert!("no-separator".parse::<HeaderInjection>().is_err());
        let credential = expand_credential(&injection.value, |_| Some("s3cret-token".to_owned())).unwrap();
        assert_eq!(credential.value, "Bearer s3cret-token");
        assert_eq!(credential.secrets, ["Bearer s3cret-token", "s3cret-token"]);
        assert_eq!(expand_credential("a-long-literal-value", lookup).unwrap().secrets, ["a-long-literal-value"]);
        let short = expand_credential(&injection.value, lookup).unwrap_err();
        assert!(short.contains("`$GITHUB_TOKEN` is 6 characters long"), "{short}");
        assert!(expand_credential("short", lookup).unwrap_err().contains("the value is 5 characters long"));
        assert!(expand_credential("Bearer $EMPTY", |_| Some(String::new())).is_err());
        assert!("host: Bad Name=x".parse::<HeaderInjection>().is_err());
    }
}
