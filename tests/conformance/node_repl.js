// compatibilityDate: 2026-11-17
// node:repl, as workerd has it: no terminal to read, so starting one throws
// ERR_METHOD_NOT_IMPLEMENTED; the list of built-in modules and `Recoverable` are there.
import repl, * as namespace from "node:repl";
import { builtinModules } from "node:module";
import { Interface } from "node:readline/promises";

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
    const cause = new Error("incomplete");
    const recoverable = new repl.Recoverable(cause);
    return JSON.parse(JSON.stringify({
      exports: Object.keys(namespace).sort(),
      defaultKeys: Object.keys(repl),
      builtinModules: repl.builtinModules,
      filtered: repl.builtinModules.length === builtinModules.filter((name) => !name.startsWith("_")).length,
      libs: repl._builtinLibs === repl.builtinModules,
      modes: [String(repl.REPL_MODE_SLOPPY), String(repl.REPL_MODE_STRICT), typeof repl.REPL_MODE_SLOPPY],
      writer: [Object.keys(repl.writer), repl.writer.options],
      recoverable: [recoverable instanceof SyntaxError, recoverable.err === cause, recoverable.name, recoverable.message, Object.keys(recoverable)],
      server: [Object.getPrototypeOf(repl.REPLServer) === Interface, Object.getOwnPropertyNames(repl.REPLServer.prototype).sort()],
      errors: [
        () => repl.start(),
        () => repl.start({ prompt: "> " }),
        () => repl.writer({}),
        () => new repl.REPLServer(),
        () => repl.REPLServer.prototype.defineCommand.call({}, "x", () => {}),
        () => repl.REPLServer.prototype.displayPrompt.call({}),
        () => repl.REPLServer.prototype.setupHistory.call({}),
        () => repl.REPLServer.prototype.clearBufferedCommand.call({}),
      ].map(thrown),
    }));
  },
};
