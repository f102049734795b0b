//# allFunctionsCalledOnLoad
// CommonJS `require` over the module map, loaded the first time a `cjs` module or a dynamic
// `import()` needs it: the implementation is `modules/commonjs.js`.
(function (globalThis, host, internals) {
  'use strict';

  internals.lazyFunctions(['loadCommonJs', 'afterEvaluation', 'makeRequire'], internals.lazyUnit(['modules/commonjs.js']));
});
