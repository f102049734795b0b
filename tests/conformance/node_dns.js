// compatibilityDate: 2026-11-17
// node:dns and node:dns/promises, as workerd has them: what is answered without a query (IP
// addresses, an empty name, the servers), the argument checks, what throws "Not implemented",
// and a query that cannot reach the resolver (workerd's harness and sandbox's run give no
// network): a DnsError with EBADQUERY.
import dns, * as namespace from "node:dns";
import dnsPromises, * as promisesNamespace from "node:dns/promises";

const thrown = (call) => {
  try {
    call();
    return "no error";
  } catch (error) {
    return [error.name, error.code ?? null, error.message];
  }
};
const settled = (promise) => promise.then(
  (value) => ["resolved", value],
  (error) => ["rejected", error.name, error.code ?? null, error.message, error.hostname ?? null, error.syscall ?? null, Object.keys(error)],
);
const called = (call) => new Promise((resolve) => {
  call((error, ...values) => resolve(error
    ? ["error", error.name, error.code ?? null, error.message, error.hostname ?? null, error.syscall ?? null]
    : ["ok", ...values]));
});

export default {
  async run() {
    const resolver = new dnsPromises.Resolver();
    const callbackResolver = new dns.Resolver();
    const order = [dns.getDefaultResultOrder()];
    dns.setDefaultResultOrder("ipv4first");
    order.push(dnsPromises.getDefaultResultOrder());
    dnsPromises.setDefaultResultOrder("verbatim");
    order.push(dns.getDefaultResultOrder());
    return JSON.parse(JSON.stringify({
      exports: Object.keys(namespace).sort(),
      defaultKeys: Object.keys(dns),
      promisesExports: Object.keys(promisesNamespace).sort(),
      promisesDefaultKeys: Object.keys(dnsPromises),
      promisesOf: [typeof dns.promises, dns.promises.lookup === dnsPromises.lookup, dns.promises.Resolver === dnsPromises.Resolver],
      names: [dns.lookup.name, dns.resolve4.name, dns.getServers.name, dns.lookupService.name, dnsPromises.resolve4.name, dnsPromises.lookup.name],
      lengths: [dns.lookup.length, dns.resolve4.length, dns.resolveTxt.length, dns.resolve.length, dnsPromises.resolve4.length, dnsPromises.lookup.length],
      codes: [dns.NOTFOUND, dns.BADQUERY, dns.ADDRCONFIG, dns.ALL, dns.V4MAPPED, dnsPromises.CANCELLED],
      servers: [dns.getServers(), dnsPromises.getServers(), resolver.getServers(), callbackResolver.getServers()],
      order,
      resolverMethods: Object.getOwnPropertyNames(dnsPromises.Resolver.prototype).sort(),
      lookups: [
        await called((callback) => dns.lookup("127.0.0.1", callback)),
        await called((callback) => dns.lookup("::1", { all: true }, callback)),
        await called((callback) => dns.lookup("", 6, callback)),
        await called((callback) => dns.lookup(null, { all: true }, callback)),
        await settled(dnsPromises.lookup("10.0.0.1")),
        await settled(dnsPromises.lookup("fe80::1", { all: true })),
        await settled(dnsPromises.lookup("", { family: "IPv6" })),
      ],
      queries: [
        await called((callback) => dns.lookup("example.com", { family: 4 }, callback)),
        await called((callback) => dns.lookup("example.com", { family: 6, all: true }, callback)),
        await called((callback) => dns.lookup("example.com", callback)),
        await called((callback) => dns.resolve4("example.com", callback)),
        await called((callback) => dns.resolveTxt("example.com", callback)),
        await called((callback) => dns.resolve("example.com", "MX", callback)),
        await settled(dnsPromises.resolve6("example.com", { ttl: true })),
        await settled(dnsPromises.resolveSoa("example.com")),
        await settled(dnsPromises.reverse("1.1.1.1")),
        await settled(resolver.resolveCaa("example.com")),
        await settled(dnsPromises.lookup("example.com", { all: true })),
      ],
      notImplemented: [
        await settled(dnsPromises.lookupService("127.0.0.1", 22)),
        await settled(dnsPromises.resolveAny("example.com")),
        await settled(dnsPromises.resolve("example.com", "ANY")),
        await called((callback) => dns.lookupService("127.0.0.1", 22, callback)),
        thrown(() => dns.setServers(["8.8.8.8"])),
        thrown(() => dnsPromises.setServers(["8.8.8.8"])),
        thrown(() => resolver.cancel()),
        thrown(() => resolver.setLocalAddress("0.0.0.0")),
        thrown(() => callbackResolver.setServers([])),
      ],
      errors: [
        () => dns.lookup(1, () => {}),
        () => dns.lookup("example.com"),
        () => dns.lookup("example.com", "x"),
        () => dns.lookup("example.com", "x", () => {}),
        () => dns.lookup("example.com", 5, () => {}),
        () => dns.lookup("example.com", { family: 5 }, () => {}),
        () => dns.lookup("example.com", { hints: 1 }, () => {}),
        () => dns.lookup("example.com", { hints: "1" }, () => {}),
        () => dns.lookup("example.com", { all: 1 }, () => {}),
        () => dns.lookup("example.com", { order: "random" }, () => {}),
        () => dns.resolve4(5, () => {}),
        () => dns.resolve4("example.com"),
        () => dnsPromises.resolve4(5),
        () => dnsPromises.resolve("example.com"),
        () => dnsPromises.resolve("example.com", "BOGUS"),
        () => dns.setDefaultResultOrder("random"),
      ].map(thrown),
    }));
  },
};
