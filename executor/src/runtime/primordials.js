//# allFunctionsCalledOnLoad
// The builtins the runtime uses, captured once at snapshot time, before any user code exists,
// as deno's `00_primordials.js` and Node's `primordials.js` do. Every runtime script is called
// with this object as its fourth argument (`runtime/snapshot.rs`), a lazy unit too, from
// `internals.lazyUnit` as it loads, so code that replaces `Array.prototype.push`,
// `JSON.stringify`, `Function.prototype.call` or a getter on a prototype, before or after a unit
// loads, changes only its own behaviour. No other script names a builtin from the global
// object (`ext/tests.rs` checks): each destructures what it uses from here.
//
// Names follow deno and Node: `ArrayPrototypePush(array, value)` calls the original
// `Array.prototype.push` with `array` as `this` (it is `call.bind(push)`, so a replaced
// `Function.prototype.call` is not consulted either); `MapPrototypeGetSize(map)` is the
// original getter of `Map.prototype.size`; `ObjectKeys`, `JSONStringify` are the original
// static functions; `Map`, `TypeError` the original constructors; `SymbolIterator` the
// well-known symbols; `ArrayPrototype` the prototype objects.
//
// What a runtime script must still avoid, because the language looks things up at run time:
// `for...of`, spread and array destructuring (they call `Symbol.iterator` and `next`);
// `new Set(iterable)` and `new Map(iterable)` (they call `add` and `set`); `array.map`,
// `filter`, `slice` and `concat` on an ordinary array (they read `constructor[Symbol.species]`;
// use `safeArray()`, an array with no prototype, or a loop); `split`, `replace` and `match`
// (they read `Symbol.split` and friends even from a string); regular expressions (their
// methods read `exec` and the flag getters); descriptor literals without `__proto__: null`
// (`Object.prototype.get` would make them accessors); and reading a property that an
// object may not have (it comes from `Object.prototype`).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { apply: ReflectApply, getOwnPropertyDescriptor } = Reflect;
  const { bind, call } = Function.prototype;
  const { defineProperty, freeze, getPrototypeOf, setPrototypeOf } = Object;
  // `uncurryThis(fn)(self, ...args)` is `fn.call(self, ...args)` with the original `call`.
  const uncurryThis = ReflectApply(bind, bind, [call]);

  function define(name, value) {
    defineProperty(primordials, name, { __proto__: null, value, enumerable: true });
  }

  // `[object, prefix, static functions, methods of the prototype, getters of the prototype]`.
  const copies = [
    [Object, 'Object',
      ['keys', 'getOwnPropertyNames', 'getOwnPropertySymbols', 'getOwnPropertyDescriptor',
        'getPrototypeOf', 'setPrototypeOf', 'defineProperty', 'freeze', 'is', 'create', 'hasOwn',
        'isExtensible', 'defineProperties', 'getOwnPropertyDescriptors'],
      ['hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString'], []],
    [Function, 'Function', [], ['toString', 'call', 'apply', 'bind'], []],
    [Array, 'Array', ['isArray', 'from', 'of'],
      ['push', 'pop', 'join', 'includes', 'indexOf', 'lastIndexOf', 'slice', 'splice', 'map',
        'filter', 'forEach', 'some', 'every', 'sort', 'unshift', 'shift', 'fill', 'reverse',
        'concat', 'at', 'entries', 'values', 'keys', 'find', 'findIndex'], []],
    [String, 'String', ['fromCharCode', 'fromCodePoint'],
      ['charCodeAt', 'codePointAt', 'slice', 'substring', 'indexOf', 'lastIndexOf', 'includes',
        'startsWith', 'endsWith', 'repeat', 'padStart', 'padEnd', 'toUpperCase', 'toLowerCase',
        'trim', 'trimEnd', 'trimStart', 'at', 'normalize', 'toWellFormed', 'isWellFormed',
        'valueOf', 'toString'], []],
    [Number, 'Number', ['isNaN', 'isFinite', 'isInteger', 'isSafeInteger', 'parseFloat', 'parseInt'],
      ['toString', 'toFixed', 'valueOf'], []],
    [Boolean, 'Boolean', [], ['valueOf'], []],
    [BigInt, 'BigInt', [], ['toString', 'valueOf'], []],
    [Symbol, 'Symbol', ['for', 'keyFor'], ['toString', 'valueOf'], ['description']],
    [Error, 'Error', ['captureStackTrace', 'isError'], ['toString'], []],
    [Map, 'Map', [], ['get', 'set', 'has', 'delete', 'clear', 'entries', 'keys', 'values', 'forEach'], ['size']],
    [Set, 'Set', [], ['add', 'has', 'delete', 'clear', 'values', 'forEach'], ['size']],
    [WeakMap, 'WeakMap', [], ['get', 'set', 'has', 'delete'], []],
    [WeakSet, 'WeakSet', [], ['add', 'has', 'delete'], []],
    [WeakRef, 'WeakRef', [], ['deref'], []],
    [Promise, 'Promise', [], ['then', 'catch', 'finally'], []],
    [Date, 'Date', ['now'], ['getTime', 'toISOString', 'toJSON', 'valueOf'], []],
    [RegExp, 'RegExp', [], ['exec', 'test', 'toString'],
      ['source', 'flags', 'hasIndices', 'global', 'ignoreCase', 'multiline', 'dotAll', 'unicode',
        'unicodeSets', 'sticky']],
    [ArrayBuffer, 'ArrayBuffer', ['isView'], ['slice', 'resize', 'transfer', 'transferToFixedLength'],
      ['byteLength', 'maxByteLength', 'resizable', 'detached']],
    [DataView, 'DataView', [], [], ['buffer', 'byteLength', 'byteOffset']],
    [getPrototypeOf(Uint8Array), 'TypedArray', [], ['subarray', 'set', 'slice', 'fill'],
      ['buffer', 'byteLength', 'byteOffset', 'length', Symbol.toStringTag]],
    [Math, 'Math', ['abs', 'floor', 'ceil', 'round', 'trunc', 'max', 'min', 'sqrt', 'pow', 'sign'], null, null],
    [JSON, 'JSON', ['stringify', 'parse'], null, null],
    [Reflect, 'Reflect', ['apply', 'construct', 'defineProperty', 'get', 'getOwnPropertyDescriptor',
      'getPrototypeOf', 'has', 'ownKeys', 'set', 'setPrototypeOf'], null, null],
    [Atomics, 'Atomics', ['waitAsync'], null, null],
  ];

  // `Symbol.toStringTag` -> `SymbolToStringTag`, `size` -> `Size`.
  function capitalized(key) {
    if (typeof key === 'symbol') {
      const description = ReflectApply(getOwnPropertyDescriptor(Symbol.prototype, 'description').get, key, []);
      return 'Symbol' + capitalized(description.slice(7));
    }
    return key[0].toUpperCase() + key.slice(1);
  }

  for (const [object, prefix, statics, methods, getters] of copies) {
    if (methods !== null) {
      define(prefix, object);
      define(prefix + 'Prototype', object.prototype);
    }
    for (const key of statics) define(prefix + capitalized(key), object[key]);
    for (const key of methods ?? []) define(prefix + 'Prototype' + capitalized(key), uncurryThis(object.prototype[key]));
    for (const key of getters ?? []) {
      define(prefix + 'PrototypeGet' + capitalized(key), uncurryThis(getOwnPropertyDescriptor(object.prototype, key).get));
    }
  }

  // Constructors without methods of their own here, and the typed arrays.
  for (const constructor of [TypeError, RangeError, SyntaxError, ReferenceError, EvalError,
    URIError, AggregateError, Proxy, Int8Array, Uint8Array, Uint8ClampedArray, Int16Array,
    Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array,
    BigUint64Array]) {
    define(constructor.name, constructor);
  }
  if (typeof globalThis.Float16Array === 'function') define('Float16Array', globalThis.Float16Array);
  for (const name of ['iterator', 'asyncIterator', 'toStringTag', 'toPrimitive', 'hasInstance', 'species', 'dispose', 'asyncDispose']) {
    define(capitalized(Symbol[name]), Symbol[name]);
  }
  for (const name of ['parseFloat', 'parseInt', 'isNaN', 'isFinite', 'encodeURIComponent', 'decodeURIComponent']) {
    define(name, globalThis[name]);
  }

  // Intrinsics that have no global name.
  const iteratorNext = (iterator) => uncurryThis(getPrototypeOf(iterator).next);
  define('ArrayIteratorPrototypeNext', iteratorNext([].values()));
  define('MapIteratorPrototypeNext', iteratorNext(new Map().entries()));
  define('SetIteratorPrototypeNext', iteratorNext(new Set().values()));
  define('StringIteratorPrototypeNext', iteratorNext(''[Symbol.iterator]()));
  define('AsyncFunctionPrototype', getPrototypeOf(async function () {}));
  define('GeneratorFunctionPrototype', getPrototypeOf(function* () {}));
  define('AsyncGeneratorFunctionPrototype', getPrototypeOf(async function* () {}));
  define('PromiseResolve', ReflectApply(bind, Promise.resolve, [Promise]));
  define('PromiseReject', ReflectApply(bind, Promise.reject, [Promise]));
  define('PromiseWithResolvers', ReflectApply(bind, Promise.withResolvers, [Promise]));
  define('AsyncIteratorPrototype', getPrototypeOf(getPrototypeOf(async function* () {}).prototype));
  define('Atomics', Atomics);
  define('uncurryThis', uncurryThis);
  define('globalThis', globalThis);

  // An array without a prototype: indexed writes, `ArrayPrototypePush` and the methods that
  // make new arrays (`slice`, `map`) then meet no setter or `constructor` of
  // `Array.prototype`, which code may have replaced.
  define('safeArray', () => setPrototypeOf([], null));

  freeze(primordials);
});
