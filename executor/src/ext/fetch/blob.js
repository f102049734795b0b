//# allFunctionsCalledOnLoad
// Blob and File (File API). A blob holds its bytes in one Uint8Array.
(function (globalThis, host, internals) {
  'use strict';

  const utf8Length = host.utf8Length;
  const encodeUtf8Into = host.encodeUtf8Into;
  const decode = host.decode;
  const isSharedArrayBuffer = host.isSharedArrayBuffer;
  const ArrayBufferIsView = ArrayBuffer.isView;
  const SymbolIterator = Symbol.iterator;
  const StringPrototypeToLowerCase = String.prototype.toLowerCase;
  const DateNow = Date.now;

  function utf8(string) {
    const bytes = new Uint8Array(utf8Length(string));
    encodeUtf8Into(string, bytes);
    return bytes;
  }

  // A lower-case type if it is all printable ASCII, else "" (as the File API says).
  function normalizeType(type) {
    if (type === undefined) return '';
    type = String(type);
    for (let index = 0; index < type.length; index++) {
      const code = type.charCodeAt(index);
      if (code < 0x20 || code > 0x7e) return '';
    }
    return StringPrototypeToLowerCase.call(type);
  }

  let bytesOf;

  function partBytes(part, endings) {
    if (part instanceof Blob) return bytesOf(part);
    if (ArrayBufferIsView(part)) return new Uint8Array(part.buffer, part.byteOffset, part.byteLength).slice();
    if (part instanceof ArrayBuffer || isSharedArrayBuffer(part)) {
      return new Uint8Array(part).slice();
    }
    let text = String(part);
    if (endings === 'native') text = text.replace(/\r\n|\r/g, '\n');
    return utf8(text);
  }

  function concat(chunks) {
    let length = 0;
    for (const chunk of chunks) length += chunk.byteLength;
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
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
        for (const part of parts) chunks.push(partBytes(part, endings));
        this.#bytes = chunks.length === 1 ? chunks[0] : concat(chunks);
      }
      this.#type = normalizeType(options?.type);
    }

    static {
      bytesOf = (blob) => blob.#bytes;
      internals.blobFromBytes = (bytes, type) => {
        const blob = new Blob();
        blob.#bytes = bytes;
        blob.#type = normalizeType(type);
        return blob;
      };
    }

    get size() { return this.#bytes.byteLength; }
    get type() { return this.#type; }

    slice(start = undefined, end = undefined, contentType = undefined) {
      const size = this.#bytes.byteLength;
      const clamp = (value, fallback) => {
        if (value === undefined) return fallback;
        value = Math.trunc(Number(value)) || 0;
        return value < 0 ? Math.max(size + value, 0) : Math.min(value, size);
      };
      const from = clamp(start, 0);
      const to = clamp(end, size);
      return internals.blobFromBytes(this.#bytes.slice(from, Math.max(from, to)), contentType);
    }
    async text() { return decode('utf-8', this.#bytes, false, true); }
    async arrayBuffer() { return this.#bytes.slice().buffer; }
    async bytes() { return this.#bytes.slice(); }
    stream() {
      const bytes = this.#bytes.slice();
      return new globalThis.ReadableStream({
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
      this.#lastModified = options?.lastModified === undefined ? DateNow() : Math.trunc(Number(options.lastModified)) || 0;
    }
    get name() { return this.#name; }
    get lastModified() { return this.#lastModified; }
  }
  internals.webClass(File);

  internals.blobBytes = (blob) => bytesOf(blob);
  internals.utf8 = utf8;
  internals.concatBytes = concat;
  internals.Blob = Blob;
  internals.File = File;
  internals.defineLazyGlobal('Blob', Blob);
  internals.defineLazyGlobal('File', File);
});
