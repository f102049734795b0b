//# allFunctionsCalledOnLoad
// performance.mark/measure, the entries they record, and the PerformanceEntry,
// PerformanceMark and PerformanceMeasure classes, as workerd has them (which departs from User
// Timing: entries in the order they were made, a mark's detail kept as given rather than
// cloned, an unknown mark name read as 0 rather than an error, and an end mark used only with
// a start mark).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayPrototypePush, ArrayPrototypeSplice, Map, MapPrototypeEntries, MapPrototypeGet, MapPrototypeGetSize,
    MapPrototypeHas, MapPrototypeKeys, MapPrototypeValues, ObjectDefineProperty, ObjectSetPrototypeOf,
    ReflectGetOwnPropertyDescriptor,
    String, SymbolIterator, SymbolToStringTag, TypeError, safeArray,
  } = primordials;
  const now = host.now;
  const performance = internals.performance;

  // Every mark and measure `performance` recorded, in the order they were made (an array
  // without a prototype: `splice` then consults no `constructor` the code replaced).
  const entries = safeArray();

  // workerd's error for a `detail` that is not an object.
  function checkDetail(detail) {
    if (detail !== undefined && ((typeof detail !== 'object' && typeof detail !== 'function') || detail === null)) {
      throw new TypeError("Incorrect type for the 'detail' field on 'Options': the provided value is not of type 'Object'.");
    }
    return detail === undefined ? null : detail;
  }

  let entryKey;
  // An entry's fields, read without its getters, which the code can replace.
  let nameOf;
  let typeOf;
  let startOf;
  let durationOf;

  class PerformanceEntry {
    #name;
    #entryType;
    #startTime;
    #duration;
    constructor(key, name = undefined, entryType = undefined, startTime = undefined, duration = undefined) {
      if (key !== entryKey) throw new TypeError('Illegal constructor');
      this.#name = name;
      this.#entryType = entryType;
      this.#startTime = startTime;
      this.#duration = duration;
    }
    static {
      entryKey = {};
      nameOf = (entry) => entry.#name;
      typeOf = (entry) => entry.#entryType;
      startOf = (entry) => entry.#startTime;
      durationOf = (entry) => entry.#duration;
    }
    get name() { return this.#name; }
    get entryType() { return this.#entryType; }
    get startTime() { return this.#startTime; }
    get duration() { return this.#duration; }
    toJSON() {
      return { name: this.#name, entryType: this.#entryType, startTime: this.#startTime, duration: this.#duration };
    }
  }
  internals.webClass(PerformanceEntry);

  // The checks `performance.mark` and `new PerformanceMark` share: the start time and detail.
  function checkOptionsType(options, method) {
    if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
      throw new TypeError(`${method} parameter 2 is not of type 'Options'.`);
    }
  }
  function markOptions(options, method) {
    checkOptionsType(options, method);
    const detail = checkDetail(options?.detail);
    const startTime = options?.startTime === undefined ? now() : +options.startTime;
    return [startTime, detail];
  }

  // A mark's or measure's `toJSON()`: workerd leaves out a detail that was not given.
  function entryJSON(entry, detail) {
    const json = { name: nameOf(entry), entryType: typeOf(entry), startTime: startOf(entry), duration: durationOf(entry) };
    if (detail !== null) json.detail = detail;
    return json;
  }

  class PerformanceMark extends PerformanceEntry {
    #detail;
    constructor(name, options = undefined) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to construct 'PerformanceMark': constructor parameter 1 is not of type 'string'.");
      }
      name = String(name);
      const checked = markOptions(options, "Failed to construct 'PerformanceMark':");
      super(entryKey, name, 'mark', checked[0], 0);
      this.#detail = checked[1];
    }
    get detail() { return this.#detail; }
    toJSON() {
      return entryJSON(this, this.#detail);
    }
  }
  internals.webClass(PerformanceMark);

  let measureKey;
  class PerformanceMeasure extends PerformanceEntry {
    #detail;
    constructor(key, name = undefined, startTime = undefined, duration = undefined, detail = null) {
      if (key !== measureKey) throw new TypeError('Illegal constructor');
      super(entryKey, name, 'measure', startTime, duration);
      this.#detail = detail;
    }
    static {
      measureKey = {};
    }
    get detail() { return this.#detail; }
    toJSON() {
      return entryJSON(this, this.#detail);
    }
  }
  internals.webClass(PerformanceMeasure);

  // The start time of the first mark named `name`, or 0 (workerd's reading of an unknown mark).
  function markTime(name) {
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index];
      if (typeOf(entry) === 'mark' && nameOf(entry) === name) return startOf(entry);
    }
    return undefined;
  }

  // Methods of `performance`, written as an object literal's so they have its methods' names.
  const methods = {
    mark(name, options = undefined) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to execute 'mark' on 'Performance': parameter 1 is not of type 'string'.");
      }
      // Checked here too, for workerd's message naming the method.
      checkOptionsType(options, "Failed to execute 'mark' on 'Performance':");
      const mark = new PerformanceMark(name, options);
      ArrayPrototypePush(entries, mark);
      return mark;
    },
    measure(name, startOrOptions = undefined, endMark = undefined) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to execute 'measure' on 'Performance': parameter 1 is not of type 'string'.");
      }
      name = String(name);
      let start;
      let end;
      let detail = null;
      if ((typeof startOrOptions === 'object' && startOrOptions !== null) || typeof startOrOptions === 'function') {
        // Options: the end mark is not read.
        detail = checkDetail(startOrOptions.detail);
        start = startOrOptions.start === undefined ? 0 : +startOrOptions.start;
        if (startOrOptions.end !== undefined) end = +startOrOptions.end;
        else if (startOrOptions.duration !== undefined) end = start + +startOrOptions.duration;
        else end = now();
      } else if (startOrOptions !== undefined) {
        start = markTime(String(startOrOptions)) ?? 0;
        end = endMark === undefined ? now() : markTime(String(endMark)) ?? now();
      } else {
        start = 0;
        end = now();
      }
      const duration = end - start > 0 ? end - start : 0;
      const measure = new PerformanceMeasure(measureKey, name, start, duration, detail);
      ArrayPrototypePush(entries, measure);
      return measure;
    },
    getEntries() {
      return select(undefined, undefined);
    },
    getEntriesByName(name, type = undefined) {
      return select(String(name), type === undefined ? undefined : String(type));
    },
    getEntriesByType(type) {
      return select(undefined, String(type));
    },
    clearMarks(name = undefined) {
      clear('mark', name === undefined ? undefined : String(name));
    },
    clearMeasures(name = undefined) {
      clear('measure', name === undefined ? undefined : String(name));
    },
  };

  // The entries with that name and type (each `undefined` for any), in a new array.
  function select(name, type) {
    const selected = [];
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index];
      if ((name === undefined || nameOf(entry) === name) && (type === undefined || typeOf(entry) === type)) {
        ArrayPrototypePush(selected, entry);
      }
    }
    return selected;
  }

  function clear(type, name) {
    for (let index = entries.length - 1; index >= 0; index--) {
      const entry = entries[index];
      if (typeOf(entry) === type && (name === undefined || nameOf(entry) === name)) ArrayPrototypeSplice(entries, index, 1);
    }
  }

  const names = ['mark', 'measure', 'getEntries', 'getEntriesByName', 'getEntriesByType', 'clearMarks', 'clearMeasures'];
  for (let index = 0; index < names.length; index++) {
    internals.lazyDefine(performance, names[index], methods[names[index]]);
  }
  internals.defineLazyGlobal('PerformanceEntry', PerformanceEntry);
  internals.defineLazyGlobal('PerformanceMark', PerformanceMark);
  internals.defineLazyGlobal('PerformanceMeasure', PerformanceMeasure);

  // -- Performance, its Node.js extras, and the classes of observers and resource timing ----
  // As workerd has them: the observers see nothing (workerd records no entries for them), no
  // resource timing is recorded, and the Node.js extras answer with zeros.

  function illegal() {
    throw new TypeError('Illegal constructor');
  }

  // `performance`'s prototype, made with it at snapshot time (`web/web.js`).
  const prototype = internals.performancePrototype;
  function Performance() {
    illegal();
  }
  Performance.prototype = prototype;
  const own = {
    now() { return now(); },
    get timeOrigin() { return performance.timeOrigin; },
    toJSON() { return { timeOrigin: performance.timeOrigin }; },
  };
  const ownKeys = ['now', 'timeOrigin', 'toJSON'];
  for (let index = 0; index < ownKeys.length; index++) {
    const descriptor = ObjectSetPrototypeOf(ReflectGetOwnPropertyDescriptor(own, ownKeys[index]), null);
    descriptor.enumerable = false;
    ObjectDefineProperty(prototype, ownKeys[index], descriptor);
  }
  for (let index = 0; index < names.length; index++) {
    ObjectDefineProperty(prototype, names[index], {
      __proto__: null, value: methods[names[index]], writable: true, enumerable: false, configurable: true,
    });
  }
  ObjectDefineProperty(prototype, SymbolToStringTag, { __proto__: null, value: 'Performance', configurable: true });

  // `performance.eventCounts`: no events are counted.
  class EventCounts {
    #counts = new Map();
    get size() { return MapPrototypeGetSize(this.#counts); }
    get(type) { return MapPrototypeGet(this.#counts, type); }
    has(type) { return MapPrototypeHas(this.#counts, type); }
    entries() { return MapPrototypeEntries(this.#counts); }
    keys() { return MapPrototypeKeys(this.#counts); }
    values() { return MapPrototypeValues(this.#counts); }
    forEach(callback, thisArg = undefined) {}
    [SymbolIterator]() { return MapPrototypeEntries(this.#counts); }
  }
  internals.webClass(EventCounts);

  // `performance.nodeTiming`: the milestones of a Node.js process, which a run has none of.
  class PerformanceNodeTiming extends PerformanceEntry {
    uvMetricsInfo = { loopCount: 0, events: 0, eventsWaiting: 0 };
    idleTime = 0;
    loopExit = 0;
    loopStart = 0;
    environment = 0;
    bootstrapComplete = 0;
    v8Start = 0;
    nodeStart = 0;
    constructor() {
      super(entryKey, 'node', 'node', 0, 0);
    }
    toJSON() {
      return {
        name: 'node', entryType: 'node', startTime: 0, duration: 0, nodeStart: 0, v8Start: 0, bootstrapComplete: 0,
        environment: 0, loopStart: 0, loopExit: 0, idleTime: 0,
        uvMetricsInfo: { loopCount: 0, events: 0, eventsWaiting: 0 },
      };
    }
  }
  internals.webClass(PerformanceNodeTiming);

  const extras = {
    eventCounts: new EventCounts(),
    nodeTiming: new PerformanceNodeTiming(),
    // The function as it is: nothing is timed.
    timerify(fn, options = undefined) { return fn; },
    eventLoopUtilization(utilization1 = undefined, utilization2 = undefined) {
      return { idle: 0, active: 0, utilization: 0 };
    },
    markResourceTiming() {},
    clearResourceTimings() {},
    setResourceTimingBufferSize(size) {},
  };

  function PerformanceObserver(callback) {
    if (new.target === undefined) {
      throw new TypeError("Failed to construct 'PerformanceObserver': Please use the 'new' operator, this object constructor cannot be called as a function.");
    }
    if (arguments.length === 0) {
      throw new TypeError("Failed to construct 'PerformanceObserver': constructor parameter 1 is not of type 'Value'.");
    }
  }
  const observerMethods = {
    observe(options = undefined) {},
    disconnect() {},
    takeRecords() { return []; },
  };
  const observerKeys = ['observe', 'disconnect', 'takeRecords'];
  for (let index = 0; index < observerKeys.length; index++) {
    ObjectDefineProperty(PerformanceObserver.prototype, observerKeys[index], {
      __proto__: null, value: observerMethods[observerKeys[index]], writable: true, enumerable: false, configurable: true,
    });
  }
  ObjectDefineProperty(PerformanceObserver, 'supportedEntryTypes', {
    __proto__: null, get() { return ['measure', 'mark']; }, enumerable: false, configurable: true,
  });
  internals.webClass(PerformanceObserver);

  class PerformanceObserverEntryList {
    constructor() {
      illegal();
    }
    getEntries() { return []; }
    getEntriesByName(name, type = undefined) { return []; }
    getEntriesByType(type) { return []; }
  }
  internals.webClass(PerformanceObserverEntryList);

  // No resource timing is recorded, so there is never an instance to read.
  class PerformanceResourceTiming extends PerformanceEntry {
    constructor() {
      illegal();
    }
  }
  const timings = ['connectEnd', 'connectStart', 'decodedBodySize', 'domainLookupEnd', 'domainLookupStart',
    'encodedBodySize', 'fetchStart', 'initiatorType', 'nextHopProtocol', 'redirectEnd', 'redirectStart', 'requestStart',
    'responseEnd', 'responseStart', 'responseStatus', 'secureConnectionStart', 'transferSize', 'workerStart'];
  for (let index = 0; index < timings.length; index++) {
    ObjectDefineProperty(PerformanceResourceTiming.prototype, timings[index], {
      __proto__: null,
      get() { throw new TypeError('Illegal invocation'); },
      enumerable: false,
      configurable: true,
    });
  }
  internals.webClass(PerformanceResourceTiming);

  internals.lazyDefine(prototype, 'constructor', Performance);
  const extraKeys = ['eventCounts', 'nodeTiming', 'timerify', 'eventLoopUtilization', 'markResourceTiming',
    'clearResourceTimings', 'setResourceTimingBufferSize'];
  for (let index = 0; index < extraKeys.length; index++) {
    internals.lazyDefine(prototype, extraKeys[index], extras[extraKeys[index]]);
  }
  internals.defineLazyGlobal('Performance', Performance);
  internals.defineLazyGlobal('PerformanceObserver', PerformanceObserver);
  internals.defineLazyGlobal('PerformanceObserverEntryList', PerformanceObserverEntryList);
  internals.defineLazyGlobal('PerformanceResourceTiming', PerformanceResourceTiming);
});
