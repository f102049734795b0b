//# allFunctionsCalledOnLoad
// TextEncoder, TextDecoder, atob and btoa, loaded on first use: the implementation is
// `js/lazy/encoding.js`.
(function (globalThis, host, internals) {
  'use strict';

  // Index of `js/lazy/encoding.js` in bootstrap.rs's LAZY_SCRIPTS.
  const ENCODING = 13;
  const load = internals.lazyUnit([ENCODING]);
  internals.loadEncoding = load;
  for (const name of ['TextEncoder', 'TextDecoder', 'atob', 'btoa']) {
    internals.lazyGlobal(name, load);
  }
});
