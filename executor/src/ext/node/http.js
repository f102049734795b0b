//# allFunctionsCalledOnLoad
// `http` and `https` clients, as workerd has them: `request` and `get` send through `fetch`,
// so the outbound policy (`--allow-net`, the injected credentials) applies unchanged and a
// request the policy refuses fails as a `fetch` would. `ClientRequest` is a writable stream of
// the body; `IncomingMessage` a readable stream of the response. A sandbox serves nothing:
// `createServer` makes a server whose `listen` throws ERR_METHOD_NOT_IMPLEMENTED.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    ArrayIsArray, ArrayPrototypeJoin, ArrayPrototypePush, ObjectKeys, ObjectSetPrototypeOf, PromisePrototypeThen,
    String, StringPrototypeIndexOf, StringPrototypeSlice, StringPrototypeToLowerCase, StringPrototypeToUpperCase,
    StringPrototypeCharCodeAt, Error, TypeError, Uint8Array, TypedArrayPrototypeSet, safeArray,
  } = primordials;

  const errors = internals.nodeModule('internal/errors');
  const { codes: { ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED }, define, validateString } = errors;
  const ERR_INVALID_HTTP_TOKEN = errors.codes.ERR_INVALID_HTTP_TOKEN ||
    define('ERR_INVALID_HTTP_TOKEN', TypeError, (what, value) => `${what} must be a valid HTTP token ["${value}"]`);
  const ERR_HTTP_INVALID_HEADER_VALUE = errors.codes.ERR_HTTP_INVALID_HEADER_VALUE ||
    define('ERR_HTTP_INVALID_HEADER_VALUE', TypeError, (value, header) => `Invalid value "${value}" for header "${header}"`);
  const ERR_INVALID_CHAR = errors.codes.ERR_INVALID_CHAR ||
    define('ERR_INVALID_CHAR', TypeError, (what, header) => `Invalid character in ${what}${header ? ` ["${header}"]` : ''}`);
  const ERR_HTTP_HEADERS_SENT = errors.codes.ERR_HTTP_HEADERS_SENT ||
    define('ERR_HTTP_HEADERS_SENT', Error, (action) => `Cannot ${action} headers after they are sent to the client`);

  if (name === 'https') {
    const http = internals.nodeModule('http');
    const parts = internals.httpsParts;
    return {
      Agent: http.Agent,
      Server: http.Server,
      createServer: http.createServer,
      get: parts.get,
      globalAgent: parts.globalAgent,
      request: parts.request,
    };
  }

  // fetch, Headers and the HTTP token check, URL, and AbortSignal.
  internals.loadFetch();
  internals.loadUrl();
  internals.loadEvents();
  const { EventEmitter } = internals.nodeModule('events');
  const { Readable, Writable } = internals.nodeModule('stream');

  const METHODS = [
    'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE',
    'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH',
    'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK',
    'UNLOCK', 'UNSUBSCRIBE',
  ];
  const STATUS_CODES = {
    100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints', 200: 'OK', 201: 'Created',
    202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content',
    206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices',
    301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy',
    307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized',
    402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
    407: 'Proxy Authentication Required', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone',
    411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large', 414: 'URI Too Long',
    415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed', 418: "I'm a Teapot",
    421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked', 424: 'Failed Dependency',
    425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests',
    431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error',
    501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
    505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates', 507: 'Insufficient Storage',
    508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
    511: 'Network Authentication Required',
  };

  function validateHeaderName(headerName, label = 'Header name') {
    if (typeof headerName !== 'string' || headerName.length === 0 || !internals.isHttpToken(headerName)) {
      throw new ERR_INVALID_HTTP_TOKEN(label, headerName);
    }
  }

  function validateHeaderValue(headerName, value) {
    if (value === undefined) throw new ERR_HTTP_INVALID_HEADER_VALUE(value, headerName);
    const text = ArrayIsArray(value) ? ArrayPrototypeJoin(value, ', ') : String(value);
    for (let index = 0; index < text.length; index++) {
      const code = StringPrototypeCharCodeAt(text, index);
      if ((code < 32 && code !== 9) || code === 127 || code > 255) throw new ERR_INVALID_CHAR('header content', headerName);
    }
  }

  class Agent extends EventEmitter {
    constructor(options = undefined) {
      super();
      this.defaultPort = 80;
      this.protocol = 'http:';
      this.options = { __proto__: null, path: null, ...(options || {}) };
      this.keepAlive = this.options.keepAlive === true;
      this.maxSockets = this.options.maxSockets || Infinity;
      this.maxFreeSockets = this.options.maxFreeSockets || 256;
      this.requests = { __proto__: null };
      this.sockets = { __proto__: null };
      this.freeSockets = { __proto__: null };
    }

    destroy() {}
  }
  const globalAgent = new Agent();
  const httpsGlobalAgent = new Agent({ defaultPort: 443 });
  httpsGlobalAgent.defaultPort = 443;
  httpsGlobalAgent.protocol = 'https:';

  // The request's URL and options, from `request(url?, options?, callback?)`.
  function requestArguments(defaultProtocol, input, options, callback) {
    let url;
    if (typeof input === 'string') {
      url = new internals.URL(input);
    } else if (input !== null && typeof input === 'object' && typeof input.href === 'string' && typeof input.searchParams === 'object') {
      url = input;
    } else {
      callback = options;
      options = input;
      input = undefined;
    }
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    const merged = { __proto__: null };
    if (url !== undefined) {
      merged.protocol = url.protocol;
      merged.hostname = url.hostname[0] === '[' ? StringPrototypeSlice(url.hostname, 1, -1) : url.hostname;
      merged.port = url.port;
      merged.path = `${url.pathname}${url.search}`;
      if (url.username || url.password) merged.auth = `${url.username}:${url.password}`;
    }
    if (options != null) {
      const keys = ObjectKeys(options);
      for (let index = 0; index < keys.length; index++) merged[keys[index]] = options[keys[index]];
    }
    if (merged.protocol === undefined) merged.protocol = defaultProtocol;
    return { options: merged, callback };
  }

  class IncomingMessage extends Readable {
    constructor(response) {
      super();
      this.statusCode = response === undefined ? null : response.status;
      this.statusMessage = response === undefined ? null : response.statusText || STATUS_CODES[response.status] || '';
      this.httpVersion = '1.1';
      this.httpVersionMajor = 1;
      this.httpVersionMinor = 1;
      this.headers = { __proto__: null };
      this.rawHeaders = [];
      this.trailers = {};
      this.rawTrailers = [];
      this.complete = false;
      this.aborted = false;
      this.url = '';
      this.method = null;
      this.socket = null;
      if (response !== undefined) {
        const flat = internals.headersFlat(response.headers);
        for (let index = 0; index < flat.length; index += 2) {
          const key = flat[index];
          const value = flat[index + 1];
          ArrayPrototypePush(this.rawHeaders, key, value);
          const lower = StringPrototypeToLowerCase(key);
          if (lower === 'set-cookie') {
            if (this.headers[lower] === undefined) this.headers[lower] = [];
            ArrayPrototypePush(this.headers[lower], value);
          } else if (this.headers[lower] === undefined) {
            this.headers[lower] = value;
          } else {
            this.headers[lower] += `, ${value}`;
          }
        }
        this._reader = response.body === null ? null : response.body.getReader();
      }
    }

    _read() {
      const reader = this._reader;
      if (reader === null || reader === undefined) {
        this.complete = true;
        this.push(null);
        return;
      }
      PromisePrototypeThen(reader.read(), (step) => {
        if (step.done) {
          this.complete = true;
          this.push(null);
          return;
        }
        const { Buffer } = internals.nodeModule('buffer');
        this.push(Buffer.from(step.value.buffer, step.value.byteOffset, step.value.byteLength));
      }, (error) => this.destroy(error));
    }

    _destroy(error, callback) {
      if (this._reader) PromisePrototypeThen(this._reader.cancel(error), undefined, () => {});
      callback(error);
    }

    setTimeout(msecs, callback) {
      if (callback) this.once('timeout', callback);
      return this;
    }
  }

  class ClientRequest extends Writable {
    constructor(defaultProtocol, input, options, callback) {
      // Finishing the body sends the request: the stream must not destroy itself (and abort
      // the request) once it has.
      super({ autoDestroy: false });
      const parsed = requestArguments(defaultProtocol, input, options, callback);
      options = parsed.options;
      callback = parsed.callback;
      const protocol = options.protocol || defaultProtocol;
      if (protocol !== 'http:' && protocol !== 'https:') {
        throw new TypeError(`Protocol "${protocol}" not supported. Expected "${defaultProtocol}"`);
      }
      this.method = StringPrototypeToUpperCase(options.method || 'GET');
      if (!internals.isHttpToken(this.method)) throw new ERR_INVALID_HTTP_TOKEN('Method', this.method);
      this.protocol = protocol;
      this.host = options.hostname || options.host || 'localhost';
      const colon = StringPrototypeIndexOf(this.host, ':');
      if (options.hostname === undefined && colon !== -1 && StringPrototypeIndexOf(this.host, ':', colon + 1) === -1) {
        this.host = StringPrototypeSlice(this.host, 0, colon);
      }
      this.port = options.port || (protocol === 'https:' ? 443 : 80);
      this.path = options.path || '/';
      this.agent = options.agent;
      this.reusedSocket = false;
      this.aborted = false;
      this.finished = false;
      this.headersSent = false;
      this.socket = null;
      this._headers = { __proto__: null };
      this._chunks = safeArray();
      this._signal = options.signal;
      this._timeout = options.timeout;
      if (options.headers != null) {
        if (ArrayIsArray(options.headers)) {
          for (let index = 0; index + 1 < options.headers.length; index += 2) this.setHeader(options.headers[index], options.headers[index + 1]);
        } else {
          const keys = ObjectKeys(options.headers);
          for (let index = 0; index < keys.length; index++) this.setHeader(keys[index], options.headers[keys[index]]);
        }
      }
      if (options.auth && this.getHeader('authorization') === undefined) {
        const { Buffer } = internals.nodeModule('buffer');
        this.setHeader('Authorization', `Basic ${Buffer.from(options.auth).toString('base64')}`);
      }
      if (callback !== undefined) this.once('response', callback);
    }

    setHeader(headerName, value) {
      if (this.headersSent) throw new ERR_HTTP_HEADERS_SENT('set');
      validateHeaderName(headerName);
      validateHeaderValue(headerName, value);
      this._headers[StringPrototypeToLowerCase(headerName)] = [headerName, value];
      return this;
    }

    getHeader(headerName) {
      validateString(headerName, 'name');
      const entry = this._headers[StringPrototypeToLowerCase(headerName)];
      return entry === undefined ? undefined : entry[1];
    }

    getHeaders() {
      const headers = { __proto__: null };
      const keys = ObjectKeys(this._headers);
      for (let index = 0; index < keys.length; index++) headers[keys[index]] = this._headers[keys[index]][1];
      return headers;
    }

    getHeaderNames() {
      return ObjectKeys(this._headers);
    }

    getRawHeaderNames() {
      const names = [];
      const keys = ObjectKeys(this._headers);
      for (let index = 0; index < keys.length; index++) ArrayPrototypePush(names, this._headers[keys[index]][0]);
      return names;
    }

    hasHeader(headerName) {
      return this._headers[StringPrototypeToLowerCase(headerName)] !== undefined;
    }

    removeHeader(headerName) {
      if (this.headersSent) throw new ERR_HTTP_HEADERS_SENT('remove');
      delete this._headers[StringPrototypeToLowerCase(headerName)];
    }

    flushHeaders() {}

    setNoDelay() {}

    setSocketKeepAlive() {}

    setTimeout(msecs, callback) {
      if (callback) this.once('timeout', callback);
      this._timeout = msecs;
      return this;
    }

    abort() {
      if (this.aborted) return;
      this.aborted = true;
      this.destroy();
      queueMicrotask(() => this.emit('abort'));
    }

    _write(chunk, encoding, callback) {
      const { Buffer } = internals.nodeModule('buffer');
      ArrayPrototypePush(this._chunks, typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
      callback();
    }

    _final(callback) {
      this.headersSent = true;
      this.finished = true;
      callback();
      this._send();
    }

    _destroy(error, callback) {
      if (this._controller !== undefined) internals.signalAbort(this._controller, error || undefined);
      callback(error);
    }

    _send() {
      let length = 0;
      for (let index = 0; index < this._chunks.length; index++) length += this._chunks[index].length;
      let body;
      if (length > 0 && this.method !== 'GET' && this.method !== 'HEAD') {
        body = new Uint8Array(length);
        let offset = 0;
        for (let index = 0; index < this._chunks.length; index++) {
          TypedArrayPrototypeSet(body, this._chunks[index], offset);
          offset += this._chunks[index].length;
        }
      }
      const headers = new internals.Headers();
      const keys = ObjectKeys(this._headers);
      for (let index = 0; index < keys.length; index++) {
        const entry = this._headers[keys[index]];
        const value = entry[1];
        if (ArrayIsArray(value)) {
          for (let item = 0; item < value.length; item++) headers.append(entry[0], String(value[item]));
        } else headers.set(entry[0], String(value));
      }
      // Hop-by-hop headers `fetch` sets itself.
      headers.delete('host');
      headers.delete('connection');
      headers.delete('content-length');
      headers.delete('transfer-encoding');
      const defaultPort = this.protocol === 'https:' ? 443 : 80;
      const hostPart = StringPrototypeIndexOf(this.host, ':') !== -1 ? `[${this.host}]` : this.host;
      const port = `${this.port}` === `${defaultPort}` ? '' : `:${this.port}`;
      const url = `${this.protocol}//${hostPart}${port}${this.path}`;
      this._controller = internals.createAbortSignal();
      const signal = this._controller;
      if (this._signal != null) {
        if (this._signal.aborted) internals.signalAbort(signal, this._signal.reason);
        else this._signal.addEventListener('abort', () => internals.signalAbort(signal, this._signal.reason), { once: true });
      }
      let response;
      try {
        response = internals.fetch(url, { method: this.method, headers, body, signal, redirect: 'manual' });
      } catch (error) {
        queueMicrotask(() => this.emit('error', error));
        return;
      }
      PromisePrototypeThen(response, (result) => {
        const message = new IncomingMessage(result);
        message.req = this;
        message.url = url;
        this.res = message;
        if (this.listenerCount('response') === 0) message.resume();
        else this.emit('response', message);
      }, (error) => {
        if (!this.aborted) this.emit('error', error);
      });
    }
  }

  function queueMicrotask(callback) {
    internals.queueMicrotask(callback);
  }

  function request(input, options, callback) {
    return new ClientRequest('http:', input, options, callback);
  }

  function get(input, options, callback) {
    const req = request(input, options, callback);
    req.end();
    return req;
  }

  function httpsRequest(input, options, callback) {
    return new ClientRequest('https:', input, options, callback);
  }

  function httpsGet(input, options, callback) {
    const req = httpsRequest(input, options, callback);
    req.end();
    return req;
  }

  class Server extends EventEmitter {
    constructor(options = undefined, listener = undefined) {
      super();
      if (typeof options === 'function') listener = options;
      if (listener !== undefined) this.on('request', listener);
      this.listening = false;
    }

    listen() {
      throw new ERR_METHOD_NOT_IMPLEMENTED('Server.listen');
    }

    close(callback) {
      if (typeof callback === 'function') queueMicrotask(callback);
      return this;
    }

    address() {
      return null;
    }
  }

  function createServer(options, listener) {
    return new Server(options, listener);
  }

  class OutgoingMessage extends Writable {}
  class ServerResponse extends OutgoingMessage {
    constructor() {
      super();
      throw new ERR_METHOD_NOT_IMPLEMENTED('ServerResponse');
    }
  }

  // What `https` takes from here.
  internals.httpsParts = { __proto__: null, request: httpsRequest, get: httpsGet, globalAgent: httpsGlobalAgent };

  return {
    Agent,
    ClientRequest,
    IncomingMessage,
    METHODS,
    OutgoingMessage,
    STATUS_CODES,
    Server,
    ServerResponse,
    createServer,
    get,
    globalAgent,
    maxHeaderSize: 16384,
    request,
    setMaxIdleHTTPParsers() {},
    validateHeaderName,
    validateHeaderValue,
  };
});
