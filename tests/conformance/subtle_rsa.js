// RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP: a key and signatures made by Node.js (OpenSSL), an
// RS256 JWT as a Google service account signs it, round trips, and the errors.
const hex = (buffer) => [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
const bytes = (text) => new TextEncoder().encode(text);
const base64 = (text) => Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
const base64url = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const fromBase64url = (text) => base64(text.replace(/-/g, "+").replace(/_/g, "/"));
const errorName = (promise) => promise.then(() => "resolved", (error) => error.name);

const PKCS8 = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDZkWr1e4QagHqkKFo2/8dxkR3/BAoC6Y1626DmUfwBqowbAfmDMmLPlxv+CBAgzPnJnZeA+yX9o1ABkOyBFxyRfp6kgXKw0ymSHPsoiTtDuGhaNIFLdezkYKY3pPExR6Rd/Xr7s5wZ91NJk+T1K50DeCwiS9Xg4gepsMsqcrqUjdiiBVluedDgn1v9hgZpPLdSRmgemt9+QFcBR/fWIfnoWYCShAEKZwOEGvu5zFFu1UQlBqW21gucWbbzzFkL9PSJkhS0H8IqWWyPtckYVUaJ/QrSLLpQsU7c4OxCspGG6UvENHelJDokGl6kITeNdjq10/0iVnqFzuOygoEpPrupAgMBAAECggEABI8k4VAH91DfQQwMwpT0O6UBg+k0bICIaR1WbyfN/XBIJKi97x83LYfKcQr/i4XAFkF/KJdwDF3yZ0CqNBT6kZydpm+FVRSXt8AeYz288tutFCGANBycgjdO7wuTIlKQrIeLSYr8p8P5stOukJSsDaPkXjOd9RXHeKmDww1JwPh4vfPkv5PBQIT49nLe3ZVCO1PVro+R+gX2h6GJLVGUL7VpT5jNQ0Sn1JVRkmSN3gAns7aDhpOriYex6qEDcJibnNGfX7Ejaw+P3vZmD9sw2w7X/mFi+WqYsed7Ngp3zZqkO/4wpG7rV+3imPaBCYb3upbA3M6zEyZaaSt1Vtf0AQKBgQD2Nuk1Byh9OmiaiN+/mXJtM2HuRf5nTiIOBOGdfryRsHvMVBcU/TW0m2Vb6y4GzMfcIVGr7o+8jKxnOTqujXpXp2+PN3dM3QJdibxl9JlWQv8ockZoo+sD/TYHZQDNDQYbgKPxZ4v2YCzto+MGzevt/vIwz0g3uPjNUBZHOSHW+QKBgQDiNwu7Xka7vOntjkfVZCXJw0qwFEbeybrDt8od6QauEUrfjRGL2iHRaX1M2OjOYcy3UxOQce5taIza+iWpMylM1bnZP+r8OWXsAVNq69Oqg7FC1HU6SVAW1bFlk5BeEAyZ5qeFQSf27nKv2UPIWqFtuqUB19wTuqzJbML/WYDGMQKBgGo/jel1OlK39tXhBPUQiaF4D+WbzMnVnLqB/r5RJ5yTFQk6rG9BSYCzokzFMyp6CjEDK9RO8TYDWo580sbqhIX42hpqbA/+O3wT6PnyUI06AhP5JEsZmVwyU7NjMbJK0XziyVxuO6bJH/o4w8p26D3ey7KmcFqjdrJawhJgJCs5AoGBALnuGHx2bpjcG0Gf0jb4S37cP0UeRWnUUOeQ5lVTNKRZnjrEDgnuziD7HXvORPtsswBzDf+JRTkz16IcPFwnquh2Onzv5kpNOxKRvGiDUMQz3bxaN8gifetm1JnygZRuiIzuYf5KoXh6YFVctDO3GjvATuOG8mJc6qvb8yJCBG/hAoGAC33HIXekumXjWFJH+SmsE0YNec9m1OIC98ZW3lAzSb1XW4NeLRKVTq0KncRH+B/z4K/vTsF44h6e70gVpH1F+J+XAdNt2FWzfPOjEu3/jQSEyDFr6KugnnXpolncHCaG6oWPoQR8hcUtkhDPCpUEF6EofTRBVMhlOy5jpyKEPQs=";
const PUBLIC_JWK = {"kty": "RSA", "n": "2ZFq9XuEGoB6pChaNv_HcZEd_wQKAumNetug5lH8AaqMGwH5gzJiz5cb_ggQIMz5yZ2XgPsl_aNQAZDsgRcckX6epIFysNMpkhz7KIk7Q7hoWjSBS3Xs5GCmN6TxMUekXf16-7OcGfdTSZPk9SudA3gsIkvV4OIHqbDLKnK6lI3YogVZbnnQ4J9b_YYGaTy3UkZoHprffkBXAUf31iH56FmAkoQBCmcDhBr7ucxRbtVEJQalttYLnFm288xZC_T0iZIUtB_CKllsj7XJGFVGif0K0iy6ULFO3ODsQrKRhulLxDR3pSQ6JBpepCE3jXY6tdP9IlZ6hc7jsoKBKT67qQ", "e": "AQAB"};
const JWT = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdmNAZXhhbXBsZS5pYW0uZ3NlcnZpY2VhY2NvdW50LmNvbSIsInNjb3BlIjoiaHR0cHM6Ly93d3cuZ29vZ2xlYXBpcy5jb20vYXV0aC9jbG91ZC1wbGF0Zm9ybSIsImF1ZCI6Imh0dHBzOi8vb2F1dGgyLmdvb2dsZWFwaXMuY29tL3Rva2VuIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDM2MDB9.rPt4CcrJygl4vn368wIjOF0jgLymIf5e77oSf0q3o-OKXviIthkf-vjZs6kyOLmrOBS32OU-elfXWfENF_7JtTwpg5maCwbGmesTT0oWLy5wW8VKZEOsLmX_0MZFx9s5E3apRMGvlbp_8ylMfVrcn-7pyOjJaNWo9imKhKKiN8a_tMIqRAknZqZpJelLceYuYZ9oMqM8He-K8S81CB5ELmLvp4lUukYrpYGiRtwc_p64RoHopBH5WsyU7uYT2n9qvCqGvcWv3Xzu02zEe4ll0t5nI1mvphtm5fGHgWTBk1-tuiA91J89x1Xg2AUN6ku6-lbW3v_bCgC0e7rClBda0A";
const PSS_SIGNATURE = "AWf0o0tk7aL9cVPD+avZ53Ig6VBIOfeN/ZfOsU/dvfgiUOGpLIqbVeJ5TPWXi1q+aEFw27ivGJIYuY//0d3IIeE69GCA8nfVbxtma38He2Uiqd/suRme6GTpBZkli4Btems79HfSK/M46e3dvWgnkEvXLcJYia8G30gPYQrMd35JdcEDvhNF8Zx5+SEJQECUPsvGEOcLN0hekW0FixXxhFZsbLu8Mkc0e03JmDYmUHiPLkdUR3vM2S/LpXNFF0A65CmAlnf/i3GkeMBJsuBZD6/uzjHIttwto+MwhxNpX22cL0v6YSjS280f+SyCWnQpxAPR2D2wT+IxnJxkV4OFww==";
const OAEP_CIPHERTEXT = "zmw6BC4XYCdLRrYCgri4UEVggG0Im/yGFN3040FY2VrWTRlCmskv7MKfb1IOSTN+c3tTuk1BbT2SQqLfuB8OJvSQBvWFoOFEH5U7dTsB5OdxXw2SV1hEG0W5lTaRqbIOH+o3DIviZQ9C5sIqVoZrokuhR2bMLtw9fEf6V8BXlMSiHNfT8QDqJov4FwXXYCOMjS/lb3DKN1MdpvF4qB/ofZTxhJV6ZcPD3/uLA2YJlJKcZmpBwzo4x38gXwE9VCnJ64fjJXcIuowvS8SwWXb+9QUoshvqGnQjsYnux/MQIKRmbfyUztthJ+zprJsmjn/Dd6xe9ho1EAX1M0zXFJImbA==";

export default {
  async run() {
    const subtle = crypto.subtle;
    const rs256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
    const signing = await subtle.importKey("pkcs8", base64(PKCS8), rs256, true, ["sign"]);
    const verifying = await subtle.importKey("jwk", PUBLIC_JWK, rs256, true, ["verify"]);
    // The JWT Node.js signed verifies; the same JWT signed here is the same token (PKCS #1
    // v1.5 signatures are deterministic).
    const [header, payload, signature] = JWT.split(".");
    const jwtValid = await subtle.verify("RSASSA-PKCS1-v1_5", verifying, fromBase64url(signature), bytes(`${header}.${payload}`));
    const resigned = base64url(await subtle.sign("RSASSA-PKCS1-v1_5", signing, bytes(`${header}.${payload}`)));
    const tampered = await subtle.verify("RSASSA-PKCS1-v1_5", verifying, fromBase64url(signature), bytes(`${header}.${payload}x`));
    const privateJwk = await subtle.exportKey("jwk", signing);
    const publicJwk = await subtle.exportKey("jwk", verifying);
    const spki = await subtle.exportKey("spki", verifying);
    const pkcs8 = await subtle.exportKey("pkcs8", signing);

    const ps384 = { name: "RSA-PSS", hash: "SHA-384" };
    const pssPublic = await subtle.importKey("spki", spki, ps384, false, ["verify"]);
    const pssPrivate = await subtle.importKey("jwk", { ...privateJwk, alg: undefined }, ps384, false, ["sign"]);
    const pssValid = await subtle.verify({ name: "RSA-PSS", saltLength: 48 }, pssPublic, base64(PSS_SIGNATURE), bytes("pss message"));
    const pssWrongSalt = await subtle.verify({ name: "RSA-PSS", saltLength: 32 }, pssPublic, base64(PSS_SIGNATURE), bytes("pss message"));
    const pssOwn = await subtle.sign({ name: "RSA-PSS", saltLength: 0 }, pssPrivate, bytes("own"));
    const pssOwnValid = await subtle.verify({ name: "RSA-PSS", saltLength: 0 }, pssPublic, pssOwn, bytes("own"));

    const oaep256 = { name: "RSA-OAEP", hash: "SHA-256" };
    const oaepPrivate = await subtle.importKey("pkcs8", pkcs8, oaep256, false, ["decrypt", "unwrapKey"]);
    const oaepPublic = await subtle.importKey("spki", spki, oaep256, false, ["encrypt", "wrapKey"]);
    const decrypted = new TextDecoder().decode(await subtle.decrypt({ name: "RSA-OAEP", label: bytes("label") }, oaepPrivate, base64(OAEP_CIPHERTEXT)));
    const wrongLabel = await errorName(subtle.decrypt({ name: "RSA-OAEP" }, oaepPrivate, base64(OAEP_CIPHERTEXT)));
    const sealed = await subtle.encrypt({ name: "RSA-OAEP" }, oaepPublic, bytes("round trip"));
    const opened = new TextDecoder().decode(await subtle.decrypt({ name: "RSA-OAEP" }, oaepPrivate, sealed));
    const aes = await subtle.importKey("raw", new Uint8Array(16).fill(7), "AES-GCM", true, ["encrypt"]);
    const wrapped = await subtle.wrapKey("raw", aes, oaepPublic, "RSA-OAEP");
    const unwrapped = await subtle.unwrapKey("raw", wrapped, oaepPrivate, "RSA-OAEP", "AES-GCM", true, ["encrypt"]);

    const generated = await subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-512" },
      true, ["sign", "verify"]);
    const generatedSignature = await subtle.sign("RSASSA-PKCS1-v1_5", generated.privateKey, bytes("generated"));
    const generatedJwk = await subtle.exportKey("jwk", generated.publicKey);

    const errors = {
      signWithPublic: await errorName(subtle.sign("RSASSA-PKCS1-v1_5", verifying, bytes("x"))),
      verifyUsage: await errorName(subtle.importKey("spki", spki, rs256, false, ["sign"])),
      encryptWithPrivate: await errorName(subtle.encrypt({ name: "RSA-OAEP" }, oaepPrivate, bytes("x"))),
      tooLong: await errorName(subtle.encrypt({ name: "RSA-OAEP" }, oaepPublic, new Uint8Array(256))),
      raw: await errorName(subtle.importKey("raw", new Uint8Array(256), rs256, false, ["verify"])),
      badSpki: await errorName(subtle.importKey("spki", new Uint8Array(40), rs256, false, ["verify"])),
      jwkKty: await errorName(subtle.importKey("jwk", { ...PUBLIC_JWK, kty: "EC" }, rs256, false, ["verify"])),
      wrongAlgorithm: await errorName(subtle.verify({ name: "RSA-PSS", saltLength: 32 }, verifying, new Uint8Array(256), bytes("x"))),
      noSaltLength: await errorName(subtle.sign({ name: "RSA-PSS" }, pssPrivate, bytes("x"))),
      noPublicExponent: await errorName(subtle.generateKey({ name: "RSA-PSS", modulusLength: 1024, hash: "SHA-256" }, true, ["sign"])),
      exportPrivateAsSpki: await errorName(subtle.exportKey("spki", signing)),
      jwkWrongCrt: await errorName(subtle.importKey("jwk", { ...privateJwk, dp: privateJwk.dq }, rs256, false, ["sign"])),
      jwkWithoutPrimes: await errorName(subtle.importKey("jwk", { kty: "RSA", n: privateJwk.n, e: privateJwk.e, d: privateJwk.d }, rs256, false, ["sign"])),
    };
    return {
      jwtValid, resignedIsSame: resigned === signature, tampered,
      privateJwk: Object.keys(privateJwk).sort(),
      publicJwk: [publicJwk.kty, publicJwk.alg, publicJwk.e, publicJwk.n === PUBLIC_JWK.n, publicJwk.key_ops],
      algorithm: [verifying.algorithm.name, verifying.algorithm.modulusLength, [...verifying.algorithm.publicExponent], verifying.algorithm.hash.name],
      spki: [spki.byteLength, hex(spki).slice(0, 48)],
      pss: [pssValid, pssWrongSalt, pssOwn.byteLength, pssOwnValid, pssPrivate.algorithm.name],
      oaep: [decrypted, wrongLabel, sealed.byteLength, opened, hex(await subtle.exportKey("raw", unwrapped))],
      generated: [generatedSignature.byteLength, generated.privateKey.algorithm.modulusLength, generated.publicKey.usages, generated.privateKey.usages, generatedJwk.alg, generatedJwk.e],
      errors,
    };
  },
};
