//! What `sandbox run` runs, read into modules for the executor: agent code from stdin, a file
//! or a project directory (bundled with its imports), or a Worker Loader module map; with
//! what the CLI needs to map errors back to the user's own files.

use std::io::Read;
use std::path::Path;

use bundler::{Bundle, BundleError, BundleOptions, Language, Module, ModuleMap, Prepared, Shape, SourceInput};
use executor::ModuleKind;

use crate::compatibility::Source;
use crate::dependencies::{self, Dependencies};
use crate::exit::ExitStatus;
use crate::report::Report;
use crate::report::bundle::{bundle_report, input_too_large, unreadable};
use crate::settings::Input;
use crate::sources::{SourceInfo, Sources};

/// The modules to run, and what the CLI needs to map errors back to the user's files.
pub(crate) struct Program {
    pub(crate) main: String,
    pub(crate) modules: Vec<(String, ModuleKind, Vec<u8>)>,
    pub(crate) sources: Sources,
    /// How the input was read, for `--verbose`.
    pub(crate) description: String,
    /// The compatibility date and flags the input sets (a module map, or a project's wrangler
    /// config), and where.
    pub(crate) compatibility_date: Option<String>,
    pub(crate) compatibility_flags: Vec<String>,
    pub(crate) compatibility_source: Source,
    /// Code without exports, as agents write it: its tools are globals too.
    pub(crate) agent_code: bool,
}

impl Program {
    fn new(map: ModuleMap, sources: Sources, description: String, source: Source) -> Program {
        let modules = map
            .modules
            .into_iter()
            .map(|(name, module)| {
                let (kind, bytes) = match module {
                    Module::Js(code) => (ModuleKind::EsModule, code.into_bytes()),
                    Module::Cjs(code) => (ModuleKind::CommonJs, code.into_bytes()),
                    Module::Text(text) => (ModuleKind::Text, text.into_bytes()),
                    Module::Data(bytes) => (ModuleKind::Data, bytes),
                    Module::Json(value) => (ModuleKind::Json, value.to_string().into_bytes()),
                    Module::Wasm(bytes) => (ModuleKind::Wasm, bytes),
                };
                (name, kind, bytes)
            })
            .collect();
        Program {
            main: map.main_module,
            modules,
            sources,
            description,
            compatibility_date: map.compatibility_date,
            compatibility_flags: map.compatibility_flags,
            compatibility_source: source,
            agent_code: false,
        }
    }
}

/// Whether code of this shape is agent code (no exports).
fn is_agent_code(shape: &Shape) -> bool {
    matches!(shape, Shape::Function | Shape::FunctionDeclaration(_) | Shape::Statements)
}

/// Reads the input and turns it into modules; a project's missing npm dependencies are
/// installed first.
pub(crate) fn load(
    input: &Input,
    options: &BundleOptions,
    dependencies: Dependencies<'_>,
) -> Result<Program, Box<Report>> {
    let max_source_size = options.max_source_size.unwrap_or(bundler::DEFAULT_MAX_SOURCE_SIZE);
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().take(max_source_size.saturating_add(1)).read_to_end(&mut bytes).map_err(|error| {
                Report::new(ExitStatus::Usage, "unreadable-input", format!("Cannot read stdin: {error}"))
            })?;
            if bytes.len() as u64 > max_source_size {
                return Err(Box::new(input_too_large("stdin", max_source_size)));
            }
            let text = String::from_utf8(bytes).map_err(|_| {
                Box::new(
                    Report::new(ExitStatus::Usage, "unreadable-input", "stdin is not UTF-8 text")
                        .with_hint("pipe JavaScript or TypeScript source, or a module map in JSON"),
                )
            })?;
            if looks_like_module_map(&text) {
                return module_map_program("<stdin>", &text);
            }
            if dependencies::imports_package_or_builtin(&text) {
                return stdin_program(&text, options, dependencies);
            }
            code_program("<stdin>", text, Language::Ts)
        }
        Input::File(path) => {
            let display = path.display().to_string();
            if path.is_dir() {
                return project_program(path, options, dependencies);
            }
            let is_json = path.extension().is_some_and(|extension| extension == "json");
            if !is_json && Language::from_path(path).is_none() {
                return Err(Box::new(
                    Report::new(
                        ExitStatus::Usage,
                        "unsupported-input",
                        format!("Cannot run `{display}`: sandbox runs .js .mjs .cjs .ts .mts .cts .tsx .jsx files, project directories and .json module maps"),
                    )
                    .with_hint("pipe other code through stdin with `sandbox run -` if it is JavaScript or TypeScript"),
                ));
            }
            if !is_json {
                return project_program(path, options, dependencies);
            }
            let mut bytes = Vec::new();
            std::fs::File::open(path)
                .and_then(|file| file.take(max_source_size.saturating_add(1)).read_to_end(&mut bytes))
                .map_err(|error| Box::new(unreadable(&display, &error)))?;
            if bytes.len() as u64 > max_source_size {
                return Err(Box::new(input_too_large(&format!("`{display}`"), max_source_size)));
            }
            let text = String::from_utf8(bytes).map_err(|error| {
                Box::new(
                    Report::new(ExitStatus::Usage, "unreadable-input", format!("`{display}` is not UTF-8 text"))
                        .with_cause(error.to_string()),
                )
            })?;
            module_map_program(&display, &text)
        }
    }
}

/// A JSON object with `modules`: stdin can carry a module map as well as code.
fn looks_like_module_map(text: &str) -> bool {
    text.trim_start().starts_with('{')
        && serde_json::from_str::<serde_json::Value>(text).is_ok_and(|value| value.get("modules").is_some())
}

/// Agent code from stdin: one module, named `<stdin>`, as stack frames then show it.
pub(crate) fn code_program(display: &str, text: String, language: Language) -> Result<Program, Box<Report>> {
    let prepared = bundler::prepare_source(&SourceInput { file: display, text: &text, language })
        .map_err(|diagnostic| Box::new(Report::from_diagnostic(&diagnostic, Some(&text), ExitStatus::Failure)))?;
    let Prepared { code, kind, source_map, shape, prose_dropped } = prepared;
    let kind = match kind {
        bundler::ModuleKind::Cjs => ModuleKind::CommonJs,
        _ => ModuleKind::EsModule,
    };
    let mut sources = Sources::default();
    sources.insert(display.to_owned(), SourceInfo { display: display.to_owned(), text, map: source_map });
    Ok(Program {
        main: display.to_owned(),
        modules: vec![(display.to_owned(), kind, code.into_bytes())],
        sources,
        description: format!("read {display} as {}{}", shape_description(&shape), prose_description(prose_dropped)),
        compatibility_date: None,
        compatibility_flags: Vec::new(),
        compatibility_source: Source::None,
        agent_code: is_agent_code(&shape),
    })
}

/// A file or directory and everything it imports, bundled.
fn project_program(
    path: &Path,
    options: &BundleOptions,
    dependencies: Dependencies<'_>,
) -> Result<Program, Box<Report>> {
    let bundle = bundle(path, options, dependencies)?;
    let description = describe(&bundle);
    let source = bundle.config_file.clone().map_or(Source::None, Source::WranglerConfig);
    let mut sources = Sources::default();
    let agent_code = is_agent_code(&bundle.shape);
    for (name, origin) in bundle.origins {
        sources.insert(name, SourceInfo { display: origin.file, text: origin.text, map: origin.source_map });
    }
    Ok(Program { agent_code, ..Program::new(bundle.module_map, sources, description, source) })
}

pub(crate) fn module_map_program(display: &str, text: &str) -> Result<Program, Box<Report>> {
    let map = ModuleMap::from_json(display, text)
        .map_err(|diagnostic| Box::new(Report::from_diagnostic(&diagnostic, Some(text), ExitStatus::Usage)))?;
    let mut sources = Sources::default();
    for (name, module) in &map.modules {
        if let Module::Js(code) | Module::Cjs(code) = module {
            let map = crate::sources::inline_source_map(code);
            sources.insert(name.clone(), SourceInfo { display: name.clone(), text: code.clone(), map });
        }
    }
    let description =
        format!("read {display} as a module map of {} module(s), main module `{}`", map.modules.len(), map.main_module);
    Ok(Program::new(map, sources, description, Source::ModuleMap(display.to_owned())))
}

/// Bundles a file or directory, or says why not; its missing npm dependencies are installed
/// first.
pub(crate) fn bundle(
    path: &Path,
    options: &BundleOptions,
    dependencies: Dependencies<'_>,
) -> Result<Bundle, Box<Report>> {
    let governed = dependencies::prepare(path, dependencies)?;
    let bundle_with = |options: &BundleOptions| match governed {
        dependencies::Governed::Project => {
            run_bundler(options, path, dependencies).map_err(|error| Box::new(bundle_report(&error, options)))
        }
        dependencies::Governed::Alone => bundle_alone(path, options, dependencies),
    };
    with_node_builtins(options, bundle_with)
}

/// Bundles with `bundle_with`, leaving Node.js's modules to the runtime unless the map's
/// compatibility turns them off (which the wrangler config may say, so it is known after
/// bundling): then the map is bundled again without them, and an import of one is the
/// bundler's error.
fn with_node_builtins(
    options: &BundleOptions,
    bundle_with: impl Fn(&BundleOptions) -> Result<Bundle, Box<Report>>,
) -> Result<Bundle, Box<Report>> {
    let provided = executor::node_modules().map(str::to_owned).collect();
    let bundle = bundle_with(&BundleOptions { node_builtins: provided, ..options.clone() })?;
    if bundle.node_builtins.is_empty() || node_compatibility(&bundle.module_map) {
        return Ok(bundle);
    }
    // With `exits_after`, the first bundle's syntax trees stay allocated: at most one bundle's more.
    bundle_with(&BundleOptions { node_builtins: Vec::new(), ..options.clone() })
}

/// Whether a map's compatibility date and flags turn Node.js compatibility on (a date or flag
/// the runtime refuses is reported later, when the run resolves them).
fn node_compatibility(map: &ModuleMap) -> bool {
    let date = map.compatibility_date.as_deref().unwrap_or(executor::COMPATIBILITY_DATE);
    executor::Compatibility::new(date, &map.compatibility_flags)
        .map_or(true, |compatibility| compatibility.nodejs_compat())
}

/// `bundler::bundle`, within the wall-clock limit of `dependencies.bundle_limit`.
fn run_bundler(options: &BundleOptions, path: &Path, dependencies: Dependencies<'_>) -> Result<Bundle, BundleError> {
    match dependencies.bundle_limit {
        Some(limit) => crate::deadline::bounded(limit, dependencies.printer, || bundler::bundle(options, path)),
        None => bundler::bundle(options, path),
    }
}

/// Bundles code without a `package.json`: each package it imports that is not found is
/// installed (at `--dep`'s range, else the latest) into a layout in the cache, whose
/// `node_modules` the bundler then also searches, and bundling is tried again.
fn bundle_alone(path: &Path, options: &BundleOptions, dependencies: Dependencies<'_>) -> Result<Bundle, Box<Report>> {
    let mut wanted = dependencies.settings.dependencies.clone();
    let mut options = options.clone();
    loop {
        if !wanted.is_empty() {
            options.node_modules = Some(dependencies::install_for_code(&wanted, dependencies)?);
        }
        match run_bundler(&options, path, dependencies) {
            Ok(bundle) => return Ok(bundle),
            Err(error) => match dependencies::missing_package(&error) {
                Some(package) if !wanted.contains_key(&package) && wanted.len() < 64 => {
                    wanted.insert(package, "*".to_owned());
                }
                _ => return Err(Box::new(bundle_report(&error, &options))),
            },
        }
    }
}

/// Agent code from stdin that imports packages: written to `<stdin>.ts` in a directory of
/// its own and bundled there, with its packages installed as for a lone file.
fn stdin_program(text: &str, options: &BundleOptions, dependencies: Dependencies<'_>) -> Result<Program, Box<Report>> {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().subsec_nanos();
    let directory = std::env::temp_dir().join(format!("sandbox-stdin-{}-{nanos}", std::process::id()));
    let entry = directory.join("<stdin>.ts");
    std::fs::create_dir_all(&directory).and_then(|()| std::fs::write(&entry, text)).map_err(|error| {
        Box::new(Report::new(
            ExitStatus::Internal,
            "internal",
            format!("Cannot write stdin to `{}`: {error}", entry.display()),
        ))
    })?;
    // The run's own options (`--external`, `--define`, `--no-bundle`, ...), from the new
    // directory; no bundle cache, as the next run's directory is another.
    let options = BundleOptions { cwd: Some(directory.clone()), cache: None, ..options.clone() };
    let bundled = with_node_builtins(&options, |options| bundle_alone(&entry, options, dependencies));
    let _ = std::fs::remove_dir_all(&directory);
    let bundle = bundled?;
    let description = describe(&bundle);
    let source = bundle.config_file.clone().map_or(Source::None, Source::WranglerConfig);
    let mut sources = Sources::default();
    let agent_code = is_agent_code(&bundle.shape);
    for (name, origin) in bundle.origins {
        sources.insert(name, SourceInfo { display: origin.file, text: origin.text, map: origin.source_map });
    }
    Ok(Program { agent_code, ..Program::new(bundle.module_map, sources, description, source) })
}

/// What a bundle is, for `--verbose`: how the entry was found and read, and what it imports.
pub(crate) fn describe(bundle: &Bundle) -> String {
    let mut description = match &bundle.rule {
        bundler::EntryRule::Given => format!("read {}", bundle.entry),
        rule => format!("read {} (the entry, by {rule})", bundle.entry),
    };
    description.push_str(&format!(" as {}", shape_description(&bundle.shape)));
    description.push_str(&prose_description(bundle.prose_dropped));
    if bundle.files > 1 {
        description.push_str(&format!("; {} files", bundle.files));
        if !bundle.packages.is_empty() {
            let packages: Vec<&str> = bundle.packages.iter().map(String::as_str).collect();
            description.push_str(&format!(
                ", {} of them from node_modules ({})",
                bundle.package_files,
                packages.join(", ")
            ));
        }
    }
    let modules = bundle.module_map.modules.len();
    match (&bundle.fallback, bundle.mode) {
        (Some(reason), _) => description.push_str(&format!(
            "; not bundled into one module because {reason}: {modules} module(s), one per file, as with --no-bundle"
        )),
        (None, bundler::Mode::Bundle) => description.push_str(&format!("; bundled into {modules} module(s)")),
        (None, bundler::Mode::Transform) => description.push_str(&format!("; {modules} module(s), one per file")),
    }
    match (bundle.cached, bundle.mode) {
        (0, _) => {}
        (_, bundler::Mode::Bundle) => description.push_str(" (the bundle of the last run, from the cache)"),
        (cached, bundler::Mode::Transform) => {
            description.push_str(&format!(" ({cached} prepared by an earlier run, from the cache)"))
        }
    }
    description
}

/// What `--verbose` says of an answer whose prose around its one code block was dropped.
fn prose_description(prose_dropped: Option<(usize, usize)>) -> String {
    match prose_dropped {
        Some((first, last)) => {
            format!(", from the fenced code block on lines {first}-{last}; the text around it was dropped")
        }
        None => String::new(),
    }
}

fn shape_description(shape: &Shape) -> String {
    match shape {
        Shape::Module => "a module: its default export (or --entrypoint) is called".to_owned(),
        Shape::CommonJs => "a CommonJS module: `module.exports` is the entrypoint".to_owned(),
        Shape::Empty => "empty: nothing to run".to_owned(),
        Shape::Function => "agent code: a function, which is called".to_owned(),
        Shape::FunctionDeclaration(name) => format!("agent code: the function `{name}`, which is called"),
        Shape::Statements => "agent code: statements, run as the body of an async function".to_owned(),
    }
}
