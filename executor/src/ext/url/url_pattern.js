//# allFunctionsCalledOnLoad
// URLPattern (URL Pattern Standard), as workerd has it: the `urlpattern` crate parses a
// pattern into each component's ECMAScript regular expression and group names and processes
// match inputs (`host.urlPatternParse`, `host.urlPatternMatchInput`); the expressions are
// compiled and run here, as deno does.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { ObjectDefineProperty, RegExp, RegExpPrototypeExec, String, TypeError, safeArray } = primordials;
  const parse = host.urlPatternParse;
  const matchInput = host.urlPatternMatchInput;

  const COMPONENTS = ['protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash'];

  // An input as the host takes it: a string, or the fields of a URLPatternInit (and its
  // baseURL) as strings or undefined.
  function hostInput(input) {
    if (input === undefined || input === null || (typeof input !== 'object' && typeof input !== 'function')) {
      return input === undefined ? [] : String(input);
    }
    const fields = safeArray();
    for (let index = 0; index < COMPONENTS.length; index++) {
      const value = input[COMPONENTS[index]];
      fields[index] = value === undefined ? undefined : String(value);
    }
    fields[8] = input.baseURL === undefined ? undefined : String(input.baseURL);
    return fields;
  }

  function defineValue(object, name, value) {
    ObjectDefineProperty(object, name, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
  }

  let patternOf;

  class URLPattern {
    #components;
    #hasRegExpGroups;

    constructor(input = undefined, baseURLOrOptions = undefined, options = undefined) {
      let baseURL;
      if (typeof baseURLOrOptions === 'string') {
        baseURL = baseURLOrOptions;
      } else {
        options = baseURLOrOptions;
      }
      const ignoreCase = !!options?.ignoreCase;
      const parsed = parse(hostInput(input), baseURL, ignoreCase);
      const flags = ignoreCase ? 'ui' : 'u';
      const components = safeArray();
      for (let index = 0; index < COMPONENTS.length; index++) {
        const part = parsed[index + 1];
        let regexp;
        try {
          regexp = new RegExp(part[1], flags);
        } catch {
          throw new TypeError('Failed to construct URLPattern');
        }
        components[index] = { __proto__: null, pattern: part[0], regexp, names: part[2] };
      }
      this.#components = components;
      this.#hasRegExpGroups = parsed[0];
    }

    static {
      patternOf = (pattern) => pattern.#components;
    }

    get protocol() { return this.#components[0].pattern; }
    get username() { return this.#components[1].pattern; }
    get password() { return this.#components[2].pattern; }
    get hostname() { return this.#components[3].pattern; }
    get port() { return this.#components[4].pattern; }
    get pathname() { return this.#components[5].pattern; }
    get search() { return this.#components[6].pattern; }
    get hash() { return this.#components[7].pattern; }
    get hasRegExpGroups() { return this.#hasRegExpGroups; }

    test(input = undefined, baseURL = undefined) {
      return match(patternOf(this), input, baseURL) !== null;
    }

    exec(input = undefined, baseURL = undefined) {
      return match(patternOf(this), input, baseURL);
    }
  }
  internals.webClass(URLPattern);

  // `exec`'s result, or null.
  function match(components, input, baseURL) {
    const converted = hostInput(input);
    const values = matchInput(converted, baseURL === undefined ? undefined : String(baseURL));
    if (values === undefined) return null;
    // As workerd gives them: a string as given, a dictionary with all its members converted.
    let given = converted;
    if (typeof converted !== 'string') {
      given = {};
      for (let index = 0; index < COMPONENTS.length; index++) defineValue(given, COMPONENTS[index], converted[index]);
      defineValue(given, 'baseURL', converted[8]);
    }
    const result = { inputs: baseURL === undefined ? [given] : [given, String(baseURL)] };
    for (let index = 0; index < COMPONENTS.length; index++) {
      const component = components[index];
      const found = RegExpPrototypeExec(component.regexp, values[index]);
      if (found === null) return null;
      // workerd lists the groups left undefined first, then the others, each in order.
      const groups = {};
      const names = component.names;
      for (let at = 0; at < names.length; at++) {
        if (found[at + 1] === undefined) defineValue(groups, names[at], undefined);
      }
      for (let at = 0; at < names.length; at++) {
        if (found[at + 1] !== undefined) defineValue(groups, names[at], found[at + 1]);
      }
      defineValue(result, COMPONENTS[index], { input: values[index], groups });
    }
    return result;
  }

  internals.defineLazyGlobal('URLPattern', URLPattern);
});
