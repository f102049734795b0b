//# allFunctionsCalledOnLoad
// TextEncoder, TextDecoder, atob and btoa, loaded on first use: the implementation is
// `encoding/encoding.js`.
(function (globalThis, host, internals) {
  'use strict';

  const load = internals.lazyUnit(['encoding/encoding.js']);
  internals.loadEncoding = load;
  for (const name of ['TextEncoder', 'TextDecoder', 'atob', 'btoa']) {
    internals.lazyGlobal(name, load);
  }
});
