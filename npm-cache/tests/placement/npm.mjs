// What npm does with each placement case: serves the case's `registry.json` as a registry on
// 127.0.0.1, runs the real npm (`npm install --package-lock-only`) on its `package.json`, and
// writes the tree npm built to `npm.json`, which the unit tests of `npm-cache/src/resolve.rs`
// compare the resolver with. Run from anywhere:
//
//   node npm-cache/tests/placement/npm.mjs           # rewrite every npm.json
//   node npm-cache/tests/placement/npm.mjs --check   # compare instead; exit 1 on a difference
//   node npm-cache/tests/placement/npm.mjs CASE ...  # only these cases
//
// `registry.json` maps each package name to its versions and each version to the manifest
// fields that matter for placement (dependencies, optionalDependencies, peerDependencies,
// peerDependenciesMeta, os, cpu); `latest` is the highest version. `npm.json` keeps, for
// each location of the lockfile, what placement decides: the version, the package's name when
// it differs from the folder's (an alias), and the dev, optional, devOptional, peer and
// extraneous flags; or `{ "error": CODE }` when npm refuses (ERESOLVE, ETARGET). A case where
// the resolver still differs from npm has a `differs.md` saying how.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const check = args.includes("--check");
const only = args.filter((arg) => !arg.startsWith("--"));
const cases = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && (only.length === 0 || only.includes(entry.name)))
  .map((entry) => entry.name)
  .sort();

const compareVersions = (a, b) => {
  const [x, y] = [a, b].map((version) => version.split(/[.-]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part)));
  for (let index = 0; index < Math.max(x.length, y.length); index++) {
    if (x[index] === y[index]) continue;
    if (x[index] === undefined) return -1;
    if (y[index] === undefined) return 1;
    return x[index] < y[index] ? -1 : 1;
  }
  return 0;
};

function packument(name, versions, base) {
  const file = name.split("/").pop();
  const entries = Object.entries(versions).map(([version, manifest]) => [
    version,
    { name, version, ...manifest, dist: { tarball: `${base}/${name}/-/${file}-${version}.tgz` } },
  ]);
  const latest = Object.keys(versions).sort(compareVersions).at(-1);
  return { name, "dist-tags": { latest }, versions: Object.fromEntries(entries) };
}

async function npmTree(directory) {
  const registry = JSON.parse(readFileSync(path.join(directory, "registry.json"), "utf8"));
  const server = createServer((request, response) => {
    const name = decodeURIComponent(request.url.slice(1));
    if (request.method !== "GET" || !registry[name]) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found"}');
      return;
    }
    const base = `http://${request.headers.host}`;
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(packument(name, registry[name], base)));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const work = mkdtempSync(path.join(tmpdir(), "placement-"));
  try {
    writeFileSync(path.join(work, "package.json"), readFileSync(path.join(directory, "package.json")));
    writeFileSync(path.join(work, ".npmrc"), "");
    // Not spawnSync: the registry answers from this process's event loop.
    const npm = await new Promise((resolve, reject) => {
      const child = spawn(
        "npm",
        ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--registry", url,
          "--cache", path.join(work, ".cache"), "--userconfig", path.join(work, ".npmrc")],
        { cwd: work, env: { ...process.env, npm_config_os: "linux", npm_config_cpu: "x64" } },
      );
      let stderr = "";
      child.stderr.on("data", (chunk) => { stderr += chunk; });
      child.stdout.resume();
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stderr }));
    });
    if (npm.status !== 0) {
      const code = /npm error code (\w+)/.exec(npm.stderr)?.[1];
      if (!code) throw new Error(`npm failed without a code:\n${npm.stderr}`);
      return { error: code };
    }
    const lockfile = JSON.parse(readFileSync(path.join(work, "package-lock.json"), "utf8"));
    const tree = {};
    for (const [location, entry] of Object.entries(lockfile.packages)) {
      if (location === "") continue;
      const placed = { version: entry.version };
      if (entry.name) placed.name = entry.name;
      for (const flag of ["dev", "optional", "devOptional", "peer", "extraneous"]) if (entry[flag]) placed[flag] = true;
      tree[location] = placed;
    }
    return { tree };
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

let differences = 0;
for (const name of cases) {
  const directory = path.join(here, name);
  const now = JSON.stringify(await npmTree(directory), null, 2) + "\n";
  const file = path.join(directory, "npm.json");
  const committed = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (check) {
    if (committed !== now) {
      differences++;
      console.log(`${name}: npm now gives\n${now}`);
    }
  } else if (committed !== now) {
    writeFileSync(file, now);
    console.log(`${name}: wrote npm.json`);
  }
}
if (differences > 0) process.exit(1);
