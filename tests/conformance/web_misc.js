// navigator, scheduler, crypto's random values, performance and DOMException, and the
// globals every Worker has.
export default {
  async run() {
    const started = performance.now();
    await scheduler.wait(20);
    const waited = performance.now() - started >= 19;
    const controller = new AbortController();
    const waiting = scheduler.wait(60_000, { signal: controller.signal }).catch((error) => error.name);
    controller.abort();

    const random = crypto.getRandomValues(new Uint8Array(16));
    const values = crypto.getRandomValues(new Uint32Array(4));
    let tooBig, floats;
    try { crypto.getRandomValues(new Uint8Array(65537)); } catch (error) { tooBig = error.name; }
    try { crypto.getRandomValues(new Float64Array(1)); } catch (error) { floats = error.name; }
    const domException = new DOMException("m", "AbortError");
    const notFound = new DOMException("message", "NotFoundError");
    return {
      userAgent: navigator.userAgent,
      navigator: String(navigator),
      waited,
      aborted: await waiting,
      random: random.length,
      filled: values.some((value) => value !== 0),
      uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),
      tooBig,
      floats,
      now: typeof performance.now(),
      monotonic: performance.now() <= performance.now(),
      origin: Math.abs(performance.timeOrigin - Date.now()) < 60000,
      domException: [domException.name, domException.message, domException.code, domException instanceof Error, Object.prototype.toString.call(domException)],
      notFound: [notFound.name, notFound.message, notFound.code, notFound instanceof Error],
      globals: ["fetch", "Request", "Response", "Headers", "FormData", "Blob", "File", "URL", "URLSearchParams", "TextEncoder", "TextDecoder", "AbortController", "AbortSignal", "Event", "EventTarget", "DOMException", "structuredClone", "queueMicrotask", "atob", "btoa", "crypto", "setTimeout", "setInterval", "clearTimeout", "clearInterval", "console", "navigator", "scheduler"].filter((name) => typeof globalThis[name] === "undefined"),
    };
  },
};
