// `internal/streams/duplexify`: `Duplex.from(body)`: a Duplex from a stream, a web stream, a
// `{ readable, writable }` pair, an iterable, a promise, a Blob, or an async generator
// function that takes the written chunks as its source.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { PromiseWithResolvers, ReflectApply } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const { AbortError } = errors;
  const { ERR_INVALID_ARG_TYPE, ERR_INVALID_RETURN_VALUE } = errors.codes;
  const {
    isReadable, isWritable, isIterable, isNodeStream, isReadableNodeStream, isWritableNodeStream,
    isDuplexNodeStream, isReadableStream, isWritableStream, nextTick,
  } = internals.nodeModule('internal/streams/utils');
  const eos = internals.nodeModule('internal/streams/end-of-stream');
  const { destroyer } = internals.nodeModule('internal/streams/destroy');
  const Duplex = internals.nodeModule('internal/streams/duplex');
  const Readable = internals.nodeModule('internal/streams/readable');
  const Writable = internals.nodeModule('internal/streams/writable');
  const from = internals.nodeModule('internal/streams/from');

  class Duplexify extends Duplex {
    constructor(options) {
      super(options);
      if (options && options.readable === false) {
        this._readableState.readable = false;
        this._readableState.ended = true;
        this._readableState.endEmitted = true;
      }
      if (options && options.writable === false) {
        this._writableState.writable = false;
        this._writableState.ending = true;
        this._writableState.ended = true;
        this._writableState.finished = true;
      }
    }
  }

  function isBlob(value) {
    return internals.Blob !== undefined && value instanceof internals.Blob;
  }

  function duplexify(body, name) {
    if (isDuplexNodeStream(body)) return body;
    if (isReadableNodeStream(body)) return fromPair({ readable: body });
    if (isWritableNodeStream(body)) return fromPair({ writable: body });
    if (isNodeStream(body)) return fromPair({ writable: false, readable: false });
    if (isReadableStream(body)) return fromPair({ readable: Readable.fromWeb(body) });
    if (isWritableStream(body)) return fromPair({ writable: Writable.fromWeb(body) });
    if (typeof body === 'function') {
      const { value, write, final, destroy } = fromAsyncGen(body);
      if (isIterable(value)) return from(Duplexify, value, { objectMode: true, write, final, destroy });
      const then = value && value.then;
      if (typeof then === 'function') {
        let d;
        const promise = ReflectApply(then, value, [(result) => {
          if (result !== undefined && result !== null) throw new ERR_INVALID_RETURN_VALUE('nully', 'body', result);
        }, (err) => {
          destroyer(d, err);
        }]);
        d = new Duplexify({
          objectMode: true,
          readable: false,
          write,
          final(cb) {
            final(async () => {
              try {
                await promise;
                nextTick(cb, null);
              } catch (err) {
                nextTick(cb, err);
              }
            });
          },
          destroy,
        });
        return d;
      }
      throw new ERR_INVALID_RETURN_VALUE('Iterable, AsyncIterable or AsyncFunction', name, value);
    }
    if (isBlob(body)) return duplexify(body.arrayBuffer(), name);
    if (isIterable(body)) return from(Duplexify, body, { objectMode: true, writable: false });
    if (body && isReadableStream(body.readable) && isWritableStream(body.writable)) return Duplex.fromWeb(body);
    if (body && (typeof body.writable === 'object' || typeof body.readable === 'object')) {
      const readable = body.readable
        ? (isReadableNodeStream(body.readable) ? body.readable : duplexify(body.readable, name)) : undefined;
      const writable = body.writable
        ? (isWritableNodeStream(body.writable) ? body.writable : duplexify(body.writable, name)) : undefined;
      return fromPair({ readable, writable });
    }
    const then = body && body.then;
    if (typeof then === 'function') {
      let d;
      ReflectApply(then, body, [(result) => {
        if (result !== undefined && result !== null) d.push(result);
        d.push(null);
      }, (err) => {
        destroyer(d, err);
      }]);
      d = new Duplexify({ objectMode: true, writable: false, read() {} });
      return d;
    }
    throw new ERR_INVALID_ARG_TYPE(name, ['Blob', 'ReadableStream', 'WritableStream', 'Stream', 'Iterable',
      'AsyncIterable', 'Function', '{ readable, writable } pair', 'Promise'], body);
  }

  // An async generator function as a Duplex: each written chunk is yielded to it, and what it
  // yields or returns is the readable side.
  function fromAsyncGen(fn) {
    let { promise, resolve } = PromiseWithResolvers();
    const signal = internals.createAbortSignal();
    const value = fn(async function* () {
      while (true) {
        const pending = promise;
        promise = null;
        const { chunk, done, cb } = await pending;
        nextTick(cb);
        if (done) return;
        if (signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
        ({ promise, resolve } = PromiseWithResolvers());
        yield chunk;
      }
    }(), { signal });
    return {
      value,
      write(chunk, encoding, cb) {
        const settle = resolve;
        resolve = null;
        settle({ chunk, done: false, cb });
      },
      final(cb) {
        const settle = resolve;
        resolve = null;
        settle({ done: true, cb });
      },
      destroy(err, cb) {
        internals.signalAbort(signal);
        cb(err);
      },
    };
  }

  function fromPair(pair) {
    const r = pair.readable && typeof pair.readable.read !== 'function' ? Readable.wrap(pair.readable) : pair.readable;
    const w = pair.writable;
    let readable = !!isReadable(r);
    let writable = !!isWritable(w);
    let ondrain;
    let onfinish;
    let onreadable;
    let onclose;
    let d;
    function onfinished(err) {
      const cb = onclose;
      onclose = null;
      if (cb) cb(err);
      else if (err) d.destroy(err);
    }
    d = new Duplexify({
      readableObjectMode: !!(r && r.readableObjectMode),
      writableObjectMode: !!(w && w.writableObjectMode),
      readable,
      writable,
    });
    if (writable) {
      eos(w, (err) => {
        writable = false;
        if (err) destroyer(r, err);
        onfinished(err);
      });
      d._write = function (chunk, encoding, callback) {
        if (w.write(chunk, encoding)) callback();
        else ondrain = callback;
      };
      d._final = function (callback) {
        w.end();
        onfinish = callback;
      };
      w.on('drain', () => {
        if (ondrain) {
          const cb = ondrain;
          ondrain = null;
          cb();
        }
      });
      w.on('finish', () => {
        if (onfinish) {
          const cb = onfinish;
          onfinish = null;
          cb();
        }
      });
    }
    if (readable) {
      eos(r, (err) => {
        readable = false;
        if (err) destroyer(r, err);
        onfinished(err);
      });
      r.on('readable', () => {
        if (onreadable) {
          const cb = onreadable;
          onreadable = null;
          cb();
        }
      });
      r.on('end', () => { d.push(null); });
      d._read = function () {
        while (true) {
          const chunk = r.read();
          if (chunk === null) {
            onreadable = d._read;
            return;
          }
          if (!d.push(chunk)) return;
        }
      };
    }
    d._destroy = function (err, callback) {
      if (!err && onclose !== null) err = new AbortError();
      onreadable = null;
      ondrain = null;
      onfinish = null;
      if (onclose === null) {
        callback(err);
      } else {
        onclose = callback;
        destroyer(w, err);
        destroyer(r, err);
      }
    };
    return d;
  }

  return duplexify;
});
