//! Enums whose members are literals, written as swc writes them, and their members' reads
//! inlined.

use std::fmt::Write as _;

use swc_core::common::Span;
use swc_core::ecma::ast::{
    Decl, Expr, Lit, MemberExpr, MemberProp, Module, ModuleDecl, ModuleItem, Stmt, TsEnumDecl, TsEnumMember,
    TsEnumMemberId, UnaryOp,
};
use swc_core::ecma::atoms::Atom;

use super::names::Names;
use super::{Blanker, Members};

impl Blanker<'_> {
    /// Finds the module's enums and their members' values; fails on one this cannot write.
    pub(super) fn enums(&mut self, module: &Module, names: &Names) -> Option<()> {
        let mut top_level = 0;
        for item in &module.body {
            let decl = match item {
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => &export.decl,
                ModuleItem::Stmt(Stmt::Decl(decl)) => decl,
                _ => continue,
            };
            if let Decl::TsEnum(enum_decl) = decl
                && !enum_decl.declare
            {
                if enum_decl.is_const {
                    return None;
                }
                let members = members(enum_decl)?;
                if self.enums.insert(enum_decl.id.sym.clone(), members).is_some()
                    || names.bound.get(&enum_decl.id.sym) != Some(&1)
                    || names.imported.contains(&enum_decl.id.sym)
                {
                    return None;
                }
                top_level += 1;
            }
        }
        // Every enum that is code (`declare enum` is a type) is at the top level.
        (names.enums == top_level).then_some(())
    }

    /// Writes an enum as swc does: `var E = function(E) { E[E["A"] = 0] = "A"; return E; }(…)`
    /// (marked pure: a minifier may drop it unused),
    /// each member on its own line, so the lines after it stay where they were.
    pub(super) fn write_enum(&mut self, enum_decl: &TsEnumDecl, span: Span, export: bool) {
        let range = self.range(span);
        let Some(members) = self.enums.get(&enum_decl.id.sym) else {
            self.failed = true;
            return;
        };
        let text = self.text;
        let name = &*enum_decl.id.sym;
        let mut code = String::with_capacity(64 + 48 * enum_decl.members.len());
        if export {
            code.push_str("export ");
        }
        let _ = write!(code, "var {name} = /*#__PURE__*/ function({name}) {{");
        let mut line = range.start;
        let mut next_line = |code: &mut String, offset: usize| {
            let offset = offset.clamp(line, range.end);
            for _ in memchr::memchr_iter(b'\n', &text.as_bytes()[line..offset]) {
                code.push('\n');
            }
            line = offset;
        };
        for member in &enum_decl.members {
            let member_name = member_name(member).expect("checked by `members`");
            let value = &members[&member_name];
            let start = self.compilation.offset(member.span.lo).unwrap_or(range.start);
            next_line(&mut code, start);
            let key = quoted(&member_name);
            let _ = if value.starts_with('"') {
                write!(code, " {name}[{key}] = {value};")
            } else {
                write!(code, " {name}[{name}[{key}] = {value}] = {key};")
            };
        }
        next_line(&mut code, range.end);
        let _ = if export {
            write!(code, " return {name}; }}({{}});")
        } else {
            write!(code, " return {name}; }}({name} || {{}});")
        };
        self.write(range, code);
    }

    /// The value of `E.A` or `E["A"]` when `E` is one of the module's enums, as swc inlines it.
    pub(super) fn enum_value(&self, member: &MemberExpr) -> Option<String> {
        let Expr::Ident(object) = &*member.obj else { return None };
        let members = self.enums.get(&object.sym)?;
        let name: Atom = match &member.prop {
            MemberProp::Ident(name) => name.sym.clone(),
            MemberProp::Computed(computed) => match &*computed.expr {
                Expr::Lit(Lit::Str(string)) => Atom::from(string.value.as_str()?),
                _ => return None,
            },
            MemberProp::PrivateName(_) => return None,
        };
        members.get(&name).map(|value| if value.starts_with('"') { value.clone() } else { format!("({value})") })
    }
}

pub(super) fn member_name(member: &TsEnumMember) -> Option<Atom> {
    match &member.id {
        TsEnumMemberId::Ident(ident) => Some(ident.sym.clone()),
        TsEnumMemberId::Str(string) => string.value.as_str().map(Atom::from),
    }
}

/// The values of an enum's members as code (a number, or a string in double quotes), if each
/// is a literal or follows a number; `None` otherwise.
pub(super) fn members(enum_decl: &TsEnumDecl) -> Option<Members> {
    let mut values = Members::default();
    let mut next = Some(0.0_f64);
    for member in &enum_decl.members {
        let name = member_name(member)?;
        let value = match member.init.as_deref() {
            None => {
                let value = next?;
                next = Some(value + 1.0);
                number(value)?
            }
            Some(Expr::Lit(Lit::Num(literal))) => {
                next = Some(literal.value + 1.0);
                number(literal.value)?
            }
            Some(Expr::Unary(unary)) if unary.op == UnaryOp::Minus => match &*unary.arg {
                Expr::Lit(Lit::Num(literal)) => {
                    next = Some(-literal.value + 1.0);
                    number(-literal.value)?
                }
                _ => return None,
            },
            Some(Expr::Lit(Lit::Str(literal))) => {
                next = None;
                serde_json::to_string(literal.value.as_str()?).ok()?
            }
            Some(_) => return None,
        };
        if values.insert(name, value).is_some() {
            return None;
        }
    }
    Some(values)
}

/// A number as code, in parentheses so that a member read after it (`(1).toFixed()`) and a
/// sign before it stay as they were; `None` for one that is not a safe integer.
pub(super) fn number(value: f64) -> Option<String> {
    let safe = value.is_finite() && value.fract() == 0.0 && value.abs() <= 9_007_199_254_740_991.0;
    if !safe {
        return None;
    }
    // `-0` is written `0`: as a key both are "0", and swc writes the same.
    let integer = value as i64;
    Some(if integer < 0 { format!("({integer})") } else { format!("{integer}") })
}

/// A member's name as a string literal.
fn quoted(name: &str) -> std::borrow::Cow<'_, str> {
    if name.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$') {
        format!("\"{name}\"").into()
    } else {
        serde_json::to_string(name).expect("a string serialises").into()
    }
}
