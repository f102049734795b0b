// compatibilityDate: 2026-11-17
// util.MIMEType and util.MIMEParams: WHATWG MIME type parsing (lower-cased names, the first of
// a repeated parameter, invalid ones dropped, quoted values), serialization and errors.
import { MIMEType, MIMEParams } from "node:util";
import util from "node:util";

function attempt(call) {
  try {
    return call();
  } catch (error) {
    return `${error.name} ${error.code}: ${error.message}`;
  }
}

export default {
  async run() {
    const type = new MIMEType('text/html; a=1; b="x y"; C=Z;d=""; e; a=2; f="q\\"x"');
    const parsed = [String(type), type.params.toString(), JSON.stringify(type), type.type, type.subtype, type.essence,
      [...type.params.keys()], [...type.params], type.params.get("c"), type.params.get("nope"), type.params.has("e")];
    type.type = "Application";
    type.subtype = "JSON";
    const changed = String(type);
    const plain = new MIMEType('TeXt/PlAiN; ChArsEt="utf-8"');
    plain.params.set("boundary", "foo");
    const added = String(plain);
    plain.params.delete("boundary");
    return {
      parsed,
      changed,
      added,
      deleted: String(plain),
      setType: attempt(() => { type.type = "a b"; }),
      invalid: [attempt(() => new MIMEType("nope")), attempt(() => new MIMEType("a/")), attempt(() => new MIMEType(" /b"))],
      inspect: util.inspect(new MIMEType("text/plain;a=b")),
      shapes: [typeof MIMEParams, Object.getOwnPropertyNames(MIMEType.prototype), Object.getOwnPropertyNames(MIMEParams.prototype)],
    };
  },
};
