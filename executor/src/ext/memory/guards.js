//# allFunctionsCalledOnLoad
// Guards on every way the code can make V8 take memory outside the ArrayBuffer allocator
// (`memory/stub.js` loads this unit). V8 commits such memory without asking the embedder:
// pages of resizable ArrayBuffers and growable SharedArrayBuffers (the constructor, `resize`,
// `grow`, `transfer`), WebAssembly memories (the constructor, `grow`, `toResizableBuffer`
// and `resize`, and what a module of the map defines or grows from inside WebAssembly).
// (Pending `Atomics.waitAsync` waiters are counted by the wrapper in `timers/stub.js`, which
// exists from the snapshot on, so no copy of the function escapes the count.) Each guard runs
// the original and then counts what it committed with `host.memoryCharge`, before any code can touch the new
// pages (committed pages cost the process nothing until they are written). When the charge
// does not fit the run is stopped for memory (and the guard throws a RangeError, which the
// stop overrides).
//
// Page memory is counted from when it is committed until the run ends, even if the buffer
// shrinks or is collected: a buffer's pages can outlive the object that made them (a
// transfer, a WebAssembly memory's many buffers), and counting them once is simpler to trust.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferPrototype, ArrayBufferPrototypeGetByteLength, ArrayBufferPrototypeGetResizable, ArrayPrototypeFilter,
    MathCeil, ObjectDefineProperty, ObjectFreeze, ObjectGetOwnPropertyDescriptor, ObjectSetPrototypeOf, Proxy,
    RangeError, ReflectApply, ReflectConstruct, ReflectGet, WeakMap, WeakMapPrototypeGet, WeakMapPrototypeSet,
    WeakSet, WeakSetPrototypeAdd, WeakSetPrototypeHas, uncurryThis,
  } = primordials;
  const memoryCharge = host.memoryCharge;
  const wasmGrow = host.wasmGrow;

  // The getter `object[name]`, uncurried: `getter(object, name)(value)`.
  const getter = (object, name) => uncurryThis(ObjectGetOwnPropertyDescriptor(object, name).get);
  // Set by `guardSharedArrayBuffer` (a shared WebAssembly memory's buffer is one too).
  let sharedByteLength;

  // V8 commits whole pages of the operating system (4 KiB on Linux) for resizable buffers.
  const PAGE = 4096;
  const pages = (bytes) => MathCeil(bytes / PAGE) * PAGE;

  function charge(bytes) {
    if (bytes > 0 && !memoryCharge(bytes)) {
      throw new RangeError('Array buffer allocation failed: the memory limit is reached');
    }
  }

  // Pages counted so far for each buffer whose pages V8 commits itself (high-water marks: a
  // buffer that shrinks keeps its count).
  const counted = new WeakMap();
  function countPages(buffer, byteLength) {
    const now = pages(byteLength);
    const before = WeakMapPrototypeGet(counted, buffer) ?? 0;
    if (now > before) {
      WeakMapPrototypeSet(counted, buffer, now);
      charge(now - before);
    }
  }

  // Replaces `object[name]` (a method) by `guard`, keeping its name, length and attributes.
  function replaceMethod(object, name, guard) {
    const descriptor = ObjectSetPrototypeOf(ObjectGetOwnPropertyDescriptor(object, name), null);
    const original = descriptor.value;
    ObjectDefineProperty(guard, 'name', { __proto__: null, value: original.name, configurable: true });
    ObjectDefineProperty(guard, 'length', { __proto__: null, value: original.length, configurable: true });
    descriptor.value = guard;
    ObjectDefineProperty(object, name, descriptor);
    return original;
  }

  // Replaces the value of `object[name]`, keeping its attributes.
  function replaceValue(object, name, value) {
    const descriptor = ObjectSetPrototypeOf(ObjectGetOwnPropertyDescriptor(object, name), null);
    descriptor.value = value;
    ObjectDefineProperty(object, name, descriptor);
  }

  // ---- Resizable ArrayBuffers --------------------------------------------------------
  const guards = {
    resizableCreated(buffer) {
      countPages(buffer, ArrayBufferPrototypeGetByteLength(buffer));
    },
    // The guarded version of V8's `SharedArrayBuffer` or `WebAssembly` global, given both.
    global(name, originalSharedArrayBuffer, originalWebAssembly) {
      guardSharedArrayBuffer(originalSharedArrayBuffer);
      if (name === 'SharedArrayBuffer') return guardedSharedArrayBuffer;
      return guardWebAssembly(originalWebAssembly);
    },
  };
  internals.memoryGuards = guards;

  const originalResize = replaceMethod(ArrayBufferPrototype, 'resize', function (newLength) {
    const result = ReflectApply(originalResize, this, arguments);
    countPages(this, ArrayBufferPrototypeGetByteLength(this));
    return result;
  });
  // A transfer may give the new buffer pages of its own; count them as new.
  function guardTransfer(name) {
    const original = replaceMethod(ArrayBufferPrototype, name, function () {
      const resizable = ArrayBufferPrototypeGetResizable(this);
      const result = ReflectApply(original, this, arguments);
      if (resizable || ArrayBufferPrototypeGetResizable(result)) {
        countPages(result, ArrayBufferPrototypeGetByteLength(result));
      }
      return result;
    });
  }
  guardTransfer('transfer');
  guardTransfer('transferToFixedLength');

  // ---- Growable SharedArrayBuffers ---------------------------------------------------
  let guardedSharedArrayBuffer;
  function guardSharedArrayBuffer(OriginalSharedArrayBuffer) {
    if (guardedSharedArrayBuffer !== undefined) return guardedSharedArrayBuffer;
    const SharedArrayBufferPrototype = OriginalSharedArrayBuffer.prototype;
    sharedByteLength = getter(SharedArrayBufferPrototype, 'byteLength');
    const sharedGrowable = getter(SharedArrayBufferPrototype, 'growable');
    guardedSharedArrayBuffer = new Proxy(OriginalSharedArrayBuffer, {
      __proto__: null,
      construct(target, args, newTarget) {
        const buffer = ReflectConstruct(target, args, newTarget);
        if (args.length > 1 && sharedGrowable(buffer)) {
          countPages(buffer, sharedByteLength(buffer));
        }
        return buffer;
      },
    });
    replaceValue(SharedArrayBufferPrototype, 'constructor', guardedSharedArrayBuffer);
    const originalGrow = replaceMethod(SharedArrayBufferPrototype, 'grow', function (newLength) {
      const result = ReflectApply(originalGrow, this, arguments);
      countPages(this, sharedByteLength(this));
      return result;
    });
    return guardedSharedArrayBuffer;
  }

  // ---- WebAssembly memories and modules ---------------------------------------------
  let guardedWebAssembly;
  function guardWebAssembly(webAssembly) {
    if (guardedWebAssembly !== undefined) return guardedWebAssembly;
    guardedWebAssembly = webAssembly;
    const Memory = webAssembly.Memory;
    const MemoryPrototype = Memory.prototype;
    const memoryBuffer = getter(MemoryPrototype, 'buffer');
    // The byte length of a memory's buffer, shared or not.
    function memoryBytes(memory) {
      const buffer = memoryBuffer(memory);
      try {
        return ArrayBufferPrototypeGetByteLength(buffer);
      } catch {
        return sharedByteLength(buffer);
      }
    }
    // Bytes counted for each memory made in JavaScript.
    const memories = new WeakMap();
    function countMemory(memory) {
      const now = memoryBytes(memory);
      const before = WeakMapPrototypeGet(memories, memory) ?? 0;
      if (now > before) {
        WeakMapPrototypeSet(memories, memory, now);
        charge(now - before);
      }
    }
    const guardedMemory = new Proxy(Memory, {
      __proto__: null,
      construct(target, args, newTarget) {
        const memory = ReflectConstruct(target, args, newTarget);
        countMemory(memory);
        return memory;
      },
    });
    ObjectDefineProperty(MemoryPrototype, 'constructor', {
      __proto__: null, value: guardedMemory, writable: true, enumerable: false, configurable: true,
    });
    replaceValue(webAssembly, 'Memory', guardedMemory);
    const originalMemoryGrow = replaceMethod(MemoryPrototype, 'grow', function (delta) {
      const result = ReflectApply(originalMemoryGrow, this, arguments);
      countMemory(this);
      return result;
    });
    // A memory's resizable buffer grows the memory itself when resized: count from its size.
    const wasmBuffers = new WeakSet();
    if (MemoryPrototype.toResizableBuffer !== undefined) {
      const original = replaceMethod(MemoryPrototype, 'toResizableBuffer', function () {
        const buffer = ReflectApply(original, this, arguments);
        if (!WeakSetPrototypeHas(wasmBuffers, buffer)) {
          WeakSetPrototypeAdd(wasmBuffers, buffer);
          countMemory(this);
          const bytes = memoryBytes(this);
          if ((WeakMapPrototypeGet(counted, buffer) ?? 0) < pages(bytes)) {
            WeakMapPrototypeSet(counted, buffer, pages(bytes));
          }
        }
        return buffer;
      });
    }

    // ---- WebAssembly modules of the map --------------------------------------------------
    // The host rewrote each `wasm` module of the map so that every `memory.grow` first calls
    // an import that counts the growth (and makes it fail when it does not fit), and its start
    // counts the memories it defines (`modules/wasm.rs`). Instantiation supplies that import; the
    // module's own imports read as they were written.
    const GROW_MODULE = 'sandbox:memory';
    const GROW_NAME = 'grow';
    const Module = webAssembly.Module;
    const moduleImports = Module.imports;
    // A function of the runtime, not the host function itself: a module that imports it under
    // this name and exports it hands it to the code.
    const grow = (delta, pageSizeLog2) => wasmGrow(delta, pageSizeLog2);
    const growImports = ObjectFreeze({ __proto__: null, [GROW_NAME]: grow });
    function isGrowImport(entry) {
      return entry.module === GROW_MODULE && entry.name === GROW_NAME;
    }
    function usesGrow(module) {
      let imports;
      try {
        imports = ReflectApply(moduleImports, Module, [module]);
      } catch {
        return false;
      }
      const last = imports[imports.length - 1];
      return last !== undefined && isGrowImport(last);
    }
    // The import object V8 reads: the code's own, plus the grow import.
    function withGrow(importObject) {
      const target = importObject !== null && typeof importObject === 'object' ? importObject : {};
      return new Proxy(target, {
        __proto__: null,
        get(object, key, receiver) {
          if (key === GROW_MODULE) return growImports;
          return ReflectGet(object, key);
        },
      });
    }
    replaceMethod(Module, 'imports', function (module) {
      const entries = ReflectApply(moduleImports, this, arguments);
      return ArrayPrototypeFilter(entries, (entry) => !isGrowImport(entry));
    });
    const Instance = webAssembly.Instance;
    const guardedInstance = new Proxy(Instance, {
      __proto__: null,
      construct(target, args, newTarget) {
        if (args.length > 0 && usesGrow(args[0])) {
          args = [args[0], withGrow(args[1])];
        }
        return ReflectConstruct(target, args, newTarget);
      },
    });
    ObjectDefineProperty(Instance.prototype, 'constructor', {
      __proto__: null, value: guardedInstance, writable: true, enumerable: false, configurable: true,
    });
    replaceValue(webAssembly, 'Instance', guardedInstance);
    const originalInstantiate = replaceMethod(webAssembly, 'instantiate', function (source, importObject) {
      if (arguments.length > 0 && usesGrow(source)) {
        return ReflectApply(originalInstantiate, this, [source, withGrow(importObject)]);
      }
      return ReflectApply(originalInstantiate, this, arguments);
    });
    return webAssembly;
  }
});
