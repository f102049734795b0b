//# allFunctionsCalledOnLoad
// Event, CustomEvent, EventTarget, AbortSignal and AbortController, loaded on first use:
// the implementation is `js/lazy/events.js`.
(function (globalThis, host, internals) {
  'use strict';

  // Index of `js/lazy/events.js` in bootstrap.rs's LAZY_SCRIPTS.
  const EVENTS = 1;
  const load = internals.lazyUnit([EVENTS]);
  internals.loadEvents = load;
  for (const name of ['Event', 'CustomEvent', 'EventTarget', 'AbortSignal', 'AbortController']) {
    internals.lazyGlobal(name, load);
  }
  internals.lazyFunctions(['addAbortAlgorithm', 'createAbortSignal', 'signalAbort'], load);
});
