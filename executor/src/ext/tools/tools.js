//# allFunctionsCalledOnLoad
// The objects the code reaches its tools and services through. A binding of tools is a frozen
// object with one method per tool: each takes one argument, which the host packs into plain
// data (`host.toolCall`, `tools/convert.rs`), and returns a promise the host settles when the
// tool answers (`internals.toolEvent`). A service binding is a Fetcher: `fetch(input, init)`
// sends a request to the service's base (`internals.serviceFetch`, in `fetch/fetch.js`).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayPrototypePush, Error, Map, MapPrototypeDelete, MapPrototypeGet, MapPrototypeSet, ObjectDefineProperty,
    ObjectFreeze, Promise, PromiseReject, RangeError, TypeError, safeArray,
  } = primordials;
  const toolCall = host.toolCall;

  // The calls whose promise is pending, by id: `{ resolve, reject }`.
  const pending = new Map();

  // The method of tool `tool` of binding `binding`, named as the tool (a method, not a
  // constructor). `label` is `binding.tool`, for messages.
  function method(binding, tool, name, label) {
    const holder = {
      __proto__: null,
      [name](argument) {
        if (arguments.length > 1) {
          return PromiseReject(new TypeError(
            `${label}: a tool takes one argument, an object of its parameters, and was given ${arguments.length}`));
        }
        return new Promise((resolve, reject) => {
          const id = toolCall(binding, tool, argument);
          MapPrototypeSet(pending, id, { __proto__: null, resolve, reject });
        });
      },
    };
    return holder[name];
  }

  // An Error named `name`: a TypeError or RangeError for those names, so that `instanceof`
  // works, else an Error whose own `name` says what failed (`ToolError`, `TimeoutError`).
  function toolError(name, message) {
    if (name === 'TypeError') return new TypeError(message);
    if (name === 'RangeError') return new RangeError(message);
    const error = new Error(message);
    if (name !== 'Error') {
      ObjectDefineProperty(error, 'name', { __proto__: null, value: name, writable: true, configurable: true });
    }
    return error;
  }

  function define(object, name, value, enumerable) {
    ObjectDefineProperty(object, name, { __proto__: null, value, writable: !enumerable, enumerable, configurable: !enumerable });
  }

  // `bindings`: `[[name, [tool, ...]], ...]`; `services`: `[name, ...]`. Returns
  // `[name, object, ...]` for `env`; with `globals`, each object is also a global of its name
  // (writable and configurable, not enumerable, as the runtime's own globals are).
  internals.toolBindings = (bindings, services, globals) => {
    const made = safeArray();
    for (let index = 0; index < bindings.length; index++) {
      const name = bindings[index][0];
      const tools = bindings[index][1];
      const object = {};
      for (let tool = 0; tool < tools.length; tool++) {
        define(object, tools[tool], method(index, tool, tools[tool], `${name}.${tools[tool]}`), true);
      }
      ObjectFreeze(object);
      ArrayPrototypePush(made, name, object);
    }
    for (let index = 0; index < services.length; index++) {
      const service = index;
      const fetcher = ObjectFreeze({
        fetch(input, init = undefined) {
          return internals.serviceFetch(service, input, init);
        },
      });
      ArrayPrototypePush(made, services[index], fetcher);
    }
    if (globals) {
      for (let index = 0; index < made.length; index += 2) define(globalThis, made[index], made[index + 1], false);
    }
    return made;
  };

  // Called by the host's event loop when a call's host has answered: `(id, true, value)` or
  // `(id, false, name, message)`.
  internals.toolEvent = (id, ok, value, message) => {
    const call = MapPrototypeGet(pending, id);
    if (call === undefined) return;
    MapPrototypeDelete(pending, id);
    if (ok) call.resolve(value);
    else call.reject(toolError(value, message));
  };
});
