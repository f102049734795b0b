// `internal/streams/pipeline`: `stream.pipeline(...streams, callback)`: pipes each stream into
// the next (Node streams, web streams, iterables and async generator functions), destroys
// them all on the first error, and calls back once with it, or when the last one finished.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    AggregateError, ArrayIsArray, ArrayPrototypePop, ArrayPrototypePush, ArrayPrototypeShift, Promise,
    PromisePrototypeThen, ReflectApply, SymbolAsyncIterator, SymbolDispose,
  } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_RETURN_VALUE, ERR_MISSING_ARGS, ERR_STREAM_DESTROYED,
    ERR_STREAM_PREMATURE_CLOSE,
  } = errors.codes;
  const { AbortError, validateFunction, validateAbortSignal } = errors;
  const eos = internals.nodeModule('internal/streams/end-of-stream');
  const destroyImpl = internals.nodeModule('internal/streams/destroy');
  const {
    isIterable, isReadable, isReadableNodeStream, isNodeStream, isTransformStream, isWebStream, isReadableStream,
    isReadableFinished, nextTick,
  } = internals.nodeModule('internal/streams/utils');

  function onceFunction(callback) {
    let called = false;
    return function (...args) {
      if (called) return;
      called = true;
      return ReflectApply(callback, this, args);
    };
  }

  function aggregateTwoErrors(inner, outer) {
    if (inner && outer && inner !== outer) {
      if (outer.errors && outer.errors.length !== undefined) {
        ArrayPrototypePush(outer.errors, inner);
        return outer;
      }
      const err = new AggregateError([outer, inner], outer.message);
      err.code = outer.code;
      return err;
    }
    return inner || outer;
  }

  function destroyer(stream, reading, writing) {
    let finished = false;
    stream.on('close', () => { finished = true; });
    const cleanup = eos(stream, { readable: reading, writable: writing }, (err) => { finished = !err; });
    return {
      destroy: (err) => {
        if (finished) return;
        finished = true;
        destroyImpl.destroyer(stream, err || new ERR_STREAM_DESTROYED('pipe'));
      },
      cleanup,
    };
  }

  function popCallback(streams) {
    validateFunction(streams[streams.length - 1], 'streams[stream.length - 1]');
    return ArrayPrototypePop(streams);
  }

  function makeAsyncIterable(value) {
    if (isIterable(value)) return value;
    if (isReadableNodeStream(value)) return fromReadable(value);
    throw new ERR_INVALID_ARG_TYPE('val', ['Readable', 'Iterable', 'AsyncIterable'], value);
  }
  async function* fromReadable(value) {
    const Readable = internals.nodeModule('internal/streams/readable');
    yield* ReflectApply(Readable.prototype[SymbolAsyncIterator], value, []);
  }

  async function pumpToNode(iterable, writable, finish, { end }) {
    let error;
    let onresolve = null;
    const resume = (err) => {
      if (err) error = err;
      if (onresolve) {
        const callback = onresolve;
        onresolve = null;
        callback();
      }
    };
    const wait = () => new Promise((resolve, reject) => {
      if (error) {
        reject(error);
      } else {
        onresolve = () => {
          if (error) reject(error);
          else resolve();
        };
      }
    });
    writable.on('drain', resume);
    const cleanup = eos(writable, { readable: false }, resume);
    try {
      if (writable.writableNeedDrain) await wait();
      for await (const chunk of iterable) {
        if (!writable.write(chunk)) await wait();
      }
      if (end) {
        writable.end();
        await wait();
      }
      finish();
    } catch (err) {
      finish(error !== err ? aggregateTwoErrors(error, err) : err);
    } finally {
      cleanup();
      writable.off('drain', resume);
    }
  }

  async function pumpToWeb(readable, writable, finish, { end }) {
    if (isTransformStream(writable)) writable = writable.writable;
    const writer = writable.getWriter();
    try {
      for await (const chunk of readable) {
        await writer.ready;
        PromisePrototypeThen(writer.write(chunk), undefined, () => {});
      }
      await writer.ready;
      if (end) await writer.close();
      finish();
    } catch (err) {
      try {
        await writer.abort(err);
        finish(err);
      } catch (failure) {
        finish(failure);
      }
    }
  }

  function pipeline(...streams) {
    return pipelineImpl(streams, onceFunction(popCallback(streams)));
  }

  function pipelineImpl(streams, callback, options) {
    if (streams.length === 1 && ArrayIsArray(streams[0])) streams = streams[0];
    if (streams.length < 2) throw new ERR_MISSING_ARGS('streams');

    const signal = internals.createAbortSignal();
    const outerSignal = options && options.signal;
    const lastStreamCleanup = [];
    validateAbortSignal(outerSignal, 'options.signal');

    function abort() {
      finishImpl(new AbortError(undefined, { cause: outerSignal && outerSignal.reason }));
    }
    let disposable;
    if (outerSignal) disposable = internals.nodeModule('events').addAbortListener(outerSignal, abort);

    let error;
    let value;
    const destroys = [];
    let finishCount = 0;

    function finish(err) {
      finishImpl(err, --finishCount === 0);
    }
    function finishImpl(err, final) {
      if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err;
      if (!error && !final) return;
      while (destroys.length) ArrayPrototypeShift(destroys)(error);
      if (disposable) disposable[SymbolDispose]();
      internals.signalAbort(signal);
      if (final) {
        if (!error) {
          for (let index = 0; index < lastStreamCleanup.length; index++) lastStreamCleanup[index]();
        }
        nextTick(callback, error, value);
      }
    }

    let ret;
    for (let index = 0; index < streams.length; index++) {
      const stream = streams[index];
      const reading = index < streams.length - 1;
      const writing = index > 0;
      const end = reading || !options || options.end !== false;
      const isLastStream = index === streams.length - 1;

      if (isNodeStream(stream)) {
        if (end) {
          const { destroy, cleanup } = destroyer(stream, reading, writing);
          ArrayPrototypePush(destroys, destroy);
          if (isReadable(stream) && isLastStream) ArrayPrototypePush(lastStreamCleanup, cleanup);
        }
        const onError = (err) => {
          if (err && err.name !== 'AbortError' && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') finish(err);
        };
        stream.on('error', onError);
        if (isReadable(stream) && isLastStream) {
          ArrayPrototypePush(lastStreamCleanup, () => { stream.removeListener('error', onError); });
        }
      }

      if (index === 0) {
        if (typeof stream === 'function') {
          ret = stream({ signal });
          if (!isIterable(ret)) throw new ERR_INVALID_RETURN_VALUE('Iterable, AsyncIterable or Stream', 'source', ret);
        } else if (isIterable(stream) || isReadableNodeStream(stream) || isTransformStream(stream)) {
          ret = stream;
        } else {
          ret = internals.nodeModule('internal/streams/duplex').from(stream);
        }
      } else if (typeof stream === 'function') {
        ret = makeAsyncIterable(isTransformStream(ret) ? ret.readable : ret);
        ret = stream(ret, { signal });
        if (reading) {
          if (!isIterable(ret, true)) throw new ERR_INVALID_RETURN_VALUE('AsyncIterable', `transform[${index - 1}]`, ret);
        } else {
          const { PassThrough } = internals.nodeModule('internal/streams/transform');
          const pt = new PassThrough({ objectMode: true });
          const then = ret && ret.then;
          if (typeof then === 'function') {
            finishCount++;
            ReflectApply(then, ret, [(result) => {
              value = result;
              if (result !== undefined && result !== null) pt.write(result);
              if (end) pt.end();
              nextTick(finish);
            }, (err) => {
              pt.destroy(err);
              nextTick(finish, err);
            }]);
          } else if (isIterable(ret, true)) {
            finishCount++;
            pumpToNode(ret, pt, finish, { end });
          } else if (isReadableStream(ret) || isTransformStream(ret)) {
            finishCount++;
            pumpToNode(ret.readable || ret, pt, finish, { end });
          } else {
            throw new ERR_INVALID_RETURN_VALUE('AsyncIterable or Promise', 'destination', ret);
          }
          ret = pt;
          const { destroy, cleanup } = destroyer(ret, false, true);
          ArrayPrototypePush(destroys, destroy);
          if (isLastStream) ArrayPrototypePush(lastStreamCleanup, cleanup);
        }
      } else if (isNodeStream(stream)) {
        if (isReadableNodeStream(ret)) {
          finishCount += 2;
          const cleanup = pipe(ret, stream, finish, { end });
          if (isReadable(stream) && isLastStream) ArrayPrototypePush(lastStreamCleanup, cleanup);
        } else if (isTransformStream(ret) || isReadableStream(ret)) {
          finishCount++;
          pumpToNode(ret.readable || ret, stream, finish, { end });
        } else if (isIterable(ret)) {
          finishCount++;
          pumpToNode(ret, stream, finish, { end });
        } else {
          throw new ERR_INVALID_ARG_TYPE('val',
            ['Readable', 'Iterable', 'AsyncIterable', 'ReadableStream', 'TransformStream'], ret);
        }
        ret = stream;
      } else if (isWebStream(stream)) {
        if (isReadableNodeStream(ret)) {
          finishCount++;
          pumpToWeb(makeAsyncIterable(ret), stream, finish, { end });
        } else if (isReadableStream(ret) || isIterable(ret)) {
          finishCount++;
          pumpToWeb(ret, stream, finish, { end });
        } else if (isTransformStream(ret)) {
          finishCount++;
          pumpToWeb(ret.readable, stream, finish, { end });
        } else {
          throw new ERR_INVALID_ARG_TYPE('val',
            ['Readable', 'Iterable', 'AsyncIterable', 'ReadableStream', 'TransformStream'], ret);
        }
        ret = stream;
      } else {
        ret = internals.nodeModule('internal/streams/duplex').from(stream);
      }
    }
    if (signal.aborted || (outerSignal && outerSignal.aborted)) nextTick(abort);
    return ret;
  }

  function pipe(src, dst, finish, { end }) {
    let ended = false;
    dst.on('close', () => {
      if (!ended) finish(new ERR_STREAM_PREMATURE_CLOSE());
    });
    src.pipe(dst, { end: false });
    if (end) {
      const endFn = () => {
        ended = true;
        dst.end();
      };
      if (isReadableFinished(src)) nextTick(endFn);
      else src.once('end', endFn);
      eos(dst, { readable: false, writable: true }, finish);
    } else {
      finish();
    }
    eos(src, { readable: true, writable: false }, (err) => {
      const rState = src._readableState;
      if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE' && rState && rState.ended && !rState.errored &&
        !rState.errorEmitted) {
        src.once('end', finish).once('error', finish);
      } else {
        finish(err);
      }
    });
    return eos(dst, { readable: false, writable: true }, finish);
  }

  return { pipelineImpl, pipeline };
});
