// compatibilityDate: 2026-11-17
// node:punycode, as workerd has it (Punycode.js 2.1.0): RFC 3492's samples both ways, domain
// names and e-mail addresses label by label (no IDNA mapping), and its errors.
import punycode, * as namespace from "node:punycode";

const thrown = (call) => {
  try {
    return ["returned", call()];
  } catch (error) {
    return [error.name, error.message];
  }
};

// RFC 3492, section 7.1 (A, B, D, L, M, S).
const samples = [
  ["egbpdaj6bu4bxfgehfvwxn", "\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F"],
  ["ihqwcrb4cv8a8dqg056pqjye", "\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587"],
  ["Proprostnemluvesky-uyb24dma41a", "Pro\u010Dprost\u011Bnemluv\u00ED\u010Desky"],
  ["3B-ww4c5e180e575a65lsy2b", "\u0033\u5E74\u0042\u7D44\u91D1\u516B\u5148\u751F"],
  ["-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n", "\u5B89\u5BA4\u5948\u7F8E\u6075-with-SUPER-MONKEYS"],
  ["-> $1.00 <--", "-> $1.00 <-"],
];

export default {
  run() {
    return JSON.parse(JSON.stringify({
      exports: Object.keys(namespace).sort(),
      defaultKeys: Object.keys(punycode),
      version: punycode.version,
      names: [punycode.encode.name, punycode.decode.name, punycode.toASCII.name, punycode.toUnicode.name, punycode.ucs2.decode.name, punycode.ucs2.encode.name],
      samples: samples.map(([encoded, decoded]) => [punycode.encode(decoded) === encoded, punycode.decode(encoded) === decoded]),
      encode: ["\u00FC", "Goethe", "B\u00FCcher", "\u65E5\u672C\u8A9E", "\uD867\uDE3D", "", "a\uD800b"].map((text) => punycode.encode(text)),
      decode: ["tda", "Goethe-", "Bcher-kva", "wgv71a119e", "x73l", "", "ABC-"].map((text) => punycode.decode(text)),
      toASCII: ["ma\u00F1ana.com", "MA\u00D1ANA.COM", "example.com", "\u2603-\u2318.com", "\u0434\u0436\u0443\u043C\u043B\u0430@\u0434\u0436p\u0443\u043C\u043B\u0430\u0442\u0435\u0441\u0442.b\u0440\u0444a", "a\u3002b\uFF0Ec\uFF61d", "user@ex\u00E4mple@x.org", ""].map((text) => punycode.toASCII(text)),
      toUnicode: ["xn--maana-pta.com", "XN--MAANA-PTA.COM", "example.com", "xn--tda@xn--tda.com", "a.xn--.b"].map((text) => thrown(() => punycode.toUnicode(text))),
      ucs2: [punycode.ucs2.decode("\uD834\uDF06a\uD800"), punycode.ucs2.encode([0x1D306, 0x61, 0xD800]) === "\uD834\uDF06a\uD800", punycode.ucs2.decode("")],
      errors: [
        () => punycode.decode(" "),
        () => punycode.decode("\u03B1-"),
        () => punycode.decode("\u3042"),
        () => punycode.decode("99999999999"),
        () => punycode.decode("zzzzzzzzz"),
        () => punycode.ucs2.encode([0x110000]),
        () => punycode.decode(5),
        () => punycode.toASCII(null),
        () => punycode.encode(5),
        () => punycode.decode(new String("tda")),
      ].map(thrown),
    }));
  },
};
