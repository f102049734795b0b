//# allFunctionsCalledOnLoad
// `wasi`, as workerd has it: `new WASI(options)` checks its options as Node.js does and then
// throws ERR_METHOD_NOT_IMPLEMENTED (a sandbox gives WebAssembly no system interface); the
// methods throw too, and `getImportObject()` is `{}`.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    codes: { ERR_METHOD_NOT_IMPLEMENTED },
    validateArray, validateBoolean, validateInt32, validateObject, validateOneOf,
  } = internals.nodeModule('internal/errors');

  class WASI {
    constructor(options = { version: 'unstable' }) {
      validateObject(options, 'options');
      validateOneOf(options.version, 'options.version', ['unstable', 'preview1']);
      if (options.args !== undefined) validateArray(options.args, 'options.args');
      if (options.env !== undefined) validateObject(options.env, 'options.env');
      if (options.preopens !== undefined) validateObject(options.preopens, 'options.preopens');
      const { stdin = 0, stdout = 1, stderr = 2 } = options;
      validateInt32(stdin, 'options.stdin', 0);
      validateInt32(stdout, 'options.stdout', 0);
      validateInt32(stderr, 'options.stderr', 0);
      if (options.returnOnExit !== undefined) validateBoolean(options.returnOnExit, 'options.returnOnExit');
      throw new ERR_METHOD_NOT_IMPLEMENTED('WASI');
    }

    finalizeBindings(instance, options = {}) {
      throw new ERR_METHOD_NOT_IMPLEMENTED('WASI.finalizeBindings');
    }

    start(instance) {
      throw new ERR_METHOD_NOT_IMPLEMENTED('WASI.start');
    }

    initialize(instance) {
      throw new ERR_METHOD_NOT_IMPLEMENTED('WASI.initialize');
    }

    getImportObject() {
      return {};
    }
  }

  return { WASI };
});
