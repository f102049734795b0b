//# allFunctionsCalledOnLoad
// URL and URLSearchParams, loaded on first use: the implementation is `url/url.js`; URLPattern,
// `url/url_pattern.js`. A URL string's parsed and serialised form (`internals.urlHref`, what
// Request and fetch keep) needs neither, and loads neither.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { String, StringPrototypeToWellFormed } = primordials;
  const urlParse = host.urlParse;

  // The href of `input` parsed as an absolute URL (`url/url.js` keeps it first of the parts),
  // or null if it is not one.
  internals.urlHref = (input) => {
    const parts = urlParse(StringPrototypeToWellFormed(String(input)));
    return parts === undefined ? null : parts[0];
  };

  const load = internals.lazyUnit(['url/url.js']);
  internals.loadUrl = load;
  internals.lazyGlobal('URL', load);
  internals.lazyGlobal('URLSearchParams', load);
  internals.lazyGlobal('URLPattern', internals.lazyUnit(['url/url_pattern.js']));
});
