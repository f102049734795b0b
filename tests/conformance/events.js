export default {
  async run() {
    const log = [];
    const target = new EventTarget();
    const listener = (event) => log.push(`listener ${event.type} ${event.target === target} ${event.eventPhase}`);
    target.addEventListener("ping", listener);
    target.addEventListener("ping", listener); // duplicates are ignored
    target.addEventListener("ping", { handleEvent(event) { log.push(`object ${event.detail}`); } }, { once: true });
    target.dispatchEvent(new CustomEvent("ping", { detail: 1 }));
    target.dispatchEvent(new CustomEvent("ping", { detail: 2 }));
    target.removeEventListener("ping", listener);
    target.dispatchEvent(new Event("ping"));

    const cancelable = new Event("x", { cancelable: true });
    target.addEventListener("x", (event) => event.preventDefault());
    const notCanceled = target.dispatchEvent(cancelable);

    const controller = new AbortController();
    controller.signal.addEventListener("abort", () => log.push("aborted"));
    controller.signal.onabort = (event) => log.push(`onabort ${event.type}`);
    controller.abort();
    controller.abort("ignored: already aborted");
    let thrown;
    try { controller.signal.throwIfAborted(); } catch (error) { thrown = `${error.name}: ${error.message}`; }

    const timeout = AbortSignal.timeout(5);
    await new Promise((resolve) => timeout.addEventListener("abort", resolve));
    const any = AbortSignal.any([new AbortController().signal, AbortSignal.abort("why")]);
    const removedBySignal = new AbortController();
    target.addEventListener("y", () => log.push("should not run"), { signal: removedBySignal.signal });
    removedBySignal.abort();
    target.dispatchEvent(new Event("y"));
    let illegal;
    try { new AbortSignal(); } catch (error) { illegal = `${error.name}: ${error.message}`; }
    const domException = new DOMException("message", "NotFoundError");
    return {
      log, notCanceled, defaultPrevented: cancelable.defaultPrevented, thrown,
      timeout: [timeout.aborted, timeout.reason.name], any: [any.aborted, any.reason], illegal,
      constants: [Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE],
      tag: Object.prototype.toString.call(controller.signal),
      domException: [domException.name, domException.message, domException.code, domException instanceof Error],
    };
  },
};
