// compatibilityDate: 2026-11-17
// node:http2, as workerd has it: nothing connects or serves (ERR_METHOD_NOT_IMPLEMENTED), the
// settings helpers answer with workerd's values, and `constants` are nghttp2's.
import http2, * as namespace from "node:http2";
import { Buffer } from "node:buffer";

const thrown = (call) => {
  try {
    call();
    return "no error";
  } catch (error) {
    return [error.name, error.code ?? null, error.message];
  }
};

export default {
  run() {
    const settings = http2.getDefaultSettings();
    const inherited = {};
    for (const key in settings) inherited[key] = settings[key];
    const packed = http2.getPackedSettings({ enablePush: false });
    return JSON.parse(JSON.stringify({
      exports: Object.keys(namespace).sort(),
      defaultKeys: Object.keys(http2),
      constants: http2.constants,
      settings: [Object.keys(settings), inherited, Object.getPrototypeOf(Object.getPrototypeOf(settings)) === Object.prototype],
      packed: [Buffer.isBuffer(packed), packed.length],
      unpacked: http2.getUnpackedSettings(Buffer.alloc(6)),
      sensitiveHeaders: [typeof http2.sensitiveHeaders, String(http2.sensitiveHeaders), http2.sensitiveHeaders === Symbol.for("nodejs.http2.sensitiveHeaders")],
      classes: [http2.Http2ServerRequest.name, http2.Http2ServerResponse.name, http2.Http2ServerRequest.length],
      errors: [
        () => http2.connect("https://example.com"),
        () => http2.createServer(),
        () => http2.createSecureServer({}),
        () => http2.performServerHandshake(null),
        () => new http2.Http2ServerRequest(),
        () => new http2.Http2ServerResponse(),
      ].map(thrown),
      lengths: [http2.connect.length, http2.createServer.length, http2.getDefaultSettings.length],
    }));
  },
};
