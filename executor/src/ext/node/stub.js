//# allFunctionsCalledOnLoad
// The Node.js built-in modules (`internals.nodeModule`), and the Node.js globals of workerd's
// `nodejs_compat`: `global`, and, loaded on first use, `process` (`node/process.js`),
// `Buffer` (`node:buffer`'s) and `setImmediate`/`clearImmediate` (`node/immediate.js`). A run without Node.js compatibility
// has the globals removed before its code runs (`node/mod.rs`), and no module resolves.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { Error, Map, MapPrototypeDelete, MapPrototypeGet, MapPrototypeSet, ReflectApply } = primordials;
  const loadNodeModule = host.loadNodeModule;

  // The Node.js built-in modules (`ext/manifest.rs`, `node_modules`): each module's script runs
  // on its first `import` or `require`, once per run, and returns the module's value.
  const nodeModules = new Map();
  internals.nodeModule = function nodeModule(name) {
    const record = MapPrototypeGet(nodeModules, name);
    if (record !== undefined) {
      if (record.loading) throw new Error(`The Node.js module \`${name}\` is used while it loads`);
      return record.value;
    }
    const loading = { __proto__: null, loading: true, value: undefined };
    MapPrototypeSet(nodeModules, name, loading);
    try {
      loading.value = ReflectApply(loadNodeModule(name), undefined, [globalThis, host, internals, primordials, name]);
    } catch (error) {
      MapPrototypeDelete(nodeModules, name);
      throw error;
    }
    loading.loading = false;
    return loading.value;
  };

  // `global` is the global object, as in Node.js. workerd makes it enumerable; here it is not,
  // like `self` and every other global, so `Object.keys(globalThis)` stays empty.
  internals.defineGlobal('global', globalThis);
  const loadProcess = internals.lazyUnit(['node/process.js']);
  internals.lazyGlobal('process', loadProcess);
  // The process object, for `node:process`, whatever became of the global.
  internals.nodeProcess = () => {
    loadProcess();
    return internals.processObject;
  };
  internals.lazyGlobal('Buffer', () => internals.defineLazyGlobal('Buffer', internals.nodeModule('buffer').Buffer));
  const immediate = internals.lazyUnit(['node/immediate.js']);
  internals.lazyGlobal('setImmediate', immediate);
  internals.lazyGlobal('clearImmediate', immediate);
});
