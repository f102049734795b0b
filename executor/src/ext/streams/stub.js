//# allFunctionsCalledOnLoad
// The Streams Standard's globals (ReadableStream, WritableStream, TransformStream, their
// readers, writers and controllers, and the queuing strategies), loaded on first use.
//
// The implementation (`js/lazy/streams.js`) is large and most sandboxes never touch a
// stream: kept in the startup snapshot it cost every sandbox about a third of a millisecond
// to deserialize. Instead, build.rs compiles it into a code cache, and the first access to
// one of these globals or `internals` functions has the host run it from that cache
// (`internals.lazyUnit`, about as fast as the snapshot). The builtins it uses are captured
// here, before any user code exists, and handed to it.
(function (globalThis, host, internals) {
  'use strict';

  const FunctionPrototypeCall = Function.prototype.call;
  const ReflectApply = Reflect.apply;
  const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
  const FunctionPrototypeBind = Function.prototype.bind;
  // (Also used when the implementation loads, after user code ran: only captured builtins.)
  const uncurryThis = (fn) => ReflectApply(FunctionPrototypeBind, FunctionPrototypeCall, [fn]);
  const getter = (object, name) => uncurryThis(ReflectGetOwnPropertyDescriptor(object, name).get);
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);

  // The constructor of each kind of typed array, by its Symbol.toStringTag.
  const typedArrays = { __proto__: null };
  for (const constructor of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
    Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array]) {
    typedArrays[constructor.name] = constructor;
  }
  if (typeof globalThis.Float16Array === 'function') typedArrays.Float16Array = globalThis.Float16Array;

  // internals.webClass for classes whose members are all written in the class body (so
  // already not enumerable): only the Symbol.toStringTag, with a builtin captured now.
  const SymbolToStringTag = Symbol.toStringTag;
  function webClass(constructor, tag = undefined) {
    ObjectDefineProperty(constructor.prototype, SymbolToStringTag, { value: tag || constructor.name, configurable: true });
    return constructor;
  }

  const builtins = {
    DOMException: internals.DOMException,
    defineGlobal: internals.defineLazyGlobal,
    hostStructuredClone: host.structuredClone,
    ReflectApply,
    ObjectDefineProperty,
    ObjectSetPrototypeOf: Object.setPrototypeOf,
    NumberIsNaN: Number.isNaN,
    NumberIsFinite: Number.isFinite,
    MathTrunc: Math.trunc,
    MathMin: Math.min,
    SymbolAsyncIterator: Symbol.asyncIterator,
    SymbolIterator: Symbol.iterator,
    SymbolCtor: Symbol,
    promiseThen: uncurryThis(Promise.prototype.then),
    PromiseResolve: Promise.resolve.bind(Promise),
    PromiseReject: Promise.reject.bind(Promise),
    PromiseWithResolvers: Promise.withResolvers.bind(Promise),
    ArrayBufferCtor: ArrayBuffer,
    ArrayBufferIsView: ArrayBuffer.isView,
    Uint8Array,
    DataView,
    arrayBufferSlice: uncurryThis(ArrayBuffer.prototype.slice),
    arrayBufferTransfer: uncurryThis(ArrayBuffer.prototype.transfer),
    arrayBufferDetached: getter(ArrayBuffer.prototype, 'detached'),
    arrayBufferByteLength: getter(ArrayBuffer.prototype, 'byteLength'),
    typedArrayTag: getter(TypedArrayPrototype, Symbol.toStringTag),
    typedArrayBuffer: getter(TypedArrayPrototype, 'buffer'),
    typedArrayByteOffset: getter(TypedArrayPrototype, 'byteOffset'),
    typedArrayByteLength: getter(TypedArrayPrototype, 'byteLength'),
    typedArrayLength: getter(TypedArrayPrototype, 'length'),
    typedArraySet: uncurryThis(TypedArrayPrototype.set),
    dataViewBuffer: getter(DataView.prototype, 'buffer'),
    dataViewByteOffset: getter(DataView.prototype, 'byteOffset'),
    dataViewByteLength: getter(DataView.prototype, 'byteLength'),
    AsyncIteratorPrototype: ObjectGetPrototypeOf(ObjectGetPrototypeOf(async function* () {}).prototype),
    typedArrays,
    webClass,
  };

  const loadEvents = internals.loadEvents;
  const load = internals.lazyUnit(['streams/streams.js'], () => {
    // Abort signals come from the events unit, loaded first.
    loadEvents();
    const AbortSignalPrototype = internals.AbortSignal.prototype;
    builtins.addAbortAlgorithm = internals.addAbortAlgorithm;
    builtins.createAbortSignal = internals.createAbortSignal;
    builtins.signalAbort = internals.signalAbort;
    builtins.abortSignalAborted = getter(AbortSignalPrototype, 'aborted');
    builtins.abortSignalReason = getter(AbortSignalPrototype, 'reason');
  }, builtins);

  for (const name of ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
    'ReadableStreamBYOBRequest', 'ReadableStreamDefaultController', 'ReadableByteStreamController',
    'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController',
    'TransformStream', 'TransformStreamDefaultController', 'ByteLengthQueuingStrategy',
    'CountQueuingStrategy']) {
    internals.lazyGlobal(name, load);
  }

  // What the rest of the runtime uses (see the end of `js/lazy/streams.js`).
  internals.lazyFunctions(['isReadableStream', 'isWritableStream', 'isReadableStreamLocked',
    'isReadableStreamDisturbed', 'readableStreamIsDisturbed', 'readableStreamCancel',
    'readableStreamTee', 'readableStreamFromChunks', 'createByteStream', 'readAllBytes',
    'getStreamReader', 'pipeTo', 'createTransformStream', 'transformStreamParts'], load);
});
