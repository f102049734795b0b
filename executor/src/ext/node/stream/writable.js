// `internal/streams/writable`: Node.js's Writable: writes go to `_write` (or `_writev` for a
// batch) one at a time, the rest wait in a buffer; `write()` returns false once
// `highWaterMark` is reached and `drain` follows; `end()` runs `_final`, then `prefinish`,
// `finish` and (with autoDestroy) `close`.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, ArrayPrototypePush, ArrayPrototypeSlice, ArrayPrototypeSplice, FunctionPrototypeBind,
    ObjectDefineProperty, ObjectPrototypeIsPrototypeOf, ObjectSetPrototypeOf, Promise, ReflectApply,
    StringPrototypeToLowerCase, Symbol, SymbolFor, SymbolHasInstance, ReflectOwnKeys,
  } = primordials;
  // Object.defineProperties, one key at a time with the original defineProperty.
  function ObjectDefineProperties(object, descriptors) {
    const keys = ReflectOwnKeys(descriptors);
    for (let index = 0; index < keys.length; index++) ObjectDefineProperty(object, keys[index], descriptors[keys[index]]);
    return object;
  }
  const errors = internals.nodeModule('internal/errors');
  const {
    ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED, ERR_MULTIPLE_CALLBACK, ERR_STREAM_ALREADY_FINISHED,
    ERR_STREAM_CANNOT_PIPE, ERR_STREAM_DESTROYED, ERR_STREAM_NULL_VALUES, ERR_STREAM_WRITE_AFTER_END,
    ERR_UNKNOWN_ENCODING,
  } = errors.codes;
  const EE = internals.nodeModule('events');
  const { Stream } = internals.nodeModule('internal/streams/legacy');
  const { getHighWaterMark, getDefaultHighWaterMark, nextTick, Buffer, viewToBuffer } =
    internals.nodeModule('internal/streams/utils');
  const destroyImpl = internals.nodeModule('internal/streams/destroy');
  const { errorOrDestroy } = destroyImpl;
  const eos = internals.nodeModule('internal/streams/end-of-stream');
  const { addAbortSignal } = internals.nodeModule('internal/streams/add-abort-signal');

  const kOnFinished = Symbol('kOnFinished');
  const SymbolAsyncDispose = SymbolFor('nodejs.asyncDispose');
  function nop() {}

  function isDuplexInstance(stream) {
    return stream instanceof internals.nodeModule('internal/streams/duplex');
  }

  function WritableState(options, stream, isDuplex) {
    if (typeof isDuplex !== 'boolean') isDuplex = isDuplexInstance(stream);
    this.objectMode = !!(options && options.objectMode);
    if (isDuplex) this.objectMode = this.objectMode || !!(options && options.writableObjectMode);
    this.highWaterMark = options
      ? getHighWaterMark(this, options, 'writableHighWaterMark', isDuplex)
      : getDefaultHighWaterMark(false);
    this.finalCalled = false;
    this.needDrain = false;
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.destroyed = false;
    const noDecode = !!(options && options.decodeStrings === false);
    this.decodeStrings = !noDecode;
    this.defaultEncoding = (options && options.defaultEncoding) || 'utf8';
    this.length = 0;
    this.writing = false;
    this.corked = 0;
    this.sync = true;
    this.bufferProcessing = false;
    this.onwrite = FunctionPrototypeBind(onwrite, undefined, stream);
    this.writecb = null;
    this.writelen = 0;
    this.afterWriteTickInfo = null;
    resetBuffer(this);
    this.pendingcb = 0;
    this.constructed = true;
    this.prefinished = false;
    this.errorEmitted = false;
    this.emitClose = !options || options.emitClose !== false;
    this.autoDestroy = !options || options.autoDestroy !== false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this[kOnFinished] = [];
  }
  function resetBuffer(state) {
    state.buffered = [];
    state.bufferedIndex = 0;
    state.allBuffers = true;
    state.allNoop = true;
  }
  WritableState.prototype.getBuffer = function getBuffer() {
    return ArrayPrototypeSlice(this.buffered, this.bufferedIndex);
  };
  ObjectDefineProperty(WritableState.prototype, 'bufferedRequestCount', {
    __proto__: null,
    get() { return this.buffered.length - this.bufferedIndex; },
  });

  function Writable(options) {
    const isDuplex = isDuplexInstance(this);
    if (!isDuplex && !ObjectPrototypeIsPrototypeOf(Writable.prototype, this)) return new Writable(options);
    this._writableState = new WritableState(options, this, isDuplex);
    if (options) {
      if (typeof options.write === 'function') this._write = options.write;
      if (typeof options.writev === 'function') this._writev = options.writev;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.final === 'function') this._final = options.final;
      if (typeof options.construct === 'function') this._construct = options.construct;
      if (options.signal) addAbortSignal(options.signal, this);
    }
    ReflectApply(Stream, this, [options]);
    destroyImpl.construct(this, () => {
      const state = this._writableState;
      if (!state.writing) clearBuffer(this, state);
      finishMaybe(this, state);
    });
  }
  ObjectSetPrototypeOf(Writable.prototype, Stream.prototype);
  ObjectSetPrototypeOf(Writable, Stream);
  Writable.WritableState = WritableState;

  // A Duplex is a Writable too (it inherits from Readable and copies Writable's methods).
  ObjectDefineProperty(Writable, SymbolHasInstance, {
    __proto__: null,
    value: function (object) {
      if (typeof object !== 'object' && typeof object !== 'function') return false;
      if (object === null) return false;
      if (ObjectPrototypeIsPrototypeOf(this.prototype, object)) return true;
      if (this !== Writable) return false;
      return !!object._writableState && ObjectPrototypeIsPrototypeOf(WritableState.prototype, object._writableState);
    },
  });

  Writable.prototype.pipe = function () {
    errorOrDestroy(this, new ERR_STREAM_CANNOT_PIPE());
  };

  function write(stream, chunk, encoding, cb) {
    const state = stream._writableState;
    if (typeof cb !== 'function') cb = nop;
    if (chunk === null) throw new ERR_STREAM_NULL_VALUES();
    // In object mode the encoding is passed on as given (undefined or null when there is
    // none), as in Node.js 24 and workerd.
    if (!state.objectMode) {
      if (!encoding) encoding = state.defaultEncoding;
      else if (encoding !== 'buffer' && !Buffer().isEncoding(encoding)) throw new ERR_UNKNOWN_ENCODING(encoding);
      const BufferClass = Buffer();
      if (typeof chunk === 'string') {
        if (state.decodeStrings !== false) {
          chunk = BufferClass.from(chunk, encoding);
          encoding = 'buffer';
        }
      } else if (chunk instanceof BufferClass) {
        encoding = 'buffer';
      } else if (ArrayBufferIsView(chunk)) {
        chunk = viewToBuffer(chunk);
        encoding = 'buffer';
      } else {
        throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
      }
    }
    let err;
    if (state.ending) err = new ERR_STREAM_WRITE_AFTER_END();
    else if (state.destroyed) err = new ERR_STREAM_DESTROYED('write');
    if (err) {
      nextTick(cb, err);
      errorOrDestroy(stream, err, true);
      return err;
    }
    state.pendingcb++;
    return writeOrBuffer(stream, state, chunk, encoding, cb);
  }

  Writable.prototype.write = function (chunk, encoding, cb) {
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    return write(this, chunk, encoding, cb) === true;
  };
  Writable.prototype.cork = function () {
    this._writableState.corked++;
  };
  Writable.prototype.uncork = function () {
    const state = this._writableState;
    if (state.corked) {
      state.corked--;
      if (!state.writing) clearBuffer(this, state);
    }
  };
  Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
    if (typeof encoding === 'string') encoding = StringPrototypeToLowerCase(encoding);
    if (!Buffer().isEncoding(encoding)) throw new ERR_UNKNOWN_ENCODING(encoding);
    this._writableState.defaultEncoding = encoding;
    return this;
  };

  function writeOrBuffer(stream, state, chunk, encoding, callback) {
    const length = state.objectMode ? 1 : chunk.length;
    state.length += length;
    const ret = state.length < state.highWaterMark;
    if (!ret) state.needDrain = true;
    if (state.writing || state.corked || state.errored || !state.constructed) {
      ArrayPrototypePush(state.buffered, { chunk, encoding, callback });
      if (state.allBuffers && encoding !== 'buffer') state.allBuffers = false;
      if (state.allNoop && callback !== nop) state.allNoop = false;
    } else {
      state.writelen = length;
      state.writecb = callback;
      state.writing = true;
      state.sync = true;
      stream._write(chunk, encoding, state.onwrite);
      state.sync = false;
    }
    return ret && !state.errored && !state.destroyed;
  }

  function doWrite(stream, state, writev, length, chunk, encoding, cb) {
    state.writelen = length;
    state.writecb = cb;
    state.writing = true;
    state.sync = true;
    if (state.destroyed) state.onwrite(new ERR_STREAM_DESTROYED('write'));
    else if (writev) stream._writev(chunk, state.onwrite);
    else stream._write(chunk, encoding, state.onwrite);
    state.sync = false;
  }

  function onwriteError(stream, state, er, cb) {
    --state.pendingcb;
    cb(er);
    errorBuffer(state);
    errorOrDestroy(stream, er);
  }

  function onwrite(stream, er) {
    const state = stream._writableState;
    const sync = state.sync;
    const cb = state.writecb;
    if (typeof cb !== 'function') {
      errorOrDestroy(stream, new ERR_MULTIPLE_CALLBACK());
      return;
    }
    state.writing = false;
    state.writecb = null;
    state.length -= state.writelen;
    state.writelen = 0;
    if (er) {
      er.stack; // eslint-disable-line no-unused-expressions
      if (!state.errored) state.errored = er;
      if (stream._readableState && !stream._readableState.errored) stream._readableState.errored = er;
      if (sync) nextTick(onwriteError, stream, state, er, cb);
      else onwriteError(stream, state, er, cb);
    } else {
      if (state.buffered.length > state.bufferedIndex) clearBuffer(stream, state);
      if (sync) {
        if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
          state.afterWriteTickInfo.count++;
        } else {
          state.afterWriteTickInfo = { count: 1, cb, stream, state };
          nextTick(afterWriteTick, state.afterWriteTickInfo);
        }
      } else {
        afterWrite(stream, state, 1, cb);
      }
    }
  }

  function afterWriteTick(info) {
    info.state.afterWriteTickInfo = null;
    return afterWrite(info.stream, info.state, info.count, info.cb);
  }

  function afterWrite(stream, state, count, cb) {
    const needDrain = !state.ending && !stream.destroyed && state.length === 0 && state.needDrain;
    if (needDrain) {
      state.needDrain = false;
      stream.emit('drain');
    }
    while (count-- > 0) {
      state.pendingcb--;
      cb(null);
    }
    if (state.destroyed) errorBuffer(state);
    finishMaybe(stream, state);
  }

  function errorBuffer(state) {
    if (state.writing) return;
    for (let n = state.bufferedIndex; n < state.buffered.length; ++n) {
      const { chunk, callback } = state.buffered[n];
      const length = state.objectMode ? 1 : chunk.length;
      state.length -= length;
      callback(state.errored || new ERR_STREAM_DESTROYED('write'));
    }
    const onfinishCallbacks = ArrayPrototypeSplice(state[kOnFinished], 0);
    for (let index = 0; index < onfinishCallbacks.length; index++) {
      onfinishCallbacks[index](state.errored || new ERR_STREAM_DESTROYED('end'));
    }
    resetBuffer(state);
  }

  function clearBuffer(stream, state) {
    if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return;
    const { buffered, bufferedIndex, objectMode } = state;
    const bufferedLength = buffered.length - bufferedIndex;
    if (!bufferedLength) return;
    let index = bufferedIndex;
    state.bufferProcessing = true;
    if (bufferedLength > 1 && stream._writev) {
      state.pendingcb -= bufferedLength - 1;
      const start = index;
      const callback = state.allNoop ? nop : (err) => {
        for (let n = start; n < buffered.length; ++n) buffered[n].callback(err);
      };
      const chunks = state.allNoop && index === 0 ? buffered : ArrayPrototypeSlice(buffered, index);
      chunks.allBuffers = state.allBuffers;
      doWrite(stream, state, true, state.length, chunks, '', callback);
      resetBuffer(state);
    } else {
      do {
        const { chunk, encoding, callback } = buffered[index];
        buffered[index++] = null;
        const length = objectMode ? 1 : chunk.length;
        doWrite(stream, state, false, length, chunk, encoding, callback);
      } while (index < buffered.length && !state.writing);
      if (index === buffered.length) {
        resetBuffer(state);
      } else if (index > 256) {
        ArrayPrototypeSplice(buffered, 0, index);
        state.bufferedIndex = 0;
      } else {
        state.bufferedIndex = index;
      }
    }
    state.bufferProcessing = false;
  }

  Writable.prototype._write = function (chunk, encoding, cb) {
    if (this._writev) this._writev([{ chunk, encoding }], cb);
    else throw new ERR_METHOD_NOT_IMPLEMENTED('_write()');
  };
  Writable.prototype._writev = null;

  Writable.prototype.end = function (chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = null;
      encoding = null;
    } else if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    let err;
    if (chunk !== null && chunk !== undefined) {
      const ret = write(this, chunk, encoding);
      if (ret !== true && ret !== false && ret !== undefined) err = ret;
    }
    if (state.corked) {
      state.corked = 1;
      this.uncork();
    }
    if (err) {
      // The write's error is reported to the callback below.
    } else if (!state.errored && !state.ending) {
      state.ending = true;
      finishMaybe(this, state, true);
      state.ended = true;
    } else if (state.finished) {
      err = new ERR_STREAM_ALREADY_FINISHED('end');
    } else if (state.destroyed) {
      err = new ERR_STREAM_DESTROYED('end');
    }
    if (typeof cb === 'function') {
      if (err || state.finished) nextTick(cb, err);
      else ArrayPrototypePush(state[kOnFinished], cb);
    }
    return this;
  };

  function needFinish(state) {
    return state.ending && !state.destroyed && state.constructed && state.length === 0 && !state.errored &&
      state.buffered.length === 0 && !state.finished && !state.writing && !state.errorEmitted &&
      !state.closeEmitted;
  }

  function callFinal(stream, state) {
    let called = false;
    function onFinish(err) {
      if (called) {
        errorOrDestroy(stream, err !== undefined && err !== null ? err : new ERR_MULTIPLE_CALLBACK());
        return;
      }
      called = true;
      state.pendingcb--;
      if (err) {
        const onfinishCallbacks = ArrayPrototypeSplice(state[kOnFinished], 0);
        for (let index = 0; index < onfinishCallbacks.length; index++) onfinishCallbacks[index](err);
        errorOrDestroy(stream, err, state.sync);
      } else if (needFinish(state)) {
        state.prefinished = true;
        stream.emit('prefinish');
        state.pendingcb++;
        nextTick(finish, stream, state);
      }
    }
    state.sync = true;
    state.pendingcb++;
    try {
      stream._final(onFinish);
    } catch (err) {
      onFinish(err);
    }
    state.sync = false;
  }

  function prefinish(stream, state) {
    if (!state.prefinished && !state.finalCalled) {
      if (typeof stream._final === 'function' && !state.destroyed) {
        state.finalCalled = true;
        callFinal(stream, state);
      } else {
        state.prefinished = true;
        stream.emit('prefinish');
      }
    }
  }

  function finishMaybe(stream, state, sync) {
    if (needFinish(state)) {
      prefinish(stream, state);
      if (state.pendingcb === 0) {
        if (sync) {
          state.pendingcb++;
          nextTick(() => {
            if (needFinish(state)) finish(stream, state);
            else state.pendingcb--;
          });
        } else if (needFinish(state)) {
          state.pendingcb++;
          finish(stream, state);
        }
      }
    }
  }

  function finish(stream, state) {
    state.pendingcb--;
    state.finished = true;
    const onfinishCallbacks = ArrayPrototypeSplice(state[kOnFinished], 0);
    for (let index = 0; index < onfinishCallbacks.length; index++) onfinishCallbacks[index](null);
    stream.emit('finish');
    if (state.autoDestroy) {
      const rState = stream._readableState;
      const autoDestroy = !rState || (rState.autoDestroy && (rState.endEmitted || rState.readable === false));
      if (autoDestroy) stream.destroy();
    }
  }

  function stateGetter(get) {
    return { __proto__: null, enumerable: false, configurable: true, get };
  }
  ObjectDefineProperties(Writable.prototype, {
    closed: stateGetter(function () { return this._writableState ? this._writableState.closed : false; }),
    destroyed: {
      __proto__: null,
      enumerable: false,
      configurable: true,
      get() { return this._writableState ? this._writableState.destroyed : false; },
      set(value) {
        if (this._writableState) this._writableState.destroyed = value;
      },
    },
    writable: {
      __proto__: null,
      enumerable: false,
      configurable: true,
      get() {
        const w = this._writableState;
        return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
      },
      set(value) {
        if (this._writableState) this._writableState.writable = !!value;
      },
    },
    writableFinished: stateGetter(function () { return this._writableState ? this._writableState.finished : false; }),
    writableObjectMode: stateGetter(function () {
      return this._writableState ? this._writableState.objectMode : false;
    }),
    writableBuffer: stateGetter(function () { return this._writableState && this._writableState.getBuffer(); }),
    writableEnded: stateGetter(function () { return this._writableState ? this._writableState.ending : false; }),
    writableNeedDrain: stateGetter(function () {
      const w = this._writableState;
      if (!w) return false;
      return !w.destroyed && !w.ending && w.needDrain;
    }),
    writableHighWaterMark: stateGetter(function () { return this._writableState && this._writableState.highWaterMark; }),
    writableCorked: stateGetter(function () { return this._writableState ? this._writableState.corked : 0; }),
    writableLength: stateGetter(function () { return this._writableState && this._writableState.length; }),
    errored: stateGetter(function () { return this._writableState ? this._writableState.errored : null; }),
    writableAborted: stateGetter(function () {
      const w = this._writableState;
      return !!(w.writable !== false && (w.destroyed || w.errored) && !w.finished);
    }),
  });

  const destroy = destroyImpl.destroy;
  Writable.prototype.destroy = function (err, cb) {
    const state = this._writableState;
    if (!state.destroyed && (state.bufferedIndex < state.buffered.length || state[kOnFinished].length)) {
      nextTick(errorBuffer, state);
    }
    ReflectApply(destroy, this, [err, cb]);
    return this;
  };
  Writable.prototype._undestroy = destroyImpl.undestroy;
  Writable.prototype._destroy = function (err, cb) { cb(err); };
  Writable.prototype[EE.captureRejectionSymbol] = function (err) { this.destroy(err); };
  Writable.prototype[SymbolAsyncDispose] = function () {
    let error;
    if (!this.destroyed) {
      error = this.writableFinished ? null : new (errors.AbortError)();
      this.destroy(error);
    }
    return new Promise((resolve, reject) => eos(this, (err) => (err && err !== error ? reject(err) : resolve(null))));
  };

  Writable.fromWeb = function (writableStream, options) {
    return internals.nodeModule('internal/streams/web').newStreamWritableFromWritableStream(writableStream, options);
  };
  Writable.toWeb = function (streamWritable) {
    return internals.nodeModule('internal/streams/web').newWritableStreamFromStreamWritable(streamWritable);
  };

  return Writable;
});
