//# allFunctionsCalledOnLoad
// TextEncoder, TextDecoder (WHATWG Encoding; labels and legacy encodings come from the
// host's encoding_rs), atob and btoa (WHATWG forgiving-base64).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferPrototype, ArrayBufferIsView, Boolean, DataViewPrototypeGetBuffer, DataViewPrototypeGetByteLength,
    DataViewPrototypeGetByteOffset, ObjectPrototypeIsPrototypeOf, RangeError, String, StringFromCharCode,
    StringPrototypeCharCodeAt, StringPrototypeSlice, TypeError, TypedArrayPrototypeGetBuffer,
    TypedArrayPrototypeGetByteLength, TypedArrayPrototypeGetByteOffset, TypedArrayPrototypeGetSymbolToStringTag,
    TypedArrayPrototypeSet, TypedArrayPrototypeSlice, TypedArrayPrototypeSubarray, Uint8Array,
  } = primordials;
  const utf8Length = host.utf8Length;
  const encodeUtf8Into = host.encodeUtf8Into;
  const decode = host.decode;
  const normalizeEncoding = host.normalizeEncoding;
  const isSharedArrayBuffer = host.isSharedArrayBuffer;
  const DOMException = internals.DOMException;

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input = '') {
      const string = String(input);
      const bytes = new Uint8Array(utf8Length(string));
      encodeUtf8Into(string, bytes);
      return bytes;
    }
    encodeInto(source, destination) {
      if (TypedArrayPrototypeGetSymbolToStringTag(destination) !== 'Uint8Array') {
        throw new TypeError("Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type 'Uint8Array'");
      }
      const counts = encodeUtf8Into(String(source), destination);
      return { read: counts[0], written: counts[1] };
    }
  }
  internals.webClass(TextEncoder);

  // Bytes of a BufferSource as a Uint8Array view (no copy).
  function bytesOf(input, what) {
    if (ArrayBufferIsView(input)) {
      if (TypedArrayPrototypeGetSymbolToStringTag(input) === undefined) {
        return new Uint8Array(DataViewPrototypeGetBuffer(input), DataViewPrototypeGetByteOffset(input),
          DataViewPrototypeGetByteLength(input));
      }
      return new Uint8Array(TypedArrayPrototypeGetBuffer(input), TypedArrayPrototypeGetByteOffset(input),
        TypedArrayPrototypeGetByteLength(input));
    }
    if (ObjectPrototypeIsPrototypeOf(ArrayBufferPrototype, input) || isSharedArrayBuffer(input)) {
      return new Uint8Array(input);
    }
    throw new TypeError(`${what}: the input must be an ArrayBuffer or an ArrayBufferView`);
  }

  // Length of the longest prefix of `bytes` that does not end inside a UTF-8 sequence.
  function completeUtf8Length(bytes) {
    const length = bytes.length;
    for (let back = 1; back <= 3 && back <= length; back++) {
      const byte = bytes[length - back];
      if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return needed > back ? length - back : length;
    }
    return length;
  }

  // Length of the longest prefix of `bytes` that does not end inside a UTF-16 code unit or
  // between the two halves of a surrogate pair.
  function completeUtf16Length(bytes, bigEndian) {
    let length = bytes.length - (bytes.length % 2);
    if (length >= 2) {
      const unit = bigEndian ? (bytes[length - 2] << 8) | bytes[length - 1]
        : (bytes[length - 1] << 8) | bytes[length - 2];
      if (unit >= 0xd800 && unit <= 0xdbff) length -= 2;
    }
    return length;
  }

  class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;
    #pending = null;
    #bomSeen = false;

    constructor(label = 'utf-8', options = {}) {
      const encoding = normalizeEncoding(String(label));
      if (encoding === undefined || encoding === 'replacement') {
        throw new RangeError(`The encoding label provided ('${label}') is invalid.`);
      }
      this.#encoding = encoding;
      this.#fatal = Boolean(options?.fatal);
      this.#ignoreBOM = Boolean(options?.ignoreBOM);
    }
    get encoding() { return this.#encoding; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }

    decode(input = undefined, options = {}) {
      let bytes = input === undefined ? new Uint8Array(0) : bytesOf(input, "Failed to execute 'decode' on 'TextDecoder'");
      const stream = Boolean(options?.stream);
      if (this.#pending !== null) {
        const joined = new Uint8Array(this.#pending.length + bytes.length);
        TypedArrayPrototypeSet(joined, this.#pending, 0);
        TypedArrayPrototypeSet(joined, bytes, this.#pending.length);
        bytes = joined;
        this.#pending = null;
      }
      if (stream) {
        let complete = bytes.length;
        if (this.#encoding === 'utf-8') complete = completeUtf8Length(bytes);
        else if (this.#encoding === 'utf-16le') complete = completeUtf16Length(bytes, false);
        else if (this.#encoding === 'utf-16be') complete = completeUtf16Length(bytes, true);
        if (complete < bytes.length) {
          this.#pending = TypedArrayPrototypeSlice(bytes, complete);
          bytes = TypedArrayPrototypeSubarray(bytes, 0, complete);
        }
      }
      const stripBOM = !this.#ignoreBOM && !this.#bomSeen;
      const text = decode(this.#encoding, bytes, this.#fatal, stripBOM);
      if (bytes.length > 0) this.#bomSeen = true;
      if (!stream) {
        this.#bomSeen = false;
        this.#pending = null;
      }
      return text;
    }
  }
  internals.webClass(TextDecoder);

  const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  // A plain array, not a typed array: V8 can fail to serialize a typed array into the
  // startup snapshot when the walk reaches it while serializing its own buffer (the buffer's
  // backing store pointer is then a placeholder), which lazy properties made happen here.
  const base64Values = [];
  for (let index = 0; index < 128; index++) base64Values[index] = -1;
  for (let index = 0; index < 64; index++) base64Values[StringPrototypeCharCodeAt(base64Alphabet, index)] = index;

  function atob(data) {
    if (arguments.length === 0) throw new TypeError("Failed to execute 'atob': 1 argument required, but only 0 present.");
    // Without regular expressions, whose methods the code can replace.
    const text = String(data);
    let input = '';
    let start = 0;
    for (let index = 0; index < text.length; index++) {
      const code = StringPrototypeCharCodeAt(text, index);
      if (code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d && code !== 0x20) continue;
      input += StringPrototypeSlice(text, start, index);
      start = index + 1;
    }
    input = start === 0 ? text : input + StringPrototypeSlice(text, start);
    if (input.length % 4 === 0 && input[input.length - 1] === '=') {
      input = StringPrototypeSlice(input, 0, input[input.length - 2] === '=' ? -2 : -1);
    }
    const invalid = () => new DOMException(
      "Failed to execute 'atob': The string to be decoded is not correctly encoded.",
      'InvalidCharacterError');
    if (input.length % 4 === 1) throw invalid();
    let output = '';
    let buffer = 0;
    let bits = 0;
    for (let index = 0; index < input.length; index++) {
      const code = StringPrototypeCharCodeAt(input, index);
      const value = code < 128 ? base64Values[code] : -1;
      if (value < 0) throw invalid();
      buffer = (buffer << 6) | value;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        output += StringFromCharCode((buffer >> bits) & 0xff);
      }
    }
    return output;
  }

  function btoa(data) {
    if (arguments.length === 0) throw new TypeError("Failed to execute 'btoa': 1 argument required, but only 0 present.");
    const input = String(data);
    let output = '';
    for (let index = 0; index < input.length; index += 3) {
      const a = StringPrototypeCharCodeAt(input, index);
      const b = index + 1 < input.length ? StringPrototypeCharCodeAt(input, index + 1) : 0;
      const c = index + 2 < input.length ? StringPrototypeCharCodeAt(input, index + 2) : 0;
      if (a > 255 || b > 255 || c > 255) {
        throw new DOMException(
          "Failed to execute 'btoa': The string to be encoded contains characters outside of the Latin1 range.",
          'InvalidCharacterError');
      }
      const triple = (a << 16) | (b << 8) | c;
      output += base64Alphabet[(triple >> 18) & 63] + base64Alphabet[(triple >> 12) & 63] +
        (index + 1 < input.length ? base64Alphabet[(triple >> 6) & 63] : '=') +
        (index + 2 < input.length ? base64Alphabet[triple & 63] : '=');
    }
    return output;
  }

  internals.TextEncoder = TextEncoder;
  internals.TextDecoder = TextDecoder;
  internals.defineLazyGlobal('TextEncoder', TextEncoder);
  internals.defineLazyGlobal('TextDecoder', TextDecoder);
  internals.defineLazyGlobal('atob', atob);
  internals.defineLazyGlobal('btoa', btoa);
});
