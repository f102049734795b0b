//# allFunctionsCalledOnLoad
// `internal/mime`: `util.MIMEType` and `util.MIMEParams`, as workerd has them: a MIME type
// parsed by the WHATWG MIME Sniffing rules (type and subtype lower-cased, parameter names
// lower-cased, the first of a repeated name kept, invalid parameters dropped), serialized with
// values quoted where they are not tokens. workerd writes a parameter added by `set` after
// `; ` (those it parsed after `;`); so does this.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    Map, MapPrototypeDelete, MapPrototypeEntries, MapPrototypeGet, MapPrototypeGetSize,
    MapPrototypeHas, MapPrototypeKeys, MapPrototypeSet, MapPrototypeValues, MapIteratorPrototypeNext,
    ObjectDefineProperty, StringPrototypeCharCodeAt, StringPrototypeSlice, StringPrototypeToLowerCase, SymbolFor,
    SymbolIterator, TypeError,
  } = primordials;

  function isWhitespace(character) {
    return character === ' ' || character === '\t' || character === '\n' || character === '\r';
  }
  function isTokenCode(code) {
    if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true;
    // ! # $ % & ' * + - . ^ _ ` | ~
    return code === 0x21 || (code >= 0x23 && code <= 0x27) || code === 0x2a || code === 0x2b || code === 0x2d ||
      code === 0x2e || code === 0x5e || code === 0x5f || code === 0x60 || code === 0x7c || code === 0x7e;
  }
  function isToken(text) {
    if (text.length === 0) return false;
    for (let index = 0; index < text.length; index++) if (!isTokenCode(StringPrototypeCharCodeAt(text, index))) return false;
    return true;
  }
  function isQuotedTokenText(text) {
    for (let index = 0; index < text.length; index++) {
      const code = StringPrototypeCharCodeAt(text, index);
      if (!(code === 0x09 || (code >= 0x20 && code <= 0x7e) || (code >= 0x80 && code <= 0xff))) return false;
    }
    return true;
  }
  function trimEnd(text) {
    let end = text.length;
    while (end > 0 && isWhitespace(text[end - 1])) end--;
    return StringPrototypeSlice(text, 0, end);
  }
  function encode(value) {
    if (value.length > 0 && isToken(value)) return value;
    let quoted = '"';
    for (let index = 0; index < value.length; index++) {
      const character = value[index];
      quoted += character === '"' || character === '\\' ? `\\${character}` : character;
    }
    return `${quoted}"`;
  }
  function invalid(input) {
    return new TypeError(input === undefined ? 'Not a valid MIME type' : `Not a valid MIME type: ${input}`);
  }

  // The parameters of a MIMEParams, for the parser (which fills them) and the inspector.
  let entriesOf;

  class MIMEParams {
    #entries = new Map();
    #added = new Map();

    static {
      entriesOf = (params) => params.#entries;
    }

    delete(name) {
      MapPrototypeDelete(this.#entries, `${name}`);
      MapPrototypeDelete(this.#added, `${name}`);
    }
    get(name) {
      const value = MapPrototypeGet(this.#entries, `${name}`);
      return value === undefined ? null : value;
    }
    has(name) {
      return MapPrototypeHas(this.#entries, `${name}`);
    }
    set(name, value) {
      name = `${name}`;
      value = `${value}`;
      if (!isToken(name) || !isQuotedTokenText(value)) throw new TypeError(`Invalid MIME parameter: ${name}`);
      if (!MapPrototypeHas(this.#entries, name)) MapPrototypeSet(this.#added, name, true);
      MapPrototypeSet(this.#entries, name, value);
    }
    entries() {
      return MapPrototypeEntries(this.#entries);
    }
    keys() {
      return MapPrototypeKeys(this.#entries);
    }
    values() {
      return MapPrototypeValues(this.#entries);
    }
    toString() {
      let text = '';
      const iterator = MapPrototypeEntries(this.#entries);
      for (let step = MapIteratorPrototypeNext(iterator); !step.done; step = MapIteratorPrototypeNext(iterator)) {
        const name = step.value[0];
        if (text.length > 0) text += MapPrototypeHas(this.#added, name) ? '; ' : ';';
        text += `${name}=${encode(step.value[1])}`;
      }
      return text;
    }
    toJSON() {
      return this.toString();
    }
  }
  ObjectDefineProperty(MIMEParams.prototype, SymbolIterator, {
    __proto__: null, writable: true, configurable: true, enumerable: false,
    value: function entries() { return MapPrototypeEntries(entriesOf(this)); },
  });
  ObjectDefineProperty(MIMEParams.prototype, SymbolFor('nodejs.util.inspect.custom'), {
    __proto__: null, writable: true, configurable: true, enumerable: false,
    value: function inspect(depth, options, inspectValue) {
      // As a Map of the parameters is shown, named MIMEParams.
      const entries = entriesOf(this);
      const shown = inspectValue(entries, options);
      let start = 0;
      while (start < shown.length && shown[start] !== '{') start++;
      return `MIMEParams(${MapPrototypeGetSize(entries)}) ${StringPrototypeSlice(shown, start)}`;
    },
  });

  // Parses `input` into `[type, subtype, params]` (WHATWG MIME Sniffing, "parse a MIME type").
  function parse(input) {
    let start = 0;
    let end = input.length;
    while (start < end && isWhitespace(input[start])) start++;
    while (end > start && isWhitespace(input[end - 1])) end--;
    const text = StringPrototypeSlice(input, start, end);
    let position = 0;
    while (position < text.length && text[position] !== '/') position++;
    const type = StringPrototypeSlice(text, 0, position);
    if (!isToken(type) || position >= text.length) throw invalid(input);
    position++;
    const subtypeStart = position;
    while (position < text.length && text[position] !== ';') position++;
    const subtype = trimEnd(StringPrototypeSlice(text, subtypeStart, position));
    if (!isToken(subtype)) throw invalid(input);
    const params = new MIMEParams();
    const entries = entriesOf(params);
    while (position < text.length) {
      position++;
      while (position < text.length && isWhitespace(text[position])) position++;
      const nameStart = position;
      while (position < text.length && text[position] !== ';' && text[position] !== '=') position++;
      const name = StringPrototypeToLowerCase(StringPrototypeSlice(text, nameStart, position));
      if (position < text.length) {
        if (text[position] === ';') continue;
        position++;
      }
      if (position >= text.length) break;
      let value;
      if (text[position] === '"') {
        value = '';
        position++;
        for (;;) {
          const partStart = position;
          while (position < text.length && text[position] !== '"' && text[position] !== '\\') position++;
          value += StringPrototypeSlice(text, partStart, position);
          if (position >= text.length) break;
          const character = text[position];
          position++;
          if (character === '\\') {
            if (position >= text.length) {
              value += '\\';
              break;
            }
            value += text[position];
            position++;
          } else {
            break;
          }
        }
        while (position < text.length && text[position] !== ';') position++;
      } else {
        const valueStart = position;
        while (position < text.length && text[position] !== ';') position++;
        value = trimEnd(StringPrototypeSlice(text, valueStart, position));
        if (value.length === 0) continue;
      }
      if (name.length > 0 && isToken(name) && isQuotedTokenText(value) && !MapPrototypeHas(entries, name)) {
        MapPrototypeSet(entries, name, value);
      }
    }
    return [StringPrototypeToLowerCase(type), StringPrototypeToLowerCase(subtype), params];
  }

  class MIMEType {
    #type;
    #subtype;
    #params;

    constructor(string) {
      const parsed = parse(`${string}`);
      this.#type = parsed[0];
      this.#subtype = parsed[1];
      this.#params = parsed[2];
    }

    get type() {
      return this.#type;
    }
    set type(value) {
      value = `${value}`;
      if (!isToken(value)) throw invalid();
      this.#type = StringPrototypeToLowerCase(value);
    }
    get subtype() {
      return this.#subtype;
    }
    set subtype(value) {
      value = `${value}`;
      if (!isToken(value)) throw invalid();
      this.#subtype = StringPrototypeToLowerCase(value);
    }
    get essence() {
      return `${this.#type}/${this.#subtype}`;
    }
    get params() {
      return this.#params;
    }
    toString() {
      const params = this.#params.toString();
      return `${this.#type}/${this.#subtype}${params.length > 0 ? `;${params}` : ''}`;
    }
    toJSON() {
      return this.toString();
    }
  }
  ObjectDefineProperty(MIMEType.prototype, SymbolFor('nodejs.util.inspect.custom'), {
    __proto__: null, writable: true, configurable: true, enumerable: false,
    value: function inspect(depth, options, inspectValue) {
      const shape = { type: this.type, subtype: this.subtype, essence: this.essence, params: this.params };
      return `MIMEType ${inspectValue(shape, options)}`;
    },
  });

  return { MIMEType, MIMEParams };
});
