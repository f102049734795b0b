//# allFunctionsCalledOnLoad
// Calls the entrypoint the way Cloudflare's Worker Loader does and tracks its result; the
// host turns the result into JSON (`entrypoint/serialize.rs`). Only primordials are used, so code that
// replaced a builtin is called as it would be without.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const promiseState = host.promiseState;
  const startupEnded = host.startupEnded;
  const reportError = internals.reportError;
  const {
    FunctionPrototypeToString, ObjectGetPrototypeOf, ObjectPrototype, ObjectKeys, ObjectSetPrototypeOf,
    ArrayIsArray, ArrayPrototypeIncludes, ArrayPrototypePush, ReflectApply, ReflectOwnKeys,
    ReflectGetOwnPropertyDescriptor, PromiseResolve, PromisePrototypeThen, StringPrototypeStartsWith,
    safeArray, TypeError, JSONStringify, ObjectDefineProperty, Symbol, ArrayPrototype, BooleanPrototype, DatePrototype,
    ErrorPrototype, NumberPrototype, StringPrototype, WeakRefPrototype,
  } = primordials;

  // Errors that the runtime raises about the *invocation* (no such method, a result that
  // JSON cannot hold) rather than about the user's code. The crate reads `kind` and
  // `detail` through `internals.classifyError`, never their message.
  const internalErrorTag = Symbol('sandbox.internalError');
  function internalError(kind, detail, message) {
    const error = new TypeError(message);
    ObjectDefineProperty(error, internalErrorTag, { __proto__: null, value: { __proto__: null, kind, detail } });
    return error;
  }
  function classifyError(error) {
    if (error !== null && typeof error === 'object' && internalErrorTag in error) {
      const { kind, detail } = error[internalErrorTag];
      return JSONStringify({ __proto__: null, kind, ...detail });
    }
    return undefined;
  }

  class WorkerEntrypoint {
    constructor(ctx, env) {
      this.ctx = ctx;
      this.env = env;
    }
  }
  class RpcTarget {}
  internals.cloudflareWorkers = { WorkerEntrypoint, RpcTarget };

  // A class's `prototype` cannot be rewritten; a plain function's can, and arrows and methods
  // have none. Only then is the source text consulted (no regular expression: compiling one
  // is work that every fresh isolate would repeat).
  function isClass(value) {
    const descriptor = ReflectGetOwnPropertyDescriptor(value, 'prototype');
    if (descriptor === undefined || descriptor.writable) return false;
    try {
      const source = FunctionPrototypeToString(value);
      return StringPrototypeStartsWith(source, 'class') && (source[5] === ' ' || source[5] === '{');
    } catch {
      return false;
    }
  }

  // Names of the callable members of an entrypoint object or instance, own and inherited,
  // stopping at Object.prototype.
  function methodsOf(object) {
    const names = safeArray();
    for (let current = object; current !== null && current !== ObjectPrototype;
      current = ObjectGetPrototypeOf(current)) {
      const keys = ReflectOwnKeys(current);
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index];
        if (typeof key !== 'string' || key === 'constructor' || ArrayPrototypeIncludes(names, key)) continue;
        const descriptor = ReflectGetOwnPropertyDescriptor(current, key);
        if (descriptor !== undefined) ObjectSetPrototypeOf(descriptor, null);
        if (descriptor !== undefined && typeof descriptor.value === 'function') ArrayPrototypePush(names, key);
      }
    }
    return names;
  }

  function exportNames(namespace) {
    return ObjectSetPrototypeOf(ObjectKeys(namespace), null);
  }

  // `[...args, env, ctx]`, without an iterator.
  function callArguments(args, env, ctx) {
    const list = safeArray();
    for (let index = 0; index < args.length; index++) ArrayPrototypePush(list, args[index]);
    ArrayPrototypePush(list, env);
    ArrayPrototypePush(list, ctx);
    return list;
  }

  function describe(value) {
    if (value === null) return 'null';
    if (value === undefined) return 'undefined';
    if (ArrayIsArray(value)) return 'an array';
    return typeof value === 'object' ? 'an object without methods' : `a ${typeof value}`;
  }

  function chooseMethod(target, method, where) {
    const available = methodsOf(target);
    if (method !== undefined) {
      if (method === 'fetch' && typeof target.fetch === 'function') {
        throw internalError('fetch-handler', { where },
          `${where} is a \`fetch\` handler, which needs a request to handle`);
      }
      if (typeof target[method] !== 'function') {
        throw internalError('method-not-found', { method, where, available },
          `${where} has no method \`${method}\``);
      }
      return method;
    }
    if (available.length === 1) {
      if (available[0] === 'fetch') {
        throw internalError('fetch-handler', { where },
          `${where} is a \`fetch\` handler, which needs a request to handle`);
      }
      return available[0];
    }
    if (available.length === 0) {
      throw internalError('no-methods', { where }, `${where} has no methods to call`);
    }
    throw internalError('ambiguous-method', { where, available },
      `${where} has several methods`);
  }

  // Returns a function that performs the call, or throws an internal error that says why
  // the entrypoint cannot be called.
  function select(namespace, entrypoint, method, args, env, ctx) {
    let target;
    let where;
    if (entrypoint !== undefined) {
      where = `The export \`${entrypoint}\``;
      if (!(entrypoint in namespace)) {
        throw internalError('entrypoint-not-found', { entrypoint, available: exportNames(namespace) },
          `The module has no export named \`${entrypoint}\``);
      }
      target = namespace[entrypoint];
    } else {
      where = 'The default export';
      if (!('default' in namespace) || namespace.default === undefined) {
        throw internalError('no-default-export', { available: exportNames(namespace) },
          'The module has no default export');
      }
      target = namespace.default;
    }

    if (typeof target === 'function' && isClass(target)) {
      const instance = new target(ctx, env);
      if (instance.env === undefined) instance.env = env;
      if (instance.ctx === undefined) instance.ctx = ctx;
      const name = chooseMethod(instance, method, where);
      return () => ReflectApply(instance[name], instance, args);
    }
    if (typeof target === 'function') {
      if (method !== undefined) {
        if (typeof target[method] !== 'function') {
          throw internalError('method-not-found', { method, where, available: methodsOf(target) },
            `${where} is a function and has no method \`${method}\``);
        }
        return () => ReflectApply(target[method], target, callArguments(args, env, ctx));
      }
      return () => ReflectApply(target, undefined, callArguments(args, env, ctx));
    }
    if (target !== null && typeof target === 'object' && !ArrayIsArray(target)) {
      const name = chooseMethod(target, method, where);
      return () => ReflectApply(target[name], target, callArguments(args, env, ctx));
    }
    throw internalError('not-callable', { where, type: describe(target) },
      `${where} is ${describe(target)}, not a function, an object with methods or a class`);
  }

  // A call of the target's fetch handler with `request`, or an internal error saying why
  // there is none.
  function selectFetch(namespace, entrypoint, request, env, ctx) {
    const where = entrypoint === undefined ? 'The default export' : `The export \`${entrypoint}\``;
    const target = entrypoint === undefined ? namespace.default : namespace[entrypoint];
    if (entrypoint !== undefined && !(entrypoint in namespace)) {
      throw internalError('entrypoint-not-found', { entrypoint, available: exportNames(namespace) },
        `The module has no export named \`${entrypoint}\``);
    }
    if (typeof target === 'function' && isClass(target)) {
      const instance = new target(ctx, env);
      if (instance.env === undefined) instance.env = env;
      if (instance.ctx === undefined) instance.ctx = ctx;
      if (typeof instance.fetch !== 'function') {
        throw internalError('no-fetch-handler', { where }, `${where} has no fetch handler`);
      }
      return () => ReflectApply(instance.fetch, instance, [request]);
    }
    if (target !== null && typeof target === 'object' && typeof target.fetch === 'function') {
      return () => ReflectApply(target.fetch, target, [request, env, ctx]);
    }
    throw internalError('no-fetch-handler', { where }, `${where} has no fetch handler`);
  }

  const PENDING = 0, FULFILLED = 1, REJECTED = 2;
  let status = PENDING;
  let outcome;
  let waiting = 0;

  let fetchMode = false;

  // Calls `onValue` with `value` once it settles, as `await` would, or `onError`. A promise
  // of the runtime is followed with the original `then` (resolving a promise with it would
  // call `Promise.prototype.then`, which the code may have replaced); a thenable of the
  // code's own is the code's business.
  function follow(value, onValue, onError) {
    if (promiseState(value) !== undefined) PromisePrototypeThen(value, onValue, onError);
    else PromisePrototypeThen(PromiseResolve(value), onValue, onError);
  }

  function start(evaluation, namespace, entrypoint, method, args, env, request) {
    const ctx = {
      waitUntil(promise) {
        waiting++;
        follow(promise,
          () => { waiting--; },
          (error) => { waiting--; reportError(error); });
      },
      passThroughOnException() {},
      props: {},
    };
    fetchMode = request !== undefined;
    const settle = (value) => { status = FULFILLED; outcome = value; };
    const fail = (error) => { status = REJECTED; outcome = error; };
    follow(evaluation, () => {
      // The top level has been evaluated: from here on `eval` is refused, as in workerd.
      startupEnded();
      try {
        if (!fetchMode) {
          follow(select(namespace, entrypoint, method, args, env, ctx)(), settle, fail);
          return;
        }
        const handler = selectFetch(namespace, entrypoint, internals.requestFromParts(request), env, ctx);
        follow(handler(), (response) => {
          try {
            follow(internals.responseParts(response), (parts) => {
              if (parts !== null) return settle(parts);
              fail(internalError('not-a-response', { type: describe(response) },
                `The fetch handler returned ${describe(response)}, not a Response`));
            }, fail);
          } catch (error) {
            fail(error);
          }
        }, fail);
      } catch (error) {
        fail(error);
      }
    }, fail);
  }

  // What the host's event loop asks after each turn: 0 keep going, 1 done (settled, and no
  // `waitUntil` pending), 2 an error was reported (take it with `takeReportedError`).
  function poll() {
    if (internals.hasReportedError()) return 2;
    return status !== PENDING && waiting === 0 ? 1 : 0;
  }

  // The outcome once settled: `[1, value]` (which the host turns into JSON), `[2, reason]`,
  // or for a fetch handler `[3, [status, statusText, [name, value, ...], bytes]]`.
  function finish() {
    if (status === REJECTED) return [REJECTED, outcome];
    return fetchMode ? [3, outcome] : [FULFILLED, outcome];
  }

  // The originals the host's serialisation of the result uses (`entrypoint/serialize.rs`), in this order.
  internals.resultIntrinsics = [DatePrototype.toJSON, DatePrototype.toISOString, ErrorPrototype, WeakRefPrototype,
    NumberPrototype.valueOf, StringPrototype.valueOf, BooleanPrototype.valueOf, ArrayPrototype, ObjectPrototype];

  internals.classifyError = classifyError;
  internals.start = start;
  internals.status = () => status;
  internals.poll = poll;
  internals.finish = finish;
});
