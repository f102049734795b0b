export default {
  run() {
    const encoder = new TextEncoder();
    const bytes = encoder.encode("héllo €𝄞");
    const target = new Uint8Array(5);
    const into = encoder.encodeInto("héllo", target);
    const euro = encoder.encode("€");
    const streamed = new TextDecoder();
    let text = streamed.decode(euro.subarray(0, 1), { stream: true });
    text += streamed.decode(euro.subarray(1));
    const flushing = new TextDecoder();
    let flushed = flushing.decode(euro.subarray(0, 1), { stream: true });
    flushed += flushing.decode(euro.subarray(1), { stream: true });
    flushed += flushing.decode();
    let fatal;
    try { new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff])); } catch (error) { fatal = error.name; }
    let badLabel;
    try { new TextDecoder("nope"); } catch (error) { badLabel = `${error.name}: ${error.message}`; }
    let badAtob;
    try { atob("***"); } catch (error) { badAtob = `${error.name}: ${error.message}`; }
    return {
      bytes: Array.from(bytes), into, target: Array.from(target),
      decoded: new TextDecoder().decode(bytes),
      replacement: new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0x62])),
      bom: new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])),
      keepBom: new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).length,
      latin1: new TextDecoder("latin1").decode(new Uint8Array([0xe9])), latin1Name: new TextDecoder("latin1").encoding,
      utf16: new TextDecoder("utf-16le").decode(new Uint8Array([0x41, 0, 0x42, 0])),
      encodings: [new TextDecoder().encoding, new TextDecoder("UTF8").encoding, new TextEncoder().encoding],
      streamed: text, flushed, fatal, badLabel,
      btoa: btoa("hello"), atob: atob(" aGVs bG8= "), badAtob,
    };
  },
};
