// ECDSA and ECDH on P-256, P-384 and P-521 (keys and signatures made by Node.js), X25519,
// AES-CBC, AES-CTR and AES-KW, and PBKDF2: known answers from the RFCs and NIST, round
// trips, and the errors.
const hex = (buffer) => [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
const unhex = (text) => Uint8Array.from(text.match(/../g), (pair) => parseInt(pair, 16));
const bytes = (text) => new TextEncoder().encode(text);
const base64 = (text) => Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
const errorName = (promise) => promise.then(() => "resolved", (error) => error.name);

const CURVES = {"P-256": {"jwk": {"kty": "EC", "x": "ZsM6kh60YcyqAHWKeezWzdWkauya-6VQbxmTW-EcLm8", "y": "0mXwsFh5I9InECg_UlfPgg4SsV7eEP3ThG0M1OREK9M", "crv": "P-256", "d": "gPWeiZHFKkeDj0WucNsE65m_oz3GAA_yav1nHBfcusg"}, "spki": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEZsM6kh60YcyqAHWKeezWzdWkauya+6VQbxmTW+EcLm/SZfCwWHkj0icQKD9SV8+CDhKxXt4Q/dOEbQzU5EQr0w==", "sig": "vuWfdmHfHsGoM1P9LPGwQmbLD4mSpiE7kk7ZzCk5WwOuWsRXkt0rJcJymRgARWjW34d/BhXCeYPUpYw6Rvsncw==", "peerPkcs8": "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgu8/t2VekpXZOd2adJj2//yexfqGxw0swT29gB6/3F9ShRANCAAQM+6EbohLxkI9lfKyJo5RpLnk5i/s83KmAeBHdq2UcAtmHNAa17u6x0CppwMVBOEeHOM1NE7i2nQj1dRzOWhSN", "shared": "c6bf5f8857b5f4e26a0d9a8d6d7a1ec7edaa74d2701ac3238d3ea6306cc543ef"}, "P-384": {"jwk": {"kty": "EC", "x": "5o6_0ApZFDBX9B7io08IV0t3n3MeiAMWVB9yWiQyjamDP7-CWCifh64dR4JN5haD", "y": "yls-ZxWG9MbnzwxbgIFzzFjdqr_VmLlbXwl9_tO9f8NyoHqpIipFy7aJxhZmxsjE", "crv": "P-384", "d": "0afXW0c5XQMwpXDl5zKdbfK5_OGceejP8riVJH24qmAixJ70XIoSPrm3Ca1x-UOF"}, "spki": "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE5o6/0ApZFDBX9B7io08IV0t3n3MeiAMWVB9yWiQyjamDP7+CWCifh64dR4JN5haDyls+ZxWG9MbnzwxbgIFzzFjdqr/VmLlbXwl9/tO9f8NyoHqpIipFy7aJxhZmxsjE", "sig": "cKOfoOzRRW5NMkqidT96qa1omKpdvEwNgys/OF1VNaPXkx6dWbB0K5Tm4cgDN4s5GmwsjgxQsbiAsWS2h4BNzrzoGIi5GyXwDHGV19oiyqGSqlv6gvDYujIWv/g+mY7Z", "peerPkcs8": "MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDBOGd0eNLdscVHVLqVTnkL7WLb4Flsb7KW0aqM34U3FZ6RUO1c5z4GK8INWxg1Eay+hZANiAARGXuewCo522WLe1inwnJuslo9N7+3S+QkbjFxA8CrOopvzLtzT4B/lSfj2+V5C/t3E5wsbBqlmkJUPLSch/oLCyE+pmoR2OHGJ5oaXwf4je5v0Mkdf0eHtezSQGp63Wzc=", "shared": "ccbe64a0ee0d6591b793338829264b7bb786671fe962535aa8d9a8fcf9502b6a229379bdad0685e476dc032eb4b22808"}, "P-521": {"jwk": {"kty": "EC", "x": "AG3eeeihx3UuG5UAzpqAxhlvOyL_8WNPJ_qGwTtZUIkom0DQctUFw1Z6WiqIDxXaX9z0oS-d9N0oYL3eBFTr6B-t", "y": "AaNymMrE8VJQiogbtaBYi5OC19e8_E7W8WkWFJzryZQqVGptpiEMtGWpAtPJxxdqapBUiLv1gDxDGcq7IRu-2CEL", "crv": "P-521", "d": "AIL9y0CvXsdX8mkydiGlJntA649fj2AYb2i6rGO3Fm4JkYUmO1f9a4t3-JuyqRJcpdrRJAr3U5b7QpETCp1AHCYe"}, "spki": "MIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQAbd556KHHdS4blQDOmoDGGW87Iv/xY08n+obBO1lQiSibQNBy1QXDVnpaKogPFdpf3PShL5303Shgvd4EVOvoH60Bo3KYysTxUlCKiBu1oFiLk4LX17z8TtbxaRYUnOvJlCpUam2mIQy0ZakC08nHF2pqkFSIu/WAPEMZyrshG77YIQs=", "sig": "AJdKtDyf0K5d7MD/3gO9TFdlXF1v8ANR0de5rtcT12TrU98XWziA4XapwOEPtbKU+9ErtO4EswtIccKT3WXsDrSUAeMLEQK4c1cszcyEgb6/uDvc6CBOFrOhYzHPPOc8NF7xxegJBUCVu/l4MQRYalSUxsV9APy2NlVT97JVQtGNNK0i", "peerPkcs8": "MIHuAgEAMBAGByqGSM49AgEGBSuBBAAjBIHWMIHTAgEBBEIAU6ets8KSxncoutOmo4U6WnXxifcv7z7uToxuO+9d2e7wDH0pCngLNvUEZh6hd8x4muzQFnAtGUP01sQ0Mzqp4sKhgYkDgYYABAG3DguGdz6AmBreyc22rEjdK83sxYCdD5DkFIVXUYDvTA0q2KmqoHFCmF6PZFzEyZOI26ptGf/ZVmnKYQ8kIozbpAAiNOsLUjc4e7/+/XGmyhOZAi8iIKPS9cPGZgv2ErWLNlei25XP81oLJWPRAL0pdo4q4pqE/ax7/5Z0ZN6u/4VusA==", "shared": "00ced52ee6b46bf83f820049d5398b63e243f5c7a9c8a91bb3a914c91988be91ba2a8125967ccda55948da1bed52461f6383c09f439617667d01979af7ffee488414"}};
const HASHES = { "P-256": "SHA-256", "P-384": "SHA-384", "P-521": "SHA-512" };
// RFC 8410: the DER before an X25519 private key's 32 bytes.
const X25519_PKCS8 = "302e020100300506032b656e04220420";

export default {
  async run() {
    const subtle = crypto.subtle;
    const curves = {};
    for (const [curve, fixture] of Object.entries(CURVES)) {
      const ecdsa = { name: "ECDSA", namedCurve: curve };
      const { d, ...publicJwk } = fixture.jwk;
      const verifying = await subtle.importKey("spki", base64(fixture.spki), ecdsa, true, ["verify"]);
      const signing = await subtle.importKey("jwk", fixture.jwk, ecdsa, true, ["sign"]);
      const params = { name: "ECDSA", hash: HASHES[curve] };
      const valid = await subtle.verify(params, verifying, base64(fixture.sig), bytes("ec message"));
      const wrong = await subtle.verify(params, verifying, base64(fixture.sig), bytes("other message"));
      const own = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, signing, bytes("own"));
      const ownValid = await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, verifying, own, bytes("own"));
      const jwk = await subtle.exportKey("jwk", signing);
      const raw = await subtle.exportKey("raw", verifying);
      const pkcs8 = await subtle.exportKey("pkcs8", signing);
      const reimported = await subtle.importKey("pkcs8", pkcs8, ecdsa, false, ["sign"]);

      const ecdh = { name: "ECDH", namedCurve: curve };
      const peer = await subtle.importKey("pkcs8", base64(fixture.peerPkcs8), ecdh, false, ["deriveBits", "deriveKey"]);
      const peerPublic = await subtle.importKey("jwk", publicJwk, ecdh, true, []);
      const shared = await subtle.deriveBits({ name: "ECDH", public: peerPublic }, peer, null);
      const short = await subtle.deriveBits({ name: "ECDH", public: peerPublic }, peer, 128);
      const derived = await subtle.deriveKey({ name: "ECDH", public: peerPublic }, peer, { name: "HMAC", hash: "SHA-256", length: 128 }, true, ["sign"]);
      const generated = await subtle.generateKey(ecdh, true, ["deriveBits"]);
      curves[curve] = {
        ecdsa: [valid, wrong, own.byteLength, ownValid, jwk.crv, jwk.x === fixture.jwk.x, jwk.d === d, raw.byteLength, reimported.algorithm.namedCurve],
        ecdh: [hex(shared) === fixture.shared, shared.byteLength, hex(short) === fixture.shared.slice(0, 32), hex(await subtle.exportKey("raw", derived)) === fixture.shared.slice(0, 32)],
        generated: [generated.privateKey.algorithm.name, generated.privateKey.usages, generated.publicKey.usages, (await subtle.exportKey("raw", generated.publicKey)).byteLength],
      };
    }

    // RFC 7748, section 6.1.
    const alice = await subtle.importKey("pkcs8", unhex(X25519_PKCS8 + "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"), "X25519", true, ["deriveBits"]);
    const bobPublic = await subtle.importKey("raw", unhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), "X25519", true, []);
    const x25519Shared = await subtle.deriveBits({ name: "X25519", public: bobPublic }, alice, 256);
    const aliceJwk = await subtle.exportKey("jwk", alice);
    const aliceSpki = await subtle.importKey("spki", await subtle.exportKey("spki", bobPublic), "X25519", true, []);
    const smallOrder = await subtle.importKey("raw", new Uint8Array(32), "X25519", false, []);
    const x25519Pair = await subtle.generateKey("X25519", false, ["deriveKey", "deriveBits"]);

    // NIST SP 800-38A, F.2.1 and F.5.1; RFC 3394, section 4.1.
    const nistKey = unhex("2b7e151628aed2a6abf7158809cf4f3c");
    const block = unhex("6bc1bee22e409f96e93d7e117393172a");
    const cbcKey = await subtle.importKey("raw", nistKey, "AES-CBC", true, ["encrypt", "decrypt"]);
    const cbcIv = unhex("000102030405060708090a0b0c0d0e0f");
    const cbc = await subtle.encrypt({ name: "AES-CBC", iv: cbcIv }, cbcKey, block);
    const cbcBack = await subtle.decrypt({ name: "AES-CBC", iv: cbcIv }, cbcKey, cbc);
    const cbcTampered = new Uint8Array(cbc.slice(0));
    cbcTampered[31] ^= 1;
    const ctrKey = await subtle.importKey("jwk", { kty: "oct", k: btoa(String.fromCharCode(...nistKey)).replace(/=+$/, ""), alg: "A128CTR" }, "AES-CTR", true, ["encrypt", "decrypt"]);
    const ctr = await subtle.encrypt({ name: "AES-CTR", counter: unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"), length: 64 }, ctrKey, block);
    // A counter of 8 bits that starts at 0xff wraps to 0x00 without carrying into the nonce.
    const wrapCounter = unhex("000000000000000000000000000000ff");
    const wrapping = await subtle.encrypt({ name: "AES-CTR", counter: wrapCounter, length: 8 }, ctrKey, new Uint8Array(32));
    const firstBlock = await subtle.encrypt({ name: "AES-CTR", counter: unhex("00000000000000000000000000000000"), length: 8 }, ctrKey, new Uint8Array(16));
    const kek = await subtle.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-KW", true, ["wrapKey", "unwrapKey"]);
    const keyData = await subtle.importKey("raw", unhex("00112233445566778899aabbccddeeff"), "AES-GCM", true, ["encrypt"]);
    const kw = await subtle.wrapKey("raw", keyData, kek, "AES-KW");
    const unwrapped = await subtle.unwrapKey("raw", kw, kek, { name: "AES-KW" }, "AES-CBC", true, ["decrypt"]);
    const kwTampered = new Uint8Array(kw.slice(0));
    kwTampered[0] ^= 1;
    const generatedKw = await subtle.generateKey({ name: "AES-KW", length: 256 }, true, ["wrapKey"]);

    // RFC 6070 (PBKDF2-HMAC-SHA1) and RFC 7914, section 11 (PBKDF2-HMAC-SHA256).
    const password = await subtle.importKey("raw", bytes("password"), "PBKDF2", false, ["deriveBits", "deriveKey"]);
    const pbkdf2 = [
      hex(await subtle.deriveBits({ name: "PBKDF2", hash: "SHA-1", salt: bytes("salt"), iterations: 1 }, password, 160)),
      hex(await subtle.deriveBits({ name: "PBKDF2", hash: "SHA-1", salt: bytes("salt"), iterations: 4096 }, password, 160)),
      hex(await subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: bytes("NaCl"), iterations: 80000 },
        await subtle.importKey("raw", bytes("Password"), "PBKDF2", false, ["deriveBits"]), 512)),
    ];
    const pbkdf2Key = await subtle.deriveKey({ name: "PBKDF2", hash: "SHA-512", salt: bytes("salt"), iterations: 10 }, password, { name: "AES-CTR", length: 256 }, true, ["encrypt"]);

    const p256 = await subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]);
    const p384 = await subtle.generateKey({ name: "ECDH", namedCurve: "P-384" }, false, ["deriveBits"]);
    const errors = {
      cbcIvLength: await errorName(subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(8) }, cbcKey, block)),
      cbcPadding: await errorName(subtle.decrypt({ name: "AES-CBC", iv: cbcIv }, cbcKey, cbcTampered)),
      cbcNotBlocks: await errorName(subtle.decrypt({ name: "AES-CBC", iv: cbcIv }, cbcKey, new Uint8Array(20))),
      ctrLengthZero: await errorName(subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 0 }, ctrKey, block)),
      ctrCounterLength: await errorName(subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(8), length: 64 }, ctrKey, block)),
      ctrNoLength: await errorName(subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(16) }, ctrKey, block)),
      kwEncrypt: await errorName(subtle.encrypt("AES-KW", kek, new Uint8Array(16))),
      kwUsage: await errorName(subtle.importKey("raw", new Uint8Array(16), "AES-KW", false, ["encrypt"])),
      kwIntegrity: await errorName(subtle.unwrapKey("raw", kwTampered, kek, "AES-KW", "AES-GCM", true, ["encrypt"])),
      kwKeyLength: await errorName(subtle.importKey("raw", new Uint8Array(20), "AES-KW", false, ["wrapKey"])),
      aesWrongKey: await errorName(subtle.encrypt({ name: "AES-CBC", iv: cbcIv }, ctrKey, block)),
      aesUsage: await errorName(subtle.decrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 64 }, pbkdf2Key, block)),
      pbkdf2Zero: await errorName(subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: bytes("s"), iterations: 0 }, password, 256)),
      pbkdf2Odd: await errorName(subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: bytes("s"), iterations: 1 }, password, 12)),
      pbkdf2Null: await errorName(subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: bytes("s"), iterations: 1 }, password, null)),
      pbkdf2Extractable: await errorName(subtle.importKey("raw", bytes("pw"), "PBKDF2", true, ["deriveBits"])),
      pbkdf2Export: await errorName(subtle.exportKey("raw", password)),
      ecdhCurves: await errorName(subtle.deriveBits({ name: "ECDH", public: p384.publicKey }, p256.privateKey, null)),
      ecdhTooLong: await errorName(subtle.deriveBits({ name: "ECDH", public: p256.publicKey }, p256.privateKey, 512)),
      ecdhPublicBase: await errorName(subtle.deriveBits({ name: "ECDH", public: p256.publicKey }, p256.publicKey, 128)),
      ecdhNotKey: await errorName(subtle.deriveBits({ name: "ECDH", public: {} }, p256.privateKey, 128)),
      ecdhUsage: await errorName(subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, ["sign"])),
      x25519SmallOrder: await errorName(subtle.deriveBits({ name: "X25519", public: smallOrder }, alice, 256)),
      x25519WithEcdh: await errorName(subtle.deriveBits({ name: "X25519", public: p256.publicKey }, alice, 256)),
      ecdsaCurve: await errorName(subtle.generateKey({ name: "ECDSA", namedCurve: "P-192" }, false, ["sign"])),
    };
    return {
      curves,
      x25519: [hex(x25519Shared), aliceJwk.kty, aliceJwk.crv, aliceJwk.x, aliceSpki.type, x25519Pair.privateKey.usages, x25519Pair.publicKey.usages],
      cbc: [hex(cbc), hex(cbcBack)],
      ctr: [hex(ctr), hex(wrapping).slice(32) === hex(firstBlock)],
      kw: [hex(kw), hex(await subtle.exportKey("raw", unwrapped)), unwrapped.algorithm.name, generatedKw.algorithm, (await subtle.exportKey("jwk", generatedKw)).alg],
      pbkdf2, pbkdf2Key: [pbkdf2Key.algorithm, (await subtle.exportKey("jwk", pbkdf2Key)).alg],
      errors,
    };
  },
};
