export default {
  run() {
    const url = new URL("https://user:pw@EXAMPLE.com:8080/a/../b/./c?x=1&y=two#frag");
    const parts = {};
    for (const key of ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"]) parts[key] = url[key];
    url.searchParams.append("z", "a b&c");
    url.pathname = "/new path";
    url.hash = "";
    const updated = url.href;
    url.port = "443";
    const params = new URLSearchParams("?b=2&a=1&b=3");
    params.sort();
    let invalid;
    try { new URL("not a url"); } catch (error) { invalid = `${error.name}: ${error.message}`; }
    return {
      parts, updated, defaultPort: url.href, relative: new URL("../x?q#h", "https://a.com/b/c/d").href,
      idna: new URL("https://bücher.example/").hostname, ipv4: new URL("http://0x7f.1/").hostname,
      ipv6: new URL("http://[::FFFF:127.0.0.1]/").hostname, file: new URL("file:///tmp/a b").href,
      params: params.toString(), getAll: params.getAll("b"), size: params.size,
      fromObject: new URLSearchParams({ q: "ü", n: 1 }).toString(),
      fromPairs: new URLSearchParams([["a", "1"], ["a", "2"]]).getAll("a"),
      has: [params.has("a"), params.has("b", "3"), params.has("b", "4")],
      canParse: [URL.canParse("https://a"), URL.canParse("nope"), URL.canParse("/p", "https://b")],
      parse: [URL.parse("nope"), URL.parse("/p?q", "https://b.org/x").href],
      invalid, json: JSON.stringify({ u: new URL("http://a.com") }),
    };
  },
};
