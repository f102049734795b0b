// `node:timers`, as workerd has it: setTimeout/setInterval return Timeout objects (`ref`,
// `unref`, `hasRef`, `refresh`, `close`, and their id as their primitive value, so the global
// clearTimeout takes them too); setImmediate/clearImmediate are the global ones'. The timers
// are the runtime's (`timers/timers.js`), which restore a timer's async context when it runs.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    Error, Map, MapPrototypeDelete, MapPrototypeGet, MapPrototypeSet, Number, ReflectApply, SymbolDispose,
    SymbolToPrimitive, safeArray,
  } = primordials;
  const { codes: { ERR_INVALID_ARG_TYPE } } = internals.nodeModule('internal/errors');

  // The runtime's timers, whatever the code has put on the global object (which are this
  // module's own with `enable_nodejs_global_timers`).
  const runtimeSetTimeout = internals.setTimeout;
  const runtimeSetInterval = internals.setInterval;
  const runtimeClearTimeout = internals.clearTimeout;
  const runtimeSetImmediate = internals.lazyGet(globalThis, 'setImmediate');
  const runtimeClearImmediate = internals.lazyGet(globalThis, 'clearImmediate');

  // The pending Timeouts by id, so that clearTimeout(id) finds one.
  const byId = new Map();
  const token = {};

  class Timeout {
    #id;
    #callback;
    #delay;
    #args;
    #repeat;
    #ref = true;
    #pending = false;
    constructor(key, callback, delay, args, repeat) {
      if (key !== token) throw new ERR_INVALID_ARG_TYPE('key', 'Timeout', key);
      this.#callback = callback;
      this.#delay = delay;
      this.#args = args;
      this.#repeat = repeat;
      this.#start();
    }
    #start() {
      const run = () => {
        if (!this.#repeat) this.#finish();
        ReflectApply(this.#callback, globalThis, this.#args);
      };
      this.#id = this.#repeat ? runtimeSetInterval(run, this.#delay) : runtimeSetTimeout(run, this.#delay);
      this.#pending = true;
      MapPrototypeSet(byId, this.#id, this);
    }
    #finish() {
      this.#pending = false;
      MapPrototypeDelete(byId, this.#id);
    }
    static clear(timeout) {
      if (!(#id in timeout)) return false;
      if (timeout.#pending) {
        runtimeClearTimeout(timeout.#id);
        timeout.#finish();
      }
      return true;
    }
    refresh() {
      if (this.#pending) {
        runtimeClearTimeout(this.#id);
        this.#finish();
        this.#start();
      }
      return this;
    }
    unref() {
      this.#ref = false;
      return this;
    }
    ref() {
      this.#ref = true;
      return this;
    }
    hasRef() { return this.#ref; }
    close() {
      clearTimeout(this);
      return this;
    }
    [SymbolDispose]() { clearTimeout(this); }
    [SymbolToPrimitive]() { return this.#id; }
  }
  const clearTimeoutObject = Timeout.clear;
  delete Timeout.clear;

  function callbackArguments(args) {
    const rest = safeArray();
    for (let index = 2; index < args.length; index++) rest[index - 2] = args[index];
    return rest;
  }
  function validateCallback(callback) {
    if (typeof callback !== 'function') throw new ERR_INVALID_ARG_TYPE('callback', 'function', callback);
  }

  function setTimeout(callback, delay) {
    validateCallback(callback);
    return new Timeout(token, callback, delay, callbackArguments(arguments), false);
  }
  function setInterval(callback, delay) {
    validateCallback(callback);
    return new Timeout(token, callback, delay, callbackArguments(arguments), true);
  }
  function clearTimeout(timer) {
    if (timer === undefined || timer === null) return;
    if (typeof timer === 'object' && clearTimeoutObject(timer)) return;
    if (typeof timer === 'number' || typeof timer === 'string') {
      const timeout = MapPrototypeGet(byId, Number(timer));
      if (timeout !== undefined) {
        clearTimeoutObject(timeout);
        return;
      }
      runtimeClearTimeout(Number(timer));
    }
  }
  function setImmediate(callback) {
    return ReflectApply(runtimeSetImmediate, undefined, arguments);
  }
  function clearImmediate(immediate) {
    runtimeClearImmediate(immediate);
  }

  const timers = {};
  timers.promises = internals.nodeModule('timers/promises');
  timers.setTimeout = setTimeout;
  timers.clearTimeout = clearTimeout;
  timers.setImmediate = setImmediate;
  timers.clearImmediate = clearImmediate;
  timers.setInterval = setInterval;
  timers.clearInterval = function clearInterval(timer) {
    clearTimeout(timer);
  };
  // The deprecated enrolment functions, as workerd has them.
  timers.active = function active(timer) {
    if (timer !== null && typeof timer === 'object' && typeof timer.refresh === 'function') timer.refresh();
  };
  timers.unenroll = function unenroll(timer) {
    clearTimeout(timer);
  };
  timers.enroll = function enroll() {
    throw new Error('Not implemented. Please use setTimeout() instead.');
  };

  return timers;
});
