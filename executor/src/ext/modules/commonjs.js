//# allFunctionsCalledOnLoad
// CommonJS over the module map: `require` resolves between module names like paths, runs
// `cjs` modules once and caches their `module.exports`, and returns the value of other
// kinds (text, data, json, wasm, and the namespace of ES modules).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    Map, MapPrototypeDelete, MapPrototypeGet, MapPrototypeSet, PromisePrototypeThen, ReflectApply, String,
    StringPrototypeLastIndexOf, StringPrototypeSlice, TypeError,
  } = primordials;
  const compileCommonJs = host.compileCommonJs;
  const requireResolve = host.requireResolve;
  const moduleValue = host.moduleValue;

  const cache = new Map();

  function dirname(name) {
    const slash = StringPrototypeLastIndexOf(name, '/');
    return slash === -1 ? '.' : StringPrototypeSlice(name, 0, slash);
  }

  function loadCommonJs(name) {
    const cached = MapPrototypeGet(cache, name);
    if (cached !== undefined) return cached.exports;
    const module = { id: name, filename: name, path: dirname(name), exports: {}, loaded: false, children: [] };
    MapPrototypeSet(cache, name, module);
    const wrapper = compileCommonJs(name);
    try {
      ReflectApply(wrapper, module.exports,
        [module.exports, makeRequire(name), module, name, dirname(name)]);
    } catch (error) {
      MapPrototypeDelete(cache, name);
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }

  function makeRequire(referrer) {
    function require(specifier) {
      if (typeof specifier !== 'string') {
        throw new TypeError(`require() expects a string, got ${typeof specifier}`);
      }
      const resolved = requireResolve(referrer, specifier);
      if (resolved[1] === 'node') return internals.nodeModule(StringPrototypeSlice(resolved[0], 5));
      return resolved[1] === 'cjs' ? loadCommonJs(resolved[0]) : moduleValue(resolved[0]);
    }
    require.resolve = function resolve(specifier) {
      return requireResolve(referrer, String(specifier))[0];
    };
    return require;
  }

  internals.loadCommonJs = loadCommonJs;
  internals.makeRequire = makeRequire;
  // What `import()` resolves to once the module has evaluated.
  internals.afterEvaluation = function afterEvaluation(evaluation, namespace) {
    return PromisePrototypeThen(evaluation, () => namespace);
  };
});
