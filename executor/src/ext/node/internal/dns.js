//# allFunctionsCalledOnLoad
// `internal/dns`: the resolver behind `dns` and `dns/promises`, as workerd's. Every query is a
// DNS-over-HTTPS request to Cloudflare's resolver (`https://cloudflare-dns.com/dns-query`, JSON
// answers) made with the run's `fetch`, so it goes through the run's outbound policy like any
// other request: it reaches the resolver only when the run may reach `cloudflare-dns.com`, and
// otherwise fails as workerd's does when its fetch fails (a DnsError, `EBADQUERY`), with the
// refusal as the error's `cause`. A name that is an IP address is answered without a query.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    ArrayIsArray, ArrayPrototypeJoin, ArrayPrototypePush, Error, JSONParse, NumberParseInt, ObjectDefineProperty,
    PromisePrototypeThen, PromiseWithResolvers, RangeError, ReflectApply, StringFromCharCode,
    StringPrototypeCharCodeAt, StringPrototypeEndsWith, StringPrototypeSlice, StringPrototypeStartsWith,
    StringPrototypeToUpperCase, safeArray,
  } = primordials;
  const errors = internals.nodeModule('internal/errors');
  const {
    codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OPTION_NOT_IMPLEMENTED },
    validateBoolean, validateFunction, validateNumber, validateOneOf, validateString,
  } = errors;
  const { isIP } = internals.nodeModule('internal/ip');

  // The error codes of Node.js's `dns` (c-ares's), and the flags of `lookup`.
  const codes = {
    NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND', NOTIMP: 'ENOTIMP',
    REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME', BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP',
    CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT', EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM',
    DESTRUCTION: 'EDESTRUCTION', BADSTR: 'EBADSTR', BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS',
    NOTINITIALIZED: 'ENOTINITIALIZED', LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS',
    CANCELLED: 'ECANCELLED', ADDRCONFIG: 1024, ALL: 256, V4MAPPED: 2048,
  };

  // workerd's DnsError: `queryA ENOTFOUND example.com`, with `code`, `hostname` and `syscall`
  // (and an `errno` that is `undefined`). `cause`, when there is one, says why the query failed.
  class DnsError extends Error {
    constructor(hostname, code, syscall, cause = undefined) {
      super(`${syscall} ${code} ${hostname}`, cause === undefined ? undefined : { cause });
      const own = (key, value) => ObjectDefineProperty(this, key, {
        __proto__: null, value, writable: true, enumerable: true, configurable: true,
      });
      own('code', code);
      own('name', 'Error');
      own('errno', undefined);
      own('hostname', hostname);
      own('syscall', syscall);
    }

    toString() {
      return `${this.name} [${this.code}]: ${this.message}`;
    }
  }

  function nextTick(callback, ...args) {
    internals.queueMicrotask(() => { ReflectApply(callback, undefined, args); });
  }

  // The JSON answer of Cloudflare's resolver for `name` and `type`, or a DnsError.
  async function sendDnsRequest(name, type) {
    internals.loadFetch();
    const url = `https://cloudflare-dns.com/dns-query?${host.formEncode(['name', name, 'type', type])}`;
    // `queryTxt`, as Node.js names the call.
    const syscall = `query${StringPrototypeToUpperCase(StringPrototypeSlice(type, 0, 1))}${StringPrototypeSlice(type, 1)}`;
    let json;
    try {
      const response = await internals.fetch(url, { headers: { Accept: 'application/dns-json' }, method: 'GET' });
      const parts = await internals.responseParts(response);
      if (parts[0] < 200 || parts[0] > 299) throw new DnsError(name, codes.BADRESP, syscall);
      json = JSONParse(host.decode('utf-8', parts[3], false, true));
    } catch (error) {
      throw error instanceof DnsError ? error : new DnsError(name, codes.BADQUERY, syscall, error);
    }
    if ('error' in json) throw new DnsError(name, codes.BADRESP, syscall);
    const questions = json.Question;
    const question = ArrayIsArray(questions) ? questions[0] : undefined;
    // What reads an answer needs the question.
    if (!question) throw new DnsError(name, codes.BADRESP, syscall);
    const answers = json.Answer;
    if (ArrayIsArray(answers) && answers.length > 0 && answers[0]?.name === '') {
      throw new DnsError(name, codes.NOTFOUND, syscall);
    }
    // The answer also holds the CNAME chain the resolver followed: only the records of the
    // type asked for are kept.
    const kept = safeArray();
    if (ArrayIsArray(answers)) {
      for (let index = 0; index < answers.length; index++) {
        if (answers[index]?.type === question.type) ArrayPrototypePush(kept, answers[index]);
      }
    }
    if (kept.length > 0) json.Answer = kept;
    else delete json.Answer;
    return json;
  }

  function validateAnswer(answer, name, query) {
    if (answer == null) throw new DnsError(name, codes.NOTFOUND, query);
  }

  // Each answer's `data`, through `normalize`, in a new array.
  function mapAnswers(answers, normalize) {
    const result = [];
    for (let index = 0; index < answers.length; index++) ArrayPrototypePush(result, normalize(answers[index]));
    return result;
  }

  // The fields of a record's data, split at spaces.
  function words(data) {
    const parts = safeArray();
    let start = 0;
    for (let index = 0; index <= data.length; index++) {
      if (index === data.length || StringPrototypeCharCodeAt(data, index) === 0x20) {
        ArrayPrototypePush(parts, StringPrototypeSlice(data, start, index));
        start = index + 1;
      }
    }
    return parts;
  }

  function withoutDot(data) {
    return StringPrototypeEndsWith(data, '.') ? StringPrototypeSlice(data, 0, -1) : data;
  }

  function normalizeMx(name, answer) {
    const parts = words(answer.data);
    const priority = parts[0];
    const exchange = parts[1];
    if (priority == null || exchange == null) throw new DnsError(name, codes.BADRESP, 'queryMx');
    return { exchange: withoutDot(exchange), priority: NumberParseInt(priority, 10) };
  }

  function normalizeSoa(answer) {
    const parts = words(answer.data);
    const names = ['nsname', 'hostmaster', 'serial', 'refresh', 'retry', 'expire', 'minttl'];
    for (let index = 0; index < names.length; index++) validateString(parts[index], names[index]);
    return {
      nsname: parts[0], hostmaster: parts[1], serial: NumberParseInt(parts[2], 10),
      refresh: NumberParseInt(parts[3], 10), retry: NumberParseInt(parts[4], 10), expire: NumberParseInt(parts[5], 10),
      minttl: NumberParseInt(parts[6], 10),
    };
  }

  function normalizeSrv(answer) {
    const parts = words(answer.data);
    const names = ['priority', 'weight', 'port', 'name'];
    for (let index = 0; index < names.length; index++) validateString(parts[index], names[index]);
    return {
      priority: NumberParseInt(parts[0], 10), weight: NumberParseInt(parts[1], 10), port: NumberParseInt(parts[2], 10),
      name: parts[3],
    };
  }

  // TXT data is one or more quoted strings (`"a""b"`): the strings, without their quotes (a
  // quote not followed by another stays in its string).
  function normalizeTxt(answer) {
    const data = answer.data;
    if (!(StringPrototypeStartsWith(data, '"') && StringPrototypeEndsWith(data, '"'))) return [data];
    const strings = [];
    let index = 0;
    while (index < data.length) {
      if (StringPrototypeCharCodeAt(data, index) !== 0x22) {
        index++;
        continue;
      }
      // A quoted string: up to the next quote that is followed by another quote or ends the
      // data, as workerd's /"([^"]|"(?!"))*"/ matches greedily.
      let end = index + 1;
      let close = -1;
      while (end < data.length) {
        if (StringPrototypeCharCodeAt(data, end) === 0x22) {
          close = end;
          if (end + 1 < data.length && StringPrototypeCharCodeAt(data, end + 1) === 0x22) break;
        }
        end++;
      }
      if (close === -1) break;
      ArrayPrototypePush(strings, StringPrototypeSlice(data, index + 1, close));
      index = close + 1;
    }
    return strings;
  }

  // -- RFC 3597's generic RDATA (`\# 15 00 05 69 73 ...`) and presentation RDATA (workerd's
  // Rust parser, src/rust/api/dns.rs) ---------------------------------------------------------

  function parseError(message) {
    return new Error(message);
  }

  // A hexadecimal field, as Rust's `from_str_radix(_, 16)` reads it.
  function hex(text) {
    let value = 0;
    if (text.length === 0) throw new RangeError('cannot parse integer from empty string');
    for (let index = 0; index < text.length; index++) {
      const code = StringPrototypeCharCodeAt(text, index);
      let digit;
      if (code >= 0x30 && code <= 0x39) digit = code - 0x30;
      else if (code >= 0x61 && code <= 0x66) digit = code - 0x57;
      else if (code >= 0x41 && code <= 0x46) digit = code - 0x37;
      else throw new RangeError('invalid digit found in string');
      value = value * 16 + digit;
    }
    return value;
  }

  function decodeHex(parts, start, end) {
    let text = '';
    for (let index = start; index < end; index++) text += StringFromCharCode(hex(parts[index]));
    return text;
  }

  function generic(record) {
    const parts = safeArray();
    const all = words(record);
    for (let index = 0; index < all.length; index++) if (all[index] !== '') ArrayPrototypePush(parts, all[index]);
    return parts;
  }

  // Presentation RDATA: fields separated by whitespace, or quoted; `\DDD` and `\X` escapes.
  function splitFields(input) {
    const fields = safeArray();
    let index = 0;
    const isSpace = (code) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
    for (;;) {
      while (index < input.length && isSpace(StringPrototypeCharCodeAt(input, index))) index++;
      if (index >= input.length) return fields;
      const quoted = StringPrototypeCharCodeAt(input, index) === 0x22;
      if (quoted) index++;
      let field = '';
      for (;;) {
        if (index >= input.length) {
          if (quoted) throw parseError('unterminated escape or quote in RDATA');
          break;
        }
        const code = StringPrototypeCharCodeAt(input, index++);
        if (code === 0x22 && quoted) break;
        if (code === 0x5c) {
          const digits = StringPrototypeSlice(input, index, index + 3);
          let decimal = digits.length === 3;
          for (let at = 0; at < digits.length; at++) {
            const digit = StringPrototypeCharCodeAt(digits, at);
            if (digit < 0x30 || digit > 0x39) decimal = false;
          }
          if (decimal) {
            const octet = NumberParseInt(digits, 10);
            if (octet > 255) throw new RangeError('number too large to fit in target type');
            field += StringFromCharCode(octet);
            index += 3;
          } else {
            if (index >= input.length) throw parseError('unterminated escape or quote in RDATA');
            field += input[index++];
          }
          continue;
        }
        if (!quoted && isSpace(code)) break;
        field += StringFromCharCode(code);
      }
      ArrayPrototypePush(fields, field);
    }
  }

  function decimal(text) {
    if (text.length === 0) throw new RangeError('cannot parse integer from empty string');
    for (let index = 0; index < text.length; index++) {
      const code = StringPrototypeCharCodeAt(text, index);
      if (code < 0x30 || code > 0x39) throw new RangeError('invalid digit found in string');
    }
    return NumberParseInt(text, 10);
  }

  function checkCaaField(field) {
    if (field !== 'issuewild' && field !== 'issue' && field !== 'iodef') {
      throw parseError(`Received unknown field '${field}'`);
    }
  }

  function parseCaaRecord(record) {
    const parts = generic(record);
    if (parts[0] !== '\\#') {
      const fields = splitFields(record);
      if (fields.length !== 3) throw parseError(`CAA record expected 3 fields, got ${fields.length}`);
      checkCaaField(fields[1]);
      const critical = decimal(fields[0]);
      if (critical > 255) throw new RangeError('number too large to fit in target type');
      return { critical, field: fields[1], value: fields[2] };
    }
    if (parts.length < 3) throw parseError('CAA record too short: expected at least 3 fields');
    if (parts.length < 4) {
      throw parseError('CAA record data too short: expected critical and prefix length fields');
    }
    const critical = hex(parts[2]);
    const prefixLength = hex(parts[3]);
    if (parts.length - 2 < 2 + prefixLength) {
      throw parseError(`CAA record data too short for prefix_length ${prefixLength}`);
    }
    const field = decodeHex(parts, 4, 4 + prefixLength);
    const value = decodeHex(parts, 4 + prefixLength, parts.length);
    checkCaaField(field);
    return { critical, field, value };
  }

  // A NAPTR replacement: length-prefixed labels, joined with dots (the root label dropped).
  function parseReplacement(parts, start) {
    const labels = safeArray();
    let lengthIndex = start;
    while (lengthIndex < parts.length) {
      const length = hex(parts[lengthIndex]);
      if (lengthIndex + 1 + length > parts.length) {
        throw parseError('replacement data too short for declared frame length');
      }
      const label = decodeHex(parts, lengthIndex + 1, lengthIndex + 1 + length);
      if (label !== '') ArrayPrototypePush(labels, label);
      lengthIndex += length + 1;
    }
    return ArrayPrototypeJoin(labels, '.');
  }

  function parseNaptrRecord(record) {
    const parts = generic(record);
    if (parts[0] !== '\\#') {
      const fields = splitFields(record);
      if (fields.length !== 6) throw parseError(`NAPTR record expected 6 fields, got ${fields.length}`);
      return {
        flags: fields[2], service: fields[3], regexp: fields[4], replacement: withoutDot(fields[5]),
        order: decimal(fields[0]), preference: decimal(fields[1]),
      };
    }
    if (parts.length < 2) throw parseError('NAPTR record too short');
    // From the data's length on: length, order (2), preference (2), flags' length, ...
    const data = safeArray();
    for (let index = 1; index < parts.length; index++) ArrayPrototypePush(data, parts[index]);
    if (data.length < 6) throw parseError('NAPTR record data too short: expected at least 6 fields');
    const order = hex(data[1] + data[2]);
    const preference = hex(data[3] + data[4]);
    const flagLength = hex(data[5]);
    const flagOffset = 6;
    if (data.length < flagOffset + flagLength + 1) throw parseError('NAPTR record too short for flags field');
    const flags = decodeHex(data, flagOffset, flagOffset + flagLength);
    const serviceLength = hex(data[flagOffset + flagLength]);
    const serviceOffset = flagOffset + flagLength + 1;
    if (data.length < serviceOffset + serviceLength + 1) throw parseError('NAPTR record too short for service field');
    const service = decodeHex(data, serviceOffset, serviceOffset + serviceLength);
    const regexpLength = hex(data[serviceOffset + serviceLength]);
    const regexpOffset = serviceOffset + serviceLength + 1;
    if (data.length < regexpOffset + regexpLength) throw parseError('NAPTR record too short for regexp field');
    const regexp = decodeHex(data, regexpOffset, regexpOffset + regexpLength);
    const replacement = parseReplacement(data, regexpOffset + regexpLength);
    return { flags, service, regexp, replacement, order, preference };
  }

  function normalizeCaa(answer) {
    const record = parseCaaRecord(answer.data);
    const result = { critical: record.critical };
    result[record.field] = record.value;
    return result;
  }

  // -- The queries ----------------------------------------------------------------------------

  const validFamilies = [0, 4, 6];
  const validDnsOrders = ['verbatim', 'ipv4first', 'ipv6first'];
  let defaultDnsOrder = 'verbatim';

  function getServers() {
    return ['1.1.1.1', '2606:4700:4700::1111', '1.0.0.1', '2606:4700:4700::1001'];
  }

  function getDefaultResultOrder() {
    return defaultDnsOrder;
  }

  function setDefaultResultOrder(value) {
    validateOneOf(value, 'dnsOrder', validDnsOrders);
    defaultDnsOrder = value;
  }

  // The servers are Cloudflare's, as in workerd.
  function setServers() {
    throw new Error('Not implemented');
  }

  const empty = { Answer: [] };
  const orEmpty = (promise) => PromisePrototypeThen(promise, undefined, () => empty);
  // Both queries of a family-0 lookup, each failure read as no answer.
  function bothFamilies(hostname) {
    const v4 = orEmpty(sendDnsRequest(hostname, 'A'));
    const v6 = orEmpty(sendDnsRequest(hostname, 'AAAA'));
    return PromisePrototypeThen(v4, (first) => PromisePrototypeThen(v6, (second) => [first, second]));
  }

  function addresses(response, family) {
    const list = [];
    const answers = response.Answer;
    if (answers == null) return list;
    for (let index = 0; index < answers.length; index++) ArrayPrototypePush(list, { address: answers[index].data, family });
    return list;
  }

  // `lookup(hostname[, options], callback)`: the callback gets `(error, address, family)`, or
  // `(error, [{ address, family }, ...])` with `all`.
  function lookup(hostname, options, callback) {
    let family = 0;
    let all = false;
    let dnsOrder = getDefaultResultOrder();
    if (hostname) validateString(hostname, 'hostname');
    if (typeof options === 'function') {
      callback = options;
      family = 0;
    } else if (typeof options === 'number') {
      validateFunction(callback, 'callback');
      validateOneOf(options, 'family', validFamilies);
      family = options;
    } else if (options !== undefined && typeof options !== 'object') {
      validateFunction(arguments.length === 2 ? options : callback, 'callback');
      throw new ERR_INVALID_ARG_TYPE('options', ['integer', 'object'], options);
    } else {
      validateFunction(callback, 'callback');
      if (options?.hints != null) {
        validateNumber(options.hints, 'options.hints');
        throw new ERR_OPTION_NOT_IMPLEMENTED('options.hints');
      }
      if (options?.family != null) {
        if (options.family === 'IPv4') family = 4;
        else if (options.family === 'IPv6') family = 6;
        else {
          validateOneOf(options.family, 'options.family', validFamilies);
          family = options.family;
        }
      }
      if (options?.all != null) {
        validateBoolean(options.all, 'options.all');
        all = options.all;
      }
      if (options?.verbatim != null) {
        validateBoolean(options.verbatim, 'options.verbatim');
        dnsOrder = options.verbatim ? 'verbatim' : 'ipv4first';
      }
      if (options?.order != null) {
        validateOneOf(options.order, 'options.order', validDnsOrders);
        dnsOrder = options.order;
      }
    }
    if (!hostname) {
      if (all) nextTick(callback, null, []);
      else nextTick(callback, null, null, family === 6 ? 6 : 4);
      return;
    }
    const matchedFamily = isIP(hostname);
    if (matchedFamily) {
      if (all) nextTick(callback, null, [{ address: hostname, family: matchedFamily }]);
      else nextTick(callback, null, hostname, matchedFamily);
      return;
    }
    if (family === 0) {
      // Both A and AAAA: all of them (IPv6 first with `ipv6first`), or the first by the order.
      PromisePrototypeThen(PromisePrototypeThen(bothFamilies(hostname), (responses) => {
        const v4 = addresses(responses[0], 4);
        const v6 = addresses(responses[1], 6);
        if (v4.length === 0 && v6.length === 0) {
          callback(new DnsError(hostname, codes.NOTFOUND, 'queryA'));
          return;
        }
        if (all) {
          const first = dnsOrder === 'ipv6first' ? v6 : v4;
          const second = dnsOrder === 'ipv6first' ? v4 : v6;
          const list = [];
          for (let index = 0; index < first.length; index++) ArrayPrototypePush(list, first[index]);
          for (let index = 0; index < second.length; index++) ArrayPrototypePush(list, second[index]);
          callback(null, list);
        } else if (dnsOrder === 'ipv6first') {
          if (v6.length > 0) callback(null, v6[0].address, 6);
          else callback(null, v4[0].address, 4);
        } else if (v4.length > 0) {
          callback(null, v4[0].address, 4);
        } else {
          callback(null, v6[0].address, 6);
        }
      }), undefined, (error) => { nextTick(callback, error); });
      return;
    }
    const type = family === 4 ? 'A' : 'AAAA';
    PromisePrototypeThen(PromisePrototypeThen(sendDnsRequest(hostname, type), (json) => {
      validateAnswer(json.Answer, hostname, `query${type}`);
      if (all) {
        const list = [];
        for (let index = 0; index < json.Answer.length; index++) {
          ArrayPrototypePush(list, { address: json.Answer[index].data, family });
        }
        callback(null, list);
      } else {
        callback(null, json.Answer[0]?.data, family);
      }
    }), undefined, (error) => { nextTick(callback, error); });
  }

  // Not implemented in workerd either.
  async function lookupService() {
    throw new Error('Not implemented');
  }

  async function resolveAny() {
    throw new Error('Not implemented');
  }

  function resolve(name, rrtype) {
    validateString(name, 'name');
    switch (rrtype) {
      case 'A': return resolve4(name);
      case 'AAAA': return resolve6(name);
      case 'ANY': return resolveAny();
      case 'CAA': return resolveCaa(name);
      case 'CNAME': return resolveCname(name);
      case 'MX': return resolveMx(name);
      case 'NAPTR': return resolveNaptr(name);
      case 'NS': return resolveNs(name);
      case 'PTR': return resolvePtr(name);
      case 'SOA': return resolveSoa(name);
      case 'SRV': return resolveSrv(name);
      case 'TXT': return resolveTxt(name);
      default: throw new ERR_INVALID_ARG_VALUE('rrtype', rrtype);
    }
  }

  // A query of `type` whose answers go through `normalize`: its argument is checked at once
  // (a TypeError is thrown, not a rejection), the answer comes later.
  function query(name, type, syscall, normalize) {
    validateString(name, 'name');
    return PromisePrototypeThen(sendDnsRequest(name, type), (json) => {
      validateAnswer(json.Answer, name, syscall);
      return normalize(json.Answer);
    });
  }

  function addressQuery(name, options, type, syscall) {
    validateString(name, 'name');
    const ttl = !!options?.ttl;
    return PromisePrototypeThen(sendDnsRequest(name, type), (json) => {
      validateAnswer(json.Answer, name, syscall);
      return mapAnswers(json.Answer, (answer) => ttl ? { ttl: answer.TTL, address: answer.data } : answer.data);
    });
  }

  function resolve4(name, options) {
    return addressQuery(name, options, 'A', 'queryA');
  }

  function resolve6(name, options) {
    return addressQuery(name, options, 'AAAA', 'queryAaaa');
  }

  function resolveCname(name) {
    return query(name, 'CNAME', 'queryCname', (answers) => mapAnswers(answers, (answer) => withoutDot(answer.data)));
  }

  function resolveCaa(name) {
    return query(name, 'CAA', 'queryCaa', (answers) => mapAnswers(answers, normalizeCaa));
  }

  function resolveMx(name) {
    return query(name, 'MX', 'queryMx', (answers) => mapAnswers(answers, (answer) => normalizeMx(name, answer)));
  }

  function resolveNaptr(name) {
    return query(name, 'NAPTR', 'queryNaptr', (answers) => mapAnswers(answers, (answer) => parseNaptrRecord(answer.data)));
  }

  function resolveNs(name) {
    return query(name, 'NS', 'queryNs', (answers) => mapAnswers(answers, (answer) => withoutDot(answer.data)));
  }

  function resolvePtr(name) {
    return query(name, 'PTR', 'queryPtr', (answers) => mapAnswers(answers, (answer) => withoutDot(answer.data)));
  }

  function resolveSoa(name) {
    return query(name, 'SOA', 'querySoa', (answers) => {
      if (!answers[0]) throw new DnsError(name, codes.NOTFOUND, 'querySoa');
      return normalizeSoa(answers[0]);
    });
  }

  function resolveSrv(name) {
    return query(name, 'SRV', 'querySrv', (answers) => mapAnswers(answers, normalizeSrv));
  }

  function resolveTxt(name) {
    return query(name, 'TXT', 'queryTxt', (answers) => mapAnswers(answers, normalizeTxt));
  }

  function reverse(name) {
    return query(name, 'PTR', 'queryPtr', (answers) => mapAnswers(answers, (answer) => withoutDot(answer.data)));
  }

  // `lookup` as a promise: `{ address, family }`, or the list with `all`.
  function lookupPromise(hostname, options) {
    const { promise, resolve: settle, reject } = PromiseWithResolvers();
    lookup(hostname, options, (error, address, family) => {
      if (error) reject(error);
      else if (ArrayIsArray(address)) settle(address);
      else settle({ address, family });
    });
    return promise;
  }

  return {
    __proto__: null,
    codes,
    DnsError,
    getServers,
    setServers,
    getDefaultResultOrder,
    setDefaultResultOrder,
    lookup,
    lookupPromise,
    lookupService,
    resolve,
    resolve4,
    resolve6,
    resolveAny,
    resolveCaa,
    resolveCname,
    resolveMx,
    resolveNaptr,
    resolveNs,
    resolvePtr,
    resolveSoa,
    resolveSrv,
    resolveTxt,
    reverse,
    parseCaaRecord,
    parseNaptrRecord,
  };
});
