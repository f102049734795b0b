//! Every error of bundling a project, as `sandbox run` shows it: the message, the file, line
//! and column with a code frame, the causes, the hint and the exit code (4 for the project's
//! shape and its dependencies, 1 for the project's own code). The projects are the bundler's
//! error fixtures (`bundler/tests/fixtures/errors/`), run from their folders.

use std::process::Command;

use crate::sandbox_snapshot;
use crate::support::{TestContext, repository_root};

/// `sandbox run <entry>` in the error fixture `name`'s folder.
fn run_fixture(context: &TestContext, name: &str) -> Command {
    let folder = repository_root().join("bundler/tests/fixtures/errors").join(name);
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("fixture.json")).expect("read fixture.json"))
            .expect("fixture.json is JSON");
    let mut command = context.run(&[config["entry"].as_str().expect("an entry")]);
    command.current_dir(folder);
    command
}

/// A value import from a declaration file.
#[test]
fn declaration_import() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "declaration_import"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `./types.d.ts` is a TypeScript declaration file, which has no code to run
      --> index.ts:1:24
     1 | import { Config } from "./types.d.ts";
       |                        ^^^^^^^^^^^^^^ unsupported file type

    hint: import its types with `import type`, or import the file that has the code
    "#);
}

/// A syntax error in a package is a bundling error that names the file that imported it.
#[test]
fn dependency_syntax_error() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "dependency_syntax_error"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: Unexpected token `;`. Expected identifier, string literal, numeric literal or [ for the computed key
      --> node_modules/broken/index.js:2:11
     2 |   return {;
       |           ^ invalid syntax
      Caused by: `node_modules/broken/index.js` is imported by index.ts:1:20

    hint: the file belongs to an installed package: reinstall it, or try another version of it
    "#);
}

/// An imported JSON file that does not parse.
#[test]
fn invalid_json_import() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "invalid_json_import"), @r#"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: `settings.json` is not valid JSON
      --> settings.json:4:1
     4 | }
       | ^ expected value
      Caused by: `settings.json` is imported by index.js:1:22

    hint: fix the JSON, or give the file the `.txt` extension to import it as text
    "#);
}

/// wrangler.toml that does not parse.
#[test]
fn invalid_wrangler_toml() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "invalid_wrangler_toml"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `wrangler.toml` is not valid TOML
      --> wrangler.toml:2:8
     2 | main = src/index.ts
       |        ^^^^^^^^^^^^ String values must be quoted, expected literal string

    hint: fix the TOML in `wrangler.toml`
    "#);
}

/// A directory with no configured entry and none of the usual entry files.
#[test]
fn no_entry() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "no_entry"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: No entry file found in `.`
      Caused by: looked for `main` in wrangler.json, wrangler.jsonc and wrangler.toml, `exports`, `module` and `main` in package.json, then `src/index.ts`, `src/index.tsx`, `src/index.mts`, `src/index.js`, `src/index.jsx`, `src/index.mjs`, `index.ts`, `index.tsx`, `index.mts`, `index.js`, `index.jsx`, `index.mjs`, `src/worker.ts`, `src/worker.js`

    hint: pass the entry file (such as `./src/index.ts`), or set `main` in wrangler.toml
    "#);
}

/// `main` in package.json names a build output that does not exist.
#[test]
fn package_json_main_missing() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "package_json_main_missing"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: The entry `dist/index.js` named by `main` in package.json does not exist
      --> package.json:3:11
     3 |   "main": "dist/index.js"
       |           ^^^^^^^^^^^^^^^ no such file

    hint: fix `main` in package.json, build the file if it is generated, or pass the entry file itself
    "#);
}

/// A subpath the package does not export.
#[test]
fn package_subpath_not_exported() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "package_subpath_not_exported"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: Could not resolve `locked/src/secret.js` imported by index.js:1:24
      --> index.js:1:24
     1 | import { secret } from "locked/src/secret.js";
       |                        ^^^^^^^^^^^^^^^^^^^^^^ not exported by the package
      Caused by: `locked` does not export `./src/secret.js` (see `exports` in node_modules/locked/package.json)

    hint: import `locked` itself or one of the paths its `exports` lists
    "#);
}

/// A syntax error in a file of the project is the code's error, in that file.
#[test]
fn project_syntax_error() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "project_syntax_error"), @r#"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: Expression expected
      --> src/math.ts:2:14
     2 |   return n * ;
       |              ^ invalid syntax
      Caused by: `src/math.ts` is imported by src/index.ts:1:23
    "#);
}

/// Only the entry may be agent code with a top-level return.
#[test]
fn return_in_imported_module() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "return_in_imported_module"), @r#"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: A `return` outside a function is only allowed in the entry file's agent code
      --> setup.ts:2:1
     2 | return ready;
       | ^^^^^^^^^^^^^ top-level `return`
      Caused by: `setup.ts` is imported by index.ts:1:8

    hint: an imported file runs as an ES module; move the statements into an exported function
    "#);
}

/// A package that is not in node_modules.
#[test]
fn unresolved_package() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "unresolved_package"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: Could not resolve `zod` imported by index.ts:2:19
      --> index.ts:2:19
     2 | import { z } from "zod";
       |                   ^^^^^ not found in `node_modules`
      Caused by: looked for `node_modules/zod` in the importer's directory and each directory above it

    hint: install the package (`npm install zod` in the project's directory), or check its name
    "#);
}

/// A relative import of a file that does not exist names the importer, the paths tried and the extensions.
#[test]
fn unresolved_relative() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "unresolved_relative"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: Could not resolve `./utils/format` imported by src/index.ts:1:24
      --> src/index.ts:1:24
     1 | import { format } from "./utils/format";
       |                        ^^^^^^^^^^^^^^^^ no such file
      Caused by: looked for `src/utils/format`, `src/utils/format.ts`, `src/utils/format.tsx`, `src/utils/format.mts`, `src/utils/format.js`, `src/utils/format.jsx` and 4 more

    hint: check the path: an import without an extension tries .ts .tsx .mts .js .jsx .mjs .cts .cjs .json, then the directory's `index` file
    "#);
}

/// An import of a kind of file sandbox cannot load.
#[test]
fn unsupported_file_type() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "unsupported_file_type"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: Cannot import `./query.graphql`: sandbox does not know how to load this kind of file
      --> index.ts:1:19
     1 | import query from "./query.graphql";
       |                   ^^^^^^^^^^^^^^^^^ unsupported file type

    hint: import JavaScript or TypeScript, JSON (`.json`), text (`.txt`, `.html`, `.md`, `.css`, `.svg`, `.sql`), bytes (`.bin`, images, fonts, audio, video, `.pdf`, `.zip`, `.gz`) or WebAssembly (`.wasm`)
    "#);
}

/// `main` in wrangler.toml names a file that does not exist.
#[test]
fn wrangler_main_missing() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "wrangler_main_missing"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: The entry `src/worker.ts` named by `main` in wrangler.toml does not exist
      --> wrangler.toml:2:8
     2 | main = "src/worker.ts"
       |        ^^^^^^^^^^^^^^^ no such file

    hint: fix `main` in wrangler.toml, build the file if it is generated, or pass the entry file itself
    "#);
}

/// A compatibility date in wrangler.jsonc that is not a date.
#[test]
fn invalid_compatibility_date() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "invalid_compatibility_date"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: The compatibility date `2025-6-1` is not a date
      --> wrangler.jsonc:4:25
     4 |   "compatibility_date": "2025-6-1"
       |                         ^^^^^^^^^^ not `YYYY-MM-DD`

    hint: write the date as `YYYY-MM-DD`, such as `"2025-01-01"`
    "#);
}

/// An imported text file that is not UTF-8.
#[test]
fn not_utf8_import() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "not_utf8_import"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `notes.txt`, imported by index.js:1:19, is not UTF-8 text
      --> index.js:1:19
     1 | import notes from "./notes.txt";
       |                   ^^^^^^^^^^^^^ imported here

    hint: save the file as UTF-8, or give it the `.bin` extension to import its bytes
    "#);
}

/// A wrangler.toml that cannot be read is an error of the input (exit 2), not a file to
/// skip for another entry.
#[test]
fn unreadable_wrangler_toml() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "unreadable_wrangler_toml"), @r#"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: Cannot read `wrangler.toml`
      Caused by: not UTF-8 text
    "#);
}

/// `main` in wrangler.json that is not a string.
#[test]
fn wrangler_main_not_a_string() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "wrangler_main_not_a_string"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `main` in wrangler.json must be a string
      --> wrangler.json:3:11
     3 |   "main": ["src/index.ts"]
       |           ^^^^^^^^^^^^^^^^ found an array

    hint: write `main` in wrangler.json as a string
    "#);
}

/// `sandbox bundle` of a file that is not JavaScript or TypeScript (exit 4), and of a path
/// that does not exist (exit 2).
#[test]
fn bundle_entry_errors() {
    let context = TestContext::new();
    context.write("notes.md", "# Notes\n");
    sandbox_snapshot!(context.bundle(&["notes.md"]), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: Cannot start from `notes.md`: an entry is a .js .mjs .cjs .ts .mts .cts .tsx .jsx file

    hint: pass the project's directory or its JavaScript or TypeScript entry file
    "#);
    sandbox_snapshot!(context.bundle(&["missing.ts"]), @r#"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: Cannot read `missing.ts`
      Caused by: No such file or directory (os error 2)

    hint: check the path
    "#);
}

/// An import that climbs out of the project directory.
#[test]
fn import_outside_project() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "import_outside_project"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `../secrets.json` imported by app/index.js:1:21 is outside the project
      --> app/index.js:1:21
     1 | import secrets from "../secrets.json";
       |                     ^^^^^^^^^^^^^^^^^ outside the project
      Caused by: it is `secrets.json`, and the project is `app`

    hint: only files in the project's directory and installed packages in `node_modules` are bundled: move the file into the project, or bundle a directory that holds both
    "#);
}

/// A symbolic link in the project that points out of it.
#[test]
fn symlink_outside_project() {
    let context = TestContext::new();
    sandbox_snapshot!(run_fixture(&context, "symlink_outside_project"), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `./settings.json` imported by app/index.js:1:22 is outside the project
      --> app/index.js:1:22
     1 | import settings from "./settings.json";
       |                      ^^^^^^^^^^^^^^^^^ outside the project
      Caused by: it is `secrets.json`, and the project is `app`

    hint: only files in the project's directory and installed packages in `node_modules` are bundled: move the file into the project, or bundle a directory that holds both
    "#);
}

/// Without Node.js compatibility, a Node.js built-in module is not bundled: the error names
/// the importing file and line, and the flag that turns Node.js compatibility on.
#[test]
fn node_builtin() {
    let context = TestContext::new();
    let mut command = run_fixture(&context, "node_builtin");
    command.args(["--compatibility-date", "2024-01-01"]);
    sandbox_snapshot!(command, @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `node:fs` imported by helper.ts:1:30 is a Node.js built-in module, which the runtime has only with Node.js compatibility
      --> helper.ts:1:30
     1 | import { readFileSync } from "node:fs";
       |                              ^^^^^^^^^ Node.js built-in module

    hint: the compatibility date or flags turn Node.js compatibility off: add `--compatibility-flag nodejs_compat`, or use a Web API instead
    "#);
}
