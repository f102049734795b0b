//# allFunctionsCalledOnLoad
// CompressionStream and DecompressionStream (WHATWG Compression Standard) for `gzip`,
// `deflate` (the zlib format) and `deflate-raw`. The codecs are zlib's, on the host
// (`compression/mod.rs`); the output goes into Uint8Arrays allocated here, so it counts against
// the run's memory like any other buffer, and a decompression bomb stops at the memory limit.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBuffer: ArrayBufferCtor, ArrayBufferIsView, ArrayBufferPrototypeGetByteLength: arrayBufferByteLength,
    DataViewPrototypeGetBuffer: dataViewBuffer, DataViewPrototypeGetByteLength: dataViewByteLength,
    DataViewPrototypeGetByteOffset: dataViewByteOffset, MathMax, MathMin, PromisePrototypeThen: promiseThen, String,
    TypeError, TypedArrayPrototypeGetBuffer: typedArrayBuffer, TypedArrayPrototypeGetByteLength: typedArrayByteLength,
    TypedArrayPrototypeGetByteOffset: typedArrayByteOffset, TypedArrayPrototypeGetSymbolToStringTag: typedArrayTag,
    TypedArrayPrototypeSlice: typedArraySlice, Uint8Array,
  } = primordials;
  const compressionCreate = host.compressionCreate;
  const compressionPush = host.compressionPush;
  const compressionEnd = host.compressionEnd;
  const createTransformStream = internals.createTransformStream;
  const transformStreamParts = internals.transformStreamParts;

  const FORMATS = { __proto__: null, gzip: true, deflate: true, 'deflate-raw': true };
  // Output buffers: big enough to hold a typical chunk, small enough that a bomb is cut into
  // pieces the memory budget sees one by one.
  const MAX_OUTPUT = 64 * 1024;
  const MIN_OUTPUT = 1024;
  // zlib's own memory for one stream, roughly (deflate at level 6 keeps a 32 KiB window twice,
  // hash chains and a literal buffer; inflate a 32 KiB window): while the host holds a codec,
  // an ArrayBuffer this large stands for it in the memory budget.
  const COMPRESS_COST = 288 * 1024;
  const DECOMPRESS_COST = 48 * 1024;
  const EMPTY = new Uint8Array(0);

  // Placeholders for the host's codec memory, by codec id; kept until the codec is freed, so
  // a stream dropped half-way keeps counting.
  const ballast = { __proto__: null };

  // The bytes of a BufferSource (not shared memory) as a Uint8Array, without copying.
  function bytesOf(chunk, what) {
    if (ArrayBufferIsView(chunk)) {
      const isTyped = typedArrayTag(chunk) !== undefined;
      const buffer = isTyped ? typedArrayBuffer(chunk) : dataViewBuffer(chunk);
      try {
        arrayBufferByteLength(buffer);
      } catch {
        throw new TypeError(`${what}: a chunk in shared memory cannot be used`);
      }
      return isTyped
        ? new Uint8Array(buffer, typedArrayByteOffset(chunk), typedArrayByteLength(chunk))
        : new Uint8Array(buffer, dataViewByteOffset(chunk), dataViewByteLength(chunk));
    }
    try {
      arrayBufferByteLength(chunk);
    } catch {
      throw new TypeError(`${what}: each chunk must be an ArrayBuffer or an ArrayBufferView`);
    }
    return new Uint8Array(chunk);
  }

  function end(codec) {
    if (codec.id !== 0) {
      compressionEnd(codec.id);
      delete ballast[codec.id];
      codec.id = 0;
    }
    codec.ended = true;
  }

  // Runs `bytes` through the codec and enqueues what comes out. `finish`: the input ended.
  // Between output buffers it waits while the readable side has enough queued, so one small
  // chunk that expands a thousandfold is delivered as the code reads it, not all at once.
  async function run(codec, bytes, finish, controller) {
    if (codec.ended) {
      if (bytes.length === 0) return;
      throw new TypeError('Trailing bytes after end of compressed data');
    }
    if (codec.id === 0) {
      codec.id = compressionCreate(codec.format, codec.decompress);
      ballast[codec.id] = new ArrayBufferCtor(codec.decompress ? DECOMPRESS_COST : COMPRESS_COST);
    }
    let offset = 0;
    for (;;) {
      const remaining = bytes.length - offset;
      const size = MathMin(MAX_OUTPUT, MathMax(MIN_OUTPUT, (codec.decompress ? remaining * 4 : remaining) + 64));
      const output = new Uint8Array(size);
      const result = compressionPush(codec.id, bytes, offset, output, finish);
      const read = result[0];
      const written = result[1];
      offset += read;
      if (written > 0) controller.enqueue(written === size ? output : typedArraySlice(output, 0, written));
      if (result[2] === 1) {
        // A compressor has written its end; a decompressor has read the end of the data (the
        // host refuses anything after it).
        end(codec);
        return;
      }
      if (written < size && offset >= bytes.length && !finish) return;
      if (read === 0 && written === 0) throw new TypeError('The codec made no progress');
      const demand = controller.waitForDemand();
      if (demand !== undefined) {
        await demand;
        if (codec.ended) return; // cancelled while waiting
      }
    }
  }

  function codecStream(format, decompress, what) {
    const codec = { id: 0, format, decompress, ended: false };
    const fail = (error) => {
      end(codec);
      throw error;
    };
    return createTransformStream({
      __proto__: null,
      transform(chunk, controller) {
        let bytes;
        try {
          bytes = bytesOf(chunk, what);
        } catch (error) {
          fail(error);
        }
        return promiseThen(run(codec, bytes, false, controller), undefined, fail);
      },
      flush(controller) {
        return promiseThen(run(codec, EMPTY, true, controller), () => end(codec), fail);
      },
      cancel() {
        end(codec);
      },
    });
  }

  function checkFormat(format, what, count) {
    if (count === 0) throw new TypeError(`Failed to construct '${what}': 1 argument required, but only 0 present.`);
    const name = `${format}`;
    if (FORMATS[name] !== true) {
      throw new TypeError(`Failed to construct '${what}': Unsupported compression format: '${name}' (use 'gzip', 'deflate' or 'deflate-raw')`);
    }
    return name;
  }

  let compressionOf;
  class CompressionStream {
    #transform;
    constructor(format) {
      const name = checkFormat(format, 'CompressionStream', arguments.length);
      this.#transform = codecStream(name, false, 'CompressionStream');
    }
    static {
      compressionOf = (object) => {
        if (!(object !== null && typeof object === 'object' && #transform in object)) throw new TypeError('Illegal invocation');
        return object.#transform;
      };
    }
    get readable() {
      return transformStreamParts(compressionOf(this))[0];
    }
    get writable() {
      return transformStreamParts(compressionOf(this))[1];
    }
  }
  internals.webClass(CompressionStream);

  let decompressionOf;
  class DecompressionStream {
    #transform;
    constructor(format) {
      const name = checkFormat(format, 'DecompressionStream', arguments.length);
      this.#transform = codecStream(name, true, 'DecompressionStream');
    }
    static {
      decompressionOf = (object) => {
        if (!(object !== null && typeof object === 'object' && #transform in object)) throw new TypeError('Illegal invocation');
        return object.#transform;
      };
    }
    get readable() {
      return transformStreamParts(decompressionOf(this))[0];
    }
    get writable() {
      return transformStreamParts(decompressionOf(this))[1];
    }
  }
  internals.webClass(DecompressionStream);

  internals.defineLazyGlobal('CompressionStream', CompressionStream);
  internals.defineLazyGlobal('DecompressionStream', DecompressionStream);
});
