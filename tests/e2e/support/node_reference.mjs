// Runs an executor fixture (a folder of `executor/tests/fixtures/`) in Node.js, the reference
// for the fixtures Node can run, and prints the outcome as one line of JSON:
//   {"ok": true, "result": ..., "logs": [...]}
//   {"ok": false, "error": "Name: message", "frames": ["function (file:line:column)", ...], "logs": [...]}
// `logs` is the text of each console call as Node's console formats it; `frames` are the
// error's stack frames inside the fixture, named as executor/tests/fixtures.rs names them
// (left out when Node gives none there, as for a syntax error found while loading).
// Used by tests/e2e/conformance.rs: `node node_reference.mjs FIXTURE_DIRECTORY`.
import { Console } from "node:console";
import { readFileSync } from "node:fs";
import { register } from "node:module";
import path from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { inspect } from "node:util";

// Data modules (`*.bin`) are an ArrayBuffer of the file's bytes, as in the executor.
register(
  "data:text/javascript," +
    encodeURIComponent(`
      import { readFileSync } from "node:fs";
      export async function load(url, context, next) {
        if (!url.endsWith(".bin")) return next(url, context);
        const bytes = JSON.stringify([...readFileSync(new URL(url))]);
        return { format: "module", shortCircuit: true, source: "export default new Uint8Array(" + bytes + ").buffer;" };
      }
    `),
);

const directory = path.resolve(process.argv[2]);
const base = pathToFileURL(directory).href + "/";
let invocation = {};
try {
  invocation = JSON.parse(readFileSync(path.join(directory, "invocation.json"), "utf8"));
} catch {}

const logs = [];
const sink = new Writable({
  write(chunk, _encoding, callback) {
    logs.push(chunk.toString().replace(/\n$/, ""));
    callback();
  },
});
const formatter = new Console({ stdout: sink, stderr: sink, colorMode: false });
for (const name of ["log", "info", "debug", "warn", "error", "table", "group", "groupEnd", "count", "assert", "dir"]) {
  console[name] = (...args) => formatter[name](...args);
}

function frames(error) {
  const found = [];
  for (const line of String(error?.stack ?? "").split("\n")) {
    const match = /^\s+at (?:(.*?) \()?(file:\/\/[^)]*):(\d+):(\d+)\)?$/.exec(line);
    if (!match || !match[2].startsWith(base)) continue;
    found.push(`${match[1] ?? "<anonymous>"} (${match[2].slice(base.length)}:${match[3]}:${match[4]})`);
  }
  return found;
}

let printed = false;
function print(outcome) {
  if (printed) return;
  printed = true;
  process.stdout.write(JSON.stringify({ ...outcome, logs }) + "\n");
  process.exit(0);
}
function fail(error) {
  const text = error instanceof Error ? String(error) : inspect(error);
  const found = frames(error);
  print(found.length > 0 ? { ok: false, error: text, frames: found } : { ok: false, error: text });
}
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

try {
  const module = await import(base + "main.js");
  const exported = invocation.entrypoint ? module[invocation.entrypoint] : module.default;
  const args = invocation.args ?? [];
  const result = invocation.method ? await exported[invocation.method](...args) : await exported(...args);
  print({ ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
} catch (error) {
  fail(error);
}
