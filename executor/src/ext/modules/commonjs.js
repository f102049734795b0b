//# allFunctionsCalledOnLoad
// CommonJS over the module map: `require` resolves between module names like paths, runs
// `cjs` modules once and caches their `module.exports`, and returns the value of other
// kinds (text, data, json, wasm, and the namespace of ES modules).
(function (globalThis, host, internals) {
  'use strict';

  const compileCommonJs = host.compileCommonJs;
  const requireResolve = host.requireResolve;
  const moduleValue = host.moduleValue;
  const ReflectApply = Reflect.apply;

  const cache = new Map();

  function dirname(name) {
    const slash = name.lastIndexOf('/');
    return slash === -1 ? '.' : name.slice(0, slash);
  }

  function loadCommonJs(name) {
    const cached = cache.get(name);
    if (cached !== undefined) return cached.exports;
    const module = { id: name, filename: name, path: dirname(name), exports: {}, loaded: false, children: [] };
    cache.set(name, module);
    const wrapper = compileCommonJs(name);
    try {
      ReflectApply(wrapper, module.exports,
        [module.exports, makeRequire(name), module, name, dirname(name)]);
    } catch (error) {
      cache.delete(name);
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
      const [name, kind] = requireResolve(referrer, specifier);
      return kind === 'cjs' ? loadCommonJs(name) : moduleValue(name);
    }
    require.resolve = function resolve(specifier) {
      return requireResolve(referrer, String(specifier))[0];
    };
    return require;
  }

  internals.loadCommonJs = loadCommonJs;
  // What `import()` resolves to once the module has evaluated.
  internals.afterEvaluation = function afterEvaluation(evaluation, namespace) {
    return evaluation.then(() => namespace);
  };
});
