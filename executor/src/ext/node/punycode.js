//# allFunctionsCalledOnLoad
// `punycode`, as workerd has it: Punycode.js 2.1.0 (Mathias Bynens, MIT), the Bootstring
// algorithm of RFC 3492 with Punycode's parameters. `toASCII` and `toUnicode` convert each
// label of a domain (or of the part of an e-mail address after `@`) that needs it and leave
// the rest as it is: no IDNA mapping (no lower-casing, no normalization), which is what sets
// this module apart from `url.domainToASCII`.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    ArrayPrototypeJoin, ArrayPrototypePush, ArrayPrototypeSplice, MathFloor, RangeError, ReflectApply,
    StringFromCharCode, StringFromCodePoint, StringPrototypeCharCodeAt, StringPrototypeIndexOf,
    StringPrototypeLastIndexOf, StringPrototypeSlice, StringPrototypeStartsWith, StringPrototypeToLowerCase,
    StringPrototypeValueOf, TypeError, safeArray,
  } = primordials;

  // The largest positive signed 32-bit integer.
  const maxInt = 2147483647;
  // Bootstring's parameters for Punycode.
  const base = 36;
  const tMin = 1;
  const tMax = 26;
  const skew = 38;
  const damp = 700;
  const initialBias = 72;
  const initialN = 128;
  const delimiter = '-';

  const errors = {
    __proto__: null,
    'overflow': 'Overflow: input needs wider integers to process',
    'not-basic': 'Illegal input >= 0x80 (not a basic code point)',
    'invalid-input': 'Invalid input',
  };
  function error(type) {
    throw new RangeError(errors[type]);
  }

  // A string argument, or the TypeError workerd's code meets calling `variable.method` on
  // something else (a String object is read as its string).
  function text(value, variable, method) {
    if (typeof value === 'string') return value;
    if (value === null || value === undefined) {
      throw new TypeError(`Cannot read properties of ${value} (reading '${method}')`);
    }
    if (typeof value === 'object') {
      try {
        return StringPrototypeValueOf(value);
      } catch {
        // Not a String object.
      }
    }
    throw new TypeError(`${variable}.${method} is not a function`);
  }

  // `string` split at each `separator`, without `String.prototype.split`.
  function split(string, separator) {
    const parts = safeArray();
    let start = 0;
    let found = StringPrototypeIndexOf(string, separator, start);
    while (found !== -1) {
      ArrayPrototypePush(parts, StringPrototypeSlice(string, start, found));
      start = found + 1;
      found = StringPrototypeIndexOf(string, separator, start);
    }
    ArrayPrototypePush(parts, StringPrototypeSlice(string, start));
    return parts;
  }

  // Each label of a domain name or e-mail address, through `callback`. The local part of an
  // address (up to the first `@`) is kept as it is; the separators of RFC 3490 (U+002E,
  // U+3002, U+FF0E, U+FF61) all become `.`.
  function mapDomain(domain, callback) {
    const parts = split(text(domain, 'domain', 'split'), '@');
    let result = '';
    if (parts.length > 1) {
      result = parts[0] + '@';
      domain = parts[1];
    }
    let dotted = '';
    for (let index = 0; index < domain.length; index++) {
      const code = StringPrototypeCharCodeAt(domain, index);
      dotted += code === 0x3002 || code === 0xff0e || code === 0xff61 ? '.' : StringFromCharCode(code);
    }
    const labels = split(dotted, '.');
    const mapped = safeArray();
    for (let index = 0; index < labels.length; index++) ArrayPrototypePush(mapped, callback(labels[index]));
    return result + ArrayPrototypeJoin(mapped, '.');
  }

  // The code points of a string, a surrogate pair as one (an unpaired surrogate as itself).
  function ucs2decode(string) {
    const output = [];
    if (string === null || string === undefined) {
      throw new TypeError(`Cannot read properties of ${string} (reading 'length')`);
    }
    if (typeof string !== 'string' && !(string.length > 0)) return output;
    string = text(string, 'string', 'charCodeAt');
    let counter = 0;
    const length = string.length;
    while (counter < length) {
      const value = StringPrototypeCharCodeAt(string, counter++);
      if (value >= 0xd800 && value <= 0xdbff && counter < length) {
        const extra = StringPrototypeCharCodeAt(string, counter++);
        if ((extra & 0xfc00) === 0xdc00) {
          ArrayPrototypePush(output, ((value & 0x3ff) << 10) + (extra & 0x3ff) + 0x10000);
        } else {
          // An unpaired high surrogate: the next code unit may start a pair.
          ArrayPrototypePush(output, value);
          counter--;
        }
      } else {
        ArrayPrototypePush(output, value);
      }
    }
    return output;
  }

  // The string of an array of code points (in pieces: an argument list has a limit).
  function ucs2encode(codePoints) {
    let output = '';
    const length = codePoints.length;
    for (let start = 0; start < length; start += 8192) {
      const piece = safeArray();
      for (let index = start; index < length && index < start + 8192; index++) ArrayPrototypePush(piece, codePoints[index]);
      output += ReflectApply(StringFromCodePoint, undefined, piece);
    }
    return output;
  }

  // The value (0 to 35) of a basic code point, or `base` if it stands for none.
  function basicToDigit(codePoint) {
    if (codePoint >= 0x30 && codePoint < 0x3a) return 26 + (codePoint - 0x30);
    if (codePoint >= 0x41 && codePoint < 0x5b) return codePoint - 0x41;
    if (codePoint >= 0x61 && codePoint < 0x7b) return codePoint - 0x61;
    return base;
  }

  // The basic code point of a digit: 0..25 are a..z (A..Z with `flag`), 26..35 are 0..9.
  function digitToBasic(digit, flag) {
    return digit + 22 + 75 * (digit < 26 ? 1 : 0) - ((flag !== 0 ? 1 : 0) << 5);
  }

  // Bias adaptation, RFC 3492 section 3.4.
  function adapt(delta, numPoints, firstTime) {
    let k = 0;
    delta = firstTime ? MathFloor(delta / damp) : delta >> 1;
    delta += MathFloor(delta / numPoints);
    for (; delta > ((base - tMin) * tMax) >> 1; k += base) delta = MathFloor(delta / (base - tMin));
    return MathFloor(k + ((base - tMin + 1) * delta) / (delta + skew));
  }

  // A Punycode string of ASCII symbols to the string of Unicode symbols it encodes.
  function decode(input) {
    input = text(input, 'input', 'lastIndexOf');
    const output = safeArray();
    const inputLength = input.length;
    let i = 0;
    let n = initialN;
    let bias = initialBias;
    // The basic code points: those before the last delimiter, copied as they are.
    let basic = StringPrototypeLastIndexOf(input, delimiter);
    if (basic < 0) basic = 0;
    for (let j = 0; j < basic; ++j) {
      if (StringPrototypeCharCodeAt(input, j) >= 0x80) error('not-basic');
      ArrayPrototypePush(output, StringPrototypeCharCodeAt(input, j));
    }
    for (let index = basic > 0 ? basic + 1 : 0; index < inputLength;) {
      // A variable-length integer, added to `i`.
      const oldi = i;
      for (let w = 1, k = base; ; k += base) {
        if (index >= inputLength) error('invalid-input');
        const digit = basicToDigit(StringPrototypeCharCodeAt(input, index++));
        if (digit >= base) error('invalid-input');
        if (digit > MathFloor((maxInt - i) / w)) error('overflow');
        i += digit * w;
        const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
        if (digit < t) break;
        const baseMinusT = base - t;
        if (w > MathFloor(maxInt / baseMinusT)) error('overflow');
        w *= baseMinusT;
      }
      const out = output.length + 1;
      bias = adapt(i - oldi, out, oldi === 0);
      // `i` wraps around from `out` to 0, adding one to `n` each time.
      if (MathFloor(i / out) > maxInt - n) error('overflow');
      n += MathFloor(i / out);
      i %= out;
      ArrayPrototypeSplice(output, i++, 0, n);
    }
    return ucs2encode(output);
  }

  // A string of Unicode symbols to the Punycode string of ASCII symbols that encodes it.
  function encode(input) {
    const output = safeArray();
    const codePoints = ucs2decode(input);
    const inputLength = codePoints.length;
    let n = initialN;
    let delta = 0;
    let bias = initialBias;
    for (let index = 0; index < inputLength; index++) {
      if (codePoints[index] < 0x80) ArrayPrototypePush(output, StringFromCharCode(codePoints[index]));
    }
    const basicLength = output.length;
    let handledCPCount = basicLength;
    if (basicLength) ArrayPrototypePush(output, delimiter);
    while (handledCPCount < inputLength) {
      // The smallest code point not handled yet.
      let m = maxInt;
      for (let index = 0; index < inputLength; index++) {
        const currentValue = codePoints[index];
        if (currentValue >= n && currentValue < m) m = currentValue;
      }
      const handledCPCountPlusOne = handledCPCount + 1;
      if (m - n > MathFloor((maxInt - delta) / handledCPCountPlusOne)) error('overflow');
      delta += (m - n) * handledCPCountPlusOne;
      n = m;
      for (let index = 0; index < inputLength; index++) {
        const currentValue = codePoints[index];
        if (currentValue < n && ++delta > maxInt) error('overflow');
        if (currentValue === n) {
          // `delta` as a variable-length integer.
          let q = delta;
          for (let k = base; ; k += base) {
            const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
            if (q < t) break;
            const qMinusT = q - t;
            const baseMinusT = base - t;
            ArrayPrototypePush(output, StringFromCharCode(digitToBasic(t + (qMinusT % baseMinusT), 0)));
            q = MathFloor(qMinusT / baseMinusT);
          }
          ArrayPrototypePush(output, StringFromCharCode(digitToBasic(q, 0)));
          bias = adapt(delta, handledCPCountPlusOne, handledCPCount === basicLength);
          delta = 0;
          ++handledCPCount;
        }
      }
      ++delta;
      ++n;
    }
    return ArrayPrototypeJoin(output, '');
  }

  // The labels of a domain name or e-mail address that start `xn--`, decoded (lower-cased
  // first); the others as they are.
  function toUnicode(input) {
    return mapDomain(input, (label) =>
      StringPrototypeStartsWith(label, 'xn--') ? decode(StringPrototypeToLowerCase(StringPrototypeSlice(label, 4))) : label);
  }

  // The labels of a domain name or e-mail address that are not ASCII, encoded with `xn--`;
  // the others as they are.
  function toASCII(input) {
    return mapDomain(input, (label) => {
      for (let index = 0; index < label.length; index++) {
        if (StringPrototypeCharCodeAt(label, index) > 0x7f) return 'xn--' + encode(label);
      }
      return label;
    });
  }

  const ucs2 = { decode: ucs2decode, encode: ucs2encode };
  return { version: '2.1.0', ucs2, decode, encode, toASCII, toUnicode };
});
