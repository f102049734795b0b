// `self` is the global object (lodash, lodash-es and jszip find it that way), and navigator's
// language is workerd's whatever the host's locale.
export default {
  async run() {
    const describe = (object, name) => {
      const { writable, enumerable, configurable, value } = Object.getOwnPropertyDescriptor(object, name);
      return [writable, enumerable, configurable, typeof value];
    };
    // What lodash does to find the global object.
    const freeSelf = typeof self == "object" && self && self.Object === Object && self;
    return {
      self: self === globalThis,
      lodashRoot: freeSelf === globalThis,
      selfDescriptor: describe(globalThis, "self"),
      selfInKeys: Object.keys(globalThis).includes("self"),
      language: navigator.language,
      languages: navigator.languages,
      languageDescriptor: describe(navigator, "language"),
      languagesDescriptor: describe(navigator, "languages"),
    };
  },
};
