//! Every input error a user can cause: a clear message, the position, a hint, the right exit
//! code, and never a panic.

use crate::sandbox_snapshot;
use crate::support::TestContext;

/// A file that does not exist (exit 2).
#[test]
fn missing_file() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["nope.ts"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: Cannot read `nope.ts`
      Caused by: No such file or directory (os error 2)

    hint: check the path
    ");
}

/// A directory without an entry file (exit 4); an unsupported extension, stdin that is not
/// UTF-8 (exit 2).
#[test]
fn unreadable_inputs() {
    let context = TestContext::new();
    std::fs::create_dir(context.temp.path().join("project")).expect("mkdir");
    sandbox_snapshot!(context.run(&["project"]), @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: No entry file found in `project`
      Caused by: looked for `main` in wrangler.json, wrangler.jsonc and wrangler.toml, `exports`, `module` and `main` in package.json, then `src/index.ts`, `src/index.tsx`, `src/index.mts`, `src/index.js`, `src/index.jsx`, `src/index.mjs`, `index.ts`, `index.tsx`, `index.mts`, `index.js`, `index.jsx`, `index.mjs`, `src/worker.ts`, `src/worker.js`

    hint: pass the entry file (such as `project/src/index.ts`), or set `main` in wrangler.toml
    ");
    context.write("script.py", "print('hi')");
    sandbox_snapshot!(context.run(&["script.py"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: Cannot run `script.py`: sandbox runs .js .mjs .cjs .ts .mts .cts .tsx .jsx files, project directories and .json module maps

    hint: pipe other code through stdin with `sandbox run -` if it is JavaScript or TypeScript
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = b"\xff\xfe\x00 not text", @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: stdin is not UTF-8 text

    hint: pipe JavaScript or TypeScript source, or a module map in JSON
    ");
}

/// A syntax error names file, line and column, with a caret (exit 1).
#[test]
fn syntax_error() {
    let context = TestContext::new();
    context.write("broken.ts", "export default {\n  run() {\n    return 1 +;\n  },\n};\n");
    sandbox_snapshot!(context.run(&["broken.ts"]), @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Expression expected
      --> broken.ts:3:15
     3 |     return 1 +;
       |               ^ invalid syntax
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "const x = ;\n", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Expression expected
      --> <stdin>:1:11
     1 | const x = ;
       |           ^ invalid syntax
    ");
}

/// Code fenced as another language is refused with a clear message (exit 1).
#[test]
fn foreign_fence() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-"]), stdin = "```python\nprint('hi')\n```\n", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: The code is fenced as `python`, but sandbox runs JavaScript and TypeScript
      --> <stdin>:1:4
     1 | ```python
       |    ^^^^^^ not JavaScript or TypeScript

    hint: send JavaScript or TypeScript, optionally fenced as ```js or ```ts
    ");
}

/// An agent's answer with prose around one fenced block runs the block, and `--verbose` says
/// the prose was dropped; prose that parses as code (`Here:` is a label) is read the same way.
/// Two blocks, or one in another language, are refused with what to do (exit 1), and a syntax
/// error in the block is shown at its line in the answer.
#[test]
fn prose_around_a_fence() {
    let context = TestContext::new();
    let answer = "Sure! This adds them up:\n\n```ts\nconst total: number = [1, 2, 3].reduce((a, b) => a + b, 0);\nreturn { total };\n```\n\nIt returns 6.\n";
    let run = crate::support::output(&mut context.run(&["--verbose", "-"]), Some(answer.as_bytes()));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(String::from_utf8_lossy(&run.stdout), "{\"total\":6}\n", "{stderr}");
    assert!(
        stderr.contains(
            "read <stdin> as agent code: statements, run as the body of an async function, from the fenced code \
             block on lines 3-6; the text around it was dropped"
        ),
        "{stderr}"
    );
    sandbox_snapshot!(context.run(&["-"]), stdin = "Here:\n```js\nreturn 41 + 1\n```\n", @"
    exit code: 0
    ----- stdout -----
    42
    ----- stderr -----
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "Two:\n```js\n1\n```\nand\n```js\n2\n```\n", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: The answer has 2 fenced code blocks (lines 2-4, 6-8), and sandbox runs one program
      --> <stdin>:7:1
     7 | 2
       | ^ another code block

    hint: send the code of one block, or join the blocks into one
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "In Python:\n\n```python\nprint(1)\n```\n", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: The code is fenced as `python`, but sandbox runs JavaScript and TypeScript
      --> <stdin>:3:4
     3 | ```python
       |    ^^^^^^ not JavaScript or TypeScript

    hint: send JavaScript or TypeScript, optionally fenced as ```js or ```ts
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "Broken one:\n```ts\nconst x = ;\n```\n", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Expression expected
      --> <stdin>:3:11
     3 | const x = ;
       |           ^ invalid syntax
    ");
    // Code that holds a fence in a string is code.
    sandbox_snapshot!(context.run(&["-"]), stdin = "const fence = '```';\nreturn fence + 'js';\n", @"
    exit code: 0
    ----- stdout -----
    ```js
    ----- stderr -----
    ");
}

/// Module maps: missing `mainModule`, an unknown module type, invalid JSON (exit 2); an import
/// of a name not in the map (exit 1, at the import).
#[test]
fn module_map_errors() {
    let context = TestContext::new();
    context.write("no-main.json", "{\n  \"modules\": { \"a.js\": \"export default 1\" }\n}\n");
    sandbox_snapshot!(context.run(&["no-main.json"]), @r#"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: The module map has no `mainModule`
      --> no-main.json:1:1
     1 | {
       | ^ `mainModule` is missing

    hint: add `"mainModule"` with the name of the module to run, such as `"agent.js"`
    "#);
    context.write(
        "python.json",
        "{\n  \"mainModule\": \"a.py\",\n  \"modules\": {\n    \"a.py\": { \"python\": \"print(1)\" }\n  }\n}\n",
    );
    sandbox_snapshot!(context.run(&["python.json"]), @r#"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: The module `a.py` has an unknown type `python`
      --> python.json:4:15
     4 |     "a.py": { "python": "print(1)" }
       |               ^^^^^^^^ unknown module type

    hint: A module object has one key: `js`, `cjs`, `text`, `data`, `json` or `wasm`
    "#);
    context.write("invalid.json", "{ \"mainModule\": \"a.js\", ");
    sandbox_snapshot!(context.run(&["invalid.json"]), @r#"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: The module map is not valid JSON
      --> invalid.json:1:24
     1 | { "mainModule": "a.js",
       |                        ^ EOF while parsing an object

    hint: A module map looks like `{"mainModule": "agent.js", "modules": {"agent.js": "..."}}`
    "#);
    context.write("missing.json", r#"{"mainModule":"a.js","modules":{"a.js":"import { helper } from './helper.js';\nexport default () => helper();"}}"#);
    sandbox_snapshot!(context.run(&["missing.json"]), @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Cannot find module `./helper.js` imported by `a.js`: it is not in the module map (which has `a.js`)
      --> a.js:1:24
     1 | import { helper } from './helper.js';
       |                        ^

    hint: a module map must contain every module that is imported; bundle the project with `sandbox bundle` to collect them
    ");
}

/// `--arg` that is not JSON, an unknown `--method`, an unknown `--entrypoint` (exit 2).
#[test]
fn invocation_errors() {
    let context = TestContext::new();
    context.write("agent.js", "export default { a() { return 1; }, b() { return 2; } };\nexport const helper = 1;\n");
    sandbox_snapshot!(context.run(&["agent.js", "--method", "a", "--arg", "{city: Oslo}"]), @r#"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: `--arg` number 1 is not valid JSON: key must be a string at line 1 column 2

    hint: quote strings as JSON, e.g. --arg '"Oslo"', and objects like --arg '{"city":"Oslo"}'
    "#);
    sandbox_snapshot!(context.run(&["agent.js", "--method", "c"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: The default export has no method `c`

    hint: its methods are `a`, `b`
    ");
    sandbox_snapshot!(context.run(&["agent.js"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: The default export has several methods; choose one with `--method`

    hint: pass `--method NAME`, one of `a`, `b`
    ");
    sandbox_snapshot!(context.run(&["agent.js", "--entrypoint", "Missing"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: The module has no export named `Missing`

    hint: the module exports `default`, `helper`
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "export default { fetch() { return new Response('hi'); } };", @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: The default export is a `fetch` handler, which needs a request to handle

    hint: call it with a request, e.g. `--request 'GET /'`, or call another method with `--method`
    ");
}

/// Flags that conflict or do not parse (exit 2).
#[test]
fn flag_errors() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-", "--quiet", "--json"]), stdin = "1", @r#"
    exit code: 2
    ----- stdout -----
    {"ok":false,"result":null,"error":{"code":"usage","name":null,"message":"`--quiet` and `--json` cannot be used together","stack":null,"file":null,"line":null,"column":null,"hint":"`--json` collects console output into `logs`; leave out `--quiet`"},"logs":[],"stats":null}
    ----- stderr -----
    "#);
    sandbox_snapshot!(context.run(&["-", "--timeout", "soon"]), stdin = "1", @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: Invalid `--timeout`: `soon` is not a duration

    hint: durations look like 500ms, 2s or 1m
    ");
    sandbox_snapshot!(context.run(&["-", "--timeout", "200"]), stdin = "1", @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: Invalid `--timeout`: `200` has no unit: write it like 500ms, 2s or 1m

    hint: durations look like 500ms, 2s or 1m
    ");
    sandbox_snapshot!(context.run(&["-", "--memory", "1MB"]), stdin = "1", @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: `--memory 1MB` is too small for a JavaScript heap

    hint: use at least 8MiB
    ");
    sandbox_snapshot!(context.run(&["-", "--env", "SANDBOX_TEST_NOT_SET"]), stdin = "1", @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: `--env SANDBOX_TEST_NOT_SET` names a variable that is not set in this environment

    hint: set it, or give a value: --env SANDBOX_TEST_NOT_SET=VALUE
    ");
    let output = crate::support::output(&mut context.run(&["-", "--no-such-flag"]), Some(b"1"));
    assert_eq!(output.status.code(), Some(2));
}

/// Results JSON cannot hold, and promises that never settle, fail with what to do (exit 1).
#[test]
fn result_errors() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-"]), stdin = "({ total: 10n })", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: The result cannot be turned into JSON: `result.total` is a BigInt

    hint: convert it with `String()` or `Number()`
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "const m = new Map(); ({ data: [m] })", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: The result cannot be turned into JSON: `result.data[0]` is a Map

    hint: convert it with `Object.fromEntries(map)`
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "await new Promise(() => {})", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: The entrypoint's promise never settled, and nothing is left that could settle it

    hint: the promise the entrypoint returned was still pending when no timer or other work was left; make sure it resolves or rejects
    ");
}

/// `--json` reports input errors in the same object shape (exit codes unchanged).
#[test]
fn json_errors() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["missing.js", "--json"]), @r#"
    exit code: 2
    ----- stdout -----
    {"ok":false,"result":null,"error":{"code":"unreadable-input","name":null,"message":"Cannot read `missing.js`","stack":null,"file":null,"line":null,"column":null,"hint":"check the path","causes":["No such file or directory (os error 2)"]},"logs":[],"stats":null}
    ----- stderr -----
    "#);
    sandbox_snapshot!(context.run(&["-", "--json"]), stdin = "let = ;", @r#"
    exit code: 1
    ----- stdout -----
    {"ok":false,"result":null,"error":{"code":"syntax-error","name":null,"message":"`let` cannot be used as an identifier in strict mode","stack":null,"file":"<stdin>","line":1,"column":1,"hint":null},"logs":[],"stats":null}
    ----- stderr -----
    "#);
}
