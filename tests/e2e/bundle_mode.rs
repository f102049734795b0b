//! Bundle mode keeps the semantics of the files: each case is a small project that returns
//! the same value from `sandbox run` (one bundled module) and `sandbox run --no-bundle` (one
//! module per file, as the runtime links them), and the cases bundle mode cannot link as the
//! runtime would fall back to transform mode and say so under `--verbose`.

use serde_json::{Value, json};

use crate::support::{TestContext, output, render};

/// Writes `files` and runs `entry` in both modes; both must return `expect`.
fn same_in_both_modes(name: &str, files: &[(&str, &str)], entry: &str, expect: Value) {
    let context = TestContext::new();
    for (file, text) in files {
        context.write(file, text);
    }
    for mode in [&[][..], &["--no-bundle"][..]] {
        let mut args = vec![entry, "--json"];
        args.extend_from_slice(mode);
        let run = output(&mut context.run(&args), None);
        let envelope: Value =
            serde_json::from_slice(&run.stdout).unwrap_or_else(|_| panic!("{name} {mode:?}: {}", render(&run)));
        assert_eq!(envelope["result"], expect, "{name} {mode:?}: {envelope:#}");
    }
}

/// Live bindings, a name two modules both declare, namespace objects, `this` in CommonJS,
/// `import()` of CommonJS and `require` of an ES module.
#[test]
fn bundle_mode_keeps_module_semantics() {
    same_in_both_modes(
        "live bindings and clashing names",
        &[
            (
                "counter.js",
                "export let count = 0;\nexport function increment() { count++; }\nconst name = 'counter';\nexport const counterName = name;\n",
            ),
            ("other.js", "const name = 'other';\nexport function otherName() { return name; }\n"),
            (
                "index.js",
                "import { count, increment, counterName } from './counter.js';\nimport { otherName } from './other.js';\nconst name = 'index';\nexport default { run() { const before = count; increment(); increment(); return [before, count, name, counterName, otherName()]; } };\n",
            ),
        ],
        "index.js",
        json!([0, 2, "index", "counter", "other"]),
    );
    same_in_both_modes(
        "names renamed apart: no nested binding captures a top-level one or a global",
        &[
            ("one.js", "export const value = 1;\nexport const Math = { max: () => 'not the global' };\n"),
            (
                // Its `value` clashes with one.js's and is renamed (`value1`): the parameter
                // `value1` of `later` must not capture it, nor `value` in `inner` one.js's.
                "two.js",
                "import { value as first } from './one.js';\nconst value = 2;\nexport function inner(value1) { const value = 3; return [first, value, value1]; }\nexport function later(value1) { return [value, value1]; }\nexport const biggest = () => Math.max(1, 2);\n",
            ),
            (
                // It imports itself: `self` is its own top-level `a`, read where a nested
                // `a` is bound.
                "self.js",
                "import { a as self } from './self.js';\nexport const a = 'top';\nexport function a2() { return function (a) { return [self, a]; }; }\n",
            ),
            (
                "index.ts",
                "import { inner, later, biggest } from './two.js';\nimport { value, Math as mine } from './one.js';\nimport { a2 } from './self.js';\nenum Direction { Up, Down }\nexport default { run: () => [inner(4), later(5), biggest(), value, mine.max(), a2()('inner'), Direction.Down, Direction[0]] };\n",
            ),
        ],
        "index.ts",
        json!([[1, 3, 4], [2, 5], 2, 1, "not the global", ["top", "inner"], 1, "Up"]),
    );
    same_in_both_modes(
        "namespace objects",
        &[
            ("lib.js", "export const b = 2;\nexport const a = 1;\nexport default 'lib';\n"),
            (
                "index.js",
                "import * as lib from './lib.js';\nexport default { run() { return [Object.keys(lib), Object.prototype.toString.call(lib), Object.isExtensible(lib), lib.default]; } };\n",
            ),
        ],
        "index.js",
        json!([["a", "b", "default"], "[object Module]", false, "lib"]),
    );
    same_in_both_modes(
        "`this` at the top of CommonJS, and `import()` of it",
        &[
            ("legacy.cjs", "this.viaThis = true;\nexports.viaExports = true;\n"),
            (
                "index.js",
                "export default { async run() { const module = await import('./legacy.cjs'); return [module.default.viaThis, module.default.viaExports]; } };\n",
            ),
        ],
        "index.js",
        json!([true, true]),
    );
    same_in_both_modes(
        "CommonJS requiring JSON and an ES module through a cycle-free chain",
        &[
            ("data.json", "{ \"answer\": 42 }"),
            ("helper.cjs", "const data = require('./data.json');\nmodule.exports = { answer: () => data.answer };\n"),
            ("index.ts", "import helper from './helper.cjs';\nexport default { run: () => helper.answer() };\n"),
        ],
        "index.ts",
        json!(42),
    );
    same_in_both_modes(
        "the entry of a `\"type\": \"module\"` package imports CommonJS by Node's rule, as esbuild does",
        &[
            ("package.json", "{ \"type\": \"module\" }"),
            (
                "compiled.cjs",
                "Object.defineProperty(exports, '__esModule', { value: true });\nexports.default = 'the default export';\n",
            ),
            (
                "index.ts",
                "import compiled from './compiled.cjs';\nexport default { run: () => [typeof compiled, compiled.default] };\n",
            ),
        ],
        "index.ts",
        json!(["object", "the default export"]),
    );
    same_in_both_modes(
        "top-level await in a module imported statically",
        &[
            ("config.js", "export const value = await Promise.resolve('awaited');\n"),
            ("index.js", "import { value } from './config.js';\nexport default { run: () => value };\n"),
        ],
        "index.js",
        json!("awaited"),
    );
    same_in_both_modes(
        "re-exports through `export *` and `export * as`",
        &[
            ("a.js", "export const one = 1;\nexport default 'not re-exported';\n"),
            ("b.js", "export const two = 2;\n"),
            (
                "barrel.js",
                "export * from './a.js';\nexport * as bee from './b.js';\nexport { two as deux } from './b.js';\n",
            ),
            (
                "index.js",
                "import * as barrel from './barrel.js';\nimport { one, bee, deux } from './barrel.js';\nexport default { run: () => [Object.keys(barrel), one, bee.two, deux] };\n",
            ),
        ],
        "index.js",
        json!([["bee", "deux", "one"], 1, 2, 2]),
    );
}

/// What bundle mode cannot link exactly as the runtime would run it is bundled as with
/// `--no-bundle`, gives the same result, and `--verbose` says why.
#[test]
fn bundle_mode_falls_back_where_it_cannot_link() {
    /// A name, the files, the entry, the result and the reason `--verbose` gives.
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str, Value, &'a str);
    let cases: [Case<'_>; 3] = [
        (
            "a CommonJS entry",
            &[("index.cjs", "module.exports = { run: () => 'cjs' };\n")],
            "index.cjs",
            json!("cjs"),
            "the entry is CommonJS",
        ),
        (
            "top-level await in a module loaded by import()",
            &[
                ("late.js", "export const value = await Promise.resolve('late');\n"),
                ("index.js", "export default { run: async () => (await import('./late.js')).value };\n"),
            ],
            "index.js",
            json!("late"),
            "late.js uses top-level `await` and is loaded by `import()` or `require`",
        ),
        (
            "`export *` of CommonJS",
            &[
                ("legacy.cjs", "exports.value = 'star';\n"),
                ("barrel.js", "export * from './legacy.cjs';\n"),
                (
                    "index.js",
                    "import * as barrel from './barrel.js';\nexport default { run: () => Object.keys(barrel).length };\n",
                ),
            ],
            "index.js",
            json!(0),
            "barrel.js has `export * from \"./legacy.cjs\"`, whose names are only known when it runs",
        ),
    ];
    for (name, files, entry, expect, reason) in cases {
        same_in_both_modes(name, files, entry, expect);
        let context = TestContext::new();
        for (file, text) in files {
            context.write(file, text);
        }
        let run = output(&mut context.run(&[entry, "--verbose"]), None);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains(&format!("not bundled into one module because {reason}")), "{name}: {stderr}");
    }
}

/// A package that says `"sideEffects": false` is left out when nothing of it is used, and
/// unused declarations are left out of the bundle.
#[test]
fn bundle_mode_shakes_trees() {
    let context = TestContext::new();
    context.write(
        "node_modules/pure/package.json",
        r#"{ "name": "pure", "type": "module", "sideEffects": false, "main": "index.js" }"#,
    );
    context.write("node_modules/pure/index.js", "globalThis.loadedPure = true;\nexport const unused = 1;\n");
    context.write(
        "node_modules/used/package.json",
        r#"{ "name": "used", "type": "module", "sideEffects": false, "main": "index.js" }"#,
    );
    context.write("node_modules/used/index.js", "globalThis.loadedUsed = true;\nexport const used = () => 'used';\nexport function dropped() { return 'dropped'; }\n");
    context.write("index.js", "import 'pure';\nimport { used } from 'used';\nexport default { run: () => [used(), globalThis.loadedPure ?? false, globalThis.loadedUsed] };\n");
    let bundled = output(&mut context.bundle(&["index.js"]), None);
    let map: Value = serde_json::from_slice(&bundled.stdout).expect("the map is JSON");
    insta::assert_snapshot!(map["modules"]["index.js"].as_str().expect("one module"), @"
    globalThis.loadedUsed = true;
    const used = ()=>'used';
    const index_default = {
        run: ()=>[
                used(),
                globalThis.loadedPure ?? false,
                globalThis.loadedUsed
            ]
    };
    export { index_default as default };
    ");
    let run = output(&mut context.run(&["index.js"]), None);
    assert_eq!(String::from_utf8_lossy(&run.stdout), "[\"used\",false,true]\n", "{}", render(&run));
}
