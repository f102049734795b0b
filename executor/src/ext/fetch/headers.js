//# allFunctionsCalledOnLoad
// Headers (Fetch Standard): names are case-insensitive and iterate sorted, values are
// normalised, `set-cookie` is kept as separate values, and a guard makes the headers of
// fetched responses immutable.
(function (globalThis, host, internals) {
  'use strict';

  const SymbolIterator = Symbol.iterator;
  const ObjectKeys = Object.keys;
  const StringPrototypeToLowerCase = String.prototype.toLowerCase;

  // RFC 9110 token characters.
  const tokenCharacters = new Uint8Array(128);
  for (const character of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
    tokenCharacters[character.charCodeAt(0)] = 1;
  }

  function validName(name) {
    if (name.length === 0) return false;
    for (let index = 0; index < name.length; index++) {
      const code = name.charCodeAt(index);
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
    while (start < end && isWhitespace(value.charCodeAt(start))) start++;
    while (end > start && isWhitespace(value.charCodeAt(end - 1))) end--;
    value = value.slice(start, end);
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      if (code === 0 || code === 0x0a || code === 0x0d || code > 0xff) {
        throw new TypeError(`${what}: Invalid header value.`);
      }
    }
    return value;
  }

  function checkName(name, what) {
    name = String(name);
    if (!validName(name)) throw new TypeError(`${what}: Invalid header name "${name}".`);
    return StringPrototypeToLowerCase.call(name);
  }

  const NONE = 0, IMMUTABLE = 1;
  let guardOf;
  let setGuard;
  let listOf;

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
        for (const [name, value] of init.#list) this.#list.push([name, value]);
      } else if (typeof init[SymbolIterator] === 'function') {
        for (const pair of init) {
          const entry = [...pair];
          if (entry.length !== 2) {
            throw new TypeError("Failed to construct 'Headers': Invalid value");
          }
          this.append(entry[0], entry[1]);
        }
      } else {
        for (const key of ObjectKeys(init)) this.append(key, init[key]);
      }
    }

    static {
      guardOf = (headers) => headers.#guard;
      setGuard = (headers, guard) => { headers.#guard = guard; };
      listOf = (headers) => headers.#list;
    }

    #checkMutable(what) {
      if (this.#guard === IMMUTABLE) throw new TypeError(`Failed to execute '${what}' on 'Headers': Headers are immutable`);
    }

    append(name, value) {
      const what = "Failed to execute 'append' on 'Headers'";
      name = checkName(name, what);
      value = normalizeValue(value, what);
      this.#checkMutable('append');
      this.#list.push([name, value]);
    }
    delete(name) {
      name = checkName(name, "Failed to execute 'delete' on 'Headers'");
      this.#checkMutable('delete');
      this.#list = this.#list.filter((entry) => entry[0] !== name);
    }
    get(name) {
      name = checkName(name, "Failed to execute 'get' on 'Headers'");
      let result = null;
      for (const [entryName, value] of this.#list) {
        if (entryName !== name) continue;
        result = result === null ? value : `${result}, ${value}`;
      }
      return result;
    }
    getSetCookie() {
      return this.#list.filter((entry) => entry[0] === 'set-cookie').map((entry) => entry[1]);
    }
    getAll(name) {
      // A Workers extension, for set-cookie only.
      name = checkName(name, "Failed to execute 'getAll' on 'Headers'");
      if (name !== 'set-cookie') throw new TypeError('getAll() can only be used with the header name "Set-Cookie".');
      return this.getSetCookie();
    }
    has(name) {
      name = checkName(name, "Failed to execute 'has' on 'Headers'");
      return this.#list.some((entry) => entry[0] === name);
    }
    set(name, value) {
      const what = "Failed to execute 'set' on 'Headers'";
      name = checkName(name, what);
      value = normalizeValue(value, what);
      this.#checkMutable('set');
      const index = this.#list.findIndex((entry) => entry[0] === name);
      if (index === -1) {
        this.#list.push([name, value]);
      } else {
        this.#list[index] = [name, value];
        this.#list = this.#list.filter((entry, position) => position <= index || entry[0] !== name);
      }
    }
    // The sorted, combined view that iteration shows (set-cookie values stay separate).
    #sorted() {
      const names = [...new Set(this.#list.map((entry) => entry[0]))].sort();
      const result = [];
      for (const name of names) {
        if (name === 'set-cookie') {
          for (const value of this.getSetCookie()) result.push([name, value]);
        } else {
          result.push([name, this.get(name)]);
        }
      }
      return result;
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'Function'.");
      }
      for (const [name, value] of this.#sorted()) callback.call(thisArg, value, name, this);
    }
    *entries() { yield* this.#sorted(); }
    *keys() { for (const [name] of this.#sorted()) yield name; }
    *values() { for (const [, value] of this.#sorted()) yield value; }
    [SymbolIterator]() { return this.entries(); }
  }
  internals.webClass(Headers);
  internals.inspectShape(Headers, { map: false, entries: (headers) => [...headers] });

  internals.isHttpToken = validName;
  internals.headersGuardImmutable = (headers) => setGuard(headers, IMMUTABLE);
  internals.headersIsImmutable = (headers) => guardOf(headers) === IMMUTABLE;
  // `[name, value, name, value, ...]` for the host, in insertion order.
  internals.headersFlat = (headers) => {
    const flat = [];
    for (const [name, value] of listOf(headers)) flat.push(name, value);
    return flat;
  };
  internals.headersFromFlat = (flat) => {
    const headers = new Headers();
    const list = listOf(headers);
    for (let index = 0; index + 1 < flat.length; index += 2) list.push([flat[index], flat[index + 1]]);
    return headers;
  };
  internals.Headers = Headers;
  internals.defineLazyGlobal('Headers', Headers);
});
