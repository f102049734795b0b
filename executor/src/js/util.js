//# allFunctionsCalledOnLoad
// Shared helpers for the runtime scripts. Runs first; everything here is captured before
// any user code exists, so later monkey-patching of globals cannot reach the runtime.
(function (globalThis, host, internals) {
  'use strict';

  const ObjectDefineProperty = Object.defineProperty;
  const ObjectFreeze = Object.freeze;
  const ErrorCaptureStackTrace = Error.captureStackTrace;

  // Installs `value` on the global object the way Web IDL does: writable, configurable,
  // not enumerable.
  function defineGlobal(name, value) {
    ObjectDefineProperty(globalThis, name, {
      value,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }

  // Makes the methods of a class prototype non-enumerable, as Web IDL does, and gives the
  // prototype a Symbol.toStringTag.
  // Prototypes of Web API classes, which `console` shows by their getters, and the classes
  // with their own way of being shown (`internals.inspectShape`).
  const webPrototypes = new Set();
  const inspectShapes = new Map();

  function webClass(constructor, tag) {
    const prototype = constructor.prototype;
    webPrototypes.add(prototype);
    for (const key of Reflect.ownKeys(prototype)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(prototype, key);
      if (descriptor.enumerable) {
        descriptor.enumerable = false;
        ObjectDefineProperty(prototype, key, descriptor);
      }
    }
    ObjectDefineProperty(prototype, Symbol.toStringTag, {
      value: tag || constructor.name,
      configurable: true,
    });
    return constructor;
  }

  const legacyCodes = ObjectFreeze({
    IndexSizeError: 1,
    HierarchyRequestError: 3,
    WrongDocumentError: 4,
    InvalidCharacterError: 5,
    NoModificationAllowedError: 7,
    NotFoundError: 8,
    NotSupportedError: 9,
    InvalidStateError: 11,
    SyntaxError: 12,
    InvalidModificationError: 13,
    NamespaceError: 14,
    InvalidAccessError: 15,
    TypeMismatchError: 17,
    SecurityError: 18,
    NetworkError: 19,
    AbortError: 20,
    URLMismatchError: 21,
    QuotaExceededError: 22,
    TimeoutError: 23,
    InvalidNodeTypeError: 24,
    DataCloneError: 25,
  });

  class DOMException extends Error {
    #name;
    constructor(message = '', options = 'Error') {
      super(String(message));
      let name = 'Error';
      if (options !== null && typeof options === 'object') {
        if ('name' in options) name = String(options.name);
        if ('cause' in options) {
          ObjectDefineProperty(this, 'cause', {
            value: options.cause, writable: true, configurable: true,
          });
        }
      } else {
        name = String(options);
      }
      this.#name = name;
      if (ErrorCaptureStackTrace) ErrorCaptureStackTrace(this, DOMException);
    }
    get name() { return this.#name; }
    get code() { return legacyCodes[this.#name] ?? 0; }
  }
  webClass(DOMException, 'DOMException');
  defineGlobal('DOMException', DOMException);

  // Errors that the runtime raises about the *invocation* (no such method, a result that
  // JSON cannot hold) rather than about the user's code. The crate reads `kind` and
  // `detail` through `internals.classifyError`, never their message.
  const internalErrorTag = Symbol('sandbox.internalError');
  function internalError(kind, detail, message) {
    const error = new TypeError(message);
    ObjectDefineProperty(error, internalErrorTag, { value: { kind, detail } });
    return error;
  }
  function classifyError(error) {
    if (error !== null && typeof error === 'object' && internalErrorTag in error) {
      const { kind, detail } = error[internalErrorTag];
      return JSON.stringify({ kind, ...detail });
    }
    return undefined;
  }

  // Errors raised by timers, queueMicrotask and reportError: the first one fails the run.
  let reportedError;
  let hasReportedError = false;
  function reportError(error) {
    if (!hasReportedError) {
      hasReportedError = true;
      reportedError = error;
    }
  }
  function takeReportedError() {
    if (!hasReportedError) return undefined;
    hasReportedError = false;
    const error = reportedError;
    reportedError = undefined;
    return [error];
  }

  internals.webPrototypes = webPrototypes;
  internals.inspectShapes = inspectShapes;
  // How console shows instances of `constructor`: `entries(value)` gives `[key, value]` pairs,
  // shown as `key: value` or, with `map: true`, as `key => value`.
  internals.inspectShape = (constructor, shape) => inspectShapes.set(constructor.prototype, shape);
  internals.defineGlobal = defineGlobal;
  internals.webClass = webClass;
  internals.DOMException = DOMException;
  internals.internalError = internalError;
  internals.classifyError = classifyError;
  internals.reportError = reportError;
  internals.takeReportedError = takeReportedError;
  internals.hasReportedError = () => hasReportedError;
});
