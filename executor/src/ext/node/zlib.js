// node:zlib, as workerd has it with `nodejs_compat`: deflate, inflate, gzip, gunzip, the raw
// forms, unzip and brotli, each with a callback and as `*Sync`, `crc32` and the constants,
// with workerd's messages, and the Transform streams (`createGzip`, ...) on `node:stream`. The
// codecs are the host's (`zlib.rs`: zlib-rs through flate2, and Dropbox's brotli); every
// output chunk is a Uint8Array made here, `chunkSize` bytes at a time, so output counts
// against the run's memory as it grows and stops at `maxOutputLength` ("Memory limit
// exceeded", as workerd) or at the run's memory limit.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, ArrayBufferPrototypeGetByteLength, DataViewPrototypeGetBuffer, DataViewPrototypeGetByteLength,
    DataViewPrototypeGetByteOffset, Error, NumberIsFinite, NumberIsInteger, ObjectDefineProperty, ObjectFreeze, ObjectKeys,
    ObjectSetPrototypeOf, RangeError, SymbolHasInstance,
    ReflectApply, TypeError, TypedArrayPrototypeGetBuffer, TypedArrayPrototypeGetByteLength,
    TypedArrayPrototypeGetByteOffset, TypedArrayPrototypeGetSymbolToStringTag, TypedArrayPrototypeSet,
    TypedArrayPrototypeSubarray, Uint8Array,
  } = primordials;
  const zlibCreate = host.nodeZlibCreate;
  const zlibWrite = host.nodeZlibWrite;
  const zlibClose = host.nodeZlibClose;
  const zlibReset = host.nodeZlibReset;
  const crc32Host = host.nodeCrc32;
  const isSharedArrayBuffer = host.isSharedArrayBuffer;
  const utf8Length = host.utf8Length;
  const encodeUtf8Into = host.encodeUtf8Into;
  const queueMicrotask = internals.queueMicrotask;

  let bufferModule = null;
  function Buffer() {
    if (bufferModule === null) bufferModule = internals.nodeModule('buffer');
    return bufferModule.Buffer;
  }

  // workerd 1.20261117.1's zlib.constants, as it reports them.
  const constants = ObjectFreeze({
    __proto__: null,
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5, Z_OK: 0,
    Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4,
    Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9,
    Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
    ZLIB_VERNUM: 5120, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
    BROTLI_DECODE: 8, BROTLI_ENCODE: 9, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
    Z_MIN_CHUNK: 64, Z_MAX_CHUNK: 134217728, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9,
    Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1, BROTLI_OPERATION_PROCESS: 0,
    BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2, BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0,
    BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0,
    BROTLI_PARAM_QUALITY: 1, BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11,
    BROTLI_PARAM_LGWIN: 2, BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30,
    BROTLI_DEFAULT_WINDOW: 22, BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16,
    BROTLI_MAX_INPUT_BLOCK_BITS: 24, BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5,
    BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8, BROTLI_DECODER_RESULT_ERROR: 0,
    BROTLI_DECODER_RESULT_SUCCESS: 1, BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2,
    BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0,
    BROTLI_DECODER_PARAM_LARGE_WINDOW: 1, BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1,
    BROTLI_DECODER_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3,
    BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1, BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2,
    BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3, BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
    BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
    BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
    BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
    BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
    BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
    BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
    BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
    BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
    BROTLI_DECODER_ERROR_UNREACHABLE: -31, ZSTD_ENCODE: 10, ZSTD_DECODE: 11, ZSTD_COMPRESS: 10, ZSTD_DECOMPRESS: 11,
    ZSTD_e_continue: 0, ZSTD_e_flush: 1, ZSTD_e_end: 2, ZSTD_c_compressionLevel: 100, ZSTD_c_windowLog: 101,
    ZSTD_c_hashLog: 102, ZSTD_c_chainLog: 103, ZSTD_c_searchLog: 104, ZSTD_c_minMatch: 105, ZSTD_c_targetLength: 106,
    ZSTD_c_strategy: 107, ZSTD_c_enableLongDistanceMatching: 160, ZSTD_c_ldmHashLog: 161, ZSTD_c_ldmMinMatch: 162,
    ZSTD_c_ldmBucketSizeLog: 163, ZSTD_c_ldmHashRateLog: 164, ZSTD_c_contentSizeFlag: 200, ZSTD_c_checksumFlag: 201,
    ZSTD_c_dictIDFlag: 202, ZSTD_c_nbWorkers: 400, ZSTD_c_jobSize: 401, ZSTD_c_overlapLog: 402,
    ZSTD_d_windowLogMax: 100, ZSTD_fast: 1, ZSTD_dfast: 2, ZSTD_greedy: 3, ZSTD_lazy: 4, ZSTD_lazy2: 5,
    ZSTD_btlazy2: 6, ZSTD_btopt: 7, ZSTD_btultra: 8, ZSTD_btultra2: 9, ZSTD_CLEVEL_DEFAULT: 3,
    ZSTD_error_no_error: 0, ZSTD_error_GENERIC: 1, ZSTD_error_prefix_unknown: 10, ZSTD_error_version_unsupported: 12,
    ZSTD_error_frameParameter_unsupported: 14, ZSTD_error_frameParameter_windowTooLarge: 16,
    ZSTD_error_corruption_detected: 20, ZSTD_error_checksum_wrong: 22, ZSTD_error_literals_headerWrong: 24,
    ZSTD_error_dictionary_corrupted: 30, ZSTD_error_dictionary_wrong: 32, ZSTD_error_dictionaryCreation_failed: 34,
    ZSTD_error_parameter_unsupported: 40, ZSTD_error_parameter_combination_unsupported: 41,
    ZSTD_error_parameter_outOfBound: 42, ZSTD_error_tableLog_tooLarge: 44, ZSTD_error_maxSymbolValue_tooLarge: 46,
    ZSTD_error_maxSymbolValue_tooSmall: 48, ZSTD_error_stabilityCondition_notRespected: 50,
    ZSTD_error_stage_wrong: 60, ZSTD_error_init_missing: 62, ZSTD_error_memory_allocation: 64,
    ZSTD_error_workSpace_tooSmall: 66, ZSTD_error_dstSize_tooSmall: 70, ZSTD_error_srcSize_wrong: 72,
    ZSTD_error_dstBuffer_null: 74, ZSTD_error_noForwardProgress_destFull: 80,
    ZSTD_error_noForwardProgress_inputEmpty: 82,
  });

  const codes = ObjectFreeze({
    __proto__: null,
    Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4,
    Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
    '0': 'Z_OK', '1': 'Z_STREAM_END', '2': 'Z_NEED_DICT', '-1': 'Z_ERRNO', '-2': 'Z_STREAM_ERROR',
    '-3': 'Z_DATA_ERROR', '-4': 'Z_MEM_ERROR', '-5': 'Z_BUF_ERROR', '-6': 'Z_VERSION_ERROR',
  });

  // ---- Input and options ----------------------------------------------------------------

  function isArrayBuffer(value) {
    try {
      ArrayBufferPrototypeGetByteLength(value);
      return true;
    } catch {
      return isSharedArrayBuffer(value);
    }
  }

  // `data` as bytes: a string (UTF-8), an ArrayBuffer or a view, as workerd's ZlibUtil takes it.
  function inputBytes(data, method) {
    if (typeof data === 'string') {
      const bytes = new Uint8Array(utf8Length(data));
      encodeUtf8Into(data, bytes);
      return bytes;
    }
    if (ArrayBufferIsView(data)) {
      if (TypedArrayPrototypeGetSymbolToStringTag(data) === undefined) {
        return new Uint8Array(DataViewPrototypeGetBuffer(data), DataViewPrototypeGetByteOffset(data),
          DataViewPrototypeGetByteLength(data));
      }
      return new Uint8Array(TypedArrayPrototypeGetBuffer(data), TypedArrayPrototypeGetByteOffset(data),
        TypedArrayPrototypeGetByteLength(data));
    }
    if (isArrayBuffer(data)) return new Uint8Array(data);
    throw new TypeError(`Failed to execute '${method}' on 'ZlibUtil': parameter 1 is not of type ` +
      "'string or ArrayBuffer or ArrayBufferView'.");
  }

  function checkRange(options, name, min, max, fallback) {
    const value = options[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !NumberIsFinite(value)) {
      throw new TypeError('The value cannot be converted because it is not an integer.');
    }
    if (value < min || value > max) {
      throw new RangeError(`The value of "options.${name}" is out of range. It must be >= ${min} and <= ${max}. ` +
        `Received ${value}`);
    }
    return value;
  }

  // workerd's largest output, 128 MiB.
  const MAX_OUTPUT = 134217728;

  // The codec's settings from `options`, checked as workerd checks them.
  function settings(kind, options) {
    const given = options === undefined || options === null ? {} : options;
    const brotli = kind === constants.BROTLI_ENCODE || kind === constants.BROTLI_DECODE;
    const chunkSize = checkRange(given, 'chunkSize', constants.Z_MIN_CHUNK, constants.Z_MAX_CHUNK,
      constants.Z_DEFAULT_CHUNK);
    const maxOutputLength = checkRange(given, 'maxOutputLength', 1, MAX_OUTPUT, MAX_OUTPUT);
    const finishFlush = checkRange(given, 'finishFlush', 0, brotli ? 3 : 5,
      brotli ? constants.BROTLI_OPERATION_FINISH : constants.Z_FINISH);
    checkRange(given, 'flush', 0, brotli ? 3 : 5, 0);
    let level = -1;
    let windowBits = 15;
    const params = [-1, -1, -1, -1];
    if (brotli) {
      const chosen = given.params;
      if (chosen !== undefined && chosen !== null) {
        const keys = ObjectKeys(chosen);
        for (let index = 0; index < keys.length; index++) {
          const key = +keys[index];
          const value = chosen[keys[index]];
          if (typeof value !== 'number' && typeof value !== 'boolean') {
            throw new TypeError(`The "options.params[${keys[index]}]" property must be of type number.`);
          }
          const number = +value;
          if (key === constants.BROTLI_PARAM_QUALITY) params[0] = number;
          else if (key === constants.BROTLI_PARAM_LGWIN) params[1] = number;
          else if (key === constants.BROTLI_PARAM_MODE) params[2] = number;
          else if (key === constants.BROTLI_PARAM_SIZE_HINT) params[3] = number;
          else if (!NumberIsInteger(key) || key < 0 || key > constants.BROTLI_PARAM_NDIRECT) {
            throw new Error('Setting parameter failed');
          }
        }
      }
    } else {
      level = checkRange(given, 'level', constants.Z_MIN_LEVEL, constants.Z_MAX_LEVEL, constants.Z_DEFAULT_LEVEL);
      const inflate = kind === constants.INFLATE || kind === constants.GUNZIP || kind === constants.INFLATERAW ||
        kind === constants.UNZIP;
      windowBits = checkRange(given, 'windowBits', inflate ? 0 : constants.Z_MIN_WINDOWBITS,
        constants.Z_MAX_WINDOWBITS, constants.Z_DEFAULT_WINDOWBITS);
      checkRange(given, 'memLevel', constants.Z_MIN_MEMLEVEL, constants.Z_MAX_MEMLEVEL, constants.Z_DEFAULT_MEMLEVEL);
      const strategy = given.strategy;
      if (strategy !== undefined && (typeof strategy !== 'number' || strategy < constants.Z_DEFAULT_STRATEGY ||
        strategy > constants.Z_FIXED)) {
        throw new Error('invalid strategy');
      }
    }
    return { chunkSize, maxOutputLength, finishFlush, level, windowBits, params, info: given.info === true };
  }

  // A host error `[message, code, errno]` as workerd throws it: an Error with zlib's message.
  function hostError(failure) {
    return new Error(failure[0]);
  }

  // ---- One-shot compression -------------------------------------------------------------

  // Runs the whole of `input` through a new codec of `kind` and returns the output's bytes.
  function processAll(kind, input, options) {
    const setting = settings(kind, options);
    const id = zlibCreate(kind, setting.level, setting.windowBits, setting.params);
    if (typeof id !== 'number') throw hostError(id);
    const chunks = [];
    let total = 0;
    let offset = 0;
    try {
      for (;;) {
        const out = new Uint8Array(setting.chunkSize);
        const step = zlibWrite(id, setting.finishFlush, input, offset, out);
        if (typeof step[0] === 'string') throw hostError(step);
        const read = step[0];
        const written = step[1];
        offset += read;
        if (written > 0) {
          total += written;
          if (total > setting.maxOutputLength) throw new RangeError('Memory limit exceeded');
          chunks[chunks.length] = written === out.length ? out : TypedArrayPrototypeSubarray(out, 0, written);
        }
        if (step[2] && offset >= input.length) break;
        // No progress with output room left: the codec wants more than there is.
        if (read === 0 && written < out.length) {
          if (offset >= input.length) break;
          throw new Error('unexpected end of file');
        }
      }
    } finally {
      zlibClose(id);
    }
    const result = Buffer().allocUnsafe(total);
    let position = 0;
    for (let index = 0; index < chunks.length; index++) {
      TypedArrayPrototypeSet(result, chunks[index], position);
      position += TypedArrayPrototypeGetByteLength(chunks[index]);
    }
    return result;
  }

  function syncOf(kind, method) {
    return function (buffer, options = undefined) {
      return processAll(kind, inputBytes(buffer, method), options);
    };
  }

  function callbackOf(kind) {
    return function (buffer, options, callback = undefined) {
      if (typeof options === 'function') {
        callback = options;
        options = undefined;
      }
      if (typeof callback !== 'function') {
        throw new (internals.nodeModule('internal/errors').codes.ERR_INVALID_ARG_TYPE)('callback', 'function', callback);
      }
      let error = null;
      let result;
      try {
        result = processAll(kind, inputBytes(buffer, 'zlib'), options);
      } catch (thrown) {
        error = thrown;
      }
      queueMicrotask(() => {
        if (error !== null) ReflectApply(callback, undefined, [error]);
        else ReflectApply(callback, undefined, [null, result]);
      });
    };
  }

  // ---- Streams --------------------------------------------------------------------------

  // The Transform streams (`createGzip()`, `new zlib.Deflate()`, ...), made on first use from
  // `node:stream`'s Transform, so that a run that only compresses in one go never loads it.
  let streamClasses = null;
  function streamClass(kind) {
    if (streamClasses === null) streamClasses = makeStreamClasses();
    return streamClasses[kind];
  }

  function makeStreamClasses() {
    const { Transform } = internals.nodeModule('stream');
    const classes = { __proto__: null };
    for (const [kind, name] of KINDS) {
      // Each class is a function, callable without `new` as Node's, whose prototype
      // inherits from Transform's.
      const Class = function (options) {
        if (!new.target) return new Class(options);
        const setting = settings(kind, options);
        ReflectApply(Transform, this, [options === undefined || options === null ? {} : options]);
        const id = zlibCreate(kind, setting.level, setting.windowBits, setting.params);
        if (typeof id !== 'number') throw hostError(id);
        this._zlibId = id;
        this._zlibSetting = setting;
        this._zlibKind = kind;
        this.bytesWritten = 0;
      };
      ObjectDefineProperty(Class, 'name', { __proto__: null, value: name });
      ObjectSetPrototypeOf(Class.prototype, Transform.prototype);
      ObjectSetPrototypeOf(Class, Transform);
      Class.prototype._transform = function (chunk, encoding, callback) {
        let input;
        try {
          input = inputBytes(chunk, 'write');
        } catch (error) {
          callback(error);
          return;
        }
        this.bytesWritten += input.length;
        runStream(this, input, 0, callback);
      };
      Class.prototype._flush = function (callback) {
        runStream(this, new Uint8Array(0), this._zlibSetting.finishFlush, callback);
      };
      Class.prototype._destroy = function (error, callback) {
        if (this._zlibId !== 0) zlibClose(this._zlibId);
        this._zlibId = 0;
        callback(error);
      };
      Class.prototype.close = function (callback) {
        if (typeof callback === 'function') this.once('close', callback);
        this.destroy();
      };
      Class.prototype.reset = function () {
        zlibReset(this._zlibId);
      };
      classes[kind] = Class;
    }
    return classes;
  }

  // Runs `input` through the stream's codec with `flush`, pushing each output chunk.
  function runStream(stream, input, flush, callback) {
    const id = stream._zlibId;
    if (id === 0) {
      callback(new Error('zlib binding closed'));
      return;
    }
    let offset = 0;
    try {
      for (;;) {
        const out = new Uint8Array(stream._zlibSetting.chunkSize);
        const step = zlibWrite(id, flush, input, offset, out);
        if (typeof step[0] === 'string') {
          stream._zlibId = 0;
          throw hostError(step);
        }
        offset += step[0];
        if (step[1] > 0) {
          const bytes = step[1] === out.length ? out : TypedArrayPrototypeSubarray(out, 0, step[1]);
          stream.push(Buffer().from(TypedArrayPrototypeGetBuffer(bytes), TypedArrayPrototypeGetByteOffset(bytes),
            TypedArrayPrototypeGetByteLength(bytes)));
        }
        if (step[2] || (offset >= input.length && step[1] < out.length)) break;
        if (step[0] === 0 && step[1] === 0) break;
      }
    } catch (error) {
      callback(error);
      return;
    }
    callback();
  }

  const KINDS = [
    [constants.DEFLATE, 'Deflate'], [constants.INFLATE, 'Inflate'], [constants.GZIP, 'Gzip'],
    [constants.GUNZIP, 'Gunzip'], [constants.DEFLATERAW, 'DeflateRaw'], [constants.INFLATERAW, 'InflateRaw'],
    [constants.UNZIP, 'Unzip'], [constants.BROTLI_ENCODE, 'BrotliCompress'],
    [constants.BROTLI_DECODE, 'BrotliDecompress'],
  ];

  // `zlib.Gzip` and friends: stand-ins that make the real class on first use, and answer
  // `instanceof` for it.
  function streamExport(kind, name) {
    const Stand = function (options) {
      return new (streamClass(kind))(options);
    };
    ObjectDefineProperty(Stand, 'name', { __proto__: null, value: name });
    ObjectDefineProperty(Stand, SymbolHasInstance, {
      __proto__: null, value: (value) => value instanceof streamClass(kind),
    });
    return Stand;
  }

  function crc32(data, value = 0) {
    if (typeof value !== 'number') {
      throw new (internals.nodeModule('internal/errors').codes.ERR_INVALID_ARG_TYPE)('value', 'number', value);
    }
    return crc32Host(inputBytes(data, 'crc32'), value >>> 0);
  }

  const zlib = {
    constants,
    createDeflate(options) { return new (streamClass(constants.DEFLATE))(options); },
    createInflate(options) { return new (streamClass(constants.INFLATE))(options); },
    createGzip(options) { return new (streamClass(constants.GZIP))(options); },
    createGunzip(options) { return new (streamClass(constants.GUNZIP))(options); },
    createDeflateRaw(options) { return new (streamClass(constants.DEFLATERAW))(options); },
    createInflateRaw(options) { return new (streamClass(constants.INFLATERAW))(options); },
    createUnzip(options) { return new (streamClass(constants.UNZIP))(options); },
    createBrotliCompress(options) { return new (streamClass(constants.BROTLI_ENCODE))(options); },
    createBrotliDecompress(options) { return new (streamClass(constants.BROTLI_DECODE))(options); },
    codes,
    crc32,
    deflate: callbackOf(constants.DEFLATE),
    deflateSync: syncOf(constants.DEFLATE, 'zlibSync'),
    inflate: callbackOf(constants.INFLATE),
    inflateSync: syncOf(constants.INFLATE, 'zlibSync'),
    gzip: callbackOf(constants.GZIP),
    gzipSync: syncOf(constants.GZIP, 'zlibSync'),
    gunzip: callbackOf(constants.GUNZIP),
    gunzipSync: syncOf(constants.GUNZIP, 'zlibSync'),
    deflateRaw: callbackOf(constants.DEFLATERAW),
    deflateRawSync: syncOf(constants.DEFLATERAW, 'zlibSync'),
    inflateRaw: callbackOf(constants.INFLATERAW),
    inflateRawSync: syncOf(constants.INFLATERAW, 'zlibSync'),
    unzip: callbackOf(constants.UNZIP),
    unzipSync: syncOf(constants.UNZIP, 'zlibSync'),
    brotliCompress: callbackOf(constants.BROTLI_ENCODE),
    brotliCompressSync: syncOf(constants.BROTLI_ENCODE, 'brotliCompressSync'),
    brotliDecompress: callbackOf(constants.BROTLI_DECODE),
    brotliDecompressSync: syncOf(constants.BROTLI_DECODE, 'brotliDecompressSync'),
  };
  for (let index = 0; index < KINDS.length; index++) zlib[KINDS[index][1]] = streamExport(KINDS[index][0], KINDS[index][1]);
  // workerd's module has every constant at its top level too.
  const names = ObjectKeys(constants);
  for (let index = 0; index < names.length; index++) {
    if (!(names[index] in zlib)) zlib[names[index]] = constants[names[index]];
  }
  return zlib;
});
