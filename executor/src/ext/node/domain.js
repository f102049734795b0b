//# allFunctionsCalledOnLoad
// `domain`, as workerd has it: a Domain is an EventEmitter that catches nothing. `run` calls
// the function, `bind` and `intercept` return the callback as it is, and `enter`, `exit`,
// `add` and `remove` do nothing (an error still goes where it would without a domain).
// `create` is a Domain, not a function, as in workerd.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const { ReflectApply } = primordials;
  const EventEmitter = internals.nodeModule('events');
  EventEmitter.usingDomains = false;

  class Domain extends EventEmitter {
    members = undefined;

    _errorHandler(error) {
      throw error;
    }

    enter() {}

    exit() {}

    add(emitter) {}

    remove(emitter) {}

    run(fn, ...args) {
      this.enter();
      const result = ReflectApply(fn, this, args);
      this.exit();
      return result;
    }

    intercept(callback) {
      return callback;
    }

    bind(callback) {
      return callback;
    }
  }

  function createDomain() {
    return new Domain();
  }

  return { Domain, active: null, createDomain, create: createDomain() };
});
