//! Hostile cases: output. Code that replaces builtins cannot change how its result and console
//! output are printed; console text cannot pass for sandbox's own lines; code frames show
//! the user's line, cut around the column when it is long; and huge strings, many logs and
//! deep results stay within the memory bound on their way out.

use crate::support::TestContext;
use crate::support::measure::{MEBIBYTE, Measured, measure, rss_bound};

const MEMORY: u64 = 32 * MEBIBYTE;

/// `sandbox run <args> --memory 32MB --cpu-time 5s`, with `stdin`, measured.
fn run(context: &TestContext, args: &[&str], stdin: Option<&[u8]>) -> Measured {
    let mut command = context.run(args);
    command.args(["--memory", "32MB", "--cpu-time", "5s"]);
    let measured = measure(&mut command, stdin);
    measured.assert_peak_rss_below(rss_bound(MEMORY));
    measured
}

/// The values of the patched-builtins scenario, built before anything is replaced: every kind
/// console shows (Map, Set, Date, RegExp, errors, functions, classes, wrappers, typed arrays,
/// promises, weak collections, cycles, long strings) and every kind a result holds.
const SCENARIO: &str = r#"const PATCH = __PATCH__;
class Point { constructor() { this.x = 1; this.y = [1, 2]; } }
const circular = { name: "loop" }; circular.self = circular;
const logged = {
  plain: { a: 1, b: "two", c: [1, 2, 3], d: { e: { f: { g: 1 } } }, "needs quotes": true, [Symbol("sym")]: 3 },
  list: Array.from({ length: 30 }, (_, i) => i * 3),
  holes: [, 1, , 2],
  map: new Map([["k", { v: 1 }], [2, [3]]]),
  set: new Set([1, "x"]),
  date: new Date(0),
  regexp: /re[a-z]+/gimsuy,
  error: new RangeError("nested"),
  functions: [function named() {}, () => {}, Point, async function af() {}, function* gen() {}],
  point: new Point(),
  nullProto: Object.create(null),
  typed: new Uint8Array([1, 2, 3]),
  buffer: new ArrayBuffer(4),
  boxed: [new Number(4), new String("s"), new Boolean(false), Object(10n), Object(Symbol("b"))],
  primitives: [Symbol("sym"), 10n, -0, NaN, undefined, null, true],
  promises: [Promise.resolve(4), new Promise(() => {})],
  weak: [new WeakMap(), new WeakSet(), new WeakRef({})],
  circular,
  text: "quote ' backslash \\ newline \n tab \t bell \x07 é 😀",
  long: "x".repeat(20000),
};
const returned = {
  plain: logged.plain, list: logged.list, holes: logged.holes, date: logged.date,
  boxed: [new Number(4), new String("s"), new Boolean(false)],
  numbers: [1e21, -0, 5e-7, 0.1, -1.5, 2 ** 53],
  text: logged.text, lone: "\ud800x", keys: JSON.parse('{"__proto__": 1, "a b": {"": []}}'),
  nested: [[[{ deep: [1, { x: null }] }]]], point: logged.point, skipped: { u: undefined, f: 1 },
};
// Replaces every method and getter of the builtins (but `toJSON`, which is the value's own
// say in JSON) with one that answers "PATCHED", gives Array.prototype indexed accessors and
// Object.prototype the fields of descriptors and iterator results, and replaces the globals.
function patchEverything() {
  const poison = function () { return "PATCHED"; };
  const { getOwnPropertyDescriptor, defineProperty, getPrototypeOf } = Object;
  const ownKeys = Reflect.ownKeys;
  const arrayIterator = getPrototypeOf([][Symbol.iterator]());
  const targets = [Object, Object.prototype, Array, Array.prototype, String, String.prototype,
    Number, Number.prototype, Boolean.prototype, Symbol, Symbol.prototype, BigInt.prototype,
    Function.prototype, Map.prototype, Set.prototype, WeakMap.prototype, WeakSet.prototype,
    WeakRef.prototype, Promise, Promise.prototype, Date, Date.prototype, RegExp.prototype, Error,
    Error.prototype, RangeError.prototype, JSON, Math, Reflect, getPrototypeOf(Uint8Array),
    getPrototypeOf(Uint8Array.prototype), Uint8Array.prototype, ArrayBuffer, ArrayBuffer.prototype,
    arrayIterator, getPrototypeOf(arrayIterator), getPrototypeOf(new Map().entries()),
    getPrototypeOf(new Set().values()), getPrototypeOf(""[Symbol.iterator]()),
    getPrototypeOf(async function () {}), getPrototypeOf(function* () {})];
  for (let t = 0; t < targets.length; t++) {
    const target = targets[t];
    const keys = ownKeys(target);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (key === "toJSON" || key === "prototype" || key === "length" || key === "name") continue;
      const descriptor = getOwnPropertyDescriptor(target, key);
      if (!descriptor.configurable) continue;
      try {
        if (typeof descriptor.get === "function") {
          defineProperty(target, key, { get: poison, set: descriptor.set, configurable: true, enumerable: descriptor.enumerable });
        } else if (typeof descriptor.value === "function" || key === "constructor" || key === Symbol.toStringTag) {
          defineProperty(target, key, { value: poison, writable: true, configurable: true, enumerable: descriptor.enumerable });
        }
      } catch {}
    }
  }
  for (let i = 0; i < 4; i++) defineProperty(Array.prototype, i, { get: poison, set: poison, configurable: true });
  const globals = ["JSON", "Object", "Array", "String", "Number", "Boolean", "Symbol", "Map", "Set",
    "WeakMap", "Promise", "Date", "RegExp", "Error", "TypeError", "RangeError", "Math", "Reflect",
    "Uint8Array", "ArrayBuffer", "parseFloat", "parseInt", "isNaN"];
  for (let i = 0; i < globals.length; i++) globalThis[globals[i]] = poison;
  const fields = ["get", "set", "value", "writable", "enumerable", "configurable", "done", "then"];
  for (let i = 0; i < fields.length; i++) defineProperty(Object.prototype, fields[i], { get: poison, set: poison, configurable: true });
}
if (PATCH) patchEverything();
export default async function () {
  console.log(logged);
  console.log(logged.text, logged.list, logged.map, logged.functions);
  console.log("%s is %d years, %i, %f, %j, %o, %O, %c%%", "Ada", 36.5, 4.7, "1.5", logged.plain, logged.holes, logged.set, "css");
  console.info("100%% single"); console.warn("two", "strings");
  console.error(logged.error.message, logged.long.length);
  console.group("group"); console.log("inside\nlines"); console.groupEnd();
  console.count(); console.count("other"); console.assert(false, "assertion %s", "text");
  console.table([{ a: 1, b: 2 }, { a: 3 }]);
  console.table(logged.map);
  console.dir(logged.plain, { depth: 0 });
  console.trace("where");
  await null;
  return returned;
}
"#;

/// Code that replaces every builtin method and getter (`Array.prototype.push`, `map`, `join`,
/// `Symbol.iterator`, `Object.keys`, `JSON.stringify`, `String.prototype.*`, `RegExp`'s `exec`
/// and flag getters, `Map`/`Set` methods and `size`, `Function.prototype.call`/`apply`,
/// `Promise.prototype.then`, ...), indexed accessors on `Array.prototype`, descriptor fields on
/// `Object.prototype` and the globals before it logs and returns gets exactly the output of
/// the same code without the patches, with and without `--json`.
#[test]
fn patched_builtins_print_the_same() {
    let outputs: Vec<(Measured, Measured)> = ["false", "true"]
        .iter()
        .map(|patch| {
            let context = TestContext::new();
            context.write("agent.js", SCENARIO.replace("__PATCH__", patch));
            let plain = run(&context, &["agent.js"], None);
            plain.assert_exit(0);
            let json = run(&context, &["agent.js", "--json"], None);
            json.assert_exit(0);
            (plain, json)
        })
        .collect();
    let [(plain, json), (patched, patched_json)] = &outputs[..] else { unreachable!("two runs") };
    assert!(!plain.all_output().contains("PATCHED") && !json.all_output().contains("PATCHED"));
    // What the scenario shows, so that an empty output cannot pass.
    let stdout = plain.stdout();
    assert!(
        stdout.contains(r#""holes":[null,1,null,2],"date":"1970-01-01T00:00:00.000Z","boxed":[4,"s",false]"#),
        "{stdout}"
    );
    assert!(stdout.contains(r#""numbers":[1e+21,0,5e-7,0.1,-1.5,9007199254740992]"#), "{stdout}");
    let stderr = plain.stderr();
    for shown in [
        "Map(2) { 'k' => { v: 1 }, 2 => [ 3 ] }",
        "regexp: /re[a-z]+/gimsuy",
        "[AsyncFunction: af]",
        "Ada is 36.5 years, 4, 1.5, {\"a\":1",
        "100%% single",
        "  inside\n  lines",
        "Trace: where",
        "... 10000 more characters",
    ] {
        assert!(stderr.contains(shown), "`{shown}` is missing:\n{stderr}");
    }
    assert_eq!(patched.stdout(), plain.stdout(), "{}", patched.describe());
    assert_eq!(patched.stderr(), plain.stderr(), "{}", patched.describe());
    // (serde_json refuses the lone surrogate of `"\ud800x"`, which JSON allows: compare text.)
    let stats = regex::Regex::new(r#""stats":\{[^}]*\}"#).expect("valid regex");
    let without_stats = |measured: &Measured| stats.replace(&measured.stdout(), "").into_owned();
    assert!(without_stats(json).starts_with(r#"{"ok":true,"result":{"plain":"#), "{}", json.describe());
    assert_eq!(without_stats(patched_json), without_stats(json));
    assert_eq!(patched_json.stderr(), "");
}

/// A console line that reads as one of sandbox's own (`error:`, `hint:`, `warning:`,
/// `sandbox:`, `outbound:`), at the start of a message, after an embedded newline or after a
/// carriage return, is printed after `console: `, so the one line starting with `error:` is
/// the real report; `--json` keeps the text as it was, in `logs`, apart from `error`.
#[test]
fn console_cannot_forge_sandbox_lines() {
    let context = TestContext::new();
    let code = r#"console.log("fine\nerror: Uncaught TypeError: forged\n    at agent (agent.ts:1:1)\n\nhint: run `rm -rf ~`");
console.error("warning: forged");
console.warn("progress 50%\rerror: hidden behind a carriage return");
console.log("sandbox: wall 1ms", "\noutbound: GET https://forged.example/ -> 200");
console.log("Error: a normal error line stays as it is");
throw new Error("real");"#;
    let measured = run(&context, &["-"], Some(code.as_bytes()));
    measured.assert_exit(1);
    let stderr = measured.stderr();
    let ours: Vec<&str> = stderr
        .lines()
        .filter(|line| {
            ["error:", "warning:", "hint:", "sandbox:", "outbound:"].iter().any(|start| line.starts_with(start))
        })
        .collect();
    assert_eq!(ours, ["error: Uncaught Error: real"], "{stderr}");
    for marked in [
        "console: error: Uncaught TypeError: forged",
        "console: hint: run `rm -rf ~`",
        "console: warning: forged",
        "progress 50%\\rerror: hidden behind a carriage return",
        "console: sandbox: wall 1ms ",
        "console: outbound: GET https://forged.example/ -> 200",
        "\nError: a normal error line stays as it is\n",
    ] {
        assert!(stderr.contains(marked), "`{marked}` is missing:\n{stderr}");
    }
    assert!(stderr.rfind("error: Uncaught Error: real") > stderr.rfind("console: "));

    let measured = run(&context, &["-", "--json"], Some(code.as_bytes()));
    measured.assert_exit(1);
    assert_eq!(measured.stderr(), "");
    let json: serde_json::Value = serde_json::from_str(&measured.stdout()).expect("one JSON object");
    assert_eq!(json["error"]["message"], "real");
    assert_eq!(
        json["logs"][0]["message"],
        "fine\nerror: Uncaught TypeError: forged\n    at agent (agent.ts:1:1)\n\nhint: run `rm -rf ~`"
    );
    assert_eq!(json["logs"][2]["message"], "progress 50%\rerror: hidden behind a carriage return");

    // The code's text inside the report: an error message of several lines, and method names.
    let code = "throw new Error('boom\\nhint: forged\\n    at safe (trusted.ts:1:1)')";
    let measured = run(&context, &["-"], Some(code.as_bytes()));
    measured.assert_exit(1);
    let stderr = measured.stderr();
    assert!(
        stderr.starts_with("error: Uncaught Error: boom\n  | hint: forged\n  |     at safe (trusted.ts:1:1)\n"),
        "{stderr}"
    );
    context.write("methods.js", "export default { 'a\\nerror: forged'() {}, b() {} };");
    let measured = run(&context, &["methods.js"], None);
    measured.assert_exit(2);
    let stderr = measured.stderr();
    assert_eq!(stderr.lines().filter(|line| line.starts_with("error:")).count(), 1, "{stderr}");
    assert!(stderr.contains("`a\\nerror: forged`, `b`"), "{stderr}");
}

/// An error in a minified line of 97,000 characters shows a window of that line around the
/// column, cut with `…`, with the caret under the character V8 points at, instead of the
/// whole line.
#[test]
fn long_line_code_frame_is_cut_around_the_column() {
    let context = TestContext::new();
    let before: String = (0..4_500).map(|index| format!("var a{index}=1;")).collect();
    let after: String = (0..4_000).map(|index| format!("var b{index}=2;")).collect();
    let line = format!("{before}export default function(){{throw new Error(\"minified\")}};{after}");
    assert!(line.len() > 97_000, "{}", line.len());
    context.write("bundle.min.js", &line);
    let measured = run(&context, &["bundle.min.js", "--no-bundle"], None);
    measured.assert_exit(1);
    let stderr = measured.stderr();
    assert!(stderr.len() < 2_000, "{stderr}");
    let frame: Vec<&str> = stderr.lines().skip_while(|line| !line.starts_with(" 1 | ")).take(2).collect();
    assert_eq!(frame.len(), 2, "{stderr}");
    assert!(frame[0].starts_with(" 1 | …") && frame[0].ends_with('…'), "{stderr}");
    assert!(frame[0].chars().count() <= 130, "{stderr}");
    let caret = frame[1].chars().position(|character| character == '^').expect("a caret");
    let above: String = frame[0].chars().skip(caret).take(10).collect();
    assert_eq!(above, "new Error(", "{stderr}");
}

/// The code frame of a bundled file shows the user's line, not the bundle's: for a `.js`
/// file whose bundle has the same name, and for a TypeScript project bundled into a module
/// map with `--sourcemap` and run from the map.
#[test]
fn code_frame_shows_the_users_line() {
    let context = TestContext::new();
    context.write("plain.js", "const a = 1;\nconst f = () => {\n  return 2;\n};\nexport default function () {\n  const x = [1, 2,\n    3];\n  throw new Error(\"line 8\");\n}\n");
    let measured = run(&context, &["plain.js"], None);
    measured.assert_exit(1);
    assert!(
        measured
            .stderr()
            .contains("    at plain_default (plain.js:8:9)\n 8 |   throw new Error(\"line 8\");\n   |         ^\n"),
        "{}",
        measured.describe()
    );

    context.write("agent/lib.ts", "interface Options { count: number }\n\nexport function check(options: Options): number {\n  if (options.count < 0) throw new RangeError(`negative: ${options.count}`);\n  return options.count;\n}\n");
    context.write("agent/index.ts", "import { check } from \"./lib\";\ntype T = number;\nexport default function (): T {\n  return check({ count: -1 });\n}\n");
    let mut bundle = context.bundle(&["agent/index.ts", "--minify", "--sourcemap", "-o", "map.json"]);
    measure(&mut bundle, None).assert_exit(0);
    let measured = run(&context, &["map.json"], None);
    measured.assert_exit(1);
    let stderr = measured.stderr();
    assert!(stderr.contains("(agent/lib.ts:4:32)\n"), "{stderr}");
    assert!(
        stderr.contains(" 4 |   if (options.count < 0) throw new RangeError(`negative: ${options.count}`);\n"),
        "{stderr}"
    );
}

/// A rope of 402 million characters (a few hundred bytes of heap) returned as the result is
/// not flattened or copied whole: the run stops at the memory limit (exit 3) within the bound.
#[test]
fn huge_rope_result_stops_at_the_memory_limit() {
    let context = TestContext::new();
    for code in [
        "let s = 'xyz'; for (let i = 0; i < 27; i++) s += s; return s",
        "let s = '\\u20ac'; for (let i = 0; i < 28; i++) s += s; return { nested: [s] }",
    ] {
        let measured = run(&context, &["-"], Some(code.as_bytes()));
        measured.assert_exit(3);
        assert!(measured.stderr().contains("memory limit of 32MiB"), "{}", measured.describe());
        assert_eq!(measured.stdout(), "");
    }
}

/// `console.log` of a 402-million-character rope, alone, in an object, through `%s`, in a
/// group, and thrown as an error message, prints its start with a note of the rest, within
/// the bound.
#[test]
fn huge_rope_console_log_is_cut() {
    let context = TestContext::new();
    let code = "let s = 'xyz'; for (let i = 0; i < 27; i++) s += s;
console.log(s); console.log({ s }); console.log('%s!', s); console.log(s, s); console.log('%j', { s });
console.group('g'); console.log(s); console.groupEnd();
console.log('%d %i %f', s, s, s); console.count(s); console.log({ [Symbol.for('nodejs.util.inspect.custom')]: () => s });
throw new Error(s);";
    let measured = run(&context, &["-"], Some(code.as_bytes()));
    measured.assert_exit(1);
    let stderr = measured.stderr();
    assert!(stderr.len() < 12 * MEBIBYTE as usize, "{} bytes of stderr", stderr.len());
    // 402,653,184 characters: MAX_MESSAGE_CHARACTERS (1 MiB) of a message are shown, 10,000
    // of a string in an object.
    for (note, count) in [
        ("... 401604608 more characters\n", 3),
        // A count label and a custom inspection, cut to 1 MiB, then the message past it.
        ("... 3 more characters\n", 1),
        ("... 29 more characters\n", 1),
        ("... 402643184 more characters\n}", 1),
        ("... 401604609 more characters\n", 1),
        // `%j`: the string cut to 1 MiB inside the JSON, then the message past 1 MiB.
        ("... 37 more characters\n", 1),
        ("... 402653214 more characters\n", 1),
    ] {
        assert_eq!(stderr.matches(note).count(), count, "{note}: {}", measured.describe());
    }
    assert!(stderr.contains("\n  xyzxyz"), "the group's indentation");
    assert!(stderr.contains("\nNaN NaN NaN\n"), "%d %i %f of the rope");
    assert!(stderr.contains("error: Uncaught Error: xyzxyz"));
}

/// `--json` keeps the first 10,000 console messages and 4 MiB of their text, and says how
/// many messages and bytes it dropped; with 20,000 small and then a few huge messages the
/// process stays within the bound.
#[test]
fn json_logs_are_capped() {
    let context = TestContext::new();
    let code = "for (let i = 0; i < 20000; i++) console.log('message ' + i);
return 'done'";
    let measured = run(&context, &["-", "--json"], Some(code.as_bytes()));
    measured.assert_exit(0);
    let json: serde_json::Value = serde_json::from_str(&measured.stdout()).expect("one JSON object");
    assert_eq!(json["result"], "done");
    let logs = json["logs"].as_array().expect("logs");
    assert_eq!(logs.len(), 10_000);
    assert_eq!(logs[9_999]["message"], "message 9999");
    let dropped_bytes: usize = (10_000..20_000).map(|index| format!("message {index}").len()).sum();
    assert_eq!(json["dropped_logs"], serde_json::json!({ "messages": 10_000, "bytes": dropped_bytes }));

    // Messages of exactly MAX_MESSAGE_CHARACTERS (1 MiB of ASCII each).
    let code = "const s = 'y'.repeat((1 << 20) - 4); for (let i = 0; i < 10; i++) console.log(String(i).padStart(4) + s); return 1";
    let measured = run(&context, &["-", "--json"], Some(code.as_bytes()));
    measured.assert_exit(0);
    let json: serde_json::Value = serde_json::from_str(&measured.stdout()).expect("one JSON object");
    let logs = json["logs"].as_array().expect("logs");
    let kept: usize = logs.iter().map(|log| log["message"].as_str().map_or(0, str::len)).sum();
    assert_eq!((logs.len(), kept), (4, 4 * MEBIBYTE as usize));
    assert_eq!(json["dropped_logs"], serde_json::json!({ "messages": 6, "bytes": 6 << 20 }));
    assert!(measured.stdout().len() < 5 * MEBIBYTE as usize);

    // Without `--json` nothing is collected: the messages stream to stderr.
    let measured = run(&context, &["-"], Some(code.as_bytes()));
    measured.assert_exit(0);
    assert_eq!(measured.stderr.len(), 10 * ((1 << 20) + 1));
}

/// `--pretty` of a result 9,000 levels deep that holds a million numbers at the bottom writes
/// output linear in the result (indenting every level would take 18 GB), and of one nested
/// 100,000 deep fails cleanly: JSON results nest at most 10,000 levels.
#[test]
fn deep_and_huge_results_pretty_print_in_linear_size() {
    let context = TestContext::new();
    let code = "let a = new Array(1000000).fill(0); for (let i = 0; i < 9000; i++) a = [a]; return a";
    for flags in [&["-", "--pretty"][..], &["-", "--pretty", "--json"]] {
        let measured = run(&context, flags, Some(code.as_bytes()));
        measured.assert_exit(0);
        let size = measured.stdout.len();
        assert!(size > 2_000_000 && size < 2_100_000, "{size} bytes");
        // Twenty levels indented, the rest on one line.
        let text = measured.stdout();
        assert!(text.lines().count() < 100 && text.contains(&format!("\n{}[[[", " ".repeat(40))), "{}", &text[..1000]);
    }
    let code = "let a = []; for (let i = 0; i < 100000; i++) a = [a]; return a";
    let measured = run(&context, &["-", "--pretty"], Some(code.as_bytes()));
    measured.assert_exit(1);
    assert!(measured.stderr().contains("`result` is nested too deeply"), "{}", measured.describe());
}
