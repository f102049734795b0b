//# allFunctionsCalledOnLoad
// HTMLRewriter, as workerd has it, on Cloudflare's lol-html (`html_rewriter/mod.rs`): `on()`
// and `onDocument()` register handlers, `transform()` returns a Response whose body is the
// original one rewritten as it is read.
//
// The host runs lol-html in a coroutine that stops at each handler (`htmlRewriterWrite`,
// `htmlRewriterResume` answer a step: output so far, then which handler to call, or that more
// input is wanted, or the end, or a failure). The handler is called here with a content object
// (Element, Comment, Text, Doctype, DocumentEnd, EndTag); if it returns a promise, the rewriter
// waits for it. A content object works only until its handler (and its promise) finished:
// afterwards each use throws workerd's TypeError. Replacement content may be a string, a
// Response or a ReadableStream.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, ArrayPrototypePush, ArrayPrototypeValues, DataViewPrototypeGetBuffer,
    DataViewPrototypeGetByteLength, DataViewPrototypeGetByteOffset, JSONStringify, MathMin, ObjectCreate,
    ObjectGetPrototypeOf, ObjectSetPrototypeOf, PromisePrototypeThen, ReflectApply, String, SymbolIterator,
    TypedArrayPrototypeGetBuffer, TypedArrayPrototypeGetByteLength, TypedArrayPrototypeGetByteOffset,
    TypedArrayPrototypeGetSymbolToStringTag, TypeError, Uint8Array, WeakMap, WeakMapPrototypeGet,
    WeakMapPrototypeSet, safeArray,
  } = primordials;
  const checkSelector = host.htmlRewriterSelector;
  const create = host.htmlRewriterCreate;
  const write = host.htmlRewriterWrite;
  const resume = host.htmlRewriterResume;
  const operate = host.htmlRewriterContent;
  const release = host.htmlRewriterDrop;

  // The most input lol-html is given at once, so that the host returns to JavaScript (where
  // the CPU limit can stop the run) after a bounded amount of work.
  const PIECE = 64 * 1024;
  const INVALID_TOKEN = 'This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler.';

  // ---- Content objects ------------------------------------------------------------------

  // Each content object's `{ run, token, scope }`: its rewriter, the host's token for its
  // handler, and `{ valid }`, cleared when the handler finished.
  const records = new WeakMap();

  function recordOf(self) {
    const record = WeakMapPrototypeGet(records, self);
    if (record === undefined) throw new TypeError('Illegal invocation');
    return record;
  }

  // The operation `name` on the content `self` stands for.
  function call(self, name, first = undefined, second = undefined) {
    const record = recordOf(self);
    if (!record.scope.valid) throw new TypeError(INVALID_TOKEN);
    return operate(record.run.id, record.token, name, first, second);
  }

  // Whether a mutation's options say `html: true`.
  function isHtml(options) {
    if (options === undefined || options === null) return false;
    if (typeof options !== 'object' && typeof options !== 'function') {
      throw new TypeError('Failed to execute: parameter 2 is not of type \'ContentOptions\'.');
    }
    return !!options.html;
  }

  function illegal() {
    throw new TypeError('Illegal constructor');
  }

  class Element {
    constructor() { illegal(); }
    get tagName() { return call(this, 'tagName'); }
    set tagName(name) { call(this, 'setTagName', String(name)); }
    get attributes() {
      const record = recordOf(this);
      const pairs = call(this, 'attributes');
      const iterator = ObjectCreate(AttributesIterator.prototype);
      WeakMapPrototypeSet(records, iterator, { __proto__: null, run: record.run, token: record.token, scope: record.scope, pairs, next: 0 });
      return iterator;
    }
    get removed() { return call(this, 'removed'); }
    get namespaceURI() { return call(this, 'namespaceURI'); }
    getAttribute(name) { return call(this, 'getAttribute', String(name)); }
    hasAttribute(name) { return call(this, 'hasAttribute', String(name)); }
    setAttribute(name, value) {
      call(this, 'setAttribute', String(name), String(value));
      return this;
    }
    removeAttribute(name) {
      call(this, 'removeAttribute', String(name));
      return this;
    }
    before(content, options = undefined) { return mutate(this, 'before', content, options); }
    after(content, options = undefined) { return mutate(this, 'after', content, options); }
    prepend(content, options = undefined) { return mutate(this, 'prepend', content, options); }
    append(content, options = undefined) { return mutate(this, 'append', content, options); }
    replace(content, options = undefined) { return mutate(this, 'replace', content, options); }
    remove() {
      call(this, 'remove');
      return this;
    }
    removeAndKeepContent() {
      call(this, 'removeAndKeepContent');
      return this;
    }
    setInnerContent(content, options = undefined) { return mutate(this, 'setInnerContent', content, options); }
    onEndTag(handler) {
      if (typeof handler !== 'function') {
        throw new TypeError('Failed to execute \'onEndTag\' on \'Element\': parameter 1 is not of type \'function\'.');
      }
      const record = recordOf(this);
      if (!record.scope.valid) throw new TypeError(INVALID_TOKEN);
      const handlers = record.run.handlers;
      const number = handlers.length;
      ArrayPrototypePush(handlers, { __proto__: null, fn: handler, thisArg: undefined });
      call(this, 'onEndTag', String(number));
    }
  }

  // A mutation: its content is a string, or the body of a Response or a ReadableStream, which
  // is read (as UTF-8) once the handler finished and before the rewriter goes on, as workerd
  // streams it; a string after such content waits for it too, so that they keep their order.
  function mutate(self, name, content, options) {
    let stream;
    if (internals.isResponse(content)) {
      stream = internals.responseBodyStream(content);
    } else if (internals.isReadableStream(content)) {
      stream = content;
    }
    const text = stream === undefined ? String(content) : undefined;
    const html = isHtml(options);
    const record = recordOf(self);
    if (!record.scope.valid) throw new TypeError(INVALID_TOKEN);
    if (stream === undefined && record.scope.queue === undefined) {
      operate(record.run.id, record.token, name, text, html);
      return self;
    }
    if (record.scope.queue === undefined) record.scope.queue = safeArray();
    ArrayPrototypePush(record.scope.queue, { __proto__: null, token: record.token, name, stream, text, html });
    return self;
  }

  // The mutations a handler queued (see `mutate`), in order.
  async function applyQueued(run, queue) {
    for (let index = 0; index < queue.length; index++) {
      const entry = queue[index];
      let content = entry.text;
      if (entry.stream === null) content = '';
      else if (entry.stream !== undefined) content = await internals.readAllBytes(entry.stream);
      operate(run.id, entry.token, entry.name, content, entry.html);
    }
  }

  class AttributesIterator {
    constructor() { illegal(); }
    next() {
      const record = recordOf(this);
      if (!record.scope.valid) throw new TypeError(INVALID_TOKEN);
      if (record.next >= record.pairs.length) return { done: true, value: undefined };
      const pair = record.pairs[record.next++];
      return { done: false, value: pair };
    }
    [SymbolIterator]() { return this; }
  }
  // AttributesIterator's prototype inherits from %IteratorPrototype%, as workerd's.
  ObjectSetPrototypeOf(AttributesIterator.prototype, ObjectGetPrototypeOf(ObjectGetPrototypeOf(ArrayPrototypeValues(safeArray()))));

  class Comment {
    constructor() { illegal(); }
    get text() { return call(this, 'text'); }
    set text(text) { call(this, 'setText', String(text)); }
    get removed() { return call(this, 'removed'); }
    before(content, options = undefined) { return mutate(this, 'before', content, options); }
    after(content, options = undefined) { return mutate(this, 'after', content, options); }
    replace(content, options = undefined) { return mutate(this, 'replace', content, options); }
    remove() {
      call(this, 'remove');
      return this;
    }
  }

  class Text {
    constructor() { illegal(); }
    get text() { return call(this, 'text'); }
    get lastInTextNode() { return call(this, 'lastInTextNode'); }
    get removed() { return call(this, 'removed'); }
    before(content, options = undefined) { return mutate(this, 'before', content, options); }
    after(content, options = undefined) { return mutate(this, 'after', content, options); }
    replace(content, options = undefined) { return mutate(this, 'replace', content, options); }
    remove() {
      call(this, 'remove');
      return this;
    }
  }

  class Doctype {
    constructor() { illegal(); }
    get name() { return call(this, 'name'); }
    get publicId() { return call(this, 'publicId'); }
    get systemId() { return call(this, 'systemId'); }
  }

  class DocumentEnd {
    constructor() { illegal(); }
    append(content, options = undefined) { return mutate(this, 'append', content, options); }
  }

  class EndTag {
    constructor() { illegal(); }
    get name() { return call(this, 'name'); }
    set name(name) { call(this, 'setName', String(name)); }
    before(content, options = undefined) { return mutate(this, 'before', content, options); }
    after(content, options = undefined) { return mutate(this, 'after', content, options); }
    remove() {
      call(this, 'remove');
      return this;
    }
  }

  // By the host's numbers of the kinds of content.
  const PROTOTYPES = [Element.prototype, Comment.prototype, Text.prototype, Doctype.prototype, DocumentEnd.prototype, EndTag.prototype];
  internals.webClass(Element);
  internals.webClass(AttributesIterator);
  internals.webClass(Comment);
  internals.webClass(Text);
  internals.webClass(Doctype);
  internals.webClass(DocumentEnd);
  internals.webClass(EndTag);

  // ---- Driving the rewriter -------------------------------------------------------------

  // Runs the handlers a step asks for until the rewriter wants input (-1) or ended (-2);
  // enqueues its output. Throws the handler's exception, or lol-html's error as a TypeError.
  async function drive(run, controller, step) {
    for (;;) {
      if (step[0] !== undefined) {
        run.produced = true;
        controller.enqueue(step[0]);
      }
      const code = step[1];
      if (code === -1 || code === -2) return code;
      if (code === -3) throw step[2] === undefined ? run.error : new TypeError(step[2]);
      const handler = run.handlers[code];
      const scope = { __proto__: null, valid: true, queue: undefined };
      const content = ObjectCreate(PROTOTYPES[step[2]]);
      WeakMapPrototypeSet(records, content, { __proto__: null, run, token: step[3], scope });
      let ok = true;
      try {
        const value = ReflectApply(handler.fn, handler.thisArg, [content]);
        if ((typeof value === 'object' && value !== null) || typeof value === 'function') await value;
        if (scope.queue !== undefined) await applyQueued(run, scope.queue);
      } catch (error) {
        run.error = error;
        ok = false;
      }
      scope.valid = false;
      step = resume(run.id, ok);
    }
  }

  // The bytes of a chunk of the original body as a Uint8Array, or a TypeError.
  function bytesOf(chunk) {
    if (ArrayBufferIsView(chunk)) {
      if (TypedArrayPrototypeGetSymbolToStringTag(chunk) !== undefined) {
        return new Uint8Array(TypedArrayPrototypeGetBuffer(chunk), TypedArrayPrototypeGetByteOffset(chunk), TypedArrayPrototypeGetByteLength(chunk));
      }
      return new Uint8Array(DataViewPrototypeGetBuffer(chunk), DataViewPrototypeGetByteOffset(chunk), DataViewPrototypeGetByteLength(chunk));
    }
    throw new TypeError('This ReadableStream did not return bytes.');
  }

  // Writes a chunk in pieces of at most PIECE bytes.
  async function writeChunk(run, controller, bytes) {
    const length = TypedArrayPrototypeGetByteLength(bytes);
    const buffer = TypedArrayPrototypeGetBuffer(bytes);
    const offset = TypedArrayPrototypeGetByteOffset(bytes);
    for (let start = 0; start < length; start += PIECE) {
      const piece = new Uint8Array(buffer, offset + start, MathMin(PIECE, length - start));
      await drive(run, controller, write(run.id, piece));
    }
  }

  // The transformed body: pulling it reads the original body and runs it through the
  // rewriter until some output came out (or the end).
  function transformedStream(run, reader) {
    let failed = false;
    const fail = (error) => {
      failed = true;
      release(run.id);
      PromisePrototypeThen(reader.cancel(error), undefined, () => {});
      throw error;
    };
    return internals.newReadableStream({
      __proto__: null,
      type: 'bytes',
      async pull(controller) {
        if (failed) return;
        try {
          run.produced = false;
          while (!run.produced) {
            let result;
            if (run.first !== undefined) {
              result = await run.first;
              run.first = undefined;
            } else {
              result = await reader.read();
            }
            if (result.done) {
              await drive(run, controller, write(run.id, undefined));
              controller.close();
              const request = controller.byobRequest;
              if (request !== null && request !== undefined) request.respond(0);
              return;
            }
            await writeChunk(run, controller, bytesOf(result.value));
          }
        } catch (error) {
          fail(error);
        }
      },
      cancel(reason) {
        failed = true;
        release(run.id);
        return reader.cancel(reason);
      },
    });
  }

  // The charset parameter of a Content-Type, or 'utf-8'.
  function charsetOf(contentType) {
    if (contentType === null) return 'utf-8';
    const parsed = host.parseMediaType(contentType);
    if (parsed === undefined) return 'utf-8';
    const parameters = parsed[1];
    for (let index = 0; index < parameters.length; index += 2) {
      if (parameters[index] === 'charset') return parameters[index + 1];
    }
    return 'utf-8';
  }

  // ---- HTMLRewriter ---------------------------------------------------------------------

  // A handler of a handlers object: a function, undefined, or workerd's TypeError.
  function handlerOf(handlers, name, struct) {
    const handler = handlers[name];
    if (handler === undefined) return undefined;
    if (typeof handler !== 'function') {
      throw new TypeError(`Incorrect type for the '${name}' field on '${struct}': the provided value is not of type 'function'.`);
    }
    return handler;
  }

  function handlersObject(handlers, struct, method) {
    if (handlers === undefined || handlers === null) return {};
    if (typeof handlers !== 'object' && typeof handlers !== 'function') {
      throw new TypeError(`Failed to execute '${method}' on 'HTMLRewriter': parameter ${method === 'on' ? 2 : 1} is not of type '${struct}'.`);
    }
    return handlers;
  }

  class HTMLRewriter {
    // `{ selector, names, functions, thisArg }` for each registration, in order: `selector`
    // null for onDocument.
    #registrations = safeArray();

    on(selector, handlers) {
      selector = String(selector);
      handlers = handlersObject(handlers, 'ElementContentHandlers', 'on');
      const functions = safeArray();
      functions[0] = handlerOf(handlers, 'element', 'ElementContentHandlers');
      functions[1] = handlerOf(handlers, 'comments', 'ElementContentHandlers');
      functions[2] = handlerOf(handlers, 'text', 'ElementContentHandlers');
      try {
        checkSelector(selector);
      } catch (error) {
        throw new TypeError(`${error.message} (in the selector ${JSONStringify(selector)})`);
      }
      ArrayPrototypePush(this.#registrations, { __proto__: null, selector, functions, thisArg: handlers });
      return this;
    }

    onDocument(handlers) {
      handlers = handlersObject(handlers, 'DocumentContentHandlers', 'onDocument');
      const functions = safeArray();
      functions[0] = handlerOf(handlers, 'doctype', 'DocumentContentHandlers');
      functions[1] = handlerOf(handlers, 'comments', 'DocumentContentHandlers');
      functions[2] = handlerOf(handlers, 'text', 'DocumentContentHandlers');
      functions[3] = handlerOf(handlers, 'end', 'DocumentContentHandlers');
      ArrayPrototypePush(this.#registrations, { __proto__: null, selector: null, functions, thisArg: handlers });
      return this;
    }

    transform(response) {
      if (!internals.isResponse(response)) {
        throw new TypeError('Failed to execute \'transform\' on \'HTMLRewriter\': parameter 1 is not of type \'Response\'.');
      }
      const stream = internals.responseBodyStream(response);
      if (stream === null) return response;
      const headers = internals.responseHeaders(response);
      const charset = charsetOf(internals.headersGet(headers, 'content-type'));
      // The handlers as the host numbers them: each present function in order.
      const registrations = this.#registrations;
      const specs = safeArray();
      const handlers = safeArray();
      for (let index = 0; index < registrations.length; index++) {
        const registration = registrations[index];
        const spec = safeArray();
        spec[0] = registration.selector;
        for (let slot = 0; slot < registration.functions.length; slot++) {
          const fn = registration.functions[slot];
          spec[slot + 1] = fn !== undefined;
          if (fn !== undefined) ArrayPrototypePush(handlers, { __proto__: null, fn, thisArg: registration.thisArg });
        }
        specs[index] = spec;
      }
      const id = create(specs, charset);
      let reader;
      try {
        reader = internals.getStreamReader(stream);
      } catch (error) {
        release(id);
        throw error;
      }
      // The first read starts now, as workerd starts pumping the body: the original Response is
      // disturbed from here on.
      const run = { __proto__: null, id, handlers, error: undefined, produced: false, first: reader.read() };
      PromisePrototypeThen(run.first, undefined, () => {});
      return internals.responseWithStream(response, transformedStream(run, reader));
    }
  }
  internals.webClass(HTMLRewriter);


  internals.defineLazyGlobal('HTMLRewriter', HTMLRewriter);
});
