//# allFunctionsCalledOnLoad
// `querystring`: Node.js's legacy `key=value&key=value` parser and serializer (`+` is a
// space, repeated keys make arrays, at most `maxKeys` keys), with `escape`/`unescape`.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    ArrayIsArray, ArrayPrototypePush, NumberIsFinite, ObjectKeys, String, StringPrototypeCharCodeAt,
    StringPrototypeIndexOf, StringPrototypeSlice, Uint8Array, TypedArrayPrototypeSubarray, encodeURIComponent,
    decodeURIComponent, safeArray,
  } = primordials;
  const decode = host.decode;
  const { define } = internals.nodeModule('internal/errors');

  const ERR_INVALID_URI = define('ERR_INVALID_URI', primordials.URIError, 'URI malformed');

  function hexValue(code) {
    if (code >= 48 && code <= 57) return code - 48;
    if (code >= 65 && code <= 70) return code - 55;
    if (code >= 97 && code <= 102) return code - 87;
    return -1;
  }

  // The bytes of `text` with `%XX` decoded (and `+` as a space when `decodeSpaces`).
  function unescapeBytes(text, decodeSpaces) {
    const bytes = new Uint8Array(text.length * 3);
    let length = 0;
    for (let index = 0; index < text.length; index++) {
      let code = StringPrototypeCharCodeAt(text, index);
      if (code === 43 && decodeSpaces) {
        bytes[length++] = 32;
        continue;
      }
      if (code === 37 && index + 2 < text.length) {
        const high = hexValue(StringPrototypeCharCodeAt(text, index + 1));
        const low = hexValue(StringPrototypeCharCodeAt(text, index + 2));
        if (high >= 0 && low >= 0) {
          bytes[length++] = high * 16 + low;
          index += 2;
          continue;
        }
      }
      // UTF-8 of the code unit (a lone surrogate becomes U+FFFD).
      if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
        const next = StringPrototypeCharCodeAt(text, index + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          index++;
        } else code = 0xfffd;
      } else if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
      if (code < 0x80) bytes[length++] = code;
      else if (code < 0x800) {
        bytes[length++] = 0xc0 | (code >> 6);
        bytes[length++] = 0x80 | (code & 63);
      } else if (code < 0x10000) {
        bytes[length++] = 0xe0 | (code >> 12);
        bytes[length++] = 0x80 | ((code >> 6) & 63);
        bytes[length++] = 0x80 | (code & 63);
      } else {
        bytes[length++] = 0xf0 | (code >> 18);
        bytes[length++] = 0x80 | ((code >> 12) & 63);
        bytes[length++] = 0x80 | ((code >> 6) & 63);
        bytes[length++] = 0x80 | (code & 63);
      }
    }
    return TypedArrayPrototypeSubarray(bytes, 0, length);
  }

  function unescapeBuffer(text, decodeSpaces = false) {
    const bytes = unescapeBytes(String(text), decodeSpaces);
    const { Buffer } = internals.nodeModule('buffer');
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  function qsUnescape(text, decodeSpaces) {
    try {
      return decodeURIComponent(text);
    } catch {
      return decode('utf-8', unescapeBytes(String(text), decodeSpaces), false, false);
    }
  }

  function qsEscape(text) {
    if (typeof text !== 'string') {
      if (typeof text === 'object') text = String(text);
      else text = `${text}`;
    }
    try {
      return encodeURIComponent(text);
    } catch {
      throw new ERR_INVALID_URI();
    }
  }

  function stringifyPrimitive(value) {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && NumberIsFinite(value)) return `${value}`;
    if (typeof value === 'bigint') return `${value}`;
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return '';
  }

  function encodeValue(value, encode) {
    return encode(stringifyPrimitive(value));
  }

  function stringify(object, separator, equals, options) {
    separator = separator || '&';
    equals = equals || '=';
    let encode = querystring.escape;
    if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent;
    if (object === null || typeof object !== 'object') return '';
    const keys = ObjectKeys(object);
    let result = '';
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      const value = object[key];
      const prefix = `${encode(stringifyPrimitive(key))}${equals}`;
      if (ArrayIsArray(value)) {
        for (let item = 0; item < value.length; item++) {
          if (result.length > 0) result += separator;
          result += `${prefix}${encodeValue(value[item], encode)}`;
        }
      } else {
        if (result.length > 0) result += separator;
        result += `${prefix}${encodeValue(value, encode)}`;
      }
    }
    return result;
  }

  function parse(text, separator, equals, options) {
    const result = { __proto__: null };
    if (typeof text !== 'string' || text.length === 0) return result;
    separator = separator ? String(separator) : '&';
    equals = equals ? String(equals) : '=';
    let maxKeys = 1000;
    if (options && typeof options.maxKeys === 'number') maxKeys = options.maxKeys;
    let decodeComponent = querystring.unescape;
    if (options && typeof options.decodeURIComponent === 'function') decodeComponent = options.decodeURIComponent;
    const decodeWith = (part) => {
      let plain = '';
      for (let index = 0; index < part.length; index++) {
        plain += part[index] === '+' ? ' ' : part[index];
      }
      if (StringPrototypeIndexOf(plain, '%') === -1) return plain;
      try {
        return decodeComponent(plain);
      } catch {
        return querystring.unescape(plain, true);
      }
    };
    let keys = 0;
    let start = 0;
    while (start <= text.length) {
      let end = StringPrototypeIndexOf(text, separator, start);
      if (end === -1) end = text.length;
      if (end > start || end === text.length) {
        const pair = StringPrototypeSlice(text, start, end);
        if (pair.length > 0) {
          if (maxKeys > 0 && keys >= maxKeys) break;
          const split = StringPrototypeIndexOf(pair, equals);
          const rawKey = split === -1 ? pair : StringPrototypeSlice(pair, 0, split);
          const rawValue = split === -1 ? '' : StringPrototypeSlice(pair, split + equals.length);
          const key = decodeWith(rawKey);
          const value = decodeWith(rawValue);
          const existing = result[key];
          if (existing === undefined) {
            result[key] = value;
            keys++;
          } else if (ArrayIsArray(existing)) {
            ArrayPrototypePush(existing, value);
          } else {
            result[key] = [existing, value];
          }
        }
      }
      if (end === text.length) break;
      start = end + separator.length;
    }
    return result;
  }

  const querystring = {
    unescapeBuffer,
    unescape: qsUnescape,
    escape: qsEscape,
    stringify,
    encode: stringify,
    parse,
    decode: parse,
  };
  return querystring;
});
