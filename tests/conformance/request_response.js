export default {
  async run() {
    const request = new Request("https://example.com/api?x=1", { method: "post", body: JSON.stringify({ a: 1 }), headers: { "content-type": "application/json" } });
    const cloned = request.clone();
    const response = Response.json({ ok: true }, { status: 201, headers: { "x-extra": "y" } });
    const used = new Response("once");
    await used.text();
    const errors = [];
    for (const attempt of [
      () => used.text(),
      () => new Response("x", { status: 99 }),
      () => new Request("https://example.com", { body: "x" }),
      () => new Response("x", { status: 204 }),
      () => Response.redirect("https://example.com", 200),
      () => new Request("/relative"),
      () => new Request("https://example.com", { method: "CONNECT" }),
    ]) {
      try { await attempt(); errors.push("none"); } catch (error) { errors.push(`${error.name}: ${error.message}`); }
    }
    const redirect = Response.redirect("https://example.com/next", 307);
    const text = new Response("plain");
    const bodyText = await new Response("body text").text();
    const bytes = new Response(new Uint8Array([104, 105]));
    const search = new Response(new URLSearchParams({ a: "1" }));
    const blob = await new Response(new Blob(["blob"], { type: "text/x" })).blob();
    const derived = new Request(request.url, { method: "PUT", headers: request.headers, body: "new body" });
    return {
      request: [request.method, request.url, request.headers.get("content-type"), await request.json(), request.bodyUsed, await cloned.text(), request.redirect, request.signal.aborted],
      derived: [derived.method, await derived.text()],
      response: [response.status, response.ok, response.statusText, response.headers.get("content-type"), response.headers.get("x-extra"), await response.json()],
      errors,
      redirect: [redirect.status, redirect.headers.get("location")],
      types: [text.headers.get("content-type"), bytes.headers.get("content-type"), search.headers.get("content-type"), blob.type],
      bodies: [bodyText, await bytes.text(), await search.text(), blob.size],
      error: [Response.error().type, Response.error().status],
    };
  },
};
