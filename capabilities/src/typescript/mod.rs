//! TypeScript declarations of a catalogue's tools, to prompt an LLM with
//! ([`DeclarationStyle::Globals`]) or for an editor ([`DeclarationStyle::EnvInterface`]); the
//! rules are documented on [`declarations`].

mod text;
mod types;

use crate::names as ident;
use crate::{Catalog, Source, Tool};
use types::Namespace;

/// Which declarations [`declarations`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclarationStyle {
    /// `declare const <source>: {...}` for each source: what the code sees as globals, to
    /// prompt an LLM with.
    Globals,
    /// `interface Env { <source>: {...} }`: what a module's `env` holds, for editors.
    EnvInterface,
}

/// The TypeScript declarations of every tool of `catalog`: one `.d.ts` file, valid under
/// `tsc --strict`. Source names must be identifiers (as the crate makes them).
///
/// ```
/// use capabilities::{Catalog, DeclarationStyle, Source, SourceKind, Tool, declarations};
/// use serde_json::json;
///
/// let tool = Tool {
///     name: "echo".into(),
///     original: "echo".into(),
///     description: Some("Echoes back the input".into()),
///     input_schema: json!({"type": "object", "properties": {"message": {"type": "string"}},
///                          "required": ["message"]}),
///     output_schema: None,
///     approve: false,
/// };
/// let source = Source { name: "everything".into(), original: "everything".into(),
///                       kind: SourceKind::Mcp, description: None, tools: vec![tool] };
/// let text = declarations(&Catalog { sources: vec![source] }, DeclarationStyle::Globals);
/// assert!(text.contains("declare const everything: {"));
/// assert!(text.contains("echo(input: everything.EchoInput): Promise<unknown>;"));
/// assert!(text.contains("type EchoInput = {\n    message: string;\n  };"));
/// ```
///
/// # Layout
/// Each source is a `declare const <source>: { ... }` (Globals) or a property of `interface
/// Env` (EnvInterface) with one method per tool: `/** description */ tool(input:
/// <source>.ToolInput): Promise<<source>.ToolOutput>`, `input?` when the schema requires
/// nothing, `Promise<unknown>` when the tool declares no output schema. The types are in a
/// `declare namespace <source>` (type-only, so it merges with the constant): `<Tool>Input`,
/// `<Tool>Output` and one alias per definition the schemas refer to, named after it
/// (`Pet`, numbered when two differ), shared by the source's tools when equal.
///
/// # From JSON Schema to TypeScript
/// - `type`: `string`, `number`/`integer` as `number`, `boolean`, `null`, objects, arrays;
///   several types (`["string", "null"]`) a union, the object and array ones keeping their
///   properties and items. Without `type`, `properties`/`required`/`additionalProperties` make
///   an object and `items`/`prefixItems` an array; a schema with nothing to say is `unknown`.
/// - Objects: properties optional (`?`) unless `required` (a required name without a
///   property is `unknown`); names that are not identifiers quoted; `additionalProperties`,
///   `unevaluatedProperties` and `patternProperties` an index signature whose type also
///   admits the properties' (so that it compiles); `{type: "object"}` alone is
///   `{ [key: string]: unknown }`, a closed empty one `{ [key: string]: never }`.
/// - Arrays: `T[]`; tuples from `prefixItems` (2020-12) or an `items` array (draft 7), elements
///   past `minItems` optional, then `...T[]` for `items`/`additionalItems` unless `false` or
///   `maxItems` closes the tuple.
/// - `enum` and `const`: unions of literal types (objects and arrays as literal object and
///   tuple types). `anyOf`/`oneOf`: unions; `allOf`: an intersection, with the schema's own
///   type and any `$ref` beside them. OpenAPI 3.0's `nullable: true` adds `| null`.
/// - `$ref` to a place in the same schema (`#/$defs/X`, `#/definitions/X`, `#`, any JSON
///   Pointer): the alias of that place. A loop of aliases that TypeScript cannot resolve (an
///   alias that is itself through unions and intersections only) is cut: `unknown` with a
///   comment. Loops through properties, arrays and tuples stay recursive types. Other
///   references are `unknown` with a comment.
/// - A schema with `contentMediaType` and neither `type` nor `contentEncoding` is binary (the
///   OpenAPI module's bodies): `Uint8Array | string`.
/// - JSDoc: `description` (and `title`), `@format`, bounds and patterns, `@default`,
///   `@example` (three at most), `@deprecated`; long texts are shortened, and nothing in them
///   can close the comment.
/// - Types nested more than 32 deep are `unknown` with a comment.
pub fn declarations(catalog: &Catalog, style: DeclarationStyle) -> String {
    let mut out = String::new();
    out.push_str(match style {
        DeclarationStyle::Globals => {
            "// The tools this code may call: one object per source, whose methods each take one\n\
             // object and return a Promise of the tool's result.\n"
        }
        DeclarationStyle::EnvInterface => {
            "// The tools granted to the sandbox: `env.<source>` (and a global of the same name in\n\
             // code without exports), whose methods each take one object and return a Promise.\n"
        }
    });
    let mut env_members = String::new();
    for source in &catalog.sources {
        out.push('\n');
        if !ident::is_identifier(&source.name) || ident::is_reserved(&source.name) {
            out.push_str(&format!(
                "// A source whose name is not an identifier is left out: {}\n",
                text::string_literal(&source.name)
            ));
            continue;
        }
        let (methods, namespace) = source_declarations(source);
        let doc = source.description.as_deref().map(text::description_doc).unwrap_or_default();
        match style {
            DeclarationStyle::Globals => {
                out.push_str(&text::jsdoc(&doc, ""));
                out.push_str(&format!("declare const {}: {{\n{methods}}};\n", source.name));
                out.push_str(&namespace);
            }
            DeclarationStyle::EnvInterface => {
                out.push_str(&namespace);
                env_members.push_str(&text::jsdoc(&doc, "  "));
                env_members.push_str(&format!("  {}: {{\n{}  }};\n", source.name, indent(&methods)));
            }
        }
    }
    if style == DeclarationStyle::EnvInterface {
        out.push_str(&format!("\ninterface Env {{\n{env_members}}}\n"));
    }
    out
}

/// A source's methods (one per line, indented once) and its namespace of types.
fn source_declarations(source: &Source) -> (String, String) {
    let mut namespace = Namespace::new();
    let mut names: Vec<(String, Option<String>)> = Vec::new();
    for tool in &source.tools {
        let base = text::pascal_case(&tool.name);
        let input = namespace.reserve(&base, "Input");
        let output = tool.output_schema.as_ref().map(|_| namespace.reserve(&base, "Output"));
        names.push((input, output));
    }
    for (tool, (input, output)) in source.tools.iter().zip(&names) {
        namespace.add(input.clone(), &tool.input_schema);
        if let (Some(output), Some(schema)) = (output, &tool.output_schema) {
            namespace.add(output.clone(), schema);
        }
    }
    let mut methods = String::new();
    for (tool, (input, output)) in source.tools.iter().zip(&names) {
        let doc = tool.description.as_deref().map(text::description_doc).unwrap_or_default();
        methods.push_str(&text::jsdoc(&doc, "  "));
        let output = match output {
            Some(output) => format!("{}.{output}", source.name),
            None => "unknown".to_owned(),
        };
        methods.push_str(&format!(
            "  {}(input{}: {}.{input}): Promise<{output}>;\n",
            text::property_name(&tool.name),
            if input_optional(tool) { "?" } else { "" },
            source.name,
        ));
    }
    let aliases = namespace.finish();
    let mut types = String::new();
    if !aliases.is_empty() {
        types.push_str(&format!("declare namespace {} {{\n", source.name));
        for (doc, name, body) in aliases {
            types.push_str(&text::jsdoc(&doc, "  "));
            types.push_str(&format!("  type {name} = {body};\n"));
        }
        types.push_str("}\n");
    }
    (methods, types)
}

/// Whether a tool may be called without an argument: its input requires nothing.
fn input_optional(tool: &Tool) -> bool {
    match &tool.input_schema {
        serde_json::Value::Bool(true) => true,
        serde_json::Value::Object(object) => {
            let requires = matches!(object.get("required"), Some(serde_json::Value::Array(names)) if !names.is_empty());
            let composed = ["$ref", "allOf", "anyOf", "oneOf"].iter().any(|key| object.contains_key(*key));
            !requires && !composed
        }
        _ => false,
    }
}

/// `text` with every line indented once more.
fn indent(text: &str) -> String {
    text.lines().map(|line| if line.is_empty() { "\n".to_owned() } else { format!("  {line}\n") }).collect()
}
