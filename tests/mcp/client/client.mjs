// The official TypeScript MCP client (@modelcontextprotocol/client, pinned by
// package-lock.json) driving `sandbox mcp`, for tests/e2e/mcp_server.rs. It connects over
// stdio (starting the server itself) or Streamable HTTP, at revision 2026-07-28 or with the
// legacy `initialize`, answers approvals (elicitation) with yes, runs a few `execute` calls,
// and prints one JSON report on its last line of stdout.
//
//   node client.mjs stdio <sandbox> <era> [server args...]
//   node client.mjs http <url> <token> <era>
// <era>: "2026-07-28" or "legacy". Each call's code comes from the CODES environment
// variable (a JSON array of strings).
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

const [transportKind, ...rest] = process.argv.slice(2);
let transport;
let era;
if (transportKind === "stdio") {
  const [command, eraArgument, ...args] = rest;
  era = eraArgument;
  transport = new StdioClientTransport({ command, args: ["mcp", ...args], stderr: "ignore" });
} else {
  const [url, token, eraArgument] = rest;
  era = eraArgument;
  transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
}
const asked = [];
const client = new Client(
  { name: "e2e-typescript", version: "1.0.0" },
  {
    capabilities: { elicitation: { form: {} } },
    ...(era === "legacy" ? {} : { versionNegotiation: { mode: { pin: era } } }),
  },
);
client.setRequestHandler("elicitation/create", async (request) => {
  asked.push(request.params.message);
  return { action: "accept", content: { approve: true } };
});
await client.connect(transport);
const tools = (await client.listTools()).tools;
const results = [];
for (const code of JSON.parse(process.env.CODES ?? "[]")) {
  const result = await client.callTool({ name: "execute", arguments: { code } });
  results.push({
    isError: result.isError ?? false,
    text: result.content.filter((block) => block.type === "text").map((block) => block.text).join("\n"),
  });
}
const report = JSON.stringify({
    era: client.getProtocolEra(),
    version: client.getNegotiatedProtocolVersion() ?? null,
    discovered: client.getDiscoverResult()?.supportedVersions ?? null,
    server: client.getServerVersion()?.name,
    tools: tools.map((tool) => tool.name),
    declares: tools[0]?.description ?? "",
    results,
    asked,
});
await client.close();
console.log(report);
