export default {
  run() {
    const headers = new Headers({ "Content-Type": "text/plain", "X-B": " spaced " });
    headers.append("x-a", "1");
    headers.append("X-A", "2");
    headers.append("Set-Cookie", "a=1");
    headers.append("set-cookie", "b=2");
    const errors = [];
    for (const attempt of [() => headers.set("bad name", "x"), () => headers.set("x", "line\nbreak"), () => new Headers([["only-one"]])]) {
      try { attempt(); errors.push("none"); } catch (error) { errors.push(`${error.name}: ${error.message}`); }
    }
    const copy = new Headers(headers);
    copy.delete("x-a");
    let immutable;
    try { Response.redirect("https://example.com/next", 307).headers.set("x", "y"); } catch (error) { immutable = `${error.name}: ${error.message}`; }
    const keys = [];
    headers.forEach((value, key) => keys.push(key));
    return {
      entries: [...headers], get: headers.get("X-A"), missing: headers.get("nope"), cookies: headers.getSetCookie(),
      has: [headers.has("content-type"), headers.has("Content-Type"), headers.has("x")],
      errors, immutable, copy: [...copy.keys()], keys,
    };
  },
};
