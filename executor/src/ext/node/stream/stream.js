// `node:stream`, as workerd has it with `nodejs_compat`: the module's value is the legacy
// `Stream` class, carrying the stream classes and helpers as workerd lists them.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, ObjectDefineProperty, TypedArrayPrototypeGetBuffer,
    TypedArrayPrototypeGetByteLength, TypedArrayPrototypeGetByteOffset, ReflectOwnKeys,
  } = primordials;
  // Object.defineProperties, one key at a time with the original defineProperty.
  function ObjectDefineProperties(object, descriptors) {
    const keys = ReflectOwnKeys(descriptors);
    for (let index = 0; index < keys.length; index++) ObjectDefineProperty(object, keys[index], descriptors[keys[index]]);
    return object;
  }
  const { Stream } = internals.nodeModule('internal/streams/legacy');
  const utils = internals.nodeModule('internal/streams/utils');
  const destroyImpl = internals.nodeModule('internal/streams/destroy');
  const eos = internals.nodeModule('internal/streams/end-of-stream');
  const { addAbortSignal } = internals.nodeModule('internal/streams/add-abort-signal');
  const { pipeline } = internals.nodeModule('internal/streams/pipeline');
  const Readable = internals.nodeModule('internal/streams/readable');
  const Writable = internals.nodeModule('internal/streams/writable');
  const Duplex = internals.nodeModule('internal/streams/duplex');
  const { Transform, PassThrough } = internals.nodeModule('internal/streams/transform');

  function data(value) {
    return { __proto__: null, value, writable: true, enumerable: true, configurable: true };
  }
  function uint8ArrayToBuffer(chunk) {
    return utils.Buffer().from(TypedArrayPrototypeGetBuffer(chunk), TypedArrayPrototypeGetByteOffset(chunk),
      TypedArrayPrototypeGetByteLength(chunk));
  }
  function compose(...streams) {
    return internals.nodeModule('internal/streams/compose')(streams);
  }
  function duplexPair(options) {
    return internals.nodeModule('internal/streams/duplexpair')(options);
  }

  ObjectDefineProperties(Stream, {
    Stream: data(Stream),
    _isUint8Array: data(utils.isUint8Array),
    _isArrayBufferView: data(ArrayBufferIsView),
    _uint8ArrayToBuffer: data(uint8ArrayToBuffer),
    addAbortSignal: data(addAbortSignal),
    compose: data(compose),
    destroy: data(destroyImpl.destroyer),
    finished: data(eos),
    isReadable: data(utils.isReadable),
    isWritable: data(utils.isWritable),
    isErrored: data(utils.isErrored),
    isDisturbed: data(utils.isDisturbed),
    pipeline: data(pipeline),
    Writable: data(Writable),
    Readable: data(Readable),
    Duplex: data(Duplex),
    Transform: data(Transform),
    PassThrough: data(PassThrough),
  });
  ObjectDefineProperty(Stream, 'promises', {
    __proto__: null,
    enumerable: true,
    configurable: true,
    get() { return internals.nodeModule('stream/promises'); },
  });
  ObjectDefineProperties(Stream, {
    getDefaultHighWaterMark: data(utils.getDefaultHighWaterMark),
    setDefaultHighWaterMark: data(utils.setDefaultHighWaterMark),
    isDestroyed: data(utils.isDestroyed),
    duplexPair: data(duplexPair),
  });

  return Stream;
});
