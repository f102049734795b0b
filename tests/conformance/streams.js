// Streams, encoding streams and compression streams, where workerd follows the Streams
// Standard (the fixtures in executor/tests/fixtures/streams_* also cover where it does not).
export default {
  async run() {
    const collect = async (readable) => {
      const chunks = [];
      for await (const chunk of readable) chunks.push(chunk);
      return chunks;
    };
    const bytesOf = (chunks) => {
      const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
      let offset = 0;
      for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.byteLength; }
      return bytes;
    };

    let pulls = 0;
    const counted = new ReadableStream({
      pull(controller) { controller.enqueue(++pulls); if (pulls === 3) controller.close(); },
    }, { highWaterMark: 2 });
    const reader = counted.getReader();
    const reads = [];
    for (let result = await reader.read(); !result.done; result = await reader.read()) reads.push(result.value);

    const cancelled = [];
    const endless = new ReadableStream({ pull(c) { c.enqueue('x'); }, cancel(reason) { cancelled.push(reason); } });
    for await (const chunk of endless) { cancelled.push(chunk); break; }

    const written = [];
    const sink = new WritableStream({ write(chunk) { written.push(chunk); }, close() { written.push('closed'); } });
    await ReadableStream.from(['a', 'b']).pipeTo(sink);
    const upper = await collect(ReadableStream.from(['p', 'q']).pipeThrough(new TransformStream({
      transform(chunk, controller) { controller.enqueue(chunk.toUpperCase()); },
    })));
    const aborted = new AbortController();
    aborted.abort(new Error('stop'));
    const pipeAbort = await ReadableStream.from(['z']).pipeTo(new WritableStream(), { signal: aborted.signal }).catch((error) => error.message);
    const sourceError = await new ReadableStream({ start(c) { c.error(new Error('broken')); } })
      .pipeTo(new WritableStream()).catch((error) => error.message);
    const [left, right] = ReadableStream.from(['t1', 't2']).tee();
    const teed = await Promise.all([collect(left), collect(right)]);

    const euro = new TextEncoder().encode('€ 😀');
    const decoded = await collect(ReadableStream.from([euro.slice(0, 2), euro.slice(2, 5), euro.slice(5)]).pipeThrough(new TextDecoderStream()));
    const encoded = await collect(ReadableStream.from(['a\ud83d', '\ude00']).pipeThrough(new TextEncoderStream()));

    const input = new TextEncoder().encode('compress me '.repeat(100));
    const roundTrips = {};
    for (const format of ['gzip', 'deflate', 'deflate-raw']) {
      const compressed = bytesOf(await collect(ReadableStream.from([input]).pipeThrough(new CompressionStream(format))));
      const restored = bytesOf(await collect(ReadableStream.from([compressed]).pipeThrough(new DecompressionStream(format))));
      roundTrips[format] = restored.length === input.length && restored.every((byte, index) => byte === input[index]);
    }
    // "hello" compressed by zlib (Python's zlib.compress) and a gzip member with junk after it.
    const zlib = new Uint8Array([0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x06, 0x2c, 0x02, 0x15]);
    const hello = new TextDecoder().decode(bytesOf(await collect(ReadableStream.from([zlib]).pipeThrough(new DecompressionStream('deflate')))));
    const gzip = bytesOf(await collect(ReadableStream.from([new TextEncoder().encode('hi')]).pipeThrough(new CompressionStream('gzip'))));
    const junk = await collect(ReadableStream.from([gzip, new Uint8Array([1])]).pipeThrough(new DecompressionStream('gzip'))).catch((error) => `${error.name}: ${error.message}`);
    const corrupt = await collect(ReadableStream.from([new Uint8Array([1, 2, 3, 4])]).pipeThrough(new DecompressionStream('gzip'))).catch((error) => error.name);

    return {
      reads, cancelled, written, upper, pipeAbort, sourceError, teed, decoded,
      encoded: encoded.map((chunk) => Array.from(chunk)), roundTrips, hello, junk, corrupt,
      strategies: [new CountQueuingStrategy({ highWaterMark: 3 }).highWaterMark, new ByteLengthQueuingStrategy({ highWaterMark: 8 }).size(new Uint8Array(5))],
    };
  },
};
