// compatibilityDate: 2026-11-17
// node:async_hooks as workerd's nodejs_compat has it: AsyncLocalStorage's store follows
// awaits, promise reactions, timers, queueMicrotask, setImmediate and process.nextTick;
// bind/snapshot/exit/AsyncResource restore the context they captured; enterWith and disable
// are not implemented; the async hooks are inert.
import asyncHooks, { AsyncLocalStorage, AsyncResource } from "node:async_hooks";

export default {
  async run() {
    const storage = new AsyncLocalStorage({ name: "named" });
    const other = new AsyncLocalStorage({ defaultValue: "default" });
    const result = {
      exports: Object.keys(asyncHooks).sort(),
      prototype: Object.getOwnPropertyNames(AsyncLocalStorage.prototype).sort(),
      statics: Object.getOwnPropertyNames(AsyncLocalStorage).sort(),
      resource: Object.getOwnPropertyNames(AsyncResource.prototype).sort(),
      names: [storage.name, new AsyncLocalStorage().name],
      ids: [asyncHooks.executionAsyncId(), asyncHooks.triggerAsyncId(), new AsyncResource("x").asyncId(),
        Object.getPrototypeOf(asyncHooks.executionAsyncResource())],
      hook: [typeof asyncHooks.createHook({}).enable, asyncHooks.createHook({}).enable() instanceof Object],
      providers: Object.keys(asyncHooks.asyncWrapProviders).length,
      outside: [storage.getStore(), other.getStore()],
    };
    result.run = storage.run(1, () => storage.getStore());
    result.nested = storage.run(1, () => storage.run(2, () => storage.getStore()) + storage.getStore());
    result.await = await storage.run("await", async () => {
      await null;
      await new Promise((resolve) => setTimeout(resolve, 1));
      return storage.getStore();
    });
    result.timer = await storage.run("timer", () => new Promise((resolve) => setTimeout(() => resolve(storage.getStore()), 1)));
    result.microtask = await storage.run("microtask", () => new Promise((resolve) => queueMicrotask(() => resolve(storage.getStore()))));
    result.immediate = await storage.run("immediate", () => new Promise((resolve) => setImmediate(() => resolve(storage.getStore()))));
    result.nextTick = await storage.run("tick", () => new Promise((resolve) => process.nextTick(() => resolve(storage.getStore()))));
    result.then = await storage.run("outer", () => {
      const promise = Promise.resolve();
      return storage.run("inner", () => promise.then(() => storage.getStore()));
    });
    const snapshot = storage.run("snapshot", () => AsyncLocalStorage.snapshot());
    result.snapshot = snapshot(() => storage.getStore());
    const bound = storage.run("bound", () => AsyncLocalStorage.bind(() => storage.getStore()));
    result.bound = bound();
    result.exit = storage.run("exit", () => storage.exit(() => storage.getStore()));
    result.exitDefault = other.run("x", () => other.exit(() => other.getStore()));
    result.two = storage.run("a", () => other.run("b", () => [storage.getStore(), other.getStore()]));
    const resource = storage.run("resource", () => new AsyncResource("test"));
    result.resource = resource.runInAsyncScope(function (argument) { return [storage.getStore(), this, argument]; }, "this", "arg");
    result.resourceBind = storage.run("other", () => resource.bind(() => storage.getStore())());
    result.after = storage.getStore();
    result.notImplemented = [];
    for (const call of [() => storage.enterWith(1), () => storage.disable()]) {
      try {
        call();
        result.notImplemented.push("no error");
      } catch (error) {
        result.notImplemented.push(`${error.name} ${error.message}`);
      }
    }
    return result;
  },
};
