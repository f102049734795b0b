// `internal/streams/duplexpair`: `stream.duplexPair(options)`: two Duplexes, each writing
// into the other's readable side.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { Symbol } = primordials;
  const { nextTick } = internals.nodeModule('internal/streams/utils');
  const Duplex = internals.nodeModule('internal/streams/duplex');
  const kCallback = Symbol('Callback');

  class DuplexSide extends Duplex {
    #otherSide = null;
    initOtherSide(otherSide) { this.#otherSide = otherSide; }
    _read() {
      const callback = this[kCallback];
      if (callback) {
        this[kCallback] = null;
        callback();
      }
    }
    _write(chunk, encoding, callback) {
      if (chunk.length === 0) {
        nextTick(callback);
      } else {
        this.#otherSide.push(chunk);
        this.#otherSide[kCallback] = callback;
      }
    }
    _final(callback) {
      this.#otherSide.on('end', callback);
      this.#otherSide.push(null);
    }
  }

  return function duplexPair(options) {
    const side0 = new DuplexSide(options);
    const side1 = new DuplexSide(options);
    side0.initOtherSide(side1);
    side1.initOtherSide(side0);
    return [side0, side1];
  };
});
