//# allFunctionsCalledOnLoad
// `url`: the WHATWG `URL` and `URLSearchParams` (the runtime's globals), Node.js's file URL
// helpers, and the legacy `url.parse`/`url.format`/`url.resolve` with their `Url` objects.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    ArrayPrototypeJoin, ArrayPrototypePop, ArrayPrototypePush, NumberParseInt,
    StringPrototypeCharCodeAt, StringPrototypeIndexOf, StringPrototypeLastIndexOf, StringPrototypeSlice,
    StringPrototypeStartsWith, StringPrototypeToLowerCase, StringPrototypeIncludes, encodeURIComponent,
    decodeURIComponent, ReflectApply, safeArray,
  } = primordials;
  const {
    codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_FILE_URL_HOST, ERR_INVALID_FILE_URL_PATH, ERR_INVALID_URL_SCHEME },
    validateString, validateObject,
  } = internals.nodeModule('internal/errors');

  internals.loadUrl();
  const URLClass = internals.URL;

  function isURL(value) {
    return value != null && typeof value.href === 'string' && typeof value.protocol === 'string' &&
      value.auth === undefined && value.path === undefined;
  }

  function fileURLToPath(path, options = undefined) {
    if (typeof path === 'string') path = new URLClass(path);
    else if (!isURL(path)) throw new ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], path);
    if (path.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
    if (options != null && options.windows === true) {
      throw new ERR_INVALID_FILE_URL_PATH('must be absolute');
    }
    if (path.hostname !== '') throw new ERR_INVALID_FILE_URL_HOST('linux');
    const pathname = path.pathname;
    for (let index = 0; index < pathname.length; index++) {
      if (pathname[index] === '%') {
        const third = StringPrototypeCharCodeAt(pathname, index + 2) | 0x20;
        if (pathname[index + 1] === '2' && third === 102) {
          throw new ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
        }
      }
    }
    return decodeURIComponent(pathname);
  }

  function encodePathChars(path) {
    let out = '';
    for (let index = 0; index < path.length; index++) {
      const character = path[index];
      if (character === '%') out += '%25';
      else if (character === '\\') out += '%5C';
      else if (character === '\n') out += '%0A';
      else if (character === '\r') out += '%0D';
      else if (character === '\t') out += '%09';
      else out += character;
    }
    return out;
  }

  function pathToFileURL(filepath, options = undefined) {
    validateString(filepath, 'path');
    const path = internals.nodeModule('path');
    let resolved = path.resolve(filepath);
    if (StringPrototypeCharCodeAt(filepath, filepath.length - 1) === 47 && resolved[resolved.length - 1] !== '/') {
      resolved += '/';
    }
    const url = new URLClass('file://');
    let encoded = encodePathChars(resolved);
    let result = '';
    for (let index = 0; index < encoded.length; index++) {
      const character = encoded[index];
      if (character === '?') result += '%3F';
      else if (character === '#') result += '%23';
      else result += character;
    }
    url.pathname = result;
    return url;
  }

  function urlToHttpOptions(url) {
    const options = {
      protocol: url.protocol,
      hostname: typeof url.hostname === 'string' && StringPrototypeStartsWith(url.hostname, '[')
        ? StringPrototypeSlice(url.hostname, 1, -1) : url.hostname,
      hash: url.hash,
      search: url.search,
      pathname: url.pathname,
      path: `${url.pathname || ''}${url.search || ''}`,
      href: url.href,
    };
    if (url.port !== '') options.port = NumberParseInt(url.port, 10);
    if (url.username || url.password) {
      options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    }
    return options;
  }

  function domainToASCII(domain) {
    try {
      return new URLClass(`ws://${domain}`).hostname;
    } catch {
      return '';
    }
  }

  // The domain as the URL parser gives it: Punycode labels stay as they are (workerd turns
  // them back into Unicode; a known gap, see workerd's legacy_url tests).
  function domainToUnicode(domain) {
    return domainToASCII(domain);
  }

  // The legacy API.
  function Url() {
    this.protocol = null;
    this.slashes = null;
    this.auth = null;
    this.host = null;
    this.port = null;
    this.hostname = null;
    this.hash = null;
    this.search = null;
    this.query = null;
    this.pathname = null;
    this.path = null;
    this.href = null;
  }

  const SLASHED_PROTOCOLS = { __proto__: null, 'http': true, 'https': true, 'ftp': true, 'gopher': true, 'file': true,
    'http:': true, 'https:': true, 'ftp:': true, 'gopher:': true, 'file:': true, 'ws:': true, 'wss:': true,
    'ws': true, 'wss': true };
  const UNSAFE_PROTOCOLS = { __proto__: null, 'javascript': true, 'javascript:': true };
  const HOSTLESS_PROTOCOLS = { __proto__: null, 'javascript': true, 'javascript:': true };

  function isProtocolCharacter(code, first) {
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (first) return letter;
    return letter || (code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46;
  }

  // Characters escaped in parts of a parsed URL, as Node.js's `url.parse` escapes them.
  const AUTO_ESCAPE = { __proto__: null, '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22',
    "'": '%27', '<': '%3C', '>': '%3E', '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D' };

  function autoEscape(text) {
    let out = '';
    for (let index = 0; index < text.length; index++) {
      const escaped = AUTO_ESCAPE[text[index]];
      out += escaped === undefined ? text[index] : escaped;
    }
    return out;
  }

  function trim(text) {
    let start = 0;
    let end = text.length;
    while (start < end && StringPrototypeCharCodeAt(text, start) <= 32) start++;
    while (end > start && StringPrototypeCharCodeAt(text, end - 1) <= 32) end--;
    return StringPrototypeSlice(text, start, end);
  }

  Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
    validateString(url, 'url');
    let rest = '';
    // Backslashes before the query are slashes, as browsers read them.
    let sawQuery = false;
    for (let index = 0; index < url.length; index++) {
      const character = url[index];
      if (character === '?' || character === '#') sawQuery = true;
      rest += !sawQuery && character === '\\' ? '/' : character;
    }
    rest = trim(rest);

    if (!slashesDenoteHost && StringPrototypeIndexOf(rest, '#') === -1) {
      // A simple path: `/a/b?c`.
      if (rest[0] === '/' && rest[1] !== '/') {
        let end = rest.length;
        let search = '';
        const question = StringPrototypeIndexOf(rest, '?');
        let simple = true;
        for (let index = 0; index < (question === -1 ? rest.length : question); index++) {
          const code = StringPrototypeCharCodeAt(rest, index);
          if (code <= 32 || AUTO_ESCAPE[rest[index]] !== undefined) {
            simple = false;
            break;
          }
        }
        if (simple) {
          if (question !== -1) {
            end = question;
            search = StringPrototypeSlice(rest, question);
          }
          this.path = rest;
          this.href = rest;
          this.pathname = StringPrototypeSlice(rest, 0, end);
          if (search !== '') {
            this.search = search;
            this.query = parseQueryString ? internals.nodeModule('querystring').parse(StringPrototypeSlice(search, 1))
              : StringPrototypeSlice(search, 1);
          } else if (parseQueryString) {
            this.search = null;
            this.query = { __proto__: null };
          }
          return this;
        }
      }
    }

    let proto;
    let lowerProto;
    let protoEnd = -1;
    for (let index = 0; index < rest.length; index++) {
      const code = StringPrototypeCharCodeAt(rest, index);
      if (code === 58) {
        if (index > 0) protoEnd = index;
        break;
      }
      if (!isProtocolCharacter(code, index === 0)) break;
    }
    if (protoEnd !== -1) {
      proto = StringPrototypeSlice(rest, 0, protoEnd + 1);
      lowerProto = StringPrototypeToLowerCase(proto);
      this.protocol = lowerProto;
      rest = StringPrototypeSlice(rest, protoEnd + 1);
    }

    let slashes;
    if (slashesDenoteHost || proto !== undefined || (rest[0] === '/' && rest[1] === '/')) {
      slashes = rest[0] === '/' && rest[1] === '/';
      if (slashes && !(proto !== undefined && HOSTLESS_PROTOCOLS[lowerProto])) {
        rest = StringPrototypeSlice(rest, 2);
        this.slashes = true;
      }
    }

    if (!HOSTLESS_PROTOCOLS[lowerProto] && (slashes || (proto !== undefined && !SLASHED_PROTOCOLS[proto]))) {
      // The host ends at the first of `/ ? # \` and characters not allowed in hosts.
      let hostEnd = -1;
      let atSign = -1;
      let nonHost = -1;
      for (let index = 0; index < rest.length; index++) {
        const character = rest[index];
        if (character === '\t' || character === '\n' || character === '\r' || character === ' ' ||
          character === '"' || character === '%' || character === "'" || character === ';' || character === '<' ||
          character === '>' || character === '\\' || character === '^' || character === '`' || character === '{' ||
          character === '|' || character === '}') {
          if (nonHost === -1) nonHost = index;
        } else if (character === '#' || character === '/' || character === '?') {
          if (nonHost === -1) nonHost = index;
          hostEnd = index;
          break;
        } else if (character === '@') {
          atSign = index;
          nonHost = -1;
        }
      }
      let start = 0;
      if (atSign !== -1) {
        this.auth = decodeURIComponent(StringPrototypeSlice(rest, 0, atSign));
        start = atSign + 1;
      }
      if (nonHost === -1) {
        this.host = StringPrototypeSlice(rest, start);
        rest = '';
      } else {
        this.host = StringPrototypeSlice(rest, start, nonHost);
        rest = StringPrototypeSlice(rest, nonHost);
      }
      // Port.
      let host = this.host;
      const colon = StringPrototypeLastIndexOf(host, ':');
      if (colon !== -1 && StringPrototypeIndexOf(host, ']', colon) === -1) {
        const port = StringPrototypeSlice(host, colon + 1);
        let digits = true;
        for (let index = 0; index < port.length; index++) {
          const code = StringPrototypeCharCodeAt(port, index);
          if (code < 48 || code > 57) digits = false;
        }
        if (digits) {
          if (port !== '') this.port = port;
          host = StringPrototypeSlice(host, 0, colon);
        }
      }
      this.hostname = host;
      const ipv6 = this.hostname[0] === '[' && this.hostname[this.hostname.length - 1] === ']';
      if (!ipv6) {
        // Invalid host characters end the host; the rest is the path.
        let valid = '';
        for (let index = 0; index < this.hostname.length; index++) {
          const code = StringPrototypeCharCodeAt(this.hostname, index);
          const ok = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ||
            code === 46 || code === 45 || code === 43 || code === 95 || code > 127;
          if (!ok) {
            rest = `/${StringPrototypeSlice(this.hostname, index)}${rest}`;
            break;
          }
          valid += this.hostname[index];
        }
        this.hostname = valid;
      }
      if (this.hostname.length > 255) this.hostname = '';
      else this.hostname = StringPrototypeToLowerCase(this.hostname);
      if (!ipv6 && this.hostname !== '') this.hostname = domainToASCII(this.hostname) || this.hostname;
      const p = this.port ? `:${this.port}` : '';
      const h = this.hostname || '';
      this.host = `${h}${p}`;
      if (ipv6) {
        this.hostname = StringPrototypeSlice(this.hostname, 1, -1);
        if (rest[0] !== '/') rest = `/${rest}`;
      }
    }

    if (!UNSAFE_PROTOCOLS[lowerProto]) rest = autoEscape(rest);

    const hash = StringPrototypeIndexOf(rest, '#');
    if (hash !== -1) {
      this.hash = StringPrototypeSlice(rest, hash);
      rest = StringPrototypeSlice(rest, 0, hash);
    }
    const question = StringPrototypeIndexOf(rest, '?');
    if (question !== -1) {
      this.search = StringPrototypeSlice(rest, question);
      this.query = StringPrototypeSlice(rest, question + 1);
      if (parseQueryString) this.query = internals.nodeModule('querystring').parse(this.query);
      rest = StringPrototypeSlice(rest, 0, question);
    } else if (parseQueryString) {
      this.search = null;
      this.query = { __proto__: null };
    }
    const firstIsSlash = rest.length > 0;
    if (firstIsSlash) this.pathname = rest;
    if (SLASHED_PROTOCOLS[lowerProto] && this.hostname && !this.pathname) this.pathname = '/';
    if (this.pathname || this.search) this.path = `${this.pathname || ''}${this.search || ''}`;
    this.href = this.format();
    return this;
  };

  Url.prototype.format = function format() {
    let auth = this.auth || '';
    if (auth) {
      auth = encodeURIComponent(auth);
      let restored = '';
      for (let index = 0; index < auth.length; index++) {
        if (auth[index] === '%' && auth[index + 1] === '3' && (auth[index + 2] === 'A' || auth[index + 2] === 'a')) {
          restored += ':';
          index += 2;
        } else restored += auth[index];
      }
      auth = `${restored}@`;
    }
    let protocol = this.protocol || '';
    let pathname = this.pathname || '';
    let hash = this.hash || '';
    let host = '';
    let query = '';
    if (this.host) {
      host = `${auth}${this.host}`;
    } else if (this.hostname) {
      host = `${auth}${StringPrototypeIncludes(this.hostname, ':') && this.hostname[0] !== '[' ? `[${this.hostname}]` : this.hostname}`;
      if (this.port) host += `:${this.port}`;
    }
    if (this.query !== null && typeof this.query === 'object') {
      query = internals.nodeModule('querystring').stringify(this.query);
    }
    let search = this.search || (query && `?${query}`) || '';
    if (protocol && StringPrototypeCharCodeAt(protocol, protocol.length - 1) !== 58) protocol += ':';
    let newPathname = '';
    for (let index = 0; index < pathname.length; index++) {
      const character = pathname[index];
      newPathname += character === '#' ? '%23' : character === '?' ? '%3F' : character;
    }
    pathname = newPathname;
    if (this.slashes || ((!protocol || SLASHED_PROTOCOLS[protocol]) && host !== '')) {
      if (this.slashes || host) {
        if (pathname && pathname[0] !== '/') pathname = `/${pathname}`;
        host = `//${host}`;
      } else if (protocol.length >= 4 && StringPrototypeStartsWith(protocol, 'file') && pathname[0] === '/' && pathname[1] === '/') {
        host = '//';
      }
    }
    let newSearch = '';
    for (let index = 0; index < search.length; index++) newSearch += search[index] === '#' ? '%23' : search[index];
    search = newSearch;
    if (hash && hash[0] !== '#') hash = `#${hash}`;
    if (search && search[0] !== '?') search = `?${search}`;
    return `${protocol}${host}${pathname}${search}${hash}`;
  };

  Url.prototype.resolve = function resolve(relative) {
    return this.resolveObject(urlParse(relative, false, true)).format();
  };

  Url.prototype.resolveObject = function resolveObject(relative) {
    if (typeof relative === 'string') relative = urlParse(relative, false, true);
    // Resolved with the WHATWG algorithm on the formatted URLs, then read back as legacy.
    const base = this.format();
    const target = relative.format();
    let resolved;
    try {
      resolved = new URLClass(target, base).href;
    } catch {
      // A base the WHATWG parser refuses (no scheme): resolve the paths.
      resolved = resolvePaths(base, target);
    }
    return urlParse(resolved, false, true);
  };

  function resolvePaths(base, target) {
    if (target === '') return base;
    if (target[0] === '/') return target;
    const question = StringPrototypeIndexOf(base, '?');
    const path = question === -1 ? base : StringPrototypeSlice(base, 0, question);
    const directory = StringPrototypeSlice(path, 0, StringPrototypeLastIndexOf(path, '/') + 1);
    const parts = safeArray();
    const joined = `${directory}${target}`;
    let start = 0;
    for (let index = 0; index <= joined.length; index++) {
      if (index === joined.length || joined[index] === '/') {
        const part = StringPrototypeSlice(joined, start, index);
        if (part === '..') {
          if (parts.length > 0 && parts[parts.length - 1] !== '') ArrayPrototypePop(parts);
        } else if (part !== '.') ArrayPrototypePush(parts, part);
        start = index + 1;
      }
    }
    return ArrayPrototypeJoin(parts, '/');
  }

  function urlParse(url, parseQueryString = false, slashesDenoteHost = false) {
    if (url instanceof Url) return url;
    const parsed = new Url();
    parsed.parse(url, parseQueryString, slashesDenoteHost);
    return parsed;
  }

  function urlFormat(object, options = undefined) {
    if (typeof object === 'string') object = urlParse(object);
    else if (typeof object !== 'object' || object === null) {
      throw new ERR_INVALID_ARG_TYPE('urlObject', ['Object', 'string'], object);
    } else if (isURL(object)) {
      return formatWhatwg(object, options);
    }
    return ReflectApply(Url.prototype.format, object, []);
  }

  function formatWhatwg(url, options) {
    let fragment = true;
    let unicode = false;
    let search = true;
    let auth = true;
    if (options) {
      validateObject(options, 'options');
      if (options.fragment != null) fragment = !!options.fragment;
      if (options.unicode != null) unicode = !!options.unicode;
      if (options.search != null) search = !!options.search;
      if (options.auth != null) auth = !!options.auth;
    }
    let out = url.protocol;
    if (url.host !== '' || url.protocol === 'file:') {
      out += '//';
      if (auth && (url.username || url.password)) {
        out += url.username;
        if (url.password) out += `:${url.password}`;
        out += '@';
      }
      out += unicode ? domainToUnicode(url.hostname) : url.hostname;
      if (url.port) out += `:${url.port}`;
    }
    out += url.pathname;
    if (search) out += url.search;
    if (fragment) out += url.hash;
    return out;
  }

  function urlResolve(source, relative) {
    return urlParse(source, false, true).resolve(relative);
  }

  function urlResolveObject(source, relative) {
    if (!source) return relative;
    return urlParse(source, false, true).resolveObject(relative);
  }

  return {
    Url,
    parse: urlParse,
    resolve: urlResolve,
    resolveObject: urlResolveObject,
    format: urlFormat,
    URL: URLClass,
    URLSearchParams: internals.URLSearchParams,
    domainToASCII,
    domainToUnicode,
    pathToFileURL,
    fileURLToPath,
    urlToHttpOptions,
  };
});
