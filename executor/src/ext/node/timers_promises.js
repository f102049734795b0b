// `node:timers/promises`: setTimeout and setImmediate as promises, setInterval as an async
// iterator, and `scheduler.wait`/`scheduler.yield`, each cancelled by an AbortSignal with an
// AbortError, as in Node.js and workerd.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { Promise, PromiseReject } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const { AbortError, validateAbortSignal, validateBoolean, validateNumber, validateObject } = errors;

  // The runtime's timers (the globals may be node:timers', which load this module).
  const runtimeSetTimeout = internals.setTimeout;
  const runtimeSetInterval = internals.setInterval;
  const runtimeClearTimeout = internals.clearTimeout;
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

  // An async iterator that yields `value` once per tick of an interval. Ticks that come
  // before a `next()` are counted and yielded then, even after the signal aborts; the abort
  // ends the iteration with an AbortError after them, as in Node.js.
  async function* setInterval(delay = undefined, value = undefined, options = { __proto__: null }) {
    if (delay !== undefined) validateNumber(delay, 'delay');
    const signal = validateOptions(options);
    if (signal !== undefined && signal.aborted) throw abortError(signal);
    let notYielded = 0;
    let wake;
    const timer = runtimeSetInterval(() => {
      notYielded++;
      if (wake !== undefined) {
        const resolve = wake;
        wake = undefined;
        resolve();
      }
    }, delay);
    let onAbort;
    if (signal !== undefined) {
      onAbort = () => {
        runtimeClearTimeout(timer);
        if (wake !== undefined) {
          const resolve = wake;
          wake = undefined;
          resolve(PromiseReject(abortError(signal)));
        }
      };
      signal.addEventListener('abort', onAbort, { __proto__: null, once: true });
    }
    try {
      while (signal === undefined || !signal.aborted) {
        if (notYielded === 0) await new Promise((resolve) => { wake = resolve; });
        for (; notYielded > 0; notYielded--) yield value;
      }
      throw abortError(signal);
    } finally {
      runtimeClearTimeout(timer);
      if (signal !== undefined) signal.removeEventListener('abort', onAbort);
    }
  }

  class Scheduler {
    yield() { return setImmediate(); }
    wait(delay, options = undefined) { return setTimeout(delay, undefined, options); }
  }

  return { setTimeout, setImmediate, setInterval, scheduler: new Scheduler() };
});
