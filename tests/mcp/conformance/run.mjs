// Runs the MCP conformance suite (@modelcontextprotocol/conformance, pinned by
// package-lock.json) against `sandbox mcp --listen`. The suite sends no credentials, and
// `sandbox mcp` over HTTP takes none but a bearer token: this script puts a proxy on
// 127.0.0.1 in between that adds `Authorization: Bearer <token>` (and nothing else) to every
// request, then runs `conformance server` against the proxy and passes its output and exit
// code through.
//
//   node run.mjs <sandbox mcp URL> <token> [conformance server options...]
import http from "node:http";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const [target, token, ...options] = process.argv.slice(2);
const upstream = new URL(target);
const proxy = http.createServer((request, response) => {
  const headers = { ...request.headers, host: upstream.host, authorization: `Bearer ${token}` };
  const forwarded = http.request(
    { host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  forwarded.on("error", (error) => {
    response.writeHead(502);
    response.end(String(error));
  });
  request.pipe(forwarded);
});
await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${proxy.address().port}${upstream.pathname}`;
const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), "node_modules/@modelcontextprotocol/conformance/dist/index.js");
const suite = spawn(process.execPath, [cli, "server", "--url", url, ...options], { stdio: "inherit" });
const code = await new Promise((resolve) => suite.on("exit", (status) => resolve(status ?? 1)));
proxy.close();
process.exit(code);
