//! `sandbox run` on the inputs users give it, when everything goes right (and a few ways
//! the code itself fails).

use crate::sandbox_snapshot;
use crate::support::{TestContext, output};

/// Agent code on stdin: statements run as a function body and the last expression is the result.
#[test]
fn stdin_statements_return_last_expression() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-"]), stdin = "return 6 * 7", @"
    exit code: 0
    ----- stdout -----
    42
    ----- stderr -----
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "1+1\n", @"
    exit code: 0
    ----- stdout -----
    2
    ----- stderr -----
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "const items: number[] = [1, 2, 3];\nawait null;\nitems.map((n) => n * 2)", @"
    exit code: 0
    ----- stdout -----
    [2,4,6]
    ----- stderr -----
    ");
}

/// Agent code shapes: a fenced block in any case, an arrow function with a trailing `;`, a
/// lone function declaration, and empty input.
#[test]
fn stdin_agent_code_shapes() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-"]), stdin = "```JavaScript\nconst a = 40;\na + 2\n```\n", @"
    exit code: 0
    ----- stdout -----
    42
    ----- stderr -----
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "async () => { await null; return 'arrow'; };", @"
    exit code: 0
    ----- stdout -----
    arrow
    ----- stderr -----
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "async function main() { return { from: 'main' }; }", @r#"
    exit code: 0
    ----- stdout -----
    {"from":"main"}
    ----- stderr -----
    "#);
    sandbox_snapshot!(context.run(&["-"]), stdin = "// nothing to do\n", @"
    exit code: 0
    ----- stdout -----
    ----- stderr -----
    ");
}

/// A module's only method is called; `--method`, `--arg` and `--env` choose what and with what.
#[test]
fn module_method_args_and_env() {
    let context = TestContext::new();
    context.write(
        "agent.ts",
        "export default {\n  async myAgent(params: { city: string }, env: Record<string, string>, ctx: { waitUntil: unknown }) {\n    return { city: params.city, key: env.API_KEY, home: env.HOME_DIR, ctx: typeof ctx.waitUntil };\n  },\n  other() {},\n};\n",
    );
    let mut command = context.run(&[
        "agent.ts",
        "--method",
        "myAgent",
        "--arg",
        r#"{"city":"Oslo"}"#,
        "--env",
        "API_KEY=k-123",
        "--env",
        "HOME_DIR",
    ]);
    command.env("HOME_DIR", "/home/agent");
    sandbox_snapshot!(command, @r#"
    exit code: 0
    ----- stdout -----
    {"city":"Oslo","key":"k-123","home":"/home/agent","ctx":"function"}
    ----- stderr -----
    "#);
}

/// `--entrypoint` picks a named export; a class is constructed with (ctx, env) like a WorkerEntrypoint.
#[test]
fn class_entrypoint() {
    let context = TestContext::new();
    context.write(
        "agent.ts",
        "import { WorkerEntrypoint } from \"cloudflare:workers\";\nexport class Agent extends WorkerEntrypoint {\n  greet(name: string) { return `${this.env.GREETING}, ${name}!`; }\n}\n",
    );
    sandbox_snapshot!(context.run(&["agent.ts", "--entrypoint", "Agent", "--arg", "\"Ada\"", "--env", "GREETING=Hello"]), @"
    exit code: 0
    ----- stdout -----
    Hello, Ada!
    ----- stderr -----
    ");
}

/// Strings print as they are, `undefined` prints nothing, other values as JSON (indented with --pretty).
#[test]
fn result_printing() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-"]), stdin = "'two\\nlines'", @"
    exit code: 0
    ----- stdout -----
    two
    lines
    ----- stderr -----
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "undefined", @"
    exit code: 0
    ----- stdout -----
    ----- stderr -----
    ");
    sandbox_snapshot!(context.run(&["-", "--pretty"]), stdin = "({ list: [1, { deep: true }], empty: {} })", @r#"
    exit code: 0
    ----- stdout -----
    {
      "list": [
        1,
        {
          "deep": true
        }
      ],
      "empty": {}
    }
    ----- stderr -----
    "#);
}

/// Console output goes to stderr, formatted like Node; stdout has only the result.
#[test]
fn console_goes_to_stderr() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-"]), stdin = "console.log('hello', { a: [1, 2] }); console.warn('careful'); 'result'", @"
    exit code: 0
    ----- stdout -----
    result
    ----- stderr -----
    hello { a: [ 1, 2 ] }
    careful
    ");
}

/// Stack frames in console output (`console.trace`, a logged error) point at the user's
/// TypeScript, as an uncaught error's do, without the runtime's own frames; with `--json` too.
#[test]
fn console_stack_frames_point_at_the_source() {
    let context = TestContext::new();
    context.write(
        "trace.ts",
        "interface Thing {\n  name: string;\n}\n\nfunction helper(thing: Thing): void {\n  console.trace('tracing', thing.name);\n  console.error(new Error('logged'));\n}\n\nexport default {\n  run(): number {\n    helper({ name: 'x' });\n    return 1;\n  },\n};\n",
    );
    sandbox_snapshot!(context.run(&["trace.ts"]), @"
    exit code: 0
    ----- stdout -----
    1
    ----- stderr -----
    Trace: tracing x
        at helper (trace.ts:6:11)
        at Object.run (trace.ts:12:5)
    Error: logged
        at helper (trace.ts:7:17)
        at Object.run (trace.ts:12:5)
    ");
    sandbox_snapshot!(context.run(&["-", "--json"]), stdin = "console.trace('here'); 1", @r#"
    exit code: 0
    ----- stdout -----
    {"ok":true,"result":1,"error":null,"logs":[{"level":"error","message":"Trace: here\n    at default (<stdin>:1:9)"}],"stats":{"wall_ms":[N],"cpu_ms":[N],"heap_peak_bytes":[N],"array_buffer_peak_bytes":[N],"isolate_start_us":[N]}}
    ----- stderr -----
    "#);
}

/// `--json` prints one object with the result, the collected logs and the measurements.
#[test]
fn json_envelope() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-", "--json"]), stdin = "console.info('working'); ({ answer: 42 })", @r#"
    exit code: 0
    ----- stdout -----
    {"ok":true,"result":{"answer":42},"error":null,"logs":[{"level":"info","message":"working"}],"stats":{"wall_ms":[N],"cpu_ms":[N],"heap_peak_bytes":[N],"array_buffer_peak_bytes":[N],"isolate_start_us":[N]}}
    ----- stderr -----
    "#);
    sandbox_snapshot!(context.run(&["-", "--json"]), stdin = "console.log('before'); throw new TypeError('bad')", @r#"
    exit code: 1
    ----- stdout -----
    {"ok":false,"result":null,"error":{"code":"uncaught","name":"TypeError","message":"bad","stack":"TypeError: bad\n    at default (<stdin>:1:30)","file":"<stdin>","line":1,"column":30,"hint":null},"logs":[{"level":"log","message":"before"}],"stats":{"wall_ms":[N],"cpu_ms":[N],"heap_peak_bytes":[N],"array_buffer_peak_bytes":[N],"isolate_start_us":[N]}}
    ----- stderr -----
    "#);
}

/// A Worker Loader module map runs from a file and from stdin.
#[test]
fn module_map() {
    let context = TestContext::new();
    let map = r#"{"mainModule":"main.js","modules":{"main.js":"import greet from './lib.cjs';\nimport words from './words.txt';\nexport default () => greet(words)","lib.cjs":{"cjs":"module.exports = (text) => text.toUpperCase();"},"words.txt":{"text":"from a map"}}}"#;
    context.write("modules.json", map);
    sandbox_snapshot!(context.run(&["modules.json"]), @"
    exit code: 0
    ----- stdout -----
    FROM A MAP
    ----- stderr -----
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = map, @"
    exit code: 0
    ----- stdout -----
    FROM A MAP
    ----- stderr -----
    ");
}

/// A CommonJS file's `module.exports` is the entrypoint.
#[test]
fn common_js_file() {
    let context = TestContext::new();
    context.write("tool.cjs", "module.exports = { run(a, b) { return a + b; } };\n");
    sandbox_snapshot!(context.run(&["tool.cjs", "--arg", "2", "--arg", "3"]), @"
    exit code: 0
    ----- stdout -----
    5
    ----- stderr -----
    ");
}

/// An exception in TypeScript points at the line and column of the .ts file, with a code frame.
#[test]
fn typescript_error_positions() {
    let context = TestContext::new();
    context.write(
        "agent.ts",
        "type Input = { n: number };\n\nfunction check(input: Input): number {\n  if (input.n < 0) {\n    throw new RangeError(`negative: ${input.n}`);\n  }\n  return input.n;\n}\n\nexport default { run(input: Input) { return check(input); } };\n",
    );
    sandbox_snapshot!(context.run(&["agent.ts", "--arg", r#"{"n":-1}"#]), @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Uncaught RangeError: negative: -1
        at check (agent.ts:5:11)
        at run (agent.ts:10:45)
     5 |     throw new RangeError(`negative: ${input.n}`);
       |           ^
    ");
}

/// Agent code errors point at the line the agent wrote, inside the wrapper function.
#[test]
fn agent_code_error_positions() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-"]), stdin = "const a = 1;\nconst b: number = 2;\nnull.boom;\n", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Uncaught TypeError: Cannot read properties of null (reading 'boom')
        at default (<stdin>:3:6)
     3 | null.boom;
       |      ^
    ");
}

/// `eval` while the entrypoint runs is refused, with a message naming the phase and a hint
/// naming `--allow-eval`, which allows it.
#[test]
fn eval_needs_a_flag() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-"]), stdin = "eval('1 + 1')", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Uncaught EvalError: Code generation from strings disallowed for this context: refused while the entrypoint runs (allowed while a module's top level is evaluated)
        at default (<stdin>:1:1)
     1 | eval('1 + 1')
       | ^

    hint: compile at a module's top level (as ajv and handlebars do), or pass `--allow-eval` to allow `eval` and `new Function` while the entrypoint runs too
    ");
    sandbox_snapshot!(context.run(&["-", "--allow-eval"]), stdin = "eval('1 + 1')", @"
    exit code: 0
    ----- stdout -----
    2
    ----- stderr -----
    ");
}

/// `eval` and `new Function` work while a module's top level is evaluated, as in workerd
/// (ajv and handlebars compile there), in the entry and in a file it imports; the function
/// made there runs during the call.
#[test]
fn eval_at_top_level_is_allowed() {
    let context = TestContext::new();
    context.write("compile.js", "export const double = new Function('a', 'return a * 2');\n");
    context.write(
        "agent.js",
        "import { double } from './compile.js';\nconst base = eval('20');\nexport default () => double(base + 1);\n",
    );
    sandbox_snapshot!(context.run(&["agent.js"]), @"
    exit code: 0
    ----- stdout -----
    42
    ----- stderr -----
    ");
}

/// A compatibility date before 2025-06-01 refuses `eval` at the top level too, as workerd
/// does; the message names the phase and the hint the ways to allow it.
#[test]
fn eval_at_top_level_follows_the_compatibility_date() {
    let context = TestContext::new();
    context.write("agent.js", "const base = eval('20');\nexport default () => base;\n");
    sandbox_snapshot!(context.run(&["agent.js", "--compatibility-date", "2025-05-31"]), @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Uncaught EvalError: Code generation from strings disallowed for this context: refused at a module's top level by the compatibility date (before 2025-06-01) or `disallow_eval_during_startup`
        at agent.js:1:14
     1 | const base = eval('20');
       |              ^

    hint: use a compatibility date from 2025-06-01 on, or `--compatibility-flag allow_eval_during_startup`, or pass `--allow-eval`
    ");
    sandbox_snapshot!(context.run(&["agent.js", "--compatibility-date", "2025-05-31", "--allow-eval"]), @"
    exit code: 0
    ----- stdout -----
    20
    ----- stderr -----
    ");
}

/// No network, no Node.js globals (without Node.js compatibility; with it, `process` holds
/// nothing of the host's), no host environment: each absence is explained.
#[test]
fn least_privilege() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-"]), stdin = "await fetch('https://example.com')", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Uncaught TypeError: Network access is disabled: this sandbox may not fetch `https://example.com`. Allow the host with `--allow-net example.com`
        at default (<stdin>:1:7)
     1 | await fetch('https://example.com')
       |       ^
    ");
    const WITHOUT_NODE: [&str; 3] = ["-", "--compatibility-date", "2024-01-01"];
    sandbox_snapshot!(context.run(&WITHOUT_NODE), stdin = "process.env.HOME", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Uncaught ReferenceError: process is not defined
        at default (<stdin>:1:1)
     1 | process.env.HOME
       | ^

    hint: Node.js compatibility is off (by the compatibility date or flags): add `--compatibility-flag nodejs_compat` for Node.js's globals and modules
    ");
    // Node.js's `fs` is a file system of the run's own: the host's files are not in it.
    sandbox_snapshot!(context.run(&["-"]), stdin = "import fs from 'node:fs';\nfs.readFileSync('/etc/passwd')", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Uncaught Error: no such file or directory, readAll '/etc/passwd'
        at _stdin__default (<stdin>.ts:2:4)
     2 | fs.readFileSync('/etc/passwd')
       |    ^
    ");
    // Without Node.js compatibility, as from a file: a bundling error (exit 4), before anything runs.
    sandbox_snapshot!(context.run(&WITHOUT_NODE), stdin = "import fs from 'node:fs';\nfs.readFileSync('/etc/passwd')", @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `node:fs` imported by <stdin>.ts:1:16 is a Node.js built-in module, which the runtime has only with Node.js compatibility
      --> <stdin>.ts:1:16
     1 | import fs from 'node:fs';
       |                ^^^^^^^^^ Node.js built-in module

    hint: the compatibility date or flags turn Node.js compatibility off: add `--compatibility-flag nodejs_compat`, or use a Web API instead
    ");
    // `--external` reaches the bundler for stdin too: the import is left to the runtime, which
    // has no Node.js modules without Node.js compatibility.
    let mut external = context.run(&WITHOUT_NODE);
    external.args(["--external", "node:fs"]);
    sandbox_snapshot!(external, stdin = "import fs from 'node:fs';\nexport default { run: () => typeof fs };\n", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Cannot find module `node:fs` imported by `<stdin>.js`: Node.js built-in modules need Node.js compatibility (the compatibility flag `nodejs_compat`, on by default from 2026-08-04)
      --> <stdin>.js:1:16

    hint: add `--compatibility-flag nodejs_compat` (the compatibility date or flags turn Node.js compatibility off)
    ");
    sandbox_snapshot!(context.run(&WITHOUT_NODE), stdin = "[typeof process, typeof require, typeof fetch, typeof Deno, Object.keys(globalThis)]", @r#"
    exit code: 0
    ----- stdout -----
    ["undefined","undefined","function","undefined",[]]
    ----- stderr -----
    "#);
    // With Node.js compatibility (the default date has it), `process.env` holds no host variable.
    sandbox_snapshot!(context.run(&["-"]).env("HOME", "/home/host-user"), stdin = "[typeof process, typeof require, typeof fetch, typeof Deno, Object.keys(globalThis), process.env, process.cwd()]", @r#"
    exit code: 0
    ----- stdout -----
    ["object","undefined","function","undefined",[],{},"/bundle"]
    ----- stderr -----
    "#);
}

/// An unhandled rejection and an error thrown in a timer fail the run.
#[test]
fn async_failures_fail_the_run() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-"]), stdin = "Promise.reject(new Error('ignored'));\nawait new Promise((r) => setTimeout(r, 5));\n'never'", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Uncaught (in promise) Error: ignored
        at default (<stdin>:1:16)
     1 | Promise.reject(new Error('ignored'));
       |                ^
    ");
    sandbox_snapshot!(context.run(&["-"]), stdin = "setTimeout(() => { throw new Error('in a timer'); });\nawait new Promise((r) => setTimeout(r, 5));\n'never'", @"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Uncaught Error: in a timer
        at <stdin>:1:26
     1 | setTimeout(() => { throw new Error('in a timer'); });
       |                          ^
    ");
}

/// `--verbose` says how the input was read and what the run measured.
#[test]
fn verbose_explains() {
    let context = TestContext::new();
    let output = crate::support::output(&mut context.run(&["-", "--verbose"]), Some(b"1 + 1"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("read <stdin> as agent code: statements"), "{stderr}");
    assert!(stderr.contains("isolate start"), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "2\n");
}

/// `--mount` gives the code files of the caller's, read-only in `node:fs` at the paths named,
/// and nothing else: a link in a mounted directory is left out (it would lead elsewhere on the
/// host), a write is refused, and the host's other files stay out of reach.
#[test]
fn mounted_files_are_read_only() {
    let context = TestContext::new();
    let table = context.write("data/table.csv", "a,b\n1,2\n");
    context.write("data/notes/today.txt", "mounted\n");
    let secret = context.write("secret.txt", "host secret 7731");
    let data = table.parent().expect("the data folder").to_path_buf();
    std::os::unix::fs::symlink(&secret, data.join("link.txt")).expect("a link");
    let code = r#"import fs from "node:fs";
const out = {
  table: fs.readFileSync("/mnt/table.csv", "utf8"),
  listed: fs.readdirSync("/inputs", { recursive: true }).sort(),
  notes: fs.readFileSync("/inputs/notes/today.txt", "utf8"),
};
try { fs.writeFileSync("/mnt/table.csv", "x"); } catch (error) { out.write = error.code; }
try { fs.readFileSync("secret.txt"); } catch (error) { out.secret = error.code; }
return out;"#;
    let data = format!("{}:/inputs", data.display());
    let mut command = context.run(&["-", "--mount", table.to_str().expect("a path"), "--mount", &data]);
    let result = output(&mut command, Some(code.as_bytes()));
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert_eq!(result.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&result.stderr));
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(value["table"], "a,b\n1,2\n");
    assert_eq!(value["listed"], serde_json::json!(["notes", "notes/today.txt", "table.csv"]));
    assert_eq!(value["notes"], "mounted\n");
    assert_eq!(value["write"], "EPERM");
    assert_eq!(value["secret"], "ENOENT");
    assert!(!stdout.contains("7731"), "{stdout}");
}

/// A `--mount` that cannot be given is a usage error (exit 2) naming it, before anything runs:
/// a missing file, and a place the file system keeps for itself.
#[test]
fn mount_refusals() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-", "--mount", "missing.csv"]), stdin = "return 1", @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: `--mount missing.csv`: cannot read `missing.csv`: No such file or directory (os error 2)

    hint: check the path
    ");
    sandbox_snapshot!(context.run(&["-", "--mount", "data.csv:/tmp/data.csv"]), stdin = "return 1", @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: `--mount data.csv:/tmp/data.csv`: `/tmp/data.csv` is not a place a file can be given

    hint: give an absolute path outside /bundle, /tmp and /dev, e.g. --mount data.csv:/data/data.csv
    ");
}
