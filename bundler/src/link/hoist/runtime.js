// The helpers a bundle calls, as plain functions. Bundle mode includes those it uses
// (`hoist/shake.rs` drops the rest). Names start with `__` and are renamed if code uses them.

// A CommonJS module's body, run on the first call; every call returns its `module.exports`.
// `this` at its top level is `exports`, as in Node.
function __commonJS(body) {
  let module;
  return () => {
    if (!module) {
      module = { exports: {} };
      body.call(module.exports, module.exports, module);
    }
    return module.exports;
  };
}

// An ES module whose evaluation waits until something needs it (an `import()` or a
// `require`): its body, run once, on the first call.
function __esm(body) {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      body();
    }
  };
}

// A module namespace object: the exports as read-only getters, in code-unit order, with
// `Symbol.toStringTag` "Module", and no other properties.
function __namespace(getters) {
  const namespace = Object.create(null);
  for (const name of Object.keys(getters).sort()) {
    Object.defineProperty(namespace, name, { get: getters[name], enumerable: true });
  }
  Object.defineProperty(namespace, Symbol.toStringTag, { value: "Module" });
  return Object.preventExtensions(namespace);
}

// What `import` sees of a CommonJS module: each property of `module.exports` as a named
// export, and `module.exports` itself as the default export, except for a module compiled
// from an ES module (`__esModule`), whose default is its `default`, unless the importer is
// read by Node's rules (`nodeMode`).
function __toESM(exports, nodeMode) {
  const object = exports !== null && (typeof exports === "object" || typeof exports === "function");
  const target = object ? Object.create(Object.getPrototypeOf(exports)) : {};
  if (nodeMode || !object || !exports.__esModule) {
    Object.defineProperty(target, "default", { value: exports, enumerable: true });
  }
  if (object) {
    for (const key of Object.getOwnPropertyNames(exports)) {
      if (!Object.prototype.hasOwnProperty.call(target, key)) {
        const descriptor = Object.getOwnPropertyDescriptor(exports, key);
        Object.defineProperty(target, key, { get: () => exports[key], enumerable: descriptor.enumerable });
      }
    }
  }
  return target;
}

// What `require` sees of an ES module: its exports, marked `__esModule`.
function __toCommonJS(namespace) {
  const exports = Object.defineProperty({}, "__esModule", { value: true });
  for (const key of Object.keys(namespace)) {
    Object.defineProperty(exports, key, { get: () => namespace[key], enumerable: true });
  }
  return exports;
}

// `require` of anything that was not bundled.
function __require(specifier) {
  throw new Error(`Cannot find module '${specifier}'`);
}
