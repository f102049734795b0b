//# allFunctionsCalledOnLoad
// `fs` and `fs/promises`: a file system of the run's own, in memory, laid out as workerd's:
// `/bundle` (the run's modules, read-only), `/tmp` (empty, writable, gone when the run ends)
// and `/dev` (`null`, `zero`, `full`, `random`). Nothing of the host's file system is ever
// reachable: the host gives only the module map's sources (`host.bundleFileNames`,
// `host.bundleFileRead`). Files are bytes in ArrayBuffers, so they count against the memory
// limit like any other. Relative paths resolve from `/bundle`, the working directory.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    ArrayBufferIsView, ArrayIsArray, ArrayPrototypePush, ArrayPrototypeSort, DateNow, Error, Map,
    MapPrototypeDelete, MapPrototypeGet, MapPrototypeHas, MapPrototypeKeys, MapPrototypeSet, MathMin, MathMax,
    MathFloor, MapIteratorPrototypeNext, ObjectDefineProperty, Promise, PromiseReject, PromiseResolve, ReflectApply,
    String, StringPrototypeCharCodeAt, StringPrototypeIndexOf, StringPrototypeLastIndexOf, StringPrototypeSlice, StringPrototypeStartsWith,
    TypedArrayPrototypeSet, TypedArrayPrototypeSubarray, TypedArrayPrototypeGetByteLength, Uint8Array, safeArray,
  } = primordials;

  if (name === 'fs/promises') return internals.nodeModule('fs').promises;

  const errors = internals.nodeModule('internal/errors');
  const { codes: { ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED }, validateFunction, validateString, validateInteger } = errors;
  const ERR_UNSUPPORTED_OPERATION = errors.codes.ERR_UNSUPPORTED_OPERATION;
  if (errors.codes.ERR_DIR_CLOSED === undefined) errors.define('ERR_DIR_CLOSED', Error, 'Directory handle was closed');
  const path = internals.nodeModule('path');
  const queueMicrotask = internals.queueMicrotask;

  function Buffer() {
    return internals.nodeModule('buffer').Buffer;
  }

  // Errors as workerd's: `code`, `syscall`, `path`, and `description, syscall 'path'`.
  const DESCRIPTIONS = {
    __proto__: null,
    ENOENT: 'no such file or directory',
    EEXIST: 'file already exists',
    EISDIR: 'illegal operation on a directory',
    ENOTDIR: 'not a directory',
    ENOTEMPTY: 'directory not empty',
    EPERM: 'operation not permitted',
    EBADF: 'bad file descriptor',
    EINVAL: 'invalid argument',
    ENOSPC: 'no space left on device',
    EACCES: 'permission denied',
  };
  const ERRNO = {
    __proto__: null, ENOENT: -2, EEXIST: -17, EISDIR: -21, ENOTDIR: -20, ENOTEMPTY: -39, EPERM: -1, EBADF: -9,
    EINVAL: -22, ENOSPC: -28, EACCES: -13,
  };

  function fsError(code, syscall, target = undefined) {
    const message = target === undefined ? DESCRIPTIONS[code] : `${DESCRIPTIONS[code]}, ${syscall} '${target}'`;
    const error = new Error(message);
    // workerd gives `errno` only where Node.js's own code raises the error (`access`).
    if (syscall === 'access') error.errno = ERRNO[code];
    error.code = code;
    error.syscall = syscall;
    if (target !== undefined) error.path = target;
    return error;
  }

  // The tree. A directory: `{ kind: 'dir', entries: Map, writable, mtime, birthtime }`; a
  // file: `{ kind: 'file', bytes: Uint8Array, size, writable, mtime, birthtime }`; a device:
  // `{ kind: 'dev', device }`.
  let inodes = 1;
  function directory(writable) {
    const now = DateNow();
    return { __proto__: null, kind: 'dir', entries: new Map(), writable, mtime: now, birthtime: now, ino: inodes++ };
  }
  function file(bytes, writable) {
    const now = DateNow();
    return { __proto__: null, kind: 'file', bytes, size: bytes.length, writable, mtime: now, birthtime: now, ino: inodes++ };
  }

  const root = directory(false);
  const bundle = directory(false);
  const tmp = directory(true);
  const dev = directory(false);
  MapPrototypeSet(root.entries, 'bundle', bundle);
  MapPrototypeSet(root.entries, 'tmp', tmp);
  MapPrototypeSet(root.entries, 'dev', dev);
  const DEVICES = ['null', 'zero', 'full', 'random'];
  for (let index = 0; index < DEVICES.length; index++) {
    MapPrototypeSet(dev.entries, DEVICES[index], { __proto__: null, kind: 'dev', device: DEVICES[index], ino: inodes++, mtime: 0, birthtime: 0, writable: true });
  }
  // The run's modules, read on first use of each.
  const names = host.bundleFileNames();
  for (let index = 0; index < names.length; index++) {
    const moduleName = names[index];
    let parent = bundle;
    let start = 0;
    for (;;) {
      const slash = StringPrototypeIndexOf(moduleName, '/', start);
      if (slash === -1) break;
      const part = StringPrototypeSlice(moduleName, start, slash);
      let next = MapPrototypeGet(parent.entries, part);
      if (next === undefined) {
        next = directory(false);
        MapPrototypeSet(parent.entries, part, next);
      }
      if (next.kind !== 'dir') break;
      parent = next;
      start = slash + 1;
    }
    const leaf = StringPrototypeSlice(moduleName, start);
    if (leaf !== '' && !MapPrototypeHas(parent.entries, leaf)) {
      const entry = file(new Uint8Array(0), false);
      entry.module = moduleName;
      entry.size = -1;
      MapPrototypeSet(parent.entries, leaf, entry);
    }
  }

  // The caller's files, read-only at their paths (their directories made read-only too).
  const mounted = host.mountedFiles();
  for (let index = 0; index < mounted.length; index++) {
    const target = mounted[index][0];
    let parent = root;
    let start = 1;
    for (;;) {
      const slash = StringPrototypeIndexOf(target, '/', start);
      if (slash === -1) break;
      const part = StringPrototypeSlice(target, start, slash);
      let next = MapPrototypeGet(parent.entries, part);
      if (next === undefined) {
        next = directory(false);
        MapPrototypeSet(parent.entries, part, next);
      }
      parent = next;
      start = slash + 1;
    }
    if (parent.kind === 'dir') MapPrototypeSet(parent.entries, StringPrototypeSlice(target, start), file(mounted[index][1], false));
  }

  // A module's bytes, read from the host the first time.
  function bytesOf(node) {
    if (node.module !== undefined && node.size === -1) {
      node.bytes = host.bundleFileRead(node.module);
      node.size = node.bytes.length;
    }
    return node.bytes;
  }

  function sizeOf(node) {
    if (node.kind === 'file') return bytesOf(node) === undefined ? 0 : node.size;
    return 0;
  }

  // A path argument as an absolute path: strings, Buffers and `file:` URLs, as Node.js takes them.
  function toPath(value, argument = 'path') {
    if (typeof value === 'string') {
      if (StringPrototypeIndexOf(value, '\u0000') !== -1) {
        throw new errors.codes.ERR_INVALID_ARG_VALUE(argument, value, 'must be a string, Uint8Array, or URL without null bytes');
      }
      return path.resolve(internals.processCwd === undefined ? '/bundle' : internals.processCwd, value);
    }
    if (ArrayBufferIsView(value)) return toPath(internals.nodeModule('buffer').Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8'), argument);
    if (value !== null && typeof value === 'object' && typeof value.href === 'string' && value.protocol === 'file:') {
      return internals.nodeModule('url').fileURLToPath(value);
    }
    throw new ERR_INVALID_ARG_TYPE(argument, ['string', 'Buffer', 'URL'], value);
  }

  // `[parent, leafName, node]` for an absolute, normalized path; `node` undefined if missing.
  function lookup(absolute, syscall, shown) {
    if (absolute === '/') return [undefined, '', root];
    let node = root;
    let parent;
    let start = 1;
    let leaf = '';
    for (;;) {
      const slash = StringPrototypeIndexOf(absolute, '/', start);
      const part = slash === -1 ? StringPrototypeSlice(absolute, start) : StringPrototypeSlice(absolute, start, slash);
      if (node === undefined) throw fsError('ENOENT', syscall, shown);
      if (node.kind !== 'dir') throw fsError('ENOTDIR', syscall, shown);
      parent = node;
      leaf = part;
      node = MapPrototypeGet(node.entries, part);
      if (slash === -1) break;
      start = slash + 1;
    }
    return [parent, leaf, node];
  }

  function existing(value, syscall, argument = 'path') {
    const absolute = toPath(value, argument);
    const found = lookup(absolute, syscall, absolute);
    if (found[2] === undefined) throw fsError('ENOENT', syscall, absolute);
    return found[2];
  }

  // Stats, as Node.js's (`fs.Stats`).
  function Stats(node) {
    const mtime = node.mtime;
    const isDirectory = node.kind === 'dir';
    this.dev = 0;
    this.mode = isDirectory ? (node.writable ? 16822 : 16676) : node.kind === 'dev' ? 8630 : (node.writable ? 33206 : 33060);
    this.nlink = 1;
    this.uid = 0;
    this.gid = 0;
    this.rdev = 0;
    this.blksize = 0;
    this.ino = node.ino;
    this.size = sizeOf(node);
    this.blocks = 0;
    this.atimeMs = mtime;
    this.mtimeMs = mtime;
    this.ctimeMs = mtime;
    this.birthtimeMs = node.birthtime;
    this.atime = new primordials.Date(mtime);
    this.mtime = new primordials.Date(mtime);
    this.ctime = new primordials.Date(mtime);
    this.birthtime = new primordials.Date(node.birthtime);
    ObjectDefineProperty(this, '_kind', { __proto__: null, value: node.kind, enumerable: false });
  }
  Stats.prototype.isFile = function isFile() { return this._kind === 'file'; };
  Stats.prototype.isDirectory = function isDirectory() { return this._kind === 'dir'; };
  Stats.prototype.isSymbolicLink = function isSymbolicLink() { return false; };
  Stats.prototype.isCharacterDevice = function isCharacterDevice() { return this._kind === 'dev'; };
  Stats.prototype.isBlockDevice = function isBlockDevice() { return false; };
  Stats.prototype.isFIFO = function isFIFO() { return false; };
  Stats.prototype.isSocket = function isSocket() { return false; };

  function Dirent(entryName, node, parentPath) {
    this.name = entryName;
    this.parentPath = parentPath;
    this.path = parentPath;
    ObjectDefineProperty(this, '_kind', { __proto__: null, value: node.kind, enumerable: false });
  }
  Dirent.prototype = { __proto__: Stats.prototype, constructor: Dirent };

  function encodeOutput(bytes, options) {
    const encoding = typeof options === 'string' ? options : options != null ? options.encoding : undefined;
    const copy = Buffer().from(bytes);
    if (encoding == null || encoding === 'buffer') return copy;
    return copy.toString(encoding);
  }

  function inputBytes(data, options) {
    if (typeof data === 'string') {
      const encoding = typeof options === 'string' ? options : options != null && options.encoding != null ? options.encoding : 'utf8';
      return Buffer().from(data, encoding);
    }
    if (ArrayBufferIsView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }

  function readDevice(node, length) {
    if (node.device === 'null') return new Uint8Array(0);
    const bytes = new Uint8Array(length);
    if (node.device === 'random') host.randomFill(bytes);
    return bytes;
  }

  // Sync operations.
  function readFileSync(target, options = undefined) {
    if (typeof target === 'number') return encodeOutput(readFromDescriptor(target), options);
    const absolute = toPath(target);
    const node = lookup(absolute, 'readAll', absolute)[2];
    if (node === undefined) throw fsError('ENOENT', 'readAll', absolute);
    if (node.kind === 'dir') throw fsError('EISDIR', 'readAll');
    if (node.kind === 'dev') return encodeOutput(readDevice(node, 0), options);
    return encodeOutput(TypedArrayPrototypeSubarray(bytesOf(node), 0, node.size), options);
  }

  function writable(absolute, syscall) {
    const found = lookup(absolute, syscall, absolute);
    const parent = found[0];
    if (parent === undefined || found[2] === undefined && !parent.writable) throw fsError('EPERM', syscall);
    if (found[2] !== undefined && !found[2].writable) throw fsError('EPERM', syscall);
    return found;
  }

  function writeFileSync(target, data, options = undefined) {
    const bytes = inputBytes(data, options);
    const flag = options != null && typeof options === 'object' && options.flag != null ? options.flag : 'w';
    if (typeof target === 'number') {
      writeToDescriptor(target, bytes);
      return;
    }
    const absolute = toPath(target);
    const found = writable(absolute, 'writeAll');
    const node = found[2];
    if (node !== undefined && node.kind === 'dir') throw fsError('EISDIR', 'writeAll');
    if (node !== undefined && node.kind === 'dev') return;
    if (node !== undefined && (flag === 'wx' || flag === 'ax')) throw fsError('EEXIST', 'writeAll', absolute);
    if (node !== undefined && (flag === 'a' || flag === 'a+' || flag === 'as' || flag === 'ax')) {
      append(node, bytes);
      return;
    }
    const copy = new Uint8Array(bytes.length);
    TypedArrayPrototypeSet(copy, bytes);
    if (node === undefined) MapPrototypeSet(found[0].entries, found[1], file(copy, true));
    else {
      node.bytes = copy;
      node.size = copy.length;
      node.mtime = DateNow();
    }
    found[0].mtime = DateNow();
  }

  function append(node, bytes) {
    const current = bytesOf(node);
    const size = node.size + bytes.length;
    if (size > current.length) {
      const grown = new Uint8Array(MathMax(size, current.length * 2));
      TypedArrayPrototypeSet(grown, TypedArrayPrototypeSubarray(current, 0, node.size));
      node.bytes = grown;
    }
    TypedArrayPrototypeSet(node.bytes, bytes, node.size);
    node.size = size;
    node.mtime = DateNow();
  }

  function appendFileSync(target, data, options = undefined) {
    const flagged = typeof options === 'string' ? { encoding: options, flag: 'a' }
      : { __proto__: null, encoding: options != null ? options.encoding : undefined, flag: 'a' };
    writeFileSync(target, data, flagged);
  }

  function existsSync(target) {
    try {
      const absolute = toPath(target);
      return lookup(absolute, 'exists', absolute)[2] !== undefined;
    } catch {
      return false;
    }
  }

  function accessSync(target, mode = 0) {
    const absolute = toPath(target);
    const node = lookup(absolute, 'access', absolute)[2];
    if (node === undefined || ((mode & 2) !== 0 && !node.writable)) throw fsError('ENOENT', 'access', absolute);
  }

  function statSync(target, options = undefined) {
    const absolute = toPath(target);
    const node = lookup(absolute, 'stat', absolute)[2];
    if (node === undefined) {
      if (options != null && options.throwIfNoEntry === false) return undefined;
      throw fsError('ENOENT', 'stat', absolute);
    }
    return new Stats(node);
  }

  function mkdirSync(target, options = undefined) {
    const recursive = options != null && typeof options === 'object' && options.recursive === true;
    const absolute = toPath(target);
    if (!recursive) {
      const found = writable(absolute, 'mkdir');
      // An existing directory is no error, as in workerd (Node.js says EEXIST).
      if (found[2] !== undefined && found[2].kind === 'dir') return undefined;
      if (found[2] !== undefined) throw fsError('EEXIST', 'mkdir', absolute);
      MapPrototypeSet(found[0].entries, found[1], directory(true));
      return undefined;
    }
    let first;
    let node = root;
    let start = 1;
    while (start < absolute.length) {
      let slash = StringPrototypeIndexOf(absolute, '/', start);
      if (slash === -1) slash = absolute.length;
      const part = StringPrototypeSlice(absolute, start, slash);
      let next = MapPrototypeGet(node.entries, part);
      if (next === undefined) {
        if (!node.writable) throw fsError('EPERM', 'mkdir');
        next = directory(true);
        MapPrototypeSet(node.entries, part, next);
        if (first === undefined) first = StringPrototypeSlice(absolute, 0, slash);
      } else if (next.kind !== 'dir') {
        throw fsError('ENOTDIR', 'mkdir', absolute);
      }
      node = next;
      start = slash + 1;
    }
    return first;
  }

  function sortedNames(node) {
    const list = safeArray();
    const iterator = MapPrototypeKeys(node.entries);
    for (let step = MapIteratorPrototypeNext(iterator); !step.done; step = MapIteratorPrototypeNext(iterator)) {
      ArrayPrototypePush(list, step.value);
    }
    return list;
  }

  function readdirSync(target, options = undefined) {
    const absolute = toPath(target);
    const node = lookup(absolute, 'readdir', absolute)[2];
    if (node === undefined) throw fsError('ENOENT', 'readdir', absolute);
    if (node.kind !== 'dir') throw fsError('ENOTDIR', 'readdir', absolute);
    const withFileTypes = options != null && typeof options === 'object' && options.withFileTypes === true;
    const recursive = options != null && typeof options === 'object' && options.recursive === true;
    const result = [];
    const walk = (directoryNode, directoryPath, prefix) => {
      const entryNames = sortedNames(directoryNode);
      for (let index = 0; index < entryNames.length; index++) {
        const entryName = entryNames[index];
        const child = MapPrototypeGet(directoryNode.entries, entryName);
        ArrayPrototypePush(result, withFileTypes ? new Dirent(entryName, child, directoryPath) : `${prefix}${entryName}`);
        if (recursive && child.kind === 'dir') {
          walk(child, `${directoryPath}/${entryName}`, `${prefix}${entryName}/`);
        }
      }
    };
    walk(node, absolute, '');
    return result;
  }

  function removeEntry(absolute, syscall, shown, recursive, force, directoryOnly) {
    const found = lookup(absolute, syscall, shown);
    const node = found[2];
    if (node === undefined) {
      if (force) return;
      throw fsError('ENOENT', syscall, shown);
    }
    if (found[0] === undefined || !found[0].writable) throw fsError('EPERM', syscall);
    if (node.kind === 'dir') {
      if (!recursive && !directoryOnly) throw fsError('EISDIR', syscall, shown);
      if (!recursive && node.entries.size !== 0) throw fsError('ENOTEMPTY', syscall, shown);
    } else if (directoryOnly) {
      throw fsError('ENOTDIR', syscall, shown);
    }
    MapPrototypeDelete(found[0].entries, found[1]);
    found[0].mtime = DateNow();
  }

  function rmSync(target, options = undefined) {
    const absolute = toPath(target);
    const recursive = options != null && options.recursive === true;
    const force = options != null && options.force === true;
    removeEntry(absolute, 'rm', absolute, recursive, force, false);
  }

  function rmdirSync(target, options = undefined) {
    const absolute = toPath(target);
    const recursive = options != null && options.recursive === true;
    removeEntry(absolute, 'rm', path.basename(absolute), recursive, false, true);
  }

  function unlinkSync(target) {
    const absolute = toPath(target);
    const node = lookup(absolute, 'unlink', absolute)[2];
    if (node !== undefined && node.kind === 'dir') throw fsError('EISDIR', 'unlink', absolute);
    removeEntry(absolute, 'unlink', absolute, false, false, false);
  }

  function renameSync(from, to) {
    const source = toPath(from, 'oldPath');
    const target = toPath(to, 'newPath');
    const found = lookup(source, 'rename', source);
    if (found[2] === undefined) throw fsError('ENOENT', 'rename', source);
    if (found[0] === undefined || !found[0].writable) throw fsError('EPERM', 'rename');
    const destination = writable(target, 'rename');
    if (found[2].kind === 'dir' && StringPrototypeStartsWith(`${target}/`, `${source}/`)) throw fsError('EINVAL', 'rename', source);
    MapPrototypeDelete(found[0].entries, found[1]);
    MapPrototypeSet(destination[0].entries, destination[1], found[2]);
  }

  function copyFileSync(from, to, mode = 0) {
    const node = existing(from, 'copyfile', 'src');
    if (node.kind === 'dir') throw fsError('EISDIR', 'copyfile');
    const target = toPath(to, 'dest');
    if ((mode & 1) !== 0 && lookup(target, 'copyfile', target)[2] !== undefined) throw fsError('EEXIST', 'copyfile', target);
    writeFileSync(target, node.kind === 'dev' ? new Uint8Array(0) : TypedArrayPrototypeSubarray(bytesOf(node), 0, node.size));
  }

  function realpathSync(target) {
    const absolute = toPath(target);
    if (lookup(absolute, 'realpath', absolute)[2] === undefined) throw fsError('ENOENT', 'realpath', absolute);
    return absolute;
  }

  // workerd names temporary directories with a counter, `prefix0`, `prefix1`, ... (whatever the
  // prefix, one count per run), and says EEXIST if that name is taken (only the code itself
  // can have taken it: the file system is the run's own).
  let temporaryCount = 0;
  function mkdtempSync(prefix) {
    validateString(prefix, 'prefix');
    const made = `${prefix}${temporaryCount++}`;
    const found = writable(toPath(made), 'mkdtemp');
    if (found[2] !== undefined) throw fsError('EEXIST', 'mkdtemp', made);
    mkdirSync(made);
    return made;
  }

  function truncateSync(target, length = 0) {
    const node = typeof target === 'number' ? descriptor(target).node : existing(target, 'truncate');
    if (node.kind !== 'file') throw fsError('EISDIR', 'truncate');
    if (!node.writable) throw fsError('EPERM', 'truncate');
    const current = bytesOf(node);
    if (length <= node.size) node.size = length;
    else {
      const grown = new Uint8Array(length);
      TypedArrayPrototypeSet(grown, TypedArrayPrototypeSubarray(current, 0, node.size));
      node.bytes = grown;
      node.size = length;
    }
    node.mtime = DateNow();
  }

  function utimesSync(target, atime, mtime) {
    const node = typeof target === 'number' ? descriptor(target).node : existing(target, 'utime');
    if (!node.writable) throw fsError('EPERM', 'utime');
    node.mtime = typeof mtime === 'number' ? mtime * 1000 : mtime.getTime();
  }

  // chown and chmod change nothing (there are no users or permissions here), after checking
  // their arguments as Node.js does and that the file exists.
  function ownership(syscall, byDescriptor) {
    return function (target, uid, gid) {
      if (byDescriptor) validateInteger(target, 'fd', 0, 2147483647);
      else toPath(target);
      validateInteger(uid, 'uid', -1, 4294967295);
      validateInteger(gid, 'gid', -1, 4294967295);
      if (byDescriptor) descriptor(target, syscall);
      else existing(target, syscall);
    };
  }

  function parseMode(mode) {
    if (typeof mode === 'string') {
      let value = 0;
      for (let index = 0; index < mode.length; index++) {
        const digit = StringPrototypeCharCodeAt(mode, index) - 48;
        if (digit < 0 || digit > 7) throw new errors.codes.ERR_INVALID_ARG_VALUE('mode', mode, 'must be a 32-bit unsigned integer or an octal string');
        value = value * 8 + digit;
      }
      mode = value;
    }
    validateInteger(mode, 'mode', 0, 4294967295);
    return mode;
  }

  function permissions(syscall, byDescriptor) {
    return function (target, mode) {
      if (byDescriptor) validateInteger(target, 'fd', 0, 2147483647);
      else toPath(target);
      parseMode(mode);
      if (byDescriptor) descriptor(target, syscall);
      else existing(target, syscall);
    };
  }

  // `cp`: a file, or a directory with `recursive`.
  function cpSync(from, to, options = undefined) {
    const source = toPath(from, 'src');
    const target = toPath(to, 'dest');
    const node = existing(source, 'cp', 'src');
    const recursive = options != null && options.recursive === true;
    const force = options == null || options.force !== false;
    const errorOnExist = options != null && options.errorOnExist === true;
    if (node.kind !== 'dir') {
      const present = lookup(target, 'cp', target)[2];
      if (present !== undefined) {
        if (present.kind === 'dir') throw fsError('EISDIR', 'cp', target);
        if (!force) {
          if (errorOnExist) throw fsError('EEXIST', 'cp', target);
          return;
        }
      }
      copyFileSync(source, target);
      return;
    }
    if (!recursive) throw fsError('EISDIR', 'cp', source);
    if (StringPrototypeStartsWith(`${target}/`, `${source}/`)) throw fsError('EINVAL', 'cp', target);
    mkdirSync(target, { __proto__: null, recursive: true });
    const entryNames = sortedNames(node);
    for (let index = 0; index < entryNames.length; index++) {
      cpSync(`${source}/${entryNames[index]}`, `${target}/${entryNames[index]}`, options);
    }
  }

  // `opendir`: a directory's entries, read one at a time.
  class Dir {
    #entries;
    #index = 0;
    #closed = false;

    constructor(absolute) {
      this.#entries = readdirSync(absolute, { __proto__: null, withFileTypes: true });
      ObjectDefineProperty(this, 'path', { __proto__: null, value: absolute, enumerable: true });
    }

    readSync() {
      if (this.#closed) throw new errors.codes.ERR_DIR_CLOSED();
      return this.#index < this.#entries.length ? this.#entries[this.#index++] : null;
    }

    read(callback = undefined) {
      if (typeof callback === 'function') {
        let result;
        let failure = null;
        try {
          result = this.readSync();
        } catch (error) {
          failure = error;
        }
        queueMicrotask(() => (failure !== null ? callback(failure) : callback(null, result)));
        return undefined;
      }
      try {
        return PromiseResolve(this.readSync());
      } catch (error) {
        return PromiseReject(error);
      }
    }

    closeSync() {
      if (this.#closed) throw new errors.codes.ERR_DIR_CLOSED();
      this.#closed = true;
    }

    close(callback = undefined) {
      if (typeof callback === 'function') {
        let failure = null;
        try {
          this.closeSync();
        } catch (error) {
          failure = error;
        }
        queueMicrotask(() => callback(failure));
        return undefined;
      }
      try {
        this.closeSync();
        return PromiseResolve();
      } catch (error) {
        return PromiseReject(error);
      }
    }

    async *entries() {
      try {
        for (;;) {
          const entry = this.readSync();
          if (entry === null) break;
          yield entry;
        }
      } finally {
        if (!this.#closed) this.#closed = true;
      }
    }

    [primordials.SymbolAsyncIterator]() {
      return this.entries();
    }
  }

  function opendirSync(target) {
    const absolute = toPath(target);
    existing(absolute, 'opendir');
    return new Dir(absolute);
  }

  // `fs.promises.open`: a FileHandle over a descriptor.
  class FileHandle {
    #fd;

    constructor(fd) {
      this.#fd = fd;
    }

    get fd() {
      return this.#fd;
    }

    #call(operation, args) {
      try {
        return PromiseResolve(ReflectApply(operation, undefined, args));
      } catch (error) {
        return PromiseReject(error);
      }
    }

    appendFile(data, options = undefined) { return this.#call(writeToDescriptor, [this.#fd, inputBytes(data, options)]); }
    chmod(mode) { return this.#call(permissions('fchmod', true), [this.#fd, mode]); }
    chown(uid, gid) { return this.#call(ownership('fchown', true), [this.#fd, uid, gid]); }
    close() {
      if (this.#fd === -1) return PromiseResolve();
      const fd = this.#fd;
      this.#fd = -1;
      return this.#call(closeSync, [fd]);
    }
    datasync() { return this.#call((fd) => { descriptor(fd); }, [this.#fd]); }
    sync() { return this.#call((fd) => { descriptor(fd); }, [this.#fd]); }
    read(buffer, offset = undefined, length = undefined, position = undefined) {
      if (buffer === undefined || buffer === null || !ArrayBufferIsView(buffer)) {
        const options = buffer != null && typeof buffer === 'object' ? buffer : {};
        buffer = options.buffer !== undefined ? options.buffer : Buffer().alloc(16384);
        offset = options.offset;
        length = options.length;
        position = options.position;
      }
      return this.#call((fd) => {
        const bytesRead = readSync(fd, buffer, offset === undefined ? 0 : offset, length, position === undefined ? null : position);
        return { bytesRead, buffer };
      }, [this.#fd]);
    }
    readFile(options = undefined) { return this.#call(readFileSync, [this.#fd, options]); }
    stat() { return this.#call(fstatSync, [this.#fd]); }
    truncate(length = 0) { return this.#call(truncateSync, [this.#fd, length]); }
    utimes(atime, mtime) { return this.#call(utimesSync, [this.#fd, atime, mtime]); }
    write(data, offsetOrPosition = undefined, lengthOrEncoding = undefined, position = undefined) {
      return this.#call((fd) => {
        const bytesWritten = writeSync(fd, data, offsetOrPosition, lengthOrEncoding, position);
        return { bytesWritten, buffer: data };
      }, [this.#fd]);
    }
    writeFile(data, options = undefined) {
      return this.#call((fd) => {
        const bytes = inputBytes(data, options);
        const open = descriptor(fd);
        truncateSync(fd, 0);
        open.position = 0;
        writeToDescriptor(fd, bytes);
      }, [this.#fd]);
    }
    [primordials.SymbolAsyncDispose]() {
      return this.close();
    }
  }

  // File descriptors.
  const descriptors = new Map();
  let nextDescriptor = 3;

  function descriptor(fd, syscall = 'fstat') {
    validateInteger(fd, 'fd', 0, 2147483647);
    const open = MapPrototypeGet(descriptors, fd);
    if (open === undefined) throw fsError('EBADF', syscall);
    return open;
  }

  function openSync(target, flags = 'r', mode = undefined) {
    const absolute = toPath(target);
    if (typeof flags === 'number') flags = flags === 0 ? 'r' : (flags & 1024) !== 0 ? 'a' : 'w';
    const reading = flags === 'r' || flags === 'rs' || flags === 'sr';
    let node = lookup(absolute, 'open', absolute)[2];
    if (reading) {
      if (node === undefined) throw fsError('ENOENT', 'open', absolute);
    } else {
      if (node === undefined || flags === 'w' || flags === 'w+') {
        if (node === undefined || node.kind === 'file') {
          if ((flags === 'wx' || flags === 'ax' || flags === 'wx+') && node !== undefined) throw fsError('EEXIST', 'open', absolute);
          if (node === undefined || node.kind === 'file') writeFileSync(absolute, new Uint8Array(0), { __proto__: null, flag: node === undefined ? 'w' : flags[0] === 'a' ? 'a' : 'w' });
        }
      } else if (!node.writable) {
        throw fsError('EPERM', 'open');
      }
      node = lookup(absolute, 'open', absolute)[2];
    }
    const fd = nextDescriptor++;
    MapPrototypeSet(descriptors, fd, { __proto__: null, node, position: 0, append: flags[0] === 'a', writable: !reading || flags[1] === '+' });
    return fd;
  }

  function closeSync(fd) {
    descriptor(fd);
    MapPrototypeDelete(descriptors, fd);
  }

  function readFromDescriptor(fd) {
    const open = descriptor(fd, 'fread');
    if (open.node.kind === 'dev') return readDevice(open.node, 0);
    if (open.node.kind !== 'file') throw fsError('EISDIR', 'read');
    const bytes = TypedArrayPrototypeSubarray(bytesOf(open.node), open.position, open.node.size);
    open.position = open.node.size;
    return bytes;
  }

  function writeToDescriptor(fd, bytes, position = null) {
    const open = descriptor(fd);
    if (!open.writable) throw fsError('EBADF', 'write');
    const node = open.node;
    if (node.kind === 'dev') {
      if (node.device === 'full') throw fsError('ENOSPC', 'write');
      return bytes.length;
    }
    if (open.append) {
      append(node, bytes);
      return bytes.length;
    }
    const at = position === null || position === undefined ? open.position : position;
    const end = at + bytes.length;
    const current = bytesOf(node);
    if (end > current.length) {
      const grown = new Uint8Array(MathMax(end, current.length * 2));
      TypedArrayPrototypeSet(grown, TypedArrayPrototypeSubarray(current, 0, node.size));
      node.bytes = grown;
    }
    TypedArrayPrototypeSet(node.bytes, bytes, at);
    if (end > node.size) node.size = end;
    if (position === null || position === undefined) open.position = end;
    node.mtime = DateNow();
    return bytes.length;
  }

  function readSync(fd, buffer, offsetOrOptions = 0, length = undefined, position = null) {
    const open = descriptor(fd);
    let offset = offsetOrOptions;
    if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') {
      offset = offsetOrOptions.offset !== undefined ? offsetOrOptions.offset : 0;
      length = offsetOrOptions.length;
      position = offsetOrOptions.position !== undefined ? offsetOrOptions.position : null;
    }
    if (!ArrayBufferIsView(buffer)) throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
    const target = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    if (length === undefined) length = target.length - offset;
    const node = open.node;
    if (node.kind === 'dev') {
      const bytes = readDevice(node, length);
      TypedArrayPrototypeSet(target, bytes, offset);
      return bytes.length;
    }
    if (node.kind !== 'file') throw fsError('EISDIR', 'read');
    const at = position === null || position === undefined || position < 0 ? open.position : +position;
    const available = MathMax(0, MathMin(length, node.size - at));
    TypedArrayPrototypeSet(target, TypedArrayPrototypeSubarray(bytesOf(node), at, at + available), offset);
    if (position === null || position === undefined || position < 0) open.position = at + available;
    return available;
  }

  function writeSync(fd, data, offsetOrPosition = undefined, lengthOrEncoding = undefined, position = undefined) {
    if (typeof data === 'string') {
      return writeToDescriptor(fd, Buffer().from(data, typeof lengthOrEncoding === 'string' ? lengthOrEncoding : 'utf8'),
        typeof offsetOrPosition === 'number' ? offsetOrPosition : null);
    }
    if (!ArrayBufferIsView(data)) throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    let bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const offset = typeof offsetOrPosition === 'number' ? offsetOrPosition : 0;
    const length = typeof lengthOrEncoding === 'number' ? lengthOrEncoding : bytes.length - offset;
    bytes = TypedArrayPrototypeSubarray(bytes, offset, offset + length);
    return writeToDescriptor(fd, bytes, typeof position === 'number' ? position : null);
  }

  function fstatSync(fd) {
    return new Stats(descriptor(fd).node);
  }

  function unsupported() {
    throw new ERR_UNSUPPORTED_OPERATION('The requested operation is unsupported');
  }

  const sync = {
    accessSync, appendFileSync, chmodSync: permissions('chmod', false), chownSync: ownership('chown', false), closeSync,
    copyFileSync, cpSync, existsSync, fchmodSync: permissions('fchmod', true),
    fchownSync: ownership('fchown', true), fdatasyncSync(fd) { descriptor(fd); }, fstatSync, fsyncSync(fd) { descriptor(fd); },
    ftruncateSync: truncateSync, futimesSync: utimesSync, lchmodSync: permissions('lchmod', false),
    lchownSync: ownership('lchown', false), linkSync: unsupported, lstatSync: statSync, lutimesSync: utimesSync,
    mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, readlinkSync(target) {
      existing(target, 'readlink');
      throw fsError('EINVAL', 'readlink', toPath(target));
    }, realpathSync, renameSync, rmSync, rmdirSync, statSync, symlinkSync: unsupported, truncateSync, unlinkSync,
    utimesSync, writeFileSync, writeSync,
  };
  realpathSync.native = realpathSync;

  // Callback forms: the same operation, its result given to the callback on a later tick.
  function callbackForm(operation) {
    return function (...args) {
      const callback = args[args.length - 1];
      validateFunction(callback, 'cb');
      args.length -= 1;
      let result;
      let failure = null;
      try {
        result = ReflectApply(operation, undefined, args);
      } catch (error) {
        // A wrong argument throws at once, as in Node.js; what the file system says goes to
        // the callback.
        if (error !== null && typeof error === 'object' && typeof error.code === 'string' &&
          StringPrototypeStartsWith(error.code, 'ERR_')) throw error;
        failure = error;
      }
      queueMicrotask(() => {
        if (failure !== null) callback(failure);
        else callback(null, result);
      });
    };
  }

  // Promise forms.
  function promiseForm(operation) {
    return function (...args) {
      try {
        return PromiseResolve(ReflectApply(operation, undefined, args));
      } catch (error) {
        return PromiseReject(error);
      }
    };
  }

  const fs = {};
  const promises = {};
  const syncNames = [
    'access', 'appendFile', 'chmod', 'chown', 'close', 'copyFile', 'cp', 'fchmod', 'fchown', 'fdatasync', 'fstat',
    'fsync', 'ftruncate', 'futimes', 'lchmod', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir', 'mkdtemp', 'open',
    'readFile', 'read', 'readdir', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'symlink', 'truncate',
    'unlink', 'utimes', 'writeFile', 'write',
  ];
  const promiseNames = [
    'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchmod', 'lchown', 'link', 'lstat', 'lutimes',
    'mkdir', 'mkdtemp', 'readFile', 'readdir', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'symlink',
    'truncate', 'unlink', 'utimes', 'writeFile',
  ];
  for (let index = 0; index < syncNames.length; index++) {
    const base = syncNames[index];
    const operation = sync[`${base}Sync`];
    fs[`${base}Sync`] = operation;
    fs[base] = callbackForm(operation);
  }
  for (let index = 0; index < promiseNames.length; index++) {
    const base = promiseNames[index];
    promises[base] = promiseForm(sync[`${base}Sync`]);
  }
  fs.existsSync = existsSync;
  fs.exists = function exists(target, callback) {
    validateFunction(callback, 'cb');
    const result = existsSync(target);
    queueMicrotask(() => callback(result));
  };
  fs.watch = unsupported;
  fs.watchFile = unsupported;
  fs.unwatchFile = unsupported;
  promises.watch = unsupported;
  fs.Stats = Stats;
  fs.Dirent = Dirent;
  const constants = {
    UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, UV_DIRENT_UNKNOWN: 0,
    UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4, UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6,
    UV_DIRENT_BLOCK: 7, S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096,
    S_IFLNK: 40960, S_IFSOCK: 49152, O_CREAT: 64, O_EXCL: 128, UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512,
    O_APPEND: 1024, O_DIRECTORY: 65536, O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096,
    O_DIRECT: 16384, O_NONBLOCK: 2048, S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128, S_IXUSR: 64, S_IRWXG: 56,
    S_IRGRP: 32, S_IWGRP: 16, S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1, F_OK: 0, R_OK: 4, W_OK: 2,
    X_OK: 1, UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
    UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
  };
  fs.constants = constants;
  promises.constants = constants;
  fs.F_OK = 0;
  fs.R_OK = 4;
  fs.W_OK = 2;
  fs.X_OK = 1;
  fs.promises = promises;
  // Streams of files need `node:stream`; they are made on first use.
  fs.createReadStream = function createReadStream(target, options = undefined) {
    const { Readable } = internals.nodeModule('stream');
    const bytes = readFileSync(target);
    const chunk = options != null && typeof options === 'object' && options.highWaterMark ? options.highWaterMark : 65536;
    const encoding = typeof options === 'string' ? options : options != null ? options.encoding : undefined;
    let offset = options != null && typeof options === 'object' && options.start !== undefined ? options.start : 0;
    const end = options != null && typeof options === 'object' && options.end !== undefined ? options.end + 1 : bytes.length;
    const stream = new Readable({
      read() {
        if (offset >= end) {
          this.push(null);
          return;
        }
        const next = MathMin(end, offset + chunk);
        const piece = bytes.subarray(offset, next);
        offset = next;
        this.push(encoding ? piece.toString(encoding) : piece);
      },
    });
    stream.path = target;
    return stream;
  };
  fs.createWriteStream = function createWriteStream(target, options = undefined) {
    const { Writable } = internals.nodeModule('stream');
    const flags = options != null && typeof options === 'object' && options.flags ? options.flags : 'w';
    const fd = openSync(target, flags);
    const stream = new Writable({
      write(chunk, encoding, callback) {
        try {
          writeToDescriptor(fd, typeof chunk === 'string' ? Buffer().from(chunk, encoding) : chunk);
          callback();
        } catch (error) {
          callback(error);
        }
      },
      final(callback) {
        closeSync(fd);
        callback();
      },
    });
    stream.path = target;
    return stream;
  };
  fs.ReadStream = function ReadStream() { unsupported(); };
  fs.WriteStream = function WriteStream() { unsupported(); };
  fs.FileReadStream = fs.ReadStream;
  fs.FileWriteStream = fs.WriteStream;
  fs.openAsBlob = function openAsBlob(target) {
    const bytes = readFileSync(target);
    internals.loadBlob();
    return PromiseResolve(new internals.Blob([bytes]));
  };
  fs.opendirSync = opendirSync;
  fs.opendir = callbackForm(opendirSync);
  fs.Dir = Dir;
  fs.glob = unsupported;
  fs.globSync = unsupported;
  fs.readv = unsupported;
  fs.readvSync = unsupported;
  fs.writev = unsupported;
  fs.writevSync = unsupported;
  fs.statfs = unsupported;
  fs.statfsSync = unsupported;
  promises.FileHandle = FileHandle;
  promises.open = promiseForm((target, flags = 'r', mode = undefined) => new FileHandle(openSync(target, flags, mode)));
  promises.opendir = promiseForm(opendirSync);
  promises.glob = unsupported;
  promises.statfs = unsupported;
  return fs;
});
