// `node:events`, as workerd has it with `nodejs_compat`: the module's value is the
// EventEmitter class, with Node.js's semantics (`newListener`/`removeListener`, an `error`
// without a listener throws, the max-listeners warning, captured rejections), and the static
// helpers `once`, `on`, `getEventListeners`, `setMaxListeners`, `addAbortListener`.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayPrototypePush, ArrayPrototypeShift, ArrayPrototypeSplice, ArrayPrototypeUnshift, AsyncIteratorPrototype,
    Boolean, Error, FunctionPrototypeBind, FunctionPrototypeCall, Number, NumberIsNaN, ObjectDefineProperty,
    ObjectGetPrototypeOf, ObjectSetPrototypeOf, Promise, PromiseReject, PromiseResolve,
    ReflectApply, ReflectOwnKeys, String, Symbol, SymbolAsyncIterator, SymbolDispose, SymbolFor, safeArray,
  } = primordials;
  // Object.defineProperties, one key at a time with the original defineProperty.
  function ObjectDefineProperties(object, descriptors) {
    const keys = ReflectOwnKeys(descriptors);
    for (let index = 0; index < keys.length; index++) ObjectDefineProperty(object, keys[index], descriptors[keys[index]]);
    return object;
  }
  const errors = internals.nodeModule('internal/errors');
  const { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_UNHANDLED_ERROR } = errors.codes;
  const {
    AbortError, validateAbortSignal, validateBoolean, validateFunction, validateInteger, validateObject,
  } = errors;

  const kCapture = Symbol('kCapture');
  const kErrorMonitor = Symbol('events.errorMonitor');
  const kRejection = SymbolFor('nodejs.rejection');
  const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
  const kMaxEventTargetListenersWarned = Symbol('events.maxEventTargetListenersWarned');
  // Set by streams that keep `_events` in a fixed shape (a removed listener becomes undefined).
  const kShapeMode = Symbol('shapeMode');
  let defaultMaxListeners = 10;

  function inspect(value, options) {
    try {
      return internals.inspect(value, options);
    } catch {
      return String(value);
    }
  }

  function checkListener(listener) {
    if (typeof listener !== 'function') throw new ERR_INVALID_ARG_TYPE('listener', 'function', listener);
  }
  function validateMaxListeners(n, name) {
    if (typeof n !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', n);
    if (n < 0 || NumberIsNaN(n)) throw new ERR_OUT_OF_RANGE(name, 'a non-negative number', n);
  }

  function EventEmitter(options) {
    ReflectApply(init, this, [options]);
  }
  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;

  function init(options) {
    if (this._events === undefined || this._events === ObjectGetPrototypeOf(this)._events) {
      this._events = { __proto__: null };
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
    // As workerd's (Node.js sets it only once `node:domain` has loaded).
    this.domain = null;
    if (options !== undefined && options !== null && options.captureRejections) {
      validateBoolean(options.captureRejections, 'options.captureRejections');
      this[kCapture] = Boolean(options.captureRejections);
    } else {
      this[kCapture] = EventEmitter.prototype[kCapture];
    }
  }

  // A listener that returned a promise: with captured rejections, its rejection goes to
  // `Symbol.for('nodejs.rejection')` or the `error` event.
  function addCatch(emitter, promise, type, args) {
    if (!emitter[kCapture]) return;
    try {
      const then = promise.then;
      if (typeof then === 'function') {
        ReflectApply(then, promise, [undefined, (error) => {
          internals.queueMicrotask(() => emitUnhandledRejectionOrError(emitter, error, type, args));
        }]);
      }
    } catch (error) {
      emitter.emit('error', error);
    }
  }

  function emitUnhandledRejectionOrError(emitter, error, type, args) {
    if (typeof emitter[kRejection] === 'function') {
      const call = safeArray();
      call[0] = error;
      call[1] = type;
      for (let index = 0; index < args.length; index++) call[index + 2] = args[index];
      ReflectApply(emitter[kRejection], emitter, call);
    } else {
      const previous = emitter[kCapture];
      try {
        emitter[kCapture] = false;
        emitter.emit('error', error);
      } finally {
        emitter[kCapture] = previous;
      }
    }
  }

  function getMaxListeners(emitter) {
    if (emitter._maxListeners === undefined) return defaultMaxListeners;
    return emitter._maxListeners;
  }

  EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
    validateMaxListeners(n, 'n');
    this._maxListeners = n;
    return this;
  };
  EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
    return getMaxListenersOf(this);
  };
  function getMaxListenersOf(emitter) {
    return getMaxListeners(emitter);
  }

  function copy(array) {
    const result = [];
    for (let index = 0; index < array.length; index++) result[index] = array[index];
    return result;
  }

  EventEmitter.prototype.emit = function emit(type, ...args) {
    let doError = type === 'error';
    const events = this._events;
    if (events !== undefined) {
      if (doError && events[kErrorMonitor] !== undefined) {
        const call = [kErrorMonitor];
        for (let index = 0; index < args.length; index++) call[index + 1] = args[index];
        ReflectApply(this.emit, this, call);
      }
      doError = doError && events.error === undefined;
    } else if (!doError) {
      return false;
    }
    if (doError) {
      const error = args.length > 0 ? args[0] : undefined;
      if (error instanceof Error) throw error;
      const unhandled = new ERR_UNHANDLED_ERROR(inspect(error));
      unhandled.context = error;
      throw unhandled;
    }
    const handler = events[type];
    if (handler === undefined) return false;
    if (typeof handler === 'function') {
      const result = ReflectApply(handler, this, args);
      if (result !== undefined && result !== null) addCatch(this, result, type, args);
    } else {
      const listeners = copy(handler);
      for (let index = 0; index < listeners.length; index++) {
        const result = ReflectApply(listeners[index], this, args);
        if (result !== undefined && result !== null) addCatch(this, result, type, args);
      }
    }
    return true;
  };

  function addListener(target, type, listener, prepend) {
    checkListener(listener);
    let events = target._events;
    let existing;
    if (events === undefined) {
      events = target._events = { __proto__: null };
      target._eventsCount = 0;
    } else {
      if (events.newListener !== undefined) {
        target.emit('newListener', type, listener.listener ? listener.listener : listener);
        events = target._events;
      }
      existing = events[type];
    }
    if (existing === undefined) {
      events[type] = listener;
      ++target._eventsCount;
    } else {
      if (typeof existing === 'function') {
        existing = events[type] = prepend ? [listener, existing] : [existing, listener];
      } else if (prepend) {
        ArrayPrototypeUnshift(existing, listener);
      } else {
        ArrayPrototypePush(existing, listener);
      }
      const max = getMaxListeners(target);
      if (max > 0 && existing.length > max && !existing.warned) {
        existing.warned = true;
        const name = typeof target.constructor === 'function' ? target.constructor.name : 'EventEmitter';
        const warning = new Error('Possible EventEmitter memory leak detected. ' +
          `${existing.length} ${String(type)} listeners added to [${name}]. ` +
          `MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`);
        warning.name = 'MaxListenersExceededWarning';
        warning.emitter = target;
        warning.type = type;
        warning.count = existing.length;
        const process = globalThis.process;
        if (process !== undefined && process !== null && typeof process.emitWarning === 'function') {
          process.emitWarning(warning);
        }
      }
    }
    return target;
  }

  EventEmitter.prototype.addListener = function addListener_(type, listener) {
    return addListener(this, type, listener, false);
  };
  EventEmitter.prototype.on = EventEmitter.prototype.addListener;
  EventEmitter.prototype.prependListener = function prependListener(type, listener) {
    return addListener(this, type, listener, true);
  };

  function onceWrapper() {
    if (!this.fired) {
      this.target.removeListener(this.type, this.wrapFn);
      this.fired = true;
      return ReflectApply(this.listener, this.target, arguments);
    }
  }
  function onceWrap(target, type, listener) {
    const state = { fired: false, wrapFn: undefined, target, type, listener };
    const wrapped = FunctionPrototypeBind(onceWrapper, state);
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
  }

  EventEmitter.prototype.once = function once(type, listener) {
    checkListener(listener);
    this.on(type, onceWrap(this, type, listener));
    return this;
  };
  EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
    checkListener(listener);
    this.prependListener(type, onceWrap(this, type, listener));
    return this;
  };

  EventEmitter.prototype.removeListener = function removeListener(type, listener) {
    checkListener(listener);
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      this._eventsCount -= 1;
      if (this[kShapeMode]) {
        events[type] = undefined;
      } else if (this._eventsCount === 0) {
        this._events = { __proto__: null };
      } else {
        delete events[type];
        if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
      }
    } else if (typeof list !== 'function') {
      let position = -1;
      for (let index = list.length - 1; index >= 0; index--) {
        if (list[index] === listener || list[index].listener === listener) {
          position = index;
          break;
        }
      }
      if (position < 0) return this;
      if (position === 0) ArrayPrototypeShift(list);
      else ArrayPrototypeSplice(list, position, 1);
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  };
  EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

  EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = { __proto__: null };
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = { __proto__: null };
        else delete events[type];
      }
      return this;
    }
    if (arguments.length === 0) {
      const keys = ReflectOwnKeys(events);
      for (let index = 0; index < keys.length; index++) {
        if (keys[index] === 'removeListener') continue;
        this.removeAllListeners(keys[index]);
      }
      this.removeAllListeners('removeListener');
      this._events = { __proto__: null };
      this._eventsCount = 0;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === 'function') {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      for (let index = listeners.length - 1; index >= 0; index--) this.removeListener(type, listeners[index]);
    }
    return this;
  };

  function listenersOf(target, type, unwrap) {
    const events = target._events;
    if (events === undefined) return [];
    const listener = events[type];
    if (listener === undefined) return [];
    if (typeof listener === 'function') return unwrap ? [listener.listener || listener] : [listener];
    const result = [];
    for (let index = 0; index < listener.length; index++) {
      result[index] = unwrap ? listener[index].listener || listener[index] : listener[index];
    }
    return result;
  }

  EventEmitter.prototype.listeners = function listeners(type) { return listenersOf(this, type, true); };
  EventEmitter.prototype.rawListeners = function rawListeners(type) { return listenersOf(this, type, false); };

  function listenerCount(type, listener) {
    const events = this._events;
    if (events === undefined) return 0;
    const listeners = events[type];
    if (typeof listeners === 'function') {
      if (listener !== undefined && listener !== null) {
        return listener === listeners || listener === listeners.listener ? 1 : 0;
      }
      return 1;
    }
    if (listeners === undefined) return 0;
    if (listener === undefined || listener === null) return listeners.length;
    let count = 0;
    for (let index = 0; index < listeners.length; index++) {
      if (listeners[index] === listener || listeners[index].listener === listener) count++;
    }
    return count;
  }
  EventEmitter.prototype.listenerCount = listenerCount;

  EventEmitter.prototype.eventNames = function eventNames() {
    return this._eventsCount > 0 ? ReflectOwnKeys(this._events) : [];
  };

  ObjectDefineProperty(EventEmitter.prototype, kCapture, {
    __proto__: null, value: false, writable: true, enumerable: false,
  });

  // The static helpers.
  function isEventTarget(value) {
    return value !== null && typeof value === 'object' && typeof value.addEventListener === 'function' &&
      typeof value.removeEventListener === 'function' && typeof value.dispatchEvent === 'function';
  }

  function staticListenerCount(emitter, type) {
    if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
    return FunctionPrototypeCall(listenerCount, emitter, type);
  }

  function getEventListeners(emitterOrTarget, type) {
    if (emitterOrTarget !== null && typeof emitterOrTarget === 'object' &&
      typeof emitterOrTarget.listeners === 'function') {
      return emitterOrTarget.listeners(type);
    }
    if (isEventTarget(emitterOrTarget)) {
      const listeners = internals.eventTargetListeners;
      return typeof listeners === 'function' ? listeners(emitterOrTarget, type) : [];
    }
    throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
  }

  function getMaxListenersStatic(emitterOrTarget) {
    if (emitterOrTarget !== null && typeof emitterOrTarget === 'object' &&
      typeof emitterOrTarget.getMaxListeners === 'function') {
      return getMaxListeners(emitterOrTarget);
    }
    if (isEventTarget(emitterOrTarget)) {
      const value = emitterOrTarget[kMaxEventTargetListeners];
      return value === undefined ? defaultMaxListeners : value;
    }
    throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
  }

  function setMaxListeners(n = defaultMaxListeners, ...targets) {
    validateMaxListeners(n, 'n');
    if (targets.length === 0) {
      defaultMaxListeners = n;
      return;
    }
    for (let index = 0; index < targets.length; index++) {
      const target = targets[index];
      if (isEventTarget(target)) {
        target[kMaxEventTargetListeners] = n;
        target[kMaxEventTargetListenersWarned] = false;
      } else if (target !== null && typeof target === 'object' && typeof target.setMaxListeners === 'function') {
        target.setMaxListeners(n);
      } else {
        throw new ERR_INVALID_ARG_TYPE('eventTargets', ['EventEmitter', 'EventTarget'], target);
      }
    }
  }

  function addEventListenerOrOn(emitter, name, listener, flags) {
    if (typeof emitter.on === 'function') {
      if (flags && flags.once) emitter.once(name, listener);
      else emitter.on(name, listener);
    } else if (typeof emitter.addEventListener === 'function') {
      emitter.addEventListener(name, listener, flags);
    } else {
      throw new ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
    }
  }
  function removeEventListenerOrOff(emitter, name, listener, flags) {
    if (typeof emitter.removeListener === 'function') emitter.removeListener(name, listener);
    else if (typeof emitter.removeEventListener === 'function') emitter.removeEventListener(name, listener, flags);
  }

  function addAbortListener(signal, listener) {
    if (signal === undefined) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
    validateAbortSignal(signal, 'signal');
    validateFunction(listener, 'listener');
    let removed = false;
    const remove = () => {
      if (removed) return;
      removed = true;
      signal.removeEventListener('abort', listener);
    };
    if (signal.aborted) {
      internals.queueMicrotask(() => listener());
    } else {
      signal.addEventListener('abort', listener, { __proto__: null, once: true });
    }
    const disposable = { __proto__: null };
    disposable[SymbolDispose] = remove;
    return disposable;
  }

  async function once(emitter, name, options = { __proto__: null }) {
    validateObject(options, 'options');
    const signal = options.signal;
    validateAbortSignal(signal, 'options.signal');
    if (signal !== undefined && signal.aborted) {
      throw new AbortError(undefined, { cause: signal.reason });
    }
    return new Promise((resolve, reject) => {
      const errorListener = (error) => {
        removeEventListenerOrOff(emitter, name, resolver);
        if (signal !== undefined) signal.removeEventListener('abort', abortListener);
        reject(error);
      };
      const resolver = (...args) => {
        if (typeof emitter.removeListener === 'function') emitter.removeListener('error', errorListener);
        if (signal !== undefined) signal.removeEventListener('abort', abortListener);
        resolve(args);
      };
      addEventListenerOrOn(emitter, name, resolver, { __proto__: null, once: true });
      if (name !== 'error' && typeof emitter.once === 'function') {
        emitter.once('error', errorListener);
      }
      function abortListener() {
        removeEventListenerOrOff(emitter, name, resolver);
        if (typeof emitter.removeListener === 'function') emitter.removeListener('error', errorListener);
        reject(new AbortError(undefined, { cause: signal.reason }));
      }
      if (signal !== undefined) signal.addEventListener('abort', abortListener, { __proto__: null, once: true });
    });
  }

  // `events.on(emitter, name)`: an async iterator of the events' arguments, which rejects on
  // `error` (unless `error` is the event asked for) and ends on a `close` event named in
  // `options.close`.
  function on(emitter, event, options = { __proto__: null }) {
    validateObject(options, 'options');
    const signal = options.signal;
    validateAbortSignal(signal, 'options.signal');
    if (signal !== undefined && signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
    const highWaterMark = options.highWaterMark === undefined ? Number.MAX_SAFE_INTEGER : options.highWaterMark;
    validateInteger(highWaterMark, 'options.highWaterMark', 1);
    const lowWaterMark = options.lowWaterMark === undefined ? 1 : options.lowWaterMark;
    validateInteger(lowWaterMark, 'options.lowWaterMark', 1);
    const closeEvents = options.close;

    const unconsumedEvents = [];
    const unconsumedPromises = [];
    let paused = false;
    let error = null;
    let finished = false;
    let size = 0;
    const cleanups = [];

    function listen(name, handler, flags) {
      addEventListenerOrOn(emitter, name, handler, flags);
      ArrayPrototypePush(cleanups, () => removeEventListenerOrOff(emitter, name, handler, flags));
    }

    const iterator = ObjectSetPrototypeOf({
      next() {
        if (size > 0) {
          const value = ArrayPrototypeShift(unconsumedEvents);
          size--;
          if (paused && size < lowWaterMark) {
            if (typeof emitter.resume === 'function') emitter.resume();
            paused = false;
          }
          return PromiseResolve({ value, done: false });
        }
        if (error) {
          const failure = PromiseReject(error);
          error = null;
          return failure;
        }
        if (finished) return closeHandler();
        return new Promise((resolve, reject) => {
          ArrayPrototypePush(unconsumedPromises, { resolve, reject });
        });
      },
      return() { return closeHandler(); },
      throw(failure) {
        if (!failure || !(failure instanceof Error)) {
          throw new ERR_INVALID_ARG_TYPE('EventEmitter.AsyncIterator', 'Error', failure);
        }
        errorHandler(failure);
      },
      [SymbolAsyncIterator]() { return this; },
    }, AsyncIteratorPrototype);

    listen(event, eventHandler);
    if (event !== 'error' && typeof emitter.on === 'function') listen('error', errorHandler);
    if (closeEvents !== undefined && closeEvents !== null) {
      for (let index = 0; index < closeEvents.length; index++) listen(closeEvents[index], closeHandler);
    }
    if (signal !== undefined) {
      signal.addEventListener('abort', abortListener, { __proto__: null, once: true });
      ArrayPrototypePush(cleanups, () => signal.removeEventListener('abort', abortListener));
    }

    function abortListener() {
      errorHandler(new AbortError(undefined, { cause: signal.reason }));
    }
    function eventHandler(...args) {
      if (unconsumedPromises.length > 0) {
        ArrayPrototypeShift(unconsumedPromises).resolve({ value: args, done: false });
        return;
      }
      size++;
      if (!paused && size > highWaterMark && typeof emitter.pause === 'function') {
        paused = true;
        emitter.pause();
      }
      ArrayPrototypePush(unconsumedEvents, args);
    }
    function errorHandler(failure) {
      if (unconsumedPromises.length > 0) ArrayPrototypeShift(unconsumedPromises).reject(failure);
      else error = failure;
      closeHandler();
    }
    function closeHandler() {
      for (let index = 0; index < cleanups.length; index++) cleanups[index]();
      cleanups.length = 0;
      finished = true;
      const done = { value: undefined, done: true };
      while (unconsumedPromises.length > 0) ArrayPrototypeShift(unconsumedPromises).resolve(done);
      return PromiseResolve(done);
    }
    return iterator;
  }

  // EventEmitterAsyncResource: an EventEmitter whose listeners run in the async context of
  // its creation (`async_hooks`, taken when the first one is made).
  let EventEmitterAsyncResource;
  function eventEmitterAsyncResource() {
    if (EventEmitterAsyncResource !== undefined) return EventEmitterAsyncResource;
    const { AsyncResource } = internals.nodeModule('async_hooks');
    const kResource = Symbol('kEventEmitterAsyncResource');
    EventEmitterAsyncResource = class EventEmitterAsyncResource extends EventEmitter {
      constructor(options = undefined) {
        let name;
        if (typeof options === 'string') {
          name = options;
          options = undefined;
        } else {
          name = options !== undefined && options !== null && options.name !== undefined
            ? options.name : new.target.name;
        }
        super(options);
        this[kResource] = new AsyncResource(name, options);
      }
      emit(event, ...args) {
        const resource = this[kResource];
        return resource.runInAsyncScope(super.emit, this, event, ...args);
      }
      emitDestroy() { this[kResource].emitDestroy(); }
      get asyncId() { return this[kResource].asyncId(); }
      get triggerAsyncId() { return this[kResource].triggerAsyncId(); }
      get asyncResource() { return this[kResource]; }
    };
    return EventEmitterAsyncResource;
  }

  // The statics in workerd's order; `init` and the EventTarget symbols are not exports.
  function data(value, enumerable = true) {
    return { __proto__: null, value, writable: true, enumerable, configurable: true };
  }
  ObjectDefineProperties(EventEmitter, {
    on: data(on),
    once: data(once),
    getEventListeners: data(getEventListeners),
    getMaxListeners: data(getMaxListenersStatic),
    setMaxListeners: data(setMaxListeners),
    listenerCount: data(staticListenerCount),
    EventEmitter: data(EventEmitter),
    usingDomains: data(false),
    captureRejectionSymbol: data(kRejection),
    errorMonitor: data(kErrorMonitor),
    EventEmitterAsyncResource: {
      __proto__: null, enumerable: true, configurable: true, get: eventEmitterAsyncResource,
    },
    captureRejections: {
      __proto__: null,
      enumerable: true,
      configurable: true,
      get() { return EventEmitter.prototype[kCapture]; },
      set(value) {
        validateBoolean(value, 'EventEmitter.captureRejections');
        EventEmitter.prototype[kCapture] = value;
      },
    },
    defaultMaxListeners: {
      __proto__: null,
      enumerable: true,
      configurable: true,
      get() { return defaultMaxListeners; },
      set(value) {
        if (typeof value !== 'number' || value < 0 || NumberIsNaN(value)) {
          throw new ERR_OUT_OF_RANGE('defaultMaxListeners', 'a non-negative number', value);
        }
        defaultMaxListeners = value;
      },
    },
    kMaxEventTargetListeners: { __proto__: null, value: kMaxEventTargetListeners },
    kMaxEventTargetListenersWarned: { __proto__: null, value: kMaxEventTargetListenersWarned },
    init: data(init, false),
    addAbortListener: data(addAbortListener),
  });

  // What other modules of the runtime use.
  internals.nodeEventsShapeMode = kShapeMode;
  return EventEmitter;
});
