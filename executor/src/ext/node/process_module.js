//# allFunctionsCalledOnLoad
// `process`, the module: the same object as the `process` global (`node/process.js`).
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  return internals.nodeProcess();
});
