// node:crypto, as workerd has it with `nodejs_compat`: hashes (createHash, hash), HMACs,
// random bytes and integers, PBKDF2, HKDF, scrypt, AES ciphers (CBC, CTR, ECB, GCM),
// secret keys, public and private keys (reading, writing, new pairs), signatures,
// timingSafeEqual and the Web Crypto API (`webcrypto`, `subtle`). workerd's
// messages where they differ from Node's. The cryptography is the host's (`crypto.rs`, the
// RustCrypto crates); hashes and ciphers live there by id until their digest or final.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, ArrayBufferPrototypeGetByteLength, BigInt, NumberParseInt, StringPrototypeIndexOf,
    StringPrototypeSlice, StringPrototypeToLowerCase, DataViewPrototypeGetBuffer, DataViewPrototypeGetByteLength,
    DataViewPrototypeGetByteOffset, Error, NumberIsInteger, NumberIsSafeInteger, ObjectDefineProperty, ObjectFreeze,
    RangeError, ReflectApply, SymbolToStringTag, TypeError, TypedArrayPrototypeGetBuffer,
    TypedArrayPrototypeGetByteLength, TypedArrayPrototypeGetByteOffset, TypedArrayPrototypeGetSymbolToStringTag,
    TypedArrayPrototypeSet, TypedArrayPrototypeSlice, TypedArrayPrototypeSubarray, Uint8Array, WeakMap, WeakMapPrototypeGet: WeakMapGet,
    WeakMapPrototypeSet: WeakMapSet,
  } = primordials;
  const hashCreate = host.nodeHashCreate;
  const hashUpdate = host.nodeHashUpdate;
  const hashDigest = host.nodeHashDigest;
  const hashCopy = host.nodeHashCopy;
  const cipherCreate = host.nodeCipherCreate;
  const cipherUpdate = host.nodeCipherUpdate;
  const cipherFinal = host.nodeCipherFinal;
  const cipherFree = host.nodeCipherFree;
  const cipherSet = host.nodeCipherSet;
  const cipherAuthTag = host.nodeCipherAuthTag;
  const derive = host.nodeDerive;
  const keyRead = host.nodeKeyRead;
  const keyWrite = host.nodeKeyWrite;
  const keyGenerate = host.nodeKeyGenerate;
  const signHost = host.nodeSign;
  const verifyHost = host.nodeVerify;
  const isSharedArrayBuffer = host.isSharedArrayBuffer;
  const webcrypto = internals.crypto;
  const queueMicrotask = internals.queueMicrotask;
  const { getRandomValues: webGetRandomValues, randomUUID: webRandomUUID } = webcrypto;

  // Taken on first use: `buffer` and the errors load only when something here is called.
  let bufferModule = null;
  function Buffer() {
    if (bufferModule === null) bufferModule = internals.nodeModule('buffer');
    return bufferModule.Buffer;
  }
  let errorCodes = null;
  function codes() {
    if (errorCodes === null) errorCodes = internals.nodeModule('internal/errors').codes;
    return errorCodes;
  }

  // ---- Bytes in and out -----------------------------------------------------------------

  function isArrayBuffer(value) {
    try {
      ArrayBufferPrototypeGetByteLength(value);
      return true;
    } catch {
      return isSharedArrayBuffer(value);
    }
  }

  // A view's bytes as a Uint8Array over the same memory.
  function viewBytes(view) {
    if (TypedArrayPrototypeGetSymbolToStringTag(view) === undefined) {
      return new Uint8Array(DataViewPrototypeGetBuffer(view), DataViewPrototypeGetByteOffset(view),
        DataViewPrototypeGetByteLength(view));
    }
    return new Uint8Array(TypedArrayPrototypeGetBuffer(view), TypedArrayPrototypeGetByteOffset(view),
      TypedArrayPrototypeGetByteLength(view));
  }

  const DATA_TYPES = ['string', 'Buffer', 'TypedArray', 'DataView'];
  const BINARY_TYPES = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];

  // `data` (a string in `encoding`, a view, or with `arrayBuffers` an ArrayBuffer) as bytes.
  function bytesOf(data, name, encoding = 'utf8', arrayBuffers = false, types = DATA_TYPES) {
    if (typeof data === 'string') {
      const bytes = Buffer().from(data, encoding === 'buffer' ? 'utf8' : encoding);
      return viewBytes(bytes);
    }
    if (ArrayBufferIsView(data)) return viewBytes(data);
    if (arrayBuffers && isArrayBuffer(data)) return new Uint8Array(data);
    throw new (codes().ERR_INVALID_ARG_TYPE)(name, types, data);
  }

  // Bytes the host made, as Node returns them: a Buffer, or a string in `encoding`.
  function encoded(bytes, encoding) {
    const buffer = Buffer().from(TypedArrayPrototypeGetBuffer(bytes), TypedArrayPrototypeGetByteOffset(bytes),
      TypedArrayPrototypeGetByteLength(bytes));
    if (encoding === undefined || encoding === 'buffer') return buffer;
    return buffer.toString(encoding);
  }

  function validateString(value, name) {
    if (typeof value !== 'string') throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'string', value);
  }

  function validateFunction(value, name) {
    if (typeof value !== 'function') throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'function', value);
  }

  function validateInt32(value, name, min, max) {
    if (typeof value !== 'number') throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'number', value);
    if (!NumberIsInteger(value)) throw new (codes().ERR_OUT_OF_RANGE)(name, 'an integer', value);
    if (value < min || value > max) throw new (codes().ERR_OUT_OF_RANGE)(name, `>= ${min} && <= ${max}`, value);
  }

  // Calls `callback(error, value)` after the current job, as Node's thread pool would.
  function later(callback, work) {
    let error = null;
    let value;
    try {
      value = work();
    } catch (thrown) {
      error = thrown;
    }
    queueMicrotask(() => {
      if (error !== null) ReflectApply(callback, undefined, [error]);
      else ReflectApply(callback, undefined, [null, value]);
    });
  }

  function hashFinalized() {
    return new (codes().ERR_CRYPTO_HASH_FINALIZED)();
  }

  // ---- Keys -----------------------------------------------------------------------------

  const keyMaterial = new WeakMap();

  class KeyObject {
    #type;
    constructor(type, material) {
      if (type !== 'secret' && type !== 'public' && type !== 'private') {
        throw new (codes().ERR_INVALID_ARG_VALUE)('type', type);
      }
      this.#type = type;
      WeakMapSet(keyMaterial, this, material);
    }

    get type() { return this.#type; }

    get asymmetricKeyType() { return undefined; }

    get symmetricKeySize() {
      return this.#type === 'secret' ? TypedArrayPrototypeGetByteLength(WeakMapGet(keyMaterial, this)) : undefined;
    }

    export(options = undefined) {
      const material = WeakMapGet(keyMaterial, this);
      if (options !== undefined && options !== null && options.format === 'jwk') {
        return { kty: 'oct', ext: true, k: encoded(material, 'base64url') };
      }
      return encoded(TypedArrayPrototypeSlice(material));
    }

    equals(other) {
      if (!(other instanceof KeyObject)) throw new (codes().ERR_INVALID_ARG_TYPE)('otherKeyObject', 'KeyObject', other);
      if (other.type !== this.#type) return false;
      const mine = WeakMapGet(keyMaterial, this);
      const theirs = WeakMapGet(keyMaterial, other);
      return mine.length === theirs.length && equalBytes(mine, theirs);
    }
  }
  ObjectDefineProperty(KeyObject.prototype, SymbolToStringTag, {
    __proto__: null, value: 'KeyObject', configurable: true,
  });

  class SecretKeyObject extends KeyObject {
    constructor(material) {
      super('secret', material);
    }
  }

  function createSecretKey(key, encoding = undefined) {
    const bytes = bytesOf(key, 'key', encoding, true, BINARY_TYPES);
    return new SecretKeyObject(new Uint8Array(bytes));
  }

  // A secret key argument: bytes, or the bytes of a secret KeyObject.
  function secretBytes(key, name, types) {
    if (key instanceof KeyObject) {
      if (key.type !== 'secret') throw new (codes().ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE)(key.type, 'secret');
      return WeakMapGet(keyMaterial, key);
    }
    return bytesOf(key, name, 'utf8', true, types);
  }

  function equalBytes(left, right) {
    let difference = 0;
    for (let index = 0; index < left.length; index++) difference |= left[index] ^ right[index];
    return difference === 0;
  }

  // ---- Hashes and HMACs -----------------------------------------------------------------

  const HASHES = ObjectFreeze(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'RSA-MD5', 'RSA-SHA1',
    'RSA-SHA224', 'RSA-SHA256', 'RSA-SHA384', 'RSA-SHA512']);

  class HashObject {
    #id;
    #finalized = false;
    constructor(algorithm, options = undefined, copyOf = undefined) {
      if (copyOf !== undefined) {
        this.#id = copyOf;
        return;
      }
      validateString(algorithm, 'algorithm');
      const id = hashCreate(algorithm, undefined);
      if (id === -1) throw new Error('Digest method not supported');
      this.#id = id;
    }

    update(data, inputEncoding = undefined) {
      if (this.#finalized) throw hashFinalized();
      hashUpdate(this.#id, bytesOf(data, 'data', inputEncoding));
      return this;
    }

    digest(outputEncoding = undefined) {
      if (this.#finalized) throw hashFinalized();
      this.#finalized = true;
      return encoded(hashDigest(this.#id), outputEncoding);
    }

    copy(options = undefined) {
      if (this.#finalized) throw hashFinalized();
      return new HashObject(undefined, options, hashCopy(this.#id));
    }
  }

  class HmacObject {
    #id;
    #finalized = false;
    constructor(hmac, key, options = undefined) {
      validateString(hmac, 'hmac');
      const bytes = secretBytes(key, 'key', ['string', 'ArrayBuffer', 'Buffer', 'ArrayBufferView', 'KeyObject',
        'CryptoKey']);
      const id = hashCreate(hmac, bytes);
      if (id === -1) throw new Error('Digest method not supported');
      this.#id = id;
    }

    update(data, inputEncoding = undefined) {
      if (this.#finalized) throw hashFinalized();
      hashUpdate(this.#id, bytesOf(data, 'data', inputEncoding));
      return this;
    }

    // A second digest gives nothing, as in Node.
    digest(outputEncoding = undefined) {
      if (this.#finalized) return encoded(new Uint8Array(0), outputEncoding);
      this.#finalized = true;
      return encoded(hashDigest(this.#id), outputEncoding);
    }
  }

  // Hash and Hmac work with and without `new`, as Node's, and are the prototypes' constructors.
  function Hash(algorithm, options = undefined) {
    return new HashObject(algorithm, options);
  }
  function Hmac(hmac, key, options = undefined) {
    return new HmacObject(hmac, key, options);
  }
  for (const [wrapper, implementation] of [[Hash, HashObject], [Hmac, HmacObject]]) {
    ObjectDefineProperty(wrapper, 'prototype', { __proto__: null, value: implementation.prototype, writable: false });
    ObjectDefineProperty(implementation.prototype, 'constructor', {
      __proto__: null, value: wrapper, writable: true, enumerable: false, configurable: true,
    });
  }

  function createHash(algorithm, options = undefined) {
    return new HashObject(algorithm, options);
  }

  function createHmac(hmac, key, options = undefined) {
    return new HmacObject(hmac, key, options);
  }

  function hash(algorithm, data, outputEncoding = 'hex') {
    validateString(algorithm, 'algorithm');
    if (typeof data !== 'string' && !ArrayBufferIsView(data)) {
      throw new (codes().ERR_INVALID_ARG_TYPE)('data', ['Buffer', 'TypedArray', 'DataView', 'string'], data);
    }
    return new HashObject(algorithm).update(data).digest(outputEncoding);
  }

  // ---- Random ---------------------------------------------------------------------------

  // Fills `bytes` from the runtime's CSPRNG (getRandomValues takes at most 65536 at a time).
  function fillRandom(bytes) {
    for (let offset = 0; offset < bytes.length; offset += 65536) {
      const end = offset + 65536 < bytes.length ? offset + 65536 : bytes.length;
      ReflectApply(webGetRandomValues, webcrypto, [TypedArrayPrototypeSubarray(bytes, offset, end)]);
    }
    return bytes;
  }

  const MAX_SIZE = 2147483647;

  function randomBytes(size, callback = undefined) {
    validateInt32(size, 'size', 0, MAX_SIZE);
    if (callback !== undefined) validateFunction(callback, 'callback');
    const buffer = Buffer().allocUnsafe(size);
    fillRandom(viewBytes(buffer));
    if (callback === undefined) return buffer;
    queueMicrotask(() => { ReflectApply(callback, undefined, [null, buffer]); });
    return undefined;
  }

  // The bytes of `buffer` from `offset`, `size` of them, as randomFill takes them.
  function fillTarget(buffer, offset, size) {
    let bytes;
    let unit = 1;
    if (ArrayBufferIsView(buffer)) {
      bytes = viewBytes(buffer);
      if (TypedArrayPrototypeGetSymbolToStringTag(buffer) !== undefined) unit = buffer.BYTES_PER_ELEMENT;
    } else if (isArrayBuffer(buffer)) {
      bytes = new Uint8Array(buffer);
    } else {
      throw new (codes().ERR_INVALID_ARG_TYPE)('buf', ['ArrayBuffer', 'ArrayBufferView'], buffer);
    }
    const elements = bytes.length / unit;
    validateInt32(offset, 'offset', 0, elements);
    const count = size === undefined ? elements - offset : size;
    validateInt32(count, 'size', 0, elements - offset);
    return TypedArrayPrototypeSubarray(bytes, offset * unit, (offset + count) * unit);
  }

  function randomFillSync(buffer, offset = 0, size = undefined) {
    fillRandom(fillTarget(buffer, offset, size));
    return buffer;
  }

  function randomFill(buffer, offset, size, callback) {
    if (typeof offset === 'function') {
      callback = offset;
      offset = 0;
      size = undefined;
    } else if (typeof size === 'function') {
      callback = size;
      size = undefined;
    }
    validateFunction(callback, 'callback');
    const target = fillTarget(buffer, offset, size);
    fillRandom(target);
    queueMicrotask(() => { ReflectApply(callback, undefined, [null, buffer]); });
  }

  // Node's randomInt: uniform in [min, max) by rejection sampling of 48-bit values.
  const RANDOM_INT_RANGE = 2 ** 48 - 1;
  function randomInt(min, max = undefined, callback = undefined) {
    if (typeof max === 'undefined' || typeof max === 'function') {
      callback = max;
      max = min;
      min = 0;
    }
    if (callback !== undefined) validateFunction(callback, 'callback');
    if (!NumberIsSafeInteger(min)) throw new (codes().ERR_INVALID_ARG_TYPE)('min', 'a safe integer', min);
    if (!NumberIsSafeInteger(max)) throw new (codes().ERR_INVALID_ARG_TYPE)('max', 'a safe integer', max);
    if (max <= min) throw new (codes().ERR_OUT_OF_RANGE)('max', `greater than the value of "min" (${min})`, max);
    const range = max - min;
    if (!(range <= RANDOM_INT_RANGE)) {
      throw new (codes().ERR_OUT_OF_RANGE)(`max${arguments.length === 1 ? '' : ' - min'}`,
        `<= ${RANDOM_INT_RANGE}`, range);
    }
    const limit = RANDOM_INT_RANGE - (RANDOM_INT_RANGE % range);
    const six = new Uint8Array(6);
    let value;
    do {
      fillRandom(six);
      value = ((six[0] * 256 + six[1]) * 256 + six[2]) * 2 ** 24 + ((six[3] * 256 + six[4]) * 256 + six[5]);
    } while (value >= limit);
    const result = min + (value % range);
    if (callback === undefined) return result;
    queueMicrotask(() => { ReflectApply(callback, undefined, [null, result]); });
    return undefined;
  }

  function randomUUID(options = undefined) {
    return ReflectApply(webRandomUUID, webcrypto, []);
  }

  function getRandomValues(array) {
    return ReflectApply(webGetRandomValues, webcrypto, [array]);
  }

  function timingSafeEqual(left, right) {
    const source = (value, index) => {
      if (ArrayBufferIsView(value)) return viewBytes(value);
      if (isArrayBuffer(value)) return new Uint8Array(value);
      throw new TypeError(`Failed to execute 'timingSafeEqual' on 'SubtleCrypto': parameter ${index} is not of type ` +
        "'BufferSource'.");
    };
    const a = source(left, 1);
    const b = source(right, 2);
    if (a.length !== b.length) throw new TypeError('Input buffers must have the same byte length.');
    return equalBytes(a, b);
  }

  // ---- Key derivation -------------------------------------------------------------------

  // Checks pbkdf2's arguments as Node does before any work, and returns the work.
  function pbkdf2Job(password, salt, iterations, keylen, digest) {
    const passwordBytes = bytesOf(password, 'password', 'utf8', true, BINARY_TYPES);
    const saltBytes = bytesOf(salt, 'salt', 'utf8', true, BINARY_TYPES);
    validateInt32(iterations, 'iterations', 1, MAX_SIZE);
    validateInt32(keylen, 'keylen', 0, MAX_SIZE);
    validateString(digest, 'digest');
    // The digest is checked with the work: a callback gets its error, as in workerd.
    return () => {
      const size = digestSize(digest);
      if (size === -1) throw new TypeError(`Invalid Pbkdf2 digest: ${digest}.`);
      if (keylen > 255 * size) throw new RangeError('Invalid Pbkdf2 key length');
      const out = new Uint8Array(keylen);
      derive('pbkdf2', digest, passwordBytes, saltBytes, undefined, [iterations], out);
      return encoded(out);
    };
  }

  // The length of `digest`'s output, or -1 for a hash this runtime does not have.
  function digestSize(digest) {
    const id = hashCreate(digest, undefined);
    if (id === -1) return -1;
    return TypedArrayPrototypeGetByteLength(hashDigest(id));
  }

  function pbkdf2Sync(password, salt, iterations, keylen, digest) {
    return pbkdf2Job(password, salt, iterations, keylen, digest)();
  }

  function pbkdf2(password, salt, iterations, keylen, digest, callback) {
    const job = pbkdf2Job(password, salt, iterations, keylen, digest);
    validateFunction(callback, 'callback');
    later(callback, job);
  }

  function hkdfSync(digest, ikm, salt, info, keylen) {
    validateString(digest, 'digest');
    const key = secretBytes(ikm, 'ikm', BINARY_TYPES);
    const saltBytes = bytesOf(salt, 'salt', 'utf8', true, BINARY_TYPES);
    const infoBytes = bytesOf(info, 'info', 'utf8', true, BINARY_TYPES);
    validateInt32(keylen, 'length', 0, MAX_SIZE);
    if (infoBytes.length > 1024) {
      throw new (codes().ERR_OUT_OF_RANGE)('info', 'must not contain more than 1024 bytes', infoBytes.length);
    }
    const out = new Uint8Array(keylen);
    const done = derive('hkdf', digest, key, saltBytes, infoBytes, [], out);
    if (done === -1) throw new TypeError(`Invalid Hkdf digest: ${digest}`);
    if (done === false) throw new RangeError('Invalid Hkdf key length');
    return TypedArrayPrototypeGetBuffer(out);
  }

  function hkdf(digest, ikm, salt, info, keylen, callback) {
    validateString(digest, 'digest');
    secretBytes(ikm, 'ikm', BINARY_TYPES);
    bytesOf(salt, 'salt', 'utf8', true, BINARY_TYPES);
    bytesOf(info, 'info', 'utf8', true, BINARY_TYPES);
    validateInt32(keylen, 'length', 0, MAX_SIZE);
    validateFunction(callback, 'callback');
    later(callback, () => hkdfSync(digest, ikm, salt, info, keylen));
  }

  const SCRYPT_DEFAULTS = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };
  const SCRYPT_MAX_COST = 1048576;

  function scryptOption(options, name, alias) {
    const value = options[name];
    const other = options[alias];
    if (value !== undefined && other !== undefined) {
      throw new (codes().ERR_INCOMPATIBLE_OPTION_PAIR)(name, alias);
    }
    const chosen = value !== undefined ? value : other;
    if (chosen === undefined) return SCRYPT_DEFAULTS[name];
    validateInt32(chosen, name, 0, 2 ** 32 - 1 > MAX_SIZE ? MAX_SIZE : 2 ** 32 - 1);
    return chosen;
  }

  function scryptSync(password, salt, keylen, options = undefined) {
    const passwordBytes = bytesOf(password, 'password', 'utf8', true, BINARY_TYPES);
    const saltBytes = bytesOf(salt, 'salt', 'utf8', true, BINARY_TYPES);
    validateInt32(keylen, 'keylen', 0, MAX_SIZE);
    const given = options === undefined || options === null ? {} : options;
    const N = scryptOption(given, 'N', 'cost');
    const r = scryptOption(given, 'r', 'blockSize');
    const p = scryptOption(given, 'p', 'parallelization');
    let maxmem = SCRYPT_DEFAULTS.maxmem;
    if (given.maxmem !== undefined) {
      if (typeof given.maxmem !== 'number' || !NumberIsSafeInteger(given.maxmem) || given.maxmem < 0) {
        throw new (codes().ERR_OUT_OF_RANGE)('maxmem', '>= 0 && <= 9007199254740991', given.maxmem);
      }
      maxmem = given.maxmem;
    }
    // N a power of two above 1, r and p at least 1, and p * r below 2^30, as OpenSSL checks.
    if (N < 2 || (N & (N - 1)) !== 0 || r < 1 || p < 1 || p * r > 2 ** 30 - 1) throw new Error('Scrypt failed');
    // workerd refuses more than 2^20 block mixes in all (N * r * p), whatever maxmem allows.
    if (N * r * p > SCRYPT_MAX_COST) throw new RangeError(`Scrypt failed: cost exceeds maximum (${SCRYPT_MAX_COST}).`);
    if (128 * N * r + 128 * r * p > maxmem) throw new Error('Scrypt failed');
    const out = new Uint8Array(keylen);
    derive('scrypt', 'sha256', passwordBytes, saltBytes, undefined, [N, r, p], out);
    return encoded(out);
  }

  function scrypt(password, salt, keylen, options, callback = undefined) {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    validateFunction(callback, 'callback');
    later(callback, () => scryptSync(password, salt, keylen, options));
  }

  // ---- Ciphers --------------------------------------------------------------------------

  const CIPHERS = ObjectFreeze(['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', 'aes-128-ctr', 'aes-192-ctr',
    'aes-256-ctr', 'aes-128-ecb', 'aes-192-ecb', 'aes-256-ecb', 'aes-128-gcm', 'aes-192-gcm', 'aes-256-gcm']);

  const KEY_TYPES = ['string', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'];
  const IV_TYPES = ['string', 'Buffer', 'TypedArray', 'DataView'];

  function cipherError(code, name) {
    switch (code) {
      case 'unknown': return new Error(`Unknown or unsupported cipher: ${name}`);
      case 'key': return new Error('Invalid key length');
      case 'iv': return new Error('Invalid initialization vector');
      case 'tag': return new Error('Invalid authentication tag length');
      default: return new Error('Authentication failed');
    }
  }

  function finalizedError() {
    return new Error('Cipher/decipher context has already been finalized');
  }

  // What Cipheriv and Decipheriv share.
  class CipherBase {
    #id;
    #finalized = false;
    #decrypt;
    #authTag = undefined;
    #tagSet = false;
    constructor(cipher, key, iv, options, decrypt) {
      validateString(cipher, 'algorithm');
      const keyBytes = secretBytes(key, 'key', KEY_TYPES);
      const ivBytes = iv === null ? null : bytesOf(iv, 'iv', 'utf8', false, IV_TYPES);
      const id = cipherCreate(cipher, keyBytes, ivBytes, decrypt, undefined);
      if (typeof id === 'string') throw cipherError(id, cipher);
      this.#id = id;
      this.#decrypt = decrypt;
    }

    update(data, inputEncoding = undefined, outputEncoding = undefined) {
      if (typeof data === 'string' && (inputEncoding === undefined || inputEncoding === 'buffer')) {
        throw new (codes().ERR_INVALID_ARG_VALUE)('inputEncoding', inputEncoding,
          'If inputEncoding is not provided then the data must be a Buffer');
      }
      const bytes = bytesOf(data, 'data', inputEncoding);
      if (this.#finalized) throw finalizedError();
      return encoded(cipherUpdate(this.#id, bytes), outputEncoding);
    }

    final(outputEncoding = undefined) {
      if (this.#finalized) throw finalizedError();
      this.#finalized = true;
      const out = cipherFinal(this.#id);
      if (!this.#decrypt) this.#authTag = cipherAuthTag(this.#id);
      cipherFree(this.#id);
      if (typeof out === 'string') {
        if (out === 'authenticate' && !this.#tagSet) throw new Error('No auth tag provided');
        throw cipherError(out);
      }
      return encoded(out, outputEncoding);
    }

    setAutoPadding(autoPadding = true) {
      if (this.#finalized) throw finalizedError();
      cipherSet(this.#id, 'padding', !!autoPadding);
      return this;
    }

    setAAD(buffer, options = undefined) {
      if (this.#finalized) throw finalizedError();
      if (!cipherSet(this.#id, 'aad', bytesOf(buffer, 'buffer', 'utf8', true, BINARY_TYPES))) {
        throw new Error('Failed to set AAD');
      }
      return this;
    }

    // Decipheriv's setAuthTag and Cipheriv's getAuthTag, through these.
    setTag(buffer, encoding) {
      if (this.#finalized) throw finalizedError();
      const bytes = bytesOf(buffer, 'buffer', encoding, true, BINARY_TYPES);
      if (!cipherSet(this.#id, 'tag', bytes)) throw new Error('Invalid authentication tag length');
      this.#tagSet = true;
      return this;
    }

    getTag() {
      if (this.#authTag === undefined) {
        throw new Error('Auth tag is only available once cipher context has been finalized');
      }
      return encoded(this.#authTag);
    }
  }

  class Cipheriv extends CipherBase {
    constructor(cipher, key, iv, options = undefined) {
      super(cipher, key, iv, options, false);
    }

    getAuthTag() { return this.getTag(); }
  }

  class Decipheriv extends CipherBase {
    constructor(cipher, key, iv, options = undefined) {
      super(cipher, key, iv, options, true);
    }

    setAuthTag(buffer, encoding = undefined) { return this.setTag(buffer, encoding); }
  }

  // OpenSSL's name, nid, block size, IV length and mode of each cipher here.
  const CIPHER_INFO = {
    __proto__: null,
    'aes-128-cbc': ['aes-128-cbc', 419, 16, 16, 16, 'cbc'], 'aes-192-cbc': ['aes-192-cbc', 423, 16, 16, 24, 'cbc'],
    'aes-256-cbc': ['aes-256-cbc', 427, 16, 16, 32, 'cbc'], 'aes-128-ecb': ['aes-128-ecb', 418, 16, 0, 16, 'ecb'],
    'aes-192-ecb': ['aes-192-ecb', 422, 16, 0, 24, 'ecb'], 'aes-256-ecb': ['aes-256-ecb', 426, 16, 0, 32, 'ecb'],
    'aes-128-ctr': ['aes-128-ctr', 904, 1, 16, 16, 'ctr'], 'aes-192-ctr': ['aes-192-ctr', 905, 1, 16, 24, 'ctr'],
    'aes-256-ctr': ['aes-256-ctr', 906, 1, 16, 32, 'ctr'], 'aes-128-gcm': ['id-aes128-GCM', 895, 1, 12, 16, 'gcm'],
    'aes-192-gcm': ['id-aes192-GCM', 898, 1, 12, 24, 'gcm'], 'aes-256-gcm': ['id-aes256-GCM', 901, 1, 12, 32, 'gcm'],
  };

  function getCipherInfo(nameOrNid, options = undefined) {
    let info;
    if (typeof nameOrNid === 'number') {
      for (let index = 0; index < CIPHERS.length; index++) {
        if (CIPHER_INFO[CIPHERS[index]][1] === nameOrNid) info = CIPHER_INFO[CIPHERS[index]];
      }
    } else {
      validateString(nameOrNid, 'nameOrNid');
      info = CIPHER_INFO[StringPrototypeToLowerCase(nameOrNid)];
    }
    if (info === undefined) return undefined;
    const [name, nid, blockSize, ivLength, keyLength, mode] = info;
    if (options !== undefined && options !== null) {
      if (options.keyLength !== undefined && options.keyLength !== keyLength) return undefined;
      // GCM takes IVs of any length; the others only their own.
      if (options.ivLength !== undefined &&
        (mode === 'gcm' ? !(options.ivLength > 0) : options.ivLength !== ivLength)) return undefined;
    }
    return { name, nid, blockSize, ivLength, keyLength, mode };
  }

  function createCipheriv(cipher, key, iv, options = undefined) {
    return new Cipheriv(cipher, key, iv, options);
  }

  function createDecipheriv(cipher, key, iv, options = undefined) {
    return new Decipheriv(cipher, key, iv, options);
  }


  // ---- Public and private keys ----------------------------------------------------------

  // An asymmetric key: its DER (PKCS #8 for a private key, SPKI for a public one) in
  // `keyMaterial`, its type and details here.
  class AsymmetricKeyObject extends KeyObject {
    #keyType;
    #detail;
    constructor(type, keyType, der, detail) {
      super(type, der);
      this.#keyType = keyType;
      this.#detail = detail;
    }

    get asymmetricKeyType() { return this.#keyType; }

    get asymmetricKeyDetails() {
      if (this.#keyType === 'rsa') {
        const colon = StringPrototypeIndexOf(this.#detail, ':');
        return {
          modulusLength: NumberParseInt(StringPrototypeSlice(this.#detail, 0, colon), 10),
          publicExponent: BigInt(StringPrototypeSlice(this.#detail, colon + 1)),
        };
      }
      if (this.#keyType === 'ec') return { namedCurve: this.#detail };
      return {};
    }

    export(options = undefined) {
      if (options === undefined || options === null || typeof options !== 'object') {
        throw new (codes().ERR_INVALID_ARG_TYPE)('options', 'object', options);
      }
      const der = WeakMapGet(keyMaterial, this);
      const isPrivate = this.type === 'private';
      const { format = 'pem', type } = options;
      if (format === 'jwk') throw new (codes().ERR_METHOD_NOT_IMPLEMENTED)('KeyObject.export({ format: "jwk" })');
      if (format !== 'pem' && format !== 'der') throw new (codes().ERR_INVALID_ARG_VALUE)('options.format', format);
      const written = keyWrite(isPrivate, der, type, false);
      if (written === null) throw new (codes().ERR_INVALID_ARG_VALUE)('options.type', type);
      if (format === 'der') return encoded(written);
      return pem(pemLabel(type, isPrivate, this.#keyType), written);
    }
  }

  class PublicKeyObject extends AsymmetricKeyObject {
    constructor(keyType, der, detail) {
      super('public', keyType, der, detail);
    }
  }

  class PrivateKeyObject extends AsymmetricKeyObject {
    constructor(keyType, der, detail) {
      super('private', keyType, der, detail);
    }
  }

  function pemLabel(type, isPrivate, keyType) {
    if (type === 'pkcs1') return isPrivate ? 'RSA PRIVATE KEY' : 'RSA PUBLIC KEY';
    if (type === 'sec1') return 'EC PRIVATE KEY';
    return isPrivate ? 'PRIVATE KEY' : 'PUBLIC KEY';
  }

  // DER as PEM: base64 in lines of 64, between the label's lines.
  function pem(label, der) {
    const base64 = encoded(der, 'base64');
    let text = `-----BEGIN ${label}-----\n`;
    for (let index = 0; index < base64.length; index += 64) text += StringPrototypeSlice(base64, index, index + 64) + '\n';
    return text + `-----END ${label}-----\n`;
  }

  const PEM_FORMATS = {
    __proto__: null,
    'PRIVATE KEY': 'pkcs8', 'RSA PRIVATE KEY': 'pkcs1', 'EC PRIVATE KEY': 'sec1', 'PUBLIC KEY': 'spki',
    'RSA PUBLIC KEY': 'pkcs1-public',
  };

  // The label and DER of the first PEM block in `text`, or null.
  function readPem(text) {
    const begin = StringPrototypeIndexOf(text, '-----BEGIN ');
    if (begin === -1) return null;
    const labelEnd = StringPrototypeIndexOf(text, '-----', begin + 11);
    if (labelEnd === -1) return null;
    const label = StringPrototypeSlice(text, begin + 11, labelEnd);
    const end = StringPrototypeIndexOf(text, `-----END ${label}-----`, labelEnd + 5);
    if (end === -1) return null;
    const body = StringPrototypeSlice(text, labelEnd + 5, end);
    return { label, der: viewBytes(Buffer().from(body, 'base64')) };
  }

  // A key argument as Node takes it: a KeyObject, PEM (a string or buffer), or an object
  // `{ key, format, type }` (with the signing options beside them); the key read as
  // `wanted` ('private' or 'public': a public key may come from a private one).
  function prepareKey(key, wanted) {
    let source = key;
    let format = 'pem';
    let type;
    if (key !== null && typeof key === 'object' && !ArrayBufferIsView(key) && !isArrayBuffer(key) &&
      !(key instanceof KeyObject)) {
      source = key.key;
      if (key.format !== undefined) format = key.format;
      type = key.type;
    }
    if (source instanceof KeyObject) {
      if (source.type === wanted) return source;
      if (wanted === 'public' && source.type === 'private') return publicOf(source);
      throw new (codes().ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE)(source.type, wanted);
    }
    if (typeof source !== 'string' && !ArrayBufferIsView(source) && !isArrayBuffer(source)) {
      throw new (codes().ERR_INVALID_ARG_TYPE)('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView',
        'KeyObject', 'CryptoKey'], source);
    }
    const failure = () => new Error(`Failed to parse ${wanted} key`);
    let read = null;
    if (format === 'der') {
      const der = bytesOf(source, 'key', 'utf8', true, BINARY_TYPES);
      const derFormat = type === 'pkcs1' && wanted === 'public' ? 'pkcs1-public' : type;
      read = keyRead(derFormat, der);
      // As in Node and workerd, a private key's DER is read whichever private type is named.
      const others = wanted === 'private' ? ['pkcs8', 'pkcs1', 'sec1'] : ['spki', 'pkcs1-public'];
      for (let index = 0; read === null && index < others.length; index++) read = keyRead(others[index], der);
    } else if (format === 'pem') {
      const text = typeof source === 'string' ? source : encoded(bytesOf(source, 'key', 'utf8', true), 'latin1');
      const block = readPem(text);
      if (block === null || PEM_FORMATS[block.label] === undefined) throw failure();
      read = keyRead(PEM_FORMATS[block.label], block.der);
    } else if (format === 'jwk') {
      throw new (codes().ERR_METHOD_NOT_IMPLEMENTED)('a JWK key');
    } else {
      throw new (codes().ERR_INVALID_ARG_VALUE)('key.format', format);
    }
    if (read === null) throw failure();
    const [isPrivate, keyType, der, detail] = read;
    if (isPrivate) {
      const privateKey = new PrivateKeyObject(keyType, der, detail);
      if (wanted === 'private') return privateKey;
      return publicOf(privateKey);
    }
    if (wanted === 'private') throw failure();
    return new PublicKeyObject(keyType, der, detail);
  }

  function publicOf(privateKey) {
    const spki = keyWrite(true, WeakMapGet(keyMaterial, privateKey), 'spki', true);
    const read = keyRead('spki', spki);
    return new PublicKeyObject(read[1], read[2], read[3]);
  }

  function createPrivateKey(key) {
    return prepareKey(key, 'private');
  }

  function createPublicKey(key) {
    return prepareKey(key, 'public');
  }

  // ---- New keys -------------------------------------------------------------------------

  // The curves `generateKeyPair('ec')` takes, by the names Node and workerd accept.
  const CURVES = {
    __proto__: null,
    'P-256': 'P-256', prime256v1: 'P-256', secp256r1: 'P-256',
    'P-384': 'P-384', secp384r1: 'P-384',
    'P-521': 'P-521', secp521r1: 'P-521',
  };

  function validateOptionsObject(value, name) {
    if (value === null || typeof value !== 'object') throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'object', value);
  }

  // A key pair of `type` as `generateKeyPairSync` returns it: KeyObjects, or each half
  // exported where its encoding is given.
  function newKeyPair(type, options) {
    validateString(type, 'type');
    if (type !== 'rsa' && type !== 'ec' && type !== 'ed25519' && type !== 'x25519' && type !== 'dh') {
      throw new (codes().ERR_INVALID_ARG_VALUE)('type', type, "must be one of: 'rsa', 'ec', 'ed25519', 'x25519', 'dh'");
    }
    if (options === undefined) options = {};
    validateOptionsObject(options, 'options');
    const { publicKeyEncoding, privateKeyEncoding } = options;
    if (publicKeyEncoding !== undefined) validateOptionsObject(publicKeyEncoding, 'options.publicKeyEncoding');
    if (privateKeyEncoding !== undefined) {
      validateOptionsObject(privateKeyEncoding, 'options.privateKeyEncoding');
      if (privateKeyEncoding.cipher !== undefined || privateKeyEncoding.passphrase !== undefined) {
        throw new (codes().ERR_METHOD_NOT_IMPLEMENTED)('crypto.generateKeyPair (encrypted private keys)');
      }
    }
    let kind = type;
    let bits = 0;
    let exponent = new Uint8Array(0);
    if (type === 'rsa') {
      const { modulusLength, publicExponent = 0x10001 } = options;
      validateInt32(modulusLength, 'options.modulusLength', 0, 2147483647);
      validateInt32(publicExponent, 'options.publicExponent', 0, 4294967295);
      bits = modulusLength;
      exponent = new Uint8Array(4);
      for (let index = 0; index < 4; index++) exponent[index] = (publicExponent >>> (24 - 8 * index)) & 255;
    } else if (type === 'ec') {
      validateString(options.namedCurve, 'options.namedCurve');
      kind = CURVES[options.namedCurve];
      if (kind === undefined) throw new Error('Invalid or unsupported curve');
    } else if (type === 'dh') {
      throw new (codes().ERR_METHOD_NOT_IMPLEMENTED)("crypto.generateKeyPair('dh')");
    }
    const der = keyGenerate(kind, bits, exponent);
    // An even exponent, 1, or one the crate cannot take: workerd's message.
    if (der === -1) throw new Error('Failed to generate key');
    if (der === null) throw new Error('The run ended while the key was made');
    const read = keyRead('pkcs8', der);
    const privateKey = new PrivateKeyObject(read[1], read[2], read[3]);
    const publicKey = publicOf(privateKey);
    return {
      publicKey: publicKeyEncoding === undefined ? publicKey : publicKey.export(publicKeyEncoding),
      privateKey: privateKeyEncoding === undefined ? privateKey : privateKey.export(privateKeyEncoding),
    };
  }

  function generateKeyPairSync(type, options = undefined) {
    return newKeyPair(type, options);
  }

  function generateKeyPair(type, options, callback = undefined) {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    validateFunction(callback, 'callback');
    let pair;
    let error = null;
    try {
      pair = newKeyPair(type, options);
    } catch (thrown) {
      error = thrown;
    }
    queueMicrotask(() => {
      if (error !== null) ReflectApply(callback, undefined, [error]);
      else ReflectApply(callback, undefined, [null, pair.publicKey, pair.privateKey]);
    });
  }

  // A new secret key: `hmac` of `length` bits (8 to 65536, as workerd; rounded down to whole
  // bytes), `aes` of 128, 192 or 256.
  function newSecretKey(type, options) {
    validateString(type, 'type');
    if (type !== 'hmac' && type !== 'aes') {
      throw new (codes().ERR_INVALID_ARG_VALUE)('type', type, "must be one of: 'hmac', 'aes'");
    }
    validateOptionsObject(options, 'options');
    const { length } = options;
    if (type === 'hmac') {
      validateInt32(length, 'options.length', 8, 65536);
    } else if (length !== 128 && length !== 192 && length !== 256) {
      throw new (codes().ERR_INVALID_ARG_VALUE)('options.length', length, 'must be one of: 128, 192, 256');
    }
    return new SecretKeyObject(fillRandom(new Uint8Array(length >>> 3)));
  }

  function generateKeySync(type, options) {
    return newSecretKey(type, options);
  }

  function generateKey(type, options, callback) {
    validateFunction(callback, 'callback');
    later(callback, () => newSecretKey(type, options));
  }

  // ---- Signatures -----------------------------------------------------------------------

  const RSA_PKCS1_PSS_PADDING = 6;

  // The signing options of a key argument: PSS or PKCS #1 v1.5, the salt length, the ECDSA
  // encoding.
  function signingOptions(key) {
    const options = key !== null && typeof key === 'object' && !(key instanceof KeyObject) && !ArrayBufferIsView(key)
      ? key : {};
    const dsaEncoding = options.dsaEncoding === undefined ? 'der' : options.dsaEncoding;
    if (dsaEncoding !== 'der' && dsaEncoding !== 'ieee-p1363') {
      throw new (codes().ERR_INVALID_ARG_VALUE)('options.dsaEncoding', dsaEncoding);
    }
    const saltLength = options.saltLength === undefined ? -2 : options.saltLength;
    if (typeof saltLength !== 'number' || !NumberIsInteger(saltLength)) {
      throw new (codes().ERR_INVALID_ARG_TYPE)('options.saltLength', 'number', saltLength);
    }
    return { pss: options.padding === RSA_PKCS1_PSS_PADDING, saltLength, p1363: dsaEncoding === 'ieee-p1363' };
  }

  const SIGN_HASHES = { __proto__: null, sha1: true, sha224: true, sha256: true, sha384: true, sha512: true };

  // Node's digest name for signing (`RSA-SHA256`, `SHA256`, `sha-256`), or an error.
  function signHash(algorithm) {
    let name = StringPrototypeToLowerCase(algorithm);
    if (StringPrototypeSlice(name, 0, 4) === 'rsa-') name = StringPrototypeSlice(name, 4);
    if (StringPrototypeSlice(name, 0, 4) === 'sha-') name = 'sha' + StringPrototypeSlice(name, 4);
    if (SIGN_HASHES[name] !== true) throw new Error(`Unknown digest: ${algorithm}`);
    return name;
  }

  function signBytes(algorithm, data, key) {
    const privateKey = prepareKey(key, 'private');
    const options = signingOptions(key);
    const hashName = algorithm === null || algorithm === undefined ? null : signHash(algorithm);
    if (hashName === null && privateKey.asymmetricKeyType !== 'ed25519') throw new Error('Unknown digest: null');
    const signature = signHost(WeakMapGet(keyMaterial, privateKey), hashName, data, options.pss, options.saltLength,
      options.p1363);
    if (signature === null) throw new Error('Failed to sign');
    return signature;
  }

  function verifyBytes(algorithm, data, key, signature) {
    const publicKey = prepareKey(key, 'public');
    const options = signingOptions(key);
    const hashName = algorithm === null || algorithm === undefined ? null : signHash(algorithm);
    if (hashName === null && publicKey.asymmetricKeyType !== 'ed25519') throw new Error('Unknown digest: null');
    const valid = verifyHost(WeakMapGet(keyMaterial, publicKey), hashName, data, signature, options.pss,
      options.saltLength, options.p1363);
    return valid === true;
  }

  // Sign and Verify collect the data, which is hashed with the key's scheme when signing.
  class Sign {
    #algorithm;
    #chunks = [];
    #finalized = false;
    constructor(algorithm, options = undefined) {
      validateString(algorithm, 'algorithm');
      this.#algorithm = algorithm;
      signHash(algorithm);
    }

    update(data, inputEncoding = undefined) {
      if (this.#finalized) throw new Error('Signing context has already been finalized');
      this.#chunks[this.#chunks.length] = TypedArrayPrototypeSlice(bytesOf(data, 'data', inputEncoding));
      return this;
    }

    sign(privateKey, outputEncoding = undefined) {
      if (this.#finalized) throw new Error('Signing context has already been finalized');
      this.#finalized = true;
      return encoded(signBytes(this.#algorithm, concat(this.#chunks), privateKey), outputEncoding);
    }
  }

  class Verify {
    #algorithm;
    #chunks = [];
    #finalized = false;
    constructor(algorithm, options = undefined) {
      validateString(algorithm, 'algorithm');
      this.#algorithm = algorithm;
      signHash(algorithm);
    }

    update(data, inputEncoding = undefined) {
      if (this.#finalized) throw new Error('Verification context has already been finalized');
      this.#chunks[this.#chunks.length] = TypedArrayPrototypeSlice(bytesOf(data, 'data', inputEncoding));
      return this;
    }

    verify(publicKey, signature, signatureEncoding = undefined) {
      if (this.#finalized) throw new Error('Verification context has already been finalized');
      this.#finalized = true;
      const bytes = bytesOf(signature, 'signature', signatureEncoding, true, BINARY_TYPES);
      return verifyBytes(this.#algorithm, concat(this.#chunks), publicKey, bytes);
    }
  }

  function concat(chunks) {
    let total = 0;
    for (let index = 0; index < chunks.length; index++) total += chunks[index].length;
    const all = new Uint8Array(total);
    let offset = 0;
    for (let index = 0; index < chunks.length; index++) {
      TypedArrayPrototypeSet(all, chunks[index], offset);
      offset += chunks[index].length;
    }
    return all;
  }

  function createSign(algorithm, options = undefined) {
    return new Sign(algorithm, options);
  }

  function createVerify(algorithm, options = undefined) {
    return new Verify(algorithm, options);
  }

  function sign(algorithm, data, key, callback = undefined) {
    if (algorithm !== null && algorithm !== undefined) validateString(algorithm, 'algorithm');
    const bytes = bytesOf(data, 'data', 'utf8', false, ['Buffer', 'TypedArray', 'DataView']);
    if (callback === undefined) return encoded(signBytes(algorithm, bytes, key));
    validateFunction(callback, 'callback');
    later(callback, () => encoded(signBytes(algorithm, bytes, key)));
    return undefined;
  }

  function verify(algorithm, data, key, signature, callback = undefined) {
    if (algorithm !== null && algorithm !== undefined) validateString(algorithm, 'algorithm');
    const bytes = bytesOf(data, 'data', 'utf8', false, ['Buffer', 'TypedArray', 'DataView']);
    const signatureBytes = bytesOf(signature, 'signature', 'utf8', true, ['ArrayBuffer', 'Buffer', 'TypedArray',
      'DataView']);
    if (callback === undefined) return verifyBytes(algorithm, bytes, key, signatureBytes);
    validateFunction(callback, 'callback');
    later(callback, () => verifyBytes(algorithm, bytes, key, signatureBytes));
    return undefined;
  }

  // ---- What is not here yet -------------------------------------------------------------

  // RSA encryption, Diffie-Hellman, ECDH, primes and certificates are not implemented: they throw the
  // ERR_METHOD_NOT_IMPLEMENTED when called, rather than being absent, so that an
  // import links and the error says what is missing.
  function notImplemented(name) {
    return function () {
      throw new (codes().ERR_METHOD_NOT_IMPLEMENTED)(`crypto.${name}`);
    };
  }

  const crypto = {
    Cipheriv,
    Decipheriv,
    Hash,
    Hmac,
    KeyObject,
    SecretKeyObject,
    constants: ObjectFreeze({ __proto__: null }),
    createCipheriv,
    createDecipheriv,
    createHash,
    createHmac,
    createSecretKey,
    getCiphers() { return ArrayPrototypeSliceOf(CIPHERS); },
    getCurves() { return ['prime256v1', 'secp384r1', 'secp521r1']; },
    getHashes() { return ArrayPrototypeSliceOf(HASHES); },
    getRandomValues,
    hash,
    hkdf,
    hkdfSync,
    pbkdf2,
    pbkdf2Sync,
    generateKey,
    generateKeyPair,
    generateKeyPairSync,
    generateKeySync,
    randomBytes,
    randomFill,
    randomFillSync,
    randomInt,
    randomUUID,
    scrypt,
    scryptSync,
    subtle: webcrypto.subtle,
    timingSafeEqual,
    webcrypto,
    PrivateKeyObject,
    PublicKeyObject,
    Sign,
    Verify,
    createSign,
    createVerify,
    sign,
    verify,
    createPrivateKey,
    createPublicKey,
    publicEncrypt: notImplemented('publicEncrypt'),
    publicDecrypt: notImplemented('publicDecrypt'),
    privateEncrypt: notImplemented('privateEncrypt'),
    privateDecrypt: notImplemented('privateDecrypt'),
    createDiffieHellman: notImplemented('createDiffieHellman'),
    createDiffieHellmanGroup: notImplemented('createDiffieHellmanGroup'),
    getDiffieHellman: notImplemented('getDiffieHellman'),
    diffieHellman: notImplemented('diffieHellman'),
    createECDH: notImplemented('createECDH'),
    DiffieHellman: notImplemented('DiffieHellman'),
    DiffieHellmanGroup: notImplemented('DiffieHellmanGroup'),
    ECDH: notImplemented('ECDH'),
    // The ciphers without an IV, which Node deprecated.
    createCipher: notImplemented('createCipher'),
    createDecipher: notImplemented('createDecipher'),
    Cipher: notImplemented('Cipher'),
    Decipher: notImplemented('Decipher'),
    checkPrime: notImplemented('checkPrime'),
    checkPrimeSync: notImplemented('checkPrimeSync'),
    generatePrime: notImplemented('generatePrime'),
    generatePrimeSync: notImplemented('generatePrimeSync'),
    Certificate: notImplemented('Certificate'),
    X509Certificate: notImplemented('X509Certificate'),
    secureHeapUsed: notImplemented('secureHeapUsed'),
    setEngine: notImplemented('setEngine'),
    getCipherInfo,
    getFips() { return 0; },
    setFips: notImplemented('setFips'),
    pseudoRandomBytes: randomBytes,
  };

  function ArrayPrototypeSliceOf(list) {
    const copy = [];
    for (let index = 0; index < list.length; index++) copy[index] = list[index];
    return copy;
  }

  return crypto;
});
