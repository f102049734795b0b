//! Scrubbing injected credentials: from what the network hands the sandbox (response headers,
//! bodies as they stream, URLs, error messages, the outbound log) and, in the CLI, from
//! everything printed.
//!
//! A credential is looked for as it is and as the encodings an API that echoes it is likely to
//! apply: JSON and JavaScript string escaping, HTML escaping, percent-encoding (as
//! `encodeURIComponent`, RFC 3986 and HTML forms write it, upper- and lower-case hex) and
//! base64 (standard and URL-safe, at each of the three alignments the credential can have in a
//! longer base64 text, the characters that depend on the credential alone). Every form is a
//! fixed string, so one Aho-Corasick automaton finds them all in time linear in the text, and
//! every occurrence is replaced, overlapping ones included. A transformation not listed here
//! (hashing, upper case, hex, encryption, a second layer of encoding) is not recognised: the
//! README's security model names that residual risk.

use std::borrow::Cow;

use aho_corasick::AhoCorasick;

/// What replaces a credential.
pub const REDACTED: &str = "[REDACTED]";

/// The fewest characters an injected credential may have: scrubbing a shorter one would also
/// hide every chance occurrence of its characters, and a short one is guessable anyway.
pub const MIN_CREDENTIAL_LENGTH: usize = 8;

/// Finds credentials, in the forms listed in the module's documentation, and replaces them.
/// An empty `Redactor` (no credentials) changes nothing.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    forms: Option<AhoCorasick>,
    /// The longest form, in bytes: a match never spans more.
    longest: usize,
}

impl Redactor {
    /// A redactor for `secrets` (each at least [`MIN_CREDENTIAL_LENGTH`] characters long; shorter
    /// ones are left out).
    pub fn new<S: AsRef<str>>(secrets: &[S]) -> Redactor {
        let secrets: Vec<&str> = secrets
            .iter()
            .map(AsRef::as_ref)
            .filter(|secret| secret.chars().count() >= MIN_CREDENTIAL_LENGTH)
            .collect();
        Redactor::of_any_length(&secrets)
    }

    /// A redactor for credentials the host holds whatever their length (an npm token or
    /// password from the user's configuration, quoted back by a registry's error): each
    /// non-empty one is scrubbed, in every form at least as long as the credential itself (or
    /// [`MIN_CREDENTIAL_LENGTH`] bytes), so a short one hides its own occurrences but not every
    /// stray fragment of its base64 form.
    pub fn of_any_length<S: AsRef<str>>(secrets: &[S]) -> Redactor {
        let mut forms: Vec<Vec<u8>> = Vec::new();
        for secret in secrets {
            let secret = secret.as_ref();
            if secret.is_empty() {
                continue;
            }
            forms.extend(encodings(secret));
        }
        forms.sort();
        forms.dedup();
        let longest = forms.iter().map(Vec::len).max().unwrap_or(0);
        // Standard (not leftmost) matching, so that overlapping occurrences are all reported.
        let forms = if forms.is_empty() { None } else { AhoCorasick::new(&forms).ok() };
        Redactor { forms, longest }
    }

    /// Whether there is nothing to scrub.
    pub fn is_empty(&self) -> bool {
        self.forms.is_none()
    }

    /// Whether `bytes` hold a credential, in any of its forms.
    pub fn finds(&self, bytes: &[u8]) -> bool {
        self.forms.as_ref().is_some_and(|forms| forms.is_match(bytes))
    }

    /// `text` with every credential replaced by [`REDACTED`].
    pub fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match self.redact_bytes(text.as_bytes()) {
            Cow::Borrowed(_) => Cow::Borrowed(text),
            // A form is replaced whole, and every form starts and ends on a character boundary
            // of valid UTF-8, so the result is UTF-8; lossy only to be safe.
            Cow::Owned(bytes) => Cow::Owned(
                String::from_utf8(bytes).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()),
            ),
        }
    }

    /// `bytes` with every credential replaced by [`REDACTED`].
    pub fn redact_bytes<'t>(&self, bytes: &'t [u8]) -> Cow<'t, [u8]> {
        let (redacted, _) = self.redact_before(bytes, bytes.len());
        match redacted {
            Some(redacted) => Cow::Owned(redacted),
            None => Cow::Borrowed(bytes),
        }
    }

    /// Redacts the matches in `bytes` that start before `boundary`: returns the redacted bytes
    /// (`None` if nothing matched) up to the returned length of `bytes` consumed, which is
    /// `boundary` or the end of the last match.
    fn redact_before(&self, bytes: &[u8], boundary: usize) -> (Option<Vec<u8>>, usize) {
        let Some(forms) = &self.forms else { return (None, boundary) };
        // Every occurrence, overlapping ones merged into one span.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for found in forms.find_overlapping_iter(bytes) {
            if found.start() >= boundary {
                continue;
            }
            match spans.last_mut() {
                Some(last) if found.start() <= last.1 => last.1 = last.1.max(found.end()),
                _ => spans.push((found.start(), found.end())),
            }
        }
        // Overlapping matches are reported by end position: sort, then merge once more.
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (start, end) in spans {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        let consumed = merged.last().map_or(boundary, |last| last.1.max(boundary));
        if merged.is_empty() {
            return (None, consumed);
        }
        let mut out = Vec::with_capacity(consumed);
        let mut position = 0;
        for (start, end) in merged {
            out.extend_from_slice(&bytes[position..start]);
            out.extend_from_slice(REDACTED.as_bytes());
            position = end;
        }
        out.extend_from_slice(&bytes[position..consumed]);
        (Some(out), consumed)
    }
}

/// Scrubs a byte stream, also where a credential straddles two chunks: the last bytes that
/// could begin one are held back, unredacted, until the next chunk (or the end) decides.
pub(crate) struct Scrubber {
    redactor: std::sync::Arc<Redactor>,
    held: Vec<u8>,
}

impl Scrubber {
    pub(crate) fn new(redactor: std::sync::Arc<Redactor>) -> Scrubber {
        Scrubber { redactor, held: Vec::new() }
    }

    /// The scrubbed bytes that are ready: possibly none, when all of `bytes` is held back.
    pub(crate) fn push(&mut self, bytes: &[u8]) -> Vec<u8> {
        if self.redactor.is_empty() {
            return bytes.to_vec();
        }
        self.held.extend_from_slice(bytes);
        // A match starting before the boundary ends within `held`: it is decided now.
        let boundary = self.held.len().saturating_sub(self.redactor.longest.saturating_sub(1));
        let (redacted, consumed) = self.redactor.redact_before(&self.held, boundary);
        let ready = redacted.unwrap_or_else(|| self.held[..consumed].to_vec());
        self.held.drain(..consumed);
        ready
    }

    /// The rest, scrubbed, at the end of the stream.
    pub(crate) fn finish(&mut self) -> Vec<u8> {
        let rest = std::mem::take(&mut self.held);
        self.redactor.redact_bytes(&rest).into_owned()
    }
}

/// The forms of `secret` that are looked for.
fn encodings(secret: &str) -> Vec<Vec<u8>> {
    let mut forms = vec![secret.as_bytes().to_vec()];
    // JSON and JavaScript strings: JSON.stringify (and serde_json), the same with `/` escaped
    // (PHP) or non-ASCII as \uXXXX (Python, PHP), and a single-quoted JavaScript string
    // (console formatting).
    let json = serde_json::to_string(secret).unwrap_or_default();
    let json = json[1..json.len() - 1].to_owned();
    forms.push(json.clone().into_bytes());
    forms.push(json.replace('/', "\\/").into_bytes());
    for upper in [false, true] {
        let ascii = ascii_escaped(&json, upper);
        forms.push(ascii.replace('/', "\\/").into_bytes());
        forms.push(ascii.into_bytes());
    }
    let single_quoted = json.replace("\\\"", "\"").replace('\'', "\\'");
    forms.push(single_quoted.into_bytes());
    // HTML, as an error page quoting the value writes it.
    let html = secret
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;");
    forms.push(html.clone().into_bytes());
    forms.push(html.replace("&#39;", "&#x27;").into_bytes());
    // Percent-encoding: which characters stay as they are differs between encoders.
    let kept_sets: [&[u8]; 4] = [
        b"-_.~",                 // RFC 3986 unreserved
        b"-_.!~*'()",            // encodeURIComponent
        b"-_.!~*'();/?:@&=+$,#", // encodeURI
        b"-_.*",                 // application/x-www-form-urlencoded (space as `+`)
    ];
    for (index, kept) in kept_sets.iter().enumerate() {
        for upper in [false, true] {
            let mut encoded = String::new();
            for &byte in secret.as_bytes() {
                if byte.is_ascii_alphanumeric() || kept.contains(&byte) {
                    encoded.push(byte as char);
                } else if byte == b' ' && index == 3 {
                    encoded.push('+');
                } else if upper {
                    encoded.push_str(&format!("%{byte:02X}"));
                } else {
                    encoded.push_str(&format!("%{byte:02x}"));
                }
            }
            forms.push(encoded.into_bytes());
        }
    }
    forms.extend(base64_cores(secret.as_bytes()));
    let shortest = secret.len().min(MIN_CREDENTIAL_LENGTH);
    forms.retain(|form| form.len() >= shortest);
    forms
}

/// JSON text with every non-ASCII character as `\uXXXX` (UTF-16 units).
fn ascii_escaped(json: &str, upper: bool) -> String {
    let mut out = String::with_capacity(json.len());
    for character in json.chars() {
        if character.is_ascii() {
            out.push(character);
            continue;
        }
        let mut units = [0u16; 2];
        for unit in character.encode_utf16(&mut units) {
            if upper {
                out.push_str(&format!("\\u{unit:04X}"));
            } else {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// The base64 characters that depend on `secret` alone, for each of the three offsets (modulo
/// three bytes) it can have inside longer data, in the standard and the URL-safe alphabet.
fn base64_cores(secret: &[u8]) -> Vec<Vec<u8>> {
    const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut cores = Vec::new();
    for offset in 0..3usize {
        // Bits of the text: `offset` unknown bytes, then the secret, then unknown bytes. A
        // character covers bits [6i, 6i + 6); it depends on the secret alone when those bits
        // lie within [8 * offset, 8 * (offset + len)).
        let first = (8 * offset).div_ceil(6);
        let end = 8 * (offset + secret.len()) / 6;
        let bit = |position: usize| -> u8 {
            let byte = secret[position / 8 - offset];
            (byte >> (7 - position % 8)) & 1
        };
        let standard: Vec<u8> = (first..end)
            .map(|index| {
                let value = (0..6).fold(0u8, |value, shift| (value << 1) | bit(6 * index + shift));
                STANDARD[usize::from(value)]
            })
            .collect();
        let url_safe: Vec<u8> = standard
            .iter()
            .map(|&character| match character {
                b'+' => b'-',
                b'/' => b'_',
                other => other,
            })
            .collect();
        cores.push(standard);
        cores.push(url_safe);
    }
    cores
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = r#"tok"3n/V4lue+with\n=9Z é"#;

    fn base64(bytes: &[u8]) -> String {
        const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        bytes
            .chunks(3)
            .flat_map(|chunk| {
                let value = chunk
                    .iter()
                    .enumerate()
                    .fold(0u32, |value, (index, &byte)| value | u32::from(byte) << (16 - 8 * index));
                (0..=chunk.len()).map(move |index| STANDARD[(value >> (18 - 6 * index) & 63) as usize] as char)
            })
            .collect()
    }

    /// The credential is found as it is and in each encoding an echoing API may apply, inside
    /// other text, and replaced; other text is left as it was.
    #[test]
    fn finds_every_listed_form() {
        let redactor = Redactor::new(&[SECRET]);
        let json = serde_json::to_string(&serde_json::json!({ "auth": SECRET })).unwrap();
        let encoded: String = url::form_urlencoded::byte_serialize(SECRET.as_bytes()).collect();
        let component = SECRET
            .bytes()
            .map(|byte| {
                if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
                    (byte as char).to_string()
                } else {
                    format!("%{byte:02X}")
                }
            })
            .collect::<String>();
        let html = format!("<p>Invalid token &quot;{}&quot;</p>", SECRET.replace('"', "&quot;"));
        let python = r#"{"auth": "tok\"3n/V4lue+with\\n=9Z \u00e9"}"#;
        let php = r#"{"auth":"tok\"3n\/V4lue+with\\n=9Z \u00e9"}"#;
        let console = r#"{ auth: 'tok"3n/V4lue+with\\n=9Z é' }"#;
        for text in [
            format!("before {SECRET} after"),
            json,
            format!("?t={encoded}&x"),
            format!("?t={component}"),
            html,
            python.into(),
            php.into(),
            console.into(),
        ] {
            let redacted = redactor.redact(&text);
            assert!(redacted.contains(REDACTED), "not found in {text}");
            assert!(!redacted.contains("V4lue"), "{text} -> {redacted}");
        }
        for prefix in ["", "x", "xy"] {
            let encoded = base64(format!("{prefix}Authorization: Bearer {SECRET}\r\n").as_bytes());
            assert!(redactor.finds(encoded.as_bytes()), "{prefix:?}: {encoded}");
            let url_safe = encoded.replace('+', "-").replace('/', "_");
            assert!(redactor.finds(url_safe.as_bytes()), "{prefix:?}: {url_safe}");
        }
        assert_eq!(redactor.redact("nothing secret here"), "nothing secret here");
        assert!(matches!(redactor.redact("plain"), Cow::Borrowed(_)));
    }

    /// Overlapping occurrences are all covered; a credential shorter than the minimum is not
    /// looked for; no credential, no change.
    #[test]
    fn overlaps_and_short_values() {
        let redactor = Redactor::new(&["AAAA1111", "1111BBBB"]);
        assert_eq!(redactor.redact("xAAAA1111BBBBy"), "x[REDACTED]y");
        assert_eq!(redactor.redact("abcabcab abcabcabcab"), "abcabcab abcabcabcab");
        let repeated = Redactor::new(&["abcabcab"]);
        assert_eq!(repeated.redact("abcabcabcab!"), "[REDACTED]!");
        assert!(Redactor::new(&["short"]).is_empty());
        assert!(Redactor::new::<&str>(&[]).is_empty());
        assert_eq!(Redactor::default().redact(SECRET), SECRET);
    }

    /// A credential the host holds whatever its length is scrubbed however short, with its
    /// percent-encoded form, but no form shorter than itself is looked for.
    #[test]
    fn credentials_of_any_length() {
        let redactor = Redactor::of_any_length(&["pw/4", ""]);
        assert_eq!(
            redactor.redact("password pw/4, in a URL pw%2F4, pw pw/"),
            "password [REDACTED], in a URL [REDACTED], pw pw/"
        );
        assert!(Redactor::of_any_length::<&str>(&[""]).is_empty());
    }

    /// A credential split across chunks, at every split point, is still scrubbed, and other
    /// bytes pass through intact and in order.
    #[test]
    fn scrubber_handles_split_secrets() {
        let redactor = std::sync::Arc::new(Redactor::new(&["s3cret-token", "Bearer s3cret-token"]));
        let text = "header Bearer s3cret-token trailer s3cr3t s3cret-token!";
        for split in 0..text.len() {
            for second in split..text.len() {
                let mut scrubber = Scrubber::new(std::sync::Arc::clone(&redactor));
                let mut out = scrubber.push(&text.as_bytes()[..split]);
                out.extend(scrubber.push(&text.as_bytes()[split..second]));
                out.extend(scrubber.push(&text.as_bytes()[second..]));
                out.extend(scrubber.finish());
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    "header [REDACTED] trailer s3cr3t [REDACTED]!",
                    "{split} {second}"
                );
            }
        }
        let mut plain = Scrubber::new(std::sync::Arc::new(Redactor::default()));
        assert_eq!(plain.push(b"as is"), b"as is");
    }
}
