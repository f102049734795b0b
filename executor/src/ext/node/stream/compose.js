// `internal/streams/compose`: `stream.compose(...streams)`: one Duplex that writes into the
// first stream and reads from the last, the streams piped together by `pipeline`.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { PromisePrototypeThen } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const { AbortError } = errors;
  const { ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS } = errors.codes;
  const {
    isNodeStream, isReadable, isWritable, isWebStream, isReadableStream, isWritableStream, isTransformStream,
  } = internals.nodeModule('internal/streams/utils');
  const { destroyer } = internals.nodeModule('internal/streams/destroy');
  const eos = internals.nodeModule('internal/streams/end-of-stream');
  const { pipeline } = internals.nodeModule('internal/streams/pipeline');
  const Duplex = internals.nodeModule('internal/streams/duplex');

  function nop() {}

  function compose(streams) {
    if (streams.length === 0) throw new ERR_MISSING_ARGS('streams');
    if (streams.length === 1) return Duplex.from(streams[0]);
    const original = [];
    for (let index = 0; index < streams.length; index++) original[index] = streams[index];
    if (typeof streams[0] === 'function') streams[0] = Duplex.from(streams[0]);
    if (typeof streams[streams.length - 1] === 'function') {
      streams[streams.length - 1] = Duplex.from(streams[streams.length - 1]);
    }
    for (let n = 0; n < streams.length; ++n) {
      if (!isNodeStream(streams[n]) && !isWebStream(streams[n])) continue;
      if (n < streams.length - 1 &&
        !(isReadable(streams[n]) || isReadableStream(streams[n]) || isTransformStream(streams[n]))) {
        throw new ERR_INVALID_ARG_VALUE(`streams[${n}]`, original[n], 'must be readable');
      }
      if (n > 0 && !(isWritable(streams[n]) || isWritableStream(streams[n]) || isTransformStream(streams[n]))) {
        throw new ERR_INVALID_ARG_VALUE(`streams[${n}]`, original[n], 'must be writable');
      }
    }

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
      else if (!readable && !writable) d.destroy();
    }

    const head = streams[0];
    const tail = pipeline(streams, onfinished);
    const writable = !!(isWritable(head) || isWritableStream(head) || isTransformStream(head));
    const readable = !!(isReadable(tail) || isReadableStream(tail) || isTransformStream(tail));

    d = new Duplex({
      writableObjectMode: !!(head && head.writableObjectMode),
      readableObjectMode: !!(tail && tail.readableObjectMode),
      writable,
      readable,
    });

    if (writable) {
      if (isNodeStream(head)) {
        d._write = function (chunk, encoding, callback) {
          if (head.write(chunk, encoding)) callback();
          else ondrain = callback;
        };
        d._final = function (callback) {
          head.end();
          onfinish = callback;
        };
        head.on('drain', () => {
          if (ondrain) {
            const cb = ondrain;
            ondrain = null;
            cb();
          }
        });
      } else {
        const writer = (isTransformStream(head) ? head.writable : head).getWriter();
        d._write = async function (chunk, encoding, callback) {
          try {
            await writer.ready;
            PromisePrototypeThen(writer.write(chunk), undefined, nop);
            callback();
          } catch (err) {
            callback(err);
          }
        };
        d._final = async function (callback) {
          try {
            await writer.ready;
            PromisePrototypeThen(writer.close(), undefined, nop);
            onfinish = callback;
          } catch (err) {
            callback(err);
          }
        };
      }
      const finishWhenDone = () => {
        if (onfinish) {
          const cb = onfinish;
          onfinish = null;
          cb();
        }
      };
      if (isNodeStream(tail)) eos(tail, finishWhenDone);
      else d.once('end', finishWhenDone);
    }

    if (readable) {
      if (isNodeStream(tail)) {
        tail.on('readable', () => {
          if (onreadable) {
            const cb = onreadable;
            onreadable = null;
            cb();
          }
        });
        tail.on('end', () => { d.push(null); });
        d._read = function () {
          while (true) {
            const chunk = tail.read();
            if (chunk === null) {
              onreadable = d._read;
              return;
            }
            if (!d.push(chunk)) return;
          }
        };
      } else {
        const reader = (isTransformStream(tail) ? tail.readable : tail).getReader();
        d._read = async function () {
          while (true) {
            try {
              const { value, done } = await reader.read();
              if (done) {
                d.push(null);
                return;
              }
              if (!d.push(value)) return;
            } catch {
              return;
            }
          }
        };
      }
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
        if (isNodeStream(tail)) destroyer(tail, err);
      }
    };
    return d;
  }

  return compose;
});
