//# allFunctionsCalledOnLoad
// Headers, Blob, File, FormData, Request, Response and fetch, loaded on first use, URL and
// events first: the implementations are `js/lazy/{headers,blob,form_data,fetch}.js`.
(function (globalThis, host, internals) {
  'use strict';

  // Indices in bootstrap.rs's LAZY_SCRIPTS.
  const HEADERS = 5, BLOB = 6, FORM_DATA = 7, FETCH = 8;
  const loadUrl = internals.loadUrl;
  const loadEvents = internals.loadEvents;
  const load = internals.lazyUnit([HEADERS, BLOB, FORM_DATA, FETCH], () => {
    loadUrl();
    loadEvents();
  });
  for (const name of ['Headers', 'Blob', 'File', 'FormData', 'Request', 'Response', 'fetch']) {
    internals.lazyGlobal(name, load);
  }
  // What the entrypoint (a fetch handler's request and response) and the host's event loop
  // (network events) call.
  internals.lazyFunctions(['requestFromParts', 'responseParts', 'fetchEvent'], load);
});
