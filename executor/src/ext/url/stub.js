//# allFunctionsCalledOnLoad
// URL and URLSearchParams, loaded on first use: the implementation is `js/lazy/url.js`.
(function (globalThis, host, internals) {
  'use strict';

  // Index of `js/lazy/url.js` in bootstrap.rs's LAZY_SCRIPTS.
  const URL = 2;
  const load = internals.lazyUnit([URL]);
  internals.loadUrl = load;
  internals.lazyGlobal('URL', load);
  internals.lazyGlobal('URLSearchParams', load);
});
