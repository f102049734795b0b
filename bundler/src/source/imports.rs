//! The import specifiers of a module, and where they are in its code.
//!
//! The module graph resolves each specifier to a file and then replaces the string literal in
//! the prepared code with the name of that file's module, so it needs each literal's byte
//! range in the code V8 will run: in emitted code the writer notes where the code generator
//! wrote each literal, in code returned as written it is the literal's own span.

use std::ops::Range;

use swc_core::common::{BytePos, Span};
use swc_core::ecma::ast::{
    CallExpr, Callee, ExportAll, ExportSpecifier, Expr, ImportDecl, ImportSpecifier, Lit, Module, ModuleExportName,
    ModuleItem, NamedExport, Str, TryStmt,
};
use swc_core::ecma::visit::{Visit, VisitWith};

use crate::position::LineIndex;
use crate::position::Location;
use crate::source::compilation::Compilation;

/// How a module asks for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) enum ImportKind {
    /// `import … from "x"`, `import "x"`, `export … from "x"`.
    Static,
    /// `import("x")` with a string literal.
    Dynamic,
    /// `require("x")` in a CommonJS module.
    Require,
}

/// One specifier of a prepared module.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Import {
    /// The specifier as written, such as `./util` or `hono/cors`.
    pub(crate) specifier: String,
    pub(crate) kind: ImportKind,
    /// Where the specifier is in the source, for diagnostics.
    pub(crate) location: Location,
    /// The byte range of the string literal, quotes included, in the prepared code.
    pub(crate) range: Range<usize>,
    /// A `require()` inside a `try` block: if it does not resolve, the code expects to catch
    /// the error at run time, so the call is left as written.
    pub(crate) optional: bool,
    /// The names a static import or re-export takes other than the default export (`*` for a
    /// namespace): transform mode reads them from CommonJS through a small ES module.
    pub(crate) names: Vec<String>,
}

/// A specifier found in the syntax tree, before its place in the code is known.
pub(crate) struct Found {
    pub(crate) specifier: String,
    pub(crate) kind: ImportKind,
    pub(crate) span: Span,
    pub(crate) optional: bool,
    pub(crate) names: Vec<String>,
}

/// The specifiers of `module`, in source order: static and dynamic imports, re-exports, and
/// for CommonJS (`require_calls`) `require("…")` calls. Type-only imports and exports are
/// skipped; run this after type stripping so elided imports are gone too.
///
/// `source`: the text `module` was parsed from, when the tree is that text as parsed (no
/// transform or define has changed it). An ES module whose text has no `import` that may
/// begin a call has no `import()`, so only its top-level declarations are looked at (zod's
/// 158 KiB file has none: its tree is not walked).
pub(crate) fn collect(module: &Module, require_calls: bool, source: Option<&str>) -> Vec<Found> {
    let mut collector = Collector { found: Vec::new(), require_calls, try_depth: 0 };
    if !require_calls && source.is_some_and(|text| !may_call_import(text)) {
        for item in &module.body {
            if let ModuleItem::ModuleDecl(declaration) = item {
                declaration.visit_with(&mut collector);
            }
        }
    } else {
        module.visit_with(&mut collector);
    }
    collector.found
}

/// Whether `text` may hold an `import(…)` call, as far as its bytes tell: whether an `import`
/// is followed, past ASCII spaces and line breaks, by anything but what follows the keyword in
/// a declaration (a name, `{`, `*`, a quote) or in `import.meta`. A comment, other white
/// space, `import` inside a longer name or in a string all count as "may": the tree is then
/// walked. (The keyword cannot be written with escapes.)
fn may_call_import(text: &str) -> bool {
    let bytes = text.as_bytes();
    let after_spaces = |from: usize| {
        bytes[from..].iter().position(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r')).map(|skip| from + skip)
    };
    memchr::memmem::find_iter(bytes, b"import").any(|at| {
        let Some(next) = after_spaces(at + "import".len()) else {
            return true;
        };
        match bytes[next] {
            b'{' | b'*' | b'"' | b'\'' | b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'$' => false,
            b'.' => !after_spaces(next + 1).is_some_and(|name| {
                bytes[name..].starts_with(b"meta")
                    && !bytes.get(name + 4).is_some_and(|&byte| {
                        byte.is_ascii_alphanumeric() || byte >= 0x80 || byte == b'_' || byte == b'$' || byte == b'\\'
                    })
            }),
            _ => true,
        }
    })
}

/// Places specifiers in code that is the source as written: their spans are their ranges.
pub(crate) fn in_source(compilation: &Compilation<'_>, found: Vec<Found>) -> Vec<Import> {
    let lines = lines_through(compilation, &found);
    found
        .into_iter()
        .filter_map(|found| {
            let start = compilation.offset(found.span.lo)?;
            let end = compilation.offset(found.span.hi)?;
            Some(import(compilation, &lines, found, start..end))
        })
        .collect()
}

/// Bundle mode: the specifiers and their locations, without places in code (ranges `0..0`).
/// A specifier a transform added (the JSX runtime's) is located at the file's start.
pub(crate) fn in_syntax_tree(compilation: &Compilation<'_>, found: Vec<Found>) -> Vec<Import> {
    let lines = lines_through(compilation, &found);
    found.into_iter().map(|found| import(compilation, &lines, found, 0..0)).collect()
}

/// Places specifiers in emitted code, through where the code generator wrote each literal
/// (`literals`: source position and byte offset in `code`, from [`emit`]). `None` if one is
/// missing, which would be a bug in how the code was emitted.
///
/// [`emit`]: crate::source::emit::emit
pub(crate) fn in_emitted(
    compilation: &Compilation<'_>,
    found: Vec<Found>,
    literals: &[(BytePos, usize)],
    code: &str,
) -> Option<Vec<Import>> {
    let lines = lines_through(compilation, &found);
    found
        .into_iter()
        .map(|found| {
            if found.span.is_dummy() {
                // Added by a transform, such as the JSX runtime's import: it has no position
                // of its own, and is written as a double-quoted string.
                let literal = serde_json::to_string(&found.specifier).ok()?;
                let start = code.find(&format!("from {literal}"))? + "from ".len();
                return Some(import(compilation, &lines, found, start..start + literal.len()));
            }
            let start = literals
                .iter()
                .filter(|(position, _)| *position == found.span.lo)
                .map(|&(_, offset)| offset)
                .find(|&offset| matches!(code.as_bytes().get(offset), Some(b'"' | b'\'')))?;
            let end = literal_end(code, start)?;
            Some(import(compilation, &lines, found, start..end))
        })
        .collect()
}

/// The source positions where the specifiers of `found` start, sorted: the literals
/// [`in_emitted`] needs placed.
pub(crate) fn positions(found: &[Found]) -> Vec<BytePos> {
    let mut positions: Vec<BytePos> =
        found.iter().filter(|found| !found.span.is_dummy()).map(|found| found.span.lo).collect();
    positions.sort_unstable();
    positions.dedup();
    positions
}

/// The lines of the text through the one where the last of `found` starts, which is all a
/// specifier's location needs: imports sit mostly at the top of a file, and indexing the whole
/// of each was 1.3% of the instructions of bundling hono + zod (zod is 160 KB on 4,000 lines).
fn lines_through<'a>(compilation: &Compilation<'a>, found: &[Found]) -> LineIndex<'a> {
    let text = compilation.text;
    let last = found.iter().filter_map(|found| compilation.offset(found.span.lo)).max().unwrap_or(0).min(text.len());
    let end = memchr::memchr(b'\n', &text.as_bytes()[last..]).map_or(text.len(), |index| last + index + 1);
    LineIndex::new(&text[..end])
}

fn import(compilation: &Compilation<'_>, lines: &LineIndex<'_>, found: Found, range: Range<usize>) -> Import {
    Import {
        location: compilation.location_in(lines, found.span),
        specifier: found.specifier,
        kind: found.kind,
        range,
        optional: found.optional,
        names: found.names,
    }
}

/// The end of the string literal that starts with a quote at `start`.
fn literal_end(code: &str, start: usize) -> Option<usize> {
    let bytes = code.as_bytes();
    let quote = *bytes.get(start)?;
    let mut index = start + 1;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'\\' => index += 2,
            b'\n' => return None,
            _ if byte == quote => return Some(index + 1),
            _ => index += 1,
        }
    }
    None
}

struct Collector {
    found: Vec<Found>,
    require_calls: bool,
    /// How many `try` blocks the visitor is in.
    try_depth: usize,
}

impl Collector {
    fn push(&mut self, source: &Str, kind: ImportKind) {
        self.push_names(source, kind, Vec::new());
    }

    fn push_names(&mut self, source: &Str, kind: ImportKind, names: Vec<String>) {
        self.found.push(Found {
            specifier: source.value.to_atom_lossy().to_string(),
            kind,
            span: source.span,
            optional: kind == ImportKind::Require && self.try_depth > 0,
            names,
        });
    }
}

/// Whether `name` can be written as an identifier name: `a.name`, `export { x as name }`.
/// (Reserved words can; that is enough for properties and export names.)
pub(crate) fn is_identifier_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|first| first.is_alphabetic() || first == '_' || first == '$')
        && chars.all(|next| next.is_alphanumeric() || next == '_' || next == '$')
}

/// A name other modules import, unless it is the default export.
fn non_default(name: &ModuleExportName) -> Option<String> {
    let name = name.atom();
    (&**name != "default").then(|| name.to_string())
}

impl Visit for Collector {
    fn visit_import_decl(&mut self, node: &ImportDecl) {
        if !node.type_only {
            let names = node
                .specifiers
                .iter()
                .filter_map(|specifier| match specifier {
                    ImportSpecifier::Named(named) if named.is_type_only => None,
                    ImportSpecifier::Named(named) => match &named.imported {
                        Some(imported) => non_default(imported),
                        None => (&*named.local.sym != "default").then(|| named.local.sym.to_string()),
                    },
                    ImportSpecifier::Default(_) => None,
                    ImportSpecifier::Namespace(_) => Some("*".to_owned()),
                })
                .collect();
            self.push_names(&node.src, ImportKind::Static, names);
        }
    }

    fn visit_export_all(&mut self, node: &ExportAll) {
        if !node.type_only {
            self.push(&node.src, ImportKind::Static);
        }
    }

    fn visit_named_export(&mut self, node: &NamedExport) {
        if let Some(source) = &node.src
            && !node.type_only
        {
            let names = node
                .specifiers
                .iter()
                .filter_map(|specifier| match specifier {
                    ExportSpecifier::Named(named) if named.is_type_only => None,
                    ExportSpecifier::Named(named) => non_default(&named.orig),
                    ExportSpecifier::Namespace(_) | ExportSpecifier::Default(_) => Some("*".to_owned()),
                })
                .collect();
            self.push_names(source, ImportKind::Static, names);
        }
    }

    fn visit_call_expr(&mut self, node: &CallExpr) {
        let kind = match &node.callee {
            Callee::Import(_) => Some(ImportKind::Dynamic),
            Callee::Expr(callee)
                if self.require_calls && matches!(&**callee, Expr::Ident(ident) if &*ident.sym == "require") =>
            {
                Some(ImportKind::Require)
            }
            _ => None,
        };
        if let Some(kind) = kind
            && let [argument] = node.args.as_slice()
            && argument.spread.is_none()
            && let Expr::Lit(Lit::Str(source)) = &*argument.expr
        {
            self.push(source, kind);
        }
        node.visit_children_with(self);
    }

    fn visit_try_stmt(&mut self, node: &TryStmt) {
        self.try_depth += 1;
        node.block.visit_with(self);
        self.try_depth -= 1;
        node.handler.visit_with(self);
        node.finalizer.visit_with(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A literal ends at its closing quote, escapes skipped.
    #[test]
    fn literal_ends_at_the_matching_quote() {
        assert_eq!(literal_end(r#"import "a\"b" x"#, 7), Some(13));
        assert_eq!(literal_end("'./a';", 0), Some(5));
        assert_eq!(literal_end("'open", 0), None);
    }

    /// Only text with no `import` that may begin a call is read as having no `import()`.
    #[test]
    fn an_import_call_is_seen_in_the_text() {
        for text in [
            "",
            "import a from 'a';",
            "import{a}from'a'",
            "import * as a from 'a'; import 'b'; import \"c\";",
            "import type { T } from 't'; import\n  defer * as d from 'd';",
            "const url = new URL('x', import.meta.url); import . meta;",
            "export * from 'a'; const important = 1;",
        ] {
            assert!(!may_call_import(text), "{text}");
        }
        for text in [
            "import('a')",
            "f(() => import ('a'))",
            "import\n('a')",
            "import /* c */ ('a')",
            "import\u{a0}('a')",
            "const s = 'import(';",
            "reimport(x)",
            "import.metadata",
            "import.meta$",
            "import.source('a')",
            "import.defer('a')",
            "import",
            "x = import",
        ] {
            assert!(may_call_import(text), "{text}");
        }
    }

    /// The specifiers found from the top-level declarations alone, when the text allows it,
    /// are those a walk of the whole tree finds.
    #[test]
    fn the_top_level_holds_every_import_when_the_text_has_no_call() {
        for text in [
            "import a from 'a';\nexport { b } from 'b';\nexport * from 'c';\nexport * as d from 'd';\nconst e = 1;",
            "import 'a';\nfunction f() { return import('b'); }\nexport default f;",
            "const g = async () => { await import /* later */ ('g'); };\nimport h from 'h';",
            "export const meta = import.meta.url;\nimport { i } from 'i';",
        ] {
            let brief = |found: Vec<Found>| -> Vec<(String, ImportKind, Span)> {
                found.into_iter().map(|found| (found.specifier, found.kind, found.span)).collect()
            };
            let (walked, from_text) = crate::depth::with_stack(|| {
                swc_core::common::GLOBALS.set(&swc_core::common::Globals::new(), || {
                    let compilation = Compilation::new("file.js", text, crate::language::Language::Js);
                    let module = crate::source::parse::parse_module(&compilation).expect("it parses");
                    (brief(collect(&module, false, None)), brief(collect(&module, false, Some(text))))
                })
            });
            assert_eq!(from_text, walked, "{text}");
            assert!(!walked.is_empty(), "{text}");
        }
    }
}
