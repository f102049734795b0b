//! The native half of `crypto.subtle` (see `subtle.js`): digests, HMAC, AES-GCM, ECDSA
//! and ECDH on P-256, P-384 and P-521, Ed25519, X25519, HKDF and PBKDF2, all with the
//! RustCrypto crates (RSA is in `rsa.rs`, the other AES modes in `aes.rs`).
//!
//! The JavaScript half converts arguments, normalises algorithms, keeps keys in private
//! fields and raises the Web Crypto errors; these functions only see bytes. Each writes its
//! result into a Uint8Array that the JavaScript allocated for it, so that results count
//! against the run's ArrayBuffer budget and no size a user picks allocates native memory,
//! and says with its return value whether the input was valid. They run synchronously on
//! the isolate's thread, so their CPU time counts against the run's limit. A call with
//! arguments of the wrong types throws a TypeError: only the runtime calls these, so that
//! is a bug, never a user error.

use aes_gcm::aead::consts::{U4, U8, U12, U13, U14, U15, U16};
use aes_gcm::aes::{Aes128, Aes192, Aes256};
use aes_gcm::{AeadInOut, AesGcm, KeyInit};
use ed25519_dalek::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _, EncodePrivateKey as _, EncodePublicKey as _};
use ed25519_dalek::{Signer as _, pkcs8::KeypairBytes};
use hmac::{Hmac, Mac as _};
use p256::ecdsa::signature::hazmat::{PrehashSigner as _, PrehashVerifier as _};
use p256::elliptic_curve::Generate as _;
use p256::elliptic_curve::sec1::ToSec1Point as _;
use sha1::Sha1;
use sha2::{Sha256, Sha384, Sha512};

use crate::runtime::host::{Arguments, Return, throw_error};
use crate::runtime::state::state;

/// The bytes of an ArrayBufferView argument (empty when its buffer is detached), or `None`
/// when the value is not a view.
///
/// # Safety
///
/// The slice borrows the view's backing store, which the view's handle on the stack keeps
/// alive for the duration of the host call; the caller must drop the slice before the call
/// returns and run no JavaScript while it exists.
pub(crate) unsafe fn input<'a>(value: v8::Local<'_, v8::Value>) -> Option<&'a [u8]> {
    let view = v8::Local::<v8::ArrayBufferView>::try_from(value).ok()?;
    let length = view.byte_length();
    // `data()` moves a small on-heap array off the heap first, so the pointer stays valid
    // while other views are read.
    let data = view.data() as *const u8;
    if length == 0 || data.is_null() {
        return Some(&[]);
    }
    // SAFETY: `data` points at the view's `length` bytes, alive as the caller promises.
    Some(unsafe { std::slice::from_raw_parts(data, length) })
}

/// The bytes of a Uint8Array argument to write the result into, or `None` when the value is
/// not a Uint8Array.
///
/// # Safety
///
/// As for [`input`]; in addition, the array must be one that the runtime created for this
/// call, so that no other slice the caller holds views the same bytes.
pub(crate) unsafe fn output<'a>(value: v8::Local<'_, v8::Value>) -> Option<&'a mut [u8]> {
    let view = v8::Local::<v8::Uint8Array>::try_from(value).ok()?;
    let length = view.byte_length();
    let data = view.data() as *mut u8;
    if length == 0 || data.is_null() {
        return Some(&mut []);
    }
    // SAFETY: as in `input`; nothing else refers to these bytes, as the caller promises.
    Some(unsafe { std::slice::from_raw_parts_mut(data, length) })
}

pub(crate) fn string(scope: &mut v8::PinScope<'_, '_>, value: v8::Local<'_, v8::Value>) -> Option<String> {
    value.is_string().then(|| value.to_rust_string_lossy(scope))
}

/// A hash function of Web Crypto, by its registered name.
#[derive(Clone, Copy)]
pub(super) enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub(super) fn from_name(name: &str) -> Option<Hash> {
        Some(match name {
            "SHA-1" => Hash::Sha1,
            "SHA-256" => Hash::Sha256,
            "SHA-384" => Hash::Sha384,
            "SHA-512" => Hash::Sha512,
            _ => return None,
        })
    }

    /// Writes the digest of `data` into `out`, which must be exactly as long as the digest.
    fn digest(self, data: &[u8], out: &mut [u8]) -> bool {
        fn write<D: sha2::Digest>(data: &[u8], out: &mut [u8]) -> bool {
            let digest = D::digest(data);
            if out.len() != digest.len() {
                return false;
            }
            out.copy_from_slice(&digest);
            true
        }
        match self {
            Hash::Sha1 => write::<Sha1>(data, out),
            Hash::Sha256 => write::<Sha256>(data, out),
            Hash::Sha384 => write::<Sha384>(data, out),
            Hash::Sha512 => write::<Sha512>(data, out),
        }
    }

    /// The HMAC of `data` under `key` into `out` (exactly the digest's length).
    fn hmac_sign(self, key: &[u8], data: &[u8], out: &mut [u8]) -> bool {
        fn write<D>(key: &[u8], data: &[u8], out: &mut [u8]) -> bool
        where
            D: hmac::EagerHash,
            Hmac<D>: KeyInit + hmac::Mac,
        {
            let Ok(mut mac) = <Hmac<D> as KeyInit>::new_from_slice(key) else { return false };
            mac.update(data);
            let tag = mac.finalize().into_bytes();
            if out.len() != tag.len() {
                return false;
            }
            out.copy_from_slice(&tag);
            true
        }
        match self {
            Hash::Sha1 => write::<Sha1>(key, data, out),
            Hash::Sha256 => write::<Sha256>(key, data, out),
            Hash::Sha384 => write::<Sha384>(key, data, out),
            Hash::Sha512 => write::<Sha512>(key, data, out),
        }
    }

    /// Whether `signature` is the HMAC of `data` under `key`, compared in constant time.
    fn hmac_verify(self, key: &[u8], data: &[u8], signature: &[u8]) -> bool {
        fn check<D>(key: &[u8], data: &[u8], signature: &[u8]) -> bool
        where
            D: hmac::EagerHash,
            Hmac<D>: KeyInit + hmac::Mac,
        {
            let Ok(mut mac) = <Hmac<D> as KeyInit>::new_from_slice(key) else { return false };
            mac.update(data);
            mac.verify_slice(signature).is_ok()
        }
        match self {
            Hash::Sha1 => check::<Sha1>(key, data, signature),
            Hash::Sha256 => check::<Sha256>(key, data, signature),
            Hash::Sha384 => check::<Sha384>(key, data, signature),
            Hash::Sha512 => check::<Sha512>(key, data, signature),
        }
    }

    /// HKDF (RFC 5869) of `key` with `salt` and `info`, filling `out`; false when `out` is
    /// longer than 255 digests.
    fn hkdf(self, key: &[u8], salt: &[u8], info: &[u8], out: &mut [u8]) -> bool {
        match self {
            Hash::Sha1 => hkdf::Hkdf::<Sha1>::new(Some(salt), key).expand(info, out).is_ok(),
            Hash::Sha256 => hkdf::Hkdf::<Sha256>::new(Some(salt), key).expand(info, out).is_ok(),
            Hash::Sha384 => hkdf::Hkdf::<Sha384>::new(Some(salt), key).expand(info, out).is_ok(),
            Hash::Sha512 => hkdf::Hkdf::<Sha512>::new(Some(salt), key).expand(info, out).is_ok(),
        }
    }

    /// The digest of `data`, for ECDSA, which signs the digest of the message.
    pub(super) fn prehash(self, data: &[u8]) -> ([u8; 64], usize) {
        let mut digest = [0u8; 64];
        let length = match self {
            Hash::Sha1 => 20,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        };
        self.digest(data, &mut digest[..length]);
        (digest, length)
    }
}

/// `subtleDigest(hash, data, out)`: the digest of `data` into `out`.
pub(crate) fn digest(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    let hash = string(scope, args.get(0)).and_then(|name| Hash::from_name(&name));
    // SAFETY: the views are on the stack for this call, no JavaScript runs while the slices
    // exist, and `out` is a new array of the runtime's.
    let (data, out) = unsafe { (input(args.get(1)), output(args.get(2))) };
    let (Some(hash), Some(data), Some(out)) = (hash, data, out) else {
        return throw_error(scope, "TypeError", "subtleDigest: expected a hash name and two views");
    };
    if !hash.digest(data, out) {
        throw_error(scope, "TypeError", "subtleDigest: the output has the wrong length");
    }
}

/// `subtleSign(algorithm, hash, key, data, out)` -> false when the key is not valid.
/// `algorithm` is `HMAC` (key: the secret), `ECDSA` (key: the P-256 private scalar; the
/// IEEE P1363 signature r || s) or `Ed25519` (key: the 32-byte seed); `hash` is ignored
/// for Ed25519.
pub(crate) fn sign(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let algorithm = string(scope, args.get(0)).unwrap_or_default();
    let hash = string(scope, args.get(1)).and_then(|name| Hash::from_name(&name));
    // SAFETY: as in `digest`.
    let (key, data, out) = unsafe { (input(args.get(2)), input(args.get(3)), output(args.get(4))) };
    let (Some(key), Some(data), Some(out)) = (key, data, out) else {
        return throw_error(scope, "TypeError", "subtleSign: expected views for the key, data and output");
    };
    let signed = match (algorithm.as_str(), hash) {
        ("HMAC", Some(hash)) => hash.hmac_sign(key, data, out),
        ("ECDSA", Some(hash)) => {
            let (digest, length) = hash.prehash(data);
            let digest = &digest[..length];
            // The curve is the one whose scalars are this long.
            macro_rules! ecdsa_sign {
                ($curve:ident) => {{
                    let signature: Option<$curve::ecdsa::Signature> =
                        $curve::ecdsa::SigningKey::from_slice(key).ok().and_then(|key| key.sign_prehash(digest).ok());
                    match signature {
                        Some(signature) if out.len() == signature.to_bytes().len() => {
                            out.copy_from_slice(&signature.to_bytes());
                            true
                        }
                        _ => false,
                    }
                }};
            }
            match key.len() {
                32 => ecdsa_sign!(p256),
                48 => ecdsa_sign!(p384),
                66 => ecdsa_sign!(p521),
                _ => false,
            }
        }
        ("Ed25519", _) => match <[u8; 32]>::try_from(key) {
            Ok(seed) if out.len() == 64 => {
                let signature = ed25519_dalek::SigningKey::from_bytes(&seed).sign(data);
                out.copy_from_slice(&signature.to_bytes());
                true
            }
            _ => false,
        },
        _ => return throw_error(scope, "TypeError", "subtleSign: unknown algorithm"),
    };
    return_value.set_bool(signed);
}

/// `subtleVerify(algorithm, hash, key, data, signature)` -> whether the signature is valid.
/// Keys as for `subtleSign`, but public: the uncompressed P-256 point for ECDSA and the
/// 32-byte point for Ed25519. Ed25519 uses the strict checks the Web Crypto API asks for
/// (canonical encodings, no small-order points, the cofactorless equation).
pub(crate) fn verify(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let algorithm = string(scope, args.get(0)).unwrap_or_default();
    let hash = string(scope, args.get(1)).and_then(|name| Hash::from_name(&name));
    // SAFETY: as in `digest` (no output).
    let (key, data, signature) = unsafe { (input(args.get(2)), input(args.get(3)), input(args.get(4))) };
    let (Some(key), Some(data), Some(signature)) = (key, data, signature) else {
        return throw_error(scope, "TypeError", "subtleVerify: expected views for the key, data and signature");
    };
    let valid = match (algorithm.as_str(), hash) {
        ("HMAC", Some(hash)) => hash.hmac_verify(key, data, signature),
        ("ECDSA", Some(hash)) => {
            let (digest, length) = hash.prehash(data);
            let digest = &digest[..length];
            // The curve is the one whose uncompressed points are this long.
            macro_rules! ecdsa_verify {
                ($curve:ident) => {
                    match (
                        $curve::ecdsa::VerifyingKey::from_sec1_bytes(key),
                        $curve::ecdsa::Signature::from_slice(signature),
                    ) {
                        (Ok(key), Ok(signature)) => key.verify_prehash(digest, &signature).is_ok(),
                        _ => false,
                    }
                };
            }
            match key.len() {
                65 => ecdsa_verify!(p256),
                97 => ecdsa_verify!(p384),
                133 => ecdsa_verify!(p521),
                _ => false,
            }
        }
        ("Ed25519", _) => {
            let key = <[u8; 32]>::try_from(key).ok().and_then(|key| ed25519_dalek::VerifyingKey::from_bytes(&key).ok());
            match (key, ed25519_dalek::Signature::from_slice(signature)) {
                (Some(key), Ok(signature)) => key.verify_strict(data, &signature).is_ok(),
                _ => false,
            }
        }
        _ => return throw_error(scope, "TypeError", "subtleVerify: unknown algorithm"),
    };
    return_value.set_bool(valid);
}

/// What `subtleAesGcm` reports.
const AES_GCM_DONE: i32 = 0;
const AES_GCM_NOT_AUTHENTIC: i32 = 1;
const AES_GCM_UNSUPPORTED_IV: i32 = 2;

/// Encrypts `input` into `out` (the ciphertext, then the tag), or decrypts `input` (the
/// ciphertext, then the tag) into `out`, with one instantiation of AES-GCM.
fn aes_gcm_with<C: KeyInit + AeadInOut>(
    encrypt: bool,
    key: &[u8],
    iv: &[u8],
    additional_data: &[u8],
    input: &[u8],
    out: &mut [u8],
) -> i32 {
    let (Ok(cipher), Ok(nonce)) = (C::new_from_slice(key), iv.try_into()) else {
        return AES_GCM_UNSUPPORTED_IV;
    };
    if encrypt {
        if out.len() < input.len() {
            return AES_GCM_NOT_AUTHENTIC;
        }
        let (body, tag_out) = out.split_at_mut(input.len());
        body.copy_from_slice(input);
        match cipher.encrypt_inout_detached(nonce, additional_data, body.into()) {
            Ok(tag) if tag.len() == tag_out.len() => {
                tag_out.copy_from_slice(&tag);
                AES_GCM_DONE
            }
            _ => AES_GCM_NOT_AUTHENTIC,
        }
    } else {
        let Some((ciphertext, tag)) = input.split_at_checked(out.len()) else { return AES_GCM_NOT_AUTHENTIC };
        let Ok(tag) = tag.try_into() else { return AES_GCM_NOT_AUTHENTIC };
        out.copy_from_slice(ciphertext);
        match cipher.decrypt_inout_detached(nonce, additional_data, out.into(), tag) {
            Ok(()) => AES_GCM_DONE,
            Err(_) => AES_GCM_NOT_AUTHENTIC,
        }
    }
}

/// `subtleAesGcm(encrypt, key, iv, additionalData, tagBytes, input, out)` -> 0 done,
/// 1 not authentic (decryption), 2 an IV length this build does not support.
///
/// The crate fixes the IV and tag sizes at compile time. Tags may be any size Web Crypto
/// allows (4, 8, 12 to 16 bytes); IVs 12 bytes (the size the standard recommends and
/// nearly everyone uses) or 16, so as not to instantiate the cipher for every length.
pub(crate) fn aes_gcm(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let encrypt = args.get(0).is_true();
    let tag_bytes = args.get(4).int32_value(scope).unwrap_or(0);
    // SAFETY: as in `digest`.
    let (key, iv, additional_data, input, out) = unsafe {
        (input(args.get(1)), input(args.get(2)), input(args.get(3)), input(args.get(5)), output(args.get(6)))
    };
    let (Some(key), Some(iv), Some(additional_data), Some(input), Some(out)) = (key, iv, additional_data, input, out)
    else {
        return throw_error(scope, "TypeError", "subtleAesGcm: expected views");
    };
    macro_rules! with_tag {
        ($aes:ty, $iv:ty) => {
            match tag_bytes {
                4 => aes_gcm_with::<AesGcm<$aes, $iv, U4>>(encrypt, key, iv, additional_data, input, out),
                8 => aes_gcm_with::<AesGcm<$aes, $iv, U8>>(encrypt, key, iv, additional_data, input, out),
                12 => aes_gcm_with::<AesGcm<$aes, $iv, U12>>(encrypt, key, iv, additional_data, input, out),
                13 => aes_gcm_with::<AesGcm<$aes, $iv, U13>>(encrypt, key, iv, additional_data, input, out),
                14 => aes_gcm_with::<AesGcm<$aes, $iv, U14>>(encrypt, key, iv, additional_data, input, out),
                15 => aes_gcm_with::<AesGcm<$aes, $iv, U15>>(encrypt, key, iv, additional_data, input, out),
                16 => aes_gcm_with::<AesGcm<$aes, $iv, U16>>(encrypt, key, iv, additional_data, input, out),
                _ => return throw_error(scope, "TypeError", "subtleAesGcm: unsupported tag length"),
            }
        };
    }
    macro_rules! with_iv {
        ($aes:ty) => {
            match iv.len() {
                12 => with_tag!($aes, U12),
                16 => with_tag!($aes, U16),
                _ => AES_GCM_UNSUPPORTED_IV,
            }
        };
    }
    let result = match key.len() {
        16 => with_iv!(Aes128),
        24 => with_iv!(Aes192),
        32 => with_iv!(Aes256),
        _ => return throw_error(scope, "TypeError", "subtleAesGcm: the key must be 16, 24 or 32 bytes"),
    };
    return_value.set_int32(result);
}

/// A new key pair of a NIST curve: the scalar and the uncompressed point.
macro_rules! generate_nist {
    ($curve:ident) => {
        $curve::ecdsa::SigningKey::try_generate().ok().map(|key| {
            let point = key.verifying_key().to_sec1_point(false);
            (key.to_bytes().to_vec(), point.as_bytes().to_vec())
        })
    };
}

/// `subtleGenerateKeyPair(curve, privateOut, publicOut)`: a new key pair from the operating
/// system's random generator. `P-256`, `P-384`, `P-521`: the scalar and the uncompressed
/// point; `Ed25519`: the 32-byte seed and the 32-byte point; `X25519`: the 32-byte secret
/// and the 32-byte public key.
pub(crate) fn generate_key_pair(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    let curve = string(scope, args.get(0)).unwrap_or_default();
    // SAFETY: as in `digest`; the two outputs are different new arrays.
    let (private_out, public_out) = unsafe { (output(args.get(1)), output(args.get(2))) };
    let (Some(private_out), Some(public_out)) = (private_out, public_out) else {
        return throw_error(scope, "TypeError", "subtleGenerateKeyPair: expected two Uint8Arrays");
    };
    let generated = match curve.as_str() {
        "P-256" => generate_nist!(p256),
        "P-384" => generate_nist!(p384),
        "P-521" => generate_nist!(p521),
        "Ed25519" => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).ok().map(|()| {
                let key = ed25519_dalek::SigningKey::from_bytes(&seed);
                (seed.to_vec(), key.verifying_key().to_bytes().to_vec())
            })
        }
        "X25519" => {
            let mut secret = [0u8; 32];
            getrandom::fill(&mut secret).ok().map(|()| {
                let public = x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from(secret));
                (secret.to_vec(), public.as_bytes().to_vec())
            })
        }
        _ => return throw_error(scope, "TypeError", "subtleGenerateKeyPair: unknown curve"),
    };
    let Some((private_key, public_key)) = generated else {
        return throw_error(scope, "Error", "The operating system's random number generator failed");
    };
    if private_out.len() != private_key.len() || public_out.len() != public_key.len() {
        return throw_error(scope, "TypeError", "subtleGenerateKeyPair: the outputs have the wrong lengths");
    }
    private_out.copy_from_slice(&private_key);
    public_out.copy_from_slice(&public_key);
}

/// The DER of an X25519 key before its 32 bytes (RFC 8410): SubjectPublicKeyInfo and
/// version 1 PrivateKeyInfo, as browsers and workerd write them.
pub(crate) const X25519_SPKI: [u8; 12] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00];
pub(crate) const X25519_PKCS8: [u8; 16] =
    [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20];

/// A key of a NIST curve (see [`read_key`]).
macro_rules! read_nist {
    ($curve:ident, $format:expr, $data:expr) => {{
        use $curve::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _};
        let data = $data;
        match $format {
            "raw" => {
                let key = $curve::PublicKey::from_sec1_bytes(data).ok()?;
                Some((None, key.to_sec1_point(false).as_bytes().to_vec()))
            }
            "spki" => {
                let key = $curve::PublicKey::from_public_key_der(data).ok()?;
                Some((None, key.to_sec1_point(false).as_bytes().to_vec()))
            }
            "private" | "pkcs8" => {
                let key = if $format == "private" {
                    // A JWK's `d` is the whole field element, never shortened.
                    if data.len() != <$curve::FieldBytes>::default().len() {
                        return None;
                    }
                    $curve::SecretKey::from_slice(data).ok()?
                } else {
                    $curve::SecretKey::from_pkcs8_der(data).ok()?
                };
                let point = key.public_key().to_sec1_point(false);
                Some((Some(key.to_bytes().to_vec()), point.as_bytes().to_vec()))
            }
            _ => None,
        }
    }};
}

/// A private and public key of `curve` read from `data` in `format`: `raw` (a public point;
/// P-256 points may be compressed), `private` (the raw private scalar or seed, as a JWK's
/// `d` holds it), `spki` or `pkcs8`. Both are `None` when the data is not a valid key; the
/// private key is `None` for public formats.
fn read_key(curve: &str, format: &str, data: &[u8]) -> Option<(Option<Vec<u8>>, Vec<u8>)> {
    match (curve, format) {
        ("P-256", _) => read_nist!(p256, format, data),
        ("P-384", _) => read_nist!(p384, format, data),
        ("P-521", _) => read_nist!(p521, format, data),
        ("X25519", "raw") => Some((None, <[u8; 32]>::try_from(data).ok()?.to_vec())),
        ("X25519", "spki") => {
            let key = <[u8; 32]>::try_from(data.strip_prefix(X25519_SPKI.as_slice())?).ok()?;
            Some((None, key.to_vec()))
        }
        ("X25519", "private" | "pkcs8") => {
            let secret = if format == "private" { data } else { data.strip_prefix(X25519_PKCS8.as_slice())? };
            let secret = <[u8; 32]>::try_from(secret).ok()?;
            let public = x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from(secret));
            Some((Some(secret.to_vec()), public.as_bytes().to_vec()))
        }
        ("Ed25519", "raw") => {
            // Any 32 bytes: the standard leaves checking the point to `verify`.
            let bytes = <[u8; 32]>::try_from(data).ok()?;
            Some((None, bytes.to_vec()))
        }
        ("Ed25519", "spki") => {
            let key = ed25519_dalek::VerifyingKey::from_public_key_der(data).ok()?;
            Some((None, key.to_bytes().to_vec()))
        }
        ("Ed25519", "private" | "pkcs8") => {
            let key = if format == "private" {
                ed25519_dalek::SigningKey::from_bytes(&<[u8; 32]>::try_from(data).ok()?)
            } else {
                ed25519_dalek::SigningKey::from_pkcs8_der(data).ok()?
            };
            Some((Some(key.to_bytes().to_vec()), key.verifying_key().to_bytes().to_vec()))
        }
        _ => None,
    }
}

/// `subtleImportKey(curve, format, data, privateOut, publicOut)` -> false when `data` is
/// not a valid key of that curve and format (see [`read_key`]). Fills `publicOut` with the
/// public key (for a private key, the one it implies), and `privateOut` (unless undefined)
/// with the private key.
pub(crate) fn import_key(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let (Some(curve), Some(format)) = (string(scope, args.get(0)), string(scope, args.get(1))) else {
        return throw_error(scope, "TypeError", "subtleImportKey: expected a curve and a format");
    };
    // SAFETY: as in `digest`; the two outputs are different new arrays.
    let (data, private_out, public_out) = unsafe { (input(args.get(2)), output(args.get(3)), output(args.get(4))) };
    let (Some(data), Some(public_out)) = (data, public_out) else {
        return throw_error(scope, "TypeError", "subtleImportKey: expected views");
    };
    let Some((private_key, public_key)) = read_key(&curve, &format, data) else {
        return return_value.set_bool(false);
    };
    if public_out.len() != public_key.len() {
        return throw_error(scope, "TypeError", "subtleImportKey: the public output has the wrong length");
    }
    public_out.copy_from_slice(&public_key);
    if let (Some(private_key), Some(private_out)) = (private_key, private_out) {
        if private_out.len() != private_key.len() {
            return throw_error(scope, "TypeError", "subtleImportKey: the private output has the wrong length");
        }
        private_out.copy_from_slice(&private_key);
    }
    return_value.set_bool(true);
}

/// The DER of a key of a NIST curve (see [`write_key`]).
macro_rules! write_nist {
    ($curve:ident, $format:expr, $key:expr) => {{
        use $curve::pkcs8::{EncodePrivateKey as _, EncodePublicKey as _};
        match $format {
            "spki" => Some($curve::PublicKey::from_sec1_bytes($key).ok()?.to_public_key_der().ok()?.into_vec()),
            "pkcs8" => Some($curve::SecretKey::from_slice($key).ok()?.to_pkcs8_der().ok()?.as_bytes().to_vec()),
            _ => None,
        }
    }};
}

/// The DER encoding of a key of `curve` in `format`: `spki` of the public `key`, or
/// `pkcs8` of the private `key` (with the public key for P-256, as browsers write it; none
/// for Ed25519, the version 1 form browsers write).
fn write_key(curve: &str, format: &str, key: &[u8]) -> Option<Vec<u8>> {
    match (curve, format) {
        ("P-256", _) => write_nist!(p256, format, key),
        ("P-384", _) => write_nist!(p384, format, key),
        ("P-521", _) => write_nist!(p521, format, key),
        ("X25519", "spki" | "pkcs8") => {
            let prefix = if format == "spki" { X25519_SPKI.as_slice() } else { X25519_PKCS8.as_slice() };
            let key = <[u8; 32]>::try_from(key).ok()?;
            Some([prefix, key.as_slice()].concat())
        }
        ("Ed25519", "spki") => {
            let key = ed25519_dalek::VerifyingKey::from_bytes(&<[u8; 32]>::try_from(key).ok()?).ok()?;
            Some(key.to_public_key_der().ok()?.into_vec())
        }
        ("Ed25519", "pkcs8") => {
            let seed = <[u8; 32]>::try_from(key).ok()?;
            let pair = KeypairBytes { secret_key: seed, public_key: None };
            Some(pair.to_pkcs8_der().ok()?.as_bytes().to_vec())
        }
        _ => None,
    }
}

/// `subtleExportKey(curve, format, key, out)` -> the number of bytes written to `out` (see
/// [`write_key`]), or -1 when the key cannot be written that way or `out` is too short.
pub(crate) fn export_key(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let (Some(curve), Some(format)) = (string(scope, args.get(0)), string(scope, args.get(1))) else {
        return throw_error(scope, "TypeError", "subtleExportKey: expected a curve and a format");
    };
    // SAFETY: as in `digest`.
    let (key, out) = unsafe { (input(args.get(2)), output(args.get(3))) };
    let (Some(key), Some(out)) = (key, out) else {
        return throw_error(scope, "TypeError", "subtleExportKey: expected views");
    };
    match write_key(&curve, &format, key) {
        Some(der) if der.len() <= out.len() => {
            out[..der.len()].copy_from_slice(&der);
            return_value.set_int32(der.len() as i32);
        }
        _ => return_value.set_int32(-1),
    }
}

/// `subtleHkdf(hash, key, salt, info, out)` -> false when `out` is longer than HKDF can
/// derive (255 digests).
pub(crate) fn hkdf(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let hash = string(scope, args.get(0)).and_then(|name| Hash::from_name(&name));
    // SAFETY: as in `digest`.
    let (key, salt, info, out) =
        unsafe { (input(args.get(1)), input(args.get(2)), input(args.get(3)), output(args.get(4))) };
    let (Some(hash), Some(key), Some(salt), Some(info), Some(out)) = (hash, key, salt, info, out) else {
        return throw_error(scope, "TypeError", "subtleHkdf: expected a hash name and views");
    };
    return_value.set_bool(hash.hkdf(key, salt, info, out));
}

/// `subtlePbkdf2(hash, password, salt, iterations, out)` -> false when the run was stopped
/// before the key was derived. PBKDF2 (RFC 8018) with HMAC, written out here rather than
/// taken from the `pbkdf2` crate so that it can look at the run's stop flag between rounds:
/// a count of iterations the code picks runs on the isolate's thread and must end at the
/// CPU limit.
pub(crate) fn pbkdf2(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let hash = string(scope, args.get(0)).and_then(|name| Hash::from_name(&name));
    let iterations = args.get(3).uint32_value(scope).unwrap_or(0);
    // SAFETY: as in `digest`.
    let (password, salt, out) = unsafe { (input(args.get(1)), input(args.get(2)), output(args.get(4))) };
    let (Some(hash), Some(password), Some(salt), Some(out)) = (hash, password, salt, out) else {
        return throw_error(scope, "TypeError", "subtlePbkdf2: expected a hash name and views");
    };
    let control = std::sync::Arc::clone(state(scope).budget.control());
    let stopped = || control.stopped().is_some();
    let done = match hash {
        Hash::Sha1 => pbkdf2_with::<Sha1>(password, salt, iterations, out, &stopped),
        Hash::Sha256 => pbkdf2_with::<Sha256>(password, salt, iterations, out, &stopped),
        Hash::Sha384 => pbkdf2_with::<Sha384>(password, salt, iterations, out, &stopped),
        Hash::Sha512 => pbkdf2_with::<Sha512>(password, salt, iterations, out, &stopped),
    };
    return_value.set_bool(done);
}

/// How many HMAC rounds run between two looks at the stop flag.
const PBKDF2_ROUNDS_PER_CHECK: u32 = 1024;

fn pbkdf2_with<D>(password: &[u8], salt: &[u8], iterations: u32, out: &mut [u8], stopped: &dyn Fn() -> bool) -> bool
where
    D: hmac::EagerHash,
    Hmac<D>: KeyInit + hmac::Mac + Clone,
{
    let Ok(keyed) = <Hmac<D> as KeyInit>::new_from_slice(password) else { return false };
    let size = keyed.clone().finalize().into_bytes().len();
    for (index, block) in out.chunks_mut(size).enumerate() {
        // T_i = U_1 ^ ... ^ U_c, U_1 = PRF(P, S || INT(i)), U_j = PRF(P, U_{j-1}).
        let mut mac = keyed.clone();
        mac.update(salt);
        mac.update(&(index as u32 + 1).to_be_bytes());
        let mut u = mac.finalize().into_bytes();
        let mut t = u.clone();
        for round in 1..iterations {
            if round % PBKDF2_ROUNDS_PER_CHECK == 0 && stopped() {
                return false;
            }
            let mut mac = keyed.clone();
            mac.update(&u);
            u = mac.finalize().into_bytes();
            for (t, u) in t.iter_mut().zip(u.iter()) {
                *t ^= u;
            }
        }
        block.copy_from_slice(&t[..block.len()]);
    }
    true
}

/// `subtleEcdh(curve, privateKey, publicKey, out)` -> false when the shared secret cannot
/// be computed: a public key that is not on the curve, or an X25519 result of all zeros (a
/// small-order public key), which the standard rejects. `out` must be as long as the
/// secret: the x coordinate for a NIST curve, 32 bytes for X25519.
pub(crate) fn ecdh(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let curve = string(scope, args.get(0)).unwrap_or_default();
    // SAFETY: as in `digest`.
    let (private_key, public_key, out) = unsafe { (input(args.get(1)), input(args.get(2)), output(args.get(3))) };
    let (Some(private_key), Some(public_key), Some(out)) = (private_key, public_key, out) else {
        return throw_error(scope, "TypeError", "subtleEcdh: expected views");
    };
    macro_rules! nist {
        ($curve:ident) => {
            match ($curve::SecretKey::from_slice(private_key), $curve::PublicKey::from_sec1_bytes(public_key)) {
                (Ok(secret), Ok(public)) => {
                    let shared = $curve::ecdh::diffie_hellman(secret.to_nonzero_scalar(), public.as_affine());
                    Some(shared.raw_secret_bytes().to_vec())
                }
                _ => None,
            }
        };
    }
    let shared = match curve.as_str() {
        "P-256" => nist!(p256),
        "P-384" => nist!(p384),
        "P-521" => nist!(p521),
        "X25519" => match (<[u8; 32]>::try_from(private_key), <[u8; 32]>::try_from(public_key)) {
            (Ok(secret), Ok(public)) => {
                let shared =
                    x25519_dalek::StaticSecret::from(secret).diffie_hellman(&x25519_dalek::PublicKey::from(public));
                shared.was_contributory().then(|| shared.as_bytes().to_vec())
            }
            _ => None,
        },
        _ => return throw_error(scope, "TypeError", "subtleEcdh: unknown curve"),
    };
    match shared {
        Some(shared) if shared.len() == out.len() => {
            out.copy_from_slice(&shared);
            return_value.set_bool(true);
        }
        _ => return_value.set_bool(false),
    }
}
