// compatibilityDate: 2026-11-17
// node:sqlite, as workerd has it: the classes cannot be constructed, `backup` throws, and
// `constants` are SQLite's.
import sqlite, * as namespace from "node:sqlite";

const thrown = (call) => {
  try {
    call();
    return "no error";
  } catch (error) {
    return [error.name, error.code ?? null, error.message];
  }
};

export default {
  run() {
    return JSON.parse(JSON.stringify({
      exports: Object.keys(namespace).sort(),
      defaultKeys: Object.keys(sqlite),
      constants: sqlite.constants,
      classes: [sqlite.DatabaseSync, sqlite.StatementSync].map((Class) => [Class.name, Class.length, Object.getOwnPropertyNames(Class.prototype)]),
      backup: [sqlite.backup.name, sqlite.backup.length, namespace.backup === sqlite.backup],
      errors: [
        () => new sqlite.DatabaseSync(":memory:"),
        () => new sqlite.DatabaseSync(),
        () => sqlite.DatabaseSync(":memory:"),
        () => new sqlite.StatementSync(),
        () => sqlite.backup(),
        () => sqlite.backup({}, "file.db"),
      ].map(thrown),
    }));
  },
};
