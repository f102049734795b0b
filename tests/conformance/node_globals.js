// compatibilityDate: 2026-11-17
// The Node.js globals of `nodejs_compat` (on by default from 2026-08-04): `global`, `process`
// with workerd's fixed values, and setImmediate/clearImmediate: an immediate is a timer of no
// delay, run after the microtasks and process.nextTick callbacks, in the order it was set
// among the timers of no delay (all of them due at once, so no stall can reorder them).
export default {
  async run() {
    const order = [];
    setTimeout(() => order.push("timeout 1"), 0);
    const first = setImmediate((a, b) => {
      order.push(`immediate ${a}${b}`);
      Promise.resolve().then(() => order.push("microtask of the immediate"));
      setImmediate(() => order.push("nested immediate"));
    }, 1, 2);
    setTimeout(() => order.push("timeout 2"), 0);
    Promise.resolve().then(() => order.push("microtask"));
    process.nextTick((value) => order.push(`tick ${value}`), "a");
    queueMicrotask(() => order.push("queueMicrotask"));
    clearImmediate(setImmediate(() => order.push("cleared")));
    setImmediate(() => order.push("disposed"))[Symbol.dispose]();
    order.push("synchronous");
    const errors = {};
    for (const [name, call] of [
      ["setImmediateNumber", () => setImmediate(1)],
      ["clearImmediateNumber", () => clearImmediate(5)],
      ["clearImmediateTimeout", () => clearImmediate(setTimeout(() => {}, 0))],
    ]) {
      try {
        call();
        errors[name] = "no error";
      } catch (error) {
        errors[name] = `${error.name}: ${error.message}`;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    const describe = (name) => {
      const { writable, enumerable, configurable, value } = Object.getOwnPropertyDescriptor(globalThis, name);
      return [writable, enumerable, configurable, typeof value];
    };
    const immediatePrototype = Object.getPrototypeOf(first);
    return {
      order,
      errors,
      global: global === globalThis,
      globalDescriptor: describe("global"),
      processDescriptor: describe("process"),
      inKeys: Object.keys(globalThis).filter((name) => ["global", "process", "setImmediate", "clearImmediate"].includes(name)),
      immediate: {
        tag: Object.prototype.toString.call(first),
        methods: ["ref", "unref", "hasRef", Symbol.dispose].map((name) => typeof immediatePrototype[name]),
        hasRef: first.hasRef(),
        ref: first.ref() === undefined,
        unref: first.unref() === undefined,
        clearUndefined: clearImmediate(undefined) === undefined,
        lengths: [setImmediate.length, clearImmediate.length],
      },
      // Through JSON: workerd's process.env cannot be sent back over RPC as it is.
      process: JSON.parse(JSON.stringify({
        tag: Object.prototype.toString.call(process),
        env: process.env,
        version: process.version,
        versions: process.versions,
        platform: process.platform,
        arch: process.arch,
        cwd: process.cwd(),
        argv: process.argv,
        execArgv: process.execArgv,
        execPath: process.execPath,
        title: process.title,
        pid: process.pid,
        ppid: process.ppid,
        release: process.release,
        features: process.features,
        umask: process.umask(),
        nextTickLength: process.nextTick.length,
      })),
    };
  },
};
