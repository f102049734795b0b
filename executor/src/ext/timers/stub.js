//# allFunctionsCalledOnLoad
// setTimeout, setInterval, clearTimeout and clearInterval, loaded on first use: the
// implementation is `timers/timers.js`. Until then there is no timer for the host's event
// loop to run. And the waiters of Atomics.waitAsync, which keep the event loop going too.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { AtomicsWaitAsync, ObjectDefineProperty, PromisePrototypeThen, RangeError } = primordials;

  const load = internals.lazyUnit(['timers/timers.js']);
  internals.lazyGlobal('setTimeout', load);
  internals.lazyGlobal('setInterval', load);
  internals.lazyGlobal('clearTimeout', load);
  internals.lazyGlobal('clearInterval', load);
  internals.lazyFunctions(['setTimeout', 'setInterval', 'clearTimeout'], load);
  // Replaced by the implementation when it loads.
  internals.runNextTimer = () => -1;

  // Atomics.waitAsync. V8 settles a waiter's promise by a task it posts for the host, which
  // the event loop runs: on Atomics.notify, or at the timeout (a delayed task). While a
  // waiter is pending it keeps the run going, as a timer does, and the event loop wakes at its
  // timeout (`nextWaiter`). The wrapper only notes the deadline; V8 does the rest.
  const now = host.now;
  const memoryCharge = host.memoryCharge;
  const memoryRelease = host.memoryRelease;
  // What V8 keeps for each pending waiter outside the heap (its node in the wait list, two
  // global handles, a task runner reference), rounded up; counted against the memory limit
  // while the waiter is pending. Counted here, in the one wrapper that exists from the
  // snapshot on, so that no copy of the function taken earlier escapes the count.
  const WAITER_BYTES = 512;
  const releaseWaiter = () => { memoryRelease(WAITER_BYTES); };
  // Deadlines of the pending waiters (milliseconds on `host.now()`'s clock, Infinity for
  // none), unordered; plain indexing only, so patched Array methods are never called.
  const deadlines = [];

  function forget(deadline) {
    for (let index = 0; index < deadlines.length; index++) {
      if (deadlines[index] === deadline) {
        deadlines[index] = deadlines[deadlines.length - 1];
        deadlines.length--;
        return;
      }
    }
  }

  const { waitAsync } = {
    waitAsync(typedArray, index, value, timeout) {
      let milliseconds = Infinity;
      // V8 converts the timeout after the index and the value; read it then, and only once.
      const probe = { __proto__: null, valueOf() { milliseconds = +timeout; return milliseconds; } };
      const result = AtomicsWaitAsync(typedArray, index, value, timeout === undefined ? undefined : probe);
      if (result.async) {
        const deadline = milliseconds === milliseconds ? now() + (milliseconds > 0 ? milliseconds : 0) : Infinity;
        deadlines[deadlines.length] = deadline;
        const settled = () => forget(deadline);
        PromisePrototypeThen(result.value, settled, settled);
        if (!memoryCharge(WAITER_BYTES)) {
          throw new RangeError('Atomics.waitAsync failed: the memory limit is reached');
        }
        PromisePrototypeThen(result.value, releaseWaiter, releaseWaiter);
      }
      return result;
    },
  };
  ObjectDefineProperty(primordials.Atomics, 'waitAsync', {
    __proto__: null, value: waitAsync, writable: true, enumerable: false, configurable: true,
  });

  // -1 when no waiter is pending, else the earliest deadline (Infinity when none has one).
  internals.nextWaiter = () => {
    if (deadlines.length === 0) return -1;
    let earliest = Infinity;
    for (let index = 0; index < deadlines.length; index++) {
      if (deadlines[index] < earliest) earliest = deadlines[index];
    }
    return earliest;
  };
});
