//# allFunctionsCalledOnLoad
// Event, CustomEvent, EventTarget, AbortSignal and AbortController, loaded on first use:
// the implementation is `events/events.js`; the other events and MessageChannel,
// `events/messages.js`.
(function (globalThis, host, internals) {
  'use strict';

  const load = internals.lazyUnit(['events/events.js']);
  internals.loadEvents = load;
  for (const name of ['Event', 'CustomEvent', 'EventTarget', 'AbortSignal', 'AbortController']) {
    internals.lazyGlobal(name, load);
  }
  internals.lazyFunctions(['addAbortAlgorithm', 'createAbortSignal', 'signalAbort'], load);

  // The events of other APIs and MessageChannel, in a unit of their own.
  const loadMessages = internals.lazyUnit(['events/messages.js'], load);
  internals.loadMessages = loadMessages;
  for (const name of ['ErrorEvent', 'PromiseRejectionEvent', 'CloseEvent', 'MessageEvent', 'MessageChannel',
    'MessagePort']) {
    internals.lazyGlobal(name, loadMessages);
  }
});
