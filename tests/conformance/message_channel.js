// compatibilityDate: 2026-11-17
// MessageChannel and MessagePort: a message is cloned when posted and delivered in a
// microtask to the other port (started or not, to `onmessage` and listeners); a port closed
// before the post drops it; transfer lists are refused.
export default {
  async run() {
    const attempt = (make) => { try { return make(); } catch (error) { return `${error.name}: ${error.message}`; } };
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
    const log = [];
    const channel = new MessageChannel();
    const posted = { x: 1 };
    channel.port2.onmessage = (event) => log.push(["onmessage", event.constructor.name, event.data, event.data === posted,
      event.type, event.target === channel.port2, event.source === channel.port2, event.ports, event.origin, event.lastEventId]);
    channel.port2.addEventListener("message", (event) => log.push(["listener", event.data]));
    channel.port1.postMessage(posted);
    posted.x = 2;
    log.push("posted");
    await settle();

    const order = [];
    const ordered = new MessageChannel();
    ordered.port2.onmessage = (event) => order.push(`message ${event.data}`);
    ordered.port1.postMessage(1);
    queueMicrotask(() => order.push("microtask"));
    setTimeout(() => order.push("timeout"), 0);
    await Promise.resolve();
    order.push("await");
    await settle();

    const unstarted = new MessageChannel();
    unstarted.port2.addEventListener("message", (event) => log.push(["unstarted", event.data]));
    unstarted.port1.postMessage("no start needed");
    await settle();

    const closing = new MessageChannel();
    closing.port1.onmessage = (event) => log.push(["port1", event.data]);
    closing.port2.onmessage = (event) => log.push(["port2", event.data]);
    closing.port1.postMessage("before close");
    closing.port1.close();
    closing.port2.postMessage("to a closed port");
    const afterClose = attempt(() => closing.port1.postMessage("from a closed port"));
    await settle();

    const port = channel.port1;
    const handler = () => {};
    port.onmessage = handler;
    const handlerKept = port.onmessage === handler;
    port.onmessage = 5;
    return {
      log,
      order,
      afterClose,
      handler: [handlerKept, port.onmessage],
      fields: Object.getOwnPropertyNames(channel),
      portDescriptor: (({ writable, enumerable, configurable }) => [writable, enumerable, configurable])(Object.getOwnPropertyDescriptor(channel, "port1")),
      instances: [port instanceof MessagePort, port instanceof EventTarget, channel.port1 === channel.port1],
      prototype: ["postMessage", "start", "close", "onmessage"].map((name) => name in MessagePort.prototype),
      tags: [Object.prototype.toString.call(channel), Object.prototype.toString.call(port)],
      illegal: attempt(() => new MessagePort()),
      transfer: attempt(() => { const buffer = new ArrayBuffer(8); port.postMessage(buffer, [buffer]); }),
      transferOption: attempt(() => port.postMessage(1, { transfer: [new ArrayBuffer(1)] })),
      emptyTransfer: attempt(() => port.postMessage(1, [])),
      badOptions: attempt(() => port.postMessage(1, 5)),
      uncloneable: attempt(() => port.postMessage(Symbol("s"))),
      startAndCloseTwice: attempt(() => { const c = new MessageChannel(); c.port1.start(); c.port1.start(); c.port1.close(); c.port1.close(); return "ok"; }),
      dispatched: (() => { const c = new MessageChannel(); let got; c.port1.onmessage = (event) => { got = event.data; }; c.port1.dispatchEvent(new MessageEvent("message", { data: 7 })); return got; })(),
    };
  },
};
