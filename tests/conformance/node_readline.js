// compatibilityDate: 2026-11-17
// node:readline and node:readline/promises, as workerd has them: an Interface reads nothing,
// answers every question with "", and gives one "" to `for await`.
import readline, * as namespace from "node:readline";
import promises, * as promisesNamespace from "node:readline/promises";
import { EventEmitter } from "node:events";

export default {
  async run() {
    const rl = readline.createInterface({ input: null, output: null });
    const answers = [];
    rl.question("name? ", (answer) => answers.push(["callback", answer]));
    rl.question("name? ", { signal: undefined }, (answer) => answers.push(["options", answer]));
    const lines = [];
    for await (const line of rl) lines.push(line);
    const prl = promises.createInterface({});
    const answer = await prl.question("age? ");
    const plines = [];
    for await (const line of prl) plines.push(line);
    const line = new promises.Readline(null);
    const chained = line.clearLine(0).clearScreenDown().cursorTo(1, 2).moveCursor(1, 1).rollback() === line;
    return JSON.parse(JSON.stringify({
      exports: Object.keys(namespace).sort(),
      defaultKeys: Object.keys(readline),
      promisesExports: Object.keys(promisesNamespace).sort(),
      promisesDefaultKeys: Object.keys(promises),
      promisesOf: [typeof readline.promises, readline.promises.Interface === promises.Interface, readline.Interface === promises.Interface],
      interface: [rl instanceof readline.Interface, rl instanceof EventEmitter, Object.keys(rl), rl.terminal, rl.line, rl.cursor],
      methods: Object.getOwnPropertyNames(readline.Interface.prototype).sort(),
      promisesMethods: Object.getOwnPropertyNames(promises.Interface.prototype).sort(),
      readlineMethods: Object.getOwnPropertyNames(promises.Readline.prototype).sort(),
      calls: [rl.getPrompt(), rl.setPrompt("> "), rl.getPrompt(), rl.prompt(), rl.pause() === rl, rl.resume() === rl, rl.write("x"), rl.getCursorPos(), rl.close()].map((value) => value === undefined ? "undefined" : value),
      answers,
      lines,
      answer,
      plines,
      chained,
      commit: String(await line.commit()),
      functions: [readline.clearLine(process.stdout, 0), readline.clearScreenDown(process.stdout), readline.cursorTo(process.stdout, 0, 0), readline.moveCursor(process.stdout, 1, 1), readline.emitKeypressEvents(process.stdin)].map(String),
      dispose: [typeof rl[Symbol.dispose], typeof rl[Symbol.asyncDispose], String(rl[Symbol.dispose]())],
    }));
  },
};
