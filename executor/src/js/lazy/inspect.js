//# allFunctionsCalledOnLoad
// The value formatter behind `console`: output looks like Node's `util.inspect` (what users
// of `console.log` expect). Loaded by `js/console.js` the first time it has more to format
// than plain strings, with the builtins it captured before any user code existed.
(function (globalThis, host, internals, builtins) {
  'use strict';

  const promiseState = host.promiseState;
  const {
    ObjectGetPrototypeOf, ObjectPrototypeToString, ObjectKeys, ObjectGetOwnPropertySymbols,
    ObjectGetOwnPropertyDescriptor, ObjectPrototypePropertyIsEnumerable, ArrayIsArray,
    FunctionPrototypeToString, ErrorPrototypeToString, DatePrototypeToISOString,
    DatePrototypeGetTime, RegExpPrototypeToString, SymbolPrototypeToString, MapPrototypeEntries,
    SetPrototypeValues, MapPrototypeGetSize, SetPrototypeGetSize, TypedArrayPrototype,
    TypedArrayPrototypeGetLength, TypedArrayPrototypeGetToStringTag, ArrayBufferIsView,
    ArrayBufferPrototypeGetByteLength, JSONStringify, MathMax, MathSqrt, MathRound,
    StringPrototypeRepeat, NumberIsNaN, ObjectPrototype, ReflectOwnKeys, inspectCustom
  } = builtins;
  const webPrototypes = internals.webPrototypes;
  const inspectShapes = internals.inspectShapes;
  // Getters not shown: reading `body` would create a stream.
  const hiddenGetters = new Set(['body', 'srcElement', 'returnValue', 'cancelBubble']);

  function callOr(getter, value, fallback) {
    try { return getter.call(value); } catch { return fallback; }
  }
  function isMap(value) { return callOr(MapPrototypeGetSize, value, -1) !== -1; }
  function isSet(value) { return callOr(SetPrototypeGetSize, value, -1) !== -1; }
  function typedArrayTag(value) { return callOr(TypedArrayPrototypeGetToStringTag, value, undefined); }
  function isArrayBuffer(value) { return callOr(ArrayBufferPrototypeGetByteLength, value, -1) !== -1; }
  function isDate(value) {
    try { DatePrototypeGetTime.call(value); return true; } catch { return false; }
  }
  function isRegExp(value) {
    try { RegExpPrototypeToString.call(value); } catch { return false; }
    return ObjectPrototypeToString.call(value) === '[object RegExp]';
  }
  function isError(value) {
    return value instanceof Error || ObjectPrototypeToString.call(value) === '[object Error]';
  }

  const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  const escapes = /[\x00-\x1f\x27\x5c\x7f-\x9f]/g;
  function escapeCharacter(character) {
    switch (character) {
      case '\n': return '\\n';
      case '\t': return '\\t';
      case '\r': return '\\r';
      case '\b': return '\\b';
      case '\f': return '\\f';
      case '\v': return '\\v';
      case "'": return "\\'";
      case '\\': return '\\\\';
      default: {
        const code = character.charCodeAt(0);
        return code < 0x10 ? '\\x0' + code.toString(16).toUpperCase()
          : '\\x' + code.toString(16).toUpperCase();
      }
    }
  }
  function quote(string) {
    return "'" + string.replace(escapes, escapeCharacter) + "'";
  }
  function formatKey(key) {
    if (typeof key === 'symbol') return '[' + SymbolPrototypeToString.call(key) + ']';
    return identifier.test(key) ? key : quote(key);
  }
  function formatNumber(number) {
    return Object.is(number, -0) ? '-0' : String(number);
  }
  function formatPrimitive(value, quoted) {
    switch (typeof value) {
      case 'string': return quoted ? quote(value) : value;
      case 'number': return formatNumber(value);
      case 'bigint': return String(value) + 'n';
      case 'symbol': return SymbolPrototypeToString.call(value);
      case 'undefined': return 'undefined';
      case 'boolean': return String(value);
      default: return value === null ? 'null' : undefined;
    }
  }

  function constructorName(value) {
    let object = value;
    while (object !== null && object !== undefined) {
      const descriptor = ObjectGetOwnPropertyDescriptor(object, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' &&
          descriptor.value.name !== '') {
        return descriptor.value.name;
      }
      object = ObjectGetPrototypeOf(object);
    }
    return null;
  }

  function functionBase(value) {
    let source = '';
    try { source = FunctionPrototypeToString.call(value); } catch {}
    const name = value.name ? value.name : '';
    if (source.startsWith('class') && /^class[\s{]/.test(source)) {
      return name ? `[class ${name}]` : '[class (anonymous)]';
    }
    let kind = 'Function';
    const tag = ObjectPrototypeToString.call(value);
    if (tag === '[object AsyncFunction]') kind = 'AsyncFunction';
    else if (tag === '[object GeneratorFunction]') kind = 'GeneratorFunction';
    else if (tag === '[object AsyncGeneratorFunction]') kind = 'AsyncGeneratorFunction';
    return name ? `[${kind}: ${name}]` : `[${kind} (anonymous)]`;
  }

  function errorBase(error) {
    let stack;
    try { stack = error.stack; } catch {}
    if (typeof stack === 'string' && stack !== '') return stack;
    try { return '[' + ErrorPrototypeToString.call(error) + ']'; } catch { return '[Error]'; }
  }

  // Own enumerable keys, strings then symbols, as Node shows them.
  function ownKeys(value, skipIndices) {
    let keys;
    try { keys = ObjectKeys(value); } catch { return []; }
    if (skipIndices) keys = keys.filter((key) => !(/^(0|[1-9][0-9]*)$/.test(key)));
    for (const symbol of ObjectGetOwnPropertySymbols(value)) {
      if (ObjectPrototypePropertyIsEnumerable.call(value, symbol)) keys.push(symbol);
    }
    return keys;
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
    const descriptor = ObjectGetOwnPropertyDescriptor(value, key);
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
    const entries = output.length;
    if (numeric !== undefined && entries > 6) output = groupArrayElements(ctx, output, numeric);
    if (ctx.currentDepth - depth < 3 && entries === output.length) {
      const start = output.length + own + open.length + 10;
      if (isBelowBreakLength(ctx, output, start)) {
        const joined = output.join(', ');
        if (!joined.includes('\n')) return `${open} ${joined} ${close}`;
      }
    }
    const indentation = '\n' + StringPrototypeRepeat.call(' ', own);
    return `${open}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${close}`;
  }

  function isBelowBreakLength(ctx, output, start) {
    let total = output.length + start;
    if (total + output.length > ctx.breakLength) return false;
    for (const entry of output) {
      total += entry.length;
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
    if (output[outputLength - 1].startsWith('... ')) outputLength--;
    const separatorSpace = 2;
    const dataLength = [];
    for (let index = 0; index < outputLength; index++) {
      const length = output[index].length;
      dataLength.push(length);
      totalLength += length + separatorSpace;
      if (maxLength < length) maxLength = length;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentation < ctx.breakLength &&
        (totalLength / actualMax > 5 || maxLength <= 6)) {
      const averageBias = MathSqrt(actualMax - totalLength / output.length);
      const biasedMax = MathMax(actualMax - 3 - averageBias, 1);
      const columns = Math.min(
        MathRound(MathSqrt(2.5 * biasedMax * outputLength) / biasedMax),
        Math.floor((ctx.breakLength - ctx.indentation) / actualMax),
        3 * 4,
        15,
      );
      if (columns <= 1) return output;
      const maxLineLength = [];
      for (let column = 0; column < columns; column++) {
        let lineLength = 0;
        for (let index = column; index < output.length; index += columns) {
          if (dataLength[index] > lineLength) lineLength = dataLength[index];
        }
        maxLineLength.push(lineLength + separatorSpace);
      }
      const grouped = [];
      for (let start = 0; start < outputLength; start += columns) {
        const max = Math.min(start + columns, outputLength);
        let line = '';
        let index = start;
        for (; index < max - 1; index++) {
          const cell = `${output[index]}, `;
          line += numeric ? cell.padStart(maxLineLength[index - start], ' ')
            : cell.padEnd(maxLineLength[index - start], ' ');
        }
        line += numeric
          ? output[index].padStart(maxLineLength[index - start] - separatorSpace, ' ')
          : output[index];
        grouped.push(line);
      }
      if (outputLength < output.length) grouped.push(output[outputLength]);
      return grouped;
    }
    return output;
  }

  function formatList(ctx, value, depth, length, prefix) {
    const entries = [];
    const limit = Math.min(length, ctx.maxArrayLength);
    let holes = 0;
    for (let index = 0; index < limit; index++) {
      if (!(index in value)) {
        holes++;
        continue;
      }
      if (holes > 0) {
        entries.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
        holes = 0;
      }
      entries.push(formatChild(ctx, value[index], depth));
    }
    if (holes > 0) entries.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
    if (length > limit) {
      const more = length - limit;
      entries.push(`... ${more} more item${more > 1 ? 's' : ''}`);
    }
    let numeric = true;
    for (let index = 0; index < limit && numeric; index++) {
      const type = typeof value[index];
      if (type !== 'number' && type !== 'bigint') numeric = false;
    }
    for (const key of ownKeys(value, true)) {
      if (key === 'length') continue;
      entries.push(formatProperty(ctx, value, key, depth));
    }
    return reduceToSingleString(ctx, entries, prefix + '[', ']', depth, numeric);
  }

  // The getters of a Web API object's classes, base class first, as `[name, value]` pairs.
  const getterShape = {
    map: false,
    entries(value) {
      const chain = [];
      for (let prototype = ObjectGetPrototypeOf(value); prototype !== null && prototype !== ObjectPrototype;
        prototype = ObjectGetPrototypeOf(prototype)) {
        if (webPrototypes.has(prototype)) chain.unshift(prototype);
      }
      const entries = [];
      const seen = new Set();
      for (const prototype of chain) {
        for (const key of ReflectOwnKeys(prototype)) {
          if (typeof key !== 'string' || seen.has(key) || hiddenGetters.has(key)) continue;
          const descriptor = ObjectGetOwnPropertyDescriptor(prototype, key);
          if (descriptor === undefined || typeof descriptor.get !== 'function') continue;
          seen.add(key);
          try {
            entries.push([key, descriptor.get.call(value)]);
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
      const shape = inspectShapes.get(prototype);
      if (shape !== undefined) return shape;
      if (webPrototypes.has(prototype)) return getterShape;
    }
    return null;
  }

  function formatValue(ctx, value, depth, quoted) {
    const primitive = formatPrimitive(value, quoted);
    if (primitive !== undefined) return primitive;

    if (ctx.seen.includes(value)) {
      let index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
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
    if (typeof custom === 'function') {
      let result;
      try {
        result = custom.call(value, ctx.depth - depth, { depth: ctx.depth - depth }, inspect);
      } catch {
        result = value;
      }
      if (result !== value) return typeof result === 'string' ? result : formatValue(ctx, result, depth, quoted);
    }

    const name = constructorName(value);
    let prefix = '';
    let shape = null;
    let base = '';
    let keys;
    let formatter = null;

    if (typeof value === 'function') {
      base = functionBase(value);
      keys = ownKeys(value, false).filter((key) => key !== 'prototype');
      if (keys.length === 0) return base;
    } else if (ArrayIsArray(value)) {
      prefix = name !== 'Array' && name !== null ? `${name}(${value.length}) ` : '';
      if (depth > ctx.depth) return '[Array]';
      formatter = () => formatList(ctx, value, depth, value.length, prefix);
    } else if (typedArrayTag(value) !== undefined) {
      const length = TypedArrayPrototypeGetLength.call(value);
      const tag = typedArrayTag(value);
      if (depth > ctx.depth) return `[${tag}]`;
      formatter = () => formatList(ctx, value, depth, length, `${tag}(${length}) `);
    } else if (isMap(value)) {
      const size = MapPrototypeGetSize.call(value);
      const label = `${name || 'Map'}(${size}) `;
      if (depth > ctx.depth) return `[${name || 'Map'}]`;
      formatter = () => {
        const entries = [];
        for (const [key, entryValue] of MapPrototypeEntries.call(value)) {
          entries.push(formatChild(ctx, key, depth) + ' => ' + formatChild(ctx, entryValue, depth));
        }
        for (const key of ownKeys(value, false)) entries.push(formatProperty(ctx, value, key, depth));
        return reduceToSingleString(ctx, entries, label + '{', '}', depth, undefined);
      };
    } else if (isSet(value)) {
      const size = SetPrototypeGetSize.call(value);
      const label = `${name || 'Set'}(${size}) `;
      if (depth > ctx.depth) return `[${name || 'Set'}]`;
      formatter = () => {
        const entries = [];
        for (const entry of SetPrototypeValues.call(value)) {
          entries.push(formatChild(ctx, entry, depth));
        }
        for (const key of ownKeys(value, false)) entries.push(formatProperty(ctx, value, key, depth));
        return reduceToSingleString(ctx, entries, label + '{', '}', depth, undefined);
      };
    } else if (isError(value)) {
      base = errorBase(value);
      keys = ownKeys(value, false).filter((key) => key !== 'stack' && key !== 'message');
      if (keys.length === 0) return base;
      if (depth > ctx.depth) return base;
    } else if (isDate(value)) {
      const time = DatePrototypeGetTime.call(value);
      base = NumberIsNaN(time) ? 'Invalid Date' : DatePrototypeToISOString.call(value);
      keys = ownKeys(value, false);
      if (keys.length === 0) return base;
    } else if (isRegExp(value)) {
      base = RegExpPrototypeToString.call(value);
      keys = ownKeys(value, false).filter((key) => key !== 'lastIndex');
      if (keys.length === 0) return base;
    } else if (isArrayBuffer(value)) {
      const byteLength = ArrayBufferPrototypeGetByteLength.call(value);
      const bytes = new Uint8Array(value, 0, Math.min(byteLength, 50));
      let contents = '';
      for (let index = 0; index < bytes.length; index++) {
        contents += (index ? ' ' : '') + (bytes[index] < 16 ? '0' : '') + bytes[index].toString(16);
      }
      if (byteLength > 50) contents += ` ... ${byteLength - 50} more byte${byteLength - 50 > 1 ? 's' : ''}`;
      return `${name || 'ArrayBuffer'} { [Uint8Contents]: <${contents}>, byteLength: ${byteLength} }`;
    } else if (promiseState !== undefined && ObjectPrototypeToString.call(value) === '[object Promise]') {
      const state = promiseState(value);
      if (depth > ctx.depth) return '[Promise]';
      formatter = () => {
        let inner;
        if (state === undefined || state[0] === 0) inner = '<pending>';
        else if (state[0] === 1) inner = formatChild(ctx, state[1], depth);
        else inner = '<rejected> ' + formatChild(ctx, state[1], depth);
        const entries = [inner];
        for (const key of ownKeys(value, false)) entries.push(formatProperty(ctx, value, key, depth));
        return reduceToSingleString(ctx, entries, 'Promise {', '}', depth, undefined);
      };
    } else if (typeof value === 'object' && (shape = webShape(value)) !== null) {
      if (depth > ctx.depth) return `[${name || 'Object'}]`;
      formatter = () => {
        const entries = [];
        for (const [key, entryValue] of shape.entries(value)) {
          entries.push(shape.map
            ? formatChild(ctx, key, depth) + ' => ' + formatChild(ctx, entryValue, depth)
            : formatKey(key) + ': ' + formatChild(ctx, entryValue, depth));
        }
        for (const key of ownKeys(value, false)) entries.push(formatProperty(ctx, value, key, depth));
        return reduceToSingleString(ctx, entries, `${name || 'Object'} {`, '}', depth, undefined);
      };
    } else {
      const tag = ObjectPrototypeToString.call(value).slice(8, -1);
      if (tag === 'WeakMap' || tag === 'WeakSet' || tag === 'WeakRef') {
        return `${tag} { <items unknown> }`;
      }
      if (tag === 'Number' || tag === 'String' || tag === 'Boolean' || tag === 'BigInt' ||
          tag === 'Symbol') {
        let inner;
        try { inner = formatPrimitive(value.valueOf(), true); } catch { inner = '?'; }
        base = `[${tag}: ${inner}]`;
        keys = ownKeys(value, false);
        if (tag === 'String') keys = keys.filter((key) => !(/^(0|[1-9][0-9]*)$/.test(key)));
        if (keys.length === 0) return base;
      } else if (name === null) {
        prefix = '[Object: null prototype] ';
      } else if (name !== 'Object') {
        prefix = `${name} `;
      } else if (tag !== 'Object') {
        prefix = `Object [${tag}] `;
      }
      if (prefix !== '' && name !== 'Object' && Symbol.toStringTag in value) {
        const custom = value[Symbol.toStringTag];
        if (typeof custom === 'string' && custom !== '' && custom !== name) {
          prefix = `${name || 'Object'} [${custom}] `;
        }
      }
    }

    if (depth > ctx.depth) {
      return name === null ? '[Object: null prototype]' : `[${name === 'Object' || !name ? 'Object' : name}]`;
    }

    ctx.seen.push(value);
    ctx.currentDepth = depth;
    let output;
    try {
      if (formatter !== null) {
        output = formatter();
      } else {
        if (keys === undefined) keys = ownKeys(value, false);
        const entries = keys.map((key) => formatProperty(ctx, value, key, depth));
        if (base !== '') {
          if (entries.length === 0) output = base;
          else output = reduceToSingleString(ctx, entries, base + ' {', '}', depth, undefined);
        } else {
          output = reduceToSingleString(ctx, entries, prefix + '{', '}', depth, undefined);
        }
      }
    } finally {
      ctx.seen.pop();
    }
    const reference = ctx.circular.get(value);
    if (reference !== undefined) output = `<ref *${reference}> ${output}`;
    return output;
  }

  function inspect(value, options) {
    const ctx = {
      depth: 2,
      breakLength: 80,
      maxArrayLength: 100,
      indentation: 0,
      currentDepth: 0,
      seen: [],
      circular: new Map(),
    };
    if (options !== null && typeof options === 'object') {
      if (options.depth === null || options.depth === Infinity) ctx.depth = Infinity;
      else if (typeof options.depth === 'number') ctx.depth = options.depth;
    }
    try {
      return formatValue(ctx, value, 0, true);
    } catch (error) {
      return '[value could not be inspected]';
    }
  }

  // printf-style formatting of console arguments (%s %d %i %f %j %o %O %c %%).
  function format(args) {
    let first = args[0];
    let index = 0;
    let output = '';
    if (typeof first === 'string') {
      index = 1;
      let last = 0;
      for (let position = 0; position < first.length - 1; position++) {
        if (first.charCodeAt(position) !== 37) continue; // '%'
        const code = first[position + 1];
        if (code === '%') {
          output += first.slice(last, position) + '%';
          last = position + 2;
          position++;
          continue;
        }
        if (index >= args.length || !'sdifjoOc'.includes(code)) continue;
        const argument = args[index];
        let replacement;
        switch (code) {
          case 's':
            replacement = typeof argument === 'string' ? argument
              : typeof argument === 'bigint' ? String(argument) + 'n'
              : typeof argument === 'object' && argument !== null
                ? inspect(argument, { depth: 1 })
                : formatPrimitive(argument, false) ?? String(argument);
            break;
          case 'd':
          case 'i': {
            if (typeof argument === 'bigint') replacement = String(argument) + 'n';
            else if (typeof argument === 'symbol') replacement = 'NaN';
            else {
              const number = Number(argument);
              replacement = formatNumber(code === 'i' ? Math.trunc(number) : number);
            }
            break;
          }
          case 'f':
            replacement = typeof argument === 'symbol' ? 'NaN' : formatNumber(parseFloat(argument));
            break;
          case 'j':
            try { replacement = JSONStringify(argument); } catch { replacement = '[Circular]'; }
            break;
          case 'o':
            replacement = inspect(argument, { depth: 4 });
            break;
          case 'O':
            replacement = inspect(argument);
            break;
          case 'c':
            replacement = '';
            break;
        }
        output += first.slice(last, position) + replacement;
        last = position + 2;
        position++;
        index++;
      }
      output += first.slice(last);
    }
    for (; index < args.length; index++) {
      const argument = args[index];
      if (output !== '' || index > 0) output += ' ';
      output += typeof argument === 'string' ? argument : inspect(argument);
    }
    return output;
  }

  function table(data, properties) {
    if (data === null || typeof data !== 'object') return format([data]);
    const rows = [];
    const columns = [];
    let hasValues = false;
    const rowKeys = isMap(data) ? [...MapPrototypeEntries.call(data)].map(([key]) => key) : ObjectKeys(data);
    for (const key of rowKeys) {
      const row = isMap(data) ? data.get(key) : data[key];
      const cells = new Map();
      if (row !== null && typeof row === 'object') {
        for (const column of properties || ObjectKeys(row)) {
          if (!columns.includes(column)) columns.push(column);
          cells.set(column, inspect(row[column], { depth: 0 }));
        }
      } else {
        hasValues = true;
        cells.set('\0values', inspect(row, { depth: 0 }));
      }
      rows.push([formatPrimitive(key, false) ?? String(key), cells]);
    }
    const header = ['(index)', ...columns, ...(hasValues ? ['Values'] : [])];
    const keys = [...columns, ...(hasValues ? ['\0values'] : [])];
    const matrix = rows.map(([key, cells]) => [key, ...keys.map((column) => cells.get(column) ?? '')]);
    const widths = header.map((title, column) =>
      MathMax(title.length, ...matrix.map((row) => row[column].length)) + 2);
    const line = (left, middle, right) =>
      left + widths.map((width) => '\u2500'.repeat(width)).join(middle) + right;
    const pad = (text, width) => ' ' + text + ' '.repeat(width - text.length - 1);
    const render = (cells) => '\u2502' + cells.map((cell, column) => pad(cell, widths[column])).join('\u2502') + '\u2502';
    return [
      line('\u250c', '\u252c', '\u2510'),
      render(header),
      line('\u251c', '\u253c', '\u2524'),
      ...matrix.map(render),
      line('\u2514', '\u2534', '\u2518'),
    ].join('\n');
  }

  internals.inspect = inspect;
  internals.format = format;
  internals.formatTable = table;
});
