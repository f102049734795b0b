// `internal/streams/duplex`: Duplex, a Readable that is also a Writable (it has both states
// and Writable's methods), ending its writable side when the readable one ends unless
// `allowHalfOpen`.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ObjectGetOwnPropertyDescriptor, ObjectKeys, ObjectSetPrototypeOf, ReflectApply, ObjectDefineProperty, ReflectOwnKeys,
  } = primordials;
  // Object.defineProperties, one key at a time with the original defineProperty.
  function ObjectDefineProperties(object, descriptors) {
    const keys = ReflectOwnKeys(descriptors);
    for (let index = 0; index < keys.length; index++) ObjectDefineProperty(object, keys[index], descriptors[keys[index]]);
    return object;
  }
  const Readable = internals.nodeModule('internal/streams/readable');
  const Writable = internals.nodeModule('internal/streams/writable');

  function Duplex(options) {
    if (!(this instanceof Duplex)) return new Duplex(options);
    ReflectApply(Readable, this, [options]);
    ReflectApply(Writable, this, [options]);
    if (options) {
      this.allowHalfOpen = options.allowHalfOpen !== false;
      if (options.readable === false) {
        this._readableState.readable = false;
        this._readableState.ended = true;
        this._readableState.endEmitted = true;
      }
      if (options.writable === false) {
        this._writableState.writable = false;
        this._writableState.ending = true;
        this._writableState.ended = true;
        this._writableState.finished = true;
      }
    } else {
      this.allowHalfOpen = true;
    }
  }
  ObjectSetPrototypeOf(Duplex.prototype, Readable.prototype);
  ObjectSetPrototypeOf(Duplex, Readable);

  const keys = ObjectKeys(Writable.prototype);
  for (let index = 0; index < keys.length; index++) {
    const method = keys[index];
    if (!Duplex.prototype[method]) Duplex.prototype[method] = Writable.prototype[method];
  }
  Duplex.prototype.destroy = Writable.prototype.destroy;

  function writableProperty(name) {
    const descriptor = ObjectGetOwnPropertyDescriptor(Writable.prototype, name);
    descriptor.__proto__ = null;
    return descriptor;
  }
  ObjectDefineProperties(Duplex.prototype, {
    writable: writableProperty('writable'),
    writableHighWaterMark: writableProperty('writableHighWaterMark'),
    writableObjectMode: writableProperty('writableObjectMode'),
    writableBuffer: writableProperty('writableBuffer'),
    writableLength: writableProperty('writableLength'),
    writableFinished: writableProperty('writableFinished'),
    writableCorked: writableProperty('writableCorked'),
    writableEnded: writableProperty('writableEnded'),
    writableNeedDrain: writableProperty('writableNeedDrain'),
    destroyed: {
      __proto__: null,
      enumerable: false,
      configurable: true,
      get() {
        if (this._readableState === undefined || this._writableState === undefined) return false;
        return this._readableState.destroyed && this._writableState.destroyed;
      },
      set(value) {
        if (this._readableState && this._writableState) {
          this._readableState.destroyed = value;
          this._writableState.destroyed = value;
        }
      },
    },
  });

  Duplex.fromWeb = function (pair, options) {
    return internals.nodeModule('internal/streams/web').newStreamDuplexFromReadableWritablePair(pair, options);
  };
  Duplex.toWeb = function (duplex) {
    return internals.nodeModule('internal/streams/web').newReadableWritablePairFromDuplex(duplex);
  };
  Duplex.from = function (body) {
    return internals.nodeModule('internal/streams/duplexify')(body, 'body');
  };

  return Duplex;
});
