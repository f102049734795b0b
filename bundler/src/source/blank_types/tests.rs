//! `blank_types` against swc's transform (`strip_types`, then the code generator), the
//! reference: for each TypeScript source, both outputs are parsed as JavaScript and must be
//! the same program, parentheses and empty statements aside. A source `blank_types` leaves to
//! swc must be one it is meant to leave.

use std::path::{Path, PathBuf};

use swc_core::common::{EqIgnoreSpan, GLOBALS, Globals};
use swc_core::ecma::ast::{
    ClassMember, Expr, ExprStmt, Module, ModuleDecl, ModuleItem, Program, SimpleAssignTarget, Stmt,
};
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

use crate::language::Language;
use crate::source::blank_types::blank_types;
use crate::source::compilation::Compilation;
use crate::source::emit::emit;
use crate::source::parse::parse_module;
use crate::source::strip_types::{CompileOptions, strip_types};

/// What became of one source.
#[derive(Debug)]
enum Outcome {
    /// Blanked, and the same program as swc's.
    Same,
    /// Left to swc.
    LeftToSwc,
    /// Blanked, but not the same program: both outputs.
    Differs { blanked: String, reference: String },
    /// The blanked code does not parse.
    Broken { blanked: String, error: String },
}

/// Blanks `text` and compares it with swc's output.
fn compare(text: &str) -> Outcome {
    crate::depth::with_stack(|| compare_here(text))
}

fn compare_here(text: &str) -> Outcome {
    GLOBALS.set(&Globals::new(), || {
        let compilation = Compilation::new("input.ts", text, Language::Ts);
        let module = parse_module(&compilation).expect("the input parses");
        let Some(blanked) = blank_types(&compilation, &module, true) else {
            return Outcome::LeftToSwc;
        };
        let stripped = strip_types(&compilation, Program::Module(module), &CompileOptions::default(), false)
            .expect("swc strips the input");
        let reference = emit(&compilation, stripped, text, false, false, &[]).code;
        let ours = match normalized(&blanked.code) {
            Ok(module) => module,
            Err(error) => return Outcome::Broken { blanked: blanked.code, error },
        };
        let theirs = normalized(&reference).expect("swc's output parses");
        if ours.eq_ignore_span(&theirs) {
            return Outcome::Same;
        }
        // Both normalised programs written by the same code generator: the first lines that
        // differ show where.
        let write = |module: Module| emit(&compilation, Program::Module(module), "", false, false, &[]).code;
        let (ours, theirs) = (write(ours), write(theirs));
        let first = ours.lines().zip(theirs.lines()).position(|(a, b)| a != b).unwrap_or(0);
        let around = |code: &str| code.lines().skip(first.saturating_sub(2)).take(5).collect::<Vec<_>>().join("\n");
        Outcome::Differs { blanked: around(&ours), reference: around(&theirs) }
    })
}

/// `code` parsed as a JavaScript module, without what does not change what it does:
/// parentheses, empty statements, an empty `export {}` (the file is a module either way), and
/// a statement of expressions joined by commas written as one statement each (swc joins the
/// assignments of parameter properties to `super()` so).
fn normalized(code: &str) -> Result<Module, String> {
    let compilation = Compilation::new("output.js", code, Language::Js);
    let mut module = parse_module(&compilation).map_err(|diagnostic| format!("{diagnostic:?}"))?;
    module.visit_mut_with(&mut Normalizer);
    Ok(module)
}

struct Normalizer;

impl VisitMut for Normalizer {
    fn visit_mut_expr(&mut self, expression: &mut Expr) {
        while let Expr::Paren(paren) = expression {
            *expression = *paren.expr.clone();
        }
        expression.visit_mut_children_with(self);
    }
    fn visit_mut_simple_assign_target(&mut self, target: &mut SimpleAssignTarget) {
        while let SimpleAssignTarget::Paren(paren) = target {
            match SimpleAssignTarget::try_from(paren.expr.clone()) {
                Ok(inner) => *target = inner,
                Err(_) => break,
            }
        }
        target.visit_mut_children_with(self);
    }
    fn visit_mut_module_items(&mut self, items: &mut Vec<ModuleItem>) {
        items.retain(|item| match item {
            ModuleItem::Stmt(Stmt::Empty(_)) => false,
            ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(export)) => {
                !(export.specifiers.is_empty() && export.src.is_none())
            }
            _ => true,
        });
        items.visit_mut_children_with(self);
    }
    fn visit_mut_stmts(&mut self, statements: &mut Vec<Stmt>) {
        let mut split = Vec::with_capacity(statements.len());
        for statement in statements.drain(..) {
            match statement {
                Stmt::Empty(_) => {}
                Stmt::Expr(ExprStmt { span, expr }) if matches!(&*expr, Expr::Seq(_)) => {
                    let Expr::Seq(sequence) = *expr else { unreachable!() };
                    split.extend(sequence.exprs.into_iter().map(|expr| Stmt::Expr(ExprStmt { span, expr })));
                }
                statement => split.push(statement),
            }
        }
        *statements = split;
        statements.visit_mut_children_with(self);
    }
    fn visit_mut_class_members(&mut self, members: &mut Vec<ClassMember>) {
        members.retain(|member| !matches!(member, ClassMember::Empty(_)));
        members.visit_mut_children_with(self);
    }
}

/// Each case is blanked, and is the same program as swc's.
const BLANKED: &[&str] = &[
    // Annotations, optional and definite marks, type parameters and arguments.
    "export function f<T extends object>(a: T, b?: number, ...rest: string[]): T { return a; }",
    "export const f = <T,>(a: T): T => a; export const g = async (x: number): Promise<number> => x;",
    "let a!: number; let { b, c }: { b: number; c: number } = { b: 1, c: 2 }; export { a, b, c };",
    "export function f(this: Window, a: number) { return a; }",
    "export function f(this: Window) { return this; }",
    "export const o = { get(this: { x: number }) { return this.x; }, set(this: any, v: number) {} };",
    "export const f = (a: number)\n: number => a;",
    "export const f = <T,>(\n  a: T,\n): Promise<\n  T\n> => Promise.resolve(a); export const g = async (a): Promise<void> /* c */ => {};",
    "export const i = (a)\n  : {\n  x: number\n} => ({ x: a });",
    "export function j() { return <\n  T,\n>(a: T) => a; } export const k = async <\n  T\n>(a: T) => a;",
    "export function f([a, b]: [number, number] = [1, 2], { c }: { c?: string } = {}) { return a + b + c; }",
    "export const x = f<string>('a'); export const y = new Map<string, number>(); declare function f<T>(a: T): T;",
    "export const t = tag<number>`a${1}`; declare function tag<T>(s: TemplateStringsArray, ...v: T[]): string;",
    // Expressions.
    "export const a = (1 as unknown as number) + 1; export const b = { x: 1 } satisfies object;",
    "export const c = [1, 2] as const; export const d = document!.body!; export const e = <any>window;",
    "let x: any = 1; (x as number) = 2; (<any>x).y = 3; x!.z = 4; export { x };",
    "export const a = 1 as number\n;[1, 2].forEach(() => {});",
    "let a: number | undefined; a ??= 1; a ||= 2; a &&= 3; let b: any; b! = 1; b!.c ??= 2; export { a, b };",
    "export const b = 1 as number // a comment\n;[1].map((x) => x as unknown /* c */ as number);",
    // Declarations that are types.
    "export interface I { a: number }\ntype T = string\nexport type U = T | number\nexport const a = 1;",
    "declare const a: number; declare function f(): void; declare class C {} declare module 'm' { const x: 1 }\nexport const b = 2;",
    "declare global { interface Window { x: number } }\nexport declare const y: number;\nexport const z = 1;",
    "export function f(a: string): string;\nexport function f(a: number): number;\nexport function f(a: any) { return a; }",
    "export default interface Props { a: number }\nexport const b = 1;",
    "function g() {}\ntype A = number\n(g)()\nexport {};",
    // Classes.
    "export class A<T> extends Array<T> implements Iterable<T>, Object { private x: number = 1; protected static y?: string; readonly z!: boolean; declare w: number; [key: string]: any; }",
    "export abstract /* é */ class B {}",
    "export abstract class A { abstract f(): void; abstract x: number; public g(): void {} protected abstract get y(): number; }",
    "export class A { constructor(private readonly a: number, public b = 2, c?: string) {} }",
    "export class A { x = 1; constructor(protected a: number) { console.log(a); } }",
    "class B { constructor(_: number) {} }\nexport class A extends B { y = 2; constructor(readonly a: number) { super(a); this.z(); } z() {} }",
    "export class A { constructor(); constructor(a?: number) {} m(): void; m(a?: number) {} private static async *g<T>(): AsyncGenerator<T> {} }",
    "export class A extends Object { #x: number = 1; get x(): number { return this.#x; } set x(v: number) { this.#x = v; } override toString(): string { return ''; } optional?(): void {} }",
    "export const C = class<T> implements I { x: T | undefined; }; interface I {}",
    // Enums.
    "export enum E { A, B, C = 10, D, E = -1, F, G = 'g', H = \"h\" }\nexport const x = E.B + E['D'] + E.F;",
    "enum E { A = 1 }\nexport const f = () => E.A;\nexport function g(e: E) { return e === E.A; }",
    "export enum E { 'a-b' = 1, c }\nE.c; E['a-b'];",
    // Imports and exports.
    "import type { A } from './a'; import { type B, c } from './b'; import d, { e } from './d'; import * as f from './f';\nexport const x: A | B = c(d as f.T);",
    "import { a, b } from './a'; import c from './c'; export const x: b = a; export type Y = typeof c;",
    "import a, * as b from './a'; export const x = a as b.T;",
    "import a, * as b from './a'; export const x = b.y as a;",
    "import './side-effect'; import {} from './empty'; export const x = 1;",
    "export type { A } from './a'; export { type B, c } from './b'; export type * from './c'; export * as d from './d';",
    "interface I {} type T = 1; const v = 1; export { I, T, v };",
    "interface I {} export default I;",
    "import { a } from './a'; export const f = () => { label: for (;;) { break label; } };",
    "import { a } from './a'; export const o = { a: 1, b() { return this.a; } }; o.a;",
];

/// Each case is left to swc.
const LEFT_TO_SWC: &[&str] = &[
    "export namespace N { export const a = 1; }",
    "export const enum E { A }",
    "export enum E { A = 1 << 2 }",
    "export function f() { enum E { A } return E.A; }",
    "import { a } from './a'; export function f(a: number) { return a; }",
    "import { a } from './a'; export { a };",
    "import a from './a'; export default a;",
    "import x = require('x'); export const y = x;",
    "export const a = 1 as number\n(2);",
    "export const a = 1 as number // a comment\n(2);",
    "export const h = (a: number) /* c */ : number => a;",
    "export function f(a: unknown) { return <number>\n  a; }",
    // A comment where a keyword is looked for (`é` is two bytes: not cut in the middle).
    "interface I {} export class A implements /* ééééé */ I {}",
    "export const a = 1 as number /* a\ncomment */ [2];",
    "export class A { accessor x = 1; }",
    "class B { constructor(_?: number) {} }\nexport class A extends B { constructor(readonly a: number) { if (a) { super(a); } else { super(); } } }",
    "export enum E { A } export enum E { B = 1 }",
    "export const x = E.A; export function f(E: number) { return E; } enum E { A }",
];

fn report(case: &str, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Differs { blanked, reference } => {
            format!("{case}\n--- blanked\n{blanked}\n--- swc\n{reference}")
        }
        Outcome::Broken { blanked, error } => format!("{case}\n--- blanked, which does not parse: {error}\n{blanked}"),
        other => format!("{case}: {other:?}"),
    }
}

/// The reports of the cases whose outcome is not `expected`.
fn unexpected(cases: &[&str], expected: fn(&Outcome) -> bool) -> Vec<String> {
    cases
        .iter()
        .filter_map(|case| {
            let outcome = compare(case);
            (!expected(&outcome)).then(|| report(case, &outcome))
        })
        .collect()
}

#[test]
fn each_construct_is_blanked_as_swc_strips_it() {
    let failures = unexpected(BLANKED, |outcome| matches!(outcome, Outcome::Same));
    assert!(failures.is_empty(), "{} of {} cases:\n\n{}", failures.len(), BLANKED.len(), failures.join("\n\n"));
}

#[test]
fn what_needs_scopes_or_code_of_its_own_is_left_to_swc() {
    let blanked = unexpected(LEFT_TO_SWC, |outcome| matches!(outcome, Outcome::LeftToSwc));
    assert!(blanked.is_empty(), "blanked, not left to swc:\n\n{}", blanked.join("\n\n"));
}

/// The TypeScript files of the repository's fixtures and examples, and of `BLANK_CORPUS` (a
/// directory, searched whole) when set: each blanked is the same program as swc's.
#[test]
fn real_files_are_blanked_as_swc_strips_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace");
    let mut files = Vec::new();
    for directory in ["bench/fixtures/ts-50/src", "bundler/tests/fixtures", "examples"] {
        typescript_files(&root.join(directory), &mut files);
    }
    if let Some(corpus) = std::env::var_os("BLANK_CORPUS") {
        typescript_files(Path::new(&corpus), &mut files);
    }
    check_files(&files, 90);
}

/// The TypeScript sources two npm packages ship (effect and rxjs, pinned by
/// tests/typescript-corpus/package-lock.json, 611 files): each blanked is the same program
/// as swc's, and most are blanked.
#[test]
#[cfg_attr(
    not(typescript_corpus),
    ignore = "the corpus is not installed: npm ci --prefix bundler/tests/typescript-corpus"
)]
fn npm_packages_are_blanked_as_swc_strips_them() {
    let packages = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/typescript-corpus/node_modules");
    let mut files = Vec::new();
    for package in ["effect", "rxjs"] {
        typescript_files(&packages.join(package).join("src"), &mut files);
    }
    check_files(&files, 550);
}

/// Compares each of `files` that parses: none may differ from swc's output, and at least
/// `blanked` must be blanked rather than left to swc.
fn check_files(files: &[PathBuf], blanked: usize) {
    let (mut same, mut left) = (0, 0);
    let mut failures = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        let parses = crate::depth::with_stack(|| {
            GLOBALS.set(&Globals::new(), || parse_module(&Compilation::new("input.ts", &text, Language::Ts)).is_ok())
        });
        if !parses {
            continue;
        }
        match compare(&text) {
            Outcome::Same => same += 1,
            Outcome::LeftToSwc => left += 1,
            outcome => failures.push(report(&file.display().to_string(), &outcome)),
        }
    }
    let counts = format!("{same} blanked, {left} left to swc, {} wrong, of {} files", failures.len(), files.len());
    assert!(same >= blanked, "{counts}");
    assert!(failures.is_empty(), "{counts}:\n\n{}", failures.join("\n\n"));
}

fn typescript_files(directory: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(directory) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() && !path.is_symlink() {
            typescript_files(&path, files);
        } else if Language::from_path(&path) == Some(Language::Ts) {
            files.push(path);
        }
    }
}

/// Imports are placed in the blanked code, after blanked characters that are shorter in
/// spaces than in bytes (a type with `é` and an emoji) and code written in place of the
/// source's (an enum, a member read inlined); an elided import is not placed at all.
#[test]
fn imports_are_placed_in_the_blanked_code() {
    use crate::source::define::Defines;
    use crate::source::prepare::{PrepareOptions, Role, SourceInput, prepare_file};

    let text = "import type { T } from './types';\nimport { Unused } from './unused';\n\
                type Café = '😀' | 'é';\nexport enum E { A, B }\nexport const e = E.B; import { a } from './a';\n\
                export const x: Café | Unused = '😀' + a; export const load = () => import('./b');\n";
    let options = PrepareOptions {
        compile: &CompileOptions::default(),
        defines: &Defines::new(&[]),
        syntax_tree: None,
        minify: false,
        source_maps: false,
        scopes_left: None,
        shared_scopes: None,
    };
    let input = SourceInput { file: "input.ts", text, language: Language::Ts };
    let file = crate::depth::with_stack(|| prepare_file(&input, Role::Imported { module_package: true }, &options))
        .expect("it prepares");
    let code = &file.prepared.code;
    assert_eq!(code.lines().nth(2).map(str::trim), Some(";"), "blanked, not stripped by swc:\n{code}");
    let placed: Vec<(&str, &str)> =
        file.imports.iter().map(|import| (import.specifier.as_str(), &code[import.range.clone()])).collect();
    assert_eq!(placed, [("./a", "'./a'"), ("./b", "'./b'")], "in:\n{code}");
}
