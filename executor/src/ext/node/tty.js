//# allFunctionsCalledOnLoad
// `tty`, as workerd has it: nothing is a terminal. `isatty` is `false` for every descriptor; a
// ReadStream or WriteStream (a `net.Socket` by its prototype) records its descriptor and never
// reads or writes: a WriteStream has no size (0 columns, 0 rows) and no colours, and its cursor
// functions call their callback and return `false`.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const { ObjectSetPrototypeOf } = primordials;
  const { Socket } = internals.nodeModule('net');

  function isatty(fd) {
    return false;
  }

  function ReadStream(fd, options = {}) {
    this.fd = fd;
    this.isRaw = false;
    this.isTTY = false;
    return this;
  }
  ObjectSetPrototypeOf(ReadStream.prototype, Socket.prototype);
  ObjectSetPrototypeOf(ReadStream, Socket);
  ReadStream.prototype.setRawMode = function (mode) {
    this.isRaw = mode;
    return this;
  };

  function WriteStream(fd, options = {}) {
    this.fd = fd;
    this.columns = 0;
    this.rows = 0;
    return this;
  }
  ObjectSetPrototypeOf(WriteStream.prototype, Socket.prototype);
  ObjectSetPrototypeOf(WriteStream, Socket);
  WriteStream.prototype.isTTY = true;
  // 8 is Node.js's answer for 256 colours, but nothing here is coloured.
  WriteStream.prototype.getColorDepth = function () {
    return 8;
  };
  WriteStream.prototype.hasColors = function () {
    return false;
  };
  WriteStream.prototype._refreshSize = function () {};
  WriteStream.prototype.cursorTo = function (x, y, callback) {
    if (typeof y === 'function') y();
    else if (typeof callback === 'function') callback();
    return false;
  };
  WriteStream.prototype.moveCursor = function (dx, dy, callback) {
    if (typeof callback === 'function') callback();
    return false;
  };
  WriteStream.prototype.clearLine = function (dir, callback) {
    if (typeof callback === 'function') callback();
    return false;
  };
  WriteStream.prototype.clearScreenDown = function (callback) {
    if (typeof callback === 'function') callback();
    return false;
  };
  WriteStream.prototype.getWindowSize = function () {
    return [this.columns ?? 0, this.rows ?? 0];
  };

  return { isatty, ReadStream, WriteStream };
});
