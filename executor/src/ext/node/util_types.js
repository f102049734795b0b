//# allFunctionsCalledOnLoad
// `node:util/types` (and `util.types`), as workerd has it: each predicate asks what V8 knows
// of the value (its internal slots), never its prototype chain or `Symbol.toStringTag`, so a
// subclass or a value from another realm answers as in Node. Slots that the builtins' own
// getters can probe are probed here; the others are asked of V8 (`host.nodeIsType`).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const {
    ArrayBufferIsView, ArrayBufferPrototypeGetByteLength, TypedArrayPrototypeGetSymbolToStringTag,
  } = primordials;
  const isType = host.nodeIsType;
  const isSharedArrayBuffer = host.isSharedArrayBuffer;

  function isArrayBuffer(value) {
    try {
      ArrayBufferPrototypeGetByteLength(value);
      return true;
    } catch {
      return false;
    }
  }
  const tagIs = (tag) => (value) => TypedArrayPrototypeGetSymbolToStringTag(value) === tag;
  const v8 = (kind) => (value) => isType(kind, value);

  const isNumberObject = v8('NumberObject');
  const isStringObject = v8('StringObject');
  const isBooleanObject = v8('BooleanObject');
  const isBigIntObject = v8('BigIntObject');
  const isSymbolObject = v8('SymbolObject');

  const types = {
    isExternal: v8('External'),
    isDate: v8('Date'),
    isArgumentsObject: v8('ArgumentsObject'),
    isBigIntObject,
    isBooleanObject,
    isNumberObject,
    isStringObject,
    isSymbolObject,
    isBoxedPrimitive(value) {
      return isNumberObject(value) || isStringObject(value) || isBooleanObject(value) || isBigIntObject(value) ||
        isSymbolObject(value);
    },
    isNativeError: v8('NativeError'),
    isRegExp: v8('RegExp'),
    isAsyncFunction: v8('AsyncFunction'),
    isGeneratorFunction: v8('GeneratorFunction'),
    isGeneratorObject: v8('GeneratorObject'),
    isPromise: v8('Promise'),
    isMap: v8('Map'),
    isSet: v8('Set'),
    isMapIterator: v8('MapIterator'),
    isSetIterator: v8('SetIterator'),
    isWeakMap: v8('WeakMap'),
    isWeakSet: v8('WeakSet'),
    isArrayBuffer,
    isDataView: v8('DataView'),
    isSharedArrayBuffer(value) {
      return isSharedArrayBuffer(value);
    },
    isProxy: v8('Proxy'),
    isModuleNamespaceObject: v8('ModuleNamespaceObject'),
    isAnyArrayBuffer(value) {
      return isArrayBuffer(value) || isSharedArrayBuffer(value);
    },
    isCryptoKey(value) {
      return internals.isCryptoKey !== undefined && internals.isCryptoKey(value);
    },
    isKeyObject(value) {
      return internals.isKeyObject !== undefined && internals.isKeyObject(value);
    },
    isArrayBufferView(value) {
      return ArrayBufferIsView(value);
    },
    isTypedArray(value) {
      return TypedArrayPrototypeGetSymbolToStringTag(value) !== undefined;
    },
    isUint8Array: tagIs('Uint8Array'),
    isUint8ClampedArray: tagIs('Uint8ClampedArray'),
    isUint16Array: tagIs('Uint16Array'),
    isUint32Array: tagIs('Uint32Array'),
    isInt8Array: tagIs('Int8Array'),
    isInt16Array: tagIs('Int16Array'),
    isInt32Array: tagIs('Int32Array'),
    isFloat16Array: tagIs('Float16Array'),
    isFloat32Array: tagIs('Float32Array'),
    isFloat64Array: tagIs('Float64Array'),
    isBigInt64Array: tagIs('BigInt64Array'),
    isBigUint64Array: tagIs('BigUint64Array'),
  };
  return types;
});
