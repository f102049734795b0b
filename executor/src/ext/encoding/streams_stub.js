//# allFunctionsCalledOnLoad
// TextEncoderStream and TextDecoderStream, loaded on first use: the implementation is
// `encoding/streams.js` (which loads the Streams Standard when it makes a stream).
(function (globalThis, host, internals) {
  'use strict';

  // The encoding streams use TextEncoder and TextDecoder.
  const load = internals.lazyUnit(['encoding/streams.js'], internals.loadEncoding);
  for (const name of ['TextEncoderStream', 'TextDecoderStream']) {
    internals.lazyGlobal(name, load);
  }
});
