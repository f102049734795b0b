// compatibilityDate: 2026-11-17
// node:test's mocks, node:constants and the old _stream_* names, as workerd has them.
import * as test from "node:test";
import constants from "node:constants";
import Readable from "node:_stream_readable";
import { Readable as StreamReadable } from "node:stream";

export default {
  run() {
    const { mock } = test;
    const doubled = mock.fn((value) => value * 2);
    doubled(2);
    doubled(3);
    const calculator = { add(a, b) { return a + b; } };
    const add = mock.method(calculator, "add", () => 5);
    const replaced = calculator.add(1, 1);
    add.mock.restore();
    const once = mock.fn(() => "always");
    once.mock.mockImplementationOnce(() => "once");
    const onceResults = [once(), once()];
    const thrower = mock.fn(() => { throw new RangeError("no"); });
    try { thrower(); } catch {}
    let assigned;
    try {
      constants.POINT_CONVERSION_HYBRID = "abc";
      assigned = "assigned";
    } catch (error) {
      assigned = [error.name, /read only property/.test(error.message)];
    }
    return JSON.parse(JSON.stringify({
      exports: Object.keys(test).sort(),
      trackerMethods: Object.getOwnPropertyNames(Object.getPrototypeOf(mock)).sort(),
      calls: doubled.mock.calls.map((call) => [call.arguments, call.result, call.error, typeof call.stack, call.this === undefined, Object.keys(call).sort()]),
      count: doubled.mock.callCount(),
      replaced,
      restored: calculator.add(1, 1),
      onceResults,
      thrown: [thrower.mock.calls[0].error.message, thrower.mock.calls[0].result],
      constants: [Object.keys(constants).length, constants.O_CREAT, constants.SIGINFO, constants.POINT_CONVERSION_HYBRID, constants.defaultCipherList],
      assigned,
      streams: Readable === StreamReadable,
    }));
  },
};
