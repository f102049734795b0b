// compatibilityDate: 2026-11-17
// node:crypto's new keys with nodejs_compat: generateKeyPair(Sync) for RSA, EC, Ed25519 and
// X25519 (the keys' shapes, their encodings, signatures made with them), generateKey(Sync)
// for HMAC and AES, and the errors for bad options. Nothing random is returned.
import crypto from "node:crypto";
import { Buffer } from "node:buffer";

function attempt(call) {
  try {
    return call();
  } catch (error) {
    return { name: error.name, code: error.code ?? null, message: error.message };
  }
}

function shape(pair) {
  const { publicKey, privateKey } = pair;
  const details = (key) => {
    const value = key.asymmetricKeyDetails;
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, typeof item === "bigint" ? `${item}n` : item]));
  };
  return {
    public: [publicKey.type, publicKey.asymmetricKeyType, details(publicKey)],
    private: [privateKey.type, privateKey.asymmetricKeyType, details(privateKey)],
    spkiLength: publicKey.export({ type: "spki", format: "der" }).length,
    samePublic: crypto.createPublicKey(privateKey).export({ type: "spki", format: "pem" }) ===
      publicKey.export({ type: "spki", format: "pem" }),
  };
}

function signs(pair, hash) {
  const data = Buffer.from("signed by a new key");
  const signature = crypto.sign(hash, data, pair.privateKey);
  return [crypto.verify(hash, data, pair.publicKey, signature), crypto.verify(hash, Buffer.from("other"), pair.publicKey, signature)];
}

export default {
  async run() {
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const ed = crypto.generateKeyPairSync("ed25519");
    const x = crypto.generateKeyPairSync("x25519");
    const pem = crypto.generateKeyPairSync("rsa", {
      modulusLength: 1024,
      publicExponent: 3,
      publicKeyEncoding: { type: "pkcs1", format: "pem" },
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
    });
    const asynchronous = await new Promise((resolve) =>
      crypto.generateKeyPair("ec", { namedCurve: "secp384r1" }, (error, publicKey, privateKey) =>
        resolve(error ? String(error) : shape({ publicKey, privateKey }))));
    const hmac = await new Promise((resolve) =>
      crypto.generateKey("hmac", { length: 100 }, (error, key) => resolve(error ? String(error) : [key.type, key.symmetricKeySize])));
    return {
      rsa: shape(rsa),
      rsaSigns: signs(rsa, "sha256"),
      ec: shape(ec),
      ecSigns: signs(ec, "sha256"),
      p521: shape(crypto.generateKeyPairSync("ec", { namedCurve: "secp521r1" })),
      ed25519: shape(ed),
      ed25519Signs: signs(ed, null),
      x25519: shape(x),
      pem: [pem.publicKey.split("\n")[0], pem.privateKey.split("\n")[0],
        crypto.createPublicKey(pem.publicKey).asymmetricKeyDetails.publicExponent === 3n],
      sec1: crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1", privateKeyEncoding: { type: "sec1", format: "der" } })
        .privateKey.subarray(0, 2).toString("hex"),
      asynchronous,
      hmac,
      aes: crypto.generateKeySync("aes", { length: 192 }).symmetricKeySize,
      errors: {
        type: attempt(() => crypto.generateKeyPairSync("dsa", {})),
        modulusLength: attempt(() => crypto.generateKeyPairSync("rsa", {})),
        namedCurve: attempt(() => crypto.generateKeyPairSync("ec", {})),
        curve: attempt(() => crypto.generateKeyPairSync("ec", { namedCurve: "nope" })),
        callback: attempt(() => crypto.generateKeyPair("ed25519", {})),
        secretType: attempt(() => crypto.generateKeySync("des", { length: 64 })),
        aesLength: attempt(() => crypto.generateKeySync("aes", { length: 100 })),
        hmacLength: attempt(() => crypto.generateKeySync("hmac", { length: 4 })),
      },
      unsupported: {
        dh: attempt(() => Object.keys(crypto.generateKeyPairSync("dh", { group: "modp14" }))),
        encrypted: attempt(() => crypto.generateKeyPairSync("ec", {
          namedCurve: "P-256",
          privateKeyEncoding: { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "secret" },
        }).privateKey.split("\n")[0]),
        evenExponent: attempt(() => crypto.generateKeyPairSync("rsa", { modulusLength: 1024, publicExponent: 4 }).publicKey.type),
      },
      smallRsa: attempt(() => crypto.generateKeyPairSync("rsa", { modulusLength: 512 }).publicKey.asymmetricKeyDetails.modulusLength),
    };
  },
};
