//# allFunctionsCalledOnLoad
// `node:buffer`, as workerd has it with `nodejs_compat`: `Buffer` is a Uint8Array subclass as
// in Node (a `Buffer(...)` call and `new Buffer(...)` make a `FastBuffer`, whose prototype is
// `Buffer.prototype`). UTF-8 is coded by the encoding host functions (`encoding/host.rs`), the
// other encodings by `node/buffer.rs`; the bytes are the typed array's own. Allocations are
// ArrayBuffers, which the runtime charges against the memory limit like any other.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayIsArray, BigInt, MathFloor, MathMin, MathTrunc, Number, NumberIsNaN, NumberIsInteger,
    ObjectDefineProperty, ObjectDefineProperties, ObjectSetPrototypeOf, ObjectKeys,
    ObjectPrototypeIsPrototypeOf, ArrayPrototypePush, ArrayPrototypeJoin, ArrayPrototypeIndexOf, RangeError, String,
    StringFromCharCode, StringPrototypeCharCodeAt, StringPrototypeToLowerCase, StringPrototypeSlice,
    SymbolFor, SymbolSpecies, SymbolToPrimitive, TypeError, Float32Array, Float64Array, Uint8Array,
    ArrayBufferIsView, TypedArrayPrototypeSet, TypedArrayPrototypeGetLength,
    TypedArrayPrototypeGetBuffer, TypedArrayPrototypeGetByteOffset, TypedArrayPrototypeGetByteLength,
    TypedArrayPrototypeGetSymbolToStringTag, TypedArrayPrototypeFill, ArrayBufferPrototypeGetByteLength,
    DataViewPrototypeGetBuffer, DataViewPrototypeGetByteLength, DataViewPrototypeGetByteOffset,
    ArrayBufferPrototypeGetDetached, Array, Error, safeArray,
  } = primordials;
  const { codes, validateNumber } = internals.nodeModule('internal/errors');
  const {
    ERR_BUFFER_OUT_OF_BOUNDS, ERR_INVALID_BUFFER_SIZE, ERR_STRING_TOO_LONG, ERR_INVALID_STATE,
  } = codes;
  const { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_UNKNOWN_ENCODING, ERR_MISSING_ARGS } = codes;
  const { utf8Length, encodeUtf8Into, decode, nodeBufferEncode, nodeBufferDecode, isSharedArrayBuffer } = host;

  const kMaxLength = 2147483647;
  const kStringMaxLength = 536870888;
  let INSPECT_MAX_BYTES = 50;
  const customInspect = SymbolFor('nodejs.util.inspect.custom');

  // -- Values --------------------------------------------------------------------------------

  function isUint8Array(value) {
    return ArrayBufferIsView(value) && TypedArrayPrototypeGetSymbolToStringTag(value) === 'Uint8Array';
  }
  function isArrayBuffer(value) {
    try {
      ArrayBufferPrototypeGetByteLength(value);
      return true;
    } catch {
      return false;
    }
  }
  function isAnyArrayBuffer(value) {
    return isArrayBuffer(value) || isSharedArrayBuffer(value);
  }
  // The bytes of any ArrayBufferView, as a Uint8Array over the same memory.
  function bytesOf(view) {
    if (TypedArrayPrototypeGetSymbolToStringTag(view) !== undefined) {
      return new Uint8Array(TypedArrayPrototypeGetBuffer(view), TypedArrayPrototypeGetByteOffset(view),
        TypedArrayPrototypeGetByteLength(view));
    }
    return new Uint8Array(DataViewPrototypeGetBuffer(view), DataViewPrototypeGetByteOffset(view),
      DataViewPrototypeGetByteLength(view));
  }
  function lengthOf(bytes) {
    return TypedArrayPrototypeGetLength(bytes);
  }
  // `bytes[start, end)` as a plain Uint8Array over the same memory (no species lookup).
  function range(bytes, start, end) {
    return new Uint8Array(TypedArrayPrototypeGetBuffer(bytes), TypedArrayPrototypeGetByteOffset(bytes) + start,
      end - start);
  }

  // -- Encodings -----------------------------------------------------------------------------

  function normalizeEncoding(encoding) {
    if (encoding === undefined || encoding === null || encoding === 'utf8' || encoding === 'utf-8') return 'utf8';
    if (typeof encoding !== 'string') encoding = '' + encoding;
    switch (StringPrototypeToLowerCase(encoding)) {
      case '':
      case 'utf8':
      case 'utf-8':
        return 'utf8';
      case 'ucs2':
      case 'ucs-2':
      case 'utf16le':
      case 'utf-16le':
        return 'utf16le';
      case 'latin1':
      case 'binary':
        return 'latin1';
      case 'base64':
        return 'base64';
      case 'base64url':
        return 'base64url';
      case 'hex':
        return 'hex';
      case 'ascii':
        return 'ascii';
      default:
        return undefined;
    }
  }
  function encodingOrThrow(encoding) {
    const normalized = normalizeEncoding(encoding);
    if (normalized === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    return normalized;
  }

  function base64ByteLength(string, length) {
    if (length > 0 && StringPrototypeCharCodeAt(string, length - 1) === 0x3d) length--;
    if (length > 1 && StringPrototypeCharCodeAt(string, length - 1) === 0x3d) length--;
    return (length * 3) >>> 2;
  }

  function stringByteLength(string, encoding) {
    switch (encoding) {
      case 'utf8':
        return utf8Length(string);
      case 'utf16le':
        return string.length * 2;
      case 'latin1':
      case 'ascii':
        return string.length;
      case 'hex':
        return string.length >>> 1;
      default:
        return base64ByteLength(string, string.length);
    }
  }

  // The bytes of `string` in `encoding` (normalised), as a FastBuffer.
  function encodeString(string, encoding) {
    if (encoding === 'utf8') {
      const length = utf8Length(string);
      const buffer = createBuffer(length);
      if (length > 0) encodeUtf8Into(string, buffer);
      return buffer;
    }
    const bytes = nodeBufferEncode(string, encoding);
    return new FastBuffer(TypedArrayPrototypeGetBuffer(bytes), 0, lengthOf(bytes));
  }

  // How many characters `count` bytes make in `encoding` (at most, for utf8).
  function decodedLength(count, encoding) {
    switch (encoding) {
      case 'utf16le': return MathFloor(count / 2);
      case 'hex': return count * 2;
      case 'base64': return MathFloor((count + 2) / 3) * 4;
      case 'base64url': return MathFloor((count * 4 + 2) / 3);
      default: return count;
    }
  }

  // The text of `bytes[start, end)` in `encoding` (normalised).
  function decodeBytes(bytes, encoding, start, end) {
    // A text longer than V8's strings can be is refused before it is made, as workerd does.
    if (encoding !== 'utf8' && decodedLength(end - start, encoding) > kStringMaxLength) {
      throw new RangeError('String is too long for a V8 string');
    }
    const view = range(bytes, start, end);
    if (encoding === 'utf8') {
      let text;
      try {
        text = decode('utf-8', view, false, false);
      } catch (error) {
        // V8's own limit: Node's error for it.
        if (end - start > kStringMaxLength) throw stringTooLong();
        throw error;
      }
      if (text.length > kStringMaxLength) throw stringTooLong();
      return text;
    }
    try {
      return nodeBufferDecode(view, encoding);
    } catch (error) {
      if (error !== null && typeof error === 'object' && error.message === 'Cannot create a string longer than 0x1fffffe8 characters') {
        throw stringTooLong();
      }
      throw error;
    }
  }
  function stringTooLong() {
    return new ERR_STRING_TOO_LONG();
  }

  // -- The classes -----------------------------------------------------------------------------

  class FastBuffer extends Uint8Array {
    // Three arguments at most: a Buffer is never made from an iterable here.
    constructor(bufferOrLength, byteOffset, length) {
      super(bufferOrLength, byteOffset, length);
    }
  }

  function createBuffer(size) {
    return new FastBuffer(size);
  }

  // `Buffer(...)` and `new Buffer(...)`: deprecated in Node, still working.
  function Buffer(arg, encodingOrOffset, length) {
    if (typeof arg === 'number') {
      if (typeof encodingOrOffset === 'string') throw new ERR_INVALID_ARG_TYPE('string', 'string', arg);
      return alloc(arg);
    }
    return from(arg, encodingOrOffset, length);
  }
  ObjectDefineProperty(Buffer, SymbolSpecies, {
    __proto__: null, enumerable: false, configurable: true, get() { return FastBuffer; },
  });
  FastBuffer.prototype.constructor = Buffer;
  Buffer.prototype = FastBuffer.prototype;
  ObjectSetPrototypeOf(Buffer, Uint8Array);

  // As workerd: a size above the maximum is out of range; a negative one is refused by the
  // typed array (`Invalid typed array length: -1`).
  function validateSize(size) {
    if (typeof size !== 'number') throw new ERR_INVALID_ARG_TYPE('size', 'number', size);
    if (size > kMaxLength) throw new ERR_OUT_OF_RANGE('size', `0 to ${kMaxLength}`, size);
    if (!(size >= 0)) throw new RangeError(`Invalid typed array length: ${size}`);
  }

  function alloc(size, fill, encoding) {
    validateSize(size);
    if (encoding !== undefined && typeof encoding !== 'string') throw new ERR_INVALID_ARG_TYPE('encoding', 'string', encoding);
    const buffer = createBuffer(size);
    if (fill !== undefined && fill !== 0 && size > 0) fillBuffer(buffer, fill, 0, size, encoding);
    return buffer;
  }
  function allocUnsafe(size) {
    validateSize(size);
    return createBuffer(size);
  }

  function from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return fromString(value, encodingOrOffset);
    if (typeof value === 'object' && value !== null) {
      if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
      const valueOf = value.valueOf && value.valueOf();
      if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
        return from(valueOf, encodingOrOffset, length);
      }
      const buffer = fromObject(value);
      if (buffer !== undefined) return buffer;
      if (typeof value[SymbolToPrimitive] === 'function') {
        const primitive = value[SymbolToPrimitive]('string');
        if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
      }
    }
    throw new ERR_INVALID_ARG_TYPE('first argument',
      ['string', 'Buffer', 'TypedArray', 'ArrayBuffer', 'SharedArrayBuffer', 'Array', 'Array-like Object'], value);
  }

  function fromString(string, encoding) {
    const normalized = typeof encoding !== 'string' || encoding.length === 0 ? 'utf8' : encodingOrThrow(encoding);
    return encodeString(string, normalized);
  }

  function fromArrayBuffer(arrayBuffer, byteOffset, length) {
    const byteLength = isArrayBuffer(arrayBuffer) ? ArrayBufferPrototypeGetByteLength(arrayBuffer) : arrayBuffer.byteLength;
    if (byteOffset === undefined) {
      byteOffset = 0;
    } else {
      byteOffset = +byteOffset;
      if (NumberIsNaN(byteOffset)) byteOffset = 0;
    }
    const maxLength = byteLength - byteOffset;
    if (maxLength < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
    if (length === undefined) {
      length = maxLength;
    } else {
      length = +length;
      if (length > 0) {
        if (length > maxLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
      } else {
        length = 0;
      }
    }
    return new FastBuffer(arrayBuffer, byteOffset, length);
  }

  function fromArrayLike(arrayLike) {
    const length = arrayLike.length;
    if (!(length > 0)) return new FastBuffer();
    const buffer = createBuffer(length);
    TypedArrayPrototypeSet(buffer, arrayLike, 0);
    return buffer;
  }

  function fromObject(object) {
    if (ArrayBufferIsView(object)) {
      if (TypedArrayPrototypeGetSymbolToStringTag(object) === undefined) return fromArrayLike(bytesOf(object));
      return fromArrayLike(object);
    }
    if (object.length !== undefined || isAnyArrayBuffer(object.buffer)) {
      if (typeof object.length !== 'number') return new FastBuffer();
      return fromArrayLike(object);
    }
    if (object.type === 'Buffer' && ArrayIsArray(object.data)) return fromArrayLike(object.data);
    return undefined;
  }

  function isBuffer(value) {
    return value instanceof Buffer;
  }

  function validateBytes(value, name) {
    if (!isUint8Array(value)) throw new ERR_INVALID_ARG_TYPE(name, ['Buffer', 'Uint8Array'], value);
  }
  // What workerd's `compare` and `equals` say of an argument that is not a Uint8Array (its
  // message shows the argument's type where the value would be).
  function validateCompared(value, name) {
    if (!isUint8Array(value)) throw new ERR_INVALID_ARG_TYPE(name, ['Buffer', 'Uint8Array'], typeof value);
  }

  function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
    const aLength = aEnd - aStart;
    const bLength = bEnd - bStart;
    const length = MathMin(aLength, bLength);
    for (let index = 0; index < length; index++) {
      const x = a[aStart + index];
      const y = b[bStart + index];
      if (x !== y) return x < y ? -1 : 1;
    }
    return aLength < bLength ? -1 : aLength > bLength ? 1 : 0;
  }

  // As workerd words it: `must be an (Buffer|Uint8Array)[]`.
  function validateListItem(item) {
    if (!isUint8Array(item)) throw new ERR_INVALID_ARG_TYPE('list', '(Buffer|Uint8Array)[]', item);
  }
  function concat(list, length) {
    if (!ArrayIsArray(list)) throw new ERR_INVALID_ARG_TYPE('list', '(Buffer|Uint8Array)[]', list);
    if (list.length === 0) return new FastBuffer();
    // Every element is read once, before any byte is copied (a getter may resize a buffer
    // that an earlier element views; the copy then sees its new length, as workerd's does).
    const items = safeArray();
    let total = 0;
    for (let index = 0; index < list.length; index++) {
      const item = list[index];
      validateListItem(item);
      ArrayPrototypePush(items, item);
    }
    if (length === undefined) {
      for (let index = 0; index < items.length; index++) total += lengthOf(items[index]);
      length = total;
    } else {
      validateOffset(length, 'length');
    }
    const buffer = createBuffer(length);
    let position = 0;
    for (let index = 0; index < items.length && position < length; index++) {
      const item = items[index];
      const take = MathMin(lengthOf(item), length - position);
      if (take <= 0) continue;
      TypedArrayPrototypeSet(buffer, take === lengthOf(item) ? item : range(item, 0, take), position);
      position += take;
    }
    return buffer;
  }

  function byteLength(string, encoding) {
    if (typeof string !== 'string') {
      if (ArrayBufferIsView(string)) return TypedArrayPrototypeGetSymbolToStringTag(string) === undefined
        ? DataViewPrototypeGetByteLength(string) : TypedArrayPrototypeGetByteLength(string);
      if (isAnyArrayBuffer(string)) return isArrayBuffer(string) ? ArrayBufferPrototypeGetByteLength(string) : string.byteLength;
      throw new ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], string);
    }
    const normalized = normalizeEncoding(encoding);
    return stringByteLength(string, normalized === undefined ? 'utf8' : normalized);
  }

  function validateOffset(value, name, min = 0, max = kMaxLength) {
    if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
    if (!NumberIsInteger(value)) throw new ERR_OUT_OF_RANGE(name, 'an integer', value);
    if (value < min || value > max) throw new ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
  }

  const statics = {
    from,
    of(...items) {
      const buffer = createBuffer(items.length);
      for (let index = 0; index < items.length; index++) buffer[index] = items[index];
      return buffer;
    },
    alloc,
    allocUnsafe,
    allocUnsafeSlow: allocUnsafe,
    isBuffer,
    compare(buf1, buf2) {
      validateCompared(buf1, 'a');
      validateCompared(buf2, 'b');
      if (buf1 === buf2) return 0;
      return compareBytes(buf1, 0, lengthOf(buf1), buf2, 0, lengthOf(buf2));
    },
    isEncoding(encoding) {
      return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
    },
    concat,
    byteLength,
  };
  const staticNames = ObjectKeys(statics);
  for (let index = 0; index < staticNames.length; index++) {
    const key = staticNames[index];
    ObjectDefineProperty(Buffer, key, { __proto__: null, value: statics[key], writable: true, configurable: true, enumerable: true });
  }
  Buffer.poolSize = 0;

  // -- Filling ---------------------------------------------------------------------------------

  function fillBuffer(buffer, value, offset, end, encoding) {
    if (typeof value === 'string') {
      if (value.length === 0) {
        value = 0;
      } else {
        const normalized = encodingOrThrow(encoding);
        if (value.length === 1 && normalized === 'utf8') {
          const code = StringPrototypeCharCodeAt(value, 0);
          if (code < 128) value = code;
        }
        if (typeof value === 'string') {
          const bytes = encodeString(value, normalized);
          // workerd's message for a fill that no byte of hex text makes.
          if (lengthOf(bytes) === 0 && normalized === 'hex') throw new TypeError('The text is not valid hex');
          if (lengthOf(bytes) === 0) throw new ERR_INVALID_ARG_VALUE('value', value);
          value = bytes;
        }
      }
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      TypedArrayPrototypeFill(buffer, (value & 255), offset, end);
      return buffer;
    }
    if (typeof value === 'bigint') {
      TypedArrayPrototypeFill(buffer, Number(value & 255n), offset, end);
      return buffer;
    }
    if (!ArrayBufferIsView(value)) {
      TypedArrayPrototypeFill(buffer, (+value) & 255, offset, end);
      return buffer;
    }
    const bytes = bytesOf(value);
    const length = lengthOf(bytes);
    if (length === 0) throw new ERR_INVALID_ARG_VALUE('value', value);
    // Copy the pattern once, then double what is written (so few calls, whatever the size).
    const pattern = lengthOf(bytes) > end - offset ? range(bytes, 0, end - offset) : bytes;
    TypedArrayPrototypeSet(buffer, pattern, offset);
    let filled = lengthOf(pattern);
    while (offset + filled < end) {
      const take = MathMin(filled, end - offset - filled);
      TypedArrayPrototypeSet(buffer, range(buffer, offset, offset + take), offset + filled);
      filled += take;
    }
    return buffer;
  }

  // -- Bounds ----------------------------------------------------------------------------------

  function boundsError(value, length, type) {
    if (MathFloor(value) !== value) {
      validateNumber(value, type === undefined ? 'offset' : type);
      throw new ERR_OUT_OF_RANGE(type === undefined ? 'offset' : type, 'an integer', value);
    }
    if (length < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS();
    throw new ERR_OUT_OF_RANGE(type === undefined ? 'offset' : type, `>= ${type === undefined ? 0 : 1} and <= ${length}`, value);
  }
  // `offset` of a read or write of `size` bytes: a number, an integer, and inside the buffer.
  function checkBounds(buffer, offset, size) {
    validateNumber(offset, 'offset');
    if (buffer[offset] === undefined || buffer[offset + size - 1] === undefined) {
      boundsError(offset, lengthOf(buffer) - size);
    }
  }
  function checkInt(value, min, max, buffer, offset, size) {
    if (value > max || value < min) {
      const n = typeof min === 'bigint' ? 'n' : '';
      let text;
      if (size > 4) {
        if (min === 0 || min === 0n) text = `>= 0${n} and < 2${n} ** ${size * 8}${n}`;
        else text = `>= -(2${n} ** ${size * 8 - 1}${n}) and < 2 ** ${size * 8 - 1}${n}`;
      } else {
        text = `>= ${min}${n} and <= ${max}${n}`;
      }
      throw new ERR_OUT_OF_RANGE('value', text, value);
    }
    checkBounds(buffer, offset, size);
  }
  // A byteLength that is not 1 to 6 is out of range, whatever its type (as workerd has it).
  function validateByteLength(byteLength) {
    if (typeof byteLength !== 'number' || byteLength < 1 || byteLength > 6 || MathFloor(byteLength) !== byteLength) {
      if (typeof byteLength === 'number' && MathFloor(byteLength) !== byteLength) {
        throw new ERR_OUT_OF_RANGE('byteLength', 'an integer', byteLength);
      }
      throw new ERR_OUT_OF_RANGE('byteLength', '>= 1 and <= 6', byteLength);
    }
  }

  // -- Reading and writing numbers ---------------------------------------------------------------

  function readUnsigned(buffer, offset, size, littleEndian) {
    if (offset === undefined) offset = 0;
    checkBounds(buffer, offset, size);
    let value = 0;
    if (littleEndian) {
      for (let index = size - 1; index >= 0; index--) value = value * 256 + buffer[offset + index];
    } else {
      for (let index = 0; index < size; index++) value = value * 256 + buffer[offset + index];
    }
    return value;
  }
  function readSigned(buffer, offset, size, littleEndian) {
    const value = readUnsigned(buffer, offset, size, littleEndian);
    const limit = 2 ** (size * 8 - 1);
    return value >= limit ? value - limit * 2 : value;
  }
  function writeUnsignedBytes(buffer, value, offset, size, littleEndian) {
    // `value` is an integer in [0, 2 ** (8 * size)).
    for (let index = 0; index < size; index++) {
      const byte = value % 256;
      buffer[littleEndian ? offset + index : offset + size - 1 - index] = byte;
      value = (value - byte) / 256;
    }
    return offset + size;
  }
  function writeInteger(buffer, value, offset, size, littleEndian, signed) {
    value = +value;
    const limit = 2 ** (size * 8 - (signed ? 1 : 0));
    checkInt(value, signed ? -limit : 0, limit - 1, buffer, offset, size);
    let unsigned = MathTrunc(value);
    if (NumberIsNaN(unsigned)) unsigned = 0;
    if (unsigned < 0) unsigned += 2 ** (size * 8);
    return writeUnsignedBytes(buffer, unsigned, offset, size, littleEndian);
  }

  function readBig(buffer, offset, littleEndian, signed) {
    if (offset === undefined) offset = 0;
    checkBounds(buffer, offset, 8);
    const low = readUnsigned(buffer, littleEndian ? offset : offset + 4, 4, littleEndian);
    const high = readUnsigned(buffer, littleEndian ? offset + 4 : offset, 4, littleEndian);
    let value = (BigInt(high) << 32n) + BigInt(low);
    if (signed && high >= 0x80000000) value -= 1n << 64n;
    return value;
  }
  function writeBig(buffer, value, offset, littleEndian, signed) {
    if (offset === undefined) offset = 0;
    if (typeof value !== 'bigint') throw new ERR_INVALID_ARG_TYPE('value', 'bigint', value);
    const min = signed ? -(1n << 63n) : 0n;
    const max = signed ? (1n << 63n) - 1n : (1n << 64n) - 1n;
    checkInt(value, min, max, buffer, offset, 8);
    const unsigned = value < 0n ? value + (1n << 64n) : value;
    const low = Number(unsigned & 0xffffffffn);
    const high = Number(unsigned >> 32n);
    writeUnsignedBytes(buffer, low, littleEndian ? offset : offset + 4, 4, littleEndian);
    writeUnsignedBytes(buffer, high, littleEndian ? offset + 4 : offset, 4, littleEndian);
    return offset + 8;
  }

  // Floats go through a scratch array in the platform's (little-endian) order.
  let float32 = null, float64 = null, scratch32 = null, scratch64 = null;
  function scratch() {
    if (float32 === null) {
      float32 = new Float32Array(1);
      float64 = new Float64Array(1);
      scratch32 = new Uint8Array(TypedArrayPrototypeGetBuffer(float32));
      scratch64 = new Uint8Array(TypedArrayPrototypeGetBuffer(float64));
    }
  }
  function readFloat(buffer, offset, size, littleEndian) {
    if (offset === undefined) offset = 0;
    checkBounds(buffer, offset, size);
    scratch();
    const bytes = size === 4 ? scratch32 : scratch64;
    for (let index = 0; index < size; index++) bytes[index] = buffer[offset + (littleEndian ? index : size - 1 - index)];
    return size === 4 ? float32[0] : float64[0];
  }
  function writeFloat(buffer, value, offset, size, littleEndian) {
    if (offset === undefined) offset = 0;
    value = +value;
    checkBounds(buffer, offset, size);
    scratch();
    let bytes;
    if (size === 4) {
      float32[0] = value;
      bytes = scratch32;
    } else {
      float64[0] = value;
      bytes = scratch64;
    }
    for (let index = 0; index < size; index++) buffer[offset + (littleEndian ? index : size - 1 - index)] = bytes[index];
    return offset + size;
  }

  // -- Searching -------------------------------------------------------------------------------

  // Where a search of `needleLength` bytes starts, as Node's `IndexOfOffset`; -1: no match.
  function searchStart(length, offset, needleLength, forward) {
    if (offset < 0) {
      if (offset + length >= 0) return length + offset;
      if (forward || needleLength === 0) return 0;
      return -1;
    }
    if (offset + needleLength <= length) return offset;
    if (needleLength === 0) return length;
    if (forward) return -1;
    return length - 1;
  }

  // `twoByte`: a UTF-16 search, as Node's, which matches whole code units only (at even
  // offsets) and needs at least one unit on each side.
  function indexOfBytes(haystack, needle, offset, forward, twoByte = false) {
    const length = lengthOf(haystack);
    let needleLength = lengthOf(needle);
    if (twoByte) {
      if (length < 2 || needleLength < 2) return -1;
      needleLength -= needleLength % 2;
    }
    const start = searchStart(length, offset, needleLength, forward);
    if (needleLength === 0) return start;
    if (length === 0 || start <= -1) return -1;
    if ((forward && needleLength + start > length) || needleLength > length) return -1;
    const first = needle[0];
    if (twoByte) {
      const step = forward ? 2 : -2;
      let position = forward ? start - (start % 2) : MathMin(start, length - needleLength);
      position -= position % 2;
      for (; forward ? position <= length - needleLength : position >= 0; position += step) {
        let index = 0;
        while (index < needleLength && haystack[position + index] === needle[index]) index++;
        if (index === needleLength) return position;
      }
      return -1;
    }
    if (forward) {
      for (let position = start; position <= length - needleLength; position++) {
        if (haystack[position] !== first) continue;
        let index = 1;
        while (index < needleLength && haystack[position + index] === needle[index]) index++;
        if (index === needleLength) return position;
      }
    } else {
      for (let position = MathMin(start, length - needleLength); position >= 0; position--) {
        if (haystack[position] !== first) continue;
        let index = 1;
        while (index < needleLength && haystack[position + index] === needle[index]) index++;
        if (index === needleLength) return position;
      }
    }
    return -1;
  }

  function bidirectionalIndexOf(buffer, value, byteOffset, encoding, forward) {
    if (typeof byteOffset === 'string') {
      encoding = byteOffset;
      byteOffset = undefined;
    } else if (byteOffset > 0x7fffffff) {
      byteOffset = 0x7fffffff;
    } else if (byteOffset < -0x80000000) {
      byteOffset = -0x80000000;
    }
    byteOffset = +byteOffset;
    if (NumberIsNaN(byteOffset)) byteOffset = forward ? 0 : lengthOf(buffer);
    byteOffset = MathTrunc(byteOffset);
    if (typeof value === 'number') {
      const byte = (value >>> 0) & 255;
      const length = lengthOf(buffer);
      const start = searchStart(length, byteOffset, 1, forward);
      if (start <= -1 || length === 0) return -1;
      if (forward) {
        for (let position = start; position < length; position++) if (buffer[position] === byte) return position;
      } else {
        for (let position = start; position >= 0; position--) if (buffer[position] === byte) return position;
      }
      return -1;
    }
    const normalized = encoding === undefined ? 'utf8' : normalizeEncoding(encoding);
    if (typeof value === 'string') {
      if (normalized === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
      return indexOfBytes(buffer, encodeString(value, normalized), byteOffset, forward, normalized === 'utf16le');
    }
    if (isUint8Array(value)) return indexOfBytes(buffer, value, byteOffset, forward, normalized === 'utf16le');
    throw new ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], value);
  }

  // -- Methods ---------------------------------------------------------------------------------

  function adjustOffset(offset, length) {
    offset = MathTrunc(offset);
    if (offset === 0 || NumberIsNaN(offset)) return 0;
    if (offset < 0) {
      offset += length;
      return offset > 0 ? offset : 0;
    }
    return offset < length ? offset : length;
  }

  function sliceOf(buffer, start, end) {
    const length = lengthOf(buffer);
    start = adjustOffset(start, length);
    end = end !== undefined ? adjustOffset(end, length) : length;
    const newLength = end > start ? end - start : 0;
    return new FastBuffer(TypedArrayPrototypeGetBuffer(buffer), TypedArrayPrototypeGetByteOffset(buffer) + start, newLength);
  }

  function toStringOf(buffer, encoding, start, end) {
    const length = lengthOf(buffer);
    if (start <= 0) start = 0;
    else if (start >= length) return '';
    else start = MathTrunc(start) || 0;
    if (end === undefined || end > length) end = length;
    else end = MathTrunc(end) || 0;
    if (end <= start) return '';
    if (encoding === undefined) return decodeBytes(buffer, 'utf8', start, end);
    const normalized = encoding === null ? undefined : normalizeEncoding(encoding);
    if (normalized === undefined || encoding === '') throw new ERR_UNKNOWN_ENCODING(encoding);
    return decodeBytes(buffer, normalized, start, end);
  }

  function writeOf(buffer, string, offset, length, encoding) {
    // workerd writes what the value makes as a string.
    if (typeof string !== 'string') string = `${string}`;
    const size = lengthOf(buffer);
    if (offset === undefined) {
      offset = 0;
      length = size;
    } else if (length === undefined && typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      length = size;
    } else {
      validateOffset(offset, 'offset', 0, size);
      const remaining = size - offset;
      if (length === undefined) {
        length = remaining;
      } else if (typeof length === 'string') {
        encoding = length;
        length = remaining;
      } else {
        validateOffset(length, 'length', 0, size);
        if (length > remaining) length = remaining;
      }
    }
    const normalized = encoding === undefined ? 'utf8' : encodingOrThrow(encoding);
    if (length === 0 || string.length === 0) return 0;
    const target = range(buffer, offset, offset + length);
    if (normalized === 'utf8') return encodeUtf8Into(string, target)[1];
    let bytes = nodeBufferEncode(string, normalized);
    let written = MathMin(lengthOf(bytes), length);
    if (normalized === 'utf16le') written -= written % 2;
    TypedArrayPrototypeSet(target, written === lengthOf(bytes) ? bytes : range(bytes, 0, written), 0);
    return written;
  }

  function swap(buffer, size) {
    const length = lengthOf(buffer);
    if (length % size !== 0) throw new ERR_INVALID_BUFFER_SIZE(`${size * 8}-bits`);
    for (let start = 0; start < length; start += size) {
      for (let low = start, high = start + size - 1; low < high; low++, high--) {
        const byte = buffer[low];
        buffer[low] = buffer[high];
        buffer[high] = byte;
      }
    }
    return buffer;
  }

  function hexOf(buffer, count) {
    return decodeBytes(buffer, 'hex', 0, count);
  }

  const methods = {
    toString(encoding, start, end) {
      if (arguments.length === 0) return decodeBytes(this, 'utf8', 0, lengthOf(this));
      return toStringOf(this, encoding, start, end);
    },
    equals(otherBuffer) {
      validateCompared(otherBuffer, 'b');
      if (this === otherBuffer) return true;
      const length = lengthOf(this);
      if (length !== lengthOf(otherBuffer)) return false;
      return compareBytes(this, 0, length, otherBuffer, 0, length) === 0;
    },
    compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
      validateBytes(target, 'target');
      if (targetStart === undefined) targetStart = 0;
      else validateOffset(targetStart, 'targetStart');
      if (targetEnd === undefined) targetEnd = lengthOf(target);
      else validateOffset(targetEnd, 'targetEnd', 0, lengthOf(target));
      if (sourceStart === undefined) sourceStart = 0;
      else validateOffset(sourceStart, 'sourceStart');
      if (sourceEnd === undefined) sourceEnd = lengthOf(this);
      else validateOffset(sourceEnd, 'sourceEnd', 0, lengthOf(this));
      if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
      if (targetStart >= targetEnd) return 1;
      return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
    },
    copy(target, targetStart, sourceStart, sourceEnd) {
      if (!ArrayBufferIsView(target)) throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
      const targetBytes = bytesOf(target);
      const targetLength = lengthOf(targetBytes);
      const sourceLength = lengthOf(this);
      if (targetStart === undefined) {
        targetStart = 0;
      } else {
        targetStart = NumberIsNaN(+targetStart) ? 0 : MathTrunc(+targetStart);
        if (targetStart < 0) throw new ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart);
      }
      if (sourceStart === undefined) {
        sourceStart = 0;
      } else {
        sourceStart = NumberIsNaN(+sourceStart) ? 0 : MathTrunc(+sourceStart);
        if (sourceStart < 0) throw new ERR_OUT_OF_RANGE('sourceStart', '>= 0', sourceStart);
        // An index must fit 32 bits (workerd's ParseArrayIndex); past the end copies nothing.
        if (sourceStart > 0xffffffff) throw new ERR_OUT_OF_RANGE('sourceStart', '<= 4294967295', sourceStart);
      }
      if (sourceEnd === undefined) {
        sourceEnd = sourceLength;
      } else {
        sourceEnd = NumberIsNaN(+sourceEnd) ? 0 : MathTrunc(+sourceEnd);
        if (sourceEnd < 0) throw new ERR_OUT_OF_RANGE('sourceEnd', '>= 0', sourceEnd);
      }
      if (targetStart >= targetLength || sourceStart >= sourceEnd) return 0;
      if (sourceEnd > sourceLength) sourceEnd = sourceLength;
      const count = MathMin(sourceEnd - sourceStart, targetLength - targetStart);
      if (count <= 0) return 0;
      TypedArrayPrototypeSet(targetBytes, range(this, sourceStart, sourceStart + count), targetStart);
      return count;
    },
    fill(value, offset, end, encoding) {
      const length = lengthOf(this);
      if (typeof offset === 'string') {
        encoding = offset;
        offset = 0;
        end = length;
      } else if (typeof end === 'string') {
        encoding = end;
        end = length;
      }
      if (encoding !== undefined && typeof encoding !== 'string') {
        throw new ERR_INVALID_ARG_TYPE('encoding', 'string', encoding);
      }
      // An unknown encoding of a string is an error even when nothing is filled.
      if (typeof value === 'string') encodingOrThrow(encoding);
      if (offset === undefined) {
        offset = 0;
      } else {
        validateOffset(offset, 'offset');
      }
      if (end === undefined) {
        end = length;
      } else {
        validateOffset(end, 'end', 0, length);
      }
      if (offset >= end) return this;
      return fillBuffer(this, value, offset, end, encoding);
    },
    indexOf(value, byteOffset, encoding) {
      return bidirectionalIndexOf(this, value, byteOffset, encoding, true);
    },
    lastIndexOf(value, byteOffset, encoding) {
      return bidirectionalIndexOf(this, value, byteOffset, encoding, false);
    },
    includes(value, byteOffset, encoding) {
      return bidirectionalIndexOf(this, value, byteOffset, encoding, true) !== -1;
    },
    slice(start, end) {
      return sliceOf(this, start, end);
    },
    subarray(start, end) {
      return sliceOf(this, start, end);
    },
    write(string, offset, length, encoding) {
      return writeOf(this, string, offset, length, encoding);
    },
    toJSON() {
      const length = lengthOf(this);
      const data = new Array(length);
      for (let index = 0; index < length; index++) data[index] = this[index];
      return { type: 'Buffer', data };
    },
    swap16() { return swap(this, 2); },
    swap32() { return swap(this, 4); },
    swap64() { return swap(this, 8); },

    readUInt8(offset = 0) { return readUnsigned(this, offset, 1, true); },
    readInt8(offset = 0) { return readSigned(this, offset, 1, true); },
    readUInt16LE(offset = 0) { return readUnsigned(this, offset, 2, true); },
    readUInt16BE(offset = 0) { return readUnsigned(this, offset, 2, false); },
    readInt16LE(offset = 0) { return readSigned(this, offset, 2, true); },
    readInt16BE(offset = 0) { return readSigned(this, offset, 2, false); },
    readUInt32LE(offset = 0) { return readUnsigned(this, offset, 4, true); },
    readUInt32BE(offset = 0) { return readUnsigned(this, offset, 4, false); },
    readInt32LE(offset = 0) { return readSigned(this, offset, 4, true); },
    readInt32BE(offset = 0) { return readSigned(this, offset, 4, false); },
    readUIntLE(offset, byteLength) {
      if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
      validateByteLength(byteLength);
      return readUnsigned(this, offset, byteLength, true);
    },
    readUIntBE(offset, byteLength) {
      if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
      validateByteLength(byteLength);
      return readUnsigned(this, offset, byteLength, false);
    },
    readIntLE(offset, byteLength) {
      if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
      validateByteLength(byteLength);
      return readSigned(this, offset, byteLength, true);
    },
    readIntBE(offset, byteLength) {
      if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
      validateByteLength(byteLength);
      return readSigned(this, offset, byteLength, false);
    },
    readBigUInt64LE(offset = 0) { return readBig(this, offset, true, false); },
    readBigUInt64BE(offset = 0) { return readBig(this, offset, false, false); },
    readBigInt64LE(offset = 0) { return readBig(this, offset, true, true); },
    readBigInt64BE(offset = 0) { return readBig(this, offset, false, true); },
    readFloatLE(offset = 0) { return readFloat(this, offset, 4, true); },
    readFloatBE(offset = 0) { return readFloat(this, offset, 4, false); },
    readDoubleLE(offset = 0) { return readFloat(this, offset, 8, true); },
    readDoubleBE(offset = 0) { return readFloat(this, offset, 8, false); },

    writeUInt8(value, offset = 0) { return writeInteger(this, value, offset, 1, true, false); },
    writeInt8(value, offset = 0) { return writeInteger(this, value, offset, 1, true, true); },
    writeUInt16LE(value, offset = 0) { return writeInteger(this, value, offset, 2, true, false); },
    writeUInt16BE(value, offset = 0) { return writeInteger(this, value, offset, 2, false, false); },
    writeInt16LE(value, offset = 0) { return writeInteger(this, value, offset, 2, true, true); },
    writeInt16BE(value, offset = 0) { return writeInteger(this, value, offset, 2, false, true); },
    writeUInt32LE(value, offset = 0) { return writeInteger(this, value, offset, 4, true, false); },
    writeUInt32BE(value, offset = 0) { return writeInteger(this, value, offset, 4, false, false); },
    writeInt32LE(value, offset = 0) { return writeInteger(this, value, offset, 4, true, true); },
    writeInt32BE(value, offset = 0) { return writeInteger(this, value, offset, 4, false, true); },
    writeUIntLE(value, offset, byteLength) {
      validateByteLength(byteLength);
      return writeInteger(this, value, offset, byteLength, true, false);
    },
    writeUIntBE(value, offset, byteLength) {
      validateByteLength(byteLength);
      return writeInteger(this, value, offset, byteLength, false, false);
    },
    writeIntLE(value, offset, byteLength) {
      validateByteLength(byteLength);
      return writeInteger(this, value, offset, byteLength, true, true);
    },
    writeIntBE(value, offset, byteLength) {
      validateByteLength(byteLength);
      return writeInteger(this, value, offset, byteLength, false, true);
    },
    writeBigUInt64LE(value, offset = 0) { return writeBig(this, value, offset, true, false); },
    writeBigUInt64BE(value, offset = 0) { return writeBig(this, value, offset, false, false); },
    writeBigInt64LE(value, offset = 0) { return writeBig(this, value, offset, true, true); },
    writeBigInt64BE(value, offset = 0) { return writeBig(this, value, offset, false, true); },
    writeFloatLE(value, offset = 0) { return writeFloat(this, value, offset, 4, true); },
    writeFloatBE(value, offset = 0) { return writeFloat(this, value, offset, 4, false); },
    writeDoubleLE(value, offset = 0) { return writeFloat(this, value, offset, 8, true); },
    writeDoubleBE(value, offset = 0) { return writeFloat(this, value, offset, 8, false); },
  };

  // Node's per-encoding methods (`buf.utf8Slice(start, end)`, `buf.hexWrite(string, offset,
  // length)`), which some packages call.
  const slices = [['utf8', 'utf8'], ['ucs2', 'utf16le'], ['utf16le', 'utf16le'], ['latin1', 'latin1'],
    ['ascii', 'ascii'], ['hex', 'hex'], ['base64', 'base64'], ['base64url', 'base64url']];
  for (let index = 0; index < slices.length; index++) {
    const prefix = slices[index][0];
    const encoding = slices[index][1];
    methods[prefix + 'Slice'] = function (start = 0, end = lengthOf(this)) {
      const length = lengthOf(this);
      if (start < 0 || start > length) throw new ERR_OUT_OF_RANGE('start', `>= 0 && <= ${length}`, start);
      if (end > length) throw new ERR_OUT_OF_RANGE('end', `>= 0 && <= ${length}`, end);
      if (end <= start) return '';
      return decodeBytes(this, encoding, start, end);
    };
    methods[prefix + 'Write'] = function (string, offset = 0, length = lengthOf(this) - offset) {
      return writeOf(this, string, offset, length, encoding);
    };
  }

  const methodNames = ObjectKeys(methods);
  for (let index = 0; index < methodNames.length; index++) {
    const key = methodNames[index];
    ObjectDefineProperty(Buffer.prototype, key, { __proto__: null, value: methods[key], writable: true, configurable: true, enumerable: true });
  }
  ObjectDefineProperty(Buffer.prototype, 'toLocaleString', {
    __proto__: null, value: methods.toString, writable: true, configurable: true, enumerable: true,
  });
  // The lower-case `Uint` aliases Node has.
  const aliases = ['readUInt8', 'readUInt16LE', 'readUInt16BE', 'readUInt32LE', 'readUInt32BE', 'readUIntLE',
    'readUIntBE', 'readBigUInt64LE', 'readBigUInt64BE', 'writeUInt8', 'writeUInt16LE', 'writeUInt16BE',
    'writeUInt32LE', 'writeUInt32BE', 'writeUIntLE', 'writeUIntBE', 'writeBigUInt64LE', 'writeBigUInt64BE'];
  for (let index = 0; index < aliases.length; index++) {
    const key = aliases[index];
    let alias = '';
    for (let position = 0; position < key.length; position++) {
      alias += key[position] === 'I' && key[position - 1] === 'U' ? 'i' : key[position];
    }
    ObjectDefineProperty(Buffer.prototype, alias, { __proto__: null, value: methods[key], writable: true, configurable: true, enumerable: true });
  }
  ObjectDefineProperty(Buffer.prototype, 'parent', {
    __proto__: null, enumerable: true, configurable: true,
    get() { return this instanceof Buffer ? TypedArrayPrototypeGetBuffer(this) : undefined; },
  });
  ObjectDefineProperty(Buffer.prototype, 'offset', {
    __proto__: null, enumerable: true, configurable: true,
    get() { return this instanceof Buffer ? TypedArrayPrototypeGetByteOffset(this) : undefined; },
  });

  // `util.inspect(buffer)`: `<Buffer 68 65 ... 10 more bytes>`, then the own properties that
  // are not indices.
  ObjectDefineProperty(Buffer.prototype, customInspect, {
    __proto__: null, writable: true, configurable: true, enumerable: false,
    value: function inspect(recurseTimes, context, inspectValue) {
      const length = lengthOf(this);
      const shown = MathMin(INSPECT_MAX_BYTES, length);
      const hex = hexOf(this, shown);
      const parts = safeArray();
      for (let index = 0; index < hex.length; index += 2) ArrayPrototypePush(parts, StringPrototypeSlice(hex, index, index + 2));
      let text = ArrayPrototypeJoin(parts, ' ');
      const remaining = length - INSPECT_MAX_BYTES;
      if (remaining > 0) text += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
      if (context !== undefined && typeof inspectValue === 'function') {
        const keys = ObjectKeys(this);
        const extras = safeArray();
        for (let index = 0; index < keys.length; index++) {
          const key = keys[index];
          if (NumberIsInteger(+key) && +key >= 0 && +key < length) continue;
          ArrayPrototypePush(extras, `${key}: ${inspectValue(this[key], { __proto__: null, depth: recurseTimes })}`);
        }
        if (extras.length > 0) text += (length === 0 ? '' : ', ') + ArrayPrototypeJoin(extras, ', ');
      }
      return `<${this.constructor.name} ${text}>`;
    },
  });

  function SlowBuffer(size) {
    validateSize(size);
    return createBuffer(size);
  }
  ObjectSetPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
  ObjectSetPrototypeOf(SlowBuffer, Uint8Array);

  // -- The module's functions ------------------------------------------------------------------

  function viewOfInput(input, method) {
    if (ArrayBufferIsView(input)) return bytesOf(input);
    if (isAnyArrayBuffer(input)) return new Uint8Array(input);
    throw new TypeError(`Failed to execute '${method}' on 'BufferUtil': parameter 1 is not of type 'Uint8Array'.`);
  }
  function checkAttached(bytes) {
    if (ArrayBufferPrototypeGetDetached(TypedArrayPrototypeGetBuffer(bytes))) throw new ERR_INVALID_STATE('Cannot validate on a detached buffer');
  }

  function isUtf8(input) {
    const bytes = viewOfInput(input, 'isUtf8');
    checkAttached(bytes);
    try {
      decode('utf-8', bytes, true, false);
      return true;
    } catch {
      return false;
    }
  }
  function isAscii(input) {
    const bytes = viewOfInput(input, 'isAscii');
    checkAttached(bytes);
    const length = lengthOf(bytes);
    for (let index = 0; index < length; index++) if (bytes[index] >= 0x80) return false;
    return true;
  }

  // The characters windows-1252 has at 0x80-0x9f, which workerd's `latin1` target writes there.
  const WINDOWS_1252 = [0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
    0x0152, -1, 0x017d, -1, -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
    0x0153, -1, 0x017e, 0x0178];

  // `transcode(source, from, to)` between utf8, utf16le (ucs2), latin1 (binary) and ascii; a
  // character the target cannot hold becomes `?`, as workerd's ICU converter writes it (whose
  // `latin1` is windows-1252 above 0x7f).
  function transcode(source, fromEncoding, toEncoding) {
    if (!isUint8Array(source)) throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
    if (lengthOf(source) === 0) return new FastBuffer();
    const from = normalizeEncoding(fromEncoding);
    const to = normalizeEncoding(toEncoding);
    const supported = (encoding) => encoding === 'utf8' || encoding === 'utf16le' || encoding === 'latin1' || encoding === 'ascii';
    if (!supported(from) || !supported(to)) {
      throw new Error('Unable to transcode buffer due to unsupported encoding');
    }
    const length = lengthOf(source);
    // workerd's limits: a source of 128MiB or more, odd UTF-16, and (to another encoding)
    // invalid UTF-8 are refused.
    if (length >= 134217728) throw new RangeError('Unable to transcode buffer: the source is 128MiB or more');
    if (from === 'utf16le' && length % 2 === 1) throw new Error('Unable to transcode buffer: odd UTF-16 input');
    let text;
    if (from === 'utf8' && to !== 'utf8') {
      try {
        text = decode('utf-8', source, true, false);
      } catch {
        throw new Error('Unable to transcode buffer');
      }
    } else {
      text = decodeBytes(source, from, 0, length);
    }
    if (to === 'latin1' || to === 'ascii') {
      const limit = to === 'latin1' ? 0xff : 0x7f;
      let replaced = '';
      for (let index = 0; index < text.length; index++) {
        const code = StringPrototypeCharCodeAt(text, index);
        const windows = to === 'latin1' && code > 0xff ? ArrayPrototypeIndexOf(WINDOWS_1252, code) : -1;
        if (code <= limit) {
          replaced += text[index];
        } else if (windows !== -1) {
          replaced += StringFromCharCode(0x80 + windows);
        } else {
          replaced += '?';
          if (code >= 0xd800 && code < 0xdc00 && index + 1 < text.length) {
            const next = StringPrototypeCharCodeAt(text, index + 1);
            if (next >= 0xdc00 && next < 0xe000) index++;
          }
        }
      }
      text = replaced;
    }
    return encodeString(text, to);
  }

  // Node's `buffer.atob`/`btoa` (not the global ones: Node's own errors).
  function atob(input) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
    const text = `${input}`;
    let length = 0;
    let equals = 0;
    for (let index = 0; index < text.length; index++) {
      const code = StringPrototypeCharCodeAt(text, index);
      if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) continue;
      if (code === 0x3d) {
        equals++;
      } else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) ||
          code === 0x2b || code === 0x2f) {
        if (equals > 0) throw invalidCharacter();
      } else {
        throw invalidCharacter();
      }
      length++;
    }
    if (equals > 2) throw invalidCharacter();
    if (length % 4 === 1 || (equals > 0 && length % 4 !== 0)) throw invalidCharacter();
    return decodeBytes(encodeString(text, 'base64'), 'latin1', 0, (length - equals) * 3 >>> 2);
  }
  function invalidCharacter() {
    return new internals.DOMException("atob() called with invalid base64-encoded data. (Only whitespace, '+', '/', " +
      "alphanumeric ASCII, and up to two terminal '=' signs when the input data length is divisible by 4 are allowed.)",
    'InvalidCharacterError');
  }
  function btoa(input) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
    const text = `${input}`;
    for (let index = 0; index < text.length; index++) {
      if (StringPrototypeCharCodeAt(text, index) > 0xff) {
        throw new internals.DOMException('btoa() can only operate on characters in the Latin1 (ISO/IEC 8859-1) range.',
          'InvalidCharacterError');
      }
    }
    const bytes = encodeString(text, 'latin1');
    return decodeBytes(bytes, 'base64', 0, lengthOf(bytes));
  }

  function resolveObjectURL() {
    throw new Error('resolveObjectURL is not implemented');
  }

  const buffer = {
    Buffer,
    SlowBuffer,
    transcode,
    isUtf8,
    isAscii,
    kMaxLength,
    kStringMaxLength,
    btoa,
    atob,
    constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
    INSPECT_MAX_BYTES,
    Blob: undefined,
    File: undefined,
    resolveObjectURL,
  };
  // Blob and File are fetch's: loaded when read (the `Buffer` global reads only `Buffer`).
  const fetchClass = (name) => ({
    __proto__: null, enumerable: true, configurable: true,
    get() {
      internals.loadBlob();
      return internals[name];
    },
  });
  ObjectDefineProperty(buffer, 'Blob', fetchClass('Blob'));
  ObjectDefineProperty(buffer, 'File', fetchClass('File'));
  ObjectDefineProperty(buffer, 'INSPECT_MAX_BYTES', {
    __proto__: null, enumerable: true, configurable: true,
    get() { return INSPECT_MAX_BYTES; },
    set(value) {
      validateNumber(value, 'INSPECT_MAX_BYTES', 0);
      INSPECT_MAX_BYTES = value;
    },
  });
  // For `string_decoder` and `util`, which code the same encodings.
  internals.bufferEncoding = { normalizeEncoding, encodeString, decodeBytes, FastBuffer, isUint8Array, bytesOf };
  return buffer;
});
