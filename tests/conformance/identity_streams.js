// IdentityTransformStream and FixedLengthStream, Cloudflare's own streams: bytes through a
// byte stream as Uint8Array copies, a write settled once read, a byte-counting high-water
// mark, and a FixedLengthStream's errors for too many or too few bytes.
export default {
  async run() {
    const attempt = async (make) => { try { return await make(); } catch (error) { return `${error.name}: ${error.message}`; } };
    const readAll = async (readable) => {
      const reader = readable.getReader();
      const chunks = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return chunks;
        chunks.push([value.constructor.name, Array.from(value)]);
      }
    };
    const failure = (error) => `${error.name}: ${error.message}`;
    const result = {};
    result.prototypes = [
      Object.getPrototypeOf(IdentityTransformStream.prototype) === TransformStream.prototype,
      Object.getPrototypeOf(FixedLengthStream.prototype) === IdentityTransformStream.prototype,
      Object.getOwnPropertyNames(IdentityTransformStream.prototype),
      Object.getOwnPropertyNames(FixedLengthStream.prototype),
      String(new IdentityTransformStream()),
      String(new FixedLengthStream(1)),
    ];
    result.identity = await attempt(async () => {
      const stream = new IdentityTransformStream();
      const writer = stream.writable.getWriter();
      const reading = readAll(stream.readable);
      const chunk = new Uint8Array([1, 2, 3]);
      await writer.write(chunk);
      await writer.write(new Uint16Array([1, 258]));
      await writer.write(new Uint8Array([9, 8, 7, 6]).buffer);
      await writer.write(new DataView(new Uint8Array([5, 4, 3]).buffer, 1));
      await writer.write(new Uint8Array(0));
      await writer.write("é");
      await writer.close();
      return [await reading, chunk.byteLength];
    });
    result.byob = await attempt(async () => {
      const stream = new IdentityTransformStream();
      const reader = stream.readable.getReader({ mode: "byob" });
      const writer = stream.writable.getWriter();
      const written = writer.write(new Uint8Array([1, 2, 3, 4, 5]));
      const first = await reader.read(new Uint8Array(2));
      const second = await reader.read(new Uint8Array(8));
      await written;
      return [Array.from(first.value), Array.from(second.value)];
    });
    result.writeWaitsForRead = await attempt(async () => {
      const stream = new IdentityTransformStream();
      const writer = stream.writable.getWriter();
      let settled = false;
      const written = writer.write(new Uint8Array([1])).then(() => { settled = true; });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const before = settled;
      await stream.readable.getReader().read();
      await written;
      return [before, settled];
    });
    result.highWaterMark = await attempt(async () => {
      const defaults = new IdentityTransformStream().writable.getWriter();
      const writer = new IdentityTransformStream({ highWaterMark: 10 }).writable.getWriter();
      writer.write(new Uint8Array(4));
      return [defaults.desiredSize, writer.desiredSize, new FixedLengthStream(3, { highWaterMark: 5 }).writable.getWriter().desiredSize];
    });
    result.fixed = await attempt(async () => {
      const stream = new FixedLengthStream(5);
      const writer = stream.writable.getWriter();
      const reading = readAll(stream.readable);
      await writer.write(new Uint8Array([1, 2, 3]));
      await writer.write(new Uint8Array([4, 5]));
      await writer.close();
      return await reading;
    });
    result.tooMany = await attempt(async () => {
      const stream = new FixedLengthStream(2);
      const writer = stream.writable.getWriter();
      const reading = readAll(stream.readable).catch(failure);
      const written = await writer.write(new Uint8Array([1, 2, 3])).then(() => "written", failure);
      return [written, await reading];
    });
    result.tooFew = await attempt(async () => {
      const stream = new FixedLengthStream(4n);
      const writer = stream.writable.getWriter();
      const reading = readAll(stream.readable).catch(failure);
      await writer.write(new Uint8Array([1]));
      const closed = await writer.close().then(() => "closed", failure);
      return [closed, await reading];
    });
    result.lengths = await Promise.all([undefined, -1, "3", 1.5, 2n ** 64n, 2n, NaN, Number.MAX_SAFE_INTEGER + 2].map((length, index) =>
      attempt(() => (index === 0 ? new FixedLengthStream() : new FixedLengthStream(length)) && "ok")));
    result.response = await attempt(async () => {
      const stream = new FixedLengthStream(3);
      const writer = stream.writable.getWriter();
      writer.write(new Uint8Array([65, 66, 67]));
      writer.close();
      return await new Response(stream.readable).text();
    });
    result.piped = await attempt(() => new Response(new Response("hello").body.pipeThrough(new IdentityTransformStream())).text());
    result.cancelled = await attempt(async () => {
      const stream = new IdentityTransformStream();
      const writer = stream.writable.getWriter();
      await stream.readable.cancel("why");
      return await writer.write(new Uint8Array([1])).then(() => "written", (error) => String(error));
    });
    return result;
  },
};
