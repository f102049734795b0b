//# allFunctionsCalledOnLoad
// TextEncoderStream and TextDecoderStream (WHATWG Encoding Standard): transform streams over
// the runtime's TextEncoder and TextDecoder, with the state that streaming needs (a leading
// surrogate at the end of a string chunk; bytes of a sequence split across chunks, which
// TextDecoder keeps with `{ stream: true }`).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ObjectGetOwnPropertyDescriptor, StringPrototypeCharCodeAt, StringPrototypeSlice, TypeError, Uint8Array, uncurryThis,
  } = primordials;
  const createTransformStream = internals.createTransformStream;
  const transformStreamParts = internals.transformStreamParts;
  const getter = (object, name) => uncurryThis(ObjectGetOwnPropertyDescriptor(object, name).get);
  const TextEncoder = internals.TextEncoder;
  const TextDecoder = internals.TextDecoder;
  const textEncoderEncode = uncurryThis(TextEncoder.prototype.encode);
  const textDecoderDecode = uncurryThis(TextDecoder.prototype.decode);
  const textDecoderEncoding = getter(TextDecoder.prototype, 'encoding');
  const textDecoderFatal = getter(TextDecoder.prototype, 'fatal');
  const textDecoderIgnoreBOM = getter(TextDecoder.prototype, 'ignoreBOM');
  const REPLACEMENT = [0xef, 0xbf, 0xbd];

  let encoderStreamOf;
  class TextEncoderStream {
    #transform;
    constructor() {
      const encoder = new TextEncoder();
      // A leading surrogate that ended the last chunk: its pair may start the next one.
      let pending = '';
      this.#transform = createTransformStream({
        __proto__: null,
        transform(chunk, controller) {
          let text = `${chunk}`;
          if (pending !== '') {
            text = pending + text;
            pending = '';
          }
          const last = StringPrototypeCharCodeAt(text, text.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            pending = StringPrototypeSlice(text, -1);
            text = StringPrototypeSlice(text, 0, -1);
          }
          if (text.length > 0) controller.enqueue(textEncoderEncode(encoder, text));
        },
        flush(controller) {
          if (pending !== '') controller.enqueue(new Uint8Array(REPLACEMENT));
        },
      });
    }
    static {
      encoderStreamOf = (object) => {
        if (!(object !== null && typeof object === 'object' && #transform in object)) throw new TypeError('Illegal invocation');
        return object.#transform;
      };
    }
    get encoding() {
      encoderStreamOf(this);
      return 'utf-8';
    }
    get readable() {
      return transformStreamParts(encoderStreamOf(this))[0];
    }
    get writable() {
      return transformStreamParts(encoderStreamOf(this))[1];
    }
  }
  internals.webClass(TextEncoderStream);

  let decoderStreamOf;
  class TextDecoderStream {
    #decoder;
    #transform;
    constructor(label = 'utf-8', options = undefined) {
      const decoder = new TextDecoder(label, options);
      this.#decoder = decoder;
      this.#transform = createTransformStream({
        __proto__: null,
        transform(chunk, controller) {
          const text = textDecoderDecode(decoder, chunk, { __proto__: null, stream: true });
          if (text !== '') controller.enqueue(text);
        },
        flush(controller) {
          const text = textDecoderDecode(decoder);
          if (text !== '') controller.enqueue(text);
        },
      });
    }
    static {
      decoderStreamOf = (object) => {
        if (!(object !== null && typeof object === 'object' && #decoder in object)) throw new TypeError('Illegal invocation');
        return [object.#decoder, object.#transform];
      };
    }
    get encoding() {
      return textDecoderEncoding(decoderStreamOf(this)[0]);
    }
    get fatal() {
      return textDecoderFatal(decoderStreamOf(this)[0]);
    }
    get ignoreBOM() {
      return textDecoderIgnoreBOM(decoderStreamOf(this)[0]);
    }
    get readable() {
      return transformStreamParts(decoderStreamOf(this)[1])[0];
    }
    get writable() {
      return transformStreamParts(decoderStreamOf(this)[1])[1];
    }
  }
  internals.webClass(TextDecoderStream);

  internals.defineLazyGlobal('TextEncoderStream', TextEncoderStream);
  internals.defineLazyGlobal('TextDecoderStream', TextDecoderStream);
});
