// compatibilityDate: 2026-11-17
// node:domain, as workerd has it: Domains are EventEmitters that catch nothing; `run` calls
// the function, `bind` and `intercept` return the callback itself, and `create` is a Domain.
import domain, * as namespace from "node:domain";
import { EventEmitter } from "node:events";

export default {
  run() {
    const made = domain.createDomain();
    const calls = [];
    const result = made.run(function (a, b) { calls.push([this === made, a, b]); return a + b; }, 2, 3);
    const callback = () => "called";
    let thrown;
    try {
      made.run(() => { throw new RangeError("not caught"); });
      thrown = "no error";
    } catch (error) {
      thrown = [error.name, error.message];
    }
    let handled;
    try {
      made._errorHandler(new TypeError("rethrown"));
    } catch (error) {
      handled = [error.name, error.message];
    }
    return JSON.parse(JSON.stringify({
      exports: Object.keys(namespace).sort(),
      defaultKeys: Object.keys(domain),
      active: domain.active,
      create: [typeof domain.create, domain.create instanceof domain.Domain],
      instance: [made instanceof EventEmitter, Object.keys(made), made.members === undefined, "members" in made],
      methods: Object.getOwnPropertyNames(domain.Domain.prototype).sort(),
      lengths: ["run", "bind", "intercept", "add", "remove", "enter", "exit"].map((name) => made[name].length),
      result,
      calls,
      bound: [made.bind(callback) === callback, made.intercept(callback) === callback],
      inert: [made.enter(), made.exit(), made.add(new EventEmitter()), made.remove(new EventEmitter())].map(String),
      thrown,
      handled,
      usingDomains: EventEmitter.usingDomains,
    }));
  },
};
