//! OpenAPI specs read into tools, requests built from arguments, responses read into results,
//! and specs meant to hurt the reader.

use std::path::Path;

use capabilities::{OpenApi, OpenApiError, SpecFormat, Value};
use url::Url;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi").join(name))
        .expect("fixture")
}

fn parse(name: &str) -> OpenApi {
    OpenApi::parse(&fixture(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
}

/// The tools of a spec as text, for a snapshot.
fn tools_text(spec: &OpenApi) -> String {
    let mut out = String::new();
    for tool in spec.tools() {
        out.push_str(&format!("## {} ({})\n", tool.name, tool.original));
        if let Some(description) = &tool.description {
            out.push_str(&format!("{description}\n"));
        }
        out.push_str(&format!("input: {:#}\n", tool.input_schema));
        match &tool.output_schema {
            Some(output) => out.push_str(&format!("output: {output:#}\n\n")),
            None => out.push_str("output: none\n\n"),
        }
    }
    out
}

fn string(text: &str) -> Value {
    Value::String(text.to_owned())
}

fn object(entries: &[(&str, Value)]) -> Value {
    Value::Object(entries.iter().map(|(key, value)| ((*key).to_owned(), value.clone())).collect())
}

fn strings(items: &[&str]) -> Value {
    Value::Array(items.iter().map(|item| string(item)).collect())
}

fn header<'a>(call: &'a capabilities::HttpCall, name: &str) -> Option<&'a str> {
    call.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
}

/// Swagger's Petstore 3.0 (YAML): every operation a tool, bodies flattened where they can be.
#[test]
fn petstore_tools() {
    let spec = parse("petstore-3.0.yaml");
    assert_eq!(spec.tools().len(), 19);
    insta::assert_snapshot!(tools_text(&spec));
}

/// Redocly's Museum API 3.1 (YAML): parameters and responses from components.
#[test]
fn museum_tools() {
    let spec = parse("museum-3.1.yaml");
    insta::assert_snapshot!(tools_text(&spec));
}

/// Parameters of every location and style, and every kind of body, as tools.
#[test]
fn styles_tools() {
    let spec = parse("styles-3.0.json");
    let source = spec.source("styles");
    assert_eq!(source.description.as_deref(), Some("Styles\n\nEvery way OpenAPI 3 sends a parameter or a body."));
    insta::assert_snapshot!(tools_text(&spec));
}

/// Query parameters in each style, a header array, cookies, and the server's variables.
#[test]
fn query_header_and_cookie_styles() {
    let spec = parse("styles-3.0.json");
    let input = object(&[
        ("id", string("a b/c")),
        ("tags", strings(&["x", "y z"])),
        ("csv", Value::Array(vec![Value::Number(1.0), Value::Number(2.5)])),
        ("space", strings(&["a", "b"])),
        ("pipe", strings(&["a", "b"])),
        ("filter", object(&[("color", string("red")), ("size", object(&[("max", Value::Number(3.0))]))])),
        ("point", object(&[("x", Value::Number(1.0)), ("y", Value::Number(-2.0))])),
        ("flat", object(&[("k", string("v")), ("k2", string("v,2"))])),
        ("q", string("50% & more=#")),
        ("raw", string("a/b?c=d&e")),
        ("json", object(&[("a", Value::Array(vec![Value::Bool(true), Value::Null]))])),
        ("X-Trace", strings(&["t1", "t2"])),
        ("session", string("s 1;")),
        ("theme", string("dark")),
        ("query_id", Value::Number(7.0)),
    ]);
    let call = spec.request("getItem", &input, None).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(call.method, "GET");
    assert_eq!(
        call.url.as_str(),
        "https://eu.example.com/v2/items/a%20b%2Fc?tags=x&tags=y%20z&csv=1,2.5&space=a%20b&pipe=a|b\
         &filter[color]=red&filter[size][max]=3&x=1&y=-2&flat=k,v,k2,v%2C2&q=50%25%20%26%20more%3D%23\
         &raw=a/b?c%3Dd%26e&json=%7B%22a%22%3A%5Btrue%2Cnull%5D%7D&id=7"
    );
    assert_eq!(header(&call, "X-Trace"), Some("t1,t2"));
    assert_eq!(header(&call, "Cookie"), Some("session=s%201%3B; theme=dark"));
    assert_eq!(header(&call, "Accept"), Some("application/json"));
    assert_eq!(header(&call, "Authorization"), None, "OpenAPI says to ignore an Authorization parameter");
    assert_eq!(call.body, None);
}

/// Path parameters in `matrix`, `label` and exploded `simple` styles.
#[test]
fn path_styles() {
    let spec = parse("styles-3.0.json");
    let tool = &spec.tools()[1];
    assert_eq!(tool.name, "get_matrix_by_m_label_by_l_simple_by_s");
    assert_eq!(tool.original, "GET /matrix/{m}/label/{l}/simple/{s}");
    let input = object(&[
        ("m", Value::Array(vec![Value::Number(1.0), Value::Number(2.0)])),
        ("l", object(&[("a", string("1")), ("b", string("2"))])),
        ("s", object(&[("role", string("admin")), ("name", string("A B"))])),
    ]);
    let call = spec.request(&tool.name, &input, None).unwrap();
    assert_eq!(call.url.path(), "/v2/matrix/;m=1;m=2/label/.a,1,b,2/simple/role=admin,name=A%20B");
    assert_eq!(header(&call, "Accept"), None);
}

/// A path parameter cannot add segments, a query or a fragment, nor climb out with `..`.
#[test]
fn path_parameters_cannot_change_the_path() {
    let spec = parse("styles-3.0.json");
    let url = |id: &str| spec.request("getItem", &object(&[("id", string(id))]), None).map(|call| call.url.to_string());
    assert_eq!(url("../admin").unwrap(), "https://eu.example.com/v2/items/..%2Fadmin");
    assert_eq!(url("a?b#c").unwrap(), "https://eu.example.com/v2/items/a%3Fb%23c");
    assert_eq!(url("%2e%2e").unwrap(), "https://eu.example.com/v2/items/%252e%252e");
    assert_eq!(url("é").unwrap(), "https://eu.example.com/v2/items/%C3%A9");
    for bad in ["..", "."] {
        let error = url(bad).unwrap_err();
        assert!(error.to_string().contains("would change the path"), "{bad}: {error}");
    }
    let error = url("").unwrap_err();
    assert_eq!(error.to_string(), "Cannot call `getItem`: `input.id` is empty, which would change the path");
}

/// A JSON body whose object properties sit beside the parameters, and one that cannot.
#[test]
fn json_bodies() {
    let spec = parse("styles-3.0.json");
    let input = object(&[
        ("name", string("Rex")),
        ("tag", Value::Null),
        ("age", Value::Number(3.0)),
        ("dryRun", Value::Bool(true)),
    ]);
    let call = spec.request("addPet", &input, None).unwrap();
    assert_eq!(call.method, "POST");
    assert_eq!(call.url.as_str(), "https://eu.example.com/v2/pets?dryRun=true");
    assert_eq!(header(&call, "Content-Type"), Some("application/json"));
    assert_eq!(String::from_utf8(call.body.unwrap()).unwrap(), r#"{"name":"Rex","tag":null,"age":3}"#);

    // `name` is a path parameter too: the pet is `body`.
    let input = object(&[("name", string("Rex")), ("body", object(&[("name", string("Max"))]))]);
    let call = spec.request("replacePet", &input, None).unwrap();
    assert_eq!(call.url.path(), "/v2/pets/Rex");
    assert_eq!(call.body.as_deref(), Some(&br#"{"name":"Max"}"#[..]));
    assert_eq!(header(&call, "Accept"), Some("text/plain"));
    // The body is optional there.
    let call = spec.request("replacePet", &object(&[("name", string("Rex"))]), None).unwrap();
    assert_eq!((call.body.as_deref(), header(&call, "Content-Type")), (None, None));

    // A body that is not an object is `body`.
    let input = object(&[("body", Value::Array(vec![Value::Number(1.0), Value::Number(1e21)]))]);
    let call = spec.request("post_list", &input, None).unwrap();
    assert_eq!(call.body.as_deref(), Some(&b"[1,1e+21]"[..]));

    let error =
        spec.request("post_list", &object(&[("body", Value::Array(vec![Value::Bytes(vec![0])]))]), None).unwrap_err();
    assert_eq!(error.to_string(), "Cannot call `post_list`: `input.body[0]` is bytes, which a JSON body cannot hold");
    // A required body whose properties are the input's is sent even when empty (the input
    // schema's `required` says what it must hold).
    let call = spec.request("addPet", &object(&[]), None).unwrap();
    assert_eq!(call.body.as_deref(), Some(&b"{}"[..]));
    let error = spec.request("upload", &object(&[("name", string("a"))]), None).unwrap_err();
    assert_eq!(error.to_string(), "Cannot call `upload`: `input.body` is required (the request body)");
}

/// Forms, multipart, text and binary bodies.
#[test]
fn other_bodies() {
    let spec = parse("styles-3.0.json");
    let input = object(&[
        ("a", string("x y&z")),
        ("b", Value::Array(vec![Value::Number(1.0), Value::Number(2.0)])),
        ("c", object(&[("d", Value::Bool(false))])),
    ]);
    let call = spec.request("submitForm", &input, None).unwrap();
    assert_eq!(header(&call, "Content-Type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(call.body.as_deref(), Some(&b"a=x+y%26z&b=1&b=2&c=%7B%22d%22%3Afalse%7D"[..]));

    let input = object(&[("name", string("cat.png")), ("body", Value::Bytes(vec![0, 159, 146, 150]))]);
    let call = spec.request("upload", &input, None).unwrap();
    assert_eq!((call.method.as_str(), call.url.path()), ("PUT", "/v2/upload/cat.png"));
    assert_eq!(header(&call, "Content-Type"), Some("application/octet-stream"));
    assert_eq!(call.body, Some(vec![0, 159, 146, 150]));
    let error =
        spec.request("upload", &object(&[("name", string("a")), ("body", Value::Number(1.0))]), None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Cannot call `upload`: `input.body` is neither bytes nor a string, which this body must be"
    );

    let call = spec.request("postText", &object(&[("body", string("héllo"))]), None).unwrap();
    assert_eq!((header(&call, "Content-Type"), call.body.as_deref()), (Some("text/plain"), Some("héllo".as_bytes())));

    let input = object(&[
        ("file", Value::Bytes(b"\x89PNG".to_vec())),
        ("meta", object(&[("w", Value::Number(2.0))])),
        ("note", string("a \"quoted\" note")),
        ("n", Value::Number(4.0)),
    ]);
    let call = spec.request("multipart", &input, None).unwrap();
    let content_type = header(&call, "Content-Type").unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("a boundary");
    let body = call.body.clone().unwrap();
    let expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n\u{FFFD}PNG\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{{\"w\":2}}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\na \"quoted\" note\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n4\r\n\
         --{boundary}--\r\n"
    );
    assert_eq!(String::from_utf8_lossy(&body), expected);
    assert_eq!(body[body.iter().position(|byte| *byte == 0x89).unwrap()..][..4], *b"\x89PNG");
}

/// A base URL replaces the spec's server; a relative server URL needs one.
#[test]
fn servers_and_base_urls() {
    let spec = parse("styles-3.0.json");
    let base = Url::parse("http://127.0.0.1:9000/proxy/").unwrap();
    let call = spec.request("getItem", &object(&[("id", string("1"))]), Some(&base)).unwrap();
    assert_eq!(call.url.as_str(), "http://127.0.0.1:9000/proxy/items/1");
    // An operation's own server.
    let call = spec.request("elsewhere", &Value::Null, None).unwrap();
    assert_eq!(call.url.as_str(), "http://other.example.com:8080/root/elsewhere");

    let relative = r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "servers": [{"url": "/api/v3"}],
        "paths": {"/pets": {"get": {"operationId": "list", "responses": {}}}}}"#;
    let spec = OpenApi::parse(relative).unwrap();
    let error = spec.request("list", &Value::Null, None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Cannot call `list`: its server URL `/api/v3` is relative, and no base URL was given"
    );
    let call = spec.request("list", &Value::Null, Some(&base)).unwrap();
    assert_eq!(call.url.as_str(), "http://127.0.0.1:9000/api/v3/pets");
}

/// Arguments that are not what the operation takes are errors that say which and why.
#[test]
fn argument_errors() {
    let spec = parse("styles-3.0.json");
    let cases: &[(&str, Value, &str)] = &[
        ("getItem", object(&[]), "Cannot call `getItem`: `input.id` is required (the path parameter `id`)"),
        ("getItem", string("x"), "Cannot call `getItem`: `input` is not an object"),
        (
            "getItem",
            object(&[("id", string("1")), ("nope", Value::Null)]),
            "Cannot call `getItem`: `input.nope` is not an argument of this operation (it takes `id`, `tags`, `csv`, `space`, `pipe`, `filter`, `point`, `flat`, `q`, `raw`, `json`, `X-Trace`, `session`, `theme`, `query_id`)",
        ),
        (
            "getItem",
            object(&[("id", string("1")), ("X-Trace", strings(&["a\r\nInjected: yes"]))]),
            "Cannot call `getItem`: `input.X-Trace` holds a line break or control character, which a header cannot",
        ),
        (
            "getItem",
            object(&[("id", string("1")), ("tags", Value::Array(vec![strings(&["nested"])]))]),
            "Cannot call `getItem`: `input.tags[0]` is nested inside another array or object, which this parameter cannot hold",
        ),
        (
            "getItem",
            object(&[("id", string("1")), ("X-Trace", strings(&["é"]))]),
            "Cannot call `getItem`: `input.X-Trace` holds a character other than ASCII, which a header cannot",
        ),
        (
            "getItem",
            object(&[("id", Value::Bytes(vec![1]))]),
            "Cannot call `getItem`: `input.id` is bytes, which a parameter cannot hold",
        ),
        (
            "elsewhere",
            object(&[("x", Value::Null)]),
            "Cannot call `elsewhere`: `input.x` is not an argument of this operation (it takes no arguments)",
        ),
        ("nope", Value::Null, "`nope` is not an operation of this spec"),
    ];
    for (tool, input, expected) in cases {
        let error = spec.request(tool, input, None).unwrap_err();
        assert_eq!(error.to_string(), *expected);
    }
}

/// Responses: JSON parsed, text as strings, other types as bytes, failures quoting the body.
#[test]
fn responses() {
    let spec = parse("styles-3.0.json");
    let json = [("Content-Type".to_owned(), "application/json; charset=utf-8".to_owned())];
    let text = [("content-type".to_owned(), "text/plain".to_owned())];
    let png = [("content-type".to_owned(), "image/png".to_owned())];
    assert_eq!(
        spec.response("getItem", 200, &json, br#"{"id":"1","n":[1.5,null]}"#),
        Ok(object(&[("id", string("1")), ("n", Value::Array(vec![Value::Number(1.5), Value::Null]))]))
    );
    assert_eq!(spec.response("replacePet", 200, &text, b"done"), Ok(string("done")));
    assert_eq!(spec.response("getItem", 200, &png, b"\x89PNG"), Ok(Value::Bytes(b"\x89PNG".to_vec())));
    assert_eq!(spec.response("getItem", 204, &[], b""), Ok(Value::Null));
    // No type: JSON when the operation answers JSON, else text, else bytes.
    assert_eq!(spec.response("getItem", 200, &[], b"[1]"), Ok(Value::Array(vec![Value::Number(1.0)])));
    assert_eq!(spec.response("postText", 200, &[], b"[1]"), Ok(string("[1]")));
    assert_eq!(spec.response("postText", 200, &[], b"\xff"), Ok(Value::Bytes(vec![255])));

    let failure = spec.response("getItem", 404, &json, b"{\"error\": \"no such item\"}\n").unwrap_err();
    assert_eq!(failure.status, 404);
    assert_eq!(failure.to_string(), r#"HTTP 404 Not Found: {"error": "no such item"}"#);
    let failure = spec.response("getItem", 599, &[], b"").unwrap_err();
    assert_eq!(failure.to_string(), "HTTP 599");
    let failure = spec.response("getItem", 500, &[], "x".repeat(5000).as_bytes()).unwrap_err();
    assert!(failure.message.len() < 1100 && failure.message.ends_with('…'), "{}", failure.message);
    let failure = spec.response("getItem", 200, &json, b"{oops").unwrap_err();
    assert!(failure.to_string().starts_with("HTTP 200: the response says it is JSON but is not"), "{failure}");
}

/// Specs that cannot be used are errors naming where and why.
#[test]
fn spec_errors() {
    let error = |text: &str| OpenApi::parse(text).unwrap_err();
    let minimal = |paths: &str| {
        format!(
            r##"{{"openapi": "3.0.0", "info": {{"title": "t", "version": "1"}}, "paths": {paths}, "components": {{"parameters": {{
            "A": {{"$ref": "#/components/parameters/B"}}, "B": {{"$ref": "#/components/parameters/A"}}}}}}}}"##
        )
    };
    assert_eq!(
        error(r#"{"swagger": "2.0", "paths": {}}"#).to_string(),
        "The document is not an OpenAPI 3.0, 3.1 or 3.2 spec (its version: Swagger 2.0)"
    );
    assert!(matches!(error(r#"{"openapi": "4.0.0"}"#), OpenApiError::UnsupportedVersion { .. }));
    assert_eq!(
        error(&minimal(r##"{"/a": {"get": {"parameters": [{"$ref": "https://example.com/p.json"}]}}}"##)).to_string(),
        "The reference `https://example.com/p.json` at `/paths/~1a/get/parameters/0` points outside the spec: remote references are not fetched; bundle the spec into one file"
    );
    assert_eq!(
        error(&minimal(r##"{"/a": {"get": {"parameters": [{"$ref": "#/components/parameters/A"}]}}}"##)).to_string(),
        "The reference `#/components/parameters/A` at `/components/parameters/B` leads back to itself"
    );
    assert_eq!(
        error(&minimal(r##"{"/a": {"get": {"responses": {"200": {"description": "x", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nope"}}}}}}}}"##)).to_string(),
        "The reference `#/components/schemas/Nope` at `/paths/~1a/get/responses/200/content/application~1json/schema` points to nothing in the spec"
    );
    assert_eq!(
        error(&minimal(r#"{"/a": {"get": {"operationId": "get-pet"}}, "/b": {"get": {"operationId": "get_pet"}}}"#))
            .to_string(),
        "The operations `get-pet` (GET /a) and `get_pet` (GET /b) both become the method `get_pet`: give one an `operationId`"
    );
    assert_eq!(
        error(&minimal(r#"{"/a": {"get": {"parameters": [{"name": "x", "in": "body"}]}}}"#)).to_string(),
        "Invalid spec at `/paths/~1a/get/parameters/0`: parameters `in: body` are not supported"
    );
    assert_eq!(
        error(&minimal(r#"{"/a": {"get": {"parameters": [{"name": "x", "in": "path", "style": "form"}]}}}"#))
            .to_string(),
        "Invalid spec at `/paths/~1a/get/parameters/0`: the style `form` is not allowed `in: path`"
    );
    assert_eq!(
        error(r#"{"openapi": "3.1.0", "servers": [{"url": "https://{tenant}.example.com"}], "paths": {"/a": {"get": {}}}}"#).to_string(),
        "Invalid spec at `/servers/0`: the server variable `tenant` has no `default`"
    );
    assert_eq!(
        error(r#"{"openapi": "3.1.0", "servers": [{"url": "ftp://example.com"}], "paths": {"/a": {"get": {}}}}"#)
            .to_string(),
        "Invalid spec at `/servers/0/url`: the server `ftp://example.com` is not HTTP (its scheme is `ftp`)"
    );
    assert_eq!(
        error("{\n  \"openapi\": \"3.0.0\",\n  \"paths\": {,}\n}").to_string(),
        "The spec is not valid JSON at line 3, column 13: key must be a string"
    );
    let yaml = error("openapi: 3.0.0\npaths:\n  /a: [unclosed\n");
    assert!(matches!(yaml, OpenApiError::Syntax { format: SpecFormat::Yaml, line: 4, .. }), "{yaml:?}");
    assert!(matches!(error(""), OpenApiError::Syntax { format: SpecFormat::Yaml, .. }));
}

/// A spec without paths (3.1 allows it) has no tools; YAML numbers and keys read as JSON.
#[test]
fn small_specs() {
    let spec = OpenApi::parse("openapi: 3.1.0\ninfo: {title: Hooks, version: 1.0}\nwebhooks: {}\n").unwrap();
    assert!(spec.tools().is_empty());
    let yaml = "openapi: 3.0.0\ninfo: {title: t, version: 1}\npaths:\n  /a:\n    get:\n      responses:\n        200:\n          description: ok\n          content:\n            application/json:\n              schema: {type: integer, enum: [1, 0x10, 1.5]}\n";
    let spec = OpenApi::parse(yaml).unwrap();
    let output = spec.tools()[0].output_schema.as_ref().unwrap();
    assert_eq!(output["enum"], serde_json::json!([1, 16, 1.5]));
}

/// Nesting too deep for the parser's limits is an error, not a stack overflow.
#[test]
fn hostile_nesting() {
    let json = format!("{{\"openapi\": \"3.0.0\", \"x\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(OpenApi::parse(&json), Err(OpenApiError::Syntax { format: SpecFormat::Json, .. })));
    let yaml = format!("openapi: 3.0.0\nx: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(OpenApi::parse(&yaml), Err(OpenApiError::Syntax { format: SpecFormat::Yaml, .. })));
    let mut block = String::from("openapi: 3.0.0\nx:\n");
    for depth in 0..200 {
        block.push_str(&format!("{}- \n", "  ".repeat(depth + 1)));
    }
    assert!(matches!(OpenApi::parse(&block), Err(OpenApiError::Syntax { format: SpecFormat::Yaml, .. })));
}

/// YAML aliases that expand to a billion values stop at the limit, early.
#[test]
fn hostile_yaml_aliases() {
    let mut yaml = String::from("openapi: 3.0.0\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        yaml.push_str(&format!("a{level}: &a{level} [{}]\n", vec![previous; 10].join(", ")));
    }
    let error = OpenApi::parse(&yaml).unwrap_err();
    assert_eq!(error.to_string(), "The spec has more than 2000000 values");
}

/// Schemas that refer to each other twice at every level are copied once each, not
/// 2^40 times; recursive ones stay recursive.
#[test]
fn hostile_references_are_linear() {
    let mut schemas = serde_json::Map::new();
    for level in 0..40 {
        let next = format!("#/components/schemas/S{}", level + 1);
        schemas.insert(
            format!("S{level}"),
            serde_json::json!({"type": "object", "properties": {"a": {"$ref": next}, "b": {"$ref": next}, "self": {"$ref": format!("#/components/schemas/S{level}")}}}),
        );
    }
    schemas.insert("S40".to_owned(), serde_json::json!({"allOf": [{"$ref": "#/components/schemas/S40"}]}));
    let spec = serde_json::json!({
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"post": {"operationId": "a", "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}},
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}}}}}},
        "components": {"schemas": schemas}
    });
    let spec = OpenApi::parse(&spec.to_string()).unwrap();
    let input = &spec.tools()[0].input_schema;
    assert_eq!(input["$defs"].as_object().unwrap().len(), 41, "S0 (its `self`) to S40, each once");
    // The loop S40 -> S40 applies to the same value: cut.
    assert!(input["$defs"]["S40"]["allOf"][0].get("$ref").is_none());
    assert_eq!(input["$defs"]["S39"]["properties"]["self"]["$ref"], "#/$defs/S39");
}

/// A spec whose operations each copy a large web of schemas stops at the limit.
#[test]
fn hostile_schema_copies_are_bounded() {
    let mut properties = serde_json::Map::new();
    for index in 0..2000 {
        properties.insert(format!("p{index}"), serde_json::json!({"type": "string"}));
    }
    let mut paths = serde_json::Map::new();
    for index in 0..1000 {
        paths.insert(
            format!("/p{index}"),
            serde_json::json!({"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Big"}}}}}}}),
        );
    }
    let spec = serde_json::json!({"openapi": "3.1.0", "paths": paths, "components": {"schemas": {"Big": {"properties": properties}}}});
    let error = OpenApi::parse(&spec.to_string()).unwrap_err();
    assert!(matches!(error, OpenApiError::TooLarge { limit: 1_000_000, .. }), "{error}");
}

/// Too many operations, or too much text, is refused.
#[test]
fn hostile_sizes() {
    let mut paths = serde_json::Map::new();
    for index in 0..10_001 {
        paths.insert(format!("/p{index}"), serde_json::json!({"get": {}}));
    }
    let spec = serde_json::json!({"openapi": "3.1.0", "paths": paths});
    let error = OpenApi::parse(&spec.to_string()).unwrap_err();
    assert_eq!(error.to_string(), "The spec has more than 10000 operations");
    let huge = " ".repeat(OpenApi::MAX_SPEC_BYTES + 1);
    assert_eq!(
        OpenApi::parse(&huge).unwrap_err().to_string(),
        format!("The spec has more than {} bytes", OpenApi::MAX_SPEC_BYTES)
    );
}
