//# allFunctionsCalledOnLoad
// `module`: `createRequire` (a `require` resolving from a module of the map, as CommonJS
// modules have it), `builtinModules` and `isBuiltin`. Nothing is read from a file system: the
// modules are the run's module map.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    ArrayPrototypeIncludes, StringPrototypeSlice, StringPrototypeStartsWith,
  } = primordials;
  const { codes: { ERR_INVALID_ARG_VALUE } } = internals.nodeModule('internal/errors');

  // The modules code can import, as workerd lists them with `nodejs_compat`.
  const BUILTINS = [
    '_http_agent', '_http_client', '_http_common', '_http_incoming', '_http_outgoing', '_http_server',
    '_stream_duplex', '_stream_passthrough', '_stream_readable', '_stream_transform', '_stream_wrap', '_stream_writable',
    '_tls_common', '_tls_wrap', 'assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'cluster',
    'console', 'constants', 'crypto', 'dgram', 'diagnostics_channel', 'dns', 'dns/promises', 'domain', 'events',
    'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector', 'inspector/promises', 'module', 'net', 'os',
    'path', 'path/posix', 'path/win32', 'perf_hooks', 'process', 'punycode', 'querystring', 'readline',
    'readline/promises', 'repl', 'stream', 'stream/consumers', 'stream/promises', 'stream/web', 'string_decoder',
    'sys', 'timers', 'timers/promises', 'tls', 'trace_events', 'tty', 'url', 'util', 'util/types', 'v8', 'vm',
    'wasi', 'worker_threads', 'zlib',
  ];

  // A module's name in the map, from what `createRequire` is given: a module name, a path
  // (`/bundle/src/index.js`), or a `file:` URL of one.
  function moduleName(filename) {
    let path;
    if (typeof filename === 'string') path = filename;
    else if (filename !== null && typeof filename === 'object' && typeof filename.href === 'string') path = filename.href;
    else throw new ERR_INVALID_ARG_VALUE('filename', filename, 'must be a file URL object, file URL string, or absolute path string');
    if (StringPrototypeStartsWith(path, 'file://')) path = StringPrototypeSlice(path, 7);
    if (StringPrototypeStartsWith(path, '/bundle/')) path = StringPrototypeSlice(path, 8);
    while (StringPrototypeStartsWith(path, '/')) path = StringPrototypeSlice(path, 1);
    return path;
  }

  function createRequire(filename) {
    return internals.makeRequire(moduleName(filename));
  }

  // Node.js's modules that exist only with the prefix: `node:test`, not `test`.
  const PREFIXED_ONLY = ['sea', 'sqlite', 'test', 'test/reporters'];

  function isBuiltin(specifier) {
    if (typeof specifier !== 'string') return false;
    if (!StringPrototypeStartsWith(specifier, 'node:')) return ArrayPrototypeIncludes(BUILTINS, specifier);
    const bare = StringPrototypeSlice(specifier, 5);
    return ArrayPrototypeIncludes(BUILTINS, bare) || ArrayPrototypeIncludes(PREFIXED_ONLY, bare);
  }

  function Module(id = '', parent = undefined) {
    this.id = id;
    this.path = '.';
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = [];
    this.parent = parent;
  }
  Module.createRequire = createRequire;
  Module.builtinModules = BUILTINS;
  Module.isBuiltin = isBuiltin;
  Module.Module = Module;
  Module.syncBuiltinESMExports = function syncBuiltinESMExports() {};
  Module.findSourceMap = function findSourceMap() { return undefined; };
  Module.register = function register() {};

  return Module;
});
