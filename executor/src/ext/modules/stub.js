//# allFunctionsCalledOnLoad
// CommonJS `require` over the module map, loaded the first time a `cjs` module or a dynamic
// `import()` needs it: the implementation is `js/lazy/modules.js`.
(function (globalThis, host, internals) {
  'use strict';

  // Index of `js/lazy/modules.js` in bootstrap.rs's LAZY_SCRIPTS.
  const MODULES = 14;
  internals.lazyFunctions(['loadCommonJs', 'afterEvaluation'], internals.lazyUnit([MODULES]));
});
