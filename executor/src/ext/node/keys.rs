//! The native half of `node:crypto`'s public-key operations (see `crypto.js`): reading RSA,
//! EC (P-256, P-384, P-521) and Ed25519 keys from DER (the JavaScript takes PEM apart),
//! writing them back in the formats Node exports, and signing and verifying (RSA PKCS #1
//! v1.5 and PSS, ECDSA in DER or IEEE P1363 form, Ed25519), and making new key pairs (RSA,
//! EC, Ed25519, X25519), with the crates `crypto.subtle` uses. Keys cross as canonical DER:
//! PKCS #8 for a private key, SPKI for a public one.

use p256::ecdsa::signature::hazmat::{PrehashSigner as _, PrehashVerifier as _};
use rsa::pkcs1::{
    DecodeRsaPrivateKey as _, DecodeRsaPublicKey as _, EncodeRsaPrivateKey as _, EncodeRsaPublicKey as _,
};
use rsa::traits::PublicKeyParts as _;
use rsa::{Pkcs1v15Sign, Pss};
use sha2::Digest as _;

use crate::ext::crypto::subtle::{X25519_PKCS8, X25519_SPKI, input, string};
use crate::runtime::host::{Arguments, Return, new_bytes, throw_error};

/// A key read from DER.
pub(crate) enum Key {
    RsaPrivate(Box<rsa::PrivateKey>),
    RsaPublic(Box<rsa::PublicKey>),
    P256Private(p256::SecretKey),
    P256Public(p256::PublicKey),
    P384Private(p384::SecretKey),
    P384Public(p384::PublicKey),
    P521Private(p521::SecretKey),
    P521Public(p521::PublicKey),
    Ed25519Private(Box<ed25519_dalek::SigningKey>),
    Ed25519Public(ed25519_dalek::VerifyingKey),
    X25519Private([u8; 32]),
    X25519Public([u8; 32]),
}

/// The 32 bytes after `prefix` in `der`, when `der` is exactly that.
fn after(der: &[u8], prefix: &[u8]) -> Option<[u8; 32]> {
    <[u8; 32]>::try_from(der.strip_prefix(prefix)?).ok()
}

impl Key {
    /// Reads `der` in `format`: `pkcs8`, `pkcs1` (private), `sec1`, `spki` or `pkcs1-public`.
    pub(crate) fn read(format: &str, der: &[u8]) -> Option<Key> {
        use p256::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _};
        Some(match format {
            "pkcs8" => {
                if let Ok(key) = rsa::PrivateKey::from_pkcs8_der(der) {
                    Key::RsaPrivate(Box::new(key))
                } else if let Ok(key) = p256::SecretKey::from_pkcs8_der(der) {
                    Key::P256Private(key)
                } else if let Ok(key) = p384::SecretKey::from_pkcs8_der(der) {
                    Key::P384Private(key)
                } else if let Ok(key) = p521::SecretKey::from_pkcs8_der(der) {
                    Key::P521Private(key)
                } else if let Some(secret) = after(der, &X25519_PKCS8) {
                    Key::X25519Private(secret)
                } else {
                    Key::Ed25519Private(Box::new(ed25519_dalek::SigningKey::from_pkcs8_der(der).ok()?))
                }
            }
            "pkcs1" => Key::RsaPrivate(Box::new(rsa::PrivateKey::from_pkcs1_der(der).ok()?)),
            "pkcs1-public" => Key::RsaPublic(Box::new(rsa::PublicKey::from_pkcs1_der(der).ok()?)),
            "sec1" => {
                if let Ok(key) = p256::SecretKey::from_sec1_der(der) {
                    Key::P256Private(key)
                } else if let Ok(key) = p384::SecretKey::from_sec1_der(der) {
                    Key::P384Private(key)
                } else {
                    Key::P521Private(p521::SecretKey::from_sec1_der(der).ok()?)
                }
            }
            "spki" => {
                if let Ok(key) = rsa::PublicKey::from_public_key_der(der) {
                    Key::RsaPublic(Box::new(key))
                } else if let Ok(key) = p256::PublicKey::from_public_key_der(der) {
                    Key::P256Public(key)
                } else if let Ok(key) = p384::PublicKey::from_public_key_der(der) {
                    Key::P384Public(key)
                } else if let Ok(key) = p521::PublicKey::from_public_key_der(der) {
                    Key::P521Public(key)
                } else if let Some(public) = after(der, &X25519_SPKI) {
                    Key::X25519Public(public)
                } else {
                    Key::Ed25519Public(ed25519_dalek::VerifyingKey::from_public_key_der(der).ok()?)
                }
            }
            _ => return None,
        })
    }

    pub(crate) fn is_private(&self) -> bool {
        matches!(
            self,
            Key::RsaPrivate(_)
                | Key::P256Private(_)
                | Key::P384Private(_)
                | Key::P521Private(_)
                | Key::Ed25519Private(_)
                | Key::X25519Private(_)
        )
    }

    /// Node's `asymmetricKeyType`.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Key::RsaPrivate(_) | Key::RsaPublic(_) => "rsa",
            Key::Ed25519Private(_) | Key::Ed25519Public(_) => "ed25519",
            Key::X25519Private(_) | Key::X25519Public(_) => "x25519",
            _ => "ec",
        }
    }

    /// `bits:exponent` (RSA) or the curve's OpenSSL name (EC).
    pub(crate) fn detail(&self) -> String {
        match self {
            Key::RsaPrivate(key) => rsa_detail(&key.to_public_key()),
            Key::RsaPublic(key) => rsa_detail(key),
            Key::P256Private(_) | Key::P256Public(_) => "prime256v1".into(),
            Key::P384Private(_) | Key::P384Public(_) => "secp384r1".into(),
            Key::P521Private(_) | Key::P521Public(_) => "secp521r1".into(),
            Key::Ed25519Private(_) | Key::Ed25519Public(_) | Key::X25519Private(_) | Key::X25519Public(_) => {
                String::new()
            }
        }
    }

    /// The public half (itself for a public key).
    pub(crate) fn public(&self) -> Key {
        match self {
            Key::RsaPrivate(key) => Key::RsaPublic(Box::new(key.to_public_key())),
            Key::P256Private(key) => Key::P256Public(key.public_key()),
            Key::P384Private(key) => Key::P384Public(key.public_key()),
            Key::P521Private(key) => Key::P521Public(key.public_key()),
            Key::Ed25519Private(key) => Key::Ed25519Public(key.verifying_key()),
            Key::RsaPublic(key) => Key::RsaPublic(key.clone()),
            Key::P256Public(key) => Key::P256Public(*key),
            Key::P384Public(key) => Key::P384Public(*key),
            Key::P521Public(key) => Key::P521Public(*key),
            Key::Ed25519Public(key) => Key::Ed25519Public(*key),
            Key::X25519Private(secret) => {
                Key::X25519Public(*x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from(*secret)).as_bytes())
            }
            Key::X25519Public(key) => Key::X25519Public(*key),
        }
    }

    /// The key in `format` (`pkcs8`, `spki`, `pkcs1`, `sec1`), or `None` when the key has no
    /// such form.
    pub(crate) fn write(&self, format: &str) -> Option<Vec<u8>> {
        use p256::pkcs8::{EncodePrivateKey as _, EncodePublicKey as _};
        let der = match (self, format) {
            (Key::RsaPrivate(key), "pkcs8") => key.to_pkcs8_der().ok()?.as_bytes().to_vec(),
            (Key::RsaPrivate(key), "pkcs1") => key.to_pkcs1_der().ok()?.as_bytes().to_vec(),
            (Key::RsaPublic(key), "spki") => key.to_public_key_der().ok()?.into_vec(),
            (Key::RsaPublic(key), "pkcs1") => key.to_pkcs1_der().ok()?.into_vec(),
            (Key::P256Private(key), "pkcs8") => key.to_pkcs8_der().ok()?.as_bytes().to_vec(),
            (Key::P256Private(key), "sec1") => key.to_sec1_der().ok()?.to_vec(),
            (Key::P256Public(key), "spki") => key.to_public_key_der().ok()?.into_vec(),
            (Key::P384Private(key), "pkcs8") => key.to_pkcs8_der().ok()?.as_bytes().to_vec(),
            (Key::P384Private(key), "sec1") => key.to_sec1_der().ok()?.to_vec(),
            (Key::P384Public(key), "spki") => key.to_public_key_der().ok()?.into_vec(),
            (Key::P521Private(key), "pkcs8") => key.to_pkcs8_der().ok()?.as_bytes().to_vec(),
            (Key::P521Private(key), "sec1") => key.to_sec1_der().ok()?.to_vec(),
            (Key::P521Public(key), "spki") => key.to_public_key_der().ok()?.into_vec(),
            (Key::Ed25519Private(key), "pkcs8") => key.to_pkcs8_der().ok()?.as_bytes().to_vec(),
            (Key::Ed25519Public(key), "spki") => key.to_public_key_der().ok()?.into_vec(),
            (Key::X25519Private(secret), "pkcs8") => [X25519_PKCS8.as_slice(), secret].concat(),
            (Key::X25519Public(key), "spki") => [X25519_SPKI.as_slice(), key].concat(),
            _ => return None,
        };
        Some(der)
    }
}

/// An RSA key's modulus length in bits and public exponent, as `bits:exponent`.
fn rsa_detail(key: &rsa::PublicKey) -> String {
    let exponent =
        key.e().to_be_bytes().iter().fold(0u128, |value, &byte| value.saturating_mul(256) + u128::from(byte));
    format!("{}:{exponent}", key.n().bit_width())
}

/// How a signature is made: PKCS #1 v1.5 or PSS (with its salt length) for RSA, DER or
/// IEEE P1363 for ECDSA.
#[derive(Clone, Copy)]
pub(crate) struct Scheme {
    pub(crate) pss: bool,
    /// PSS: the salt's length; -1 the digest's, -2 the largest (signing) or any (verifying).
    pub(crate) salt_length: i32,
    pub(crate) p1363: bool,
}

fn rsa_salt(key_bytes: usize, digest_length: usize, salt_length: i32) -> Option<usize> {
    let largest = key_bytes.checked_sub(digest_length + 2)?;
    match salt_length {
        -1 => Some(digest_length),
        -2 => Some(largest),
        length => usize::try_from(length).ok().filter(|&length| length <= largest),
    }
}

macro_rules! with_digest {
    ($hash:expr, $function:ident($($argument:expr),*)) => {
        match $hash {
            "sha1" => $function::<sha1::Sha1>($($argument),*),
            "sha224" => $function::<sha2::Sha224>($($argument),*),
            "sha256" => $function::<sha2::Sha256>($($argument),*),
            "sha384" => $function::<sha2::Sha384>($($argument),*),
            "sha512" => $function::<sha2::Sha512>($($argument),*),
            _ => None,
        }
    };
}

fn rsa_sign<D>(key: &rsa::PrivateKey, digest: &[u8], scheme: Scheme) -> Option<Vec<u8>>
where
    D: sha2::Digest + sha2::digest::FixedOutputReset + sha2::digest::const_oid::AssociatedOid + 'static,
{
    let mut rng = crate::ext::crypto::rsa::OsRng;
    if scheme.pss {
        let salt = rsa_salt(key.size(), digest.len(), scheme.salt_length)?;
        key.sign_with_rng(&mut rng, Pss::<D>::new_with_salt(salt), digest).ok()
    } else {
        key.sign_with_rng(&mut rng, Pkcs1v15Sign::new::<D>(), digest).ok()
    }
}

fn rsa_verify<D>(key: &rsa::PublicKey, digest: &[u8], signature: &[u8], scheme: Scheme) -> Option<bool>
where
    D: sha2::Digest + sha2::digest::FixedOutputReset + sha2::digest::const_oid::AssociatedOid + 'static,
{
    if !scheme.pss {
        return Some(key.verify(Pkcs1v15Sign::new::<D>(), digest, signature).is_ok());
    }
    if scheme.salt_length == -2 {
        // Any salt: the lengths OpenSSL's auto-detection most often meets, the digest's and
        // the largest, and the others down to none.
        let largest = key.size().checked_sub(digest.len() + 2)?;
        let valid =
            (0..=largest).rev().any(|salt| key.verify(Pss::<D>::new_with_salt(salt), digest, signature).is_ok());
        return Some(valid);
    }
    let salt = rsa_salt(key.size(), digest.len(), scheme.salt_length)?;
    Some(key.verify(Pss::<D>::new_with_salt(salt), digest, signature).is_ok())
}

/// Signs `data` (the digest under `hash`; for Ed25519 the message itself) with `key`.
pub(crate) fn sign(key: &Key, hash: &str, data: &[u8], scheme: Scheme) -> Option<Vec<u8>> {
    macro_rules! ecdsa {
        ($curve:ident, $key:expr) => {{
            let signer = $curve::ecdsa::SigningKey::from($key);
            let signature: $curve::ecdsa::Signature = signer.sign_prehash(data).ok()?;
            Some(if scheme.p1363 { signature.to_bytes().to_vec() } else { signature.to_der().as_bytes().to_vec() })
        }};
    }
    match key {
        Key::RsaPrivate(key) => with_digest!(hash, rsa_sign(key, data, scheme)),
        Key::P256Private(key) => ecdsa!(p256, key),
        Key::P384Private(key) => ecdsa!(p384, key),
        Key::P521Private(key) => {
            let signer = p521::ecdsa::SigningKey::from_slice(&key.to_bytes()).ok()?;
            let signature: p521::ecdsa::Signature = signer.sign_prehash(data).ok()?;
            Some(if scheme.p1363 { signature.to_bytes().to_vec() } else { signature.to_der().as_bytes().to_vec() })
        }
        Key::Ed25519Private(key) => {
            use ed25519_dalek::Signer as _;
            Some(key.sign(data).to_bytes().to_vec())
        }
        _ => None,
    }
}

/// Whether `signature` is `key`'s over `data` (as for [`sign`]); `None` when the key cannot
/// verify this way.
pub(crate) fn verify(key: &Key, hash: &str, data: &[u8], signature: &[u8], scheme: Scheme) -> Option<bool> {
    macro_rules! ecdsa {
        ($curve:ident, $key:expr) => {{
            let verifier = $curve::ecdsa::VerifyingKey::from($key);
            let parsed = if scheme.p1363 {
                $curve::ecdsa::Signature::from_slice(signature)
            } else {
                $curve::ecdsa::Signature::from_der(signature)
            };
            Some(parsed.is_ok_and(|parsed| verifier.verify_prehash(data, &parsed).is_ok()))
        }};
    }
    match key {
        Key::RsaPublic(key) => with_digest!(hash, rsa_verify(key, data, signature, scheme)),
        Key::P256Public(key) => ecdsa!(p256, key),
        Key::P384Public(key) => ecdsa!(p384, key),
        Key::P521Public(key) => {
            let verifier = p521::ecdsa::VerifyingKey::from_sec1_bytes(&p521_sec1(key)).ok()?;
            let parsed = if scheme.p1363 {
                p521::ecdsa::Signature::from_slice(signature)
            } else {
                p521::ecdsa::Signature::from_der(signature)
            };
            Some(parsed.is_ok_and(|parsed| verifier.verify_prehash(data, &parsed).is_ok()))
        }
        Key::Ed25519Public(key) => {
            let Ok(signature) = ed25519_dalek::Signature::from_slice(signature) else { return Some(false) };
            Some(key.verify_strict(data, &signature).is_ok())
        }
        _ => None,
    }
}

fn p521_sec1(key: &p521::PublicKey) -> Vec<u8> {
    use p521::elliptic_curve::sec1::ToSec1Point as _;
    key.to_sec1_point(false).as_bytes().to_vec()
}

/// The digest of `data` under Node's hash `name`, for signing.
pub(crate) fn digest(name: &str, data: &[u8]) -> Option<Vec<u8>> {
    Some(match name {
        "sha1" => sha1::Sha1::digest(data).to_vec(),
        "sha224" => sha2::Sha224::digest(data).to_vec(),
        "sha256" => sha2::Sha256::digest(data).to_vec(),
        "sha384" => sha2::Sha384::digest(data).to_vec(),
        "sha512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    })
}

/// The name Node's hash argument stands for, in lower case without `RSA-`.
fn hash_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    lower.strip_prefix("rsa-").unwrap_or(&lower).replace("sha-", "sha")
}

fn set_bytes(scope: &mut v8::PinScope<'_, '_>, return_value: &mut Return<'_>, bytes: &[u8]) {
    if let Some(array) = new_bytes(scope, bytes) {
        return_value.set(array.into());
    }
}

/// `nodeKeyRead(format, der)` -> `[isPrivate, asymmetricKeyType, canonicalDer, detail]`, or
/// null when `der` is not a key in `format`. `detail` is the modulus length (RSA) or the
/// curve's name (EC).
pub(crate) fn key_read(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let format = string(scope, args.get(0)).unwrap_or_default();
    // SAFETY: the view is on the stack for this call and no JavaScript runs while it exists.
    let Some(der) = (unsafe { input(args.get(1)) }) else {
        return throw_error(scope, "TypeError", "nodeKeyRead: expected a view");
    };
    let Some(key) = Key::read(&format, der) else { return return_value.set_null() };
    let canonical = key.write(if key.is_private() { "pkcs8" } else { "spki" });
    let Some(canonical) = canonical else { return return_value.set_null() };
    let Some(bytes) = new_bytes(scope, &canonical) else { return };
    let values = [
        v8::Boolean::new(scope, key.is_private()).into(),
        v8::String::new(scope, key.kind()).expect("a short string").into(),
        bytes.into(),
        v8::String::new(scope, &key.detail()).expect("a short string").into(),
    ];
    return_value.set(v8::Array::new_with_elements(scope, &values).into());
}

/// A new private key: `rsa` (a modulus of `bits` bits, the big-endian public `exponent`),
/// `P-256`, `P-384`, `P-521`, `ed25519` or `x25519`.
fn generate(kind: &str, bits: usize, exponent: &[u8], stopped: &dyn Fn() -> bool) -> Result<Key, Generated> {
    use crate::ext::crypto::rsa::{NewKeyError, new_key};
    use p256::elliptic_curve::Generate as _;
    macro_rules! nist {
        ($curve:ident) => {
            $curve::SecretKey::try_generate().map_err(|_| Generated::Random)?
        };
    }
    let mut seed = [0u8; 32];
    let random = |seed: &mut [u8; 32]| getrandom::fill(seed).map_err(|_| Generated::Random);
    Ok(match kind {
        "rsa" => match new_key(bits, exponent, stopped) {
            Ok(key) => Key::RsaPrivate(Box::new(key)),
            Err(NewKeyError::Exponent) => return Err(Generated::Exponent),
            Err(NewKeyError::Stopped) => return Err(Generated::Stopped),
        },
        "P-256" => Key::P256Private(nist!(p256)),
        "P-384" => Key::P384Private(nist!(p384)),
        "P-521" => Key::P521Private(nist!(p521)),
        "ed25519" => {
            random(&mut seed)?;
            Key::Ed25519Private(Box::new(ed25519_dalek::SigningKey::from_bytes(&seed)))
        }
        "x25519" => {
            random(&mut seed)?;
            Key::X25519Private(seed)
        }
        _ => return Err(Generated::Kind),
    })
}

/// Why [`generate`] made no key.
enum Generated {
    Kind,
    Exponent,
    Stopped,
    Random,
}

/// `nodeKeyGenerate(kind, bits, exponent)` -> a new private key as PKCS #8 DER (see
/// [`generate`]); -1 when RSA's exponent is not usable (even, 1, or over 64 bits); null when
/// the run was stopped while primes were searched (the run is ending).
pub(crate) fn key_generate(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let kind = string(scope, args.get(0)).unwrap_or_default();
    let bits = args.get(1).uint32_value(scope).unwrap_or(0) as usize;
    if kind == "rsa" && (!(MIN_RSA_BITS..=crate::ext::crypto::rsa::MAX_BITS).contains(&bits) || !bits.is_multiple_of(2))
    {
        return throw_error(scope, "RangeError", "Invalid RSA modulus length: an even number from 1024 to 8192");
    }
    // SAFETY: as in `key_read`.
    let Some(exponent) = (unsafe { input(args.get(2)) }) else {
        return throw_error(scope, "TypeError", "nodeKeyGenerate: expected a view");
    };
    let exponent = exponent.to_vec();
    let control = std::sync::Arc::clone(crate::runtime::state::state(scope).budget.control());
    let key = match generate(&kind, bits, &exponent, &|| control.stopped().is_some()) {
        Ok(key) => key,
        Err(Generated::Exponent) => return return_value.set_int32(-1),
        Err(Generated::Stopped) => return return_value.set_null(),
        Err(Generated::Kind) => return throw_error(scope, "TypeError", "nodeKeyGenerate: unknown kind"),
        Err(Generated::Random) => {
            return throw_error(scope, "Error", "The operating system's random number generator failed");
        }
    };
    match key.write("pkcs8") {
        Some(der) => set_bytes(scope, &mut return_value, &der),
        None => throw_error(scope, "Error", "nodeKeyGenerate: the new key could not be encoded"),
    }
}

/// The smallest RSA modulus `generateKeyPair` makes: the smallest the `rsa` crate reads back
/// (Node and workerd make keys from 512 bits).
const MIN_RSA_BITS: usize = crate::ext::crypto::rsa::MIN_BITS;

/// `nodeKeyWrite(isPrivate, der, format, public)` -> the key (PKCS #8 or SPKI `der`), or
/// with `public` its public half, in `format`; null when it has no such form.
pub(crate) fn key_write(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let private = args.get(0).boolean_value(scope);
    let format = string(scope, args.get(2)).unwrap_or_default();
    let public = args.get(3).boolean_value(scope);
    // SAFETY: as in `key_read`.
    let Some(der) = (unsafe { input(args.get(1)) }) else {
        return throw_error(scope, "TypeError", "nodeKeyWrite: expected a view");
    };
    let key = Key::read(if private { "pkcs8" } else { "spki" }, der);
    let written = key.and_then(|key| if public { key.public().write(&format) } else { key.write(&format) });
    match written {
        Some(bytes) => set_bytes(scope, &mut return_value, &bytes),
        None => return_value.set_null(),
    }
}

/// `nodeSign(der, hash, data, pss, saltLength, p1363)` -> the signature, or null when the key
/// cannot sign this way. `der` is PKCS #8; `hash` null for Ed25519 (which signs `data`).
pub(crate) fn sign_host(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let hash = string(scope, args.get(1)).map(|name| hash_name(&name));
    let scheme = Scheme {
        pss: args.get(3).boolean_value(scope),
        salt_length: args.get(4).int32_value(scope).unwrap_or(-2),
        p1363: args.get(5).boolean_value(scope),
    };
    // SAFETY: as in `key_read`.
    let (Some(der), Some(data)) = (unsafe { input(args.get(0)) }, unsafe { input(args.get(2)) }) else {
        return throw_error(scope, "TypeError", "nodeSign: expected views");
    };
    let signature = Key::read("pkcs8", der).and_then(|key| match (&key, hash) {
        (Key::Ed25519Private(_), _) => sign(&key, "", data, scheme),
        (_, Some(hash)) => sign(&key, &hash, &digest(&hash, data)?, scheme),
        (_, None) => None,
    });
    match signature {
        Some(signature) => set_bytes(scope, &mut return_value, &signature),
        None => return_value.set_null(),
    }
}

/// `nodeVerify(der, hash, data, signature, pss, saltLength, p1363)` -> whether the signature
/// is valid, or null when the key cannot verify this way. `der` is SPKI.
pub(crate) fn verify_host(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let hash = string(scope, args.get(1)).map(|name| hash_name(&name));
    let scheme = Scheme {
        pss: args.get(4).boolean_value(scope),
        salt_length: args.get(5).int32_value(scope).unwrap_or(-2),
        p1363: args.get(6).boolean_value(scope),
    };
    // SAFETY: as in `key_read`.
    let (Some(der), Some(data), Some(signature)) =
        (unsafe { input(args.get(0)) }, unsafe { input(args.get(2)) }, unsafe { input(args.get(3)) })
    else {
        return throw_error(scope, "TypeError", "nodeVerify: expected views");
    };
    let valid = Key::read("spki", der).and_then(|key| match (&key, hash) {
        (Key::Ed25519Public(_), _) => verify(&key, "", data, signature, scheme),
        (_, Some(hash)) => verify(&key, &hash, &digest(&hash, data)?, signature, scheme),
        (_, None) => None,
    });
    match valid {
        Some(valid) => return_value.set_bool(valid),
        None => return_value.set_null(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_keys_read_back_as_their_kind() {
        for (kind, node_kind, detail) in [
            ("P-256", "ec", "prime256v1"),
            ("P-384", "ec", "secp384r1"),
            ("P-521", "ec", "secp521r1"),
            ("ed25519", "ed25519", ""),
            ("x25519", "x25519", ""),
        ] {
            let Ok(key) = generate(kind, 0, &[], &|| false) else { panic!("{kind}: no key") };
            let der = key.write("pkcs8").expect("a new key has a PKCS #8 form");
            let read = Key::read("pkcs8", &der).expect("a new key reads back");
            assert!(read.is_private());
            assert_eq!((read.kind(), read.detail().as_str()), (node_kind, detail), "{kind}");
            let spki = read.public().write("spki").expect("its public half has an SPKI form");
            assert_eq!(Key::read("spki", &spki).map(|key| key.kind()), Some(node_kind), "{kind}");
        }
        assert!(matches!(generate("dsa", 0, &[], &|| false), Err(Generated::Kind)));
        assert!(matches!(generate("rsa", 1024, &[0x01, 0x00], &|| false), Err(Generated::Exponent)));
        assert!(matches!(generate("rsa", 1024, &[0x01, 0x00, 0x01], &|| true), Err(Generated::Stopped)));
    }

    #[test]
    fn x25519_keys_are_their_32_bytes_after_the_fixed_prefixes() {
        let public = [7u8; 32];
        let spki = [X25519_SPKI.as_slice(), &public].concat();
        assert!(matches!(Key::read("spki", &spki), Some(Key::X25519Public(key)) if key == public));
        // A byte too many or too few is not a key.
        assert!(Key::read("spki", &spki[..spki.len() - 1]).is_none());
        assert!(Key::read("spki", &[spki.as_slice(), &[0]].concat()).is_none());
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len()).step_by(2).map(|index| u8::from_str_radix(&text[index..index + 2], 16).unwrap()).collect()
    }

    const PKCS1: Scheme = Scheme { pss: false, salt_length: -2, p1363: false };

    /// RFC 8032's first Ed25519 vector, through PKCS #8 and SPKI.
    #[test]
    fn ed25519_knows_its_answer() {
        let seed: [u8; 32] =
            unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").try_into().unwrap();
        let key = Key::Ed25519Private(Box::new(ed25519_dalek::SigningKey::from_bytes(&seed)));
        let pkcs8 = key.write("pkcs8").unwrap();
        let key = Key::read("pkcs8", &pkcs8).unwrap();
        assert_eq!(key.kind(), "ed25519");
        let signature = sign(&key, "", b"", PKCS1).unwrap();
        assert_eq!(
            signature,
            unhex(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
            )
        );
        let spki = key.public().write("spki").unwrap();
        let public = Key::read("spki", &spki).unwrap();
        assert_eq!(verify(&public, "", b"", &signature, PKCS1), Some(true));
        assert_eq!(verify(&public, "", b"x", &signature, PKCS1), Some(false));
    }

    /// ECDSA on each curve signs and verifies in both encodings, through SEC1 and SPKI; a
    /// signature of other data does not verify.
    #[test]
    fn ecdsa_round_trips() {
        let scalar = [7u8; 32];
        let key = Key::P256Private(p256::SecretKey::from_slice(&scalar).unwrap());
        let sec1 = key.write("sec1").unwrap();
        let key = Key::read("sec1", &sec1).unwrap();
        assert_eq!(key.detail(), "prime256v1");
        let public = Key::read("spki", &key.public().write("spki").unwrap()).unwrap();
        for p1363 in [false, true] {
            let scheme = Scheme { pss: false, salt_length: -2, p1363 };
            let hashed = digest("sha256", b"message").unwrap();
            let signature = sign(&key, "sha256", &hashed, scheme).unwrap();
            assert_eq!(signature.len() == 64, p1363);
            assert_eq!(verify(&public, "sha256", &hashed, &signature, scheme), Some(true));
            let other = digest("sha256", b"other").unwrap();
            assert_eq!(verify(&public, "sha256", &other, &signature, scheme), Some(false));
        }
        let key = Key::P521Private(p521::SecretKey::from_slice(&[1u8; 66]).unwrap());
        let public = key.public();
        let hashed = digest("sha512", b"m").unwrap();
        let signature = sign(&key, "sha512", &hashed, PKCS1).unwrap();
        assert_eq!(verify(&public, "sha512", &hashed, &signature, PKCS1), Some(true));
    }
}
