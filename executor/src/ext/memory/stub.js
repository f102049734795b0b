//# allFunctionsCalledOnLoad
// Memory that V8 takes for the code outside the ArrayBuffer allocator (resizable
// ArrayBuffers, growable SharedArrayBuffers, WebAssembly memories, pending
// `Atomics.waitAsync` waiters) is counted against the run's memory limit as soon as V8
// commits it, before the code can touch a byte of it: `memory/guards.js` guards each way
// to take such memory. It loads when the first resizable ArrayBuffer is made, or on the first
// read of SharedArrayBuffer or WebAssembly. Runs last, so that the global `ArrayBuffer` is the
// guarded one only for the code (the runtime's scripts use the primordials' original).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBuffer, ArrayBufferPrototype, ArrayBufferPrototypeGetResizable, ObjectDefineProperty, Proxy,
    ReflectConstruct,
  } = primordials;

  // Defines `internals.memoryGuards`.
  const load = internals.lazyUnit(['memory/guards.js']);

  // Any ArrayBuffer leads to ArrayBuffer.prototype.constructor, so the constructor is guarded
  // from the start; its guard only looks at buffers made with options.
  const guardedArrayBuffer = new Proxy(ArrayBuffer, {
    __proto__: null,
    construct(target, args, newTarget) {
      const buffer = ReflectConstruct(target, args, newTarget);
      if (args.length > 1 && ArrayBufferPrototypeGetResizable(buffer)) {
        load();
        internals.memoryGuards.resizableCreated(buffer);
      }
      return buffer;
    },
  });
  ObjectDefineProperty(ArrayBufferPrototype, 'constructor', {
    __proto__: null, value: guardedArrayBuffer, writable: true, enumerable: false, configurable: true,
  });
  internals.defineGlobal('ArrayBuffer', guardedArrayBuffer);

  // V8 adds SharedArrayBuffer and WebAssembly to each context after the snapshot; the host
  // makes them lazy there (`memory/host.rs`), and the first read of either calls this with
  // V8's objects.
  internals.guardGlobal = (name, originals) => {
    load();
    return internals.memoryGuards.global(name, originals[0], originals[1]);
  };
});
