// Without network access (workerd: globalOutbound null; sandbox: no --allow-net), fetch
// rejects; the messages differ, the kind of error does not.
export default {
  async run() {
    const results = [];
    for (const url of ["https://example.com/", "http://127.0.0.1:9/"]) {
      try {
        await fetch(url);
        results.push("fetched");
      } catch (error) {
        results.push(error instanceof Error);
      }
    }
    let refused;
    try { await fetch("https://example.com/"); } catch (error) { refused = `${error.name}: ${error.message}`; }
    let relative;
    try { await fetch("/relative"); } catch (error) { relative = `${error.name}: ${error.message}`; }
    return { results, refused, relative };
  },
};
