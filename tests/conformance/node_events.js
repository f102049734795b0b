// compatibilityDate: 2026-11-17
// node:events as workerd's nodejs_compat has it: the module's exports, EventEmitter's order
// of listeners and of newListener/removeListener, once wrappers, an error without a
// listener, captured rejections, and the static helpers once/on/getEventListeners.
import EventEmitter, * as events from "node:events";

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
    const log = [];
    const emitter = new EventEmitter();
    emitter.on("newListener", (name) => log.push(`newListener ${String(name)}`));
    emitter.on("removeListener", (name) => log.push(`removeListener ${String(name)}`));
    const first = (value) => log.push(`first ${value}`);
    emitter.on("data", first);
    emitter.prependListener("data", (value) => log.push(`prepended ${value}`));
    emitter.once("data", (value) => log.push(`once ${value}`));
    emitter.prependOnceListener("data", (value) => log.push(`prepended once ${value}`));
    const counts = [emitter.listenerCount("data"), emitter.listeners("data").length, emitter.rawListeners("data").length];
    const emitted = [emitter.emit("data", 1), emitter.emit("data", 2), emitter.emit("nothing")];
    emitter.off("data", first);
    const names = emitter.eventNames().map(String);
    emitter.removeAllListeners();

    const errors = {
      string: describeError(() => new EventEmitter().emit("error", "boom")),
      undefined: describeError(() => new EventEmitter().emit("error")),
      error: describeError(() => new EventEmitter().emit("error", new TypeError("typed"))),
      listener: describeError(() => new EventEmitter().on("x", 1)),
      maxListeners: describeError(() => new EventEmitter().setMaxListeners(-1)),
      defaultMax: describeError(() => { EventEmitter.defaultMaxListeners = "a"; }),
    };
    const monitor = [];
    const monitored = new EventEmitter();
    monitored.on(EventEmitter.errorMonitor, (error) => monitor.push(`monitor ${error.message}`));
    monitored.on("error", (error) => monitor.push(`handled ${error.message}`));
    monitored.emit("error", new Error("seen"));

    const capture = new EventEmitter({ captureRejections: true });
    const captured = new Promise((resolve) => capture.on("error", (error) => resolve(error.message)));
    capture.on("event", async () => { throw new Error("rejected"); });
    capture.emit("event");

    const source = new EventEmitter();
    setTimeout(() => source.emit("ready", 1, 2), 1);
    const onceResult = await events.once(source, "ready");
    const failing = new EventEmitter();
    setTimeout(() => failing.emit("error", new Error("once failed")), 1);
    const onceError = await events.once(failing, "ready").catch((error) => error.message);
    const aborted = await events.once(new EventEmitter(), "x", { signal: AbortSignal.abort() })
      .catch((error) => `${error.name} ${error.code}`);

    const iterated = [];
    const stream = new EventEmitter();
    const iterator = events.on(stream, "item");
    stream.emit("item", "a");
    stream.emit("item", "b");
    for await (const [value] of iterator) {
      iterated.push(value);
      if (iterated.length === 2) break;
    }
    const target = new EventTarget();
    const handler = () => {};
    target.addEventListener("ping", handler);

    const subclass = class Custom extends EventEmitter {};
    const instance = new subclass();
    return {
      exports: Object.keys(events).sort(),
      statics: Object.getOwnPropertyNames(EventEmitter),
      prototype: Object.getOwnPropertyNames(EventEmitter.prototype).sort(),
      same: [events.default === EventEmitter, EventEmitter.EventEmitter === EventEmitter],
      log,
      counts,
      emitted,
      names,
      errors,
      monitor,
      captured: await captured,
      onceResult,
      onceError,
      aborted,
      iterated,
      listenersOfTarget: events.getEventListeners(target, "ping").length,
      listenersOfEmitter: events.getEventListeners(emitter, "data").length,
      defaults: [EventEmitter.defaultMaxListeners, new EventEmitter().getMaxListeners(), events.getMaxListeners(new EventEmitter())],
      instance: [instance instanceof EventEmitter, typeof instance._events, instance._eventsCount],
      symbols: [String(EventEmitter.errorMonitor), String(EventEmitter.captureRejectionSymbol)],
      captureRejections: EventEmitter.captureRejections,
      usingDomains: EventEmitter.usingDomains,
    };
  },
};
