//# allFunctionsCalledOnLoad
// Loaded on first use by `streams/stub.js`, which defines the globals; abort signals come
// from the events unit, loaded first.
//
// ReadableStream (default and byte streams, BYOB readers, tee, async iteration, from,
// pipeTo, pipeThrough), WritableStream, TransformStream and the queuing strategies, written
// from the algorithms of the WHATWG Streams Standard (https://streams.spec.whatwg.org).
//
// Each public object holds one private field: a plain record with the standard's internal
// slots (`[[state]]`, `[[queue]]`, ...). The abstract operations below work on records only,
// so user code can neither see nor reach them, and monkey-patching the public prototypes
// cannot change how the runtime itself (pipeTo, tee, Response bodies) moves data.
//
// Promise hygiene: a run fails on an unhandled rejection, so every promise the standard marks
// as handled (a reader's or writer's `closed` and `ready`, the result of pipeThrough) gets a
// no-op rejection handler, and internal reactions always pass both handlers.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ReflectApply, ObjectDefineProperty, ObjectGetOwnPropertyDescriptor, ObjectSetPrototypeOf, NumberIsNaN,
    NumberIsFinite, MathTrunc, MathMin, SymbolAsyncIterator, SymbolIterator, SymbolToStringTag, Symbol: SymbolCtor,
    PromisePrototypeThen: promiseThen, PromiseResolve, PromiseReject, PromiseWithResolvers,
    ArrayBuffer: ArrayBufferCtor, ArrayBufferIsView, Uint8Array, DataView, TypeError, RangeError,
    ArrayBufferPrototypeSlice: arrayBufferSlice, ArrayBufferPrototypeTransfer: arrayBufferTransfer,
    ArrayBufferPrototypeGetDetached: arrayBufferDetached, ArrayBufferPrototypeGetByteLength: arrayBufferByteLength,
    TypedArrayPrototypeGetSymbolToStringTag: typedArrayTag, TypedArrayPrototypeGetBuffer: typedArrayBuffer,
    TypedArrayPrototypeGetByteOffset: typedArrayByteOffset, TypedArrayPrototypeGetByteLength: typedArrayByteLength,
    TypedArrayPrototypeGetLength: typedArrayLength, TypedArrayPrototypeSet: typedArraySet,
    DataViewPrototypeGetBuffer: dataViewBuffer, DataViewPrototypeGetByteOffset: dataViewByteOffset,
    DataViewPrototypeGetByteLength: dataViewByteLength, AsyncIteratorPrototype, uncurryThis,
  } = primordials;
  const { DOMException, addAbortAlgorithm, createAbortSignal, signalAbort } = internals;
  const hostStructuredClone = host.structuredClone;
  const defineGlobal = internals.defineLazyGlobal;
  const AbortSignalPrototype = internals.AbortSignal.prototype;
  const abortSignalAborted = uncurryThis(ObjectGetOwnPropertyDescriptor(AbortSignalPrototype, 'aborted').get);
  const abortSignalReason = uncurryThis(ObjectGetOwnPropertyDescriptor(AbortSignalPrototype, 'reason').get);

  // The constructor of each kind of typed array, by its Symbol.toStringTag.
  const typedArrays = {
    __proto__: null,
    Int8Array: primordials.Int8Array,
    Uint8Array,
    Uint8ClampedArray: primordials.Uint8ClampedArray,
    Int16Array: primordials.Int16Array,
    Uint16Array: primordials.Uint16Array,
    Int32Array: primordials.Int32Array,
    Uint32Array: primordials.Uint32Array,
    Float16Array: primordials.Float16Array,
    Float32Array: primordials.Float32Array,
    Float64Array: primordials.Float64Array,
    BigInt64Array: primordials.BigInt64Array,
    BigUint64Array: primordials.BigUint64Array,
  };

  // internals.webClass for classes whose members are all written in the class body (so
  // already not enumerable): only the Symbol.toStringTag.
  function webClass(constructor, tag = undefined) {
    ObjectDefineProperty(constructor.prototype, SymbolToStringTag, {
      __proto__: null, value: tag || constructor.name, configurable: true,
    });
    return constructor;
  }

  // Passed to the constructors that user code must not call, and to make public objects
  // around records.
  const INTERNAL = SymbolCtor('internal');

  const noop = () => {};
  const returnUndefined = () => undefined;
  const resolvedUndefined = () => PromiseResolve(undefined);

  function illegalInvocation() {
    return new TypeError('Illegal invocation');
  }
  function illegalConstructor() {
    return new TypeError('Illegal constructor');
  }

  // ---- Promises -------------------------------------------------------------------------

  function markHandled(promise) {
    promiseThen(promise, undefined, noop);
  }
  function rejectedHandled(reason) {
    const promise = PromiseReject(reason);
    markHandled(promise);
    return promise;
  }
  // "Upon fulfillment / rejection": a reaction whose own promise nobody uses.
  function upon(promise, onFulfilled, onRejected = noop) {
    promiseThen(promise, onFulfilled, onRejected);
  }
  // A promise and its resolving functions, with its state ("pending" or not).
  function deferred() {
    const { promise, resolve, reject } = PromiseWithResolvers();
    return { promise, resolve, reject, pending: true };
  }
  // A deferred whose rejection is handled: the `closed` and `ready` promises of readers and
  // writers, which the standard marks as handled whenever it rejects them.
  function handledDeferred() {
    const record = deferred();
    markHandled(record.promise);
    return record;
  }
  function settledDeferred(promise) {
    return { promise, resolve: noop, reject: noop, pending: false };
  }
  function resolveDeferred(record, value) {
    if (record.pending) {
      record.pending = false;
      record.resolve(value);
    }
  }
  function rejectDeferred(record, reason) {
    if (record.pending) {
      record.pending = false;
      record.reject(reason);
    }
  }
  // Calls a user callback that returns a promise (Web IDL "invoke" of a Promise-returning
  // callback): a throw becomes a rejection.
  function promiseCall(fn, thisArg, args) {
    try {
      return PromiseResolve(ReflectApply(fn, thisArg, args));
    } catch (error) {
      return PromiseReject(error);
    }
  }

  // ---- A FIFO queue without Array.prototype (which user code may replace) ---------------

  class Queue {
    constructor() {
      this.items = [];
      this.head = 0;
      this.size = 0;
    }
    push(item) {
      this.items[this.head + this.size] = item;
      this.size++;
    }
    peek() {
      return this.items[this.head];
    }
    shift() {
      const item = this.items[this.head];
      this.items[this.head] = undefined;
      this.size--;
      if (this.size === 0) {
        this.items = [];
        this.head = 0;
      } else if (++this.head > 1024 && this.head > this.size) {
        const items = [];
        for (let index = 0; index < this.size; index++) items[index] = this.items[this.head + index];
        this.items = items;
        this.head = 0;
      }
      return item;
    }
  }

  // ---- Web IDL conversions ----------------------------------------------------------------

  function isObject(value) {
    return value !== null && (typeof value === 'object' || typeof value === 'function');
  }
  // A dictionary argument: undefined and null are empty, other non-objects a TypeError.
  function dictionary(value, what) {
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) throw new TypeError(`${what} is not an object`);
    return value;
  }
  function optionalCallback(value, what) {
    if (value === undefined) return undefined;
    if (typeof value !== 'function') throw new TypeError(`${what} is not a function`);
    return value;
  }
  // [EnforceRange] unsigned long long.
  function enforceRange(value, what) {
    const number = +value;
    if (!NumberIsFinite(number)) throw new TypeError(`${what} is not a finite number`);
    const integer = MathTrunc(number);
    if (integer < 0 || integer > 9007199254740991) {
      throw new TypeError(`${what} is outside the accepted range of 0 to ${9007199254740991}`);
    }
    return integer + 0;
  }
  // A QueuingStrategy dictionary, converted in the order Web IDL does.
  function queuingStrategy(value, what) {
    const strategy = dictionary(value, what);
    if (strategy === undefined) return { highWaterMark: undefined, size: undefined };
    let highWaterMark = strategy.highWaterMark;
    if (highWaterMark !== undefined) highWaterMark = +highWaterMark;
    const size = optionalCallback(strategy.size, `${what}: size`);
    return { highWaterMark, size };
  }
  function extractHighWaterMark(highWaterMark, defaultValue) {
    if (highWaterMark === undefined) return defaultValue;
    if (NumberIsNaN(highWaterMark) || highWaterMark < 0) {
      throw new RangeError(`Invalid highWaterMark: ${highWaterMark} (it must be a non-negative number)`);
    }
    return highWaterMark;
  }
  const sizeOne = () => 1;
  function extractSizeAlgorithm(size) {
    if (size === undefined) return sizeOne;
    return (chunk) => ReflectApply(size, undefined, [chunk]);
  }

  // ---- ArrayBuffers and views -------------------------------------------------------------

  function isDetached(buffer) {
    try {
      return arrayBufferDetached(buffer);
    } catch {
      return false; // a SharedArrayBuffer is never detached
    }
  }
  function bufferByteLength(buffer) {
    try {
      return arrayBufferByteLength(buffer);
    } catch {
      return typedArrayLength(new Uint8Array(buffer)); // a SharedArrayBuffer
    }
  }
  // TransferArrayBuffer: the same memory in a new ArrayBuffer; the old one is detached.
  // A SharedArrayBuffer or WebAssembly memory cannot be transferred: a TypeError.
  function transferArrayBuffer(buffer) {
    try {
      return arrayBufferTransfer(buffer);
    } catch {
      throw new TypeError('The chunk\'s buffer cannot be transferred (it is detached, shared or WebAssembly memory)');
    }
  }
  // The parts of an ArrayBufferView: {buffer, byteOffset, byteLength, elementSize, viewConstructor}.
  function viewParts(view) {
    const tag = typedArrayTag(view);
    if (tag !== undefined) {
      const constructor = typedArrays[tag];
      return {
        buffer: typedArrayBuffer(view), byteOffset: typedArrayByteOffset(view), byteLength: typedArrayByteLength(view),
        elementSize: constructor.BYTES_PER_ELEMENT, viewConstructor: constructor,
      };
    }
    return {
      buffer: dataViewBuffer(view), byteOffset: dataViewByteOffset(view), byteLength: dataViewByteLength(view),
      elementSize: 1, viewConstructor: DataView,
    };
  }
  function isUint8Array(value) {
    return typedArrayTag(value) === 'Uint8Array';
  }
  function copyBytes(target, targetOffset, source, sourceOffset, length) {
    typedArraySet(new Uint8Array(target, targetOffset, length), new Uint8Array(source, sourceOffset, length));
  }
  function cloneAsUint8Array(view) {
    const { buffer, byteOffset, byteLength } = viewParts(view);
    return new Uint8Array(arrayBufferSlice(buffer, byteOffset, byteOffset + byteLength));
  }

  // ---- Queue-with-sizes (default controllers and writable controllers) ------------------

  function resetQueue(container) {
    container.queue = new Queue();
    container.queueTotalSize = 0;
  }
  function enqueueValueWithSize(container, value, size) {
    if (typeof size !== 'number' || NumberIsNaN(size) || size < 0 || size === Infinity) {
      throw new RangeError(`The chunk size must be a finite, non-negative number; the size function returned ${typeof size === 'number' ? size : typeof size}`);
    }
    container.queue.push({ value, size });
    container.queueTotalSize += size;
  }
  function dequeueValue(container) {
    const pair = container.queue.shift();
    container.queueTotalSize -= pair.size;
    if (container.queueTotalSize < 0) container.queueTotalSize = 0; // rounding errors
    return pair.value;
  }

  // =========================================================================================
  // ReadableStream
  // =========================================================================================

  // Records: a stream {object, state, reader, storedError, disturbed, controller}; a reader
  // {object, stream, closed, requests, isBYOB}; a default controller or a byte controller
  // (isByte). A read request has `chunk(value)`, `close()` and `error(e)`; a read-into request
  // the same, with `close(view)`.

  let readableOf; // the record of a ReadableStream object, or undefined
  let readerOf;
  let makeReadableObject;

  function newReadableRecord() {
    return { object: undefined, state: 'readable', reader: undefined, storedError: undefined, disturbed: false, controller: undefined };
  }
  function isLocked(stream) {
    return stream.reader !== undefined;
  }

  // --- Readers ---

  function genericInitialize(reader, stream) {
    reader.stream = stream;
    stream.reader = reader;
    if (stream.state === 'readable') {
      reader.closed = handledDeferred();
    } else if (stream.state === 'closed') {
      reader.closed = settledDeferred(PromiseResolve(undefined));
    } else {
      reader.closed = settledDeferred(rejectedHandled(stream.storedError));
    }
  }
  function genericCancel(reader, reason) {
    return readableStreamCancel(reader.stream, reason);
  }
  function genericRelease(reader) {
    const stream = reader.stream;
    const error = new TypeError('The reader was released, so its stream is no longer locked to it');
    if (stream.state === 'readable') rejectDeferred(reader.closed, error);
    else reader.closed = settledDeferred(rejectedHandled(error));
    if (stream.controller.isByte) byteReleaseSteps(stream.controller);
    stream.reader = undefined;
    reader.stream = undefined;
  }
  function newReaderRecord(stream, isBYOB) {
    if (isLocked(stream)) throw new TypeError('The ReadableStream is locked to a reader; release it with `releaseLock()` first');
    if (isBYOB && !stream.controller.isByte) {
      throw new TypeError('A BYOB reader needs a byte stream (`type: "bytes"`)');
    }
    const reader = { object: undefined, stream: undefined, closed: undefined, requests: new Queue(), isBYOB };
    genericInitialize(reader, stream);
    return reader;
  }
  function acquireDefaultReader(stream) {
    return newReaderRecord(stream, false);
  }
  function errorReadRequests(reader, error) {
    const requests = reader.requests;
    reader.requests = new Queue();
    while (requests.size > 0) requests.shift().error(error);
  }
  function defaultReaderRelease(reader) {
    genericRelease(reader);
    errorReadRequests(reader, new TypeError('The reader was released while a read was pending'));
  }
  function byobReaderRelease(reader) {
    genericRelease(reader);
    errorReadRequests(reader, new TypeError('The reader was released while a read was pending'));
  }
  function readerRelease(reader) {
    if (reader.isBYOB) byobReaderRelease(reader);
    else defaultReaderRelease(reader);
  }
  function defaultReaderRead(reader, readRequest) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === 'closed') readRequest.close();
    else if (stream.state === 'errored') readRequest.error(stream.storedError);
    else if (stream.controller.isByte) bytePullSteps(stream.controller, readRequest);
    else defaultPullSteps(stream.controller, readRequest);
  }
  function byobReaderRead(reader, view, min, readIntoRequest) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === 'errored') readIntoRequest.error(stream.storedError);
    else bytePullInto(stream.controller, view, min, readIntoRequest);
  }

  // The read requests of `reader.read()`: they settle the promise that read() returned.
  class PromiseReadRequest {
    constructor(resolve, reject) {
      this.resolve = resolve;
      this.reject = reject;
    }
    chunk(value) { this.resolve({ value, done: false }); }
    close(value) { this.resolve({ value, done: true }); }
    error(error) { this.reject(error); }
  }
  function readWithPromise(start) {
    const { promise, resolve, reject } = PromiseWithResolvers();
    start(new PromiseReadRequest(resolve, reject));
    return promise;
  }

  // --- The stream ---

  function readableStreamAddReadRequest(stream, readRequest) {
    stream.reader.requests.push(readRequest);
  }
  function numReadRequests(stream) {
    return stream.reader.requests.size;
  }
  function hasDefaultReader(stream) {
    return stream.reader !== undefined && !stream.reader.isBYOB;
  }
  function hasBYOBReader(stream) {
    return stream.reader !== undefined && stream.reader.isBYOB;
  }
  function readableStreamCancel(stream, reason) {
    stream.disturbed = true;
    if (stream.state === 'closed') return PromiseResolve(undefined);
    if (stream.state === 'errored') return PromiseReject(stream.storedError);
    readableStreamClose(stream);
    const reader = stream.reader;
    if (reader !== undefined && reader.isBYOB) {
      const requests = reader.requests;
      reader.requests = new Queue();
      while (requests.size > 0) requests.shift().close(undefined);
    }
    const controller = stream.controller;
    const sourceCancelPromise = controller.isByte ? byteCancelSteps(controller, reason) : defaultCancelSteps(controller, reason);
    return promiseThen(sourceCancelPromise, returnUndefined);
  }
  function readableStreamClose(stream) {
    stream.state = 'closed';
    const reader = stream.reader;
    if (reader === undefined) return;
    resolveDeferred(reader.closed, undefined);
    if (!reader.isBYOB) {
      const requests = reader.requests;
      reader.requests = new Queue();
      while (requests.size > 0) requests.shift().close();
    }
  }
  function readableStreamError(stream, error) {
    stream.state = 'errored';
    stream.storedError = error;
    const reader = stream.reader;
    if (reader === undefined) return;
    rejectDeferred(reader.closed, error);
    errorReadRequests(reader, error);
  }
  function fulfillReadRequest(stream, chunk, done) {
    const readRequest = stream.reader.requests.shift();
    if (done) readRequest.close();
    else readRequest.chunk(chunk);
  }
  function fulfillReadIntoRequest(stream, chunk, done) {
    const readIntoRequest = stream.reader.requests.shift();
    if (done) readIntoRequest.close(chunk);
    else readIntoRequest.chunk(chunk);
  }

  // --- ReadableStreamDefaultController ---

  function newDefaultController() {
    return {
      object: undefined, isByte: false, stream: undefined, queue: undefined, queueTotalSize: 0,
      started: false, closeRequested: false, pullAgain: false, pulling: false,
      strategySizeAlgorithm: undefined, strategyHWM: 0, pullAlgorithm: undefined, cancelAlgorithm: undefined,
    };
  }
  function defaultCallPullIfNeeded(controller) {
    if (!defaultShouldCallPull(controller)) return;
    if (controller.pulling) {
      controller.pullAgain = true;
      return;
    }
    controller.pulling = true;
    upon(controller.pullAlgorithm(), () => {
      controller.pulling = false;
      if (controller.pullAgain) {
        controller.pullAgain = false;
        defaultCallPullIfNeeded(controller);
      }
    }, (error) => defaultControllerError(controller, error));
  }
  function defaultShouldCallPull(controller) {
    if (!defaultCanCloseOrEnqueue(controller) || !controller.started) return false;
    const stream = controller.stream;
    if (isLocked(stream) && numReadRequests(stream) > 0) return true;
    return defaultDesiredSize(controller) > 0;
  }
  function defaultClearAlgorithms(controller) {
    controller.pullAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
    controller.strategySizeAlgorithm = undefined;
  }
  function defaultControllerClose(controller) {
    if (!defaultCanCloseOrEnqueue(controller)) return;
    controller.closeRequested = true;
    if (controller.queue.size === 0) {
      defaultClearAlgorithms(controller);
      readableStreamClose(controller.stream);
    }
  }
  function defaultControllerEnqueue(controller, chunk) {
    if (!defaultCanCloseOrEnqueue(controller)) return;
    const stream = controller.stream;
    if (isLocked(stream) && numReadRequests(stream) > 0) {
      fulfillReadRequest(stream, chunk, false);
    } else {
      let chunkSize;
      try {
        chunkSize = controller.strategySizeAlgorithm(chunk);
        enqueueValueWithSize(controller, chunk, chunkSize);
      } catch (error) {
        defaultControllerError(controller, error);
        throw error;
      }
    }
    defaultCallPullIfNeeded(controller);
  }
  function defaultControllerError(controller, error) {
    const stream = controller.stream;
    if (stream.state !== 'readable') return;
    resetQueue(controller);
    defaultClearAlgorithms(controller);
    readableStreamError(stream, error);
  }
  function defaultDesiredSize(controller) {
    const state = controller.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return controller.strategyHWM - controller.queueTotalSize;
  }
  function defaultHasBackpressure(controller) {
    return !defaultShouldCallPull(controller);
  }
  function defaultCanCloseOrEnqueue(controller) {
    return !controller.closeRequested && controller.stream.state === 'readable';
  }
  function defaultCancelSteps(controller, reason) {
    resetQueue(controller);
    const cancelAlgorithm = controller.cancelAlgorithm;
    defaultClearAlgorithms(controller);
    return cancelAlgorithm === undefined ? PromiseResolve(undefined) : cancelAlgorithm(reason);
  }
  function defaultPullSteps(controller, readRequest) {
    const stream = controller.stream;
    if (controller.queue.size > 0) {
      const chunk = dequeueValue(controller);
      if (controller.closeRequested && controller.queue.size === 0) {
        defaultClearAlgorithms(controller);
        readableStreamClose(stream);
      } else {
        defaultCallPullIfNeeded(controller);
      }
      readRequest.chunk(chunk);
    } else {
      readableStreamAddReadRequest(stream, readRequest);
      defaultCallPullIfNeeded(controller);
    }
  }
  function setUpDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm) {
    controller.stream = stream;
    resetQueue(controller);
    controller.strategySizeAlgorithm = sizeAlgorithm;
    controller.strategyHWM = highWaterMark;
    controller.pullAlgorithm = pullAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
    stream.controller = controller;
    const startResult = startAlgorithm();
    upon(PromiseResolve(startResult), () => {
      controller.started = true;
      defaultCallPullIfNeeded(controller);
    }, (error) => defaultControllerError(controller, error));
  }
  function setUpDefaultControllerFromSource(stream, source, dict, highWaterMark, sizeAlgorithm) {
    const controller = newDefaultController();
    controller.object = new ReadableStreamDefaultController(INTERNAL, controller);
    const { start, pull, cancel } = dict;
    const startAlgorithm = start === undefined ? returnUndefined : () => ReflectApply(start, source, [controller.object]);
    const pullAlgorithm = pull === undefined ? resolvedUndefined : () => promiseCall(pull, source, [controller.object]);
    const cancelAlgorithm = cancel === undefined ? resolvedUndefined : (reason) => promiseCall(cancel, source, [reason]);
    setUpDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
  }
  // CreateReadableStream.
  function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1, sizeAlgorithm = sizeOne) {
    const stream = newReadableRecord();
    makeReadableObject(stream);
    const controller = newDefaultController();
    setUpDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
    return stream;
  }

  // --- ReadableByteStreamController ---

  function newByteController() {
    return {
      object: undefined, isByte: true, stream: undefined, queue: undefined, queueTotalSize: 0,
      started: false, closeRequested: false, pullAgain: false, pulling: false, strategyHWM: 0,
      pullAlgorithm: undefined, cancelAlgorithm: undefined, autoAllocateChunkSize: undefined,
      pendingPullIntos: new Queue(), byobRequest: null,
    };
  }
  function byteCallPullIfNeeded(controller) {
    if (!byteShouldCallPull(controller)) return;
    if (controller.pulling) {
      controller.pullAgain = true;
      return;
    }
    controller.pulling = true;
    upon(controller.pullAlgorithm(), () => {
      controller.pulling = false;
      if (controller.pullAgain) {
        controller.pullAgain = false;
        byteCallPullIfNeeded(controller);
      }
    }, (error) => byteControllerError(controller, error));
  }
  function byteShouldCallPull(controller) {
    const stream = controller.stream;
    if (stream.state !== 'readable' || controller.closeRequested || !controller.started) return false;
    if (hasDefaultReader(stream) && numReadRequests(stream) > 0) return true;
    if (hasBYOBReader(stream) && numReadRequests(stream) > 0) return true;
    return byteDesiredSize(controller) > 0;
  }
  function byteClearAlgorithms(controller) {
    controller.pullAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
  }
  function byteClearPendingPullIntos(controller) {
    byteInvalidateBYOBRequest(controller);
    controller.pendingPullIntos = new Queue();
  }
  function byteControllerClose(controller) {
    const stream = controller.stream;
    if (controller.closeRequested || stream.state !== 'readable') return;
    if (controller.queueTotalSize > 0) {
      controller.closeRequested = true;
      return;
    }
    if (controller.pendingPullIntos.size > 0) {
      const first = controller.pendingPullIntos.peek();
      if (first.bytesFilled % first.elementSize !== 0) {
        const error = new TypeError('The stream closed in the middle of an element of the view being filled');
        byteControllerError(controller, error);
        throw error;
      }
    }
    byteClearAlgorithms(controller);
    readableStreamClose(stream);
  }
  function byteCommitPullIntoDescriptor(stream, pullIntoDescriptor) {
    let done = false;
    if (stream.state === 'closed') done = true;
    const filledView = byteConvertPullIntoDescriptor(pullIntoDescriptor);
    if (pullIntoDescriptor.readerType === 'default') fulfillReadRequest(stream, filledView, done);
    else fulfillReadIntoRequest(stream, filledView, done);
  }
  function byteConvertPullIntoDescriptor(descriptor) {
    const buffer = transferArrayBuffer(descriptor.buffer);
    return new descriptor.viewConstructor(buffer, descriptor.byteOffset, descriptor.bytesFilled / descriptor.elementSize);
  }
  function byteControllerEnqueue(controller, chunk) {
    const stream = controller.stream;
    if (controller.closeRequested || stream.state !== 'readable') return;
    const { buffer, byteOffset, byteLength } = viewParts(chunk);
    if (isDetached(buffer)) throw new TypeError('The chunk\'s buffer is detached');
    const transferredBuffer = transferArrayBuffer(buffer);
    if (controller.pendingPullIntos.size > 0) {
      const first = controller.pendingPullIntos.peek();
      if (isDetached(first.buffer)) throw new TypeError('The BYOB request\'s buffer is detached');
      byteInvalidateBYOBRequest(controller);
      first.buffer = transferArrayBuffer(first.buffer);
      if (first.readerType === 'none') byteEnqueueDetachedPullIntoToQueue(controller, first);
    }
    if (hasDefaultReader(stream)) {
      byteProcessReadRequestsUsingQueue(controller);
      if (numReadRequests(stream) === 0) {
        byteEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
      } else {
        if (controller.pendingPullIntos.size > 0) byteShiftPendingPullInto(controller);
        fulfillReadRequest(stream, new Uint8Array(transferredBuffer, byteOffset, byteLength), false);
      }
    } else if (hasBYOBReader(stream)) {
      byteEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
      const filled = byteProcessPullIntoDescriptorsUsingQueue(controller);
      for (let index = 0; index < filled.length; index++) byteCommitPullIntoDescriptor(stream, filled[index]);
    } else {
      byteEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
    }
    byteCallPullIfNeeded(controller);
  }
  function byteEnqueueChunkToQueue(controller, buffer, byteOffset, byteLength) {
    controller.queue.push({ buffer, byteOffset, byteLength });
    controller.queueTotalSize += byteLength;
  }
  function byteEnqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength) {
    let clone;
    try {
      clone = arrayBufferSlice(buffer, byteOffset, byteOffset + byteLength);
    } catch (error) {
      byteControllerError(controller, error);
      throw error;
    }
    byteEnqueueChunkToQueue(controller, clone, 0, byteLength);
  }
  function byteEnqueueDetachedPullIntoToQueue(controller, descriptor) {
    if (descriptor.bytesFilled > 0) {
      byteEnqueueClonedChunkToQueue(controller, descriptor.buffer, descriptor.byteOffset, descriptor.bytesFilled);
    }
    byteShiftPendingPullInto(controller);
  }
  function byteControllerError(controller, error) {
    const stream = controller.stream;
    if (stream.state !== 'readable') return;
    byteClearPendingPullIntos(controller);
    resetQueue(controller);
    byteClearAlgorithms(controller);
    readableStreamError(stream, error);
  }
  function byteFillHeadPullIntoDescriptor(controller, size, descriptor) {
    descriptor.bytesFilled += size;
  }
  function byteFillPullIntoDescriptorFromQueue(controller, descriptor) {
    const maxBytesToCopy = MathMin(controller.queueTotalSize, descriptor.byteLength - descriptor.bytesFilled);
    const maxBytesFilled = descriptor.bytesFilled + maxBytesToCopy;
    let totalBytesToCopyRemaining = maxBytesToCopy;
    let ready = false;
    const remainderBytes = maxBytesFilled % descriptor.elementSize;
    const maxAlignedBytes = maxBytesFilled - remainderBytes;
    if (maxAlignedBytes >= descriptor.minimumFill) {
      totalBytesToCopyRemaining = maxAlignedBytes - descriptor.bytesFilled;
      ready = true;
    }
    const queue = controller.queue;
    while (totalBytesToCopyRemaining > 0) {
      const head = queue.peek();
      const bytesToCopy = MathMin(totalBytesToCopyRemaining, head.byteLength);
      const destStart = descriptor.byteOffset + descriptor.bytesFilled;
      copyBytes(descriptor.buffer, destStart, head.buffer, head.byteOffset, bytesToCopy);
      if (head.byteLength === bytesToCopy) {
        queue.shift();
      } else {
        head.byteOffset += bytesToCopy;
        head.byteLength -= bytesToCopy;
      }
      controller.queueTotalSize -= bytesToCopy;
      byteFillHeadPullIntoDescriptor(controller, bytesToCopy, descriptor);
      totalBytesToCopyRemaining -= bytesToCopy;
    }
    return ready;
  }
  function byteFillReadRequestFromQueue(controller, readRequest) {
    const entry = controller.queue.shift();
    controller.queueTotalSize -= entry.byteLength;
    byteHandleQueueDrain(controller);
    readRequest.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
  }
  function byteGetBYOBRequest(controller) {
    if (controller.byobRequest === null && controller.pendingPullIntos.size > 0) {
      const first = controller.pendingPullIntos.peek();
      const view = new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
      const request = { object: undefined, controller, view };
      request.object = new ReadableStreamBYOBRequest(INTERNAL, request);
      controller.byobRequest = request;
    }
    return controller.byobRequest;
  }
  function byteDesiredSize(controller) {
    const state = controller.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return controller.strategyHWM - controller.queueTotalSize;
  }
  function byteHandleQueueDrain(controller) {
    if (controller.queueTotalSize === 0 && controller.closeRequested) {
      byteClearAlgorithms(controller);
      readableStreamClose(controller.stream);
    } else {
      byteCallPullIfNeeded(controller);
    }
  }
  function byteInvalidateBYOBRequest(controller) {
    const request = controller.byobRequest;
    if (request === null) return;
    request.controller = undefined;
    request.view = null;
    controller.byobRequest = null;
  }
  function byteProcessPullIntoDescriptorsUsingQueue(controller) {
    const filled = [];
    while (controller.pendingPullIntos.size > 0) {
      if (controller.queueTotalSize === 0) break;
      const descriptor = controller.pendingPullIntos.peek();
      if (byteFillPullIntoDescriptorFromQueue(controller, descriptor)) {
        byteShiftPendingPullInto(controller);
        filled[filled.length] = descriptor;
      }
    }
    return filled;
  }
  function byteProcessReadRequestsUsingQueue(controller) {
    const reader = controller.stream.reader;
    while (reader.requests.size > 0) {
      if (controller.queueTotalSize === 0) return;
      byteFillReadRequestFromQueue(controller, reader.requests.shift());
    }
  }
  function bytePullInto(controller, view, min, readIntoRequest) {
    const stream = controller.stream;
    const { buffer: viewBuffer, byteOffset, byteLength, elementSize, viewConstructor } = viewParts(view);
    const minimumFill = min * elementSize;
    let buffer;
    try {
      buffer = transferArrayBuffer(viewBuffer);
    } catch (error) {
      readIntoRequest.error(error);
      return;
    }
    const descriptor = {
      buffer, bufferByteLength: bufferByteLength(buffer), byteOffset, byteLength, bytesFilled: 0,
      minimumFill, elementSize, viewConstructor, readerType: 'byob',
    };
    if (controller.pendingPullIntos.size > 0) {
      controller.pendingPullIntos.push(descriptor);
      readableStreamAddReadRequest(stream, readIntoRequest);
      return;
    }
    if (stream.state === 'closed') {
      readIntoRequest.close(new viewConstructor(descriptor.buffer, descriptor.byteOffset, 0));
      return;
    }
    if (controller.queueTotalSize > 0) {
      if (byteFillPullIntoDescriptorFromQueue(controller, descriptor)) {
        const filledView = byteConvertPullIntoDescriptor(descriptor);
        byteHandleQueueDrain(controller);
        readIntoRequest.chunk(filledView);
        return;
      }
      if (controller.closeRequested) {
        const error = new TypeError('The stream closed with fewer bytes left than the read asked for');
        byteControllerError(controller, error);
        readIntoRequest.error(error);
        return;
      }
    }
    controller.pendingPullIntos.push(descriptor);
    readableStreamAddReadRequest(stream, readIntoRequest);
    byteCallPullIfNeeded(controller);
  }
  function byteRespond(controller, bytesWritten) {
    const first = controller.pendingPullIntos.peek();
    const state = controller.stream.state;
    if (state === 'closed') {
      if (bytesWritten !== 0) throw new TypeError('bytesWritten must be 0 after the stream was closed');
    } else {
      if (bytesWritten === 0) throw new TypeError('bytesWritten must be greater than 0 while the stream is readable');
      if (first.bytesFilled + bytesWritten > first.byteLength) {
        throw new RangeError('bytesWritten is larger than the BYOB request\'s view');
      }
    }
    first.buffer = transferArrayBuffer(first.buffer);
    byteRespondInternal(controller, bytesWritten);
  }
  function byteRespondInClosedState(controller, first) {
    if (first.readerType === 'none') byteShiftPendingPullInto(controller);
    const stream = controller.stream;
    if (hasBYOBReader(stream)) {
      const filled = [];
      while (filled.length < numReadRequests(stream)) filled[filled.length] = byteShiftPendingPullInto(controller);
      for (let index = 0; index < filled.length; index++) byteCommitPullIntoDescriptor(stream, filled[index]);
    }
  }
  function byteRespondInReadableState(controller, bytesWritten, descriptor) {
    byteFillHeadPullIntoDescriptor(controller, bytesWritten, descriptor);
    if (descriptor.readerType === 'none') {
      byteEnqueueDetachedPullIntoToQueue(controller, descriptor);
      const filled = byteProcessPullIntoDescriptorsUsingQueue(controller);
      for (let index = 0; index < filled.length; index++) byteCommitPullIntoDescriptor(controller.stream, filled[index]);
      return;
    }
    if (descriptor.bytesFilled < descriptor.minimumFill) return;
    byteShiftPendingPullInto(controller);
    const remainderSize = descriptor.bytesFilled % descriptor.elementSize;
    if (remainderSize > 0) {
      const end = descriptor.byteOffset + descriptor.bytesFilled;
      byteEnqueueClonedChunkToQueue(controller, descriptor.buffer, end - remainderSize, remainderSize);
    }
    descriptor.bytesFilled -= remainderSize;
    const filled = byteProcessPullIntoDescriptorsUsingQueue(controller);
    byteCommitPullIntoDescriptor(controller.stream, descriptor);
    for (let index = 0; index < filled.length; index++) byteCommitPullIntoDescriptor(controller.stream, filled[index]);
  }
  function byteRespondInternal(controller, bytesWritten) {
    const first = controller.pendingPullIntos.peek();
    byteInvalidateBYOBRequest(controller);
    if (controller.stream.state === 'closed') byteRespondInClosedState(controller, first);
    else byteRespondInReadableState(controller, bytesWritten, first);
    byteCallPullIfNeeded(controller);
  }
  function byteRespondWithNewView(controller, view) {
    const { buffer, byteOffset, byteLength } = viewParts(view);
    const first = controller.pendingPullIntos.peek();
    const state = controller.stream.state;
    if (state === 'closed') {
      if (byteLength !== 0) throw new TypeError('The view must be empty after the stream was closed');
    } else if (byteLength === 0) {
      throw new TypeError('The view must not be empty while the stream is readable');
    }
    if (first.byteOffset + first.bytesFilled !== byteOffset) {
      throw new RangeError('The view must start where the BYOB request\'s view starts');
    }
    if (first.bufferByteLength !== bufferByteLength(buffer)) {
      throw new RangeError('The view\'s buffer must be as long as the BYOB request\'s buffer');
    }
    if (first.bytesFilled + byteLength > first.byteLength) {
      throw new RangeError('The view is longer than the BYOB request\'s view');
    }
    first.buffer = transferArrayBuffer(buffer);
    byteRespondInternal(controller, byteLength);
  }
  function byteShiftPendingPullInto(controller) {
    return controller.pendingPullIntos.shift();
  }
  function byteCancelSteps(controller, reason) {
    byteClearPendingPullIntos(controller);
    resetQueue(controller);
    const cancelAlgorithm = controller.cancelAlgorithm;
    byteClearAlgorithms(controller);
    return cancelAlgorithm === undefined ? PromiseResolve(undefined) : cancelAlgorithm(reason);
  }
  function bytePullSteps(controller, readRequest) {
    const stream = controller.stream;
    if (controller.queueTotalSize > 0) {
      byteFillReadRequestFromQueue(controller, readRequest);
      return;
    }
    const autoAllocateChunkSize = controller.autoAllocateChunkSize;
    if (autoAllocateChunkSize !== undefined) {
      let buffer;
      try {
        buffer = new ArrayBufferCtor(autoAllocateChunkSize);
      } catch (error) {
        readRequest.error(error);
        return;
      }
      controller.pendingPullIntos.push({
        buffer, bufferByteLength: autoAllocateChunkSize, byteOffset: 0, byteLength: autoAllocateChunkSize,
        bytesFilled: 0, minimumFill: 1, elementSize: 1, viewConstructor: Uint8Array, readerType: 'default',
      });
    }
    readableStreamAddReadRequest(stream, readRequest);
    byteCallPullIfNeeded(controller);
  }
  function byteReleaseSteps(controller) {
    if (controller.pendingPullIntos.size > 0) {
      const first = controller.pendingPullIntos.peek();
      first.readerType = 'none';
      controller.pendingPullIntos = new Queue();
      controller.pendingPullIntos.push(first);
    }
  }
  function setUpByteController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize) {
    controller.stream = stream;
    resetQueue(controller);
    controller.strategyHWM = highWaterMark;
    controller.pullAlgorithm = pullAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
    controller.autoAllocateChunkSize = autoAllocateChunkSize;
    stream.controller = controller;
    const startResult = startAlgorithm();
    upon(PromiseResolve(startResult), () => {
      controller.started = true;
      byteCallPullIfNeeded(controller);
    }, (error) => byteControllerError(controller, error));
  }
  function setUpByteControllerFromSource(stream, source, dict, highWaterMark) {
    const controller = newByteController();
    controller.object = new ReadableByteStreamController(INTERNAL, controller);
    const { start, pull, cancel } = dict;
    const startAlgorithm = start === undefined ? returnUndefined : () => ReflectApply(start, source, [controller.object]);
    const pullAlgorithm = pull === undefined ? resolvedUndefined : () => promiseCall(pull, source, [controller.object]);
    const cancelAlgorithm = cancel === undefined ? resolvedUndefined : (reason) => promiseCall(cancel, source, [reason]);
    const autoAllocateChunkSize = dict.autoAllocateChunkSize;
    if (autoAllocateChunkSize === 0) throw new TypeError('autoAllocateChunkSize must be greater than 0');
    setUpByteController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize);
  }
  // CreateReadableByteStream.
  function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 0) {
    const stream = newReadableRecord();
    makeReadableObject(stream);
    const controller = newByteController();
    setUpByteController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, undefined);
    return stream;
  }

  // --- Tee ---

  function queueMicrotask(callback) {
    promiseThen(PromiseResolve(undefined), callback);
  }

  function readableStreamTee(stream, cloneForBranch2) {
    if (stream.controller.isByte) return readableByteStreamTee(stream);
    return readableStreamDefaultTee(stream, cloneForBranch2);
  }

  function readableStreamDefaultTee(stream, cloneForBranch2) {
    const reader = acquireDefaultReader(stream);
    let reading = false;
    let readAgain = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let branch1;
    let branch2;
    const cancelPromise = deferred();
    const readRequest = {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgain = false;
          let chunk2 = chunk;
          if (!canceled2 && cloneForBranch2) {
            try {
              chunk2 = hostStructuredClone(chunk);
            } catch (error) {
              defaultControllerError(branch1.controller, error);
              defaultControllerError(branch2.controller, error);
              resolveDeferred(cancelPromise, readableStreamCancel(stream, error));
              return;
            }
          }
          if (!canceled1) defaultControllerEnqueue(branch1.controller, chunk);
          if (!canceled2) defaultControllerEnqueue(branch2.controller, chunk2);
          reading = false;
          if (readAgain) pullAlgorithm();
        });
      },
      close() {
        reading = false;
        if (!canceled1) defaultControllerClose(branch1.controller);
        if (!canceled2) defaultControllerClose(branch2.controller);
        if (!canceled1 || !canceled2) resolveDeferred(cancelPromise, undefined);
      },
      error() {
        reading = false;
      },
    };
    function pullAlgorithm() {
      if (reading) {
        readAgain = true;
        return PromiseResolve(undefined);
      }
      reading = true;
      defaultReaderRead(reader, readRequest);
      return PromiseResolve(undefined);
    }
    function cancel1Algorithm(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) resolveDeferred(cancelPromise, readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2Algorithm(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) resolveDeferred(cancelPromise, readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    branch1 = createReadableStream(returnUndefined, pullAlgorithm, cancel1Algorithm);
    branch2 = createReadableStream(returnUndefined, pullAlgorithm, cancel2Algorithm);
    upon(reader.closed.promise, noop, (error) => {
      defaultControllerError(branch1.controller, error);
      defaultControllerError(branch2.controller, error);
      if (!canceled1 || !canceled2) resolveDeferred(cancelPromise, undefined);
    });
    return [branch1, branch2];
  }

  function readableByteStreamTee(stream) {
    let reader = acquireDefaultReader(stream);
    let reading = false;
    let readAgainForBranch1 = false;
    let readAgainForBranch2 = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let branch1;
    let branch2;
    const cancelPromise = deferred();

    function forwardReaderError(thisReader) {
      upon(thisReader.closed.promise, noop, (error) => {
        if (thisReader !== reader) return;
        byteControllerError(branch1.controller, error);
        byteControllerError(branch2.controller, error);
        if (!canceled1 || !canceled2) resolveDeferred(cancelPromise, undefined);
      });
    }
    function afterChunk() {
      reading = false;
      if (readAgainForBranch1) pull1Algorithm();
      else if (readAgainForBranch2) pull2Algorithm();
    }
    function cloneFailed(error) {
      byteControllerError(branch1.controller, error);
      byteControllerError(branch2.controller, error);
      resolveDeferred(cancelPromise, readableStreamCancel(stream, error));
    }
    function pullWithDefaultReader() {
      if (reader.isBYOB) {
        byobReaderRelease(reader);
        reader = acquireDefaultReader(stream);
        forwardReaderError(reader);
      }
      defaultReaderRead(reader, {
        chunk(chunk) {
          queueMicrotask(() => {
            readAgainForBranch1 = false;
            readAgainForBranch2 = false;
            let chunk2 = chunk;
            if (!canceled1 && !canceled2) {
              try {
                chunk2 = cloneAsUint8Array(chunk);
              } catch (error) {
                cloneFailed(error);
                return;
              }
            }
            if (!canceled1) byteControllerEnqueue(branch1.controller, chunk);
            if (!canceled2) byteControllerEnqueue(branch2.controller, chunk2);
            afterChunk();
          });
        },
        close() {
          reading = false;
          if (!canceled1) byteControllerClose(branch1.controller);
          if (!canceled2) byteControllerClose(branch2.controller);
          if (branch1.controller.pendingPullIntos.size > 0) byteRespond(branch1.controller, 0);
          if (branch2.controller.pendingPullIntos.size > 0) byteRespond(branch2.controller, 0);
          if (!canceled1 || !canceled2) resolveDeferred(cancelPromise, undefined);
        },
        error() {
          reading = false;
        },
      });
    }
    function pullWithBYOBReader(view, forBranch2) {
      if (!reader.isBYOB) {
        defaultReaderRelease(reader);
        reader = newReaderRecord(stream, true);
        forwardReaderError(reader);
      }
      const byobBranch = forBranch2 ? branch2 : branch1;
      const otherBranch = forBranch2 ? branch1 : branch2;
      byobReaderRead(reader, view, 1, {
        chunk(chunk) {
          queueMicrotask(() => {
            readAgainForBranch1 = false;
            readAgainForBranch2 = false;
            const byobCanceled = forBranch2 ? canceled2 : canceled1;
            const otherCanceled = forBranch2 ? canceled1 : canceled2;
            if (!otherCanceled) {
              let clonedChunk;
              try {
                clonedChunk = cloneAsUint8Array(chunk);
              } catch (error) {
                cloneFailed(error);
                return;
              }
              if (!byobCanceled) byteRespondWithNewView(byobBranch.controller, chunk);
              byteControllerEnqueue(otherBranch.controller, clonedChunk);
            } else if (!byobCanceled) {
              byteRespondWithNewView(byobBranch.controller, chunk);
            }
            afterChunk();
          });
        },
        close(chunk) {
          reading = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!byobCanceled) byteControllerClose(byobBranch.controller);
          if (!otherCanceled) byteControllerClose(otherBranch.controller);
          if (chunk !== undefined) {
            if (!byobCanceled) byteRespondWithNewView(byobBranch.controller, chunk);
            if (!otherCanceled && otherBranch.controller.pendingPullIntos.size > 0) byteRespond(otherBranch.controller, 0);
          }
          if (!byobCanceled || !otherCanceled) resolveDeferred(cancelPromise, undefined);
        },
        error() {
          reading = false;
        },
      });
    }
    function pull1Algorithm() {
      if (reading) {
        readAgainForBranch1 = true;
        return PromiseResolve(undefined);
      }
      reading = true;
      const request = byteGetBYOBRequest(branch1.controller);
      if (request === null) pullWithDefaultReader();
      else pullWithBYOBReader(request.view, false);
      return PromiseResolve(undefined);
    }
    function pull2Algorithm() {
      if (reading) {
        readAgainForBranch2 = true;
        return PromiseResolve(undefined);
      }
      reading = true;
      const request = byteGetBYOBRequest(branch2.controller);
      if (request === null) pullWithDefaultReader();
      else pullWithBYOBReader(request.view, true);
      return PromiseResolve(undefined);
    }
    function cancel1Algorithm(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) resolveDeferred(cancelPromise, readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2Algorithm(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) resolveDeferred(cancelPromise, readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    branch1 = createReadableByteStream(returnUndefined, pull1Algorithm, cancel1Algorithm);
    branch2 = createReadableByteStream(returnUndefined, pull2Algorithm, cancel2Algorithm);
    forwardReaderError(reader);
    return [branch1, branch2];
  }

  // --- ReadableStream.from ---

  // GetIterator(obj, async): an async iterator, or a sync one adapted as
  // CreateAsyncFromSyncIterator does. Returns {iterator, next}.
  function getAsyncIterator(value) {
    let method = value == null ? undefined : value[SymbolAsyncIterator];
    let sync = false;
    if (method === undefined || method === null) {
      method = value == null ? undefined : value[SymbolIterator];
      sync = true;
    }
    if (typeof method !== 'function') {
      throw new TypeError('ReadableStream.from() needs an async iterable or an iterable');
    }
    const iterator = ReflectApply(method, value, []);
    if (!isObject(iterator)) throw new TypeError('The iterator method returned a value that is not an object');
    const next = iterator.next;
    if (!sync) return { iterator, next };
    return { iterator: asyncFromSyncIterator(iterator, next), next: undefined };
  }
  function asyncFromSyncIterator(syncIterator, syncNext) {
    // Awaits each value; a rejected value closes the sync iterator (as the language does).
    const continuation = (result) => {
      if (!isObject(result)) throw new TypeError('The iterator result is not an object');
      const done = !!result.done;
      return promiseThen(PromiseResolve(result.value), (value) => ({ value, done }), (error) => {
        if (!done) {
          const returnMethod = syncIterator.return;
          if (returnMethod != null) {
            try { ReflectApply(returnMethod, syncIterator, []); } catch { /* the first error wins */ }
          }
        }
        throw error;
      });
    };
    return {
      next() {
        return continuation(ReflectApply(syncNext, syncIterator, []));
      },
      return(value) {
        const returnMethod = syncIterator.return;
        if (returnMethod == null) return PromiseResolve({ value, done: true });
        return continuation(ReflectApply(returnMethod, syncIterator, [value]));
      },
    };
  }
  function readableStreamFromIterable(asyncIterable) {
    const iteratorRecord = getAsyncIterator(asyncIterable);
    const iterator = iteratorRecord.iterator;
    const nextMethod = iteratorRecord.next;
    let stream;
    function pullAlgorithm() {
      let nextResult;
      try {
        nextResult = nextMethod === undefined ? iterator.next() : ReflectApply(nextMethod, iterator, []);
      } catch (error) {
        return PromiseReject(error);
      }
      return promiseThen(PromiseResolve(nextResult), (result) => {
        if (!isObject(result)) throw new TypeError('The iterator result is not an object');
        if (result.done) defaultControllerClose(stream.controller);
        else defaultControllerEnqueue(stream.controller, result.value);
      });
    }
    function cancelAlgorithm(reason) {
      let returnResult;
      try {
        const returnMethod = iterator.return;
        if (returnMethod === undefined || returnMethod === null) return PromiseResolve(undefined);
        if (typeof returnMethod !== 'function') throw new TypeError('The iterator\'s return is not a function');
        returnResult = ReflectApply(returnMethod, iterator, [reason]);
      } catch (error) {
        return PromiseReject(error);
      }
      return promiseThen(PromiseResolve(returnResult), (result) => {
        if (!isObject(result)) throw new TypeError('The iterator\'s return() result is not an object');
      });
    }
    stream = createReadableStream(returnUndefined, pullAlgorithm, cancelAlgorithm, 0);
    return stream;
  }

  // --- pipeTo ---

  function readableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
    const reader = acquireDefaultReader(source);
    const writer = acquireWriter(dest);
    source.disturbed = true;
    let shuttingDown = false;
    let finalized = false;
    let currentWrite = PromiseResolve(undefined);
    const result = deferred();

    function finalize(hasError, error) {
      finalized = true;
      writerRelease(writer);
      defaultReaderRelease(reader);
      if (hasError) rejectDeferred(result, error);
      else resolveDeferred(result, undefined);
    }
    // Waits until every chunk read so far has been written.
    function waitForWrites(then) {
      const write = currentWrite;
      upon(write, () => (write === currentWrite ? then() : waitForWrites(then)), () => (write === currentWrite ? then() : waitForWrites(then)));
    }
    function shutdownWithAction(action, hasError, originalError) {
      if (shuttingDown) return;
      shuttingDown = true;
      const run = () => {
        let promise;
        try {
          promise = action();
        } catch (error) {
          promise = PromiseReject(error);
        }
        upon(promise, () => finalize(hasError, originalError), (error) => finalize(true, error));
      };
      if (dest.state === 'writable' && !writableCloseQueuedOrInFlight(dest)) waitForWrites(run);
      else run();
    }
    function shutdown(hasError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      if (dest.state === 'writable' && !writableCloseQueuedOrInFlight(dest)) waitForWrites(() => finalize(hasError, error));
      else finalize(hasError, error);
    }

    if (signal !== undefined) {
      const abortAlgorithm = (error) => {
        if (finalized) return;
        const actions = [];
        if (!preventAbort) actions[actions.length] = () => (dest.state === 'writable' ? writableStreamAbort(dest, error) : PromiseResolve(undefined));
        if (!preventCancel) actions[actions.length] = () => (source.state === 'readable' ? readableStreamCancel(source, error) : PromiseResolve(undefined));
        shutdownWithAction(() => waitForAll(actions), true, error);
      };
      if (abortSignalAborted(signal)) {
        abortAlgorithm(abortSignalReason(signal));
        return result.promise;
      }
      addAbortAlgorithm(signal, abortAlgorithm);
    }

    // Errors and closing, in the order the standard gives.
    const sourceErrored = (error) => {
      if (!preventAbort) shutdownWithAction(() => writableStreamAbort(dest, error), true, error);
      else shutdown(true, error);
    };
    const destErrored = (error) => {
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, error), true, error);
      else shutdown(true, error);
    };
    const sourceClosed = () => {
      if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer), false);
      else shutdown(false);
    };
    if (source.state === 'errored') sourceErrored(source.storedError);
    else upon(reader.closed.promise, noop, () => sourceErrored(source.storedError));
    if (dest.state === 'erroring' || dest.state === 'errored') destErrored(dest.storedError);
    else upon(writer.closed.promise, noop, () => destErrored(dest.storedError));
    if (source.state === 'closed') sourceClosed();
    else upon(reader.closed.promise, () => sourceClosed());
    if (writableCloseQueuedOrInFlight(dest) || dest.state === 'closed') {
      const destClosed = new TypeError('The destination WritableStream is closed or closing, so the stream cannot be piped to it');
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, destClosed), true, destClosed);
      else shutdown(true, destClosed);
    }

    // Reads only while the destination wants more (its writer is ready).
    const readRequest = {
      chunk(chunk) {
        currentWrite = writerWrite(writer, chunk);
        markHandled(currentWrite);
        pipeStep();
      },
      close: noop,
      error: noop,
    };
    function pipeStep() {
      if (shuttingDown) return;
      upon(writer.ready.promise, () => {
        if (!shuttingDown) defaultReaderRead(reader, readRequest);
      });
    }
    pipeStep();
    return result.promise;
  }
  // A promise for all of `actions` (functions returning promises), as Promise.all would give
  // without looking up anything user code can replace.
  function waitForAll(actions) {
    const { promise, resolve, reject } = PromiseWithResolvers();
    let remaining = actions.length;
    if (remaining === 0) resolve(undefined);
    for (let index = 0; index < actions.length; index++) {
      let action;
      try {
        action = actions[index]();
      } catch (error) {
        action = PromiseReject(error);
      }
      upon(action, () => {
        if (--remaining === 0) resolve(undefined);
      }, reject);
    }
    return promise;
  }

  // --- Async iteration ---

  let makeAsyncIterator;
  class ReadableStreamAsyncIterator {
    #reader;
    #preventCancel;
    #ongoing = null;
    #finished = false;

    constructor(key, reader, preventCancel) {
      if (key !== INTERNAL) throw illegalConstructor();
      this.#reader = reader;
      this.#preventCancel = preventCancel;
    }
    static {
      makeAsyncIterator = (reader, preventCancel) => new ReadableStreamAsyncIterator(INTERNAL, reader, preventCancel);
    }

    #nextSteps() {
      if (this.#finished) return PromiseResolve({ value: undefined, done: true });
      const reader = this.#reader;
      const { promise, resolve, reject } = PromiseWithResolvers();
      defaultReaderRead(reader, {
        chunk: (value) => resolve({ value, done: false }),
        close: () => {
          this.#finished = true;
          defaultReaderRelease(reader);
          resolve({ value: undefined, done: true });
        },
        error: (error) => {
          this.#finished = true;
          defaultReaderRelease(reader);
          reject(error);
        },
      });
      return promise;
    }
    #returnSteps(value) {
      if (this.#finished) return PromiseResolve({ value, done: true });
      this.#finished = true;
      const reader = this.#reader;
      if (!this.#preventCancel) {
        const cancel = genericCancel(reader, value);
        defaultReaderRelease(reader);
        return promiseThen(cancel, () => ({ value, done: true }));
      }
      defaultReaderRelease(reader);
      return PromiseResolve({ value, done: true });
    }
    // Web IDL's "ongoing promise": a call made while another is pending runs after it.
    #chain(steps) {
      const previous = this.#ongoing;
      const promise = previous === null ? steps() : promiseThen(previous, steps, steps);
      this.#ongoing = promise;
      const clear = () => {
        if (this.#ongoing === promise) this.#ongoing = null;
      };
      promiseThen(promise, clear, clear);
      return promise;
    }
    next() {
      if (!(isObject(this) && #reader in this)) return PromiseReject(illegalInvocation());
      return this.#chain(() => this.#nextSteps());
    }
    return(value = undefined) {
      if (!(isObject(this) && #reader in this)) return PromiseReject(illegalInvocation());
      return this.#chain(() => this.#returnSteps(value));
    }
  }
  ObjectSetPrototypeOf(ReadableStreamAsyncIterator.prototype, AsyncIteratorPrototype);
  webClass(ReadableStreamAsyncIterator, 'ReadableStream AsyncIterator');
  delete ReadableStreamAsyncIterator.prototype.constructor;

  // --- Public classes ---

  function thisReadable(object) {
    const stream = readableOf(object);
    if (stream === undefined) throw illegalInvocation();
    return stream;
  }
  function readableArgument(value, what) {
    const stream = readableOf(value);
    if (stream === undefined) throw new TypeError(`${what} is not a ReadableStream`);
    return stream;
  }
  // StreamPipeOptions, converted in Web IDL's (alphabetical) order.
  function pipeOptions(value) {
    const options = dictionary(value, 'The pipe options');
    if (options === undefined) return { preventAbort: false, preventCancel: false, preventClose: false, signal: undefined };
    const preventAbort = !!options.preventAbort;
    const preventCancel = !!options.preventCancel;
    const preventClose = !!options.preventClose;
    const signal = options.signal;
    if (signal !== undefined) {
      try {
        abortSignalAborted(signal);
      } catch {
        throw new TypeError('The `signal` option is not an AbortSignal');
      }
    }
    return { preventAbort, preventCancel, preventClose, signal };
  }

  class ReadableStream {
    #stream;

    constructor(underlyingSource = undefined, strategy = undefined) {
      if (underlyingSource === INTERNAL) {
        this.#stream = strategy;
        return;
      }
      const source = underlyingSource === undefined ? null : underlyingSource;
      if (source !== null && !isObject(source)) {
        throw new TypeError("Failed to construct 'ReadableStream': The underlying source is not an object");
      }
      const { highWaterMark, size } = queuingStrategy(strategy, "Failed to construct 'ReadableStream': The strategy");
      // The UnderlyingSource dictionary, in Web IDL's order.
      const dict = { autoAllocateChunkSize: undefined, cancel: undefined, pull: undefined, start: undefined, type: undefined };
      if (source !== null) {
        const what = "Failed to construct 'ReadableStream': The underlying source's";
        const autoAllocateChunkSize = source.autoAllocateChunkSize;
        if (autoAllocateChunkSize !== undefined) dict.autoAllocateChunkSize = enforceRange(autoAllocateChunkSize, `${what} autoAllocateChunkSize`);
        dict.cancel = optionalCallback(source.cancel, `${what} cancel`);
        dict.pull = optionalCallback(source.pull, `${what} pull`);
        dict.start = optionalCallback(source.start, `${what} start`);
        const type = source.type;
        if (type !== undefined) {
          dict.type = `${type}`;
          if (dict.type !== 'bytes') {
            throw new TypeError(`Failed to construct 'ReadableStream': '${dict.type}' is not a valid stream type (the only type is 'bytes')`);
          }
        }
      }
      const stream = newReadableRecord();
      stream.object = this;
      this.#stream = stream;
      if (dict.type === 'bytes') {
        if (size !== undefined) {
          throw new RangeError("Failed to construct 'ReadableStream': The strategy for a byte stream cannot have a size function");
        }
        setUpByteControllerFromSource(stream, source, dict, extractHighWaterMark(highWaterMark, 0));
      } else {
        const sizeAlgorithm = extractSizeAlgorithm(size);
        setUpDefaultControllerFromSource(stream, source, dict, extractHighWaterMark(highWaterMark, 1), sizeAlgorithm);
      }
    }

    static {
      readableOf = (object) => (isObject(object) && #stream in object ? object.#stream : undefined);
      makeReadableObject = (stream) => {
        stream.object = new ReadableStream(INTERNAL, stream);
      };
    }

    static from(asyncIterable) {
      return readableStreamFromIterable(asyncIterable).object;
    }

    get locked() {
      return isLocked(thisReadable(this));
    }

    cancel(reason = undefined) {
      const stream = readableOf(this);
      if (stream === undefined) return PromiseReject(illegalInvocation());
      if (isLocked(stream)) return PromiseReject(new TypeError('Cannot cancel a ReadableStream that is locked to a reader'));
      return readableStreamCancel(stream, reason);
    }

    getReader(options = undefined) {
      const stream = thisReadable(this);
      const dict = dictionary(options, "Failed to execute 'getReader' on 'ReadableStream': The options");
      let mode;
      if (dict !== undefined && dict.mode !== undefined) {
        mode = `${dict.mode}`;
        if (mode !== 'byob') {
          throw new TypeError(`Failed to execute 'getReader' on 'ReadableStream': '${mode}' is not a valid reader mode (the only mode is 'byob')`);
        }
      }
      if (mode === undefined) return new ReadableStreamDefaultReader(stream.object);
      return new ReadableStreamBYOBReader(stream.object);
    }

    pipeThrough(transform, options = undefined) {
      const stream = thisReadable(this);
      const pair = dictionary(transform, "Failed to execute 'pipeThrough' on 'ReadableStream': The transform");
      if (pair === undefined) {
        throw new TypeError("Failed to execute 'pipeThrough' on 'ReadableStream': The transform must have `readable` and `writable`");
      }
      const readable = pair.readable;
      readableArgument(readable, "Failed to execute 'pipeThrough' on 'ReadableStream': The transform's `readable`");
      const writable = writableArgument(pair.writable, "Failed to execute 'pipeThrough' on 'ReadableStream': The transform's `writable`");
      const { preventAbort, preventCancel, preventClose, signal } = pipeOptions(options);
      if (isLocked(stream)) throw new TypeError('Cannot pipe a ReadableStream that is locked to a reader');
      if (isWritableLocked(writable)) throw new TypeError('Cannot pipe to a WritableStream that is locked to a writer');
      const promise = readableStreamPipeTo(stream, writable, preventClose, preventAbort, preventCancel, signal);
      markHandled(promise);
      return readable;
    }

    pipeTo(destination, options = undefined) {
      try {
        const stream = thisReadable(this);
        const dest = writableArgument(destination, "Failed to execute 'pipeTo' on 'ReadableStream': The destination");
        const { preventAbort, preventCancel, preventClose, signal } = pipeOptions(options);
        if (isLocked(stream)) throw new TypeError('Cannot pipe a ReadableStream that is locked to a reader');
        if (isWritableLocked(dest)) throw new TypeError('Cannot pipe to a WritableStream that is locked to a writer');
        return readableStreamPipeTo(stream, dest, preventClose, preventAbort, preventCancel, signal);
      } catch (error) {
        return PromiseReject(error);
      }
    }

    tee() {
      const branches = readableStreamTee(thisReadable(this), false);
      return [branches[0].object, branches[1].object];
    }

    values(options = undefined) {
      const stream = thisReadable(this);
      const dict = dictionary(options, "Failed to execute 'values' on 'ReadableStream': The options");
      const preventCancel = dict === undefined ? false : !!dict.preventCancel;
      return makeAsyncIterator(acquireDefaultReader(stream), preventCancel);
    }
  }
  webClass(ReadableStream);
  ObjectDefineProperty(ReadableStream.prototype, SymbolAsyncIterator, {
    __proto__: null, value: ReadableStream.prototype.values, writable: true, enumerable: false, configurable: true,
  });

  function thisReader(object) {
    const reader = readerOf(object);
    if (reader === undefined) throw illegalInvocation();
    return reader;
  }

  class ReadableStreamDefaultReader {
    #reader;
    constructor(stream) {
      const record = readableArgument(stream, "Failed to construct 'ReadableStreamDefaultReader': parameter 1");
      const reader = newReaderRecord(record, false);
      reader.object = this;
      this.#reader = reader;
    }
    static {
      readerOf = (object) => (isObject(object) && #reader in object ? object.#reader : undefined);
    }
    get closed() {
      return thisDefaultReader(this).closed.promise;
    }
    cancel(reason = undefined) {
      const reader = readerOf(this);
      if (reader === undefined || reader.isBYOB) return PromiseReject(illegalInvocation());
      if (reader.stream === undefined) return PromiseReject(new TypeError('The reader has been released'));
      return genericCancel(reader, reason);
    }
    read() {
      const reader = readerOf(this);
      if (reader === undefined || reader.isBYOB) return PromiseReject(illegalInvocation());
      if (reader.stream === undefined) return PromiseReject(new TypeError('The reader has been released'));
      return readWithPromise((request) => defaultReaderRead(reader, request));
    }
    releaseLock() {
      const reader = thisDefaultReader(this);
      if (reader.stream === undefined) return;
      defaultReaderRelease(reader);
    }
  }
  webClass(ReadableStreamDefaultReader);
  function thisDefaultReader(object) {
    const reader = thisReader(object);
    if (reader.isBYOB) throw illegalInvocation();
    return reader;
  }

  let byobReaderOf;
  class ReadableStreamBYOBReader {
    #reader;
    constructor(stream) {
      const record = readableArgument(stream, "Failed to construct 'ReadableStreamBYOBReader': parameter 1");
      const reader = newReaderRecord(record, true);
      reader.object = this;
      this.#reader = reader;
    }
    static {
      byobReaderOf = (object) => (isObject(object) && #reader in object ? object.#reader : undefined);
    }
    get closed() {
      const reader = byobReaderOf(this);
      if (reader === undefined) throw illegalInvocation();
      return reader.closed.promise;
    }
    cancel(reason = undefined) {
      const reader = byobReaderOf(this);
      if (reader === undefined) return PromiseReject(illegalInvocation());
      if (reader.stream === undefined) return PromiseReject(new TypeError('The reader has been released'));
      return genericCancel(reader, reason);
    }
    read(view, options = undefined) {
      const reader = byobReaderOf(this);
      if (reader === undefined) return PromiseReject(illegalInvocation());
      if (!ArrayBufferIsView(view)) {
        return PromiseReject(new TypeError("Failed to execute 'read' on 'ReadableStreamBYOBReader': parameter 1 is not an ArrayBufferView"));
      }
      let min = 1;
      try {
        const dict = dictionary(options, "Failed to execute 'read' on 'ReadableStreamBYOBReader': The options");
        if (dict !== undefined && dict.min !== undefined) min = enforceRange(dict.min, 'The `min` option');
      } catch (error) {
        return PromiseReject(error);
      }
      const { buffer, byteLength } = viewParts(view);
      if (byteLength === 0) return PromiseReject(new TypeError('The view must not be empty'));
      if (bufferByteLength(buffer) === 0) return PromiseReject(new TypeError('The view\'s buffer must not be empty or detached'));
      if (isDetached(buffer)) return PromiseReject(new TypeError('The view\'s buffer is detached'));
      if (min === 0) return PromiseReject(new TypeError('The `min` option must be greater than 0'));
      const length = typedArrayTag(view) !== undefined ? typedArrayLength(view) : byteLength;
      if (min > length) return PromiseReject(new RangeError('The `min` option is larger than the view'));
      if (reader.stream === undefined) return PromiseReject(new TypeError('The reader has been released'));
      return readWithPromise((request) => byobReaderRead(reader, view, min, request));
    }
    releaseLock() {
      const reader = byobReaderOf(this);
      if (reader === undefined) throw illegalInvocation();
      if (reader.stream === undefined) return;
      byobReaderRelease(reader);
    }
  }
  webClass(ReadableStreamBYOBReader);

  let defaultControllerOf;
  class ReadableStreamDefaultController {
    #controller;
    constructor(key = undefined, controller = undefined) {
      if (key !== INTERNAL) throw illegalConstructor();
      this.#controller = controller;
    }
    static {
      defaultControllerOf = (object) => {
        if (!(isObject(object) && #controller in object)) throw illegalInvocation();
        return object.#controller;
      };
    }
    get desiredSize() {
      return defaultDesiredSize(defaultControllerOf(this));
    }
    close() {
      const controller = defaultControllerOf(this);
      if (!defaultCanCloseOrEnqueue(controller)) throw new TypeError('The stream is closed or closing, so it cannot be closed again');
      defaultControllerClose(controller);
    }
    enqueue(chunk = undefined) {
      const controller = defaultControllerOf(this);
      if (!defaultCanCloseOrEnqueue(controller)) throw new TypeError('The stream is closed or closing, so no more chunks can be enqueued');
      defaultControllerEnqueue(controller, chunk);
    }
    error(error = undefined) {
      defaultControllerError(defaultControllerOf(this), error);
    }
  }
  webClass(ReadableStreamDefaultController);

  let byteControllerOf;
  class ReadableByteStreamController {
    #controller;
    constructor(key = undefined, controller = undefined) {
      if (key !== INTERNAL) throw illegalConstructor();
      this.#controller = controller;
    }
    static {
      byteControllerOf = (object) => {
        if (!(isObject(object) && #controller in object)) throw illegalInvocation();
        return object.#controller;
      };
    }
    get byobRequest() {
      const request = byteGetBYOBRequest(byteControllerOf(this));
      return request === null ? null : request.object;
    }
    get desiredSize() {
      return byteDesiredSize(byteControllerOf(this));
    }
    close() {
      const controller = byteControllerOf(this);
      if (controller.closeRequested) throw new TypeError('The stream is already closing');
      if (controller.stream.state !== 'readable') throw new TypeError('The stream is not readable, so it cannot be closed');
      byteControllerClose(controller);
    }
    enqueue(chunk) {
      const controller = byteControllerOf(this);
      if (!ArrayBufferIsView(chunk)) {
        throw new TypeError("Failed to execute 'enqueue' on 'ReadableByteStreamController': parameter 1 is not an ArrayBufferView");
      }
      const { buffer, byteLength } = viewParts(chunk);
      if (byteLength === 0) throw new TypeError('The chunk must not be empty');
      if (bufferByteLength(buffer) === 0) throw new TypeError('The chunk\'s buffer must not be empty or detached');
      if (controller.closeRequested) throw new TypeError('The stream is closing, so no more chunks can be enqueued');
      if (controller.stream.state !== 'readable') throw new TypeError('The stream is not readable, so no more chunks can be enqueued');
      byteControllerEnqueue(controller, chunk);
    }
    error(error = undefined) {
      byteControllerError(byteControllerOf(this), error);
    }
  }
  webClass(ReadableByteStreamController);

  let byobRequestOf;
  class ReadableStreamBYOBRequest {
    #request;
    constructor(key = undefined, request = undefined) {
      if (key !== INTERNAL) throw illegalConstructor();
      this.#request = request;
    }
    static {
      byobRequestOf = (object) => {
        if (!(isObject(object) && #request in object)) throw illegalInvocation();
        return object.#request;
      };
    }
    get view() {
      return byobRequestOf(this).view;
    }
    respond(bytesWritten) {
      const request = byobRequestOf(this);
      bytesWritten = enforceRange(bytesWritten, 'bytesWritten');
      if (request.controller === undefined) throw new TypeError('This BYOB request was already answered');
      if (isDetached(viewParts(request.view).buffer)) throw new TypeError('The BYOB request\'s buffer is detached');
      byteRespond(request.controller, bytesWritten);
    }
    respondWithNewView(view) {
      const request = byobRequestOf(this);
      if (!ArrayBufferIsView(view)) {
        throw new TypeError("Failed to execute 'respondWithNewView' on 'ReadableStreamBYOBRequest': parameter 1 is not an ArrayBufferView");
      }
      if (request.controller === undefined) throw new TypeError('This BYOB request was already answered');
      if (isDetached(viewParts(view).buffer)) throw new TypeError('The view\'s buffer is detached');
      byteRespondWithNewView(request.controller, view);
    }
  }
  webClass(ReadableStreamBYOBRequest);

  // =========================================================================================
  // WritableStream
  // =========================================================================================

  // Records: a stream {object, state, storedError, writer, controller, inFlightWriteRequest,
  // closeRequest, inFlightCloseRequest, pendingAbortRequest, writeRequests, backpressure};
  // a writer {object, stream, ready, closed}; a controller. Requests are deferreds.

  let writableOf;
  let makeWritableObject;
  const closeSentinel = {};

  function newWritableRecord() {
    return {
      object: undefined, state: 'writable', storedError: undefined, writer: undefined, controller: undefined,
      inFlightWriteRequest: undefined, closeRequest: undefined, inFlightCloseRequest: undefined,
      pendingAbortRequest: undefined, writeRequests: new Queue(), backpressure: false,
    };
  }
  function isWritableLocked(stream) {
    return stream.writer !== undefined;
  }
  function writableArgument(value, what) {
    const stream = writableOf(value);
    if (stream === undefined) throw new TypeError(`${what} is not a WritableStream`);
    return stream;
  }

  function writableStreamAbort(stream, reason) {
    if (stream.state === 'closed' || stream.state === 'errored') return PromiseResolve(undefined);
    signalAbort(stream.controller.signal, reason);
    const state = stream.state;
    if (state === 'closed' || state === 'errored') return PromiseResolve(undefined);
    if (stream.pendingAbortRequest !== undefined) return stream.pendingAbortRequest.promise.promise;
    let wasAlreadyErroring = false;
    if (state === 'erroring') {
      wasAlreadyErroring = true;
      reason = undefined;
    }
    const promise = deferred();
    stream.pendingAbortRequest = { promise, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) writableStartErroring(stream, reason);
    return promise.promise;
  }
  function writableStreamClose(stream) {
    const state = stream.state;
    if (state === 'closed' || state === 'errored') {
      return PromiseReject(new TypeError('The WritableStream is closed or errored, so it cannot be closed'));
    }
    const promise = deferred();
    stream.closeRequest = promise;
    const writer = stream.writer;
    if (writer !== undefined && stream.backpressure && state === 'writable') resolveDeferred(writer.ready, undefined);
    writableControllerClose(stream.controller);
    return promise.promise;
  }
  function writableAddWriteRequest(stream) {
    const promise = deferred();
    stream.writeRequests.push(promise);
    return promise.promise;
  }
  function writableDealWithRejection(stream, error) {
    if (stream.state === 'writable') {
      writableStartErroring(stream, error);
      return;
    }
    writableFinishErroring(stream);
  }
  function writableFinishErroring(stream) {
    stream.state = 'errored';
    resetQueue(stream.controller); // [[ErrorSteps]]
    const storedError = stream.storedError;
    const requests = stream.writeRequests;
    stream.writeRequests = new Queue();
    while (requests.size > 0) rejectDeferred(requests.shift(), storedError);
    const abortRequest = stream.pendingAbortRequest;
    if (abortRequest === undefined) {
      writableRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    stream.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      rejectDeferred(abortRequest.promise, storedError);
      writableRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    const controller = stream.controller;
    const abortAlgorithm = controller.abortAlgorithm;
    writableClearAlgorithms(controller);
    const promise = abortAlgorithm === undefined ? PromiseResolve(undefined) : abortAlgorithm(abortRequest.reason);
    upon(promise, () => {
      resolveDeferred(abortRequest.promise, undefined);
      writableRejectCloseAndClosedPromiseIfNeeded(stream);
    }, (reason) => {
      rejectDeferred(abortRequest.promise, reason);
      writableRejectCloseAndClosedPromiseIfNeeded(stream);
    });
  }
  function writableFinishInFlightClose(stream) {
    resolveDeferred(stream.inFlightCloseRequest, undefined);
    stream.inFlightCloseRequest = undefined;
    if (stream.state === 'erroring') {
      stream.storedError = undefined;
      if (stream.pendingAbortRequest !== undefined) {
        resolveDeferred(stream.pendingAbortRequest.promise, undefined);
        stream.pendingAbortRequest = undefined;
      }
    }
    stream.state = 'closed';
    const writer = stream.writer;
    if (writer !== undefined) resolveDeferred(writer.closed, undefined);
  }
  function writableFinishInFlightCloseWithError(stream, error) {
    rejectDeferred(stream.inFlightCloseRequest, error);
    stream.inFlightCloseRequest = undefined;
    if (stream.pendingAbortRequest !== undefined) {
      rejectDeferred(stream.pendingAbortRequest.promise, error);
      stream.pendingAbortRequest = undefined;
    }
    writableDealWithRejection(stream, error);
  }
  function writableFinishInFlightWrite(stream) {
    resolveDeferred(stream.inFlightWriteRequest, undefined);
    stream.inFlightWriteRequest = undefined;
  }
  function writableFinishInFlightWriteWithError(stream, error) {
    rejectDeferred(stream.inFlightWriteRequest, error);
    stream.inFlightWriteRequest = undefined;
    writableDealWithRejection(stream, error);
  }
  function writableCloseQueuedOrInFlight(stream) {
    return stream.closeRequest !== undefined || stream.inFlightCloseRequest !== undefined;
  }
  function writableHasOperationMarkedInFlight(stream) {
    return stream.inFlightWriteRequest !== undefined || stream.inFlightCloseRequest !== undefined;
  }
  function writableRejectCloseAndClosedPromiseIfNeeded(stream) {
    if (stream.closeRequest !== undefined) {
      rejectDeferred(stream.closeRequest, stream.storedError);
      stream.closeRequest = undefined;
    }
    const writer = stream.writer;
    if (writer !== undefined) rejectDeferred(writer.closed, stream.storedError);
  }
  function writableStartErroring(stream, reason) {
    const controller = stream.controller;
    stream.state = 'erroring';
    stream.storedError = reason;
    const writer = stream.writer;
    if (writer !== undefined) writerEnsureReadyPromiseRejected(writer, reason);
    if (!writableHasOperationMarkedInFlight(stream) && controller.started) writableFinishErroring(stream);
  }
  function writableUpdateBackpressure(stream, backpressure) {
    const writer = stream.writer;
    if (writer !== undefined && backpressure !== stream.backpressure) {
      if (backpressure) writer.ready = handledDeferred();
      else resolveDeferred(writer.ready, undefined);
    }
    stream.backpressure = backpressure;
  }

  // --- Writers ---

  function acquireWriter(stream) {
    if (isWritableLocked(stream)) throw new TypeError('The WritableStream is locked to a writer; release it with `releaseLock()` first');
    const writer = { object: undefined, stream, ready: undefined, closed: undefined };
    stream.writer = writer;
    const state = stream.state;
    if (state === 'writable') {
      writer.ready = !writableCloseQueuedOrInFlight(stream) && stream.backpressure
        ? handledDeferred() : settledDeferred(PromiseResolve(undefined));
      writer.closed = handledDeferred();
    } else if (state === 'erroring') {
      writer.ready = settledDeferred(rejectedHandled(stream.storedError));
      writer.closed = handledDeferred();
    } else if (state === 'closed') {
      writer.ready = settledDeferred(PromiseResolve(undefined));
      writer.closed = settledDeferred(PromiseResolve(undefined));
    } else {
      writer.ready = settledDeferred(rejectedHandled(stream.storedError));
      writer.closed = settledDeferred(rejectedHandled(stream.storedError));
    }
    return writer;
  }
  function writerCloseWithErrorPropagation(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (writableCloseQueuedOrInFlight(stream) || state === 'closed') return PromiseResolve(undefined);
    if (state === 'errored') return PromiseReject(stream.storedError);
    return writableStreamClose(stream);
  }
  function writerEnsureClosedPromiseRejected(writer, error) {
    if (writer.closed.pending) rejectDeferred(writer.closed, error);
    else writer.closed = settledDeferred(rejectedHandled(error));
  }
  function writerEnsureReadyPromiseRejected(writer, error) {
    if (writer.ready.pending) rejectDeferred(writer.ready, error);
    else writer.ready = settledDeferred(rejectedHandled(error));
  }
  function writerDesiredSize(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (state === 'errored' || state === 'erroring') return null;
    if (state === 'closed') return 0;
    return writableDesiredSize(stream.controller);
  }
  function writerRelease(writer) {
    const stream = writer.stream;
    const releasedError = new TypeError('The writer was released, so its stream is no longer locked to it');
    writerEnsureReadyPromiseRejected(writer, releasedError);
    writerEnsureClosedPromiseRejected(writer, releasedError);
    stream.writer = undefined;
    writer.stream = undefined;
  }
  function writerWrite(writer, chunk) {
    const stream = writer.stream;
    const controller = stream.controller;
    const chunkSize = writableGetChunkSize(controller, chunk);
    if (stream !== writer.stream) return PromiseReject(new TypeError('The writer was released while the chunk\'s size was computed'));
    const state = stream.state;
    if (state === 'errored') return PromiseReject(stream.storedError);
    if (writableCloseQueuedOrInFlight(stream) || state === 'closed') {
      return PromiseReject(new TypeError('The WritableStream is closing or closed, so it cannot be written to'));
    }
    if (state === 'erroring') return PromiseReject(stream.storedError);
    const promise = writableAddWriteRequest(stream);
    writableControllerWrite(controller, chunk, chunkSize);
    return promise;
  }

  // --- WritableStreamDefaultController ---

  function newWritableController() {
    return {
      object: undefined, stream: undefined, queue: undefined, queueTotalSize: 0, signal: undefined, started: false,
      strategySizeAlgorithm: undefined, strategyHWM: 1, writeAlgorithm: undefined, closeAlgorithm: undefined,
      abortAlgorithm: undefined,
    };
  }
  function setUpWritableController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
    controller.stream = stream;
    stream.controller = controller;
    resetQueue(controller);
    controller.signal = createAbortSignal();
    controller.strategySizeAlgorithm = sizeAlgorithm;
    controller.strategyHWM = highWaterMark;
    controller.writeAlgorithm = writeAlgorithm;
    controller.closeAlgorithm = closeAlgorithm;
    controller.abortAlgorithm = abortAlgorithm;
    writableUpdateBackpressure(stream, writableGetBackpressure(controller));
    const startResult = startAlgorithm();
    upon(PromiseResolve(startResult), () => {
      controller.started = true;
      writableAdvanceQueueIfNeeded(controller);
    }, (reason) => {
      controller.started = true;
      writableDealWithRejection(stream, reason);
    });
  }
  function setUpWritableControllerFromSink(stream, sink, dict, highWaterMark, sizeAlgorithm) {
    const controller = newWritableController();
    controller.object = new WritableStreamDefaultController(INTERNAL, controller);
    const { start, write, close, abort } = dict;
    const startAlgorithm = start === undefined ? returnUndefined : () => ReflectApply(start, sink, [controller.object]);
    const writeAlgorithm = write === undefined ? resolvedUndefined : (chunk) => promiseCall(write, sink, [chunk, controller.object]);
    const closeAlgorithm = close === undefined ? resolvedUndefined : () => promiseCall(close, sink, []);
    const abortAlgorithm = abort === undefined ? resolvedUndefined : (reason) => promiseCall(abort, sink, [reason]);
    setUpWritableController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
  }
  // CreateWritableStream.
  function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark = 1, sizeAlgorithm = sizeOne) {
    const stream = newWritableRecord();
    makeWritableObject(stream);
    const controller = newWritableController();
    setUpWritableController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
    return stream;
  }
  function writableAdvanceQueueIfNeeded(controller) {
    const stream = controller.stream;
    if (!controller.started || stream.inFlightWriteRequest !== undefined) return;
    if (stream.state === 'erroring') {
      writableFinishErroring(stream);
      return;
    }
    if (controller.queue.size === 0) return;
    const value = controller.queue.peek().value;
    if (value === closeSentinel) writableProcessClose(controller);
    else writableProcessWrite(controller, value);
  }
  function writableClearAlgorithms(controller) {
    controller.writeAlgorithm = undefined;
    controller.closeAlgorithm = undefined;
    controller.abortAlgorithm = undefined;
    controller.strategySizeAlgorithm = undefined;
  }
  function writableControllerClose(controller) {
    enqueueValueWithSize(controller, closeSentinel, 0);
    writableAdvanceQueueIfNeeded(controller);
  }
  function writableControllerError(controller, error) {
    writableClearAlgorithms(controller);
    writableStartErroring(controller.stream, error);
  }
  function writableControllerErrorIfNeeded(controller, error) {
    if (controller.stream.state === 'writable') writableControllerError(controller, error);
  }
  function writableGetBackpressure(controller) {
    return writableDesiredSize(controller) <= 0;
  }
  function writableGetChunkSize(controller, chunk) {
    const sizeAlgorithm = controller.strategySizeAlgorithm;
    if (sizeAlgorithm === undefined) return 1;
    try {
      return sizeAlgorithm(chunk);
    } catch (error) {
      writableControllerErrorIfNeeded(controller, error);
      return 1;
    }
  }
  function writableDesiredSize(controller) {
    return controller.strategyHWM - controller.queueTotalSize;
  }
  function writableProcessClose(controller) {
    const stream = controller.stream;
    stream.inFlightCloseRequest = stream.closeRequest;
    stream.closeRequest = undefined;
    dequeueValue(controller);
    const closeAlgorithm = controller.closeAlgorithm;
    writableClearAlgorithms(controller);
    upon(closeAlgorithm(), () => writableFinishInFlightClose(stream),
      (reason) => writableFinishInFlightCloseWithError(stream, reason));
  }
  function writableProcessWrite(controller, chunk) {
    const stream = controller.stream;
    stream.inFlightWriteRequest = stream.writeRequests.shift();
    upon(controller.writeAlgorithm(chunk), () => {
      writableFinishInFlightWrite(stream);
      dequeueValue(controller);
      if (!writableCloseQueuedOrInFlight(stream) && stream.state === 'writable') {
        writableUpdateBackpressure(stream, writableGetBackpressure(controller));
      }
      writableAdvanceQueueIfNeeded(controller);
    }, (reason) => {
      if (stream.state === 'writable') writableClearAlgorithms(controller);
      writableFinishInFlightWriteWithError(stream, reason);
    });
  }
  function writableControllerWrite(controller, chunk, chunkSize) {
    try {
      enqueueValueWithSize(controller, chunk, chunkSize);
    } catch (error) {
      writableControllerErrorIfNeeded(controller, error);
      return;
    }
    const stream = controller.stream;
    if (!writableCloseQueuedOrInFlight(stream) && stream.state === 'writable') {
      writableUpdateBackpressure(stream, writableGetBackpressure(controller));
    }
    writableAdvanceQueueIfNeeded(controller);
  }

  // --- Public classes ---

  function thisWritable(object) {
    const stream = writableOf(object);
    if (stream === undefined) throw illegalInvocation();
    return stream;
  }

  class WritableStream {
    #stream;
    constructor(underlyingSink = undefined, strategy = undefined) {
      if (underlyingSink === INTERNAL) {
        this.#stream = strategy;
        return;
      }
      const sink = underlyingSink === undefined ? null : underlyingSink;
      if (sink !== null && !isObject(sink)) {
        throw new TypeError("Failed to construct 'WritableStream': The underlying sink is not an object");
      }
      const { highWaterMark, size } = queuingStrategy(strategy, "Failed to construct 'WritableStream': The strategy");
      // The UnderlyingSink dictionary, in Web IDL's order.
      const dict = { abort: undefined, close: undefined, start: undefined, type: undefined, write: undefined };
      if (sink !== null) {
        const what = "Failed to construct 'WritableStream': The underlying sink's";
        dict.abort = optionalCallback(sink.abort, `${what} abort`);
        dict.close = optionalCallback(sink.close, `${what} close`);
        dict.start = optionalCallback(sink.start, `${what} start`);
        dict.type = sink.type;
        dict.write = optionalCallback(sink.write, `${what} write`);
      }
      if (dict.type !== undefined) throw new RangeError("Failed to construct 'WritableStream': Invalid type is specified");
      const stream = newWritableRecord();
      stream.object = this;
      this.#stream = stream;
      const sizeAlgorithm = extractSizeAlgorithm(size);
      setUpWritableControllerFromSink(stream, sink, dict, extractHighWaterMark(highWaterMark, 1), sizeAlgorithm);
    }
    static {
      writableOf = (object) => (isObject(object) && #stream in object ? object.#stream : undefined);
      makeWritableObject = (stream) => {
        stream.object = new WritableStream(INTERNAL, stream);
      };
    }
    get locked() {
      return isWritableLocked(thisWritable(this));
    }
    abort(reason = undefined) {
      const stream = writableOf(this);
      if (stream === undefined) return PromiseReject(illegalInvocation());
      if (isWritableLocked(stream)) return PromiseReject(new TypeError('Cannot abort a WritableStream that is locked to a writer'));
      return writableStreamAbort(stream, reason);
    }
    close() {
      const stream = writableOf(this);
      if (stream === undefined) return PromiseReject(illegalInvocation());
      if (isWritableLocked(stream)) return PromiseReject(new TypeError('Cannot close a WritableStream that is locked to a writer'));
      if (writableCloseQueuedOrInFlight(stream)) return PromiseReject(new TypeError('The WritableStream is already closing'));
      return writableStreamClose(stream);
    }
    getWriter() {
      return new WritableStreamDefaultWriter(thisWritable(this).object);
    }
  }
  webClass(WritableStream);

  let writerOf;
  function thisWriter(object) {
    const writer = writerOf(object);
    if (writer === undefined) throw illegalInvocation();
    return writer;
  }
  class WritableStreamDefaultWriter {
    #writer;
    constructor(stream) {
      const record = writableArgument(stream, "Failed to construct 'WritableStreamDefaultWriter': parameter 1");
      const writer = acquireWriter(record);
      writer.object = this;
      this.#writer = writer;
    }
    static {
      writerOf = (object) => (isObject(object) && #writer in object ? object.#writer : undefined);
    }
    get closed() {
      return thisWriter(this).closed.promise;
    }
    get desiredSize() {
      const writer = thisWriter(this);
      if (writer.stream === undefined) throw new TypeError('The writer has been released');
      return writerDesiredSize(writer);
    }
    get ready() {
      return thisWriter(this).ready.promise;
    }
    abort(reason = undefined) {
      const writer = writerOf(this);
      if (writer === undefined) return PromiseReject(illegalInvocation());
      if (writer.stream === undefined) return PromiseReject(new TypeError('The writer has been released'));
      return writableStreamAbort(writer.stream, reason);
    }
    close() {
      const writer = writerOf(this);
      if (writer === undefined) return PromiseReject(illegalInvocation());
      const stream = writer.stream;
      if (stream === undefined) return PromiseReject(new TypeError('The writer has been released'));
      if (writableCloseQueuedOrInFlight(stream)) return PromiseReject(new TypeError('The WritableStream is already closing'));
      return writableStreamClose(stream);
    }
    releaseLock() {
      const writer = thisWriter(this);
      if (writer.stream === undefined) return;
      writerRelease(writer);
    }
    write(chunk = undefined) {
      const writer = writerOf(this);
      if (writer === undefined) return PromiseReject(illegalInvocation());
      if (writer.stream === undefined) return PromiseReject(new TypeError('The writer has been released'));
      return writerWrite(writer, chunk);
    }
  }
  webClass(WritableStreamDefaultWriter);

  let writableControllerOf;
  class WritableStreamDefaultController {
    #controller;
    constructor(key = undefined, controller = undefined) {
      if (key !== INTERNAL) throw illegalConstructor();
      this.#controller = controller;
    }
    static {
      writableControllerOf = (object) => {
        if (!(isObject(object) && #controller in object)) throw illegalInvocation();
        return object.#controller;
      };
    }
    get signal() {
      return writableControllerOf(this).signal;
    }
    error(error = undefined) {
      const controller = writableControllerOf(this);
      if (controller.stream.state !== 'writable') return;
      writableControllerError(controller, error);
    }
  }
  webClass(WritableStreamDefaultController);

  // =========================================================================================
  // TransformStream
  // =========================================================================================

  // Records: a stream {object, readable, writable, backpressure, backpressureChangePromise,
  // controller}; a controller {object, stream, transformAlgorithm, flushAlgorithm,
  // cancelAlgorithm, finishPromise}.

  function initializeTransformStream(stream, startPromise, writableHighWaterMark, writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm) {
    const startAlgorithm = () => startPromise;
    stream.writable = createWritableStream(startAlgorithm,
      (chunk) => transformSinkWrite(stream, chunk),
      () => transformSinkClose(stream),
      (reason) => transformSinkAbort(stream, reason),
      writableHighWaterMark, writableSizeAlgorithm);
    stream.readable = createReadableStream(startAlgorithm,
      () => transformSourcePull(stream),
      (reason) => transformSourceCancel(stream, reason),
      readableHighWaterMark, readableSizeAlgorithm);
    stream.backpressure = undefined;
    stream.backpressureChangePromise = undefined;
    transformSetBackpressure(stream, true);
    stream.controller = undefined;
  }
  function transformStreamError(stream, error) {
    defaultControllerError(stream.readable.controller, error);
    transformErrorWritableAndUnblockWrite(stream, error);
  }
  function transformErrorWritableAndUnblockWrite(stream, error) {
    transformClearAlgorithms(stream.controller);
    writableControllerErrorIfNeeded(stream.writable.controller, error);
    transformUnblockWrite(stream);
  }
  function transformUnblockWrite(stream) {
    if (stream.backpressure) transformSetBackpressure(stream, false);
  }
  function transformSetBackpressure(stream, backpressure) {
    if (stream.backpressureChangePromise !== undefined) resolveDeferred(stream.backpressureChangePromise, undefined);
    stream.backpressureChangePromise = deferred();
    stream.backpressure = backpressure;
  }
  function newTransformController() {
    return { object: undefined, stream: undefined, transformAlgorithm: undefined, flushAlgorithm: undefined, cancelAlgorithm: undefined, finishPromise: undefined };
  }
  function setUpTransformController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
    controller.stream = stream;
    stream.controller = controller;
    controller.transformAlgorithm = transformAlgorithm;
    controller.flushAlgorithm = flushAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
  }
  function transformClearAlgorithms(controller) {
    controller.transformAlgorithm = undefined;
    controller.flushAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
  }
  function transformControllerEnqueue(controller, chunk) {
    const stream = controller.stream;
    const readableController = stream.readable.controller;
    if (!defaultCanCloseOrEnqueue(readableController)) {
      throw new TypeError('The readable side of the TransformStream is closed or errored, so no more chunks can be enqueued');
    }
    try {
      defaultControllerEnqueue(readableController, chunk);
    } catch (error) {
      transformErrorWritableAndUnblockWrite(stream, error);
      throw stream.readable.storedError;
    }
    const backpressure = defaultHasBackpressure(readableController);
    if (backpressure !== stream.backpressure) transformSetBackpressure(stream, true);
  }
  function transformControllerTerminate(controller) {
    const stream = controller.stream;
    defaultControllerClose(stream.readable.controller);
    transformErrorWritableAndUnblockWrite(stream, new TypeError('The TransformStream was terminated'));
  }
  function transformPerformTransform(controller, chunk) {
    return promiseThen(controller.transformAlgorithm(chunk), undefined, (reason) => {
      transformStreamError(controller.stream, reason);
      throw reason;
    });
  }
  function transformSinkWrite(stream, chunk) {
    const controller = stream.controller;
    if (stream.backpressure) {
      return promiseThen(stream.backpressureChangePromise.promise, () => {
        const writable = stream.writable;
        if (writable.state === 'erroring') throw writable.storedError;
        return transformPerformTransform(controller, chunk);
      });
    }
    return transformPerformTransform(controller, chunk);
  }
  function transformSinkAbort(stream, reason) {
    const controller = stream.controller;
    if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
    const readable = stream.readable;
    controller.finishPromise = deferred();
    const cancelPromise = controller.cancelAlgorithm(reason);
    transformClearAlgorithms(controller);
    upon(cancelPromise, () => {
      if (readable.state === 'errored') {
        rejectDeferred(controller.finishPromise, readable.storedError);
      } else {
        defaultControllerError(readable.controller, reason);
        resolveDeferred(controller.finishPromise, undefined);
      }
    }, (error) => {
      defaultControllerError(readable.controller, error);
      rejectDeferred(controller.finishPromise, error);
    });
    return controller.finishPromise.promise;
  }
  function transformSinkClose(stream) {
    const controller = stream.controller;
    if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
    const readable = stream.readable;
    controller.finishPromise = deferred();
    const flushPromise = controller.flushAlgorithm();
    transformClearAlgorithms(controller);
    upon(flushPromise, () => {
      if (readable.state === 'errored') {
        rejectDeferred(controller.finishPromise, readable.storedError);
      } else {
        defaultControllerClose(readable.controller);
        resolveDeferred(controller.finishPromise, undefined);
      }
    }, (error) => {
      defaultControllerError(readable.controller, error);
      rejectDeferred(controller.finishPromise, error);
    });
    return controller.finishPromise.promise;
  }
  function transformSourceCancel(stream, reason) {
    const controller = stream.controller;
    if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
    const writable = stream.writable;
    controller.finishPromise = deferred();
    const cancelPromise = controller.cancelAlgorithm(reason);
    transformClearAlgorithms(controller);
    upon(cancelPromise, () => {
      if (writable.state === 'errored') {
        rejectDeferred(controller.finishPromise, writable.storedError);
      } else {
        writableControllerErrorIfNeeded(writable.controller, reason);
        transformUnblockWrite(stream);
        resolveDeferred(controller.finishPromise, undefined);
      }
    }, (error) => {
      writableControllerErrorIfNeeded(writable.controller, error);
      transformUnblockWrite(stream);
      rejectDeferred(controller.finishPromise, error);
    });
    return controller.finishPromise.promise;
  }
  function transformSourcePull(stream) {
    transformSetBackpressure(stream, false);
    return stream.backpressureChangePromise.promise;
  }

  let transformOf;
  class TransformStream {
    #stream;
    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      if (transformer === INTERNAL) {
        this.#stream = writableStrategy;
        return;
      }
      const source = transformer === undefined ? null : transformer;
      if (source !== null && !isObject(source)) {
        throw new TypeError("Failed to construct 'TransformStream': The transformer is not an object");
      }
      const writableStrategyDict = queuingStrategy(writableStrategy, "Failed to construct 'TransformStream': The writable strategy");
      const readableStrategyDict = queuingStrategy(readableStrategy, "Failed to construct 'TransformStream': The readable strategy");
      // The Transformer dictionary, in Web IDL's order.
      const dict = { cancel: undefined, flush: undefined, readableType: undefined, start: undefined, transform: undefined, writableType: undefined };
      if (source !== null) {
        const what = "Failed to construct 'TransformStream': The transformer's";
        dict.cancel = optionalCallback(source.cancel, `${what} cancel`);
        dict.flush = optionalCallback(source.flush, `${what} flush`);
        dict.readableType = source.readableType;
        dict.start = optionalCallback(source.start, `${what} start`);
        dict.transform = optionalCallback(source.transform, `${what} transform`);
        dict.writableType = source.writableType;
      }
      if (dict.readableType !== undefined) throw new RangeError("Failed to construct 'TransformStream': Invalid readableType is specified");
      if (dict.writableType !== undefined) throw new RangeError("Failed to construct 'TransformStream': Invalid writableType is specified");
      const readableHighWaterMark = extractHighWaterMark(readableStrategyDict.highWaterMark, 0);
      const readableSizeAlgorithm = extractSizeAlgorithm(readableStrategyDict.size);
      const writableHighWaterMark = extractHighWaterMark(writableStrategyDict.highWaterMark, 1);
      const writableSizeAlgorithm = extractSizeAlgorithm(writableStrategyDict.size);
      const startPromise = deferred();
      const stream = { object: this, readable: undefined, writable: undefined, backpressure: undefined, backpressureChangePromise: undefined, controller: undefined };
      this.#stream = stream;
      initializeTransformStream(stream, startPromise.promise, writableHighWaterMark, writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm);

      const controller = newTransformController();
      controller.object = new TransformStreamDefaultController(INTERNAL, controller);
      const { transform, flush, cancel } = dict;
      const transformAlgorithm = transform === undefined
        ? (chunk) => {
          try {
            transformControllerEnqueue(controller, chunk);
          } catch (error) {
            return PromiseReject(error);
          }
          return PromiseResolve(undefined);
        }
        : (chunk) => promiseCall(transform, source, [chunk, controller.object]);
      const flushAlgorithm = flush === undefined ? resolvedUndefined : () => promiseCall(flush, source, [controller.object]);
      const cancelAlgorithm = cancel === undefined ? resolvedUndefined : (reason) => promiseCall(cancel, source, [reason]);
      setUpTransformController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm);
      if (dict.start !== undefined) {
        resolveDeferred(startPromise, ReflectApply(dict.start, source, [controller.object]));
      } else {
        resolveDeferred(startPromise, undefined);
      }
    }
    static {
      transformOf = (object) => {
        if (!(isObject(object) && #stream in object)) throw illegalInvocation();
        return object.#stream;
      };
    }
    get readable() {
      return transformOf(this).readable.object;
    }
    get writable() {
      return transformOf(this).writable.object;
    }
  }
  webClass(TransformStream);

  let transformControllerOf;
  class TransformStreamDefaultController {
    #controller;
    constructor(key = undefined, controller = undefined) {
      if (key !== INTERNAL) throw illegalConstructor();
      this.#controller = controller;
    }
    static {
      transformControllerOf = (object) => {
        if (!(isObject(object) && #controller in object)) throw illegalInvocation();
        return object.#controller;
      };
    }
    get desiredSize() {
      return defaultDesiredSize(transformControllerOf(this).stream.readable.controller);
    }
    enqueue(chunk = undefined) {
      transformControllerEnqueue(transformControllerOf(this), chunk);
    }
    error(reason = undefined) {
      transformStreamError(transformControllerOf(this).stream, reason);
    }
    terminate() {
      transformControllerTerminate(transformControllerOf(this));
    }
  }
  webClass(TransformStreamDefaultController);

  // A TransformStream driven by the runtime's own algorithms (TextEncoderStream,
  // CompressionStream, ...): `transform(chunk, controller)`, `flush(controller)` and
  // `cancel(reason)` return promises or values; `controller` is an internal handle with
  // `enqueue(chunk)`, `error(reason)`, `terminate()` and `waitForDemand()`.
  function createTransformStream(algorithms, writableHighWaterMark = 1, readableHighWaterMark = 0) {
    const stream = { object: undefined, readable: undefined, writable: undefined, backpressure: undefined, backpressureChangePromise: undefined, controller: undefined };
    stream.object = new TransformStream(INTERNAL, stream);
    const startPromise = PromiseResolve(undefined);
    initializeTransformStream(stream, startPromise, writableHighWaterMark, sizeOne, readableHighWaterMark, sizeOne);
    const controller = newTransformController();
    const handle = {
      enqueue: (chunk) => transformControllerEnqueue(controller, chunk),
      error: (reason) => transformStreamError(stream, reason),
      terminate: () => transformControllerTerminate(controller),
      // A promise that settles once the readable side wants more, or undefined if it does.
      waitForDemand: () => (stream.backpressure ? stream.backpressureChangePromise.promise : undefined),
    };
    const { transform, flush, cancel } = algorithms;
    const call = (fn, args) => {
      try {
        return PromiseResolve(ReflectApply(fn, undefined, args));
      } catch (error) {
        return PromiseReject(error);
      }
    };
    setUpTransformController(stream, controller,
      (chunk) => call(transform, [chunk, handle]),
      flush === undefined ? resolvedUndefined : () => call(flush, [handle]),
      cancel === undefined ? resolvedUndefined : (reason) => call(cancel, [reason]));
    return stream.object;
  }

  // =========================================================================================
  // Queuing strategies
  // =========================================================================================

  // The `size` functions are the same object for every strategy, as the standard says;
  // methods have the right name and length and are not constructors.
  const byteLengthSize = ({ size(chunk) { return chunk.byteLength; } }).size;
  const countSize = ({ size() { return 1; } }).size;

  function strategyInit(init, what) {
    if (init !== undefined && init !== null && !isObject(init)) throw new TypeError(`Failed to construct '${what}': The init is not an object`);
    const highWaterMark = init == null ? undefined : init.highWaterMark;
    if (highWaterMark === undefined) {
      throw new TypeError(`Failed to construct '${what}': Required member highWaterMark is undefined`);
    }
    return +highWaterMark;
  }

  let byteLengthHighWaterMark;
  class ByteLengthQueuingStrategy {
    #highWaterMark;
    constructor(init) {
      this.#highWaterMark = strategyInit(init, 'ByteLengthQueuingStrategy');
    }
    static {
      byteLengthHighWaterMark = (object) => {
        if (!(isObject(object) && #highWaterMark in object)) throw illegalInvocation();
        return object.#highWaterMark;
      };
    }
    get highWaterMark() {
      return byteLengthHighWaterMark(this);
    }
    get size() {
      byteLengthHighWaterMark(this);
      return byteLengthSize;
    }
  }
  webClass(ByteLengthQueuingStrategy);

  let countHighWaterMark;
  class CountQueuingStrategy {
    #highWaterMark;
    constructor(init) {
      this.#highWaterMark = strategyInit(init, 'CountQueuingStrategy');
    }
    static {
      countHighWaterMark = (object) => {
        if (!(isObject(object) && #highWaterMark in object)) throw illegalInvocation();
        return object.#highWaterMark;
      };
    }
    get highWaterMark() {
      return countHighWaterMark(this);
    }
    get size() {
      countHighWaterMark(this);
      return countSize;
    }
  }
  webClass(CountQueuingStrategy);

  // =========================================================================================
  // For the rest of the runtime (Blob, Request, Response, fetch, encoding and compression
  // streams). None of these use the public prototypes, which user code may change.
  // =========================================================================================

  function streamArgument(value) {
    const stream = readableOf(value);
    if (stream === undefined) throw new TypeError('Expected a ReadableStream');
    return stream;
  }

  // A byte stream whose controller is an internal handle. `source` has optional
  // `start(controller)`, `pull(controller)` (may return a promise; called when the stream
  // wants more) and `cancel(reason)`. `controller.enqueue(uint8Array)` takes the chunk's
  // buffer (it is transferred, so pass a buffer nobody else holds); `controller.close()`,
  // `controller.error(reason)`, `controller.desiredSize` and `controller.byobRequest` (the
  // view a BYOB read wants filled, or null; answer with `controller.respond(bytesWritten)`).
  function createByteStream(source, highWaterMark = 0) {
    const stream = newReadableRecord();
    makeReadableObject(stream);
    const controller = newByteController();
    const handle = {
      enqueue(chunk) {
        if (controller.closeRequested || stream.state !== 'readable') return;
        if (viewParts(chunk).byteLength === 0) return;
        byteControllerEnqueue(controller, chunk);
      },
      close() {
        if (controller.closeRequested || stream.state !== 'readable') return;
        byteControllerClose(controller);
        if (controller.pendingPullIntos.size > 0 && stream.state === 'closed') byteRespond(controller, 0);
      },
      error(reason) {
        byteControllerError(controller, reason);
      },
      get desiredSize() {
        return byteDesiredSize(controller);
      },
      get byobRequest() {
        const request = byteGetBYOBRequest(controller);
        return request === null ? null : request.view;
      },
      respond(bytesWritten) {
        byteRespond(controller, bytesWritten);
      },
    };
    const { start, pull, cancel } = source;
    const call = (fn, args) => {
      try {
        return PromiseResolve(ReflectApply(fn, source, args));
      } catch (error) {
        return PromiseReject(error);
      }
    };
    setUpByteController(stream, controller,
      start === undefined ? returnUndefined : () => ReflectApply(start, source, [handle]),
      pull === undefined ? resolvedUndefined : () => call(pull, [handle]),
      cancel === undefined ? resolvedUndefined : (reason) => call(cancel, [reason]),
      highWaterMark, undefined);
    return stream.object;
  }

  // Reads every chunk of `stream` (each must be a Uint8Array) into one Uint8Array. Rejects
  // with a TypeError if the stream is locked, errors, or yields anything else, and with a
  // RangeError (after cancelling the stream) once it yields more than `limit` bytes. The
  // result is the only chunk itself when the stream yields one chunk that spans its whole
  // buffer, otherwise a new array.
  function readAllBytes(object, limit = Infinity) {
    let stream;
    let reader;
    try {
      stream = streamArgument(object);
      reader = acquireDefaultReader(stream);
    } catch (error) {
      return PromiseReject(error);
    }
    const { promise, resolve, reject } = PromiseWithResolvers();
    const chunks = [];
    let total = 0;
    let done = false;
    let reading = false;
    let readAgain = false;
    function fail(error) {
      done = true;
      markHandled(readableStreamCancel(stream, error));
      defaultReaderRelease(reader);
      reject(error);
    }
    const request = {
      chunk(chunk) {
        if (!isUint8Array(chunk)) {
          fail(new TypeError('The stream yielded a chunk that is not a Uint8Array'));
          return;
        }
        total += typedArrayByteLength(chunk);
        if (total > limit) {
          fail(new RangeError(`The stream is larger than the limit of ${limit} bytes`));
          return;
        }
        chunks[chunks.length] = chunk;
        pump();
      },
      close() {
        done = true;
        defaultReaderRelease(reader);
        if (chunks.length === 1 && typedArrayByteOffset(chunks[0]) === 0 &&
            bufferByteLength(typedArrayBuffer(chunks[0])) === total) {
          resolve(chunks[0]);
          return;
        }
        const bytes = new Uint8Array(total);
        let offset = 0;
        for (let index = 0; index < chunks.length; index++) {
          typedArraySet(bytes, chunks[index], offset);
          offset += typedArrayByteLength(chunks[index]);
        }
        resolve(bytes);
      },
      error(error) {
        done = true;
        defaultReaderRelease(reader);
        reject(error);
      },
    };
    // A loop rather than recursion: queued chunks arrive synchronously.
    function pump() {
      if (reading) {
        readAgain = true;
        return;
      }
      reading = true;
      do {
        readAgain = false;
        defaultReaderRead(reader, request);
      } while (readAgain && !done);
      reading = false;
    }
    pump();
    return promise;
  }

  // A reader that does not go through the public prototypes: `read()` gives a promise of
  // `{ value, done }`, `cancel(reason)` and `releaseLock()`.
  function getStreamReader(object) {
    const reader = acquireDefaultReader(streamArgument(object));
    return {
      read: () => {
        if (reader.stream === undefined) return PromiseReject(new TypeError('The reader has been released'));
        return readWithPromise((request) => defaultReaderRead(reader, request));
      },
      cancel: (reason) => {
        if (reader.stream === undefined) return PromiseReject(new TypeError('The reader has been released'));
        return genericCancel(reader, reason);
      },
      releaseLock: () => {
        if (reader.stream !== undefined) defaultReaderRelease(reader);
      },
      get closed() {
        return reader.closed.promise;
      },
    };
  }

  // internals.isReadableStream(value) -> boolean
  internals.isReadableStream = (value) => readableOf(value) !== undefined;
  // internals.newReadableStream(source, strategy) -> `new ReadableStream(source, strategy)`, with
  // the runtime's class whatever the code did to the global.
  internals.newReadableStream = (source, strategy = undefined) => new ReadableStream(source, strategy);
  // internals.isWritableStream(value) -> boolean
  internals.isWritableStream = (value) => writableOf(value) !== undefined;
  // internals.isReadableStreamLocked(stream) -> boolean (a reader holds it)
  internals.isReadableStreamLocked = (stream) => isLocked(streamArgument(stream));
  // internals.isReadableStreamDisturbed(stream) -> boolean (it was read from or cancelled)
  internals.isReadableStreamDisturbed = (stream) => streamArgument(stream).disturbed;
  internals.readableStreamIsDisturbed = internals.isReadableStreamDisturbed;
  // internals.readableStreamCancel(stream, reason) -> Promise<undefined>, even if locked
  internals.readableStreamCancel = (stream, reason) => readableStreamCancel(streamArgument(stream), reason);
  // internals.readableStreamTee(stream, cloneForBranch2 = false) -> [ReadableStream, ReadableStream]
  // (a Response or Request clone passes true: the second branch gets structured clones)
  internals.readableStreamTee = (stream, cloneForBranch2 = false) => {
    const branches = readableStreamTee(streamArgument(stream), cloneForBranch2);
    return [branches[0].object, branches[1].object];
  };
  // internals.readableStreamFromChunks(chunks: Uint8Array[]) -> a byte ReadableStream that
  // yields the non-empty chunks in order and closes; the chunks' buffers are transferred.
  internals.readableStreamFromChunks = (chunks) => createByteStream({
    start(controller) {
      for (let index = 0; index < chunks.length; index++) controller.enqueue(chunks[index]);
      controller.close();
    },
  });
  // internals.createByteStream({ start?, pull?, cancel? }, highWaterMark = 0) -> ReadableStream
  internals.createByteStream = createByteStream;
  // internals.readAllBytes(stream, limit = Infinity) -> Promise<Uint8Array>
  internals.readAllBytes = readAllBytes;
  // internals.getStreamReader(stream) -> { read(), cancel(reason), releaseLock(), closed }
  internals.getStreamReader = getStreamReader;
  // internals.pipeTo(source, destination, { preventClose, preventAbort, preventCancel, signal })
  // -> Promise<undefined> (throws a TypeError if either is locked)
  internals.pipeTo = (source, destination, options = undefined) => {
    const sourceRecord = streamArgument(source);
    const dest = writableArgument(destination, 'The destination');
    const { preventAbort, preventCancel, preventClose, signal } = pipeOptions(options);
    if (isLocked(sourceRecord) || isWritableLocked(dest)) throw new TypeError('Cannot pipe a locked stream');
    return readableStreamPipeTo(sourceRecord, dest, preventClose, preventAbort, preventCancel, signal);
  };
  // internals.createTransformStream({ transform(chunk, controller), flush?(controller),
  // cancel?(reason) }, writableHighWaterMark = 1, readableHighWaterMark = 0) -> TransformStream
  internals.createTransformStream = createTransformStream;
  // internals.transformStreamParts(transformStream) -> [readable, writable], for the
  // `readable` and `writable` getters of TextEncoderStream and friends.
  internals.transformStreamParts = (object) => {
    const stream = transformOf(object);
    return [stream.readable.object, stream.writable.object];
  };

  // What IdentityTransformStream (`streams/identity.js`) builds on: the class it extends,
  // internals.newWritableStream(sink, strategy) -> `new WritableStream(sink, strategy)`, and
  // internals.transformStreamSides(readable, writable) -> the arguments of `super(...)` for a
  // subclass of TransformStream whose sides are these two streams; it then calls the returned
  // `own(this)`.
  internals.TransformStream = TransformStream;
  internals.newWritableStream = (sink, strategy = undefined) => new WritableStream(sink, strategy);
  internals.transformStreamSides = (readable, writable) => {
    const stream = { object: undefined, readable: readableOf(readable), writable: writableOf(writable), backpressure: undefined, backpressureChangePromise: undefined, controller: undefined };
    return [INTERNAL, stream, (object) => { stream.object = object; }];
  };

  defineGlobal('ReadableStream', ReadableStream);
  defineGlobal('ReadableStreamDefaultReader', ReadableStreamDefaultReader);
  defineGlobal('ReadableStreamBYOBReader', ReadableStreamBYOBReader);
  defineGlobal('ReadableStreamBYOBRequest', ReadableStreamBYOBRequest);
  defineGlobal('ReadableStreamDefaultController', ReadableStreamDefaultController);
  defineGlobal('ReadableByteStreamController', ReadableByteStreamController);
  defineGlobal('WritableStream', WritableStream);
  defineGlobal('WritableStreamDefaultWriter', WritableStreamDefaultWriter);
  defineGlobal('WritableStreamDefaultController', WritableStreamDefaultController);
  defineGlobal('TransformStream', TransformStream);
  defineGlobal('TransformStreamDefaultController', TransformStreamDefaultController);
  defineGlobal('ByteLengthQueuingStrategy', ByteLengthQueuingStrategy);
  defineGlobal('CountQueuingStrategy', CountQueuingStrategy);
});
