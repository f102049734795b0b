//# allFunctionsCalledOnLoad
// FormData (XMLHttpRequest Standard), and its multipart/form-data serialisation.
(function (globalThis, host, internals) {
  'use strict';

  const SymbolIterator = Symbol.iterator;
  const randomFill = host.randomFill;
  const Blob = internals.Blob;
  const File = internals.File;
  const utf8 = internals.utf8;
  const concatBytes = internals.concatBytes;
  const blobBytes = internals.blobBytes;

  // A string value, or a File (a Blob becomes a File named "blob").
  function entryValue(value, filename, argumentCount) {
    if (value instanceof Blob) {
      if (!(value instanceof File) || filename !== undefined) {
        const name = filename !== undefined ? String(filename) : value instanceof File ? value.name : 'blob';
        return new File([value], name, { type: value.type, lastModified: value instanceof File ? value.lastModified : undefined });
      }
      return value;
    }
    if (argumentCount > 2) {
      throw new TypeError("Failed to execute 'append' on 'FormData': parameter 2 is not of type 'Blob'.");
    }
    return String(value).toWellFormed();
  }

  let listOf;

  class FormData {
    #list = [];

    constructor(form = undefined) {
      if (form !== undefined) {
        throw new TypeError("Failed to construct 'FormData': forms are not supported in this runtime.");
      }
    }

    static {
      listOf = (formData) => formData.#list;
    }

    append(name, value, filename = undefined) {
      this.#list.push([String(name).toWellFormed(), entryValue(value, filename, arguments.length)]);
    }
    delete(name) {
      name = String(name).toWellFormed();
      this.#list = this.#list.filter((entry) => entry[0] !== name);
    }
    get(name) {
      name = String(name).toWellFormed();
      const entry = this.#list.find((pair) => pair[0] === name);
      return entry === undefined ? null : entry[1];
    }
    getAll(name) {
      name = String(name).toWellFormed();
      return this.#list.filter((entry) => entry[0] === name).map((entry) => entry[1]);
    }
    has(name) {
      name = String(name).toWellFormed();
      return this.#list.some((entry) => entry[0] === name);
    }
    set(name, value, filename = undefined) {
      name = String(name).toWellFormed();
      const entry = [name, entryValue(value, filename, arguments.length)];
      const index = this.#list.findIndex((pair) => pair[0] === name);
      if (index === -1) {
        this.#list.push(entry);
      } else {
        this.#list[index] = entry;
        this.#list = this.#list.filter((pair, position) => position <= index || pair[0] !== name);
      }
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'Function'.");
      }
      for (const [name, value] of [...this.#list]) callback.call(thisArg, value, name, this);
    }
    *entries() { for (const [name, value] of [...this.#list]) yield [name, value]; }
    *keys() { for (const [name] of [...this.#list]) yield name; }
    *values() { for (const [, value] of [...this.#list]) yield value; }
    [SymbolIterator]() { return this.entries(); }
  }
  internals.webClass(FormData);
  internals.inspectShape(FormData, { map: true, entries: (formData) => [...formData] });

  // Names and filenames in multipart headers: quotes and line breaks are percent-encoded, as
  // browsers do.
  function escapeQuoted(text) {
    return text.replace(/\r\n|\r|\n/g, '\r\n').replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  }

  // The body bytes and content type of a FormData, as multipart/form-data.
  internals.serializeFormData = (formData) => {
    const random = randomFill(new Uint8Array(12));
    let boundary = '----SandboxFormBoundary';
    for (const byte of random) boundary += (byte & 0x3f).toString(36);
    const chunks = [];
    for (const [name, value] of listOf(formData)) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"`;
      if (typeof value === 'string') {
        chunks.push(utf8(`${head}\r\n\r\n`), utf8(value.replace(/\r\n|\r|\n/g, '\r\n')), utf8('\r\n'));
      } else {
        head += `; filename="${escapeQuoted(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
        chunks.push(utf8(head), blobBytes(value), utf8('\r\n'));
      }
    }
    chunks.push(utf8(`--${boundary}--\r\n`));
    return [concatBytes(chunks), `multipart/form-data; boundary=${boundary}`];
  };
  internals.formDataAppendRaw = (formData, name, value) => listOf(formData).push([name, value]);
  internals.FormData = FormData;
  internals.defineLazyGlobal('FormData', FormData);
});
