//# allFunctionsCalledOnLoad
// `internal/errors`: Node.js's errors with codes (`err.code === 'ERR_INVALID_ARG_TYPE'`, the
// message as Node.js words it, `TypeError [ERR_INVALID_ARG_TYPE]: ...` first in the stack), and
// the argument checks the Node.js modules share. Not importable by code.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    ArrayIsArray, ArrayPrototypeIncludes, ArrayPrototypeJoin, ArrayPrototypePop, ArrayPrototypePush, Error,
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

  const TYPES = ['string', 'function', 'number', 'object', 'boolean', 'bigint', 'symbol'];

  // `The "name" argument must be of type string or an instance of Buffer. Received ...`
  function invalidArgType(name, expected, actual) {
    if (!ArrayIsArray(expected)) expected = [expected];
    let message = StringPrototypeIncludes(name, '.') ? `The "${name}" property must be ` : `The "${name}" argument must be `;
    const types = safeArray();
    const instances = safeArray();
    const other = safeArray();
    for (let index = 0; index < expected.length; index++) {
      const value = expected[index];
      if (ArrayPrototypeIncludes(TYPES, value)) ArrayPrototypePush(types, value);
      else if (value === 'Function' || value === 'Object' || value[0] !== undefined && value[0] >= 'A' && value[0] <= 'Z') {
        ArrayPrototypePush(instances, value);
      } else ArrayPrototypePush(other, value);
    }
    const parts = safeArray();
    if (types.length > 0) {
      ArrayPrototypePush(parts, `${types.length > 1 ? 'one of type' : 'of type'} ${list(types, 'or')}`);
    }
    if (instances.length > 0) ArrayPrototypePush(parts, `an instance of ${list(instances, 'or')}`);
    if (other.length > 0) ArrayPrototypePush(parts, other.length > 1 ? `one of ${list(other, 'or')}` : other[0]);
    message += ArrayPrototypeJoin(parts, ' or ');
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
    AbortError,
  };
});
