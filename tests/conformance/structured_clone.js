export default {
  run() {
    const original = { map: new Map([["k", new Set([1, 2])]]), date: new Date(0), regex: /x/gi, bytes: new Uint8Array([1, 2]), nested: {}, big: 10n };
    original.nested.self = original;
    const copy = structuredClone(original);
    let functionError;
    try { structuredClone({ f() {} }); } catch (error) { functionError = `${error.name} (${error instanceof DOMException}): ${error.message}`; }
    let symbolError;
    try { structuredClone(Symbol("s")); } catch (error) { symbolError = error.name; }
    const buffer = new ArrayBuffer(8);
    const moved = structuredClone(buffer, { transfer: [buffer] });
    const error = structuredClone(new RangeError("cloned"));
    return {
      independent: copy !== original && copy.map !== original.map,
      map: [...copy.map.get("k")], date: copy.date.getTime(), regex: [copy.regex.source, copy.regex.flags],
      bytes: Array.from(copy.bytes), cycle: copy.nested.self === copy, big: String(copy.big),
      functionError, symbolError, transferred: [buffer.byteLength, moved.byteLength],
      error: [error instanceof RangeError, error.message],
    };
  },
};
