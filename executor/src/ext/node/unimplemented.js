//# allFunctionsCalledOnLoad
// The Node.js modules a sandbox cannot have (processes, threads, sockets, a debugger, V8's own
// controls): they import, as in workerd, and each function throws ERR_METHOD_NOT_IMPLEMENTED
// when called, each class when constructed. The values that describe the process (`isMainThread`)
// are what a single-threaded sandbox is.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const { ObjectDefineProperty, ObjectKeys } = primordials;
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
      throwing: ['BroadcastChannel', 'Worker', 'getEnvironmentData', 'markAsUntransferable', 'moveMessagePortToContext',
        'receiveMessageOnPort', 'setEnvironmentData'],
      values: { isMainThread: true, parentPort: null, resourceLimits: {}, threadId: 0, workerData: null },
    },
  };

  function throwing(module, member) {
    const method = `${module}.${member}`;
    const holder = {
      [member]() {
        throw new ERR_METHOD_NOT_IMPLEMENTED(method);
      },
    };
    const stub = holder[member];
    ObjectDefineProperty(stub, 'name', { __proto__: null, value: member, configurable: true });
    return stub;
  }

  const spec = MODULES[name];
  const value = {};
  for (let index = 0; index < spec.throwing.length; index++) {
    const member = spec.throwing[index];
    value[member] = throwing(name, member);
  }
  const values = spec.values;
  const keys = ObjectKeys(values);
  for (let index = 0; index < keys.length; index++) value[keys[index]] = values[keys[index]];
  if (spec.net === true) {
    const { isIP, isIPv4, isIPv6 } = internals.nodeModule('internal/ip');
    value.isIP = isIP;
    value.isIPv4 = isIPv4;
    value.isIPv6 = isIPv6;
  }
  return value;
});
