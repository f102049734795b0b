// `node:stream/promises`: `pipeline` and `finished`, returning promises.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { ArrayPrototypePop, Promise } = primordials;
  const { isIterable, isNodeStream, isWebStream } = internals.nodeModule('internal/streams/utils');
  const { pipelineImpl } = internals.nodeModule('internal/streams/pipeline');
  const { finished } = internals.nodeModule('internal/streams/end-of-stream');

  function pipeline(...streams) {
    return new Promise((resolve, reject) => {
      let signal;
      let end;
      const lastArg = streams[streams.length - 1];
      if (lastArg && typeof lastArg === 'object' && !isNodeStream(lastArg) && !isIterable(lastArg) &&
        !isWebStream(lastArg)) {
        const options = ArrayPrototypePop(streams);
        signal = options.signal;
        end = options.end;
      }
      pipelineImpl(streams, (err, value) => {
        if (err) reject(err);
        else resolve(value);
      }, { signal, end });
    });
  }

  // workerd exports the pair also as `promises`.
  return { finished, pipeline, promises: { finished, pipeline } };
});
