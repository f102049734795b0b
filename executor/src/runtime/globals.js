//# allFunctionsCalledOnLoad
// How the runtime's scripts define globals and the classes of Web APIs (as Web IDL has them),
// and how `console` shows instances of those classes.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const ObjectDefineProperty = Object.defineProperty;

  // Installs `value` on the global object the way Web IDL does: writable, configurable,
  // not enumerable.
  function defineGlobal(name, value) {
    ObjectDefineProperty(globalThis, name, {
      value,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }

  // Prototypes of Web API classes, which `console` shows by their getters, and the classes
  // with their own way of being shown (`internals.inspectShape`).
  const webPrototypes = new Set();
  const inspectShapes = new Map();

  // Makes the methods of a class prototype non-enumerable, as Web IDL does, and gives the
  // prototype a Symbol.toStringTag.
  function webClass(constructor, tag) {
    const prototype = constructor.prototype;
    webPrototypes.add(prototype);
    for (const key of Reflect.ownKeys(prototype)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(prototype, key);
      if (descriptor.enumerable) {
        descriptor.enumerable = false;
        ObjectDefineProperty(prototype, key, descriptor);
      }
    }
    ObjectDefineProperty(prototype, Symbol.toStringTag, {
      value: tag || constructor.name,
      configurable: true,
    });
    return constructor;
  }

  internals.webPrototypes = webPrototypes;
  internals.inspectShapes = inspectShapes;
  // How console shows instances of `constructor`: `entries(value)` gives `[key, value]` pairs,
  // shown as `key: value` or, with `map: true`, as `key => value`.
  internals.inspectShape = (constructor, shape) => inspectShapes.set(constructor.prototype, shape);
  internals.defineGlobal = defineGlobal;
  internals.webClass = webClass;
});
