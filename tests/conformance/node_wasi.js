// compatibilityDate: 2026-11-17
// node:wasi, as workerd has it: the options are checked, then constructing a WASI throws
// ERR_METHOD_NOT_IMPLEMENTED, as its methods do.
import wasi, * as namespace from "node:wasi";

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
    const { WASI } = wasi;
    const prototype = WASI.prototype;
    return JSON.parse(JSON.stringify({
      exports: Object.keys(namespace).sort(),
      defaultKeys: Object.keys(wasi),
      methods: Object.getOwnPropertyNames(prototype).sort(),
      lengths: [WASI.length, prototype.start.length, prototype.initialize.length, prototype.finalizeBindings.length],
      construct: [
        () => new WASI(),
        () => new WASI({ version: "preview1" }),
        () => new WASI(null),
        () => new WASI({}),
        () => new WASI({ version: "preview2" }),
        () => new WASI({ version: "preview1", args: "x" }),
        () => new WASI({ version: "preview1", env: 1 }),
        () => new WASI({ version: "preview1", preopens: [] }),
        () => new WASI({ version: "preview1", stdin: -1 }),
        () => new WASI({ version: "preview1", stdout: 1.5 }),
        () => new WASI({ version: "preview1", stderr: "2" }),
        () => new WASI({ version: "preview1", returnOnExit: 1 }),
        () => WASI({ version: "preview1" }),
      ].map(thrown),
      methodCalls: [
        () => prototype.start.call({}, {}),
        () => prototype.initialize.call({}, {}),
        () => prototype.finalizeBindings.call({}, {}),
      ].map(thrown),
      importObject: prototype.getImportObject.call({}),
    }));
  },
};
