//# allFunctionsCalledOnLoad
// IdentityTransformStream and FixedLengthStream, Cloudflare's own streams, as workerd has
// them: bytes written to the writable side come out of the readable side, a byte stream (BYOB
// readers work), as copies in Uint8Arrays (the writer keeps its buffer); a write settles once
// its bytes were read; a string is written as UTF-8; the writable side's high-water mark
// counts bytes. A FixedLengthStream errors its readable side when more bytes than its length
// are written, or fewer before close().
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, ArrayBufferPrototypeGetByteLength, DataViewPrototypeGetBuffer, DataViewPrototypeGetByteLength,
    DataViewPrototypeGetByteOffset, MathMin, Number, PromiseWithResolvers, TypedArrayPrototypeGetBuffer,
    TypedArrayPrototypeGetByteLength, TypedArrayPrototypeGetByteOffset, TypedArrayPrototypeGetSymbolToStringTag,
    TypedArrayPrototypeSet, TypeError, Uint8Array,
  } = primordials;
  const TransformStream = internals.TransformStream;
  const utf8Length = host.utf8Length;
  const encodeUtf8Into = host.encodeUtf8Into;

  // `[buffer, byteOffset, byteLength]` of a chunk of bytes, or undefined.
  function bytesOf(chunk) {
    if (ArrayBufferIsView(chunk)) {
      if (TypedArrayPrototypeGetSymbolToStringTag(chunk) !== undefined) {
        return [TypedArrayPrototypeGetBuffer(chunk), TypedArrayPrototypeGetByteOffset(chunk), TypedArrayPrototypeGetByteLength(chunk)];
      }
      return [DataViewPrototypeGetBuffer(chunk), DataViewPrototypeGetByteOffset(chunk), DataViewPrototypeGetByteLength(chunk)];
    }
    if (typeof chunk === 'object' && chunk !== null) {
      try {
        return [chunk, 0, ArrayBufferPrototypeGetByteLength(chunk)];
      } catch {
        // Not an ArrayBuffer.
      }
    }
    return undefined;
  }

  // A copy of the chunk's bytes, or a TypeError.
  function copyOf(chunk) {
    if (typeof chunk === 'string') {
      const bytes = new Uint8Array(utf8Length(chunk));
      encodeUtf8Into(chunk, bytes);
      return bytes;
    }
    const parts = bytesOf(chunk);
    if (parts === undefined) {
      throw new TypeError('This TransformStream is being used as a byte stream, but received an object of non-ArrayBuffer/ArrayBufferView type on its writable side.');
    }
    const copy = new Uint8Array(parts[2]);
    TypedArrayPrototypeSet(copy, new Uint8Array(parts[0], parts[1], parts[2]));
    return copy;
  }

  // The size of a chunk in the writable side's queue: its bytes.
  function sizeOf(chunk) {
    if (typeof chunk === 'string') return utf8Length(chunk);
    const parts = bytesOf(chunk);
    return parts === undefined ? 1 : parts[2];
  }

  // The readable and writable sides, joined; `expected` is a FixedLengthStream's length, or
  // undefined.
  function identitySides(highWaterMark, expected) {
    let written = 0;
    let output;
    let writableController;
    // The write waiting for its bytes to be read.
    let waiting = null;
    const release = () => {
      if (waiting !== null) {
        const resolve = waiting.resolve;
        waiting = null;
        resolve(undefined);
      }
    };
    // A high-water mark of one byte: the readable side asks for more (pull) as soon as its
    // queue is empty, which settles the write whose bytes were in it.
    const readable = internals.createByteStream({
      __proto__: null,
      start(handle) { output = handle; },
      pull() { release(); },
      cancel(reason) {
        writableController.error(reason);
        release();
      },
    }, 1);
    const writable = internals.newWritableStream({
      __proto__: null,
      start(controller) { writableController = controller; },
      write(chunk) {
        const bytes = copyOf(chunk);
        const length = TypedArrayPrototypeGetByteLength(bytes);
        written += length;
        if (expected !== undefined && written > expected) {
          output.error(new TypeError('Attempt to write too many bytes through a FixedLengthStream.'));
          return undefined;
        }
        if (length === 0) return undefined;
        output.enqueue(bytes);
        // A pending read took them all at once.
        if (output.desiredSize >= 1) return undefined;
        waiting = PromiseWithResolvers();
        return waiting.promise;
      },
      close() {
        if (expected !== undefined && written < expected) {
          output.error(new TypeError('FixedLengthStream did not see all expected bytes before close().'));
          return;
        }
        output.close();
      },
      abort(reason) {
        output.error(reason);
      },
    }, { __proto__: null, highWaterMark, size: sizeOf });
    return [readable, writable];
  }

  // A FixedLengthStream's length, handed from its constructor to IdentityTransformStream's,
  // which reads it before any code can run.
  let nextExpected;

  class IdentityTransformStream extends TransformStream {
    constructor(options = undefined) {
      const expected = nextExpected;
      nextExpected = undefined;
      let highWaterMark = options?.highWaterMark === undefined ? 1 : +options.highWaterMark;
      if (expected !== undefined) highWaterMark = MathMin(highWaterMark, expected);
      const sides = identitySides(highWaterMark, expected);
      const parts = internals.transformStreamSides(sides[0], sides[1]);
      super(parts[0], parts[1]);
      parts[2](this);
    }
  }
  internals.webClass(IdentityTransformStream);

  const TWO_TO_53 = 9007199254740992;

  // workerd's conversion of a FixedLengthStream's length: a bigint or an integral number, at
  // least 0 and under 2^53.
  function expectedLength(value) {
    if (typeof value === 'bigint') {
      if (value < 0n || value >= 18446744073709551616n) {
        throw new TypeError('The value cannot be converted because it is either negative and this API expects a positive bigint, or the value would be truncated.');
      }
      if (value >= 9007199254740992n) throw new TypeError('FixedLengthStream requires an integer expected length less than 2^53.');
      return Number(value);
    }
    const number = +value;
    if (number !== number) throw new TypeError('The value cannot be converted because it is not an integer.');
    if (number < 0) throw new TypeError('The value cannot be converted because it is negative and this API expects a positive bigint.');
    if (number >= TWO_TO_53) throw new TypeError('FixedLengthStream requires an integer expected length less than 2^53.');
    return number;
  }

  class FixedLengthStream extends IdentityTransformStream {
    constructor(expected = undefined, options = undefined) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to construct 'FixedLengthStream': constructor parameter 1 is not of type 'bigint'.");
      }
      nextExpected = expectedLength(expected);
      super(options);
    }
  }
  internals.webClass(FixedLengthStream);

  internals.defineLazyGlobal('IdentityTransformStream', IdentityTransformStream);
  internals.defineLazyGlobal('FixedLengthStream', FixedLengthStream);
});
