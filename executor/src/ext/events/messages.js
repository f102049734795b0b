//# allFunctionsCalledOnLoad
// The events of other Web APIs that workerd exposes as globals (ErrorEvent, CloseEvent,
// MessageEvent, PromiseRejectionEvent), and MessageChannel with its MessagePorts, as workerd
// has them: a message is cloned when it is posted and delivered in a microtask to the other
// port, started or not; a port closed before the post drops it; transfer lists are refused.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayIsArray, Error, MathTrunc, NumberIsFinite, ObjectDefineProperty, PromisePrototypeThen, PromiseResolve,
    String, TypeError,
  } = primordials;
  const Event = internals.Event;
  const EventTarget = internals.EventTarget;
  const structuredClone = host.structuredClone;
  const dispatchEvent = internals.dispatchEvent;

  // workerd's message when a constructor gets no type.
  function requireType(name, count) {
    if (count === 0) {
      throw new TypeError(`Failed to construct '${name}': constructor parameter 1 is not of type 'string'.`);
    }
  }

  // workerd's conversion of an `int` member: a finite number truncated, anything else 0, a
  // value outside the 32-bit range an error.
  function toInt(value) {
    const number = +value;
    if (!NumberIsFinite(number)) return 0;
    const integer = MathTrunc(number);
    if (integer < -2147483648 || integer > 2147483647) {
      throw new TypeError('Value out of range. Must be between -2147483648 and 2147483647 (inclusive).');
    }
    return integer === 0 ? 0 : integer;
  }

  // A read-only, enumerable own property, as workerd gives these events their fields.
  function defineField(object, name, value) {
    ObjectDefineProperty(object, name, { __proto__: null, value, writable: false, enumerable: true, configurable: true });
  }

  class ErrorEvent extends Event {
    #message;
    #filename;
    #lineno;
    #colno;
    #error;
    constructor(type, init = undefined) {
      requireType('ErrorEvent', arguments.length);
      super(type, init);
      this.#message = init?.message === undefined ? '' : String(init.message);
      this.#filename = init?.filename === undefined ? '' : String(init.filename);
      this.#lineno = init?.lineno === undefined ? 0 : toInt(init.lineno);
      this.#colno = init?.colno === undefined ? 0 : toInt(init.colno);
      this.#error = init?.error;
    }
    get filename() { return this.#filename; }
    get message() { return this.#message; }
    get lineno() { return this.#lineno; }
    get colno() { return this.#colno; }
    get error() { return this.#error; }
  }
  internals.webClass(ErrorEvent);

  class CloseEvent extends Event {
    constructor(type, init = undefined) {
      requireType('CloseEvent', arguments.length);
      super(type, init);
      const code = init?.code === undefined ? 0 : toInt(init.code);
      const reason = init?.reason === undefined ? '' : String(init.reason);
      const wasClean = !!init?.wasClean;
      defineField(this, 'wasClean', wasClean);
      defineField(this, 'reason', reason);
      defineField(this, 'code', code);
    }
  }
  internals.webClass(CloseEvent);

  let createPort;
  let isPort;
  let entangle;

  class MessageEvent extends Event {
    constructor(type, init = undefined) {
      requireType('MessageEvent', arguments.length);
      super(type, init);
      const data = init?.data === undefined ? null : init.data;
      const origin = init?.origin === undefined ? '' : String(init.origin);
      const lastEventId = init?.lastEventId === undefined ? '' : String(init.lastEventId);
      const source = init?.source ?? null;
      if (source !== null && !isPort(source)) {
        throw new TypeError("Incorrect type for the 'source' field on 'Initializer': the provided value is not of type 'MessagePort'.");
      }
      // A copy, as workerd gives.
      const ports = [];
      if (init?.ports !== undefined) {
        const given = init.ports;
        if (!ArrayIsArray(given)) {
          throw new TypeError("Incorrect type for the 'ports' field on 'Initializer': the provided value is not of type 'Array'.");
        }
        for (let index = 0; index < given.length; index++) {
          ObjectDefineProperty(ports, index, { __proto__: null, value: given[index], writable: true, enumerable: true, configurable: true });
        }
      }
      // workerd's order of the fields.
      defineField(this, 'ports', ports);
      defineField(this, 'source', source);
      defineField(this, 'lastEventId', lastEventId);
      defineField(this, 'origin', origin);
      defineField(this, 'data', data);
    }
  }
  internals.webClass(MessageEvent);

  let createRejectionEvent;
  // Only the runtime makes these (`new PromiseRejectionEvent()` is an illegal constructor in
  // workerd too).
  class PromiseRejectionEvent extends Event {
    constructor(key, type = undefined, promise = undefined, reason = undefined) {
      if (key !== createRejectionEvent) throw new TypeError('Illegal constructor');
      super(type, { cancelable: true });
      defineField(this, 'promise', promise);
      defineField(this, 'reason', reason);
    }
    static {
      createRejectionEvent = (type, promise, reason) => new PromiseRejectionEvent(createRejectionEvent, type, promise, reason);
    }
  }
  internals.webClass(PromiseRejectionEvent);
  internals.createPromiseRejectionEvent = createRejectionEvent;

  class MessagePort extends EventTarget {
    #other = null;
    #closed = false;
    #onmessage = null;

    constructor(key) {
      if (key !== createPort) throw new TypeError('Illegal constructor');
      super();
    }

    static {
      createPort = () => new MessagePort(createPort);
      isPort = (value) => typeof value === 'object' && value !== null && #closed in value;
      entangle = (first, second) => {
        first.#other = second;
        second.#other = first;
      };
    }

    postMessage(message = undefined, options = undefined) {
      if (!isPort(this)) throw new TypeError('Illegal invocation');
      let transfer;
      if (ArrayIsArray(options)) {
        transfer = options;
      } else if (options === undefined || options === null) {
        transfer = undefined;
      } else if (typeof options === 'object') {
        transfer = options.transfer;
      } else {
        throw new TypeError("Failed to execute 'postMessage' on 'MessagePort': parameter 2 is not of type 'Array or PostMessageOptions'.");
      }
      if (transfer !== undefined && transfer !== null && transfer.length > 0) {
        throw new Error('Transfer list is not supported');
      }
      const other = this.#other;
      if (this.#closed || other === null || other.#closed) return;
      const data = structuredClone(message);
      PromisePrototypeThen(PromiseResolve(), () => {
        const event = new MessageEvent('message', { data, source: other });
        // A posted message has no origin (`null`, where the constructor's default is '').
        defineField(event, 'origin', null);
        dispatchEvent(other, event);
      });
    }

    start() {
      if (!isPort(this)) throw new TypeError('Illegal invocation');
    }

    close() {
      if (!isPort(this)) throw new TypeError('Illegal invocation');
      this.#closed = true;
    }

    get onmessage() { return this.#onmessage; }
    set onmessage(handler) {
      if (this.#onmessage !== null) this.removeEventListener('message', this.#onmessage);
      this.#onmessage = typeof handler === 'function' || (typeof handler === 'object' && handler !== null) ? handler : null;
      if (this.#onmessage !== null) this.addEventListener('message', this.#onmessage);
    }
  }
  internals.webClass(MessagePort);

  class MessageChannel {
    constructor() {
      const port1 = createPort();
      const port2 = createPort();
      entangle(port1, port2);
      // workerd's order of the fields.
      defineField(this, 'port2', port2);
      defineField(this, 'port1', port1);
    }
  }
  internals.webClass(MessageChannel);

  internals.defineLazyGlobal('ErrorEvent', ErrorEvent);
  internals.defineLazyGlobal('PromiseRejectionEvent', PromiseRejectionEvent);
  internals.defineLazyGlobal('CloseEvent', CloseEvent);
  internals.defineLazyGlobal('MessageEvent', MessageEvent);
  internals.MessageChannel = MessageChannel;
  internals.MessagePort = MessagePort;
  internals.defineLazyGlobal('MessageChannel', MessageChannel);
  internals.defineLazyGlobal('MessagePort', MessagePort);
});
