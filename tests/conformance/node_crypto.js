// compatibilityDate: 2026-11-17
// node:crypto with nodejs_compat: hashes, HMACs, key derivation, AES ciphers with fixed keys
// and IVs, signatures that do not depend on randomness (RSA PKCS #1 v1.5, Ed25519) and round
// trips of the others, key objects, and the errors for bad input.
import crypto from "node:crypto";
import { Buffer } from "node:buffer";

// Keys made for this test with Node.js's generateKeyPairSync; they protect nothing.
const KEYS = {
  rsaPkcs8: "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCJQE1aHe+ADCbq\nefi/LX0ylzgKojYiDu/z57tci/IyIBoaARk9TFRzoNkJ61LD1qr7Tr43TAVuLiw6\n9RgjIbVoboHuLC2U7uRLsbldCaHGyCf6WjUc3ikwoqeXngX42Ckg6wgN+Dhp8Quy\nNxugCPjtUvi0R/5OKYjQUWOCRmHBjMW0Dq6+lWlrewaJG1E3LSb9BxrHHP+7lxLm\nmReFjlc+DRCxhSX9gmWtec0hYDSAzY3/8vsnRcxrYwzC4XA/K7qkvHRm8wYE014U\nPwwOATQJIsltPFl75nJ071IcxvE/ICkpMjixdKiVRAXAUwjFCu0XMzPChBXN+d7t\nT4hHdb6DAgMBAAECggEACLf+0e6HOXqheZFVpbYFjH0CWzE9FW0efWonQvSZkOlC\nJIxqUTRema506xuO+TrTR2iT+R5JVVughVREJsMsQMiNqhbAry59GSPekxRFZG5w\nP7KS9NUAsoK6o7fZnZpZrn96VleCJJS35KfPMkYvo0p7MF9HE9Rb87kf2aA6ndle\nytHndkWXK690pEtugxqrE8b+Cie0HW3FX5Iqr6UbZ9byK535n4ORH7F53Uu+zWFf\nDCENncmO1VYPtkoRzcH9CIbsFzSfAqJlRiHj4iFmFs7NUGrTdIBCCCfklAJ9oWSC\n3ti8+iZBVkbyXE+G6yUsaPby81hMENKS7k1qNcZgiQKBgQC9PYrcEVWXNV/PxDV+\nDsaxw1qriFftHTlBuI+yswQnz3tObRY5i4wXyUuY68iz7IHpold4Neywmk+zE8oM\nV9FOw4p9E3Rjak1QEVTOH0Pr7nYGVZVyEYGjyiiYAFTKZ0/oBRyWYbt8Y/wD60VP\n4oA9vZIGsSubY4Nqa0QmVODlaQKBgQC5q5H1fZ7r6HxfAqF/vf+SO3E6tkYtqBQ0\nCZHWl/NyFPbz+Bz7QUzgRDbMiccCP0hobogwIjFGb9p/km3fXnxOT71J6W3VrV3L\nKHIQ1mGvxDQrYQX8+AQ2TmuiGsgJZUwNPZDs5b+pLBvZAab3P1O1QUw9pGXeTTw/\neAKjyIFrCwKBgHXTbLMK4/TK2cX+D6RWROaHkNu+f6h2CqFd7bLA/XRgHhE9oJnh\nxi9FORmUrRlBx72VQ8roIF/xJHCGgMXgo8TbwU2RIGWJ2Wth7yCLnPm4NqpI/UzR\nk5tMkqvZgPGpE7qN/Dex0E9p3Y7/HN/ZUime793U0Cbm9fr7oKoRLRoJAoGAFI6C\nYoO+DLB41Kwd5V7L5QzfxHhZ3MQ3OGu20eOQ+JiJnwlhbBAWyt3Ck3LNrdoD0kwq\nl+mxOvM3Zdh4gbqcWK9LbduCZZ4EPHIF7wdNWYCHpiXf29o53SlhkVkVvLSSbwTZ\n/uCRD9HqY2RjcAx64B6SqmCBRtOWUBChejDA43ECgYEAqOq5mukVAe8sCYQ4MIW4\nOsUrbBe7EzPYJfzeGfiKOltd3LHmaJvCVf87Qx1YPNT9UwVclyjrE05oCT8L2wMW\nWZSxYYxWAAFRw9ipW4hqv+fSQfO6FhYBK+Sf4NuvFwn9F0daFe8Vi31HMn0URe7J\nrdjgw12vYXvYBSSvCZHO9G0=\n-----END PRIVATE KEY-----\n",
  rsaPkcs1: "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAiUBNWh3vgAwm6nn4vy19Mpc4CqI2Ig7v8+e7XIvyMiAaGgEZ\nPUxUc6DZCetSw9aq+06+N0wFbi4sOvUYIyG1aG6B7iwtlO7kS7G5XQmhxsgn+lo1\nHN4pMKKnl54F+NgpIOsIDfg4afELsjcboAj47VL4tEf+TimI0FFjgkZhwYzFtA6u\nvpVpa3sGiRtRNy0m/Qcaxxz/u5cS5pkXhY5XPg0QsYUl/YJlrXnNIWA0gM2N//L7\nJ0XMa2MMwuFwPyu6pLx0ZvMGBNNeFD8MDgE0CSLJbTxZe+ZydO9SHMbxPyApKTI4\nsXSolUQFwFMIxQrtFzMzwoQVzfne7U+IR3W+gwIDAQABAoIBAAi3/tHuhzl6oXmR\nVaW2BYx9AlsxPRVtHn1qJ0L0mZDpQiSMalE0XpmudOsbjvk600dok/keSVVboIVU\nRCbDLEDIjaoWwK8ufRkj3pMURWRucD+ykvTVALKCuqO32Z2aWa5/elZXgiSUt+Sn\nzzJGL6NKezBfRxPUW/O5H9mgOp3ZXsrR53ZFlyuvdKRLboMaqxPG/gontB1txV+S\nKq+lG2fW8iud+Z+DkR+xed1Lvs1hXwwhDZ3JjtVWD7ZKEc3B/QiG7Bc0nwKiZUYh\n4+IhZhbOzVBq03SAQggn5JQCfaFkgt7YvPomQVZG8lxPhuslLGj28vNYTBDSku5N\najXGYIkCgYEAvT2K3BFVlzVfz8Q1fg7GscNaq4hX7R05QbiPsrMEJ897Tm0WOYuM\nF8lLmOvIs+yB6aJXeDXssJpPsxPKDFfRTsOKfRN0Y2pNUBFUzh9D6+52BlWVchGB\no8oomABUymdP6AUclmG7fGP8A+tFT+KAPb2SBrErm2ODamtEJlTg5WkCgYEAuauR\n9X2e6+h8XwKhf73/kjtxOrZGLagUNAmR1pfzchT28/gc+0FM4EQ2zInHAj9IaG6I\nMCIxRm/af5Jt3158Tk+9Selt1a1dyyhyENZhr8Q0K2EF/PgENk5rohrICWVMDT2Q\n7OW/qSwb2QGm9z9TtUFMPaRl3k08P3gCo8iBawsCgYB102yzCuP0ytnF/g+kVkTm\nh5Dbvn+odgqhXe2ywP10YB4RPaCZ4cYvRTkZlK0ZQce9lUPK6CBf8SRwhoDF4KPE\n28FNkSBlidlrYe8gi5z5uDaqSP1M0ZObTJKr2YDxqRO6jfw3sdBPad2O/xzf2VIp\nnu/d1NAm5vX6+6CqES0aCQKBgBSOgmKDvgyweNSsHeVey+UM38R4WdzENzhrttHj\nkPiYiZ8JYWwQFsrdwpNyza3aA9JMKpfpsTrzN2XYeIG6nFivS23bgmWeBDxyBe8H\nTVmAh6Yl39vaOd0pYZFZFby0km8E2f7gkQ/R6mNkY3AMeuAekqpggUbTllAQoXow\nwONxAoGBAKjquZrpFQHvLAmEODCFuDrFK2wXuxMz2CX83hn4ijpbXdyx5mibwlX/\nO0MdWDzU/VMFXJco6xNOaAk/C9sDFlmUsWGMVgABUcPYqVuIar/n0kHzuhYWASvk\nn+DbrxcJ/RdHWhXvFYt9RzJ9FEXuya3Y4MNdr2F72AUkrwmRzvRt\n-----END RSA PRIVATE KEY-----\n",
  rsaSpki: "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAiUBNWh3vgAwm6nn4vy19\nMpc4CqI2Ig7v8+e7XIvyMiAaGgEZPUxUc6DZCetSw9aq+06+N0wFbi4sOvUYIyG1\naG6B7iwtlO7kS7G5XQmhxsgn+lo1HN4pMKKnl54F+NgpIOsIDfg4afELsjcboAj4\n7VL4tEf+TimI0FFjgkZhwYzFtA6uvpVpa3sGiRtRNy0m/Qcaxxz/u5cS5pkXhY5X\nPg0QsYUl/YJlrXnNIWA0gM2N//L7J0XMa2MMwuFwPyu6pLx0ZvMGBNNeFD8MDgE0\nCSLJbTxZe+ZydO9SHMbxPyApKTI4sXSolUQFwFMIxQrtFzMzwoQVzfne7U+IR3W+\ngwIDAQAB\n-----END PUBLIC KEY-----\n",
  rsaPkcs1Pub: "-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAiUBNWh3vgAwm6nn4vy19Mpc4CqI2Ig7v8+e7XIvyMiAaGgEZPUxU\nc6DZCetSw9aq+06+N0wFbi4sOvUYIyG1aG6B7iwtlO7kS7G5XQmhxsgn+lo1HN4p\nMKKnl54F+NgpIOsIDfg4afELsjcboAj47VL4tEf+TimI0FFjgkZhwYzFtA6uvpVp\na3sGiRtRNy0m/Qcaxxz/u5cS5pkXhY5XPg0QsYUl/YJlrXnNIWA0gM2N//L7J0XM\na2MMwuFwPyu6pLx0ZvMGBNNeFD8MDgE0CSLJbTxZe+ZydO9SHMbxPyApKTI4sXSo\nlUQFwFMIxQrtFzMzwoQVzfne7U+IR3W+gwIDAQAB\n-----END RSA PUBLIC KEY-----\n",
  ecPkcs8: "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg3Df3ce3gQzGH/Xu8\nhf52i73O8I6suKFJzsyVoytN7byhRANCAAQQGD25/ObWUIhY5A8mSb4Kt8pJV8uQ\n4bo/U61HrJoB2SxAn1RoE8YXPWEsfmQpqEja3A/Yfz8yIV1Kfc5tr3KS\n-----END PRIVATE KEY-----\n",
  ecSec1: "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEINw393Ht4EMxh/17vIX+dou9zvCOrLihSc7MlaMrTe28oAoGCCqGSM49\nAwEHoUQDQgAEEBg9ufzm1lCIWOQPJkm+CrfKSVfLkOG6P1OtR6yaAdksQJ9UaBPG\nFz1hLH5kKahI2twP2H8/MiFdSn3Oba9ykg==\n-----END EC PRIVATE KEY-----\n",
  ecSpki: "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEBg9ufzm1lCIWOQPJkm+CrfKSVfL\nkOG6P1OtR6yaAdksQJ9UaBPGFz1hLH5kKahI2twP2H8/MiFdSn3Oba9ykg==\n-----END PUBLIC KEY-----\n",
  edPkcs8: "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIBNASY9sFs3tSQBgIoytJjbonKH+dsGys1it4Rgrul+R\n-----END PRIVATE KEY-----\n",
  edSpki: "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJf8HZtGNyGNjZZ2XcityKxsOyJ8GFYV76bhuyESSWy0=\n-----END PUBLIC KEY-----\n",
};

function attempt(call) {
  try {
    const value = call();
    return value instanceof Uint8Array ? `buffer ${Buffer.from(value).toString("hex")}` : value;
  } catch (error) {
    return { name: error.name, code: error.code ?? null, message: error.message };
  }
}

function cipher(name, key, iv, data, options) {
  const encrypt = crypto.createCipheriv(name, key, iv, options);
  const encrypted = Buffer.concat([encrypt.update(Buffer.from(data)), encrypt.final()]);
  const tag = name.endsWith("gcm") ? encrypt.getAuthTag() : null;
  const decrypt = crypto.createDecipheriv(name, key, iv, options);
  if (tag) decrypt.setAuthTag(tag);
  const decrypted = Buffer.concat([decrypt.update(encrypted), decrypt.final()]).toString();
  return { encrypted: encrypted.toString("hex"), tag: tag && tag.toString("hex"), decrypted };
}

export default {
  async run() {
    const data = "The quick brown fox jumps over the lazy dog";
    const hashes = {};
    for (const name of ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-256", "RSA-SHA256", "SHA256"]) {
      hashes[name] = crypto.createHash(name).update(data).digest("hex");
    }
    const hmacs = {};
    for (const name of ["md5", "sha1", "sha256", "sha512"]) {
      hmacs[name] = crypto.createHmac(name, "key").update(data).digest("base64");
    }
    const hash = crypto.createHash("sha256").update("part one, ");
    const copy = hash.copy();
    const encodings = {
      hex: crypto.createHash("sha1").update("616263", "hex").digest("hex"),
      base64url: crypto.createHash("md5").update("abc").digest("base64url"),
      latin1: crypto.createHash("md5").update("abc").digest("latin1"),
      buffer: attempt(() => crypto.createHash("sha1").update(new Uint8Array([1, 2, 3])).digest()),
      copy: copy.update("part two").digest("hex") === crypto.createHash("sha256").update("part one, part two").digest("hex"),
      oneShot: crypto.hash("sha1", "abc"),
      oneShotBase64: crypto.hash("sha1", "abc", "base64"),
      longHmacKey: crypto.createHmac("sha256", "k".repeat(200)).update("x").digest("hex"),
    };
    const derived = {
      pbkdf2: crypto.pbkdf2Sync("password", "salt", 4096, 32, "sha256").toString("hex"),
      pbkdf2Md5: crypto.pbkdf2Sync("p", "s", 2, 20, "md5").toString("hex"),
      pbkdf2Callback: await new Promise((resolve) =>
        crypto.pbkdf2("p", "s", 1, 8, "sha512", (error, key) => resolve([error, key.toString("hex")]))),
      hkdf: Buffer.from(crypto.hkdfSync("sha256", "key", "salt", "info", 42)).toString("hex"),
      hkdfIsArrayBuffer: crypto.hkdfSync("sha256", "key", "salt", "info", 4) instanceof ArrayBuffer,
      scrypt: crypto.scryptSync("password", "salt", 32, { N: 1024, r: 8, p: 1 }).toString("hex"),
      scryptAliases: crypto.scryptSync("p", "s", 16, { cost: 16, blockSize: 1, parallelization: 1 }).toString("hex"),
      scryptDefault: crypto.scryptSync("p", "s", 16).toString("hex"),
    };
    const key16 = Buffer.alloc(16, 1), key24 = Buffer.alloc(24, 2), key32 = Buffer.alloc(32, 3);
    const iv = Buffer.alloc(16, 4), nonce = Buffer.alloc(12, 5);
    const ciphers = {
      cbc128: cipher("aes-128-cbc", key16, iv, data),
      cbc192: cipher("aes-192-cbc", key24, iv, data),
      cbc256: cipher("aes-256-cbc", key32, iv, data),
      ctr128: cipher("aes-128-ctr", key16, iv, data),
      ctr256: cipher("aes-256-ctr", key32, Buffer.alloc(16, 255), data),
      ecb128: cipher("aes-128-ecb", key16, null, data),
      gcm128: cipher("aes-128-gcm", key16, nonce, data),
      gcm256: cipher("aes-256-gcm", key32, nonce, data),
      gcmLongIv: cipher("aes-256-gcm", key32, Buffer.alloc(60, 6), data),
      aad: (() => {
        const encrypt = crypto.createCipheriv("aes-128-gcm", key16, nonce);
        encrypt.setAAD(Buffer.from("header"));
        const out = encrypt.update("hello", "utf8", "hex") + encrypt.final("hex");
        return [out, encrypt.getAuthTag().toString("hex")];
      })(),
      noPadding: (() => {
        const encrypt = crypto.createCipheriv("aes-128-cbc", key16, iv);
        encrypt.setAutoPadding(false);
        return encrypt.update(Buffer.alloc(32, 7), undefined, "base64") + encrypt.final("base64");
      })(),
      stringKey: crypto.createCipheriv("aes-128-cbc", "0123456789abcdef", "fedcba9876543210")
        .update("sixteen byte msg", "utf8", "hex"),
    };
    const message = Buffer.from(data);
    const signatures = {
      rsa: crypto.sign("sha256", message, KEYS.rsaPkcs8).toString("base64"),
      rsaSign: crypto.createSign("RSA-SHA256").update(data).sign(KEYS.rsaPkcs1, "base64"),
      rsaVerify: crypto.verify("sha256", message, KEYS.rsaSpki, crypto.sign("sha256", message, KEYS.rsaPkcs8)),
      rsaVerifyPkcs1: crypto.createVerify("sha256").update(data)
        .verify(KEYS.rsaPkcs1Pub, crypto.sign("sha256", message, KEYS.rsaPkcs8)),
      rsaVerifyOther: crypto.verify("sha256", Buffer.from("other"), KEYS.rsaSpki,
        crypto.sign("sha256", message, KEYS.rsaPkcs8)),
      pss: crypto.verify("sha256", message, { key: KEYS.rsaSpki, padding: 6 },
        crypto.sign("sha256", message, { key: KEYS.rsaPkcs8, padding: 6, saltLength: 32 })),
      ecdsa: crypto.verify("sha256", message, KEYS.ecSpki, crypto.sign("sha256", message, KEYS.ecSec1)),
      ecdsaP1363: crypto.sign("sha384", message, { key: KEYS.ecPkcs8, dsaEncoding: "ieee-p1363" }).length,
      ed25519: crypto.sign(null, message, KEYS.edPkcs8).toString("hex"),
      ed25519Verify: crypto.verify(null, message, KEYS.edSpki, crypto.sign(null, message, KEYS.edPkcs8)),
    };
    const privateRsa = crypto.createPrivateKey(KEYS.rsaPkcs1);
    const keys = {
      rsa: [privateRsa.type, privateRsa.asymmetricKeyType, privateRsa.asymmetricKeyDetails.modulusLength,
        String(privateRsa.asymmetricKeyDetails.publicExponent),
        privateRsa.export({ type: "pkcs8", format: "pem" }) === KEYS.rsaPkcs8],
      rsaPublic: crypto.createPublicKey(KEYS.rsaPkcs8).export({ type: "pkcs1", format: "pem" }) === KEYS.rsaPkcs1Pub,
      ec: crypto.createPrivateKey(KEYS.ecPkcs8).export({ type: "sec1", format: "pem" }) === KEYS.ecSec1,
      ecDetails: crypto.createPublicKey(KEYS.ecSpki).asymmetricKeyDetails,
      ed25519: crypto.createPublicKey(KEYS.edPkcs8).export({ type: "spki", format: "pem" }) === KEYS.edSpki,
      classes: [crypto.createPublicKey(KEYS.ecSpki).constructor.name, String(crypto.createPublicKey(KEYS.ecSpki))],
      secret: (() => {
        const secret = crypto.createSecretKey(Buffer.from("abc"));
        return [secret.type, secret.symmetricKeySize, secret.export().toString(), secret.export({ format: "jwk" }),
          crypto.createHmac("sha256", secret).update("x").digest("hex")];
      })(),
    };
    const random = {
      bytes: crypto.randomBytes(60000).length,
      fill: crypto.randomFillSync(new Uint32Array(4)).length,
      int: (() => {
        for (let index = 0; index < 200; index++) {
          const value = crypto.randomInt(3, 7);
          if (value < 3 || value >= 7 || !Number.isInteger(value)) return value;
        }
        return "in range";
      })(),
      uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),
      callback: await new Promise((resolve) => crypto.randomBytes(8, (error, bytes) => resolve([error, bytes.length]))),
      timingSafeEqual: [crypto.timingSafeEqual(Buffer.from("ab"), Buffer.from("ab")),
        crypto.timingSafeEqual(Buffer.from("ab"), Buffer.from("ac"))],
      webcrypto: crypto.webcrypto === globalThis.crypto && crypto.subtle === globalThis.crypto.subtle,
    };
    const errors = {
      unknownHash: attempt(() => crypto.createHash("nope")),
      unknownHmac: attempt(() => crypto.createHmac("nope", "k")),
      dataType: attempt(() => crypto.createHash("sha1").update(5)),
      digestTwice: attempt(() => { const h = crypto.createHash("sha1"); h.digest(); return h.digest(); }),
      hmacDigestTwice: attempt(() => { const h = crypto.createHmac("sha1", "k"); h.digest(); return h.digest("hex"); }),
      randomBytesRange: attempt(() => crypto.randomBytes(-1)),
      randomBytesType: attempt(() => crypto.randomBytes("1")),
      pbkdf2Digest: attempt(() => crypto.pbkdf2Sync("p", "s", 1, 32, "nope")),
      pbkdf2Iterations: attempt(() => crypto.pbkdf2Sync("p", "s", 0, 32, "sha1")),
      pbkdf2Password: attempt(() => crypto.pbkdf2Sync(5, "s", 1, 8, "sha1")),
      hkdfDigest: attempt(() => crypto.hkdfSync("nope", "k", "s", "i", 16)),
      hkdfLength: attempt(() => crypto.hkdfSync("sha256", "k", "s", "i", 255 * 32 + 1)),
      scryptCost: attempt(() => crypto.scryptSync("p", "s", 16, { N: 2 ** 20 })),
      scryptN: attempt(() => crypto.scryptSync("p", "s", 16, { N: 3 })),
      unknownCipher: attempt(() => crypto.createCipheriv("nope", key16, iv)),
      keyLength: attempt(() => crypto.createCipheriv("aes-128-cbc", Buffer.alloc(15), iv)),
      ivLength: attempt(() => crypto.createCipheriv("aes-128-cbc", key16, Buffer.alloc(15))),
      keyType: attempt(() => crypto.createCipheriv("aes-128-cbc", 5, iv)),
      badPadding: attempt(() => {
        const decrypt = crypto.createDecipheriv("aes-128-cbc", key16, iv);
        decrypt.update(Buffer.alloc(16));
        return decrypt.final();
      }),
      finalTwice: attempt(() => { const c = crypto.createCipheriv("aes-128-cbc", key16, iv); c.final(); return c.final(); }),
      noAuthTag: attempt(() => {
        const decrypt = crypto.createDecipheriv("aes-128-gcm", key16, nonce);
        decrypt.update(Buffer.alloc(16));
        return decrypt.final();
      }),
      wrongAuthTag: attempt(() => {
        const decrypt = crypto.createDecipheriv("aes-128-gcm", key16, nonce);
        decrypt.setAuthTag(Buffer.alloc(16));
        decrypt.update(Buffer.alloc(16));
        return decrypt.final();
      }),
      earlyAuthTag: attempt(() => crypto.createCipheriv("aes-128-gcm", key16, nonce).getAuthTag()),
      lateAad: attempt(() => {
        const encrypt = crypto.createCipheriv("aes-128-gcm", key16, nonce);
        encrypt.update(Buffer.from("x"));
        return encrypt.setAAD(Buffer.from("a"));
      }),
      timingSafeEqualLength: attempt(() => crypto.timingSafeEqual(Buffer.from("a"), Buffer.from("ab"))),
      badPrivateKey: attempt(() => crypto.createPrivateKey("nonsense")),
      badPublicKey: attempt(() => crypto.createPublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")),
      signWithPublic: attempt(() => crypto.sign("sha256", message, KEYS.rsaSpki)),
      unknownSignDigest: attempt(() => crypto.sign("nope", message, KEYS.rsaPkcs8)),
      signTwice: attempt(() => {
        const signer = crypto.createSign("sha256");
        signer.sign(KEYS.ecPkcs8);
        return signer.sign(KEYS.ecPkcs8);
      }),
    };
    return {
      hashes, hmacs, encodings, derived, ciphers, signatures, keys, random, errors,
      constants: Object.keys(crypto.constants),
      supported: [crypto.getHashes().includes("sha256"), crypto.getCiphers().includes("aes-256-gcm"),
        crypto.getCurves().includes("prime256v1")],
    };
  },
};
