export default {
  async run() {
    const order = [];
    setTimeout(() => order.push("timeout 10"), 10);
    setTimeout(() => order.push("timeout 0"), 0);
    const cancelled = setTimeout(() => order.push("cancelled"), 5);
    clearTimeout(cancelled);
    queueMicrotask(() => order.push("microtask"));
    await new Promise((resolve) => {
      let ticks = 0;
      const interval = setInterval(() => {
        order.push(`interval ${++ticks}`);
        if (ticks === 2) {
          clearInterval(interval);
          resolve();
        }
      }, 1);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { order, types: [typeof setTimeout(() => {}, 0)] };
  },
};
