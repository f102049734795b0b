// `internal/streams/operators`: the iterator helpers of a Readable (`map`, `filter`,
// `flatMap`, `drop`, `take`, `asIndexedPairs`, which return Readables, and `forEach`,
// `toArray`, `reduce`, `some`, `every`, `find`, which return promises), with `concurrency`
// and `signal` as in Node.js.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayPrototypePush, ArrayPrototypeShift, MathFloor, Number, NumberIsNaN, Promise, PromisePrototypeThen,
    PromiseReject, PromiseResolve, ReflectApply, Symbol,
  } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const { AbortError, validateAbortSignal, validateFunction, validateInteger, validateObject } = errors;
  const { ERR_INVALID_ARG_TYPE, ERR_MISSING_ARGS, ERR_OUT_OF_RANGE } = errors.codes;

  const kEmpty = Symbol('kEmpty');
  const kEof = Symbol('kEof');

  function validateOptions(options) {
    if (options !== undefined && options !== null) validateObject(options, 'options');
    if (options && options.signal !== undefined && options.signal !== null) {
      validateAbortSignal(options.signal, 'options.signal');
    }
  }
  function aborted(options) {
    return !!(options && options.signal && options.signal.aborted);
  }

  function map(fn, options) {
    if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE('fn', ['Function', 'AsyncFunction'], fn);
    validateOptions(options);
    let concurrency = 1;
    if (options && options.concurrency !== undefined && options.concurrency !== null) {
      concurrency = MathFloor(options.concurrency);
    }
    validateInteger(concurrency, 'concurrency', 1);
    return ReflectApply(async function* map() {
      const signal = internals.createAbortSignal();
      const outer = options && options.signal;
      const abort = () => internals.signalAbort(signal);
      if (outer) {
        if (outer.aborted) abort();
        else outer.addEventListener('abort', abort, { __proto__: null, once: true });
      }
      const stream = this;
      const queue = [];
      const signalOpt = { signal };
      let next;
      let resume;
      let done = false;
      function onDone() {
        done = true;
      }
      async function pump() {
        try {
          for await (let value of stream) {
            if (done) return;
            if (signal.aborted) throw new AbortError();
            try {
              value = fn(value, signalOpt);
            } catch (err) {
              value = PromiseReject(err);
            }
            if (value === kEmpty) continue;
            if (value && typeof value.then === 'function') PromisePrototypeThen(PromiseResolve(value), undefined, onDone);
            ArrayPrototypePush(queue, value);
            if (next) {
              next();
              next = null;
            }
            if (!done && queue.length && queue.length >= concurrency) {
              await new Promise((resolve) => { resume = resolve; });
            }
          }
          ArrayPrototypePush(queue, kEof);
        } catch (err) {
          const value = PromiseReject(err);
          PromisePrototypeThen(value, undefined, onDone);
          ArrayPrototypePush(queue, value);
        } finally {
          done = true;
          if (next) {
            next();
            next = null;
          }
          if (outer) outer.removeEventListener('abort', abort);
        }
      }
      pump();
      try {
        while (true) {
          while (queue.length > 0) {
            const value = await queue[0];
            if (value === kEof) return;
            if (signal.aborted) throw new AbortError();
            if (value !== kEmpty) yield value;
            ArrayPrototypeShift(queue);
            if (resume) {
              resume();
              resume = null;
            }
          }
          await new Promise((resolve) => { next = resolve; });
        }
      } finally {
        abort();
        done = true;
        if (resume) {
          resume();
          resume = null;
        }
      }
    }, this, []);
  }

  function asIndexedPairs(options = undefined) {
    validateOptions(options);
    return ReflectApply(async function* asIndexedPairs() {
      let index = 0;
      for await (const value of this) {
        if (aborted(options)) throw new AbortError(undefined, { cause: options.signal.reason });
        yield [index++, value];
      }
    }, this, []);
  }

  async function some(fn, options = undefined) {
    for await (const unused of ReflectApply(filter, this, [fn, options])) return true; // eslint-disable-line no-unused-vars
    return false;
  }
  async function every(fn, options = undefined) {
    if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE('fn', ['Function', 'AsyncFunction'], fn);
    return !(await ReflectApply(some, this, [async (...args) => !(await ReflectApply(fn, undefined, args)), options]));
  }
  async function find(fn, options) {
    for await (const result of ReflectApply(filter, this, [fn, options])) return result;
    return undefined;
  }
  async function forEach(fn, options) {
    if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE('fn', ['Function', 'AsyncFunction'], fn);
    async function forEachFn(value, opts) {
      await fn(value, opts);
      return kEmpty;
    }
    for await (const unused of ReflectApply(map, this, [forEachFn, options])); // eslint-disable-line no-unused-vars
  }
  function filter(fn, options) {
    if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE('fn', ['Function', 'AsyncFunction'], fn);
    async function filterFn(value, opts) {
      if (await fn(value, opts)) return value;
      return kEmpty;
    }
    return ReflectApply(map, this, [filterFn, options]);
  }

  async function reduce(reducer, initialValue, options) {
    if (typeof reducer !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('reducer', ['Function', 'AsyncFunction'], reducer);
    }
    validateOptions(options);
    let hasInitialValue = arguments.length > 1;
    if (aborted(options)) {
      const err = new AbortError(undefined, { cause: options.signal.reason });
      this.once('error', () => {});
      await internals.nodeModule('internal/streams/end-of-stream').finished(this.destroy(err));
      throw err;
    }
    const signal = internals.createAbortSignal();
    const outer = options && options.signal;
    const abort = () => internals.signalAbort(signal);
    if (outer) outer.addEventListener('abort', abort, { __proto__: null, once: true });
    let gotAnyItemFromStream = false;
    try {
      for await (const value of this) {
        gotAnyItemFromStream = true;
        if (aborted(options)) throw new AbortError();
        if (!hasInitialValue) {
          initialValue = value;
          hasInitialValue = true;
        } else {
          initialValue = await reducer(initialValue, value, { signal });
        }
      }
      if (!gotAnyItemFromStream && !hasInitialValue) {
        const err = new ERR_MISSING_ARGS('reduce');
        err.message = 'Reduce of an empty stream requires an initial value';
        throw err;
      }
    } finally {
      abort();
      if (outer) outer.removeEventListener('abort', abort);
    }
    return initialValue;
  }

  async function toArray(options) {
    validateOptions(options);
    const result = [];
    for await (const value of this) {
      if (aborted(options)) throw new AbortError(undefined, { cause: options.signal.reason });
      ArrayPrototypePush(result, value);
    }
    return result;
  }

  function flatMap(fn, options) {
    const values = ReflectApply(map, this, [fn, options]);
    return ReflectApply(async function* flatMap() {
      for await (const value of values) yield* value;
    }, this, []);
  }

  function toIntegerOrInfinity(number) {
    number = Number(number);
    if (NumberIsNaN(number)) return 0;
    if (number < 0) throw new ERR_OUT_OF_RANGE('number', '>= 0', number);
    return number;
  }
  function drop(number, options = undefined) {
    validateOptions(options);
    number = toIntegerOrInfinity(number);
    return ReflectApply(async function* drop() {
      if (aborted(options)) throw new AbortError();
      for await (const value of this) {
        if (aborted(options)) throw new AbortError();
        if (number-- <= 0) yield value;
      }
    }, this, []);
  }
  function take(number, options = undefined) {
    validateOptions(options);
    number = toIntegerOrInfinity(number);
    return ReflectApply(async function* take() {
      if (aborted(options)) throw new AbortError();
      for await (const value of this) {
        if (aborted(options)) throw new AbortError();
        if (number-- > 0) yield value;
        if (number <= 0) return;
      }
    }, this, []);
  }

  return {
    streamReturning: { asIndexedPairs, drop, filter, flatMap, map, take },
    promiseReturning: { every, forEach, reduce, toArray, some, find },
  };
});
