//# allFunctionsCalledOnLoad
// `internal/ip`: `isIP`, `isIPv4` and `isIPv6` of `node:net`, as Node.js answers them (an IPv6
// address may end in an IPv4 one and carry a zone, `fe80::1%eth0`).
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const { String, StringPrototypeCharCodeAt, StringPrototypeIndexOf, StringPrototypeSlice } = primordials;

  // A decimal octet, 0-255, without leading zeros.
  function isOctet(text) {
    if (text.length === 0 || text.length > 3) return false;
    if (text.length > 1 && text[0] === '0') return false;
    let value = 0;
    for (let index = 0; index < text.length; index++) {
      const code = StringPrototypeCharCodeAt(text, index);
      if (code < 48 || code > 57) return false;
      value = value * 10 + code - 48;
    }
    return value <= 255;
  }

  function isIPv4(input) {
    const text = String(input);
    let start = 0;
    for (let part = 0; part < 4; part++) {
      let end = StringPrototypeIndexOf(text, '.', start);
      if (part === 3) {
        if (end !== -1) return false;
        end = text.length;
      } else if (end === -1) return false;
      if (!isOctet(StringPrototypeSlice(text, start, end))) return false;
      start = end + 1;
    }
    return true;
  }

  function isHexGroup(text) {
    if (text.length === 0 || text.length > 4) return false;
    for (let index = 0; index < text.length; index++) {
      const code = StringPrototypeCharCodeAt(text, index);
      const hex = (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
      if (!hex) return false;
    }
    return true;
  }

  function isIPv6(input) {
    let text = String(input);
    const zone = StringPrototypeIndexOf(text, '%');
    if (zone !== -1) {
      if (zone === text.length - 1) return false;
      text = StringPrototypeSlice(text, 0, zone);
    }
    if (text.length < 2) return false;
    const compressed = StringPrototypeIndexOf(text, '::');
    if (compressed !== -1 && StringPrototypeIndexOf(text, '::', compressed + 1) !== -1) return false;
    let groups = 0;
    let start = 0;
    while (start <= text.length) {
      let end = StringPrototypeIndexOf(text, ':', start);
      if (end === -1) end = text.length;
      const group = StringPrototypeSlice(text, start, end);
      if (group.length === 0) {
        // Only the `::` (and its ends at the start or the end of the address) may be empty.
        const atCompression = start === compressed || start === compressed + 1 || start === compressed + 2;
        if (!atCompression) return false;
      } else if (end === text.length && StringPrototypeIndexOf(group, '.') !== -1) {
        if (!isIPv4(group)) return false;
        groups += 2;
      } else if (isHexGroup(group)) {
        groups += 1;
      } else {
        return false;
      }
      start = end + 1;
    }
    return compressed === -1 ? groups === 8 : groups < 8;
  }

  function isIP(input) {
    if (isIPv4(input)) return 4;
    if (isIPv6(input)) return 6;
    return 0;
  }

  return { isIP, isIPv4, isIPv6 };
});
