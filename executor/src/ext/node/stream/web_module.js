// `node:stream/web`: the runtime's web stream classes, the same ones as the globals (the
// originals, whatever the code has put on the global object since).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const NAMES = [
    'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
    'ReadableByteStreamController', 'ReadableStreamDefaultController', 'TransformStream',
    'TransformStreamDefaultController', 'WritableStream', 'WritableStreamDefaultWriter',
    'WritableStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy', 'TextEncoderStream',
    'TextDecoderStream', 'CompressionStream', 'DecompressionStream',
  ];
  const web = {};
  for (let index = 0; index < NAMES.length; index++) web[NAMES[index]] = internals.lazyGet(globalThis, NAMES[index]);
  return web;
});
