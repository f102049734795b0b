//# allFunctionsCalledOnLoad
// `console`. Each call hands the host one string. Plain strings are joined here; anything
// else goes through the formatter (`js/lazy/inspect.js`, like Node's `util.inspect`), which
// loads on first use, with the builtins captured here before any user code exists.
(function (globalThis, host, internals) {
  'use strict';

  const print = host.print;
  const now = host.now;
  const ReflectApply = Reflect.apply;
  const StringPrototypeIncludes = String.prototype.includes;

  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectPrototypeToString = Object.prototype.toString;
  const ObjectKeys = Object.keys;
  const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectPrototypePropertyIsEnumerable = Object.prototype.propertyIsEnumerable;
  const ArrayIsArray = Array.isArray;
  const FunctionPrototypeToString = Function.prototype.toString;
  const ErrorPrototypeToString = Error.prototype.toString;
  const DatePrototypeToISOString = Date.prototype.toISOString;
  const DatePrototypeGetTime = Date.prototype.getTime;
  const RegExpPrototypeToString = RegExp.prototype.toString;
  const SymbolPrototypeToString = Symbol.prototype.toString;
  const MapPrototypeEntries = Map.prototype.entries;
  const SetPrototypeValues = Set.prototype.values;
  const MapPrototypeGetSize = ObjectGetOwnPropertyDescriptor(Map.prototype, 'size').get;
  const SetPrototypeGetSize = ObjectGetOwnPropertyDescriptor(Set.prototype, 'size').get;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const TypedArrayPrototypeGetLength =
    ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, 'length').get;
  const TypedArrayPrototypeGetToStringTag =
    ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
  const ArrayBufferIsView = ArrayBuffer.isView;
  const ArrayBufferPrototypeGetByteLength =
    ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
  const JSONStringify = JSON.stringify;
  const MathMax = Math.max;
  const MathSqrt = Math.sqrt;
  const MathRound = Math.round;
  const StringPrototypeRepeat = String.prototype.repeat;
  const NumberIsNaN = Number.isNaN;
  const ObjectPrototype = Object.prototype;
  const ReflectOwnKeys = Reflect.ownKeys;
  const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

  // Index of `js/lazy/inspect.js` in bootstrap.rs's LAZY_SCRIPTS.
  const INSPECT = 10;
  const builtins = {
    __proto__: null,
    ObjectGetPrototypeOf, ObjectPrototypeToString, ObjectKeys, ObjectGetOwnPropertySymbols,
    ObjectGetOwnPropertyDescriptor, ObjectPrototypePropertyIsEnumerable, ArrayIsArray,
    FunctionPrototypeToString, ErrorPrototypeToString, DatePrototypeToISOString,
    DatePrototypeGetTime, RegExpPrototypeToString, SymbolPrototypeToString, MapPrototypeEntries,
    SetPrototypeValues, MapPrototypeGetSize, SetPrototypeGetSize, TypedArrayPrototype,
    TypedArrayPrototypeGetLength, TypedArrayPrototypeGetToStringTag, ArrayBufferIsView,
    ArrayBufferPrototypeGetByteLength, JSONStringify, MathMax, MathSqrt, MathRound,
    StringPrototypeRepeat, NumberIsNaN, ObjectPrototype, ReflectOwnKeys, inspectCustom
  };
  internals.lazyFunctions(['inspect', 'format', 'formatTable'], internals.lazyUnit([INSPECT], undefined, builtins));

  // What the formatter gives for strings without `%` (no substitutions): the strings joined
  // with spaces. A sandbox that only logs text never loads the formatter.
  function format(args) {
    if (args.length === 0) return '';
    let output = args[0];
    if (typeof output !== 'string' || ReflectApply(StringPrototypeIncludes, output, ['%'])) return internals.format(args);
    for (let index = 1; index < args.length; index++) {
      const argument = args[index];
      if (typeof argument !== 'string') return internals.format(args);
      output += ' ' + argument;
    }
    return output;
  }

  // Levels as the host understands them.
  const DEBUG = 0, INFO = 1, LOG = 2, WARN = 3, ERROR = 4;
  let groupIndentation = '';
  function emit(level, message) {
    if (groupIndentation !== '') {
      message = groupIndentation + message.split('\n').join('\n' + groupIndentation);
    }
    print(level, message);
  }

  const counts = new Map();
  const timers = new Map();
  function label(value) { return value === undefined ? 'default' : String(value); }
  function elapsed(start) {
    const milliseconds = now() - start;
    return milliseconds < 1000 ? `${milliseconds.toFixed(3)}ms` : `${(milliseconds / 1000).toFixed(3)}s`;
  }

  const console = {
    log(...args) { emit(LOG, format(args)); },
    info(...args) { emit(INFO, format(args)); },
    debug(...args) { emit(DEBUG, format(args)); },
    warn(...args) { emit(WARN, format(args)); },
    error(...args) { emit(ERROR, format(args)); },
    trace(...args) {
      const holder = {};
      Error.captureStackTrace(holder, console.trace);
      const stack = String(holder.stack).split('\n').slice(1).join('\n');
      emit(ERROR, 'Trace' + (args.length ? ': ' + format(args) : '') + '\n' + stack);
    },
    dir(value, options) { emit(LOG, internals.inspect(value, options)); },
    dirxml(...args) { emit(LOG, format(args)); },
    table(data, properties) { emit(LOG, internals.formatTable(data, properties)); },
    assert(condition, ...args) {
      if (condition) return;
      if (args.length === 0) emit(ERROR, 'Assertion failed');
      else if (typeof args[0] === 'string') emit(ERROR, format(['Assertion failed: ' + args[0], ...args.slice(1)]));
      else emit(ERROR, format(['Assertion failed:', ...args]));
    },
    count(name) {
      const key = label(name);
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      emit(INFO, `${key}: ${count}`);
    },
    countReset(name) { counts.delete(label(name)); },
    time(name) {
      const key = label(name);
      if (timers.has(key)) {
        emit(WARN, `Warning: Label '${key}' already exists for console.time()`);
        return;
      }
      timers.set(key, now());
    },
    timeLog(name, ...args) {
      const key = label(name);
      if (!timers.has(key)) {
        emit(WARN, `Warning: No such label '${key}' for console.timeLog()`);
        return;
      }
      emit(INFO, format([`${key}: ${elapsed(timers.get(key))}`, ...args]));
    },
    timeEnd(name) {
      const key = label(name);
      if (!timers.has(key)) {
        emit(WARN, `Warning: No such label '${key}' for console.timeEnd()`);
        return;
      }
      emit(INFO, `${key}: ${elapsed(timers.get(key))}`);
      timers.delete(key);
    },
    group(...args) {
      if (args.length) emit(LOG, format(args));
      groupIndentation += '  ';
    },
    groupCollapsed(...args) { console.group(...args); },
    groupEnd() { groupIndentation = groupIndentation.slice(0, -2); },
  };
  for (const key of ObjectKeys(console)) {
    Object.defineProperty(console, key, { enumerable: true });
  }
  Object.defineProperty(console, Symbol.toStringTag, { value: 'console', configurable: true });
  internals.defineGlobal('console', console);
});
