// compatibilityDate: 2026-11-17
// URLPattern: patterns from strings and init dictionaries, with base URLs and ignoreCase;
// test and exec on strings and dictionaries (groups, wildcards, optional groups left
// undefined, regular expression groups); invalid patterns and inputs.
export default {
  async run() {
    const attempt = (make) => { try { return make(); } catch (error) { return `${error.name}: ${error.message}`; } };
    // JSON would drop a group left undefined: name it.
    const shown = (result) => result === null ? null : JSON.parse(JSON.stringify(result, (key, value) => value === undefined ? "(undefined)" : value));
    const components = (pattern) => ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"].map((name) => pattern[name]);
    const books = new URLPattern({ pathname: "/books/:id" });
    const full = new URLPattern("https://:sub.example.com/*?q=:q#:fragment");
    return {
      books: components(books),
      bookTests: [books.test("https://example.com/books/123"), books.test("https://example.com/books"), books.test({ pathname: "/books/1" }), books.test("not a url")],
      bookExec: shown(books.exec("https://example.com/books/123?x=1#h")),
      noMatch: books.exec("https://example.com/nope"),
      full: components(full),
      fullExec: shown(full.exec("https://api.example.com/a/b?q=z#top")),
      search: shown(new URLPattern({ search: "q=:q" }).exec("https://e.com/?q=1")),
      optional: shown(new URLPattern({ pathname: "/a/:b?" }).exec({ pathname: "/a" })),
      unmatchedGroup: shown(new URLPattern({ pathname: "/:a{-:b}?" }).exec({ pathname: "/x" })),
      regexp: (() => { const pattern = new URLPattern({ pathname: "/(\\d+)" }); return [pattern.hasRegExpGroups, books.hasRegExpGroups, pattern.pathname, shown(pattern.exec({ pathname: "/42" })?.pathname), pattern.test({ pathname: "/x" })]; })(),
      named: shown(new URLPattern({ pathname: "/:year(\\d{4})/:slug" }).exec({ pathname: "/2024/hello" })?.pathname),
      wildcard: shown(new URLPattern({ hostname: "*.example.com" }).exec({ hostname: "a.b.example.com" })?.hostname),
      base: shown(new URLPattern("/x/:y", "https://example.com").exec("https://example.com/x/1")),
      baseArguments: shown(new URLPattern("/x/:y", "https://example.com").exec("/x/1", "https://example.com")),
      baseInInit: components(new URLPattern({ pathname: "/p", baseURL: "https://example.com:8080/a?b#c" })),
      ignoreCase: [
        new URLPattern({ pathname: "/ABC" }, { ignoreCase: true }).test({ pathname: "/abc" }),
        new URLPattern({ pathname: "/ABC" }).test({ pathname: "/abc" }),
        new URLPattern("/ABC", "https://e.com", { ignoreCase: true }).test("https://e.com/abc"),
      ],
      empty: components(new URLPattern()),
      errors: [
        attempt(() => new URLPattern("/relative")),
        attempt(() => new URLPattern({ pathname: "/(" })),
        attempt(() => new URLPattern({ pathname: "/a" }, "https://e.com")),
        attempt(() => new URLPattern(5)),
        attempt(() => books.exec({ pathname: "/" }, "https://e.com")),
      ],
      tag: String(books),
      prototype: ["protocol", "hasRegExpGroups", "test", "exec"].map((name) => name in URLPattern.prototype),
    };
  },
};
