//# allFunctionsCalledOnLoad
// `_stream_readable`, `_stream_writable`, `_stream_duplex`, `_stream_transform` and
// `_stream_passthrough`: Node.js's old names of the stream classes, each the class itself.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const stream = internals.nodeModule('stream');
  const CLASSES = {
    __proto__: null,
    _stream_readable: 'Readable',
    _stream_writable: 'Writable',
    _stream_duplex: 'Duplex',
    _stream_transform: 'Transform',
    _stream_passthrough: 'PassThrough',
  };
  return stream[CLASSES[name]];
});
