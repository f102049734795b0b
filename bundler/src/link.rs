//! A module graph to a module map: each file becomes a module named by its path from the
//! project's directory, and each import specifier is rewritten to the module it names.
//!
//! Names are relative to the deepest directory that holds the project's directory and every
//! file, so a hoisted `node_modules` above the project still fits. Rewriting replaces string
//! literals in the prepared code in place; lines stay where they are, and the source maps
//! move the columns after each replacement.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::graph::{Content, File, Graph, Target};
use crate::module_map::{Module, ModuleKind};
use crate::paths;
use crate::position::{LineIndex, utf16_len};
use crate::source_map::{Edit, SourceMap};

/// The name of the module that stands for imports a package's `browser` field maps to `false`.
const EMPTY_MODULE: &str = "sandbox-empty.cjs";

/// The modules of a graph, ready for a map.
pub(crate) struct Linked {
    pub(crate) main_module: String,
    pub(crate) modules: BTreeMap<String, Module>,
    pub(crate) origins: BTreeMap<String, Origin>,
}

/// Where the code of a module comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file as diagnostics show it: relative to the current directory, or absolute.
    pub file: String,
    /// The file's text as written.
    pub text: String,
    /// Maps the module's code back to `text`; `None` when they are the same.
    pub source_map: Option<SourceMap>,
}

pub(crate) fn link(graph: Graph, root: &Path) -> Linked {
    let directories = graph
        .files
        .iter()
        .filter_map(|file| file.path.parent())
        .chain(std::iter::once(root));
    let base = paths::common_ancestor(directories)
        .unwrap_or(root)
        .to_path_buf();
    let names: Vec<String> = graph
        .files
        .iter()
        .map(|file| paths::slashed(file.path.strip_prefix(&base).unwrap_or(&file.path)))
        .collect();
    let mut empty = EMPTY_MODULE.to_owned();
    while names.contains(&empty) {
        empty.insert(0, '_');
    }

    let mut modules = BTreeMap::new();
    let mut origins = BTreeMap::new();
    let mut uses_empty = false;
    for (
        File {
            display, content, ..
        },
        name,
    ) in graph.files.into_iter().zip(&names)
    {
        let module = match content {
            Content::Code {
                text,
                prepared,
                imports,
            } => {
                let replacements: Vec<_> = imports
                    .iter()
                    .filter_map(|(import, target)| {
                        let to = match target {
                            Target::File(index) => &names[*index],
                            Target::Empty => &empty,
                            Target::External => return None,
                        };
                        uses_empty |= *target == Target::Empty;
                        let specifier = paths::relative_specifier(name, to);
                        let literal =
                            serde_json::to_string(&specifier).expect("a string serializes");
                        Some((import.range.clone(), literal))
                    })
                    .collect();
                let (code, edits) = replace(&prepared.code, &replacements);
                let source_map = match prepared.source_map {
                    Some(mut map) => {
                        map.apply_edits(&edits);
                        Some(map)
                    }
                    None if edits.is_empty() => None,
                    None => Some(SourceMap::verbatim(&display, &text, &edits)),
                };
                origins.insert(
                    name.clone(),
                    Origin {
                        file: display,
                        text,
                        source_map,
                    },
                );
                match prepared.kind {
                    ModuleKind::Cjs => Module::Cjs(code),
                    _ => Module::Js(code),
                }
            }
            Content::Json(value) => Module::Json(value),
            Content::Text(text) => Module::Text(text),
            Content::Data(bytes) => Module::Data(bytes),
            Content::Wasm(bytes) => Module::Wasm(bytes),
        };
        modules.insert(name.clone(), module);
    }
    if uses_empty {
        modules.insert(empty, Module::Cjs("module.exports = {};\n".to_owned()));
    }
    Linked {
        main_module: names.into_iter().next().unwrap_or_default(),
        modules,
        origins,
    }
}

/// `code` with each byte range replaced (ranges in order, not overlapping, each within a
/// line), and the edits as positions in `code`.
fn replace(code: &str, replacements: &[(std::ops::Range<usize>, String)]) -> (String, Vec<Edit>) {
    if replacements.is_empty() {
        return (code.to_owned(), Vec::new());
    }
    let lines = LineIndex::new(code);
    let mut out = String::with_capacity(code.len() + replacements.len() * 32);
    let mut edits = Vec::with_capacity(replacements.len());
    let mut copied = 0;
    for (range, text) in replacements {
        let (line, column) = lines.line_column(range.start);
        edits.push(Edit {
            line,
            column,
            old_length: utf16_len(&code[range.clone()]),
            new_length: utf16_len(text),
        });
        out.push_str(&code[copied..range.start]);
        out.push_str(text);
        copied = range.end;
    }
    out.push_str(&code[copied..]);
    (out, edits)
}

/// The packages of `node_modules` that module names come from: `hono`, `@hono/zod-validator`.
pub(crate) fn packages<'a>(names: impl Iterator<Item = &'a String>) -> BTreeSet<String> {
    names
        .filter_map(|name| {
            let (_, rest) = name.rsplit_once("node_modules/")?;
            let mut parts = rest.splitn(3, '/');
            let first = parts.next()?;
            Some(if first.starts_with('@') {
                format!("{first}/{}", parts.next()?)
            } else {
                first.to_owned()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replacements splice in order and report UTF-16 positions.
    #[test]
    fn replace_splices_and_reports_edits() {
        let code = "import a from './a';\nimport é from \"b\";\n";
        let (out, edits) = replace(
            code,
            &[
                (14..19, "\"./a.ts\"".to_owned()),
                (36..39, "\"./node_modules/b/i.js\"".to_owned()),
            ],
        );
        assert_eq!(
            out,
            "import a from \"./a.ts\";\nimport é from \"./node_modules/b/i.js\";\n"
        );
        assert_eq!(
            edits[0],
            Edit {
                line: 0,
                column: 14,
                old_length: 5,
                new_length: 8
            }
        );
        assert_eq!(
            edits[1],
            Edit {
                line: 1,
                column: 14,
                old_length: 3,
                new_length: 23
            }
        );
    }

    /// Package names come from the last `node_modules` of a name, scope included.
    #[test]
    fn package_names() {
        let names = [
            "src/index.ts".to_owned(),
            "node_modules/hono/dist/index.js".to_owned(),
            "node_modules/@hono/zod-validator/dist/index.js".to_owned(),
            "node_modules/a/node_modules/b/index.js".to_owned(),
        ];
        let packages: Vec<String> = packages(names.iter()).into_iter().collect();
        assert_eq!(packages, ["@hono/zod-validator", "b", "hono"]);
    }
}
