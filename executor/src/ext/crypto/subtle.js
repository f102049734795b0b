//# allFunctionsCalledOnLoad
// crypto.subtle (W3C Web Cryptography API): digest (SHA-1/256/384/512), HMAC,
// RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP, AES-GCM/CBC/CTR/KW, ECDSA and ECDH on P-256, P-384
// and P-521, Ed25519, X25519, HKDF and PBKDF2; wrapKey/unwrapKey with AES-KW, AES-GCM,
// AES-CBC, AES-CTR and RSA-OAEP. This file does what
// the standard specifies in terms of Web IDL and key objects: argument conversion,
// algorithm normalisation, CryptoKey objects (key material in private fields), the checks
// and the errors. The cryptography is the host's (`subtle.rs`, the RustCrypto crates),
// which writes into arrays allocated here so that results count against the run's
// ArrayBuffer budget. Operations run synchronously (their CPU time counts against the
// limit) and every outcome, argument errors included, is a promise, as the standard says.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, JSONParse, JSONStringify, Map, MapPrototypeGet, MapPrototypeSet, MathTrunc, ObjectDefineProperty,
    PromiseReject, PromiseResolve, ReflectApply, Set, SetPrototypeAdd, SetPrototypeHas, StringPrototypeCharCodeAt,
    StringPrototypeToLowerCase, Symbol, SymbolIterator, TypeError, Int8Array, Uint8Array,
    ArrayBufferPrototypeGetByteLength: ArrayBufferByteLength, DataViewPrototypeGetBuffer: DataViewBuffer,
    DataViewPrototypeGetByteLength: DataViewByteLength, DataViewPrototypeGetByteOffset: DataViewByteOffset,
    TypedArrayPrototypeGetBuffer: TypedArrayBuffer, TypedArrayPrototypeGetByteLength: TypedArrayByteLength,
    TypedArrayPrototypeGetByteOffset: TypedArrayByteOffset,
    TypedArrayPrototypeGetSymbolToStringTag: TypedArrayToStringTag,
    TypedArrayPrototypeSet: TypedArraySet, TypedArrayPrototypeSubarray: TypedArraySubarray,
  } = primordials;
  const subtleDigest = host.subtleDigest;
  const subtleSign = host.subtleSign;
  const subtleVerify = host.subtleVerify;
  const subtleAesGcm = host.subtleAesGcm;
  const subtleGenerateKeyPair = host.subtleGenerateKeyPair;
  const subtleImportKey = host.subtleImportKey;
  const subtleExportKey = host.subtleExportKey;
  const subtleHkdf = host.subtleHkdf;
  const subtlePbkdf2 = host.subtlePbkdf2;
  const subtleEcdh = host.subtleEcdh;
  const subtleAes = host.subtleAes;
  const subtleRsaGenerate = host.subtleRsaGenerate;
  const subtleRsaImport = host.subtleRsaImport;
  const subtleRsaExport = host.subtleRsaExport;
  const subtleRsaPublic = host.subtleRsaPublic;
  const subtleRsaSign = host.subtleRsaSign;
  const subtleRsaVerify = host.subtleRsaVerify;
  const subtleRsaOaep = host.subtleRsaOaep;
  const randomFill = host.randomFill;
  const utf8Length = host.utf8Length;
  const encodeUtf8Into = host.encodeUtf8Into;
  const decode = host.decode;
  const DOMException = internals.DOMException;
  const crypto = internals.crypto;

  // ---- Web IDL conversions -------------------------------------------------------------

  function isObject(value) {
    return (typeof value === 'object' && value !== null) || typeof value === 'function';
  }

  function argumentError(method, message) {
    return new TypeError(`Failed to execute '${method}' on 'SubtleCrypto': ${message}`);
  }

  // DOMString: ToString, which throws a TypeError for symbols.
  function toDOMString(value) {
    return `${value}`;
  }

  // An integer type with [EnforceRange]: `unsigned long`, `unsigned short` or `octet`.
  function toEnforcedInteger(value, max, what) {
    const number = +value;
    if (number !== number || number === Infinity || number === -Infinity) {
      throw new TypeError(`${what} is not a finite number`);
    }
    const integer = MathTrunc(number) + 0;
    if (integer < 0 || integer > max) throw new TypeError(`${what} is outside the range [0, ${max}]`);
    return integer;
  }

  function isArrayBuffer(value) {
    try {
      ArrayBufferByteLength(value);
      return true;
    } catch {
      return false; // not an ArrayBuffer, or a SharedArrayBuffer
    }
  }

  // BufferSource (an ArrayBuffer or a view of one; shared memory is not allowed): a
  // Uint8Array over the same bytes, or undefined when the value is not a BufferSource.
  // The bytes are not copied: every operation here reads them before any user code can
  // run again.
  function bufferSourceOrUndefined(value) {
    if (ArrayBufferIsView(value)) {
      const isTypedArray = TypedArrayToStringTag(value) !== undefined;
      const buffer = isTypedArray ? TypedArrayBuffer(value) : DataViewBuffer(value);
      if (!isArrayBuffer(buffer)) return undefined;
      return isTypedArray
        ? new Uint8Array(buffer, TypedArrayByteOffset(value), TypedArrayByteLength(value))
        : new Uint8Array(buffer, DataViewByteOffset(value), DataViewByteLength(value));
    }
    if (isArrayBuffer(value)) return new Uint8Array(value);
    return undefined;
  }

  function toBufferSource(value, what) {
    const bytes = bufferSourceOrUndefined(value);
    if (bytes === undefined) throw new TypeError(`${what} is not of type 'BufferSource'`);
    return bytes;
  }

  // AlgorithmIdentifier (object or DOMString).
  function toAlgorithmIdentifier(value) {
    return isObject(value) ? value : toDOMString(value);
  }

  const formats = new Set();
  const formatNames = ['raw', 'spki', 'pkcs8', 'jwk'];
  for (let index = 0; index < formatNames.length; index++) SetPrototypeAdd(formats, formatNames[index]);
  function toKeyFormat(value, method) {
    const format = toDOMString(value);
    if (!SetPrototypeHas(formats, format)) {
      throw argumentError(method, `The provided value '${format}' is not a valid enum value of type KeyFormat.`);
    }
    return format;
  }

  // Key usages are kept as a bit mask, which also gives them the standard's order.
  const ENCRYPT = 1, DECRYPT = 2, SIGN = 4, VERIFY = 8, DERIVE_KEY = 16, DERIVE_BITS = 32,
    WRAP_KEY = 64, UNWRAP_KEY = 128;
  const usageNames = ['encrypt', 'decrypt', 'sign', 'verify', 'deriveKey', 'deriveBits', 'wrapKey', 'unwrapKey'];
  const usageBits = new Map();
  for (let index = 0; index < usageNames.length; index++) MapPrototypeSet(usageBits, usageNames[index], 1 << index);

  // sequence<KeyUsage>.
  function toKeyUsages(value, method) {
    if (!isObject(value) || typeof value[SymbolIterator] !== 'function') {
      throw argumentError(method, "The provided value cannot be converted to a sequence.");
    }
    let mask = 0;
    for (const item of value) {
      const usage = toDOMString(item);
      const bit = MapPrototypeGet(usageBits, usage);
      if (bit === undefined) {
        throw argumentError(method, `The provided value '${usage}' is not a valid enum value of type KeyUsage.`);
      }
      mask |= bit;
    }
    return mask;
  }

  function usageList(mask) {
    const list = [];
    for (let index = 0; index < usageNames.length; index++) {
      if (mask & (1 << index)) list[list.length] = usageNames[index];
    }
    return list;
  }

  function firstUsageOutside(mask, allowed) {
    return usageList(mask & ~allowed)[0];
  }

  // JsonWebKey (a dictionary: members read in lexicographic order). `oth` (the other primes
  // of a multi-prime RSA key) is not read: such keys are not supported.
  const jwkStrings = ['alg', 'crv', 'd', 'dp', 'dq', 'e', 'ext', 'k', 'key_ops', 'kty', 'n', 'p', 'q', 'qi', 'use', 'x', 'y'];
  function toJsonWebKey(value, method) {
    const jwk = { __proto__: null };
    if (value === undefined || value === null) return jwk;
    for (let index = 0; index < jwkStrings.length; index++) {
      const member = jwkStrings[index];
      const item = value[member];
      if (item === undefined) continue;
      if (member === 'ext') {
        jwk.ext = !!item;
      } else if (member === 'key_ops') {
        if (!isObject(item) || typeof item[SymbolIterator] !== 'function') {
          throw argumentError(method, "Failed to read the 'key_ops' property from 'JsonWebKey': The provided value cannot be converted to a sequence.");
        }
        const list = [];
        for (const operation of item) list[list.length] = toDOMString(operation);
        jwk.key_ops = list;
      } else {
        jwk[member] = toDOMString(item);
      }
    }
    return jwk;
  }

  // ---- Algorithm normalisation ---------------------------------------------------------

  const HASH = 0, BUFFER = 1, OCTET = 2, UNSIGNED_SHORT = 3, UNSIGNED_LONG = 4, STRING = 5, BIG_INTEGER = 6, KEY = 7;
  // Members of each parameter dictionary after `name`, in the order Web IDL reads them:
  // [member, type, required].
  const algorithmParams = [];
  const aesGcmParams = [['additionalData', BUFFER, false], ['iv', BUFFER, true], ['tagLength', OCTET, false]];
  const hashParams = [['hash', HASH, true]];
  const hmacParams = [['hash', HASH, true], ['length', UNSIGNED_LONG, false]];
  const aesLengthParams = [['length', UNSIGNED_SHORT, true]];
  const curveParams = [['namedCurve', STRING, true]];
  const hkdfParams = [['hash', HASH, true], ['info', BUFFER, true], ['salt', BUFFER, true]];
  const rsaKeyGenParams = [['modulusLength', UNSIGNED_LONG, true], ['publicExponent', BIG_INTEGER, true], ['hash', HASH, true]];
  const rsaPssParams = [['saltLength', UNSIGNED_LONG, true]];
  const rsaOaepParams = [['label', BUFFER, false]];
  const aesCbcParams = [['iv', BUFFER, true]];
  const aesCtrParams = [['counter', BUFFER, true], ['length', OCTET, true]];
  const ecdhParams = [['public', KEY, true]];
  const pbkdf2Params = [['hash', HASH, true], ['iterations', UNSIGNED_LONG, true], ['salt', BUFFER, true]];

  // The standard's registry: for each operation, the algorithms it supports and their
  // parameter dictionary. Keyed by the ASCII-lowercased name; built when the snapshot is made.
  const registry = { __proto__: null };
  function register(operation, entries) {
    const table = new Map();
    for (let index = 0; index < entries.length; index++) {
      const name = entries[index][0];
      MapPrototypeSet(table, StringPrototypeToLowerCase(name), { __proto__: null, name, params: entries[index][1] });
    }
    registry[operation] = table;
  }
  const hashes = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];
  const digests = [];
  for (let index = 0; index < hashes.length; index++) digests[index] = [hashes[index], algorithmParams];
  register('digest', digests);
  register('sign', [
    ['HMAC', algorithmParams], ['RSASSA-PKCS1-v1_5', algorithmParams], ['RSA-PSS', rsaPssParams],
    ['ECDSA', hashParams], ['Ed25519', algorithmParams],
  ]);
  register('encrypt', [
    ['RSA-OAEP', rsaOaepParams], ['AES-GCM', aesGcmParams], ['AES-CBC', aesCbcParams], ['AES-CTR', aesCtrParams],
  ]);
  register('wrapKey', [['AES-KW', algorithmParams]]);
  register('generateKey', [
    ['HMAC', hmacParams], ['RSASSA-PKCS1-v1_5', rsaKeyGenParams], ['RSA-PSS', rsaKeyGenParams],
    ['RSA-OAEP', rsaKeyGenParams], ['AES-GCM', aesLengthParams], ['AES-CBC', aesLengthParams],
    ['AES-CTR', aesLengthParams], ['AES-KW', aesLengthParams], ['ECDSA', curveParams], ['ECDH', curveParams],
    ['Ed25519', algorithmParams], ['X25519', algorithmParams],
  ]);
  register('importKey', [
    ['HMAC', hmacParams], ['RSASSA-PKCS1-v1_5', hashParams], ['RSA-PSS', hashParams], ['RSA-OAEP', hashParams],
    ['AES-GCM', algorithmParams], ['AES-CBC', algorithmParams], ['AES-CTR', algorithmParams],
    ['AES-KW', algorithmParams], ['ECDSA', curveParams], ['ECDH', curveParams], ['Ed25519', algorithmParams],
    ['X25519', algorithmParams], ['HKDF', algorithmParams], ['PBKDF2', algorithmParams],
  ]);
  register('deriveBits', [['HKDF', hkdfParams], ['PBKDF2', pbkdf2Params], ['ECDH', ecdhParams], ['X25519', ecdhParams]]);
  register('get key length', [
    ['HMAC', hmacParams], ['AES-GCM', aesLengthParams], ['AES-CBC', aesLengthParams], ['AES-CTR', aesLengthParams],
    ['AES-KW', aesLengthParams], ['HKDF', algorithmParams], ['PBKDF2', algorithmParams],
  ]);
  registry.verify = registry.sign;
  registry.decrypt = registry.encrypt;
  registry.unwrapKey = registry.wrapKey;

  // Lowercases ASCII letters only, as "ASCII case-insensitive" asks; names with other
  // characters cannot match a registered name.
  function asciiLowercase(name) {
    for (let index = 0; index < name.length; index++) {
      if (StringPrototypeCharCodeAt(name, index) > 0x7f) return undefined;
    }
    return StringPrototypeToLowerCase(name);
  }

  // "Normalize an algorithm": the registered algorithm and its converted parameters, as a
  // record, or a thrown TypeError (bad parameters) or NotSupportedError (unknown name).
  function normalize(operation, algorithm) {
    const input = isObject(algorithm) ? algorithm : { __proto__: null, name: toDOMString(algorithm) };
    const rawName = input.name;
    if (rawName === undefined) {
      throw new TypeError("Failed to normalize algorithm: 'name' is required in 'Algorithm'.");
    }
    const name = toDOMString(rawName);
    const lowercase = asciiLowercase(name);
    const entry = lowercase === undefined ? undefined : MapPrototypeGet(registry[operation], lowercase);
    if (entry === undefined) {
      throw new DOMException(`Unrecognized algorithm name: ${name} is not supported for ${operation}`, 'NotSupportedError');
    }
    const normalized = { __proto__: null, name: entry.name };
    const params = entry.params;
    for (let index = 0; index < params.length; index++) {
      const param = params[index];
      const member = param[0], type = param[1], required = param[2];
      const value = input[member];
      if (value === undefined) {
        if (required) {
          throw new TypeError(`Failed to normalize algorithm: '${member}' is required in the parameters of ${entry.name}.`);
        }
        continue;
      }
      const what = `The '${member}' member of the ${entry.name} parameters`;
      switch (type) {
        case HASH: normalized[member] = normalize('digest', toAlgorithmIdentifier(value)); break;
        case BUFFER: normalized[member] = toBufferSource(value, what); break;
        case OCTET: normalized[member] = toEnforcedInteger(value, 0xff, what); break;
        case UNSIGNED_SHORT: normalized[member] = toEnforcedInteger(value, 0xffff, what); break;
        case UNSIGNED_LONG: normalized[member] = toEnforcedInteger(value, 0xffffffff, what); break;
        case BIG_INTEGER: {
          // BigInteger is a Uint8Array (a big-endian number); the algorithm keeps a copy.
          if (!ArrayBufferIsView(value) || TypedArrayToStringTag(value) !== 'Uint8Array') {
            throw new TypeError(`${what} is not of type 'Uint8Array'`);
          }
          normalized[member] = copyBytes(value);
          break;
        }
        case KEY: {
          if (!isCryptoKey(value)) throw new TypeError(`${what} is not of type 'CryptoKey'`);
          normalized[member] = keySlots(value);
          break;
        }
        default: normalized[member] = toDOMString(value); break;
      }
    }
    return normalized;
  }

  // ---- Errors --------------------------------------------------------------------------

  const notSupported = (message) => new DOMException(message, 'NotSupportedError');
  const syntaxError = (message) => new DOMException(message, 'SyntaxError');
  const invalidAccess = (message) => new DOMException(message, 'InvalidAccessError');
  const dataError = (message) => new DOMException(message, 'DataError');
  const operationError = (message) => new DOMException(message, 'OperationError');

  function checkUsages(mask, allowed, what) {
    const bad = firstUsageOutside(mask, allowed);
    if (bad !== undefined) throw syntaxError(`Cannot create ${what} with usage '${bad}'`);
  }

  // ---- Bytes and base64url -------------------------------------------------------------

  const base64urlAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const base64Values = new Int8Array(128);
  for (let index = 0; index < 128; index++) base64Values[index] = -1;
  for (let index = 0; index < 64; index++) base64Values[StringPrototypeCharCodeAt(base64urlAlphabet, index)] = index;
  base64Values[0x2b] = 62; // '+' and '/' of standard base64 are accepted too, as workerd does
  base64Values[0x2f] = 63;

  function base64urlEncode(bytes) {
    let output = '';
    const length = bytes.length;
    for (let index = 0; index < length; index += 3) {
      const triple = (bytes[index] << 16) | ((index + 1 < length ? bytes[index + 1] : 0) << 8) |
        (index + 2 < length ? bytes[index + 2] : 0);
      output += base64urlAlphabet[(triple >> 18) & 63] + base64urlAlphabet[(triple >> 12) & 63];
      if (index + 1 < length) output += base64urlAlphabet[(triple >> 6) & 63];
      if (index + 2 < length) output += base64urlAlphabet[triple & 63];
    }
    return output;
  }

  // The bytes of base64url text (padding optional), or undefined if it is not base64url.
  function base64urlDecode(text) {
    let end = text.length;
    while (end > 0 && StringPrototypeCharCodeAt(text, end - 1) === 0x3d) end--;
    if (text.length - end > 2 || end % 4 === 1) return undefined;
    const bytes = new Uint8Array((end * 3) >> 2);
    let buffer = 0, bits = 0, written = 0;
    for (let index = 0; index < end; index++) {
      const code = StringPrototypeCharCodeAt(text, index);
      const value = code < 128 ? base64Values[code] : -1;
      if (value < 0) return undefined;
      buffer = ((buffer << 6) | value) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        bytes[written++] = (buffer >> bits) & 0xff;
      }
    }
    return bytes;
  }

  function bufferOf(bytes) {
    return TypedArrayBuffer(bytes);
  }

  // A copy of `bytes` in a new ArrayBuffer of its own.
  function copyBytes(bytes) {
    const copy = new Uint8Array(bytes.length);
    TypedArraySet(copy, bytes);
    return copy;
  }

  function sameBytes(a, b) {
    if (a.length !== b.length) return false;
    let difference = 0;
    for (let index = 0; index < a.length; index++) difference |= a[index] ^ b[index];
    return difference === 0;
  }

  function randomBytes(length) {
    return randomFill(new Uint8Array(length));
  }

  // ---- CryptoKey -----------------------------------------------------------------------

  const keyToken = Symbol('CryptoKey');
  let keySlots;
  let isCryptoKey;

  class CryptoKey {
    #type;
    #extractable;
    #algorithm; // the [[algorithm]] slot: { name, modulusLength, publicExponent, hash, length, namedCurve } as it applies
    #usages; // a mask
    #material; // secret bytes; the private scalar or seed; the public key; RSA: PKCS #8 or SPKI
    #publicMaterial; // for private keys, the public key that goes with it
    #algorithmObject;
    #usagesList;

    constructor(token, type, extractable, algorithm, usages, material, publicMaterial) {
      if (token !== keyToken) throw new TypeError('Illegal constructor');
      this.#type = type;
      this.#extractable = extractable;
      this.#algorithm = algorithm;
      this.#usages = usages;
      this.#material = material;
      this.#publicMaterial = publicMaterial;
      // The cached ECMAScript objects that the attributes return: a KeyAlgorithm
      // dictionary converted to an object (`name`, then the other members in order).
      const object = { name: algorithm.name };
      if (algorithm.modulusLength !== undefined) {
        object.modulusLength = algorithm.modulusLength;
        object.publicExponent = copyBytes(algorithm.publicExponent);
      }
      if (algorithm.hash !== undefined) object.hash = { name: algorithm.hash };
      if (algorithm.length !== undefined) object.length = algorithm.length;
      if (algorithm.namedCurve !== undefined) object.namedCurve = algorithm.namedCurve;
      this.#algorithmObject = object;
      this.#usagesList = usageList(usages);
    }

    static {
      keySlots = (key) => ({
        type: key.#type,
        extractable: key.#extractable,
        algorithm: key.#algorithm,
        usages: key.#usages,
        material: key.#material,
        publicMaterial: key.#publicMaterial,
      });
      isCryptoKey = (value) => isObject(value) && #type in value;
    }

    get type() { return this.#type; }
    get extractable() { return this.#extractable; }
    get algorithm() { return this.#algorithmObject; }
    get usages() { return this.#usagesList; }
  }
  internals.webClass(CryptoKey);
  internals.isCryptoKey = isCryptoKey;

  function newKey(type, extractable, algorithm, usages, material, publicMaterial = undefined) {
    return new CryptoKey(keyToken, type, extractable, algorithm, usages, material, publicMaterial);
  }

  function toCryptoKey(value, method, position) {
    if (!isCryptoKey(value)) throw argumentError(method, `parameter ${position} is not of type 'CryptoKey'.`);
    return keySlots(value);
  }

  // ---- Hashes, HMAC and AES-GCM --------------------------------------------------------

  const digestLength = { __proto__: null, 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
  const blockBits = { __proto__: null, 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
  const hmacJwkAlg = { __proto__: null, 'SHA-1': 'HS1', 'SHA-256': 'HS256', 'SHA-384': 'HS384', 'SHA-512': 'HS512' };
  // The JWK `alg` of an AES key, by mode and key length in bytes.
  const aesJwkAlgs = {
    __proto__: null,
    'AES-GCM': { __proto__: null, 16: 'A128GCM', 24: 'A192GCM', 32: 'A256GCM' },
    'AES-CBC': { __proto__: null, 16: 'A128CBC', 24: 'A192CBC', 32: 'A256CBC' },
    'AES-CTR': { __proto__: null, 16: 'A128CTR', 24: 'A192CTR', 32: 'A256CTR' },
    'AES-KW': { __proto__: null, 16: 'A128KW', 24: 'A192KW', 32: 'A256KW' },
  };
  const aesJwkAlg = aesJwkAlgs['AES-GCM'];

  // The first `bits` bits of `bytes`, the rest of the last byte cleared.
  function firstBits(bytes, bits) {
    const key = copyBytes(TypedArraySubarray(bytes, 0, (bits + 7) >> 3));
    if (bits % 8 !== 0) key[key.length - 1] &= (0xff << (8 - (bits % 8))) & 0xff;
    return key;
  }

  // The checks that every JWK import makes on `use`, `key_ops` and `ext` (JWK, RFC 7517).
  function checkJwkCommon(jwk, usages, extractable, use) {
    if (usages !== 0 && jwk.use !== undefined && jwk.use !== use) {
      throw dataError(`The JWK 'use' member must be '${use}', not '${jwk.use}'`);
    }
    if (jwk.key_ops !== undefined) {
      const operations = jwk.key_ops;
      for (let index = 0; index < operations.length; index++) {
        for (let other = 0; other < index; other++) {
          if (operations[other] === operations[index]) {
            throw dataError(`The JWK 'key_ops' member lists '${operations[index]}' twice`);
          }
        }
      }
      const usageNamesList = usageList(usages);
      for (let index = 0; index < usageNamesList.length; index++) {
        let found = false;
        for (let other = 0; other < operations.length; other++) {
          if (operations[other] === usageNamesList[index]) found = true;
        }
        if (!found) throw dataError(`The JWK 'key_ops' member does not allow the usage '${usageNamesList[index]}'`);
      }
    }
    if (jwk.ext === false && extractable) {
      throw dataError("The JWK 'ext' member is false but the key was asked to be extractable");
    }
  }

  function decodeJwkMember(jwk, member, what) {
    const text = jwk[member];
    const bytes = text === undefined ? undefined : base64urlDecode(text);
    if (bytes === undefined) throw dataError(`The JWK '${member}' member of ${what} must be base64url`);
    return bytes;
  }

  // The key bytes of a JWK of a secret key.
  function secretJwkBytes(jwk, what) {
    if (jwk.kty !== 'oct') throw dataError(`The JWK 'kty' member of ${what} must be 'oct'`);
    return decodeJwkMember(jwk, 'k', what);
  }

  function importHmac(format, keyData, normalized, extractable, usages) {
    checkUsages(usages, SIGN | VERIFY, 'an HMAC key');
    const hash = normalized.hash.name;
    let data;
    if (format === 'raw') {
      data = keyData;
    } else if (format === 'jwk') {
      data = secretJwkBytes(keyData, 'an HMAC key');
      if (keyData.alg !== undefined && keyData.alg !== hmacJwkAlg[hash]) {
        throw dataError(`The JWK 'alg' member must be '${hmacJwkAlg[hash]}' for HMAC with ${hash}, not '${keyData.alg}'`);
      }
      checkJwkCommon(keyData, usages, extractable, 'sig');
    } else {
      throw notSupported(`HMAC keys cannot be imported from '${format}'`);
    }
    let length = data.length * 8;
    if (length === 0) throw dataError('An HMAC key must not be empty');
    if (normalized.length !== undefined) {
      if (normalized.length > length || normalized.length <= length - 8) {
        throw dataError(`The HMAC key length ${normalized.length} does not fit the ${length} bits of key data`);
      }
      length = normalized.length;
    }
    return newKey('secret', extractable, { name: 'HMAC', hash, length }, usages, firstBits(data, length));
  }

  function importAes(format, keyData, normalized, extractable, usages) {
    const name = normalized.name;
    const algs = aesJwkAlgs[name];
    checkUsages(usages, aesUsages(name), `an ${name} key`);
    let data;
    if (format === 'raw') {
      data = keyData;
      if (aesJwkAlg[data.length] === undefined) {
        throw dataError(`An AES key must be 128, 192 or 256 bits long, not ${data.length * 8}`);
      }
    } else if (format === 'jwk') {
      data = secretJwkBytes(keyData, `an ${name} key`);
      const alg = algs[data.length];
      if (alg === undefined) throw dataError(`An AES key must be 128, 192 or 256 bits long, not ${data.length * 8}`);
      if (keyData.alg !== undefined && keyData.alg !== alg) {
        throw dataError(`The JWK 'alg' member must be '${alg}' for a ${data.length * 8}-bit key, not '${keyData.alg}'`);
      }
      checkJwkCommon(keyData, usages, extractable, 'enc');
    } else {
      throw notSupported(`${name} keys cannot be imported from '${format}'`);
    }
    return newKey('secret', extractable, { name, length: data.length * 8 }, usages, copyBytes(data));
  }

  // The usages an AES key may have: AES-KW only wraps.
  function aesUsages(name) {
    return name === 'AES-KW' ? WRAP_KEY | UNWRAP_KEY : ENCRYPT | DECRYPT | WRAP_KEY | UNWRAP_KEY;
  }

  function aesKeyLength(length) {
    if (length !== 128 && length !== 192 && length !== 256) {
      throw operationError(`An AES key must be 128, 192 or 256 bits long, not ${length}`);
    }
    return length;
  }

  // AES-CBC (PKCS #7 padding), AES-CTR and AES-KW, with the host.
  function aesMode(encrypt, normalized, key, data) {
    const name = normalized.name;
    let iv = normalized.iv, counterLength = 0, out;
    if (name === 'AES-CBC') {
      if (iv.length !== 16) throw operationError(`The AES-CBC IV must be 16 bytes, not ${iv.length}`);
      out = new Uint8Array(encrypt ? data.length - (data.length % 16) + 16 : data.length);
    } else if (name === 'AES-CTR') {
      iv = normalized.counter;
      counterLength = normalized.length;
      if (iv.length !== 16) throw operationError(`The AES-CTR counter must be 16 bytes, not ${iv.length}`);
      if (counterLength === 0 || counterLength > 128) {
        throw operationError(`The AES-CTR counter length must be between 1 and 128 bits, not ${counterLength}`);
      }
      out = new Uint8Array(data.length);
    } else { // AES-KW
      iv = new Uint8Array(0);
      if (data.length % 8 !== 0 || data.length < (encrypt ? 16 : 24)) {
        throw operationError(`AES-KW ${encrypt ? 'wraps' : 'unwraps'} a multiple of 8 bytes, at least ${encrypt ? 16 : 24}, not ${data.length}`);
      }
      out = new Uint8Array(encrypt ? data.length + 8 : data.length - 8);
    }
    const length = subtleAes(name, encrypt, key.material, iv, counterLength, data, out);
    if (length < 0) {
      if (name === 'AES-CTR') throw operationError('The AES-CTR counter would repeat: the data is too long for the counter length');
      throw operationError(`The data could not be ${encrypt ? 'encrypted' : 'decrypted'} with ${name}`);
    }
    return bufferOf(length === out.length ? out : copyBytes(TypedArraySubarray(out, 0, length)));
  }

  function cipher(encrypt, normalized, key, data) {
    switch (normalized.name) {
      case 'AES-GCM': return aesGcm(encrypt, normalized, key, data);
      case 'RSA-OAEP': return rsaOaep(encrypt, normalized, key, data);
      default: return aesMode(encrypt, normalized, key, data);
    }
  }

  function exportSecret(format, key, jwkAlg) {
    if (format === 'raw') return bufferOf(copyBytes(key.material));
    if (format === 'jwk') {
      return { alg: jwkAlg, ext: key.extractable, k: base64urlEncode(key.material), key_ops: usageList(key.usages), kty: 'oct' };
    }
    throw notSupported(`${key.algorithm.name} keys cannot be exported as '${format}'`);
  }

  // AES-GCM as the standard defines it: the ciphertext followed by the tag.
  function aesGcm(encrypt, normalized, key, data) {
    const tagLength = normalized.tagLength === undefined ? 128 : normalized.tagLength;
    if (tagLength !== 32 && tagLength !== 64 && (tagLength < 96 || tagLength > 128 || tagLength % 8 !== 0)) {
      throw operationError(`${tagLength} is not a valid AES-GCM tag length (32, 64, 96, 104, 112, 120 or 128)`);
    }
    const tagBytes = tagLength >> 3;
    const iv = normalized.iv;
    if (iv.length === 0) throw operationError('The AES-GCM IV must not be empty');
    const additionalData = normalized.additionalData === undefined ? new Uint8Array(0) : normalized.additionalData;
    if (!encrypt && data.length < tagBytes) {
      throw operationError(`The ciphertext (${data.length} bytes) is shorter than the ${tagLength}-bit tag`);
    }
    const out = new Uint8Array(encrypt ? data.length + tagBytes : data.length - tagBytes);
    const result = subtleAesGcm(encrypt, key.material, iv, additionalData, tagBytes, data, out);
    if (result === 2) {
      throw notSupported(`AES-GCM IVs of ${iv.length} bytes are not supported here; use 12 bytes (recommended) or 16`);
    }
    if (result !== 0) throw operationError('The data could not be decrypted: it is not authentic for this key, IV, additional data and tag length');
    return bufferOf(out);
  }

  // ---- Elliptic curves: ECDSA and ECDH on P-256, P-384, P-521; Ed25519, X25519 -------------

  // Sizes of the key material the host reads and writes: the private scalar or seed, and
  // the public key (an uncompressed point for the NIST curves).
  const privateSizes = { __proto__: null, 'P-256': 32, 'P-384': 48, 'P-521': 66, Ed25519: 32, X25519: 32 };
  const publicSizes = { __proto__: null, 'P-256': 65, 'P-384': 97, 'P-521': 133, Ed25519: 32, X25519: 32 };
  const ecdsaJwkAlg = { __proto__: null, 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
  const DER_CAPACITY = 256;

  // The curve an ECDSA or ECDH key uses, after the standard's checks on `namedCurve`.
  function ecdsaCurve(namedCurve, forImport) {
    if (namedCurve === 'P-256' || namedCurve === 'P-384' || namedCurve === 'P-521') return namedCurve;
    if (forImport) throw dataError(`'${namedCurve}' is not a named curve`);
    throw notSupported(`'${namedCurve}' is not a supported named curve`);
  }

  function generateKeyPair(curve, algorithm, extractable, usages, privateUsage, publicUsage) {
    const privateBytes = new Uint8Array(privateSizes[curve]);
    const publicBytes = new Uint8Array(publicSizes[curve]);
    subtleGenerateKeyPair(curve, privateBytes, publicBytes);
    return {
      privateKey: newKey('private', extractable, algorithm, usages & privateUsage, privateBytes, publicBytes),
      publicKey: newKey('public', true, algorithm, usages & publicUsage, publicBytes),
    };
  }

  // Reads key material of `curve` with the host: `{ privateBytes, publicBytes }`, or a
  // DataError when it is not a valid key. (Objects, not arrays, are returned here and
  // below: array destructuring would run user code patched into Array.prototype.)
  function readCurveKey(curve, format, bytes, what) {
    const isPrivate = format === 'private' || format === 'pkcs8';
    const privateBytes = isPrivate ? new Uint8Array(privateSizes[curve]) : undefined;
    const publicBytes = new Uint8Array(publicSizes[curve]);
    if (!subtleImportKey(curve, format, bytes, privateBytes, publicBytes)) {
      throw dataError(`The key data is not a valid ${what}`);
    }
    return { privateBytes, publicBytes };
  }

  // The usages of the private and the public key of a key pair, by algorithm.
  const pairUsages = {
    __proto__: null,
    ECDSA: [SIGN, VERIFY], Ed25519: [SIGN, VERIFY], ECDH: [DERIVE_KEY | DERIVE_BITS, 0],
    X25519: [DERIVE_KEY | DERIVE_BITS, 0], 'RSASSA-PKCS1-v1_5': [SIGN, VERIFY], 'RSA-PSS': [SIGN, VERIFY],
    'RSA-OAEP': [DECRYPT | UNWRAP_KEY, ENCRYPT | WRAP_KEY],
  };

  function checkPrivateUsages(name, usages) {
    checkUsages(usages, pairUsages[name][0], `a private ${name} key`);
  }

  function checkPublicUsages(name, usages) {
    checkUsages(usages, pairUsages[name][1], `a public ${name} key`);
  }

  // The checks that JWK imports of key pairs share.
  function checkCurveJwkUsages(jwk, usages, name) {
    if (jwk.d !== undefined) checkPrivateUsages(name, usages);
    else checkPublicUsages(name, usages);
  }

  // ECDSA and ECDH keys.
  function importEcdsa(format, keyData, normalized, extractable, usages) {
    const name = normalized.name;
    const namedCurve = normalized.namedCurve;
    const what = `${namedCurve} ${name} key`;
    const algorithm = { name, namedCurve };
    if (format === 'raw' || format === 'spki') {
      checkPublicUsages(name, usages);
      const curve = ecdsaCurve(namedCurve, true);
      const { publicBytes } = readCurveKey(curve, format, keyData, `${format === 'raw' ? 'raw' : 'SPKI'} ${what}`);
      return newKey('public', extractable, algorithm, usages, publicBytes);
    }
    if (format === 'pkcs8') {
      checkPrivateUsages(name, usages);
      const curve = ecdsaCurve(namedCurve, true);
      const { privateBytes, publicBytes } = readCurveKey(curve, format, keyData, `PKCS #8 ${what}`);
      return newKey('private', extractable, algorithm, usages, privateBytes, publicBytes);
    }
    if (format !== 'jwk') throw notSupported(`${name} keys cannot be imported from '${format}'`);
    const jwk = keyData;
    checkCurveJwkUsages(jwk, usages, name);
    if (jwk.kty !== 'EC') throw dataError(`The JWK 'kty' member of an ${name} key must be 'EC'`);
    checkJwkCommon(jwk, usages, extractable, name === 'ECDSA' ? 'sig' : 'enc');
    if (jwk.crv !== namedCurve) {
      throw dataError(`The JWK 'crv' member (${jwk.crv}) is not the requested curve ${namedCurve}`);
    }
    const curve = ecdsaCurve(namedCurve, true);
    if (name === 'ECDSA' && jwk.alg !== undefined && jwk.alg !== ecdsaJwkAlg[curve]) {
      throw dataError(`The JWK 'alg' member must be '${ecdsaJwkAlg[curve]}' for ${curve}, not '${jwk.alg}'`);
    }
    const x = decodeJwkMember(jwk, 'x', `an ${name} key`);
    const y = decodeJwkMember(jwk, 'y', `an ${name} key`);
    const size = privateSizes[curve];
    if (x.length !== size || y.length !== size) {
      throw dataError(`The JWK 'x' and 'y' members of a ${curve} key must be ${size} bytes`);
    }
    const point = new Uint8Array(publicSizes[curve]);
    point[0] = 4;
    TypedArraySet(point, x, 1);
    TypedArraySet(point, y, 1 + size);
    const { publicBytes } = readCurveKey(curve, 'raw', point, `JWK ${what}`);
    if (jwk.d === undefined) return newKey('public', extractable, algorithm, usages, publicBytes);
    const d = decodeJwkMember(jwk, 'd', `an ${name} key`);
    const { privateBytes, publicBytes: derived } = readCurveKey(curve, 'private', d, `JWK ${what}`);
    if (!sameBytes(derived, publicBytes)) throw dataError("The JWK 'x' and 'y' members are not the public key of 'd'");
    return newKey('private', extractable, algorithm, usages, privateBytes, publicBytes);
  }

  // Ed25519 and X25519 keys.
  function importEd25519(format, keyData, normalized, extractable, usages) {
    const name = normalized.name;
    const algorithm = { name };
    if (format === 'raw' || format === 'spki') {
      checkPublicUsages(name, usages);
      const { publicBytes } = readCurveKey(name, format, keyData, format === 'raw' ? `raw ${name} key (32 bytes)` : `SPKI ${name} key`);
      return newKey('public', extractable, algorithm, usages, publicBytes);
    }
    if (format === 'pkcs8') {
      checkPrivateUsages(name, usages);
      const { privateBytes, publicBytes } = readCurveKey(name, format, keyData, `PKCS #8 ${name} key`);
      return newKey('private', extractable, algorithm, usages, privateBytes, publicBytes);
    }
    if (format !== 'jwk') throw notSupported(`${name} keys cannot be imported from '${format}'`);
    const jwk = keyData;
    checkCurveJwkUsages(jwk, usages, name);
    if (jwk.kty !== 'OKP') throw dataError(`The JWK 'kty' member of an ${name} key must be 'OKP'`);
    if (jwk.crv !== name) throw dataError(`The JWK 'crv' member of an ${name} key must be '${name}'`);
    if (name === 'Ed25519' && jwk.alg !== undefined && jwk.alg !== 'Ed25519' && jwk.alg !== 'EdDSA') {
      throw dataError(`The JWK 'alg' member of an Ed25519 key must be 'Ed25519' or 'EdDSA', not '${jwk.alg}'`);
    }
    checkJwkCommon(jwk, usages, extractable, name === 'Ed25519' ? 'sig' : 'enc');
    const x = decodeJwkMember(jwk, 'x', `an ${name} key`);
    const { publicBytes } = readCurveKey(name, 'raw', x, `JWK ${name} key ('x' must be 32 bytes)`);
    if (jwk.d === undefined) return newKey('public', extractable, algorithm, usages, publicBytes);
    const d = decodeJwkMember(jwk, 'd', `an ${name} key`);
    const { privateBytes, publicBytes: derived } = readCurveKey(name, 'private', d, `JWK ${name} key ('d' must be 32 bytes)`);
    if (!sameBytes(derived, publicBytes)) throw dataError("The JWK 'x' member is not the public key of 'd'");
    return newKey('private', extractable, algorithm, usages, privateBytes, publicBytes);
  }

  function exportCurveKey(format, key, curve) {
    const name = key.algorithm.name;
    if (format === 'raw' || format === 'spki') {
      if (key.type !== 'public') throw invalidAccess(`Only public ${name} keys can be exported as '${format}'`);
      if (format === 'raw') return bufferOf(copyBytes(key.material));
    } else if (format === 'pkcs8') {
      if (key.type !== 'private') throw invalidAccess(`Only private ${name} keys can be exported as 'pkcs8'`);
    } else if (format === 'jwk') {
      const publicBytes = key.type === 'private' ? key.publicMaterial : key.material;
      const okp = curve === 'Ed25519' || curve === 'X25519';
      const jwk = {};
      if (curve === 'Ed25519') jwk.alg = 'Ed25519';
      jwk.crv = curve;
      if (key.type === 'private') jwk.d = base64urlEncode(key.material);
      jwk.ext = key.extractable;
      jwk.key_ops = usageList(key.usages);
      jwk.kty = okp ? 'OKP' : 'EC';
      if (okp) {
        jwk.x = base64urlEncode(publicBytes);
      } else {
        const size = privateSizes[curve];
        jwk.x = base64urlEncode(TypedArraySubarray(publicBytes, 1, 1 + size));
        jwk.y = base64urlEncode(TypedArraySubarray(publicBytes, 1 + size, 1 + 2 * size));
      }
      return jwk;
    } else {
      throw notSupported(`${name} keys cannot be exported as '${format}'`);
    }
    const out = new Uint8Array(DER_CAPACITY);
    const length = subtleExportKey(curve, format, key.material, out);
    if (length < 0) throw operationError(`The ${name} key could not be encoded as '${format}'`);
    return bufferOf(copyBytes(TypedArraySubarray(out, 0, length)));
  }

  // ---- RSA: RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP ------------------------------------------
  //
  // A private key's material is its PKCS #8 encoding, a public key's its SPKI encoding; the
  // host reads them for each operation. JWK members cross as a list of length-prefixed
  // big-endian integers.

  const rsaJwkAlgs = {
    __proto__: null,
    'RSASSA-PKCS1-v1_5': { __proto__: null, 'SHA-1': 'RS1', 'SHA-256': 'RS256', 'SHA-384': 'RS384', 'SHA-512': 'RS512' },
    'RSA-PSS': { __proto__: null, 'SHA-1': 'PS1', 'SHA-256': 'PS256', 'SHA-384': 'PS384', 'SHA-512': 'PS512' },
    'RSA-OAEP': {
      __proto__: null, 'SHA-1': 'RSA-OAEP', 'SHA-256': 'RSA-OAEP-256', 'SHA-384': 'RSA-OAEP-384', 'SHA-512': 'RSA-OAEP-512',
    },
  };
  const RSA_MIN_BITS = 1024, RSA_MAX_BITS = 8192;
  // Room for a key's DER or its JWK members: a modulus of `bits` bits has about 4.5 times
  // its size in private numbers.
  const rsaCapacity = (bits) => ((bits + 7) >> 3) * 5 + 256;
  const rsaMemberNames = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];

  function readList(bytes) {
    const items = [];
    let at = 0;
    while (at + 4 <= bytes.length) {
      const length = ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
      items[items.length] = TypedArraySubarray(bytes, at + 4, at + 4 + length);
      at += 4 + length;
    }
    return items;
  }

  function writeList(items) {
    let total = 0;
    for (let index = 0; index < items.length; index++) total += 4 + items[index].length;
    const bytes = new Uint8Array(total);
    let at = 0;
    for (let index = 0; index < items.length; index++) {
      const length = items[index].length;
      bytes[at] = length >>> 24;
      bytes[at + 1] = (length >>> 16) & 0xff;
      bytes[at + 2] = (length >>> 8) & 0xff;
      bytes[at + 3] = length & 0xff;
      TypedArraySet(bytes, items[index], at + 4);
      at += 4 + length;
    }
    return bytes;
  }

  // The JWK members of an RSA key (n, e; and d, p, q, dp, dq, qi for a private key).
  function rsaMembers(der, isPrivate) {
    const out = new Uint8Array(der.length + 64);
    const length = subtleRsaExport(isPrivate, der, out);
    if (length < 0) throw operationError('The RSA key could not be read');
    return readList(TypedArraySubarray(out, 0, length));
  }

  // The key's algorithm: its modulus length in bits and public exponent.
  function rsaAlgorithm(name, hash, der, isPrivate) {
    const members = rsaMembers(der, isPrivate);
    const n = members[0];
    let bits = n.length * 8;
    for (let top = n.length === 0 ? 0 : n[0]; top < 0x80 && bits > 0; top <<= 1) bits--;
    return { name, modulusLength: bits, publicExponent: copyBytes(members[1]), hash };
  }

  function rsaPublicOf(privateDer) {
    const out = new Uint8Array(privateDer.length);
    const length = subtleRsaPublic(privateDer, out);
    if (length < 0) throw operationError('The RSA key could not be read');
    return copyBytes(TypedArraySubarray(out, 0, length));
  }

  function generateRsa(normalized, extractable, usages) {
    const name = normalized.name;
    checkUsages(usages, pairUsages[name][0] | pairUsages[name][1], `${name} keys`);
    const bits = normalized.modulusLength;
    if (bits < RSA_MIN_BITS || bits > RSA_MAX_BITS || bits % 8 !== 0) {
      throw operationError(`The RSA modulus length must be a multiple of 8 from ${RSA_MIN_BITS} to ${RSA_MAX_BITS} bits here, not ${bits}`);
    }
    const out = new Uint8Array(rsaCapacity(bits));
    const length = subtleRsaGenerate(bits, normalized.publicExponent, out);
    if (length === -1) throw operationError('The RSA public exponent must be an odd number greater than 1 and below 2^33');
    if (length < 0) throw operationError('The RSA key generation was stopped');
    const privateDer = copyBytes(TypedArraySubarray(out, 0, length));
    const publicDer = rsaPublicOf(privateDer);
    const algorithm = rsaAlgorithm(name, normalized.hash.name, publicDer, false);
    return {
      privateKey: newKey('private', extractable, algorithm, usages & pairUsages[name][0], privateDer),
      publicKey: newKey('public', true, algorithm, usages & pairUsages[name][1], publicDer),
    };
  }

  function rsaImport(format, data, capacity, what) {
    const out = new Uint8Array(capacity);
    const length = subtleRsaImport(format, data, out);
    if (length < 0) throw dataError(`The key data is not a valid ${what}`);
    return copyBytes(TypedArraySubarray(out, 0, length));
  }

  function importRsa(format, keyData, normalized, extractable, usages) {
    const name = normalized.name;
    const hash = normalized.hash.name;
    let der, isPrivate;
    if (format === 'spki') {
      checkPublicUsages(name, usages);
      der = rsaImport('spki', keyData, keyData.length + 64, `SPKI ${name} key`);
      isPrivate = false;
    } else if (format === 'pkcs8') {
      checkPrivateUsages(name, usages);
      der = rsaImport('pkcs8', keyData, keyData.length * 2 + 256, `PKCS #8 ${name} key`);
      isPrivate = true;
    } else if (format === 'jwk') {
      const jwk = keyData;
      isPrivate = jwk.d !== undefined;
      checkCurveJwkUsages(jwk, usages, name);
      if (jwk.kty !== 'RSA') throw dataError(`The JWK 'kty' member of an ${name} key must be 'RSA'`);
      checkJwkCommon(jwk, usages, extractable, name === 'RSA-OAEP' ? 'enc' : 'sig');
      const alg = rsaJwkAlgs[name][hash];
      if (jwk.alg !== undefined && jwk.alg !== alg) {
        throw dataError(`The JWK 'alg' member must be '${alg}' for ${name} with ${hash}, not '${jwk.alg}'`);
      }
      const what = `an ${name} key`;
      const items = [decodeJwkMember(jwk, 'n', what), decodeJwkMember(jwk, 'e', what)];
      if (isPrivate) {
        // All of p, q, dp, dq and qi, as workerd asks. (The standard allows a private JWK of
        // n, e and d alone; sandbox does not take one.)
        for (let index = 2; index < rsaMemberNames.length; index++) {
          items[index] = decodeJwkMember(jwk, rsaMemberNames[index], what);
        }
      }
      const data = writeList(items);
      der = rsaImport(isPrivate ? 'jwk-private' : 'jwk-public', data, data.length * 2 + 256, `JWK ${name} key`);
    } else {
      throw notSupported(`${name} keys cannot be imported from '${format}'`);
    }
    const algorithm = rsaAlgorithm(name, hash, der, isPrivate);
    return newKey(isPrivate ? 'private' : 'public', extractable, algorithm, usages, der);
  }

  function exportRsa(format, key) {
    const name = key.algorithm.name;
    if (format === 'spki' || format === 'pkcs8') {
      const type = format === 'spki' ? 'public' : 'private';
      if (key.type !== type) throw invalidAccess(`Only ${type} ${name} keys can be exported as '${format}'`);
      return bufferOf(copyBytes(key.material));
    }
    if (format !== 'jwk') throw notSupported(`${name} keys cannot be exported as '${format}'`);
    const isPrivate = key.type === 'private';
    const members = rsaMembers(key.material, isPrivate);
    const jwk = { alg: rsaJwkAlgs[name][key.algorithm.hash] };
    if (isPrivate) {
      jwk.d = base64urlEncode(members[2]);
      jwk.dp = base64urlEncode(members[5]);
      jwk.dq = base64urlEncode(members[6]);
    }
    jwk.e = base64urlEncode(members[1]);
    jwk.ext = key.extractable;
    jwk.key_ops = usageList(key.usages);
    jwk.kty = 'RSA';
    jwk.n = base64urlEncode(members[0]);
    if (isPrivate) {
      jwk.p = base64urlEncode(members[3]);
      jwk.q = base64urlEncode(members[4]);
      jwk.qi = base64urlEncode(members[7]);
    }
    return jwk;
  }

  function rsaSign(normalized, key, data) {
    const out = new Uint8Array((key.algorithm.modulusLength + 7) >> 3);
    const saltLength = normalized.name === 'RSA-PSS' ? normalized.saltLength : 0;
    const length = subtleRsaSign(normalized.name, key.algorithm.hash, key.material, data, saltLength, out);
    if (length < 0) {
      throw operationError(`The ${normalized.name} key could not sign this way (a salt of ${saltLength} bytes is too long for the key)`);
    }
    return bufferOf(length === out.length ? out : copyBytes(TypedArraySubarray(out, 0, length)));
  }

  function rsaVerify(normalized, key, signature, data) {
    const saltLength = normalized.name === 'RSA-PSS' ? normalized.saltLength : 0;
    return subtleRsaVerify(normalized.name, key.algorithm.hash, key.material, data, signature, saltLength);
  }

  function rsaOaep(encrypt, normalized, key, data) {
    const type = encrypt ? 'public' : 'private';
    if (key.type !== type) {
      throw invalidAccess(`RSA-OAEP ${encrypt ? 'encryption' : 'decryption'} needs a ${type} key, not a ${key.type} one`);
    }
    const label = normalized.label === undefined ? new Uint8Array(0) : normalized.label;
    const out = new Uint8Array((key.algorithm.modulusLength + 7) >> 3);
    const length = subtleRsaOaep(encrypt, key.algorithm.hash, key.material, label, data, out);
    if (length < 0) {
      throw operationError(encrypt ? 'The data is too long for RSA-OAEP with this key and hash' : 'The data could not be decrypted');
    }
    return bufferOf(copyBytes(TypedArraySubarray(out, 0, length)));
  }

  // ---- ECDH, X25519 and PBKDF2 ------------------------------------------------------------

  function ecdhBits(normalized, key, length) {
    const name = normalized.name;
    const publicKey = normalized.public;
    if (key.type !== 'private') throw invalidAccess(`${name} needs a private base key, not a ${key.type} one`);
    if (publicKey.type !== 'public') throw invalidAccess(`The ${name} 'public' member must be a public key, not a ${publicKey.type} one`);
    if (publicKey.algorithm.name !== name) {
      throw invalidAccess(`The ${name} 'public' member is a key for ${publicKey.algorithm.name}, not ${name}`);
    }
    const curve = name === 'X25519' ? 'X25519' : key.algorithm.namedCurve;
    if (name === 'ECDH' && publicKey.algorithm.namedCurve !== curve) {
      throw invalidAccess(`The ECDH 'public' member is a ${publicKey.algorithm.namedCurve} key, not a ${curve} one`);
    }
    const secret = new Uint8Array(name === 'X25519' ? 32 : privateSizes[curve]);
    if (!subtleEcdh(curve, key.material, publicKey.material, secret)) {
      throw operationError(`The ${name} shared secret could not be computed with this public key`);
    }
    if (length === null) return secret;
    if (length > secret.length * 8) {
      throw operationError(`${name} on ${curve} derives at most ${secret.length * 8} bits, not ${length}`);
    }
    return firstBits(secret, length);
  }

  function pbkdf2Bits(normalized, key, length) {
    if (length === null || length % 8 !== 0) throw operationError('PBKDF2 needs a length that is a multiple of 8');
    if (normalized.iterations === 0) throw operationError('PBKDF2 needs at least one iteration');
    const out = new Uint8Array(length >> 3);
    if (!subtlePbkdf2(normalized.hash.name, key.material, normalized.salt, normalized.iterations, out)) {
      throw operationError('PBKDF2 was stopped');
    }
    return out;
  }

  function bitsFor(normalized, key, length) {
    switch (normalized.name) {
      case 'HKDF': return hkdfBits(normalized, key, length);
      case 'PBKDF2': return pbkdf2Bits(normalized, key, length);
      default: return ecdhBits(normalized, key, length);
    }
  }

  // ---- The operations ------------------------------------------------------------------

  function checkKeyFor(normalized, key, usage, operation) {
    if (normalized.name !== key.algorithm.name) {
      throw invalidAccess(`The key is for ${key.algorithm.name}, not ${normalized.name}`);
    }
    if (!(key.usages & usage)) throw invalidAccess(`The key does not allow '${operation}'`);
  }

  function encrypt(algorithm, key, data) {
    algorithm = toAlgorithmIdentifier(algorithm);
    key = toCryptoKey(key, 'encrypt', 2);
    data = toBufferSource(data, "Failed to execute 'encrypt' on 'SubtleCrypto': parameter 3");
    const normalized = normalize('encrypt', algorithm);
    checkKeyFor(normalized, key, ENCRYPT, 'encrypt');
    return cipher(true, normalized, key, data);
  }

  function decrypt(algorithm, key, data) {
    algorithm = toAlgorithmIdentifier(algorithm);
    key = toCryptoKey(key, 'decrypt', 2);
    data = toBufferSource(data, "Failed to execute 'decrypt' on 'SubtleCrypto': parameter 3");
    const normalized = normalize('decrypt', algorithm);
    checkKeyFor(normalized, key, DECRYPT, 'decrypt');
    return cipher(false, normalized, key, data);
  }

  function signatureKey(normalized, key, type) {
    if (normalized.name !== 'HMAC' && key.type !== type) {
      throw invalidAccess(`${normalized.name} ${type === 'private' ? 'signing' : 'verification'} needs a ${type} key, not a ${key.type} one`);
    }
    // ECDSA takes the hash per call; HMAC's and RSA's is the key's.
    return normalized.name === 'ECDSA' ? normalized.hash.name : key.algorithm.hash;
  }

  function sign(algorithm, key, data) {
    algorithm = toAlgorithmIdentifier(algorithm);
    key = toCryptoKey(key, 'sign', 2);
    data = toBufferSource(data, "Failed to execute 'sign' on 'SubtleCrypto': parameter 3");
    const normalized = normalize('sign', algorithm);
    checkKeyFor(normalized, key, SIGN, 'sign');
    const hash = signatureKey(normalized, key, 'private');
    if (normalized.name === 'RSASSA-PKCS1-v1_5' || normalized.name === 'RSA-PSS') return rsaSign(normalized, key, data);
    const out = new Uint8Array(normalized.name === 'HMAC' ? digestLength[hash]
      : normalized.name === 'ECDSA' ? 2 * privateSizes[key.algorithm.namedCurve] : 64);
    if (!subtleSign(normalized.name, hash, key.material, data, out)) {
      throw operationError(`The ${normalized.name} key could not be used to sign`);
    }
    return bufferOf(out);
  }

  function verify(algorithm, key, signature, data) {
    algorithm = toAlgorithmIdentifier(algorithm);
    key = toCryptoKey(key, 'verify', 2);
    signature = toBufferSource(signature, "Failed to execute 'verify' on 'SubtleCrypto': parameter 3");
    data = toBufferSource(data, "Failed to execute 'verify' on 'SubtleCrypto': parameter 4");
    const normalized = normalize('verify', algorithm);
    checkKeyFor(normalized, key, VERIFY, 'verify');
    const hash = signatureKey(normalized, key, 'public');
    if (normalized.name === 'RSASSA-PKCS1-v1_5' || normalized.name === 'RSA-PSS') {
      return rsaVerify(normalized, key, signature, data);
    }
    return subtleVerify(normalized.name, hash, key.material, data, signature);
  }

  function digest(algorithm, data) {
    algorithm = toAlgorithmIdentifier(algorithm);
    data = toBufferSource(data, "Failed to execute 'digest' on 'SubtleCrypto': parameter 2");
    const normalized = normalize('digest', algorithm);
    const out = new Uint8Array(digestLength[normalized.name]);
    subtleDigest(normalized.name, data, out);
    return bufferOf(out);
  }

  function generate(normalized, extractable, usages) {
    switch (normalized.name) {
      case 'HMAC': {
        checkUsages(usages, SIGN | VERIFY, 'an HMAC key');
        const hash = normalized.hash.name;
        const length = normalized.length === undefined ? blockBits[hash] : normalized.length;
        if (length === 0) throw operationError('An HMAC key length must not be 0');
        return newKey('secret', extractable, { name: 'HMAC', hash, length }, usages,
          firstBits(randomBytes((length + 7) >> 3), length));
      }
      case 'AES-GCM': case 'AES-CBC': case 'AES-CTR': case 'AES-KW': {
        const name = normalized.name;
        checkUsages(usages, aesUsages(name), `an ${name} key`);
        const length = aesKeyLength(normalized.length);
        return newKey('secret', extractable, { name, length }, usages, randomBytes(length >> 3));
      }
      case 'RSASSA-PKCS1-v1_5': case 'RSA-PSS': case 'RSA-OAEP':
        return generateRsa(normalized, extractable, usages);
      case 'ECDSA': case 'ECDH': {
        const name = normalized.name;
        checkUsages(usages, pairUsages[name][0] | pairUsages[name][1], `${name} keys`);
        const curve = ecdsaCurve(normalized.namedCurve, false);
        return generateKeyPair(curve, { name, namedCurve: curve }, extractable, usages, pairUsages[name][0], pairUsages[name][1]);
      }
      default: { // Ed25519, X25519
        const name = normalized.name;
        checkUsages(usages, pairUsages[name][0] | pairUsages[name][1], `${name} keys`);
        return generateKeyPair(name, { name }, extractable, usages, pairUsages[name][0], pairUsages[name][1]);
      }
    }
  }

  function checkNotUnusable(result) {
    const key = isCryptoKey(result) ? result : result.privateKey;
    const slots = keySlots(key);
    if (slots.type !== 'public' && slots.usages === 0) {
      throw syntaxError(`A ${slots.type} key must have at least one usage`);
    }
    return result;
  }

  function generateKey(algorithm, extractable, keyUsages) {
    algorithm = toAlgorithmIdentifier(algorithm);
    extractable = !!extractable;
    const usages = toKeyUsages(keyUsages, 'generateKey');
    const normalized = normalize('generateKey', algorithm);
    return checkNotUnusable(generate(normalized, extractable, usages));
  }

  // The (BufferSource or JsonWebKey) argument of importKey: `{ isJwk, data }`.
  function toKeyData(value, method) {
    const bytes = bufferSourceOrUndefined(value);
    if (bytes !== undefined) return { isJwk: false, data: bytes };
    if (value === undefined || value === null || isObject(value)) {
      return { isJwk: true, data: toJsonWebKey(value, method) };
    }
    throw argumentError(method, "parameter 2 is not of type '(ArrayBuffer or ArrayBufferView or JsonWebKey)'.");
  }

  function importNormalized(format, isJwk, keyData, normalized, extractable, usages) {
    if (format === 'jwk' && !isJwk) throw new TypeError("Key data for the 'jwk' format must be a JsonWebKey object");
    if (format !== 'jwk' && isJwk) {
      throw new TypeError(`Key data for the '${format}' format must be an ArrayBuffer or an ArrayBufferView`);
    }
    let key;
    switch (normalized.name) {
      case 'HMAC': key = importHmac(format, keyData, normalized, extractable, usages); break;
      case 'AES-GCM': case 'AES-CBC': case 'AES-CTR': case 'AES-KW':
        key = importAes(format, keyData, normalized, extractable, usages);
        break;
      case 'RSASSA-PKCS1-v1_5': case 'RSA-PSS': case 'RSA-OAEP':
        key = importRsa(format, keyData, normalized, extractable, usages);
        break;
      case 'ECDSA': case 'ECDH': key = importEcdsa(format, keyData, normalized, extractable, usages); break;
      case 'Ed25519': case 'X25519': key = importEd25519(format, keyData, normalized, extractable, usages); break;
      default: { // HKDF, PBKDF2
        const name = normalized.name;
        if (format !== 'raw') throw notSupported(`${name} keys cannot be imported from '${format}'`);
        checkUsages(usages, DERIVE_KEY | DERIVE_BITS, `an ${name} key`);
        if (extractable) throw syntaxError(`${name} keys cannot be extractable`);
        key = newKey('secret', false, { name }, usages, copyBytes(keyData));
      }
    }
    return checkNotUnusable(key);
  }

  function importKey(format, keyData, algorithm, extractable, keyUsages) {
    format = toKeyFormat(format, 'importKey');
    const { isJwk, data } = toKeyData(keyData, 'importKey');
    algorithm = toAlgorithmIdentifier(algorithm);
    extractable = !!extractable;
    const usages = toKeyUsages(keyUsages, 'importKey');
    const normalized = normalize('importKey', algorithm);
    return importNormalized(format, isJwk, data, normalized, extractable, usages);
  }

  function exportSlots(format, key) {
    const name = key.algorithm.name;
    if (name === 'HKDF' || name === 'PBKDF2') throw notSupported(`${name} keys cannot be exported`);
    if (!key.extractable) throw invalidAccess(`The ${name} key is not extractable`);
    switch (name) {
      case 'HMAC': return exportSecret(format, key, hmacJwkAlg[key.algorithm.hash]);
      case 'AES-GCM': case 'AES-CBC': case 'AES-CTR': case 'AES-KW':
        return exportSecret(format, key, aesJwkAlgs[name][key.material.length]);
      case 'RSASSA-PKCS1-v1_5': case 'RSA-PSS': case 'RSA-OAEP': return exportRsa(format, key);
      case 'ECDSA': case 'ECDH': return exportCurveKey(format, key, key.algorithm.namedCurve);
      default: return exportCurveKey(format, key, name); // Ed25519, X25519
    }
  }

  function exportKey(format, key) {
    format = toKeyFormat(format, 'exportKey');
    key = toCryptoKey(key, 'exportKey', 2);
    return exportSlots(format, key);
  }

  function hkdfBits(normalized, key, length) {
    if (length === null || length % 8 !== 0) {
      throw operationError('HKDF needs a length that is a multiple of 8');
    }
    const out = new Uint8Array(length >> 3);
    if (!subtleHkdf(normalized.hash.name, key.material, normalized.salt, normalized.info, out)) {
      throw operationError(`HKDF with ${normalized.hash.name} cannot derive ${length} bits`);
    }
    return out;
  }

  function deriveBits(algorithm, baseKey, length) {
    algorithm = toAlgorithmIdentifier(algorithm);
    const key = toCryptoKey(baseKey, 'deriveBits', 2);
    // `optional unsigned long? length = null`, without [EnforceRange].
    length = length === undefined || length === null ? null : +length >>> 0;
    const normalized = normalize('deriveBits', algorithm);
    checkKeyFor(normalized, key, DERIVE_BITS, 'deriveBits');
    return bufferOf(bitsFor(normalized, key, length));
  }

  // "Get key length" of a derived key's algorithm, in bits, or null.
  function keyLength(normalized) {
    switch (normalized.name) {
      case 'AES-GCM': case 'AES-CBC': case 'AES-CTR': case 'AES-KW': return aesKeyLength(normalized.length);
      case 'HMAC': {
        if (normalized.length === undefined) return blockBits[normalized.hash.name];
        if (normalized.length === 0) throw new TypeError('An HMAC key length must not be 0');
        return normalized.length;
      }
      default: return null; // HKDF, PBKDF2
    }
  }

  function deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
    algorithm = toAlgorithmIdentifier(algorithm);
    const key = toCryptoKey(baseKey, 'deriveKey', 2);
    derivedKeyType = toAlgorithmIdentifier(derivedKeyType);
    extractable = !!extractable;
    const usages = toKeyUsages(keyUsages, 'deriveKey');
    const normalized = normalize('deriveBits', algorithm);
    const importAlgorithm = normalize('importKey', derivedKeyType);
    const lengthAlgorithm = normalize('get key length', derivedKeyType);
    checkKeyFor(normalized, key, DERIVE_KEY, 'deriveKey');
    const bits = bitsFor(normalized, key, keyLength(lengthAlgorithm));
    return importNormalized('raw', false, bits, importAlgorithm, extractable, usages);
  }

  // The wrapping algorithm: one with a wrap operation of its own (AES-KW), or else one
  // that encrypts, as the standard's wrapKey and unwrapKey steps normalise it.
  function normalizeWrap(operation, algorithm) {
    try {
      return normalize(operation, algorithm);
    } catch {
      return normalize(operation === 'wrapKey' ? 'encrypt' : 'decrypt', algorithm);
    }
  }

  function wrapKey(format, key, wrappingKey, wrapAlgorithm) {
    format = toKeyFormat(format, 'wrapKey');
    key = toCryptoKey(key, 'wrapKey', 2);
    const wrapping = toCryptoKey(wrappingKey, 'wrapKey', 3);
    wrapAlgorithm = toAlgorithmIdentifier(wrapAlgorithm);
    const normalized = normalizeWrap('wrapKey', wrapAlgorithm);
    checkKeyFor(normalized, wrapping, WRAP_KEY, 'wrapKey');
    const exported = exportSlots(format, key);
    let bytes;
    if (format === 'jwk') {
      const json = JSONStringify(exported);
      bytes = new Uint8Array(utf8Length(json));
      encodeUtf8Into(json, bytes);
    } else {
      bytes = new Uint8Array(exported);
    }
    return cipher(true, normalized, wrapping, bytes);
  }

  function unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
    format = toKeyFormat(format, 'unwrapKey');
    const wrapped = toBufferSource(wrappedKey, "Failed to execute 'unwrapKey' on 'SubtleCrypto': parameter 2");
    const unwrapping = toCryptoKey(unwrappingKey, 'unwrapKey', 3);
    unwrapAlgorithm = toAlgorithmIdentifier(unwrapAlgorithm);
    unwrappedKeyAlgorithm = toAlgorithmIdentifier(unwrappedKeyAlgorithm);
    extractable = !!extractable;
    const usages = toKeyUsages(keyUsages, 'unwrapKey');
    const normalized = normalizeWrap('unwrapKey', unwrapAlgorithm);
    const importAlgorithm = normalize('importKey', unwrappedKeyAlgorithm);
    checkKeyFor(normalized, unwrapping, UNWRAP_KEY, 'unwrapKey');
    const bytes = new Uint8Array(cipher(false, normalized, unwrapping, wrapped));
    if (format !== 'jwk') return importNormalized(format, false, bytes, importAlgorithm, extractable, usages);
    // "Parse a JWK": UTF-8, JSON.parse (whose SyntaxError rejects), the JsonWebKey dictionary.
    const jwk = toJsonWebKey(JSONParse(decode('utf-8', bytes, false, true)), 'unwrapKey');
    if (jwk.kty === undefined) throw dataError("The unwrapped JWK has no 'kty' member");
    return importNormalized(format, true, jwk, importAlgorithm, extractable, usages);
  }

  // ---- SubtleCrypto --------------------------------------------------------------------

  const subtleToken = Symbol('SubtleCrypto');
  let isSubtle;

  // Runs `steps` with the arguments and turns its result or exception into a promise, as
  // Web IDL does for operations that return promises.
  function settle(receiver, method, required, args, steps) {
    try {
      if (!isSubtle(receiver)) throw new TypeError('Illegal invocation');
      if (args.length < required) {
        throw argumentError(method, `${required} argument${required === 1 ? '' : 's'} required, but only ${args.length} present.`);
      }
      return PromiseResolve(ReflectApply(steps, undefined, args));
    } catch (error) {
      return PromiseReject(error);
    }
  }

  class SubtleCrypto {
    #brand;
    constructor(token) {
      if (token !== subtleToken) throw new TypeError('Illegal constructor');
      this.#brand = true;
    }
    static {
      isSubtle = (value) => isObject(value) && #brand in value;
    }
    encrypt(algorithm, key, data) { return settle(this, 'encrypt', 3, arguments, encrypt); }
    decrypt(algorithm, key, data) { return settle(this, 'decrypt', 3, arguments, decrypt); }
    sign(algorithm, key, data) { return settle(this, 'sign', 3, arguments, sign); }
    verify(algorithm, key, signature, data) { return settle(this, 'verify', 4, arguments, verify); }
    digest(algorithm, data) { return settle(this, 'digest', 2, arguments, digest); }
    generateKey(algorithm, extractable, keyUsages) {
      return settle(this, 'generateKey', 3, arguments, generateKey);
    }
    deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
      return settle(this, 'deriveKey', 5, arguments, deriveKey);
    }
    deriveBits(algorithm, baseKey) { return settle(this, 'deriveBits', 2, arguments, deriveBits); }
    importKey(format, keyData, algorithm, extractable, keyUsages) {
      return settle(this, 'importKey', 5, arguments, importKey);
    }
    exportKey(format, key) { return settle(this, 'exportKey', 2, arguments, exportKey); }
    wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      return settle(this, 'wrapKey', 4, arguments, wrapKey);
    }
    unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
      return settle(this, 'unwrapKey', 7, arguments, unwrapKey);
    }
  }
  internals.webClass(SubtleCrypto);

  const subtle = new SubtleCrypto(subtleToken);
  internals.lazyDefine(crypto, 'subtle', subtle);
  internals.defineLazyGlobal('SubtleCrypto', SubtleCrypto);
  internals.defineLazyGlobal('CryptoKey', CryptoKey);
});
