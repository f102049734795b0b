// `node:diagnostics_channel`, as workerd has it (which differs from Node.js in places): one
// channel per name (a name that is not a symbol is a string), subscribers called in order
// with the message and the channel's name (an error in one propagates to the publisher),
// `hasSubscribers` a getter counting subscribers (workerd's default since 2026-05-19),
// `unsubscribe`/`unbindStore` returning nothing, stores bound with an AsyncLocalStorage
// (`runStores` enters every store, then publishes, then calls), and TracingChannel's five
// channels (`start`, `end`, `asyncStart`, `asyncEnd`, `error`) as prototype getters around a
// call, a promise or a callback.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayPrototypeIndexOf, ArrayPrototypePush, ArrayPrototypeSlice, ArrayPrototypeSplice, Map, MapPrototypeForEach,
    MapPrototypeDelete, MapPrototypeGet, MapPrototypeSet, ObjectDefineProperty, Promise, PromisePrototypeThen,
    PromiseReject, PromiseResolve, ReflectApply, String, Symbol, TypeError, Error, safeArray,
  } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const { validateObject } = errors;
  const { ERR_INVALID_ARG_TYPE } = errors.codes;

  function rest(args, from) {
    const result = safeArray();
    for (let index = from; index < args.length; index++) result[index - from] = args[index];
    return result;
  }
  function channelName(name) {
    return typeof name === 'symbol' ? name : String(name);
  }

  const channels = new Map();
  const token = Symbol('Channel');

  class Channel {
    #name;
    #subscribers = [];
    #stores = new Map();
    constructor(key, name) {
      if (key !== token) throw new TypeError('Illegal constructor');
      this.#name = name;
    }
    get hasSubscribers() {
      return this.#subscribers.length > 0;
    }
    publish(message) {
      // A subscriber added or removed while publishing changes the next message, not this one.
      const subscribers = this.#subscribers;
      for (let index = 0; index < subscribers.length; index++) subscribers[index](message, this.#name);
    }
    subscribe(subscription) {
      if (typeof subscription !== 'function') {
        throw new TypeError("Failed to execute 'subscribe' on 'Channel': parameter 1 is not of type 'function'.");
      }
      if (ArrayPrototypeIndexOf(this.#subscribers, subscription) !== -1) return;
      const subscribers = ArrayPrototypeSlice(this.#subscribers);
      ArrayPrototypePush(subscribers, subscription);
      this.#subscribers = subscribers;
    }
    unsubscribe(subscription) {
      const index = ArrayPrototypeIndexOf(this.#subscribers, subscription);
      if (index === -1) return;
      const subscribers = ArrayPrototypeSlice(this.#subscribers);
      ArrayPrototypeSplice(subscribers, index, 1);
      this.#subscribers = subscribers;
    }
    bindStore(store, transform = undefined) {
      MapPrototypeSet(this.#stores, store, typeof transform === 'function' ? transform : undefined);
    }
    unbindStore(store) {
      MapPrototypeDelete(this.#stores, store);
    }
    // Enters each bound store with its transform of `message`, publishes it, and calls `fn`
    // with `thisArg` (the global object when none is given) in those stores.
    runStores(message, fn, thisArg = undefined) {
      const args = rest(arguments, 3);
      const receiver = thisArg === undefined ? globalThis : thisArg;
      let run = () => {
        this.publish(message);
        return ReflectApply(fn, receiver, args);
      };
      const entered = safeArray();
      MapPrototypeForEach(this.#stores, (transform, store) => {
        ArrayPrototypePush(entered, [store, transform === undefined ? message : transform(message)]);
      });
      for (let index = entered.length - 1; index >= 0; index--) {
        const next = run;
        const entry = entered[index];
        run = () => entry[0].run(entry[1], next);
      }
      return run();
    }
  }

  function channel(name) {
    name = channelName(name);
    const existing = MapPrototypeGet(channels, name);
    if (existing !== undefined) return existing;
    const created = new Channel(token, name);
    MapPrototypeSet(channels, name, created);
    return created;
  }
  function hasSubscribers(name) {
    const existing = MapPrototypeGet(channels, channelName(name));
    return existing !== undefined && existing.hasSubscribers;
  }
  function subscribe(name, subscription) {
    channel(name).subscribe(subscription);
  }
  function unsubscribe(name, subscription) {
    const existing = MapPrototypeGet(channels, channelName(name));
    if (existing !== undefined) existing.unsubscribe(subscription);
  }

  const TRACE_EVENTS = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];
  const kChannels = Symbol('kChannels');

  class TracingChannel {
    constructor() {
      throw new Error('Use diagnostic_channel.tracingChannels() to create TracingChannel');
    }
    get start() { return this[kChannels].start; }
    get end() { return this[kChannels].end; }
    get asyncStart() { return this[kChannels].asyncStart; }
    get asyncEnd() { return this[kChannels].asyncEnd; }
    get error() { return this[kChannels].error; }
    get hasSubscribers() {
      const own = this[kChannels];
      for (let index = 0; index < TRACE_EVENTS.length; index++) {
        if (own[TRACE_EVENTS[index]].hasSubscribers) return true;
      }
      return false;
    }
    subscribe(handlers) {
      for (let index = 0; index < TRACE_EVENTS.length; index++) {
        const event = TRACE_EVENTS[index];
        if (handlers[event] !== undefined) this[kChannels][event].subscribe(handlers[event]);
      }
    }
    unsubscribe(handlers) {
      for (let index = 0; index < TRACE_EVENTS.length; index++) {
        const event = TRACE_EVENTS[index];
        if (handlers[event] !== undefined) this[kChannels][event].unsubscribe(handlers[event]);
      }
    }
    traceSync(fn, context = {}, thisArg = globalThis) {
      const args = rest(arguments, 3);
      const { start, end, error } = this[kChannels];
      return start.runStores(context, () => {
        try {
          const result = ReflectApply(fn, thisArg, args);
          context.result = result;
          return result;
        } catch (err) {
          context.error = err;
          error.publish(context);
          throw err;
        } finally {
          end.publish(context);
        }
      }, thisArg);
    }
    tracePromise(fn, context = {}, thisArg = globalThis) {
      const args = rest(arguments, 3);
      const { start, end, asyncStart, asyncEnd, error } = this[kChannels];
      function reject(err) {
        context.error = err;
        error.publish(context);
        asyncStart.publish(context);
        asyncEnd.publish(context);
        return PromiseReject(err);
      }
      function resolve(result) {
        context.result = result;
        asyncStart.publish(context);
        asyncEnd.publish(context);
        return result;
      }
      return start.runStores(context, () => {
        try {
          let promise = ReflectApply(fn, thisArg, args);
          if (!(promise instanceof Promise)) promise = PromiseResolve(promise);
          return PromisePrototypeThen(promise, resolve, reject);
        } catch (err) {
          context.error = err;
          error.publish(context);
          throw err;
        } finally {
          end.publish(context);
        }
      }, thisArg);
    }
    traceCallback(fn, position = -1, context = {}, thisArg = globalThis) {
      const args = rest(arguments, 4);
      const { start, end, asyncStart, asyncEnd, error } = this[kChannels];
      const at = position < 0 ? args.length + position : position;
      const callback = args[at];
      if (typeof callback !== 'function') throw new ERR_INVALID_ARG_TYPE('callback', ['function'], callback);
      function wrappedCallback(err, result) {
        if (err) {
          context.error = err;
          error.publish(context);
        } else {
          context.result = result;
        }
        const callThis = this;
        const callArguments = arguments;
        asyncStart.runStores(context, () => {
          try {
            ReflectApply(callback, callThis, callArguments);
          } finally {
            asyncEnd.publish(context);
          }
        }, thisArg);
      }
      ArrayPrototypeSplice(args, at, 1, wrappedCallback);
      return start.runStores(context, () => {
        try {
          return ReflectApply(fn, thisArg, args);
        } catch (err) {
          context.error = err;
          error.publish(context);
          throw err;
        } finally {
          end.publish(context);
        }
      }, thisArg);
    }
  }

  function tracingChannel(nameOrChannels) {
    const own = { __proto__: null };
    if (typeof nameOrChannels === 'string') {
      for (let index = 0; index < TRACE_EVENTS.length; index++) {
        const event = TRACE_EVENTS[index];
        own[event] = channel(`tracing:${nameOrChannels}:${event}`);
      }
    } else {
      validateObject(nameOrChannels, 'channels');
      for (let index = 0; index < TRACE_EVENTS.length; index++) {
        const event = TRACE_EVENTS[index];
        const value = nameOrChannels[event];
        if (!(value instanceof Channel)) throw new ERR_INVALID_ARG_TYPE(`channels.${event}`, 'Channel', value);
        own[event] = value;
      }
    }
    const traced = { __proto__: TracingChannel.prototype };
    ObjectDefineProperty(traced, kChannels, { __proto__: null, value: own });
    return traced;
  }

  return { hasSubscribers, channel, subscribe, unsubscribe, tracingChannel, Channel, TracingChannel };
});
