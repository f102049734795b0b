//# allFunctionsCalledOnLoad
// CompressionStream and DecompressionStream, loaded on first use: the implementation is
// `compression/compression.js` (which loads the Streams Standard when it makes a stream).
(function (globalThis, host, internals) {
  'use strict';

  const load = internals.lazyUnit(['compression/compression.js']);
  for (const name of ['CompressionStream', 'DecompressionStream']) {
    internals.lazyGlobal(name, load);
  }
});
