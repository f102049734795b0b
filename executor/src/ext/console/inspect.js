//# allFunctionsCalledOnLoad
// The value formatter behind `console`: output looks like Node's `util.inspect` (what users
// of `console.log` expect). Loaded by `console/stub.js` the first time it has more to format
// than plain strings. It uses only the primordials, captured before any user code existed
// (see `runtime/primordials.js` for what that rules out), so a replaced builtin, prototype getter
// or `Function.prototype.call` does not change what is printed; what a value says about
// itself (its own properties and getters, `toJSON` for `%j`, `Symbol.toStringTag`,
// `nodejs.util.inspect.custom`) does, as in Node.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const promiseState = host.promiseState;
  const stringHead = host.stringHead;
  const {
    ReflectApply, ReflectOwnKeys, ObjectGetPrototypeOf, ObjectPrototypeToString, ObjectKeys,
    ObjectGetOwnPropertySymbols, ObjectGetOwnPropertyDescriptor, ObjectSetPrototypeOf,
    ObjectPrototypePropertyIsEnumerable, ObjectPrototypeHasOwnProperty, ObjectPrototypeIsPrototypeOf,
    ArrayIsArray, ArrayPrototypePush, ArrayPrototypeJoin, ArrayPrototypeIncludes, ArrayPrototypeUnshift,
    FunctionPrototypeToString, ErrorPrototypeToString, ErrorIsError, DatePrototypeToISOString,
    DatePrototypeGetTime, RegExpPrototypeGetSource, RegExpPrototypeGetHasIndices,
    RegExpPrototypeGetGlobal, RegExpPrototypeGetIgnoreCase, RegExpPrototypeGetMultiline,
    RegExpPrototypeGetDotAll, RegExpPrototypeGetUnicode, RegExpPrototypeGetUnicodeSets,
    RegExpPrototypeGetSticky, SymbolPrototypeToString, MapPrototypeEntries, MapPrototypeGetSize,
    MapPrototypeGet, MapPrototypeSet, MapIteratorPrototypeNext, SetPrototypeValues,
    SetPrototypeGetSize, SetPrototypeHas, SetPrototypeAdd, SetIteratorPrototypeNext,
    TypedArrayPrototypeGetLength, TypedArrayPrototypeGetSymbolToStringTag,
    ArrayBufferPrototypeGetByteLength, WeakMapPrototypeHas, WeakSetPrototypeHas,
    WeakRefPrototypeDeref, NumberPrototypeValueOf, StringPrototypeValueOf, BooleanPrototypeValueOf,
    BigIntPrototypeValueOf, SymbolPrototypeValueOf, JSONStringify, MathMax, MathMin, MathSqrt,
    MathRound, MathFloor, MathTrunc, StringPrototypeRepeat, StringPrototypeCharCodeAt,
    StringPrototypeSlice, StringPrototypeStartsWith, StringPrototypeIncludes,
    StringPrototypePadStart, StringPrototypePadEnd, ArrayPrototypeSort, NumberIsNaN, Number, String, parseFloat, Map,
    Set, Uint8Array, SymbolFor, SymbolToStringTag, ObjectPrototype, RegExpPrototype,
    ErrorPrototype, AsyncFunctionPrototype, GeneratorFunctionPrototype,
    AsyncGeneratorFunctionPrototype, safeArray,
  } = primordials;
  const inspectCustom = SymbolFor('nodejs.util.inspect.custom');
  const webPrototypes = internals.webPrototypes;
  const inspectShapes = internals.inspectShapes;
  // Strings longer than this are cut, with the number of characters left out, as Node's
  // `maxStringLength` does; only the part shown is ever read (a string built by
  // concatenation is not flattened).
  const MAX_STRING_LENGTH = 10000;
  // The options of the `inspect` call under way that functions without `ctx` read
  // (`util.inspect`'s `maxStringLength`, `sorted` and `numericSeparator`).
  let maxStringLength = MAX_STRING_LENGTH;
  let sortKeys = false;
  let numericSeparator = false;
  // A format string (the first argument, with `%`) is read up to this many characters; the
  // host shows no more of a message anyway.
  const MAX_FORMAT_LENGTH = 1 << 20;

  // The names of the builtin prototypes, so that replacing `Array.prototype.constructor`
  // does not rename every array.
  const builtinNames = new Map();
  const builtinConstructors = ['Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'BigInt',
    'Symbol', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError',
    'URIError', 'AggregateError', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Promise',
    'Date', 'RegExp', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array',
    'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
    'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
  for (let index = 0; index < builtinConstructors.length; index++) {
    const name = builtinConstructors[index];
    const constructor = primordials[name];
    if (constructor !== undefined) MapPrototypeSet(builtinNames, constructor.prototype, name);
  }
  MapPrototypeSet(builtinNames, AsyncFunctionPrototype, 'AsyncFunction');
  MapPrototypeSet(builtinNames, GeneratorFunctionPrototype, 'GeneratorFunction');
  MapPrototypeSet(builtinNames, AsyncGeneratorFunctionPrototype, 'AsyncGeneratorFunction');

  // Getters not shown: reading `body` would create a stream.
  function isHiddenGetter(key) {
    return key === 'body' || key === 'srcElement' || key === 'returnValue' || key === 'cancelBubble';
  }

  // An own property's descriptor, without a prototype (so that `'value' in descriptor` does
  // not find `Object.prototype.value`).
  function ownDescriptor(object, key) {
    const descriptor = ObjectGetOwnPropertyDescriptor(object, key);
    if (descriptor !== undefined) ObjectSetPrototypeOf(descriptor, null);
    return descriptor;
  }

  function callOr(getter, value, fallback) {
    try { return getter(value); } catch { return fallback; }
  }
  function isMap(value) { return callOr(MapPrototypeGetSize, value, -1) !== -1; }
  function isSet(value) { return callOr(SetPrototypeGetSize, value, -1) !== -1; }
  function typedArrayTag(value) { return TypedArrayPrototypeGetSymbolToStringTag(value); }
  function isArrayBuffer(value) { return callOr(ArrayBufferPrototypeGetByteLength, value, -1) !== -1; }
  function isDate(value) {
    try { DatePrototypeGetTime(value); return true; } catch { return false; }
  }
  function isRegExp(value) {
    if (value === RegExpPrototype) return false;
    try { RegExpPrototypeGetSource(value); return true; } catch { return false; }
  }
  function isError(value) {
    // (`Error.isError` is not in the snapshot's realm when V8 installs it after deserializing.)
    return (ErrorIsError !== undefined && ErrorIsError(value)) || ObjectPrototypeIsPrototypeOf(ErrorPrototype, value);
  }
  // `/source/flags`, from the original getters (`RegExp.prototype.flags` reads the others
  // through the prototype).
  function regExpToString(value) {
    let flags = '';
    if (RegExpPrototypeGetHasIndices(value)) flags += 'd';
    if (RegExpPrototypeGetGlobal(value)) flags += 'g';
    if (RegExpPrototypeGetIgnoreCase(value)) flags += 'i';
    if (RegExpPrototypeGetMultiline(value)) flags += 'm';
    if (RegExpPrototypeGetDotAll(value)) flags += 's';
    if (RegExpPrototypeGetUnicode(value)) flags += 'u';
    if (RegExpPrototypeGetUnicodeSets(value)) flags += 'v';
    if (RegExpPrototypeGetSticky(value)) flags += 'y';
    return '/' + RegExpPrototypeGetSource(value) + '/' + flags;
  }
  // The tag of a primitive wrapper object (`new Number(1)`), or undefined.
  function wrapperTag(value) {
    try { NumberPrototypeValueOf(value); return 'Number'; } catch {}
    try { StringPrototypeValueOf(value); return 'String'; } catch {}
    try { BooleanPrototypeValueOf(value); return 'Boolean'; } catch {}
    try { BigIntPrototypeValueOf(value); return 'BigInt'; } catch {}
    try { SymbolPrototypeValueOf(value); return 'Symbol'; } catch {}
    return undefined;
  }
  function wrappedValue(tag, value) {
    switch (tag) {
      case 'Number': return NumberPrototypeValueOf(value);
      case 'String': return StringPrototypeValueOf(value);
      case 'Boolean': return BooleanPrototypeValueOf(value);
      case 'BigInt': return BigIntPrototypeValueOf(value);
      default: return SymbolPrototypeValueOf(value);
    }
  }
  function weakTag(value) {
    try { WeakMapPrototypeHas(value, ObjectPrototype); return 'WeakMap'; } catch {}
    try { WeakSetPrototypeHas(value, ObjectPrototype); return 'WeakSet'; } catch {}
    try { WeakRefPrototypeDeref(value); return 'WeakRef'; } catch {}
    return undefined;
  }

  function isIdentifierCharacter(code, first) {
    return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 ||
      (!first && code >= 48 && code <= 57);
  }
  function isIdentifier(key) {
    if (key.length === 0) return false;
    for (let index = 0; index < key.length; index++) {
      if (!isIdentifierCharacter(StringPrototypeCharCodeAt(key, index), index === 0)) return false;
    }
    return true;
  }
  // `0`, `1`, `42`, not `01`.
  function isIndexKey(key) {
    if (key.length === 0 || (key.length > 1 && StringPrototypeCharCodeAt(key, 0) === 48)) return false;
    for (let index = 0; index < key.length; index++) {
      const code = StringPrototypeCharCodeAt(key, index);
      if (code < 48 || code > 57) return false;
    }
    return true;
  }

  const HEX = '0123456789ABCDEF';
  const HEX_LOWER = '0123456789abcdef';
  const hexLower = (byte) => HEX_LOWER[byte >> 4] + HEX_LOWER[byte & 15];
  function escapeCharacter(code) {
    switch (code) {
      case 10: return '\\n';
      case 9: return '\\t';
      case 13: return '\\r';
      case 8: return '\\b';
      case 12: return '\\f';
      case 11: return '\\v';
      case 39: return "\\'";
      case 92: return '\\\\';
      default: return '\\x' + HEX[code >> 4] + HEX[code & 15];
    }
  }
  function needsEscape(code) {
    return code < 0x20 || code === 0x27 || code === 0x5c || (code >= 0x7f && code <= 0x9f);
  }
  function quote(string) {
    let suffix = '';
    if (string.length > maxStringLength) {
      const head = stringHead(string, maxStringLength);
      const remaining = string.length - head.length;
      suffix = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
      string = head;
    }
    let output = "'";
    let last = 0;
    for (let index = 0; index < string.length; index++) {
      const code = StringPrototypeCharCodeAt(string, index);
      if (!needsEscape(code)) continue;
      output += StringPrototypeSlice(string, last, index) + escapeCharacter(code);
      last = index + 1;
    }
    return output + StringPrototypeSlice(string, last) + "'" + suffix;
  }
  function formatKey(key) {
    if (typeof key === 'symbol') return '[' + SymbolPrototypeToString(key) + ']';
    return isIdentifier(key) ? key : quote(key);
  }
  function formatNumber(number) {
    if (number === 0 && 1 / number < 0) return '-0';
    const text = '' + number;
    return numericSeparator ? withSeparators(text) : text;
  }
  // `123456789.5` -> `123_456_789.5`, as `util.inspect`'s `numericSeparator`.
  function withSeparators(text) {
    let end = 0;
    while (end < text.length && text[end] !== '.' && text[end] !== 'e') end++;
    const start = text[0] === '-' ? 1 : 0;
    let integer = '';
    let count = 0;
    for (let index = end - 1; index >= start; index--) {
      if (count > 0 && count % 3 === 0) integer = '_' + integer;
      integer = text[index] + integer;
      count++;
    }
    if (end - start < 4) return text;
    return StringPrototypeSlice(text, 0, start) + integer + StringPrototypeSlice(text, end);
  }
  function formatPrimitive(value, quoted) {
    switch (typeof value) {
      case 'string': return quoted ? quote(value) : value;
      case 'number': return formatNumber(value);
      case 'bigint': return (numericSeparator ? withSeparators('' + value) : '' + value) + 'n';
      case 'symbol': return SymbolPrototypeToString(value);
      case 'undefined': return 'undefined';
      case 'boolean': return value ? 'true' : 'false';
      default: return value === null ? 'null' : undefined;
    }
  }

  // A function's own `name`, or '' (never `Function.prototype.name`).
  function functionName(value) {
    const descriptor = ownDescriptor(value, 'name');
    if (descriptor === undefined) return '';
    let name;
    if ('value' in descriptor) name = descriptor.value;
    else if (descriptor.get !== undefined) {
      try { name = ReflectApply(descriptor.get, value, []); } catch { name = ''; }
    }
    return typeof name === 'string' ? name : '';
  }

  function constructorName(value) {
    let object = value;
    while (object !== null && object !== undefined) {
      const builtin = MapPrototypeGet(builtinNames, object);
      if (builtin !== undefined) return builtin;
      const descriptor = ownDescriptor(object, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function') {
        const name = functionName(descriptor.value);
        if (name !== '') return name;
      }
      object = ObjectGetPrototypeOf(object);
    }
    return null;
  }

  function functionBase(value) {
    let source = '';
    try { source = FunctionPrototypeToString(value); } catch {}
    const name = functionName(value);
    if (StringPrototypeStartsWith(source, 'class') && source.length > 5) {
      const next = StringPrototypeCharCodeAt(source, 5);
      if (next === 123 || next <= 32) return name ? `[class ${name}]` : '[class (anonymous)]';
    }
    let kind = 'Function';
    const prototype = ObjectGetPrototypeOf(value);
    if (prototype === AsyncFunctionPrototype) kind = 'AsyncFunction';
    else if (prototype === GeneratorFunctionPrototype) kind = 'GeneratorFunction';
    else if (prototype === AsyncGeneratorFunctionPrototype) kind = 'AsyncGeneratorFunction';
    return name ? `[${kind}: ${name}]` : `[${kind} (anonymous)]`;
  }

  function errorBase(error) {
    let stack;
    try { stack = error.stack; } catch {}
    if (typeof stack === 'string' && stack !== '') {
      if (stack.length > MAX_FORMAT_LENGTH) {
        const head = stringHead(stack, MAX_FORMAT_LENGTH);
        return head + `... ${stack.length - head.length} more characters`;
      }
      return stack;
    }
    try { return '[' + ErrorPrototypeToString(error) + ']'; } catch { return '[Error]'; }
  }

  // Own enumerable keys, strings then symbols, as Node shows them.
  function ownKeys(value, skipIndices) {
    const keys = safeArray();
    let names;
    try { names = ObjectKeys(value); } catch { return keys; }
    for (let index = 0; index < names.length; index++) {
      const name = names[index];
      if (!skipIndices || !isIndexKey(name)) ArrayPrototypePush(keys, name);
    }
    const symbols = ObjectGetOwnPropertySymbols(value);
    for (let index = 0; index < symbols.length; index++) {
      if (ObjectPrototypePropertyIsEnumerable(value, symbols[index])) ArrayPrototypePush(keys, symbols[index]);
    }
    if (sortKeys) ArrayPrototypeSort(keys, compareKeys);
    return keys;
  }
  function compareKeys(a, b) {
    const x = typeof a === 'symbol' ? SymbolPrototypeToString(a) : a;
    const y = typeof b === 'symbol' ? SymbolPrototypeToString(b) : b;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  function without(keys, name) {
    const kept = safeArray();
    for (let index = 0; index < keys.length; index++) {
      if (keys[index] !== name) ArrayPrototypePush(kept, keys[index]);
    }
    return kept;
  }
  function withoutIndices(keys) {
    const kept = safeArray();
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      if (typeof key !== 'string' || !isIndexKey(key)) ArrayPrototypePush(kept, key);
    }
    return kept;
  }

  // Formats a value nested in the one being formatted, two columns further in.
  function formatChild(ctx, value, depth) {
    ctx.indentation += 2;
    try {
      return formatValue(ctx, value, depth + 1, true);
    } finally {
      ctx.indentation -= 2;
    }
  }

  function formatProperty(ctx, value, key, depth) {
    const descriptor = ownDescriptor(value, key);
    let formatted;
    if (descriptor === undefined) {
      formatted = 'undefined';
    } else if ('value' in descriptor) {
      formatted = formatChild(ctx, descriptor.value, depth);
    } else if (descriptor.get !== undefined) {
      formatted = descriptor.set !== undefined ? '[Getter/Setter]' : '[Getter]';
    } else {
      formatted = descriptor.set !== undefined ? '[Setter]' : 'undefined';
    }
    return formatKey(key) + ': ' + formatted;
  }

  // Joins entries on one line when the object is one of the three innermost levels and
  // the line fits in `breakLength`; otherwise one entry per line. Arrays of more than six
  // short entries are laid out in columns first. (The rules of Node's util.inspect.)
  function reduceToSingleString(ctx, output, open, close, depth, numeric) {
    if (output.length === 0) return open + close;
    const own = ctx.indentation;
    if (ctx.compact === true) {
      // `compact: true`: one line when it fits, else the first entry beside the brace.
      if (isBelowBreakLength(ctx, output, 0)) {
        const joined = ArrayPrototypeJoin(output, ', ');
        if (!StringPrototypeIncludes(joined, '\n')) return `${open} ${joined} ${close}`;
      }
      const indentation = StringPrototypeRepeat(' ', own);
      const first = open.length === 1 ? ' ' : `\n${indentation}  `;
      return `${open}${first}${ArrayPrototypeJoin(output, `,\n${indentation}  `)} ${close}`;
    }
    const entries = output.length;
    if (numeric !== undefined && entries > 6 && typeof ctx.compact === 'number') output = groupArrayElements(ctx, output, numeric);
    if (ctx.compact !== false && ctx.currentDepth - depth < ctx.compact && entries === output.length) {
      const start = output.length + own + open.length + 10;
      if (isBelowBreakLength(ctx, output, start)) {
        const joined = ArrayPrototypeJoin(output, ', ');
        if (!StringPrototypeIncludes(joined, '\n')) return `${open} ${joined} ${close}`;
      }
    }
    const indentation = '\n' + StringPrototypeRepeat(' ', own);
    return `${open}${indentation}  ${ArrayPrototypeJoin(output, `,${indentation}  `)}${indentation}${close}`;
  }

  function isBelowBreakLength(ctx, output, start) {
    let total = output.length + start;
    if (total + output.length > ctx.breakLength) return false;
    for (let index = 0; index < output.length; index++) {
      total += output[index].length;
      if (total > ctx.breakLength) return false;
    }
    return true;
  }

  // Lays out many short array entries in aligned columns, as Node does. `numeric` says
  // whether every element is a number (right-aligned) or not (left-aligned).
  function groupArrayElements(ctx, output, numeric) {
    let totalLength = 0;
    let maxLength = 0;
    let outputLength = output.length;
    if (StringPrototypeStartsWith(output[outputLength - 1], '... ')) outputLength--;
    const separatorSpace = 2;
    const dataLength = safeArray();
    for (let index = 0; index < outputLength; index++) {
      const length = output[index].length;
      ArrayPrototypePush(dataLength, length);
      totalLength += length + separatorSpace;
      if (maxLength < length) maxLength = length;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentation < ctx.breakLength &&
        (totalLength / actualMax > 5 || maxLength <= 6)) {
      const averageBias = MathSqrt(actualMax - totalLength / output.length);
      const biasedMax = MathMax(actualMax - 3 - averageBias, 1);
      const columns = MathMin(
        MathRound(MathSqrt(2.5 * biasedMax * outputLength) / biasedMax),
        MathFloor((ctx.breakLength - ctx.indentation) / actualMax),
        3 * 4,
        15,
      );
      if (columns <= 1) return output;
      const maxLineLength = safeArray();
      for (let column = 0; column < columns; column++) {
        let lineLength = 0;
        for (let index = column; index < output.length; index += columns) {
          if (dataLength[index] > lineLength) lineLength = dataLength[index];
        }
        ArrayPrototypePush(maxLineLength, lineLength + separatorSpace);
      }
      const grouped = safeArray();
      for (let start = 0; start < outputLength; start += columns) {
        const max = MathMin(start + columns, outputLength);
        let line = '';
        let index = start;
        for (; index < max - 1; index++) {
          const cell = `${output[index]}, `;
          line += numeric ? StringPrototypePadStart(cell, maxLineLength[index - start], ' ')
            : StringPrototypePadEnd(cell, maxLineLength[index - start], ' ');
        }
        line += numeric
          ? StringPrototypePadStart(output[index], maxLineLength[index - start] - separatorSpace, ' ')
          : output[index];
        ArrayPrototypePush(grouped, line);
      }
      if (outputLength < output.length) ArrayPrototypePush(grouped, output[outputLength]);
      return grouped;
    }
    return output;
  }

  function moreItems(more) {
    return `... ${more} more item${more > 1 ? 's' : ''}`;
  }

  function formatList(ctx, value, depth, length, prefix) {
    const entries = safeArray();
    const limit = MathMin(length, ctx.maxArrayLength);
    let holes = 0;
    for (let index = 0; index < limit; index++) {
      if (!ObjectPrototypeHasOwnProperty(value, index)) {
        holes++;
        continue;
      }
      if (holes > 0) {
        ArrayPrototypePush(entries, `<${holes} empty item${holes > 1 ? 's' : ''}>`);
        holes = 0;
      }
      ArrayPrototypePush(entries, formatChild(ctx, value[index], depth));
    }
    if (holes > 0) ArrayPrototypePush(entries, `<${holes} empty item${holes > 1 ? 's' : ''}>`);
    if (length > limit) ArrayPrototypePush(entries, moreItems(length - limit));
    let numeric = true;
    for (let index = 0; index < limit && numeric; index++) {
      const type = typeof value[index];
      if (type !== 'number' && type !== 'bigint') numeric = false;
    }
    const keys = ownKeys(value, true);
    for (let index = 0; index < keys.length; index++) {
      if (keys[index] === 'length') continue;
      ArrayPrototypePush(entries, formatProperty(ctx, value, keys[index], depth));
    }
    return reduceToSingleString(ctx, entries, prefix + '[', ']', depth, numeric);
  }

  // The entries of a Map (`key => value`) or a Set, up to `maxArrayLength`, from the
  // original iterators.
  function formatCollection(ctx, value, depth, label, map) {
    const entries = safeArray();
    const iterator = map ? MapPrototypeEntries(value) : SetPrototypeValues(value);
    const size = map ? MapPrototypeGetSize(value) : SetPrototypeGetSize(value);
    let shown = 0;
    for (;;) {
      const step = map ? MapIteratorPrototypeNext(iterator) : SetIteratorPrototypeNext(iterator);
      if (step.done) break;
      if (shown === ctx.maxArrayLength) {
        ArrayPrototypePush(entries, moreItems(size - shown));
        break;
      }
      shown++;
      const entry = step.value;
      ArrayPrototypePush(entries, map
        ? formatChild(ctx, entry[0], depth) + ' => ' + formatChild(ctx, entry[1], depth)
        : formatChild(ctx, entry, depth));
    }
    const keys = ownKeys(value, false);
    for (let index = 0; index < keys.length; index++) {
      ArrayPrototypePush(entries, formatProperty(ctx, value, keys[index], depth));
    }
    return reduceToSingleString(ctx, entries, label + '{', '}', depth, undefined);
  }

  // The getters of a Web API object's classes, base class first, as `[name, value]` pairs.
  const getterShape = {
    __proto__: null,
    map: false,
    entries(value) {
      const chain = safeArray();
      for (let prototype = ObjectGetPrototypeOf(value); prototype !== null && prototype !== ObjectPrototype;
        prototype = ObjectGetPrototypeOf(prototype)) {
        if (SetPrototypeHas(webPrototypes, prototype)) ArrayPrototypeUnshift(chain, prototype);
      }
      const entries = safeArray();
      const seen = new Set();
      for (let link = 0; link < chain.length; link++) {
        const prototype = chain[link];
        const keys = ReflectOwnKeys(prototype);
        for (let index = 0; index < keys.length; index++) {
          const key = keys[index];
          if (typeof key !== 'string' || SetPrototypeHas(seen, key) || isHiddenGetter(key)) continue;
          const descriptor = ownDescriptor(prototype, key);
          if (descriptor === undefined || typeof descriptor.get !== 'function') continue;
          SetPrototypeAdd(seen, key);
          try {
            ArrayPrototypePush(entries, [key, ReflectApply(descriptor.get, value, [])]);
          } catch {
            // A getter that throws on this object is left out.
          }
        }
      }
      return entries;
    },
  };

  // How a Web API object is shown, or null for other objects.
  function webShape(value) {
    let prototype;
    try {
      prototype = ObjectGetPrototypeOf(value);
    } catch {
      return null;
    }
    for (; prototype !== null && prototype !== ObjectPrototype; prototype = ObjectGetPrototypeOf(prototype)) {
      const shape = MapPrototypeGet(inspectShapes, prototype);
      if (shape !== undefined) return shape;
      if (SetPrototypeHas(webPrototypes, prototype)) return getterShape;
    }
    return null;
  }

  function formatValue(ctx, value, depth, quoted) {
    const primitive = formatPrimitive(value, quoted);
    if (primitive !== undefined) return primitive;

    if (ArrayPrototypeIncludes(ctx.seen, value)) {
      let index = MapPrototypeGet(ctx.circular, value);
      if (index === undefined) {
        index = MapPrototypeGetSize(ctx.circular) + 1;
        MapPrototypeSet(ctx.circular, value, index);
      }
      return `[Circular *${index}]`;
    }

    // A custom inspection, as Node's util.inspect.custom.
    let custom;
    try {
      custom = value[inspectCustom];
    } catch {
      custom = undefined;
    }
    if (typeof custom === 'function' && ctx.customInspect) {
      let result;
      try {
        const options = { __proto__: null, ...ctx.options, depth: ctx.depth - depth, stylize };
        ObjectSetPrototypeOf(options, ObjectPrototype);
        result = ReflectApply(custom, value, [ctx.depth - depth, options, inspect]);
      } catch {
        result = value;
      }
      if (result !== value) return typeof result === 'string' ? headOf(result) : formatValue(ctx, result, depth, quoted);
    }

    const name = constructorName(value);
    let prefix = '';
    let shape = null;
    let base = '';
    let keys;
    let formatter = null;
    let state;

    if (typeof value === 'function') {
      base = functionBase(value);
      keys = without(ownKeys(value, false), 'prototype');
      if (keys.length === 0) return base;
    } else if (ArrayIsArray(value)) {
      prefix = name !== 'Array' && name !== null ? `${name}(${value.length}) ` : '';
      if (depth > ctx.depth) return value.length === 0 && ownKeys(value, true).length === 0 ? `${prefix}[]` : '[Array]';
      formatter = () => formatList(ctx, value, depth, value.length, prefix);
    } else if (typedArrayTag(value) !== undefined) {
      const length = TypedArrayPrototypeGetLength(value);
      const tag = typedArrayTag(value);
      if (depth > ctx.depth) return length === 0 && ownKeys(value, true).length === 0 ? `${tag}(0) []` : `[${tag}]`;
      formatter = () => formatList(ctx, value, depth, length, `${tag}(${length}) `);
    } else if (isMap(value)) {
      const label = `${name || 'Map'}(${MapPrototypeGetSize(value)}) `;
      if (depth > ctx.depth) {
        return MapPrototypeGetSize(value) === 0 && ownKeys(value, false).length === 0 ? `${label}{}` : `[${name || 'Map'}]`;
      }
      formatter = () => formatCollection(ctx, value, depth, label, true);
    } else if (isSet(value)) {
      const label = `${name || 'Set'}(${SetPrototypeGetSize(value)}) `;
      if (depth > ctx.depth) {
        return SetPrototypeGetSize(value) === 0 && ownKeys(value, false).length === 0 ? `${label}{}` : `[${name || 'Set'}]`;
      }
      formatter = () => formatCollection(ctx, value, depth, label, false);
    } else if (isError(value)) {
      base = errorBase(value);
      keys = without(without(ownKeys(value, false), 'stack'), 'message');
      if (keys.length === 0) return base;
      if (depth > ctx.depth) return base;
    } else if (isDate(value)) {
      const time = DatePrototypeGetTime(value);
      base = NumberIsNaN(time) ? 'Invalid Date' : DatePrototypeToISOString(value);
      keys = ownKeys(value, false);
      if (keys.length === 0) return base;
    } else if (isRegExp(value)) {
      base = regExpToString(value);
      keys = without(ownKeys(value, false), 'lastIndex');
      if (keys.length === 0) return base;
    } else if (isArrayBuffer(value)) {
      const byteLength = ArrayBufferPrototypeGetByteLength(value);
      const bytes = new Uint8Array(value, 0, MathMin(byteLength, 50));
      let contents = '';
      for (let index = 0; index < bytes.length; index++) {
        contents += (index ? ' ' : '') + hexLower(bytes[index]);
      }
      if (byteLength > 50) contents += ` ... ${byteLength - 50} more byte${byteLength - 50 > 1 ? 's' : ''}`;
      return `${name || 'ArrayBuffer'} { [Uint8Contents]: <${contents}>, byteLength: ${byteLength} }`;
    } else if (promiseState !== undefined && (state = promiseState(value)) !== undefined) {
      if (depth > ctx.depth) return '[Promise]';
      formatter = () => {
        let inner;
        if (state[0] === 0) inner = '<pending>';
        else if (state[0] === 1) inner = formatChild(ctx, state[1], depth);
        else inner = '<rejected> ' + formatChild(ctx, state[1], depth);
        const entries = safeArray();
        ArrayPrototypePush(entries, inner);
        const own = ownKeys(value, false);
        for (let index = 0; index < own.length; index++) {
          ArrayPrototypePush(entries, formatProperty(ctx, value, own[index], depth));
        }
        return reduceToSingleString(ctx, entries, 'Promise {', '}', depth, undefined);
      };
    } else if (typeof value === 'object' && (shape = webShape(value)) !== null) {
      if (depth > ctx.depth) return `[${name || 'Object'}]`;
      formatter = () => {
        const entries = safeArray();
        const pairs = shape.entries(value);
        for (let index = 0; index < pairs.length; index++) {
          const key = pairs[index][0];
          const entryValue = pairs[index][1];
          ArrayPrototypePush(entries, shape.map
            ? formatChild(ctx, key, depth) + ' => ' + formatChild(ctx, entryValue, depth)
            : formatKey(key) + ': ' + formatChild(ctx, entryValue, depth));
        }
        const own = ownKeys(value, false);
        for (let index = 0; index < own.length; index++) {
          ArrayPrototypePush(entries, formatProperty(ctx, value, own[index], depth));
        }
        return reduceToSingleString(ctx, entries, `${name || 'Object'} {`, '}', depth, undefined);
      };
    } else {
      const weak = weakTag(value);
      if (weak !== undefined) return `${weak} { <items unknown> }`;
      const wrapper = wrapperTag(value);
      if (wrapper !== undefined) {
        let inner;
        try { inner = formatPrimitive(wrappedValue(wrapper, value), true); } catch { inner = '?'; }
        base = `[${wrapper}: ${inner}]`;
        keys = ownKeys(value, false);
        if (wrapper === 'String') keys = withoutIndices(keys);
        if (keys.length === 0) return base;
      } else {
        const tag = StringPrototypeSlice(ObjectPrototypeToString(value), 8, -1);
        if (name === null) {
          prefix = '[Object: null prototype] ';
        } else if (name !== 'Object') {
          prefix = `${name} `;
        } else if (tag !== 'Object') {
          prefix = `Object [${tag}] `;
        }
        if (prefix !== '' && name !== 'Object' && SymbolToStringTag in value) {
          const custom = value[SymbolToStringTag];
          if (typeof custom === 'string' && custom !== '' && custom !== name) {
            prefix = `${name || 'Object'} [${custom}] `;
          }
        }
      }
    }

    if (depth > ctx.depth) {
      // An object with nothing to show is shown whole at any depth (`{}`, `Tracing {}`, and
      // the empty arrays, maps and sets above), as Node.js does.
      if (formatter === null && base === '') {
        if (keys === undefined) keys = ownKeys(value, false);
        if (keys.length === 0) return `${prefix}{}`;
      }
      return name === null ? '[Object: null prototype]' : `[${name === 'Object' || !name ? 'Object' : name}]`;
    }

    ArrayPrototypePush(ctx.seen, value);
    ctx.currentDepth = depth;
    let output;
    try {
      if (formatter !== null) {
        output = formatter();
      } else {
        if (keys === undefined) keys = ownKeys(value, false);
        const entries = safeArray();
        for (let index = 0; index < keys.length; index++) {
          ArrayPrototypePush(entries, formatProperty(ctx, value, keys[index], depth));
        }
        if (base !== '') {
          if (entries.length === 0) output = base;
          else output = reduceToSingleString(ctx, entries, base + ' {', '}', depth, undefined);
        } else {
          output = reduceToSingleString(ctx, entries, prefix + '{', '}', depth, undefined);
        }
      }
    } finally {
      ctx.seen.length--;
    }
    const reference = MapPrototypeGet(ctx.circular, value);
    if (reference !== undefined) output = `<ref *${reference}> ${output}`;
    return output;
  }

  function stylize(text) {
    return text;
  }

  // The options of Node's `util.inspect` that change the text (colours are never written).
  const DEFAULT_OPTIONS = {
    __proto__: null, showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false,
    maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false,
    numericSeparator: false,
  };
  function inspect(value, options) {
    const ctx = {
      __proto__: null,
      depth: 2,
      breakLength: 80,
      maxArrayLength: 100,
      compact: 3,
      customInspect: true,
      options: DEFAULT_OPTIONS,
      indentation: 0,
      currentDepth: 0,
      seen: safeArray(),
      circular: new Map(),
    };
    const saved = [maxStringLength, sortKeys, numericSeparator];
    if (options !== null && typeof options === 'object') {
      if (options.depth === null || options.depth === Infinity) ctx.depth = Infinity;
      else if (typeof options.depth === 'number') ctx.depth = options.depth;
      if (options.util === true) {
        ctx.options = { __proto__: null, ...DEFAULT_OPTIONS, ...options, util: undefined };
        delete ctx.options.util;
        ctx.options.depth = ctx.depth;
        const number = (given, fallback) => given === null || given === Infinity ? Infinity
          : typeof given === 'number' ? MathMax(0, given) : fallback;
        ctx.breakLength = number(options.breakLength, 80);
        ctx.maxArrayLength = number(options.maxArrayLength, 100);
        ctx.compact = typeof options.compact === 'number' || typeof options.compact === 'boolean' ? options.compact : 3;
        if (options.compact === false && options.breakLength === undefined) ctx.breakLength = 0;
        ctx.customInspect = options.customInspect !== false;
        maxStringLength = number(options.maxStringLength, MAX_STRING_LENGTH);
        sortKeys = options.sorted === true;
        numericSeparator = options.numericSeparator === true;
      }
    }
    try {
      return formatValue(ctx, value, 0, true);
    } catch (error) {
      return '[value could not be inspected]';
    } finally {
      maxStringLength = saved[0];
      sortKeys = saved[1];
      numericSeparator = saved[2];
    }
  }

  // A string longer than the host shows of a message, cut to its head before anything reads
  // its characters (which would flatten a rope of hundreds of millions of them).
  function headOf(string) {
    if (string.length <= MAX_FORMAT_LENGTH) return string;
    const head = stringHead(string, MAX_FORMAT_LENGTH);
    return head + `... ${string.length - head.length} more characters`;
  }
  // For `%j`: the same for every string `JSON.stringify` would read.
  function cutLongStrings(key, value) {
    return typeof value === 'string' ? headOf(value) : value;
  }

  // printf-style formatting of console arguments (%s %d %i %f %j %o %O %c %%).
  function format(args, options) {
    // `util.formatWithOptions`' numericSeparator applies to `%d` and `%i` too.
    if (options !== undefined && options.numericSeparator === true && !numericSeparator) {
      numericSeparator = true;
      try {
        return format(args, options);
      } finally {
        numericSeparator = false;
      }
    }
    let first = args[0];
    let index = 0;
    let output = '';
    if (typeof first === 'string') {
      index = 1;
      let rest = '';
      if (first.length > MAX_FORMAT_LENGTH) {
        const head = stringHead(first, MAX_FORMAT_LENGTH);
        rest = `... ${first.length - head.length} more characters`;
        first = head;
      }
      let last = 0;
      for (let position = 0; position < first.length - 1; position++) {
        if (StringPrototypeCharCodeAt(first, position) !== 37) continue; // '%'
        const code = first[position + 1];
        if (code === '%') {
          output += StringPrototypeSlice(first, last, position) + '%';
          last = position + 2;
          position++;
          continue;
        }
        if (index >= args.length || !StringPrototypeIncludes('sdifjoOc', code)) continue;
        const argument = args[index];
        let replacement;
        switch (code) {
          case 's':
            replacement = typeof argument === 'string' ? argument
              : typeof argument === 'bigint' ? '' + argument + 'n'
              : typeof argument === 'object' && argument !== null
                ? inspect(argument, withDepth(options, options === undefined ? 1 : 0))
                : formatPrimitive(argument, false) ?? String(argument);
            break;
          case 'd':
          case 'i': {
            if (typeof argument === 'bigint') replacement = formatPrimitive(argument, false);
            else if (typeof argument === 'symbol') replacement = 'NaN';
            else {
              const number = Number(typeof argument === 'string' ? headOf(argument) : argument);
              replacement = formatNumber(code === 'i' ? MathTrunc(number) : number);
            }
            break;
          }
          case 'f':
            replacement = typeof argument === 'symbol' ? 'NaN'
              : formatNumber(parseFloat(typeof argument === 'string' ? headOf(argument) : argument));
            break;
          case 'j':
            try { replacement = JSONStringify(argument, cutLongStrings); } catch { replacement = '[Circular]'; }
            break;
          case 'o':
            replacement = inspect(argument, withDepth(options, 4));
            break;
          case 'O':
            replacement = inspect(argument, options);
            break;
          case 'c':
            replacement = '';
            break;
        }
        output += StringPrototypeSlice(first, last, position) + replacement;
        last = position + 2;
        position++;
        index++;
      }
      output += StringPrototypeSlice(first, last) + rest;
    }
    for (; index < args.length; index++) {
      const argument = args[index];
      if (output !== '' || index > 0) output += ' ';
      output += typeof argument === 'string' ? argument : inspect(argument, options);
    }
    return output;
  }
  // `util.format`'s options for `%s` and `%o`, whose depth is their own.
  function withDepth(options, depth) {
    if (options === undefined) return { __proto__: null, depth };
    return { __proto__: null, ...options, depth };
  }

  function table(data, properties) {
    if (data === null || typeof data !== 'object') return format([data]);
    const dataIsMap = isMap(data);
    const rowKeys = safeArray();
    if (dataIsMap) {
      const iterator = MapPrototypeEntries(data);
      for (;;) {
        const step = MapIteratorPrototypeNext(iterator);
        if (step.done) break;
        ArrayPrototypePush(rowKeys, step.value[0]);
      }
    } else {
      const names = ObjectKeys(data);
      for (let index = 0; index < names.length; index++) ArrayPrototypePush(rowKeys, names[index]);
    }
    const rows = safeArray();
    const columns = safeArray();
    let hasValues = false;
    for (let rowIndex = 0; rowIndex < rowKeys.length; rowIndex++) {
      const key = rowKeys[rowIndex];
      const row = dataIsMap ? MapPrototypeGet(data, key) : data[key];
      const cells = new Map();
      if (row !== null && typeof row === 'object') {
        const names = properties || ObjectKeys(row);
        for (let index = 0; index < names.length; index++) {
          const column = names[index];
          if (!ArrayPrototypeIncludes(columns, column)) ArrayPrototypePush(columns, column);
          MapPrototypeSet(cells, column, inspect(row[column], { __proto__: null, depth: 0 }));
        }
      } else {
        hasValues = true;
        MapPrototypeSet(cells, '\0values', inspect(row, { __proto__: null, depth: 0 }));
      }
      ArrayPrototypePush(rows, [formatPrimitive(key, false) ?? String(key), cells]);
    }
    const header = safeArray();
    const keys = safeArray();
    ArrayPrototypePush(header, '(index)');
    for (let index = 0; index < columns.length; index++) {
      ArrayPrototypePush(header, columns[index]);
      ArrayPrototypePush(keys, columns[index]);
    }
    if (hasValues) {
      ArrayPrototypePush(header, 'Values');
      ArrayPrototypePush(keys, '\0values');
    }
    const matrix = safeArray();
    for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
      const cells = safeArray();
      ArrayPrototypePush(cells, rows[rowIndex][0]);
      for (let index = 0; index < keys.length; index++) {
        ArrayPrototypePush(cells, MapPrototypeGet(rows[rowIndex][1], keys[index]) ?? '');
      }
      ArrayPrototypePush(matrix, cells);
    }
    const widths = safeArray();
    for (let column = 0; column < header.length; column++) {
      let width = '' + header[column];
      let widest = width.length;
      for (let rowIndex = 0; rowIndex < matrix.length; rowIndex++) {
        widest = MathMax(widest, matrix[rowIndex][column].length);
      }
      ArrayPrototypePush(widths, widest + 2);
    }
    const line = (left, middle, right) => {
      const parts = safeArray();
      for (let index = 0; index < widths.length; index++) {
        ArrayPrototypePush(parts, StringPrototypeRepeat('\u2500', widths[index]));
      }
      return left + ArrayPrototypeJoin(parts, middle) + right;
    };
    const render = (cells) => {
      const parts = safeArray();
      for (let column = 0; column < cells.length; column++) {
        const text = '' + cells[column];
        ArrayPrototypePush(parts, ' ' + text + StringPrototypeRepeat(' ', widths[column] - text.length - 1));
      }
      return '\u2502' + ArrayPrototypeJoin(parts, '\u2502') + '\u2502';
    };
    const lines = safeArray();
    ArrayPrototypePush(lines, line('\u250c', '\u252c', '\u2510'));
    ArrayPrototypePush(lines, render(header));
    ArrayPrototypePush(lines, line('\u251c', '\u253c', '\u2524'));
    for (let rowIndex = 0; rowIndex < matrix.length; rowIndex++) ArrayPrototypePush(lines, render(matrix[rowIndex]));
    ArrayPrototypePush(lines, line('\u2514', '\u2534', '\u2518'));
    return ArrayPrototypeJoin(lines, '\n');
  }

  internals.inspect = inspect;
  internals.format = format;
  internals.formatTable = table;
});
