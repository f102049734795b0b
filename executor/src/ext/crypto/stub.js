//# allFunctionsCalledOnLoad
// crypto.subtle, SubtleCrypto and CryptoKey, loaded on first use: the implementation is
// `js/lazy/subtle.js`.
(function (globalThis, host, internals) {
  'use strict';

  // Index of `js/lazy/subtle.js` in bootstrap.rs's LAZY_SCRIPTS.
  const SUBTLE = 9;
  const load = internals.lazyUnit([SUBTLE]);
  // As before: enumerable, not writable, configurable.
  internals.lazyProperty(internals.crypto, 'subtle', load, true, false);
  internals.lazyGlobal('SubtleCrypto', load);
  internals.lazyGlobal('CryptoKey', load);
});
