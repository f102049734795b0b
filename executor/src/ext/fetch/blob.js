//# allFunctionsCalledOnLoad
// Blob and File (File API). A blob holds its bytes in one Uint8Array.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, ArrayBufferPrototype, ArrayPrototypePush, DateNow, MathMax, MathMin, MathTrunc, Number,
    ObjectPrototypeIsPrototypeOf, String, StringPrototypeCharCodeAt, StringPrototypeSlice,
    StringPrototypeToLowerCase, SymbolIterator, TypedArrayPrototypeGetBuffer, TypedArrayPrototypeGetByteLength,
    TypedArrayPrototypeSlice, TypeError, Uint8Array,
  } = primordials;
  // Byte helpers of the fetch unit, which is loaded first (`fetch/stub.js`).
  const utf8 = internals.utf8;
  const viewBytes = internals.viewBytes;
  const concat = internals.concatBytes;
  const decode = host.decode;
  const isSharedArrayBuffer = host.isSharedArrayBuffer;

  // A lower-case type if it is all printable ASCII, else "" (as the File API says).
  function normalizeType(type) {
    if (type === undefined) return '';
    type = String(type);
    for (let index = 0; index < type.length; index++) {
      const code = StringPrototypeCharCodeAt(type, index);
      if (code < 0x20 || code > 0x7e) return '';
    }
    return StringPrototypeToLowerCase(type);
  }

  let bytesOf;

  function partBytes(part, endings) {
    if (part instanceof Blob) return bytesOf(part);
    if (ArrayBufferIsView(part)) return viewBytes(part);
    if (ObjectPrototypeIsPrototypeOf(ArrayBufferPrototype, part) || isSharedArrayBuffer(part)) {
      return TypedArrayPrototypeSlice(new Uint8Array(part));
    }
    let text = String(part);
    if (endings === 'native') text = nativeEndings(text);
    return utf8(text);
  }

  // `\r\n` and `\r` as `\n`, without regular expressions (whose methods the code can replace).
  function nativeEndings(text) {
    let result = '';
    let start = 0;
    for (let index = 0; index < text.length; index++) {
      if (text[index] !== '\r') continue;
      result += StringPrototypeSlice(text, start, index) + '\n';
      if (text[index + 1] === '\n') index++;
      start = index + 1;
    }
    return start === 0 ? text : result + StringPrototypeSlice(text, start);
  }

  class Blob {
    #bytes;
    #type;

    constructor(parts = undefined, options = undefined) {
      const endings = options?.endings === 'native' ? 'native' : 'transparent';
      if (parts === undefined || parts === null) {
        this.#bytes = new Uint8Array(0);
      } else {
        if (typeof parts !== 'object' || typeof parts[SymbolIterator] !== 'function') {
          throw new TypeError("Failed to construct 'Blob': The provided value cannot be converted to a sequence.");
        }
        const chunks = [];
        for (const part of parts) ArrayPrototypePush(chunks, partBytes(part, endings));
        this.#bytes = chunks.length === 1 ? chunks[0] : concat(chunks);
      }
      this.#type = normalizeType(options?.type);
    }

    static {
      bytesOf = (blob) => blob.#bytes;
      internals.blobType = (blob) => blob.#type;
      internals.blobFromBytes = (bytes, type) => {
        const blob = new Blob();
        blob.#bytes = bytes;
        blob.#type = normalizeType(type);
        return blob;
      };
    }

    get size() { return TypedArrayPrototypeGetByteLength(this.#bytes); }
    get type() { return this.#type; }

    slice(start = undefined, end = undefined, contentType = undefined) {
      const size = TypedArrayPrototypeGetByteLength(this.#bytes);
      const clamp = (value, fallback) => {
        if (value === undefined) return fallback;
        value = MathTrunc(Number(value)) || 0;
        return value < 0 ? MathMax(size + value, 0) : MathMin(value, size);
      };
      const from = clamp(start, 0);
      const to = clamp(end, size);
      return internals.blobFromBytes(TypedArrayPrototypeSlice(this.#bytes, from, MathMax(from, to)), contentType);
    }
    async text() { return decode('utf-8', this.#bytes, false, true); }
    async arrayBuffer() { return TypedArrayPrototypeGetBuffer(TypedArrayPrototypeSlice(this.#bytes)); }
    async bytes() { return TypedArrayPrototypeSlice(this.#bytes); }
    stream() {
      const bytes = TypedArrayPrototypeSlice(this.#bytes);
      return internals.newReadableStream({
        __proto__: null,
        type: 'bytes',
        start(controller) {
          if (bytes.byteLength > 0) controller.enqueue(bytes);
          controller.close();
        },
      });
    }
  }
  internals.webClass(Blob);

  class File extends Blob {
    #name;
    #lastModified;
    constructor(bits, name, options = undefined) {
      if (arguments.length < 2) {
        throw new TypeError(`Failed to construct 'File': 2 arguments required, but only ${arguments.length} present.`);
      }
      super(bits, options);
      this.#name = String(name);
      this.#lastModified = options?.lastModified === undefined ? DateNow() : MathTrunc(Number(options.lastModified)) || 0;
    }
    get name() { return this.#name; }
    get lastModified() { return this.#lastModified; }
  }
  internals.webClass(File);

  internals.blobBytes = (blob) => bytesOf(blob);
  internals.Blob = Blob;
  internals.File = File;
  internals.defineLazyGlobal('Blob', Blob);
  internals.defineLazyGlobal('File', File);
});
