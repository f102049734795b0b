//# allFunctionsCalledOnLoad
// `node:assert` and `node:assert/strict`, as workerd has them with `nodejs_compat`. workerd's
// assert compares strictly everywhere: `equal` is `strictEqual`, `deepEqual` is
// `deepStrictEqual` (and the `not` forms likewise), and its messages are those of its own
// implementation (`Values are not strictly equal:` and a line diff for `strictEqual`, Node's
// `Expected values to be strictly deep-equal:` and its diff for `deepStrictEqual`); both are
// followed here. `assert/strict` is `assert.strict`.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  if (name === 'assert/strict') {
    internals.nodeModule('assert');
    return internals.assertStrictModule;
  }

  const {
    ArrayPrototypeJoin, ArrayPrototypePop, ArrayPrototypePush, Error, ErrorCaptureStackTrace, MathMax,
    ObjectDefineProperty, ObjectIs, ObjectKeys, ObjectPrototypeIsPrototypeOf, ObjectSetPrototypeOf, ReflectApply,
    RegExpPrototypeExec, RegExpPrototypeToString, String, StringPrototypeEndsWith, StringPrototypeRepeat,
    StringPrototypeSlice, ArrayIsArray, ArrayBufferIsView, MapPrototypeEntries, MapPrototypeGet, MapPrototypeHas,
    MapIteratorPrototypeNext, ObjectGetPrototypeOf, ObjectPrototypePropertyIsEnumerable, ReflectOwnKeys, Set,
    SetPrototypeAdd, SetPrototypeHas, SetPrototypeValues, SetIteratorPrototypeNext, safeArray,
  } = primordials;
  const {
    codes: {
      ERR_AMBIGUOUS_ARGUMENT, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_RETURN_VALUE, ERR_MISSING_ARGS,
    },
    validateFunction, validateObject,
  } = internals.nodeModule('internal/errors');
  const { isDeepStrictEqual } = internals.nodeModule('internal/comparisons');
  const { isDate, isMap, isPromise, isRegExp, isSet, isNativeError } = internals.nodeModule('util/types');

  function inspect(value, options) {
    return internals.inspect(value, { __proto__: null, util: true, ...options });
  }
  // How values are shown in a message: sorted keys, every element, no custom inspection, and
  // `compact: true` (the first entry beside the brace), as workerd shows them.
  function inspectValue(value) {
    return inspect(value, {
      __proto__: null, compact: true, customInspect: false, depth: 1000, maxArrayLength: Infinity, showHidden: false,
      showProxy: false, sorted: true, getters: true,
    });
  }
  function splitLines(text) {
    const lines = safeArray();
    let start = 0;
    for (let index = 0; index < text.length; index++) {
      if (text[index] !== '\n') continue;
      ArrayPrototypePush(lines, StringPrototypeSlice(text, start, index));
      start = index + 1;
    }
    ArrayPrototypePush(lines, StringPrototypeSlice(text, start));
    return lines;
  }
  function isError(value) {
    if (isNativeError(value)) return true;
    return value !== null && typeof value === 'object' && ObjectPrototypeIsPrototypeOf(Error.prototype, value);
  }

  // -- AssertionError --------------------------------------------------------------------------

  const kReadableOperator = {
    __proto__: null,
    deepStrictEqual: 'Expected values to be strictly deep-equal:',
    strictEqual: 'Expected values to be strictly equal:',
    strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
    deepEqual: 'Expected values to be loosely deep-equal:',
    notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
    notStrictEqual: 'Expected "actual" to be strictly unequal to:',
    notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
    notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
    notIdentical: 'Values have same structure but are not reference-equal:',
    notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
  };
  // Short values are shown as `a !== b`.
  const kMaxShortLength = 12;

  function identicalLines(lines, i, count) {
    let text = '';
    if (count > 2) {
      if (count > 3) {
        if (count > 4) {
          if (count === 5) text += `\n  ${lines[i - 3]}`;
          else text += '\n...';
        }
        text += `\n  ${lines[i - 2]}`;
      }
      text += `\n  ${lines[i - 1]}`;
    }
    return text;
  }

  // Node's diff of two inspected values: `+` lines of `actual`, `-` lines of `expected`, the
  // lines in common around them, and a `^` under the first difference of two short lines.
  function createErrDiff(actual, expected, operator) {
    let other = '';
    let result = '';
    let end = '';
    let skipped = false;
    const actualInspected = inspectValue(actual);
    const actualLines = splitLines(actualInspected);
    const expectedLines = splitLines(inspectValue(expected));
    let i = 0;
    let indicator = '';
    if (operator === 'strictEqual' &&
        ((typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) ||
          (typeof actual === 'function' && typeof expected === 'function'))) {
      operator = 'strictEqualObject';
    }
    if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
      const actualRaw = actualLines[0];
      const expectedRaw = expectedLines[0];
      const inputLength = actualRaw.length + expectedRaw.length;
      if (inputLength <= kMaxShortLength) {
        if ((typeof actual !== 'object' || actual === null) && (typeof expected !== 'object' || expected === null) &&
            (actual !== 0 || expected !== 0)) {
          return `${kReadableOperator[operator]}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`;
        }
      } else if (operator !== 'strictEqualObject' && inputLength < 80) {
        while (actualRaw[i] === expectedRaw[i]) i++;
        if (i > 2) {
          indicator = `\n  ${StringPrototypeRepeat(' ', i)}^`;
          i = 0;
        }
      }
    }
    let a = actualLines[actualLines.length - 1];
    let b = expectedLines[expectedLines.length - 1];
    while (a === b) {
      if (i++ < 3) end = `\n  ${a}${end}`;
      else other = a;
      ArrayPrototypePop(actualLines);
      ArrayPrototypePop(expectedLines);
      if (actualLines.length === 0 || expectedLines.length === 0) break;
      a = actualLines[actualLines.length - 1];
      b = expectedLines[expectedLines.length - 1];
    }
    const maxLines = MathMax(actualLines.length, expectedLines.length);
    if (maxLines === 0) {
      const lines = splitLines(actualInspected);
      if (lines.length > 50) {
        lines[46] = '...';
        while (lines.length > 47) ArrayPrototypePop(lines);
      }
      return `${kReadableOperator.notIdentical}\n\n${ArrayPrototypeJoin(lines, '\n')}\n`;
    }
    if (i >= 5) {
      end = `\n...${end}`;
      skipped = true;
    }
    if (other !== '') {
      end = `\n  ${other}${end}`;
      other = '';
    }
    let printedLines = 0;
    let identical = 0;
    const message = `${kReadableOperator[operator]}\n+ actual - expected`;
    const skippedMessage = ' ... Lines skipped';
    let lines = actualLines;
    let plusMinus = '+';
    let maxLength = expectedLines.length;
    if (actualLines.length < maxLines) {
      lines = expectedLines;
      plusMinus = '-';
      maxLength = actualLines.length;
    }
    for (i = 0; i < maxLines; i++) {
      if (maxLength < i + 1) {
        const shown = identicalLines(lines, i, identical);
        result += shown;
        if (identical > 2) printedLines += identical > 4 ? 3 : identical - 1;
        identical = 0;
        if (lines === actualLines) result += `\n${plusMinus} ${lines[i]}`;
        else other += `\n${plusMinus} ${lines[i]}`;
        printedLines++;
      } else {
        const expectedLine = expectedLines[i];
        let actualLine = actualLines[i];
        let diverging = actualLine !== expectedLine &&
          (!StringPrototypeEndsWith(actualLine, ',') || StringPrototypeSlice(actualLine, 0, -1) !== expectedLine);
        if (diverging && StringPrototypeEndsWith(expectedLine, ',') && StringPrototypeSlice(expectedLine, 0, -1) === actualLine) {
          diverging = false;
          actualLine += ',';
        }
        if (diverging) {
          result += identicalLines(actualLines, i, identical);
          if (identical > 2) printedLines += identical > 4 ? 3 : identical - 1;
          identical = 0;
          result += `\n+ ${actualLine}`;
          other += `\n- ${expectedLine}`;
          printedLines += 2;
        } else {
          result += other;
          other = '';
          identical++;
          if (identical <= 2) {
            result += `\n  ${actualLine}`;
            printedLines++;
          }
        }
      }
      if (printedLines > 50 && i < maxLines - 2) {
        return `${message}${skippedMessage}\n${result}\n...${other}\n...`;
      }
    }
    return `${message}${skipped ? skippedMessage : ''}\n${result}${other}${end}${indicator}`;
  }

  class AssertionError extends Error {
    constructor(options) {
      validateObject(options, 'options');
      const { message, operator, stackStartFn, details } = options;
      let { actual, expected } = options;
      if (message != null) {
        super(String(message));
      } else if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
        super(createErrDiff(actual, expected, operator));
      } else if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
        let base = kReadableOperator[operator];
        const lines = splitLines(inspectValue(actual));
        if (operator === 'notStrictEqual' && ((typeof actual === 'object' && actual !== null) || typeof actual === 'function')) {
          base = kReadableOperator.notStrictEqualObject;
        }
        if (lines.length > 50) {
          lines[46] = '...';
          while (lines.length > 47) ArrayPrototypePop(lines);
        }
        if (lines.length === 1) super(`${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`);
        else super(`${base}\n\n${ArrayPrototypeJoin(lines, '\n')}\n`);
      } else {
        let text = inspectValue(actual);
        let other = inspectValue(expected);
        const known = kReadableOperator[operator];
        if (operator === 'notDeepEqual' && text === other) {
          text = `${known}\n\n${text}`;
          if (text.length > 1024) text = `${StringPrototypeSlice(text, 0, 1021)}...`;
          super(text);
        } else {
          if (text.length > 512) text = `${StringPrototypeSlice(text, 0, 509)}...`;
          if (other.length > 512) other = `${StringPrototypeSlice(other, 0, 509)}...`;
          if (operator === 'deepEqual') {
            text = `${known}\n\n${text}\n\nshould loosely deep-equal\n\n`;
          } else {
            const unequal = kReadableOperator[`${operator}Unequal`];
            if (unequal) text = `${unequal}\n\n${text}\n\nshould not loosely deep-equal\n\n`;
            else other = ` ${operator} ${other}`;
          }
          super(`${text}${other}`);
        }
      }
      this.generatedMessage = !message;
      ObjectDefineProperty(this, 'name', {
        __proto__: null, value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true,
      });
      this.code = 'ERR_ASSERTION';
      if (details) {
        this.actual = undefined;
        this.expected = undefined;
        this.operator = undefined;
      } else {
        this.actual = actual;
        this.expected = expected;
        this.operator = operator;
      }
      ErrorCaptureStackTrace(this, stackStartFn || this.constructor);
      // Read the stack once (it says `AssertionError [ERR_ASSERTION]`), then the name is the
      // prototype's again.
      this.stack;
      delete this.name;
    }

    toString() {
      return `${this.name} [${this.code}]: ${this.message}`;
    }
  }
  ObjectDefineProperty(AssertionError.prototype, 'name', {
    __proto__: null, value: 'AssertionError', enumerable: false, writable: true, configurable: true,
  });

  function innerFail(options) {
    if (options.message instanceof Error) throw options.message;
    throw new AssertionError(options);
  }

  // -- workerd's messages of its own -----------------------------------------------------------

  // A line diff of `actual` (`-`) and `expected` (`+`), lines in common indented: what
  // workerd's `strictEqual` shows. Strings are compared line by line, each `\n` shown.
  function lineDiff(actual, expected) {
    const strings = typeof actual === 'string' && typeof expected === 'string';
    const asLines = (value) => {
      if (!strings) return splitLines(inspect(value, { __proto__: null }));
      const lines = splitLines(value);
      for (let index = 0; index < lines.length - 1; index++) lines[index] += '\\n';
      return lines;
    };
    const a = asLines(actual);
    const b = asLines(expected);
    // The longest common subsequence, by dynamic programming over the (short) line lists.
    const rows = a.length + 1;
    const columns = b.length + 1;
    const table = safeArray();
    for (let index = 0; index < rows * columns; index++) ArrayPrototypePush(table, 0);
    for (let x = a.length - 1; x >= 0; x--) {
      for (let y = b.length - 1; y >= 0; y--) {
        table[x * columns + y] = a[x] === b[y] ? table[(x + 1) * columns + y + 1] + 1
          : MathMax(table[(x + 1) * columns + y], table[x * columns + y + 1]);
      }
    }
    const output = safeArray();
    let x = 0;
    let y = 0;
    let removed = safeArray();
    let added = safeArray();
    const flush = () => {
      for (let index = 0; index < removed.length; index++) ArrayPrototypePush(output, `-   ${removed[index]}`);
      for (let index = 0; index < added.length; index++) ArrayPrototypePush(output, `+   ${added[index]}`);
      removed = safeArray();
      added = safeArray();
    };
    while (x < a.length || y < b.length) {
      if (x < a.length && y < b.length && a[x] === b[y]) {
        flush();
        ArrayPrototypePush(output, `    ${a[x]}`);
        x++;
        y++;
      } else if (y >= b.length || (x < a.length && table[(x + 1) * columns + y] >= table[x * columns + y + 1])) {
        ArrayPrototypePush(removed, a[x++]);
      } else {
        ArrayPrototypePush(added, b[y++]);
      }
    }
    flush();
    if (strings) ArrayPrototypePush(output, '');
    return ArrayPrototypeJoin(output, '\n');
  }

  function strictEqualMessage(actual, expected) {
    const actualText = inspect(actual, { __proto__: null });
    if (actualText === inspect(expected, { __proto__: null })) {
      const lines = splitLines(actualText);
      for (let index = 0; index < lines.length; index++) lines[index] = `    ${lines[index]}`;
      return `Values have the same structure but are not reference-equal:\n\n${ArrayPrototypeJoin(lines, '\n')}\n`;
    }
    return `Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n${lineDiff(actual, expected)}\n`;
  }

  function failWith(actual, expected, message, operator, fallback, stackStartFn) {
    if (message instanceof Error) throw message;
    const error = new AssertionError({
      actual, expected, operator, stackStartFn, message: message === undefined ? fallback : message,
    });
    error.generatedMessage = false;
    throw error;
  }

  // -- The functions ---------------------------------------------------------------------------

  function ok(...args) {
    innerOk(ok, args.length, args[0], args[1]);
  }
  function innerOk(fn, argumentCount, value, message) {
    if (value) return;
    let generatedMessage = false;
    if (argumentCount === 0) {
      message = 'No value argument passed to `assert.ok()`';
    } else if (message == null) {
      generatedMessage = true;
    }
    const error = new AssertionError({
      actual: value, expected: true, message, operator: argumentCount === 0 ? undefined : '==', stackStartFn: fn,
    });
    error.generatedMessage = generatedMessage;
    throw error;
  }

  function strictEqual(actual, expected, message) {
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
    if (ObjectIs(actual, expected)) return;
    failWith(actual, expected, message, 'strictEqual', strictEqualMessage(actual, expected), strictEqual);
  }
  function notStrictEqual(actual, expected, message) {
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
    if (!ObjectIs(actual, expected)) return;
    failWith(actual, expected, message, 'notStrictEqual', 'Expected actual to be strictly unequal to expected', notStrictEqual);
  }
  function deepStrictEqual(actual, expected, message) {
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
    if (isDeepStrictEqual(actual, expected)) return;
    innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
  }
  function notDeepStrictEqual(actual, expected, message) {
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
    if (!isDeepStrictEqual(actual, expected)) return;
    failWith(actual, expected, message, 'notDeepStrictEqual', 'Expected actual to not be deeply strictly equal to expected',
      notDeepStrictEqual);
  }

  // Whether `expected` is a part of `actual`: its own keys, set members, map entries and
  // array elements (in order) are found there, compared the same way; other values strictly.
  function isPartial(actual, expected, seen) {
    if (ObjectIs(actual, expected)) return true;
    if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) {
      return isDeepStrictEqual(actual, expected);
    }
    if (ObjectGetPrototypeOf(actual) !== ObjectGetPrototypeOf(expected)) return false;
    if (SetPrototypeHas(seen, expected)) return true;
    SetPrototypeAdd(seen, expected);
    if (isSet(expected)) {
      if (!isSet(actual)) return false;
      const values = setValues(expected);
      const candidates = setValues(actual);
      for (let index = 0; index < values.length; index++) {
        let found = false;
        for (let position = 0; position < candidates.length && !found; position++) {
          found = isPartial(candidates[position], values[index], seen);
        }
        if (!found) return false;
      }
      return true;
    }
    if (isMap(expected)) {
      if (!isMap(actual)) return false;
      const entries = mapEntries(expected);
      for (let index = 0; index < entries.length; index++) {
        const key = entries[index][0];
        if (!MapPrototypeHas(actual, key) || !isPartial(MapPrototypeGet(actual, key), entries[index][1], seen)) return false;
      }
      return true;
    }
    if (ArrayIsArray(expected)) {
      if (!ArrayIsArray(actual)) return false;
      let position = 0;
      for (let index = 0; index < expected.length; index++) {
        while (position < actual.length && !isPartial(actual[position], expected[index], seen)) position++;
        if (position === actual.length) return false;
        position++;
      }
      return true;
    }
    if (isDate(expected) || isRegExp(expected) || isError(expected) || ArrayBufferIsView(expected)) {
      return isDeepStrictEqual(actual, expected);
    }
    const keys = ReflectOwnKeys(expected);
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      if (!ObjectPrototypePropertyIsEnumerable(expected, key)) continue;
      if (!ObjectPrototypePropertyIsEnumerable(actual, key) || !isPartial(actual[key], expected[key], seen)) return false;
    }
    return true;
  }
  function setValues(set) {
    const values = safeArray();
    const iterator = SetPrototypeValues(set);
    for (let step = SetIteratorPrototypeNext(iterator); !step.done; step = SetIteratorPrototypeNext(iterator)) {
      ArrayPrototypePush(values, step.value);
    }
    return values;
  }
  function mapEntries(map) {
    const entries = safeArray();
    const iterator = MapPrototypeEntries(map);
    for (let step = MapIteratorPrototypeNext(iterator); !step.done; step = MapIteratorPrototypeNext(iterator)) {
      ArrayPrototypePush(entries, step.value);
    }
    return entries;
  }
  function partialDeepStrictEqual(actual, expected, message) {
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
    if (isPartial(actual, expected, new Set())) return;
    failWith(actual, expected, message, 'partialDeepStrictEqual',
      'Expected actual to be partially deeply strictly equal to expected', partialDeepStrictEqual);
  }

  function fail(actual, expected, message, operator, stackStartFn) {
    const count = arguments.length;
    let internalMessage = false;
    if (actual == null && count <= 1) {
      internalMessage = true;
      message = 'Failed';
    } else if (count === 1) {
      message = actual;
      actual = undefined;
    } else if (count === 2) {
      operator = '!=';
    }
    if (message instanceof Error) throw message;
    const error = new AssertionError({
      actual, expected, operator: operator === undefined ? 'fail' : operator, stackStartFn: stackStartFn || fail, message,
    });
    if (internalMessage) error.generatedMessage = true;
    throw error;
  }

  function match(string, regexp, message) {
    matchOrNot(string, regexp, message, true, match);
  }
  function doesNotMatch(string, regexp, message) {
    matchOrNot(string, regexp, message, false, doesNotMatch);
  }
  function matchOrNot(string, regexp, message, expectMatch, fn) {
    if (!isRegExp(regexp)) throw new ERR_INVALID_ARG_TYPE('regexp', 'RegExp', regexp);
    const matched = typeof string === 'string' && RegExpPrototypeExec(regexp, string) !== null;
    if (matched === expectMatch) return;
    const shown = `actual: "${String(string)}" expected to ${expectMatch ? '' : 'not '}match: "${RegExpPrototypeToString(regexp)}"`;
    failWith(string, regexp, message, fn.name, shown, fn);
  }

  function ifError(error) {
    if (error === null || error === undefined) return;
    let message = 'ifError got unwanted exception: ';
    if (typeof error === 'object' && typeof error.message === 'string') {
      if (error.message.length === 0 && error.constructor) message += error.constructor.name;
      else message += error.message;
    } else {
      message += inspect(error, { __proto__: null });
    }
    const assertionError = new AssertionError({ actual: error, expected: null, operator: 'ifError', message, stackStartFn: ifError });
    assertionError.generatedMessage = false;
    throw assertionError;
  }

  // -- throws and rejects ----------------------------------------------------------------------

  const NO_EXCEPTION = {};

  function getActual(fn) {
    validateFunction(fn, 'fn');
    try {
      fn();
    } catch (error) {
      return error;
    }
    return NO_EXCEPTION;
  }

  function isPromiseLike(value) {
    return isPromise(value) ||
      (value !== null && typeof value === 'object' && typeof value.then === 'function' && typeof value.catch === 'function');
  }

  async function waitForActual(promiseFn) {
    let resultPromise;
    if (typeof promiseFn === 'function') {
      resultPromise = promiseFn();
      if (!isPromiseLike(resultPromise)) {
        throw new ERR_INVALID_RETURN_VALUE('instance of Promise', 'promiseFn', resultPromise);
      }
    } else if (isPromiseLike(promiseFn)) {
      resultPromise = promiseFn;
    } else {
      throw new ERR_INVALID_ARG_TYPE('promiseFn', ['Function', 'Promise'], promiseFn);
    }
    try {
      await resultPromise;
    } catch (error) {
      return error;
    }
    return NO_EXCEPTION;
  }

  function compareExceptionKey(actual, expected, key, message, fn) {
    if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
      if (!message) {
        const error = new AssertionError({ actual: actual[key], expected: expected[key], operator: 'deepStrictEqual', stackStartFn: fn });
        throw error;
      }
      innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
    }
  }

  function expectedException(actual, expected, message, fn) {
    let generatedMessage = false;
    let throwError = false;
    if (typeof expected !== 'function') {
      if (isRegExp(expected)) {
        const text = String(actual);
        if (RegExpPrototypeExec(expected, text) !== null) return;
        if (!message) {
          generatedMessage = true;
          message = `The input did not match the regular expression ${inspect(expected, { __proto__: null })}. ` +
            `Input:\n\n${inspect(text, { __proto__: null })}\n`;
        }
        throwError = true;
      } else if (typeof actual !== 'object' || actual === null) {
        const error = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
        error.operator = fn.name;
        throw error;
      } else {
        const keys = ObjectKeys(expected);
        if (expected instanceof Error) {
          ArrayPrototypePush(keys, 'name');
          ArrayPrototypePush(keys, 'message');
        } else if (keys.length === 0) {
          throw new ERR_INVALID_ARG_VALUE('error', expected, 'may not be an empty object');
        }
        for (let index = 0; index < keys.length; index++) {
          const key = keys[index];
          if (typeof actual[key] === 'string' && isRegExp(expected[key]) &&
              RegExpPrototypeExec(expected[key], actual[key]) !== null) {
            continue;
          }
          compareExceptionKey(actual, expected, key, message, fn);
        }
        return;
      }
    } else if (expected.prototype !== undefined && actual instanceof expected) {
      return;
    } else if (ObjectPrototypeIsPrototypeOf(Error, expected)) {
      if (!message) {
        generatedMessage = true;
        message = `The error is expected to be an instance of "${expected.name}". Received `;
        const name = (actual !== null && actual !== undefined && actual.constructor && actual.constructor.name) ||
          (actual !== null && actual !== undefined ? actual.name : undefined);
        if (expected.name === name) message += 'an error with identical name but a different prototype.';
        else message += `"${name}"`;
        if (isError(actual)) {
          if (actual.message) message += `\n\nError message:\n\n${actual.message}`;
        } else {
          message += `\n\nError message:\n\n${actual !== null && actual !== undefined ? actual.message : undefined}`;
        }
      }
      throwError = true;
    } else {
      const result = ReflectApply(expected, {}, [actual]);
      if (result !== true) {
        if (!message) {
          generatedMessage = true;
          const name = expected.name ? `"${expected.name}" ` : '';
          message = `The ${name}validation function is expected to return "true". Received ${inspect(result, { __proto__: null })}`;
          if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`;
        }
        throwError = true;
      }
    }
    if (throwError) {
      const error = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
      error.generatedMessage = generatedMessage;
      throw error;
    }
  }

  function expectsError(fn, actual, error, message, argumentCount) {
    if (typeof error === 'string') {
      if (argumentCount === 4) throw new ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
      if (typeof actual === 'object' && actual !== null) {
        if (actual.message === error) {
          throw new ERR_AMBIGUOUS_ARGUMENT('error/message', `The error message "${actual.message}" is identical to the message.`);
        }
      } else if (actual === error) {
        throw new ERR_AMBIGUOUS_ARGUMENT('error/message', `The error "${actual}" is identical to the message.`);
      }
      message = error;
      error = undefined;
    } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
    }
    if (actual === NO_EXCEPTION) {
      let details = '';
      if (error && error.name) details += ` (${error.name})`;
      details += message ? `: ${message}` : '.';
      const kind = fn === rejects ? 'rejection' : 'exception';
      innerFail({ actual: undefined, expected: error, operator: fn.name, message: `Missing expected ${kind}${details}`, stackStartFn: fn });
    }
    if (!error) return;
    expectedException(actual, error, message, fn);
  }

  function hasMatchingError(actual, expected) {
    if (typeof expected !== 'function') {
      if (isRegExp(expected)) return RegExpPrototypeExec(expected, String(actual)) !== null;
      throw new ERR_INVALID_ARG_TYPE('expected', ['Function', 'RegExp'], expected);
    }
    if (expected.prototype !== undefined && actual instanceof expected) return true;
    if (ObjectPrototypeIsPrototypeOf(Error, expected)) return false;
    return ReflectApply(expected, {}, [actual]) === true;
  }

  function expectsNoError(fn, actual, error, message) {
    if (actual === NO_EXCEPTION) return;
    if (typeof error === 'string') {
      message = error;
      error = undefined;
    }
    if (!error || hasMatchingError(actual, error)) {
      const details = message ? `: ${message}` : '.';
      // workerd says `exception` for doesNotReject too.
      const kind = 'exception';
      innerFail({
        actual, expected: error, operator: fn.name, stackStartFn: fn,
        message: `Got unwanted ${kind}${details}\nActual message: "${actual && actual.message}"`,
      });
    }
    throw actual;
  }

  function throws(promiseFn, ...args) {
    expectsError(throws, getActual(promiseFn), args[0], args[1], args.length + 1);
  }
  async function rejects(promiseFn, ...args) {
    expectsError(rejects, await waitForActual(promiseFn), args[0], args[1], args.length + 1);
  }
  function doesNotThrow(fn, ...args) {
    expectsNoError(doesNotThrow, getActual(fn), args[0], args[1]);
  }
  async function doesNotReject(fn, ...args) {
    expectsNoError(doesNotReject, await waitForActual(fn), args[0], args[1]);
  }

  // -- The module ------------------------------------------------------------------------------

  const functions = {
    ok,
    fail,
    equal: strictEqual,
    notEqual: notStrictEqual,
    strictEqual,
    notStrictEqual,
    deepEqual: deepStrictEqual,
    notDeepEqual: notDeepStrictEqual,
    deepStrictEqual,
    notDeepStrictEqual,
    partialDeepStrictEqual,
    throws,
    doesNotThrow,
    rejects,
    doesNotReject,
    ifError,
    match,
    doesNotMatch,
    AssertionError,
  };

  // `new Assert(options)`: the same assertions as methods (workerd's are strict whatever the
  // options say).
  class Assert {
    constructor(options) {
      if (options !== undefined) validateObject(options, 'options');
    }
  }
  const names = ObjectKeys(functions);
  for (let index = 0; index < names.length; index++) {
    const key = names[index];
    if (key === 'AssertionError') continue;
    ObjectDefineProperty(Assert.prototype, key, {
      __proto__: null, value: functions[key], writable: true, enumerable: false, configurable: true,
    });
  }

  function makeAssert(name) {
    const assert = name === 'strict'
      ? function strict(...args) { innerOk(strict, args.length, args[0], args[1]); }
      : function ok(...args) { innerOk(ok, args.length, args[0], args[1]); };
    for (let index = 0; index < names.length; index++) assert[names[index]] = functions[names[index]];
    assert.Assert = Assert;
    return assert;
  }
  const assert = makeAssert('ok');
  const strict = makeAssert('strict');
  assert.strict = strict;
  strict.strict = strict;
  // `node:assert/strict` is a strict assert of its own whose `strict` is `assert.strict`, as
  // in workerd.
  const strictModule = makeAssert('strict');
  strictModule.strict = strict;
  internals.assertStrictModule = strictModule;
  return assert;
});
