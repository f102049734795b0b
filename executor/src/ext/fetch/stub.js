//# allFunctionsCalledOnLoad
// Headers, Blob, File, FormData, Request, Response and fetch, loaded on first use, URL first:
// the implementations are `fetch/{headers,blob,form_data,fetch}.js`. FormData is a unit of its
// own, and the events unit (AbortSignal) is loaded only when a request's signal is: a fetch
// handler that uses neither does not pay for their code caches on every request.
(function (globalThis, host, internals) {
  'use strict';

  const loadUrl = internals.loadUrl;
  const load = internals.lazyUnit(['fetch/headers.js', 'fetch/blob.js', 'fetch/fetch.js'], loadUrl);
  const loadFormData = internals.lazyUnit(['fetch/form_data.js'], load);
  internals.loadFetch = load;
  internals.loadFormData = loadFormData;
  for (const name of ['Headers', 'Blob', 'File', 'FormData', 'Request', 'Response', 'fetch']) {
    internals.lazyGlobal(name, name === 'FormData' ? loadFormData : load);
  }
  // What the entrypoint (a fetch handler's request and response) and the host's event loop
  // (network events) call.
  internals.lazyFunctions(['requestFromParts', 'responseParts', 'fetchEvent'], load);
  // What a service binding's Fetcher (`tools/tools.js`) calls.
  internals.lazyFunctions(['serviceFetch'], load);
});
