//# allFunctionsCalledOnLoad
// `process`, as workerd has it with `nodejs_compat`, with workerd's fixed values: nothing here
// is read from the host. `process.env` holds the run's `env` bindings only (`host.processEnv`).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { ObjectDefineProperty, ReflectApply, SymbolToStringTag } = primordials;
  const queueMicrotask = internals.queueMicrotask;

  // workerd 1.20261117.1 (tests/workerd) reports Node.js 22.23.4 and no other version.
  const NODE_VERSION = '22.23.4';
  const VERSION_NAMES = [
    'v8', 'modules', 'zlib', 'brotli', 'zstd', 'ares', 'napi', 'llhttp', 'nghttp2', 'acorn', 'ada', 'simdutf',
    'nbytes', 'ncrypto', 'uvwasi', 'uv', 'openssl', 'sqlite', 'icu', 'undici', 'simdjson', 'unicode', 'cldr', 'tz',
    'cjs_module_lexer', 'amaro', 'merve',
  ];
  const versions = { node: NODE_VERSION };
  for (let index = 0; index < VERSION_NAMES.length; index++) versions[VERSION_NAMES[index]] = '';

  const { cwd, nextTick, umask } = {
    cwd() { return '/bundle'; },
    // A tick runs in the microtask queue, in order with promise reactions, as in workerd.
    nextTick(callback, ...args) {
      queueMicrotask(() => { ReflectApply(callback, undefined, args); });
    },
    umask() { return 0o22; },
  };

  const process = {
    version: `v${NODE_VERSION}`,
    versions,
    platform: 'linux',
    arch: 'x64',
    title: 'workerd',
    argv: ['workerd'],
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
    env: host.processEnv(),
    cwd,
    nextTick,
    umask,
  };
  ObjectDefineProperty(process, SymbolToStringTag, { __proto__: null, value: 'process', configurable: true });

  internals.defineLazyGlobal('process', process);
});
