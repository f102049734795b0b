//! Every diagnostic `prepare_source` can give, with where it points.

use crate::support::{prepare, render_diagnostic};

/// Each bad input gives its diagnostic, located in the input as written.
#[test]
fn prepare_source_diagnostics() {
    let cases = [
        ("syntax_error", "agent.ts", "const a = 1;\nlet x y\n"),
        ("syntax_error_is_never_wrapped", "agent.js", "Here is the code:\nreturn 1\n"),
        ("typescript_in_javascript", "agent.js", "const x: number = 1;\n"),
        ("unterminated_string", "agent.ts", "const s = \"abc\n"),
        ("jsx_in_typescript", "agent.ts", "const el = <div />;\n"),
        ("jsx_in_javascript", "agent.js", "const el = <div />;\nel\n"),
        ("typescript_and_jsx_in_javascript", "agent.js", "const el: unknown = <div />;\n"),
        ("syntax_error_after_fence", "agent.ts", "```ts\nconst ok = 1;\nconst = 2;\n```\n"),
        ("foreign_fence", "agent.ts", "```python\nprint(\"hi\")\n```\n"),
        ("foreign_fence_after_blank_line", "agent.js", "\n```Rust title=\"main.rs\"\nfn main() {}\n```"),
        ("return_in_module", "mod.ts", "export const a = 1;\nreturn a;\n"),
        ("return_in_javascript_module", "mod.js", "export default 1;\nif (true) { return; }\n"),
        ("return_in_class_static_block", "agent.ts", "class A {\n  static { return; }\n}\n"),
        ("await_in_non_async_function", "agent.js", "function f() {\n  await g();\n}\n"),
        ("import_equals_in_es_module", "agent.ts", "import fs = require(\"node:fs\");\nfs\n"),
        ("export_equals_in_es_module", "mod.ts", "const a = 1;\nexport = a;\n"),
        ("es_import_in_common_typescript", "lib.cts", "const a: number = 1;\nimport b from \"./b\";\n"),
    ];
    for (name, file, text) in cases {
        let diagnostic = match prepare(file, text) {
            Err(diagnostic) => diagnostic,
            Ok(prepared) => panic!("{name} should fail, got\n{}", prepared.code),
        };
        assert!(diagnostic.location.is_some(), "{name} has a location");
        assert_eq!(diagnostic.to_string(), diagnostic.message, "{name}: Display is the message");
        insta::assert_snapshot!(name, render_diagnostic(text, &diagnostic));
    }
}

/// Diagnostics name the file as the caller gave it, such as `<stdin>`.
#[test]
fn diagnostics_use_the_display_path() {
    let diagnostic = match prepare("agent.ts", "let x = ;") {
        Err(diagnostic) => diagnostic,
        Ok(_) => panic!("`let x = ;` is not TypeScript"),
    };
    let location = diagnostic.location.expect("syntax errors have a location");
    assert_eq!(location.file, "agent.ts");
    let diagnostic = bundler::prepare_source(&bundler::SourceInput {
        file: "<stdin>",
        text: "let x = ;",
        language: bundler::Language::Ts,
    })
    .expect_err("`let x = ;` is not TypeScript");
    assert_eq!(diagnostic.location.expect("has a location").to_string(), "<stdin>:1:9");
}
