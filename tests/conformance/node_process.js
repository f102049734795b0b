// compatibilityDate: 2026-11-17
// process with workerd's fixed values, as an EventEmitter, and node:process (the same object).
import processModule from "node:process";

export default {
  run() {
    const out = { same: processModule === process };
    const calls = ["chdir", "cpuUsage", "resourceUsage", "getuid", "geteuid", "getgid", "getegid", "getgroups", "binding",
      "dlopen", "availableMemory", "constrainedMemory", "loadEnvFile", "setSourceMapsEnabled", "ref", "unref",
      "_getActiveHandles", "_getActiveRequests", "assert", "setuid", "send", "umask", "cwd", "uptime", "memoryUsage"];
    for (const name of calls) {
      try {
        const value = process[name]();
        out[name] = ["returns", value === undefined ? "undefined" : value];
      } catch (error) {
        out[name] = ["throws", error.name, error.code, error.message];
      }
    }
    const values = ["argv0", "channel", "connected", "debugPort", "domain", "exitCode", "noDeprecation", "sourceMapsEnabled",
      "throwDeprecation", "traceDeprecation", "_exiting", "title", "version", "platform", "arch", "pid", "ppid", "argv", "execArgv"];
    for (const name of values) out[name] = process[name] === undefined ? "undefined" : process[name];
    out.hrtime = [process.hrtime().length, typeof process.hrtime.bigint()];
    out.toString = [String(process), Object.prototype.toString.call(process)];
    out.emitter = [typeof process.on, typeof process.emit, process.listenerCount("warning")];
    const warnings = [];
    process.on("warning", (warning) => warnings.push([warning.name, warning.message, warning.code]));
    process.emitWarning("careful", { code: "X1" });
    process.emitWarning("old", "DeprecationWarning");
    out.warnings = warnings;
    out.getBuiltinModule = [typeof process.getBuiltinModule("fs"), process.getBuiltinModule("nope") === undefined, process.getBuiltinModule("node:path") === process.getBuiltinModule("path")];
    out.streams = [process.stdout.constructor.name, process.stdout.fd, process.stderr.fd, typeof process.stdout.write, process.stdin.fd];
    return JSON.parse(JSON.stringify(out));
  },
};
