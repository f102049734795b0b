// `internal/streams/utils`: what the stream classes share: the symbols and predicates that
// tell a stream's kind and state apart, the default high-water marks, and the Buffer and
// nextTick they take (Buffer lazily, from `buffer`, on first use).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { MathFloor, NumberIsInteger, Symbol, SymbolAsyncIterator, SymbolFor, SymbolIterator, TypedArrayPrototypeGetSymbolToStringTag, ReflectApply } = primordials;
  const { codes: { ERR_INVALID_ARG_VALUE } } = internals.nodeModule('internal/errors');

  const kDestroyed = Symbol('kDestroyed');
  const kIsErrored = Symbol('kIsErrored');
  const kIsReadable = Symbol('kIsReadable');
  const kIsWritable = Symbol('kIsWritable');
  const kIsDisturbed = Symbol('kIsDisturbed');
  const kIsClosedPromise = SymbolFor('nodejs.webstream.isClosedPromise');
  const kControllerErrorFunction = SymbolFor('nodejs.webstream.controllerErrorFunction');
  const kOnConstructed = Symbol('kOnConstructed');

  let defaultHighWaterMarkBytes = 64 * 1024;
  let defaultHighWaterMarkObjects = 16;

  function getDefaultHighWaterMark(objectMode) {
    return objectMode ? defaultHighWaterMarkObjects : defaultHighWaterMarkBytes;
  }
  function setDefaultHighWaterMark(objectMode, value) {
    internals.nodeModule('internal/errors').validateInteger(value, 'value', 0);
    if (objectMode) defaultHighWaterMarkObjects = value;
    else defaultHighWaterMarkBytes = value;
  }
  function highWaterMarkFrom(options, isDuplex, duplexKey) {
    if (options.highWaterMark !== undefined && options.highWaterMark !== null) return options.highWaterMark;
    return isDuplex ? options[duplexKey] : null;
  }
  function getHighWaterMark(state, options, duplexKey, isDuplex) {
    const hwm = highWaterMarkFrom(options, isDuplex, duplexKey);
    if (hwm !== undefined && hwm !== null) {
      if (!NumberIsInteger(hwm) || hwm < 0) {
        const name = isDuplex ? `options.${duplexKey}` : 'options.highWaterMark';
        throw new ERR_INVALID_ARG_VALUE(name, hwm);
      }
      return MathFloor(hwm);
    }
    return getDefaultHighWaterMark(state.objectMode);
  }

  function isReadableNodeStream(obj, strict = false) {
    return !!(obj && typeof obj.pipe === 'function' && typeof obj.on === 'function' &&
      (!strict || (typeof obj.pause === 'function' && typeof obj.resume === 'function')) &&
      (!obj._writableState || (obj._readableState && obj._readableState.readable !== false)) &&
      (!obj._writableState || obj._readableState));
  }
  function isWritableNodeStream(obj) {
    return !!(obj && typeof obj.write === 'function' && typeof obj.on === 'function' &&
      (!obj._readableState || (obj._writableState && obj._writableState.writable !== false)));
  }
  function isDuplexNodeStream(obj) {
    return !!(obj && typeof obj.pipe === 'function' && obj._readableState && typeof obj.on === 'function' &&
      typeof obj.write === 'function');
  }
  function isNodeStream(obj) {
    return !!(obj && (obj._readableState || obj._writableState ||
      (typeof obj.write === 'function' && typeof obj.on === 'function') ||
      (typeof obj.pipe === 'function' && typeof obj.on === 'function')));
  }
  function isReadableStream(obj) {
    return !!(obj && !isNodeStream(obj) && typeof obj.pipeThrough === 'function' &&
      typeof obj.getReader === 'function' && typeof obj.cancel === 'function');
  }
  function isWritableStream(obj) {
    return !!(obj && !isNodeStream(obj) && typeof obj.getWriter === 'function' && typeof obj.abort === 'function');
  }
  function isTransformStream(obj) {
    return !!(obj && !isNodeStream(obj) && typeof obj.readable === 'object' && typeof obj.writable === 'object');
  }
  function isWebStream(obj) {
    return isReadableStream(obj) || isWritableStream(obj) || isTransformStream(obj);
  }
  function isIterable(obj, isAsync) {
    if (obj === undefined || obj === null) return false;
    if (isAsync === true) return typeof obj[SymbolAsyncIterator] === 'function';
    if (isAsync === false) return typeof obj[SymbolIterator] === 'function';
    return typeof obj[SymbolAsyncIterator] === 'function' || typeof obj[SymbolIterator] === 'function';
  }
  function isDestroyed(stream) {
    if (!isNodeStream(stream)) return null;
    const wState = stream._writableState;
    const rState = stream._readableState;
    const state = wState || rState;
    return !!(stream.destroyed || stream[kDestroyed] || (state && state.destroyed));
  }
  function isWritableEnded(stream) {
    if (!isWritableNodeStream(stream)) return null;
    if (stream.writableEnded === true) return true;
    const wState = stream._writableState;
    if (wState && wState.errored) return false;
    if (!wState || typeof wState.ended !== 'boolean') return null;
    return wState.ended;
  }
  function isWritableFinished(stream, strict) {
    if (!isWritableNodeStream(stream)) return null;
    if (stream.writableFinished === true) return true;
    const wState = stream._writableState;
    if (wState && wState.errored) return false;
    if (!wState || typeof wState.finished !== 'boolean') return null;
    return !!(wState.finished || (strict === false && wState.ended === true && wState.length === 0));
  }
  function isReadableEnded(stream) {
    if (!isReadableNodeStream(stream)) return null;
    if (stream.readableEnded === true) return true;
    const rState = stream._readableState;
    if (!rState || rState.errored) return false;
    if (typeof (rState && rState.ended) !== 'boolean') return null;
    return rState.ended;
  }
  function isReadableFinished(stream, strict) {
    if (!isReadableNodeStream(stream)) return null;
    const rState = stream._readableState;
    if (rState && rState.errored) return false;
    if (typeof (rState && rState.endEmitted) !== 'boolean') return null;
    return !!(rState.endEmitted || (strict === false && rState.ended === true && rState.length === 0));
  }
  function isReadable(stream) {
    if (stream && stream[kIsReadable] !== undefined && stream[kIsReadable] !== null) return stream[kIsReadable];
    if (typeof (stream && stream.readable) !== 'boolean') return null;
    if (isDestroyed(stream)) return false;
    return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
  }
  function isWritable(stream) {
    if (stream && stream[kIsWritable] !== undefined && stream[kIsWritable] !== null) return stream[kIsWritable];
    if (typeof (stream && stream.writable) !== 'boolean') return null;
    if (isDestroyed(stream)) return false;
    return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
  }
  function isFinished(stream, options) {
    if (!isNodeStream(stream)) return null;
    if (isDestroyed(stream)) return true;
    if ((!options || options.readable !== false) && isReadable(stream)) return false;
    if ((!options || options.writable !== false) && isWritable(stream)) return false;
    return true;
  }
  function isWritableErrored(stream) {
    if (!isNodeStream(stream)) return null;
    if (stream.writableErrored) return stream.writableErrored;
    const state = stream._writableState;
    return state && state.errored !== undefined ? state.errored : null;
  }
  function isReadableErrored(stream) {
    if (!isNodeStream(stream)) return null;
    if (stream.readableErrored) return stream.readableErrored;
    const state = stream._readableState;
    return state && state.errored !== undefined ? state.errored : null;
  }
  function isClosed(stream) {
    if (!isNodeStream(stream)) return null;
    if (typeof stream.closed === 'boolean') return stream.closed;
    const wState = stream._writableState;
    const rState = stream._readableState;
    if (typeof (wState && wState.closed) === 'boolean' || typeof (rState && rState.closed) === 'boolean') {
      return (wState && wState.closed) || (rState && rState.closed);
    }
    if (typeof stream._closed === 'boolean' && isOutgoingMessage(stream)) return stream._closed;
    return null;
  }
  function isOutgoingMessage(stream) {
    return typeof stream._closed === 'boolean' && typeof stream._defaultKeepAlive === 'boolean' &&
      typeof stream._removedConnection === 'boolean' && typeof stream._removedContLen === 'boolean';
  }
  function isServerResponse(stream) {
    return typeof stream._sent100 === 'boolean' && isOutgoingMessage(stream);
  }
  function isServerRequest(stream) {
    return typeof stream._consuming === 'boolean' && typeof stream._dumped === 'boolean' &&
      (stream.req && stream.req.upgradeOrConnect) === undefined;
  }
  function willEmitClose(stream) {
    if (!isNodeStream(stream)) return null;
    const wState = stream._writableState;
    const rState = stream._readableState;
    const state = wState || rState;
    return (!state && isServerResponse(stream)) || !!(state && state.autoDestroy && state.emitClose && state.closed === false);
  }
  function isDisturbed(stream) {
    return !!(stream && (stream[kIsDisturbed] !== undefined && stream[kIsDisturbed] !== null
      ? stream[kIsDisturbed] : (stream.readableDidRead || stream.readableAborted)));
  }
  function isErrored(stream) {
    return !!(stream && (stream[kIsErrored] !== undefined && stream[kIsErrored] !== null ? stream[kIsErrored]
      : (stream.readableErrored !== undefined && stream.readableErrored !== null ? stream.readableErrored
        : (stream.writableErrored !== undefined && stream.writableErrored !== null ? stream.writableErrored
          : ((stream._readableState && stream._readableState.errorEmitted) ||
            (stream._writableState && stream._writableState.errorEmitted) ||
            (stream._readableState && stream._readableState.errored) ||
            (stream._writableState && stream._writableState.errored))))));
  }

  // process.nextTick, as workerd's: a microtask.
  function nextTick(callback, ...args) {
    internals.queueMicrotask(() => { ReflectApply(callback, undefined, args); });
  }
  function Buffer() { return internals.nodeModule('buffer').Buffer; }
  // A Buffer over the bytes of any ArrayBufferView (a TypedArray or a DataView).
  function viewToBuffer(view) {
    return Buffer().from(view.buffer, view.byteOffset, view.byteLength);
  }
  function isUint8Array(value) {
    return TypedArrayPrototypeGetSymbolToStringTag(value) === 'Uint8Array';
  }

  return {
    kDestroyed, kIsErrored, kIsReadable, kIsWritable, kIsDisturbed, kIsClosedPromise, kControllerErrorFunction,
    kOnConstructed, getDefaultHighWaterMark, setDefaultHighWaterMark, getHighWaterMark,
    isReadableNodeStream, isWritableNodeStream, isDuplexNodeStream, isNodeStream, isReadableStream, isWritableStream,
    isTransformStream, isWebStream, isIterable, isDestroyed, isWritableEnded, isWritableFinished, isReadableEnded,
    isReadableFinished, isReadable, isWritable, isFinished, isWritableErrored, isReadableErrored, isClosed,
    isOutgoingMessage, isServerResponse, isServerRequest, willEmitClose, isDisturbed, isErrored, nextTick, Buffer,
    isUint8Array, viewToBuffer,
  };
});
