//# allFunctionsCalledOnLoad
// `readline` and `readline/promises`, as workerd has them: a sandbox has no terminal and no
// input to read, so an Interface reads nothing. `question` answers `''` (the callback at once,
// the promise resolved), `for await` over an Interface gives one `''` and ends, `close`,
// `pause`, `resume`, `write` and the cursor functions do nothing (`cursorTo` and friends
// return `false`), and `emitKeypressEvents` sets nothing up. Nothing throws: code written for
// a terminal runs through.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const { PromiseResolve, SymbolAsyncDispose, SymbolAsyncIterator, SymbolDispose } = primordials;
  const EventEmitter = internals.nodeModule('events');

  if (name === 'readline/promises') {
    class Interface extends EventEmitter {
      terminal = false;
      line = '';
      cursor = 0;

      getPrompt() { return ''; }
      setPrompt(prompt) {}
      prompt(preserveCursor) {}
      question(query, options) { return PromiseResolve(''); }
      pause() { return this; }
      resume() { return this; }
      close() {}
      write(data, key) {}
      getCursorPos() { return { rows: 0, cols: 0 }; }
      [SymbolDispose]() { this.close(); }
      async [SymbolAsyncDispose]() { this.close(); }
      async *[SymbolAsyncIterator]() { yield ''; }
    }

    class Readline {
      clearLine(dir) { return this; }
      clearScreenDown() { return this; }
      commit() { return PromiseResolve(); }
      cursorTo(x, y) { return this; }
      moveCursor(dx, dy) { return this; }
      rollback() { return this; }
    }

    function createInterface() {
      return new Interface();
    }

    return { Interface, Readline, createInterface };
  }

  class Interface extends EventEmitter {
    terminal = false;
    line = '';
    cursor = 0;

    getPrompt() { return ''; }
    setPrompt(prompt) {}
    prompt(preserveCursor) {}
    // `question(query, callback)` or `question(query, options, callback)`: answered at once.
    question(query, optionsOrCallback, callback) {
      if (typeof optionsOrCallback === 'function') optionsOrCallback('');
      else if (typeof callback === 'function') callback('');
    }
    pause() { return this; }
    resume() { return this; }
    close() {}
    write(data, key) {}
    getCursorPos() { return { rows: 0, cols: 0 }; }
    [SymbolDispose]() { this.close(); }
    async [SymbolAsyncDispose]() { this.close(); }
    async *[SymbolAsyncIterator]() { yield ''; }
  }

  return {
    clearLine() { return false; },
    clearScreenDown() { return false; },
    createInterface() { return new Interface(); },
    cursorTo() { return false; },
    emitKeypressEvents() {},
    moveCursor() { return false; },
    Interface,
    promises: internals.nodeModule('readline/promises'),
  };
});
