// Timers fire in the order of their deadlines, after the microtasks of the turn that set
// them; a cleared timer never fires; an interval ticks until it is cleared. Nothing here
// depends on how fast the machine is: timers whose deadlines are compared are set in one
// turn (and set again if the thread stalled between them), and the interval runs alone.
export default {
  async run() {
    const order = [];
    // "timeout 20" is set first and fires after "timeout 0". If more than 10 ms pass between
    // setting the two (a stalled thread), their deadlines could swap: clear both and retry.
    for (;;) {
      const before = performance.now();
      const late = setTimeout(() => order.push("timeout 20"), 20);
      const early = setTimeout(() => order.push("timeout 0"), 0);
      if (performance.now() - before < 10) break;
      clearTimeout(late);
      clearTimeout(early);
    }
    const cancelled = setTimeout(() => order.push("cancelled"), 5);
    clearTimeout(cancelled);
    queueMicrotask(() => order.push("microtask"));
    Promise.resolve().then(() => order.push("promise"));
    // Set after "timeout 20", with a longer delay: fires after it.
    await new Promise((resolve) => setTimeout(resolve, 30));
    order.push("after the timeouts");

    let ticks = 0;
    await new Promise((resolve) => {
      const interval = setInterval(() => {
        order.push(`interval ${++ticks}`);
        if (ticks === 3) {
          clearInterval(interval);
          resolve();
        }
      }, 1);
    });
    // A cleared interval does not tick again.
    await new Promise((resolve) => setTimeout(resolve, 10));
    order.push("end");
    return { order, types: [typeof setTimeout(() => {}, 0)] };
  },
};
