// `node:stream/consumers`: read a whole stream (a Node.js Readable, a web ReadableStream or
// any async iterable) as text, JSON, a Buffer, an ArrayBuffer or a Blob.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { ArrayPrototypePush, JSONParse } = primordials;
  const { Buffer } = internals.nodeModule('internal/streams/utils');

  function decoder() {
    return new (internals.lazyGet(globalThis, 'TextDecoder'))();
  }

  async function blob(stream) {
    const chunks = [];
    for await (const chunk of stream) ArrayPrototypePush(chunks, chunk);
    return new (internals.lazyGet(globalThis, 'Blob'))(chunks);
  }
  async function arrayBuffer(stream) {
    const whole = await blob(stream);
    return whole.arrayBuffer();
  }
  async function buffer(stream) {
    const BufferClass = Buffer();
    const chunks = [];
    for await (const chunk of stream) {
      ArrayPrototypePush(chunks, typeof chunk === 'string' ? BufferClass.from(chunk) : chunk);
    }
    return BufferClass.concat(chunks);
  }
  async function text(stream) {
    const dec = decoder();
    let result = '';
    for await (const chunk of stream) {
      if (typeof chunk === 'string') result += chunk;
      else result += dec.decode(chunk, { stream: true });
    }
    result += dec.decode(undefined, { stream: false });
    return result;
  }
  async function json(stream) {
    return JSONParse(await text(stream));
  }

  return { arrayBuffer, blob, buffer, json, text };
});
