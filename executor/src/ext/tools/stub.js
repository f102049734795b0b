//# allFunctionsCalledOnLoad
// Tool and service bindings in `env` (`tools/tools.js`), loaded only by a run that has any:
// the host calls `internals.toolBindings` before the main module is evaluated, and
// `internals.toolEvent` when a call's host has answered.
(function (globalThis, host, internals) {
  'use strict';

  const load = internals.lazyUnit(['tools/tools.js']);
  internals.lazyFunctions(['toolBindings', 'toolEvent'], load);
});
