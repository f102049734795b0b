// compatibilityDate: 2026-11-17
// node:tty, as workerd has it: nothing is a terminal; the streams record their descriptor,
// are sockets by their prototype, and their cursor functions call back and return false.
import tty, * as namespace from "node:tty";
import net from "node:net";
import { Duplex } from "node:stream";

export default {
  run() {
    const read = new tty.ReadStream(0);
    const write = new tty.WriteStream(1, { writable: true });
    const callbacks = [];
    const results = [
      write.cursorTo(1, 2),
      write.cursorTo(0, () => callbacks.push("cursorTo y")),
      write.cursorTo(0, 0, () => callbacks.push("cursorTo")),
      write.moveCursor(1, 1, () => callbacks.push("moveCursor")),
      write.clearLine(0, () => callbacks.push("clearLine")),
      write.clearScreenDown(() => callbacks.push("clearScreenDown")),
    ];
    const raw = [read.setRawMode(true) === read, read.isRaw, read.setRawMode("yes") === read, read.isRaw];
    let called;
    try {
      called = tty.WriteStream.call({}, 2);
      called = Object.keys(called);
    } catch (error) {
      called = [error.name, error.message];
    }
    return JSON.parse(JSON.stringify({
      exports: Object.keys(namespace).sort(),
      defaultKeys: Object.keys(tty),
      isatty: [0, 1, 2, -1, 0.5, NaN, "1"].map((fd) => tty.isatty(fd)),
      lengths: [tty.isatty.length, tty.ReadStream.length, tty.WriteStream.length],
      read: [read.fd, read.isRaw, read.isTTY, Object.keys(read)],
      write: [write.fd, write.columns, write.rows, write.isTTY, Object.keys(write)],
      chain: [read instanceof net.Socket, write instanceof net.Socket, write instanceof Duplex,
        Object.getPrototypeOf(tty.ReadStream) === net.Socket, Object.getPrototypeOf(tty.WriteStream) === net.Socket],
      readMethods: Object.getOwnPropertyNames(tty.ReadStream.prototype).sort(),
      writeMethods: Object.getOwnPropertyNames(tty.WriteStream.prototype).sort(),
      colors: [write.getColorDepth(), write.getColorDepth({}), write.hasColors(), write.hasColors(256), write.getWindowSize(), write._refreshSize()],
      results,
      callbacks,
      raw,
      called,
    }));
  },
};
