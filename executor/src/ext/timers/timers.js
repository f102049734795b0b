//# allFunctionsCalledOnLoad
// setTimeout and friends. Timers live in a min-heap ordered by (deadline, sequence); the
// host's event loop calls `internals.runNextTimer()` and sleeps until the deadline it
// returns. Times are milliseconds on the host's monotonic clock (`host.now()`).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayPrototypePop, ArrayPrototypePush, Map, MapPrototypeDelete, MapPrototypeGet, MapPrototypeSet, MathMax,
    MathTrunc, Number, ReflectApply, TypeError,
  } = primordials;
  const now = host.now;
  // The async context (node:async_hooks) a timer was set in, restored while it runs.
  const asyncContextGet = host.asyncContextGet;
  const asyncContextSet = host.asyncContextSet;
  const reportError = internals.reportError;
  const MAX_DELAY = 2147483647;

  const heap = [];
  const active = new Map();
  let nextId = 1;
  let sequence = 0;

  function before(a, b) {
    return a.deadline < b.deadline || (a.deadline === b.deadline && a.sequence < b.sequence);
  }
  function push(timer) {
    ArrayPrototypePush(heap, timer);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index], heap[parent])) break;
      const swapped = heap[index];
      heap[index] = heap[parent];
      heap[parent] = swapped;
      index = parent;
    }
  }
  function pop() {
    const top = heap[0];
    const last = ArrayPrototypePop(heap);
    if (heap.length > 0) {
      heap[0] = last;
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
        if (smallest === index) break;
        const swapped = heap[index];
        heap[index] = heap[smallest];
        heap[smallest] = swapped;
        index = smallest;
      }
    }
    return top;
  }

  function normalizeDelay(delay) {
    delay = Number(delay);
    if (!(delay >= 1) || delay > MAX_DELAY) return delay > MAX_DELAY ? 1 : 0;
    return MathTrunc(delay);
  }

  function schedule(callback, delay, args, repeat) {
    if (typeof callback !== 'function') {
      throw new TypeError(
        'The callback must be a function; strings are not evaluated (code generation is disabled)');
    }
    const id = nextId++;
    const interval = normalizeDelay(delay);
    const timer = {
      id,
      callback,
      args,
      interval: repeat ? MathMax(interval, 1) : -1,
      deadline: now() + interval,
      sequence: sequence++,
      context: asyncContextGet(),
    };
    MapPrototypeSet(active, id, timer);
    push(timer);
    return id;
  }

  function clear(id) {
    if (typeof id === 'object' && id !== null) id = Number(id);
    MapPrototypeDelete(active, id);
  }

  // Runs at most one due timer. Returns -2 if a timer ran (run microtasks, then call again),
  // the deadline of the next timer if none is due yet, or -1 if no timer is pending.
  function runNextTimer() {
    while (heap.length > 0 && MapPrototypeGet(active, heap[0].id) !== heap[0]) pop();
    if (heap.length === 0) return -1;
    const current = now();
    if (heap[0].deadline > current) return heap[0].deadline;
    const timer = pop();
    if (timer.interval >= 0) {
      timer.deadline = current + timer.interval;
      timer.sequence = sequence++;
      push(timer);
    } else {
      MapPrototypeDelete(active, timer.id);
    }
    const outer = asyncContextGet();
    asyncContextSet(timer.context);
    try {
      ReflectApply(timer.callback, globalThis, timer.args);
    } catch (error) {
      reportError(error);
    } finally {
      asyncContextSet(outer);
    }
    return -2;
  }

  function setTimeout(callback, delay = 0, ...args) {
    return schedule(callback, delay, args, false);
  }
  function setInterval(callback, delay = 0, ...args) {
    return schedule(callback, delay, args, true);
  }
  function clearTimeout(id) { clear(id); }
  internals.setTimeout = setTimeout;
  internals.setInterval = setInterval;
  internals.clearTimeout = clearTimeout;
  internals.runNextTimer = runNextTimer;

  // With `enable_nodejs_global_timers` (the run sets `internals.nodeGlobalTimers`), the
  // globals are node:timers' functions, whose Timeout objects run on the ones above.
  if (internals.nodeGlobalTimers) {
    const timers = internals.nodeModule('timers');
    internals.defineLazyGlobal('setTimeout', timers.setTimeout);
    internals.defineLazyGlobal('setInterval', timers.setInterval);
    internals.defineLazyGlobal('clearTimeout', timers.clearTimeout);
    internals.defineLazyGlobal('clearInterval', timers.clearInterval);
  } else {
    internals.defineLazyGlobal('setTimeout', setTimeout);
    internals.defineLazyGlobal('setInterval', setInterval);
    internals.defineLazyGlobal('clearTimeout', clearTimeout);
    internals.defineLazyGlobal('clearInterval', function clearInterval(id) { clear(id); });
  }
});
