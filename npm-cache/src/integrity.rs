//! [`Integrity`]: a Subresource Integrity string (`sha512-<base64>`), as npm writes it in
//! packuments and lockfiles, and the hasher that checks bytes against it.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::prelude::BASE64_STANDARD;
use sha1::Digest as _;

/// A hash algorithm npm uses, weakest first: the strongest one given is the one checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Algorithm {
    /// Only for packages whose registry gives no sha512 (the `shasum` of old packuments).
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Algorithm {
    /// The SRI prefix: `sha512`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Sha1 => "sha1",
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha384 => "sha384",
            Algorithm::Sha512 => "sha512",
        }
    }

    fn from_name(name: &str) -> Option<Algorithm> {
        Some(match name {
            "sha1" => Algorithm::Sha1,
            "sha256" => Algorithm::Sha256,
            "sha384" => Algorithm::Sha384,
            "sha512" => Algorithm::Sha512,
            _ => return None,
        })
    }

    fn digest_length(self) -> usize {
        match self {
            Algorithm::Sha1 => 20,
            Algorithm::Sha256 => 32,
            Algorithm::Sha384 => 48,
            Algorithm::Sha512 => 64,
        }
    }
}

/// The expected hash of a tarball: one algorithm and its digest.
///
/// Parsed from SRI (`sha512-…`, several space-separated hashes keep the strongest), or from
/// the hex `shasum` of a packument that has no `integrity`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Integrity {
    algorithm: Algorithm,
    digest: Vec<u8>,
}

/// Why a string is not an integrity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a Subresource Integrity string (`sha512-<base64>`)")]
pub struct InvalidIntegrity(pub String);

impl Integrity {
    /// From the hex `shasum` (SHA-1) that old packuments give instead of `integrity`.
    pub fn from_sha1_hex(hex: &str) -> Result<Integrity, InvalidIntegrity> {
        let digest =
            decode_hex(hex).filter(|digest| digest.len() == 20).ok_or_else(|| InvalidIntegrity(hex.to_owned()))?;
        Ok(Integrity { algorithm: Algorithm::Sha1, digest })
    }

    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The digest in lower-case hex: the name of a cache entry.
    pub fn hex(&self) -> String {
        let mut hex = String::with_capacity(self.digest.len() * 2);
        for byte in &self.digest {
            hex.push(char::from(HEX[usize::from(byte >> 4)]));
            hex.push(char::from(HEX[usize::from(byte & 15)]));
        }
        hex
    }

    /// A hasher for bytes that should match this integrity.
    pub fn hasher(&self) -> Hasher {
        Hasher::new(self.algorithm)
    }

    /// Whether `computed` (of the same algorithm) is this integrity.
    pub fn matches(&self, computed: &Integrity) -> bool {
        self.algorithm == computed.algorithm && self.digest == computed.digest
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len()).step_by(2).map(|index| u8::from_str_radix(hex.get(index..index + 2)?, 16).ok()).collect()
}

impl FromStr for Integrity {
    type Err = InvalidIntegrity;

    fn from_str(text: &str) -> Result<Integrity, InvalidIntegrity> {
        let invalid = || InvalidIntegrity(text.to_owned());
        let mut best: Option<Integrity> = None;
        for part in text.split_ascii_whitespace() {
            let Some((name, rest)) = part.split_once('-') else { return Err(invalid()) };
            // Unknown algorithms are skipped, as the SRI specification asks.
            let Some(algorithm) = Algorithm::from_name(name) else { continue };
            // `?options` may follow the digest.
            let encoded = rest.split_once('?').map_or(rest, |(digest, _)| digest);
            let digest = BASE64_STANDARD.decode(encoded).map_err(|_| invalid())?;
            if digest.len() != algorithm.digest_length() {
                return Err(invalid());
            }
            if best.as_ref().is_none_or(|best| algorithm > best.algorithm) {
                best = Some(Integrity { algorithm, digest });
            }
        }
        best.ok_or_else(invalid)
    }
}

impl fmt::Display for Integrity {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}-{}", self.algorithm.name(), BASE64_STANDARD.encode(&self.digest))
    }
}

impl serde::Serialize for Integrity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Hashes bytes as they stream by.
#[derive(Clone)]
pub struct Hasher(State);

#[derive(Clone)]
enum State {
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hasher {
    pub fn new(algorithm: Algorithm) -> Hasher {
        Hasher(match algorithm {
            Algorithm::Sha1 => State::Sha1(sha1::Sha1::new()),
            Algorithm::Sha256 => State::Sha256(sha2::Sha256::new()),
            Algorithm::Sha384 => State::Sha384(sha2::Sha384::new()),
            Algorithm::Sha512 => State::Sha512(sha2::Sha512::new()),
        })
    }

    pub fn update(&mut self, bytes: &[u8]) {
        match &mut self.0 {
            State::Sha1(hasher) => hasher.update(bytes),
            State::Sha256(hasher) => hasher.update(bytes),
            State::Sha384(hasher) => hasher.update(bytes),
            State::Sha512(hasher) => hasher.update(bytes),
        }
    }

    pub fn finish(self) -> Integrity {
        let (algorithm, digest) = match self.0 {
            State::Sha1(hasher) => (Algorithm::Sha1, hasher.finalize().to_vec()),
            State::Sha256(hasher) => (Algorithm::Sha256, hasher.finalize().to_vec()),
            State::Sha384(hasher) => (Algorithm::Sha384, hasher.finalize().to_vec()),
            State::Sha512(hasher) => (Algorithm::Sha512, hasher.finalize().to_vec()),
        };
        Integrity { algorithm, digest }
    }
}

impl Integrity {
    /// The sha512 integrity of `bytes`.
    pub fn sha512_of(bytes: &[u8]) -> Integrity {
        let mut hasher = Hasher::new(Algorithm::Sha512);
        hasher.update(bytes);
        hasher.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SRI strings round-trip, and the strongest of several hashes is kept.
    #[test]
    fn parses_sri() {
        let sha512 = Integrity::sha512_of(b"hello");
        let text = sha512.to_string();
        assert!(text.starts_with("sha512-"));
        assert_eq!(text.parse::<Integrity>().unwrap(), sha512);
        let sha1 = Integrity::from_sha1_hex("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d").unwrap();
        assert_eq!(sha1.to_string(), "sha1-qvTGHdzF6KLavt4PO0gs2a6pQ00=");
        assert_eq!(format!("{sha1} {sha512}").parse::<Integrity>().unwrap(), sha512);
        assert_eq!(format!("md5-xyz {sha1}").parse::<Integrity>().unwrap(), sha1);
        assert_eq!(sha1.hex(), "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
    }

    /// Broken strings are refused rather than compared as garbage.
    #[test]
    fn refuses_invalid() {
        assert!("sha512-!!".parse::<Integrity>().is_err());
        assert!("sha512-aGVsbG8=".parse::<Integrity>().is_err(), "too short for sha512");
        assert!("".parse::<Integrity>().is_err());
        assert!("md5-abc".parse::<Integrity>().is_err());
        assert!(Integrity::from_sha1_hex("xyz").is_err());
    }

    /// The hasher computes what `sha512_of` does, in pieces.
    #[test]
    fn hashes_in_pieces() {
        let mut hasher = Hasher::new(Algorithm::Sha512);
        hasher.update(b"hel");
        hasher.update(b"lo");
        let whole = Integrity::sha512_of(b"hello");
        assert!(whole.matches(&hasher.finish()));
    }
}
