// `node:async_hooks`, as workerd has it: AsyncLocalStorage and AsyncResource carry a store
// across awaits, promise reactions, timers, microtasks, immediates and nextTick. The current
// async context is V8's continuation-preserved embedder data (`host.asyncContextGet/Set`):
// V8 saves it when a promise reaction is created and restores it while the reaction runs;
// the timers save and restore it too (`timers/timers.js`). A context is a map from
// each AsyncLocalStorage to its store, never changed once made, so a saved one stays valid.
// workerd has no async hooks: `createHook` returns a hook whose `enable`/`disable` do nothing,
// the ids are 0, and `enterWith`/`disable` throw, as there.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    Error, Map, MapPrototypeForEach, MapPrototypeGet, MapPrototypeHas, MapPrototypeSet,
    ObjectCreate, ObjectDefineProperty, ReflectApply, String, safeArray,
  } = primordials;
  const { validateFunction, validateString, validateObject } =
    internals.nodeModule('internal/errors');
  const asyncContextGet = host.asyncContextGet;
  const asyncContextSet = host.asyncContextSet;

  // The context's map, or undefined for the empty context.
  function currentMap() {
    const context = asyncContextGet();
    return context instanceof Map ? context : undefined;
  }
  // A new context: the current one with `storage` set to `store`.
  function contextWith(storage, store) {
    const map = new Map();
    const current = currentMap();
    if (current !== undefined) MapPrototypeForEach(current, (value, key) => { MapPrototypeSet(map, key, value); });
    MapPrototypeSet(map, storage, store);
    return map;
  }
  function runIn(context, fn, thisArg, args) {
    const outer = asyncContextGet();
    asyncContextSet(context);
    try {
      return ReflectApply(fn, thisArg, args);
    } finally {
      asyncContextSet(outer);
    }
  }
  function restArguments(args, from) {
    const rest = safeArray();
    for (let index = from; index < args.length; index++) rest[index - from] = args[index];
    return rest;
  }
  function notImplemented(name) {
    return new Error(`asyncLocalStorage.${name}() is not implemented`);
  }

  class AsyncLocalStorage {
    #name;
    #defaultValue;
    constructor(options = undefined) {
      let name = '';
      if (options !== undefined) {
        validateObject(options, 'options');
        if (options.name !== undefined) name = String(options.name);
        this.#defaultValue = options.defaultValue;
      }
      this.#name = name;
    }
    static bind(fn) {
      validateFunction(fn, 'fn');
      const context = asyncContextGet();
      return function bound(...args) { return runIn(context, fn, this, args); };
    }
    static snapshot() {
      const context = asyncContextGet();
      return function runInAsyncScope(fn) {
        validateFunction(fn, 'fn');
        return runIn(context, fn, undefined, restArguments(arguments, 1));
      };
    }
    run(store, fn) {
      validateFunction(fn, 'callback');
      return runIn(contextWith(this, store), fn, undefined, restArguments(arguments, 2));
    }
    // The store is undefined while `fn` runs (not the default value).
    exit(fn) {
      validateFunction(fn, 'callback');
      return runIn(contextWith(this, undefined), fn, undefined, restArguments(arguments, 1));
    }
    getStore() {
      const map = currentMap();
      return map !== undefined && MapPrototypeHas(map, this) ? MapPrototypeGet(map, this) : this.#defaultValue;
    }
    enterWith() { throw notImplemented('enterWith'); }
    disable() { throw notImplemented('disable'); }
    get name() { return this.#name; }
  }

  let nextAsyncId = 0;
  class AsyncResource {
    #context;
    constructor(type, options = undefined) {
      validateString(type, 'type');
      this.#context = asyncContextGet();
    }
    asyncId() { return nextAsyncId; }
    triggerAsyncId() { return nextAsyncId; }
    bind(fn, thisArg = undefined) {
      validateFunction(fn, 'fn');
      const context = this.#context;
      const bound = thisArg === undefined
        ? function (...args) { return runIn(context, fn, this, args); }
        : function (...args) { return runIn(context, fn, thisArg, args); };
      ObjectDefineProperty(bound, 'length', { __proto__: null, value: fn.length, configurable: true });
      ObjectDefineProperty(bound, 'asyncResource', {
        __proto__: null, value: this, enumerable: true, configurable: true, writable: true,
      });
      return bound;
    }
    runInAsyncScope(fn, thisArg = undefined) {
      validateFunction(fn, 'fn');
      return runIn(this.#context, fn, thisArg, restArguments(arguments, 2));
    }
    emitDestroy() { return this; }
    static bind(fn, type = undefined, thisArg = undefined) {
      validateFunction(fn, 'fn');
      return new AsyncResource(type === undefined ? (fn.name || 'bound-anonymous-fn') : type).bind(fn, thisArg);
    }
  }

  class AsyncHook {
    enable() { return this; }
    disable() { return this; }
  }

  // The provider names of Node.js's AsyncWrap, all 0: workerd has none of them.
  const PROVIDERS = [
    'NONE', 'DIRHANDLE', 'DNSCHANNEL', 'ELDHISTOGRAM', 'FILEHANDLE', 'FILEHANDLECLOSEREQ', 'BLOBREADER',
    'FSEVENTWRAP', 'FSREQCALLBACK', 'FSREQPROMISE', 'GETADDRINFOREQWRAP', 'GETNAMEINFOREQWRAP', 'HEAPSNAPSHOT',
    'HTTP2SESSION', 'HTTP2STREAM', 'HTTP2PING', 'HTTP2SETTINGS', 'HTTPINCOMINGMESSAGE', 'HTTPCLIENTREQUEST', 'LOCKS',
    'JSSTREAM', 'JSUDPWRAP', 'MESSAGEPORT', 'PIPECONNECTWRAP', 'PIPESERVERWRAP', 'PIPEWRAP', 'PROCESSWRAP', 'PROMISE',
    'QUERYWRAP', 'QUIC_ENDPOINT', 'QUIC_LOGSTREAM', 'QUIC_SESSION', 'QUIC_STREAM', 'QUIC_UDP', 'SHUTDOWNWRAP',
    'SIGNALWRAP', 'STATWATCHER', 'STREAMPIPE', 'TCPCONNECTWRAP', 'TCPSERVERWRAP', 'TCPWRAP', 'TTYWRAP', 'UDPSENDWRAP',
    'UDPWRAP', 'SIGINTWATCHDOG', 'WORKER', 'WORKERCPUPROFILE', 'WORKERCPUUSAGE', 'WORKERHEAPPROFILE',
    'WORKERHEAPSNAPSHOT', 'WORKERHEAPSTATISTICS', 'WRITEWRAP', 'ZLIB', 'CHECKPRIMEREQUEST', 'PBKDF2REQUEST',
    'KEYPAIRGENREQUEST', 'KEYGENREQUEST', 'KEYEXPORTREQUEST', 'ARGON2REQUEST', 'CIPHERREQUEST', 'DERIVEBITSREQUEST',
    'HASHREQUEST', 'RANDOMBYTESREQUEST', 'RANDOMPRIMEREQUEST', 'SCRYPTREQUEST', 'SIGNREQUEST', 'TLSWRAP',
    'VERIFYREQUEST', 'QUIC_PACKET',
  ];
  const asyncWrapProviders = {};
  for (let index = 0; index < PROVIDERS.length; index++) asyncWrapProviders[PROVIDERS[index]] = 0;

  return {
    AsyncLocalStorage,
    AsyncResource,
    asyncWrapProviders,
    createHook() { return new AsyncHook(); },
    executionAsyncId() { return 0; },
    executionAsyncResource() { return ObjectCreate(null); },
    triggerAsyncId() { return 0; },
  };
});
