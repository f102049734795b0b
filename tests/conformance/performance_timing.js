// compatibilityDate: 2026-11-17
// performance.mark/measure, the entries they record and the PerformanceEntry, PerformanceMark
// and PerformanceMeasure classes, as workerd has them (where it departs from User Timing too).
// Times that depend on the clock are compared with performance.now(), never returned.
export default {
  async run() {
    const attempt = (make) => { try { return make(); } catch (error) { return `${error.name}: ${error.message}`; } };
    const time = (value) => Number.isNaN(value) ? "NaN" : value;
    // Every fixed time below is under 20 ms, and the clock is past it (workerd's clock is the
    // Unix epoch's): a measure that ends between the clock before and after it ends now.
    await scheduler.wait(20);
    const measured = (name, ...args) => attempt(() => {
      const before = performance.now();
      const measure = performance.measure(name, ...args);
      const after = performance.now();
      const end = measure.startTime + measure.duration;
      const untilNow = end >= before - 0.001 && end <= after + 0.001;
      return [time(measure.startTime), untilNow ? "until now" : time(measure.duration), measure.detail];
    });
    const detail = { x: 1 };
    const a = performance.mark("a", { detail, startTime: 10 });
    const before = performance.now();
    const fresh = performance.mark("fresh");
    performance.mark("b", { startTime: 5 });
    performance.mark("c", { startTime: 7 });
    performance.mark("a", { startTime: 20 });
    const result = {
      mark: [a.constructor.name, a.name, a.entryType, a.startTime, a.duration, a.detail === detail],
      freshMark: [fresh.startTime >= before, fresh.startTime <= performance.now(), fresh.detail],
      marks: performance.getEntries().map((entry) => [entry.name, entry.entryType]),
      measures: {
        byMarks: measured("m1", "a", "b"),
        fromMark: measured("m2", "b"),
        options: measured("m3", { start: 2, end: 9, detail: { d: 1 } }),
        startAndDuration: measured("m4", { start: 1, duration: 4 }),
        endAndDuration: measured("m5", { end: 9, duration: 4 }),
        all: measured("m6", { start: 1, end: 9, duration: 4 }),
        durationOnly: measured("m7", { duration: 4 }),
        endMarkIgnored: measured("m8", { start: 1 }, "c"),
        endMarkWithoutStart: measured("m9", undefined, "c"),
        unknownStart: measured("m10", "nope"),
        unknownEnd: measured("m11", "b", "nope"),
        empty: measured("m12", {}),
        markNames: measured("m13", { start: "b", end: "c" }),
        backwards: measured("m14", { start: 3, end: 1 }),
        noName: measured(),
        badDetail: measured("m15", { detail: 5 }),
      },
      byName: performance.getEntriesByName("a").map((entry) => entry.startTime),
      byNameAndType: [performance.getEntriesByName("a", "measure").length, performance.getEntriesByName("m1", "measure").length],
      byType: performance.getEntriesByType("measure").map((entry) => entry.name),
      unknownType: performance.getEntriesByType("resource"),
      newArrays: performance.getEntries() !== performance.getEntries(),
      // As JSON text: workerd's RPC does not serialize the objects its toJSON() makes.
      markJSON: JSON.stringify(a),
      measureJSON: JSON.stringify(performance.getEntriesByName("m3")[0]),
      jsonKeys: [a, fresh, performance.getEntriesByName("m1")[0]].map((entry) => Object.keys(entry.toJSON())),
      ownKeys: [Object.keys(a), Object.keys(performance.getEntriesByName("m1")[0])],
      getters: ["name", "entryType", "startTime", "duration"].map((name) => typeof Object.getOwnPropertyDescriptor(PerformanceEntry.prototype, name).get),
      detailGetters: [PerformanceMark, PerformanceMeasure].map((type) => typeof Object.getOwnPropertyDescriptor(type.prototype, "detail").get),
      chain: [Object.getPrototypeOf(PerformanceMark.prototype) === PerformanceEntry.prototype, Object.getPrototypeOf(PerformanceMeasure.prototype) === PerformanceEntry.prototype],
      constructed: attempt(() => { const mark = new PerformanceMark("z", { startTime: 3 }); return [mark.name, mark.startTime, mark.detail, performance.getEntriesByName("z").length]; }),
      errors: [
        attempt(() => new PerformanceEntry()),
        attempt(() => new PerformanceMeasure()),
        attempt(() => new PerformanceMark()),
        attempt(() => new PerformanceMark("z", { detail: null })),
        attempt(() => performance.mark()),
        attempt(() => performance.mark("s", 5)),
        attempt(() => performance.mark("s", { detail: 1 })),
      ],
      conversions: [performance.mark(5).name, performance.mark("s", { startTime: "3" }).startTime, time(performance.mark("s", { startTime: NaN }).startTime), performance.mark("s", null).name],
      tags: [String(a), String(performance.getEntriesByType("measure")[0]), Object.prototype.toString.call(PerformanceEntry.prototype)],
    };
    performance.clearMarks("a");
    result.afterClearingA = performance.getEntriesByType("mark").map((entry) => entry.name);
    performance.clearMeasures("m1");
    result.afterClearingM1 = performance.getEntriesByType("measure").length;
    performance.clearMarks();
    performance.clearMeasures();
    result.afterClearing = performance.getEntries().length;
    result.json = Object.keys(performance.toJSON());
    return result;
  },
};
