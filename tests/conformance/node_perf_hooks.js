// compatibilityDate: 2026-11-17
// node:perf_hooks, as workerd has it: the global `performance` and its classes (observers see
// nothing), `timerify` returning the function, no event loop utilization, Node.js's
// constants, and ERR_METHOD_NOT_IMPLEMENTED for histograms.
import perfHooks, * as namespace from "node:perf_hooks";

const thrown = (call) => {
  try {
    const value = call();
    return ["returned", value === undefined ? "undefined" : Object.prototype.toString.call(value)];
  } catch (error) {
    return [error.name, error.code ?? null, error.message];
  }
};
const classes = ["Performance", "PerformanceEntry", "PerformanceMark", "PerformanceMeasure", "PerformanceObserver",
  "PerformanceObserverEntryList", "PerformanceResourceTiming"];

export default {
  async run() {
    const fn = function measured(a, b) { return a + b; };
    const seen = [];
    const observer = new perfHooks.PerformanceObserver((list) => seen.push(list.getEntries().length));
    observer.observe({ entryTypes: ["mark", "measure"] });
    performance.mark("perf-hooks-mark");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const records = observer.takeRecords();
    observer.disconnect();
    performance.clearMarks("perf-hooks-mark");
    return JSON.parse(JSON.stringify({
      exports: Object.keys(namespace).sort(),
      defaultKeys: Object.keys(perfHooks),
      globals: classes.map((name) => perfHooks[name] === globalThis[name]),
      performance: [perfHooks.performance === performance, performance instanceof perfHooks.Performance,
        Object.getPrototypeOf(performance) === perfHooks.Performance.prototype],
      prototype: Object.getOwnPropertyNames(perfHooks.Performance.prototype).sort(),
      constructors: classes.map((name) => thrown(() => new perfHooks[name]("x"))),
      constructorMessages: [thrown(() => new perfHooks.PerformanceObserver()), thrown(() => perfHooks.PerformanceObserver(() => {}))],
      observer: [perfHooks.PerformanceObserver.supportedEntryTypes, Object.getOwnPropertyNames(perfHooks.PerformanceObserver.prototype).sort(), seen, records],
      listMethods: Object.getOwnPropertyNames(perfHooks.PerformanceObserverEntryList.prototype).sort(),
      resourceTiming: Object.getOwnPropertyNames(perfHooks.PerformanceResourceTiming.prototype).sort(),
      extras: [
        performance.timerify(fn) === fn,
        perfHooks.timerify(fn) === fn,
        perfHooks.eventLoopUtilization(),
        performance.eventLoopUtilization(),
        performance.nodeTiming.toJSON(),
        Object.prototype.toString.call(performance.nodeTiming),
        [Object.prototype.toString.call(performance.eventCounts), performance.eventCounts.size, [...performance.eventCounts.keys()]],
        [performance.markResourceTiming(), performance.clearResourceTimings(), performance.setResourceTimingBufferSize(10)].map(String),
        Object.keys(performance.toJSON()),
      ],
      lengths: [perfHooks.timerify.length, perfHooks.eventLoopUtilization.length, perfHooks.createHistogram.length, perfHooks.monitorEventLoopDelay.length],
      constants: [perfHooks.constants, Object.isFrozen(perfHooks.constants)],
      errors: [() => perfHooks.createHistogram(), () => perfHooks.monitorEventLoopDelay({ resolution: 10 })].map(thrown),
    }));
  },
};
