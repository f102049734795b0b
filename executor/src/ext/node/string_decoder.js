//# allFunctionsCalledOnLoad
// `node:string_decoder`, as workerd has it: a StringDecoder keeps the bytes of a character that
// a chunk splits (a UTF-8 sequence, a UTF-16 code unit or surrogate pair, a base64 group of
// three) until the next chunk completes it, and `end()` flushes what is left as Node does.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, ArrayPrototypeIndexOf, Error, FunctionPrototypeCall, MathMax, MathMin, MathTrunc, ObjectDefineProperty,
    ObjectDefineProperties, Symbol, TypeError, TypedArrayPrototypeGetBuffer, TypedArrayPrototypeGetByteOffset,
    TypedArrayPrototypeGetLength, TypedArrayPrototypeGetSymbolToStringTag,
    TypedArrayPrototypeSubarray, Uint8Array,
  } = primordials;
  const { codes: { ERR_INVALID_ARG_TYPE, ERR_UNKNOWN_ENCODING, ERR_INVALID_THIS } } = internals.nodeModule('internal/errors');
  internals.nodeModule('buffer');
  const { normalizeEncoding, decodeBytes, FastBuffer, bytesOf } = internals.bufferEncoding;

  const kState = Symbol('kState');

  // The decoder's state, as Node keeps it (and workerd's tests poke at it): 4 bytes of a
  // split character, how many bytes it still misses, how many are buffered, the encoding.
  const MISSING = 4, BUFFERED = 5, ENCODING = 6, STATE_SIZE = 7;
  const ENCODINGS = ['ascii', 'utf8', 'base64', 'utf16le', 'latin1', 'hex', 'buffer', 'base64url'];

  function stateOf(decoder) {
    const state = decoder[kState];
    if (state === undefined) throw new ERR_INVALID_THIS('StringDecoder');
    if (!ArrayBufferIsView(state) || TypedArrayPrototypeGetSymbolToStringTag(state) !== 'Uint8Array') {
      throw new TypeError('The StringDecoder state must be a Uint8Array');
    }
    if (TypedArrayPrototypeGetLength(state) !== STATE_SIZE) throw new Error('Invalid StringDecoder');
    if (state[BUFFERED] > 4) throw new Error('Buffered bytes cannot exceed 4');
    if (state[MISSING] > 4) throw new Error('Missing bytes cannot exceed 4');
    if (state[MISSING] + state[BUFFERED] > 4 || state[ENCODING] >= ENCODINGS.length || state[ENCODING] === 6) {
      throw new Error('Invalid StringDecoder state');
    }
    return state;
  }

  // `new StringDecoder(encoding)`, or `StringDecoder.call(object, encoding)` as Node allows.
  function StringDecoder(encoding) {
    const normalized = normalizeEncoding(encoding);
    if (normalized === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    this.encoding = normalized;
    const state = new FastBuffer(STATE_SIZE);
    state[ENCODING] = ArrayPrototypeIndexOf(ENCODINGS, normalized);
    this[kState] = state;
  }

  // Node's algorithm (`string_decoder.cc`): first the bytes that the buffered character
  // misses (a UTF-8 sequence stops early at a byte that is not a continuation), then the
  // chunk, whose last, incomplete character is buffered.
  function write(buf) {
    if (typeof buf === 'string') return buf;
    if (!ArrayBufferIsView(buf)) throw new ERR_INVALID_ARG_TYPE('buf', ['string', 'Buffer', 'TypedArray', 'DataView'], buf);
    const state = stateOf(this);
    const encoding = ENCODINGS[state[ENCODING]];
    const data = bytesOf(buf);
    let start = 0;
    let length = TypedArrayPrototypeGetLength(data);
    let prepend = '';
    if (state[MISSING] > 0) {
      if (encoding === 'utf8') {
        for (let index = 0; index < length && index < state[MISSING]; index++) {
          if ((data[index] & 0xc0) !== 0x80) {
            state[MISSING] = 0;
            for (let copy = 0; copy < index; copy++) state[state[BUFFERED] + copy] = data[copy];
            state[BUFFERED] += index;
            start += index;
            length -= index;
            break;
          }
        }
      }
      const found = MathMin(length, state[MISSING]);
      for (let copy = 0; copy < found; copy++) state[state[BUFFERED] + copy] = data[start + copy];
      start += found;
      length -= found;
      state[MISSING] -= found;
      state[BUFFERED] += found;
      if (state[MISSING] === 0) {
        prepend = decodeBytes(state, encoding, 0, state[BUFFERED]);
        state[BUFFERED] = 0;
      }
    }
    if (length === 0) return prepend;
    if (encoding === 'utf8' && (data[start + length - 1] & 0x80) !== 0) {
      for (let index = start + length - 1; ; index--) {
        state[BUFFERED]++;
        if ((data[index] & 0xc0) === 0x80) {
          if (state[BUFFERED] >= 4 || index === start) {
            state[BUFFERED] = 0;
            break;
          }
        } else {
          const lead = data[index];
          if ((lead & 0xe0) === 0xc0) state[MISSING] = 2;
          else if ((lead & 0xf0) === 0xe0) state[MISSING] = 3;
          else if ((lead & 0xf8) === 0xf0) state[MISSING] = 4;
          else {
            state[BUFFERED] = 0;
            break;
          }
          if (state[BUFFERED] >= state[MISSING]) {
            state[MISSING] = 0;
            state[BUFFERED] = 0;
          }
          state[MISSING] -= state[BUFFERED];
          break;
        }
      }
    } else if (encoding === 'utf16le') {
      if (length % 2 === 1) {
        state[BUFFERED] = 1;
        state[MISSING] = 1;
      } else if ((data[start + length - 1] & 0xfc) === 0xd8) {
        state[BUFFERED] = 2;
        state[MISSING] = 2;
      }
    } else if (encoding === 'base64' || encoding === 'base64url') {
      state[BUFFERED] = length % 3;
      if (state[BUFFERED] > 0) state[MISSING] = 3 - state[BUFFERED];
    }
    const buffered = state[BUFFERED];
    if (buffered > 0) {
      length -= buffered;
      for (let copy = 0; copy < buffered; copy++) state[copy] = data[start + length + copy];
    }
    return length > 0 ? prepend + decodeBytes(data, encoding, start, start + length) : prepend;
  }

  function end(buf) {
    let text = buf === undefined ? '' : FunctionPrototypeCall(write, this, buf);
    const state = stateOf(this);
    const encoding = ENCODINGS[state[ENCODING]];
    if (encoding === 'utf16le' && state[BUFFERED] % 2 === 1) {
      // A single trailing byte is dropped, as Node's decoder does.
      state[MISSING]--;
      state[BUFFERED]--;
    }
    if (state[BUFFERED] > 0) text += decodeBytes(state, encoding, 0, state[BUFFERED]);
    state[BUFFERED] = 0;
    state[MISSING] = 0;
    return text;
  }

  // Node's legacy `text(buf, offset)`: `write` of the bytes from `offset`, nothing kept before.
  function text(buf, offset) {
    const state = stateOf(this);
    state[BUFFERED] = 0;
    state[MISSING] = 0;
    const bytes = bytesOf(buf);
    const length = TypedArrayPrototypeGetLength(bytes);
    const start = MathMin(length, MathMax(0, MathTrunc(+offset) || 0));
    return FunctionPrototypeCall(write, this, new Uint8Array(TypedArrayPrototypeGetBuffer(bytes),
      TypedArrayPrototypeGetByteOffset(bytes) + start, length - start));
  }

  const methods = { write, end, text };
  const names = ['write', 'end', 'text'];
  for (let index = 0; index < names.length; index++) {
    ObjectDefineProperty(StringDecoder.prototype, names[index], {
      __proto__: null, value: methods[names[index]], writable: true, enumerable: true, configurable: true,
    });
  }

  ObjectDefineProperties(StringDecoder.prototype, {
    lastChar: {
      __proto__: null, configurable: true, enumerable: true,
      get() { return TypedArrayPrototypeSubarray(this[kState], 0, 4); },
    },
    lastNeed: {
      __proto__: null, configurable: true, enumerable: true,
      get() { return this[kState][MISSING]; },
    },
    lastTotal: {
      __proto__: null, configurable: true, enumerable: true,
      get() { return this[kState][BUFFERED] + this[kState][MISSING]; },
    },
  });

  return { StringDecoder };
});
