//! `sandbox bundle`, and `sandbox run` on projects: a directory or an entry file with its
//! imports. The fixture projects themselves are checked by `parity.rs`.

use std::io::Read;
use std::process::Stdio;

use crate::sandbox_snapshot;
use crate::support::{TestContext, output, render};

/// A small TypeScript project: an entry with a helper, and a package in node_modules.
fn project(context: &TestContext) {
    context.write(
        "src/index.ts",
        "import { greet } from \"./greet\";\nimport { shout } from \"loud\";\n\nexport default {\n  run(name: string) {\n    return shout(greet(name));\n  },\n};\n",
    );
    context.write("src/greet.ts", "export const greet = (name: string): string => `hello, ${name}`;\n");
    context.write("node_modules/loud/package.json", r#"{ "name": "loud", "type": "module", "exports": "./index.js" }"#);
    context.write("node_modules/loud/index.js", "export const shout = (text) => text.toUpperCase() + \"!\";\n");
}

/// `sandbox bundle` prints the module map of the project in the current directory, and
/// nothing else: one module, named as the entry with `.js`, and the newest compatibility date
/// the runtime implements (the project has no wrangler config to give one).
#[test]
fn bundle_prints_the_module_map() {
    let context = TestContext::new();
    project(&context);
    sandbox_snapshot!(context.bundle(&[]), @r#"
    exit code: 0
    ----- stdout -----
    {
      "compatibilityDate": "2026-11-17",
      "mainModule": "src/index.js",
      "modules": {
        "src/index.js": "const greet = (name)=>`hello, ${name}`;\nconst shout = (text)=>text.toUpperCase() + \"!\";\nconst src_default = {\n    run (name) {\n        return shout(greet(name));\n    }\n};\nexport { src_default as default };\n"
      }
    }
    ----- stderr -----
    "#);
}

/// With `--no-bundle`, each file is a module, named by its path, its imports rewritten.
#[test]
fn bundle_without_bundling_keeps_one_module_per_file() {
    let context = TestContext::new();
    project(&context);
    sandbox_snapshot!(context.bundle(&["--no-bundle"]), @r#"
    exit code: 0
    ----- stdout -----
    {
      "compatibilityDate": "2026-11-17",
      "mainModule": "src/index.ts",
      "modules": {
        "node_modules/loud/index.js": "export const shout = (text) => text.toUpperCase() + \"!\";\n",
        "src/greet.ts": {
          "js": "export const greet = (name        )         => `hello, ${name}`;\n"
        },
        "src/index.ts": {
          "js": "import { greet } from \"./greet.ts\";\nimport { shout } from \"../node_modules/loud/index.js\";\n\nexport default {\n  run(name        ) {\n    return shout(greet(name));\n  },\n};\n"
        }
      }
    }
    ----- stderr -----
    "#);
}

/// `sandbox run` takes the project's directory, `.`, or its entry file.
#[test]
fn run_takes_a_project() {
    let context = TestContext::new();
    project(&context);
    for input in [".", "src/index.ts"] {
        insta::allow_duplicates! {
            sandbox_snapshot!(context.run(&[input, "--arg", "\"Ada\""]), @"
            exit code: 0
            ----- stdout -----
            HELLO, ADA!
            ----- stderr -----
            ");
        }
    }
    let project_directory = context.temp.path().file_name().expect("a name").to_string_lossy().into_owned();
    let mut command = context.run(&[&project_directory, "--arg", "\"Ada\""]);
    command.current_dir(context.temp.path().parent().expect("the temporary directory has a parent"));
    let run = output(&mut command, None);
    assert_eq!((run.status.code(), String::from_utf8_lossy(&run.stdout).as_ref()), (Some(0), "HELLO, ADA!\n"));
}

/// `--verbose` says how the entry was found and what went into the map, on stderr.
#[test]
fn bundle_verbose_notes() {
    let context = TestContext::new();
    project(&context);
    context.write("wrangler.toml", "main = \"src/index.ts\"\ncompatibility_date = \"2025-06-01\"\n");
    let run = output(&mut context.bundle(&["--verbose"]), None);
    assert_eq!(run.status.code(), Some(0));
    let stderr = regex::Regex::new(r"[0-9.]+ms, ([0-9]+) module\(s\), [0-9.]+[KMG]?i?B")
        .expect("valid regex")
        .replace_all(&String::from_utf8_lossy(&run.stderr), "[TIME]ms, $1 module(s), [SIZE]")
        .into_owned();
    insta::assert_snapshot!(stderr, @"
    sandbox: read src/index.ts (the entry, by `main` in wrangler.toml) as a module: its default export (or --entrypoint) is called; 3 files, 1 of them from node_modules (loud); bundled into 1 module(s)
    sandbox: bundled in [TIME]ms, 1 module(s), [SIZE]
    ");
    let map: serde_json::Value = serde_json::from_slice(&run.stdout).expect("the map is JSON");
    assert_eq!(map["compatibilityDate"], "2025-06-01");
}

/// The bundle cache (in the cache directory): a second `sandbox bundle` or `sandbox run` over
/// the same files takes what the first made, prints the same, and `--verbose` says so; a file
/// changed is prepared again; `--no-cache` neither reads nor writes the cache.
#[test]
fn bundle_cache_reuses_what_did_not_change() {
    let context = TestContext::new();
    project(&context);
    let bundles = context.cache.path().join("bundles-v1");
    let stdout = |run: &std::process::Output| String::from_utf8_lossy(&run.stdout).into_owned();
    let stderr = |run: &std::process::Output| String::from_utf8_lossy(&run.stderr).into_owned();
    for mode in [&[][..], &["--no-bundle"][..]] {
        let args = [mode, &["--verbose"][..]].concat();
        let uncached = output(&mut context.bundle(&[&args[..], &["--no-cache"][..]].concat()), None);
        assert_eq!(uncached.status.code(), Some(0), "{}", stderr(&uncached));
        assert!(!bundles.exists(), "--no-cache wrote the cache");
        let cold = output(&mut context.bundle(&args), None);
        let warm = output(&mut context.bundle(&args), None);
        assert_eq!(stdout(&cold), stdout(&uncached), "{mode:?}");
        assert_eq!(stdout(&warm), stdout(&uncached), "{mode:?}");
        assert!(!stderr(&cold).contains("from the cache"), "{mode:?}: {}", stderr(&cold));
        let reused = if mode.is_empty() {
            "bundled into 1 module(s) (the bundle of the last run, from the cache)"
        } else {
            "3 module(s), one per file (3 prepared by an earlier run, from the cache)"
        };
        assert!(stderr(&warm).contains(reused), "{mode:?}: {}", stderr(&warm));
        // The cache is left as it is by --no-cache, and still used after.
        let _ = output(&mut context.bundle(&[&args[..], &["--no-cache"][..]].concat()), None);
        assert!(stderr(&output(&mut context.bundle(&args), None)).contains(reused));
        std::fs::remove_dir_all(&bundles).expect("the cache was written");
    }
    for expected in ["HELLO, ADA!\n", "HELLO, ADA!\n"] {
        let run = output(&mut context.run(&[".", "--arg", "\"Ada\""]), None);
        assert_eq!((run.status.code(), stdout(&run).as_str()), (Some(0), expected), "{}", stderr(&run));
    }
    context.write("src/greet.ts", "export const greet = (name: string): string => `hi, ${name}`;\n");
    let run = output(&mut context.run(&[".", "--arg", "\"Ada\""]), None);
    assert_eq!((run.status.code(), stdout(&run).as_str()), (Some(0), "HI, ADA!\n"), "{}", stderr(&run));
    // `sandbox cache clean` empties the bundle cache with the rest.
    assert!(bundles.is_dir());
    let clean = output(context.sandbox().args(["cache", "clean"]), None);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert!(!bundles.exists(), "the bundle cache is left after `sandbox cache clean`");
}

/// `-o FILE` writes the map whole, and `sandbox run FILE` runs it; a file that cannot be
/// written is a usage error that leaves nothing behind.
#[test]
fn bundle_writes_a_file() {
    let context = TestContext::new();
    project(&context);
    sandbox_snapshot!(context.bundle(&["-o", "modules.json", "--compatibility-date", "2025-06-01"]), @"
    exit code: 0
    ----- stdout -----
    ----- stderr -----
    ");
    let written = std::fs::read_to_string(context.temp.path().join("modules.json")).expect("the map was written");
    let printed = output(&mut context.bundle(&["--compatibility-date", "2025-06-01"]), None);
    assert_eq!(written.as_bytes(), printed.stdout.as_slice());
    sandbox_snapshot!(context.run(&["modules.json", "--arg", "\"Grace\""]), @"
    exit code: 0
    ----- stdout -----
    HELLO, GRACE!
    ----- stderr -----
    ");
    sandbox_snapshot!(context.bundle(&["-o", "missing/modules.json"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: Cannot write `missing/modules.json`
      Caused by: No such file or directory (os error 2)

    hint: check that the directory exists and is writable
    ");
    let mut names: Vec<String> = std::fs::read_dir(context.temp.path())
        .expect("list the directory")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["modules.json", "node_modules", "src"], "no temporary file is left");
}

/// Flags that make no sense are usage errors (exit 2), in JSON with `--json`.
#[test]
fn bundle_usage_errors() {
    let context = TestContext::new();
    project(&context);
    sandbox_snapshot!(context.bundle(&["--compatibility-date", "2025-13-01"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: `--compatibility-date 2025-13-01` is not a date

    hint: write it as YYYY-MM-DD, e.g. --compatibility-date 2025-06-01
    ");
    sandbox_snapshot!(context.bundle(&["--compatibility-date", "soon", "--json"]), @r#"
    exit code: 2
    ----- stdout -----
    {"ok":false,"error":{"code":"usage","name":null,"message":"`--compatibility-date soon` is not a date","stack":null,"file":null,"line":null,"column":null,"hint":"write it as YYYY-MM-DD, e.g. --compatibility-date 2025-06-01"}}
    ----- stderr -----
    "#);
}

/// With `--json`, a bundling error is one object on stdout with its location (exit 4).
#[test]
fn bundle_json_error() {
    let context = TestContext::new();
    context.write("package.json", "{}");
    context.write("index.ts", "import { z } from \"zod\";\nexport default { run: () => z };\n");
    sandbox_snapshot!(context.bundle(&["index.ts", "--json"]), @r#"
    exit code: 4
    ----- stdout -----
    {"ok":false,"error":{"code":"unresolved-import","name":null,"message":"Could not resolve `zod` imported by index.ts:1:19","stack":null,"file":"index.ts","line":1,"column":19,"hint":"install the package (`npm install zod` in the project's directory), or check its name","causes":["looked for `node_modules/zod` in the importer's directory and each directory above it"]}}
    ----- stderr -----
    "#);
}

/// `sandbox bundle | head -c 1` closes the pipe early: that is not an error.
#[test]
fn bundle_into_a_closed_pipe() {
    let context = TestContext::new();
    context.write("index.js", "import text from \"./big.txt\";\nexport default { run: () => text.length };\n");
    context.write("big.txt", "x".repeat(1 << 20));
    let mut child = context
        .bundle(&[])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .expect("start sandbox");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).expect("read the first byte");
    drop(stdout);
    let run = child.wait_with_output().expect("wait for sandbox");
    assert_eq!(run.status.code(), Some(0), "{}", render(&run));
}

/// Stack frames of a multi-file project name the files as written, with their lines and
/// columns: TypeScript through its source map, and JavaScript whose import was rewritten on
/// the same line.
#[test]
fn stack_traces_point_at_the_files_as_written() {
    let context = TestContext::new();
    context.write(
        "src/index.ts",
        "import { check } from \"./lib/check\";\n\ninterface Order {\n  total: number;\n}\n\nexport default {\n  run(order: Order) {\n    return check(order.total);\n  },\n};\n",
    );
    context.write(
        "src/lib/check.ts",
        "import { fail } from \"strict\";\n\nexport function check(total: number): number {\n  if (total < 0) fail(`negative total: ${total}`);\n  return total;\n}\n",
    );
    context.write("node_modules/strict/package.json", r#"{ "name": "strict", "type": "module", "main": "index.js" }"#);
    context.write(
        "node_modules/strict/index.js",
        "import { prefix } from \"./prefix\"; export function fail(message) { throw new RangeError(prefix + message); }\n",
    );
    context.write("node_modules/strict/prefix.js", "export const prefix = \"strict: \";\n");
    for mode in [&[][..], &["--no-bundle"][..]] {
        let mut args = vec![".", "--arg", r#"{"total":-5}"#];
        args.extend_from_slice(mode);
        insta::allow_duplicates! {
            sandbox_snapshot!(context.run(&args), @r#"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Uncaught RangeError: strict: negative total: -5
        at fail (node_modules/strict/index.js:1:74)
        at check (src/lib/check.ts:4:18)
        at run (src/index.ts:9:12)
     1 | import { prefix } from "./prefix"; export function fail(message) { throw new RangeError(prefix + message); }
       |                                                                          ^
    "#);
        }
    }
}

/// Agent code run from a file cannot pull a file from elsewhere on the machine into the
/// sandbox through an import (exit 4, nothing runs).
#[test]
fn imports_cannot_reach_outside_the_project() {
    let context = TestContext::new();
    let elsewhere = tempfile::tempdir().expect("create a directory");
    let secret = elsewhere.path().join("credentials.json");
    std::fs::write(&secret, r#"{ "token": "secret" }"#).expect("write a file");
    context.write("agent.ts", format!("import credentials from {:?};\ncredentials\n", secret.display().to_string()));
    let run = output(&mut context.run(&["agent.ts"]), None);
    // The temporary directory's path, and so the caret under it, differ between machines.
    let stderr = String::from_utf8_lossy(&run.stderr).replace(&elsewhere.path().display().to_string(), "[ELSEWHERE]");
    let stderr = regex::Regex::new(r"\^{2,}").expect("valid regex").replace(&stderr, "^^^").into_owned();
    assert_eq!(run.status.code(), Some(4), "{stderr}");
    assert!(run.stdout.is_empty());
    insta::assert_snapshot!(stderr, @r#"
    error: `[ELSEWHERE]/credentials.json` imported by agent.ts:1:25 is outside the project
      --> agent.ts:1:25
     1 | import credentials from "[ELSEWHERE]/credentials.json";
       |                         ^^^ outside the project
      Caused by: it is `[ELSEWHERE]/credentials.json`, and the project is `.`

    hint: only files in the project's directory and installed packages in `node_modules` are bundled: move the file into the project, or bundle a directory that holds both
    "#);
}

/// `--minify --sourcemap`: the bundle is minified, ends with its source map as a data URL
/// (which names every file), and still runs; with `--no-bundle`, each module has its own.
#[test]
fn bundle_minified_with_source_maps() {
    let context = TestContext::new();
    project(&context);
    context.write("modules.json", "");
    let bundled = output(&mut context.bundle(&["--minify", "--sourcemap", "-o", "modules.json"]), None);
    assert_eq!(bundled.status.code(), Some(0), "{}", render(&bundled));
    let map: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(context.temp.path().join("modules.json")).expect("read the map"))
            .expect("the map is JSON");
    let code = map["modules"]["src/index.js"].as_str().expect("one module, a string");
    let (code, comment) = code.trim_end().rsplit_once('\n').expect("the comment is on a line of its own");
    assert!(!code.contains('\n'), "minified code is one line: {code}");
    assert!(code.len() < 150, "minified: {code}");
    let encoded = comment
        .strip_prefix("//# sourceMappingURL=data:application/json;charset=utf-8;base64,")
        .expect("an inline source map");
    let source_map: serde_json::Value =
        serde_json::from_slice(&decode_base64(encoded)).expect("the source map is JSON");
    assert_eq!(
        source_map["sources"],
        serde_json::json!(["src/index.ts", "src/greet.ts", "node_modules/loud/index.js"])
    );
    assert_eq!(source_map["version"], 3);
    sandbox_snapshot!(context.run(&["modules.json", "--arg", "\"Ada\""]), @"
    exit code: 0
    ----- stdout -----
    HELLO, ADA!
    ----- stderr -----
    ");

    let transformed = output(&mut context.bundle(&["--no-bundle", "--sourcemap"]), None);
    let map: serde_json::Value = serde_json::from_slice(&transformed.stdout).expect("the map is JSON");
    let greet = map["modules"]["src/greet.ts"]["js"].as_str().expect("a module per file");
    assert!(greet.contains("\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,"), "{greet}");
}

fn decode_base64(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).expect("valid base64")
}

/// `--define` replaces names the code does not declare, in both modes;
/// `process.env.NODE_ENV` is "production" unless defined.
#[test]
fn defines_replace_global_names() {
    let context = TestContext::new();
    context.write(
        "index.ts",
        "declare const DEBUG: boolean, VERSION: string, process: { env: Record<string, string> };\n\
         const shadowed = (process: { env: { NODE_ENV: string } }) => process.env.NODE_ENV;\n\
         export default {\n  run() {\n    return { debug: DEBUG, version: VERSION, mode: process.env.NODE_ENV, own: shadowed({ env: { NODE_ENV: \"own\" } }) };\n  },\n};\n",
    );
    for mode in [&[][..], &["--no-bundle"][..]] {
        let mut args = vec!["index.ts", "--define", "DEBUG=false", "--define", "VERSION=\"1.2\""];
        args.extend_from_slice(mode);
        insta::allow_duplicates! {
            sandbox_snapshot!(context.run(&args), @r#"
            exit code: 0
            ----- stdout -----
            {"debug":false,"version":"1.2","mode":"production","own":"own"}
            ----- stderr -----
            "#);
        }
    }
    sandbox_snapshot!(context.run(&["index.ts", "--define", "DEBUG=true", "--define", "VERSION=0", "--define", "process.env.NODE_ENV=\"development\""]), @r#"
    exit code: 0
    ----- stdout -----
    {"debug":true,"version":0,"mode":"development","own":"own"}
    ----- stderr -----
    "#);
    sandbox_snapshot!(context.bundle(&["index.ts", "--define", "DEBUG"]), @r#"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: Invalid `--define DEBUG`: `DEBUG` has no `=`: write it as KEY=VALUE

    hint: write it like --define DEBUG=false or --define 'VERSION="1.2"'
    "#);
}

/// `--external` leaves imports as written, by name, subpath or pattern; a Node.js built-in
/// needs it.
#[test]
fn externals_are_left_to_the_runtime() {
    let context = TestContext::new();
    context.write(
        "index.ts",
        "import { Buffer } from \"node:buffer\";\nimport { shout } from \"loud/extra\";\nexport default { run: () => shout(Buffer.from(\"hi\").toString()) };\n",
    );
    context.write(
        "node_modules/loud/package.json",
        r#"{ "name": "loud", "type": "module", "exports": { "./extra": "./extra.js" } }"#,
    );
    context.write("node_modules/loud/extra.js", "export const shout = (text) => text.toUpperCase();\n");
    let bundled = output(&mut context.bundle(&["index.ts", "--external", "node:*", "--external", "loud"]), None);
    assert_eq!(bundled.status.code(), Some(0), "{}", render(&bundled));
    let map: serde_json::Value = serde_json::from_slice(&bundled.stdout).expect("the map is JSON");
    insta::assert_snapshot!(map["modules"]["index.js"].as_str().expect("one module"), @r#"
    import { shout } from "loud/extra";
    import { Buffer } from "node:buffer";
    const index_default = {
        run: ()=>shout(Buffer.from("hi").toString())
    };
    export { index_default as default };
    "#);
    let transformed = output(&mut context.bundle(&["index.ts", "--no-bundle", "--external", "node:buffer"]), None);
    let map: serde_json::Value = serde_json::from_slice(&transformed.stdout).expect("the map is JSON");
    insta::assert_snapshot!(map["modules"]["index.ts"]["js"].as_str().expect("a module per file"), @r#"
    import { Buffer } from "node:buffer";
    import { shout } from "./node_modules/loud/extra.js";
    export default { run: () => shout(Buffer.from("hi").toString()) };
    "#);
}

/// In bundle mode, importing a name no module exports is an error of the project's code at
/// the import (exit 1), found before anything runs.
#[test]
fn missing_exports_are_found_when_bundling() {
    let context = TestContext::new();
    context.write("index.js", "import { nope } from \"./lib.js\";\nexport default { run: () => nope };\n");
    context.write("lib.js", "export const yes = 1;\n");
    sandbox_snapshot!(context.run(&["index.js"]), @r#"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: `./lib.js` does not export `nope`, imported by index.js:1:22
      --> index.js:1:22
     1 | import { nope } from "./lib.js";
       |                      ^^^^^^^^^^ no export `nope`

    hint: import one of the names `./lib.js` exports, or export `nope` from it
    "#);
}

/// TypeScript may re-export a type without `export type` (a barrel file), as esbuild allows:
/// the re-export of a name the module lacks is an error only when the files are not both
/// TypeScript.
#[test]
fn typescript_barrels_may_re_export_types() {
    let context = TestContext::new();
    context.write("types.ts", "export interface Foo { a: number }\nexport const real = 1;\n");
    context.write("barrel.ts", "export { Foo, real } from \"./types\";\n");
    context.write(
        "index.ts",
        "import { Foo, real } from \"./barrel\";\nexport { Foo };\nexport default { run() { const f: Foo = { a: real }; return f.a; } };\n",
    );
    sandbox_snapshot!(context.run(&["index.ts"]), @"
    exit code: 0
    ----- stdout -----
    1
    ----- stderr -----
    ");
}

/// A name a package does not export, imported by the project or by one of the package's own
/// files (a re-export, also reached through `export *`), is a bundling error (exit 4) that
/// names the package and says to change the import or the installed version, never to edit
/// `node_modules`.
#[test]
fn missing_exports_of_packages_are_bundling_errors() {
    let context = TestContext::new();
    context.write("node_modules/pkg/package.json", r#"{ "name": "pkg", "type": "module", "main": "index.js" }"#);
    context.write("node_modules/pkg/index.js", "export * from \"./a.js\";\nexport const yes = 1;\n");
    context.write("node_modules/pkg/a.js", "export { gone } from \"./b.js\";\n");
    context.write("node_modules/pkg/b.js", "export const kept = 1;\n");
    context.write("mine.js", "import { nope } from \"pkg\";\nexport default { run: () => nope };\n");
    context.write("theirs.js", "import { gone } from \"pkg\";\nexport default { run: () => gone };\n");
    sandbox_snapshot!(context.run(&["mine.js"]), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `pkg` does not export `nope`, imported by mine.js:1:22
      --> mine.js:1:22
     1 | import { nope } from "pkg";
       |                      ^^^^^ no export `nope`

    hint: import a name that `pkg` exports in the installed version of `pkg` (see its documentation), or install the version that exports `nope`
    "#);
    sandbox_snapshot!(context.run(&["theirs.js"]), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `./b.js` does not export `gone`, imported by node_modules/pkg/a.js:1:22, a file of the package `pkg`
      --> node_modules/pkg/a.js:1:22
     1 | export { gone } from "./b.js";
       |                      ^^^^^^^^ no export `gone`

    hint: install another version of `pkg` (or of the package it imports), one whose files agree; the package fails the same way when it is not bundled
    "#);
}

/// In a directory, the entry is the first of: `main` in wrangler.json, wrangler.jsonc or
/// wrangler.toml (JSON with comments and trailing commas), `exports`, `module` or `main` in
/// package.json, then the usual names; `--verbose` says which, and the compatibility settings
/// come from the wrangler config (the date, without one, is the newest the runtime implements).
#[test]
fn entry_is_found_in_order() {
    let context = TestContext::new();
    for name in ["wrangler-json", "wrangler-jsonc", "wrangler-toml", "exports", "module", "main", "src-index", "index"]
    {
        context.write(&format!("entries/{name}.ts"), format!("export default {{ run: () => \"{name}\" }};\n"));
    }
    context.write("src/index.ts", "export default { run: () => \"src/index.ts\" };\n");
    context.write(
        "index.tsx",
        "/** @jsx h */\nconst h = (tag: string) => `index.${tag}`;\nexport default { run: () => <tsx /> };\n",
    );
    context.write(
        "wrangler.json",
        "{\n  // wrangler.json may have comments too\n  \"main\": \"entries/wrangler-json.ts\",\n  \"compatibility_date\": \"2025-01-01\",\n  \"compatibility_flags\": [\"nodejs_compat\",],\n}\n",
    );
    context.write(
        "wrangler.jsonc",
        "{\n  /* the entry */ \"main\": \"./entries/wrangler-jsonc.ts\", // trailing comma next\n  \"compatibility_date\": \"2025-02-02\",\n}\n",
    );
    context.write(
        "wrangler.toml",
        "main = \"entries/wrangler-toml.ts\"\ncompatibility_flags = [\"streams_enable_constructors\"]\n",
    );
    let packages = [
        r#"{ "exports": { ".": { "require": "./nope.cjs", "import": "./entries/exports.ts" } }, "module": "entries/module.ts", "main": "entries/main.ts" }"#,
        r#"{ "module": "entries/module.ts", "main": "entries/main.ts" }"#,
        r#"{ "main": "entries/main.ts" }"#,
        r#"{ "name": "no-entry-fields" }"#,
    ];
    let mut found = String::new();
    let mut step = |context: &TestContext| {
        let run = output(&mut context.bundle(&["--verbose"]), None);
        assert_eq!(run.status.code(), Some(0), "{}", render(&run));
        let stderr = String::from_utf8_lossy(&run.stderr);
        let rule = regex::Regex::new(r"^sandbox: read (\S+) \(the entry, by ([^)]+)\)")
            .expect("valid regex")
            .captures(&stderr)
            .map(|captures| format!("{} by {}", &captures[1], &captures[2]))
            .unwrap_or_else(|| panic!("--verbose names the entry: {stderr}"));
        let map: serde_json::Value = serde_json::from_slice(&run.stdout).expect("the map is JSON");
        let result = output(&mut context.run(&[".", "--arg", "null"]), None);
        found.push_str(&format!(
            "{rule}: {} {} {}",
            String::from_utf8_lossy(&result.stdout).trim(),
            map["compatibilityDate"],
            map["compatibilityFlags"]
        ));
        found.push('\n');
    };
    step(&context);
    std::fs::remove_file(context.temp.path().join("wrangler.json")).expect("remove wrangler.json");
    step(&context);
    std::fs::remove_file(context.temp.path().join("wrangler.jsonc")).expect("remove wrangler.jsonc");
    step(&context);
    std::fs::remove_file(context.temp.path().join("wrangler.toml")).expect("remove wrangler.toml");
    for package in packages {
        context.write("package.json", package);
        step(&context);
    }
    std::fs::remove_dir_all(context.temp.path().join("src")).expect("remove src");
    step(&context);
    insta::assert_snapshot!(found, @r#"
    entries/wrangler-json.ts by `main` in wrangler.json: wrangler-json "2025-01-01" ["nodejs_compat"]
    entries/wrangler-jsonc.ts by `main` in wrangler.jsonc: wrangler-jsonc "2025-02-02" null
    entries/wrangler-toml.ts by `main` in wrangler.toml: wrangler-toml "2026-11-17" ["streams_enable_constructors"]
    entries/exports.ts by `exports` in package.json: exports "2026-11-17" null
    entries/module.ts by `module` in package.json: module "2026-11-17" null
    entries/main.ts by `main` in package.json: main "2026-11-17" null
    src/index.ts by the first of the usual entry files: src/index.ts "2026-11-17" null
    index.tsx by the first of the usual entry files: index.tsx "2026-11-17" null
    "#);
}

/// The same project gives byte-identical maps, run after run and in either mode, with the
/// modules in name order: a map can be cached and diffed.
#[test]
fn bundle_output_is_deterministic() {
    let context = TestContext::new();
    project(&context);
    for index in 0..12 {
        context.write(
            &format!("src/parts/part{index}.ts"),
            format!("export const value{index} = {index};\nexport const name = \"part{index}\";\n"),
        );
    }
    let imports: String =
        (0..12).map(|index| format!("import * as part{index} from \"./parts/part{index}\";\n")).collect();
    let names: Vec<String> = (0..12).map(|index| format!("part{index}.name")).collect();
    context.write(
        "src/index.ts",
        format!(
            "{imports}import {{ shout }} from \"loud\";\nexport default {{ run: () => shout([{}].join()) }};\n",
            names.join(", ")
        ),
    );
    let module_name = regex::Regex::new(r#"(?m)^    "([^"]+)": "#).expect("valid regex");
    for mode in [&[][..], &["--no-bundle"][..], &["--minify", "--sourcemap"][..]] {
        let maps: Vec<Vec<u8>> = (0..3)
            .map(|_| {
                let run = output(&mut context.bundle(mode), None);
                assert_eq!(run.status.code(), Some(0), "{}", render(&run));
                run.stdout
            })
            .collect();
        assert!(maps.windows(2).all(|pair| pair[0] == pair[1]), "{mode:?}: the maps differ");
        // The module names as the text has them (a parsed map would sort them itself).
        let text = String::from_utf8_lossy(&maps[0]);
        let keys: Vec<&str> =
            module_name.captures_iter(&text).map(|captures| captures.get(1).expect("a name").as_str()).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert!(!keys.is_empty(), "{mode:?}: {text}");
        assert_eq!(keys, sorted, "{mode:?}: modules in name order");
    }
}

/// A graph wide enough for the bundler's pool, bundled with the address space limited below
/// the area the pool's threads allocate from (4 GiB of it reserved at once,
/// `cli/src/allocator.rs`): the reservation fails, the pool's threads allocate from glibc as
/// the other threads do, and the map is the one made without the limit, in both modes. 3 GiB
/// holds everything else of a debug build (its stacks are 256 MiB each).
#[cfg(target_os = "linux")]
#[test]
fn a_graph_bundles_the_same_when_the_pools_area_cannot_be_reserved() {
    use std::os::unix::process::CommandExt as _;
    let context = TestContext::new();
    let imports: String = (0..120).map(|index| format!("import {{ value{index} }} from \"./m{index}\";\n")).collect();
    let sum: Vec<String> = (0..120).map(|index| format!("value{index}")).collect();
    context.write("src/index.ts", format!("{imports}export default {{ run: () => {} }};\n", sum.join(" + ")));
    for index in 0..120 {
        context.write(&format!("src/m{index}.ts"), format!("export const value{index}: number = {index} * 2;\n"));
    }
    for mode in [&["--no-cache"][..], &["--no-cache", "--no-bundle"][..]] {
        let unlimited = output(&mut context.bundle(mode), None);
        assert_eq!(unlimited.status.code(), Some(0), "{}", render(&unlimited));
        let mut limited = context.bundle(mode);
        // SAFETY: `setrlimit` only, between fork and exec.
        unsafe {
            limited.pre_exec(|| {
                let limit = libc::rlimit { rlim_cur: 3 << 30, rlim_max: 3 << 30 };
                if libc::setrlimit(libc::RLIMIT_AS, &limit) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
        let limited = output(&mut limited, None);
        assert_eq!(limited.status.code(), Some(0), "{mode:?}: {}", render(&limited));
        assert!(unlimited.stdout.len() > 1000, "{mode:?}: {}", render(&unlimited));
        assert!(limited.stdout == unlimited.stdout, "{mode:?}: the maps differ");
    }
}

/// The heap of `sandbox bundle` has its first 4 MiB in huge pages on every run
/// (cli/src/heap.rs): a bundle whose syntax trees fill them takes at least 896 faults (3.5 MiB
/// of 4 KiB pages) fewer than the same bundle with glibc left as it is (`GLIBC_TUNABLES` set,
/// which the CLI leaves alone), in each of five runs. Until the region was marked before
/// anything was written in it, about half of the runs had its first 2 MiB in 4 KiB pages.
#[test]
#[cfg_attr(not(huge_pages), ignore = "this system gives no transparent huge pages")]
fn the_heap_of_a_bundle_is_in_huge_pages_on_every_run() {
    use crate::support::measure::measure;
    let context = TestContext::new();
    let functions: String = (0..3000)
        .map(|index| {
            format!(
                "export function f{index}(a, b) {{ return [a + {index}, b * {index}, {{ a, b, c: `${{a}}` }}]; }}\n"
            )
        })
        .collect();
    context.write("src/lib.js", functions);
    context.write("src/index.js", "import { f1 } from \"./lib.js\";\nexport default { run: () => f1(1, 2) };\n");
    let faults = |tunables: bool| {
        let mut command = context.bundle(&["--no-cache", "-o", "map.json"]);
        if tunables {
            command.env("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0");
        }
        let measured = measure(&mut command, None);
        measured.assert_exit(0);
        measured.minor_faults
    };
    let small_pages = (0..3).map(|_| faults(true)).min().expect("three runs");
    for run in 0..5 {
        let huge = faults(false);
        assert!(huge + 896 <= small_pages, "run {run}: {huge} faults, against {small_pages} in 4 KiB pages");
    }
}
