//! Standard base64 (RFC 4648 §4: `A-Z a-z 0-9 + /`, `=` padding) for `data` and `wasm`
//! modules in a module map.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Why a string is not base64.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Base64Error {
    #[error("`{character}` at index {index} is not a base64 character")]
    InvalidCharacter { character: char, index: usize },
    #[error("`=` at index {index} is not at the end")]
    MisplacedPadding { index: usize },
    #[error("{length} characters can't be base64: one is left over")]
    InvalidLength { length: usize },
}

/// Encodes bytes, with `=` padding.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group =
            chunk.iter().enumerate().fold(0u32, |group, (index, &byte)| group | u32::from(byte) << (16 - 8 * index));
        for index in 0..4 {
            if index <= chunk.len() {
                let digit = (group >> (18 - 6 * index)) & 0b11_1111;
                out.push(char::from(ALPHABET[digit as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes base64 with or without `=` padding. Whitespace is not allowed; unused low bits of
/// the last character are ignored, as browsers' `atob` does.
pub(crate) fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let bytes = text.as_bytes();
    let data_length = bytes.len() - bytes.iter().rev().take(2).take_while(|&&byte| byte == b'=').count();
    let mut out = Vec::with_capacity(data_length / 4 * 3 + 2);
    let mut group = 0u32;
    for (index, &byte) in bytes[..data_length].iter().enumerate() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => return Err(Base64Error::MisplacedPadding { index }),
            _ => {
                let character = text[index..].chars().next().unwrap_or('\u{fffd}');
                return Err(Base64Error::InvalidCharacter { character, index });
            }
        };
        group = group << 6 | u32::from(value);
        if index % 4 == 3 {
            out.extend_from_slice(&group.to_be_bytes()[1..]);
            group = 0;
        }
    }
    let padded = data_length < bytes.len();
    if data_length % 4 == 1 || (padded && !bytes.len().is_multiple_of(4)) {
        return Err(Base64Error::InvalidLength { length: bytes.len() });
    }
    // 2 or 3 leftover characters hold 1 or 2 bytes.
    match data_length % 4 {
        2 => out.push((group >> 4) as u8),
        3 => out.extend_from_slice(&((group >> 2) as u16).to_be_bytes()),
        _ => {}
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test vectors of RFC 4648 §10 encode and decode both ways.
    #[test]
    fn rfc_4648_vectors_round_trip() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(encode(plain.as_bytes()), encoded);
            assert_eq!(decode(encoded).as_deref(), Ok(plain.as_bytes()));
        }
    }

    /// Every byte value survives, and padding may be left out.
    #[test]
    fn binary_round_trips_and_padding_is_optional() {
        let bytes = (0..=255u8).collect::<Vec<_>>();
        assert_eq!(decode(&encode(&bytes)), Ok(bytes));
        assert_eq!(decode("Zm8"), Ok(b"fo".to_vec()));
        assert_eq!(decode("AGFzbQ=="), Ok(b"\0asm".to_vec()));
    }

    /// Bad input is rejected with the index of the first bad character.
    #[test]
    fn invalid_input_is_rejected() {
        assert_eq!(decode("Zm9v Yg=="), Err(Base64Error::InvalidCharacter { character: ' ', index: 4 }));
        assert_eq!(decode("Zm-9"), Err(Base64Error::InvalidCharacter { character: '-', index: 2 }));
        assert_eq!(decode("Zm=v"), Err(Base64Error::MisplacedPadding { index: 2 }));
        assert_eq!(decode("Zm9vY"), Err(Base64Error::InvalidLength { length: 5 }));
        assert_eq!(decode("Zg="), Err(Base64Error::InvalidLength { length: 3 }));
        assert_eq!(decode("é"), Err(Base64Error::InvalidCharacter { character: 'é', index: 0 }));
    }
}
