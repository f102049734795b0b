// `internal/streams/buffer_list`: a Readable's queue of chunks, taken from the front in
// pieces of any size (`consume`), joined into one Buffer or string when read whole.
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { StringPrototypeSlice, TypedArrayPrototypeSet, TypedArrayPrototypeSubarray, Uint8Array } = primordials;
  const { Buffer } = internals.nodeModule('internal/streams/utils');

  class BufferList {
    constructor() {
      this.items = [];
      this.head = 0;
      this.length = 0;
    }
    push(value) {
      this.items[this.head + this.length] = value;
      this.length++;
    }
    unshift(value) {
      if (this.head > 0) {
        this.head--;
        this.items[this.head] = value;
      } else {
        const items = [value];
        for (let index = 0; index < this.length; index++) items[index + 1] = this.items[index];
        this.items = items;
      }
      this.length++;
    }
    shift() {
      if (this.length === 0) return undefined;
      const value = this.items[this.head];
      this.items[this.head] = undefined;
      this.head++;
      this.length--;
      if (this.length === 0) {
        this.items = [];
        this.head = 0;
      } else if (this.head > 1024 && this.head * 2 > this.items.length) {
        const items = [];
        for (let index = 0; index < this.length; index++) items[index] = this.items[this.head + index];
        this.items = items;
        this.head = 0;
      }
      return value;
    }
    first() { return this.items[this.head]; }
    at(index) { return this.items[this.head + index]; }
    clear() {
      this.items = [];
      this.head = 0;
      this.length = 0;
    }
    join(separator) {
      let result = '';
      for (let index = 0; index < this.length; index++) {
        result += (index === 0 ? '' : separator) + this.items[this.head + index];
      }
      return result;
    }
    concat(size) {
      const BufferClass = Buffer();
      if (this.length === 0) return BufferClass.alloc(0);
      const result = BufferClass.allocUnsafe(size >>> 0);
      let offset = 0;
      for (let index = 0; index < this.length; index++) {
        const chunk = this.items[this.head + index];
        TypedArrayPrototypeSet(result, chunk, offset);
        offset += chunk.length;
      }
      return result;
    }
    // The first `n` bytes or characters, taken off the front.
    consume(n, hasStrings) {
      const data = this.items[this.head];
      if (n < data.length) {
        this.items[this.head] = hasStrings ? StringPrototypeSlice(data, n) : TypedArrayPrototypeSubarray(data, n);
        return hasStrings ? StringPrototypeSlice(data, 0, n) : TypedArrayPrototypeSubarray(data, 0, n);
      }
      if (n === data.length) return this.shift();
      return hasStrings ? this.takeString(n) : this.takeBuffer(n);
    }
    takeString(n) {
      let result = '';
      while (n > 0 && this.length > 0) {
        const data = this.items[this.head];
        if (n >= data.length) {
          result += data;
          n -= data.length;
          this.shift();
        } else {
          result += StringPrototypeSlice(data, 0, n);
          this.items[this.head] = StringPrototypeSlice(data, n);
          n = 0;
        }
      }
      return result;
    }
    takeBuffer(n) {
      const result = Buffer().allocUnsafe(n);
      const total = n;
      while (n > 0 && this.length > 0) {
        const data = this.items[this.head];
        if (n >= data.length) {
          TypedArrayPrototypeSet(result, data, total - n);
          n -= data.length;
          this.shift();
        } else {
          TypedArrayPrototypeSet(result, new Uint8Array(data.buffer, data.byteOffset, n), total - n);
          this.items[this.head] = TypedArrayPrototypeSubarray(data, n);
          n = 0;
        }
      }
      return result;
    }
  }

  return BufferList;
});
