//! The native half of RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP (see `subtle.js`), with the
//! RustCrypto `rsa` crate.
//!
//! Keys travel between JavaScript and here as DER: a private key as PKCS #8, a public key as
//! SPKI, which is what `exportKey` gives for those formats; each operation reads the key
//! again (a few microseconds next to the private operation). JWK members cross as one
//! buffer of length-prefixed big-endian integers (see [`read_list`]). As in `subtle.rs`,
//! results are written into arrays the JavaScript allocated, and a return value says
//! whether the input was valid.
//!
//! Key generation runs on the isolate's thread like everything else, and looks at the run's
//! stop flag between prime candidates, so a large modulus ends at the CPU limit.

use rsa::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _, EncodePrivateKey as _, EncodePublicKey as _};
use rsa::traits::{PrivateKeyParts as _, PublicKeyParts as _};
use rsa::{BoxedUint, Oaep, Pkcs1v15Sign, PrivateKey, Pss, PublicKey};
use sha1::Sha1;
use sha2::{Sha256, Sha384, Sha512};

use super::subtle::{Hash, input, output, string};
use crate::runtime::host::{Arguments, Return, throw_error};
use crate::runtime::state::state;

/// The operating system's random generator, as the `rsa` crate's traits want it (blinding,
/// PSS salts, OAEP seeds, primes).
pub(crate) struct OsRng;

impl rsa::rand_core::TryRng for OsRng {
    type Error = std::io::Error;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut bytes = [0u8; 4];
        self.try_fill_bytes(&mut bytes)?;
        Ok(u32::from_le_bytes(bytes))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut bytes = [0u8; 8];
        self.try_fill_bytes(&mut bytes)?;
        Ok(u64::from_le_bytes(bytes))
    }

    fn try_fill_bytes(&mut self, destination: &mut [u8]) -> Result<(), Self::Error> {
        getrandom::fill(destination).map_err(|error| std::io::Error::other(error.to_string()))
    }
}

impl rsa::rand_core::TryCryptoRng for OsRng {}

/// The smallest and largest moduli accepted, in bits: the `rsa` crate's own bounds (it
/// refuses larger keys when it reads them).
pub(crate) const MIN_BITS: usize = 1024;
pub(crate) const MAX_BITS: usize = 8192;

fn private_key(der: &[u8]) -> Option<PrivateKey> {
    PrivateKey::from_pkcs8_der(der).ok()
}

fn public_key(der: &[u8]) -> Option<PublicKey> {
    PublicKey::from_public_key_der(der).ok()
}

/// A big-endian integer without its leading zero bytes (as JWK writes them).
fn minimal(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|byte| *byte != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// Reads a list of byte strings, each after its length as 4 bytes big-endian.
fn read_list(mut data: &[u8]) -> Option<Vec<&[u8]>> {
    let mut items = Vec::new();
    while !data.is_empty() {
        let (length, rest) = data.split_at_checked(4)?;
        let length = u32::from_be_bytes(length.try_into().ok()?) as usize;
        let (item, rest) = rest.split_at_checked(length)?;
        items.push(item);
        data = rest;
    }
    Some(items)
}

/// Writes `items` as [`read_list`] reads them into `out`; the length written, or `None` when
/// `out` is too short.
fn write_list(items: &[&[u8]], out: &mut [u8]) -> Option<usize> {
    let mut at = 0;
    for item in items {
        let length = u32::try_from(item.len()).ok()?.to_be_bytes();
        out.get_mut(at..at + 4)?.copy_from_slice(&length);
        out.get_mut(at + 4..at + 4 + item.len())?.copy_from_slice(item);
        at += 4 + item.len();
    }
    Some(at)
}

fn uint(bytes: &[u8]) -> BoxedUint {
    BoxedUint::from_be_slice_vartime(bytes)
}

/// Copies `bytes` to the start of `out`: the length, or -1 when `out` is too short.
fn copy_out(bytes: &[u8], out: &mut [u8]) -> i32 {
    match (out.get_mut(..bytes.len()), i32::try_from(bytes.len())) {
        (Some(target), Ok(length)) => {
            target.copy_from_slice(bytes);
            length
        }
        _ => -1,
    }
}

/// Generates a prime of exactly `bits` bits, the top two set (so that two of them make a
/// modulus of twice the bits), as the `rsa` crate does, but looking at `stopped` before each
/// candidate. `None` when the run was stopped or the random generator failed.
fn generate_prime(bits: u32, stopped: &dyn Fn() -> bool) -> Option<BoxedUint> {
    use crypto_primes::hazmat::SmallFactorsSieve;
    let length = std::num::NonZeroU32::new(bits).filter(|bits| bits.get() >= 2)?;
    let bytes = (bits as usize).div_ceil(8);
    loop {
        let mut random = vec![0u8; bytes];
        getrandom::fill(&mut random).ok()?;
        // The bytes may hold more bits than asked for: clear the extra ones; then the number
        // is made odd, with its top two bits set.
        random[0] &= 0xff >> (bytes * 8 - bits as usize);
        for bit in [0, bits - 1, bits - 2] {
            random[bytes - 1 - (bit / 8) as usize] |= 1 << (bit % 8);
        }
        let start = BoxedUint::from_be_slice(&random, bits).ok()?;
        let sieve = SmallFactorsSieve::new(start, length, false).ok()?;
        for candidate in sieve {
            if stopped() {
                return None;
            }
            if crypto_primes::is_prime(crypto_primes::Flavor::Any, &candidate) {
                return Some(candidate);
            }
        }
    }
}

/// Why [`new_key`] made no key.
pub(crate) enum NewKeyError {
    /// The public exponent is even, 1, or too large for the crate.
    Exponent,
    /// The run was stopped while primes were searched, or the random generator failed.
    Stopped,
}

/// A new RSA key with a modulus of exactly `bits` bits (even) and the big-endian public
/// `exponent`, looking at `stopped` before each prime candidate.
pub(crate) fn new_key(bits: usize, exponent: &[u8], stopped: &dyn Fn() -> bool) -> Result<PrivateKey, NewKeyError> {
    let exponent = minimal(exponent);
    if exponent.len() > 8 || exponent.last().is_none_or(|last| last % 2 == 0) || exponent == [1] {
        return Err(NewKeyError::Exponent);
    }
    let half = (bits / 2) as u32;
    loop {
        let (Some(p), Some(q)) = (generate_prime(half, stopped), generate_prime(half, stopped)) else {
            return Err(NewKeyError::Stopped);
        };
        if p == q {
            continue;
        }
        // Fails when the exponent is not coprime with p - 1 and q - 1: then new primes.
        match PrivateKey::from_p_q(p, q, uint(exponent)) {
            Ok(key) if key.n().bit_width_vartime() as usize == bits => return Ok(key),
            Ok(_) => continue,
            Err(
                rsa::Error::InvalidExponent | rsa::Error::PublicExponentTooLarge | rsa::Error::PublicExponentTooSmall,
            ) => return Err(NewKeyError::Exponent),
            Err(_) => continue,
        }
    }
}

/// `subtleRsaGenerate(bits, publicExponent, out)` -> the length of the new private key's
/// PKCS #8 encoding written to `out`, -1 when the exponent is not usable (even, 1, or too
/// large for the crate), or -2 when the run was stopped while primes were searched.
pub(crate) fn generate(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let bits = args.get(0).uint32_value(scope).unwrap_or(0) as usize;
    // SAFETY: as in `subtle::digest`.
    let (exponent, out) = unsafe { (input(args.get(1)), output(args.get(2))) };
    let (Some(exponent), Some(out)) = (exponent, out) else {
        return throw_error(scope, "TypeError", "subtleRsaGenerate: expected views");
    };
    if !(MIN_BITS..=MAX_BITS).contains(&bits) || !bits.is_multiple_of(2) {
        return throw_error(scope, "TypeError", "subtleRsaGenerate: unsupported modulus length");
    }
    let control = std::sync::Arc::clone(state(scope).budget.control());
    let key = match new_key(bits, exponent, &|| control.stopped().is_some()) {
        Ok(key) => key,
        Err(NewKeyError::Exponent) => return return_value.set_int32(-1),
        Err(NewKeyError::Stopped) => return return_value.set_int32(-2),
    };
    let Ok(der) = key.to_pkcs8_der() else { return return_value.set_int32(-1) };
    return_value.set_int32(copy_out(der.as_bytes(), out));
}

/// `subtleRsaImport(format, data, out)` -> the length of the key's canonical DER written to
/// `out` (PKCS #8 for a private key, SPKI for a public one), or -1 when `data` is not a valid
/// RSA key in `format`: `spki`, `pkcs8`, `jwk-public` (the list n, e) or `jwk-private` (n,
/// e, d, p, q, dp, dq, qi).
pub(crate) fn import(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let format = string(scope, args.get(0)).unwrap_or_default();
    // SAFETY: as in `subtle::digest`.
    let (data, out) = unsafe { (input(args.get(1)), output(args.get(2))) };
    let (Some(data), Some(out)) = (data, out) else {
        return throw_error(scope, "TypeError", "subtleRsaImport: expected views");
    };
    let der = match format.as_str() {
        "spki" => public_key(data).and_then(|key| key.to_public_key_der().ok()).map(|der| der.into_vec()),
        "pkcs8" => private_key(data).and_then(|key| key.to_pkcs8_der().ok()).map(|der| der.as_bytes().to_vec()),
        "jwk-public" => match read_list(data).as_deref() {
            Some([n, e]) => PublicKey::new(uint(n), uint(e))
                .ok()
                .and_then(|key| key.to_public_key_der().ok())
                .map(|der| der.into_vec()),
            _ => None,
        },
        "jwk-private" => {
            // A JWK without its primes would need them recovered from n, e and d, which the
            // crate does with arithmetic that panics on some inputs: such keys are refused.
            // The crate derives dp, dq and qi from p and q; the JWK's must be the same.
            let key = match read_list(data).as_deref() {
                Some([n, e, d, p, q, dp, dq, qi]) => {
                    PrivateKey::from_components(uint(n), uint(e), uint(d), vec![uint(p), uint(q)]).ok().filter(|key| {
                        let same = |computed: Option<BoxedUint>, given: &[u8]| {
                            computed.is_some_and(|value| minimal(&value.to_be_bytes()) == minimal(given))
                        };
                        same(key.dp().cloned(), dp) && same(key.dq().cloned(), dq) && same(key.crt_coefficient(), qi)
                    })
                }
                _ => None,
            };
            key.and_then(|key| key.to_pkcs8_der().ok()).map(|der| der.as_bytes().to_vec())
        }
        _ => return throw_error(scope, "TypeError", "subtleRsaImport: unknown format"),
    };
    return_value.set_int32(der.map_or(-1, |der| copy_out(&der, out)));
}

/// `subtleRsaExport(isPrivate, der, out)` -> the length of the key's JWK members written to
/// `out` as a list (n, e for a public key; n, e, d, p, q, dp, dq, qi for a private one), or
/// -1 when `out` is too short or the key cannot be read.
pub(crate) fn export(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let is_private = args.get(0).is_true();
    // SAFETY: as in `subtle::digest`.
    let (der, out) = unsafe { (input(args.get(1)), output(args.get(2))) };
    let (Some(der), Some(out)) = (der, out) else {
        return throw_error(scope, "TypeError", "subtleRsaExport: expected views");
    };
    let written = if is_private {
        private_key(der).and_then(|key| {
            let (n, e, d) = (key.n_bytes(), key.e_bytes(), key.d().to_be_bytes());
            let primes = key.primes();
            let (p, q) = (primes.first()?.to_be_bytes(), primes.get(1)?.to_be_bytes());
            let (dp, dq) = (key.dp()?.to_be_bytes(), key.dq()?.to_be_bytes());
            let qi = key.crt_coefficient()?.to_be_bytes();
            let items = [&n, &e, &d, &p, &q, &dp, &dq, &qi].map(|item| minimal(item));
            write_list(&items, out)
        })
    } else {
        public_key(der).and_then(|key| write_list(&[minimal(&key.n_bytes()), minimal(&key.e_bytes())], out))
    };
    return_value.set_int32(written.and_then(|length| i32::try_from(length).ok()).unwrap_or(-1));
}

/// `subtleRsaPublic(pkcs8, out)` -> the length of the SPKI encoding of the private key's
/// public key written to `out`, or -1.
pub(crate) fn public(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    // SAFETY: as in `subtle::digest`.
    let (der, out) = unsafe { (input(args.get(0)), output(args.get(1))) };
    let (Some(der), Some(out)) = (der, out) else {
        return throw_error(scope, "TypeError", "subtleRsaPublic: expected views");
    };
    let spki = private_key(der).and_then(|key| key.to_public_key().to_public_key_der().ok());
    return_value.set_int32(spki.map_or(-1, |der| copy_out(der.as_bytes(), out)));
}

macro_rules! with_hash {
    ($hash:expr, $function:ident ( $($argument:expr),* )) => {
        match $hash {
            Hash::Sha1 => $function::<Sha1>($($argument),*),
            Hash::Sha256 => $function::<Sha256>($($argument),*),
            Hash::Sha384 => $function::<Sha384>($($argument),*),
            Hash::Sha512 => $function::<Sha512>($($argument),*),
        }
    };
}

fn sign_with<D>(pss: bool, key: &PrivateKey, digest: &[u8], salt_length: usize) -> Option<Vec<u8>>
where
    D: sha2::Digest + sha2::digest::FixedOutputReset + sha2::digest::const_oid::AssociatedOid + 'static,
{
    if pss {
        key.sign_with_rng(&mut OsRng, Pss::<D>::new_with_salt(salt_length), digest).ok()
    } else {
        key.sign_with_rng(&mut OsRng, Pkcs1v15Sign::new::<D>(), digest).ok()
    }
}

fn verify_with<D>(pss: bool, key: &PublicKey, digest: &[u8], signature: &[u8], salt_length: usize) -> bool
where
    D: sha2::Digest + sha2::digest::FixedOutputReset + sha2::digest::const_oid::AssociatedOid + 'static,
{
    if pss {
        key.verify(Pss::<D>::new_with_salt(salt_length), digest, signature).is_ok()
    } else {
        key.verify(Pkcs1v15Sign::new::<D>(), digest, signature).is_ok()
    }
}

/// `subtleRsaSign(scheme, hash, pkcs8, data, saltLength, out)` -> the signature's length, or
/// -1 when the key cannot sign this way (a PSS salt too long for the modulus). `scheme` is
/// `RSASSA-PKCS1-v1_5` or `RSA-PSS`.
pub(crate) fn sign(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let pss = string(scope, args.get(0)).is_some_and(|scheme| scheme == "RSA-PSS");
    let hash = string(scope, args.get(1)).and_then(|name| Hash::from_name(&name));
    let salt_length = args.get(4).uint32_value(scope).unwrap_or(0) as usize;
    // SAFETY: as in `subtle::digest`.
    let (der, data, out) = unsafe { (input(args.get(2)), input(args.get(3)), output(args.get(5))) };
    let (Some(hash), Some(der), Some(data), Some(out)) = (hash, der, data, out) else {
        return throw_error(scope, "TypeError", "subtleRsaSign: expected a hash name and views");
    };
    let (digest, length) = hash.prehash(data);
    let signature =
        private_key(der).and_then(|key| with_hash!(hash, sign_with(pss, &key, &digest[..length], salt_length)));
    return_value.set_int32(signature.map_or(-1, |signature| copy_out(&signature, out)));
}

/// `subtleRsaVerify(scheme, hash, spki, data, signature, saltLength)` -> whether the
/// signature is valid.
pub(crate) fn verify(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let pss = string(scope, args.get(0)).is_some_and(|scheme| scheme == "RSA-PSS");
    let hash = string(scope, args.get(1)).and_then(|name| Hash::from_name(&name));
    let salt_length = args.get(5).uint32_value(scope).unwrap_or(0) as usize;
    // SAFETY: as in `subtle::digest`.
    let (der, data, signature) = unsafe { (input(args.get(2)), input(args.get(3)), input(args.get(4))) };
    let (Some(hash), Some(der), Some(data), Some(signature)) = (hash, der, data, signature) else {
        return throw_error(scope, "TypeError", "subtleRsaVerify: expected a hash name and views");
    };
    let (digest, length) = hash.prehash(data);
    let valid = public_key(der)
        .is_some_and(|key| with_hash!(hash, verify_with(pss, &key, &digest[..length], signature, salt_length)));
    return_value.set_bool(valid);
}

fn oaep_with<D>(encrypt: bool, der: &[u8], label: &[u8], data: &[u8]) -> Option<Vec<u8>>
where
    D: sha2::Digest + sha2::digest::FixedOutputReset + Send + Sync + 'static,
{
    let padding = Oaep::<D>::new_with_label(label);
    if encrypt {
        public_key(der)?.encrypt(&mut OsRng, padding, data).ok()
    } else {
        private_key(der)?.decrypt_blinded(&mut OsRng, padding, data).ok()
    }
}

/// `subtleRsaOaep(encrypt, hash, der, label, data, out)` -> the length of the result, or -1
/// when the message is too long for the key (encrypt) or the ciphertext is not valid
/// (decrypt). The key is SPKI to encrypt and PKCS #8 to decrypt.
pub(crate) fn oaep(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let encrypt = args.get(0).is_true();
    let hash = string(scope, args.get(1)).and_then(|name| Hash::from_name(&name));
    // SAFETY: as in `subtle::digest`.
    let (der, label, data, out) =
        unsafe { (input(args.get(2)), input(args.get(3)), input(args.get(4)), output(args.get(5))) };
    let (Some(hash), Some(der), Some(label), Some(data), Some(out)) = (hash, der, label, data, out) else {
        return throw_error(scope, "TypeError", "subtleRsaOaep: expected a hash name and views");
    };
    let result = with_hash!(hash, oaep_with(encrypt, der, label, data));
    return_value.set_int32(result.map_or(-1, |result| copy_out(&result, out)));
}
