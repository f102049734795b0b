// `internal/streams/end-of-stream`: `stream.finished(stream, options, callback)`, which calls
// back once when a stream has ended, finished, errored or closed early, and its promise form.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { Promise, ReflectApply, SymbolDispose } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const { AbortError, validateAbortSignal, validateFunction, validateObject, validateBoolean } = errors;
  const { ERR_INVALID_ARG_TYPE, ERR_STREAM_PREMATURE_CLOSE } = errors.codes;
  const utils = internals.nodeModule('internal/streams/utils');
  const {
    isClosed, isReadable, isReadableNodeStream, isReadableStream, isReadableFinished, isReadableErrored,
    isWritable, isWritableNodeStream, isWritableStream, isWritableFinished, isWritableErrored, isNodeStream,
    willEmitClose: _willEmitClose, nextTick,
  } = utils;

  function nop() {}
  function isRequest(stream) {
    return stream.setHeader && typeof stream.abort === 'function';
  }
  function onceFunction(callback) {
    let called = false;
    return function (...args) {
      if (called) return;
      called = true;
      return ReflectApply(callback, this, args);
    };
  }

  function eos(stream, options, callback) {
    if (arguments.length === 2) {
      callback = options;
      options = { __proto__: null };
    } else if (options === undefined || options === null) {
      options = { __proto__: null };
    } else {
      validateObject(options, 'options');
    }
    validateFunction(callback, 'callback');
    validateAbortSignal(options.signal, 'options.signal');
    callback = onceFunction(callback);

    if (isReadableStream(stream) || isWritableStream(stream)) return eosWeb(stream, options, callback);
    if (!isNodeStream(stream)) {
      throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
    }

    const readable = options.readable !== undefined && options.readable !== null
      ? options.readable : isReadableNodeStream(stream);
    const writable = options.writable !== undefined && options.writable !== null
      ? options.writable : isWritableNodeStream(stream);
    const wState = stream._writableState;
    const rState = stream._readableState;

    const onlegacyfinish = () => {
      if (!stream.writable) onfinish();
    };
    let willEmitClose = _willEmitClose(stream) && isReadableNodeStream(stream) === readable &&
      isWritableNodeStream(stream) === writable;
    let writableFinished = isWritableFinished(stream, false);
    const onfinish = () => {
      writableFinished = true;
      if (stream.destroyed) willEmitClose = false;
      if (willEmitClose && (!stream.readable || readable)) return;
      if (!readable || readableFinished) ReflectApply(callback, stream, []);
    };
    let readableFinished = isReadableFinished(stream, false);
    const onend = () => {
      readableFinished = true;
      if (stream.destroyed) willEmitClose = false;
      if (willEmitClose && (!stream.writable || writable)) return;
      if (!writable || writableFinished) ReflectApply(callback, stream, []);
    };
    const onerror = (err) => {
      ReflectApply(callback, stream, [err]);
    };
    let closed = isClosed(stream);
    const onclose = () => {
      closed = true;
      const errored = isWritableErrored(stream) || isReadableErrored(stream);
      if (errored && typeof errored !== 'boolean') return ReflectApply(callback, stream, [errored]);
      if (readable && !readableFinished && isReadableNodeStream(stream, true)) {
        if (!isReadableFinished(stream, false)) {
          return ReflectApply(callback, stream, [new ERR_STREAM_PREMATURE_CLOSE()]);
        }
      }
      if (writable && !writableFinished) {
        if (!isWritableFinished(stream, false)) {
          return ReflectApply(callback, stream, [new ERR_STREAM_PREMATURE_CLOSE()]);
        }
      }
      ReflectApply(callback, stream, []);
    };
    const onclosed = () => {
      closed = true;
      const errored = isWritableErrored(stream) || isReadableErrored(stream);
      if (errored && typeof errored !== 'boolean') return ReflectApply(callback, stream, [errored]);
      ReflectApply(callback, stream, []);
    };
    const onrequest = () => {
      stream.req.on('finish', onfinish);
    };

    if (isRequest(stream)) {
      stream.on('complete', onfinish);
      if (!willEmitClose) stream.on('abort', onclose);
      if (stream.req) onrequest();
      else stream.on('request', onrequest);
    } else if (writable && !wState) {
      stream.on('end', onlegacyfinish);
      stream.on('close', onlegacyfinish);
    }
    if (!willEmitClose && typeof stream.aborted === 'boolean') stream.on('aborted', onclose);
    stream.on('end', onend);
    stream.on('finish', onfinish);
    if (options.error !== false) stream.on('error', onerror);
    stream.on('close', onclose);

    if (closed) {
      nextTick(onclose);
    } else if ((wState && wState.errorEmitted) || (rState && rState.errorEmitted)) {
      if (!willEmitClose) nextTick(onclosed);
    } else if (!readable && (!willEmitClose || isReadable(stream)) &&
      (writableFinished || isWritable(stream) === false)) {
      nextTick(onclosed);
    } else if (!writable && (!willEmitClose || isWritable(stream)) &&
      (readableFinished || isReadable(stream) === false)) {
      nextTick(onclosed);
    } else if (rState && stream.req && stream.aborted) {
      nextTick(onclosed);
    }

    const cleanup = () => {
      callback = nop;
      stream.removeListener('aborted', onclose);
      stream.removeListener('complete', onfinish);
      stream.removeListener('abort', onclose);
      stream.removeListener('request', onrequest);
      if (stream.req) stream.req.removeListener('finish', onfinish);
      stream.removeListener('end', onlegacyfinish);
      stream.removeListener('close', onlegacyfinish);
      stream.removeListener('finish', onfinish);
      stream.removeListener('end', onend);
      stream.removeListener('error', onerror);
      stream.removeListener('close', onclose);
    };

    if (options.signal && !closed) {
      const signal = options.signal;
      const abort = () => {
        const endCallback = callback;
        cleanup();
        ReflectApply(endCallback, stream, [new AbortError(undefined, { cause: signal.reason })]);
      };
      if (signal.aborted) {
        nextTick(abort);
      } else {
        const disposable = internals.nodeModule('events').addAbortListener(signal, abort);
        const originalCallback = callback;
        callback = onceFunction(function (...args) {
          disposable[SymbolDispose]();
          ReflectApply(originalCallback, stream, args);
        });
      }
    }
    return cleanup;
  }

  // A web stream ends when a reader or writer that the caller holds says so; this runtime's
  // web streams have no closed promise to watch without locking them, so `finished` takes
  // Node.js streams only.
  function eosWeb(stream) {
    throw new ERR_INVALID_ARG_TYPE('stream', 'Stream', stream);
  }

  function finished(stream, options) {
    let autoCleanup = false;
    if (options && options.cleanup) {
      validateBoolean(options.cleanup, 'cleanup');
      autoCleanup = options.cleanup;
    }
    return new Promise((resolve, reject) => {
      const cleanup = eos(stream, options, (err) => {
        if (autoCleanup) cleanup();
        if (err) reject(err);
        else resolve();
      });
    });
  }

  eos.finished = finished;
  return eos;
});
