//! Positions in prepared code map back to the input as the user wrote it.

use bundler::{Prepared, SourceMap};

use crate::support::prepared;

/// The 1-based line and column of the first occurrence of `needle` in `text`, in UTF-16 code
/// units as V8 counts them.
fn position_of(text: &str, needle: &str) -> (u32, u32) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle:?} is in {text:?}"));
    let line_start = text[..offset].rfind('\n').map_or(0, |index| index + 1);
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[line_start..offset].encode_utf16().count() + 1;
    (u32::try_from(line).expect("small"), u32::try_from(column).expect("small"))
}

fn source_map(prepared: &Prepared) -> &SourceMap {
    prepared.source_map.as_ref().expect("rewritten code has a source map")
}

/// Finds `needle` in both the generated code and the input, and checks that the map sends the
/// first to the second; code without a map must have it where the input has it.
fn assert_maps_back(file: &str, text: &str, generated_needle: &str, original_needle: &str) {
    let prepared = prepared(file, text);
    let (line, column) = position_of(&prepared.code, generated_needle);
    let original = match &prepared.source_map {
        Some(map) => map.original_position(line, column),
        None => Some((line, column)),
    };
    assert_eq!(
        original,
        Some(position_of(text, original_needle)),
        "{generated_needle:?} at {line}:{column} of\n{}",
        prepared.code
    );
}

/// TypeScript with code written in place of some of it (an enum, a parameter property, an
/// enum member read inlined): what comes after that code on its line maps back to where it
/// was, and what has only types blanked out keeps its position.
#[test]
fn typescript_written_in_place_maps_back() {
    let text = "export enum Color {\n  Red,\n  Green = 'g',\n}\nexport class Box {\n  \
                private readonly unused = 1;\n  constructor(private readonly size: number) { console.log(  size * 2); }\n}\n\
                export const c: Color = Color.Red;   const d = 1 + c;\n";
    let prepared = prepared("mod.ts", text);
    assert!(prepared.code.contains("this.size = size"), "{}", prepared.code);
    assert!(prepared.source_map.is_some(), "code was written in place of the source's");
    assert_maps_back("mod.ts", text, "size * 2", "size * 2");
    assert_maps_back("mod.ts", text, "unused = 1", "unused = 1");
    assert_maps_back("mod.ts", text, "1 + c", "1 + c");
    assert_maps_back("mod.ts", text, "export class", "export class");
}

/// An expression on line 5 of a TypeScript module maps back to line 5 and its column.
#[test]
fn typescript_module_expression_maps_to_its_line() {
    let text = "interface Input {\n  n: number;\n}\nexport function twice(input: Input): number {\n  return   input.n * 2;\n}\n";
    assert_eq!(position_of(text, "input.n"), (5, 12));
    assert_maps_back("mod.ts", text, "input.n", "input.n");
}

/// Agent code moved into the wrapper function still maps to its own lines.
#[test]
fn wrapped_agent_code_maps_to_its_line() {
    let text = "type N = number;\nconst a: N = 1;\n\nconst b: N = 2;\nthrow new Error(`${a + b}`);\n";
    assert_maps_back("agent.ts", text, "throw", "throw");
    assert_maps_back("agent.ts", text, "new Error", "new Error");
    assert_maps_back("agent.ts", text, "const b", "const b");
}

/// The final expression, now a `return`, maps to where the expression was.
#[test]
fn returned_expression_maps_to_the_expression() {
    let text = "const x = 1;\n   x.toFixed(2)\n";
    assert_maps_back("agent.js", text, "return", "x.toFixed");
    assert_maps_back("agent.js", text, "toFixed", "toFixed");
}

/// After a stripped fence, lines count from the top of the fenced input.
#[test]
fn fenced_code_maps_to_the_lines_inside_the_fence() {
    let text = "```ts\nconst v: string = \"a\";\nv.missing()\n```\n";
    assert_maps_back("agent.ts", text, "v.missing", "v.missing");
    assert_eq!(position_of(text, "v.missing"), (3, 1));
}

/// Columns after non-ASCII text count UTF-16 code units on both sides, as V8 does.
#[test]
fn columns_after_non_ascii_text_are_utf16() {
    let text = "const s: string = \"héllo 😀\"; s.boom()\n";
    assert_maps_back("agent.ts", text, "s.boom", "s.boom");
    // "😀" is two UTF-16 code units, "é" one: `s.boom` starts at column 31, not 30 or 34.
    assert_eq!(position_of(text, "s.boom"), (1, 31));
}

/// The wrapper line comes from no source line, and the map says so.
#[test]
fn wrapper_line_has_no_original_position() {
    let prepared = prepared("agent.ts", "const a = 1;\na\n");
    assert!(prepared.code.starts_with("export default async function"));
    assert_eq!(source_map(&prepared).original_position(1, 1), None);
}

/// The JSON is a version 3 source map naming the display path and holding the source.
#[test]
fn to_json_is_a_standard_source_map() {
    let text = "```ts\nconst answer: number = 42;\nanswer\n```";
    let prepared = prepared("src/agent.ts", text);
    let json: serde_json::Value = serde_json::from_str(&source_map(&prepared).to_json()).expect("the map is JSON");
    assert_eq!(json["version"], 3);
    assert_eq!(json["sources"], serde_json::json!(["src/agent.ts"]));
    assert_eq!(json["sourcesContent"], serde_json::json!([text]));
    insta::assert_snapshot!(prepared.code, @r"
    export default async function() {
        const answer = 42;
        return answer;
    }
    ");
    // Line 2 `    const answer = 42;` from line 2 of the input, line 3 `return` from line 3.
    insta::assert_snapshot!(json["mappings"].as_str().expect("a string"), @";IACA,MAAM,SAAiB;IACvB,OAAA");
}
