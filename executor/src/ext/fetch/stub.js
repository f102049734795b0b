//# allFunctionsCalledOnLoad
// Headers, Blob, File, FormData, Request, Response and fetch, loaded on first use, URL and
// events first: the implementations are `fetch/{headers,blob,form_data,fetch}.js`.
(function (globalThis, host, internals) {
  'use strict';

  const loadUrl = internals.loadUrl;
  const loadEvents = internals.loadEvents;
  const load = internals.lazyUnit(['fetch/headers.js', 'fetch/blob.js', 'fetch/form_data.js', 'fetch/fetch.js'], () => {
    loadUrl();
    loadEvents();
  });
  internals.loadFetch = load;
  for (const name of ['Headers', 'Blob', 'File', 'FormData', 'Request', 'Response', 'fetch']) {
    internals.lazyGlobal(name, load);
  }
  // What the entrypoint (a fetch handler's request and response) and the host's event loop
  // (network events) call.
  internals.lazyFunctions(['requestFromParts', 'responseParts', 'fetchEvent'], load);
  // What a service binding's Fetcher (`tools/tools.js`) calls.
  internals.lazyFunctions(['serviceFetch'], load);
});
