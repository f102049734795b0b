//! The bundle put together: helpers, kept imports, namespace objects and declarations at the
//! top, then the code in the order the modules evaluate, then the entry's exports.

use std::collections::BTreeSet;

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::{
    ArrowExpr, ArrowFunctionBody, ExportNamedSpecifier, ExportSpecifier, Expr, Ident, ImportDecl,
    ImportDefaultSpecifier, ImportNamedSpecifier, ImportPhase, ImportSpecifier, ImportStarAsSpecifier, KeyValueProp,
    Module as SwcModule, ModuleDecl, ModuleExportName, ModuleItem, NamedExport, ObjectLit, Prop, PropOrSpread, Stmt,
};
use swc_core::ecma::utils::ExprFactory;

use super::analyze::ImportName;
use super::rewrite::{Code, rewrite_unit};
use super::runtime::Helper;
use super::shake::Item;
use super::syntax::{
    arrow, assign, binding_expression, call, const_declaration, export_name, expression_statement, number,
    property_name, string, var_declaration, var_declaration_of,
};
use super::{Binding, Linker, Unsupported};
use crate::diagnostics::error::BundleError;

/// The rewritten units as the bundle's items: helpers, declarations, the code in evaluation
/// order, and the entry's exports. `Ok(Err)` when bundle mode can't do it.
pub(super) fn link(
    linker: &Linker<'_>,
    trees: Vec<Option<SwcModule>>,
) -> Result<Result<Vec<Item>, Unsupported>, BundleError> {
    let mut codes = Vec::with_capacity(trees.len());
    for (unit, tree) in trees.into_iter().enumerate() {
        let code = match rewrite_unit(linker, unit, tree)? {
            Ok(code) => code,
            Err(unsupported) => return Ok(Err(unsupported)),
        };
        codes.push(code);
    }
    let entry_exports = match entry_exports(linker) {
        Ok(exports) => exports,
        Err(unsupported) => return Ok(Err(unsupported)),
    };
    let namespaces = match namespace_objects(linker) {
        Ok(namespaces) => namespaces,
        Err(unsupported) => return Ok(Err(unsupported)),
    };

    let mut items: Vec<Item> = Vec::new();
    let item = |item: ModuleItem, owner: Option<usize>| Item { item, owner };
    // Imports the bundle keeps: external modules, and the modules of bytes and WebAssembly.
    for ((specifier, name), local) in linker.externals() {
        items.push(item(import_declaration(&specifier, &name, local), None));
    }
    for unit in 0..linker.unit_count() {
        if linker.is_separate(unit) {
            let file = linker.file(unit).expect("separate units are files");
            let specifier = linker.separate_specifier(file);
            let declaration = import_declaration(&specifier, &ImportName::Default, linker.value(unit).clone());
            items.push(item(declaration, Some(unit)));
        }
    }
    items.extend(namespaces.into_iter().map(|(unit, statement)| item(ModuleItem::Stmt(statement), Some(unit))));
    let mut wrapped: Vec<(usize, Vec<Stmt>)> = Vec::new();
    for (unit, code) in codes.iter_mut().enumerate() {
        match std::mem::replace(code, Code::Nothing) {
            Code::Declaration(statement) => items.push(item(ModuleItem::Stmt(statement), Some(unit))),
            Code::Wrapped { hoisted, body } => {
                items.extend(hoisted.into_iter().map(|statement| item(ModuleItem::Stmt(statement), Some(unit))));
                wrapped.push((unit, body));
            }
            Code::Eager(body) => *code = Code::Eager(body),
            Code::Nothing => {}
        }
    }
    // Lazily evaluated modules assign their import variables: declared at the top.
    for ((importer, target), import_var) in linker.import_vars() {
        if linker.is_wrapped(importer) {
            let declaration = var_declaration(vec![import_var]);
            items.push(item(ModuleItem::Stmt(declaration), Some(target)));
        }
    }
    for (unit, body) in wrapped {
        let mut statements = dependencies(linker, unit);
        statements.extend(body);
        let closure = arrow(statements);
        let init = linker.runtime().ident(Helper::Esm).as_call(DUMMY_SP, vec![closure.as_arg()]);
        let declaration = const_declaration(linker.init(unit).clone(), Box::new(init));
        items.push(item(ModuleItem::Stmt(declaration), Some(unit)));
    }
    // The code that runs when the bundle loads, each module after what it imports.
    if linker.is_wrapped(0) {
        let init = expression_statement(call(linker.init(0).clone(), vec![]));
        items.push(item(ModuleItem::Stmt(init), None));
    } else {
        let mut visited = BTreeSet::new();
        evaluate(linker, 0, &mut codes, &mut visited, &mut items);
    }
    items.extend(entry_exports.into_iter().map(|export| item(export, None)));
    // The helpers first, now that every call of one is made.
    items.splice(0..0, linker.runtime().items().into_iter().map(|helper| item(helper, None)));
    Ok(Ok(items))
}

/// Appends `unit`'s statements to `out` after those of the modules it imports (depth first,
/// as modules evaluate; a module already visited is not visited again, which cuts cycles
/// where the runtime does).
fn evaluate(linker: &Linker<'_>, unit: usize, codes: &mut [Code], visited: &mut BTreeSet<usize>, out: &mut Vec<Item>) {
    if !visited.insert(unit) {
        return;
    }
    if let Some(record) = linker.record(unit) {
        for request in 0..record.requests.len() {
            let Some(target) = linker.target_unit(linker.request_target(unit, request)) else {
                continue;
            };
            if linker.is_esm(target) && !linker.is_wrapped(target) {
                evaluate(linker, target, codes, visited, out);
            } else if let Some(statement) = dependency(linker, unit, target) {
                // An import of CommonJS belongs to it: left out with it when unused.
                out.push(Item { item: ModuleItem::Stmt(statement), owner: Some(target) });
            }
        }
    }
    if let Code::Eager(body) = std::mem::replace(&mut codes[unit], Code::Nothing) {
        out.extend(body.into_iter().map(|statement| Item { item: ModuleItem::Stmt(statement), owner: Some(unit) }));
    }
}

/// What a lazily evaluated module runs before its own statements: each import's module.
fn dependencies(linker: &Linker<'_>, unit: usize) -> Vec<Stmt> {
    let Some(record) = linker.record(unit) else {
        return Vec::new();
    };
    let mut statements = Vec::new();
    let mut seen = BTreeSet::new();
    for request in 0..record.requests.len() {
        if let Some(target) = linker.target_unit(linker.request_target(unit, request))
            && seen.insert(target)
        {
            statements.extend(dependency(linker, unit, target));
        }
    }
    statements
}

/// How `importer` makes sure `target` (not hoisted in place) has run: `init_x()` for a lazily
/// evaluated ES module, `import_x = __toESM(require_x())` for CommonJS.
fn dependency(linker: &Linker<'_>, importer: usize, target: usize) -> Option<Stmt> {
    if linker.is_wrapped(target) {
        return Some(expression_statement(call(linker.init(target).clone(), vec![])));
    }
    if !linker.is_common_js(target) {
        return None;
    }
    let required = call(linker.require(target).clone(), vec![]);
    let Some(import_var) = linker.import_vars().get(&(importer, target)).cloned() else {
        return Some(expression_statement(required));
    };
    let mut arguments = vec![required.as_arg()];
    if linker.node_mode(importer) {
        arguments.push(number(1.0).as_arg());
    }
    let converted = call(linker.runtime().ident(Helper::ToEsm), arguments);
    if linker.is_wrapped(importer) {
        Some(expression_statement(Box::new(assign(import_var, converted))))
    } else {
        Some(var_declaration_of(import_var, converted))
    }
}

/// The namespace objects the bundle uses: `const x_exports = __namespace({ a: () => a })`.
fn namespace_objects(linker: &Linker<'_>) -> Result<Vec<(usize, Stmt)>, Unsupported> {
    let mut made = BTreeSet::new();
    let mut statements = Vec::new();
    // Making one may ask for another (`export * as ns`): until none is new.
    loop {
        let wanted: Vec<usize> = linker.namespaces().into_iter().filter(|unit| !made.contains(unit)).collect();
        if wanted.is_empty() {
            break;
        }
        for unit in wanted {
            made.insert(unit);
            let exports = if linker.is_esm(unit) {
                linker.exports_of(unit)?
            } else {
                vec![("default".into(), Binding::Ident(linker.value(unit).clone()))]
            };
            let getters = exports
                .iter()
                .map(|(name, binding)| {
                    let getter = Expr::Arrow(ArrowExpr {
                        span: DUMMY_SP,
                        body: Box::new(ArrowFunctionBody::Expr(binding_expression(binding, DUMMY_SP))),
                        ..ArrowExpr::default()
                    });
                    PropOrSpread::Prop(Box::new(Prop::KeyValue(KeyValueProp {
                        key: property_name(name),
                        value: Box::new(getter),
                    })))
                })
                .collect();
            let object = Expr::Object(ObjectLit { span: DUMMY_SP, props: getters });
            let namespace = call(linker.runtime().ident(Helper::Namespace), vec![object.as_arg()]);
            statements.push((unit, const_declaration(linker.namespace(unit), namespace)));
        }
    }
    Ok(statements)
}

/// `export { a as b, … }` of the entry's exports; a name read from CommonJS gets a variable
/// of its own first.
fn entry_exports(linker: &Linker<'_>) -> Result<Vec<ModuleItem>, Unsupported> {
    let mut items = Vec::new();
    let mut specifiers = Vec::new();
    for (name, binding) in linker.exports_of(0)? {
        let local = match binding {
            Binding::Ident(ident) => ident,
            other => {
                let local = Ident::new(
                    format!("export_{name}").into(),
                    DUMMY_SP,
                    swc_core::common::SyntaxContext::empty().apply_mark(swc_core::common::Mark::new()),
                );
                items.push(ModuleItem::Stmt(const_declaration(local.clone(), binding_expression(&other, DUMMY_SP))));
                local
            }
        };
        specifiers.push(ExportSpecifier::Named(ExportNamedSpecifier {
            span: DUMMY_SP,
            orig: ModuleExportName::Ident(local),
            exported: Some(export_name(&name)),
            is_type_only: false,
        }));
    }
    if !specifiers.is_empty() {
        items.push(ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(NamedExport {
            span: DUMMY_SP,
            specifiers,
            src: None,
            type_only: false,
            with: None,
        })));
    }
    Ok(items)
}

/// `import local from "x"`, `import { name as local } from "x"`, `import * as local from "x"`.
fn import_declaration(specifier: &str, name: &ImportName, local: Ident) -> ModuleItem {
    let specifier_node = match name {
        ImportName::Default => ImportSpecifier::Default(ImportDefaultSpecifier { span: DUMMY_SP, local }),
        ImportName::Namespace => ImportSpecifier::Namespace(ImportStarAsSpecifier { span: DUMMY_SP, local }),
        ImportName::Named(name) => ImportSpecifier::Named(ImportNamedSpecifier {
            span: DUMMY_SP,
            imported: (*name != local.sym).then(|| export_name(name)),
            local,
            is_type_only: false,
        }),
    };
    ModuleItem::ModuleDecl(ModuleDecl::Import(ImportDecl {
        span: DUMMY_SP,
        specifiers: vec![specifier_node],
        src: Box::new(string(specifier)),
        type_only: false,
        with: None,
        phase: ImportPhase::Evaluation,
    }))
}
