// `internal/streams/add-abort-signal`: `stream.addAbortSignal(signal, stream)` destroys the
// stream with an AbortError when the signal aborts.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { SymbolDispose } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const { AbortError, validateAbortSignal } = errors;
  const { ERR_INVALID_ARG_TYPE } = errors.codes;
  const { isNodeStream, isWebStream, kControllerErrorFunction } = internals.nodeModule('internal/streams/utils');
  const eos = internals.nodeModule('internal/streams/end-of-stream');

  function validateSignal(signal, name) {
    if (!signal || typeof signal !== 'object' || !('aborted' in signal)) {
      throw new ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
    }
  }

  function addAbortSignal(signal, stream) {
    validateSignal(signal, 'signal');
    if (!isNodeStream(stream) && !isWebStream(stream)) {
      throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
    }
    return addAbortSignalNoValidate(signal, stream);
  }

  function addAbortSignalNoValidate(signal, stream) {
    if (typeof signal !== 'object' || !('aborted' in signal)) return stream;
    const onAbort = isNodeStream(stream)
      ? () => { stream.destroy(new AbortError(undefined, { cause: signal.reason })); }
      : () => { stream[kControllerErrorFunction](new AbortError(undefined, { cause: signal.reason })); };
    if (signal.aborted) {
      onAbort();
    } else {
      const disposable = internals.nodeModule('events').addAbortListener(signal, onAbort);
      eos(stream, disposable[SymbolDispose]);
    }
    return stream;
  }

  return { addAbortSignal, addAbortSignalNoValidate, validateAbortSignal };
});
