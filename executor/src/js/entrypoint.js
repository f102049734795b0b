//# allFunctionsCalledOnLoad
// Calls the entrypoint the way Cloudflare's Worker Loader does, tracks its result, and turns
// the result into JSON text with a clear error for values JSON cannot hold.
(function (globalThis, host, internals) {
  'use strict';

  const internalError = internals.internalError;
  const reportError = internals.reportError;
  const FunctionPrototypeToString = Function.prototype.toString;
  const ObjectPrototypeToString = Object.prototype.toString;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectPrototype = Object.prototype;
  const ObjectKeys = Object.keys;
  const ArrayIsArray = Array.isArray;
  const JSONStringify = JSON.stringify;
  const ReflectApply = Reflect.apply;
  const ReflectOwnKeys = Reflect.ownKeys;
  const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
  const PromiseResolve = Promise.resolve.bind(Promise);
  const PromisePrototypeThen = Promise.prototype.then;
  const ArrayBufferIsView = ArrayBuffer.isView;

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
      const source = FunctionPrototypeToString.call(value);
      return source.startsWith('class') && (source[5] === ' ' || source[5] === '{');
    } catch {
      return false;
    }
  }

  // Names of the callable members of an entrypoint object or instance, own and inherited,
  // stopping at Object.prototype.
  function methodsOf(object) {
    const names = [];
    for (let current = object; current !== null && current !== ObjectPrototype;
      current = ObjectGetPrototypeOf(current)) {
      for (const key of ReflectOwnKeys(current)) {
        if (typeof key !== 'string' || key === 'constructor' || names.includes(key)) continue;
        const descriptor = ReflectGetOwnPropertyDescriptor(current, key);
        if (descriptor !== undefined && typeof descriptor.value === 'function') names.push(key);
      }
    }
    return names;
  }

  function exportNames(namespace) {
    return ObjectKeys(namespace);
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
          `${where} is a fetch handler; call it with --request`);
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
          `${where} is a fetch handler; call it with --request`);
      }
      return available[0];
    }
    if (available.length === 0) {
      throw internalError('no-methods', { where }, `${where} has no methods to call`);
    }
    throw internalError('ambiguous-method', { where, available },
      `${where} has several methods; choose one with --method`);
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
        return () => ReflectApply(target[method], target, [...args, env, ctx]);
      }
      return () => ReflectApply(target, undefined, [...args, env, ctx]);
    }
    if (target !== null && typeof target === 'object' && !ArrayIsArray(target)) {
      const name = chooseMethod(target, method, where);
      return () => ReflectApply(target[name], target, [...args, env, ctx]);
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

  function start(evaluation, namespace, entrypoint, method, args, env, request) {
    const ctx = {
      waitUntil(promise) {
        waiting++;
        PromisePrototypeThen.call(PromiseResolve(promise),
          () => { waiting--; },
          (error) => { waiting--; reportError(error); });
      },
      passThroughOnException() {},
      props: {},
    };
    fetchMode = request !== undefined;
    const call = PromisePrototypeThen.call(PromiseResolve(evaluation), () => {
      if (!fetchMode) return select(namespace, entrypoint, method, args, env, ctx)();
      const handler = selectFetch(namespace, entrypoint, internals.requestFromParts(request), env, ctx);
      return PromisePrototypeThen.call(PromiseResolve(handler()), async (response) => {
        const parts = await internals.responseParts(response);
        if (parts === null) {
          throw internalError('not-a-response', { type: describe(response) },
            `The fetch handler returned ${describe(response)}, not a Response`);
        }
        return parts;
      });
    });
    PromisePrototypeThen.call(call,
      (value) => { status = FULFILLED; outcome = value; },
      (error) => { status = REJECTED; outcome = error; });
  }

  const unrepresentable = (kind, hint) => ({ kind, hint });
  function why(value) {
    switch (typeof value) {
      case 'bigint': return unrepresentable('a BigInt', 'convert it with `String()` or `Number()`');
      case 'function': return unrepresentable('a function', 'return data, not code');
      case 'symbol': return unrepresentable('a symbol', 'use a string instead');
      case 'number': return unrepresentable(`${value}`, 'JSON has no NaN or Infinity; check the computation or return a string');
    }
    const tag = ObjectPrototypeToString.call(value).slice(8, -1);
    if (tag === 'Map') return unrepresentable('a Map', 'convert it with `Object.fromEntries(map)`');
    if (tag === 'Set') return unrepresentable('a Set', 'convert it with `[...set]`');
    if (tag === 'WeakMap' || tag === 'WeakSet' || tag === 'WeakRef') return unrepresentable(`a ${tag}`, 'return plain data');
    if (tag === 'Promise') return unrepresentable('a Promise', 'did you forget `await`?');
    if (tag === 'RegExp') return unrepresentable('a RegExp', 'return its `.source` string');
    if (tag === 'Error' || value instanceof Error) return unrepresentable('an Error object', 'throw it, or return its `.message`');
    if (ArrayBufferIsView(value) || tag === 'ArrayBuffer' || tag === 'SharedArrayBuffer') {
      return unrepresentable(`a ${tag}`, 'convert it with `Array.from()` or encode it as base64');
    }
    return null;
  }

  // `result.items[2]["odd key"]` for the keys from the root to a value; built only for errors.
  function formatPath(keys) {
    let path = 'result';
    for (const key of keys) {
      if (typeof key === 'number') path += `[${key}]`;
      else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) path += `.${key}`;
      else path += `[${JSONStringify(key)}]`;
    }
    return path;
  }

  function notSerializable(keys, kind, hint) {
    const path = formatPath(keys);
    return internalError('not-serializable', { path, value: kind, hint },
      `The result cannot be turned into JSON: \`${path}\` is ${kind}`);
  }

  // A copy of `value` made only of what JSON holds, after `toJSON`, or an internal error that
  // names the path of the first value that JSON cannot hold. `keys` and `ancestors` are the
  // path from the root and the objects along it.
  function toPlain(value, key, keys, ancestors) {
    if (value !== null && (typeof value === 'object' || typeof value === 'bigint') &&
        typeof value.toJSON === 'function') {
      value = value.toJSON(String(key));
    }
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      if (value === value && value !== Infinity && value !== -Infinity) return value;
    } else if (typeof value === 'object') {
      const tag = ObjectPrototypeToString.call(value);
      if (tag === '[object Number]' || tag === '[object String]' || tag === '[object Boolean]') {
        return toPlain(value.valueOf(), key, keys, ancestors);
      }
      if (why(value) === null) {
        const ancestor = ancestors.indexOf(value);
        if (ancestor !== -1) {
          throw notSerializable(keys, 'a cycle', `it refers back to \`${formatPath(keys.slice(0, ancestor))}\``);
        }
        ancestors.push(value);
        try {
          if (ArrayIsArray(value)) {
            const copy = [];
            for (let index = 0; index < value.length; index++) {
              keys.push(index);
              const item = toPlain(value[index], index, keys, ancestors);
              keys.pop();
              copy.push(item === undefined ? null : item);
            }
            return copy;
          }
          const copy = {};
          for (const name of ObjectKeys(value)) {
            keys.push(name);
            const item = toPlain(value[name], name, keys, ancestors);
            keys.pop();
            if (item !== undefined) copy[name] = item;
          }
          return copy;
        } finally {
          ancestors.pop();
        }
      }
    } else if (typeof value === 'undefined') {
      return undefined;
    }
    const reason = why(value);
    throw notSerializable(keys, reason.kind, reason.hint);
  }

  function serialize(value) {
    if (value === undefined) return undefined;
    let plain;
    try {
      plain = toPlain(value, '', [], []);
    } catch (error) {
      if (error instanceof RangeError) {
        throw internalError('not-serializable', { path: 'result', value: 'nested too deeply', hint: 'return a flatter value' },
          'The result cannot be turned into JSON: it is nested too deeply');
      }
      throw error;
    }
    return plain === undefined ? undefined : JSONStringify(plain);
  }

  // What the host's event loop asks after each turn: 0 keep going, 1 done (settled, and no
  // `waitUntil` pending), 2 an error was reported (take it with `takeReportedError`).
  function poll() {
    if (internals.hasReportedError()) return 2;
    return status !== PENDING && waiting === 0 ? 1 : 0;
  }

  // The outcome once settled: `[1, json or undefined]`, `[2, reason]`, or for a fetch
  // handler `[3, [status, statusText, [name, value, ...], bytes]]`.
  function finish() {
    if (status === REJECTED) return [REJECTED, outcome];
    return fetchMode ? [3, outcome] : [FULFILLED, serialize(outcome)];
  }

  internals.start = start;
  internals.status = () => status;
  internals.poll = poll;
  internals.finish = finish;
});
