// compatibilityDate: 2026-11-17
// node:console, as workerd has it: the global console with Node.js's fields added, and
// Node.js's Console class writing lines to the streams it is given.
import consoleModule, * as namespace from "node:console";
import { Writable } from "node:stream";

const thrown = (call) => {
  try {
    call();
    return "no error";
  } catch (error) {
    return [error.name, error.code ?? null, error.message];
  }
};

// A stream that keeps what is written to it, line by line.
function sink() {
  const lines = [];
  const stream = new Writable({
    write(chunk, encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { stream, lines };
}

export default {
  async run() {
    const warnings = [];
    const onWarning = (warning) => warnings.push([warning.name, warning.message]);
    process.on("warning", onWarning);
    const out = sink();
    const err = sink();
    const logger = new consoleModule.Console({ stdout: out.stream, stderr: err.stream, groupIndentation: 4 });
    logger.log("plain %s and %d and %i", "text", 42.5, 42.5);
    logger.info({ nested: { deep: { deeper: { deepest: 1 } } }, list: [1, 2, 3] });
    logger.debug("one", 2, [3], null, undefined);
    logger.warn("to %s", "stderr");
    logger.error(new RangeError("boom").message);
    logger.group("group");
    logger.log("inside\nand a second line");
    logger.groupCollapsed();
    logger.log("deeper");
    logger.groupEnd();
    logger.groupEnd();
    logger.log("outside");
    logger.count();
    logger.count("named");
    logger.count();
    logger.countReset("named");
    logger.countReset("never");
    logger.count("named");
    logger.assert(true, "not shown");
    logger.assert(false, "shown %s", "here");
    logger.assert(false, { an: "object" });
    logger.assert(false);
    logger.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
    logger.dirxml("like", "log");
    logger.table([{ a: 1, b: "x" }, { a: 2, c: true }]);
    logger.table("not tabular");
    logger.time("timer");
    logger.time("timer");
    logger.timeEnd("missing");
    logger.timeLog("missing");
    logger.trace("traced %d", 7);
    const timed = out.lines.length;
    logger.timeLog("timer", "extra");
    logger.timeEnd("timer");
    const timeLines = out.lines.slice(timed).map((line) => /^timer: [0-9.]+m?s( extra)?\n$/.test(line));
    const called = consoleModule.Console(out.stream);
    const positional = new consoleModule.Console(out.stream, err.stream, false);
    await new Promise((resolve) => setTimeout(resolve, 1));
    process.off("warning", onWarning);
    return JSON.parse(JSON.stringify({
      exports: Object.keys(namespace).sort(),
      sameDefault: consoleModule === console,
      globalAdded: ["Console", "context", "createTask", "_times", "_ignoreErrors", "_stdoutErrorHandler", "_stderrErrorHandler"].map((key) => [key, typeof console[key]]),
      globalValues: [console.Console === consoleModule.Console, console._ignoreErrors, console._stdout === process.stdout, console._stderr === process.stderr, Object.prototype.toString.call(console._times)],
      bound: [typeof namespace.log, typeof namespace.clear, typeof namespace.profile, typeof namespace.timeStamp],
      consoleClass: [consoleModule.Console.name, consoleModule.Console.length, Object.keys(consoleModule.Console.prototype)],
      instances: [console instanceof consoleModule.Console, logger instanceof consoleModule.Console, called instanceof consoleModule.Console, {} instanceof consoleModule.Console],
      instance: [Object.keys(logger), Object.prototype.toString.call(logger), logger.log.name, logger._ignoreErrors, positional._ignoreErrors],
      stdout: out.lines.slice(0, timed),
      stderr: err.lines.map((line) => line.startsWith("Trace: ") ? line.split("\n")[0] : line),
      timeLines,
      warnings,
      errors: [
        () => new consoleModule.Console(),
        () => new consoleModule.Console({}),
        () => new consoleModule.Console({ stdout: out.stream, stderr: {} }),
        () => new consoleModule.Console({ stdout: out.stream, colorMode: "sometimes" }),
        () => new consoleModule.Console({ stdout: out.stream, groupIndentation: 1001 }),
        () => new consoleModule.Console({ stdout: out.stream, inspectOptions: "x" }),
        () => new consoleModule.Console({ stdout: out.stream, colorMode: false, inspectOptions: { colors: true } }),
        () => logger.table([], "a"),
        () => consoleModule.context(),
        () => consoleModule.createTask(),
        () => console.context("name"),
      ].map(thrown),
    }));
  },
};
