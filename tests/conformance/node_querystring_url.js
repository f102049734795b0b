// compatibilityDate: 2026-11-17
// node:querystring and node:url (the legacy parser, formatting, resolving and file URLs).
import qs from "node:querystring";
import url from "node:url";

export default {
  run() {
    const parsed = url.parse("https://user:pw@Example.com:8080/p/a/t/h?query=string#hash", true);
    const errors = [];
    for (const call of [() => url.fileURLToPath("http://x/y"), () => url.fileURLToPath("file://host/a"), () => url.parse(1)]) {
      try {
        call();
      } catch (error) {
        errors.push([error.name, error.code, error.message]);
      }
    }
    // Plain data (null-prototype objects do not cross workerd's RPC).
    return JSON.parse(JSON.stringify({
      parse: [qs.parse("a=1&b=2&a=3&c=%20x+y&d"), qs.parse("a:1;b:2", ";", ":"), qs.parse("x=%E4%BD%A0&y=%zz"), Object.getPrototypeOf(qs.parse("a=1"))],
      maxKeys: Object.keys(qs.parse("a=1&b=2&c=3", null, null, { maxKeys: 2 })),
      stringify: [qs.stringify({ a: [1, 2], b: "x y", c: true, d: null, e: undefined, f: 1n }), qs.stringify({ a: 1 }, ";", ":"), qs.encode({ "é": "ü" })],
      escape: [qs.escape("a b&c/ü"), qs.unescape("%E4%BD%A0%zz+"), qs.decode === qs.parse],
      legacy: { ...parsed, query: { ...parsed.query } },
      simplePath: { ...url.parse("/foo/bar?x=1") },
      noProtocol: { ...url.parse("//example.com/a", false, true) },
      format: [
        url.format({ protocol: "https", hostname: "example.com", pathname: "/some/path", query: { page: 1, format: "json" } }),
        url.format(new URL("https://a:b@example.com/x?y#z"), { auth: false, fragment: false }),
        url.format("http://Example.com/a b"),
      ],
      resolve: [url.resolve("/one/two/three", "four"), url.resolve("http://example.com/", "/one"), url.resolve("http://example.com/one", "/two"), url.resolve("http://example.com/a/b", "../c")],
      file: [url.fileURLToPath("file:///tmp/a%20b"), url.pathToFileURL("/tmp/a b#c?d").href, url.pathToFileURL("/tmp/dir/").href],
      httpOptions: url.urlToHttpOptions(new URL("https://u:p@[::1]:8443/a?b=1")),
      classes: [url.URL === URL, url.URLSearchParams === URLSearchParams],
      errors,
    }));
  },
};
