//! What `prepare_source` makes of agent code, author-written modules and CommonJS.

use bundler::{ModuleKind, Shape};

use crate::support::{prepared, render_prepared};

/// Agent code in each shape codemode's `normalizeCode` knows becomes a default export.
#[test]
fn agent_code_shapes() {
    let cases = [
        ("empty", "agent.ts", ""),
        ("whitespace_and_comments", "agent.ts", "  \n// nothing here\n/* or here */\n"),
        ("types_only", "agent.ts", "interface A { x: number }\ntype B = A;\ndeclare const c: B;\n"),
        ("expression", "agent.js", "1+1"),
        ("top_level_return", "agent.js", "return 6 * 7"),
        ("async_arrow_with_semicolon", "agent.js", "async () => { return 1 };"),
        ("parenthesized_arrow", "agent.ts", "((input: { n: number }) => input.n * 2)\n"),
        ("function_expression", "agent.js", "(async function run() { return 'ran' })"),
        ("function_declaration", "agent.js", "function main() { return 3 }"),
        (
            "typed_async_function_declaration",
            "agent.ts",
            "async function main(): Promise<number> {\n  return await Promise.resolve(3);\n}\n",
        ),
        ("statements_ending_in_expression", "agent.ts", "const x: number = 1;\nconst y = x + 1;\ny * 2\n"),
        ("statements_ending_in_declaration", "agent.js", "const x = 1;\nconsole.log(x);\nlet y = 2;\n"),
        ("object_literal_result", "agent.js", "const n = 1;\n({ n, twice: n * 2 })"),
        ("sequence_result", "agent.js", "let a = 1;\na++, a"),
        ("iife_is_a_statement", "agent.js", "(async () => 5)()"),
        (
            "top_level_await_and_nested_return",
            "agent.js",
            "const value = await Promise.resolve(2);\nif (value > 1) {\n  return 'big';\n}\n'small'\n",
        ),
        (
            "imports_stay_at_top_level",
            "agent.ts",
            "import { z } from \"zod\";\nimport type { Infer } from \"zod\";\nconst schema = z.string();\nschema.parse(\"hi\")\n",
        ),
        ("imports_and_a_function", "agent.js", "import helper from \"./helper.js\";\nasync () => helper()\n"),
        ("type_only_statements_are_skipped", "agent.ts", "function f(): number { return 1 }\ninterface I {}\n"),
        ("overload_signatures", "agent.ts", "function f(x: string): string;\nfunction f(x: any) { return x }\n"),
        ("last_expression_before_types", "agent.ts", "const x = 2;\nx * 21\ntype T = string;\n"),
        ("shebang", "agent.js", "#!/usr/bin/env sandbox\n1 + 2\n"),
        ("class_declaration_alone", "agent.js", "class A {}"),
        ("using_declaration", "agent.js", "{\n  using resource = { [Symbol.dispose]() {} };\n}\n'disposed'\n"),
        ("fenced_ts", "agent.ts", "```ts\nconst x: number = 40;\nx + 2\n```\n"),
        ("fenced_without_tag", "agent.js", "```\nreturn 'plain'\n```"),
        ("fenced_uppercase_tag", "agent.ts", "```TypeScript\nasync () => 1\n```"),
        ("fenced_with_crlf", "agent.js", "```javascript\r\n1 + 1\r\n```\r\n"),
        ("fence_after_blank_lines", "agent.ts", "\n\n```tsx\n7\n```\n\n"),
    ];
    for (name, file, text) in cases {
        let prepared = prepared(file, text);
        assert_eq!(prepared.kind, ModuleKind::Js, "{name}");
        insta::assert_snapshot!(name, render_prepared(text, &prepared));
    }
}

/// The shape names the declared function, so the caller knows what it calls.
#[test]
fn function_declaration_shape_has_the_name() {
    let prepared = prepared("agent.ts", "async function handler(): Promise<void> {}");
    assert_eq!(prepared.shape, Shape::FunctionDeclaration("handler".to_owned()));
}

/// A JavaScript module with `export` comes back byte for byte, with no source map.
#[test]
fn javascript_module_is_returned_unchanged() {
    let text = "// keep me\nexport default async function () {\n  return   1;\n}\n";
    let prepared = prepared("agent.js", text);
    assert_eq!(prepared.shape, Shape::Module);
    assert_eq!(prepared.code, text);
    assert_eq!(prepared.source_map, None);
}

/// A byte order mark doesn't stop the unchanged fast path, and stays in the code.
#[test]
fn javascript_module_with_byte_order_mark_is_unchanged() {
    let text = "\u{feff}export const a = 1;\n";
    let prepared = prepared("agent.mjs", text);
    assert_eq!(prepared.code, text);
    assert_eq!(prepared.source_map, None);
}

/// A fenced JavaScript module only has its fence blanked, so positions need no map.
#[test]
fn fenced_javascript_module_keeps_positions() {
    let text = "```js\nexport default 1;\n```";
    let prepared = prepared("agent.js", text);
    assert_eq!(prepared.code, "     \nexport default 1;\n   ");
    assert_eq!(prepared.source_map, None);
    assert_eq!(prepared.shape, Shape::Module);
}

/// Modules with `export` keep their shape; only types and JSX are compiled away.
#[test]
fn modules_with_exports_run_as_written() {
    let cases = [
        (
            "typescript_module",
            "mod.ts",
            "import type { Config } from \"./config\";\nexport const defaults: Partial<Config> = {};\nexport default function (input: string): string {\n  return input.trim();\n}\n",
        ),
        ("export_from_is_a_module", "mod.mts", "export * from \"./other.js\";\nconst unused: number = 1;\n"),
        ("jsx_module", "App.jsx", "export const App = () => <main id=\"app\"><>Hi {name}</></main>;\n"),
        (
            "tsx_module",
            "App.tsx",
            "import React from \"react\";\ntype Props = { name: string };\nexport default function Hello({ name }: Props) {\n  return <h1 className=\"title\">Hello {name}</h1>;\n}\n",
        ),
    ];
    for (name, file, text) in cases {
        let prepared = prepared(file, text);
        assert_eq!(prepared.shape, Shape::Module, "{name}");
        insta::assert_snapshot!(name, render_prepared(text, &prepared));
    }
}

/// JSX in agent code compiles to `React.createElement` calls too.
#[test]
fn jsx_agent_code() {
    let text = "const items = [1, 2];\n<ul>{items.map((item) => <li key={item}>{item}</li>)}</ul>\n";
    insta::assert_snapshot!(render_prepared(text, &prepared("agent.tsx", text)));
}

/// `.cjs` runs as written; it is not parsed, fenced or wrapped.
#[test]
fn common_js_is_returned_unchanged() {
    let text = "module.exports = 1;\nreturn;\n";
    let prepared = prepared("lib.cjs", text);
    assert_eq!(prepared.code, text);
    assert_eq!(prepared.kind, ModuleKind::Cjs);
    assert_eq!(prepared.shape, Shape::CommonJs);
    assert_eq!(prepared.source_map, None);
}

/// `.cts` loses its types; `import = require` and `export =` become CommonJS.
#[test]
fn common_typescript_is_stripped() {
    let text = "import path = require(\"node:path\");\nconst name: string = path.basename(\"/a/b.txt\");\nif (!name) return;\nexport = name;\n";
    let prepared = prepared("lib.cts", text);
    assert_eq!(prepared.kind, ModuleKind::Cjs);
    assert_eq!(prepared.shape, Shape::CommonJs);
    insta::assert_snapshot!(render_prepared(text, &prepared));
}

/// With `process.env.NODE_ENV` replaced, branches behind a constant test are removed: a
/// `var` there stays declared, a member kept from `?:` is still called without its object
/// as `this`, what is kept gets the parentheses it needs, and tests that depend on the code
/// are kept.
#[test]
fn dead_branches_after_defines() {
    let text = "export const a = process.env.NODE_ENV === \"production\" ? obj.method : other;\nexport const b = (process.env.NODE_ENV !== \"production\" ? other : obj.method)();\nexport function c() {\n  if (process.env.NODE_ENV === \"development\") {\n    var hidden = load();\n  } else if (process.env.NODE_ENV === \"production\") {\n    let kept = 2;\n    use(kept);\n  }\n  return hidden;\n}\nexport const d = process.env.NODE_ENV === mode ? 1 : 2;\nexport const e = read(process.env.NODE_ENV) === \"production\" && 1;\nexport const f = \"production\" === process.env.NODE_ENV || fallback();\nexport const g = process.env.NODE_ENV !== \"production\" && debug();\nexport const h = () => process.env.NODE_ENV === \"production\" ? { ok: true } : null;\nprocess.env.NODE_ENV === \"production\" ? function () { ran(); }() : 0;\n";
    let prepared = prepared("mod.js", text);
    insta::assert_snapshot!(render_prepared(text, &prepared));
}

/// A name written with `\u` escapes is written back as the characters they stand for, with no
/// backslash left in it: what lets the code generator skip its search of every name for one
/// (`IndentCapped::can_ignore_invalid_unicodes`).
#[test]
fn escaped_identifiers_are_written_as_their_characters() {
    let text = "const \\u0061bc: number = 1;\nconst \\u{1d49c}\\u0032 = 2;\nconst ಠ_ಠ = { \\u0062: abc };\nexport { \\u0061bc as d\\u0065f, 𝒜2, ಠ_ಠ };\nexport const e = ಠ_ಠ.\\u0062 + \\u{61}bc;\n";
    let prepared = prepared("mod.ts", text);
    assert!(!prepared.code.contains('\\'), "{}", prepared.code);
    for name in ["const abc = 1", "const 𝒜2 = 2", "const ಠ_ಠ = {\n    b: abc\n}", "abc as def", "ಠ_ಠ.b + abc"]
    {
        assert!(prepared.code.contains(name), "{name} in {}", prepared.code);
    }
}
