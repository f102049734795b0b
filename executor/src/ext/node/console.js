//# allFunctionsCalledOnLoad
// `console`, as workerd has it: the module's value is the global console, to which importing
// it adds Node.js's fields (`_times`, `_stdout`, `_stderr`, ...), `Console`, and `context` and
// `createTask` (which throw ERR_METHOD_NOT_IMPLEMENTED). `Console` is Node.js's class: it
// writes each message, a line, to the streams it is given (`new Console(process.stdout)`
// writes to the run's console through `process.stdout`), with Node.js's formatting, groups,
// counters, timers and tables; the global console counts as a Console.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    ArrayPrototypePush, ArrayPrototypeUnshift, Boolean, Error, ErrorCaptureStackTrace, FunctionPrototypeBind, Map,
    MapIteratorPrototypeNext, MapPrototypeDelete, MapPrototypeEntries, MapPrototypeGet, MapPrototypeHas,
    MapPrototypeSet, MathFloor, NumberPrototypeToFixed,
    ObjectDefineProperty, ObjectKeys, ReflectApply, ReflectConstruct, StringPrototypeIncludes,
    StringPrototypePadStart, StringPrototypeRepeat, StringPrototypeSlice, StringPrototypeIndexOf, Symbol,
    SymbolHasInstance, SymbolToStringTag, safeArray,
  } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const {
    codes: { ERR_CONSOLE_WRITABLE_STREAM, ERR_METHOD_NOT_IMPLEMENTED }, validateArray, validateInteger,
    validateObject, validateOneOf,
  } = errors;
  const process = internals.nodeModule('process');
  const util = internals.nodeModule('util');
  const now = host.now;

  const kMaxGroupIndentation = 1000;
  const kCounts = Symbol('counts');
  const kGroupIndentationWidth = Symbol('kGroupIndentWidth');
  const kGroupIndentationString = Symbol('kGroupIndentationString');
  const kColorMode = Symbol('kColorMode');
  const kIsConsole = Symbol('kIsConsole');
  const kInspectOptions = Symbol('kInspectOptions');

  function noop() {}

  // workerd's ERR_INCOMPATIBLE_OPTION_PAIR: an Error with its own words.
  function incompatible(option, other) {
    const error = new Error(`The options "${option}" and "${other}" are mutually exclusive.`);
    ObjectDefineProperty(error, 'code', {
      __proto__: null, value: 'ERR_INCOMPATIBLE_OPTION_PAIR', writable: true, enumerable: true, configurable: true,
    });
    return error;
  }

  // Anything but a Symbol as a string, as a template literal makes it.
  function toLabel(label) {
    return `${label}`;
  }

  function isWritable(stream) {
    return !!stream && typeof stream.write === 'function';
  }

  // Node.js's `shouldColorize()`, without FORCE_COLOR. (Nothing here writes colours: the
  // runtime's formatter has none.)
  function shouldColorize(stream) {
    if (!stream.isTTY) return false;
    return typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true;
  }

  // `new Console(stdout[, stderr][, ignoreErrors])` or `new Console(options)`; callable
  // without `new`, as Node.js's.
  function Console(options, ...rest) {
    if (new.target === undefined) {
      const args = safeArray();
      ArrayPrototypePush(args, options);
      for (let index = 0; index < rest.length; index++) ArrayPrototypePush(args, rest[index]);
      return ReflectConstruct(Console, args);
    }
    const opts = !options || typeof options.write === 'function'
      ? { stdout: options, stderr: rest[0], ignoreErrors: rest[1] }
      : options;
    const {
      stdout, stderr = stdout, ignoreErrors = true, colorMode = 'auto', inspectOptions, groupIndentation = 2,
    } = opts;
    if (!isWritable(stdout)) throw new ERR_CONSOLE_WRITABLE_STREAM('stdout');
    if (!isWritable(stderr)) throw new ERR_CONSOLE_WRITABLE_STREAM('stderr');
    validateOneOf(colorMode, 'colorMode', ['auto', true, false]);
    validateInteger(groupIndentation, 'groupIndentation', 0, kMaxGroupIndentation);
    let inspectOptionsMap;
    if (inspectOptions !== undefined) {
      validateObject(inspectOptions, 'options.inspectOptions');
      // Copies: the resolved `colors` is stored on them on first use.
      inspectOptionsMap = new Map();
      if (util.types.isMap(inspectOptions)) {
        const entries = MapPrototypeEntries(inspectOptions);
        for (;;) {
          const step = MapIteratorPrototypeNext(entries);
          if (step.done) break;
          MapPrototypeSet(inspectOptionsMap, step.value[0], { ...step.value[1] });
        }
      } else {
        MapPrototypeSet(inspectOptionsMap, stdout, { ...inspectOptions });
        MapPrototypeSet(inspectOptionsMap, stderr, { ...inspectOptions });
      }
      const streams = safeArray();
      ArrayPrototypePush(streams, stdout);
      ArrayPrototypePush(streams, stderr);
      for (let index = 0; index < streams.length; index++) {
        const streamOptions = MapPrototypeGet(inspectOptionsMap, streams[index]);
        if (streamOptions !== undefined && streamOptions.colors !== undefined && opts.colorMode !== undefined) {
          throw incompatible('options.inspectOptions.color', 'colorMode');
        }
      }
    }
    // The methods as read from the instance (a subclass may replace them), bound to it.
    const keys = ObjectKeys(Console.prototype);
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      const bound = FunctionPrototypeBind(this[key], this);
      ObjectDefineProperty(bound, 'name', { __proto__: null, value: key });
      ObjectDefineProperty(this, key, { __proto__: null, value: bound, writable: true, enumerable: true, configurable: true });
    }
    const define = (key, value) => {
      ObjectDefineProperty(this, key, { __proto__: null, value, writable: true, enumerable: false, configurable: true });
    };
    define('_stdout', stdout);
    define('_stderr', stderr);
    define('_stdoutErrorHandler', createWriteErrorHandler(this, true));
    define('_stderrErrorHandler', createWriteErrorHandler(this, false));
    define('_ignoreErrors', Boolean(ignoreErrors));
    define('_times', new Map());
    define(kCounts, new Map());
    define(kColorMode, colorMode);
    define(kIsConsole, true);
    define(kGroupIndentationWidth, groupIndentation);
    define(kGroupIndentationString, '');
    define(kInspectOptions, inspectOptionsMap);
    ObjectDefineProperty(this, SymbolToStringTag, {
      __proto__: null, value: 'console', writable: false, enumerable: false, configurable: true,
    });
    return undefined;
  }

  // The global console counts as a Console too.
  const globalConsole = internals.lazyGet(globalThis, 'console');
  ObjectDefineProperty(Console, SymbolHasInstance, {
    __proto__: null,
    value: function (instance) {
      return instance === globalConsole || (instance != null && instance[kIsConsole] === true);
    },
  });

  // A write's error, when the stream reports it through the callback: kept from becoming an
  // uncaught exception by a one-time listener.
  function createWriteErrorHandler(instance, useStdout) {
    return (error) => {
      const stream = useStdout ? instance._stdout : instance._stderr;
      if (error != null && !stream._writableState?.errorEmitted) {
        if (stream.listenerCount('error') === 0) stream.once('error', noop);
      }
    };
  }

  function isStackOverflowError(error) {
    return error !== null && typeof error === 'object' && error.name === 'RangeError' &&
      error.message === 'Maximum call stack size exceeded';
  }

  // A line: indented for the open groups, written to stdout or stderr.
  function writeToConsole(self, useStdout, string) {
    const groupIndent = self[kGroupIndentationString];
    const stream = useStdout ? self._stdout : self._stderr;
    const errorHandler = useStdout ? self._stdoutErrorHandler : self._stderrErrorHandler;
    if (groupIndent.length !== 0) {
      if (StringPrototypeIncludes(string, '\n')) {
        let indented = '';
        let start = 0;
        let newline = StringPrototypeIndexOf(string, '\n');
        while (newline !== -1) {
          indented += StringPrototypeSlice(string, start, newline) + '\n' + groupIndent;
          start = newline + 1;
          newline = StringPrototypeIndexOf(string, '\n', start);
        }
        string = indented + StringPrototypeSlice(string, start);
      }
      string = groupIndent + string;
    }
    string += '\n';
    if (!self._ignoreErrors) {
      stream.write(string);
      return;
    }
    // Errors can come synchronously or later, depending on the stream.
    try {
      // A listener for the time of the write catches a synchronous error.
      if (stream.listenerCount('error') === 0) stream.once('error', noop);
      stream.write(string, errorHandler);
    } catch (error) {
      // A console is for debugging: it does not swallow a stack overflow.
      if (isStackOverflowError(error)) throw error;
    } finally {
      stream.removeListener('error', noop);
    }
  }

  const kColorInspectOptions = { colors: true };
  const kNoColorInspectOptions = {};
  function getInspectOptions(self, stream) {
    let color = self[kColorMode];
    if (color === 'auto') color = shouldColorize(stream);
    const options = self[kInspectOptions] === undefined ? undefined : MapPrototypeGet(self[kInspectOptions], stream);
    if (options) {
      if (options.colors === undefined) options.colors = color;
      return options;
    }
    return color ? kColorInspectOptions : kNoColorInspectOptions;
  }

  function formatFor(self, stream, args) {
    if (args.length === 1 && typeof args[0] === 'string') return args[0];
    const all = safeArray();
    ArrayPrototypePush(all, getInspectOptions(self, stream));
    for (let index = 0; index < args.length; index++) ArrayPrototypePush(all, args[index]);
    return ReflectApply(util.formatWithOptions, undefined, all);
  }

  function logTo(self, useStdout, args) {
    const stream = useStdout ? self._stdout : self._stderr;
    writeToConsole(self, useStdout, formatFor(self, stream, args));
  }

  // Node.js's `formatTime()` (lib/internal/util/debuglog.js).
  function pad(value) {
    return StringPrototypePadStart(`${value}`, 2, '0');
  }
  function formatTime(ms) {
    let hours = 0;
    let minutes = 0;
    let seconds = 0;
    if (ms >= 1000) {
      if (ms >= 60000) {
        if (ms >= 3600000) {
          hours = MathFloor(ms / 3600000);
          ms = ms % 3600000;
        }
        minutes = MathFloor(ms / 60000);
        ms = ms % 60000;
      }
      seconds = ms / 1000;
    }
    if (hours !== 0 || minutes !== 0) {
      const fixed = NumberPrototypeToFixed(seconds, 3);
      const dot = StringPrototypeIndexOf(fixed, '.');
      const secondsPart = StringPrototypeSlice(fixed, 0, dot);
      const msPart = StringPrototypeSlice(fixed, dot + 1);
      const result = hours !== 0 ? `${hours}:${pad(minutes)}` : `${minutes}`;
      return `${result}:${pad(secondsPart)}.${msPart} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
    }
    if (seconds !== 0) return `${NumberPrototypeToFixed(seconds, 3)}s`;
    return `${+NumberPrototypeToFixed(ms, 3)}ms`;
  }

  function timeLogImpl(self, method, label, data) {
    const start = MapPrototypeGet(self._times, label);
    if (start === undefined) {
      process.emitWarning(`No such label '${label}' for console.${method}()`);
      return;
    }
    const args = safeArray();
    ArrayPrototypePush(args, '%s: %s');
    ArrayPrototypePush(args, label);
    ArrayPrototypePush(args, formatTime(now() - start));
    if (data !== undefined) for (let index = 0; index < data.length; index++) ArrayPrototypePush(args, data[index]);
    ReflectApply(self.log, self, args);
  }

  // Method shorthand: not constructors, as Node.js's.
  const consoleMethods = {
    log(...args) {
      logTo(this, true, args);
    },
    info(...args) {
      logTo(this, true, args);
    },
    debug(...args) {
      logTo(this, true, args);
    },
    warn(...args) {
      logTo(this, false, args);
    },
    error(...args) {
      logTo(this, false, args);
    },
    dir(object, options) {
      writeToConsole(this, true, util.inspect(object, {
        customInspect: false,
        ...getInspectOptions(this, this._stdout),
        ...options,
      }));
    },
    time(label = 'default') {
      const key = toLabel(label);
      if (MapPrototypeHas(this._times, key)) {
        process.emitWarning(`Label '${key}' already exists for console.time()`);
        return;
      }
      MapPrototypeSet(this._times, key, now());
    },
    timeEnd(label = 'default') {
      const key = toLabel(label);
      timeLogImpl(this, 'timeEnd', key);
      MapPrototypeDelete(this._times, key);
    },
    timeLog(label = 'default', ...data) {
      timeLogImpl(this, 'timeLog', toLabel(label), data);
    },
    trace(...args) {
      const error = { name: 'Trace', message: formatFor(this, this._stderr, args), stack: '' };
      ErrorCaptureStackTrace(error, consoleMethods.trace);
      this.error(error.stack);
    },
    assert(expression, ...args) {
      if (!expression) {
        if (args.length && typeof args[0] === 'string') args[0] = `Assertion failed: ${args[0]}`;
        else ArrayPrototypeUnshift(args, 'Assertion failed');
        ReflectApply(this.warn, this, args);
      }
    },
    // Only a terminal is cleared (a run writes to none).
    clear() {
      if (this._stdout.isTTY && process.env.TERM !== 'dumb') this._stdout.write('\x1b[1;1H\x1b[0J');
    },
    count(label = 'default') {
      const key = toLabel(label);
      const counts = this[kCounts];
      const count = (MapPrototypeGet(counts, key) ?? 0) + 1;
      MapPrototypeSet(counts, key, count);
      this.log(`${key}: ${count}`);
    },
    countReset(label = 'default') {
      const counts = this[kCounts];
      // As Node.js: looked up as given, deleted as a string.
      if (!MapPrototypeHas(counts, label)) {
        process.emitWarning(`Count for '${label}' does not exist`);
        return;
      }
      MapPrototypeDelete(counts, toLabel(label));
    },
    group(...data) {
      if (data.length > 0) ReflectApply(this.log, this, data);
      this[kGroupIndentationString] += StringPrototypeRepeat(' ', this[kGroupIndentationWidth]);
    },
    groupEnd() {
      const current = this[kGroupIndentationString];
      this[kGroupIndentationString] = StringPrototypeSlice(current, 0, current.length - this[kGroupIndentationWidth]);
    },
    // The runtime's table, as the global console draws it.
    table(tabularData, properties) {
      if (properties !== undefined) validateArray(properties, 'properties');
      if (tabularData === null || typeof tabularData !== 'object') {
        this.log(tabularData);
        return;
      }
      this.log(internals.formatTable(tabularData, properties));
    },
  };
  const methodKeys = ObjectKeys(consoleMethods);
  for (let index = 0; index < methodKeys.length; index++) {
    ObjectDefineProperty(Console.prototype, methodKeys[index], {
      __proto__: null, value: consoleMethods[methodKeys[index]], writable: true, enumerable: true, configurable: true,
    });
  }
  ObjectDefineProperty(Console.prototype, 'dirxml', {
    __proto__: null, value: consoleMethods.log, writable: true, enumerable: true, configurable: true,
  });
  ObjectDefineProperty(Console.prototype, 'groupCollapsed', {
    __proto__: null, value: consoleMethods.group, writable: true, enumerable: true, configurable: true,
  });

  function context() {
    throw new ERR_METHOD_NOT_IMPLEMENTED('Console.context');
  }
  function createTask() {
    throw new ERR_METHOD_NOT_IMPLEMENTED('Console.createTask');
  }

  // What importing the module adds to the global console, as workerd does.
  const add = (key, value) => {
    ObjectDefineProperty(globalConsole, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
  };
  add('_times', new Map());
  add('_ignoreErrors', true);
  add('_stderrErrorHandler', noop);
  add('_stdoutErrorHandler', noop);
  // `process.stderr` and `process.stdout`, read on first use (making them loads `node:stream`);
  // an assignment first replaces them.
  const streams = ['_stderr', '_stdout'];
  for (let index = 0; index < streams.length; index++) {
    const key = streams[index];
    ObjectDefineProperty(globalConsole, key, {
      __proto__: null,
      enumerable: true,
      configurable: true,
      get() {
        const value = key === '_stderr' ? process.stderr : process.stdout;
        add(key, value);
        return value;
      },
      set(value) { add(key, value); },
    });
  }
  add('Console', Console);
  add('context', context);
  add('createTask', createTask);
  return globalConsole;
});
