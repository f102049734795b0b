//! The native half of AES-CBC, AES-CTR and AES-KW (see `subtle.js`), with the RustCrypto
//! `aes`, `cbc` and `aes-kw` crates. As in `subtle.rs`, results are written into an array
//! the JavaScript allocated and the return value says whether the input was valid.

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockModeDecrypt as _, BlockModeEncrypt as _, KeyInit, KeyIvInit};
use aes::{Aes128, Aes192, Aes256};

use super::subtle::{input, output, string};
use crate::runtime::host::{Arguments, Return, throw_error};

/// AES-CBC with PKCS #7 padding: the length written, or `None` when the key or IV has the
/// wrong length, `out` is too short, or (decrypting) the padding is not valid.
fn cbc<C>(encrypt: bool, key: &[u8], iv: &[u8], data: &[u8], out: &mut [u8]) -> Option<usize>
where
    C: aes::cipher::BlockCipherEncrypt + aes::cipher::BlockCipherDecrypt + KeyInit,
    cbc::Encryptor<C>: KeyIvInit,
    cbc::Decryptor<C>: KeyIvInit,
{
    if encrypt {
        let cipher = cbc::Encryptor::<C>::new_from_slices(key, iv).ok()?;
        Some(cipher.encrypt_padded_b2b::<Pkcs7>(data, out).ok()?.len())
    } else {
        let cipher = cbc::Decryptor::<C>::new_from_slices(key, iv).ok()?;
        Some(cipher.decrypt_padded_b2b::<Pkcs7>(data, out).ok()?.len())
    }
}

/// AES-CTR as Web Crypto defines it: the counter is the rightmost `length` bits of the
/// 16-byte counter block and wraps around within them, leaving the rest (the nonce) alone.
/// The crate's `ctr` modes carry into the nonce instead, so the blocks are counted here.
/// `None` when `out` is not as long as `data` or the counter would repeat.
fn ctr<C: aes::cipher::BlockCipherEncrypt + aes::cipher::BlockSizeUser<BlockSize = aes::cipher::consts::U16>>(
    cipher: &C,
    counter: &[u8],
    length: u32,
    data: &[u8],
    out: &mut [u8],
) -> Option<usize> {
    let counter = u128::from_be_bytes(counter.try_into().ok()?);
    if out.len() != data.len() || length == 0 || length > 128 {
        return None;
    }
    let mask = if length == 128 { u128::MAX } else { (1u128 << length) - 1 };
    let blocks = data.len().div_ceil(16) as u128;
    if length < 128 && blocks > mask + 1 {
        return None;
    }
    let mut block_counter = counter;
    for (input, output) in data.chunks(16).zip(out.chunks_mut(16)) {
        let mut block = aes::Block::from(block_counter.to_be_bytes());
        cipher.encrypt_block(&mut block);
        for ((output, input), key) in output.iter_mut().zip(input).zip(block.iter()) {
            *output = input ^ key;
        }
        block_counter = (block_counter & !mask) | (block_counter.wrapping_add(1) & mask);
    }
    Some(data.len())
}

/// AES-KW (RFC 3394): the length written, or `None` when the data is not a whole number of
/// 8-byte blocks (at least two) or, unwrapping, its integrity check fails.
fn kw<C>(encrypt: bool, key: &[u8], data: &[u8], out: &mut [u8]) -> Option<usize>
where
    aes_kw::AesKw<C>: KeyInit,
    C: aes::cipher::BlockCipherEncrypt
        + aes::cipher::BlockCipherDecrypt
        + aes::cipher::BlockSizeUser<BlockSize = aes::cipher::consts::U16>,
{
    let cipher = aes_kw::AesKw::<C>::new_from_slice(key).ok()?;
    if encrypt { Some(cipher.wrap_key(data, out).ok()?.len()) } else { Some(cipher.unwrap_key(data, out).ok()?.len()) }
}

/// `subtleAes(mode, encrypt, key, iv, counterLength, data, out)` -> the number of bytes
/// written to `out`, or -1 when the input is not valid for the mode (see [`cbc`], [`ctr`],
/// [`kw`]). `mode` is `AES-CBC`, `AES-CTR` (`iv` is the counter block) or `AES-KW` (`iv` is
/// ignored).
pub(crate) fn aes(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let mode = string(scope, args.get(0)).unwrap_or_default();
    let encrypt = args.get(1).is_true();
    let counter_length = args.get(4).uint32_value(scope).unwrap_or(0);
    // SAFETY: as in `subtle::digest`.
    let (key, iv, data, out) =
        unsafe { (input(args.get(2)), input(args.get(3)), input(args.get(5)), output(args.get(6))) };
    let (Some(key), Some(iv), Some(data), Some(out)) = (key, iv, data, out) else {
        return throw_error(scope, "TypeError", "subtleAes: expected views");
    };
    macro_rules! with_key {
        ($aes:ty) => {
            match mode.as_str() {
                "AES-CBC" => cbc::<$aes>(encrypt, key, iv, data, out),
                "AES-CTR" => {
                    <$aes>::new_from_slice(key).ok().and_then(|cipher| ctr(&cipher, iv, counter_length, data, out))
                }
                "AES-KW" => kw::<$aes>(encrypt, key, data, out),
                _ => return throw_error(scope, "TypeError", "subtleAes: unknown mode"),
            }
        };
    }
    let written = match key.len() {
        16 => with_key!(Aes128),
        24 => with_key!(Aes192),
        32 => with_key!(Aes256),
        _ => return throw_error(scope, "TypeError", "subtleAes: the key must be 16, 24 or 32 bytes"),
    };
    return_value.set_int32(written.and_then(|length| i32::try_from(length).ok()).unwrap_or(-1));
}
