//# allFunctionsCalledOnLoad
// Small Web APIs: structuredClone, queueMicrotask, reportError, performance, crypto, navigator,
// scheduler and `self`.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    DateNow, NumberPrototypeToString, ObjectDefineProperty, ObjectSetPrototypeOf, Promise, PromisePrototypeThen,
    PromiseResolve, Set,
    SetPrototypeHas, SymbolToStringTag, TypeError, TypedArrayPrototypeGetByteLength,
    TypedArrayPrototypeGetSymbolToStringTag, Uint8Array,
  } = primordials;
  const hostStructuredClone = host.structuredClone;
  const randomFill = host.randomFill;
  const now = host.now;
  const DOMException = internals.DOMException;

  // Errors raised by timers, queueMicrotask and reportError: the first one fails the run.
  let reportedError;
  let hasReportedError = false;
  function reportError(error) {
    if (!hasReportedError) {
      hasReportedError = true;
      reportedError = error;
    }
  }
  function takeReportedError() {
    if (!hasReportedError) return undefined;
    hasReportedError = false;
    const error = reportedError;
    reportedError = undefined;
    return [error];
  }
  internals.reportError = reportError;
  internals.takeReportedError = takeReportedError;
  internals.hasReportedError = () => hasReportedError;
  const integerArrays = new Set();
  const integerArrayNames = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
    'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'];
  for (let index = 0; index < integerArrayNames.length; index++) integerArrays.add(integerArrayNames[index]);

  function structuredClone(value, options = undefined) {
    if (arguments.length === 0) {
      throw new TypeError("Failed to execute 'structuredClone': 1 argument required, but only 0 present.");
    }
    const transfer = options?.transfer;
    if (transfer !== undefined && transfer !== null) {
      return hostStructuredClone(value, [...transfer]);
    }
    return hostStructuredClone(value);
  }

  function queueMicrotask(callback) {
    if (typeof callback !== 'function') {
      throw new TypeError("Failed to execute 'queueMicrotask': parameter 1 is not of type 'Function'.");
    }
    PromisePrototypeThen(PromiseResolve(), () => {
      try {
        callback();
      } catch (error) {
        reportError(error);
      }
    });
  }

  let timeOrigin;
  const performance = {
    now() { return now(); },
    get timeOrigin() {
      if (timeOrigin === undefined) timeOrigin = DateNow() - now();
      return timeOrigin;
    },
    toJSON() { return { timeOrigin: this.timeOrigin }; },
  };
  ObjectDefineProperty(performance, SymbolToStringTag, { __proto__: null, value: 'Performance', configurable: true });
  // User Timing (`web/performance.js`) loads on the first read of one of its methods or classes.
  internals.performance = performance;
  const loadPerformance = internals.lazyUnit(['web/performance.js']);
  const timing = ['mark', 'measure', 'getEntries', 'getEntriesByName', 'getEntriesByType', 'clearMarks', 'clearMeasures'];
  for (let index = 0; index < timing.length; index++) internals.lazyProperty(performance, timing[index], loadPerformance, true);
  internals.lazyGlobal('PerformanceEntry', loadPerformance);
  internals.lazyGlobal('PerformanceMark', loadPerformance);
  internals.lazyGlobal('PerformanceMeasure', loadPerformance);
  // `performance` is a Performance, whose prototype has workerd's Node.js extras
  // (`performance.timerify`, ...); the class and the extras load with the unit.
  const performancePrototype = {};
  ObjectSetPrototypeOf(performance, performancePrototype);
  internals.performancePrototype = performancePrototype;
  const extras = ['constructor', 'eventCounts', 'nodeTiming', 'timerify', 'eventLoopUtilization', 'markResourceTiming',
    'clearResourceTimings', 'setResourceTimingBufferSize'];
  for (let index = 0; index < extras.length; index++) internals.lazyProperty(performancePrototype, extras[index], loadPerformance);
  internals.lazyGlobal('Performance', loadPerformance);
  internals.lazyGlobal('PerformanceObserver', loadPerformance);
  internals.lazyGlobal('PerformanceObserverEntryList', loadPerformance);
  internals.lazyGlobal('PerformanceResourceTiming', loadPerformance);

  const hex = [];
  for (let index = 0; index < 256; index++) hex[index] = (index < 16 ? '0' : '') + NumberPrototypeToString(index, 16);

  const crypto = {
    getRandomValues(array) {
      const tag = TypedArrayPrototypeGetSymbolToStringTag(array);
      if (!SetPrototypeHas(integerArrays, tag)) {
        throw new DOMException(
          "Failed to execute 'getRandomValues' on 'Crypto': The provided ArrayBufferView is not an integer array type.",
          'TypeMismatchError');
      }
      const byteLength = TypedArrayPrototypeGetByteLength(array);
      if (byteLength > 65536) {
        throw new DOMException(
          `Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (${byteLength}) exceeds the number of bytes of entropy available via this API (65536).`,
          'QuotaExceededError');
      }
      randomFill(array);
      return array;
    },
    randomUUID() {
      const bytes = randomFill(new Uint8Array(16));
      bytes[6] = (bytes[6] & 0x0f) | 0x40;
      bytes[8] = (bytes[8] & 0x3f) | 0x80;
      return hex[bytes[0]] + hex[bytes[1]] + hex[bytes[2]] + hex[bytes[3]] + '-' +
        hex[bytes[4]] + hex[bytes[5]] + '-' + hex[bytes[6]] + hex[bytes[7]] + '-' +
        hex[bytes[8]] + hex[bytes[9]] + '-' + hex[bytes[10]] + hex[bytes[11]] +
        hex[bytes[12]] + hex[bytes[13]] + hex[bytes[14]] + hex[bytes[15]];
    },
  };
  ObjectDefineProperty(crypto, SymbolToStringTag, { __proto__: null, value: 'Crypto', configurable: true });
  internals.crypto = crypto;

  // workerd's values: libraries detect the Workers runtime by this user agent.
  const navigator = {};
  ObjectDefineProperty(navigator, 'userAgent', { __proto__: null, value: 'Cloudflare-Workers', enumerable: true });
  ObjectDefineProperty(navigator, 'hardwareConcurrency', { __proto__: null, value: 1, enumerable: true });
  // workerd's, whatever the host's locale: read-only, enumerable, configurable.
  ObjectDefineProperty(navigator, 'language', { __proto__: null, value: 'en', enumerable: true, configurable: true });
  ObjectDefineProperty(navigator, 'languages', { __proto__: null, value: ['en'], enumerable: true, configurable: true });
  ObjectDefineProperty(navigator, SymbolToStringTag, { __proto__: null, value: 'Navigator', configurable: true });

  // The timers load on first use: these forward to them.
  const setTimeout = internals.setTimeout;
  const clearTimeout = internals.clearTimeout;
  const scheduler = {
    // Resolves after `delay` milliseconds, or rejects when `options.signal` aborts.
    wait(delay, options = undefined) {
      const signal = options?.signal;
      return new Promise((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const timer = setTimeout(resolve, delay);
        if (signal !== undefined) {
          internals.addAbortAlgorithm(signal, (reason) => {
            clearTimeout(timer);
            reject(reason);
          });
        }
      });
    },
  };
  ObjectDefineProperty(scheduler, SymbolToStringTag, { __proto__: null, value: 'Scheduler', configurable: true });

  // `self` is the global object, as in a worker (lodash and jszip find the global object
  // through it). workerd makes it enumerable; here it is not, like every other global, so
  // `Object.keys(globalThis)` stays empty (a known difference in tests/conformance/).
  internals.defineGlobal('self', globalThis);
  internals.defineGlobal('navigator', navigator);
  internals.defineGlobal('scheduler', scheduler);
  internals.defineGlobal('structuredClone', structuredClone);
  internals.defineGlobal('queueMicrotask', queueMicrotask);
  internals.queueMicrotask = queueMicrotask;
  internals.defineGlobal('reportError', function reportErrorGlobal(error) { reportError(error); });
  internals.defineGlobal('performance', performance);
  internals.defineGlobal('crypto', crypto);
});
