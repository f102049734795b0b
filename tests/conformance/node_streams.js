// compatibilityDate: 2026-11-17
// node:stream as workerd's nodejs_compat has it: the order of a Readable's, a Writable's and a
// Transform's events, backpressure (write() returning false, then drain), object mode,
// destroy with an error, pipeline and finished (callback and promise forms), Readable.from,
// async iteration, the web stream adapters and stream/consumers.
import stream, { Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished } from "node:stream";
import * as promises from "node:stream/promises";
import * as web from "node:stream/web";
import * as consumers from "node:stream/consumers";
import { Buffer } from "node:buffer";

function events(target, names, log, label) {
  for (const name of names) {
    target.on(name, (value) => log.push(`${label} ${name}${value instanceof Error ? ` ${value.message}` : ""}`));
  }
}

export default {
  async run() {
    const log = [];
    const readable = new Readable({ read() {} });
    events(readable, ["end", "close", "pause", "resume"], log, "readable");
    readable.on("data", (chunk) => log.push(`readable data ${chunk}`));
    readable.push("a");
    readable.push("b");
    readable.push(null);
    await new Promise((resolve) => readable.on("close", resolve));

    const written = [];
    const writable = new Writable({
      highWaterMark: 3,
      write(chunk, encoding, callback) {
        written.push(`${chunk}:${encoding}`);
        setTimeout(callback, 1);
      },
      final(callback) {
        log.push("writable final");
        callback();
      },
    });
    events(writable, ["drain", "prefinish", "finish", "close"], log, "writable");
    const backpressure = [writable.write("ab"), writable.write("cd"), writable.writableLength, writable.writableNeedDrain];
    writable.end("ef", () => log.push("writable end callback"));
    await new Promise((resolve) => writable.on("close", resolve));

    const transform = new Transform({
      transform(chunk, encoding, callback) { callback(null, String(chunk).toUpperCase()); },
      flush(callback) { callback(null, "!"); },
    });
    events(transform, ["finish", "end", "close"], log, "transform");
    const transformed = [];
    transform.on("data", (chunk) => transformed.push(String(chunk)));
    transform.write("x");
    transform.end("y");
    await new Promise((resolve) => transform.on("close", resolve));

    const objects = [];
    await promises.pipeline(
      Readable.from([{ n: 1 }, { n: 2 }, { n: 3 }]),
      new Transform({ objectMode: true, transform(object, _, callback) { callback(null, object.n * 10); } }),
      new Writable({ objectMode: true, write(value, _, callback) { objects.push(value); callback(); } }),
    );

    const failed = await new Promise((resolve) => {
      pipeline(
        new Readable({ read() { this.destroy(new Error("source failed")); } }),
        new PassThrough(),
        new Writable({ write(_, __, callback) { callback(); } }),
        (error) => resolve(`${error && error.message}`),
      );
    });

    const destroyed = new Readable({ read() {} });
    events(destroyed, ["error", "close"], log, "destroyed");
    destroyed.destroy(new Error("gone"));
    const finishedError = await promises.finished(destroyed).catch((error) => error.message);
    const premature = await new Promise((resolve) => {
      const early = new Readable({ read() {} });
      finished(early, (error) => resolve(`${error && error.code}`));
      early.destroy();
    });

    const iterated = [];
    for await (const chunk of Readable.from(["p", "q"])) iterated.push(chunk);
    const generated = await Readable.from((async function* () { yield "g1"; yield "g2"; })()).toArray();

    const bytes = new Readable({ read() {} });
    bytes.push(new Uint8Array([104, 105]));
    bytes.push(null);
    const bytesRead = [];
    for await (const chunk of bytes) bytesRead.push([Buffer.isBuffer(chunk), chunk.toString()]);

    const encoded = new Readable({ read() {}, encoding: "utf8" });
    encoded.push(Buffer.from([0xe2, 0x82]));
    encoded.push(Buffer.from([0xac]));
    encoded.push(null);
    const decoded = [];
    for await (const chunk of encoded) decoded.push(chunk);

    const fromWeb = Readable.fromWeb(new ReadableStream({
      start(controller) { controller.enqueue(new TextEncoder().encode("web")); controller.close(); },
    }));
    const fromWebText = await consumers.text(fromWeb);
    const toWeb = Readable.toWeb(Readable.from(["t", "w"], { objectMode: true }));
    const toWebChunks = [];
    for await (const chunk of toWeb) toWebChunks.push(chunk);
    const sink = [];
    const writableFromWeb = Writable.fromWeb(new WritableStream({ write(chunk) { sink.push(new TextDecoder().decode(chunk)); } }));
    await new Promise((resolve) => writableFromWeb.end("to web", resolve));

    const duplex = new Duplex({ read() {}, write(chunk, _, callback) { this.push(String(chunk).repeat(2)); callback(); } });
    duplex.write("d");
    const duplexChunk = String(await new Promise((resolve) => duplex.once("data", resolve)));
    duplex.destroy();

    const errors = {};
    for (const [name, call] of [
      ["writeNull", () => new Writable({ write() {} }).write(null)],
      ["writeNumber", () => new Writable({ write() {} }).write(1)],
      ["pushNumber", () => { const r = new Readable({ read() {} }); r.on("error", (e) => { errors.pushNumberEvent = `${e.code}`; }); r.push(1); }],
      ["readNotImplemented", () => { const r = new Readable(); r.on("error", (e) => { errors.readEvent = `${e.code} ${e.message}`; }); r.read(); }],
      ["pipelineMissing", () => pipeline(() => {})],
      ["badHighWaterMark", () => new Readable({ highWaterMark: -1 })],
    ]) {
      try {
        call();
        errors[name] = "no error";
      } catch (error) {
        errors[name] = `${error.name} ${error.code} ${error.message}`;
      }
    }
    const afterEnd = await new Promise((resolve) => {
      const ended = new Writable({ write(_, __, callback) { callback(); } });
      ended.on("error", () => {});
      ended.end();
      ended.write("late", (error) => resolve(`${error.code} ${error.message}`));
    });
    await new Promise((resolve) => setTimeout(resolve, 1));

    return {
      exports: Object.keys(stream).sort(),
      promisesExports: Object.keys(promises).sort(),
      webExports: Object.keys(web).sort(),
      consumersExports: Object.keys(consumers).sort(),
      identities: [stream.Readable === Readable, stream.Stream === stream, promises.pipeline === stream.promises.pipeline,
        web.ReadableStream === ReadableStream, new Duplex() instanceof Writable, new PassThrough() instanceof Transform],
      defaults: [stream.getDefaultHighWaterMark(false), stream.getDefaultHighWaterMark(true),
        new Readable().readableHighWaterMark, new Writable().writableHighWaterMark,
        new Readable({ objectMode: true }).readableHighWaterMark],
      log,
      written,
      backpressure,
      transformed,
      objects,
      failed,
      finishedError,
      premature,
      iterated,
      generated,
      bytesRead,
      decoded,
      fromWebText,
      toWebChunks,
      sink,
      duplexChunk,
      errors,
      afterEnd,
      consumed: [
        await consumers.json(Readable.from(['{"a":', '1}'])),
        (await consumers.buffer(Readable.from([Buffer.from("b"), Buffer.from("uf")]))).toString(),
        (await consumers.arrayBuffer(Readable.from([Buffer.from("ab")]))).byteLength,
        (await consumers.blob(Readable.from([Buffer.from("blob")]))).size,
      ],
    };
  },
};
