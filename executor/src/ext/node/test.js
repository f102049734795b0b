//# allFunctionsCalledOnLoad
// `node:test`, as workerd has it: the mocking half only (`mock`, `MockTracker`,
// `MockFunctionContext`): functions that record their calls, and methods, getters and
// setters replaced until restored. There is no test runner.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    ArrayPrototypePush, ArrayPrototypeSlice, Error, ObjectDefineProperty, ObjectGetOwnPropertyDescriptor,
    ObjectGetPrototypeOf, ReflectApply, ReflectConstruct, safeArray,
  } = primordials;
  const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE }, validateFunction, validateObject } =
    internals.nodeModule('internal/errors');

  class MockFunctionContext {
    #calls = safeArray();
    #implementation;
    #onceImplementations = { __proto__: null };
    #restore;
    #times;

    constructor(implementation, restore, times) {
      this.#implementation = implementation;
      this.#restore = restore;
      this.#times = times;
    }

    get calls() {
      return ArrayPrototypeSlice(this.#calls, 0);
    }

    callCount() {
      return this.#calls.length;
    }

    mockImplementation(implementation) {
      validateFunction(implementation, 'implementation');
      this.#implementation = implementation;
    }

    mockImplementationOnce(implementation, onCall = undefined) {
      validateFunction(implementation, 'implementation');
      const call = onCall === undefined ? this.#calls.length : onCall;
      this.#onceImplementations[call] = implementation;
    }

    resetCalls() {
      this.#calls = safeArray();
    }

    restore() {
      if (this.#restore !== undefined) this.#restore();
    }

    // The implementation for the next call (a one-time one if set), and its record.
    static next(context) {
      const call = context.#calls.length;
      const once = context.#onceImplementations[call];
      if (once !== undefined) {
        delete context.#onceImplementations[call];
        return once;
      }
      if (context.#times !== undefined && call >= context.#times && context.#restore !== undefined) {
        return undefined;
      }
      return context.#implementation;
    }

    static record(context, entry) {
      ArrayPrototypePush(context.#calls, entry);
    }
  }

  const next = MockFunctionContext.next;
  const record = MockFunctionContext.record;
  delete MockFunctionContext.next;
  delete MockFunctionContext.record;

  // A function that calls `implementation` (or `original` once `times` calls are used up) and
  // records each call.
  function mockFunction(original, implementation, restore, times) {
    const context = new MockFunctionContext(implementation, restore, times);
    const mocked = function (...args) {
      const chosen = next(context) || original;
      const entry = { arguments: args, error: undefined, result: undefined, stack: new Error(), target: new.target, this: this };
      try {
        entry.result = new.target === undefined
          ? ReflectApply(chosen, this, args)
          : ReflectConstruct(chosen, args, new.target);
      } catch (error) {
        entry.error = error;
        record(context, entry);
        throw error;
      }
      record(context, entry);
      return entry.result;
    };
    ObjectDefineProperty(mocked, 'mock', { __proto__: null, value: context, enumerable: false, configurable: false });
    ObjectDefineProperty(mocked, 'name', { __proto__: null, value: original.name, configurable: true });
    ObjectDefineProperty(mocked, 'length', { __proto__: null, value: original.length, configurable: true });
    return mocked;
  }

  function timesOf(options) {
    if (options === undefined || options === null) return undefined;
    validateObject(options, 'options');
    const times = options.times;
    if (times === undefined) return undefined;
    if (typeof times !== 'number' || times < 1 || times !== (times | 0)) {
      throw new ERR_INVALID_ARG_VALUE('options.times', times, 'must be a positive integer');
    }
    return times;
  }

  class MockTracker {
    #mocks = safeArray();

    fn(original = function () {}, implementation = original, options = undefined) {
      if (original !== null && typeof original === 'object') {
        options = original;
        original = function () {};
        implementation = original;
      } else if (implementation !== null && typeof implementation === 'object') {
        options = implementation;
        implementation = original;
      }
      validateFunction(original, 'original');
      validateFunction(implementation, 'implementation');
      const mocked = mockFunction(original, implementation, undefined, timesOf(options));
      ArrayPrototypePush(this.#mocks, mocked.mock);
      return mocked;
    }

    method(object, methodName, implementation = undefined, options = undefined) {
      if (object === null || (typeof object !== 'object' && typeof object !== 'function')) {
        throw new ERR_INVALID_ARG_TYPE('object', 'object', object);
      }
      if (implementation !== null && typeof implementation === 'object') {
        options = implementation;
        implementation = undefined;
      }
      const getter = options != null && options.getter === true;
      const setter = options != null && options.setter === true;
      if (getter && setter) throw new ERR_INVALID_ARG_VALUE('options.setter', setter, "cannot be used with 'options.getter'");
      // The descriptor, found on the object or its prototype chain.
      let descriptor;
      for (let holder = object; holder !== null && descriptor === undefined; holder = ObjectGetPrototypeOf(holder)) {
        descriptor = ObjectGetOwnPropertyDescriptor(holder, methodName);
      }
      const original = descriptor === undefined ? undefined : getter ? descriptor.get : setter ? descriptor.set : descriptor.value;
      if (typeof original !== 'function') {
        throw new ERR_INVALID_ARG_VALUE('methodName', original, 'must be a method');
      }
      if (implementation === undefined) implementation = original;
      validateFunction(implementation, 'implementation');
      const own = ObjectGetOwnPropertyDescriptor(object, methodName);
      const restore = () => {
        if (own === undefined) delete object[methodName];
        else ObjectDefineProperty(object, methodName, own);
      };
      const mocked = mockFunction(original, implementation, restore, timesOf(options));
      const replacement = { __proto__: null, configurable: descriptor.configurable, enumerable: descriptor.enumerable };
      if (getter) {
        replacement.get = mocked;
        replacement.set = descriptor.set;
      } else if (setter) {
        replacement.get = descriptor.get;
        replacement.set = mocked;
      } else {
        replacement.value = mocked;
        replacement.writable = descriptor.writable;
      }
      ObjectDefineProperty(object, methodName, replacement);
      ArrayPrototypePush(this.#mocks, mocked.mock);
      return mocked;
    }

    getter(object, methodName, implementation = undefined, options = undefined) {
      if (implementation !== null && typeof implementation === 'object') {
        options = implementation;
        implementation = undefined;
      }
      return this.method(object, methodName, implementation, { __proto__: null, ...options, getter: true });
    }

    setter(object, methodName, implementation = undefined, options = undefined) {
      if (implementation !== null && typeof implementation === 'object') {
        options = implementation;
        implementation = undefined;
      }
      return this.method(object, methodName, implementation, { __proto__: null, ...options, setter: true });
    }

    property(object, propertyName, value = undefined) {
      const own = ObjectGetOwnPropertyDescriptor(object, propertyName);
      const original = object[propertyName];
      let current = arguments.length > 2 ? value : original;
      const accesses = safeArray();
      const restore = () => {
        if (own === undefined) delete object[propertyName];
        else ObjectDefineProperty(object, propertyName, own);
      };
      const context = {
        get accesses() { return ArrayPrototypeSlice(accesses, 0); },
        accessCount() { return accesses.length; },
        mockImplementation(next) { current = next; },
        resetAccesses() { accesses.length = 0; },
        restore,
      };
      ObjectDefineProperty(object, propertyName, {
        __proto__: null,
        configurable: true,
        enumerable: own === undefined ? true : own.enumerable,
        get() {
          ArrayPrototypePush(accesses, { type: 'get', value: current, stack: new Error() });
          return current;
        },
        set(next) {
          ArrayPrototypePush(accesses, { type: 'set', value: next, stack: new Error() });
          current = next;
        },
      });
      ArrayPrototypePush(this.#mocks, context);
      return object;
    }

    reset() {
      this.restoreAll();
      this.#mocks = safeArray();
    }

    restoreAll() {
      for (let index = 0; index < this.#mocks.length; index++) this.#mocks[index].restore();
    }
  }

  return { MockFunctionContext, MockTracker, mock: new MockTracker() };
});
