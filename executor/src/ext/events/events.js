//# allFunctionsCalledOnLoad
// Event, EventTarget, CustomEvent, AbortController and AbortSignal (DOM Standard), as
// workerd has them: no event paths or capture phases beyond the target itself.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayPrototypeFindIndex, ArrayPrototypePush, ArrayPrototypeSlice, ArrayPrototypeSome, ArrayPrototypeSplice,
    Boolean, Map, MapPrototypeGet, MapPrototypeSet, Number, NumberIsFinite, ObjectDefineProperty, ReflectApply,
    String, TypeError, safeArray,
  } = primordials;
  const reportError = internals.reportError;
  const DOMException = internals.DOMException;
  const setTimeout = internals.setTimeout;
  const now = host.now;

  const NONE = 0, CAPTURING_PHASE = 1, AT_TARGET = 2, BUBBLING_PHASE = 3;

  let setEventTarget;
  let isStopped;

  class Event {
    #type;
    #bubbles;
    #cancelable;
    #composed;
    #target = null;
    #currentTarget = null;
    #phase = NONE;
    #canceled = false;
    #stop = false;
    #stopImmediate = false;
    #inPassiveListener = false;
    #timeStamp = now();

    constructor(type, options = undefined) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'Event': 1 argument required, but only 0 present.");
      this.#type = String(type);
      this.#bubbles = Boolean(options?.bubbles);
      this.#cancelable = Boolean(options?.cancelable);
      this.#composed = Boolean(options?.composed);
    }

    static {
      setEventTarget = (event, target, current, phase, passive) => {
        event.#target = target;
        event.#currentTarget = current;
        event.#phase = phase;
        event.#inPassiveListener = passive;
      };
      isStopped = (event) => [event.#stop, event.#stopImmediate];
    }

    get type() { return this.#type; }
    get target() { return this.#target; }
    get srcElement() { return this.#target; }
    get currentTarget() { return this.#currentTarget; }
    get eventPhase() { return this.#phase; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get composed() { return this.#composed; }
    get defaultPrevented() { return this.#canceled; }
    get returnValue() { return !this.#canceled; }
    set returnValue(value) { if (!value) this.preventDefault(); }
    get cancelBubble() { return this.#stop; }
    set cancelBubble(value) { if (value) this.#stop = true; }
    get isTrusted() { return false; }
    get timeStamp() { return this.#timeStamp; }
    composedPath() { return this.#currentTarget === null ? [] : [this.#currentTarget]; }
    preventDefault() {
      if (this.#cancelable && !this.#inPassiveListener) this.#canceled = true;
    }
    stopPropagation() { this.#stop = true; }
    stopImmediatePropagation() {
      this.#stop = true;
      this.#stopImmediate = true;
    }
  }
  internals.webClass(Event);
  const phases = ['NONE', NONE, 'CAPTURING_PHASE', CAPTURING_PHASE, 'AT_TARGET', AT_TARGET, 'BUBBLING_PHASE', BUBBLING_PHASE];
  for (let index = 0; index < phases.length; index += 2) {
    ObjectDefineProperty(Event, phases[index], { __proto__: null, value: phases[index + 1], enumerable: true });
    ObjectDefineProperty(Event.prototype, phases[index], { __proto__: null, value: phases[index + 1], enumerable: true });
  }

  class CustomEvent extends Event {
    #detail;
    constructor(type, options = undefined) {
      super(type, options);
      this.#detail = options?.detail ?? null;
    }
    get detail() { return this.#detail; }
  }
  internals.webClass(CustomEvent);

  function flatten(options) {
    if (typeof options === 'boolean') return { capture: options, once: false, passive: false, signal: undefined };
    return {
      capture: Boolean(options?.capture),
      once: Boolean(options?.once),
      passive: Boolean(options?.passive),
      signal: options?.signal,
    };
  }

  class EventTarget {
    #listeners = new Map();

    addEventListener(type, listener, options = undefined) {
      if (listener === null || listener === undefined) return;
      if (typeof listener !== 'function' && typeof listener !== 'object') {
        throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type 'Object'.");
      }
      const { capture, once, passive, signal } = flatten(options);
      if (signal !== undefined && !(signal instanceof AbortSignal)) {
        throw new TypeError("Failed to execute 'addEventListener': member signal is not of type AbortSignal.");
      }
      if (signal?.aborted) return;
      type = String(type);
      let list = MapPrototypeGet(this.#listeners, type);
      if (list === undefined) {
        list = [];
        MapPrototypeSet(this.#listeners, type, list);
      }
      if (ArrayPrototypeSome(list, (entry) => entry.listener === listener && entry.capture === capture)) return;
      const entry = { __proto__: null, listener, capture, once, passive, removed: false };
      ArrayPrototypePush(list, entry);
      if (signal !== undefined) {
        signal.addEventListener('abort', () => this.removeEventListener(type, listener, { capture }));
      }
    }

    removeEventListener(type, listener, options = undefined) {
      const { capture } = flatten(options);
      const list = MapPrototypeGet(this.#listeners, String(type));
      if (list === undefined) return;
      const index = ArrayPrototypeFindIndex(list, (entry) => entry.listener === listener && entry.capture === capture);
      if (index !== -1) {
        list[index].removed = true;
        ArrayPrototypeSplice(list, index, 1);
      }
    }

    dispatchEvent(event) {
      if (!(event instanceof Event)) {
        throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
      }
      const list = MapPrototypeGet(this.#listeners, event.type);
      if (list !== undefined) {
        const entries = ArrayPrototypeSlice(list);
        for (let index = 0; index < entries.length; index++) {
          const entry = entries[index];
          if (entry.removed) continue;
          if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
          setEventTarget(event, this, this, AT_TARGET, entry.passive);
          try {
            if (typeof entry.listener === 'function') {
              ReflectApply(entry.listener, this, [event]);
            } else if (typeof entry.listener.handleEvent === 'function') {
              ReflectApply(entry.listener.handleEvent, entry.listener, [event]);
            }
          } catch (error) {
            reportError(error);
          }
          if (isStopped(event)[1]) break;
        }
      }
      setEventTarget(event, this, null, NONE, false);
      return !event.defaultPrevented;
    }
  }
  internals.webClass(EventTarget);

  let createSignal;
  let signalAbort;
  let abortState;
  let abortReason;

  class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    #onabort = null;
    #algorithms = [];

    constructor(key) {
      if (key !== createSignal) throw new TypeError('Illegal constructor');
      super();
    }

    static {
      createSignal = () => new AbortSignal(createSignal);
      abortState = (signal) => signal.#aborted;
      abortReason = (signal) => signal.#reason;
      signalAbort = (signal, reason) => {
        if (signal.#aborted) return;
        signal.#aborted = true;
        signal.#reason = reason === undefined ? new DOMException('The operation was aborted', 'AbortError') : reason;
        const algorithms = signal.#algorithms;
        signal.#algorithms = [];
        for (let index = 0; index < algorithms.length; index++) {
          try {
            algorithms[index](signal.#reason);
          } catch (error) {
            reportError(error);
          }
        }
        signal.dispatchEvent(new Event('abort'));
      };
      internals.addAbortAlgorithm = (signal, algorithm) => {
        if (signal.#aborted) return;
        ArrayPrototypePush(signal.#algorithms, algorithm);
      };
    }

    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    throwIfAborted() {
      if (this.#aborted) throw this.#reason;
    }
    get onabort() { return this.#onabort; }
    set onabort(handler) {
      if (this.#onabort !== null) this.removeEventListener('abort', this.#onabort);
      this.#onabort = typeof handler === 'function' ? handler : null;
      if (this.#onabort !== null) this.addEventListener('abort', this.#onabort);
    }

    static abort(reason = undefined) {
      const signal = createSignal();
      signalAbort(signal, reason);
      return signal;
    }

    static timeout(milliseconds) {
      const delay = Number(milliseconds);
      if (!(delay >= 0) || !NumberIsFinite(delay)) {
        throw new TypeError(`Failed to execute 'timeout' on 'AbortSignal': Value is outside the 'unsigned long long' value range.`);
      }
      const signal = createSignal();
      setTimeout(() => {
        signalAbort(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      }, delay);
      return signal;
    }

    static any(signals) {
      const list = [...signals];
      const signal = createSignal();
      for (const source of list) {
        if (!(source instanceof AbortSignal)) {
          throw new TypeError("Failed to execute 'any' on 'AbortSignal': Failed to convert value to 'AbortSignal'.");
        }
        if (source.aborted) {
          signalAbort(signal, source.reason);
          return signal;
        }
      }
      for (const source of list) {
        internals.addAbortAlgorithm(source, (reason) => signalAbort(signal, reason));
      }
      return signal;
    }
  }
  internals.webClass(AbortSignal);
  // Read from the signal's fields, not through its getters, which the code can replace.
  internals.inspectShape(AbortSignal, {
    __proto__: null,
    map: false,
    entries: (signal) => {
      const entries = safeArray();
      entries[0] = ['aborted', abortState(signal)];
      if (abortState(signal)) entries[1] = ['reason', abortReason(signal)];
      return entries;
    },
  });

  class AbortController {
    #signal = createSignal();
    get signal() { return this.#signal; }
    abort(reason = undefined) { signalAbort(this.#signal, reason); }
  }
  internals.webClass(AbortController);

  internals.Event = Event;
  internals.EventTarget = EventTarget;
  // Dispatches with the original method, whatever the code put on the target or its prototype.
  const dispatch = EventTarget.prototype.dispatchEvent;
  internals.dispatchEvent = (target, event) => ReflectApply(dispatch, target, [event]);
  internals.createAbortSignal = createSignal;
  internals.AbortSignal = AbortSignal;
  internals.AbortController = AbortController;
  internals.signalAbort = signalAbort;

  internals.defineLazyGlobal('Event', Event);
  internals.defineLazyGlobal('CustomEvent', CustomEvent);
  internals.defineLazyGlobal('EventTarget', EventTarget);
  internals.defineLazyGlobal('AbortSignal', AbortSignal);
  internals.defineLazyGlobal('AbortController', AbortController);
});
