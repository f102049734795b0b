//# allFunctionsCalledOnLoad
// HTMLRewriter, loaded on first use: the implementation is `html_rewriter/html_rewriter.js`
// (which loads fetch's Response and the Streams Standard first).
(function (globalThis, host, internals) {
  'use strict';

  const loadFetch = internals.loadFetch;
  internals.lazyGlobal('HTMLRewriter', internals.lazyUnit(['html_rewriter/html_rewriter.js'], () => {
    loadFetch();
    internals.loadStreams();
  }));
});
