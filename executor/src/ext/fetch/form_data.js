//# allFunctionsCalledOnLoad
// FormData (XMLHttpRequest Standard), and its multipart/form-data serialisation.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayPrototypeFilter, ArrayPrototypeFind, ArrayPrototypeFindIndex, ArrayPrototypeMap, ArrayPrototypePush,
    ArrayPrototypeSlice, ArrayPrototypeSome, NumberPrototypeToString, ReflectApply, String,
    StringPrototypeSlice, StringPrototypeToWellFormed, SymbolIterator, TypeError, Uint8Array, safeArray,
  } = primordials;
  const randomFill = host.randomFill;
  const Blob = internals.Blob;
  const File = internals.File;
  const utf8 = internals.utf8;
  const concatBytes = internals.concatBytes;
  const blobBytes = internals.blobBytes;

  function usv(value) {
    return StringPrototypeToWellFormed(String(value));
  }

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
    return usv(value);
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
      ArrayPrototypePush(this.#list, [usv(name), entryValue(value, filename, arguments.length)]);
    }
    delete(name) {
      name = usv(name);
      this.#list = ArrayPrototypeFilter(this.#list, (entry) => entry[0] !== name);
    }
    get(name) {
      name = usv(name);
      const entry = ArrayPrototypeFind(this.#list, (pair) => pair[0] === name);
      return entry === undefined ? null : entry[1];
    }
    getAll(name) {
      name = usv(name);
      return ArrayPrototypeMap(ArrayPrototypeFilter(this.#list, (entry) => entry[0] === name), (entry) => entry[1]);
    }
    has(name) {
      name = usv(name);
      return ArrayPrototypeSome(this.#list, (entry) => entry[0] === name);
    }
    set(name, value, filename = undefined) {
      name = usv(name);
      const entry = [name, entryValue(value, filename, arguments.length)];
      const index = ArrayPrototypeFindIndex(this.#list, (pair) => pair[0] === name);
      if (index === -1) {
        ArrayPrototypePush(this.#list, entry);
      } else {
        this.#list[index] = entry;
        this.#list = ArrayPrototypeFilter(this.#list, (pair, position) => position <= index || pair[0] !== name);
      }
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'Function'.");
      }
      const list = ArrayPrototypeSlice(this.#list);
      for (let index = 0; index < list.length; index++) ReflectApply(callback, thisArg, [list[index][1], list[index][0], this]);
    }
    *entries() {
      const list = ArrayPrototypeSlice(this.#list);
      for (let index = 0; index < list.length; index++) yield [list[index][0], list[index][1]];
    }
    *keys() {
      const list = ArrayPrototypeSlice(this.#list);
      for (let index = 0; index < list.length; index++) yield list[index][0];
    }
    *values() {
      const list = ArrayPrototypeSlice(this.#list);
      for (let index = 0; index < list.length; index++) yield list[index][1];
    }
    [SymbolIterator]() { return this.entries(); }
  }
  internals.webClass(FormData);
  // Read from the list itself, not through the iterator, which the code can replace.
  internals.inspectShape(FormData, {
    __proto__: null,
    map: true,
    entries: (formData) => {
      const list = listOf(formData);
      const pairs = safeArray();
      for (let index = 0; index < list.length; index++) pairs[index] = list[index];
      return pairs;
    },
  });

  // Names and filenames in multipart headers: quotes and line breaks are percent-encoded, as
  // browsers do.
  // (Loops rather than regular expressions, whose methods the code can replace; each copies
  // the runs between the characters it replaces whole.)
  function escapeQuoted(text) {
    let result = '';
    let start = 0;
    for (let index = 0; index < text.length; index++) {
      const character = text[index];
      if (character !== '"' && character !== '\r' && character !== '\n') continue;
      result += StringPrototypeSlice(text, start, index) + (character === '"' ? '%22' : '%0D%0A');
      if (character === '\r' && text[index + 1] === '\n') index++;
      start = index + 1;
    }
    return start === 0 ? text : result + StringPrototypeSlice(text, start);
  }

  // Line breaks (`\r\n`, `\r`, `\n`) as `\r\n`.
  function normalizeLineBreaks(text) {
    let result = '';
    let start = 0;
    for (let index = 0; index < text.length; index++) {
      const character = text[index];
      if (character !== '\r' && character !== '\n') continue;
      if (character === '\r' && text[index + 1] === '\n') {
        index++;
        continue;
      }
      result += StringPrototypeSlice(text, start, index) + '\r\n';
      start = index + 1;
    }
    return start === 0 ? text : result + StringPrototypeSlice(text, start);
  }

  // The body bytes and content type of a FormData, as multipart/form-data.
  internals.serializeFormData = (formData) => {
    const random = randomFill(new Uint8Array(12));
    let boundary = '----SandboxFormBoundary';
    for (let index = 0; index < random.length; index++) boundary += NumberPrototypeToString(random[index] & 0x3f, 36);
    const chunks = [];
    const list = listOf(formData);
    for (let index = 0; index < list.length; index++) {
      const name = list[index][0];
      const value = list[index][1];
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"`;
      if (typeof value === 'string') {
        ArrayPrototypePush(chunks, utf8(`${head}\r\n\r\n`), utf8(normalizeLineBreaks(value)), utf8('\r\n'));
      } else {
        head += `; filename="${escapeQuoted(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
        ArrayPrototypePush(chunks, utf8(head), blobBytes(value), utf8('\r\n'));
      }
    }
    ArrayPrototypePush(chunks, utf8(`--${boundary}--\r\n`));
    return [concatBytes(chunks), `multipart/form-data; boundary=${boundary}`];
  };
  internals.formDataAppendRaw = (formData, name, value) => ArrayPrototypePush(listOf(formData), [name, value]);
  internals.FormData = FormData;
  internals.defineLazyGlobal('FormData', FormData);
});
