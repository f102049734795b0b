//# allFunctionsCalledOnLoad
// `trace_events`, as workerd has it: a Tracing records its categories and whether it is
// enabled, and traces nothing; `getEnabledCategories()` is `undefined`.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const { ArrayPrototypeJoin, SymbolFor } = primordials;
  const {
    codes: { ERR_TRACE_EVENTS_CATEGORY_REQUIRED }, validateObject, validateStringArray,
  } = internals.nodeModule('internal/errors');

  class Tracing {
    #categories;
    #enabled = false;

    constructor(categories) {
      this.#categories = categories;
    }

    enable() {
      this.#enabled = true;
    }

    disable() {
      this.#enabled = false;
    }

    get enabled() {
      return this.#enabled;
    }

    get categories() {
      return ArrayPrototypeJoin(this.#categories, ',');
    }

    [SymbolFor('nodejs.util.inspect.custom')](depth, options = {}) {
      if (typeof depth === 'number' && depth < 0) return this;
      return `Tracing ${internals.format([{ enabled: this.enabled, categories: this.categories }])}`;
    }
  }

  function createTracing(options) {
    validateObject(options, 'options');
    validateStringArray(options.categories, 'options.categories');
    if (options.categories.length <= 0) throw new ERR_TRACE_EVENTS_CATEGORY_REQUIRED();
    return new Tracing(options.categories);
  }

  function getEnabledCategories() {
    return undefined;
  }

  return { createTracing, getEnabledCategories };
});
