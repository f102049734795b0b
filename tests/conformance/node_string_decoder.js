// compatibilityDate: 2026-11-17
// node:string_decoder: characters split across chunks are kept until complete, in every
// encoding, and end() flushes what is left as Node does.
import { StringDecoder } from "node:string_decoder";
import * as bare from "string_decoder";

function attempt(call) {
  try {
    return call();
  } catch (error) {
    return `${error.name} ${error.code}: ${error.message}`;
  }
}

// Lone surrogates written as `\\uXXXX`, so that the result is well-formed JSON text.
function shown(text) {
  return text.replace(/[\ud800-\udfff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);
}

function feed(encoding, chunks, last) {
  const decoder = new StringDecoder(encoding);
  const pieces = chunks.map((chunk) => decoder.write(Uint8Array.from(chunk)));
  pieces.push(last === undefined ? decoder.end() : decoder.end(Uint8Array.from(last)));
  return pieces.map(shown);
}

export default {
  async run() {
    return {
      same: bare.StringDecoder === StringDecoder,
      encodings: ["utf8", "UTF-8", "ucs2", "utf-16le", "binary", "base64", "base64url", "hex", "ascii", undefined]
        .map((encoding) => new StringDecoder(encoding).encoding),
      unknown: attempt(() => new StringDecoder("nope")),
      utf8Split: feed("utf8", [[0xe2], [0x82], [0xac, 0x41]]),
      utf8Emoji: feed("utf8", [[0xf0, 0x9f], [0x98, 0x80]]),
      utf8Incomplete: feed("utf8", [[0x41, 0xe2, 0x82]]),
      utf8EndChunk: feed("utf8", [[0xe2, 0x82]], [0xac]),
      utf8Invalid: feed("utf8", [[0xff, 0x41], [0xc3]], [0x28]),
      utf16Split: feed("utf16le", [[0x61], [0x00, 0x3d], [0xd8, 0x00], [0xde]]),
      utf16Surrogate: feed("utf16le", [[0x3d, 0xd8]]),
      base64: feed("base64", [[0x68], [0x65, 0x6c], [0x6c, 0x6f]]),
      base64Rest: feed("base64", [[0x68, 0x65, 0x6c, 0x6c]]),
      base64url: feed("base64url", [[0xfb, 0xff]]),
      hex: feed("hex", [[0xab], [0xcd]]),
      latin1: feed("latin1", [[0xe9, 0x41]]),
      string: new StringDecoder().write("as is"),
      badWrite: attempt(() => new StringDecoder().write(5)),
      lastFields: (() => {
        const decoder = new StringDecoder("utf8");
        decoder.write(Uint8Array.from([0xe2]));
        return [decoder.lastNeed, decoder.lastTotal, decoder.lastChar.length];
      })(),
    };
  },
};
