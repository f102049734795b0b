// `internal/streams/readable`: Node.js's Readable, with its semantics: a buffer filled by
// `_read()` up to `highWaterMark` (bytes, or objects in object mode), paused and flowing
// modes, `readable`/`data`/`end`/`close` events in Node's order, `pipe` with backpressure,
// and async iteration.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, ArrayPrototypeIncludes, ArrayPrototypeIndexOf, ArrayPrototypePush, ArrayPrototypeSplice,
    FunctionPrototypeBind, NumberIsInteger, NumberIsNaN, NumberParseInt, ObjectKeys,
    ObjectSetPrototypeOf, Promise, ReflectApply, Set, SetPrototypeAdd, SetPrototypeClear, SetPrototypeDelete,
    SetPrototypeGetSize, Symbol, SymbolAsyncIterator, SymbolFor, ObjectDefineProperty, ReflectOwnKeys,
  } = primordials;
  // Object.defineProperties, one key at a time with the original defineProperty.
  function ObjectDefineProperties(object, descriptors) {
    const keys = ReflectOwnKeys(descriptors);
    for (let index = 0; index < keys.length; index++) ObjectDefineProperty(object, keys[index], descriptors[keys[index]]);
    return object;
  }
  const errors = internals.nodeModule('internal/errors');
  const {
    ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED, ERR_OUT_OF_RANGE, ERR_STREAM_PUSH_AFTER_EOF,
    ERR_STREAM_UNSHIFT_AFTER_END_EVENT,
  } = errors.codes;
  const { validateObject } = errors;
  const EE = internals.nodeModule('events');
  const { Stream, prependListener } = internals.nodeModule('internal/streams/legacy');
  const utils = internals.nodeModule('internal/streams/utils');
  const { getHighWaterMark, getDefaultHighWaterMark, nextTick, Buffer, viewToBuffer } = utils;
  const destroyImpl = internals.nodeModule('internal/streams/destroy');
  const { errorOrDestroy } = destroyImpl;
  const BufferList = internals.nodeModule('internal/streams/buffer_list');
  const eos = internals.nodeModule('internal/streams/end-of-stream');
  const { addAbortSignal } = internals.nodeModule('internal/streams/add-abort-signal');

  const kPaused = Symbol('kPaused');
  const SymbolAsyncDispose = SymbolFor('nodejs.asyncDispose');

  function isDuplexInstance(stream) {
    return stream instanceof internals.nodeModule('internal/streams/duplex');
  }
  function StringDecoder(encoding) {
    return new (internals.nodeModule('string_decoder').StringDecoder)(encoding);
  }

  function ReadableState(options, stream, isDuplex) {
    if (typeof isDuplex !== 'boolean') isDuplex = isDuplexInstance(stream);
    this.objectMode = !!(options && options.objectMode);
    if (isDuplex) this.objectMode = this.objectMode || !!(options && options.readableObjectMode);
    this.highWaterMark = options
      ? getHighWaterMark(this, options, 'readableHighWaterMark', isDuplex)
      : getDefaultHighWaterMark(false);
    this.buffer = new BufferList();
    this.length = 0;
    this.pipes = [];
    this.flowing = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    this.constructed = true;
    this.sync = true;
    this.needReadable = false;
    this.emittedReadable = false;
    this.readableListening = false;
    this.resumeScheduled = false;
    this[kPaused] = null;
    this.errorEmitted = false;
    this.emitClose = !options || options.emitClose !== false;
    this.autoDestroy = !options || options.autoDestroy !== false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.defaultEncoding = (options && options.defaultEncoding) || 'utf8';
    this.awaitDrainWriters = null;
    this.multiAwaitDrain = false;
    this.readingMore = false;
    this.dataEmitted = false;
    this.decoder = null;
    this.encoding = null;
    if (options && options.encoding) {
      this.decoder = StringDecoder(options.encoding);
      this.encoding = options.encoding;
    }
  }
  ObjectDefineProperties(ReadableState.prototype, {
    pipesCount: { __proto__: null, get() { return this.pipes.length; } },
    paused: {
      __proto__: null,
      get() { return this[kPaused] !== false; },
      set(value) { this[kPaused] = !!value; },
    },
  });

  function Readable(options) {
    if (!(this instanceof Readable)) return new Readable(options);
    const isDuplex = isDuplexInstance(this);
    this._readableState = new ReadableState(options, this, isDuplex);
    if (options) {
      if (typeof options.read === 'function') this._read = options.read;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.construct === 'function') this._construct = options.construct;
      if (options.signal && !isDuplex) addAbortSignal(options.signal, this);
    }
    ReflectApply(Stream, this, [options]);
    destroyImpl.construct(this, () => {
      if (this._readableState.needReadable) maybeReadMore(this, this._readableState);
    });
  }
  ObjectSetPrototypeOf(Readable.prototype, Stream.prototype);
  ObjectSetPrototypeOf(Readable, Stream);
  Readable.ReadableState = ReadableState;

  Readable.prototype.destroy = destroyImpl.destroy;
  Readable.prototype._undestroy = destroyImpl.undestroy;
  Readable.prototype._destroy = function (err, cb) { cb(err); };
  Readable.prototype[EE.captureRejectionSymbol] = function (err) { this.destroy(err); };
  Readable.prototype[SymbolAsyncDispose] = function () {
    let error;
    if (!this.destroyed) {
      error = this.readableEnded ? null : new (errors.AbortError)();
      this.destroy(error);
    }
    return new Promise((resolve, reject) => eos(this, (err) => (err && err !== error ? reject(err) : resolve(null))));
  };

  Readable.prototype.push = function (chunk, encoding) {
    return readableAddChunk(this, chunk, encoding, false);
  };
  Readable.prototype.unshift = function (chunk, encoding) {
    return readableAddChunk(this, chunk, encoding, true);
  };

  function readableAddChunk(stream, chunk, encoding, addToFront) {
    const state = stream._readableState;
    let err;
    if (!state.objectMode) {
      const BufferClass = Buffer();
      if (typeof chunk === 'string') {
        encoding = encoding || state.defaultEncoding;
        if (state.encoding !== encoding) {
          if (addToFront && state.encoding) {
            chunk = BufferClass.from(chunk, encoding).toString(state.encoding);
          } else {
            chunk = BufferClass.from(chunk, encoding);
            encoding = '';
          }
        }
      } else if (chunk instanceof BufferClass) {
        encoding = '';
      } else if (ArrayBufferIsView(chunk)) {
        chunk = viewToBuffer(chunk);
        encoding = '';
      } else if (chunk !== undefined && chunk !== null) {
        err = new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
      }
    }
    if (err) {
      errorOrDestroy(stream, err);
    } else if (chunk === null) {
      state.reading = false;
      onEofChunk(stream, state);
    } else if (state.objectMode || (chunk && chunk.length > 0)) {
      if (addToFront) {
        if (state.endEmitted) errorOrDestroy(stream, new ERR_STREAM_UNSHIFT_AFTER_END_EVENT());
        else if (state.destroyed || state.errored) return false;
        else addChunk(stream, state, chunk, true);
      } else if (state.ended) {
        errorOrDestroy(stream, new ERR_STREAM_PUSH_AFTER_EOF());
      } else if (state.destroyed || state.errored) {
        return false;
      } else {
        state.reading = false;
        if (state.decoder && !encoding) {
          chunk = state.decoder.write(chunk);
          if (state.objectMode || chunk.length !== 0) addChunk(stream, state, chunk, false);
          else maybeReadMore(stream, state);
        } else {
          addChunk(stream, state, chunk, false);
        }
      }
    } else if (!addToFront) {
      state.reading = false;
      maybeReadMore(stream, state);
    }
    return !state.ended && (state.length < state.highWaterMark || state.length === 0);
  }

  function clearAwaitDrain(state) {
    if (state.multiAwaitDrain) SetPrototypeClear(state.awaitDrainWriters);
    else state.awaitDrainWriters = null;
  }

  function addChunk(stream, state, chunk, addToFront) {
    if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
      clearAwaitDrain(state);
      state.dataEmitted = true;
      stream.emit('data', chunk);
    } else {
      state.length += state.objectMode ? 1 : chunk.length;
      if (addToFront) state.buffer.unshift(chunk);
      else state.buffer.push(chunk);
      if (state.needReadable) emitReadable(stream);
    }
    maybeReadMore(stream, state);
  }

  Readable.prototype.isPaused = function () {
    const state = this._readableState;
    return state[kPaused] === true || state.flowing === false;
  };

  Readable.prototype.setEncoding = function (encoding) {
    const decoder = StringDecoder(encoding);
    const state = this._readableState;
    state.decoder = decoder;
    state.encoding = decoder.encoding;
    let content = '';
    for (let index = 0; index < state.buffer.length; index++) content += decoder.write(state.buffer.at(index));
    state.buffer.clear();
    if (content !== '') state.buffer.push(content);
    state.length = content.length;
    return this;
  };

  const MAX_HWM = 0x40000000;
  function computeNewHighWaterMark(n) {
    if (n > MAX_HWM) throw new ERR_OUT_OF_RANGE('size', '<= 1GiB', n);
    n--;
    n |= n >>> 1;
    n |= n >>> 2;
    n |= n >>> 4;
    n |= n >>> 8;
    n |= n >>> 16;
    n++;
    return n;
  }

  function howMuchToRead(n, state) {
    if (n <= 0 || (state.length === 0 && state.ended)) return 0;
    if (state.objectMode) return 1;
    if (NumberIsNaN(n)) {
      if (state.flowing && state.length) return state.buffer.first().length;
      return state.length;
    }
    if (n <= state.length) return n;
    return state.ended ? state.length : 0;
  }

  Readable.prototype.read = function (n) {
    if (n === undefined) n = NaN;
    else if (!NumberIsInteger(n)) n = NumberParseInt(n, 10);
    const state = this._readableState;
    const nOrig = n;
    if (n > state.highWaterMark) state.highWaterMark = computeNewHighWaterMark(n);
    if (n !== 0) state.emittedReadable = false;
    if (n === 0 && state.needReadable &&
      ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
      if (state.length === 0 && state.ended) endReadable(this);
      else emitReadable(this);
      return null;
    }
    n = howMuchToRead(n, state);
    if (n === 0 && state.ended) {
      if (state.length === 0) endReadable(this);
      return null;
    }
    let doRead = state.needReadable;
    if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
    if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
      doRead = false;
    } else if (doRead) {
      state.reading = true;
      state.sync = true;
      if (state.length === 0) state.needReadable = true;
      try {
        this._read(state.highWaterMark);
      } catch (err) {
        errorOrDestroy(this, err);
      }
      state.sync = false;
      if (!state.reading) n = howMuchToRead(nOrig, state);
    }
    let ret;
    if (n > 0) ret = fromList(n, state);
    else ret = null;
    if (ret === null) {
      state.needReadable = state.length <= state.highWaterMark;
      n = 0;
    } else {
      state.length -= n;
      clearAwaitDrain(state);
    }
    if (state.length === 0) {
      if (!state.ended) state.needReadable = true;
      if (nOrig !== n && state.ended) endReadable(this);
    }
    if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
      state.dataEmitted = true;
      this.emit('data', ret);
    }
    return ret;
  };

  function onEofChunk(stream, state) {
    if (state.ended) return;
    if (state.decoder) {
      const chunk = state.decoder.end();
      if (chunk && chunk.length) {
        state.buffer.push(chunk);
        state.length += state.objectMode ? 1 : chunk.length;
      }
    }
    state.ended = true;
    if (state.sync) {
      emitReadable(stream);
    } else {
      state.needReadable = false;
      state.emittedReadable = true;
      emitReadableNT(stream);
    }
  }

  function emitReadable(stream) {
    const state = stream._readableState;
    state.needReadable = false;
    if (!state.emittedReadable) {
      state.emittedReadable = true;
      nextTick(emitReadableNT, stream);
    }
  }
  function emitReadableNT(stream) {
    const state = stream._readableState;
    if (!state.destroyed && !state.errored && (state.length || state.ended)) {
      stream.emit('readable');
      state.emittedReadable = false;
    }
    state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
    flow(stream);
  }

  function maybeReadMore(stream, state) {
    if (!state.readingMore && state.constructed) {
      state.readingMore = true;
      nextTick(maybeReadMoreNT, stream, state);
    }
  }
  function maybeReadMoreNT(stream, state) {
    while (!state.reading && !state.ended &&
      (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
      const length = state.length;
      stream.read(0);
      if (length === state.length) break;
    }
    state.readingMore = false;
  }

  Readable.prototype._read = function (n) {
    throw new ERR_METHOD_NOT_IMPLEMENTED('_read()');
  };

  Readable.prototype.pipe = function (dest, pipeOpts) {
    const src = this;
    const state = this._readableState;
    if (state.pipes.length === 1 && !state.multiAwaitDrain) {
      state.multiAwaitDrain = true;
      const writers = new Set();
      if (state.awaitDrainWriters) SetPrototypeAdd(writers, state.awaitDrainWriters);
      state.awaitDrainWriters = writers;
    }
    ArrayPrototypePush(state.pipes, dest);
    const process = globalThis.process;
    const doEnd = (!pipeOpts || pipeOpts.end !== false) &&
      (process === undefined || process === null || (dest !== process.stdout && dest !== process.stderr));
    const endFn = doEnd ? onend : unpipe;
    if (state.endEmitted) nextTick(endFn);
    else src.once('end', endFn);
    dest.on('unpipe', onunpipe);
    function onunpipe(readable, unpipeInfo) {
      if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
        unpipeInfo.hasUnpiped = true;
        cleanup();
      }
    }
    function onend() {
      dest.end();
    }
    let ondrain;
    let cleanedUp = false;
    function cleanup() {
      dest.removeListener('close', onclose);
      dest.removeListener('finish', onfinish);
      if (ondrain) dest.removeListener('drain', ondrain);
      dest.removeListener('error', onerror);
      dest.removeListener('unpipe', onunpipe);
      src.removeListener('end', onend);
      src.removeListener('end', unpipe);
      src.removeListener('data', ondata);
      cleanedUp = true;
      if (ondrain && state.awaitDrainWriters && (!dest._writableState || dest._writableState.needDrain)) ondrain();
    }
    function pause() {
      if (!cleanedUp) {
        if (state.pipes.length === 1 && state.pipes[0] === dest) {
          state.awaitDrainWriters = dest;
          state.multiAwaitDrain = false;
        } else if (state.pipes.length > 1 && ArrayPrototypeIncludes(state.pipes, dest)) {
          SetPrototypeAdd(state.awaitDrainWriters, dest);
        }
        src.pause();
      }
      if (!ondrain) {
        ondrain = pipeOnDrain(src, dest);
        dest.on('drain', ondrain);
      }
    }
    src.on('data', ondata);
    function ondata(chunk) {
      const ret = dest.write(chunk);
      if (ret === false) pause();
    }
    function onerror(er) {
      unpipe();
      dest.removeListener('error', onerror);
      if (dest.listenerCount('error') === 0) {
        const s = dest._writableState || dest._readableState;
        if (s && !s.errorEmitted) errorOrDestroy(dest, er);
        else dest.emit('error', er);
      }
    }
    prependListener(dest, 'error', onerror);
    function onclose() {
      dest.removeListener('finish', onfinish);
      unpipe();
    }
    dest.once('close', onclose);
    function onfinish() {
      dest.removeListener('close', onclose);
      unpipe();
    }
    dest.once('finish', onfinish);
    function unpipe() {
      src.unpipe(dest);
    }
    dest.emit('pipe', src);
    if (dest.writableNeedDrain === true) pause();
    else if (!state.flowing) src.resume();
    return dest;
  };

  function pipeOnDrain(src, dest) {
    return function pipeOnDrainFunctionResult() {
      const state = src._readableState;
      if (state.awaitDrainWriters === dest) state.awaitDrainWriters = null;
      else if (state.multiAwaitDrain) SetPrototypeDelete(state.awaitDrainWriters, dest);
      if ((!state.awaitDrainWriters || (state.multiAwaitDrain && SetPrototypeGetSize(state.awaitDrainWriters) === 0)) &&
        src.listenerCount('data')) {
        src.resume();
      }
    };
  }

  Readable.prototype.unpipe = function (dest) {
    const state = this._readableState;
    const unpipeInfo = { hasUnpiped: false };
    if (state.pipes.length === 0) return this;
    if (!dest) {
      const dests = state.pipes;
      state.pipes = [];
      this.pause();
      for (let index = 0; index < dests.length; index++) dests[index].emit('unpipe', this, { hasUnpiped: false });
      return this;
    }
    const index = ArrayPrototypeIndexOf(state.pipes, dest);
    if (index === -1) return this;
    ArrayPrototypeSplice(state.pipes, index, 1);
    if (state.pipes.length === 0) this.pause();
    dest.emit('unpipe', this, unpipeInfo);
    return this;
  };

  Readable.prototype.on = function (ev, fn) {
    const res = ReflectApply(Stream.prototype.on, this, [ev, fn]);
    const state = this._readableState;
    if (ev === 'data') {
      state.readableListening = this.listenerCount('readable') > 0;
      if (state.flowing !== false) this.resume();
    } else if (ev === 'readable') {
      if (!state.endEmitted && !state.readableListening) {
        state.readableListening = state.needReadable = true;
        state.flowing = false;
        state.emittedReadable = false;
        if (state.length) emitReadable(this);
        else if (!state.reading) nextTick(nReadingNextTick, this);
      }
    }
    return res;
  };
  Readable.prototype.addListener = Readable.prototype.on;
  Readable.prototype.removeListener = function (ev, fn) {
    const res = ReflectApply(Stream.prototype.removeListener, this, [ev, fn]);
    if (ev === 'readable') nextTick(updateReadableListening, this);
    return res;
  };
  Readable.prototype.off = Readable.prototype.removeListener;
  Readable.prototype.removeAllListeners = function (ev) {
    const res = ReflectApply(Stream.prototype.removeAllListeners, this, arguments);
    if (ev === 'readable' || ev === undefined) nextTick(updateReadableListening, this);
    return res;
  };

  function updateReadableListening(self) {
    const state = self._readableState;
    state.readableListening = self.listenerCount('readable') > 0;
    if (state.resumeScheduled && state[kPaused] === false) state.flowing = true;
    else if (self.listenerCount('data') > 0) self.resume();
    else if (!state.readableListening) state.flowing = null;
  }
  function nReadingNextTick(self) {
    self.read(0);
  }

  Readable.prototype.resume = function () {
    const state = this._readableState;
    if (!state.flowing) {
      state.flowing = !state.readableListening;
      resume(this, state);
    }
    state[kPaused] = false;
    return this;
  };
  function resume(stream, state) {
    if (!state.resumeScheduled) {
      state.resumeScheduled = true;
      nextTick(resumeNT, stream, state);
    }
  }
  function resumeNT(stream, state) {
    if (!state.reading) stream.read(0);
    state.resumeScheduled = false;
    stream.emit('resume');
    flow(stream);
    if (state.flowing && !state.reading) stream.read(0);
  }

  Readable.prototype.pause = function () {
    if (this._readableState.flowing !== false) {
      this._readableState.flowing = false;
      this.emit('pause');
    }
    this._readableState[kPaused] = true;
    return this;
  };

  function flow(stream) {
    const state = stream._readableState;
    while (state.flowing && stream.read() !== null);
  }

  Readable.prototype.wrap = function (stream) {
    let paused = false;
    stream.on('data', (chunk) => {
      if (!this.push(chunk) && stream.pause) {
        paused = true;
        stream.pause();
      }
    });
    stream.on('end', () => { this.push(null); });
    stream.on('error', (err) => { errorOrDestroy(this, err); });
    stream.on('close', () => { this.destroy(); });
    stream.on('destroy', () => { this.destroy(); });
    this._read = () => {
      if (paused && stream.resume) {
        paused = false;
        stream.resume();
      }
    };
    const streamKeys = ObjectKeys(stream);
    for (let j = 1; j < streamKeys.length; j++) {
      const key = streamKeys[j];
      if (this[key] === undefined && typeof stream[key] === 'function') this[key] = FunctionPrototypeBind(stream[key], stream);
    }
    return this;
  };

  Readable.prototype[SymbolAsyncIterator] = function () {
    return streamToAsyncIterator(this);
  };
  Readable.prototype.iterator = function (options) {
    if (options !== undefined) validateObject(options, 'options');
    return streamToAsyncIterator(this, options);
  };

  function streamToAsyncIterator(stream, options) {
    if (typeof stream.read !== 'function') stream = Readable.wrap(stream, { objectMode: true });
    const iterator = createAsyncIterator(stream, options);
    iterator.stream = stream;
    return iterator;
  }

  function aggregateTwoErrors(inner, outer) {
    if (inner && outer && inner !== outer) {
      if (outer.errors && outer.errors.length !== undefined) {
        ArrayPrototypePush(outer.errors, inner);
        return outer;
      }
      const { AggregateError } = primordials;
      const err = new AggregateError([outer, inner], outer.message);
      err.code = outer.code;
      return err;
    }
    return inner || outer;
  }

  function nop() {}
  async function* createAsyncIterator(stream, options) {
    let callback = nop;
    function next(resolve) {
      if (this === stream) {
        callback();
        callback = nop;
      } else {
        callback = resolve;
      }
    }
    stream.on('readable', next);
    let error;
    const cleanup = eos(stream, { writable: false }, (err) => {
      error = err ? aggregateTwoErrors(error, err) : null;
      callback();
      callback = nop;
    });
    try {
      while (true) {
        const chunk = stream.destroyed ? null : stream.read();
        if (chunk !== null) yield chunk;
        else if (error) throw error;
        else if (error === null) return;
        else await new Promise(next);
      }
    } catch (err) {
      error = aggregateTwoErrors(error, err);
      throw error;
    } finally {
      if ((error || (options && options.destroyOnReturn) !== false) &&
        (error === undefined || stream._readableState.autoDestroy)) {
        destroyImpl.destroyer(stream, null);
      } else {
        stream.off('readable', next);
        cleanup();
      }
    }
  }

  function stateGetter(get) {
    return { __proto__: null, enumerable: false, configurable: true, get };
  }
  ObjectDefineProperties(Readable.prototype, {
    readable: {
      __proto__: null,
      enumerable: false,
      configurable: true,
      get() {
        const r = this._readableState;
        return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
      },
      set(value) {
        if (this._readableState) this._readableState.readable = !!value;
      },
    },
    readableDidRead: stateGetter(function () { return this._readableState.dataEmitted; }),
    readableAborted: stateGetter(function () {
      const r = this._readableState;
      return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
    }),
    readableHighWaterMark: stateGetter(function () { return this._readableState.highWaterMark; }),
    readableBuffer: stateGetter(function () { return this._readableState && this._readableState.buffer; }),
    readableFlowing: {
      __proto__: null,
      enumerable: false,
      configurable: true,
      get() { return this._readableState.flowing; },
      set(state) {
        if (this._readableState) this._readableState.flowing = state;
      },
    },
    readableLength: stateGetter(function () { return this._readableState.length; }),
    readableObjectMode: stateGetter(function () {
      return this._readableState ? this._readableState.objectMode : false;
    }),
    readableEncoding: stateGetter(function () {
      return this._readableState ? this._readableState.encoding : null;
    }),
    errored: stateGetter(function () { return this._readableState ? this._readableState.errored : null; }),
    closed: stateGetter(function () { return this._readableState ? this._readableState.closed : false; }),
    destroyed: {
      __proto__: null,
      enumerable: false,
      configurable: true,
      get() { return this._readableState ? this._readableState.destroyed : false; },
      set(value) {
        if (!this._readableState) return;
        this._readableState.destroyed = value;
      },
    },
    readableEnded: stateGetter(function () {
      return this._readableState ? this._readableState.endEmitted : false;
    }),
  });

  function fromList(n, state) {
    if (state.length === 0) return null;
    let ret;
    if (state.objectMode) {
      ret = state.buffer.shift();
    } else if (!n || n >= state.length) {
      if (state.decoder) ret = state.buffer.join('');
      else if (state.buffer.length === 1) ret = state.buffer.first();
      else ret = state.buffer.concat(state.length);
      state.buffer.clear();
    } else {
      ret = state.buffer.consume(n, state.decoder);
    }
    return ret;
  }

  function endReadable(stream) {
    const state = stream._readableState;
    if (!state.endEmitted) {
      state.ended = true;
      nextTick(endReadableNT, state, stream);
    }
  }
  function endReadableNT(state, stream) {
    if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
      state.endEmitted = true;
      stream.emit('end');
      if (stream.writable && stream.allowHalfOpen === false) {
        nextTick(endWritableNT, stream);
      } else if (state.autoDestroy) {
        const wState = stream._writableState;
        const autoDestroy = !wState || (wState.autoDestroy && (wState.finished || wState.writable === false));
        if (autoDestroy) stream.destroy();
      }
    }
  }
  function endWritableNT(stream) {
    const writable = stream.writable && !stream.writableEnded && !stream.destroyed;
    if (writable) stream.end();
  }

  Readable._fromList = fromList;
  Readable.from = function (iterable, options) {
    return internals.nodeModule('internal/streams/from')(Readable, iterable, options);
  };
  Readable.fromWeb = function (readableStream, options) {
    return internals.nodeModule('internal/streams/web').newStreamReadableFromReadableStream(readableStream, options);
  };
  Readable.toWeb = function (streamReadable, options) {
    return internals.nodeModule('internal/streams/web').newReadableStreamFromStreamReadable(streamReadable, options);
  };
  Readable.wrap = function (src, options) {
    const objectMode = src.readableObjectMode !== undefined && src.readableObjectMode !== null
      ? src.readableObjectMode : (src.objectMode !== undefined && src.objectMode !== null ? src.objectMode : true);
    const merged = { objectMode };
    if (options) {
      const keys = ObjectKeys(options);
      for (let index = 0; index < keys.length; index++) merged[keys[index]] = options[keys[index]];
    }
    merged.destroy = function (err, callback) {
      destroyImpl.destroyer(src, err);
      callback(err);
    };
    return new Readable(merged).wrap(src);
  };

  // The iterator helpers (`internal/streams/operators`, loaded on first use).
  function operators() {
    return internals.nodeModule('internal/streams/operators');
  }
  const STREAM_RETURNING = ['map', 'asIndexedPairs', 'drop', 'filter', 'flatMap', 'take'];
  for (let index = 0; index < STREAM_RETURNING.length; index++) {
    const name = STREAM_RETURNING[index];
    Readable.prototype[name] = function (...args) {
      return Readable.from(ReflectApply(operators().streamReturning[name], this, args));
    };
  }
  const PROMISE_RETURNING = ['every', 'forEach', 'reduce', 'toArray', 'some', 'find'];
  for (let index = 0; index < PROMISE_RETURNING.length; index++) {
    const name = PROMISE_RETURNING[index];
    Readable.prototype[name] = function (...args) {
      return ReflectApply(operators().promiseReturning[name], this, args);
    };
  }

  return Readable;
});
