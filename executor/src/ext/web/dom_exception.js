//# allFunctionsCalledOnLoad
// DOMException, which the other Web APIs throw.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { Error, ErrorCaptureStackTrace, ObjectDefineProperty, ObjectFreeze, String } = primordials;
  const defineGlobal = internals.defineGlobal;
  const webClass = internals.webClass;

  const legacyCodes = ObjectFreeze({
    __proto__: null,
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
            __proto__: null, value: options.cause, writable: true, configurable: true,
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

  internals.DOMException = DOMException;
});
