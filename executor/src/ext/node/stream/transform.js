// `internal/streams/transform`: Transform (a Duplex whose written chunks go through
// `_transform` to its readable side, `_flush` at the end) and PassThrough.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { ObjectKeys, ObjectSetPrototypeOf, ReflectApply, Symbol } = primordials;
  const { codes: { ERR_METHOD_NOT_IMPLEMENTED } } = internals.nodeModule('internal/errors');
  const Duplex = internals.nodeModule('internal/streams/duplex');
  const { getHighWaterMark } = internals.nodeModule('internal/streams/utils');

  const kCallback = Symbol('kCallback');

  function Transform(options) {
    if (!(this instanceof Transform)) return new Transform(options);
    const readableHighWaterMark = options ? getHighWaterMark(this, options, 'readableHighWaterMark', true) : null;
    if (readableHighWaterMark === 0) {
      // A readable side of no buffer would stop the transform before its first chunk.
      const copy = { __proto__: null };
      const keys = ObjectKeys(options);
      for (let index = 0; index < keys.length; index++) copy[keys[index]] = options[keys[index]];
      copy.highWaterMark = null;
      copy.readableHighWaterMark = readableHighWaterMark;
      copy.writableHighWaterMark = options.writableHighWaterMark || 0;
      options = copy;
    }
    ReflectApply(Duplex, this, [options]);
    this._readableState.sync = false;
    this[kCallback] = null;
    if (options) {
      if (typeof options.transform === 'function') this._transform = options.transform;
      if (typeof options.flush === 'function') this._flush = options.flush;
    }
    this.on('prefinish', prefinish);
  }
  ObjectSetPrototypeOf(Transform.prototype, Duplex.prototype);
  ObjectSetPrototypeOf(Transform, Duplex);

  function final(cb) {
    if (typeof this._flush === 'function' && !this.destroyed) {
      this._flush((er, data) => {
        if (er) {
          if (cb) cb(er);
          else this.destroy(er);
          return;
        }
        if (data !== undefined && data !== null) this.push(data);
        this.push(null);
        if (cb) cb();
      });
    } else {
      this.push(null);
      if (cb) cb();
    }
  }
  function prefinish() {
    if (this._final !== final) ReflectApply(final, this, []);
  }
  Transform.prototype._final = final;

  Transform.prototype._transform = function (chunk, encoding, callback) {
    throw new ERR_METHOD_NOT_IMPLEMENTED('_transform()');
  };

  Transform.prototype._write = function (chunk, encoding, callback) {
    const rState = this._readableState;
    const wState = this._writableState;
    const length = rState.length;
    this._transform(chunk, encoding, (err, val) => {
      if (err) {
        callback(err);
        return;
      }
      if (val !== undefined && val !== null) this.push(val);
      if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) {
        callback();
      } else {
        this[kCallback] = callback;
      }
    });
  };

  Transform.prototype._read = function () {
    if (this[kCallback]) {
      const callback = this[kCallback];
      this[kCallback] = null;
      callback();
    }
  };

  function PassThrough(options) {
    if (!(this instanceof PassThrough)) return new PassThrough(options);
    ReflectApply(Transform, this, [options]);
  }
  ObjectSetPrototypeOf(PassThrough.prototype, Transform.prototype);
  ObjectSetPrototypeOf(PassThrough, Transform);
  PassThrough.prototype._transform = function (chunk, encoding, callback) {
    callback(null, chunk);
  };

  return { Transform, PassThrough };
});
