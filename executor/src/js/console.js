//# allFunctionsCalledOnLoad
// `console`, loaded on first use: the implementation is `js/lazy/console.js`, and the value
// formatter it uses is `js/lazy/inspect.js` (like Node's `util.inspect`), which loads on the
// first value that is not a plain string. Both get the builtins captured here, before any
// user code exists.
(function (globalThis, host, internals) {
  'use strict';

  const ReflectApply = Reflect.apply;
  const StringPrototypeIncludes = String.prototype.includes;

  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectPrototypeToString = Object.prototype.toString;
  const ObjectKeys = Object.keys;
  const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectPrototypePropertyIsEnumerable = Object.prototype.propertyIsEnumerable;
  const ArrayIsArray = Array.isArray;
  const FunctionPrototypeToString = Function.prototype.toString;
  const ErrorPrototypeToString = Error.prototype.toString;
  const DatePrototypeToISOString = Date.prototype.toISOString;
  const DatePrototypeGetTime = Date.prototype.getTime;
  const RegExpPrototypeToString = RegExp.prototype.toString;
  const SymbolPrototypeToString = Symbol.prototype.toString;
  const MapPrototypeEntries = Map.prototype.entries;
  const SetPrototypeValues = Set.prototype.values;
  const MapPrototypeGetSize = ObjectGetOwnPropertyDescriptor(Map.prototype, 'size').get;
  const SetPrototypeGetSize = ObjectGetOwnPropertyDescriptor(Set.prototype, 'size').get;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const TypedArrayPrototypeGetLength =
    ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, 'length').get;
  const TypedArrayPrototypeGetToStringTag =
    ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
  const ArrayBufferIsView = ArrayBuffer.isView;
  const ArrayBufferPrototypeGetByteLength =
    ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
  const JSONStringify = JSON.stringify;
  const MathMax = Math.max;
  const MathSqrt = Math.sqrt;
  const MathRound = Math.round;
  const StringPrototypeRepeat = String.prototype.repeat;
  const NumberIsNaN = Number.isNaN;
  const ObjectPrototype = Object.prototype;
  const ReflectOwnKeys = Reflect.ownKeys;
  const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

  // Indices of `js/lazy/inspect.js` and `js/lazy/console.js` in bootstrap.rs's LAZY_SCRIPTS.
  const INSPECT = 10, CONSOLE = 11;
  const builtins = {
    __proto__: null, ReflectApply, StringPrototypeIncludes,
    ObjectGetPrototypeOf, ObjectPrototypeToString, ObjectKeys, ObjectGetOwnPropertySymbols,
    ObjectGetOwnPropertyDescriptor, ObjectPrototypePropertyIsEnumerable, ArrayIsArray,
    FunctionPrototypeToString, ErrorPrototypeToString, DatePrototypeToISOString,
    DatePrototypeGetTime, RegExpPrototypeToString, SymbolPrototypeToString, MapPrototypeEntries,
    SetPrototypeValues, MapPrototypeGetSize, SetPrototypeGetSize, TypedArrayPrototype,
    TypedArrayPrototypeGetLength, TypedArrayPrototypeGetToStringTag, ArrayBufferIsView,
    ArrayBufferPrototypeGetByteLength, JSONStringify, MathMax, MathSqrt, MathRound,
    StringPrototypeRepeat, NumberIsNaN, ObjectPrototype, ReflectOwnKeys, inspectCustom
  };
  internals.lazyFunctions(['inspect', 'format', 'formatTable'], internals.lazyUnit([INSPECT], undefined, builtins));

  internals.lazyGlobal('console', internals.lazyUnit([CONSOLE], undefined, builtins));
});
