//! `--define KEY=VALUE`: global names and member chains replaced by expressions, as esbuild's
//! `define` does. `process.env.NODE_ENV` is `"production"` unless a define says otherwise.
//!
//! Only names the code does not declare itself are replaced: `process.env.NODE_ENV` inside
//! `function f(process) { … }` is left alone. In a file where something was replaced, the
//! branches that became dead are removed, so their `require`s are not followed.

use swc_core::common::input::SourceFileInput;
use swc_core::common::{FileName, Mark, SourceMap, Span, Spanned, SyntaxContext, sync::Lrc};
use swc_core::ecma::ast::{EsVersion, Expr, Ident, MemberProp, Module, Program};
use swc_core::ecma::parser::{EsSyntax, Lexer, Parser, Syntax};
use swc_core::ecma::transforms::base::resolver;
use swc_core::ecma::visit::{Visit, VisitMut, VisitMutWith, VisitWith};

use crate::source::dead_branches::remove_dead_branches;
use crate::source::imports::is_identifier_name;

/// One `KEY=VALUE`: a global name or a chain of names (`DEBUG`, `process.env.API`), and the
/// JavaScript expression that replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Define {
    key: Vec<String>,
    value: String,
}

impl Define {
    /// Reads `KEY=VALUE`. The key is an identifier or a dotted chain of them; the value is
    /// any JavaScript expression (`false`, `"1.2"`, `{"a":1}`, `globalThis.x`). Says what is
    /// wrong otherwise.
    pub fn parse(entry: &str) -> Result<Define, String> {
        let Some((key, value)) = entry.split_once('=') else {
            return Err(format!("`{entry}` has no `=`: write it as KEY=VALUE"));
        };
        let parts: Vec<String> = key.trim().split('.').map(str::to_owned).collect();
        if !parts.iter().all(|part| is_identifier_name(part)) {
            return Err(format!("`{key}` is not a name or a chain of names such as `process.env.API_URL`"));
        }
        if parse_value(value).is_none() {
            return Err(format!("`{value}` is not a JavaScript expression (a string needs its quotes: '\"text\"')"));
        }
        Ok(Define { key: parts, value: value.to_owned() })
    }

    /// The key as written, `process.env.NODE_ENV`.
    pub fn key(&self) -> String {
        self.key.join(".")
    }
}

/// The defines that apply: the given ones, and `process.env.NODE_ENV` as `"production"`
/// unless one of them sets it.
#[derive(Debug, Clone)]
pub(crate) struct Defines {
    entries: Vec<(Vec<String>, Box<Expr>)>,
    /// The first name of each key (`process`): few, so a list.
    roots: Vec<String>,
}

impl Defines {
    pub(crate) fn new(given: &[Define]) -> Defines {
        let node_env = ["process", "env", "NODE_ENV"].map(str::to_owned).to_vec();
        let mut entries: Vec<(Vec<String>, Box<Expr>)> = given
            .iter()
            .map(|define| {
                let value = parse_value(&define.value).expect("checked by Define::parse");
                (define.key.clone(), value)
            })
            .collect();
        if !entries.iter().any(|(key, _)| *key == node_env) {
            let value = parse_value("\"production\"").expect("a string literal parses");
            entries.push((node_env, value));
        }
        // Longer chains first, so `process.env.A` wins over `process.env`.
        entries.sort_by_key(|(key, _)| std::cmp::Reverse(key.len()));
        let mut roots: Vec<String> = entries.iter().map(|(key, _)| key[0].clone()).collect();
        roots.sort();
        roots.dedup();
        Defines { entries, roots }
    }

    /// Whether `module`, parsed from `text`, names the first name of a define (where
    /// [`Defines::apply`] may change it).
    pub(crate) fn named_in(&self, module: &Module, text: &str) -> bool {
        if !may_name(text, &self.roots) {
            return false;
        }
        let mut finder = RootFinder { roots: &self.roots, found: false };
        module.visit_with(&mut finder);
        finder.found
    }

    /// Replaces the defined names in `module`, parsed from `text`, which must have no marks
    /// yet or marks that `hygiene` made safe to clear (names are then right by themselves),
    /// and removes the branches that became dead (see [`remove_dead_branches`]). Returns
    /// whether anything changed.
    pub(crate) fn apply(&self, module: &mut Module, text: &str) -> bool {
        if !self.named_in(module, text) {
            return false;
        }
        module.visit_mut_with(&mut ClearContexts);
        let unresolved_mark = Mark::new();
        let mut program = Program::Module(std::mem::take(module));
        program.mutate(resolver(unresolved_mark, Mark::new(), false));
        *module = program.expect_module();
        let mut replacer =
            Replacer { defines: self, unresolved: SyntaxContext::empty().apply_mark(unresolved_mark), changed: false };
        module.visit_mut_with(&mut replacer);
        if replacer.changed {
            remove_dead_branches(module, unresolved_mark);
        }
        replacer.changed
    }
}

/// Whether code parsed from `text` may have an identifier among `names`: `text` has one
/// between characters that are not ASCII letters, digits, `_` or `$` (any other character ends
/// an identifier, or is taken to), or has a `\u` escape that may spell a character of one.
/// `false` lets [`Defines::apply`] skip walking the syntax tree.
fn may_name(text: &str, names: &[String]) -> bool {
    let bytes = text.as_bytes();
    if escape_may_spell(bytes, names) {
        return true;
    }
    let part_of_name = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$';
    names.iter().any(|name| {
        memchr::memmem::find_iter(bytes, name.as_bytes()).any(|start| {
            let before = start.checked_sub(1).map(|index| bytes[index]);
            let after = bytes.get(start + name.len()).copied();
            ![before, after].into_iter().flatten().any(part_of_name)
        })
    })
}

/// Whether a `\u` escape in `bytes` may spell a character of one of `names`: it stands for
/// such a character, or it does not read as an escape (`\u` not followed by four hex digits
/// or by hex digits in braces), which is then taken to. The escapes of strings and regular
/// expressions (an emoji range, `\u00a0`) mostly stand for characters no name has.
fn escape_may_spell(bytes: &[u8], names: &[String]) -> bool {
    memchr::memmem::find_iter(bytes, b"\\u").any(|start| {
        let rest = &bytes[start + 2..];
        let digits = match rest.first() {
            Some(b'{') => rest[1..].iter().position(|&byte| byte == b'}').map(|end| &rest[1..1 + end]),
            _ => rest.get(..4),
        };
        let character = digits
            .filter(|digits| !digits.is_empty() && digits.len() <= 8 && digits.iter().all(u8::is_ascii_hexdigit))
            .and_then(|digits| std::str::from_utf8(digits).ok())
            .and_then(|digits| u32::from_str_radix(digits, 16).ok())
            .and_then(char::from_u32);
        character.is_none_or(|character| names.iter().any(|name| name.contains(character)))
    })
}

/// The expression `value`, if it is one, and not nested too deeply (see `depth.rs`).
fn parse_value(value: &str) -> Option<Box<Expr>> {
    crate::depth::with_stack(|| {
        let source_map = SourceMap::default();
        let file = source_map.new_source_file(Lrc::new(FileName::Anon), value.to_owned());
        let watch = crate::depth::Watch::new();
        let lexer = Lexer::new(Syntax::Es(EsSyntax::default()), EsVersion::EsNext, SourceFileInput::from(&*file), None);
        let mut parser = Parser::new_from(crate::depth::Guarded::new(lexer, watch.clone()));
        parser.allow_module_syntax();
        let expression = parser.parse_expr().ok()?;
        let budget = crate::depth::Scopes::allowed(value.len() as u64);
        let fine = parser.take_errors().is_empty()
            && watch.stopped().is_none()
            && crate::depth::deepest(&*expression, budget).0.is_none();
        fine.then_some(expression)
    })
}

/// Whether a module names any define's first part at all: most don't, and keep their code.
struct RootFinder<'a> {
    roots: &'a [String],
    found: bool,
}

impl Visit for RootFinder<'_> {
    fn visit_ident(&mut self, ident: &Ident) {
        self.found |= self.roots.iter().any(|root| *root == *ident.sym);
    }
}

/// Sets every syntax context back to empty, so `resolver` can run again.
pub(crate) struct ClearContexts;

impl VisitMut for ClearContexts {
    fn visit_mut_syntax_context(&mut self, context: &mut SyntaxContext) {
        *context = SyntaxContext::empty();
    }
}

struct Replacer<'a> {
    defines: &'a Defines,
    unresolved: SyntaxContext,
    changed: bool,
}

impl Replacer<'_> {
    /// The define whose chain `expression` is, with its root not declared by the code.
    fn lookup(&self, expression: &Expr) -> Option<&Expr> {
        let mut chain = Vec::new();
        let mut current = expression;
        loop {
            match current {
                Expr::Member(member) => {
                    let MemberProp::Ident(name) = &member.prop else {
                        return None;
                    };
                    chain.push(&*name.sym);
                    current = &member.obj;
                }
                Expr::Ident(root) if root.ctxt == self.unresolved => {
                    chain.push(&*root.sym);
                    break;
                }
                _ => return None,
            }
        }
        chain.reverse();
        self.defines
            .entries
            .iter()
            .find(|(key, _)| key.len() == chain.len() && key.iter().zip(&chain).all(|(a, b)| a == b))
            .map(|(_, value)| &**value)
    }
}

impl VisitMut for Replacer<'_> {
    fn visit_mut_expr(&mut self, expression: &mut Expr) {
        if matches!(expression, Expr::Ident(_) | Expr::Member(_))
            && let Some(value) = self.lookup(expression)
        {
            let span = expression.span();
            let mut value = value.clone();
            value.visit_mut_with(&mut SetSpan(span));
            *expression = value;
            self.changed = true;
            return;
        }
        expression.visit_mut_children_with(self);
    }
}

/// Gives a replacement the position of what it replaces, for source maps.
struct SetSpan(Span);

impl VisitMut for SetSpan {
    fn visit_mut_span(&mut self, span: &mut Span) {
        *span = self.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys are names or chains of names; values are expressions.
    #[test]
    fn parses_entries() {
        let define = Define::parse("process.env.API=\"x\"").expect("valid");
        assert_eq!(define.key(), "process.env.API");
        assert!(Define::parse("DEBUG=false").is_ok());
        assert!(Define::parse("DEBUG").is_err());
        assert!(Define::parse("a-b=1").is_err());
        assert!(Define::parse("A=1 +").is_err());
        assert!(Define::parse("A=").is_err());
    }

    /// The walk is skipped only where the text cannot have the name as an identifier.
    #[test]
    fn names_found_in_the_text() {
        for text in [
            "process.env.NODE_ENV",
            "x=process",
            "(process)",
            "a\nprocess\n",
            "é process",
            "processé",
            "const processed = 1; \\u0070rocess.env;",
            "'\\u{70}'",
            "pro\\u{0063}ess",
            // Not read as escapes: taken to spell anything.
            "'\\uZZZZ'",
            "'\\u{}'",
            "'\\u{110000}'",
            "x\\u12",
        ] {
            assert!(may_name(text, &["process".to_owned()]), "{text:?} may name `process`");
        }
        for text in [
            "",
            "const processed = _process + $process + process1 + process$;",
            "Process",
            "proces",
            // Escapes of characters no name has: an emoji range, a space, an accent.
            "/[\\u{1F600}-\\u{1F64F}]/u.test(x) && '\\u00a0\\u00E9'",
        ] {
            assert!(!may_name(text, &["process".to_owned()]), "{text:?} does not name `process`");
        }
    }

    /// A name written with a unicode escape is the name: replaced as written plainly.
    #[test]
    fn escaped_names_are_replaced() {
        use crate::language::Language;
        use crate::source::compilation::Compilation;
        use crate::source::emit::emit;
        use crate::source::parse::parse_module;
        use swc_core::common::{GLOBALS, Globals};
        let defines = Defines::new(&[]);
        for source in ["export const mode = \\u0070rocess.env.NODE_ENV;", "export const mode = process.env.NODE_ENV;"] {
            let code = crate::depth::with_stack(|| {
                GLOBALS.set(&Globals::new(), || {
                    let compilation = Compilation::new("file.js", source, Language::Js);
                    let mut module = parse_module(&compilation).expect("it parses");
                    assert!(defines.apply(&mut module, source), "{source:?} names a define");
                    emit(&compilation, Program::Module(module), source, false, false, &[]).code
                })
            });
            assert!(code.contains("\"production\""), "{source:?} became {code}");
        }
        let plain = "export const processed = 1;";
        crate::depth::with_stack(|| {
            GLOBALS.set(&Globals::new(), || {
                let compilation = Compilation::new("file.js", plain, Language::Js);
                let mut module = parse_module(&compilation).expect("it parses");
                assert!(!defines.apply(&mut module, plain));
            })
        });
    }
}
