//# allFunctionsCalledOnLoad
// The Node.js globals of workerd's `nodejs_compat`: `global`, and, loaded on first use,
// `process` (`node/process.js`) and `setImmediate`/`clearImmediate` (`node/immediate.js`). A
// run without Node.js compatibility has them removed before its code runs (`node/mod.rs`).
(function (globalThis, host, internals, primordials) {
  'use strict';

  // `global` is the global object, as in Node.js. workerd makes it enumerable; here it is not,
  // like `self` and every other global, so `Object.keys(globalThis)` stays empty.
  internals.defineGlobal('global', globalThis);
  internals.lazyGlobal('process', internals.lazyUnit(['node/process.js']));
  const immediate = internals.lazyUnit(['node/immediate.js']);
  internals.lazyGlobal('setImmediate', immediate);
  internals.lazyGlobal('clearImmediate', immediate);
});
