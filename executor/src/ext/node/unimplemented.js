//# allFunctionsCalledOnLoad
// The Node.js modules a sandbox cannot have (processes, threads, sockets, a debugger, V8's own
// controls): they import, as in workerd, and each function throws ERR_METHOD_NOT_IMPLEMENTED
// when called, each class when constructed. The values that describe the process (`isMainThread`)
// are what a single-threaded sandbox is.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const { ObjectDefineProperty, ObjectKeys, ObjectSetPrototypeOf, StringPrototypeCharCodeAt, SymbolFor } = primordials;
  const { codes: { ERR_METHOD_NOT_IMPLEMENTED } } = internals.nodeModule('internal/errors');

  // Per module: the functions and classes that throw, and the plain values.
  const MODULES = {
    __proto__: null,
    child_process: {
      throwing: ['ChildProcess', '_forkChild', 'exec', 'execFile', 'execFileSync', 'execSync', 'fork', 'spawn', 'spawnSync'],
      values: {},
    },
    cluster: {
      throwing: ['Worker', 'disconnect', 'fork', 'setupMaster', 'setupPrimary'],
      values: { isMaster: true, isPrimary: true, isWorker: false, SCHED_NONE: 1, SCHED_RR: 2, schedulingPolicy: 2, settings: {}, workers: {} },
    },
    dgram: { throwing: ['Socket', 'createSocket'], values: {} },
    inspector: {
      throwing: ['Session', 'close', 'open', 'url', 'waitForDebugger'],
      values: { console: {} },
    },
    net: {
      throwing: ['BlockList', 'Server', 'Socket', 'SocketAddress', 'Stream', 'connect', 'createConnection', 'createServer',
        'getDefaultAutoSelectFamily', 'getDefaultAutoSelectFamilyAttemptTimeout', 'setDefaultAutoSelectFamily',
        'setDefaultAutoSelectFamilyAttemptTimeout'],
      values: {},
      net: true,
    },
    tls: {
      throwing: ['SecureContext', 'Server', 'TLSSocket', 'checkServerIdentity', 'connect', 'createSecureContext',
        'createServer', 'getCiphers'],
      values: { CLIENT_RENEG_LIMIT: 3, CLIENT_RENEG_WINDOW: 600, DEFAULT_CIPHERS: '', DEFAULT_ECDH_CURVE: 'auto',
        DEFAULT_MAX_VERSION: 'TLSv1.3', DEFAULT_MIN_VERSION: 'TLSv1.2', rootCertificates: [] },
    },
    v8: {
      throwing: ['DefaultDeserializer', 'DefaultSerializer', 'Deserializer', 'Serializer', 'cachedDataVersionTag',
        'deserialize', 'getHeapCodeStatistics', 'getHeapSnapshot', 'getHeapSpaceStatistics', 'getHeapStatistics',
        'serialize', 'setFlagsFromString', 'setHeapSnapshotNearHeapLimit', 'stopCoverage', 'takeCoverage',
        'writeHeapSnapshot'],
      values: {},
    },
    vm: {
      throwing: ['Script', 'compileFunction', 'createContext', 'isContext', 'measureMemory', 'runInContext',
        'runInNewContext', 'runInThisContext'],
      values: {},
    },
    worker_threads: {
      throwing: ['BroadcastChannel', 'Worker', 'getEnvironmentData', 'isMarkedAsUntransferable', 'markAsUncloneable',
        'markAsUntransferable', 'moveMessagePortToContext', 'postMessageToThread', 'receiveMessageOnPort',
        'setEnvironmentData'],
      values: {
        isMainThread: true, isInternalThread: false, parentPort: null, resourceLimits: {}, threadId: 0,
        workerData: null,
      },
      messages: true,
    },
  };

  // A class (a capitalised name) is a function with a `prototype`, so that `instanceof` it
  // answers `false` rather than throwing, and a subclass can be declared.
  function throwing(module, member) {
    const method = `${module}.${member}`;
    const code = StringPrototypeCharCodeAt(member, 0);
    const holder = code >= 65 && code <= 90 ? {
      [member]: function () {
        throw new ERR_METHOD_NOT_IMPLEMENTED(method);
      },
    } : {
      [member]() {
        throw new ERR_METHOD_NOT_IMPLEMENTED(method);
      },
    };
    const stub = holder[member];
    ObjectDefineProperty(stub, 'name', { __proto__: null, value: member, configurable: true });
    return stub;
  }

  MODULES['inspector/promises'] = MODULES.inspector;
  const spec = MODULES[name];
  const value = {};
  for (let index = 0; index < spec.throwing.length; index++) {
    const member = spec.throwing[index];
    value[member] = throwing(name, member);
  }
  const values = spec.values;
  const keys = ObjectKeys(values);
  for (let index = 0; index < keys.length; index++) value[keys[index]] = values[keys[index]];
  if (spec.messages === true) {
    // A thread's own message ports are the runtime's MessageChannel and MessagePort.
    internals.loadMessages();
    value.MessageChannel = internals.MessageChannel;
    value.MessagePort = internals.MessagePort;
    value.SHARE_ENV = SymbolFor('nodejs.worker_threads.SHARE_ENV');
  }
  if (spec.net === true) {
    // A socket is a Duplex stream (`tty`'s streams are sockets), and `Stream` is `Socket`'s
    // old name, as in Node.js and workerd.
    const { Duplex } = internals.nodeModule('stream');
    ObjectSetPrototypeOf(value.Socket.prototype, Duplex.prototype);
    ObjectSetPrototypeOf(value.Socket, Duplex);
    value.Stream = value.Socket;
    const { isIP, isIPv4, isIPv6 } = internals.nodeModule('internal/ip');
    value.isIP = isIP;
    value.isIPv4 = isIPv4;
    value.isIPv6 = isIPv6;
  }
  return value;
});
