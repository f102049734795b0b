//# allFunctionsCalledOnLoad
// Request, Response and fetch (Fetch Standard, as workerd implements it). Requests leave the
// sandbox only through the host's outbound policy (`host.fetchStart`); response bodies come
// back chunk by chunk as the code reads them (`host.fetchPull`, `internals.fetchEvent`).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, ArrayBufferPrototype, ArrayBufferPrototypeGetByteLength, ArrayPrototypeIncludes,
    ArrayPrototypeIndexOf, ArrayPrototypePush, DataViewPrototypeGetBuffer, DataViewPrototypeGetByteLength,
    DataViewPrototypeGetByteOffset, JSONParse, JSONStringify, Map, MapPrototypeDelete, MapPrototypeGet,
    MapPrototypeSet, Number, NumberIsInteger, ObjectDefineProperty, ObjectPrototypeIsPrototypeOf,
    ObjectSetPrototypeOf, Promise, PromiseReject, PromiseResolve, RangeError, ReflectGetOwnPropertyDescriptor,
    ReflectOwnKeys, String, StringPrototypeCharCodeAt, StringPrototypeToUpperCase, TypedArrayPrototypeGetBuffer,
    TypedArrayPrototypeGetByteLength, TypedArrayPrototypeGetByteOffset, TypedArrayPrototypeGetSymbolToStringTag,
    TypedArrayPrototypeSet, TypedArrayPrototypeSlice, TypeError, Uint8Array,
  } = primordials;
  const fetchStart = host.fetchStart;
  const fetchPull = host.fetchPull;
  const fetchCancel = host.fetchCancel;
  const decode = host.decode;
  const formDecode = host.formDecode;
  const parseMediaType = host.parseMediaType;
  const multipartParse = host.multipartParse;
  const Headers = internals.Headers;
  const utf8Length = host.utf8Length;
  const encodeUtf8Into = host.encodeUtf8Into;

  // ---- Bytes (also Blob's and FormData's, `fetch/blob.js`, `fetch/form_data.js`) --------

  function utf8(string) {
    const bytes = new Uint8Array(utf8Length(string));
    encodeUtf8Into(string, bytes);
    return bytes;
  }

  // A copy of the bytes a view (typed array or DataView) shows.
  function viewBytes(view) {
    const bytes = TypedArrayPrototypeGetSymbolToStringTag(view) === undefined
      ? new Uint8Array(DataViewPrototypeGetBuffer(view), DataViewPrototypeGetByteOffset(view),
        DataViewPrototypeGetByteLength(view))
      : new Uint8Array(TypedArrayPrototypeGetBuffer(view), TypedArrayPrototypeGetByteOffset(view),
        TypedArrayPrototypeGetByteLength(view));
    return TypedArrayPrototypeSlice(bytes);
  }

  function concatBytes(chunks) {
    let length = 0;
    for (let index = 0; index < chunks.length; index++) length += TypedArrayPrototypeGetByteLength(chunks[index]);
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (let index = 0; index < chunks.length; index++) {
      TypedArrayPrototypeSet(bytes, chunks[index], offset);
      offset += TypedArrayPrototypeGetByteLength(chunks[index]);
    }
    return bytes;
  }

  internals.utf8 = utf8;
  internals.viewBytes = viewBytes;
  internals.concatBytes = concatBytes;

  const NULL_BODY_STATUSES = [101, 103, 204, 205, 304];
  const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
  const REDIRECT_MODES = ['follow', 'manual', 'error'];

  // ---- Bodies -------------------------------------------------------------------------
  // A body is null or `{ bytes, stream, network, used }`: known bytes, a ReadableStream (given
  // by the code, or made on first access of `.body`), or a response still on the network.

  function streamIsLocked(stream) {
    return internals.isReadableStreamLocked(stream);
  }
  function streamIsDisturbed(stream) {
    return internals.readableStreamIsDisturbed(stream);
  }

  // The body and its content type for a BodyInit (Fetch Standard "extract a body").
  function extractBody(init) {
    if (init === null || init === undefined) return [null, null];
    if (typeof init === 'string') return [{ bytes: utf8(init) }, 'text/plain;charset=UTF-8'];
    // URLSearchParams, Blob, FormData and AbortSignal are in units of their own
    // (`fetch/stub.js`): until one is loaded, no value can be one of its instances.
    if (internals.URLSearchParams !== undefined && init instanceof internals.URLSearchParams) {
      return [{ bytes: utf8(internals.urlSearchParamsString(init)) }, 'application/x-www-form-urlencoded;charset=UTF-8'];
    }
    if (internals.FormData !== undefined && init instanceof internals.FormData) {
      const serialized = internals.serializeFormData(init);
      return [{ bytes: serialized[0] }, serialized[1]];
    }
    if (internals.Blob !== undefined && init instanceof internals.Blob) {
      const type = internals.blobType(init);
      return [{ bytes: internals.blobBytes(init) }, type === '' ? null : type];
    }
    if (ArrayBufferIsView(init)) return [{ bytes: viewBytes(init) }, null];
    if (ObjectPrototypeIsPrototypeOf(ArrayBufferPrototype, init)) {
      return [{ bytes: TypedArrayPrototypeSlice(new Uint8Array(init)) }, null];
    }
    if (internals.isReadableStream(init)) {
      if (streamIsLocked(init) || streamIsDisturbed(init)) {
        throw new TypeError('This ReadableStream is locked or has already been read from; it cannot be used as a body.');
      }
      return [{ stream: init }, null];
    }
    return [{ bytes: utf8(String(init)) }, 'text/plain;charset=UTF-8'];
  }

  function makeBody(parts) {
    return { bytes: parts.bytes ?? null, stream: parts.stream ?? null, network: parts.network ?? null, used: false };
  }

  function bodyUsed(body) {
    if (body === null) return false;
    return body.used || (body.stream !== null && streamIsDisturbed(body.stream));
  }

  // The body as a ReadableStream, made the first time it is asked for.
  function bodyStream(body) {
    if (body === null) return null;
    if (body.stream === null) {
      if (body.network !== null) {
        const record = body.network;
        body.stream = internals.newReadableStream({
          __proto__: null,
          type: 'bytes',
          // A pull must enqueue or close: the stream calls it again only after a read that
          // found the queue empty, so a pull that returned with nothing would leave that read
          // pending for ever. A BYOB read pending at the end is answered with `respond(0)`, as
          // the Streams Standard asks of a byte source (closing alone does not settle it).
          async pull(controller) {
            for (;;) {
              const chunk = await pullNetwork(record);
              if (chunk === null) {
                controller.close();
                const request = controller.byobRequest;
                if (request !== null && request !== undefined) request.respond(0);
                return;
              }
              if (TypedArrayPrototypeGetByteLength(chunk) > 0) {
                controller.enqueue(chunk);
                return;
              }
            }
          },
          cancel() {
            cancelNetwork(record);
          },
        });
      } else {
        const bytes = body.bytes;
        body.stream = internals.newReadableStream({
          __proto__: null,
          type: 'bytes',
          start(controller) {
            if (TypedArrayPrototypeGetByteLength(bytes) > 0) controller.enqueue(TypedArrayPrototypeSlice(bytes));
            controller.close();
          },
        });
      }
    }
    return body.stream;
  }

  async function readStream(stream) {
    const reader = internals.getStreamReader(stream);
    const chunks = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!ArrayBufferIsView(value)) {
        throw new TypeError('The body stream produced a chunk that is not a Uint8Array.');
      }
      ArrayPrototypePush(chunks, viewBytes(value));
    }
    return concatBytes(chunks);
  }

  async function readNetwork(record) {
    const chunks = [];
    for (;;) {
      const chunk = await pullNetwork(record);
      if (chunk === null) break;
      ArrayPrototypePush(chunks, chunk);
    }
    return concatBytes(chunks);
  }

  // All of the body's bytes; the body is used afterwards.
  async function consumeBody(body, what) {
    if (body === null) return new Uint8Array(0);
    if (bodyUsed(body) || (body.stream !== null && streamIsLocked(body.stream))) {
      throw new TypeError(`${what}: Body has already been used. It can only be used once. Use tee() first if you need to read it twice.`);
    }
    body.used = true;
    if (body.stream !== null) return readStream(body.stream);
    if (body.network !== null) return readNetwork(body.network);
    return body.bytes;
  }

  function cloneBody(body) {
    if (body === null) return null;
    if (bodyUsed(body) || (body.stream !== null && streamIsLocked(body.stream))) {
      throw new TypeError("Failed to execute 'clone': Body has already been used.");
    }
    if (body.stream === null && body.network === null) return makeBody({ bytes: body.bytes });
    const branches = internals.readableStreamTee(bodyStream(body));
    body.stream = branches[0];
    return makeBody({ stream: branches[1] });
  }

  function mediaType(headers) {
    const type = internals.headersGet(headers, 'content-type');
    if (type === null) return null;
    return parseMediaType(type) ?? null;
  }

  async function bodyFormData(body, headers, what) {
    const bytes = await consumeBody(body, what);
    const type = mediaType(headers);
    internals.loadFormData();
    const formData = new internals.FormData();
    if (type !== null && type[0] === 'multipart/form-data') {
      const parameters = type[1];
      const at = ArrayPrototypeIndexOf(parameters, 'boundary');
      const boundary = parameters[at + 1];
      if (at === -1 || !boundary) {
        throw new TypeError(`${what}: the multipart/form-data body has no boundary.`);
      }
      const parts = multipartParse(bytes, boundary);
      for (let index = 0; index < parts.length; index++) {
        const name = parts[index][0];
        const filename = parts[index][1];
        const contentType = parts[index][2];
        const content = parts[index][3];
        if (filename === undefined) {
          internals.formDataAppendRaw(formData, name, decode('utf-8', content, false, true));
        } else {
          internals.formDataAppendRaw(formData, name, new internals.File([content], filename, { __proto__: null, type: contentType ?? '' }));
        }
      }
      return formData;
    }
    if (type !== null && type[0] === 'application/x-www-form-urlencoded') {
      const pairs = formDecode(decode('utf-8', bytes, false, true));
      for (let index = 0; index + 1 < pairs.length; index += 2) {
        internals.formDataAppendRaw(formData, pairs[index], pairs[index + 1]);
      }
      return formData;
    }
    throw new TypeError(`${what}: the body's content type is not multipart/form-data or application/x-www-form-urlencoded.`);
  }

  // The Body mixin, shared by Request and Response through these accessors.
  function installBodyMethods(Class, bodyOf, headersOf, name) {
    const prototype = Class.prototype;
    const methods = {
      __proto__: null,
      get body() { return bodyStream(bodyOf(this)); },
      get bodyUsed() { return bodyUsed(bodyOf(this)); },
      async arrayBuffer() {
        const bytes = await consumeBody(bodyOf(this), `Failed to execute 'arrayBuffer' on '${name}'`);
        const buffer = TypedArrayPrototypeGetBuffer(bytes);
        return TypedArrayPrototypeGetByteOffset(bytes) === 0 &&
          TypedArrayPrototypeGetByteLength(bytes) === ArrayBufferPrototypeGetByteLength(buffer)
          ? buffer : TypedArrayPrototypeGetBuffer(TypedArrayPrototypeSlice(bytes));
      },
      async bytes() {
        return consumeBody(bodyOf(this), `Failed to execute 'bytes' on '${name}'`);
      },
      async text() {
        return decode('utf-8', await consumeBody(bodyOf(this), `Failed to execute 'text' on '${name}'`), false, true);
      },
      async json() {
        return JSONParse(decode('utf-8', await consumeBody(bodyOf(this), `Failed to execute 'json' on '${name}'`), false, true));
      },
      async blob() {
        const bytes = await consumeBody(bodyOf(this), `Failed to execute 'blob' on '${name}'`);
        const type = internals.headersGet(headersOf(this), 'content-type');
        internals.loadBlob();
        return internals.blobFromBytes(bytes, type ?? '');
      },
      async formData() {
        return bodyFormData(bodyOf(this), headersOf(this), `Failed to execute 'formData' on '${name}'`);
      },
    };
    const keys = ReflectOwnKeys(methods);
    for (let index = 0; index < keys.length; index++) {
      const descriptor = ObjectSetPrototypeOf(ReflectGetOwnPropertyDescriptor(methods, keys[index]), null);
      descriptor.enumerable = false;
      ObjectDefineProperty(prototype, keys[index], descriptor);
    }
  }

  // ---- Request ------------------------------------------------------------------------

  const FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK'];
  const NORMALIZED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH'];
  function normalizeMethod(method) {
    method = String(method);
    if (!internals.isHttpToken(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
    const upper = StringPrototypeToUpperCase(method);
    if (ArrayPrototypeIncludes(FORBIDDEN_METHODS, upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
    return ArrayPrototypeIncludes(NORMALIZED_METHODS, upper) ? upper : method;
  }

  function parseUrl(input, what) {
    const href = internals.urlHref(String(input));
    if (href === null) throw new TypeError(`${what}: Invalid URL: ${String(input)}`);
    return href;
  }

  let requestBody;
  let requestHeaders;
  let requestManualEncoding;

  class Request {
    #method;
    #url;
    #headers;
    #body;
    #redirect;
    #signal;
    #cf;
    #encodeResponseBody;

    constructor(input, init = undefined) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
      const what = "Failed to construct 'Request'";
      init = init ?? {};
      const base = input instanceof Request ? input : null;
      this.#url = base !== null ? base.#url : parseUrl(input, what);
      this.#method = init.method !== undefined ? normalizeMethod(init.method) : base !== null ? base.#method : 'GET';
      this.#redirect = init.redirect ?? (base !== null ? base.#redirect : 'follow');
      if (!ArrayPrototypeIncludes(REDIRECT_MODES, this.#redirect)) {
        throw new TypeError(`${what}: '${this.#redirect}' is not a valid redirect mode.`);
      }
      if (init.signal !== undefined && init.signal !== null
        && !(internals.AbortSignal !== undefined && init.signal instanceof internals.AbortSignal)) {
        throw new TypeError(`${what}: member signal is not of type AbortSignal.`);
      }
      // A request's own signal is never aborted: it is made when first read (`get signal`),
      // so that a request that nobody asks for its signal does not load the events unit.
      this.#signal = init.signal ?? (base !== null ? base.#signal : null);
      this.#cf = init.cf ?? (base !== null ? base.#cf : undefined);
      // workerd's: "manual" hands a coded response body over as it came, undecoded.
      this.#encodeResponseBody = init.encodeResponseBody !== undefined ? String(init.encodeResponseBody)
        : base !== null ? base.#encodeResponseBody : 'automatic';
      if (this.#encodeResponseBody !== 'manual' && this.#encodeResponseBody !== 'automatic') {
        throw new TypeError(`encodeResponseBody: unexpected value: ${this.#encodeResponseBody}`);
      }
      this.#headers = new Headers(init.headers !== undefined ? init.headers : base !== null ? base.#headers : undefined);

      let body = null;
      if (init.body !== undefined && init.body !== null) {
        const extracted = extractBody(init.body);
        body = makeBody(extracted[0]);
        if (extracted[1] !== null) internals.headersSetDefault(this.#headers, 'content-type', extracted[1]);
      } else if (base !== null && base.#body !== null && init.body !== null) {
        if (bodyUsed(base.#body)) throw new TypeError(`${what}: Cannot construct a Request with a Request whose body has already been used.`);
        body = base.#body;
        base.#body = makeBody({ bytes: new Uint8Array(0) });
        base.#body.used = true;
      }
      if (body !== null && (this.#method === 'GET' || this.#method === 'HEAD')) {
        throw new TypeError(`${what}: Request with a GET or HEAD method cannot have a body.`);
      }
      this.#body = body;
    }

    static {
      requestBody = (request) => request.#body;
      requestHeaders = (request) => request.#headers;
      requestManualEncoding = (request) => request.#encodeResponseBody === 'manual';
    }

    get method() { return this.#method; }
    get url() { return this.#url; }
    get headers() { return this.#headers; }
    get redirect() { return this.#redirect; }
    get signal() {
      if (this.#signal === null) this.#signal = internals.createAbortSignal();
      return this.#signal;
    }
    get cf() { return this.#cf; }
    get integrity() { return ''; }
    get keepalive() { return false; }
    clone() {
      const clone = new Request(this.#url, {
        __proto__: null,
        method: this.#method, headers: this.#headers, redirect: this.#redirect, signal: this.#signal, cf: this.#cf,
        encodeResponseBody: this.#encodeResponseBody,
      });
      clone.#body = cloneBody(this.#body);
      return clone;
    }
  }
  installBodyMethods(Request, requestBody, requestHeaders, 'Request');
  internals.webClass(Request);

  // ---- Response -----------------------------------------------------------------------

  let responseBody;
  let responseHeaders;
  let createResponse;

  class Response {
    #status = 200;
    #statusText = '';
    #headers;
    #body = null;
    #url = '';
    #redirected = false;
    #type = 'default';

    constructor(body = null, init = undefined) {
      const what = "Failed to construct 'Response'";
      init = init ?? {};
      const status = init.status === undefined ? 200 : Number(init.status);
      if (!NumberIsInteger(status) || status < 200 || status > 599) {
        if (!(status === 101 || status === 0)) {
          throw new RangeError(`${what}: The status provided (${init.status}) is outside the range [200, 599].`);
        }
      }
      const statusText = init.statusText === undefined ? '' : String(init.statusText);
      for (let index = 0; index < statusText.length; index++) {
        const code = StringPrototypeCharCodeAt(statusText, index);
        if ((code < 0x20 && code !== 0x09) || code === 0x7f || code > 0xff) throw new TypeError(`${what}: Invalid statusText`);
      }
      this.#status = status;
      this.#statusText = statusText;
      this.#headers = new Headers(init.headers);
      if (body !== null && body !== undefined) {
        if (ArrayPrototypeIncludes(NULL_BODY_STATUSES, status)) {
          throw new TypeError(`${what}: Response with null body status cannot have body`);
        }
        const extracted = extractBody(body);
        this.#body = makeBody(extracted[0]);
        if (extracted[1] !== null) internals.headersSetDefault(this.#headers, 'content-type', extracted[1]);
      }
    }

    static {
      responseBody = (response) => response.#body;
      responseHeaders = (response) => response.#headers;
      // HTMLRewriter: whether a value is a Response; the body stream of a Response (null
      // without a body; a TypeError if it was used); a Response as `response` with `stream` as
      // its body.
      internals.isResponse = (value) => typeof value === 'object' && value !== null && #body in value;
      internals.responseBodyStream = (response) => {
        const body = response.#body;
        if (body === null) return null;
        if (bodyUsed(body) || (body.stream !== null && streamIsLocked(body.stream))) {
          throw new TypeError('The ReadableStream has been locked to a reader.');
        }
        return bodyStream(body);
      };
      internals.responseWithStream = (response, stream) => createResponse(response.#status, response.#statusText,
        new Headers(response.#headers), makeBody({ __proto__: null, stream }), '', false);
      createResponse = (status, statusText, headers, body, url, redirected) => {
        const response = new Response(null, { __proto__: null, status: 200 });
        response.#status = status;
        response.#statusText = statusText;
        response.#headers = headers;
        response.#body = body;
        response.#url = url;
        response.#redirected = redirected;
        return response;
      };
    }

    static json(data, init = undefined) {
      const text = JSONStringify(data);
      if (text === undefined) throw new TypeError("Failed to execute 'json' on 'Response': The data is not JSON serializable");
      const response = new Response(text, init);
      internals.headersSet(response.#headers, 'content-type', 'application/json');
      return response;
    }
    static redirect(url, status = 302) {
      const location = parseUrl(url, "Failed to execute 'redirect' on 'Response'");
      status = Number(status);
      if (!ArrayPrototypeIncludes(REDIRECT_STATUSES, status)) {
        throw new RangeError(`Failed to execute 'redirect' on 'Response': Invalid status code ${status}`);
      }
      const response = new Response(null, { __proto__: null, status });
      internals.headersSet(response.#headers, 'location', location);
      internals.headersGuardImmutable(response.#headers);
      return response;
    }
    static error() {
      const response = createResponse(0, '', new Headers(), null, '', false);
      response.#type = 'error';
      internals.headersGuardImmutable(response.#headers);
      return response;
    }

    get type() { return this.#type; }
    get url() { return this.#url; }
    get redirected() { return this.#redirected; }
    get status() { return this.#status; }
    get ok() { return this.#status >= 200 && this.#status <= 299; }
    get statusText() { return this.#statusText; }
    get headers() { return this.#headers; }
    get webSocket() { return null; }
    clone() {
      const clone = createResponse(this.#status, this.#statusText, new Headers(this.#headers), cloneBody(this.#body), this.#url, this.#redirected);
      clone.#type = this.#type;
      if (internals.headersIsImmutable(this.#headers)) internals.headersGuardImmutable(clone.#headers);
      return clone;
    }
  }
  installBodyMethods(Response, responseBody, responseHeaders, 'Response');
  internals.webClass(Response);

  // ---- fetch --------------------------------------------------------------------------
  // One record per request in flight: `{ id, head, pull, done, error }`.

  const records = new Map();

  function pullNetwork(record) {
    if (record.error !== null) return PromiseReject(record.error);
    if (record.done) return PromiseResolve(null);
    return new Promise((resolve, reject) => {
      record.pull = { __proto__: null, resolve, reject };
      if (!fetchPull(record.id)) {
        record.pull = null;
        record.done = true;
        resolve(null);
      }
    });
  }

  function cancelNetwork(record) {
    record.done = true;
    MapPrototypeDelete(records, record.id);
    fetchCancel(record.id);
  }

  // Called by the host's event loop for every network event.
  internals.fetchEvent = (id, kind, first, second, third, fourth, fifth) => {
    const record = MapPrototypeGet(records, id);
    if (record === undefined) return;
    switch (kind) {
      case 'head': {
        const head = record.head;
        record.head = null;
        if (head === null) return;
        const headers = internals.headersFromFlat(third);
        internals.headersGuardImmutable(headers);
        const nullBody = ArrayPrototypeIncludes(NULL_BODY_STATUSES, first) || record.method === 'HEAD';
        const body = nullBody ? null : makeBody({ network: record });
        if (nullBody) cancelNetwork(record);
        head.resolve(createResponse(first, second, headers, body, fourth, fifth));
        return;
      }
      case 'chunk': {
        const pull = record.pull;
        record.pull = null;
        if (pull !== null) pull.resolve(first);
        return;
      }
      case 'end': {
        record.done = true;
        MapPrototypeDelete(records, id);
        const pull = record.pull;
        record.pull = null;
        if (pull !== null) pull.resolve(null);
        return;
      }
      case 'error': {
        const error = new TypeError(first);
        MapPrototypeDelete(records, id);
        if (record.head !== null) {
          const head = record.head;
          record.head = null;
          head.reject(error);
        } else if (record.pull !== null) {
          const pull = record.pull;
          record.pull = null;
          pull.reject(error);
        } else {
          record.error = error;
        }
        return;
      }
    }
  };

  async function fetch(input, init = undefined) {
    return send(new Request(input, init), undefined);
  }

  // A request sent to the network, or with `service` (a number) to that service binding.
  async function send(request, service) {
    const signal = request.signal;
    signal.throwIfAborted();
    const body = requestBody(request);
    const bytes = body === null ? undefined : await consumeBody(body, "Failed to execute 'fetch'");
    signal.throwIfAborted();
    const id = fetchStart(request.method, request.url, internals.headersFlat(request.headers), bytes, request.redirect, requestManualEncoding(request), service);
    return new Promise((resolve, reject) => {
      const record = {
        __proto__: null, id, method: request.method, head: { __proto__: null, resolve, reject }, pull: null, done: false,
        error: null,
      };
      MapPrototypeSet(records, id, record);
      internals.addAbortAlgorithm(signal, (reason) => {
        if (record.head !== null) {
          const head = record.head;
          record.head = null;
          head.reject(reason);
        } else if (record.pull !== null) {
          const pull = record.pull;
          record.pull = null;
          pull.reject(reason);
        }
        cancelNetwork(record);
      });
    });
  }

  // ---- Service bindings -----------------------------------------------------------------
  // `env.NAME.fetch(input, init)` of a service binding (`tools/tools.js` makes the Fetcher):
  // a Request as `fetch` takes it, whose path and query go to the binding's base. A path
  // alone (`/items`) is taken relative to `http://localhost`, as the URL's origin is not used.
  internals.serviceFetch = async (service, input, init) => {
    if (typeof input === 'string' && input[0] === '/' && input[1] !== '/') input = 'http://localhost' + input;
    return send(new Request(input, init), service);
  };

  // ---- Calling a fetch handler ---------------------------------------------------------

  // A Request for the handler from `[method, url, [name, value, ...], bytes | undefined]`.
  internals.requestFromParts = (parts) =>
    new Request(parts[1], { __proto__: null, method: parts[0], headers: internals.headersFromFlat(parts[2]), body: parts[3] });

  // `[status, statusText, [name, value, ...], bytes]` of a handler's Response.
  internals.responseParts = async (response) => {
    if (!(response instanceof Response)) return null;
    const bytes = await consumeBody(responseBody(response), 'Reading the fetch handler\'s response');
    return [response.status, response.statusText, internals.headersFlat(response.headers), bytes];
  };

  internals.Request = Request;
  internals.fetch = fetch;
  internals.Response = Response;
  internals.responseHeaders = responseHeaders;
  internals.defineLazyGlobal('Request', Request);
  internals.defineLazyGlobal('Response', Response);
  internals.defineLazyGlobal('fetch', fetch);
});
