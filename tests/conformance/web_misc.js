export default {
  async run() {
    const controller = new AbortController();
    const waited = scheduler.wait(60_000, { signal: controller.signal }).catch((error) => error.name);
    controller.abort();
    const random = crypto.getRandomValues(new Uint8Array(16));
    let tooBig;
    try { crypto.getRandomValues(new Uint8Array(65537)); } catch (error) { tooBig = error.name; }
    return {
      userAgent: navigator.userAgent,
      aborted: await waited,
      random: random.length,
      uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),
      tooBig,
      now: typeof performance.now(),
      globals: ["fetch", "Request", "Response", "Headers", "FormData", "Blob", "File", "URL", "URLSearchParams", "TextEncoder", "TextDecoder", "AbortController", "AbortSignal", "Event", "EventTarget", "DOMException", "structuredClone", "queueMicrotask", "atob", "btoa", "crypto", "setTimeout", "setInterval", "clearTimeout", "clearInterval", "console", "navigator", "scheduler"].filter((name) => typeof globalThis[name] === "undefined"),
    };
  },
};
