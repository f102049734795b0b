// compatibilityDate: 2026-11-17
// node:timers and node:timers/promises as workerd's nodejs_compat has them: Timeout objects
// (ref/unref/hasRef/refresh/close, the id as primitive value), clearing by object and by id,
// argument errors, the promise forms with an AbortSignal, the setInterval iterator and
// scheduler.wait. The timers that are compared are set so that no stall can reorder them.
import timers from "node:timers";
import * as timersPromises from "node:timers/promises";

function describeError(call) {
  try {
    call();
    return "no error";
  } catch (error) {
    return `${error.name} ${error.code} ${error.message}`;
  }
}

export default {
  async run() {
    const timeout = timers.setTimeout(() => {}, 1000);
    const refs = [timeout.hasRef(), timeout.unref() === timeout, timeout.hasRef(), timeout.ref() === timeout,
      timeout.hasRef(), timeout.refresh() === timeout, typeof +timeout, timeout.close() === timeout];
    const shape = {
      constructor: timeout.constructor.name,
      own: Reflect.ownKeys(timeout).map(String),
      prototype: Reflect.ownKeys(Object.getPrototypeOf(timeout)).map(String),
      json: JSON.stringify(timeout),
    };
    let fired = 0;
    const byObject = timers.setTimeout(() => fired++, 1);
    timers.clearTimeout(byObject);
    const byId = timers.setTimeout(() => fired++, 1);
    timers.clearTimeout(+byId);
    const byGlobal = timers.setTimeout(() => fired++, 1);
    clearTimeout(byGlobal);
    const disposed = timers.setTimeout(() => fired++, 1);
    disposed[Symbol.dispose]();
    const args = await new Promise((resolve) => timers.setTimeout((a, b) => resolve([a, b]), 1, "a", "b"));
    let ticks = 0;
    await new Promise((resolve) => {
      const interval = timers.setInterval(() => {
        ticks++;
        if (ticks === 3) {
          timers.clearInterval(interval);
          resolve();
        }
      }, 1);
    });
    const order = [];
    timers.setTimeout(() => order.push("timeout"), 0);
    timers.setImmediate(() => order.push("immediate"));
    await new Promise((resolve) => timers.setTimeout(resolve, 5));

    const aborted = new AbortController();
    const pending = timersPromises.setTimeout(1000, "never", { signal: aborted.signal });
    aborted.abort();
    const rejections = {
      aborted: await pending.catch((error) => `${error.name} ${error.code} ${error.message} ${error.cause && error.cause.name}`),
      preAborted: await timersPromises.setTimeout(1, "x", { signal: AbortSignal.abort("why") })
        .catch((error) => `${error.name} ${error.code} ${error.cause}`),
      delay: await timersPromises.setTimeout("1").catch((error) => `${error.name} ${error.code} ${error.message}`),
      options: await timersPromises.setTimeout(1, "x", "bad").catch((error) => `${error.name} ${error.code} ${error.message}`),
      ref: await timersPromises.setTimeout(1, "x", { ref: 1 }).catch((error) => `${error.name} ${error.code} ${error.message}`),
      immediate: await timersPromises.setImmediate("x", { signal: AbortSignal.abort() }).catch((error) => `${error.name}`),
    };
    const values = [];
    for await (const value of timersPromises.setInterval(1, "tick")) {
      values.push(value);
      if (values.length === 3) break;
    }
    return {
      exports: Object.keys(timers),
      promisesExports: Object.keys(timersPromises).sort(),
      refs,
      shape,
      fired,
      args,
      ticks,
      order,
      errors: {
        callback: describeError(() => timers.setTimeout("code")),
        interval: describeError(() => timers.setInterval(null)),
        enroll: describeError(() => timers.enroll()),
        clearNothing: describeError(() => timers.clearTimeout(undefined)),
        clearObject: describeError(() => timers.clearTimeout({})),
      },
      resolved: [await timersPromises.setTimeout(1, "later"), await timersPromises.setImmediate("soon"),
        await timersPromises.scheduler.wait(1), await timersPromises.scheduler.yield()],
      scheduler: Object.getOwnPropertyNames(Object.getPrototypeOf(timersPromises.scheduler)).sort(),
      rejections,
      values,
      immediate: Object.prototype.toString.call(timers.setImmediate(() => {})),
    };
  },
};
