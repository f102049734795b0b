//# allFunctionsCalledOnLoad
// Lazy units: scripts of the runtime that run on first use instead of at snapshot time, and
// the globals and `internals` functions that load them.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { ObjectDefineProperty, ReflectApply, ReflectGetOwnPropertyDescriptor, String, TypeError } = primordials;

  // Most sandboxes never touch fetch, URL, events, streams or crypto.subtle, and every object
  // the runtime creates at snapshot time costs every sandbox its deserialization. So those
  // scripts are not run at snapshot time: `ext/manifest.rs` lists them as lazy scripts, and
  // the first use of one of their globals runs them (from a code cache, `host.loadLazyScript`).

  const loadLazyScript = host.loadLazyScript;
  // internals.lazyUnit(scripts, before?) -> load(): the first call runs `before()` (to load
  // the units this one uses), then each lazy script named in `scripts` (`'fetch/headers.js'`,
  // as `ext/manifest.rs` lists it), each with `(globalThis, host, internals, primordials)`:
  // the builtins as they were when the snapshot was made, whatever the code did since. Later
  // calls do nothing.
  function lazyUnit(scripts, before = undefined) {
    let state = 0; // 0 not loaded, 1 loading, 2 loaded
    return function load() {
      if (state !== 0) return;
      state = 1;
      try {
        if (before !== undefined) before();
        for (let index = 0; index < scripts.length; index++) {
          ReflectApply(loadLazyScript(scripts[index]), undefined, [globalThis, host, internals, primordials]);
        }
        state = 2;
      } catch (error) {
        state = 0;
        throw error;
      }
    };
  }

  // Placeholders that build_context (runtime/snapshot.rs) turns into V8 lazy data properties:
  // `[object, name, attributes]`. Such a property looks like a data property with its final
  // attributes to every observer; the first read calls `lazyGet(object, name)` and V8 stores
  // what it returns; an assignment first simply replaces it.
  const lazyProperties = [];
  const READ_ONLY = 1, DONT_ENUM = 2;
  // `{ object, name, load, value, enumerable, writable, getting }` for each lazy property. (Not a Map
  // keyed by object: the global proxy is made anew for each context, without its hash.)
  const lazyRecords = [];
  // The property being probed by `stillLazy`, whose getter then only reports that it ran.
  let probeObject = null;
  let probeName = null;
  let probed = false;

  function lazyRecord(object, name) {
    for (let index = 0; index < lazyRecords.length; index++) {
      const record = lazyRecords[index];
      if (record.object === object && record.name === name) return record;
    }
    throw new TypeError(`${String(name)} is not a lazy property`);
  }

  // internals.lazyProperty(object, name, load, enumerable = false, writable = true): makes
  // `object[name]` a lazy data property whose first read calls `load()`, which must call
  // `internals.lazyDefine(object, name, value)`. Defines a placeholder now, so that the
  // property keeps its place in the object's property order.
  function lazyProperty(object, name, load, enumerable = false, writable = true) {
    ObjectDefineProperty(object, name, {
      __proto__: null, value: undefined, writable: true, enumerable, configurable: true,
    });
    lazyRecords.push({ object, name, load, value: undefined, enumerable, writable, getting: false });
    lazyProperties.push([object, name, (enumerable ? 0 : DONT_ENUM) | (writable ? 0 : READ_ONLY)]);
  }

  // What the getter of a lazy property (lazy.rs) returns.
  function lazyGet(object, name) {
    if (probeObject === object && probeName === name) {
      probed = true;
      return undefined;
    }
    const record = lazyRecord(object, name);
    // V8 replaces this property itself once the getter returns (and insists that it is
    // still the lazy property then), so loading must leave it alone.
    record.getting = true;
    try {
      record.load();
    } finally {
      record.getting = false;
    }
    return record.value;
  }

  // Whether `object[name]` is still the lazy property: reading its descriptor calls the
  // getter of a lazy property (and V8 then replaces it with `undefined`), and nothing else.
  function stillLazy(object, name) {
    probeObject = object;
    probeName = name;
    probed = false;
    try {
      ReflectGetOwnPropertyDescriptor(object, name);
    } finally {
      probeObject = null;
      probeName = null;
    }
    return probed;
  }

  // internals.lazyDefine(object, name, value): how a lazy unit installs what it defines; a
  // property the code replaced or deleted before the first use stays as the code left it.
  function lazyDefine(object, name, value) {
    const record = lazyRecord(object, name);
    record.value = value;
    if (!record.getting && stillLazy(object, name)) {
      ObjectDefineProperty(object, name, {
        __proto__: null, value, writable: record.writable, enumerable: record.enumerable, configurable: true,
      });
    }
  }

  internals.lazyProperties = lazyProperties;
  internals.lazyGet = lazyGet;
  internals.lazyUnit = lazyUnit;
  internals.lazyProperty = lazyProperty;
  internals.lazyDefine = lazyDefine;
  // A global of a lazy unit: not enumerable, writable, configurable, as Web IDL has them.
  internals.lazyGlobal = (name, load) => lazyProperty(globalThis, name, load);
  internals.defineLazyGlobal = (name, value) => lazyDefine(globalThis, name, value);
  // Functions of a lazy unit that other scripts call: each loads the unit, which replaces it
  // on `internals`, and forwards the call. Scripts that kept a reference keep calling through.
  internals.lazyFunctions = (names, load) => {
    for (let index = 0; index < names.length; index++) {
      const name = names[index];
      internals[name] = function () {
        load();
        return ReflectApply(internals[name], this, arguments);
      };
    }
  };
});
