const hex = (buffer) => [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
const bytes = (text) => new TextEncoder().encode(text);

export default {
  async run() {
    const subtle = crypto.subtle;
    const digests = {};
    for (const name of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) digests[name] = hex(await subtle.digest(name, bytes("abc")));
    const hmacKey = await subtle.importKey("raw", bytes("key"), { name: "HMAC", hash: "SHA-256" }, true, ["sign", "verify"]);
    const mac = await subtle.sign("HMAC", hmacKey, bytes("The quick brown fox jumps over the lazy dog"));
    const hmacJwk = await subtle.exportKey("jwk", hmacKey);
    const aesKey = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt", "decrypt"]);
    const iv = new Uint8Array(12);
    const sealed = await subtle.encrypt({ name: "AES-GCM", iv }, aesKey, bytes("secret"));
    const opened = new TextDecoder().decode(await subtle.decrypt({ name: "AES-GCM", iv }, aesKey, sealed));
    let tampered;
    try {
      const broken = new Uint8Array(sealed);
      broken[0] ^= 1;
      await subtle.decrypt({ name: "AES-GCM", iv }, aesKey, broken);
    } catch (error) {
      tampered = error.name;
    }
    const ecdsa = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const signature = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, ecdsa.privateKey, bytes("message"));
    const ecdsaValid = await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, ecdsa.publicKey, signature, bytes("message"));
    const ed = await subtle.generateKey("Ed25519", true, ["sign", "verify"]);
    const edSignature = await subtle.sign("Ed25519", ed.privateKey, bytes("message"));
    const edValid = await subtle.verify("Ed25519", ed.publicKey, edSignature, bytes("message"));
    const edWrong = await subtle.verify("Ed25519", ed.publicKey, edSignature, bytes("other"));
    return {
      digests, mac: hex(mac), jwk: [hmacJwk.kty, hmacJwk.alg, hmacJwk.k],
      sealed: [sealed.byteLength, hex(sealed)], opened, tampered,
      ecdsa: [signature.byteLength, ecdsaValid, ecdsa.publicKey.algorithm.namedCurve, ecdsa.privateKey.type, ecdsa.publicKey.usages],
      ed: [edSignature.byteLength, edValid, edWrong, ed.privateKey.algorithm.name],
      keyShape: [hmacKey.type, hmacKey.extractable, hmacKey.algorithm.name, hmacKey.algorithm.hash.name, hmacKey.algorithm.length, hmacKey.usages],
    };
  },
};
