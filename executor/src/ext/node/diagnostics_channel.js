// `node:diagnostics_channel`, as workerd has it: named channels that publish to their
// subscribers synchronously, stores bound to a channel (`bindStore`/`runStores`, with
// AsyncLocalStorage), and TracingChannel's five channels (`start`, `end`, `asyncStart`,
// `asyncEnd`, `error`) around a call, a promise or a callback. A subscriber's error does
// not stop the others; it is thrown in a microtask, where it fails the run as an uncaught
// error would.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayPrototypeIndexOf, ArrayPrototypePush, ArrayPrototypeSlice, ArrayPrototypeSplice, Map, MapPrototypeDelete,
    MapPrototypeForEach, MapPrototypeGet, MapPrototypeGetSize, MapPrototypeHas, MapPrototypeSet, ObjectDefineProperty,
    Promise, PromisePrototypeThen, PromiseReject, PromiseResolve, ReflectApply, safeArray,
  } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const { validateFunction } = errors;
  const { ERR_INVALID_ARG_TYPE } = errors.codes;

  function throwLater(error) {
    internals.queueMicrotask(() => { throw error; });
  }
  function rest(args, from) {
    const result = safeArray();
    for (let index = from; index < args.length; index++) result[index - from] = args[index];
    return result;
  }

  const channels = new Map();

  class Channel {
    #subscribers = [];
    #stores = new Map();
    constructor(name) {
      this.name = name;
    }
    get hasSubscribers() {
      return this.#subscribers.length > 0 || MapPrototypeGetSize(this.#stores) > 0;
    }
    publish(data) {
      // A subscriber added or removed while publishing changes the next message, not this one.
      const subscribers = this.#subscribers;
      for (let index = 0; index < subscribers.length; index++) {
        try {
          subscribers[index](data, this.name);
        } catch (error) {
          throwLater(error);
        }
      }
    }
    subscribe(subscription) {
      validateFunction(subscription, 'subscription');
      const subscribers = ArrayPrototypeSlice(this.#subscribers);
      ArrayPrototypePush(subscribers, subscription);
      this.#subscribers = subscribers;
    }
    unsubscribe(subscription) {
      const index = ArrayPrototypeIndexOf(this.#subscribers, subscription);
      if (index === -1) return false;
      const subscribers = ArrayPrototypeSlice(this.#subscribers);
      ArrayPrototypeSplice(subscribers, index, 1);
      this.#subscribers = subscribers;
      return true;
    }
    bindStore(store, transform = undefined) {
      MapPrototypeSet(this.#stores, store, transform);
    }
    unbindStore(store) {
      if (!MapPrototypeHas(this.#stores, store)) return false;
      MapPrototypeDelete(this.#stores, store);
      return true;
    }
    runStores(data, fn, thisArg = undefined) {
      const args = rest(arguments, 3);
      let run = () => {
        this.publish(data);
        return ReflectApply(fn, thisArg, args);
      };
      MapPrototypeForEach(this.#stores, (transform, store) => {
        let context = data;
        if (transform) {
          try {
            context = transform(data);
          } catch (error) {
            throwLater(error);
            return;
          }
        }
        const next = run;
        run = () => store.run(context, next);
      });
      return run();
    }
  }

  function channel(name) {
    const existing = MapPrototypeGet(channels, name);
    if (existing !== undefined) return existing;
    if (typeof name !== 'string' && typeof name !== 'symbol') {
      throw new ERR_INVALID_ARG_TYPE('channel', ['string', 'symbol'], name);
    }
    const created = new Channel(name);
    MapPrototypeSet(channels, name, created);
    return created;
  }
  function hasSubscribers(name) {
    const existing = MapPrototypeGet(channels, name);
    return existing !== undefined && existing.hasSubscribers;
  }
  function subscribe(name, subscription) {
    channel(name).subscribe(subscription);
  }
  function unsubscribe(name, subscription) {
    return channel(name).unsubscribe(subscription);
  }

  const TRACE_EVENTS = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

  class TracingChannel {
    constructor(nameOrChannels) {
      for (let index = 0; index < TRACE_EVENTS.length; index++) {
        const event = TRACE_EVENTS[index];
        let value;
        if (typeof nameOrChannels === 'string') {
          value = channel(`tracing:${nameOrChannels}:${event}`);
        } else if (nameOrChannels !== null && typeof nameOrChannels === 'object') {
          value = nameOrChannels[event];
          if (!(value instanceof Channel)) throw new ERR_INVALID_ARG_TYPE(`nameOrChannels.${event}`, 'Channel', value);
        } else {
          throw new ERR_INVALID_ARG_TYPE('nameOrChannels', ['string', 'object', 'TracingChannel'], nameOrChannels);
        }
        ObjectDefineProperty(this, event, { __proto__: null, value, enumerable: true, configurable: true });
      }
    }
    get hasSubscribers() {
      return this.start.hasSubscribers || this.end.hasSubscribers || this.asyncStart.hasSubscribers ||
        this.asyncEnd.hasSubscribers || this.error.hasSubscribers;
    }
    subscribe(handlers) {
      for (let index = 0; index < TRACE_EVENTS.length; index++) {
        const event = TRACE_EVENTS[index];
        if (handlers[event]) this[event].subscribe(handlers[event]);
      }
    }
    unsubscribe(handlers) {
      let done = true;
      for (let index = 0; index < TRACE_EVENTS.length; index++) {
        const event = TRACE_EVENTS[index];
        if (handlers[event] && !this[event].unsubscribe(handlers[event])) done = false;
      }
      return done;
    }
    traceSync(fn, context = {}, thisArg = undefined) {
      const args = rest(arguments, 3);
      if (!this.hasSubscribers) return ReflectApply(fn, thisArg, args);
      const { start, end, error } = this;
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
      });
    }
    tracePromise(fn, context = {}, thisArg = undefined) {
      const args = rest(arguments, 3);
      if (!this.hasSubscribers) return ReflectApply(fn, thisArg, args);
      const { start, end, asyncStart, asyncEnd, error } = this;
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
      });
    }
    traceCallback(fn, position = -1, context = {}, thisArg = undefined) {
      const args = rest(arguments, 4);
      if (!this.hasSubscribers) return ReflectApply(fn, thisArg, args);
      const { start, end, asyncStart, asyncEnd, error } = this;
      const at = position < 0 ? args.length + position : position;
      const callback = args[at];
      validateFunction(callback, 'callback');
      function wrappedCallback(err, result) {
        if (err) {
          context.error = err;
          error.publish(context);
        } else {
          context.result = result;
        }
        const callArguments = arguments;
        return asyncStart.runStores(context, () => {
          try {
            return ReflectApply(callback, this, callArguments);
          } finally {
            asyncEnd.publish(context);
          }
        });
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
      });
    }
  }

  function tracingChannel(nameOrChannels) {
    return new TracingChannel(nameOrChannels);
  }

  return { channel, hasSubscribers, subscribe, tracingChannel, unsubscribe, Channel, TracingChannel };
});
