export default {
  async run() {
    const blob = new Blob(["héllo ", new Uint8Array([119, 111]), new Blob(["rld"])], { type: "Text/Plain" });
    const file = new File(["data"], "notes.txt", { type: "text/plain", lastModified: 42 });
    const form = new FormData();
    form.append("name", "Ada");
    form.append("file", file);
    form.append("blob", new Blob(["x"]));
    form.set("name", "Grace");
    const request = new Request("https://example.com/upload", { method: "PUT", body: form });
    const parsed = await request.formData();
    const urlencoded = await new Response("a=1&b=two+words", { headers: { "content-type": "application/x-www-form-urlencoded" } }).formData();
    return {
      blob: [blob.size, blob.type, await blob.text(), await blob.slice(-3).text(), Array.from(await blob.slice(0, 2).bytes()), (await blob.arrayBuffer()).byteLength],
      file: [file.name, file.lastModified, file.type, file instanceof Blob, file.size],
      form: [...form].map(([key, value]) => [key, typeof value === "string" ? value : `${value.constructor.name}:${value.name}:${value.type}`]),
      parsed: [...parsed].map(([key, value]) => [key, typeof value === "string" ? value : `${value.name}:${value.type}:${value.size}`]),
      urlencoded: [...urlencoded],
      multipart: request.headers.get("content-type").startsWith("multipart/form-data; boundary="),
    };
  },
};
