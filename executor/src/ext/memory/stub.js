//# allFunctionsCalledOnLoad
// Memory that V8 takes for the code outside the ArrayBuffer allocator (resizable
// ArrayBuffers, growable SharedArrayBuffers, WebAssembly memories, pending
// `Atomics.waitAsync` waiters) is counted against the run's memory limit as soon as V8
// commits it, before the code can touch a byte of it: `js/lazy/memory.js` guards each way
// to take such memory. It loads when the first resizable ArrayBuffer is made, or on the first
// read of SharedArrayBuffer or WebAssembly. Runs last, after every other script took the
// builtins it uses.
(function (globalThis, host, internals) {
  'use strict';

  const ReflectConstruct = Reflect.construct;
  const ReflectApply = Reflect.apply;
  const ObjectDefineProperty = Object.defineProperty;
  const OriginalArrayBuffer = ArrayBuffer;
  const ArrayBufferPrototype = ArrayBuffer.prototype;
  const ArrayBufferPrototypeGetResizable =
    Object.getOwnPropertyDescriptor(ArrayBufferPrototype, 'resizable').get;

  const builtins = { ArrayBuffer: OriginalArrayBuffer, Atomics, guards: undefined };
  const load = internals.lazyUnit(['memory/guards.js'], undefined, builtins);

  // Any ArrayBuffer leads to ArrayBuffer.prototype.constructor, so the constructor is guarded
  // from the start; its guard only looks at buffers made with options.
  const guardedArrayBuffer = new Proxy(OriginalArrayBuffer, {
    construct(target, args, newTarget) {
      const buffer = ReflectConstruct(target, args, newTarget);
      if (args.length > 1 && ReflectApply(ArrayBufferPrototypeGetResizable, buffer, [])) {
        load();
        builtins.guards.resizableCreated(buffer);
      }
      return buffer;
    },
  });
  ObjectDefineProperty(ArrayBufferPrototype, 'constructor', {
    value: guardedArrayBuffer, writable: true, enumerable: false, configurable: true,
  });
  internals.defineGlobal('ArrayBuffer', guardedArrayBuffer);

  // V8 adds SharedArrayBuffer and WebAssembly to each context after the snapshot; the host
  // makes them lazy there (`memory.rs`), and the first read of either calls this with V8's
  // objects.
  internals.guardGlobal = (name, originals) => {
    load();
    return builtins.guards.global(name, originals[0], originals[1]);
  };
});
