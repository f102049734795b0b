//# allFunctionsCalledOnLoad
// How the runtime's scripts define globals and the classes of Web APIs (as Web IDL has them),
// and how `console` shows instances of those classes. `webClass` runs as each lazy unit
// loads, maybe after code replaced builtins: it uses only primordials.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    Map, MapPrototypeSet, ObjectDefineProperty, ObjectSetPrototypeOf, ReflectGetOwnPropertyDescriptor,
    ReflectOwnKeys, Set, SetPrototypeAdd, SymbolToStringTag,
  } = primordials;

  // Installs `value` on the global object the way Web IDL does: writable, configurable,
  // not enumerable.
  function defineGlobal(name, value) {
    ObjectDefineProperty(globalThis, name, {
      __proto__: null,
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
    SetPrototypeAdd(webPrototypes, prototype);
    const keys = ReflectOwnKeys(prototype);
    for (let index = 0; index < keys.length; index++) {
      const descriptor = ObjectSetPrototypeOf(ReflectGetOwnPropertyDescriptor(prototype, keys[index]), null);
      if (descriptor.enumerable) {
        descriptor.enumerable = false;
        ObjectDefineProperty(prototype, keys[index], descriptor);
      }
    }
    ObjectDefineProperty(prototype, SymbolToStringTag, {
      __proto__: null,
      value: tag || constructor.name,
      configurable: true,
    });
    return constructor;
  }

  internals.webPrototypes = webPrototypes;
  internals.inspectShapes = inspectShapes;
  // How console shows instances of `constructor`: `entries(value)` gives `[key, value]` pairs,
  // shown as `key: value` or, with `map: true`, as `key => value`.
  internals.inspectShape = (constructor, shape) => MapPrototypeSet(inspectShapes, constructor.prototype, shape);
  internals.defineGlobal = defineGlobal;
  internals.webClass = webClass;
});
