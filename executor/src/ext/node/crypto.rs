//! The native half of `node:crypto` (see `crypto.js`): hashes and HMACs that take their data
//! in pieces, AES ciphers that stream (CBC, ECB, CTR and GCM, as OpenSSL runs them for Node),
//! PBKDF2, HKDF and scrypt, on the RustCrypto crates.
//!
//! A hash, HMAC or cipher lives in this run's table ([`Contexts`], an isolate slot made on
//! first use) from its creation until its digest or final, by id; the JavaScript object holds
//! the id. Their state is small (at most a few hundred bytes), and is host memory that the
//! embedder's counting allocator charges to the run. Results are new Uint8Arrays made only if
//! they fit the run's ArrayBuffer budget (`new_bytes`), or written into arrays the JavaScript
//! allocated. The derivations look at the run's stop flag as they go, so that an iteration
//! count or cost the code picks ends at the CPU limit. A call with arguments of the wrong
//! types throws a TypeError: only the runtime calls these, so that is a bug, never a user error.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use aes::cipher::{BlockCipherDecrypt as _, BlockCipherEncrypt as _, KeyInit as _};
use ghash::GHash;
use ghash::universal_hash::UniversalHash as _;
use sha2::Digest as _;

use crate::ext::crypto::subtle::{input, output, string};
use crate::runtime::host::{Arguments, Return, new_bytes, throw_error};
use crate::runtime::state::state;

// ---- Hashes and HMACs ------------------------------------------------------------------

/// A hash function of `createHash`, with its running state.
#[derive(Clone)]
pub(crate) enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha512_224(sha2::Sha512_224),
    Sha512_256(sha2::Sha512_256),
}

macro_rules! each_hasher {
    ($value:expr, $inner:ident => $body:expr) => {
        match $value {
            Hasher::Md5($inner) => $body,
            Hasher::Sha1($inner) => $body,
            Hasher::Sha224($inner) => $body,
            Hasher::Sha256($inner) => $body,
            Hasher::Sha384($inner) => $body,
            Hasher::Sha512($inner) => $body,
            Hasher::Sha512_224($inner) => $body,
            Hasher::Sha512_256($inner) => $body,
        }
    };
}

impl Hasher {
    /// The hash named `name` as Node names it (in lower case; `RSA-SHA256` style aliases too).
    pub(crate) fn from_name(name: &str) -> Option<Hasher> {
        let name = name.to_ascii_lowercase();
        let name = name.strip_prefix("rsa-").unwrap_or(&name);
        Some(match name {
            "md5" => Hasher::Md5(Default::default()),
            "sha1" | "sha-1" => Hasher::Sha1(Default::default()),
            "sha224" | "sha-224" => Hasher::Sha224(Default::default()),
            "sha256" | "sha-256" => Hasher::Sha256(Default::default()),
            "sha384" | "sha-384" => Hasher::Sha384(Default::default()),
            "sha512" | "sha-512" => Hasher::Sha512(Default::default()),
            "sha512-224" | "sha-512/224" => Hasher::Sha512_224(Default::default()),
            "sha512-256" | "sha-512/256" => Hasher::Sha512_256(Default::default()),
            _ => return None,
        })
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        each_hasher!(self, inner => inner.update(data));
    }

    pub(crate) fn finalize(self) -> Vec<u8> {
        each_hasher!(self, inner => inner.finalize().to_vec())
    }

    /// The block size, which HMAC pads the key to.
    fn block_size(&self) -> usize {
        match self {
            Hasher::Md5(_) | Hasher::Sha1(_) | Hasher::Sha224(_) | Hasher::Sha256(_) => 64,
            _ => 128,
        }
    }

    /// A fresh state of the same function.
    fn fresh(&self) -> Hasher {
        each_hasher!(self, inner => {
            let mut fresh = inner.clone();
            sha2::Digest::reset(&mut fresh);
            fresh.into()
        })
    }
}

macro_rules! hasher_from {
    ($($variant:ident($ty:ty)),*) => {
        $(impl From<$ty> for Hasher {
            fn from(inner: $ty) -> Hasher {
                Hasher::$variant(inner)
            }
        })*
    };
}
hasher_from!(
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha512_224(sha2::Sha512_224),
    Sha512_256(sha2::Sha512_256)
);

/// HMAC (RFC 2104) over any [`Hasher`]: the inner hash already keyed, and the outer one.
#[derive(Clone)]
pub(crate) struct Hmac {
    inner: Hasher,
    outer: Hasher,
}

impl Hmac {
    pub(crate) fn new(hasher: Hasher, key: &[u8]) -> Hmac {
        let block = hasher.block_size();
        let mut padded = if key.len() > block {
            let mut hashed = hasher.fresh();
            hashed.update(key);
            hashed.finalize()
        } else {
            key.to_vec()
        };
        padded.resize(block, 0);
        let (mut inner, mut outer) = (hasher.fresh(), hasher.fresh());
        inner.update(&padded.iter().map(|byte| byte ^ 0x36).collect::<Vec<_>>());
        outer.update(&padded.iter().map(|byte| byte ^ 0x5c).collect::<Vec<_>>());
        Hmac { inner, outer }
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }

    pub(crate) fn finalize(self) -> Vec<u8> {
        let Hmac { inner, mut outer } = self;
        outer.update(&inner.finalize());
        outer.finalize()
    }
}

// ---- Ciphers ---------------------------------------------------------------------------

/// An AES key of one of the three sizes.
enum Aes {
    Aes128(aes::Aes128),
    Aes192(aes::Aes192),
    Aes256(aes::Aes256),
}

impl Aes {
    fn new(key: &[u8]) -> Option<Aes> {
        Some(match key.len() {
            16 => Aes::Aes128(aes::Aes128::new_from_slice(key).ok()?),
            24 => Aes::Aes192(aes::Aes192::new_from_slice(key).ok()?),
            32 => Aes::Aes256(aes::Aes256::new_from_slice(key).ok()?),
            _ => return None,
        })
    }

    fn encrypt(&self, block: &mut [u8; 16]) {
        let mut array = aes::Block::from(*block);
        match self {
            Aes::Aes128(cipher) => cipher.encrypt_block(&mut array),
            Aes::Aes192(cipher) => cipher.encrypt_block(&mut array),
            Aes::Aes256(cipher) => cipher.encrypt_block(&mut array),
        }
        block.copy_from_slice(&array);
    }

    fn decrypt(&self, block: &mut [u8; 16]) {
        let mut array = aes::Block::from(*block);
        match self {
            Aes::Aes128(cipher) => cipher.decrypt_block(&mut array),
            Aes::Aes192(cipher) => cipher.decrypt_block(&mut array),
            Aes::Aes256(cipher) => cipher.decrypt_block(&mut array),
        }
        block.copy_from_slice(&array);
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    Ecb,
    Cbc,
    Ctr,
    Gcm,
}

/// The cipher names `createCipheriv` knows: mode and key length, as OpenSSL names them.
pub(crate) fn cipher_by_name(name: &str) -> Option<(Mode, usize)> {
    let name = name.to_ascii_lowercase();
    Some(match name.as_str() {
        "aes128" => (Mode::Cbc, 16),
        "aes192" => (Mode::Cbc, 24),
        "aes256" => (Mode::Cbc, 32),
        "id-aes128-gcm" => (Mode::Gcm, 16),
        "id-aes192-gcm" => (Mode::Gcm, 24),
        "id-aes256-gcm" => (Mode::Gcm, 32),
        _ => {
            let rest = name.strip_prefix("aes-")?;
            let (bits, mode) = rest.split_once('-')?;
            let length = match bits {
                "128" => 16,
                "192" => 24,
                "256" => 32,
                _ => return None,
            };
            let mode = match mode {
                "ecb" => Mode::Ecb,
                "cbc" => Mode::Cbc,
                "ctr" => Mode::Ctr,
                "gcm" => Mode::Gcm,
                _ => return None,
            };
            (mode, length)
        }
    })
}

/// Why a cipher cannot be made or finished; `crypto.js` turns each into Node's error.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum CipherError {
    InvalidKey,
    InvalidIv,
    InvalidTagLength,
    /// Decrypting, the last block's padding is not PKCS #7.
    BadDecrypt,
    /// Without padding, the data is not a whole number of blocks.
    WrongFinalBlockLength,
    /// GCM: the tag does not match, or was never set.
    Authenticate,
}

impl CipherError {
    fn code(&self) -> &'static str {
        match self {
            CipherError::InvalidKey => "key",
            CipherError::InvalidIv => "iv",
            CipherError::InvalidTagLength => "tag",
            CipherError::BadDecrypt => "bad-decrypt",
            CipherError::WrongFinalBlockLength => "final-block",
            CipherError::Authenticate => "authenticate",
        }
    }
}

/// GCM's running state (NIST SP 800-38D).
struct Gcm {
    ghash: GHash,
    /// E(K, J0), which masks the tag.
    tag_mask: [u8; 16],
    /// Ciphertext not yet a whole block for GHASH.
    pending: Vec<u8>,
    aad_length: u64,
    text_length: u64,
    /// The data has begun: no more AAD.
    started: bool,
    tag_length: usize,
    /// Decrypting: the tag to check, set by `setAuthTag`.
    expected: Option<Vec<u8>>,
    /// Encrypting: the tag, once final.
    tag: Option<Vec<u8>>,
}

/// A cipher that streams, as `Cipheriv`/`Decipheriv` run it.
pub(crate) struct Cipher {
    aes: Aes,
    mode: Mode,
    decrypt: bool,
    padding: bool,
    /// CBC: the previous ciphertext block; CTR and GCM: the counter block.
    chain: [u8; 16],
    /// CBC and ECB: input not yet a whole block (decrypting with padding, up to a whole block
    /// is held back for the final). CTR and GCM: unused.
    held: Vec<u8>,
    /// CTR and GCM: the keystream block and how much of it is used.
    keystream: [u8; 16],
    used: usize,
    gcm: Option<Box<Gcm>>,
}

impl Cipher {
    pub(crate) fn new(
        mode: Mode,
        key_length: usize,
        key: &[u8],
        iv: Option<&[u8]>,
        decrypt: bool,
        tag_length: Option<usize>,
    ) -> Result<Cipher, CipherError> {
        if key.len() != key_length {
            return Err(CipherError::InvalidKey);
        }
        let aes = Aes::new(key).ok_or(CipherError::InvalidKey)?;
        let mut chain = [0u8; 16];
        let mut gcm = None;
        match (mode, iv) {
            (Mode::Ecb, None) => {}
            (Mode::Ecb, Some([])) => {}
            (Mode::Cbc | Mode::Ctr, Some(iv)) if iv.len() == 16 => chain.copy_from_slice(iv),
            (Mode::Gcm, Some(iv)) if !iv.is_empty() => {
                let tag_length = tag_length.unwrap_or(16);
                if !matches!(tag_length, 4 | 8 | 12..=16) {
                    return Err(CipherError::InvalidTagLength);
                }
                let mut h = [0u8; 16];
                aes.encrypt(&mut h);
                let ghash = GHash::new(&ghash::Key::from(h));
                // J0: the IV and a counter of 1 for a 96-bit IV, else GHASH(IV || lengths).
                let j0: [u8; 16] = if iv.len() == 12 {
                    let mut j0 = [0u8; 16];
                    j0[..12].copy_from_slice(iv);
                    j0[15] = 1;
                    j0
                } else {
                    let mut hash = ghash.clone();
                    hash.update_padded(iv);
                    let mut lengths = [0u8; 16];
                    lengths[8..].copy_from_slice(&((iv.len() as u64) * 8).to_be_bytes());
                    hash.update_padded(&lengths);
                    hash.finalize().into()
                };
                let mut tag_mask = j0;
                aes.encrypt(&mut tag_mask);
                chain = j0;
                increment32(&mut chain);
                gcm = Some(Box::new(Gcm {
                    ghash,
                    tag_mask,
                    pending: Vec::new(),
                    aad_length: 0,
                    text_length: 0,
                    started: false,
                    tag_length,
                    expected: None,
                    tag: None,
                }));
            }
            _ => return Err(CipherError::InvalidIv),
        }
        Ok(Cipher { aes, mode, decrypt, padding: true, chain, held: Vec::new(), keystream: [0; 16], used: 16, gcm })
    }

    pub(crate) fn set_padding(&mut self, padding: bool) {
        self.padding = padding;
    }

    /// GCM: authenticated data, before the first `update`; false for another mode or after.
    pub(crate) fn set_aad(&mut self, aad: &[u8]) -> bool {
        let Some(gcm) = self.gcm.as_mut() else { return false };
        if gcm.started {
            return false;
        }
        gcm.ghash.update_padded(aad);
        gcm.aad_length += aad.len() as u64;
        gcm.started = true;
        true
    }

    /// GCM, decrypting: the tag to check at the final.
    pub(crate) fn set_auth_tag(&mut self, tag: &[u8]) -> bool {
        let decrypt = self.decrypt;
        let Some(gcm) = self.gcm.as_mut() else { return false };
        if !decrypt || !matches!(tag.len(), 4 | 8 | 12..=16) || gcm.expected.is_some() {
            return false;
        }
        gcm.expected = Some(tag.to_vec());
        true
    }

    /// GCM, encrypting, after the final: the tag.
    pub(crate) fn auth_tag(&self) -> Option<&[u8]> {
        self.gcm.as_ref()?.tag.as_deref()
    }

    fn next_keystream(&mut self) {
        self.keystream = self.chain;
        self.aes.encrypt(&mut self.keystream);
        if self.mode == Mode::Gcm {
            increment32(&mut self.chain);
        } else {
            self.chain = (u128::from_be_bytes(self.chain).wrapping_add(1)).to_be_bytes();
        }
        self.used = 0;
    }

    fn xor_stream(&mut self, data: &[u8], out: &mut Vec<u8>) {
        for byte in data {
            if self.used == 16 {
                self.next_keystream();
            }
            out.push(byte ^ self.keystream[self.used]);
            self.used += 1;
        }
    }

    fn block(&mut self, block: &mut [u8; 16]) {
        match (self.mode, self.decrypt) {
            (Mode::Ecb, false) => self.aes.encrypt(block),
            (Mode::Ecb, true) => self.aes.decrypt(block),
            (_, false) => {
                for (byte, chain) in block.iter_mut().zip(self.chain) {
                    *byte ^= chain;
                }
                self.aes.encrypt(block);
                self.chain = *block;
            }
            (_, true) => {
                let ciphertext = *block;
                self.aes.decrypt(block);
                for (byte, chain) in block.iter_mut().zip(self.chain) {
                    *byte ^= chain;
                }
                self.chain = ciphertext;
            }
        }
    }

    /// The output for `data`: as long for CTR and GCM, whole blocks for CBC and ECB.
    pub(crate) fn update(&mut self, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(data.len() + 16);
        match self.mode {
            Mode::Ctr => self.xor_stream(data, &mut out),
            Mode::Gcm => {
                if let Some(gcm) = self.gcm.as_mut() {
                    gcm.started = true;
                    gcm.text_length += data.len() as u64;
                }
                self.xor_stream(data, &mut out);
                let ciphertext = if self.decrypt { data } else { &out[..] };
                if let Some(gcm) = self.gcm.as_mut() {
                    gcm.pending.extend_from_slice(ciphertext);
                    let whole = gcm.pending.len() / 16 * 16;
                    let blocks: Vec<ghash::Block> = gcm.pending[..whole]
                        .chunks_exact(16)
                        .map(|chunk| ghash::Block::try_from(chunk).expect("16 bytes"))
                        .collect();
                    gcm.ghash.update(&blocks);
                    gcm.pending.drain(..whole);
                }
            }
            Mode::Ecb | Mode::Cbc => {
                self.held.extend_from_slice(data);
                // Decrypting with padding, the last whole block waits for the final.
                let keep = if self.decrypt && self.padding && self.held.len().is_multiple_of(16) { 16 } else { 0 };
                let whole = (self.held.len() / 16 * 16).saturating_sub(keep);
                let held = std::mem::take(&mut self.held);
                for chunk in held[..whole].chunks_exact(16) {
                    let mut block: [u8; 16] = chunk.try_into().expect("16 bytes");
                    self.block(&mut block);
                    out.extend_from_slice(&block);
                }
                self.held = held[whole..].to_vec();
            }
        }
        out
    }

    /// The last output: the padded last block, or (GCM) nothing, with the tag made or checked.
    pub(crate) fn finalize(&mut self) -> Result<Vec<u8>, CipherError> {
        match self.mode {
            Mode::Ctr => Ok(Vec::new()),
            Mode::Gcm => {
                let decrypt = self.decrypt;
                let gcm = self.gcm.as_mut().expect("a GCM cipher has its state");
                if !gcm.pending.is_empty() {
                    let pending = std::mem::take(&mut gcm.pending);
                    gcm.ghash.update_padded(&pending);
                }
                let mut lengths = [0u8; 16];
                lengths[..8].copy_from_slice(&(gcm.aad_length * 8).to_be_bytes());
                lengths[8..].copy_from_slice(&(gcm.text_length * 8).to_be_bytes());
                gcm.ghash.update_padded(&lengths);
                let mut tag: [u8; 16] = gcm.ghash.clone().finalize().into();
                for (byte, mask) in tag.iter_mut().zip(gcm.tag_mask) {
                    *byte ^= mask;
                }
                if decrypt {
                    let Some(expected) = gcm.expected.as_ref() else { return Err(CipherError::Authenticate) };
                    let difference =
                        expected.iter().zip(&tag).fold(0u8, |difference, (left, right)| difference | (left ^ right));
                    if difference != 0 {
                        return Err(CipherError::Authenticate);
                    }
                } else {
                    gcm.tag = Some(tag[..gcm.tag_length].to_vec());
                }
                Ok(Vec::new())
            }
            Mode::Ecb | Mode::Cbc => {
                let held = std::mem::take(&mut self.held);
                if !self.padding {
                    if !held.is_empty() {
                        return Err(CipherError::WrongFinalBlockLength);
                    }
                    return Ok(Vec::new());
                }
                if self.decrypt {
                    let Ok(mut block) = <[u8; 16]>::try_from(held.as_slice()) else {
                        return Err(CipherError::WrongFinalBlockLength);
                    };
                    self.block(&mut block);
                    let pad = usize::from(block[15]);
                    if pad == 0 || pad > 16 || block[16 - pad..].iter().any(|&byte| usize::from(byte) != pad) {
                        return Err(CipherError::BadDecrypt);
                    }
                    Ok(block[..16 - pad].to_vec())
                } else {
                    let pad = 16 - held.len();
                    let mut block = [pad as u8; 16];
                    block[..held.len()].copy_from_slice(&held);
                    self.block(&mut block);
                    Ok(block.to_vec())
                }
            }
        }
    }
}

/// Adds one to the last 32 bits of a GCM counter block, wrapping within them.
fn increment32(block: &mut [u8; 16]) {
    let counter = u32::from_be_bytes(block[12..].try_into().expect("4 bytes")).wrapping_add(1);
    block[12..].copy_from_slice(&counter.to_be_bytes());
}

// ---- Key derivation --------------------------------------------------------------------

/// How many rounds run between two looks at the stop flag.
const ROUNDS_PER_CHECK: u32 = 1024;

/// PBKDF2 (RFC 8018) with HMAC over `hasher`, filling `out`; false when `stopped` said so.
pub(crate) fn pbkdf2(
    hasher: &Hasher,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    out: &mut [u8],
    stopped: &dyn Fn() -> bool,
) -> bool {
    let keyed = Hmac::new(hasher.clone(), password);
    for (index, block) in out.chunks_mut(hasher.clone().finalize().len()).enumerate() {
        let mut mac = keyed.clone();
        mac.update(salt);
        mac.update(&(index as u32 + 1).to_be_bytes());
        let mut u = mac.finalize();
        let mut t = u.clone();
        for round in 1..iterations {
            if round % ROUNDS_PER_CHECK == 0 && stopped() {
                return false;
            }
            let mut mac = keyed.clone();
            mac.update(&u);
            u = mac.finalize();
            for (t, u) in t.iter_mut().zip(&u) {
                *t ^= u;
            }
        }
        block.copy_from_slice(&t[..block.len()]);
    }
    true
}

/// HKDF (RFC 5869) over `hasher`, filling `out`; false when `out` is longer than 255 digests.
pub(crate) fn hkdf(hasher: &Hasher, key: &[u8], salt: &[u8], info: &[u8], out: &mut [u8]) -> bool {
    let size = hasher.clone().finalize().len();
    if out.len() > 255 * size {
        return false;
    }
    let salt = if salt.is_empty() { vec![0u8; size] } else { salt.to_vec() };
    let mut extract = Hmac::new(hasher.clone(), &salt);
    extract.update(key);
    let prk = extract.finalize();
    let keyed = Hmac::new(hasher.clone(), &prk);
    let mut previous = Vec::new();
    for (index, block) in out.chunks_mut(size).enumerate() {
        let mut mac = keyed.clone();
        mac.update(&previous);
        mac.update(info);
        mac.update(&[index as u8 + 1]);
        previous = mac.finalize();
        block.copy_from_slice(&previous[..block.len()]);
    }
    true
}

/// Salsa20/8's core (RFC 7914 section 3) on one 64-byte block.
fn salsa20_8(block: &mut [u32; 16]) {
    let input = *block;
    let x = block;
    for _ in 0..4 {
        macro_rules! quarter {
            ($a:expr, $b:expr, $c:expr, $d:expr) => {
                x[$b] ^= x[$a].wrapping_add(x[$d]).rotate_left(7);
                x[$c] ^= x[$b].wrapping_add(x[$a]).rotate_left(9);
                x[$d] ^= x[$c].wrapping_add(x[$b]).rotate_left(13);
                x[$a] ^= x[$d].wrapping_add(x[$c]).rotate_left(18);
            };
        }
        quarter!(0, 4, 8, 12);
        quarter!(5, 9, 13, 1);
        quarter!(10, 14, 2, 6);
        quarter!(15, 3, 7, 11);
        quarter!(0, 1, 2, 3);
        quarter!(5, 6, 7, 4);
        quarter!(10, 11, 8, 9);
        quarter!(15, 12, 13, 14);
    }
    for (word, input) in x.iter_mut().zip(input) {
        *word = word.wrapping_add(input);
    }
}

/// scryptBlockMix (RFC 7914 section 4) of `b` (2r blocks of 16 words) into `out`.
fn block_mix(b: &[u32], out: &mut [u32], r: usize) {
    let mut x: [u32; 16] = b[(2 * r - 1) * 16..].try_into().expect("a block");
    for (index, chunk) in b.chunks_exact(16).enumerate() {
        for (x, word) in x.iter_mut().zip(chunk) {
            *x ^= word;
        }
        salsa20_8(&mut x);
        // Y_i goes to B'_(i/2) for even i, B'_(r + i/2) for odd i.
        let to = if index % 2 == 0 { index / 2 } else { r + index / 2 };
        out[to * 16..to * 16 + 16].copy_from_slice(&x);
    }
}

/// scrypt (RFC 7914) with cost `n` (a power of two), block size `r` and parallelism `p`,
/// filling `out`; false when `stopped` said so. Memory: 128 * r * (n + p + 2) bytes, which
/// the caller has bounded (Node's `maxmem`).
pub(crate) fn scrypt(
    password: &[u8],
    salt: &[u8],
    n: usize,
    r: usize,
    p: usize,
    out: &mut [u8],
    stopped: &dyn Fn() -> bool,
) -> bool {
    let sha256 = Hasher::Sha256(Default::default());
    let mut b = vec![0u8; p * 128 * r];
    if !pbkdf2(&sha256, password, salt, 1, &mut b, stopped) {
        return false;
    }
    let words = 32 * r;
    let mut v = vec![0u32; n * words];
    let mut x = vec![0u32; words];
    let mut y = vec![0u32; words];
    let mut steps: u32 = 0;
    for lane in b.chunks_exact_mut(128 * r) {
        for (word, bytes) in x.iter_mut().zip(lane.chunks_exact(4)) {
            *word = u32::from_le_bytes(bytes.try_into().expect("4 bytes"));
        }
        for index in 0..n {
            v[index * words..(index + 1) * words].copy_from_slice(&x);
            block_mix(&x, &mut y, r);
            std::mem::swap(&mut x, &mut y);
            steps = steps.wrapping_add(1);
            if steps.is_multiple_of(ROUNDS_PER_CHECK) && stopped() {
                return false;
            }
        }
        for _ in 0..n {
            let j = (x[(2 * r - 1) * 16] as usize) & (n - 1);
            for (x, v) in x.iter_mut().zip(&v[j * words..(j + 1) * words]) {
                *x ^= v;
            }
            block_mix(&x, &mut y, r);
            std::mem::swap(&mut x, &mut y);
            steps = steps.wrapping_add(1);
            if steps.is_multiple_of(ROUNDS_PER_CHECK) && stopped() {
                return false;
            }
        }
        for (word, bytes) in x.iter().zip(lane.chunks_exact_mut(4)) {
            bytes.copy_from_slice(&word.to_le_bytes());
        }
    }
    pbkdf2(&sha256, password, &b, 1, out, stopped)
}

// ---- The run's table -------------------------------------------------------------------

enum Context {
    Hash(Box<Hasher>),
    Hmac(Box<Hmac>),
    Cipher(Box<Cipher>),
}

/// The live hashes, HMACs and ciphers of one run, by id.
#[derive(Default)]
struct Contexts {
    next: u32,
    live: HashMap<u32, Context>,
}

/// The run's table, made on first use (it holds no V8 handles, so it goes with the isolate).
fn contexts(scope: &mut v8::PinScope<'_, '_>) -> Rc<RefCell<Contexts>> {
    if let Some(table) = scope.get_slot::<Rc<RefCell<Contexts>>>() {
        return Rc::clone(table);
    }
    let table = Rc::new(RefCell::new(Contexts::default()));
    scope.set_slot(Rc::clone(&table));
    table
}

fn insert(scope: &mut v8::PinScope<'_, '_>, context: Context) -> u32 {
    let table = contexts(scope);
    let mut table = table.borrow_mut();
    table.next = table.next.wrapping_add(1);
    let id = table.next;
    table.live.insert(id, context);
    id
}

fn bug(scope: &mut v8::PinScope<'_, '_>, function: &str) {
    throw_error(scope, "TypeError", &format!("{function}: unexpected arguments"));
}

fn set_bytes(scope: &mut v8::PinScope<'_, '_>, return_value: &mut Return<'_>, bytes: &[u8]) {
    if let Some(array) = new_bytes(scope, bytes) {
        return_value.set(array.into());
    }
}

/// `nodeHashCreate(algorithm, key)` -> id, or -1 for a hash it does not know. With `key` (a
/// view), an HMAC.
pub(crate) fn hash_create(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Some(name) = string(scope, args.get(0)) else { return bug(scope, "nodeHashCreate") };
    let Some(hasher) = Hasher::from_name(&name) else { return return_value.set_int32(-1) };
    let context = if args.get(1).is_undefined() {
        Context::Hash(Box::new(hasher))
    } else {
        // SAFETY: the view is on the stack for this call and no JavaScript runs while the
        // slice exists.
        let Some(key) = (unsafe { input(args.get(1)) }) else { return bug(scope, "nodeHashCreate") };
        Context::Hmac(Box::new(Hmac::new(hasher, key)))
    };
    let id = insert(scope, context);
    return_value.set_uint32(id);
}

/// `nodeHashUpdate(id, data)`.
pub(crate) fn hash_update(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    // SAFETY: as in `hash_create`.
    let Some(data) = (unsafe { input(args.get(1)) }) else { return bug(scope, "nodeHashUpdate") };
    let table = contexts(scope);
    match table.borrow_mut().live.get_mut(&id) {
        Some(Context::Hash(hasher)) => hasher.update(data),
        Some(Context::Hmac(hmac)) => hmac.update(data),
        _ => {}
    }
}

/// `nodeHashDigest(id)` -> the digest (a Uint8Array); the hash is gone after.
pub(crate) fn hash_digest(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let context = contexts(scope).borrow_mut().live.remove(&id);
    let digest = match context {
        Some(Context::Hash(hasher)) => hasher.finalize(),
        Some(Context::Hmac(hmac)) => hmac.finalize(),
        _ => return bug(scope, "nodeHashDigest"),
    };
    set_bytes(scope, &mut return_value, &digest);
}

/// `nodeHashCopy(id)` -> the id of a copy of the hash's state.
pub(crate) fn hash_copy(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let copy = match contexts(scope).borrow().live.get(&id) {
        Some(Context::Hash(hasher)) => Some(Context::Hash(hasher.clone())),
        _ => None,
    };
    let Some(copy) = copy else { return bug(scope, "nodeHashCopy") };
    let id = insert(scope, copy);
    return_value.set_uint32(id);
}

/// `nodeCipherCreate(name, key, iv, decrypt, tagLength)` -> id, or a string: `unknown` (no
/// such cipher), `key`, `iv` or `tag` (that argument is not valid for it). `iv` may be null
/// (ECB), `tagLength` undefined (16).
pub(crate) fn cipher_create(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Some(name) = string(scope, args.get(0)) else { return bug(scope, "nodeCipherCreate") };
    let decrypt = args.get(3).boolean_value(scope);
    let tag_length =
        if args.get(4).is_undefined() { None } else { Some(args.get(4).uint32_value(scope).unwrap_or(0) as usize) };
    let Some((mode, key_length)) = cipher_by_name(&name) else {
        let text = v8::String::new(scope, "unknown").expect("a short string");
        return return_value.set(text.into());
    };
    // SAFETY: as in `hash_create`.
    let (key, iv) = unsafe { (input(args.get(1)), if args.get(2).is_null() { None } else { input(args.get(2)) }) };
    let Some(key) = key else { return bug(scope, "nodeCipherCreate") };
    match Cipher::new(mode, key_length, key, iv, decrypt, tag_length) {
        Ok(cipher) => {
            let id = insert(scope, Context::Cipher(Box::new(cipher)));
            return_value.set_uint32(id);
        }
        Err(error) => {
            let text = v8::String::new(scope, error.code()).expect("a short string");
            return_value.set(text.into());
        }
    }
}

/// Runs `f` on the live cipher `id`.
fn with_cipher<T>(scope: &mut v8::PinScope<'_, '_>, id: u32, f: impl FnOnce(&mut Cipher) -> T) -> Option<T> {
    let table = contexts(scope);
    let mut table = table.borrow_mut();
    match table.live.get_mut(&id) {
        Some(Context::Cipher(cipher)) => Some(f(cipher)),
        _ => None,
    }
}

/// `nodeCipherUpdate(id, data)` -> the output (a Uint8Array).
pub(crate) fn cipher_update(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    // SAFETY: as in `hash_create`.
    let Some(data) = (unsafe { input(args.get(1)) }) else { return bug(scope, "nodeCipherUpdate") };
    let Some(out) = with_cipher(scope, id, |cipher| cipher.update(data)) else {
        return bug(scope, "nodeCipherUpdate");
    };
    set_bytes(scope, &mut return_value, &out);
}

/// `nodeCipherFinal(id)` -> the last output (a Uint8Array), or a string naming why it failed
/// (`bad-decrypt`, `final-block`, `authenticate`). The cipher stays for `getAuthTag`; it is
/// freed by `nodeCipherFree`.
pub(crate) fn cipher_final(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    match with_cipher(scope, id, Cipher::finalize) {
        Some(Ok(out)) => set_bytes(scope, &mut return_value, &out),
        Some(Err(error)) => {
            let text = v8::String::new(scope, error.code()).expect("a short string");
            return_value.set(text.into());
        }
        None => bug(scope, "nodeCipherFinal"),
    }
}

/// `nodeCipherFree(id)`.
pub(crate) fn cipher_free(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    contexts(scope).borrow_mut().live.remove(&id);
}

/// `nodeCipherSet(id, what, value)` -> whether it was taken: `what` is `padding` (a boolean),
/// `aad` or `tag` (views).
pub(crate) fn cipher_set(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let what = string(scope, args.get(1)).unwrap_or_default();
    let padding = args.get(2).boolean_value(scope);
    // SAFETY: as in `hash_create`.
    let value = unsafe { input(args.get(2)) };
    let taken = with_cipher(scope, id, |cipher| match (what.as_str(), value) {
        ("padding", _) => {
            cipher.set_padding(padding);
            true
        }
        ("aad", Some(aad)) => cipher.set_aad(aad),
        ("tag", Some(tag)) => cipher.set_auth_tag(tag),
        _ => false,
    });
    return_value.set_bool(taken.unwrap_or(false));
}

/// `nodeCipherAuthTag(id)` -> the tag of a GCM encryption after its final, or undefined.
pub(crate) fn cipher_auth_tag(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    if let Some(Some(tag)) = with_cipher(scope, id, |cipher| cipher.auth_tag().map(<[u8]>::to_vec)) {
        set_bytes(scope, &mut return_value, &tag);
    }
}

/// `nodeDerive(kind, hash, password, salt, info, cost, out)` -> false when the run was stopped
/// (or, for HKDF, `out` is too long). `kind` is `pbkdf2` (cost: [iterations]), `hkdf` (salt,
/// info) or `scrypt` (hash unused; cost: [N, r, p]). -1 for a hash it does not know.
pub(crate) fn derive(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let kind = string(scope, args.get(0)).unwrap_or_default();
    let hasher = string(scope, args.get(1)).and_then(|name| Hasher::from_name(&name));
    let cost: Vec<u32> = match v8::Local::<v8::Array>::try_from(args.get(5)) {
        Ok(array) => (0..array.length())
            .map(|index| array.get_index(scope, index).and_then(|value| value.uint32_value(scope)).unwrap_or(0))
            .collect(),
        Err(_) => Vec::new(),
    };
    let control = std::sync::Arc::clone(state(scope).budget.control());
    let stopped = || control.stopped().is_some();
    // SAFETY: the views are on the stack for this call, no JavaScript runs while the slices
    // exist, and `out` is a new array of the runtime's.
    let (password, salt, info, out) =
        unsafe { (input(args.get(2)), input(args.get(3)), input(args.get(4)), output(args.get(6))) };
    let (Some(password), Some(salt), Some(out)) = (password, salt, out) else { return bug(scope, "nodeDerive") };
    let done = match (kind.as_str(), &hasher, cost.as_slice()) {
        ("pbkdf2", Some(hasher), [iterations]) => pbkdf2(hasher, password, salt, *iterations, out, &stopped),
        ("hkdf", Some(hasher), _) => hkdf(hasher, password, salt, info.unwrap_or_default(), out),
        ("scrypt", _, [n, r, p]) if n.is_power_of_two() && *n > 1 && *r > 0 && *p > 0 => {
            scrypt(password, salt, *n as usize, *r as usize, *p as usize, out, &stopped)
        }
        ("pbkdf2" | "hkdf", None, _) => return return_value.set_int32(-1),
        _ => return bug(scope, "nodeDerive"),
    };
    return_value.set_bool(done);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len()).step_by(2).map(|index| u8::from_str_radix(&text[index..index + 2], 16).unwrap()).collect()
    }

    fn digest(name: &str, data: &[u8]) -> String {
        let mut hasher = Hasher::from_name(name).unwrap();
        hasher.update(data);
        hex(&hasher.finalize())
    }

    /// FIPS 180-4 and RFC 1321 answers for "abc".
    #[test]
    fn hashes_know_their_answers() {
        assert_eq!(digest("md5", b"abc"), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(digest("SHA1", b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(digest("sha224", b"abc"), "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
        assert_eq!(digest("RSA-SHA256", b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(
            digest("sha384", b"abc"),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
        );
        assert_eq!(
            digest("sha512", b"abc"),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
        assert_eq!(digest("sha512-256", b"abc"), "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
        assert!(Hasher::from_name("whirlpool").is_none());
    }

    /// RFC 4231 test case 2 and RFC 2202's MD5 case 2, and a key longer than a block (RFC 4231
    /// case 6).
    #[test]
    fn hmacs_know_their_answers() {
        let mac = |name: &str, key: &[u8], data: &[u8]| {
            let mut hmac = Hmac::new(Hasher::from_name(name).unwrap(), key);
            hmac.update(data);
            hex(&hmac.finalize())
        };
        assert_eq!(
            mac("sha256", b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(mac("md5", b"Jefe", b"what do ya want for nothing?"), "750c783e6ab0b503eaa86e310a5db738");
        assert_eq!(
            mac("sha512", &[0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First"),
            "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"
        );
    }

    /// RFC 6070's PBKDF2-HMAC-SHA1 cases, RFC 5869's HKDF case 1, RFC 7914's scrypt cases 1-2.
    #[test]
    fn derivations_know_their_answers() {
        let never = || false;
        let sha1 = Hasher::from_name("sha1").unwrap();
        let mut out = [0u8; 20];
        assert!(pbkdf2(&sha1, b"password", b"salt", 4096, &mut out, &never));
        assert_eq!(hex(&out), "4b007901b765489abead49d926f721d065a429c1");

        let sha256 = Hasher::from_name("sha256").unwrap();
        let mut okm = [0u8; 42];
        assert!(hkdf(
            &sha256,
            &[0x0b; 22],
            &unhex("000102030405060708090a0b0c"),
            &unhex("f0f1f2f3f4f5f6f7f8f9"),
            &mut okm
        ));
        assert_eq!(hex(&okm), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
        let mut too_long = vec![0u8; 255 * 32 + 1];
        assert!(!hkdf(&sha256, b"k", b"", b"", &mut too_long));

        let mut out = [0u8; 64];
        assert!(scrypt(b"", b"", 16, 1, 1, &mut out, &never));
        assert_eq!(
            hex(&out),
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"
        );
        assert!(scrypt(b"password", b"NaCl", 1024, 8, 16, &mut out, &never));
        assert_eq!(
            hex(&out),
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
        );
        // A stop ends the work.
        assert!(!scrypt(b"p", b"s", 1 << 14, 8, 1, &mut out, &|| true));
    }

    fn run(
        name: &str,
        key: &str,
        iv: Option<&str>,
        decrypt: bool,
        data: &[u8],
        padding: bool,
    ) -> Result<Vec<u8>, CipherError> {
        let (mode, length) = cipher_by_name(name).unwrap();
        let iv = iv.map(unhex);
        let mut cipher = Cipher::new(mode, length, &unhex(key), iv.as_deref(), decrypt, None)?;
        cipher.set_padding(padding);
        // In two pieces, to see that state carries.
        let middle = data.len() / 3;
        let mut out = cipher.update(&data[..middle]);
        out.extend(cipher.update(&data[middle..]));
        out.extend(cipher.finalize()?);
        Ok(out)
    }

    /// NIST SP 800-38A's F.2.1 (CBC), F.1.1 (ECB) and F.5.1 (CTR) first blocks, PKCS #7 padding
    /// and its errors.
    #[test]
    fn aes_modes_know_their_answers() {
        let key = "2b7e151628aed2a6abf7158809cf4f3c";
        let plain = unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        let cbc = run("aes-128-cbc", key, Some("000102030405060708090a0b0c0d0e0f"), false, &plain, false).unwrap();
        assert_eq!(hex(&cbc), "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2");
        let ecb = run("aes-128-ecb", key, None, false, &plain, false).unwrap();
        assert_eq!(hex(&ecb), "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf");
        let iv = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
        let ctr = run("aes-128-ctr", key, Some(iv), false, &plain, true).unwrap();
        assert_eq!(hex(&ctr), "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff");
        assert_eq!(run("aes-128-ctr", key, Some(iv), true, &ctr, true).unwrap(), plain);

        let iv = Some("000102030405060708090a0b0c0d0e0f");
        let padded = run("aes-128-cbc", key, iv, false, b"hello", true).unwrap();
        assert_eq!(padded.len(), 16);
        assert_eq!(run("aes-128-cbc", key, iv, true, &padded, true).unwrap(), b"hello");
        assert_eq!(run("aes-128-cbc", key, iv, false, b"hello", false), Err(CipherError::WrongFinalBlockLength));
        let mut broken = padded.clone();
        broken[15] ^= 1;
        assert_eq!(run("aes-128-cbc", key, iv, true, &broken, true), Err(CipherError::BadDecrypt));
        assert!(matches!(run("aes-128-cbc", "00", iv, false, b"", true), Err(CipherError::InvalidKey)));
        assert!(matches!(run("aes-128-cbc", key, Some("00"), false, b"", true), Err(CipherError::InvalidIv)));
    }

    /// The GCM spec's test case 4 (a 96-bit IV with AAD) and case 6 (a 60-byte IV), and a tag
    /// that does not match.
    #[test]
    fn aes_gcm_knows_its_answers() {
        let key = unhex("feffe9928665731c6d6a8f9467308308");
        let plain = unhex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
        );
        let aad = unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        let cases = [
            (
                "cafebabefacedbaddecaf888",
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
                "5bc94fbc3221a5db94fae95ae7121a47",
            ),
            (
                "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b",
                "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca701e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5",
                "619cc5aefffe0bfa462af43c1699d050",
            ),
        ];
        for (iv, ciphertext, tag) in cases {
            let mut cipher = Cipher::new(Mode::Gcm, 16, &key, Some(&unhex(iv)), false, None).unwrap();
            assert!(cipher.set_aad(&aad));
            let mut out = cipher.update(&plain[..7]);
            out.extend(cipher.update(&plain[7..]));
            out.extend(cipher.finalize().unwrap());
            assert_eq!(hex(&out), ciphertext);
            assert_eq!(hex(cipher.auth_tag().unwrap()), tag);

            let mut decipher = Cipher::new(Mode::Gcm, 16, &key, Some(&unhex(iv)), true, None).unwrap();
            assert!(decipher.set_aad(&aad));
            assert!(decipher.set_auth_tag(&unhex(tag)));
            assert_eq!(decipher.update(&out), plain);
            assert_eq!(decipher.finalize(), Ok(Vec::new()));

            let mut wrong = Cipher::new(Mode::Gcm, 16, &key, Some(&unhex(iv)), true, None).unwrap();
            assert!(wrong.set_aad(b"other"));
            assert!(wrong.set_auth_tag(&unhex(tag)));
            wrong.update(&out);
            assert_eq!(wrong.finalize(), Err(CipherError::Authenticate));
        }
    }
}
