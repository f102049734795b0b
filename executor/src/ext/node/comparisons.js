//# allFunctionsCalledOnLoad
// `internal/comparisons`: the deep equality of `assert.deepEqual`/`deepStrictEqual` and
// `util.isDeepStrictEqual`, by Node's rules: strict mode compares primitives with
// `Object.is` (but +0 and -0 differ only there), prototypes and own enumerable symbols too;
// loose mode compares primitives with `==`. Both compare what V8 holds in a value's slots
// (a Date's time, a RegExp's source and flags, a boxed primitive's value, a typed array's
// bytes, a Map's and a Set's entries whatever their order) and survive cycles.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayIsArray, ArrayPrototypePush, Map, MapPrototypeGet, MapPrototypeSet, MapPrototypeDelete,
    MapPrototypeHas, MapPrototypeEntries, MapIteratorPrototypeNext, MapPrototypeGetSize, Set, SetPrototypeAdd,
    SetPrototypeDelete, SetPrototypeHas, SetPrototypeValues, SetIteratorPrototypeNext, SetPrototypeGetSize,
    NumberIsNaN, ObjectIs, ObjectKeys, ObjectGetPrototypeOf, ObjectGetOwnPropertySymbols,
    ObjectPrototypeHasOwnProperty, ObjectPrototypePropertyIsEnumerable, ObjectPrototypeToString,
    DatePrototypeGetTime, RegExpPrototypeGetSource, RegExpPrototypeGetFlags, NumberPrototypeValueOf,
    StringPrototypeValueOf, BooleanPrototypeValueOf, BigIntPrototypeValueOf, SymbolPrototypeValueOf,
    ArrayBufferIsView, TypedArrayPrototypeGetSymbolToStringTag, TypedArrayPrototypeGetBuffer,
    TypedArrayPrototypeGetByteOffset, TypedArrayPrototypeGetByteLength, TypedArrayPrototypeGetLength,
    DataViewPrototypeGetBuffer, DataViewPrototypeGetByteOffset, DataViewPrototypeGetByteLength,
    ArrayBufferPrototypeGetByteLength, ErrorPrototype, Uint8Array, safeArray,
  } = primordials;
  const types = internals.nodeModule('util/types');
  const {
    isDate, isRegExp, isNativeError, isMap, isSet, isAnyArrayBuffer, isBoxedPrimitive, isNumberObject,
    isStringObject, isBooleanObject, isBigIntObject, isSymbolObject, isWeakMap, isWeakSet, isPromise,
  } = types;

  const NO_ITERATOR = 0, IS_ARRAY = 1, IS_SET = 2, IS_MAP = 3;

  function isError(value) {
    if (isNativeError(value)) return true;
    for (let prototype = ObjectGetPrototypeOf(value); prototype !== null; prototype = ObjectGetPrototypeOf(prototype)) {
      if (prototype === ErrorPrototype) return true;
    }
    return false;
  }

  function bytesOf(view) {
    if (TypedArrayPrototypeGetSymbolToStringTag(view) !== undefined) {
      return new Uint8Array(TypedArrayPrototypeGetBuffer(view), TypedArrayPrototypeGetByteOffset(view),
        TypedArrayPrototypeGetByteLength(view));
    }
    return new Uint8Array(DataViewPrototypeGetBuffer(view), DataViewPrototypeGetByteOffset(view),
      DataViewPrototypeGetByteLength(view));
  }
  function sameBytes(a, b) {
    const length = TypedArrayPrototypeGetLength(a);
    if (length !== TypedArrayPrototypeGetLength(b)) return false;
    for (let index = 0; index < length; index++) if (a[index] !== b[index]) return false;
    return true;
  }
  // Loose mode compares float arrays by value (so 0 equals -0, and NaN never equals NaN).
  function sameFloats(a, b) {
    const length = TypedArrayPrototypeGetLength(a);
    if (length !== TypedArrayPrototypeGetLength(b)) return false;
    for (let index = 0; index < length; index++) if (a[index] !== b[index]) return false;
    return true;
  }

  function sameBoxedPrimitive(a, b) {
    if (isNumberObject(a)) return isNumberObject(b) && ObjectIs(NumberPrototypeValueOf(a), NumberPrototypeValueOf(b));
    if (isStringObject(a)) return isStringObject(b) && StringPrototypeValueOf(a) === StringPrototypeValueOf(b);
    if (isBooleanObject(a)) return isBooleanObject(b) && BooleanPrototypeValueOf(a) === BooleanPrototypeValueOf(b);
    if (isBigIntObject(a)) return isBigIntObject(b) && BigIntPrototypeValueOf(a) === BigIntPrototypeValueOf(b);
    if (isSymbolObject(a)) return isSymbolObject(b) && SymbolPrototypeValueOf(a) === SymbolPrototypeValueOf(b);
    return false;
  }

  // The own enumerable keys that are not array indices (and the symbols, in strict mode).
  function nonIndexKeys(value, strict) {
    const keys = safeArray();
    const names = ObjectKeys(value);
    for (let index = 0; index < names.length; index++) {
      const name = names[index];
      const number = +name;
      if (`${number >>> 0}` === name && number !== 4294967295) continue;
      ArrayPrototypePush(keys, name);
    }
    if (strict) {
      const symbols = ObjectGetOwnPropertySymbols(value);
      for (let index = 0; index < symbols.length; index++) {
        if (ObjectPrototypePropertyIsEnumerable(value, symbols[index])) ArrayPrototypePush(keys, symbols[index]);
      }
    }
    return keys;
  }

  function innerDeepEqual(a, b, strict, memos) {
    if (a === b) return a !== 0 || ObjectIs(a, b) || !strict;
    if (strict) {
      if (typeof a !== 'object' && typeof a !== 'function') {
        return typeof a === 'number' && NumberIsNaN(a) && NumberIsNaN(b);
      }
      if ((typeof b !== 'object' && typeof b !== 'function') || a === null || b === null) return false;
      if (ObjectGetPrototypeOf(a) !== ObjectGetPrototypeOf(b)) return false;
    } else {
      if (a === null || (typeof a !== 'object' && typeof a !== 'function')) {
        if (b === null || (typeof b !== 'object' && typeof b !== 'function')) {
          // eslint-disable-next-line eqeqeq
          return a == b || (NumberIsNaN(a) && NumberIsNaN(b));
        }
        return false;
      }
      if (b === null || (typeof b !== 'object' && typeof b !== 'function')) return false;
    }
    if (typeof a === 'function' || typeof b === 'function') return false;
    const tag = ObjectPrototypeToString(a);
    if (tag !== ObjectPrototypeToString(b)) return false;

    if (ArrayIsArray(a)) {
      if (!ArrayIsArray(b) || a.length !== b.length) return false;
      const keysA = nonIndexKeys(a, strict);
      if (keysA.length !== nonIndexKeys(b, strict).length) return false;
      return keyCheck(a, b, strict, memos, IS_ARRAY, keysA);
    } else if (tag === '[object Object]' && !isBoxedPrimitive(a) && !isError(a) && !isMap(a) && !isSet(a) &&
        !isDate(a) && !isRegExp(a)) {
      return keyCheck(a, b, strict, memos, NO_ITERATOR, undefined);
    } else if (isDate(a)) {
      if (!isDate(b) || DatePrototypeGetTime(a) !== DatePrototypeGetTime(b)) return false;
    } else if (isRegExp(a)) {
      if (!isRegExp(b) || RegExpPrototypeGetSource(a) !== RegExpPrototypeGetSource(b) ||
          RegExpPrototypeGetFlags(a) !== RegExpPrototypeGetFlags(b) || a.lastIndex !== b.lastIndex) {
        return false;
      }
    } else if (isError(a)) {
      if (!isError(b) || a.message !== b.message || a.name !== b.name) return false;
      if (ObjectPrototypeHasOwnProperty(a, 'cause') !== ObjectPrototypeHasOwnProperty(b, 'cause')) return false;
      if (ObjectPrototypeHasOwnProperty(a, 'cause') && !innerDeepEqual(a.cause, b.cause, strict, memos)) return false;
      if (ObjectPrototypeHasOwnProperty(a, 'errors') !== ObjectPrototypeHasOwnProperty(b, 'errors')) return false;
      if (ObjectPrototypeHasOwnProperty(a, 'errors') && !innerDeepEqual(a.errors, b.errors, strict, memos)) return false;
    } else if (ArrayBufferIsView(a)) {
      if (!ArrayBufferIsView(b)) return false;
      const tagA = TypedArrayPrototypeGetSymbolToStringTag(a);
      if (tagA !== TypedArrayPrototypeGetSymbolToStringTag(b)) return false;
      if (!strict && (tagA === 'Float32Array' || tagA === 'Float64Array' || tagA === 'Float16Array')) {
        if (!sameFloats(a, b)) return false;
      } else if (!sameBytes(bytesOf(a), bytesOf(b))) {
        return false;
      }
      const keysA = nonIndexKeys(a, strict);
      if (keysA.length !== nonIndexKeys(b, strict).length) return false;
      return keyCheck(a, b, strict, memos, NO_ITERATOR, keysA);
    } else if (isSet(a)) {
      if (!isSet(b) || SetPrototypeGetSize(a) !== SetPrototypeGetSize(b)) return false;
      return keyCheck(a, b, strict, memos, IS_SET, undefined);
    } else if (isMap(a)) {
      if (!isMap(b) || MapPrototypeGetSize(a) !== MapPrototypeGetSize(b)) return false;
      return keyCheck(a, b, strict, memos, IS_MAP, undefined);
    } else if (isAnyArrayBuffer(a)) {
      if (!isAnyArrayBuffer(b)) return false;
      if (!sameBytes(new Uint8Array(a), new Uint8Array(b))) return false;
    } else if (isBoxedPrimitive(a)) {
      if (!sameBoxedPrimitive(a, b)) return false;
    } else if (ArrayIsArray(b) || ArrayBufferIsView(b) || isSet(b) || isMap(b) || isDate(b) || isRegExp(b) ||
        isAnyArrayBuffer(b) || isBoxedPrimitive(b) || isError(b)) {
      return false;
    } else if (isWeakMap(a) || isWeakSet(a) || isPromise(a)) {
      // Their contents cannot be read: only the same object is equal (`a === b` above).
      return false;
    }
    return keyCheck(a, b, strict, memos, NO_ITERATOR, undefined);
  }

  function keyCheck(a, b, strict, memos, iteration, keysA) {
    if (keysA === undefined) {
      keysA = ObjectKeys(a);
      if (keysA.length !== ObjectKeys(b).length) return false;
      if (strict) {
        const symbolsA = ObjectGetOwnPropertySymbols(a);
        let count = 0;
        for (let index = 0; index < symbolsA.length; index++) {
          const key = symbolsA[index];
          if (ObjectPrototypePropertyIsEnumerable(a, key)) {
            if (!ObjectPrototypePropertyIsEnumerable(b, key)) return false;
            ArrayPrototypePush(keysA, key);
            count++;
          } else if (ObjectPrototypePropertyIsEnumerable(b, key)) {
            return false;
          }
        }
        const symbolsB = ObjectGetOwnPropertySymbols(b);
        let countB = 0;
        for (let index = 0; index < symbolsB.length; index++) {
          if (ObjectPrototypePropertyIsEnumerable(b, symbolsB[index])) countB++;
        }
        if (count !== countB) return false;
      }
    }
    for (let index = 0; index < keysA.length; index++) {
      if (!ObjectPrototypePropertyIsEnumerable(b, keysA[index])) return false;
    }
    if (keysA.length === 0 && (iteration === NO_ITERATOR || (iteration === IS_ARRAY && a.length === 0) ||
        (iteration === IS_SET && SetPrototypeGetSize(a) === 0) || (iteration === IS_MAP && MapPrototypeGetSize(a) === 0))) {
      return true;
    }
    if (memos === undefined) {
      memos = { __proto__: null, a: new Map(), b: new Map(), position: 0 };
    } else {
      const memoA = MapPrototypeGet(memos.a, a);
      if (memoA !== undefined) {
        const memoB = MapPrototypeGet(memos.b, b);
        if (memoB !== undefined) return memoA === memoB;
      }
      memos.position++;
    }
    MapPrototypeSet(memos.a, a, memos.position);
    MapPrototypeSet(memos.b, b, memos.position);
    const equal = objectEquivalent(a, b, strict, keysA, memos, iteration);
    MapPrototypeDelete(memos.a, a);
    MapPrototypeDelete(memos.b, b);
    return equal;
  }

  function objectEquivalent(a, b, strict, keys, memos, iteration) {
    if (iteration === IS_SET) {
      if (!setEquivalent(a, b, strict, memos)) return false;
    } else if (iteration === IS_MAP) {
      if (!mapEquivalent(a, b, strict, memos)) return false;
    } else if (iteration === IS_ARRAY) {
      for (let index = 0; index < a.length; index++) {
        if (ObjectPrototypeHasOwnProperty(a, index)) {
          if (!ObjectPrototypeHasOwnProperty(b, index) || !innerDeepEqual(a[index], b[index], strict, memos)) return false;
        } else if (ObjectPrototypeHasOwnProperty(b, index)) {
          return false;
        }
      }
    }
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      if (!innerDeepEqual(a[key], b[key], strict, memos)) return false;
    }
    return true;
  }

  function isObjectLike(value) {
    return (typeof value === 'object' && value !== null) || typeof value === 'function';
  }

  function setValues(set) {
    const values = safeArray();
    const iterator = SetPrototypeValues(set);
    for (;;) {
      const step = SetIteratorPrototypeNext(iterator);
      if (step.done) return values;
      ArrayPrototypePush(values, step.value);
    }
  }
  function mapEntries(map) {
    const entries = safeArray();
    const iterator = MapPrototypeEntries(map);
    for (;;) {
      const step = MapIteratorPrototypeNext(iterator);
      if (step.done) return entries;
      ArrayPrototypePush(entries, step.value);
    }
  }

  function takeEqual(candidates, value, strict, memos) {
    const values = setValues(candidates);
    for (let index = 0; index < values.length; index++) {
      if (innerDeepEqual(value, values[index], strict, memos)) {
        SetPrototypeDelete(candidates, values[index]);
        return true;
      }
    }
    return false;
  }

  function setEquivalent(a, b, strict, memos) {
    let pending = null;
    const valuesA = setValues(a);
    for (let index = 0; index < valuesA.length; index++) {
      const value = valuesA[index];
      if (isObjectLike(value) || (!strict && !SetPrototypeHas(b, value))) {
        if (pending === null) pending = new Set();
        SetPrototypeAdd(pending, value);
      } else if (!SetPrototypeHas(b, value)) {
        return false;
      }
    }
    if (pending === null) return true;
    const valuesB = setValues(b);
    for (let index = 0; index < valuesB.length; index++) {
      const value = valuesB[index];
      if (isObjectLike(value) || (!strict && !SetPrototypeHas(a, value))) {
        if (!takeEqual(pending, value, strict, memos)) return false;
      }
    }
    return SetPrototypeGetSize(pending) === 0;
  }

  function mapEquivalent(a, b, strict, memos) {
    let pending = null;
    const entriesA = mapEntries(a);
    for (let index = 0; index < entriesA.length; index++) {
      const key = entriesA[index][0];
      if (isObjectLike(key)) {
        if (pending === null) pending = new Set();
        SetPrototypeAdd(pending, key);
        continue;
      }
      const other = MapPrototypeGet(b, key);
      if ((other === undefined && !MapPrototypeHas(b, key)) || !innerDeepEqual(entriesA[index][1], other, strict, memos)) {
        if (strict) return false;
        if (pending === null) pending = new Set();
        SetPrototypeAdd(pending, key);
      }
    }
    if (pending === null) return true;
    const entriesB = mapEntries(b);
    for (let index = 0; index < entriesB.length; index++) {
      const key = entriesB[index][0];
      const value = entriesB[index][1];
      if (!isObjectLike(key)) {
        if (strict) continue;
        if (MapPrototypeHas(a, key) && innerDeepEqual(MapPrototypeGet(a, key), value, false, memos)) continue;
      }
      const candidates = setValues(pending);
      let found = false;
      for (let position = 0; position < candidates.length; position++) {
        const candidate = candidates[position];
        if (innerDeepEqual(key, candidate, strict, memos) &&
            innerDeepEqual(value, MapPrototypeGet(a, candidate), strict, memos)) {
          SetPrototypeDelete(pending, candidate);
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return SetPrototypeGetSize(pending) === 0;
  }

  return {
    isDeepEqual(a, b) {
      return innerDeepEqual(a, b, false, undefined);
    },
    isDeepStrictEqual(a, b) {
      return innerDeepEqual(a, b, true, undefined);
    },
  };
});
