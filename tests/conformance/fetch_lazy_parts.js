// What a Request and a Response do before the code has named URL, URLSearchParams, Blob,
// FormData, AbortSignal or EventTarget (the runtime loads those parts only when they are used): each
// step runs before the global it depends on has been read, in this order.
export default {
  async run() {
    const out = {};
    // URLs parsed and serialised before any URL exists.
    out.urls = [
      new Request("HTTPS://Example.COM:443/a/../b?q=1 2#frag").url,
      new Request("http://[::1]:80/\u00e9?\ud800").url,
      Response.redirect("https://a.example/x y", 302).headers.get("location"),
    ];
    try {
      new Request("not a url");
      out.invalid = "accepted";
    } catch (error) {
      out.invalid = error.name;
    }
    // A body read as a Blob before any Blob exists, and a Blob body.
    const blob = await new Response("abc", { headers: { "content-type": "Text/Plain" } }).blob();
    out.blob = [blob.type, blob.size, await blob.text(), blob instanceof Blob];
    const fromBlob = new Response(blob);
    out.blobBody = [fromBlob.headers.get("content-type"), await fromBlob.text()];
    // A body parsed as form data before any FormData exists.
    const urlencoded = await new Response("a=1&b=%C3%A9&a=2", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }).formData();
    out.urlencoded = [...urlencoded];
    const multipart = new Response(
      "--B\r\ncontent-disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n" +
        "--B\r\ncontent-disposition: form-data; name=\"file\"; filename=\"f.txt\"\r\ncontent-type: text/plain\r\n\r\nbytes\r\n--B--\r\n",
      { headers: { "content-type": "multipart/form-data; boundary=B" } },
    );
    const parsed = await multipart.formData();
    const file = parsed.get("file");
    out.multipart = { field: parsed.get("field"), file: [file.name, file.type, await file.text()] };
    // A signal that is not an AbortSignal, before any AbortSignal exists.
    try {
      new Request("https://example.com/", { signal: { aborted: false } });
      out.fakeSignal = "accepted";
    } catch (error) {
      out.fakeSignal = error.name;
    }
    // A request's own signal, read after it was copied and cloned.
    const request = new Request("https://example.com/", { method: "POST", body: "x" });
    const copy = new Request(request);
    const clone = copy.clone();
    out.signals = [request.signal.aborted, copy.signal.aborted, clone.signal.aborted];
    out.signalsAreDistinct = request.signal !== copy.signal && copy.signal !== clone.signal;
    out.signalIsAbortSignal = request.signal instanceof AbortSignal && request.signal instanceof EventTarget;
    out.sameSignalEachRead = request.signal === request.signal;
    // A signal given by the code is the request's.
    const controller = new AbortController();
    const given = new Request("https://example.com/", { signal: controller.signal });
    controller.abort("stop");
    out.given = [given.signal.aborted, given.signal.reason];
    // A URLSearchParams body, once the URL unit is loaded.
    const search = new Request("https://example.com/", { method: "POST", body: new URLSearchParams("a=1&b=two words") });
    out.searchBody = [search.headers.get("content-type"), await search.text()];
    // The FormData the body gave is the global's, and a FormData body works once it is loaded.
    out.formDataIsGlobal = parsed instanceof FormData;
    const form = new FormData();
    form.append("k", "v");
    const sent = new Request("https://example.com/", { method: "POST", body: form });
    out.formBody = [sent.headers.get("content-type").startsWith("multipart/form-data; boundary="), (await sent.text()).includes("name=\"k\"\r\n\r\nv\r\n")];
    return out;
  },
};
