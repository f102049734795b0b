//# allFunctionsCalledOnLoad
// `node:util`, as workerd has it with `nodejs_compat`. `inspect` and `format` are the
// console's formatter (`console/inspect.js`), with `util.inspect`'s options; `types` is
// `node:util/types`; `isDeepStrictEqual` is assert's comparison (`node/comparisons.js`).
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  // `sys` is Node's old name of `util`: the same value.
  if (name === 'sys') return internals.nodeModule('util');

  const {
    ArrayIsArray, ArrayPrototypeJoin, ArrayPrototypePush, Error, FunctionPrototypeCall, Map, MapPrototypeSet,
    MapPrototypeGet, ObjectDefineProperty, ObjectDefineProperties, ObjectGetOwnPropertyDescriptors,
    ObjectGetPrototypeOf, ObjectKeys, ObjectSetPrototypeOf, ObjectPrototypeToString, Promise, PromisePrototypeThen,
    PromiseWithResolvers, ReflectApply, StringPrototypeCharCodeAt, StringPrototypeIndexOf, StringPrototypeSlice,
    StringPrototypeToUpperCase, StringPrototypeToWellFormed, SymbolFor, TypeError, safeArray,
  } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const {
    codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_FALSY_VALUE_REJECTION },
    validateFunction, validateObject, validateNumber, validateString,
  } = errors;
  const types = internals.nodeModule('util/types');
  const queueMicrotask = internals.queueMicrotask;

  // -- inspect and format ----------------------------------------------------------------------

  const inspectDefaults = {
    showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false, maxArrayLength: 100,
    maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false, numericSeparator: false,
  };

  // `inspect(value, options)` or Node's older `inspect(value, showHidden, depth, colors)`.
  function inspect(value, options) {
    const given = { __proto__: null, ...inspectDefaults, util: true };
    if (arguments.length >= 3 || typeof options === 'boolean') {
      if (options !== undefined) given.showHidden = options;
      if (arguments.length >= 3 && arguments[2] !== undefined) given.depth = arguments[2];
      if (arguments.length >= 4 && arguments[3] !== undefined) given.colors = arguments[3];
    } else if (options !== null && typeof options === 'object') {
      const keys = ObjectKeys(options);
      for (let index = 0; index < keys.length; index++) given[keys[index]] = options[keys[index]];
    }
    return internals.inspect(value, given);
  }
  const colors = {
    __proto__: null,
    reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25],
    inverse: [7, 27], hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24], black: [30, 39],
    red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39],
    white: [37, 39], bgBlack: [40, 49], bgRed: [41, 49], bgGreen: [42, 49], bgYellow: [43, 49], bgBlue: [44, 49],
    bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49], framed: [51, 54], overlined: [53, 55],
    gray: [90, 39], redBright: [91, 39], greenBright: [92, 39], yellowBright: [93, 39], blueBright: [94, 39],
    magentaBright: [95, 39], cyanBright: [96, 39], whiteBright: [97, 39], bgGray: [100, 49],
    bgRedBright: [101, 49], bgGreenBright: [102, 49], bgYellowBright: [103, 49], bgBlueBright: [104, 49],
    bgMagentaBright: [105, 49], bgCyanBright: [106, 49], bgWhiteBright: [107, 49],
  };
  ObjectSetPrototypeOf(colors, primordials.ObjectPrototype);
  // Names Node also accepts, not enumerable: `[alias, name]`.
  const colorAliases = [['grey', 'gray'], ['blackBright', 'gray'], ['bgGrey', 'bgGray'], ['bgBlackBright', 'bgGray'],
    ['faint', 'dim'], ['crossedout', 'strikethrough'], ['strikeThrough', 'strikethrough'],
    ['crossedOut', 'strikethrough'], ['conceal', 'hidden'], ['swapColors', 'inverse'], ['swapcolors', 'inverse'],
    ['doubleUnderline', 'doubleunderline']];
  for (let index = 0; index < colorAliases.length; index++) {
    const target = colorAliases[index][1];
    ObjectDefineProperty(colors, colorAliases[index][0], {
      __proto__: null, configurable: true, enumerable: false,
      get() { return this[target]; },
      set(value) { this[target] = value; },
    });
  }
  ObjectDefineProperties(inspect, {
    custom: { __proto__: null, value: SymbolFor('nodejs.util.inspect.custom'), enumerable: false },
    colors: { __proto__: null, value: colors, writable: true, enumerable: false },
    styles: {
      __proto__: null, writable: true, enumerable: false,
      value: {
        special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey', null: 'bold',
        string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline',
      },
    },
    defaultOptions: {
      __proto__: null, enumerable: false, configurable: true,
      get() { return inspectDefaults; },
      set(options) {
        validateObject(options, 'options');
        const keys = ObjectKeys(options);
        for (let index = 0; index < keys.length; index++) inspectDefaults[keys[index]] = options[keys[index]];
      },
    },
  });

  function formatWithOptions(inspectOptions, ...args) {
    validateObject(inspectOptions, 'inspectOptions', { allowArray: true });
    const given = { __proto__: null, ...inspectDefaults, util: true };
    const keys = ObjectKeys(inspectOptions);
    for (let index = 0; index < keys.length; index++) given[keys[index]] = inspectOptions[keys[index]];
    return internals.format(args, given);
  }
  function format(...args) {
    return internals.format(args, { __proto__: null, ...inspectDefaults, util: true });
  }

  // -- promisify and callbackify ---------------------------------------------------------------

  const kCustomPromisified = SymbolFor('nodejs.util.promisify.custom');
  const kCustomPromisifyArgs = SymbolFor('nodejs.util.promisify.customArgs');

  function promisify(original) {
    validateFunction(original, 'original');
    if (original[kCustomPromisified]) {
      const fn = original[kCustomPromisified];
      validateFunction(fn, 'util.promisify.custom');
      return ObjectDefineProperty(fn, kCustomPromisified, { __proto__: null, value: fn, enumerable: false, writable: false, configurable: true });
    }
    const argumentNames = original[kCustomPromisifyArgs];
    function fn(...args) {
      const { promise, resolve, reject } = PromiseWithResolvers();
      ArrayPrototypePush(args, (error, ...values) => {
        if (error) return reject(error);
        if (argumentNames !== undefined && values.length > 1) {
          const object = {};
          for (let index = 0; index < argumentNames.length; index++) object[argumentNames[index]] = values[index];
          resolve(object);
        } else {
          resolve(values[0]);
        }
      });
      ReflectApply(original, this, args);
      return promise;
    }
    ObjectSetPrototypeOf(fn, ObjectGetPrototypeOf(original));
    ObjectDefineProperty(fn, kCustomPromisified, { __proto__: null, value: fn, enumerable: false, writable: false, configurable: true });
    const descriptors = ObjectGetOwnPropertyDescriptors(original);
    const keys = primordials.ReflectOwnKeys(descriptors);
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      const descriptor = descriptors[key];
      ObjectSetPrototypeOf(descriptor, null);
      try {
        ObjectDefineProperty(fn, key, descriptor);
      } catch {
        // `length`, `name` and the like that the new function already has as it must.
      }
    }
    return fn;
  }
  ObjectDefineProperty(promisify, 'custom', { __proto__: null, value: kCustomPromisified, enumerable: false });

  function callbackify(original) {
    validateFunction(original, 'original');
    function callbackified(...args) {
      const callback = args[args.length - 1];
      validateFunction(callback, 'last argument');
      args.length--;
      const settle = (error, value) => queueMicrotask(() => {
        if (error === undefined) ReflectApply(callback, this, [null, value]);
        else ReflectApply(callback, this, [error]);
      });
      PromisePrototypeThen(ReflectApply(original, this, args),
        (value) => settle(undefined, value),
        (reason) => {
          if (!reason) {
            const error = new ERR_FALSY_VALUE_REJECTION(reason);
            error.reason = reason;
            reason = error;
          }
          settle(reason, undefined);
        });
    }
    const descriptors = ObjectGetOwnPropertyDescriptors(original);
    if (typeof descriptors.length.value === 'number') descriptors.length.value++;
    if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
    const keys = primordials.ReflectOwnKeys(descriptors);
    for (let index = 0; index < keys.length; index++) {
      const descriptor = descriptors[keys[index]];
      ObjectSetPrototypeOf(descriptor, null);
      ObjectDefineProperty(callbackified, keys[index], descriptor);
    }
    return callbackified;
  }

  // -- Classes and deprecation -----------------------------------------------------------------

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw new ERR_INVALID_ARG_TYPE('ctor', 'Function', ctor);
    if (superCtor === undefined || superCtor === null) throw new ERR_INVALID_ARG_TYPE('superCtor', 'Function', superCtor);
    if (superCtor.prototype === undefined) {
      throw new ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object', superCtor.prototype);
    }
    ObjectDefineProperty(ctor, 'super_', { __proto__: null, value: superCtor, writable: true, configurable: true });
    ObjectSetPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  // workerd prints no deprecation warnings: the function is returned as it is.
  function deprecate(fn, message, code) {
    validateFunction(fn, 'fn');
    return fn;
  }

  // `util.log` and `debuglog` write through the code's own `console.log`, as workerd's do (its
  // tests replace `console.log` to see the call). Read at each call, by a computed key.
  const CONSOLE = 'console';
  function consoleLog(...args) {
    const console = globalThis[CONSOLE];
    ReflectApply(console.log, console, args);
  }

  // `debuglog(section)`: a function that logs `SECTION: message` for every section, as
  // workerd's does.
  function debuglog(section, callback) {
    const name = StringPrototypeToUpperCase(`${section}`);
    const logger = (...args) => {
      consoleLog(`${name}: ${format(...args)}\n`);
    };
    if (typeof callback === 'function') callback(logger);
    ObjectDefineProperty(logger, 'enabled', { __proto__: null, value: true, enumerable: true });
    return logger;
  }

  // -- Errors of the system --------------------------------------------------------------------

  const systemErrors = [
    [-7, 'E2BIG', 'argument list too long'], [-13, 'EACCES', 'permission denied'],
    [-98, 'EADDRINUSE', 'address already in use'], [-99, 'EADDRNOTAVAIL', 'address not available'],
    [-97, 'EAFNOSUPPORT', 'address family not supported'], [-11, 'EAGAIN', 'resource temporarily unavailable'],
    [-3000, 'EAI_ADDRFAMILY', 'address family not supported'], [-3001, 'EAI_AGAIN', 'temporary failure'],
    [-3002, 'EAI_BADFLAGS', 'bad ai_flags value'], [-3013, 'EAI_BADHINTS', 'invalid value for hints'],
    [-3003, 'EAI_CANCELED', 'request canceled'], [-3004, 'EAI_FAIL', 'permanent failure'],
    [-3005, 'EAI_FAMILY', 'ai_family not supported'], [-3006, 'EAI_MEMORY', 'out of memory'],
    [-3007, 'EAI_NODATA', 'no address'], [-3008, 'EAI_NONAME', 'unknown node or service'],
    [-3009, 'EAI_OVERFLOW', 'argument buffer overflow'], [-3014, 'EAI_PROTOCOL', 'resolved protocol is unknown'],
    [-3010, 'EAI_SERVICE', 'service not available for socket type'],
    [-3011, 'EAI_SOCKTYPE', 'socket type not supported'], [-114, 'EALREADY', 'connection already in progress'],
    [-9, 'EBADF', 'bad file descriptor'], [-16, 'EBUSY', 'resource busy or locked'],
    [-125, 'ECANCELED', 'operation canceled'], [-4080, 'ECHARSET', 'invalid Unicode character'],
    [-103, 'ECONNABORTED', 'software caused connection abort'], [-111, 'ECONNREFUSED', 'connection refused'],
    [-104, 'ECONNRESET', 'connection reset by peer'], [-89, 'EDESTADDRREQ', 'destination address required'],
    [-17, 'EEXIST', 'file already exists'], [-14, 'EFAULT', 'bad address in system call argument'],
    [-27, 'EFBIG', 'file too large'], [-113, 'EHOSTUNREACH', 'host is unreachable'],
    [-4, 'EINTR', 'interrupted system call'], [-22, 'EINVAL', 'invalid argument'], [-5, 'EIO', 'i/o error'],
    [-106, 'EISCONN', 'socket is already connected'], [-21, 'EISDIR', 'illegal operation on a directory'],
    [-40, 'ELOOP', 'too many symbolic links encountered'], [-24, 'EMFILE', 'too many open files'],
    [-90, 'EMSGSIZE', 'message too long'], [-36, 'ENAMETOOLONG', 'name too long'],
    [-100, 'ENETDOWN', 'network is down'], [-101, 'ENETUNREACH', 'network is unreachable'],
    [-23, 'ENFILE', 'file table overflow'], [-105, 'ENOBUFS', 'no buffer space available'],
    [-19, 'ENODEV', 'no such device'], [-2, 'ENOENT', 'no such file or directory'],
    [-12, 'ENOMEM', 'not enough memory'], [-64, 'ENONET', 'machine is not on the network'],
    [-92, 'ENOPROTOOPT', 'protocol not available'], [-28, 'ENOSPC', 'no space left on device'],
    [-38, 'ENOSYS', 'function not implemented'], [-107, 'ENOTCONN', 'socket is not connected'],
    [-20, 'ENOTDIR', 'not a directory'], [-39, 'ENOTEMPTY', 'directory not empty'],
    [-88, 'ENOTSOCK', 'socket operation on non-socket'], [-95, 'ENOTSUP', 'operation not supported on socket'],
    [-75, 'EOVERFLOW', 'value too large for defined data type'], [-1, 'EPERM', 'operation not permitted'],
    [-32, 'EPIPE', 'broken pipe'], [-71, 'EPROTO', 'protocol error'],
    [-93, 'EPROTONOSUPPORT', 'protocol not supported'], [-91, 'EPROTOTYPE', 'protocol wrong type for socket'],
    [-34, 'ERANGE', 'result too large'], [-30, 'EROFS', 'read-only file system'],
    [-108, 'ESHUTDOWN', 'cannot send after transport endpoint shutdown'], [-29, 'ESPIPE', 'invalid seek'],
    [-3, 'ESRCH', 'no such process'], [-110, 'ETIMEDOUT', 'connection timed out'],
    [-26, 'ETXTBSY', 'text file is busy'], [-18, 'EXDEV', 'cross-device link not permitted'],
    [-4094, 'UNKNOWN', 'unknown error'], [-4095, 'EOF', 'end of file'], [-6, 'ENXIO', 'no such device or address'],
    [-31, 'EMLINK', 'too many links'], [-112, 'EHOSTDOWN', 'host is down'], [-121, 'EREMOTEIO', 'remote I/O error'],
    [-25, 'ENOTTY', 'inappropriate ioctl for device'], [-4028, 'EFTYPE', 'inappropriate file type or format'],
    [-84, 'EILSEQ', 'illegal byte sequence'], [-94, 'ESOCKTNOSUPPORT', 'socket type not supported'],
    [-61, 'ENODATA', 'no data available'], [-49, 'EUNATCH', 'protocol driver not attached'],
    [-8, 'ENOEXEC', 'exec format error'],
  ];
  function getSystemErrorMap() {
    const map = new Map();
    for (let index = 0; index < systemErrors.length; index++) {
      const entry = systemErrors[index];
      MapPrototypeSet(map, entry[0], [entry[1], entry[2]]);
    }
    return map;
  }
  function systemError(error) {
    validateNumber(error, 'err');
    if (error >= 0 || !primordials.NumberIsSafeInteger(error)) {
      throw new ERR_OUT_OF_RANGE('err', 'a negative integer', error);
    }
    return MapPrototypeGet(getSystemErrorMap(), error);
  }

  // -- Small functions -------------------------------------------------------------------------

  function stripVTControlCharacters(text) {
    validateString(text, 'str');
    // CSI and OSC sequences, as Node's expression matches them.
    let output = '';
    for (let index = 0; index < text.length; index++) {
      const code = StringPrototypeCharCodeAt(text, index);
      if (code === 0x1b || code === 0x9b) {
        let position = index + 1;
        if (code === 0x1b && text[position] === ']') {
          position++;
          while (position < text.length && StringPrototypeCharCodeAt(text, position) !== 0x07 &&
              !(text[position] === '\u001b' && text[position + 1] === '\\')) position++;
          index = text[position] === '\u001b' ? position + 1 : position;
          continue;
        }
        if (code === 0x1b && (text[position] === '[' || text[position] === '(' || text[position] === ')' ||
            text[position] === '#' || text[position] === ';' || text[position] === '?')) position++;
        while (position < text.length) {
          const next = StringPrototypeCharCodeAt(text, position);
          if ((next >= 0x30 && next <= 0x3f) || next === 0x3b) position++;
          else break;
        }
        const final = StringPrototypeCharCodeAt(text, position);
        if ((final >= 0x40 && final <= 0x5a) || (final >= 0x61 && final <= 0x7e) || final === 0x5c || final === 0x5e ||
            final === 0x5f || final === 0x60) {
          index = position;
          continue;
        }
      }
      output += text[index];
    }
    return output;
  }

  function styleText(format, text, { validateStream = true, stream } = {}) {
    validateString(text, 'text');
    const formats = ArrayIsArray(format) ? format : [format];
    for (let index = 0; index < formats.length; index++) {
      const key = formats[index];
      if (typeof key !== 'string' || colors[key] === undefined) {
        const names = safeArray();
        const keys = ObjectKeys(colors);
        for (let position = 0; position < keys.length; position++) ArrayPrototypePush(names, keys[position]);
        throw new ERR_INVALID_ARG_VALUE('format', key, `must be one of: '${ArrayPrototypeJoin(names, "', '")}'`);
      }
    }
    // workerd has no terminal: the text is returned without escape codes.
    return text;
  }

  // Resolves when `signal` aborts (the `resource` is what keeps the wait alive in Node).
  async function aborted(signal, resource) {
    internals.loadEvents();
    if (!(signal instanceof internals.AbortSignal)) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
    validateObject(resource, 'resource', { allowArray: true, allowFunction: true });
    const { promise, resolve } = PromiseWithResolvers();
    // workerd resolves with the `abort` event (undefined when the signal had aborted before).
    if (signal.aborted) return undefined;
    signal.addEventListener('abort', resolve, { __proto__: null, once: true });
    return promise;
  }

  // Signal numbers (Linux), for `convertProcessSignalToExitCode`.
  const signals = {
    __proto__: null, SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7,
    SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17,
    SIGSTKFLT: 16, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24,
    SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31,
  };
  function convertProcessSignalToExitCode(signalCode) {
    errors.validateOneOf(signalCode, 'signalCode', ObjectKeys(signals));
    return 128 + signals[signalCode];
  }

  // `parseEnv(content)`: the variables of a dotenv file (`KEY=value` lines, `export`, quotes
  // that may span lines, `#` comments), as Node's parser reads them.
  function parseEnv(content) {
    validateString(content, 'content');
    const result = {};
    let index = 0;
    while (index < content.length) {
      let lineEnd = StringPrototypeIndexOf(content, '\n', index);
      if (lineEnd === -1) lineEnd = content.length;
      let next = lineEnd + 1;
      let line = trimSpaces(StringPrototypeSlice(content, index, lineEnd));
      const equalsAt = StringPrototypeIndexOf(content, '=', index);
      if (StringPrototypeSlice(line, 0, 7) === 'export ') line = trimSpaces(StringPrototypeSlice(line, 7));
      const equals = StringPrototypeIndexOf(line, '=');
      if (line.length === 0 || line[0] === '#' || equals <= 0) {
        index = next;
        continue;
      }
      const key = trimSpaces(StringPrototypeSlice(line, 0, equals));
      let value = trimSpaces(StringPrototypeSlice(line, equals + 1));
      const quote = value[0];
      const closing = quote === '"' || quote === "'" || quote === '`'
        ? StringPrototypeIndexOf(content, quote, StringPrototypeIndexOf(content, quote, equalsAt) + 1) : -1;
      if (closing !== -1) {
        value = StringPrototypeSlice(content, StringPrototypeIndexOf(content, quote, equalsAt) + 1, closing);
        if (quote === '"') value = replaceNewlines(value);
        next = StringPrototypeIndexOf(content, '\n', closing);
        next = next === -1 ? content.length : next + 1;
      } else {
        const hash = StringPrototypeIndexOf(value, '#');
        if (hash !== -1) value = trimSpaces(StringPrototypeSlice(value, 0, hash));
      }
      if (key.length > 0) result[key] = value;
      index = next;
    }
    return result;
  }
  function trimSpaces(text) {
    let start = 0;
    let end = text.length;
    while (start < end && (text[start] === ' ' || text[start] === '\t' || text[start] === '\r')) start++;
    while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t' || text[end - 1] === '\r')) end--;
    return StringPrototypeSlice(text, start, end);
  }
  function replaceNewlines(text) {
    let output = '';
    for (let index = 0; index < text.length; index++) {
      if (text[index] === '\\' && text[index + 1] === 'n') {
        output += '\n';
        index++;
      } else {
        output += text[index];
      }
    }
    return output;
  }

  // `diff(actual, expected)`: the shortest edit of two strings (by character) or arrays, as
  // `[operation, value]` pairs: 0 kept, 1 only in `actual`, -1 only in `expected`.
  function diff(actual, expected) {
    if (actual === expected) return [];
    const check = (value, name) => {
      if (typeof value !== 'string' && !ArrayIsArray(value)) {
        throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Array'], value);
      }
    };
    check(actual, 'actual');
    check(expected, 'expected');
    const rows = actual.length + 1;
    const columns = expected.length + 1;
    if (rows * columns > 2 ** 24) throw new ERR_OUT_OF_RANGE('actual.length * expected.length', `<= ${2 ** 24}`, rows * columns);
    const table = new primordials.Uint32Array(rows * columns);
    for (let x = actual.length - 1; x >= 0; x--) {
      for (let y = expected.length - 1; y >= 0; y--) {
        table[x * columns + y] = actual[x] === expected[y] ? table[(x + 1) * columns + y + 1] + 1
          : primordials.MathMax(table[(x + 1) * columns + y], table[x * columns + y + 1]);
      }
    }
    const result = [];
    let x = 0;
    let y = 0;
    while (x < actual.length || y < expected.length) {
      if (x < actual.length && y < expected.length && actual[x] === expected[y]) {
        ArrayPrototypePush(result, [0, actual[x]]);
        x++;
        y++;
      } else if (y >= expected.length || (x < actual.length && table[(x + 1) * columns + y] >= table[x * columns + y + 1])) {
        ArrayPrototypePush(result, [1, actual[x++]]);
      } else {
        ArrayPrototypePush(result, [-1, expected[y++]]);
      }
    }
    return result;
  }

  function isDeepStrictEqual(a, b) {
    return internals.nodeModule('internal/comparisons').isDeepStrictEqual(a, b);
  }

  function notImplemented(name) {
    return function () {
      throw new errors.codes.ERR_METHOD_NOT_IMPLEMENTED(name);
    };
  }

  internals.loadEncoding();
  const util = {
    format,
    formatWithOptions,
    inspect,
    promisify,
    callbackify,
    inherits,
    deprecate,
    debuglog,
    debug: debuglog,
    types,
    isDeepStrictEqual,
    TextEncoder: internals.TextEncoder,
    TextDecoder: internals.TextDecoder,
    getSystemErrorName(error) {
      const entry = systemError(error);
      return entry === undefined ? `Unknown system error ${error}` : entry[0];
    },
    getSystemErrorMessage(error) {
      const entry = systemError(error);
      return entry === undefined ? `Unknown system error ${error}` : entry[1];
    },
    getSystemErrorMap,
    stripVTControlCharacters,
    styleText,
    toUSVString(string) {
      return StringPrototypeToWellFormed(`${string}`);
    },
    aborted,
    convertProcessSignalToExitCode,
    parseEnv,
    diff,
    // workerd has no SIGINT to trace: nothing to do.
    setTraceSigInt(enable) {},
    transferableAbortController() {
      internals.loadEvents();
      return new internals.AbortController();
    },
    transferableAbortSignal(signal) {
      internals.loadEvents();
      if (!(signal instanceof internals.AbortSignal)) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
      return signal;
    },
    parseArgs() {
      throw new Error('node:util parseArgs is not implemented');
    },
    _extend(target, source) {
      if (source === null || typeof source !== 'object') return target;
      const keys = ObjectKeys(source);
      let index = keys.length;
      while (index--) target[keys[index]] = source[keys[index]];
      return target;
    },
    _errnoException: notImplemented('_errnoException'),
    _exceptionWithHostPort: notImplemented('_exceptionWithHostPort'),
    log(...args) {
      consoleLog('%s - %s', timestamp(), format(...args));
    },
    isArray: ArrayIsArray,
    isBoolean: (value) => typeof value === 'boolean',
    isBuffer: (value) => internals.nodeModule('buffer').Buffer.isBuffer(value),
    isDate: types.isDate,
    isError: (value) => types.isNativeError(value) || ObjectPrototypeToString(value) === '[object Error]',
    isFunction: (value) => typeof value === 'function',
    isNull: (value) => value === null,
    isNullOrUndefined: (value) => value === undefined || value === null,
    isNumber: (value) => typeof value === 'number',
    isObject: (value) => value !== null && typeof value === 'object',
    isPrimitive: (value) => value === null || (typeof value !== 'object' && typeof value !== 'function'),
    isRegExp: types.isRegExp,
    isString: (value) => typeof value === 'string',
    isSymbol: (value) => typeof value === 'symbol',
    isUndefined: (value) => value === undefined,
  };

  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function timestamp() {
    const date = new primordials.Date();
    const pad = (number) => (number < 10 ? '0' : '') + number;
    const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
    return `${date.getDate()} ${months[date.getMonth()]} ${time}`;
  }
  return util;
});
