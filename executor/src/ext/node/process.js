//# allFunctionsCalledOnLoad
// `process`, as workerd has it with `nodejs_compat`, with workerd's fixed values: nothing here
// is read from the host. `process.env` holds the run's `env` bindings only (`host.processEnv`).
// It is an EventEmitter (`warning` events of `emitWarning`), `node:process` is the same object,
// and `stdout`/`stderr` write to the run's console (a line at a time).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    BigInt, Error, MathFloor, ObjectDefineProperty, ObjectSetPrototypeOf, ReflectApply, Set, StringPrototypeIndexOf,
    StringPrototypeSlice, StringPrototypeStartsWith, SymbolToStringTag,
  } = primordials;
  const queueMicrotask = internals.queueMicrotask;

  const errors = internals.nodeModule('internal/errors');
  const { codes: { ERR_METHOD_NOT_IMPLEMENTED, ERR_INVALID_ARG_TYPE }, validateString } = errors;
  const EventEmitter = internals.nodeModule('events');

  // workerd 1.20261117.1 (tests/workerd) reports Node.js 22.23.4 and no other version.
  const NODE_VERSION = '22.23.4';
  const VERSION_NAMES = [
    'v8', 'modules', 'zlib', 'brotli', 'zstd', 'ares', 'napi', 'llhttp', 'nghttp2', 'acorn', 'ada', 'simdutf',
    'nbytes', 'ncrypto', 'uvwasi', 'uv', 'openssl', 'sqlite', 'icu', 'undici', 'simdjson', 'unicode', 'cldr', 'tz',
    'cjs_module_lexer', 'amaro', 'merve',
  ];
  const versions = { node: NODE_VERSION };
  for (let index = 0; index < VERSION_NAMES.length; index++) versions[VERSION_NAMES[index]] = '';

  const started = host.now();

  function notImplemented(method) {
    return function () {
      throw new ERR_METHOD_NOT_IMPLEMENTED(`process.${method}`);
    };
  }

  // Ends the run at once, as workerd cancels the request: not even a `catch` runs.
  const processExit = host.processExit;
  // The code as workerd takes it: a 32-bit integer, 0 for anything that is not a number.
  function exit(code) {
    processExit(code === undefined ? 0 : code | 0);
  }

  function notPermitted() {
    const error = new Error('operation not permitted');
    error.code = 'EPERM';
    throw error;
  }

  // `stdout` and `stderr`: each complete line goes to the console at the stream's level. They,
  // and `stdin` (which ends at once), are made on first use: they need `node:stream`.
  function consoleStream(level, fd) {
    const { Writable } = internals.nodeModule('stream');
    let pending = '';
    class SyncWriteStream extends Writable {
      _write(chunk, encoding, callback) {
        const { Buffer } = internals.nodeModule('buffer');
        pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
        let newline = StringPrototypeIndexOf(pending, '\n');
        while (newline !== -1) {
          host.print(level, StringPrototypeSlice(pending, 0, newline), '');
          pending = StringPrototypeSlice(pending, newline + 1);
          newline = StringPrototypeIndexOf(pending, '\n');
        }
        callback();
      }

      _final(callback) {
        if (pending !== '') {
          host.print(level, pending, '');
          pending = '';
        }
        callback();
      }

      getColorDepth() { return 1; }
      hasColors() { return false; }
      getWindowSize() { return [80, 24]; }
    }
    const stream = new SyncWriteStream({ decodeStrings: false });
    stream.fd = fd;
    stream.readable = false;
    stream._type = 'fs';
    stream._isStdio = true;
    stream.isTTY = false;
    return stream;
  }

  function standardInput() {
    const { Readable } = internals.nodeModule('stream');
    class ReadStream extends Readable {
      _read() {
        this.push(null);
      }
    }
    const stream = new ReadStream();
    stream.fd = 0;
    stream.isTTY = false;
    return stream;
  }

  const process = {
    version: `v${NODE_VERSION}`,
    versions,
    platform: 'linux',
    arch: 'x64',
    title: 'workerd',
    argv: ['workerd'],
    argv0: 'workerd',
    execArgv: [],
    execPath: '',
    pid: 1,
    ppid: 0,
    release: { name: 'node', lts: true, sourceUrl: '', headersUrl: '' },
    features: {
      cached_builtins: true, debug: false, inspector: false, ipv6: true, openssl_is_boringssl: true,
      require_module: false, tls: true, tls_alpn: true, tls_ocsp: true, tls_sni: true, typescript: false,
      uv: true,
    },
    config: { target_defaults: {}, variables: {} },
    env: host.processEnv(),
    exitCode: undefined,
    channel: null,
    connected: false,
    debugPort: 0,
    domain: null,
    moduleLoadList: [],
    noDeprecation: false,
    throwDeprecation: false,
    traceDeprecation: false,
    sourceMapsEnabled: false,
    allowedNodeEnvironmentFlags: new Set(),
    permission: { has() { return false; } },
    report: {
      compact: false, directory: '', filename: '', getReport() { return {}; }, reportOnFatalError: false,
      reportOnSignal: false, reportOnUncaughtException: false, excludeNetwork: false,
      writeReport() { return ''; },
    },
    finalization: { register() {}, registerBeforeExit() {}, unregister() {} },
    _exiting: false,
    _preload_modules: [],
    // The working directory of `node:fs`'s relative paths, `/bundle` at first, as in workerd.
    cwd() { return internals.processCwd === undefined ? '/bundle' : internals.processCwd; },
    chdir(directory) {
      validateString(directory, 'directory');
      const fs = internals.nodeModule('fs');
      const target = internals.nodeModule('path').resolve(process.cwd(), directory);
      if (!fs.statSync(target).isDirectory()) {
        const error = new Error(`not a directory, chdir '${target}'`);
        error.code = 'ENOTDIR';
        error.syscall = 'chdir';
        error.path = target;
        throw error;
      }
      internals.processCwd = target;
    },
    // A tick runs in the microtask queue, in order with promise reactions, as in workerd.
    nextTick(callback, ...args) {
      if (typeof callback !== 'function') throw new ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
      queueMicrotask(() => { ReflectApply(callback, undefined, args); });
    },
    umask() { return 0o22; },
    hrtime(previous = undefined) {
      const nanos = MathFloor((host.now() - started) * 1e6);
      let seconds = MathFloor(nanos / 1e9);
      let remainder = nanos - seconds * 1e9;
      if (previous !== undefined) {
        seconds -= previous[0];
        remainder -= previous[1];
        if (remainder < 0) {
          seconds -= 1;
          remainder += 1e9;
        }
      }
      return [seconds, remainder];
    },
    uptime() { return 0; },
    memoryUsage() { return { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }; },
    resourceUsage() {
      return {
        userCPUTime: 0, systemCPUTime: 0, maxRSS: 0, sharedMemorySize: 0, unsharedDataSize: 0, unsharedStackSize: 0,
        minorPageFault: 0, majorPageFault: 0, swappedOut: 0, fsRead: 0, fsWrite: 0, ipcSent: 0, ipcReceived: 0,
        signalsCount: 0, voluntaryContextSwitches: 0, involuntaryContextSwitches: 0,
      };
    },
    availableMemory() { return 0; },
    constrainedMemory() { return 0; },
    getuid() { return 0; },
    geteuid() { return 0; },
    getgid() { return 0; },
    getegid() { return 0; },
    getgroups() { return [0]; },
    setuid: notPermitted,
    setgid: notPermitted,
    seteuid: notPermitted,
    setegid: notPermitted,
    setgroups: notPermitted,
    initgroups: notPermitted,
    cpuUsage: notImplemented('cpuUsage'),
    threadCpuUsage: notImplemented('threadCpuUsage'),
    binding: notImplemented('binding'),
    _linkedBinding: notImplemented('_linkedBinding'),
    dlopen: notImplemented('dlopen'),
    getActiveResourcesInfo: notImplemented('getActiveResourcesInfo'),
    hasUncaughtExceptionCaptureCallback: notImplemented('hasUncaughtExceptionCaptureCallback'),
    setUncaughtExceptionCaptureCallback: notImplemented('setUncaughtExceptionCaptureCallback'),
    // workerd cancels the request; so does this end the run.
    exit(code = undefined) {
      exit(code === undefined ? process.exitCode : code);
    },
    reallyExit(code = undefined) {
      exit(code);
    },
    abort() {
      exit(134);
    },
    kill() { return notPermitted(); },
    _kill() { return notPermitted(); },
    execve: notImplemented('execve'),
    send() { return false; },
    loadEnvFile(path = undefined) {
      internals.nodeModule('fs').readFileSync(path === undefined ? '.env' : path);
    },
    setSourceMapsEnabled() {},
    ref() {},
    unref() {},
    _getActiveHandles() { return []; },
    _getActiveRequests() { return []; },
    _rawDebug() {},
    _tickCallback() {},
    _debugProcess() {},
    _debugEnd() {},
    _startProfilerIdleNotifier() {},
    _stopProfilerIdleNotifier() {},
    assert(value, message = undefined) {
      internals.nodeModule('assert').ok(value, message === undefined ? 'No value argument passed to `assert.ok()`' : message);
    },
    emitWarning(warning, type = undefined, code = undefined) {
      let options;
      if (type !== null && typeof type === 'object') {
        options = type;
        type = options.type;
        code = options.code;
      }
      if (typeof warning === 'string') {
        const made = new Error(warning);
        made.name = typeof type === 'string' ? type : 'Warning';
        if (code !== undefined) made.code = code;
        warning = made;
      } else if (!(warning instanceof Error)) {
        throw new ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'], warning);
      }
      if (warning.name === 'DeprecationWarning' && process.noDeprecation) return;
      if (warning.name === 'DeprecationWarning' && process.throwDeprecation) throw warning;
      // At once, as workerd emits it (Node.js waits a tick).
      process.emit('warning', warning);
    },
    getBuiltinModule(id) {
      validateString(id, 'id');
      const bare = StringPrototypeStartsWith(id, 'node:') ? StringPrototypeSlice(id, 5) : id;
      if (StringPrototypeStartsWith(bare, 'internal/')) return undefined;
      try {
        return internals.nodeModule(bare);
      } catch {
        return undefined;
      }
    },
    openStdin() { return process.stdin; },
  };
  process.hrtime.bigint = function bigint() {
    return BigInt(MathFloor((host.now() - started) * 1e6));
  };
  // A property made on first read (then a data property); an assignment first replaces it.
  function madeOnFirstUse(key, make) {
    const settle = (value) => {
      ObjectDefineProperty(process, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
      return value;
    };
    ObjectDefineProperty(process, key, {
      __proto__: null,
      enumerable: true,
      configurable: true,
      get() { return settle(make()); },
      set(value) { settle(value); },
    });
  }
  madeOnFirstUse('stdout', () => consoleStream(2, 1));
  madeOnFirstUse('stderr', () => consoleStream(4, 2));
  madeOnFirstUse('stdin', standardInput);
  ObjectSetPrototypeOf(process, EventEmitter.prototype);
  ReflectApply(EventEmitter, process, []);
  ObjectDefineProperty(process, SymbolToStringTag, { __proto__: null, value: 'process', configurable: true });

  internals.processObject = process;
  internals.defineLazyGlobal('process', process);
});
