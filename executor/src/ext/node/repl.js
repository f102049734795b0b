//# allFunctionsCalledOnLoad
// `repl`, as workerd has it: there is no terminal to read from, so `start`, `writer` and a
// REPLServer (whose constructor throws) throw ERR_METHOD_NOT_IMPLEMENTED; `Recoverable`, the
// mode symbols and the list of built-in modules are there.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const { ArrayPrototypePush, StringPrototypeStartsWith, Symbol, SyntaxError } = primordials;
  const { codes: { ERR_METHOD_NOT_IMPLEMENTED } } = internals.nodeModule('internal/errors');
  const { Interface } = internals.nodeModule('readline/promises');

  function writer() {
    throw new ERR_METHOD_NOT_IMPLEMENTED('writer');
  }
  writer.options = {
    showHidden: false, depth: 2, colors: true, customInspect: true, showProxy: true, maxArrayLength: 100,
    maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false, numericSeparator: false,
  };

  function start() {
    throw new ERR_METHOD_NOT_IMPLEMENTED('start');
  }

  class Recoverable extends SyntaxError {
    constructor(err) {
      super();
      this.err = err;
    }
  }

  // Its constructor throws (after the Interface's), so no REPLServer is ever made.
  class REPLServer extends Interface {
    constructor() {
      super();
      throw new ERR_METHOD_NOT_IMPLEMENTED('REPLServer');
    }

    setupHistory(historyConfig, callback) {
      throw new ERR_METHOD_NOT_IMPLEMENTED('setupHistory');
    }

    defineCommand(keyword, cmd) {
      throw new ERR_METHOD_NOT_IMPLEMENTED('defineCommand');
    }

    displayPrompt(preserveCursor) {
      throw new ERR_METHOD_NOT_IMPLEMENTED('displayPrompt');
    }

    clearBufferedCommand() {
      throw new ERR_METHOD_NOT_IMPLEMENTED('clearBufferedCommand');
    }
  }

  // `module.builtinModules` without the old `_stream_*`-style names.
  const builtinModules = [];
  const all = internals.nodeModule('module').builtinModules;
  for (let index = 0; index < all.length; index++) {
    if (!StringPrototypeStartsWith(all[index], '_')) ArrayPrototypePush(builtinModules, all[index]);
  }

  return {
    writer,
    start,
    Recoverable,
    REPLServer,
    builtinModules,
    _builtinLibs: builtinModules,
    REPL_MODE_SLOPPY: Symbol('repl-sloppy'),
    REPL_MODE_STRICT: Symbol('repl-strict'),
  };
});
