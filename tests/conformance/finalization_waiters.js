// FinalizationRegistry callbacks run between turns once their objects are collected (V8 posts
// the cleanup as a task for the host). Atomics.waitAsync gives V8's immediate results; a
// waiter that has to wait is not compared: workerd never times one out, and fails a request
// that awaits one woken by Atomics.notify ("Promise will never complete").
export default {
  async run() {
    const cleaned = [];
    const registry = new FinalizationRegistry((held) => cleaned.push(held));
    (() => {
      for (let i = 0; i < 4; i++) registry.register({ i }, i);
    })();
    for (let turn = 0; turn < 500 && cleaned.length < 4; turn++) {
      const garbage = [];
      for (let i = 0; i < 20000; i++) garbage.push({ i });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }

    const cell = new Int32Array(new SharedArrayBuffer(4));
    const immediate = [
      Atomics.waitAsync(cell, 0, 1),
      Atomics.waitAsync(cell, 0, 0, 0),
      Atomics.waitAsync(cell, 0, 0, -1),
      [Atomics.waitAsync.name, Atomics.waitAsync.length],
    ];
    let error;
    try {
      Atomics.waitAsync(new Int32Array(4), 0, 0);
    } catch (caught) {
      error = caught.name;
    }
    return { cleaned: cleaned.sort(), immediate, error };
  },
};
