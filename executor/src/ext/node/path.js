//# allFunctionsCalledOnLoad
// `path` (and `path/posix`): Node.js's POSIX path functions, resolving from `/` as workerd's
// do. `path.win32` is the same module's Windows half
// (`path/win32`). Pure string functions: nothing here touches a file system.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const {
    ArrayPrototypeJoin, ArrayPrototypePush, StringPrototypeCharCodeAt, StringPrototypeLastIndexOf,
    StringPrototypeSlice, StringPrototypeToLowerCase, safeArray,
  } = primordials;

  if (name === 'path/posix') return internals.nodeModule('path').posix;
  if (name === 'path/win32') return internals.nodeModule('path').win32;

  const { validateObject, validateString } = internals.nodeModule('internal/errors');

  const SLASH = 47; // '/'
  const BACKSLASH = 92; // '\'
  const DOT = 46; // '.'
  const COLON = 58; // ':'
  // What `path.resolve` starts from, as in workerd (whose `process.cwd()` is `/bundle`).
  const CWD = '/';

  function isPosixSeparator(code) {
    return code === SLASH;
  }

  function isWindowsSeparator(code) {
    return code === SLASH || code === BACKSLASH;
  }

  function isWindowsDeviceRoot(code) {
    return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }

  // Resolves `.` and `..` in a path without its root; `allowAboveRoot` keeps leading `..`.
  function normalizeString(path, allowAboveRoot, separator, isSeparator) {
    let result = '';
    let lastSegmentLength = 0;
    let lastSlash = -1;
    let dots = 0;
    let code = 0;
    for (let index = 0; index <= path.length; ++index) {
      if (index < path.length) code = StringPrototypeCharCodeAt(path, index);
      else if (isSeparator(code)) break;
      else code = SLASH;
      if (isSeparator(code)) {
        if (lastSlash === index - 1 || dots === 1) {
          // A repeated separator or `.`: nothing.
        } else if (dots === 2) {
          if (result.length < 2 || lastSegmentLength !== 2 ||
            StringPrototypeCharCodeAt(result, result.length - 1) !== DOT ||
            StringPrototypeCharCodeAt(result, result.length - 2) !== DOT) {
            if (result.length > 2) {
              const lastSlashIndex = StringPrototypeLastIndexOf(result, separator);
              if (lastSlashIndex === -1) {
                result = '';
                lastSegmentLength = 0;
              } else {
                result = StringPrototypeSlice(result, 0, lastSlashIndex);
                lastSegmentLength = result.length - 1 - StringPrototypeLastIndexOf(result, separator);
              }
              lastSlash = index;
              dots = 0;
              continue;
            } else if (result.length !== 0) {
              result = '';
              lastSegmentLength = 0;
              lastSlash = index;
              dots = 0;
              continue;
            }
          }
          if (allowAboveRoot) {
            result += result.length > 0 ? `${separator}..` : '..';
            lastSegmentLength = 2;
          }
        } else {
          if (result.length > 0) result += `${separator}${StringPrototypeSlice(path, lastSlash + 1, index)}`;
          else result = StringPrototypeSlice(path, lastSlash + 1, index);
          lastSegmentLength = index - lastSlash - 1;
        }
        lastSlash = index;
        dots = 0;
      } else if (code === DOT && dots !== -1) {
        ++dots;
      } else {
        dots = -1;
      }
    }
    return result;
  }

  function format(separator, pathObject) {
    validateObject(pathObject, 'pathObject');
    const dir = pathObject.dir || pathObject.root;
    const base = pathObject.base || `${pathObject.name || ''}${formatExt(pathObject.ext)}`;
    if (!dir) return base;
    return dir === pathObject.root ? `${dir}${base}` : `${dir}${separator}${base}`;
  }

  function formatExt(ext) {
    return ext ? `${ext[0] === '.' ? '' : '.'}${ext}` : '';
  }

  const posix = {
    resolve(...args) {
      let resolvedPath = '';
      let resolvedAbsolute = false;
      for (let index = args.length - 1; index >= -1 && !resolvedAbsolute; index--) {
        const path = index >= 0 ? args[index] : CWD;
        validateString(path, `paths[${index}]`);
        if (path.length === 0) continue;
        resolvedPath = `${path}/${resolvedPath}`;
        resolvedAbsolute = StringPrototypeCharCodeAt(path, 0) === SLASH;
      }
      resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute, '/', isPosixSeparator);
      if (resolvedAbsolute) return `/${resolvedPath}`;
      return resolvedPath.length > 0 ? resolvedPath : '.';
    },

    normalize(path) {
      validateString(path, 'path');
      if (path.length === 0) return '.';
      const isAbsolute = StringPrototypeCharCodeAt(path, 0) === SLASH;
      const trailingSeparator = StringPrototypeCharCodeAt(path, path.length - 1) === SLASH;
      path = normalizeString(path, !isAbsolute, '/', isPosixSeparator);
      if (path.length === 0) {
        if (isAbsolute) return '/';
        return trailingSeparator ? './' : '.';
      }
      if (trailingSeparator) path += '/';
      return isAbsolute ? `/${path}` : path;
    },

    isAbsolute(path) {
      validateString(path, 'path');
      return path.length > 0 && StringPrototypeCharCodeAt(path, 0) === SLASH;
    },

    join(...args) {
      if (args.length === 0) return '.';
      let joined;
      for (let index = 0; index < args.length; ++index) {
        const arg = args[index];
        validateString(arg, 'path');
        if (arg.length > 0) joined = joined === undefined ? arg : `${joined}/${arg}`;
      }
      if (joined === undefined) return '.';
      return posix.normalize(joined);
    },

    relative(from, to) {
      validateString(from, 'from');
      validateString(to, 'to');
      if (from === to) return '';
      from = posix.resolve(from);
      to = posix.resolve(to);
      if (from === to) return '';
      const fromStart = 1;
      const fromEnd = from.length;
      const fromLength = fromEnd - fromStart;
      const toStart = 1;
      const toLength = to.length - toStart;
      const length = fromLength < toLength ? fromLength : toLength;
      let lastCommonSeparator = -1;
      let index = 0;
      for (; index < length; index++) {
        const fromCode = StringPrototypeCharCodeAt(from, fromStart + index);
        if (fromCode !== StringPrototypeCharCodeAt(to, toStart + index)) break;
        else if (fromCode === SLASH) lastCommonSeparator = index;
      }
      if (index === length) {
        if (toLength > length) {
          if (StringPrototypeCharCodeAt(to, toStart + index) === SLASH) {
            return StringPrototypeSlice(to, toStart + index + 1);
          }
          if (index === 0) return StringPrototypeSlice(to, toStart + index);
        } else if (fromLength > length) {
          if (StringPrototypeCharCodeAt(from, fromStart + index) === SLASH) lastCommonSeparator = index;
          else if (index === 0) lastCommonSeparator = 0;
        }
      }
      let out = '';
      for (index = fromStart + lastCommonSeparator + 1; index <= fromEnd; ++index) {
        if (index === fromEnd || StringPrototypeCharCodeAt(from, index) === SLASH) {
          out += out.length === 0 ? '..' : '/..';
        }
      }
      return `${out}${StringPrototypeSlice(to, toStart + lastCommonSeparator)}`;
    },

    toNamespacedPath(path) {
      return path;
    },

    dirname(path) {
      validateString(path, 'path');
      if (path.length === 0) return '.';
      const hasRoot = StringPrototypeCharCodeAt(path, 0) === SLASH;
      let end = -1;
      let matchedSlash = true;
      for (let index = path.length - 1; index >= 1; --index) {
        if (StringPrototypeCharCodeAt(path, index) === SLASH) {
          if (!matchedSlash) {
            end = index;
            break;
          }
        } else {
          matchedSlash = false;
        }
      }
      if (end === -1) return hasRoot ? '/' : '.';
      if (hasRoot && end === 1) return '//';
      return StringPrototypeSlice(path, 0, end);
    },

    basename(path, suffix = undefined) {
      if (suffix !== undefined) validateString(suffix, 'suffix');
      validateString(path, 'path');
      let start = 0;
      let end = -1;
      let matchedSlash = true;
      if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
        if (suffix === path) return '';
        let suffixIndex = suffix.length - 1;
        let firstNonSlashEnd = -1;
        for (let index = path.length - 1; index >= 0; --index) {
          const code = StringPrototypeCharCodeAt(path, index);
          if (code === SLASH) {
            if (!matchedSlash) {
              start = index + 1;
              break;
            }
          } else {
            if (firstNonSlashEnd === -1) {
              matchedSlash = false;
              firstNonSlashEnd = index + 1;
            }
            if (suffixIndex >= 0) {
              if (code === StringPrototypeCharCodeAt(suffix, suffixIndex)) {
                if (--suffixIndex === -1) end = index;
              } else {
                suffixIndex = -1;
                end = firstNonSlashEnd;
              }
            }
          }
        }
        if (start === end) end = firstNonSlashEnd;
        else if (end === -1) end = path.length;
        return StringPrototypeSlice(path, start, end);
      }
      for (let index = path.length - 1; index >= 0; --index) {
        if (StringPrototypeCharCodeAt(path, index) === SLASH) {
          if (!matchedSlash) {
            start = index + 1;
            break;
          }
        } else if (end === -1) {
          matchedSlash = false;
          end = index + 1;
        }
      }
      if (end === -1) return '';
      return StringPrototypeSlice(path, start, end);
    },

    extname(path) {
      validateString(path, 'path');
      let startDot = -1;
      let startPart = 0;
      let end = -1;
      let matchedSlash = true;
      let preDotState = 0;
      for (let index = path.length - 1; index >= 0; --index) {
        const code = StringPrototypeCharCodeAt(path, index);
        if (code === SLASH) {
          if (!matchedSlash) {
            startPart = index + 1;
            break;
          }
          continue;
        }
        if (end === -1) {
          matchedSlash = false;
          end = index + 1;
        }
        if (code === DOT) {
          if (startDot === -1) startDot = index;
          else if (preDotState !== 1) preDotState = 1;
        } else if (startDot !== -1) {
          preDotState = -1;
        }
      }
      if (startDot === -1 || end === -1 || preDotState === 0 ||
        (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1)) {
        return '';
      }
      return StringPrototypeSlice(path, startDot, end);
    },

    format: null,

    parse(path) {
      validateString(path, 'path');
      const result = { root: '', dir: '', base: '', ext: '', name: '' };
      if (path.length === 0) return result;
      const isAbsolute = StringPrototypeCharCodeAt(path, 0) === SLASH;
      let start;
      if (isAbsolute) {
        result.root = '/';
        start = 1;
      } else {
        start = 0;
      }
      let startDot = -1;
      let startPart = 0;
      let end = -1;
      let matchedSlash = true;
      let index = path.length - 1;
      let preDotState = 0;
      for (; index >= start; --index) {
        const code = StringPrototypeCharCodeAt(path, index);
        if (code === SLASH) {
          if (!matchedSlash) {
            startPart = index + 1;
            break;
          }
          continue;
        }
        if (end === -1) {
          matchedSlash = false;
          end = index + 1;
        }
        if (code === DOT) {
          if (startDot === -1) startDot = index;
          else if (preDotState !== 1) preDotState = 1;
        } else if (startDot !== -1) {
          preDotState = -1;
        }
      }
      if (end !== -1) {
        const start = startPart === 0 && isAbsolute ? 1 : startPart;
        if (startDot === -1 || preDotState === 0 ||
          (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1)) {
          result.base = result.name = StringPrototypeSlice(path, start, end);
        } else {
          result.name = StringPrototypeSlice(path, start, startDot);
          result.base = StringPrototypeSlice(path, start, end);
          result.ext = StringPrototypeSlice(path, startDot, end);
        }
      }
      if (startPart > 0) result.dir = StringPrototypeSlice(path, 0, startPart - 1);
      else if (isAbsolute) result.dir = '/';
      return result;
    },

    sep: '/',
    delimiter: ':',
    win32: null,
    posix: null,
  };
  posix.format = function formatPosix(pathObject) {
    return format('/', pathObject);
  };

  // Windows paths: drive letters (`C:`), UNC roots (`\\server\share`), both separators.
  function windowsRoot(path) {
    // -> [rootEnd, device, isAbsolute]
    const length = path.length;
    if (length === 0) return [0, '', false];
    const code = StringPrototypeCharCodeAt(path, 0);
    if (length === 1) return isWindowsSeparator(code) ? [1, '', true] : [0, '', false];
    if (isWindowsSeparator(code)) {
      if (isWindowsSeparator(StringPrototypeCharCodeAt(path, 1))) {
        // A UNC root: `\\server\share`.
        let index = 2;
        let last = index;
        while (index < length && !isWindowsSeparator(StringPrototypeCharCodeAt(path, index))) index++;
        if (index < length && index !== last) {
          const server = StringPrototypeSlice(path, last, index);
          last = index;
          while (index < length && isWindowsSeparator(StringPrototypeCharCodeAt(path, index))) index++;
          if (index < length && index !== last) {
            last = index;
            while (index < length && !isWindowsSeparator(StringPrototypeCharCodeAt(path, index))) index++;
            if (index === length || index !== last) {
              const share = StringPrototypeSlice(path, last, index);
              // The root takes the separator after the share, as Node.js's does.
              return [index < length ? index + 1 : index, `\\\\${server}\\${share}`, true];
            }
          }
        }
        return [1, '', true];
      }
      return [1, '', true];
    }
    if (isWindowsDeviceRoot(code) && StringPrototypeCharCodeAt(path, 1) === COLON) {
      const device = StringPrototypeSlice(path, 0, 2);
      if (length > 2 && isWindowsSeparator(StringPrototypeCharCodeAt(path, 2))) return [3, device, true];
      return [2, device, false];
    }
    return [0, '', false];
  }

  const win32 = {
    resolve(...args) {
      let resolvedDevice = '';
      let resolvedTail = '';
      let resolvedAbsolute = false;
      for (let index = args.length - 1; index >= -1; index--) {
        let path;
        if (index >= 0) {
          path = args[index];
          validateString(path, `paths[${index}]`);
          if (path.length === 0) continue;
        } else if (resolvedDevice.length === 0) {
          path = CWD;
        } else {
          path = `${resolvedDevice}\\`;
        }
        const root = windowsRoot(path);
        const rootEnd = root[0];
        const device = root[1];
        const isAbsolute = root[2];
        if (device.length > 0) {
          if (resolvedDevice.length > 0) {
            if (StringPrototypeToLowerCase(device) !== StringPrototypeToLowerCase(resolvedDevice)) continue;
          } else {
            resolvedDevice = device;
          }
        }
        if (resolvedAbsolute) {
          if (resolvedDevice.length > 0) break;
        } else {
          resolvedTail = `${StringPrototypeSlice(path, rootEnd)}\\${resolvedTail}`;
          resolvedAbsolute = isAbsolute;
          if (isAbsolute && resolvedDevice.length > 0) break;
        }
      }
      resolvedTail = normalizeString(resolvedTail, !resolvedAbsolute, '\\', isWindowsSeparator);
      return resolvedAbsolute ? `${resolvedDevice}\\${resolvedTail}` : `${resolvedDevice}${resolvedTail}` || '.';
    },

    normalize(path) {
      validateString(path, 'path');
      if (path.length === 0) return '.';
      const root = windowsRoot(path);
      const rootEnd = root[0];
      let device = root[1];
      const isAbsolute = root[2];
      let tail = rootEnd < path.length
        ? normalizeString(StringPrototypeSlice(path, rootEnd), !isAbsolute, '\\', isWindowsSeparator)
        : '';
      if (tail.length === 0 && !isAbsolute) tail = '.';
      if (tail.length > 0 && isWindowsSeparator(StringPrototypeCharCodeAt(path, path.length - 1))) tail += '\\';
      if (device.length > 0 && StringPrototypeCharCodeAt(device, 0) === BACKSLASH) device += '\\';
      else if (device.length === 0 && rootEnd === 1 && path.length > 1) device = '';
      if (device.length === 0) return isAbsolute ? `\\${tail}` : tail;
      if (StringPrototypeCharCodeAt(device, device.length - 1) === BACKSLASH) return `${device}${tail}`;
      return isAbsolute ? `${device}\\${tail}` : `${device}${tail}`;
    },

    isAbsolute(path) {
      validateString(path, 'path');
      const length = path.length;
      if (length === 0) return false;
      const code = StringPrototypeCharCodeAt(path, 0);
      return isWindowsSeparator(code) ||
        (length > 2 && isWindowsDeviceRoot(code) && StringPrototypeCharCodeAt(path, 1) === COLON &&
          isWindowsSeparator(StringPrototypeCharCodeAt(path, 2)));
    },

    join(...args) {
      if (args.length === 0) return '.';
      const parts = safeArray();
      for (let index = 0; index < args.length; ++index) {
        const arg = args[index];
        validateString(arg, 'path');
        if (arg.length > 0) ArrayPrototypePush(parts, arg);
      }
      if (parts.length === 0) return '.';
      return win32.normalize(ArrayPrototypeJoin(parts, '\\'));
    },

    relative(from, to) {
      validateString(from, 'from');
      validateString(to, 'to');
      if (from === to) return '';
      const fromResolved = win32.resolve(from);
      const toResolved = win32.resolve(to);
      if (fromResolved === toResolved) return '';
      from = StringPrototypeToLowerCase(fromResolved);
      to = StringPrototypeToLowerCase(toResolved);
      if (from === to) return '';
      const fromParts = splitWindows(fromResolved);
      const toParts = splitWindows(toResolved);
      let common = 0;
      while (common < fromParts.length && common < toParts.length &&
        StringPrototypeToLowerCase(fromParts[common]) === StringPrototypeToLowerCase(toParts[common])) common++;
      if (common === 0) return toResolved;
      const out = safeArray();
      for (let index = common; index < fromParts.length; index++) ArrayPrototypePush(out, '..');
      for (let index = common; index < toParts.length; index++) ArrayPrototypePush(out, toParts[index]);
      return ArrayPrototypeJoin(out, '\\');
    },

    toNamespacedPath(path) {
      if (typeof path !== 'string' || path.length === 0) return path;
      const resolved = win32.resolve(path);
      if (resolved.length <= 2) return path;
      if (StringPrototypeCharCodeAt(resolved, 0) === BACKSLASH && StringPrototypeCharCodeAt(resolved, 1) === BACKSLASH) {
        const code = StringPrototypeCharCodeAt(resolved, 2);
        if (code !== 63 && code !== DOT) return `\\\\?\\UNC\\${StringPrototypeSlice(resolved, 2)}`;
      } else if (isWindowsDeviceRoot(StringPrototypeCharCodeAt(resolved, 0)) &&
        StringPrototypeCharCodeAt(resolved, 1) === COLON && StringPrototypeCharCodeAt(resolved, 2) === BACKSLASH) {
        return `\\\\?\\${resolved}`;
      }
      return path;
    },

    dirname(path) {
      validateString(path, 'path');
      const root = windowsRoot(path);
      const rootEnd = root[0];
      if (rootEnd === path.length) return path;
      let end = -1;
      let matchedSlash = true;
      for (let index = path.length - 1; index >= rootEnd; --index) {
        if (isWindowsSeparator(StringPrototypeCharCodeAt(path, index))) {
          if (!matchedSlash) {
            end = index;
            break;
          }
        } else {
          matchedSlash = false;
        }
      }
      if (end === -1) {
        if (rootEnd === 0) return '.';
        end = rootEnd;
      }
      return StringPrototypeSlice(path, 0, end);
    },

    basename(path, suffix = undefined) {
      if (suffix !== undefined) validateString(suffix, 'suffix');
      validateString(path, 'path');
      let start = 0;
      if (path.length >= 2 && isWindowsDeviceRoot(StringPrototypeCharCodeAt(path, 0)) &&
        StringPrototypeCharCodeAt(path, 1) === COLON) start = 2;
      let end = path.length;
      while (end > start && isWindowsSeparator(StringPrototypeCharCodeAt(path, end - 1))) end--;
      let begin = end;
      while (begin > start && !isWindowsSeparator(StringPrototypeCharCodeAt(path, begin - 1))) begin--;
      const base = StringPrototypeSlice(path, begin, end);
      if (suffix !== undefined && suffix.length > 0 && suffix !== base && base.length >= suffix.length &&
        StringPrototypeSlice(base, base.length - suffix.length) === suffix) {
        return StringPrototypeSlice(base, 0, base.length - suffix.length);
      }
      return base;
    },

    extname(path) {
      validateString(path, 'path');
      const base = win32.basename(path);
      const dot = StringPrototypeLastIndexOf(base, '.');
      if (dot <= 0 || (dot === 1 && base === '..')) return '';
      return StringPrototypeSlice(base, dot);
    },

    format: null,

    parse(path) {
      validateString(path, 'path');
      const result = { root: '', dir: '', base: '', ext: '', name: '' };
      if (path.length === 0) return result;
      const root = windowsRoot(path);
      const rootEnd = root[0];
      result.root = StringPrototypeSlice(path, 0, rootEnd);
      if (rootEnd === path.length) {
        result.dir = result.root;
        return result;
      }
      result.base = win32.basename(StringPrototypeSlice(path, rootEnd));
      result.ext = win32.extname(result.base);
      result.name = result.ext.length > 0 ? StringPrototypeSlice(result.base, 0, result.base.length - result.ext.length) : result.base;
      const dir = win32.dirname(path);
      result.dir = dir === '.' && rootEnd === 0 ? '' : dir;
      if (result.base.length === 0) result.dir = result.root;
      return result;
    },

    sep: '\\',
    delimiter: ';',
    win32: null,
    posix: null,
  };
  win32.format = function formatWin32(pathObject) {
    return format('\\', pathObject);
  };

  function splitWindows(path) {
    const parts = safeArray();
    let start = 0;
    for (let index = 0; index <= path.length; index++) {
      if (index === path.length || isWindowsSeparator(StringPrototypeCharCodeAt(path, index))) {
        if (index > start) ArrayPrototypePush(parts, StringPrototypeSlice(path, start, index));
        start = index + 1;
      }
    }
    return parts;
  }

  posix.win32 = win32.win32 = win32;
  posix.posix = win32.posix = posix;
  return posix;
});
