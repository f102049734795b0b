//# allFunctionsCalledOnLoad
// The Streams Standard's globals (ReadableStream, WritableStream, TransformStream, their
// readers, writers and controllers, and the queuing strategies), loaded on first use.
//
// The implementation (`streams/streams.js`) is large and most sandboxes never touch a
// stream: kept in the startup snapshot it cost every sandbox about a third of a millisecond
// to deserialize. Instead, build.rs compiles it into a code cache, and the first access to
// one of these globals or `internals` functions has the host run it from that cache
// (`internals.lazyUnit`, about as fast as the snapshot).
(function (globalThis, host, internals) {
  'use strict';

  // Abort signals come from the events unit, loaded first.
  const load = internals.lazyUnit(['streams/streams.js'], internals.loadEvents);

  for (const name of ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
    'ReadableStreamBYOBRequest', 'ReadableStreamDefaultController', 'ReadableByteStreamController',
    'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController',
    'TransformStream', 'TransformStreamDefaultController', 'ByteLengthQueuingStrategy',
    'CountQueuingStrategy']) {
    internals.lazyGlobal(name, load);
  }

  // What the rest of the runtime uses (see the end of `streams/streams.js`).
  internals.lazyFunctions(['isReadableStream', 'isWritableStream', 'isReadableStreamLocked',
    'isReadableStreamDisturbed', 'readableStreamIsDisturbed', 'readableStreamCancel',
    'readableStreamTee', 'readableStreamFromChunks', 'createByteStream', 'readAllBytes',
    'getStreamReader', 'pipeTo', 'createTransformStream', 'transformStreamParts', 'newReadableStream'], load);
  internals.loadStreams = load;

  // Cloudflare's own streams, in a unit of their own.
  const loadIdentity = internals.lazyUnit(['streams/identity.js'], load);
  internals.lazyGlobal('IdentityTransformStream', loadIdentity);
  internals.lazyGlobal('FixedLengthStream', loadIdentity);
});
