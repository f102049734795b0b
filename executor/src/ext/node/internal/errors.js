//# allFunctionsCalledOnLoad
// `internal/errors`: Node.js's errors with codes (`err.code === 'ERR_INVALID_ARG_TYPE'`, the
// message as Node.js words it, `TypeError [ERR_INVALID_ARG_TYPE]: ...` first in the stack), and
// the argument checks the Node.js modules share. Not importable by code.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    ArrayIsArray, ArrayPrototypeIncludes, ArrayPrototypeIndexOf, ArrayPrototypeSplice, StringPrototypeEndsWith,
    StringPrototypeToLowerCase, ArrayPrototypeJoin, ArrayPrototypePop, ArrayPrototypePush, Error,
    NumberIsInteger, ObjectDefineProperty, RangeError, ReflectApply, String, StringPrototypeIncludes, StringPrototypeIndexOf,
    StringPrototypeSlice, TypeError, safeArray,
  } = primordials;

  const codes = { __proto__: null };

  // Defines `codes[code]`: a subclass of `Base` whose message is `message(...args)` (or the
  // string `message`), with `code` and Node.js's `toString`.
  function define(code, Base, message) {
    class NodeError extends Base {
      constructor(...args) {
        super(typeof message === 'function' ? ReflectApply(message, undefined, args) : message);
        ObjectDefineProperty(this, 'code', {
          __proto__: null, value: code, enumerable: true, writable: true, configurable: true,
        });
        const stack = this.stack;
        if (typeof stack === 'string') {
          const prefix = `${Base.name}: `;
          if (StringPrototypeIndexOf(stack, prefix) === 0) {
            ObjectDefineProperty(this, 'stack', {
              __proto__: null,
              value: `${Base.name} [${code}]: ${StringPrototypeSlice(stack, prefix.length)}`,
              enumerable: false, writable: true, configurable: true,
            });
          }
        }
      }

      toString() {
        return `${this.name} [${code}]: ${this.message}`;
      }
    }
    ObjectDefineProperty(NodeError.prototype, 'name', {
      __proto__: null, value: Base.name, enumerable: false, writable: true, configurable: true,
    });
    ObjectDefineProperty(NodeError, 'name', { __proto__: null, value: Base.name, configurable: true });
    codes[code] = NodeError;
    return NodeError;
  }

  // How Node.js shows a received value in a message (`determineSpecificType`).
  function received(value) {
    if (value === null) return 'null';
    if (value === undefined) return 'undefined';
    if (typeof value === 'function') return value.name ? `function ${value.name}` : 'function';
    if (typeof value === 'object') {
      const constructor = value.constructor;
      if (typeof constructor === 'function' && constructor.name) return `an instance of ${constructor.name}`;
      return internals.inspect(value, { depth: -1 });
    }
    let shown = internals.inspect(value, { colors: false });
    if (shown.length > 28) shown = `${StringPrototypeSlice(shown, 0, 25)}...`;
    return `type ${typeof value} (${shown})`;
  }

  // Node.js's `kTypes`: written in lower case in the message.
  const TYPES = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];

  // A class name, as Node.js's `/^([A-Z][a-z0-9]*)+$/` matches it (without a RegExp).
  function isClassName(value) {
    if (typeof value !== 'string' || value.length === 0 || value[0] < 'A' || value[0] > 'Z') return false;
    for (let index = 1; index < value.length; index++) {
      const character = value[index];
      const alphanumeric = (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
        (character >= '0' && character <= '9');
      if (!alphanumeric) return false;
    }
    return true;
  }

  // `The "name" argument must be of type string or an instance of Buffer. Received ...`, as
  // Node.js's `ERR_INVALID_ARG_TYPE` words it.
  function invalidArgType(name, expected, actual) {
    if (!ArrayIsArray(expected)) expected = [expected];
    let message = 'The ';
    if (StringPrototypeEndsWith(name, ' argument')) message += `${name} `;
    else message += `"${name}" ${StringPrototypeIncludes(name, '.') ? 'property' : 'argument'} `;
    message += 'must be ';
    const types = safeArray();
    const instances = safeArray();
    const other = safeArray();
    for (let index = 0; index < expected.length; index++) {
      const value = expected[index];
      if (ArrayPrototypeIncludes(TYPES, value)) ArrayPrototypePush(types, StringPrototypeToLowerCase(value));
      else if (isClassName(value)) ArrayPrototypePush(instances, value);
      else ArrayPrototypePush(other, value);
    }
    if (instances.length > 0) {
      const position = ArrayPrototypeIndexOf(types, 'object');
      if (position !== -1) {
        ArrayPrototypeSplice(types, position, 1);
        ArrayPrototypePush(instances, 'Object');
      }
    }
    if (types.length > 0) {
      message += types.length > 1 ? `one of type ${list(types, 'or')}` : `of type ${types[0]}`;
      if (instances.length > 0 || other.length > 0) message += ' or ';
    }
    if (instances.length > 0) {
      message += `an instance of ${list(instances, 'or')}`;
      if (other.length > 0) message += ' or ';
    }
    if (other.length > 0) {
      if (other.length > 1) {
        message += `one of ${list(other, 'or')}`;
      } else {
        if (StringPrototypeToLowerCase(other[0]) !== other[0]) message += 'an ';
        message += `${other[0]}`;
      }
    }
    return `${message}. Received ${received(actual)}`;
  }

  // `a, b, or c`
  function list(items, word) {
    if (items.length === 1) return `${items[0]}`;
    if (items.length === 2) return `${items[0]} ${word} ${items[1]}`;
    const copy = safeArray();
    for (let index = 0; index < items.length; index++) ArrayPrototypePush(copy, items[index]);
    const last = ArrayPrototypePop(copy);
    return `${ArrayPrototypeJoin(copy, ', ')}, ${word} ${last}`;
  }

  // `1_000_000`, as Node.js shows large numbers in range errors.
  function separated(text) {
    let result = '';
    let index = text.length;
    const start = text[0] === '-' ? 1 : 0;
    for (; index >= start + 4; index -= 3) result = `_${StringPrototypeSlice(text, index - 3, index)}${result}`;
    return `${StringPrototypeSlice(text, 0, index)}${result}`;
  }

  function outOfRange(name, range, input) {
    let shown;
    if (NumberIsInteger(input) && (input > 2 ** 32 || input < -(2 ** 32))) shown = separated(String(input));
    else if (typeof input === 'bigint') {
      shown = String(input);
      if (input > 2n ** 32n || input < -(2n ** 32n)) shown = separated(shown);
      shown += 'n';
    } else shown = internals.inspect(input);
    return `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`;
  }

  define('ERR_INVALID_ARG_TYPE', TypeError, invalidArgType);
  define('ERR_INVALID_ARG_VALUE', TypeError, (name, value, reason = 'is invalid') => {
    let shown = internals.inspect(value);
    if (shown.length > 128) shown = `${StringPrototypeSlice(shown, 0, 128)}...`;
    const kind = StringPrototypeIncludes(name, '.') ? 'property' : 'argument';
    return `The ${kind} '${name}' ${reason}. Received ${shown}`;
  });
  define('ERR_OUT_OF_RANGE', RangeError, outOfRange);
  define('ERR_METHOD_NOT_IMPLEMENTED', Error, (method) => `The ${method} method is not implemented`);
  define('ERR_MISSING_ARGS', TypeError, (...names) => {
    const quoted = safeArray();
    for (let index = 0; index < names.length; index++) ArrayPrototypePush(quoted, `"${names[index]}"`);
    return `The ${list(quoted, 'and')} argument${names.length > 1 ? 's' : ''} must be specified`;
  });
  define('ERR_INVALID_RETURN_VALUE', TypeError, (input, name, value) =>
    `Expected ${input} to be returned from the "${name}" function but got ${received(value)}.`);
  define('ERR_UNKNOWN_ENCODING', TypeError, (encoding) => `Unknown encoding: ${encoding}`);
  define('ERR_INVALID_THIS', TypeError, (type) => `Value of "this" must be of type ${type}`);
  define('ERR_INVALID_URL', TypeError, 'Invalid URL');
  define('ERR_INVALID_URL_SCHEME', Error, (expected) => `The URL must be of scheme ${expected}`);
  define('ERR_INVALID_FILE_URL_HOST', Error, (platform) => `File URL host must be "localhost" or empty on ${platform}`);
  define('ERR_INVALID_FILE_URL_PATH', TypeError, (reason) => `File URL path ${reason}`);
  define('ERR_UNSUPPORTED_OPERATION', Error, (message) => message);
  define('ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', TypeError, (feature) =>
    `The feature ${feature} is unavailable on the current platform, which is being used to run Node.js`);
  // Errors of other modules: add yours below, in a group of your own.
  // buffer, string_decoder, util, assert
  define('ERR_BUFFER_OUT_OF_BOUNDS', RangeError, (name = undefined) =>
    name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds');
  define('ERR_INVALID_BUFFER_SIZE', RangeError, (size) => `Buffer size must be a multiple of ${size}`);
  define('ERR_STRING_TOO_LONG', Error, () => 'Cannot create a string longer than 0x1fffffe8 characters');
  define('ERR_FALSY_VALUE_REJECTION', Error, 'Promise was rejected with falsy value');
  define('ERR_AMBIGUOUS_ARGUMENT', TypeError, (name, reason) => `The "${name}" argument is ambiguous. ${reason}`);
  if (codes.ERR_INVALID_STATE === undefined) define('ERR_INVALID_STATE', Error, (message) => `Invalid state: ${message}`);
  // events, stream
  define('ERR_UNHANDLED_ERROR', Error, (error = undefined) =>
    error === undefined ? 'Unhandled error.' : `Unhandled error. (${error})`);
  define('ERR_MULTIPLE_CALLBACK', Error, 'Callback called multiple times');
  define('ERR_STREAM_PREMATURE_CLOSE', Error, 'Premature close');
  define('ERR_STREAM_DESTROYED', Error, (method) => `Cannot call ${method} after a stream was destroyed`);
  define('ERR_STREAM_WRITE_AFTER_END', Error, 'write after end');
  define('ERR_STREAM_NULL_VALUES', TypeError, 'May not write null values to stream');
  define('ERR_STREAM_PUSH_AFTER_EOF', Error, 'stream.push() after EOF');
  define('ERR_STREAM_UNSHIFT_AFTER_END_EVENT', Error, 'stream.unshift() after end event');
  define('ERR_STREAM_ALREADY_FINISHED', Error, (method) => `Cannot call ${method} after a stream was finished`);
  define('ERR_STREAM_CANNOT_PIPE', Error, 'Cannot pipe, not readable');
  // Node.js's AbortError: `code` ABORT_ERR, the signal's reason as `cause`.
  class AbortError extends Error {
    constructor(message = 'The operation was aborted', options = undefined) {
      super(message, options);
      this.code = 'ABORT_ERR';
      this.name = 'AbortError';
    }
  }

  // crypto
  define('ERR_CRYPTO_HASH_FINALIZED', Error, 'Digest already called');
  define('ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', TypeError, (type, expected) =>
    `Invalid key object type ${type}, expected ${expected}.`);
  define('ERR_INCOMPATIBLE_OPTION_PAIR', TypeError, (option, other) =>
    `Option "${option}" cannot be used in combination with option "${other}"`);
  // console, trace_events, dns
  define('ERR_CONSOLE_WRITABLE_STREAM', TypeError, (name) => `Console expects a writable stream instance for ${name}`);
  define('ERR_TRACE_EVENTS_CATEGORY_REQUIRED', TypeError, 'At least one category is required');
  define('ERR_OPTION_NOT_IMPLEMENTED', Error, (name) =>
    `The ${typeof name === 'symbol' ? name.description : name} option is not implemented`);

  // Argument checks, as Node.js's `internal/validators`.
  function validateString(value, name) {
    if (typeof value !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
  }
  function validateNumber(value, name, min = undefined, max = undefined) {
    if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
    if ((min != null && value < min) || (max != null && value > max) || ((min != null || max != null) && value !== value)) {
      const range = `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`;
      throw new codes.ERR_OUT_OF_RANGE(name, range, value);
    }
  }
  function validateInteger(value, name, min = -9007199254740991, max = 9007199254740991) {
    if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
    if (!NumberIsInteger(value)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
    if (value < min || value > max) throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
  }
  function validateBoolean(value, name) {
    if (typeof value !== 'boolean') throw new codes.ERR_INVALID_ARG_TYPE(name, 'boolean', value);
  }
  function validateFunction(value, name) {
    if (typeof value !== 'function') throw new codes.ERR_INVALID_ARG_TYPE(name, 'Function', value);
  }
  function validateObject(value, name, options = undefined) {
    const allowArray = options != null && options.allowArray === true;
    const allowFunction = options != null && options.allowFunction === true;
    const nullable = options != null && options.nullable === true;
    if ((!nullable && value === null) || (!allowArray && ArrayIsArray(value)) ||
      (typeof value !== 'object' && (!allowFunction || typeof value !== 'function'))) {
      throw new codes.ERR_INVALID_ARG_TYPE(name, 'object', value);
    }
  }
  function validateArray(value, name, minLength = 0) {
    if (!ArrayIsArray(value)) throw new codes.ERR_INVALID_ARG_TYPE(name, 'Array', value);
    if (value.length < minLength) throw new codes.ERR_INVALID_ARG_VALUE(name, value, `must be longer than ${minLength}`);
  }
  function validateOneOf(value, name, oneOf) {
    if (!ArrayPrototypeIncludes(oneOf, value)) {
      const shown = safeArray();
      for (let index = 0; index < oneOf.length; index++) {
        const option = oneOf[index];
        ArrayPrototypePush(shown, typeof option === 'string' ? `'${option}'` : String(option));
      }
      throw new codes.ERR_INVALID_ARG_VALUE(name, value, `must be one of: ${ArrayPrototypeJoin(shown, ', ')}`);
    }
  }
  function validateAbortSignal(signal, name) {
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
      throw new codes.ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
    }
  }
  function validateInt32(value, name, min = -2147483648, max = 2147483647) {
    validateInteger(value, name, min, max);
  }
  function validateStringArray(value, name) {
    validateArray(value, name);
    for (let index = 0; index < value.length; index++) validateString(value[index], `${name}[${index}]`);
  }

  return {
    __proto__: null,
    codes,
    define,
    received,
    validateString,
    validateNumber,
    validateInteger,
    validateBoolean,
    validateFunction,
    validateObject,
    validateArray,
    validateOneOf,
    validateAbortSignal,
    validateInt32,
    validateStringArray,
    AbortError,
  };
});
