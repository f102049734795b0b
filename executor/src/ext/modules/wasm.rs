//! WebAssembly modules of the map, rewritten before the host compiles them so that their
//! memory counts against the run's limit. `memory.grow` never passes through JavaScript, and
//! V8 commits a module's memories without asking the embedder, so the module itself is made
//! to ask: it gets one more import, `sandbox:memory` `grow` (`memory::wasm_grow`, supplied at
//! instantiation by `ext/memory/guards.js`), which counts pages against the budget and answers
//! with the delta to grow by, or with one no memory can grow by when they do not fit:
//!
//! - every `memory.grow` becomes `<the delta, as i64> i32.const <page size log2>; call grow;
//!   <back to the memory's index type>; memory.grow`, so it fails with -1 as the standard
//!   says a refused growth does;
//! - a new start function counts the initial pages of the memories the module defines, then
//!   calls the module's own start function. V8 commits those pages at instantiation, but
//!   nothing can touch them before the start function runs (data segments aside, which the
//!   module's own size bounds).
//!
//! Adding an import shifts the index of every function the module defines by one; the
//! rewrite renumbers them everywhere (calls, `ref.func`, exports, elements, start, names).
//! A module that defines no memory and never grows one is left as it is.

use std::borrow::Cow;

use wasm_encoder::reencode::{self, Reencode};
use wasm_encoder::{
    CodeSection, Function, FunctionSection, ImportSection, Instruction, Module, SectionId, TypeSection, ValType,
};
use wasmparser::{Operator, Parser, Payload, TypeRef};

/// The import every rewritten module gets (`ext/memory/guards.js` supplies it).
pub(crate) const GROW_MODULE: &str = "sandbox:memory";
pub(crate) const GROW_NAME: &str = "grow";

/// What the rewrite needs to know about a module, read before it.
#[derive(Default)]
struct Facts {
    /// Types in the type index space (each type of a recursion group counts).
    types: u32,
    imported_functions: u32,
    /// Page size (log2) and index type of every memory, imported ones first.
    memories: Vec<MemoryFacts>,
    /// Initial pages of the memories the module defines, by memory index.
    defined: Vec<(u32, u64)>,
    grows: bool,
    has_types: bool,
    has_imports: bool,
    has_functions: bool,
    has_code: bool,
    has_start: bool,
}

#[derive(Clone, Copy)]
struct MemoryFacts {
    page_size_log2: u32,
    memory64: bool,
}

fn memory_facts(memory: &wasmparser::MemoryType) -> MemoryFacts {
    MemoryFacts { page_size_log2: memory.page_size_log2.unwrap_or(16), memory64: memory.memory64 }
}

fn scan(bytes: &[u8]) -> wasmparser::Result<Facts> {
    let mut facts = Facts::default();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload? {
            Payload::TypeSection(section) => {
                facts.has_types = true;
                for group in section {
                    facts.types += group?.types().len() as u32;
                }
            }
            Payload::ImportSection(section) => {
                facts.has_imports = true;
                for imports in section {
                    for import in imports? {
                        match import?.1.ty {
                            TypeRef::Func(_) | TypeRef::FuncExact(_) => facts.imported_functions += 1,
                            TypeRef::Memory(memory) => facts.memories.push(memory_facts(&memory)),
                            _ => {}
                        }
                    }
                }
            }
            Payload::FunctionSection(_) => facts.has_functions = true,
            Payload::MemorySection(section) => {
                for memory in section {
                    let memory = memory?;
                    facts.defined.push((facts.memories.len() as u32, memory.initial));
                    facts.memories.push(memory_facts(&memory));
                }
            }
            Payload::StartSection { .. } => facts.has_start = true,
            Payload::CodeSectionStart { .. } => facts.has_code = true,
            Payload::CodeSectionEntry(body) if !facts.grows => {
                let mut reader = body.get_operators_reader()?;
                while !reader.eof() {
                    if let Operator::MemoryGrow { .. } = reader.read()? {
                        facts.grows = true;
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(facts)
}

/// `bytes` rewritten as the module docs say, or as they are when the module takes no
/// memory; `None` when they cannot be read or rewritten (the caller must not run such a
/// module: its memory would escape the limit).
pub(crate) fn instrument(bytes: &[u8]) -> Option<Cow<'_, [u8]>> {
    let facts = scan(bytes).ok()?;
    if facts.defined.is_empty() && !facts.grows {
        return Some(Cow::Borrowed(bytes));
    }
    let mut rewrite = Rewrite::new(facts);
    let mut module = Module::new();
    rewrite.parse_core_module(&mut module, Parser::new(0), bytes).ok()?;
    Some(Cow::Owned(module.finish()))
}

struct Rewrite {
    facts: Facts,
    /// Function index of the grow import: after the module's own imported functions.
    grow: u32,
    grow_type: u32,
    /// The added start function, when the module defines memories: its type and index.
    start: Option<(u32, u32)>,
    /// The module's own start function (already renumbered).
    original_start: Option<u32>,
    added: Vec<SectionId>,
}

impl Rewrite {
    fn new(facts: Facts) -> Rewrite {
        let grow = facts.imported_functions;
        let grow_type = facts.types;
        let start = (!facts.defined.is_empty()).then(|| (facts.types + 1, 0));
        Rewrite { facts, grow, grow_type, start, original_start: None, added: Vec::new() }
    }

    fn add_types(&self, types: &mut TypeSection) {
        types.ty().function([ValType::I64, ValType::I32], [ValType::I64]);
        if self.start.is_some() {
            types.ty().function([], []);
        }
    }

    fn add_import(&self, imports: &mut ImportSection) {
        imports.import(GROW_MODULE, GROW_NAME, wasm_encoder::EntityType::Function(self.grow_type));
    }

    fn add_function(&self, functions: &mut FunctionSection) {
        if let Some((start_type, _)) = self.start {
            functions.function(start_type);
        }
    }

    /// The added start function: counts the initial pages of each defined memory, then
    /// calls the module's own start function.
    fn add_body(&self, code: &mut CodeSection) {
        if self.start.is_none() {
            return;
        }
        let mut function = Function::new([]);
        for (memory, initial) in &self.facts.defined {
            let log2 = self.facts.memories[*memory as usize].page_size_log2;
            function.instruction(&Instruction::I64Const(*initial as i64));
            function.instruction(&Instruction::I32Const(log2 as i32));
            function.instruction(&Instruction::Call(self.grow));
            function.instruction(&Instruction::Drop);
        }
        if let Some(start) = self.original_start {
            function.instruction(&Instruction::Call(start));
        }
        function.instruction(&Instruction::End);
        code.function(&function);
    }

    /// Index of the first function the module defines, after this rewrite.
    fn first_defined_function(&self) -> u32 {
        self.facts.imported_functions + 1
    }
}

/// Rank of a section in the order the binary format requires.
fn rank(section: SectionId) -> u8 {
    match section {
        SectionId::Type => 1,
        SectionId::Import => 2,
        SectionId::Function => 3,
        SectionId::Table => 4,
        SectionId::Memory => 5,
        SectionId::Tag => 6,
        SectionId::Global => 7,
        SectionId::Export => 8,
        SectionId::Start => 9,
        SectionId::Element => 10,
        SectionId::DataCount => 11,
        SectionId::Code => 12,
        SectionId::Data => 13,
        _ => 0,
    }
}

impl Reencode for Rewrite {
    type Error = std::convert::Infallible;

    fn function_index(&mut self, func: u32) -> Result<u32, reencode::Error<Self::Error>> {
        Ok(if func >= self.facts.imported_functions { func + 1 } else { func })
    }

    fn parse_type_section(
        &mut self,
        types: &mut TypeSection,
        section: wasmparser::TypeSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        reencode::utils::parse_type_section(self, types, section)?;
        self.add_types(types);
        Ok(())
    }

    fn parse_import_section(
        &mut self,
        imports: &mut ImportSection,
        section: wasmparser::ImportSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        reencode::utils::parse_import_section(self, imports, section)?;
        self.add_import(imports);
        Ok(())
    }

    fn parse_function_section(
        &mut self,
        functions: &mut FunctionSection,
        section: wasmparser::FunctionSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let count = section.count();
        reencode::utils::parse_function_section(self, functions, section)?;
        if let Some((start_type, _)) = self.start {
            self.start = Some((start_type, self.first_defined_function() + count));
        }
        self.add_function(functions);
        Ok(())
    }

    fn start_section(&mut self, start: u32) -> Result<u32, reencode::Error<Self::Error>> {
        let start = self.function_index(start)?;
        match self.start {
            Some((_, added)) => {
                self.original_start = Some(start);
                Ok(added)
            }
            None => Ok(start),
        }
    }

    fn parse_code_section(
        &mut self,
        code: &mut CodeSection,
        section: wasmparser::CodeSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        reencode::utils::parse_code_section(self, code, section)?;
        self.add_body(code);
        Ok(())
    }

    fn parse_function_body(
        &mut self,
        code: &mut CodeSection,
        body: wasmparser::FunctionBody<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let mut function = self.new_function_with_parsed_locals(&body)?;
        let mut reader = body.get_operators_reader()?;
        while !reader.eof() {
            match reader.read()? {
                Operator::MemoryGrow { mem } => {
                    let memory = self.facts.memories.get(mem as usize).copied();
                    let memory = memory.unwrap_or(MemoryFacts { page_size_log2: 16, memory64: false });
                    if !memory.memory64 {
                        function.instruction(&Instruction::I64ExtendI32U);
                    }
                    function.instruction(&Instruction::I32Const(memory.page_size_log2 as i32));
                    function.instruction(&Instruction::Call(self.grow));
                    if !memory.memory64 {
                        function.instruction(&Instruction::I32WrapI64);
                    }
                    function.instruction(&Instruction::MemoryGrow(mem));
                }
                operator => {
                    function.instruction(&self.instruction(operator)?);
                }
            }
        }
        code.function(&function);
        Ok(())
    }

    /// Adds the sections the rewrite needs where the module has none, in their place.
    fn intersperse_section_hook(
        &mut self,
        module: &mut Module,
        after: Option<SectionId>,
        before: Option<SectionId>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let after = after.map_or(0, rank);
        let before = before.map_or(u8::MAX, rank);
        let missing = [
            (SectionId::Type, self.facts.has_types),
            (SectionId::Import, self.facts.has_imports),
            (SectionId::Function, self.facts.has_functions || self.start.is_none()),
            (SectionId::Start, self.facts.has_start || self.start.is_none()),
            (SectionId::Code, self.facts.has_code || self.start.is_none()),
        ];
        for (section, present) in missing {
            if present || self.added.contains(&section) || rank(section) <= after || rank(section) >= before {
                continue;
            }
            self.added.push(section);
            match section {
                SectionId::Type => {
                    let mut types = TypeSection::new();
                    self.add_types(&mut types);
                    module.section(&types);
                }
                SectionId::Import => {
                    let mut imports = ImportSection::new();
                    self.add_import(&mut imports);
                    module.section(&imports);
                }
                SectionId::Function => {
                    if let Some((start_type, _)) = self.start {
                        self.start = Some((start_type, self.first_defined_function()));
                    }
                    let mut functions = FunctionSection::new();
                    self.add_function(&mut functions);
                    module.section(&functions);
                }
                SectionId::Start => {
                    if let Some((_, added)) = self.start {
                        module.section(&wasm_encoder::StartSection { function_index: added });
                    }
                }
                SectionId::Code => {
                    let mut code = CodeSection::new();
                    self.add_body(&mut code);
                    module.section(&code);
                }
                _ => {}
            }
        }
        Ok(())
    }
}
