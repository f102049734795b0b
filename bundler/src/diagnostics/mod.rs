//! Every error the bundler reports: one `#[cold]` constructor per message.
//!
//! Messages start with a capital letter, have no final period and put literals in backticks.
//! The message reads on its own; `label` is the short text for a caret under `location`, and
//! `help` says what to do about it.

use std::fmt;

use crate::depth::{BYTES_PER_SCOPE, CHAIN_LIMIT, MAX_DEPTH, NAMES_PER_BYTE, PARSER_STACK, TooDeep};
use crate::language::Language;
use crate::position::Location;

pub(crate) mod error;

/// What kind of error a [`Diagnostic`] is: the thing callers match on. [`DiagnosticCode::as_str`]
/// is its stable kebab-case name, as `--json` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiagnosticCode {
    /// The code is fenced as another language (```python).
    ForeignCodeFence,
    /// An answer with more than one fenced code block, and no way to tell which runs.
    SeveralCodeFences,
    /// The code does not parse.
    SyntaxError,
    /// The code is nested deeper than the bundler's stack allows.
    NestedTooDeeply,
    /// A bundle would read more source than `BundleOptions::max_source_size`.
    SourceTooLarge,
    /// A top-level `return` where only agent code may have one.
    ReturnOutsideFunction,
    /// Syntax swc's transforms refuse.
    UnsupportedSyntax,
    /// `import` or `export` in a CommonJS file.
    EsModuleSyntaxInCommonJs,
    /// An import that does not resolve; [`Diagnostic::import`] says which and why.
    UnresolvedImport,
    /// An import, entry or configuration that leads out of the project.
    OutsideProject,
    /// An import of a kind of file the bundler cannot load.
    UnsupportedFileType,
    /// An import of a name the module does not export.
    MissingExport,
    /// An import of a Node.js built-in module that is not external;
    /// [`Diagnostic::import`] names it.
    NodeBuiltin,
    /// An imported file that cannot be read.
    UnreadableFile,
    /// An imported text file that is not UTF-8.
    NotUtf8,
    /// A JSON file, or a module map, that does not parse.
    InvalidJson,
    /// A configuration file (wrangler, `package.json`, `tsconfig.json`) that does not parse.
    InvalidConfig,
    /// The entry a configuration names does not exist.
    MissingEntry,
    /// A directory without an entry file.
    NoEntry,
    /// An entry that is not JavaScript or TypeScript.
    UnsupportedEntry,
    /// A bug in the bundler.
    Internal,
    /// A module map field of the wrong JSON type.
    WrongType,
    /// A module map without a required field.
    MissingField,
    /// A module map with a field it may not have.
    UnknownField,
    /// A JSON object with a key twice.
    DuplicateKey,
    /// A compatibility date that is not `YYYY-MM-DD`.
    InvalidCompatibilityDate,
    /// A module map without modules.
    EmptyModules,
    /// A `mainModule` that is not in `modules`.
    MainModuleNotFound,
    /// A module name that is not a relative path inside the map.
    InvalidModuleName,
    /// A module object of an unknown type.
    UnknownModuleType,
    /// A module object without exactly one type.
    ModuleTypeCount,
    /// A `data` or `wasm` module that is not valid base64.
    InvalidBase64,
}

impl DiagnosticCode {
    /// The stable kebab-case name, such as `syntax-error`.
    pub const fn as_str(self) -> &'static str {
        match self {
            DiagnosticCode::ForeignCodeFence => "foreign-code-fence",
            DiagnosticCode::SeveralCodeFences => "several-code-fences",
            DiagnosticCode::SyntaxError => "syntax-error",
            DiagnosticCode::NestedTooDeeply => "nested-too-deeply",
            DiagnosticCode::SourceTooLarge => "source-too-large",
            DiagnosticCode::ReturnOutsideFunction => "return-outside-function",
            DiagnosticCode::UnsupportedSyntax => "unsupported-syntax",
            DiagnosticCode::EsModuleSyntaxInCommonJs => "es-module-syntax-in-common-js",
            DiagnosticCode::UnresolvedImport => "unresolved-import",
            DiagnosticCode::OutsideProject => "outside-project",
            DiagnosticCode::UnsupportedFileType => "unsupported-file-type",
            DiagnosticCode::MissingExport => "missing-export",
            DiagnosticCode::NodeBuiltin => "node-builtin",
            DiagnosticCode::UnreadableFile => "unreadable-file",
            DiagnosticCode::NotUtf8 => "not-utf8",
            DiagnosticCode::InvalidJson => "invalid-json",
            DiagnosticCode::InvalidConfig => "invalid-config",
            DiagnosticCode::MissingEntry => "missing-entry",
            DiagnosticCode::NoEntry => "no-entry",
            DiagnosticCode::UnsupportedEntry => "unsupported-entry",
            DiagnosticCode::Internal => "internal",
            DiagnosticCode::WrongType => "wrong-type",
            DiagnosticCode::MissingField => "missing-field",
            DiagnosticCode::UnknownField => "unknown-field",
            DiagnosticCode::DuplicateKey => "duplicate-key",
            DiagnosticCode::InvalidCompatibilityDate => "invalid-compatibility-date",
            DiagnosticCode::EmptyModules => "empty-modules",
            DiagnosticCode::MainModuleNotFound => "main-module-not-found",
            DiagnosticCode::InvalidModuleName => "invalid-module-name",
            DiagnosticCode::UnknownModuleType => "unknown-module-type",
            DiagnosticCode::ModuleTypeCount => "module-type-count",
            DiagnosticCode::InvalidBase64 => "invalid-base64",
        }
    }
}

impl fmt::Display for DiagnosticCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// An error in the user's input, with where it is and what to do about it.
///
/// `Display` prints the message only; the CLI renders the location, label and help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Diagnostic {
    /// What kind of error it is; `code.as_str()` is a stable name, such as `syntax-error`.
    pub code: DiagnosticCode,
    /// What is wrong, in one line.
    pub message: String,
    /// Where it is wrong, if the error has a place.
    pub location: Option<Location>,
    /// A few words to print next to the caret under `location`.
    pub label: Option<String>,
    /// What the user can do about it.
    pub help: Option<String>,
    /// More about what went wrong, one line each: the paths an import was looked for at, the
    /// file that imported a broken one.
    pub causes: Vec<String>,
    /// The import the error is about: one that does not resolve, a Node.js built-in, a
    /// missing export, a file type that cannot be imported, or one that leads out of the
    /// project. (Boxed: a `Diagnostic` is the error of many `Result`s.)
    pub import: Option<Box<Import>>,
}

/// The import a [`Diagnostic`] is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Import {
    /// The specifier as written: `zod/mini`, `./util`, `node:fs`.
    pub specifier: String,
    /// Why it did not resolve, for [`DiagnosticCode::UnresolvedImport`].
    pub unresolved: Option<UnresolvedReason>,
}

/// Why an import did not resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnresolvedReason {
    /// A relative or absolute path names no file.
    NoFile,
    /// A bare specifier's package is in no `node_modules` directory Node searches.
    NotInstalled,
    /// The package's `exports` has no entry for the subpath.
    NotExported,
    /// Anything else the resolver reports, such as a `package.json` that does not parse.
    Other,
}

impl Diagnostic {
    fn new(code: DiagnosticCode, message: String, location: Location) -> Self {
        Self { location: Some(location), ..Self::unlocated(code, message) }
    }

    fn unlocated(code: DiagnosticCode, message: String) -> Self {
        Self { code, message, location: None, label: None, help: None, causes: Vec::new(), import: None }
    }

    fn with_specifier(mut self, specifier: &str) -> Self {
        self.import = Some(Box::new(Import { specifier: specifier.to_owned(), unresolved: None }));
        self
    }

    /// Adds a line to `causes`.
    pub(crate) fn with_cause(mut self, cause: impl Into<String>) -> Self {
        self.causes.push(cause.into());
        self
    }

    fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

const MODULE_TYPES: &str = "`js`, `cjs`, `text`, `data`, `json` or `wasm`";

// Sources.

#[cold]
pub(crate) fn foreign_fence(tag: &str, location: Location) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::ForeignCodeFence,
        format!("The code is fenced as `{tag}`, but sandbox runs JavaScript and TypeScript"),
        location,
    )
    .with_label("not JavaScript or TypeScript")
    .with_help("Send JavaScript or TypeScript, optionally fenced as ```js or ```ts")
}

/// `blocks`: the lines of each block's fences.
#[cold]
pub(crate) fn several_fences(blocks: &[(usize, usize)], location: Location) -> Diagnostic {
    let lines: Vec<String> = blocks.iter().map(|(first, last)| format!("{first}-{last}")).collect();
    Diagnostic::new(
        DiagnosticCode::SeveralCodeFences,
        format!(
            "The answer has {} fenced code blocks (lines {}), and sandbox runs one program",
            blocks.len(),
            lines.join(", ")
        ),
        location,
    )
    .with_label("another code block")
    .with_help("Send the code of one block, or join the blocks into one")
}

/// `parses_as`: a language the code would have parsed as, named in the help.
#[cold]
pub(crate) fn syntax_error(message: &str, location: Location, parses_as: Option<Language>) -> Diagnostic {
    let diagnostic =
        Diagnostic::new(DiagnosticCode::SyntaxError, sentence(message), location).with_label("invalid syntax");
    match parses_as {
        Some(Language::Ts | Language::Cts) => {
            diagnostic.with_help("This is valid TypeScript: give the file a `.ts` extension to run it as TypeScript")
        }
        Some(Language::Jsx) => {
            diagnostic.with_help("This is valid JSX: give the file a `.jsx` or `.tsx` extension to compile JSX")
        }
        Some(Language::Tsx) => {
            diagnostic.with_help("This is valid TypeScript with JSX: give the file a `.tsx` extension")
        }
        Some(Language::Js | Language::Cjs) | None => diagnostic,
    }
}

/// Code nested deeper than the bundler's stack allows (see `depth.rs`): the parser was
/// stopped at `location`, or the syntax tree is deeper than [`MAX_DEPTH`] there.
#[cold]
pub(crate) fn too_deep(location: Location, why: TooDeep) -> Diagnostic {
    let message = match why {
        TooDeep::Tree => format!(
            "The code is nested too deeply: more than {} levels of expressions, statements or \
             types",
            thousands(MAX_DEPTH)
        ),
        TooDeep::Names => "The code nests functions and blocks too deeply".to_owned(),
        TooDeep::Scopes => "The code has too many functions, classes and blocks for its size".to_owned(),
        TooDeep::Chain | TooDeep::Stack => "The code is nested too deeply to parse".to_owned(),
    };
    let diagnostic =
        Diagnostic::new(DiagnosticCode::NestedTooDeeply, message, location).with_label("nested too deeply");
    let diagnostic = match why {
        TooDeep::Tree => diagnostic,
        TooDeep::Names => diagnostic.with_cause(format!(
            "its names sit in so many nested functions, classes, blocks and loops (more than \
             {NAMES_PER_BYTE} for each byte of the file, counting each name once for every \
             scope around it) that renaming them would take more memory than the bundler \
             allows"
        )),
        TooDeep::Scopes => diagnostic.with_cause(format!(
            "it has more than one function, class, method, block or loop for every \
             {BYTES_PER_SCOPE} bytes (real code has one for 50 bytes or more), which would take \
             more memory to rename than the bundler allows"
        )),
        TooDeep::Chain => diagnostic.with_cause(format!(
            "brackets, operators, member accesses, calls and `else if`s are nested more than \
             {} deep here",
            thousands(CHAIN_LIMIT)
        )),
        TooDeep::Stack => diagnostic.with_cause(format!(
            "parsing it would take more than the {} MiB of stack the parser may use",
            PARSER_STACK >> 20
        )),
    };
    diagnostic.with_help(
        "Split the deepest part into smaller ones held in variables: a long chain of `+` or \
         `&&` can be an array and `join` or `every`, a long `else if` chain a `switch` or a \
         lookup table",
    )
}

/// Reading `file` (`size` bytes) would take the source one bundle reads past `max` bytes;
/// `already` were read before it. `location` is where it is imported.
#[cold]
pub(crate) fn source_too_large(
    file: &str,
    size: u64,
    max: u64,
    already: Option<u64>,
    location: Option<Location>,
) -> Diagnostic {
    let message = match already {
        Some(already) if already > 0 => format!(
            "`{file}` ({}) would take the source of the bundle to {}, more than the {} one \
             bundle may read",
            bytes(size),
            bytes(already.saturating_add(size)),
            bytes(max)
        ),
        _ => format!("`{file}` is {}, more than the {} of source one bundle may read", bytes(size), bytes(max)),
    };
    let diagnostic = match location {
        Some(location) => Diagnostic::new(DiagnosticCode::SourceTooLarge, message, location).with_label("too large"),
        None => Diagnostic::unlocated(DiagnosticCode::SourceTooLarge, message),
    };
    let diagnostic = match already {
        Some(already) if already > 0 => {
            diagnostic.with_cause(format!("the files read before it add up to {}", bytes(already)))
        }
        _ => diagnostic,
    };
    diagnostic.with_help(
        "Bundle less: import only what the code uses (a package's subpath rather than all of \
         it), and leave large data out of the bundle",
    )
}

/// A size for people: `512 bytes`, `12.0 KiB`, `64.0 MiB`.
fn bytes(size: u64) -> String {
    const KIB: u64 = 1 << 10;
    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;
    match size {
        size if size >= GIB => format!("{:.1} GiB", size as f64 / GIB as f64),
        size if size >= MIB => format!("{:.1} MiB", size as f64 / MIB as f64),
        size if size >= KIB => format!("{:.1} KiB", size as f64 / KIB as f64),
        size => format!("{size} bytes"),
    }
}

/// `12345` as `12,345`.
fn thousands(number: u32) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cold]
pub(crate) fn return_in_module(location: Location) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::ReturnOutsideFunction,
        "A `return` outside a function is only allowed in code without `export`".to_owned(),
        location,
    )
    .with_label("top-level `return`")
    .with_help(
        "A file with `export` runs as an ES module; export a function instead, or remove the \
         exports to run the statements as the body of an async function",
    )
}

#[cold]
pub(crate) fn return_in_imported_module(location: Location) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::ReturnOutsideFunction,
        "A `return` outside a function is only allowed in the entry file's agent code".to_owned(),
        location,
    )
    .with_label("top-level `return`")
    .with_help("An imported file runs as an ES module; move the statements into an exported function")
}

#[cold]
pub(crate) fn unsupported_syntax(message: &str, location: Location) -> Diagnostic {
    // swc's transform errors are a sentence of what is wrong, then sentences of advice.
    let (message, help) = match message.split_once(". ") {
        Some((message, help)) => (message, Some(sentence(help))),
        None => (message, None),
    };
    let mut diagnostic = Diagnostic::new(DiagnosticCode::UnsupportedSyntax, sentence(message), location)
        .with_label("not supported here");
    diagnostic.help = help;
    diagnostic
}

#[cold]
pub(crate) fn es_module_syntax_in_common_js(location: Location) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::EsModuleSyntaxInCommonJs,
        "A CommonJS file can't use `import` or `export`".to_owned(),
        location,
    )
    .with_label("ES module syntax")
    .with_help(
        "Use `import x = require(\"x\")` and `export =` in `.cts`, or rename the file to `.ts` \
         or `.mts` to write an ES module",
    )
}

// Module graphs.

/// How many of a list of paths a diagnostic shows.
const PATHS_SHOWN: usize = 6;

/// Why an import does not resolve, as [`unresolved_import`] explains it.
pub(crate) enum Unresolved<'a> {
    /// No file: `tried` lists the paths looked at (display paths, most useful first).
    NotFound { tried: &'a [String] },
    /// The package's `exports` has no entry for the subpath; `package_json` is its file.
    NotExported { subpath: &'a str, package_json: &'a str },
    /// Anything else the resolver reports, such as a `package.json` that does not parse.
    Other { reason: &'a str },
}

#[cold]
pub(crate) fn unresolved_import(specifier: &str, location: Location, unresolved: Unresolved<'_>) -> Diagnostic {
    let relative = specifier.starts_with('.') || specifier.starts_with('/');
    let package = package_name(specifier);
    let message = format!("Could not resolve `{specifier}` imported by {location}");
    let reason = match &unresolved {
        Unresolved::NotFound { .. } if relative => UnresolvedReason::NoFile,
        Unresolved::NotFound { .. } => UnresolvedReason::NotInstalled,
        Unresolved::NotExported { .. } => UnresolvedReason::NotExported,
        Unresolved::Other { .. } => UnresolvedReason::Other,
    };
    let import = Import { specifier: specifier.to_owned(), unresolved: Some(reason) };
    let diagnostic = Diagnostic {
        import: Some(Box::new(import)),
        ..Diagnostic::new(DiagnosticCode::UnresolvedImport, message, location)
    };
    match unresolved {
        Unresolved::NotFound { tried } if relative => diagnostic
            .with_label("no such file")
            .with_cause(format!("looked for {}", list(tried, PATHS_SHOWN)))
            .with_help(format!(
                "Check the path: an import without an extension tries {}, then the \
                 directory's `index` file",
                crate::language::EXTENSIONS.join(" ")
            )),
        Unresolved::NotFound { .. } => diagnostic
            .with_label("not found in `node_modules`")
            .with_cause(format!(
                "looked for `node_modules/{package}` in the importer's directory and each \
                 directory above it"
            ))
            .with_help(format!(
                "Install the package (`npm install {package}` in the project's directory), or \
                 check its name"
            )),
        Unresolved::NotExported { subpath, package_json } => diagnostic
            .with_label("not exported by the package")
            .with_cause(format!("`{package}` does not export `{subpath}` (see `exports` in {package_json})"))
            .with_help(format!("Import `{package}` itself or one of the paths its `exports` lists")),
        Unresolved::Other { reason } => diagnostic
            .with_label("cannot be resolved")
            .with_cause(sentence(reason))
            .with_help("Check the import and the `package.json` it leads to"),
    }
}

/// A diagnostic of a file in `node_modules`: without a help of its own, it gets one about
/// the package.
#[cold]
pub(crate) fn in_dependency(diagnostic: Diagnostic) -> Diagnostic {
    if diagnostic.help.is_some() {
        return diagnostic;
    }
    diagnostic.with_help("The file belongs to an installed package: reinstall it, or try another version of it")
}

#[cold]
pub(crate) fn outside_project(specifier: &str, location: Location, file: &str, project: &str) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::OutsideProject,
        format!("`{specifier}` imported by {location} is outside the project"),
        location,
    )
    .with_specifier(specifier)
    .with_label("outside the project")
    .with_cause(format!("it is `{file}`, and the project is `{project}`"))
    .with_help(
        "Only files in the project's directory and installed packages in `node_modules` are \
         bundled: move the file into the project, or bundle a directory that holds both",
    )
}

#[cold]
pub(crate) fn entry_outside_project(entry: &str, project: &str) -> Diagnostic {
    Diagnostic::unlocated(
        DiagnosticCode::OutsideProject,
        format!("The entry `{entry}` is outside the project `{project}`"),
    )
    .with_help("Bundle a directory that holds the entry, or pass the entry file itself")
}

/// `main` in a wrangler config, or the entry `package.json` names, leads out of the project.
#[cold]
pub(crate) fn configured_entry_outside_project(
    field: &str,
    entry: &str,
    file: &str,
    project: &str,
    location: Location,
) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::OutsideProject,
        format!("The entry `{entry}` named by {field} is outside the project"),
        location,
    )
    .with_label("outside the project")
    .with_cause(format!("it is `{file}`, and the project is `{project}`"))
    .with_help(
        "The entry must be a file in the project's directory: fix the path, or bundle the \
         directory that holds the entry",
    )
}

/// A configuration file of the project (a wrangler config or `package.json`) is a symbolic
/// link to a file outside it.
#[cold]
pub(crate) fn project_file_outside_project(name: &str, file: &str, project: &str) -> Diagnostic {
    Diagnostic::unlocated(
        DiagnosticCode::OutsideProject,
        format!("`{name}` is a link to `{file}`, which is outside the project `{project}`"),
    )
    .with_help("Only files in the project's directory are read: replace the link by the file itself")
}

/// Finding how `importer` compiles or resolves would read `file` outside the project: an
/// `extends` of a file elsewhere, or a `tsconfig.json` or `package.json` that is a link out.
#[cold]
pub(crate) fn config_outside_project(importer: &str, file: &str, project: &str) -> Diagnostic {
    Diagnostic::unlocated(
        DiagnosticCode::OutsideProject,
        format!("The configuration of `{importer}` would read `{file}`, which is outside the project"),
    )
    .with_cause(format!(
        "a `tsconfig.json` that applies to it (its `extends`), or a `tsconfig.json` or \
         `package.json` that is a symbolic link, leads there; the project is `{project}`"
    ))
    .with_help(
        "Only files in the project's directory and installed packages in `node_modules` are \
         read: copy the configuration into the project",
    )
}

#[cold]
pub(crate) fn unsupported_file_type(specifier: &str, location: Location) -> Diagnostic {
    let declaration = [".d.ts", ".d.mts", ".d.cts"].iter().any(|suffix| specifier.ends_with(suffix));
    let (message, help) = if declaration {
        (
            format!("`{specifier}` is a TypeScript declaration file, which has no code to run"),
            "Import its types with `import type`, or import the file that has the code".to_owned(),
        )
    } else {
        (
            format!("Cannot import `{specifier}`: sandbox does not know how to load this kind of file"),
            "Import JavaScript or TypeScript, JSON (`.json`), text (`.txt`, `.html`, `.md`, \
             `.css`, `.svg`, `.sql`), bytes (`.bin`, images, fonts, audio, video, `.pdf`, `.zip`, `.gz`) \
             or WebAssembly (`.wasm`)"
                .to_owned(),
        )
    };
    Diagnostic::new(DiagnosticCode::UnsupportedFileType, message, location)
        .with_specifier(specifier)
        .with_label("unsupported file type")
        .with_help(help)
}

#[cold]
pub(crate) fn missing_export(name: &str, specifier: &str, location: Location) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::MissingExport,
        format!("`{specifier}` does not export `{name}`, imported by {location}"),
        location,
    )
    .with_specifier(specifier)
    .with_label(format!("no export `{name}`"))
    .with_help(format!("Import one of the names `{specifier}` exports, or export `{name}` from it"))
}

/// [`missing_export`] inside `package`: one of its files imports or re-exports a name another
/// does not export. The package is broken; the project should not edit it.
#[cold]
pub(crate) fn missing_export_in_package(name: &str, specifier: &str, package: &str, location: Location) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::MissingExport,
        format!("`{specifier}` does not export `{name}`, imported by {location}, a file of the package `{package}`"),
        location,
    )
    .with_specifier(specifier)
    .with_label(format!("no export `{name}`"))
    .with_help(format!(
        "Install another version of `{package}` (or of the package it imports), one whose files agree; the \
         package fails the same way when it is not bundled"
    ))
}

/// [`missing_export`] of a package the project imports (`specifier`): what to import is the
/// project's choice, and the package is not to be edited.
#[cold]
pub(crate) fn missing_export_of_package(name: &str, specifier: &str, package: &str, location: Location) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::MissingExport,
        format!("`{specifier}` does not export `{name}`, imported by {location}"),
        location,
    )
    .with_specifier(specifier)
    .with_label(format!("no export `{name}`"))
    .with_help(format!(
        "Import a name that `{specifier}` exports in the installed version of `{package}` (see its documentation), \
         or install the version that exports `{name}`"
    ))
}

#[cold]
pub(crate) fn node_builtin(specifier: &str, location: Location) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::NodeBuiltin,
        format!(
            "`{specifier}` imported by {location} is a Node.js built-in module, which the runtime \
             has only with Node.js compatibility"
        ),
        location,
    )
    .with_specifier(specifier)
    .with_label("Node.js built-in module")
    .with_help(
        "Turn Node.js compatibility on (the compatibility flag `nodejs_compat`, on by default from the \
         compatibility date 2026-08-04), or use a Web API instead"
            .to_owned(),
    )
}

#[cold]
pub(crate) fn unreadable_import(file: &str, error: &str, location: Location) -> Diagnostic {
    Diagnostic::new(DiagnosticCode::UnreadableFile, format!("Cannot read `{file}`, imported by {location}"), location)
        .with_label("imported here")
        .with_cause(error.to_owned())
        .with_help("Check that the file is readable")
}

#[cold]
pub(crate) fn not_utf8(file: &str, location: Location) -> Diagnostic {
    Diagnostic::new(DiagnosticCode::NotUtf8, format!("`{file}`, imported by {location}, is not UTF-8 text"), location)
        .with_label("imported here")
        .with_help("Save the file as UTF-8, or give it the `.bin` extension to import its bytes")
}

#[cold]
pub(crate) fn invalid_json_file(file: &str, message: &str, location: Location) -> Diagnostic {
    Diagnostic::new(DiagnosticCode::InvalidJson, format!("`{file}` is not valid JSON"), location)
        .with_label(message.to_owned())
        .with_help("Fix the JSON, or give the file the `.txt` extension to import it as text")
}

#[cold]
pub(crate) fn invalid_config(file: &str, language: &str, message: &str, location: Location) -> Diagnostic {
    Diagnostic::new(DiagnosticCode::InvalidConfig, format!("`{file}` is not valid {language}"), location)
        .with_label(sentence(message))
        .with_help(format!("Fix the {language} in `{file}`"))
}

/// `field` names where the entry came from, such as `` `main` in wrangler.toml ``.
#[cold]
pub(crate) fn missing_entry(field: &str, entry: &str, location: Option<Location>) -> Diagnostic {
    let message = format!("The entry `{entry}` named by {field} does not exist");
    let diagnostic = match location {
        Some(location) => Diagnostic::new(DiagnosticCode::MissingEntry, message, location).with_label("no such file"),
        None => Diagnostic::unlocated(DiagnosticCode::MissingEntry, message),
    };
    diagnostic.with_help(format!("Fix {field}, build the file if it is generated, or pass the entry file itself"))
}

#[cold]
pub(crate) fn no_entry(directory: &str, tried: &[String]) -> Diagnostic {
    Diagnostic::unlocated(DiagnosticCode::NoEntry, format!("No entry file found in `{directory}`"))
        .with_cause(format!(
            "looked for `main` in wrangler.json, wrangler.jsonc and wrangler.toml, `exports`, \
         `module` and `main` in package.json, then {}",
            list(tried, tried.len())
        ))
        .with_help(format!(
            "Pass the entry file (such as `{}/src/index.ts`), or set `main` in wrangler.toml",
            directory.trim_end_matches('/')
        ))
}

#[cold]
pub(crate) fn unsupported_entry(file: &str) -> Diagnostic {
    Diagnostic::unlocated(
        DiagnosticCode::UnsupportedEntry,
        format!("Cannot start from `{file}`: an entry is a .js .mjs .cjs .ts .mts .cts .tsx .jsx file"),
    )
    .with_help("Pass the project's directory or its JavaScript or TypeScript entry file")
}

#[cold]
pub(crate) fn import_not_placed(file: &str) -> Diagnostic {
    Diagnostic::unlocated(
        DiagnosticCode::Internal,
        format!("Could not find an import specifier in the code compiled from `{file}`"),
    )
    .with_help("This is a bug in sandbox; please report it with the file")
}

/// `` `a`, `b` and 3 more ``.
fn list<T: AsRef<str>>(items: &[T], shown: usize) -> String {
    let mut text = items.iter().take(shown).map(|item| format!("`{}`", item.as_ref())).collect::<Vec<_>>().join(", ");
    if items.len() > shown {
        text.push_str(&format!(" and {} more", items.len() - shown));
    }
    text
}

/// `@scope/name/sub` to `@scope/name`, `name/sub` to `name`.
fn package_name(specifier: &str) -> &str {
    let mut slashes = specifier.match_indices('/').map(|(index, _)| index);
    let end = if specifier.starts_with('@') { slashes.nth(1) } else { slashes.next() };
    &specifier[..end.unwrap_or(specifier.len())]
}

// Module maps.

#[cold]
pub(crate) fn invalid_json(message: &str, location: Location) -> Diagnostic {
    Diagnostic::new(DiagnosticCode::InvalidJson, "The module map is not valid JSON".to_owned(), location)
        .with_label(message.to_owned())
        .with_help("A module map looks like `{\"mainModule\": \"agent.js\", \"modules\": {\"agent.js\": \"...\"}}`")
}

#[cold]
pub(crate) fn wrong_type(what: &str, expected: &str, found: &str, location: Location) -> Diagnostic {
    Diagnostic::new(DiagnosticCode::WrongType, format!("{} must be {expected}", capitalize(what)), location)
        .with_label(format!("found {found}"))
        .with_help(format!("Write {what} as {expected}"))
}

#[cold]
pub(crate) fn missing_field(field: &str, location: Location) -> Diagnostic {
    Diagnostic::new(DiagnosticCode::MissingField, format!("The module map has no `{field}`"), location)
        .with_label(format!("`{field}` is missing"))
        .with_help(match field {
            "mainModule" => "Add `\"mainModule\"` with the name of the module to run, such as `\"agent.js\"`",
            _ => "Add `\"modules\"`, an object from module names to module sources",
        })
}

#[cold]
pub(crate) fn unknown_field(field: &str, location: Location) -> Diagnostic {
    Diagnostic::new(DiagnosticCode::UnknownField, format!("The module map has an unknown field `{field}`"), location)
        .with_label("unknown field")
        .with_help(
            "A module map may only have `compatibilityDate`, `compatibilityFlags`, `mainModule` and \
         `modules`",
        )
}

#[cold]
pub(crate) fn duplicate_key(key: &str, location: Location) -> Diagnostic {
    Diagnostic::new(DiagnosticCode::DuplicateKey, format!("The key `{key}` appears twice"), location)
        .with_label("second occurrence")
        .with_help("Remove one of the two entries")
}

#[cold]
pub(crate) fn invalid_compatibility_date(date: &str, location: Location) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::InvalidCompatibilityDate,
        format!("The compatibility date `{date}` is not a date"),
        location,
    )
    .with_label("not `YYYY-MM-DD`")
    .with_help("Write the date as `YYYY-MM-DD`, such as `\"2025-01-01\"`")
}

#[cold]
pub(crate) fn empty_modules(location: Location) -> Diagnostic {
    Diagnostic::new(DiagnosticCode::EmptyModules, "The module map has no modules".to_owned(), location)
        .with_label("no modules")
        .with_help("Add at least the main module, such as `\"agent.js\": \"export default 1\"`")
}

#[cold]
pub(crate) fn main_module_not_found(name: &str, available: &[&str], location: Location) -> Diagnostic {
    let names = list(available, 5);
    Diagnostic::new(
        DiagnosticCode::MainModuleNotFound,
        format!("The main module `{name}` is not in `modules`"),
        location,
    )
    .with_label("not a key of `modules`")
    .with_help(format!("Set `mainModule` to one of the modules: {names}"))
}

#[cold]
pub(crate) fn invalid_module_name(name: &str, reason: &str, location: Location) -> Diagnostic {
    let message = if name.is_empty() {
        "A module name is empty".to_owned()
    } else {
        format!("The module name `{name}` is not a relative path")
    };
    Diagnostic::new(DiagnosticCode::InvalidModuleName, message, location).with_label(reason.to_owned()).with_help(
        "Name modules with relative paths that use `/` and stay inside the map, such as \
         `lib/util.js`",
    )
}

#[cold]
pub(crate) fn unknown_module_type(name: &str, module_type: &str, location: Location) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::UnknownModuleType,
        format!("The module `{name}` has an unknown type `{module_type}`"),
        location,
    )
    .with_label("unknown module type")
    .with_help(format!("A module object has one key: {MODULE_TYPES}"))
}

#[cold]
pub(crate) fn module_type_count(name: &str, count: usize, location: Location) -> Diagnostic {
    let found = if count == 0 { "no type".to_owned() } else { format!("{count} types") };
    Diagnostic::new(
        DiagnosticCode::ModuleTypeCount,
        format!("The module `{name}` must have exactly one type, but has {found}"),
        location,
    )
    .with_label(found.clone())
    .with_help(format!("Write the module as a string (an ES module) or as an object with one key: {MODULE_TYPES}"))
}

#[cold]
pub(crate) fn invalid_base64(name: &str, reason: &str, location: Location) -> Diagnostic {
    Diagnostic::new(DiagnosticCode::InvalidBase64, format!("The module `{name}` is not valid base64"), location)
        .with_label(reason.to_owned())
        .with_help("Encode `data` and `wasm` modules with standard base64 (`A-Z a-z 0-9 + /`, `=` padding)")
}

/// Capitalises the first letter, drops a final period and puts `'quoted'` literals in
/// backticks, so messages from swc and serde_json read like ours.
fn sentence(message: &str) -> String {
    capitalize(&backtick_quotes(message.trim().trim_end_matches('.')))
}

/// `'import'` to `` `import` ``, leaving apostrophes (`can't`) alone: a quote opens only
/// after a non-word character and closes only before one, around text without spaces.
fn backtick_quotes(message: &str) -> String {
    let is_word = |character: char| character.is_alphanumeric() || character == '_';
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find('\'') {
        let opens = rest[..open].chars().next_back().is_none_or(|before| !is_word(before));
        let quoted = rest[open + 1..].find('\'').map(|length| &rest[open + 1..open + 1 + length]);
        match quoted {
            Some(literal)
                if opens
                    && !literal.is_empty()
                    && !literal.contains(char::is_whitespace)
                    && rest[open + literal.len() + 2..].chars().next().is_none_or(|after| !is_word(after)) =>
            {
                out.push_str(&rest[..open]);
                out.push('`');
                out.push_str(literal);
                out.push('`');
                rest = &rest[open + literal.len() + 2..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Package names keep their scope and drop the subpath.
    #[test]
    fn package_names_drop_subpaths() {
        assert_eq!(package_name("zod"), "zod");
        assert_eq!(package_name("hono/cors"), "hono");
        assert_eq!(package_name("@hono/zod-validator/x"), "@hono/zod-validator");
        assert_eq!(package_name("@scope"), "@scope");
    }

    /// Foreign messages become sentences in our style.
    #[test]
    fn sentence_capitalizes_and_drops_the_period() {
        assert_eq!(sentence("expected ';', got 'x'."), "Expected `;`, got `x`");
        assert_eq!(sentence("'import', and 'export' cannot be used"), "`import`, and `export` cannot be used");
        assert_eq!(sentence("can't use 'a b' or ''"), "Can't use 'a b' or ''");
        assert_eq!(sentence(""), "");
    }
}
