// compatibilityDate: 2026-11-17
// node:os's fixed values, node:module, import.meta, and the modules a sandbox cannot have
// (they import, and each function throws ERR_METHOD_NOT_IMPLEMENTED).
import os from "node:os";
import { createRequire, builtinModules, isBuiltin } from "node:module";
import * as childProcess from "node:child_process";
import net from "node:net";
import { isMainThread } from "node:worker_threads";

export default {
  run() {
    const values = {};
    for (const key of Object.keys(os).sort()) {
      const value = os[key];
      if (typeof value !== "function") values[key] = value;
      else if (key !== "setPriority") values[key] = value();
    }
    const thrown = [];
    for (const call of [() => childProcess.spawn("ls"), () => childProcess.execSync("ls"), () => net.connect(80), () => os.setPriority()]) {
      try {
        call();
        thrown.push("no error");
      } catch (error) {
        thrown.push([error.name, error.code, error.message]);
      }
    }
    // Plain data (null-prototype objects do not cross workerd's RPC).
    return JSON.parse(JSON.stringify({
      os: values,
      childProcess: Object.keys(childProcess).sort(),
      isIP: [net.isIP("1.2.3.4"), net.isIP("::1"), net.isIP("fe80::1%eth0"), net.isIP("1.2.3.256"), net.isIP("::ffff:1.2.3.4"), net.isIPv4("01.2.3.4"), net.isIPv6("1:2:3:4:5:6:7:8:9")],
      isMainThread,
      builtinModules,
      isBuiltin: [isBuiltin("fs"), isBuiltin("node:fs"), isBuiltin("nope"), isBuiltin("node:test")],
      require: typeof createRequire(import.meta.url),
      meta: { url: import.meta.url.endsWith("/node_os_module.js"), keys: Object.keys(import.meta), resolve: import.meta.resolve("./x.js").endsWith("/x.js") },
      thrown,
    }));
  },
};
