//# allFunctionsCalledOnLoad
// TextEncoderStream, TextDecoderStream, CompressionStream and DecompressionStream, loaded on
// first use: the implementations are `js/lazy/encoding_streams.js` and
// `js/lazy/compression_streams.js` (which load the Streams Standard when they make a stream).
(function (globalThis, host, internals) {
  'use strict';

  // The encoding streams use TextEncoder and TextDecoder.
  const load = internals.lazyUnit(['encoding/streams.js', 'compression/compression.js'], internals.loadEncoding);
  for (const name of ['TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream']) {
    internals.lazyGlobal(name, load);
  }
});
