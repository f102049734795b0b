//# allFunctionsCalledOnLoad
// URL and URLSearchParams. All parsing and serialising is done by the host with the `url`
// and `form_urlencoded` crates (WHATWG URL Standard); this file only keeps state and
// implements the object model.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayPrototypeFilter, ArrayPrototypeFind, ArrayPrototypeFindIndex, ArrayPrototypeMap, ArrayPrototypePush,
    ArrayPrototypeSome, ArrayPrototypeSort, ReflectApply, ReflectGetOwnPropertyDescriptor, ReflectOwnKeys, String,
    StringPrototypeSlice, StringPrototypeStartsWith, StringPrototypeToWellFormed, Symbol, SymbolIterator, TypeError,
    safeArray,
  } = primordials;
  const urlParse = host.urlParse;
  const urlSet = host.urlSet;
  const formDecode = host.formDecode;
  const formEncode = host.formEncode;

  // Indices into the component arrays that the host returns.
  const HREF = 0, ORIGIN = 1, PROTOCOL = 2, USERNAME = 3, PASSWORD = 4, HOST = 5,
    HOSTNAME = 6, PORT = 7, PATHNAME = 8, SEARCH = 9, HASH = 10;

  function usv(value) {
    return StringPrototypeToWellFormed(String(value));
  }

  function pairsFrom(query) {
    const flat = formDecode(query);
    const list = [];
    for (let index = 0; index < flat.length; index += 2) ArrayPrototypePush(list, [flat[index], flat[index + 1]]);
    return list;
  }
  function serialize(list) {
    const flat = [];
    for (let index = 0; index < list.length; index++) ArrayPrototypePush(flat, list[index][0], list[index][1]);
    return formEncode(flat);
  }

  let setParamsList;
  let paramsList;
  let attachParams;

  class URLSearchParams {
    #list = [];
    #url = null;

    constructor(init = undefined) {
      if (init === undefined || init === null) return;
      if (typeof init === 'object' || typeof init === 'function') {
        if (typeof init[SymbolIterator] === 'function') {
          for (const pair of init) {
            const entry = [...pair];
            if (entry.length !== 2) {
              throw new TypeError("Failed to construct 'URLSearchParams': Each query pair must be an iterable [name, value] tuple");
            }
            ArrayPrototypePush(this.#list, [usv(entry[0]), usv(entry[1])]);
          }
        } else {
          const keys = ReflectOwnKeys(init);
          for (let index = 0; index < keys.length; index++) {
            const key = keys[index];
            if (typeof key !== 'string') continue;
            const descriptor = ReflectGetOwnPropertyDescriptor(init, key);
            if (descriptor !== undefined && descriptor.enumerable) {
              ArrayPrototypePush(this.#list, [usv(key), usv(init[key])]);
            }
          }
        }
        return;
      }
      let query = usv(init);
      if (StringPrototypeStartsWith(query, '?')) query = StringPrototypeSlice(query, 1);
      this.#list = pairsFrom(query);
    }

    static {
      setParamsList = (params, list) => { params.#list = list; };
      paramsList = (params) => params.#list;
      attachParams = (params, url) => { params.#url = url; };
    }

    #update() {
      if (this.#url !== null) this.#url.search = this.#list.length === 0 ? '' : serialize(this.#list);
    }

    get size() { return this.#list.length; }
    append(name, value) {
      ArrayPrototypePush(this.#list, [usv(name), usv(value)]);
      this.#update();
    }
    delete(name, value = undefined) {
      name = usv(name);
      if (value === undefined) this.#list = ArrayPrototypeFilter(this.#list, (pair) => pair[0] !== name);
      else {
        value = usv(value);
        this.#list = ArrayPrototypeFilter(this.#list, (pair) => pair[0] !== name || pair[1] !== value);
      }
      this.#update();
    }
    get(name) {
      name = usv(name);
      const pair = ArrayPrototypeFind(this.#list, (entry) => entry[0] === name);
      return pair === undefined ? null : pair[1];
    }
    getAll(name) {
      name = usv(name);
      return ArrayPrototypeMap(ArrayPrototypeFilter(this.#list, (pair) => pair[0] === name), (pair) => pair[1]);
    }
    has(name, value = undefined) {
      name = usv(name);
      if (value === undefined) return ArrayPrototypeSome(this.#list, (pair) => pair[0] === name);
      value = usv(value);
      return ArrayPrototypeSome(this.#list, (pair) => pair[0] === name && pair[1] === value);
    }
    set(name, value) {
      name = usv(name);
      value = usv(value);
      const index = ArrayPrototypeFindIndex(this.#list, (pair) => pair[0] === name);
      if (index === -1) ArrayPrototypePush(this.#list, [name, value]);
      else {
        this.#list[index] = [name, value];
        this.#list = ArrayPrototypeFilter(this.#list, (pair, position) => position <= index || pair[0] !== name);
      }
      this.#update();
    }
    sort() {
      // Stable sort by UTF-16 code units, as the standard asks.
      const indexed = ArrayPrototypeMap(this.#list, (pair, index) => [pair, index]);
      ArrayPrototypeSort(indexed, (a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]));
      this.#list = ArrayPrototypeMap(indexed, (entry) => entry[0]);
      this.#update();
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'forEach' on 'URLSearchParams': parameter 1 is not of type 'Function'.");
      }
      for (let index = 0; index < this.#list.length; index++) {
        const pair = this.#list[index];
        ReflectApply(callback, thisArg, [pair[1], pair[0], this]);
      }
    }
    *entries() {
      for (let index = 0; index < this.#list.length; index++) yield [this.#list[index][0], this.#list[index][1]];
    }
    *keys() {
      for (let index = 0; index < this.#list.length; index++) yield this.#list[index][0];
    }
    *values() {
      for (let index = 0; index < this.#list.length; index++) yield this.#list[index][1];
    }
    [SymbolIterator]() { return this.entries(); }
    toString() { return serialize(this.#list); }
  }
  internals.webClass(URLSearchParams);
  // Read from the list itself, not through the iterator, which the code can replace.
  internals.inspectShape(URLSearchParams, {
    __proto__: null,
    map: true,
    entries: (params) => {
      const list = paramsList(params);
      const pairs = safeArray();
      for (let index = 0; index < list.length; index++) pairs[index] = list[index];
      return pairs;
    },
  });

  function parseOrThrow(url, base) {
    const parts = base === undefined ? urlParse(usv(url)) : urlParse(usv(url), usv(base));
    if (parts === undefined) {
      throw new TypeError(`Invalid URL: ${String(url)}${base === undefined ? '' : ` (base: ${String(base)})`}`);
    }
    return parts;
  }

  const fromParts = Symbol('fromParts');

  class URL {
    #parts;
    #params = null;

    constructor(url, base = undefined) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'URL': 1 argument required, but only 0 present.");
      // `URL.parse` hands over components it has already parsed.
      this.#parts = url === fromParts ? base : parseOrThrow(url, base);
    }

    static canParse(url, base = undefined) {
      return (base === undefined ? urlParse(usv(url)) : urlParse(usv(url), usv(base))) !== undefined;
    }
    static parse(url, base = undefined) {
      const parts = base === undefined ? urlParse(usv(url)) : urlParse(usv(url), usv(base));
      return parts === undefined ? null : new URL(fromParts, parts);
    }

    #set(component, value) {
      const parts = urlSet(this.#parts[HREF], component, usv(value));
      if (parts !== undefined) this.#parts = parts;
    }
    #syncParams() {
      if (this.#params !== null) {
        const search = this.#parts[SEARCH];
        const query = StringPrototypeStartsWith(search, '?') ? StringPrototypeSlice(search, 1) : search;
        setParamsList(this.#params, pairsFrom(query));
      }
    }

    get href() { return this.#parts[HREF]; }
    set href(value) {
      this.#parts = parseOrThrow(value, undefined);
      this.#syncParams();
    }
    get origin() { return this.#parts[ORIGIN]; }
    get protocol() { return this.#parts[PROTOCOL]; }
    set protocol(value) { this.#set('protocol', value); }
    get username() { return this.#parts[USERNAME]; }
    set username(value) { this.#set('username', value); }
    get password() { return this.#parts[PASSWORD]; }
    set password(value) { this.#set('password', value); }
    get host() { return this.#parts[HOST]; }
    set host(value) { this.#set('host', value); }
    get hostname() { return this.#parts[HOSTNAME]; }
    set hostname(value) { this.#set('hostname', value); }
    get port() { return this.#parts[PORT]; }
    set port(value) { this.#set('port', value); }
    get pathname() { return this.#parts[PATHNAME]; }
    set pathname(value) { this.#set('pathname', value); }
    get search() { return this.#parts[SEARCH]; }
    set search(value) {
      this.#set('search', value);
      this.#syncParams();
    }
    get searchParams() {
      if (this.#params === null) {
        const search = this.#parts[SEARCH];
        this.#params = new URLSearchParams(search);
        attachParams(this.#params, this);
      }
      return this.#params;
    }
    get hash() { return this.#parts[HASH]; }
    set hash(value) { this.#set('hash', value); }
    toString() { return this.#parts[HREF]; }
    toJSON() { return this.#parts[HREF]; }
  }
  internals.webClass(URL);

  // The href of `input` parsed as a URL, or null (for fetch, whatever the code did to `URL`).
  internals.urlSearchParamsString = (params) => serialize(paramsList(params));
  internals.URL = URL;
  internals.URLSearchParams = URLSearchParams;
  internals.defineLazyGlobal('URL', URL);
  internals.defineLazyGlobal('URLSearchParams', URLSearchParams);
});
