//! Which binding an import names: through re-exports, `export *` and namespace objects, as
//! ES modules link; CommonJS through its `import_x` object; a missing name is an error.

use std::collections::BTreeSet;

use swc_core::atoms::Atom;
use swc_core::common::{DUMMY_SP, Span, SyntaxContext};
use swc_core::ecma::ast::Ident;

use super::analyze::{Export, ImportBinding, ImportName, Record};
use super::{Binding, Linker, Resolution, Unit, Unsupported};
use crate::diagnostics;
use crate::diagnostics::error::{self, BundleError};
use crate::language::Language;
use crate::position::LineIndex;
use crate::project::graph::Content;

impl Linker<'_> {
    /// What `importer` reads for `name` of the module its request `request` names. `Err`
    /// for a name nothing exports.
    pub(super) fn import(
        &self,
        importer: usize,
        binding: &ImportBinding,
    ) -> Result<Result<Binding, Unsupported>, BundleError> {
        let target = self.request_target(importer, binding.request);
        let Some(unit) = self.unit_of(target) else {
            let record = self.record(importer).expect("requests are of ES modules");
            let specifier = &record.requests[binding.request].specifier;
            return Ok(Ok(Binding::Ident(self.external(specifier, &binding.name))));
        };
        match self.import_of(importer, unit, &binding.name, &mut Vec::new()) {
            Ok(Resolution::Found(found)) => Ok(Ok(found)),
            Ok(Resolution::Broken { unit, binding }) => Err(self.missing_export(unit, &binding)),
            Ok(Resolution::Missing | Resolution::Ambiguous) => {
                if self.may_name_a_type(importer, unit) {
                    return Ok(Ok(Binding::Undefined));
                }
                Err(self.missing_export(importer, binding))
            }
            Err(unsupported) => Ok(Err(unsupported)),
        }
    }

    /// esbuild's rule: TypeScript may import (or re-export) a type from TypeScript without
    /// `import type`; the name then reads as `undefined`.
    fn may_name_a_type(&self, importer: usize, unit: usize) -> bool {
        self.language(importer).is_some_and(Language::is_typescript)
            && self.language(unit).is_some_and(Language::is_typescript)
    }

    fn language(&self, unit: usize) -> Option<Language> {
        match &self.graph.files[self.files[unit]?].content {
            Content::Code { language, .. } => Some(*language),
            _ => None,
        }
    }

    /// `name` of `unit`, imported by `importer`.
    fn import_of(
        &self,
        importer: usize,
        unit: usize,
        name: &ImportName,
        stack: &mut Vec<(usize, Atom)>,
    ) -> Result<Resolution, Unsupported> {
        match (&self.units[unit], name) {
            (Unit::Esm { .. }, ImportName::Namespace) => Ok(Resolution::Found(Binding::Ident(self.namespace(unit)))),
            (Unit::Esm { .. }, ImportName::Default) => self.export_of(unit, &"default".into(), stack),
            (Unit::Esm { .. }, ImportName::Named(name)) => self.export_of(unit, name, stack),
            (Unit::Cjs | Unit::Empty, name) => {
                let import_var = self.import_var(importer, unit);
                Ok(Resolution::Found(match name {
                    ImportName::Namespace => Binding::Ident(import_var),
                    ImportName::Default => Binding::Member(import_var, "default".into()),
                    ImportName::Named(name) => Binding::Member(import_var, name.clone()),
                }))
            }
            (Unit::Json | Unit::Text | Unit::Separate, ImportName::Default) => {
                Ok(Resolution::Found(Binding::Ident(self.value(unit).clone())))
            }
            (Unit::Json | Unit::Text | Unit::Separate, ImportName::Namespace) => {
                Ok(Resolution::Found(Binding::Ident(self.namespace(unit))))
            }
            (Unit::Json | Unit::Text | Unit::Separate, ImportName::Named(_)) => Ok(Resolution::Missing),
        }
    }

    /// The export `name` of the ES module `unit`.
    fn export_of(&self, unit: usize, name: &Atom, stack: &mut Vec<(usize, Atom)>) -> Result<Resolution, Unsupported> {
        if stack.contains(&(unit, name.clone())) {
            return Ok(Resolution::Missing);
        }
        let Unit::Esm { record, .. } = &self.units[unit] else { unreachable!("export_of is called for ES modules") };
        stack.push((unit, name.clone()));
        let result = match record.export(name) {
            Some(Export::Local(id)) if id.1 == SyntaxContext::empty() && &*id.0 == "default" => {
                Ok(Resolution::Found(Binding::Ident(self.symbols[unit].default.clone())))
            }
            Some(Export::Local(id)) => Ok(Resolution::Found(Binding::Ident(Ident::new(id.0.clone(), DUMMY_SP, id.1)))),
            Some(Export::Reexport(binding)) => {
                let target = self.request_target(unit, binding.request);
                match self.unit_of(target) {
                    Some(target) => match self.import_of(unit, target, &binding.name, stack)? {
                        // A type re-exported without `export type`: the importer decides.
                        Resolution::Missing if self.may_name_a_type(unit, target) => Ok(Resolution::Missing),
                        Resolution::Missing => Ok(Resolution::Broken { unit, binding: binding.clone() }),
                        resolution => Ok(resolution),
                    },
                    None => {
                        let specifier = &record.requests[binding.request].specifier;
                        Ok(Resolution::Found(Binding::Ident(self.external(specifier, &binding.name))))
                    }
                }
            }
            None if &**name == "default" => Ok(Resolution::Missing),
            None => self.star_export(unit, record, name, stack),
        };
        stack.pop();
        result
    }

    /// `name` through the `export *` of `unit`.
    fn star_export(
        &self,
        unit: usize,
        record: &Record,
        name: &Atom,
        stack: &mut Vec<(usize, Atom)>,
    ) -> Result<Resolution, Unsupported> {
        let mut found: Option<Binding> = None;
        for &request in &record.stars {
            let target = self.request_target(unit, request);
            let Some(star) = self.unit_of(target) else {
                continue;
            };
            // CommonJS and modules outside the bundle are refused by `mark_wrapped`; JSON,
            // text and bytes only have a default export.
            if !matches!(self.units[star], Unit::Esm { .. }) {
                continue;
            }
            match self.export_of(star, name, stack)? {
                Resolution::Found(binding) => match &found {
                    Some(existing) if !same_binding(existing, &binding) => {
                        return Ok(Resolution::Ambiguous);
                    }
                    _ => found = Some(binding),
                },
                Resolution::Ambiguous => return Ok(Resolution::Ambiguous),
                broken @ Resolution::Broken { .. } => return Ok(broken),
                Resolution::Missing => {}
            }
        }
        Ok(found.map_or(Resolution::Missing, Resolution::Found))
    }

    /// Every name the ES module `unit` exports, sorted, with its binding: for its namespace
    /// object.
    pub(super) fn exports_of(&self, unit: usize) -> Result<Vec<(Atom, Binding)>, Unsupported> {
        let mut names = BTreeSet::new();
        self.export_names(unit, &mut names, &mut BTreeSet::new());
        let mut exports = Vec::with_capacity(names.len());
        for name in names {
            if let Resolution::Found(binding) = self.export_of(unit, &name, &mut Vec::new())? {
                exports.push((name, binding));
            }
        }
        Ok(exports)
    }

    fn export_names(&self, unit: usize, names: &mut BTreeSet<Atom>, seen: &mut BTreeSet<usize>) {
        let Unit::Esm { record, targets, .. } = &self.units[unit] else {
            return;
        };
        if !seen.insert(unit) {
            return;
        }
        for (name, _) in &record.exports {
            names.insert(name.clone());
        }
        for &request in &record.stars {
            if let Some(star) = self.unit_of(targets[request]) {
                let mut star_names = BTreeSet::new();
                self.export_names(star, &mut star_names, seen);
                star_names.remove(&Atom::from("default"));
                names.extend(star_names);
            }
        }
    }

    #[cold]
    fn missing_export(&self, importer: usize, binding: &ImportBinding) -> BundleError {
        let record = self.record(importer).expect("requests are of ES modules");
        let request = &record.requests[binding.request];
        let name = match &binding.name {
            ImportName::Default => "default".to_owned(),
            ImportName::Named(name) => name.to_string(),
            ImportName::Namespace => "*".to_owned(),
        };
        let (location, text) = self.location(importer, request.span);
        // A package's file, whether the project imports it or another file of packages does:
        // nothing in the project's own code is wrong, so it is not a code error.
        let package_of = |unit: Option<usize>| {
            let file = self.files[unit?]?;
            crate::link::transform::package_of(&self.graph.files[file].display)
        };
        let target = self.unit_of(self.request_target(importer, binding.request));
        let diagnostic = match (package_of(Some(importer)), package_of(target)) {
            (Some(package), _) => diagnostics::missing_export_in_package(&name, &request.specifier, &package, location),
            (None, Some(package)) => {
                diagnostics::missing_export_of_package(&name, &request.specifier, &package, location)
            }
            (None, None) => {
                return error::code(diagnostics::missing_export(&name, &request.specifier, location), text.as_deref());
            }
        };
        error::graph(diagnostic, text.as_deref())
    }

    /// Where `span` (in `unit`'s file) is, with the file's text.
    fn location(&self, unit: usize, span: Span) -> (crate::position::Location, Option<String>) {
        let file = &self.graph.files[self.files[unit].expect("spans are in files")];
        let Content::Code { text, .. } = &file.content else { unreachable!("spans are in code") };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let start = self.offset_in_file(unit, span.lo).unwrap_or(0);
        let end = self.offset_in_file(unit, span.hi).unwrap_or(start);
        let location = LineIndex::new(text).location(&file.display, start, end);
        (location, Some(text.to_owned()))
    }

    fn offset_in_file(&self, unit: usize, position: swc_core::common::BytePos) -> Option<usize> {
        let file = self.files[unit]?;
        let start = self.graph.files[file].start_position?;
        usize::try_from(position.0.checked_sub(start.0)?).ok()
    }
}

fn same_binding(a: &Binding, b: &Binding) -> bool {
    match (a, b) {
        (Binding::Ident(a), Binding::Ident(b)) => a.to_id() == b.to_id(),
        (Binding::Member(a, x), Binding::Member(b, y)) => a.to_id() == b.to_id() && x == y,
        (Binding::Undefined, Binding::Undefined) => true,
        _ => false,
    }
}
