// compatibilityDate: 2026-11-17
// node:zlib with nodejs_compat: what each format makes of fixed input (zlib's and brotli's
// output is stable for it), round trips of larger input, options, crc32, the constants, and
// the errors for bad input, as callbacks and as *Sync.
import zlib from "node:zlib";
import { Buffer } from "node:buffer";

function attempt(call) {
  try {
    const value = call();
    return value instanceof Uint8Array ? `buffer ${Buffer.from(value).toString("hex")}` : value;
  } catch (error) {
    return { name: error.name, code: error.code ?? null, message: error.message };
  }
}

const callback = (method, ...args) => new Promise((resolve) =>
  zlib[method](...args, (error, result) => resolve(error ? `${error.name}: ${error.message}` : result.toString("hex"))));

export default {
  async run() {
    const text = "hello hello hello, zlib";
    const large = Buffer.from("All work and no play makes Jack a dull boy. ".repeat(2000));
    const compressed = {
      deflate: zlib.deflateSync(text).toString("hex"),
      gzip: zlib.gzipSync(text).toString("hex"),
      deflateRaw: zlib.deflateRawSync(text).toString("hex"),
      brotli: zlib.brotliCompressSync(text).toString("hex"),
      emptyGzip: zlib.gzipSync("").toString("hex"),
      level1: zlib.deflateSync(text, { level: 1 }).toString("hex"),
      level9: zlib.deflateSync(large, { level: 9 }).length < large.length / 50,
      windowBits: zlib.deflateRawSync(text, { windowBits: 9 }).toString("hex"),
      fromUint8Array: zlib.deflateSync(new Uint8Array([1, 2, 3])).toString("hex"),
      fromArrayBuffer: zlib.deflateSync(new Uint8Array([1, 2, 3]).buffer).toString("hex"),
    };
    const roundTrips = {
      deflate: zlib.inflateSync(zlib.deflateSync(large)).equals(large),
      gzip: zlib.gunzipSync(zlib.gzipSync(large)).equals(large),
      raw: zlib.inflateRawSync(zlib.deflateRawSync(large)).equals(large),
      brotli: zlib.brotliDecompressSync(zlib.brotliCompressSync(large)).equals(large),
      brotliQuality: zlib.brotliDecompressSync(zlib.brotliCompressSync(large, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: large.length },
      })).equals(large),
      unzip: [zlib.unzipSync(zlib.deflateSync("a")).toString(), zlib.unzipSync(zlib.gzipSync("b")).toString()],
      twoMembers: zlib.gunzipSync(Buffer.concat([zlib.gzipSync("one "), zlib.gzipSync("two")])).toString(),
      trailingAfterDeflate: zlib.inflateSync(Buffer.concat([zlib.deflateSync("data"), Buffer.from("junk")])).toString(),
      smallChunks: zlib.inflateSync(zlib.deflateSync(large), { chunkSize: 64 }).length,
      maxOutputLengthFits: zlib.inflateSync(zlib.deflateSync("12345"), { maxOutputLength: 5 }).toString(),
    };
    const callbacks = {
      gzip: await callback("gzip", "abc"),
      deflateWithOptions: await callback("deflate", "abc", { level: 0 }),
      gunzipError: await callback("gunzip", "abc"),
      brotli: await callback("brotliCompress", "abc"),
    };
    const errors = {
      notCompressed: attempt(() => zlib.inflateSync(Buffer.from("hello"))),
      truncated: attempt(() => zlib.inflateSync(zlib.deflateSync("hello world").subarray(0, 8))),
      empty: attempt(() => zlib.inflateSync(Buffer.alloc(0))),
      trailingAfterGzip: attempt(() => zlib.gunzipSync(Buffer.concat([zlib.gzipSync("hello"), Buffer.from("junk")]))),
      brotli: attempt(() => zlib.brotliDecompressSync(Buffer.from([255, 255, 255, 255]))),
      maxOutputLength: attempt(() => zlib.inflateSync(zlib.deflateSync(Buffer.alloc(100000)), { maxOutputLength: 1000 })),
      level: attempt(() => zlib.deflateSync("x", { level: 10 })),
      chunkSize: attempt(() => zlib.deflateSync("x", { chunkSize: 10 })),
      memLevel: attempt(() => zlib.deflateSync("x", { memLevel: 10 })),
      strategy: attempt(() => zlib.deflateSync("x", { strategy: 5 })),
      input: attempt(() => zlib.deflateSync(5)),
      memLevelType: attempt(() => zlib.deflateSync("x", { memLevel: "a" })),
      maxOutputLengthRange: attempt(() => zlib.deflateSync("x", { maxOutputLength: 0 })),
      brotliParameter: attempt(() => zlib.brotliCompressSync("x", { params: { 99: 1 } })),
      noCallback: attempt(() => zlib.gzip("x")),
      crc32Input: attempt(() => zlib.crc32(5)),
    };
    const collect = (stream, input) => new Promise((resolve, reject) => {
      const chunks = [];
      stream.on("data", (chunk) => chunks.push(chunk));
      stream.on("end", () => resolve(Buffer.concat(chunks)));
      stream.on("error", (error) => reject(error));
      for (let offset = 0; offset < input.length; offset += 1000) stream.write(input.subarray(offset, offset + 1000));
      stream.end();
    });
    const gzipped = await collect(zlib.createGzip(), large);
    const streams = {
      gzip: gzipped.toString("hex") === zlib.gzipSync(large).toString("hex"),
      gunzip: (await collect(zlib.createGunzip(), gzipped)).equals(large),
      brotli: (await collect(new zlib.BrotliDecompress(), await collect(zlib.createBrotliCompress(), large))).equals(large),
      raw: (await collect(zlib.createInflateRaw(), await collect(new zlib.DeflateRaw(), large))).equals(large),
      unzip: (await collect(zlib.createUnzip(), zlib.deflateSync("unzipped"))).toString(),
      error: await collect(zlib.createInflate(), Buffer.from("not zlib")).catch((error) => error.message),
      classes: [zlib.createGzip() instanceof zlib.Gzip, zlib.Gzip.name, typeof zlib.createDeflate().pipe],
    };
    return {
      compressed, roundTrips, callbacks, errors, streams,
      crc32: [zlib.crc32("hello"), zlib.crc32("world", zlib.crc32("hello ")), zlib.crc32(new Uint8Array([1, 2, 3]))],
      constants: zlib.constants,
      codes: zlib.codes,
      topLevelConstants: [zlib.Z_BEST_COMPRESSION, zlib.BROTLI_PARAM_QUALITY, zlib.GZIP],
    };
  },
};
