//# allFunctionsCalledOnLoad
// `console`. Each call hands the host one string. Plain strings are joined here; anything
// else goes through the formatter (`internals.format`, `console/inspect.js`). It uses only
// the primordials (captured before any user code existed), never a builtin the code could
// have replaced, and it never reads the characters of a message: the host copies at most
// its first `MAX_MESSAGE_CHARACTERS` out of the isolate, and a string of hundreds of millions
// of characters built by concatenation is never flattened here.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const print = host.print;
  const now = host.now;
  const {
    ReflectApply, StringPrototypeIncludes, ObjectKeys, ObjectDefineProperty, Map,
    MapPrototypeGet, MapPrototypeSet, MapPrototypeHas, MapPrototypeDelete, ErrorCaptureStackTrace,
    NumberPrototypeToFixed, StringPrototypeIndexOf, StringPrototypeSlice, String,
    SymbolToStringTag, ArrayPrototypePush, safeArray,
  } = primordials;

  // What the formatter gives for strings without `%` (no substitutions): the strings joined
  // with spaces. A sandbox that only logs text never loads the formatter. One string is
  // printed as it is, `%` and all, as Node prints it.
  function format(args) {
    if (args.length === 0) return '';
    let output = args[0];
    if (typeof output !== 'string') return internals.format(args);
    if (args.length === 1) return output;
    // (A format string longer than the formatter reads is cut there, unflattened.)
    if (output.length > MAX_PLAIN_LENGTH || StringPrototypeIncludes(output, '%')) return internals.format(args);
    for (let index = 1; index < args.length; index++) {
      const argument = args[index];
      if (typeof argument !== 'string') return internals.format(args);
      output += ' ' + argument;
    }
    return output;
  }

  const MAX_PLAIN_LENGTH = 1 << 20;

  // Levels as the host understands them.
  const DEBUG = 0, INFO = 1, LOG = 2, WARN = 3, ERROR = 4;
  // The indentation of `console.group`, which the host puts before every line.
  let groupIndentation = '';
  function emit(level, message) {
    print(level, message, groupIndentation);
  }

  const counts = new Map();
  const timers = new Map();
  // A label of count/time: a string too long to show is cut (before it is hashed as a key,
  // which would flatten it).
  function label(value) {
    const text = value === undefined ? 'default' : String(value);
    return text.length > MAX_PLAIN_LENGTH ? host.stringHead(text, MAX_PLAIN_LENGTH) : text;
  }
  function elapsed(start) {
    const milliseconds = now() - start;
    return milliseconds < 1000 ? `${NumberPrototypeToFixed(milliseconds, 3)}ms`
      : `${NumberPrototypeToFixed(milliseconds / 1000, 3)}s`;
  }
  // `[first, ...rest]` without an iterator.
  function prepend(first, rest) {
    const list = safeArray();
    ArrayPrototypePush(list, first);
    for (let index = 0; index < rest.length; index++) ArrayPrototypePush(list, rest[index]);
    return list;
  }

  const console = {
    log(...args) { emit(LOG, format(args)); },
    info(...args) { emit(INFO, format(args)); },
    debug(...args) { emit(DEBUG, format(args)); },
    warn(...args) { emit(WARN, format(args)); },
    error(...args) { emit(ERROR, format(args)); },
    trace(...args) {
      const holder = { __proto__: null };
      ErrorCaptureStackTrace(holder, trace);
      // `holder.stack` is `Error\n    at ...`: the frames start after the first line.
      const stack = '' + holder.stack;
      const newline = StringPrototypeIndexOf(stack, '\n');
      const frames = newline === -1 ? '' : StringPrototypeSlice(stack, newline + 1);
      emit(ERROR, 'Trace' + (args.length ? ': ' + format(args) : '') + '\n' + frames);
    },
    dir(value, options) { emit(LOG, internals.inspect(value, options)); },
    dirxml(...args) { emit(LOG, format(args)); },
    table(data, properties) { emit(LOG, internals.formatTable(data, properties)); },
    assert(condition, ...args) {
      if (condition) return;
      if (args.length === 0) emit(ERROR, 'Assertion failed');
      else if (typeof args[0] === 'string') {
        const rest = safeArray();
        for (let index = 1; index < args.length; index++) ArrayPrototypePush(rest, args[index]);
        emit(ERROR, format(prepend('Assertion failed: ' + args[0], rest)));
      } else emit(ERROR, format(prepend('Assertion failed:', args)));
    },
    count(name) {
      const key = label(name);
      const count = (MapPrototypeGet(counts, key) ?? 0) + 1;
      MapPrototypeSet(counts, key, count);
      emit(INFO, `${key}: ${count}`);
    },
    countReset(name) { MapPrototypeDelete(counts, label(name)); },
    time(name) {
      const key = label(name);
      if (MapPrototypeHas(timers, key)) {
        emit(WARN, `Warning: Label '${key}' already exists for console.time()`);
        return;
      }
      MapPrototypeSet(timers, key, now());
    },
    timeLog(name, ...args) {
      const key = label(name);
      if (!MapPrototypeHas(timers, key)) {
        emit(WARN, `Warning: No such label '${key}' for console.timeLog()`);
        return;
      }
      emit(INFO, format(prepend(`${key}: ${elapsed(MapPrototypeGet(timers, key))}`, args)));
    },
    timeEnd(name) {
      const key = label(name);
      if (!MapPrototypeHas(timers, key)) {
        emit(WARN, `Warning: No such label '${key}' for console.timeEnd()`);
        return;
      }
      emit(INFO, `${key}: ${elapsed(MapPrototypeGet(timers, key))}`);
      MapPrototypeDelete(timers, key);
    },
    group(...args) {
      if (args.length) emit(LOG, format(args));
      groupIndentation += '  ';
    },
    groupCollapsed(...args) { ReflectApply(group, console, args); },
    groupEnd() { groupIndentation = StringPrototypeSlice(groupIndentation, 0, -2); },
    // What a console without a debugger attached does with these, as in workerd: nothing.
    clear() {},
    profile() {},
    profileEnd() {},
    timeStamp() {},
  };
  const trace = console.trace;
  const group = console.group;
  const keys = ObjectKeys(console);
  for (let index = 0; index < keys.length; index++) {
    ObjectDefineProperty(console, keys[index], { __proto__: null, enumerable: true });
  }
  ObjectDefineProperty(console, SymbolToStringTag, { __proto__: null, value: 'console', configurable: true });
  internals.defineLazyGlobal('console', console);
});
