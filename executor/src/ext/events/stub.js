//# allFunctionsCalledOnLoad
// Event, CustomEvent, EventTarget, AbortSignal and AbortController, loaded on first use:
// the implementation is `events/events.js`.
(function (globalThis, host, internals) {
  'use strict';

  const load = internals.lazyUnit(['events/events.js']);
  internals.loadEvents = load;
  for (const name of ['Event', 'CustomEvent', 'EventTarget', 'AbortSignal', 'AbortController']) {
    internals.lazyGlobal(name, load);
  }
  internals.lazyFunctions(['addAbortAlgorithm', 'createAbortSignal', 'signalAbort'], load);
});
