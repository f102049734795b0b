//# allFunctionsCalledOnLoad
// `console`. Each call hands the host one string. Plain strings are joined here; anything
// else goes through the formatter (`internals.format`, `js/lazy/inspect.js`). `builtins` were
// captured by `js/console.js` before any user code existed.
(function (globalThis, host, internals, builtins) {
  'use strict';

  const print = host.print;
  const now = host.now;
  const { ReflectApply, StringPrototypeIncludes, ObjectKeys } = builtins;

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
  internals.defineLazyGlobal('console', console);
});
