//# allFunctionsCalledOnLoad
// crypto.subtle, SubtleCrypto and CryptoKey, loaded on first use: the implementation is
// `crypto/subtle.js`.
(function (globalThis, host, internals) {
  'use strict';

  const load = internals.lazyUnit(['crypto/subtle.js']);
  // As before: enumerable, not writable, configurable.
  internals.lazyProperty(internals.crypto, 'subtle', load, true, false);
  internals.lazyGlobal('SubtleCrypto', load);
  internals.lazyGlobal('CryptoKey', load);
});
