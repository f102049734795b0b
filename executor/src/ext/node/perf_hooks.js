//# allFunctionsCalledOnLoad
// `perf_hooks`, as workerd has it: the runtime's `performance` and its classes (the observers
// see nothing, as workerd's), `timerify` returning the function as it is, an event loop that
// reports no utilization, Node.js's constants, and ERR_METHOD_NOT_IMPLEMENTED from
// `createHistogram` and `monitorEventLoopDelay`.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const { ObjectFreeze } = primordials;
  const { codes: { ERR_METHOD_NOT_IMPLEMENTED } } = internals.nodeModule('internal/errors');
  const global = (key) => internals.lazyGet(globalThis, key);

  const constants = ObjectFreeze({
    NODE_PERFORMANCE_GC_MAJOR: 4,
    NODE_PERFORMANCE_GC_MINOR: 1,
    NODE_PERFORMANCE_GC_INCREMENTAL: 8,
    NODE_PERFORMANCE_GC_WEAKCB: 16,
    NODE_PERFORMANCE_GC_FLAGS_NO: 0,
    NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
    NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
    NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
    NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
    NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
    NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
    NODE_PERFORMANCE_ENTRY_TYPE_GC: 0,
    NODE_PERFORMANCE_ENTRY_TYPE_HTTP: 1,
    NODE_PERFORMANCE_ENTRY_TYPE_HTTP2: 2,
    NODE_PERFORMANCE_ENTRY_TYPE_NET: 3,
    NODE_PERFORMANCE_ENTRY_TYPE_DNS: 4,
    NODE_PERFORMANCE_MILESTONE_TIME_ORIGIN_TIMESTAMP: 0,
    NODE_PERFORMANCE_MILESTONE_TIME_ORIGIN: 1,
    NODE_PERFORMANCE_MILESTONE_ENVIRONMENT: 2,
    NODE_PERFORMANCE_MILESTONE_NODE_START: 3,
    NODE_PERFORMANCE_MILESTONE_V8_START: 4,
    NODE_PERFORMANCE_MILESTONE_LOOP_START: 5,
    NODE_PERFORMANCE_MILESTONE_LOOP_EXIT: 6,
    NODE_PERFORMANCE_MILESTONE_BOOTSTRAP_COMPLETE: 7,
  });

  return {
    Performance: global('Performance'),
    PerformanceEntry: global('PerformanceEntry'),
    PerformanceMark: global('PerformanceMark'),
    PerformanceMeasure: global('PerformanceMeasure'),
    PerformanceObserver: global('PerformanceObserver'),
    PerformanceObserverEntryList: global('PerformanceObserverEntryList'),
    PerformanceResourceTiming: global('PerformanceResourceTiming'),
    monitorEventLoopDelay() {
      throw new ERR_METHOD_NOT_IMPLEMENTED('monitorEventLoopDelay');
    },
    createHistogram() {
      throw new ERR_METHOD_NOT_IMPLEMENTED('createHistogram');
    },
    eventLoopUtilization(utilization1, utilization2) {
      return { idle: 0, active: 0, utilization: 0 };
    },
    timerify(fn) {
      return fn;
    },
    performance: internals.performance,
    constants,
  };
});
