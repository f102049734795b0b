// `internal/streams/web`: the adapters between Node.js streams and the runtime's web streams
// (`Readable.fromWeb/toWeb`, `Writable.fromWeb/toWeb`, `Duplex.fromWeb/toWeb`), with
// backpressure both ways: a Node stream is paused while the web stream's queue is full, and a
// web stream's write waits for `drain`.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { PromisePrototypeThen, PromiseResolve, PromiseWithResolvers, Uint8Array } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const { AbortError, validateBoolean, validateObject } = errors;
  const { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE } = errors.codes;
  const { isDestroyed, isReadable, isWritable, isWritableEnded, nextTick, Buffer } =
    internals.nodeModule('internal/streams/utils');
  const { destroyer: destroy } = internals.nodeModule('internal/streams/destroy');
  const finished = internals.nodeModule('internal/streams/end-of-stream');

  function webClass(name) {
    return internals.lazyGet(globalThis, name);
  }
  function nop() {}

  function newReadableStreamFromStreamReadable(streamReadable, options = { __proto__: null }) {
    if (streamReadable === null || typeof streamReadable !== 'object' ||
      typeof streamReadable._readableState !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('streamReadable', 'stream.Readable', streamReadable);
    }
    const ReadableStream = webClass('ReadableStream');
    if (isDestroyed(streamReadable) || !isReadable(streamReadable)) {
      const readable = new ReadableStream();
      readable.cancel();
      return readable;
    }
    const objectMode = streamReadable.readableObjectMode;
    const highWaterMark = streamReadable.readableHighWaterMark;
    let strategy = options && options.strategy;
    if (!strategy) {
      strategy = objectMode
        ? new (webClass('CountQueuingStrategy'))({ highWaterMark })
        : new (webClass('ByteLengthQueuingStrategy'))({ highWaterMark });
    }
    let controller;
    function onData(chunk) {
      if (!objectMode && Buffer().isBuffer(chunk)) chunk = new Uint8Array(chunk);
      controller.enqueue(chunk);
      if (controller.desiredSize <= 0) streamReadable.pause();
    }
    function onFinished(error) {
      if (error && error.code === 'ERR_STREAM_PREMATURE_CLOSE') error = new AbortError(undefined, { cause: error });
      cleanup();
      streamReadable.on('error', nop);
      if (error) return controller.error(error);
      controller.close();
    }
    streamReadable.on('data', onData);
    const cleanup = finished(streamReadable, onFinished);
    return new ReadableStream({
      start(c) { controller = c; },
      pull() { streamReadable.resume(); },
      cancel(reason) { destroy(streamReadable, reason); },
    }, strategy);
  }

  function newStreamReadableFromReadableStream(readableStream, options = { __proto__: null }) {
    if (!internals.isReadableStream(readableStream)) {
      throw new ERR_INVALID_ARG_TYPE('readableStream', 'ReadableStream', readableStream);
    }
    validateObject(options, 'options');
    const { highWaterMark, encoding, signal } = options;
    const objectMode = options.objectMode === undefined ? false : options.objectMode;
    if (encoding !== undefined && !Buffer().isEncoding(encoding)) {
      throw new ERR_INVALID_ARG_VALUE(encoding, 'options.encoding');
    }
    validateBoolean(objectMode, 'options.objectMode');
    const Readable = internals.nodeModule('internal/streams/readable');
    const reader = readableStream.getReader();
    let closed = false;
    const readable = new Readable({
      objectMode,
      highWaterMark,
      encoding,
      signal,
      read() {
        PromisePrototypeThen(reader.read(), (chunk) => {
          if (chunk.done) readable.push(null);
          else readable.push(chunk.value);
        }, (error) => destroy(readable, error));
      },
      destroy(error, callback) {
        function done() {
          try {
            callback(error);
          } catch (failure) {
            nextTick(() => { throw failure; });
          }
        }
        if (!closed) {
          PromisePrototypeThen(reader.cancel(error), done, done);
          return;
        }
        done();
      },
    });
    PromisePrototypeThen(reader.closed, () => { closed = true; }, (error) => {
      closed = true;
      destroy(readable, error);
    });
    return readable;
  }

  function newWritableStreamFromStreamWritable(streamWritable) {
    if (streamWritable === null || typeof streamWritable !== 'object' ||
      typeof streamWritable._writableState !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('streamWritable', 'stream.Writable', streamWritable);
    }
    const WritableStream = webClass('WritableStream');
    if (isDestroyed(streamWritable) || !isWritable(streamWritable)) {
      const writable = new WritableStream();
      writable.close();
      return writable;
    }
    const highWaterMark = streamWritable.writableHighWaterMark;
    const strategy = streamWritable.writableObjectMode
      ? new (webClass('CountQueuingStrategy'))({ highWaterMark })
      : { highWaterMark };
    let controller;
    let backpressurePromise;
    let closed;
    function onDrain() {
      if (backpressurePromise !== undefined) backpressurePromise.resolve();
    }
    const cleanup = finished(streamWritable, (error) => {
      if (error && error.code === 'ERR_STREAM_PREMATURE_CLOSE') error = new AbortError(undefined, { cause: error });
      cleanup();
      streamWritable.on('error', nop);
      if (error !== undefined && error !== null) {
        if (backpressurePromise !== undefined) backpressurePromise.reject(error);
        if (closed !== undefined) {
          closed.reject(error);
          closed = undefined;
        }
        controller.error(error);
        controller = undefined;
        return;
      }
      if (closed !== undefined) {
        closed.resolve();
        closed = undefined;
        return;
      }
      controller.error(new AbortError());
      controller = undefined;
    });
    streamWritable.on('drain', onDrain);
    return new WritableStream({
      start(c) { controller = c; },
      write(chunk) {
        if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
          backpressurePromise = PromiseWithResolvers();
          const clear = () => { backpressurePromise = undefined; };
          return PromisePrototypeThen(backpressurePromise.promise, clear, (error) => {
            clear();
            throw error;
          });
        }
        return undefined;
      },
      abort(reason) { destroy(streamWritable, reason); },
      close() {
        if (closed === undefined && !isWritableEnded(streamWritable)) {
          closed = PromiseWithResolvers();
          streamWritable.end();
          return closed.promise;
        }
        controller = undefined;
        return PromiseResolve();
      },
    }, strategy);
  }

  function newStreamWritableFromWritableStream(writableStream, options = { __proto__: null }) {
    if (!internals.isWritableStream(writableStream)) {
      throw new ERR_INVALID_ARG_TYPE('writableStream', 'WritableStream', writableStream);
    }
    validateObject(options, 'options');
    const { highWaterMark, signal } = options;
    const decodeStrings = options.decodeStrings === undefined ? true : options.decodeStrings;
    const objectMode = options.objectMode === undefined ? false : options.objectMode;
    validateBoolean(objectMode, 'options.objectMode');
    validateBoolean(decodeStrings, 'options.decodeStrings');
    const Writable = internals.nodeModule('internal/streams/writable');
    const writer = writableStream.getWriter();
    let closed = false;
    const writable = new Writable({
      highWaterMark,
      objectMode,
      decodeStrings,
      signal,
      write(chunk, encoding, callback) {
        function done(error) {
          try {
            callback(error);
          } catch (failure) {
            destroy(writable, failure);
          }
        }
        PromisePrototypeThen(writer.ready, () => PromisePrototypeThen(writer.write(chunk), () => done(), done), done);
      },
      destroy(error, callback) {
        function done() {
          try {
            callback(error);
          } catch (failure) {
            nextTick(() => { throw failure; });
          }
        }
        if (!closed) {
          if (error !== undefined && error !== null) PromisePrototypeThen(writer.abort(error), done, done);
          else PromisePrototypeThen(writer.close(), done, done);
          return;
        }
        done();
      },
      final(callback) {
        function done(error) {
          try {
            callback(error);
          } catch (failure) {
            nextTick(() => destroy(writable, failure));
          }
        }
        if (!closed) PromisePrototypeThen(writer.close(), () => done(), done);
      },
    });
    PromisePrototypeThen(writer.closed, () => { closed = true; }, (error) => {
      closed = true;
      destroy(writable, error);
    });
    return writable;
  }

  function newReadableWritablePairFromDuplex(duplex) {
    if (duplex === null || typeof duplex !== 'object' || typeof duplex._writableState !== 'object' ||
      typeof duplex._readableState !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('duplex', 'stream.Duplex', duplex);
    }
    return {
      readable: newReadableStreamFromStreamReadable(duplex),
      writable: newWritableStreamFromStreamWritable(duplex),
    };
  }

  function newStreamDuplexFromReadableWritablePair(pair = { __proto__: null }, options = { __proto__: null }) {
    validateObject(pair, 'pair');
    const { readable: readableStream, writable: writableStream } = pair;
    if (!internals.isReadableStream(readableStream)) {
      throw new ERR_INVALID_ARG_TYPE('pair.readable', 'ReadableStream', readableStream);
    }
    if (!internals.isWritableStream(writableStream)) {
      throw new ERR_INVALID_ARG_TYPE('pair.writable', 'WritableStream', writableStream);
    }
    validateObject(options, 'options');
    const { allowHalfOpen = false, encoding, highWaterMark, signal } = options;
    const decodeStrings = options.decodeStrings === undefined ? true : options.decodeStrings;
    const objectMode = options.objectMode === undefined ? false : options.objectMode;
    const Duplex = internals.nodeModule('internal/streams/duplex');
    const writer = writableStream.getWriter();
    const reader = readableStream.getReader();
    let writableClosed = false;
    let readableClosed = false;
    const duplex = new Duplex({
      allowHalfOpen,
      highWaterMark,
      objectMode,
      encoding,
      decodeStrings,
      signal,
      write(chunk, encoding, callback) {
        function done(error) {
          try {
            callback(error);
          } catch (failure) {
            destroy(duplex, failure);
          }
        }
        PromisePrototypeThen(writer.ready, () => PromisePrototypeThen(writer.write(chunk), () => done(), done), done);
      },
      final(callback) {
        function done(error) {
          try {
            callback(error);
          } catch (failure) {
            nextTick(() => destroy(duplex, failure));
          }
        }
        if (!writableClosed) PromisePrototypeThen(writer.close(), () => done(), done);
      },
      read() {
        PromisePrototypeThen(reader.read(), (chunk) => {
          if (chunk.done) duplex.push(null);
          else duplex.push(chunk.value);
        }, (error) => destroy(duplex, error));
      },
      destroy(error, callback) {
        function done() {
          try {
            callback(error);
          } catch (failure) {
            nextTick(() => { throw failure; });
          }
        }
        async function closeWriter() {
          if (!writableClosed) await writer.abort(error);
        }
        async function closeReader() {
          if (!readableClosed) await reader.cancel(error);
        }
        if (!writableClosed || !readableClosed) {
          PromisePrototypeThen(closeWriter(), () => PromisePrototypeThen(closeReader(), done, done), done);
          return;
        }
        done();
      },
    });
    PromisePrototypeThen(writer.closed, () => {
      writableClosed = true;
    }, (error) => {
      writableClosed = true;
      readableClosed = true;
      destroy(duplex, error);
    });
    PromisePrototypeThen(reader.closed, () => {
      readableClosed = true;
    }, (error) => {
      writableClosed = true;
      readableClosed = true;
      destroy(duplex, error);
    });
    return duplex;
  }

  return {
    newReadableStreamFromStreamReadable, newStreamReadableFromReadableStream, newWritableStreamFromStreamWritable,
    newStreamWritableFromWritableStream, newReadableWritablePairFromDuplex, newStreamDuplexFromReadableWritablePair,
  };
});
