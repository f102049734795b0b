//# allFunctionsCalledOnLoad
// `node:string_decoder`, as workerd has it: a StringDecoder keeps the bytes of a character that
// a chunk splits (a UTF-8 sequence, a UTF-16 code unit or surrogate pair, a base64 group of
// three) until the next chunk completes it, and `end()` flushes what is left as Node does.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, MathMin, ObjectDefineProperties, Symbol, TypedArrayPrototypeGetBuffer,
    TypedArrayPrototypeGetByteOffset, TypedArrayPrototypeGetLength, TypedArrayPrototypeSet, Uint8Array,
  } = primordials;
  const { codes: { ERR_INVALID_ARG_TYPE, ERR_UNKNOWN_ENCODING, ERR_INVALID_THIS } } = internals.nodeModule('internal/errors');
  internals.nodeModule('buffer');
  const { normalizeEncoding, decodeBytes, FastBuffer, bytesOf } = internals.bufferEncoding;

  const kState = Symbol('kState');

  // How many bytes the UTF-8 sequence that starts with `byte` has (0: not a lead byte).
  function utf8SequenceLength(byte) {
    if (byte >= 0xc2 && byte <= 0xdf) return 2;
    if (byte >= 0xe0 && byte <= 0xef) return 3;
    if (byte >= 0xf0 && byte <= 0xf4) return 4;
    return 0;
  }

  // The length of the incomplete UTF-8 sequence that ends `bytes` (0 when the last sequence
  // is complete or not a valid start of one).
  function incompleteUtf8Tail(bytes, length) {
    for (let back = 1; back <= MathMin(3, length); back++) {
      const byte = bytes[length - back];
      if ((byte & 0xc0) === 0x80) continue;
      const needed = utf8SequenceLength(byte);
      if (needed > back) {
        // The bytes after the lead must be continuation bytes that can follow it.
        const second = bytes[length - back + 1];
        if (back > 1) {
          if (byte === 0xe0 && second < 0xa0) return 0;
          if (byte === 0xed && second > 0x9f) return 0;
          if (byte === 0xf0 && second < 0x90) return 0;
          if (byte === 0xf4 && second > 0x8f) return 0;
        }
        return back;
      }
      return 0;
    }
    return 0;
  }

  function concatBytes(pending, pendingLength, bytes) {
    const length = TypedArrayPrototypeGetLength(bytes);
    if (pendingLength === 0) return bytes;
    const joined = new Uint8Array(pendingLength + length);
    for (let index = 0; index < pendingLength; index++) joined[index] = pending[index];
    TypedArrayPrototypeSet(joined, bytes, pendingLength);
    return joined;
  }

  class StringDecoder {
    constructor(encoding) {
      const normalized = normalizeEncoding(encoding);
      if (normalized === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
      this.encoding = normalized;
      this[kState] = { pending: new FastBuffer(4), pendingLength: 0, total: 0 };
    }

    write(buf) {
      if (typeof buf === 'string') return buf;
      if (!ArrayBufferIsView(buf)) throw new ERR_INVALID_ARG_TYPE('buf', ['string', 'Buffer', 'TypedArray', 'DataView'], buf);
      const state = this[kState];
      if (state === undefined) throw new ERR_INVALID_THIS('StringDecoder');
      const bytes = concatBytes(state.pending, state.pendingLength, bytesOf(buf));
      const length = TypedArrayPrototypeGetLength(bytes);
      let keep;
      switch (this.encoding) {
        case 'utf8':
          keep = incompleteUtf8Tail(bytes, length);
          state.total = keep === 0 ? 0 : utf8SequenceLength(bytes[length - keep]);
          break;
        case 'utf16le': {
          keep = length % 2;
          if (keep === 0 && length >= 2) {
            const unit = bytes[length - 2] | (bytes[length - 1] << 8);
            if (unit >= 0xd800 && unit <= 0xdbff) keep = 2;
          }
          state.total = keep === 1 ? 2 : keep === 2 ? 4 : 0;
          break;
        }
        case 'base64':
        case 'base64url':
          keep = length % 3;
          state.total = keep === 0 ? 0 : 3;
          break;
        default:
          keep = 0;
          state.total = 0;
      }
      for (let index = 0; index < keep; index++) state.pending[index] = bytes[length - keep + index];
      state.pendingLength = keep;
      if (length - keep === 0) return '';
      return decodeBytes(bytes, this.encoding, 0, length - keep);
    }

    end(buf) {
      let text = buf === undefined ? '' : this.write(buf);
      const state = this[kState];
      if (state === undefined) throw new ERR_INVALID_THIS('StringDecoder');
      if (state.pendingLength > 0) {
        switch (this.encoding) {
          case 'utf8':
            text += '\ufffd';
            break;
          case 'utf16le':
            // A high surrogate stays as it is; a lone byte is dropped.
            if (state.pendingLength >= 2) text += decodeBytes(state.pending, 'utf16le', 0, state.pendingLength - (state.pendingLength % 2));
            break;
          default:
            text += decodeBytes(state.pending, this.encoding, 0, state.pendingLength);
        }
      }
      state.pendingLength = 0;
      state.total = 0;
      return text;
    }

    // Node's legacy `text(buf, offset)`: `write` of the bytes from `offset`.
    text(buf, offset) {
      const state = this[kState];
      if (state !== undefined) {
        state.pendingLength = 0;
        state.total = 0;
      }
      const bytes = bytesOf(buf);
      return this.write(new Uint8Array(TypedArrayPrototypeGetBuffer(bytes), TypedArrayPrototypeGetByteOffset(bytes) + offset,
        TypedArrayPrototypeGetLength(bytes) - offset));
    }
  }

  ObjectDefineProperties(StringDecoder.prototype, {
    lastChar: {
      __proto__: null, configurable: true, enumerable: true,
      get() { return this[kState].pending; },
    },
    lastNeed: {
      __proto__: null, configurable: true, enumerable: true,
      get() { const state = this[kState]; return state.total === 0 ? 0 : state.total - state.pendingLength; },
    },
    lastTotal: {
      __proto__: null, configurable: true, enumerable: true,
      get() { const state = this[kState]; return state.total === 0 ? 0 : state.total; },
    },
  });

  return { StringDecoder };
});
