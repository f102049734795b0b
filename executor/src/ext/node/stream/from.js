// `internal/streams/from`: `Readable.from(iterable, options)`, a Readable (object mode by
// default) that pulls from a sync or async iterable as it is read, awaiting promised values.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { ObjectKeys, PromisePrototypeThen, SymbolAsyncIterator, SymbolIterator } = primordials;
  const { codes: { ERR_INVALID_ARG_TYPE, ERR_STREAM_NULL_VALUES } } = internals.nodeModule('internal/errors');
  const { nextTick, Buffer } = internals.nodeModule('internal/streams/utils');

  function withOptions(base, options) {
    if (options !== undefined && options !== null) {
      const keys = ObjectKeys(options);
      for (let index = 0; index < keys.length; index++) base[keys[index]] = options[keys[index]];
    }
    return base;
  }

  function from(Readable, iterable, options) {
    if (typeof iterable === 'string' || iterable instanceof Buffer()) {
      return new Readable(withOptions({
        objectMode: true,
        read() {
          this.push(iterable);
          this.push(null);
        },
      }, options));
    }
    let isAsync;
    let iterator;
    if (iterable && typeof iterable[SymbolAsyncIterator] === 'function') {
      isAsync = true;
      iterator = iterable[SymbolAsyncIterator]();
    } else if (iterable && typeof iterable[SymbolIterator] === 'function') {
      isAsync = false;
      iterator = iterable[SymbolIterator]();
    } else {
      throw new ERR_INVALID_ARG_TYPE('iterable', ['Iterable'], iterable);
    }

    const readable = new Readable(withOptions({ objectMode: true, highWaterMark: 1 }, options));
    let reading = false;
    readable._read = function () {
      if (!reading) {
        reading = true;
        next();
      }
    };
    readable._destroy = function (error, cb) {
      PromisePrototypeThen(close(error), () => nextTick(cb, error), (failure) => nextTick(cb, failure || error));
    };

    async function close(error) {
      const hadError = error !== undefined && error !== null;
      const hasThrow = typeof iterator.throw === 'function';
      if (hadError && hasThrow) {
        const { value, done } = await iterator.throw(error);
        await value;
        if (done) return;
      }
      if (typeof iterator.return === 'function') {
        const { value } = await iterator.return();
        await value;
      }
    }

    async function next() {
      for (;;) {
        try {
          const { value, done } = isAsync ? await iterator.next() : iterator.next();
          if (done) {
            readable.push(null);
          } else {
            const result = value && typeof value.then === 'function' ? await value : value;
            if (result === null) {
              reading = false;
              throw new ERR_STREAM_NULL_VALUES();
            } else if (readable.push(result)) {
              continue;
            } else {
              reading = false;
            }
          }
        } catch (err) {
          readable.destroy(err);
        }
        break;
      }
    }
    return readable;
  }

  return from;
});
