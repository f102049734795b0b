//# allFunctionsCalledOnLoad
// `console`, loaded on first use: the implementation is `console/console.js`, and the value
// formatter it uses is `console/inspect.js` (like Node's `util.inspect`), which loads on the
// first value that is not a plain string. Both get the primordials, captured before any user
// code existed, and use nothing else, so code that replaced a builtin sees the same output.
(function (globalThis, host, internals, primordials) {
  'use strict';

  internals.lazyFunctions(['inspect', 'format', 'formatTable'], internals.lazyUnit(['console/inspect.js']));

  internals.lazyGlobal('console', internals.lazyUnit(['console/console.js']));
});
