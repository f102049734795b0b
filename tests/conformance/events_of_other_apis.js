// ErrorEvent, CloseEvent, MessageEvent and PromiseRejectionEvent: their fields, defaults and
// conversions, as workerd has them.
export default {
  async run() {
    const attempt = (make) => { try { return make(); } catch (error) { return `${error.name}: ${error.message}`; } };
    const own = (event) => Object.getOwnPropertyNames(event);
    const error = new ErrorEvent("error", { message: "m", filename: "f", lineno: 3, colno: 4, error: 5, cancelable: true });
    const errorDefaults = new ErrorEvent("error");
    const close = new CloseEvent("close", { code: 1000, reason: "r", wasClean: true });
    const message = new MessageEvent("message", { data: { a: 1 }, origin: "o", lastEventId: "l", ports: [], bubbles: true });
    const messageDefaults = new MessageEvent("message");
    const ports = [];
    return {
      error: [error.type, error.message, error.filename, error.lineno, error.colno, error.error, error.cancelable, error instanceof Event],
      errorDefaults: [errorDefaults.message, errorDefaults.filename, errorDefaults.lineno, errorDefaults.colno, errorDefaults.error === undefined],
      errorGetters: ["filename", "message", "lineno", "colno", "error"].map((name) => typeof Object.getOwnPropertyDescriptor(ErrorEvent.prototype, name).get),
      errorOwn: own(error),
      conversions: [
        new ErrorEvent("e", { message: 5, lineno: "7", colno: -1 }).lineno,
        new CloseEvent("c", { code: 1.7 }).code,
        new CloseEvent("c", { code: -3 }).code,
        new CloseEvent("c", { code: 70000 }).code,
        new CloseEvent("c", { code: NaN }).code,
        new ErrorEvent("e", { lineno: Infinity }).lineno,
        new ErrorEvent("e", { lineno: "x" }).lineno,
        new CloseEvent("c", { code: "12", reason: 5, wasClean: 1 }).reason,
      ],
      outOfRange: attempt(() => new CloseEvent("c", { code: 2 ** 33 })),
      bigint: attempt(() => new ErrorEvent("e", { lineno: 1n })),
      close: [close.code, close.reason, close.wasClean, own(close)],
      closeDefaults: Object.values(new CloseEvent("close")),
      message: [message.data, message.origin, message.lastEventId, message.source, message.ports, message.bubbles, own(message)],
      messageDefaults: [messageDefaults.data, messageDefaults.origin, messageDefaults.lastEventId, messageDefaults.source, messageDefaults.ports],
      portsCopied: new MessageEvent("m", { ports }).ports === ports,
      badPorts: attempt(() => new MessageEvent("m", { ports: 5 })),
      badSource: attempt(() => new MessageEvent("m", { source: {} })),
      noType: [attempt(() => new ErrorEvent()), attempt(() => new CloseEvent()), attempt(() => new MessageEvent())],
      rejection: attempt(() => new PromiseRejectionEvent("unhandledrejection", { promise: Promise.resolve(), reason: 1 })),
      rejectionPrototype: Object.getPrototypeOf(PromiseRejectionEvent.prototype) === Event.prototype,
      tags: [error, close, message].map((event) => Object.prototype.toString.call(event)),
    };
  },
};
