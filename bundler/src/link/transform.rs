//! A module graph to a module map: each file becomes a module named by its path from the
//! project's directory, and each import specifier is rewritten to the module it names.
//!
//! Names are relative to the deepest directory that holds the project's directory and every
//! file, so a hoisted `node_modules` above the project still fits. Rewriting replaces string
//! literals in the prepared code in place; lines stay where they are, and the source maps
//! move the columns after each replacement.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::module_map::{Module, ModuleKind};
use crate::position::source_map::{Edit, SourceMap};
use crate::position::{LineIndex, utf16_len};
use crate::project::graph::{Content, File, Graph, Target};
use crate::project::paths;
use crate::source::imports::{ImportKind, is_identifier_name};

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
    /// The file as diagnostics show it: relative to the current directory, or absolute. For
    /// a bundle, the bundle's module name: its source map names the files.
    pub file: String,
    /// The file's text as written (a bundle's: its code, empty with
    /// [`BundleOptions::skip_origin_maps`](crate::BundleOptions::skip_origin_maps)).
    pub text: String,
    /// Maps the module's code back to `text`, or a bundle's to each of its files; `None`
    /// when they are the same, or for a map made with
    /// [`BundleOptions::skip_origin_maps`](crate::BundleOptions::skip_origin_maps) and
    /// without `source_maps`.
    pub source_map: Option<SourceMap>,
}

/// Each file's module name: its path from the deepest directory that holds the project's
/// directory and every file.
pub(crate) fn module_names(graph: &Graph, root: &Path) -> Vec<String> {
    // Files of an outside `node_modules` are named as if it were the project's.
    let paths: Vec<std::borrow::Cow<'_, Path>> = graph
        .files
        .iter()
        .map(|file| match &graph.node_modules {
            Some(outside) => match file.path.strip_prefix(outside) {
                Ok(rest) => root.join("node_modules").join(rest).into(),
                Err(_) => file.path.as_path().into(),
            },
            None => file.path.as_path().into(),
        })
        .collect();
    let directories = paths.iter().filter_map(|path| path.parent()).chain(std::iter::once(root));
    let base = paths::common_ancestor(directories).unwrap_or(root).to_path_buf();
    paths.iter().map(|path| paths::slashed(path.strip_prefix(&base).unwrap_or(path))).collect()
}

/// Links the modules of `graph`; with `source_maps`, each module whose code moved from its
/// file's text gets a map back to it.
pub(crate) fn link(graph: Graph, root: &Path, source_maps: bool) -> Linked {
    let names = module_names(&graph, root);
    let mut empty = EMPTY_MODULE.to_owned();
    while names.contains(&empty) {
        empty.insert(0, '_');
    }
    let facades = facades(&graph, &names);

    let mut modules = BTreeMap::new();
    let mut origins = BTreeMap::new();
    let mut uses_empty = false;
    for (File { display, content, node_module_mode, .. }, name) in graph.files.into_iter().zip(&names) {
        let module = match content {
            Content::Code { text, prepared, imports, .. } => {
                let importer_is_module = prepared.kind == ModuleKind::Js;
                let replacements: Vec<_> = imports
                    .iter()
                    .filter_map(|(import, target)| {
                        let to = match target {
                            Target::File(index) if importer_is_module && import.kind != ImportKind::Require => {
                                facades.get(&(*index, node_module_mode)).map_or(&names[*index], |facade| &facade.name)
                            }
                            Target::File(index) => &names[*index],
                            Target::Empty => &empty,
                            Target::External | Target::Missing => return None,
                        };
                        uses_empty |= *target == Target::Empty;
                        let specifier = paths::relative_specifier(name, to);
                        let literal = serde_json::to_string(&specifier).expect("a string serializes");
                        Some((import.range.clone(), literal))
                    })
                    .collect();
                let (code, edits) = replace(&prepared.code, &replacements);
                let source_map = match prepared.source_map {
                    Some(mut map) => {
                        map.apply_edits(&edits);
                        Some(map)
                    }
                    None if edits.is_empty() || !source_maps => None,
                    None => Some(SourceMap::verbatim(&display, &text, &edits)),
                };
                origins.insert(name.clone(), Origin { file: display, text, source_map });
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
    for ((index, node_mode), facade) in facades {
        let code = facade_code(&paths::relative_specifier(&facade.name, &names[index]), &facade.exports, node_mode);
        modules.insert(facade.name, Module::Js(code));
    }
    Linked { main_module: names.into_iter().next().unwrap_or_default(), modules, origins }
}

/// An ES module in front of a CommonJS one, for ES modules that import it: workerd gives a
/// CommonJS module a default export only, `module.exports`. Importers in Node's mode (see
/// [`File::node_module_mode`]) read the default as that, and need a facade only for other
/// names; the others read it as esbuild does, `exports.default` when the module says
/// `__esModule` (as Babel's and TypeScript's CommonJS output does), so bundle mode and
/// transform mode agree.
struct Facade {
    name: String,
    /// The names imported, sorted.
    exports: BTreeSet<String>,
}

/// The facade of each CommonJS file that ES modules import, by file index and whether the
/// importers are in Node's mode.
fn facades(graph: &Graph, names: &[String]) -> BTreeMap<(usize, bool), Facade> {
    let is_common_js = |index: usize| {
        matches!(&graph.files[index].content,
            Content::Code { prepared, .. } if prepared.kind == ModuleKind::Cjs)
    };
    let mut facades: BTreeMap<(usize, bool), Facade> = BTreeMap::new();
    for file in &graph.files {
        let Content::Code { prepared, imports, .. } = &file.content else {
            continue;
        };
        if prepared.kind != ModuleKind::Js {
            continue;
        }
        let node_mode = file.node_module_mode;
        for (import, target) in imports {
            let Target::File(index) = *target else {
                continue;
            };
            if import.kind == ImportKind::Require || !is_common_js(index) {
                continue;
            }
            if node_mode && import.names.is_empty() {
                // The default alone is what workerd gives.
                continue;
            }
            let facade = facades.entry((index, node_mode)).or_insert_with(|| {
                let suffix = if node_mode { ".node.esm.js" } else { ".esm.js" };
                let mut name = format!("{}{suffix}", names[index]);
                while names.contains(&name) {
                    name.insert(name.len() - ".js".len(), '_');
                }
                Facade { name, exports: BTreeSet::new() }
            });
            facade.exports.extend(import.names.iter().filter(|name| *name != "*").cloned());
        }
    }
    facades
}

/// `import cjs from "./x.js"; export default cjs; const _0 = cjs["a"]; export { _0 as a };`:
/// the names read once the CommonJS module has run, as Node reads them; outside Node's mode,
/// the default is `cjs.default` when `cjs.__esModule` is set.
fn facade_code(specifier: &str, exports: &BTreeSet<String>, node_mode: bool) -> String {
    let quoted = |text: &str| serde_json::to_string(text).expect("a string serializes");
    let default = if node_mode {
        "cjs"
    } else {
        "cjs !== null && (typeof cjs === \"object\" || typeof cjs === \"function\") && cjs.__esModule ? cjs.default : cjs"
    };
    let mut code = format!("import cjs from {};\nexport default {default};\n", quoted(specifier));
    for (index, name) in exports.iter().enumerate() {
        let exported = if is_identifier_name(name) { name.clone() } else { quoted(name) };
        code.push_str(&format!("const _{index} = cjs[{}];\nexport {{ _{index} as {exported} }};\n", quoted(name)));
    }
    code
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
        edits.push(Edit { line, column, old_length: utf16_len(&code[range.clone()]), new_length: utf16_len(text) });
        out.push_str(&code[copied..range.start]);
        out.push_str(text);
        copied = range.end;
    }
    out.push_str(&code[copied..]);
    (out, edits)
}

/// The packages of `node_modules` that module names come from: `hono`, `@hono/zod-validator`.
pub(crate) fn packages<'a>(names: impl Iterator<Item = &'a String>) -> BTreeSet<String> {
    names.filter_map(|name| package_of(name)).collect()
}

/// The package of `node_modules` a module name or path is in (the innermost), if any.
pub(crate) fn package_of(name: &str) -> Option<String> {
    let (_, rest) = name.rsplit_once("node_modules/")?;
    let mut parts = rest.splitn(3, '/');
    let first = parts.next()?;
    Some(if first.starts_with('@') { format!("{first}/{}", parts.next()?) } else { first.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replacements splice in order and report UTF-16 positions.
    #[test]
    fn replace_splices_and_reports_edits() {
        let code = "import a from './a';\nimport é from \"b\";\n";
        let (out, edits) =
            replace(code, &[(14..19, "\"./a.ts\"".to_owned()), (36..39, "\"./node_modules/b/i.js\"".to_owned())]);
        assert_eq!(out, "import a from \"./a.ts\";\nimport é from \"./node_modules/b/i.js\";\n");
        assert_eq!(edits[0], Edit { line: 0, column: 14, old_length: 5, new_length: 8 });
        assert_eq!(edits[1], Edit { line: 1, column: 14, old_length: 3, new_length: 23 });
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
