//! Agent code to a module whose default export is a function.
//!
//! Follows the rules of `normalizeCode` in `@cloudflare/codemode`, on the AST instead of on
//! text, so every node keeps its original span:
//!
//! | the code is                               | it becomes                                     |
//! |-------------------------------------------|------------------------------------------------|
//! | nothing (whitespace, comments, types)     | `export default async function () {}`          |
//! | one function or arrow function expression | `export default (<the function>);`             |
//! | one named function declaration            | the declaration, then `export default <name>;` |
//! | anything else                             | `export default async function () { ... }`,    |
//! |                                           | a final expression statement returned          |
//!
//! `import` declarations stay at the top level in every case, and TypeScript declarations
//! that only hold types (interfaces, `type`, `declare`, overload signatures) are not counted.
//! Unlike `normalizeCode`, code that does not parse is an error, never wrapped blindly.
//!
//! It runs in two steps around type stripping: [`plan`] reads the shape from the code as
//! written (compiled enums and namespaces add statements, even after the last one) and turns
//! the final expression into a `return`; [`wrap`] then builds the default export.

use swc_core::common::{DUMMY_SP, Span, Spanned};
use swc_core::ecma::ast::{
    Decl, DefaultDecl, ExportDefaultDecl, ExportDefaultExpr, Expr, FnExpr, Function, FunctionBody, Invalid, Module,
    ModuleDecl, ModuleItem, ParenExpr, ReturnStmt, Stmt,
};

/// What a source looked like, which tells the caller what to do with its default export.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Shape {
    /// An ES module with `export`s, which runs as written.
    Module,
    /// A CommonJS file (`.cjs`, `.cts`), which runs as written.
    CommonJs,
    /// Nothing to run (only whitespace, comments or types): the default export is
    /// `async function () {}`.
    Empty,
    /// A single function expression or arrow function: it is the default export, and the
    /// caller calls it.
    Function,
    /// A single named function declaration, kept and exported as the default: the caller
    /// calls it. Holds the function's name.
    FunctionDeclaration(String),
    /// Statements, now the body of `export default async function () { ... }`; a final
    /// expression statement became its `return`.
    Statements,
}

/// Whether a module exports anything, which makes it an author-written module.
pub(crate) fn has_exports(module: &Module) -> bool {
    module.body.iter().any(|item| match item {
        ModuleItem::ModuleDecl(ModuleDecl::Import(_)) => false,
        ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(import)) => import.is_export,
        ModuleItem::ModuleDecl(_) => true,
        ModuleItem::Stmt(_) => false,
    })
}

/// Reads the shape of agent code (a module without exports, types not yet stripped), and
/// for [`Shape::Statements`] turns a final expression statement into `return (<expr>);`.
pub(crate) fn plan(module: &mut Module) -> Shape {
    let mut imports = false;
    let mut statements = Vec::new();
    for (index, item) in module.body.iter().enumerate() {
        match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => imports |= !import.type_only,
            ModuleItem::ModuleDecl(_) => {}
            ModuleItem::Stmt(statement) if runs(statement) => statements.push(index),
            ModuleItem::Stmt(_) => {}
        }
    }
    let statement = |index: usize| match &module.body[index] {
        ModuleItem::Stmt(statement) => statement,
        ModuleItem::ModuleDecl(_) => unreachable!("only statements are collected"),
    };
    let shape = match statements.as_slice() {
        [] if !imports => Shape::Empty,
        &[only] => match statement(only) {
            Stmt::Expr(expression) if is_function(&expression.expr) => Shape::Function,
            Stmt::Decl(Decl::Fn(function)) => Shape::FunctionDeclaration(function.ident.sym.to_string()),
            _ => Shape::Statements,
        },
        _ => Shape::Statements,
    };
    if shape == Shape::Statements
        && let Some(&last) = statements.last()
        && let ModuleItem::Stmt(Stmt::Expr(expression)) = &mut module.body[last]
    {
        let span = expression.span;
        let argument =
            parenthesized(std::mem::replace(&mut expression.expr, Box::new(Expr::Invalid(Invalid { span: DUMMY_SP }))));
        module.body[last] = ModuleItem::Stmt(Stmt::Return(ReturnStmt { span, arg: Some(argument) }));
    }
    shape
}

/// Builds the default export of agent code planned by [`plan`], once types are stripped.
pub(crate) fn wrap(module: Module, shape: &Shape) -> Module {
    let Module { span, body, shebang } = module;
    let mut items = Vec::with_capacity(8);
    let mut statements = Vec::with_capacity(body.len());
    for item in body {
        match item {
            ModuleItem::Stmt(Stmt::Empty(_)) => {}
            ModuleItem::Stmt(statement) => statements.push(statement),
            declaration @ ModuleItem::ModuleDecl(_) => items.push(declaration),
        }
    }
    match shape {
        Shape::Function => {
            let index = statements
                .iter()
                .rposition(|statement| matches!(statement, Stmt::Expr(_)))
                .expect("`Shape::Function` has its expression statement");
            let Stmt::Expr(function) = statements.remove(index) else { unreachable!("found just above") };
            items.extend(statements.into_iter().map(ModuleItem::Stmt));
            let expression = parenthesized(unwrap_parens(function.expr));
            items.push(export_default(function.span, expression));
        }
        Shape::FunctionDeclaration(_) => {
            let (name, span) = statements
                .iter()
                .rev()
                .find_map(|statement| match statement {
                    Stmt::Decl(Decl::Fn(function)) => Some((function.ident.clone(), function.function.span)),
                    _ => None,
                })
                .expect("`Shape::FunctionDeclaration` has its declaration");
            items.extend(statements.into_iter().map(ModuleItem::Stmt));
            // Spanned at the declaration, so a stack frame through it still maps somewhere.
            items.push(export_default(span, Box::new(Expr::Ident(name))));
        }
        Shape::Empty | Shape::Statements | Shape::Module | Shape::CommonJs => {
            items.push(export_default_async_function(statements));
        }
    }
    Module { span, body: items, shebang }
}

/// Whether a statement is still there at run time: not a declaration of types only.
fn runs(statement: &Stmt) -> bool {
    match statement {
        Stmt::Empty(_) => false,
        Stmt::Decl(declaration) => match declaration {
            Decl::TsInterface(_) | Decl::TsTypeAlias(_) => false,
            Decl::Fn(function) => !function.declare && function.function.body.is_some(),
            Decl::Class(class) => !class.declare,
            Decl::Var(variables) => !variables.declare,
            Decl::TsEnum(enumeration) => !enumeration.declare,
            Decl::TsModule(module) => !module.declare,
            _ => true,
        },
        _ => true,
    }
}

fn is_function(expression: &Expr) -> bool {
    match expression {
        Expr::Arrow(_) | Expr::Fn(_) => true,
        Expr::Paren(paren) => is_function(&paren.expr),
        _ => false,
    }
}

/// `((async () => 1))` to `async () => 1`.
fn unwrap_parens(mut expression: Box<Expr>) -> Box<Expr> {
    while let Expr::Paren(paren) = *expression {
        expression = paren.expr;
    }
    expression
}

fn parenthesized(expression: Box<Expr>) -> Box<Expr> {
    Box::new(Expr::Paren(ParenExpr { span: expression.span(), expr: expression }))
}

fn export_default(span: Span, expression: Box<Expr>) -> ModuleItem {
    ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(ExportDefaultExpr { span, expr: expression }))
}

fn export_default_async_function(statements: Vec<Stmt>) -> ModuleItem {
    ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(ExportDefaultDecl {
        span: DUMMY_SP,
        decl: DefaultDecl::Fn(FnExpr {
            ident: None,
            function: Box::new(Function {
                body: Some(FunctionBody { span: DUMMY_SP, stmts: statements }),
                is_async: true,
                ..Function::default()
            }),
        }),
    }))
}

#[cfg(test)]
mod tests {
    use swc_core::common::{FileName, SourceMap, sync::Lrc};
    use swc_core::ecma::ast::EsVersion;
    use swc_core::ecma::parser::{Syntax, TsSyntax, parse_file_as_module};

    use super::*;

    fn parse(code: &str) -> Module {
        let source_map = Lrc::new(SourceMap::default());
        let file = source_map.new_source_file(Lrc::new(FileName::Anon), code.to_owned());
        parse_file_as_module(&file, Syntax::Typescript(TsSyntax::default()), EsVersion::EsNext, None, &mut Vec::new())
            .expect("test code parses")
    }

    fn shape(code: &str) -> Shape {
        let mut module = parse(code);
        assert!(!has_exports(&module), "agent code has no exports: {code}");
        plan(&mut module)
    }

    /// Each rule of `normalizeCode` is recognised, types and imports set aside.
    #[test]
    fn plan_recognises_each_shape() {
        let cases = [
            ("", Shape::Empty),
            ("interface A {}\ntype B = A;\n;;", Shape::Empty),
            ("import type { A } from \"a\";", Shape::Empty),
            ("import \"./setup\";", Shape::Statements),
            ("async () => 1;", Shape::Function),
            ("((function () {}));", Shape::Function),
            ("(async () => 1)();", Shape::Statements),
            ("function main() {}", Shape::FunctionDeclaration("main".to_owned())),
            ("function f(x: string): void;\nfunction f(x: any) {}", Shape::FunctionDeclaration("f".to_owned())),
            ("declare function g(): void;\nfunction h() {}", Shape::FunctionDeclaration("h".to_owned())),
            ("function a() {}\nfunction b() {}", Shape::Statements),
            ("1 + 1", Shape::Statements),
            ("class A {}", Shape::Statements),
        ];
        for (code, expected) in cases {
            assert_eq!(shape(code), expected, "{code}");
        }
    }

    /// Exports of any kind make a module author-written; imports and `import =` don't.
    #[test]
    fn has_exports_sees_every_export() {
        for code in [
            "export const a = 1;",
            "export default 1;",
            "export * from \"a\";",
            "export { b } from \"b\";",
            "export type T = 1;",
            "export import X = Y.Z;",
            "export = 1;",
        ] {
            assert!(has_exports(&parse(code)), "{code}");
        }
        for code in ["import a from \"a\";", "import X = Y.Z;", "const exported = 1;"] {
            assert!(!has_exports(&parse(code)), "{code}");
        }
    }
}
