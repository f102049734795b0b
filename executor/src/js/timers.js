//# allFunctionsCalledOnLoad
// setTimeout, setInterval, clearTimeout and clearInterval, loaded on first use: the
// implementation is `js/lazy/timers.js`. Until then there is no timer for the host's event
// loop to run.
(function (globalThis, host, internals) {
  'use strict';

  // Index of `js/lazy/timers.js` in bootstrap.rs's LAZY_SCRIPTS.
  const TIMERS = 12;
  const load = internals.lazyUnit([TIMERS]);
  for (const name of ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval']) {
    internals.lazyGlobal(name, load);
  }
  internals.lazyFunctions(['setTimeout', 'clearTimeout'], load);
  // Replaced by the implementation when it loads.
  internals.runNextTimer = () => -1;
});
