// compatibilityDate: 2026-11-17
// node:buffer with nodejs_compat: Buffer as a Uint8Array subclass, its encodings, reads and
// writes of numbers, searches, the module's functions, and the errors Node's code matches on.
import * as nodeBuffer from "node:buffer";
import { Buffer as BareBuffer } from "buffer";

const { Buffer } = nodeBuffer;

function attempt(call) {
  try {
    const value = call();
    return typeof value === "bigint" ? `${value}n` : value;
  } catch (error) {
    return `${error.name} ${error.code}: ${error.message}`;
  }
}

export default {
  async run() {
    const results = {};
    const record = (name, call) => { results[name] = attempt(call); };
    record("sameModule", () => BareBuffer === Buffer);
    record("exports", () => Object.keys(nodeBuffer).sort());
    record("constants", () => [nodeBuffer.kMaxLength, nodeBuffer.kStringMaxLength, nodeBuffer.constants, nodeBuffer.INSPECT_MAX_BYTES]);
    record("shape", () => {
      const buffer = Buffer.from("abc");
      return [buffer instanceof Uint8Array, Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype,
        buffer.constructor === Buffer, Buffer.isBuffer(buffer), Buffer.isBuffer(new Uint8Array(1)),
        buffer.subarray(1).constructor.name, buffer.slice(1) instanceof Buffer, buffer.map((x) => x).constructor.name,
        new Buffer(2).length, Buffer(3).length, Buffer.poolSize, Buffer.allocUnsafe(10).byteOffset];
    });
    const text = "h\u00e9llo \u20ac \ud83d\ude00";
    for (const encoding of ["utf8", "utf-8", "ucs2", "utf16le", "latin1", "binary", "base64", "base64url", "hex", "ascii"]) {
      record(`encode ${encoding}`, () => {
        const encoded = Buffer.from(text, encoding);
        return [encoded.toString("hex"), encoded.toString(encoding), Buffer.byteLength(text, encoding)];
      });
    }
    record("decodeLenient", () => [
      Buffer.from("aGVs bG8-_w==ignored", "base64").toString("hex"),
      Buffer.from("abcx12", "hex").toString("hex"),
      Buffer.from("abc", "hex").toString("hex"),
      Buffer.from([0xe9, 0x41, 0xff]).toString("ascii"),
      Buffer.from([0xe2, 0x82, 0x41, 0xff, 0xc0]).toString(),
      Buffer.from([0x61, 0, 0x62]).toString("ucs2"),
    ]);
    record("isEncoding", () => ["", "UTF-8", "binary", "utf-16le", "UCS2", "nope", 5].map((name) => Buffer.isEncoding(name)));
    record("from", () => [
      Buffer.from([1, 2, 256, -1, "3"]).toString("hex"),
      Buffer.from(new Uint16Array([1, 0x102])).toString("hex"),
      Buffer.from(new Uint16Array([1, 0x102]).buffer).toString("hex"),
      Buffer.from(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2).toString("hex"),
      Buffer.from({ type: "Buffer", data: [5, 6] }).toString("hex"),
      Buffer.from(new String("xy")).toString(),
      Buffer.from({ length: 2, 0: 7, 1: 8 }).toString("hex"),
      Buffer.of(1, 2, 3).toString("hex"),
    ]);
    record("fromErrors", () => [attempt(() => Buffer.from(1)), attempt(() => Buffer.from("a", "nope")),
      attempt(() => Buffer.from(new ArrayBuffer(4), 5)), attempt(() => Buffer.from(new ArrayBuffer(4), 1, 4))]);
    record("alloc", () => [Buffer.alloc(4).toString("hex"), Buffer.alloc(5, "ab").toString(), Buffer.alloc(5, 0x101).toString("hex"),
      Buffer.alloc(4, "aGk=", "base64").toString(), Buffer.allocUnsafeSlow(3).length, nodeBuffer.SlowBuffer(3).length,
      Buffer.alloc(6, Buffer.from([1, 2, 3, 4])).toString("hex")]);
    record("allocErrors", () => [attempt(() => Buffer.alloc(2 ** 31)), attempt(() => Buffer.alloc("5")),
      attempt(() => Buffer.alloc(3, "zz", "hex"))]);
    record("concat", () => [Buffer.concat([Buffer.from("ab"), new Uint8Array([99])]).toString(),
      Buffer.concat([Buffer.from("abc"), Buffer.from("de")], 4).toString(), Buffer.concat([Buffer.from("ab")], 4).toString("hex"),
      Buffer.concat([]).length, attempt(() => Buffer.concat([1])), attempt(() => Buffer.concat("x"))]);
    record("compare", () => {
      const a = Buffer.from("abc");
      return [Buffer.compare(a, Buffer.from("abd")), a.compare(Buffer.from("ab")), a.equals(Buffer.from("abc")),
        a.compare(Buffer.from("xbcx"), 1, 3, 1, 3), attempt(() => a.equals("abc"))];
    });
    record("copyFill", () => {
      const target = Buffer.alloc(6);
      const copied = Buffer.from("hello").copy(target, 1, 1, 4);
      const overlapping = Buffer.from("abcdef");
      overlapping.copy(overlapping, 2, 0, 4);
      return [copied, target.toString("hex"), overlapping.toString(), Buffer.alloc(5).fill("xy", 1, 4).toString("hex"),
        Buffer.alloc(3).fill("\u20ac").toString("hex"), Buffer.alloc(4).fill(0x1ff).toString("hex")];
    });
    record("search", () => {
      const buffer = Buffer.from("abcabc");
      return [buffer.indexOf("c", -2), buffer.indexOf(""), buffer.indexOf("", 9), buffer.lastIndexOf("b"),
        buffer.lastIndexOf("b", -3), buffer.lastIndexOf(""), buffer.indexOf(98), buffer.indexOf(Buffer.from("ca")),
        buffer.includes("bca"), buffer.indexOf("6263", "hex"), buffer.indexOf("b", 2), buffer.lastIndexOf(0x61, 2),
        buffer.indexOf("x"), attempt(() => buffer.indexOf({}))];
    });
    record("write", () => {
      const buffer = Buffer.alloc(8);
      return [buffer.write("\u20ac\u20ac", 1), buffer.write("abcd", 2, 1), buffer.write("ff", "hex"),
        buffer.write("zz", 5, "latin1"), buffer.toString("hex"), attempt(() => buffer.write(1)),
        attempt(() => buffer.write("a", 9))];
    });
    record("slices", () => {
      const buffer = Buffer.from("hello world");
      return [buffer.toString("utf8", 2, 5), buffer.toString(undefined, -1, 3), buffer.slice(-5).toString(),
        buffer.subarray(3, 1).length, buffer.toString("latin1", 6), buffer.toJSON(), JSON.stringify(Buffer.from("ab"))];
    });
    record("numbers", () => {
      const buffer = Buffer.alloc(16);
      buffer.writeUInt8(0xfe, 0);
      buffer.writeInt16LE(-2, 1);
      buffer.writeUInt32BE(0xdeadbeef, 3);
      buffer.writeIntLE(-123456789012, 7, 6);
      buffer.writeDoubleLE(Math.PI, 8);
      return [buffer.toString("hex"), buffer.readUInt8(0), buffer.readInt8(0), buffer.readInt16LE(1), buffer.readUInt16BE(1),
        buffer.readUInt32BE(3), buffer.readInt32LE(3), buffer.readIntLE(7, 6), buffer.readUIntBE(7, 3), buffer.readDoubleLE(8),
        buffer.readFloatBE(0), buffer.readUint16LE(1), `${buffer.readBigUInt64LE(8)}`, `${buffer.readBigInt64BE(0)}`];
    });
    record("bigints", () => {
      const buffer = Buffer.alloc(8);
      buffer.writeBigInt64LE(-2n);
      const first = buffer.toString("hex");
      buffer.writeBigUInt64BE(0x0102030405060708n);
      return [first, buffer.toString("hex"), `${buffer.readBigUInt64LE()}`];
    });
    record("floats", () => {
      const buffer = Buffer.alloc(8);
      buffer.writeFloatLE(1.5);
      buffer.writeFloatBE(-0.25, 4);
      return [buffer.toString("hex"), buffer.readFloatLE(0), buffer.readFloatBE(4), buffer.writeDoubleBE(NaN), String(buffer.readDoubleBE())];
    });
    record("numberErrors", () => [
      attempt(() => Buffer.alloc(2).readUInt16LE(1)), attempt(() => Buffer.alloc(2).readUInt32LE(0)),
      attempt(() => Buffer.alloc(4).readUInt16LE(1.5)), attempt(() => Buffer.alloc(4).writeUInt8(300)),
      attempt(() => Buffer.alloc(4).writeInt32LE(2 ** 40)), attempt(() => Buffer.alloc(8).writeUIntLE(2 ** 50, 0, 6)),
      attempt(() => Buffer.alloc(8).writeBigInt64LE(2n ** 70n)), attempt(() => Buffer.alloc(8).readIntLE(0, 7)),
      attempt(() => Buffer.alloc(8).readIntLE(undefined, 2)), attempt(() => Buffer.alloc(4).readUInt8("1")),
    ]);
    record("swap", () => [Buffer.from("0102030405060708", "hex").swap16().toString("hex"),
      Buffer.from("0102030405060708", "hex").swap32().toString("hex"), Buffer.from("0102030405060708", "hex").swap64().toString("hex"),
      attempt(() => Buffer.alloc(3).swap16())]);
    record("transcode", () => [nodeBuffer.transcode(Buffer.from("h\u00e9\u20ac"), "utf8", "latin1").toString("hex"),
      nodeBuffer.transcode(Buffer.from("h\u00e9\u20ac"), "utf8", "ucs2").toString("hex"),
      nodeBuffer.transcode(Buffer.from("h\u00e9", "latin1"), "latin1", "utf8").toString("hex"),
      attempt(() => nodeBuffer.transcode(Buffer.from("h"), "utf8", "hex"))]);
    record("checks", () => [nodeBuffer.isUtf8(Buffer.from([0xff])), nodeBuffer.isUtf8(Buffer.from("\u20ac")),
      nodeBuffer.isAscii(Buffer.from("a")), nodeBuffer.isAscii(new Uint8Array([0x80])), attempt(() => nodeBuffer.isUtf8("a"))]);
    record("base64Functions", () => [nodeBuffer.btoa("hi\u00ff"), nodeBuffer.atob(" aGk= "), attempt(() => nodeBuffer.atob("a"))]);
    record("blob", () => [nodeBuffer.Blob === Blob, nodeBuffer.File === File, attempt(() => nodeBuffer.resolveObjectURL("blob:nodedata:x"))]);
    return results;
  },
};
