//# allFunctionsCalledOnLoad
// Headers (Fetch Standard): names are case-insensitive and iterate sorted, values are
// normalised, `set-cookie` is kept as separate values, and a guard makes the headers of
// fetched responses immutable.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayPrototypeFilter, ArrayPrototypeFindIndex, ArrayPrototypePush, ArrayPrototypeSome, ArrayPrototypeSort,
    ObjectKeys, ReflectApply, Set, SetPrototypeAdd, SetPrototypeHas, String, StringPrototypeCharCodeAt,
    StringPrototypeSlice, StringPrototypeToLowerCase, SymbolIterator, TypeError, Uint8Array, safeArray,
  } = primordials;

  // RFC 9110 token characters.
  const tokenCharacters = new Uint8Array(128);
  const tokens = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (let index = 0; index < tokens.length; index++) tokenCharacters[StringPrototypeCharCodeAt(tokens, index)] = 1;

  function validName(name) {
    if (name.length === 0) return false;
    for (let index = 0; index < name.length; index++) {
      const code = StringPrototypeCharCodeAt(name, index);
      if (code >= 128 || tokenCharacters[code] === 0) return false;
    }
    return true;
  }

  function isWhitespace(code) {
    return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
  }

  // Strips leading and trailing HTTP whitespace; refuses NUL, CR and LF inside.
  function normalizeValue(value, what) {
    value = String(value);
    let start = 0;
    let end = value.length;
    while (start < end && isWhitespace(StringPrototypeCharCodeAt(value, start))) start++;
    while (end > start && isWhitespace(StringPrototypeCharCodeAt(value, end - 1))) end--;
    value = StringPrototypeSlice(value, start, end);
    for (let index = 0; index < value.length; index++) {
      const code = StringPrototypeCharCodeAt(value, index);
      if (code === 0 || code === 0x0a || code === 0x0d || code > 0xff) {
        throw new TypeError(`${what}: Invalid header value.`);
      }
    }
    return value;
  }

  function checkName(name, what) {
    name = String(name);
    if (!validName(name)) throw new TypeError(`${what}: Invalid header name "${name}".`);
    return StringPrototypeToLowerCase(name);
  }

  // The values of `name` in `list`, combined with `, `, or null.
  function combined(list, name) {
    let result = null;
    for (let index = 0; index < list.length; index++) {
      if (list[index][0] !== name) continue;
      result = result === null ? list[index][1] : `${result}, ${list[index][1]}`;
    }
    return result;
  }

  // The sorted, combined view that iteration shows (set-cookie values stay separate), as an
  // array without a prototype: `[[name, value], ...]`.
  function sortedEntries(list) {
    const seen = new Set();
    const names = safeArray();
    for (let index = 0; index < list.length; index++) {
      if (SetPrototypeHas(seen, list[index][0])) continue;
      SetPrototypeAdd(seen, list[index][0]);
      ArrayPrototypePush(names, list[index][0]);
    }
    ArrayPrototypeSort(names);
    const result = safeArray();
    for (let at = 0; at < names.length; at++) {
      const name = names[at];
      if (name === 'set-cookie') {
        for (let index = 0; index < list.length; index++) {
          if (list[index][0] === name) ArrayPrototypePush(result, [name, list[index][1]]);
        }
      } else {
        ArrayPrototypePush(result, [name, combined(list, name)]);
      }
    }
    return result;
  }

  const NONE = 0, IMMUTABLE = 1;
  let guardOf;
  let setGuard;
  let listOf;
  let setList;

  class Headers {
    // [lowercase name, value] in insertion order.
    #list = [];
    #guard = NONE;

    constructor(init = undefined) {
      if (init === undefined || init === null) return;
      if (typeof init !== 'object' && typeof init !== 'function') {
        throw new TypeError("Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
      }
      if (init instanceof Headers) {
        const list = init.#list;
        for (let index = 0; index < list.length; index++) ArrayPrototypePush(this.#list, [list[index][0], list[index][1]]);
      } else if (typeof init[SymbolIterator] === 'function') {
        for (const pair of init) {
          const entry = [...pair];
          if (entry.length !== 2) {
            throw new TypeError("Failed to construct 'Headers': Invalid value");
          }
          this.append(entry[0], entry[1]);
        }
      } else {
        const keys = ObjectKeys(init);
        for (let index = 0; index < keys.length; index++) this.append(keys[index], init[keys[index]]);
      }
    }

    static {
      guardOf = (headers) => headers.#guard;
      setGuard = (headers, guard) => { headers.#guard = guard; };
      listOf = (headers) => headers.#list;
      setList = (headers, list) => { headers.#list = list; };
    }

    #checkMutable(what) {
      if (this.#guard === IMMUTABLE) throw new TypeError(`Failed to execute '${what}' on 'Headers': Headers are immutable`);
    }

    append(name, value) {
      const what = "Failed to execute 'append' on 'Headers'";
      name = checkName(name, what);
      value = normalizeValue(value, what);
      this.#checkMutable('append');
      ArrayPrototypePush(this.#list, [name, value]);
    }
    delete(name) {
      name = checkName(name, "Failed to execute 'delete' on 'Headers'");
      this.#checkMutable('delete');
      this.#list = ArrayPrototypeFilter(this.#list, (entry) => entry[0] !== name);
    }
    get(name) {
      name = checkName(name, "Failed to execute 'get' on 'Headers'");
      return combined(this.#list, name);
    }
    getSetCookie() {
      const values = [];
      for (let index = 0; index < this.#list.length; index++) {
        if (this.#list[index][0] === 'set-cookie') ArrayPrototypePush(values, this.#list[index][1]);
      }
      return values;
    }
    getAll(name) {
      // A Workers extension, for set-cookie only.
      name = checkName(name, "Failed to execute 'getAll' on 'Headers'");
      if (name !== 'set-cookie') throw new TypeError('getAll() can only be used with the header name "Set-Cookie".');
      return this.getSetCookie();
    }
    has(name) {
      name = checkName(name, "Failed to execute 'has' on 'Headers'");
      return ArrayPrototypeSome(this.#list, (entry) => entry[0] === name);
    }
    set(name, value) {
      const what = "Failed to execute 'set' on 'Headers'";
      name = checkName(name, what);
      value = normalizeValue(value, what);
      this.#checkMutable('set');
      const index = ArrayPrototypeFindIndex(this.#list, (entry) => entry[0] === name);
      if (index === -1) {
        ArrayPrototypePush(this.#list, [name, value]);
      } else {
        this.#list[index] = [name, value];
        this.#list = ArrayPrototypeFilter(this.#list, (entry, position) => position <= index || entry[0] !== name);
      }
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'Function'.");
      }
      const entries = sortedEntries(this.#list);
      for (let index = 0; index < entries.length; index++) {
        ReflectApply(callback, thisArg, [entries[index][1], entries[index][0], this]);
      }
    }
    *entries() {
      const entries = sortedEntries(this.#list);
      for (let index = 0; index < entries.length; index++) yield [entries[index][0], entries[index][1]];
    }
    *keys() {
      const entries = sortedEntries(this.#list);
      for (let index = 0; index < entries.length; index++) yield entries[index][0];
    }
    *values() {
      const entries = sortedEntries(this.#list);
      for (let index = 0; index < entries.length; index++) yield entries[index][1];
    }
    [SymbolIterator]() { return this.entries(); }
  }
  internals.webClass(Headers);
  // Read from the list itself, not through the iterator, which the code can replace.
  internals.inspectShape(Headers, { __proto__: null, map: false, entries: (headers) => sortedEntries(listOf(headers)) });

  internals.isHttpToken = validName;
  // The combined value of `name` (lower case), as `get` has it, whatever the code did to
  // `Headers.prototype`.
  internals.headersGet = (headers, name) => combined(listOf(headers), name);
  // `set` for a name and value the runtime made (valid, lower case).
  internals.headersSet = (headers, name, value) => {
    const list = listOf(headers);
    const index = ArrayPrototypeFindIndex(list, (entry) => entry[0] === name);
    if (index === -1) ArrayPrototypePush(list, [name, value]);
    else {
      list[index] = [name, value];
      setList(headers, ArrayPrototypeFilter(list, (entry, position) => position <= index || entry[0] !== name));
    }
  };
  // `name` set to `value` unless the headers have it already.
  internals.headersSetDefault = (headers, name, value) => {
    if (combined(listOf(headers), name) === null) ArrayPrototypePush(listOf(headers), [name, value]);
  };
  internals.headersGuardImmutable = (headers) => setGuard(headers, IMMUTABLE);
  internals.headersIsImmutable = (headers) => guardOf(headers) === IMMUTABLE;
  // `[name, value, name, value, ...]` for the host, in insertion order.
  internals.headersFlat = (headers) => {
    const flat = [];
    const list = listOf(headers);
    for (let index = 0; index < list.length; index++) ArrayPrototypePush(flat, list[index][0], list[index][1]);
    return flat;
  };
  internals.headersFromFlat = (flat) => {
    const headers = new Headers();
    const list = listOf(headers);
    for (let index = 0; index + 1 < flat.length; index += 2) ArrayPrototypePush(list, [flat[index], flat[index + 1]]);
    return headers;
  };
  internals.Headers = Headers;
  internals.defineLazyGlobal('Headers', Headers);
});
