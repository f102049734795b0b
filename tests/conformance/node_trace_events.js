// compatibilityDate: 2026-11-17
// node:trace_events, as workerd has it: a Tracing keeps its categories and its enabled flag
// and traces nothing.
import traceEvents, * as namespace from "node:trace_events";
import { inspect } from "node:util";

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
    const categories = ["node", "v8"];
    const tracing = traceEvents.createTracing({ categories });
    const states = [tracing.enabled, tracing.categories];
    tracing.enable();
    states.push(tracing.enabled, String(tracing.enable()));
    categories.push("node.async_hooks");
    states.push(tracing.categories, inspect(tracing));
    tracing.disable();
    states.push(tracing.enabled, inspect(tracing, { depth: -1 }), inspect({ nested: { deeper: tracing } }, { depth: 0 }));
    return JSON.parse(JSON.stringify({
      exports: Object.keys(namespace).sort(),
      defaultKeys: Object.keys(traceEvents),
      enabledCategories: String(traceEvents.getEnabledCategories()),
      states,
      keys: Object.keys(tracing),
      methods: Object.getOwnPropertyNames(Object.getPrototypeOf(tracing)).sort(),
      errors: [
        () => traceEvents.createTracing(),
        () => traceEvents.createTracing("node"),
        () => traceEvents.createTracing({}),
        () => traceEvents.createTracing({ categories: "node" }),
        () => traceEvents.createTracing({ categories: ["node", 1] }),
        () => traceEvents.createTracing({ categories: [] }),
      ].map(thrown),
    }));
  },
};
