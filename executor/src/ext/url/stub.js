//# allFunctionsCalledOnLoad
// URL and URLSearchParams, loaded on first use: the implementation is `url/url.js`; URLPattern,
// `url/url_pattern.js`.
(function (globalThis, host, internals) {
  'use strict';

  const load = internals.lazyUnit(['url/url.js']);
  internals.loadUrl = load;
  internals.lazyGlobal('URL', load);
  internals.lazyGlobal('URLSearchParams', load);
  internals.lazyGlobal('URLPattern', internals.lazyUnit(['url/url_pattern.js']));
});
