// compatibilityDate: 2026-11-17
// The global timers with Node.js compatibility at a recent date (workerd's
// enable_nodejs_global_timers, implied by nodejs_compat from 2026-02-10): node:timers'
// functions, whose setTimeout and setInterval return Timeout objects that the global clear
// functions take, as do their ids.
import timers from "node:timers";

function describeError(call) {
  try {
    call();
    return "no error";
  } catch (error) {
    return `${error.name} ${error.code} ${error.message}`;
  }
}

export default {
  async run() {
    const timeout = setTimeout(() => {}, 1000);
    const interval = setInterval(() => {}, 1000);
    const result = {
      same: [setTimeout === timers.setTimeout, setInterval === timers.setInterval,
        clearTimeout === timers.clearTimeout, clearInterval === timers.clearInterval],
      names: [setTimeout.name, setInterval.name, clearTimeout.name, clearInterval.name],
      lengths: [setTimeout.length, setInterval.length, clearTimeout.length, clearInterval.length],
      types: [timeout.constructor.name, interval.constructor.name, typeof +timeout, timeout.hasRef()],
      unref: timeout.unref() === timeout && !timeout.hasRef(),
      string: describeError(() => setTimeout("1 + 1", 1)),
    };
    clearTimeout(timeout);
    clearInterval(+interval);
    let fired = 0;
    const cleared = setTimeout(() => fired++, 1);
    clearTimeout(+cleared);
    await new Promise((resolve) => setTimeout(resolve, 20, "done"));
    result.firedAfterClearById = fired;
    result.args = await new Promise((resolve) => setTimeout((a, b) => resolve([a, b]), 1, "a", "b"));
    return result;
  },
};
