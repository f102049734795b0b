// `node:timers/promises`: setTimeout and setImmediate as promises, setInterval as an async
// iterator, and `scheduler.wait`/`scheduler.yield`, each cancelled by an AbortSignal with an
// AbortError, as in Node.js and workerd.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayPrototypePush, ArrayPrototypeShift, AsyncIteratorPrototype, ObjectSetPrototypeOf, Promise, PromiseReject,
    PromiseResolve, SymbolAsyncIterator,
  } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const { AbortError, validateAbortSignal, validateBoolean, validateNumber, validateObject } = errors;

  const runtimeSetTimeout = internals.lazyGet(globalThis, 'setTimeout');
  const runtimeSetInterval = internals.lazyGet(globalThis, 'setInterval');
  const runtimeClearTimeout = internals.lazyGet(globalThis, 'clearTimeout');
  const runtimeSetImmediate = internals.lazyGet(globalThis, 'setImmediate');
  const runtimeClearImmediate = internals.lazyGet(globalThis, 'clearImmediate');

  function validateOptions(options) {
    validateObject(options, 'options');
    const { signal, ref } = options;
    validateAbortSignal(signal, 'options.signal');
    if (ref !== undefined) validateBoolean(ref, 'options.ref');
    return signal;
  }
  function abortError(signal) {
    return new AbortError(undefined, { cause: signal.reason });
  }

  // One timer as a promise: `start(done)` sets it and returns what `stop` clears.
  function timerPromise(signal, start, stop, value) {
    if (signal !== undefined && signal.aborted) return PromiseReject(abortError(signal));
    return new Promise((resolve, reject) => {
      let onAbort;
      const timer = start(() => {
        if (signal !== undefined) signal.removeEventListener('abort', onAbort);
        resolve(value);
      });
      if (signal !== undefined) {
        onAbort = () => {
          stop(timer);
          reject(abortError(signal));
        };
        signal.addEventListener('abort', onAbort, { __proto__: null, once: true });
      }
    });
  }

  function setTimeout(delay = undefined, value = undefined, options = { __proto__: null }) {
    try {
      if (delay !== undefined) validateNumber(delay, 'delay');
      const signal = validateOptions(options);
      return timerPromise(signal, (done) => runtimeSetTimeout(done, delay), runtimeClearTimeout, value);
    } catch (error) {
      return PromiseReject(error);
    }
  }

  function setImmediate(value = undefined, options = { __proto__: null }) {
    try {
      const signal = validateOptions(options);
      return timerPromise(signal, (done) => runtimeSetImmediate(done), runtimeClearImmediate, value);
    } catch (error) {
      return PromiseReject(error);
    }
  }

  // An async iterator that yields `value` once per tick of an interval, the ticks that come
  // before a `next()` queued as a count.
  function setInterval(delay = undefined, value = undefined, options = { __proto__: null }) {
    let signal;
    let failure;
    try {
      if (delay !== undefined) validateNumber(delay, 'delay');
      signal = validateOptions(options);
    } catch (error) {
      failure = error;
    }
    let ticks = 0;
    let done = false;
    const waiting = [];
    let timer;
    let onAbort;
    function stop() {
      if (done) return;
      done = true;
      if (timer !== undefined) runtimeClearTimeout(timer);
      if (signal !== undefined) signal.removeEventListener('abort', onAbort);
    }
    if (failure === undefined && !(signal !== undefined && signal.aborted)) {
      timer = runtimeSetInterval(() => {
        if (waiting.length > 0) ArrayPrototypeShift(waiting).resolve({ value, done: false });
        else ticks++;
      }, delay);
      if (signal !== undefined) {
        onAbort = () => {
          stop();
          while (waiting.length > 0) ArrayPrototypeShift(waiting).reject(abortError(signal));
        };
        signal.addEventListener('abort', onAbort, { __proto__: null, once: true });
      }
    }
    return ObjectSetPrototypeOf({
      next() {
        if (failure !== undefined) {
          const error = failure;
          failure = undefined;
          done = true;
          return PromiseReject(error);
        }
        if (signal !== undefined && signal.aborted) {
          stop();
          return PromiseReject(abortError(signal));
        }
        if (done) return PromiseResolve({ value: undefined, done: true });
        if (ticks > 0) {
          ticks--;
          return PromiseResolve({ value, done: false });
        }
        return new Promise((resolve, reject) => { ArrayPrototypePush(waiting, { resolve, reject }); });
      },
      return() {
        stop();
        while (waiting.length > 0) ArrayPrototypeShift(waiting).resolve({ value: undefined, done: true });
        return PromiseResolve({ value: undefined, done: true });
      },
      [SymbolAsyncIterator]() { return this; },
    }, AsyncIteratorPrototype);
  }

  class Scheduler {
    yield() { return setImmediate(); }
    wait(delay, options = undefined) { return setTimeout(delay, undefined, options); }
  }

  return { setTimeout, setImmediate, setInterval, scheduler: new Scheduler() };
});
