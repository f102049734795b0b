// compatibilityDate: 2026-11-17
// node:diagnostics_channel as workerd's nodejs_compat has it: one channel per name,
// subscribers called in order with the message and the channel's name, hasSubscribers,
// bindStore/runStores with AsyncLocalStorage, and TracingChannel's events around a call,
// a promise and a callback.
import * as diagnostics from "node:diagnostics_channel";
import { AsyncLocalStorage } from "node:async_hooks";

export default {
  async run() {
    const log = [];
    const channel = diagnostics.channel("conformance");
    const first = (message, name) => log.push(`first ${message} ${name}`);
    const before = [diagnostics.hasSubscribers("conformance"), channel.hasSubscribers];
    diagnostics.subscribe("conformance", first);
    channel.subscribe((message) => log.push(`second ${message}`));
    channel.publish("hello");
    const removed = [diagnostics.unsubscribe("conformance", first), channel.unsubscribe(first)];
    channel.publish("again");

    const storage = new AsyncLocalStorage();
    const stored = diagnostics.channel("stored");
    stored.bindStore(storage, (message) => `store of ${message}`);
    const ran = stored.runStores("data", function (argument) { return [storage.getStore(), this, argument]; }, "this", "arg");
    const unbound = [stored.unbindStore(storage), stored.unbindStore(storage)];

    const tracing = diagnostics.tracingChannel("traced");
    const traced = [];
    const handlers = {};
    for (const event of ["start", "end", "asyncStart", "asyncEnd", "error"]) {
      handlers[event] = (context) => traced.push(`${event} ${context.result ?? ""}${context.error ? context.error.message : ""}`);
    }
    tracing.subscribe(handlers);
    const sync = tracing.traceSync((a, b) => a + b, {}, undefined, 1, 2);
    const promised = await tracing.tracePromise(async () => "resolved", {});
    const rejected = await tracing.tracePromise(async () => { throw new Error("rejected"); }, {}).catch((error) => error.message);
    const called = await new Promise((resolve) => {
      tracing.traceCallback((callback) => setTimeout(() => callback(null, "called"), 1), 0, {}, undefined,
        (error, value) => resolve(value));
    });
    const unsubscribed = tracing.unsubscribe(handlers);

    const errors = {};
    for (const [name, call] of [
      ["channelName", () => diagnostics.channel(1)],
      ["subscribeNumber", () => channel.subscribe(1)],
      ["tracingNumber", () => diagnostics.tracingChannel(1)],
    ]) {
      try {
        call();
        errors[name] = "no error";
      } catch (error) {
        errors[name] = `${error.name} ${error.code} ${error.message}`;
      }
    }
    return {
      exports: Object.keys(diagnostics).sort(),
      prototype: Object.getOwnPropertyNames(diagnostics.Channel.prototype).sort(),
      tracingPrototype: Object.getOwnPropertyNames(diagnostics.TracingChannel.prototype).sort(),
      same: [diagnostics.channel("conformance") === channel, channel instanceof diagnostics.Channel, channel.name,
        tracing.start.name, tracing instanceof diagnostics.TracingChannel],
      hasSubscribersType: typeof channel.hasSubscribers,
      before,
      log,
      removed,
      after: [channel.hasSubscribers, tracing.hasSubscribers],
      ran,
      unbound,
      sync,
      promised,
      rejected,
      called,
      traced,
      unsubscribed,
      errors,
    };
  },
};
