//# allFunctionsCalledOnLoad
// Headers, Blob, File, FormData, Request, Response and fetch, loaded on first use: the
// implementations are `fetch/{headers,blob,form_data,fetch}.js`. Blob and File, and FormData,
// are units of their own, loaded after fetch's. The URL unit is loaded only when the code
// uses URL or URLSearchParams (a request's URL is parsed by `internals.urlHref`,
// `url/stub.js`), and the events unit (AbortSignal) only when a request's signal is read: a
// fetch handler that uses none of them does not pay for their code caches on every request.
(function (globalThis, host, internals) {
  'use strict';

  const load = internals.lazyUnit(['fetch/headers.js', 'fetch/fetch.js']);
  const loadBlob = internals.lazyUnit(['fetch/blob.js'], load);
  const loadFormData = internals.lazyUnit(['fetch/form_data.js'], loadBlob);
  internals.loadFetch = load;
  internals.loadBlob = loadBlob;
  internals.loadFormData = loadFormData;
  const units = { __proto__: null, Blob: loadBlob, File: loadBlob, FormData: loadFormData };
  for (const name of ['Headers', 'Blob', 'File', 'FormData', 'Request', 'Response', 'fetch']) {
    internals.lazyGlobal(name, units[name] ?? load);
  }
  // What the entrypoint (a fetch handler's request and response) and the host's event loop
  // (network events) call.
  internals.lazyFunctions(['requestFromParts', 'responseParts', 'fetchEvent'], load);
  // What a service binding's Fetcher (`tools/tools.js`) calls.
  internals.lazyFunctions(['serviceFetch'], load);
});
