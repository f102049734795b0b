// compatibilityDate: 2026-11-17
// node:assert and node:assert/strict as workerd has them: strict comparisons everywhere, its
// messages (a line diff for strictEqual, Node's diff for deepStrictEqual), throws/rejects
// with every kind of expectation, and AssertionError's fields.
import assert from "node:assert";
import strict from "node:assert/strict";
import * as bare from "assert";

function failure(call) {
  try {
    call();
    return "no error";
  } catch (error) {
    return [error.name, error.code, error.message, error.generatedMessage, error.operator, String(error), Object.keys(error)];
  }
}
async function rejection(promise) {
  try {
    await promise;
    return "no error";
  } catch (error) {
    return [error.name, error.code, error.message];
  }
}

export default {
  async run() {
    const checks = {
      strictEqual: () => assert.strictEqual(1, 2),
      strictEqualStrings: () => assert.strictEqual("a\nb", "a\nc"),
      strictEqualSameShape: () => assert.strictEqual({ a: 1 }, { a: 1 }),
      strictEqualObjects: () => assert.strictEqual({ a: 1, b: [1, 2] }, { a: 2, b: [1, 2] }),
      strictEqualMessage: () => assert.strictEqual(1, 2, "mine"),
      equalIsStrict: () => assert.equal(1, "1"),
      deepStrictEqual: () => assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 2, b: [1, 2] }),
      deepStrictEqualPrimitives: () => assert.deepStrictEqual(1, "1"),
      deepEqualIsStrict: () => assert.deepEqual({ a: 1 }, { a: "1" }),
      deepStrictEqualLong: () => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16]),
      deepStrictEqualMap: () => assert.deepStrictEqual(new Map([[1, 2]]), new Map([[1, 3]])),
      deepStrictEqualZero: () => assert.deepStrictEqual(0, -0),
      deepStrictEqualSymbols: () => assert.deepStrictEqual({ a: Symbol() }, { a: Symbol() }),
      deepStrictEqualPasses: () => assert.deepStrictEqual({ a: [1, new Set([2])], d: new Date(5) }, { a: [1, new Set([2])], d: new Date(5) }),
      notStrictEqual: () => assert.notStrictEqual(1, 1),
      notEqualIsStrict: () => assert.notEqual(1, "1"),
      notDeepStrictEqual: () => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }),
      ok: () => assert.ok(false),
      okWithoutArguments: () => assert.ok(),
      assertCall: () => assert(0),
      okMessage: () => assert.ok(false, "custom"),
      fail: () => assert.fail(),
      failMessage: () => assert.fail("boom"),
      throwsMissing: () => assert.throws(() => {}),
      throwsMissingClass: () => assert.throws(() => {}, TypeError),
      throwsMissingMessage: () => assert.throws(() => {}, "msg"),
      throwsWrongClass: () => assert.throws(() => { throw new Error("x"); }, TypeError),
      throwsObject: () => assert.throws(() => { throw new Error("x"); }, { message: "y" }),
      throwsRegExp: () => assert.throws(() => { throw new Error("x"); }, /y/),
      throwsMatches: () => assert.throws(() => { throw new TypeError("x"); }, { name: "TypeError", message: /x/ }),
      throwsValidator: () => assert.throws(() => { throw new Error("x"); }, () => false),
      throwsNotFunction: () => assert.throws(1),
      throwsErrorObject: () => assert.throws(() => { throw new Error("x"); }, new Error("y")),
      throwsAmbiguous: () => assert.throws(() => { throw new Error("x"); }, "x"),
      throwsProperty: () => assert.throws(() => { const error = new Error("x"); error.code = "A"; throw error; }, { code: "B" }),
      doesNotThrow: () => assert.doesNotThrow(() => { throw new Error("boom"); }),
      doesNotThrowMessage: () => assert.doesNotThrow(() => { throw new Error("boom"); }, "ctx"),
      match: () => assert.match("xyz", /abc/),
      doesNotMatch: () => assert.doesNotMatch("abc", /abc/),
      ifError: () => assert.ifError(new Error("boom")),
      ifErrorString: () => assert.ifError("boom"),
      ifErrorNull: () => assert.ifError(null),
      strictModule: () => strict.equal(1, "1"),
      assertionError: () => { throw new assert.AssertionError({ actual: 1, expected: 2, operator: "strictEqual" }); },
      assertionErrorOptions: () => new assert.AssertionError(1),
    };
    const results = {
      shapes: [strict === assert.strict, strict.strict === strict, bare.default === assert, typeof assert.AssertionError,
        typeof assert.Assert, Object.keys(assert).sort()],
    };
    for (const [name, check] of Object.entries(checks)) results[name] = failure(check);
    results.rejects = await rejection(assert.rejects(Promise.resolve(1)));
    results.rejectsWrongClass = await rejection(assert.rejects(Promise.reject(new Error("x")), TypeError));
    results.rejectsFunction = await rejection(assert.rejects(async () => { throw new Error("x"); }, /x/));
    results.doesNotReject = await rejection(assert.doesNotReject(Promise.reject(new Error("x"))));
    results.rejectsNotPromise = await rejection(assert.rejects(1));
    return results;
  },
};
