//# allFunctionsCalledOnLoad
// setImmediate and clearImmediate, as workerd has them with `nodejs_compat`: an immediate is
// a timer of no delay (it runs after the microtasks, in the order it was set among the
// timers of no delay), and `setImmediate` returns an `Immediate` object, not a number.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { ObjectDefineProperty, ReflectApply, SymbolDispose, SymbolToStringTag, TypeError } = primordials;

  // Only this script makes an Immediate (the constructor is reachable as `.constructor`).
  const token = {};
  class Immediate {
    #timer;
    constructor(key, timer) {
      if (key !== token) throw new TypeError('Illegal constructor');
      this.#timer = timer;
    }
    static timerOf(immediate) { return #timer in immediate ? immediate.#timer : undefined; }
    // An immediate never keeps workerd's event loop alive on its own: `hasRef()` is false and
    // `ref`/`unref` change nothing (they return undefined there too).
    ref() {}
    unref() {}
    hasRef() { return false; }
    // `using immediate = setImmediate(...)` clears it at the end of the block.
    [SymbolDispose]() { clearImmediate(this); }
  }
  ObjectDefineProperty(Immediate.prototype, SymbolToStringTag, {
    __proto__: null, value: 'Immediate', configurable: true,
  });
  const timerOf = Immediate.timerOf;
  delete Immediate.timerOf;

  function parameterError(method, type) {
    return new TypeError(
      `Failed to execute '${method}' on 'ServiceWorkerGlobalScope': parameter 1 is not of type '${type}'.`);
  }

  const { setImmediate, clearImmediate } = {
    setImmediate(callback = undefined) {
      if (typeof callback !== 'function') throw parameterError('setImmediate', 'function');
      const call = [callback, 0];
      for (let index = 1; index < arguments.length; index++) call[index + 1] = arguments[index];
      return new Immediate(token, ReflectApply(internals.setTimeout, undefined, call));
    },
    clearImmediate(immediate = undefined) {
      if (immediate === undefined) return;
      const timer = typeof immediate === 'object' && immediate !== null ? timerOf(immediate) : undefined;
      if (timer === undefined) throw parameterError('clearImmediate', 'Immediate');
      internals.clearTimeout(timer);
    },
  };
  internals.defineLazyGlobal('setImmediate', setImmediate);
  internals.defineLazyGlobal('clearImmediate', clearImmediate);
});
