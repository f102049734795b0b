//! The TypeScript declarations of real and hand-written tool schemas: snapshots of what an LLM
//! is shown, and `tsc --strict` on every generated file together with code that uses it
//! (and code that misuses it, which must not compile).

use std::path::{Path, PathBuf};
use std::process::Command;

use capabilities::{Catalog, DeclarationStyle, OpenApi, Source, SourceKind, Tool, declarations};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A name as an identifier, for the fixtures (the crate's own rule is tested elsewhere).
fn identifier(name: &str) -> String {
    name.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' }).collect()
}

/// A source from a file holding an MCP `tools/list` result.
fn mcp_source(name: &str, file: &str) -> Source {
    let text = std::fs::read_to_string(fixtures().join(file)).expect("fixture");
    let json: Value = serde_json::from_str(&text).expect("fixture is JSON");
    let tools = json["tools"]
        .as_array()
        .expect("tools")
        .iter()
        .map(|tool| Tool {
            name: identifier(tool["name"].as_str().expect("name")),
            original: tool["name"].as_str().expect("name").to_owned(),
            description: tool["description"].as_str().map(str::to_owned),
            input_schema: tool["inputSchema"].clone(),
            output_schema: tool.get("outputSchema").cloned(),
            approve: false,
        })
        .collect();
    Source {
        name: name.to_owned(),
        original: name.to_owned(),
        kind: SourceKind::Mcp,
        description: json["description"].as_str().map(str::to_owned),
        tools,
    }
}

fn openapi_source(name: &str, file: &str) -> Source {
    let text = std::fs::read_to_string(fixtures().join(file)).expect("fixture");
    OpenApi::parse(&text).unwrap_or_else(|error| panic!("{file}: {error}")).source(name)
}

fn everything() -> Source {
    mcp_source("everything", "mcp/server-everything-tools.json")
}

fn edge() -> Source {
    mcp_source("edge", "schemas/edge-cases.json")
}

fn petstore() -> Source {
    openapi_source("petstore", "openapi/petstore-3.0.yaml")
}

fn museum() -> Source {
    openapi_source("museum", "openapi/museum-3.1.yaml")
}

fn one(source: Source) -> Catalog {
    Catalog { sources: vec![source] }
}

fn all() -> Catalog {
    Catalog { sources: vec![everything(), petstore(), museum(), edge()] }
}

/// The reference MCP server's tools (`@modelcontextprotocol/server-everything`), as an LLM
/// is shown them: the structured-content tool gets its real output type.
#[test]
fn server_everything_declarations() {
    insta::assert_snapshot!(declarations(&one(everything()), DeclarationStyle::Globals));
}

/// Swagger's Petstore (OpenAPI 3.0, YAML): request bodies flattened beside parameters,
/// components shared as named types.
#[test]
fn petstore_declarations() {
    insta::assert_snapshot!(declarations(&one(petstore()), DeclarationStyle::Globals));
}

/// Redocly's Museum API (OpenAPI 3.1): `allOf` compositions, parameters from components.
#[test]
fn museum_declarations() {
    insta::assert_snapshot!(declarations(&one(museum()), DeclarationStyle::Globals));
}

/// Every keyword the generator maps, and schemas meant to break it.
#[test]
fn edge_case_declarations() {
    insta::assert_snapshot!(declarations(&one(edge()), DeclarationStyle::Globals));
}

/// The editor style: the same namespaces, and one `interface Env` for all sources.
#[test]
fn env_interface_declarations() {
    let catalog = Catalog { sources: vec![everything(), mcp_source("small", "schemas/small.json")] };
    insta::assert_snapshot!(declarations(&catalog, DeclarationStyle::EnvInterface));
}

/// A catalogue without sources is a file with its header only.
#[test]
fn empty_catalog() {
    let text = declarations(&Catalog::default(), DeclarationStyle::Globals);
    assert!(text.lines().all(|line| line.starts_with("//")), "{text}");
}

/// A source whose name could not be a binding (the caller's mistake) is left out with a
/// comment rather than written as broken TypeScript; a tool name that is not an identifier
/// is quoted.
#[test]
fn names_that_are_not_identifiers() {
    let mut bad = everything();
    bad.name = "class".to_owned();
    let mut tool = everything();
    tool.tools.truncate(1);
    tool.tools[0].name = "not an identifier".to_owned();
    let text = declarations(&Catalog { sources: vec![bad, tool] }, DeclarationStyle::Globals);
    assert!(text.contains("// A source whose name is not an identifier is left out: \"class\""), "{text}");
    assert!(!text.contains("declare const class"), "{text}");
    assert!(
        text.contains("  \"not an identifier\"(input: everything.NotAnIdentifierInput): Promise<unknown>;"),
        "{text}"
    );
}

/// What the generated declarations must allow and refuse, checked by `tsc`: globals.
const USE_GLOBALS: &str = r#"
async function main(): Promise<void> {
  const echoed: unknown = await everything.echo({ message: "hi" });
  // @ts-expect-error: `message` is required
  await everything.echo({});
  await everything.get_env();
  const weather = await everything.get_structured_content({ location: "Chicago" });
  const temperature: number = weather.temperature;
  // @ts-expect-error: not one of the cities
  await everything.get_structured_content({ location: "Paris" });

  const pet = await petstore.getPetById({ petId: 1 });
  const name: string = pet.name;
  const tags: petstore.Tag[] | undefined = pet.tags;
  // @ts-expect-error: `petId` is a number
  await petstore.getPetById({ petId: "1" });
  // @ts-expect-error: no such argument
  await petstore.getPetById({ petId: 1, nope: true });
  await petstore.addPet({ name: "Rex", photoUrls: [], status: "available" });
  // @ts-expect-error: `photoUrls` is required
  await petstore.addPet({ name: "Rex" });
  const found: petstore.Pet[] = await petstore.findPetsByStatus({ status: "sold" });
  await petstore.uploadFile({ petId: 1, body: new Uint8Array([1, 2, 3]) });
  const inventory: { [key: string]: number } = await petstore.getInventory();

  const hours = await museum.getMuseumHours({ startDate: "2024-01-01", limit: 10 });
  const day: string = hours[0].date;
  const event = await museum.createSpecialEvent({
    name: "Pirates", location: "Hall", eventDescription: "Arr", dates: ["2024-02-02"], price: 1,
  });
  const price: number = event.price;

  const tree = await edge.tree({ root: { value: "a", children: [{ value: 1 }, { value: null }] } });
  const count: number = tree.count;
  // @ts-expect-error: a node needs `value`
  await edge.tree({ root: { children: [] } });
  await edge.loops({ json: { a: [1, "b", { c: null }] } });
  await edge.tuples({ point: [1, 2], head: ["a"], closed: ["x"], draft7: ["a", 1], nested: [["a", "b"]] });
  // @ts-expect-error: a point has two numbers
  await edge.tuples({ point: [1] });
  await edge.unions_and_literals({ shape: { kind: "circle", radius: 1 }, mustExist: 0, mode: null });
  // @ts-expect-error: a circle has a radius
  await edge.unions_and_literals({ shape: { kind: "circle", side: 1 }, mustExist: 0 });
  const either: string | string[] = await edge.unions_and_literals({ shape: { kind: "square", side: 2 }, mustExist: 1 });
  await edge.maps({ labels: { a: "b" }, counts: { total: 1, other: 2 }, patterned: { "x-a": "b" } });
  await edge.odd_names_and__comments({ "x-rate-limit": 1, "new\nline": "a", class: "b", literal: "*/" });
  await edge.references({ remote: 1, binary: new Uint8Array(0) });
  await edge.not_an_object("a");
  void [echoed, temperature, name, tags, found, inventory, day, price, count, either];
}
export {};
"#;

/// The same through `Env`, as an editor checks a module.
const USE_ENV: &str = r#"
export async function handler(env: Env): Promise<number> {
  const weather = await env.everything.get_structured_content({ location: "New York" });
  // @ts-expect-error: `a` and `b` are numbers
  await env.small.add({ a: "1", b: 2 });
  const sum: { total: number } = await env.small.add({ a: 1, b: 2 });
  return weather.humidity + sum.total;
}
"#;

fn tsc() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tsc/node_modules/typescript/bin/tsc")
}

/// Compiles `files` (name, text) in a directory of their own with `tsc --strict --noEmit`;
/// `Err` holds what tsc said.
fn compile(directory: &str, files: &[(&str, &str)]) -> Result<(), String> {
    let directory = Path::new(env!("CARGO_TARGET_TMPDIR")).join(directory);
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).expect("temporary directory");
    for (name, text) in files {
        std::fs::write(directory.join(name), text).expect("write a file to compile");
    }
    let output = Command::new("node")
        .arg(tsc())
        .args(["--strict", "--noEmit", "--target", "es2022", "--lib", "es2022", "--types", ""])
        .args(files.iter().map(|(name, _)| *name))
        .current_dir(&directory)
        .output()
        .expect("node runs tsc");
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "tsc failed in {}:\n{}{}",
        directory.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}

/// Every generated file compiles under `tsc --strict`, and the types say what the schemas
/// say: code that uses the tools rightly compiles, and each misuse marked
/// `@ts-expect-error` is an error (tsc fails when one is not).
#[test]
#[cfg_attr(not(tsc), ignore = "TypeScript is not installed: run `npm ci --prefix capabilities/tests/tsc`")]
fn declarations_compile_with_tsc_strict() {
    let catalog = all();
    let globals = declarations(&catalog, DeclarationStyle::Globals);
    if let Err(error) = compile("globals", &[("tools.d.ts", &globals), ("use.ts", USE_GLOBALS)]) {
        panic!("{error}");
    }
    let mut with_small = catalog;
    with_small.sources.push(mcp_source("small", "schemas/small.json"));
    let env = declarations(&with_small, DeclarationStyle::EnvInterface);
    if let Err(error) = compile("env", &[("env.d.ts", &env), ("use.ts", USE_ENV)]) {
        panic!("{error}");
    }
}

/// The check above fails when the declarations do not compile: a misuse without an error is
/// reported by tsc (so the test cannot pass on types that accept anything).
#[test]
#[cfg_attr(not(tsc), ignore = "TypeScript is not installed: run `npm ci --prefix capabilities/tests/tsc`")]
fn tsc_catches_a_misuse() {
    let text = declarations(&one(everything()), DeclarationStyle::Globals);
    let misuse = "async function f() {\n  // @ts-expect-error: a string is a valid message\n  await everything.echo({ message: \"hi\" });\n}\nexport {};\n";
    let error = compile("misuse", &[("tools.d.ts", &text), ("use.ts", misuse)]).expect_err("tsc accepts the misuse");
    assert!(error.contains("TS2578"), "{error}");
}

fn tool(name: &str, input_schema: Value) -> Tool {
    Tool {
        name: name.to_owned(),
        original: name.to_owned(),
        description: None,
        input_schema,
        output_schema: None,
        approve: false,
    }
}

/// Schemas meant to make the generator slow, deep or wrong, built here rather than vendored.
fn hostile() -> Source {
    use serde_json::json;
    let mut tools = Vec::new();

    // Each definition refers to the next twice, sixty deep: 2^60 paths, sixty aliases.
    let mut defs = serde_json::Map::new();
    for level in 0..60 {
        let next = json!({"$ref": format!("#/$defs/D{}", level + 1)});
        defs.insert(
            format!("D{level}"),
            json!({"anyOf": [next, {"type": "object", "properties": {"a": next, "b": next}}]}),
        );
    }
    defs.insert("D60".to_owned(), json!({"type": "string"}));
    tools.push(tool(
        "exponential",
        json!({"type": "object", "properties": {"d": {"$ref": "#/$defs/D0"}}, "$defs": defs}),
    ));

    // A loop of a thousand aliases through `allOf` only: cut once.
    let mut defs = serde_json::Map::new();
    for index in 0..1000 {
        defs.insert(format!("L{index}"), json!({"allOf": [{"$ref": format!("#/$defs/L{}", (index + 1) % 1000)}]}));
    }
    tools
        .push(tool("long_loop", json!({"type": "object", "properties": {"l": {"$ref": "#/$defs/L0"}}, "$defs": defs})));

    // `anyOf` nested 120 deep (JSON's parsers stop at 128).
    let mut deep = json!({"type": "string"});
    for _ in 0..120 {
        deep = json!({"anyOf": [deep, {"type": "null"}]});
    }
    tools.push(tool("deep_any_of", json!({"type": "object", "properties": {"x": deep}})));

    // Ten thousand properties, and a hundred tools sharing one large definition.
    let wide: serde_json::Map<String, Value> =
        (0..10_000).map(|index| (format!("p{index}"), json!({"type": "integer"}))).collect();
    tools.push(tool("wide", json!({"type": "object", "properties": wide})));
    let big: serde_json::Map<String, Value> =
        (0..2000).map(|index| (format!("f{index}"), json!({"type": "string"}))).collect();
    for index in 0..100 {
        tools.push(tool(&format!("uses_big_{index}"), json!({"type": "object", "properties": {"big": {"$ref": "#/$defs/Big"}}, "$defs": {"Big": {"properties": big}}})));
    }
    Source {
        name: "hostile".to_owned(),
        original: "hostile".to_owned(),
        kind: SourceKind::Mcp,
        description: None,
        tools,
    }
}

/// Hostile schemas give declarations of bounded size: one alias per definition, a loop cut
/// once, deep nesting stopped, a shared definition written once.
#[test]
fn hostile_schemas_stay_bounded() {
    let text = declarations(&one(hostile()), DeclarationStyle::Globals);
    let aliases =
        text.lines().filter(|line| line.starts_with("  type D") && line[8..].starts_with(|c: char| c.is_ascii_digit()));
    assert_eq!(aliases.count(), 61, "one alias per definition");
    assert_eq!(text.matches("refers to itself here").count(), 1, "the loop is cut once");
    assert!(text.contains("unknown /* nested too deeply */"));
    assert_eq!(text.matches("  type Big").count(), 1, "the shared definition is written once");
    assert!(text.len() < 2_000_000, "{} bytes", text.len());
}

/// The hostile declarations compile too.
#[test]
#[cfg_attr(not(tsc), ignore = "TypeScript is not installed: run `npm ci --prefix capabilities/tests/tsc`")]
fn hostile_declarations_compile_with_tsc_strict() {
    let text = declarations(&one(hostile()), DeclarationStyle::Globals);
    let use_them = "async function f(): Promise<void> {\n  await hostile.exponential({ d: { a: { b: \"x\" } } });\n  await hostile.uses_big_7({ big: { f1: \"a\" } });\n}\nexport {};\n";
    if let Err(error) = compile("hostile", &[("tools.d.ts", &text), ("use.ts", use_them)]) {
        panic!("{error}");
    }
}
