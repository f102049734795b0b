//! Bearer tokens: read from `--token-file`s, kept only as SHA-256 digests, and compared in
//! constant time. A request's token is hashed and compared with every digest, all bytes of
//! each, so neither which token matched nor how much of one did shows in the time taken.

use std::path::PathBuf;

use sha2::Digest as _;

use crate::report::usage::UsageError;

/// The shortest token accepted: a short one can be guessed.
const MIN_TOKEN_LENGTH: usize = 16;

/// The tokens requests may carry, as digests, with a label for logs and metrics.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    digests: Vec<[u8; 32]>,
}

/// Which token a request carried: the first 8 hexadecimal digits of its SHA-256, which logs
/// and metrics show (it tells tokens apart without revealing them).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct TokenId(pub(crate) String);

impl Tokens {
    /// Reads each file's tokens: one a line, blank lines and lines starting with `#` ignored.
    pub(crate) fn read(files: &[PathBuf]) -> anyhow::Result<Tokens> {
        let mut digests = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(file).map_err(|error| UsageError {
                message: format!("Cannot read `--token-file {}`: {error}", file.display()),
                hint: Some("check the path".to_owned()),
            })?;
            let before = digests.len();
            for (index, line) in text.lines().enumerate() {
                let token = line.trim();
                if token.is_empty() || token.starts_with('#') {
                    continue;
                }
                if token.len() < MIN_TOKEN_LENGTH || !token.bytes().all(|byte| byte.is_ascii_graphic()) {
                    return Err(UsageError {
                        message: format!(
                            "The token on line {} of `{}` is shorter than {MIN_TOKEN_LENGTH} characters or has spaces or control characters",
                            index + 1,
                            file.display()
                        ),
                        hint: Some("make tokens long and random, e.g. `openssl rand -hex 32`".to_owned()),
                    }
                    .into());
                }
                digests.push(digest(token.as_bytes()));
            }
            if digests.len() == before {
                return Err(UsageError {
                    message: format!("`--token-file {}` has no token", file.display()),
                    hint: Some("write one token a line".to_owned()),
                }
                .into());
            }
        }
        Ok(Tokens { digests })
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.digests.is_empty()
    }

    /// The token of an `Authorization` header's value, if it is `Bearer TOKEN` with one of
    /// the tokens.
    pub(crate) fn check(&self, authorization: Option<&[u8]>) -> Option<TokenId> {
        let value = authorization?;
        let scheme = value.get(..7)?;
        if !scheme.eq_ignore_ascii_case(b"bearer ") {
            return None;
        }
        let presented = digest(value[7..].trim_ascii());
        let mut matched = false;
        for known in &self.digests {
            matched |= constant_time_eq(known, &presented);
        }
        matched.then(|| TokenId(presented[..4].iter().map(|byte| format!("{byte:02x}")).collect()))
    }
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    sha2::Sha256::digest(bytes).into()
}

/// Whether `a` and `b` are equal, looking at every byte whatever the first difference.
fn constant_time_eq(a: &[u8; 32], b: &[u8; 32]) -> bool {
    let difference = a.iter().zip(b).fold(0u8, |difference, (a, b)| difference | (a ^ b));
    std::hint::black_box(difference) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only `Bearer` with a known token passes; the label is the digest's start.
    #[test]
    fn bearer_tokens() {
        let tokens = Tokens { digests: vec![digest(b"0123456789abcdef0123"), digest(b"another-token-of-length")] };
        assert!(tokens.check(Some(b"Bearer 0123456789abcdef0123")).is_some());
        assert!(tokens.check(Some(b"bearer another-token-of-length")).is_some());
        assert!(tokens.check(Some(b"Bearer 0123456789abcdef012")).is_none());
        assert!(tokens.check(Some(b"Basic 0123456789abcdef0123")).is_none());
        assert!(tokens.check(Some(b"Bearer")).is_none());
        assert!(tokens.check(None).is_none());
        let id = tokens.check(Some(b"Bearer 0123456789abcdef0123")).unwrap();
        assert_eq!(id.0.len(), 8);
        assert_ne!(Some(id), tokens.check(Some(b"Bearer another-token-of-length")));
    }
}
