//! What a set of capabilities offers: sources (one MCP server or OpenAPI spec each) and their
//! tools, with the schemas of their inputs and outputs.

/// A value crossing between the sandbox and a tool: JSON, plus binary kept as bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Bytes(Vec<u8>),
    Array(Vec<Value>),
    /// Keys in their order.
    Object(Vec<(String, Value)>),
}

/// Every source granted to a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    pub sources: Vec<Source>,
}

/// One MCP server or OpenAPI spec, seen by the code as `env.<name>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The JavaScript identifier the code uses.
    pub name: String,
    /// The name as the configuration gave it.
    pub original: String,
    pub kind: SourceKind,
    pub description: Option<String>,
    pub tools: Vec<Tool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Mcp,
    OpenApi,
}

/// One tool: a method of its source's binding.
#[derive(Debug, Clone, PartialEq)]
pub struct Tool {
    /// The JavaScript identifier of the method.
    pub name: String,
    /// The name the server or spec gives it (an MCP tool name, an OpenAPI operationId).
    pub original: String,
    pub description: Option<String>,
    /// The JSON Schema of the one argument (an object schema).
    pub input_schema: serde_json::Value,
    /// The JSON Schema of the result, when the source declares one.
    pub output_schema: Option<serde_json::Value>,
    /// Calls ask the user first.
    pub approve: bool,
}
