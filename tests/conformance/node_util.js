// compatibilityDate: 2026-11-17
// node:util: format and inspect with their options, promisify/callbackify, inherits, the
// type predicates of util.types (and node:util/types), isDeepStrictEqual, and the smaller
// functions, with the errors Node's code matches on.
import util from "node:util";
import * as types from "node:util/types";
import * as bareUtil from "util";
import { Buffer } from "node:buffer";

function attempt(call) {
  try {
    return call();
  } catch (error) {
    return `${error.name} ${error.code}: ${error.message}`;
  }
}

export default {
  async run() {
    const results = {};
    const record = (name, call) => { results[name] = attempt(call); };
    record("same", () => [bareUtil.default === util, types.isDate === util.types.isDate, typeof types.default]);
    record("keys", () => Object.keys(util).sort());
    record("typeKeys", () => Object.keys(util.types).sort());
    record("format", () => [
      util.format("%s %d %i %f %j %o %O %%", "a", 1.5, 2.7, "3.1", { a: 1 }, { b: [1] }, { c: 2 }),
      util.format(1, 2, "x"), util.format("%s", Symbol("s")), util.format("%s", 1n), util.format("%d", "0x10"),
      util.format("%s", { a: { b: { c: 1 } } }), util.format("%c", "x"), util.format("%s %s", "only"),
      util.format("a", { b: 1 }), util.format(), util.format("%i", 42n),
    ]);
    record("formatWithOptions", () => [util.formatWithOptions({ depth: 0 }, "%O", { a: { b: 1 } }),
      util.formatWithOptions({}, "x", { a: [1] }), attempt(() => util.formatWithOptions(1, "x"))]);
    record("inspect", () => [
      util.inspect({ a: [1, 2, 3] }, { compact: false }),
      util.inspect({ b: { c: { d: {} } } }, { depth: 0 }),
      util.inspect("x".repeat(30), { maxStringLength: 5 }),
      util.inspect([1, 2, 3, 4], { maxArrayLength: 2 }),
      util.inspect({ b: 1, a: 2 }, { sorted: true }),
      util.inspect(123456789, { numericSeparator: true }),
      util.inspect({ a: { b: { c: { d: 1 } } } }, false, 0),
      util.inspect({ a: "x".repeat(20), b: "y".repeat(20) }, { breakLength: 20 }),
      util.inspect({ a: 1, [util.inspect.custom]: () => "custom!" }),
      util.inspect({ a: 1, [util.inspect.custom]: () => "custom!" }, { customInspect: false }),
      util.inspect(new Map([[1, { a: [1, 2] }]])),
      util.inspect(Buffer.from("hi")),
      util.inspect(new Error("boom")).split("\n")[0],
    ]);
    record("inspectCustomOptions", () => util.inspect({
      [util.inspect.custom](depth, options, inspect) {
        return [depth, typeof options.stylize, options.depth, typeof inspect, Object.keys(options).sort().join()];
      },
    }));
    record("inspectDefaults", () => [util.inspect.defaultOptions, Object.keys(util.inspect.colors).length,
      util.inspect.colors.red, util.inspect.colors.grey, util.inspect.styles]);
    record("promisify", () => [util.promisify.custom === Symbol.for("nodejs.util.promisify.custom"),
      attempt(() => util.promisify(1)), typeof util.promisify(setTimeout)]);
    const double = (value, callback) => callback(value < 0 ? new Error("negative") : null, value * 2);
    results.promisified = await util.promisify(double)(21);
    results.promisifiedError = await util.promisify(double)(-1).catch((error) => error.message);
    const withCustom = () => {};
    withCustom[util.promisify.custom] = () => Promise.resolve("custom");
    results.promisifyCustom = [util.promisify(withCustom) === withCustom[util.promisify.custom], await util.promisify(withCustom)()];
    results.callbackify = await new Promise((resolve) => util.callbackify(async (a) => a + 1)(1, (error, value) => resolve([error, value])));
    results.callbackifyFalsy = await new Promise((resolve) => util.callbackify(() => Promise.reject(0))((error) =>
      resolve([error.name, error.code, error.message, error.reason])));
    record("callbackifyName", () => { const f = util.callbackify(async function named(a, b) {}); return [f.name, f.length]; });
    record("inherits", () => {
      function Base() {}
      Base.prototype.hello = () => "hi";
      function Child() {}
      util.inherits(Child, Base);
      return [new Child().hello(), Child.super_ === Base, attempt(() => util.inherits(Child, 1)),
        attempt(() => util.inherits(null, Base)), attempt(() => util.inherits(Child, Object.create(null)))];
    });
    record("deprecate", () => { const f = () => 1; const g = util.deprecate(f, "old", "DEP0"); return [g(), typeof g]; });
    record("types", () => {
      const values = {
        date: new Date(0), regexp: /a/, map: new Map(), set: new Set(), weakMap: new WeakMap(), weakSet: new WeakSet(),
        promise: Promise.resolve(), proxy: new Proxy({}, {}), args: (function () { return arguments; })(),
        asyncFn: async () => {}, genFn: function* () {}, gen: (function* () {})(), mapIter: new Map().keys(),
        setIter: new Set().values(), error: new TypeError("x"), number: Object(1), string: Object("s"),
        boolean: Object(true), bigint: Object(1n), symbol: Object(Symbol()), arrayBuffer: new ArrayBuffer(1),
        shared: new SharedArrayBuffer(1), dataView: new DataView(new ArrayBuffer(1)), u8: new Uint8Array(1),
        f64: new Float64Array(1), b64: new BigInt64Array(1), plain: {}, fakeDate: Object.create(Date.prototype),
        buffer: Buffer.alloc(1),
      };
      const answers = {};
      for (const name of Object.keys(util.types).sort()) {
        answers[name] = Object.keys(values).filter((key) => util.types[name](values[key]));
      }
      return answers;
    });
    record("deepEqual", () => [util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }),
      util.isDeepStrictEqual([1], ["1"]), util.isDeepStrictEqual(new Set([1, {}]), new Set([{}, 1])),
      util.isDeepStrictEqual(new Map([[{}, 1]]), new Map([[{}, 2]])), util.isDeepStrictEqual(NaN, NaN),
      util.isDeepStrictEqual(0, -0), util.isDeepStrictEqual(new Date(1), new Date(1)),
      util.isDeepStrictEqual(Object.create(null), {}), util.isDeepStrictEqual(new Uint8Array([1]), new Uint8Array([1]))]);
    record("systemErrors", () => [util.getSystemErrorName(-2), util.getSystemErrorMessage(-13), util.getSystemErrorMap().size,
      attempt(() => util.getSystemErrorName(2)), util.getSystemErrorMap().get(-110)]);
    record("small", () => [util.stripVTControlCharacters("\u001b[31mx\u001b[39m\u001b]8;;http://a\u0007y"),
      util.toUSVString("a\ud800b"), util.styleText("red", "hi"), util.styleText(["bold", "underline"], "x"),
      attempt(() => util.styleText("nope", "hi")), util._extend({ a: 1 }, { b: 2 }),
      util.isArray([]), util.isBoolean(false), util.isNullOrUndefined(null), util.isPrimitive({}), util.isError(new Error()),
      util.isBuffer(Buffer.alloc(0)), util.isFunction(() => {}), util.isRegExp(/x/)]);
    record("unimplemented", () => [attempt(() => util.parseArgs({ args: [] })), attempt(() => util._errnoException(-2, "open"))]);
    record("encoders", () => [util.TextEncoder === TextEncoder, util.TextDecoder === TextDecoder]);
    const controller = new AbortController();
    const aborted = util.aborted(controller.signal, {});
    controller.abort();
    results.aborted = String(await aborted);
    results.abortedBad = await util.aborted({}, {}).then(() => "resolved", (error) => `${error.name} ${error.code}: ${error.message}`);
    record("newer", () => [util.parseEnv("A=1\n# c\nB=\"x\\ny\" # t\nexport C=3\nD='q'\nE=`z`\nF\nG = spaced \nH=a#b\nI=\"multi\nline\"\nJ=2"),
      util.diff("abc", "abd"), util.diff(["a", "b"], ["a", "c"]), util.convertProcessSignalToExitCode("SIGTERM"),
      attempt(() => util.convertProcessSignalToExitCode("NOPE")), util.transferableAbortController() instanceof AbortController,
      util.setTraceSigInt(true)]);
    // As plain data: workerd's RPC refuses some of its own internal objects (DataCloneError).
    return JSON.parse(JSON.stringify(results));
  },
};
