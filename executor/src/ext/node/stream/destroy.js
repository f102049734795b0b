// `internal/streams/destroy`: how a stream is destroyed, errored and constructed, for
// Readable, Writable and Duplex alike (`_readableState`, `_writableState`).
(function (globalThis, host, internals, primordials) {
  'use strict';

  const { Symbol } = primordials;
  const { codes: { ERR_MULTIPLE_CALLBACK }, AbortError } = internals.nodeModule('internal/errors');
  const utils = internals.nodeModule('internal/streams/utils');
  const { kDestroyed: kIsDestroyed, isDestroyed, isFinished, isServerRequest, kOnConstructed, nextTick } = utils;
  const kDestroy = Symbol('kDestroy');
  const kConstruct = Symbol('kConstruct');

  function checkError(err, w, r) {
    if (err) {
      err.stack; // eslint-disable-line no-unused-expressions
      if (w && !w.errored) w.errored = err;
      if (r && !r.errored) r.errored = err;
    }
  }

  function destroy(err, cb) {
    const r = this._readableState;
    const w = this._writableState;
    const s = w || r;
    if ((w && w.destroyed) || (r && r.destroyed)) {
      if (typeof cb === 'function') cb();
      return this;
    }
    checkError(err, w, r);
    if (w) w.destroyed = true;
    if (r) r.destroyed = true;
    if (!s.constructed) {
      this.once(kDestroy, function (er) { destroyAfterConstruct(this, err || er, cb); });
    } else {
      destroyAfterConstruct(this, err, cb);
    }
    return this;
  }

  function destroyAfterConstruct(self, err, cb) {
    let called = false;
    function onDestroy(err) {
      if (called) return;
      called = true;
      const r = self._readableState;
      const w = self._writableState;
      checkError(err, w, r);
      if (w) w.closed = true;
      if (r) r.closed = true;
      if (typeof cb === 'function') cb(err);
      if (err) nextTick(emitErrorCloseNT, self, err);
      else nextTick(emitCloseNT, self);
    }
    try {
      self._destroy(err || null, onDestroy);
    } catch (err) {
      onDestroy(err);
    }
  }

  function emitErrorCloseNT(self, err) {
    emitErrorNT(self, err);
    emitCloseNT(self);
  }
  function emitCloseNT(self) {
    const r = self._readableState;
    const w = self._writableState;
    if (w) w.closeEmitted = true;
    if (r) r.closeEmitted = true;
    if ((w && w.emitClose) || (r && r.emitClose)) self.emit('close');
  }
  function emitErrorNT(self, err) {
    const r = self._readableState;
    const w = self._writableState;
    if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
    if (w) w.errorEmitted = true;
    if (r) r.errorEmitted = true;
    self.emit('error', err);
  }

  function undestroy() {
    const r = this._readableState;
    const w = this._writableState;
    if (r) {
      r.constructed = true;
      r.closed = false;
      r.closeEmitted = false;
      r.destroyed = false;
      r.errored = null;
      r.errorEmitted = false;
      r.reading = false;
      r.ended = r.readable === false;
      r.endEmitted = r.readable === false;
    }
    if (w) {
      w.constructed = true;
      w.destroyed = false;
      w.closed = false;
      w.closeEmitted = false;
      w.errored = null;
      w.errorEmitted = false;
      w.finalCalled = false;
      w.prefinished = false;
      w.ended = w.writable === false;
      w.ending = w.writable === false;
      w.finished = w.writable === false;
    }
  }

  function errorOrDestroy(stream, err, sync) {
    const r = stream._readableState;
    const w = stream._writableState;
    if ((w && w.destroyed) || (r && r.destroyed)) return;
    if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
      stream.destroy(err);
    } else if (err) {
      err.stack; // eslint-disable-line no-unused-expressions
      if (w && !w.errored) w.errored = err;
      if (r && !r.errored) r.errored = err;
      if (sync) nextTick(emitErrorNT, stream, err);
      else emitErrorNT(stream, err);
    }
  }

  function construct(stream, cb) {
    if (typeof stream._construct !== 'function') return;
    const r = stream._readableState;
    const w = stream._writableState;
    if (r) r.constructed = false;
    if (w) w.constructed = false;
    stream.once(kConstruct, cb);
    if (stream.listenerCount(kConstruct) > 1) return;
    nextTick(constructNT, stream);
  }
  function constructNT(stream) {
    let called = false;
    function onConstruct(err) {
      if (called) {
        errorOrDestroy(stream, err !== undefined && err !== null ? err : new ERR_MULTIPLE_CALLBACK());
        return;
      }
      called = true;
      const r = stream._readableState;
      const w = stream._writableState;
      const s = w || r;
      if (r) r.constructed = true;
      if (w) w.constructed = true;
      if (s.destroyed) stream.emit(kDestroy, err);
      else if (err) errorOrDestroy(stream, err, true);
      else nextTick(emitConstructNT, stream);
    }
    try {
      stream._construct((err) => { nextTick(onConstruct, err); });
    } catch (err) {
      nextTick(onConstruct, err);
    }
  }
  function emitConstructNT(stream) {
    stream.emit(kConstruct);
  }

  function isRequest(stream) {
    return stream && stream.setHeader && typeof stream.abort === 'function';
  }
  function emitCloseLegacy(stream) { stream.emit('close'); }
  function emitErrorCloseLegacy(stream, err) {
    stream.emit('error', err);
    nextTick(emitCloseLegacy, stream);
  }

  // Destroys any stream-like value: a Node stream, a request, or something with `destroy`,
  // `close` or `abort`.
  function destroyer(stream, err) {
    if (!stream || isDestroyed(stream)) return;
    if (!err && !isFinished(stream)) err = new AbortError();
    if (isServerRequest(stream)) {
      stream.socket = null;
      stream.destroy(err);
    } else if (isRequest(stream)) {
      stream.abort();
    } else if (isRequest(stream.req)) {
      stream.req.abort();
    } else if (typeof stream.destroy === 'function') {
      stream.destroy(err);
    } else if (typeof stream.close === 'function') {
      stream.close();
    } else if (err) {
      nextTick(emitErrorCloseLegacy, stream, err);
    } else {
      nextTick(emitCloseLegacy, stream);
    }
    if (!stream.destroyed) stream[kIsDestroyed] = true;
  }

  return { construct, destroyer, destroy, undestroy, errorOrDestroy, kOnConstructed };
});
