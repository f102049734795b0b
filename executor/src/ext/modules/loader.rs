//! Loads a module map into V8: resolves imports between module names like paths, compiles
//! ES modules, and wraps the other kinds (CommonJS, text, data, JSON, wasm) as synthetic
//! modules with a default export. Nothing here touches the file system or the network.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use crate::code_cache::RunCache;
use crate::runtime::exception::Frame;
use crate::runtime::host::throw_error;
use crate::runtime::host::{call_internal, internal_value};
use crate::runtime::state::extension;

/// The kind of a module, as in a Worker Loader module map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleKind {
    /// An ES module (`"name": "source"` or `{ "js": ... }`).
    EsModule,
    /// A CommonJS module: `module`, `exports` and `require` over the map; its default
    /// export is `module.exports`.
    CommonJs,
    /// UTF-8 text; the default export is a string.
    Text,
    /// Bytes; the default export is an ArrayBuffer.
    Data,
    /// JSON text; the default export is the parsed value.
    Json,
    /// A WebAssembly binary; the default export is a `WebAssembly.Module`.
    Wasm,
}

impl ModuleKind {
    fn name(self) -> &'static str {
        match self {
            ModuleKind::EsModule => "js",
            ModuleKind::CommonJs => "cjs",
            ModuleKind::Text => "text",
            ModuleKind::Data => "data",
            ModuleKind::Json => "json",
            ModuleKind::Wasm => "wasm",
        }
    }
}

/// One module of the map to run. `specifier` is its name in the map (`src/index.js`);
/// imports between modules resolve like relative paths between these names.
#[derive(Debug, Clone, Copy)]
pub struct ModuleSource<'a> {
    pub specifier: &'a str,
    pub kind: ModuleKind,
    /// Source text (UTF-8) for code, text and JSON; raw bytes for data and wasm.
    pub code: &'a [u8],
}

/// The built-in modules that a map may import without providing them.
pub(crate) const BUILTIN_CLOUDFLARE_WORKERS: &str = "cloudflare:workers";

struct Entry {
    kind: ModuleKind,
    code: Rc<[u8]>,
    module: Option<v8::Global<v8::Module>>,
    /// The value of a text, data, JSON or wasm module, made once: every `import` and
    /// `require` of it gets the same one, as in Node and workerd (and a `data` module is
    /// not copied again for each `require`).
    value: Option<v8::Global<v8::Value>>,
}

/// What the module loader keeps for one run, in its own isolate slot (see
/// [`extension`]).
pub(crate) struct Modules {
    /// The main module's name (`import.meta.main` is true there).
    main: String,
    pub(crate) registry: RefCell<Registry>,
    /// Where the import that failed to resolve is, for link errors.
    pub(crate) link_error_frame: RefCell<Option<Frame>>,
    /// True only while the host compiles a `wasm` module of the map.
    pub(crate) allow_wasm: Cell<bool>,
    /// The code cache ES modules are compiled from and made for (`Options::code_cache`).
    pub(crate) code_cache: Option<RunCache>,
}

impl Modules {
    /// The loader of a run of `modules`; `node_modules` are the Node.js built-in modules the
    /// run may import (none without Node.js compatibility).
    pub(crate) fn new(modules: &[ModuleSource<'_>], main: &str, node_modules: NodeModules) -> Modules {
        let mut registry = Registry::new(modules);
        registry.node_modules = node_modules;
        Modules {
            main: main.to_owned(),
            registry: RefCell::new(registry),
            link_error_frame: RefCell::default(),
            allow_wasm: Cell::default(),
            code_cache: None,
        }
    }

    /// The loader, compiling ES modules through `cache` when there is one.
    pub(crate) fn with_code_cache(mut self, cache: Option<std::sync::Arc<crate::CodeCache>>) -> Modules {
        self.code_cache = cache.map(RunCache::new);
        self
    }
}

/// Makes the code cache of the modules the run compiled from source, if it has a cache.
pub(crate) fn produce_code_cache(scope: &mut v8::PinScope<'_, '_>) {
    if let Some(cache) = &modules(scope).code_cache {
        cache.produce(scope);
    }
}

/// The loader's state of the run that owns `isolate`.
pub(crate) fn modules(isolate: &v8::Isolate) -> Rc<Modules> {
    extension(isolate)
}

/// Every module of the run, by name, and the V8 modules compiled from them so far.
#[derive(Default)]
pub(crate) struct Registry {
    entries: HashMap<String, Entry>,
    /// Compiled modules by identity hash (which may collide), to find a referrer's name.
    compiled: HashMap<i32, Vec<(v8::Global<v8::Module>, String)>>,
    builtin: Option<v8::Global<v8::Module>>,
    /// The Node.js built-in modules the run may import, and those compiled so far.
    node_modules: NodeModules,
    node: HashMap<String, v8::Global<v8::Module>>,
}

/// The Node.js built-in modules of a run: the manifest's, with Node.js compatibility on.
#[derive(Default, Clone, Copy)]
pub(crate) struct NodeModules {
    /// The manifest's modules, by name without `node:` (`buffer`, `path/posix`); the names
    /// starting `internal/` are not importable.
    pub(crate) names: &'static [(&'static str, &'static str)],
    /// Node.js compatibility is on: without it no built-in module resolves.
    pub(crate) enabled: bool,
    /// Bare names (`buffer`) resolve to built-in modules too (`nodejs_compat_v2`).
    pub(crate) bare: bool,
}

impl NodeModules {
    /// Whether `name` (without `node:`) is a module code may import.
    fn importable(&self, name: &str) -> bool {
        !name.starts_with("internal/") && self.names.iter().any(|(module, _)| *module == name)
    }
}

/// The prefix of the Node.js built-in modules' names: `node:buffer`.
pub(crate) const NODE_PREFIX: &str = "node:";

impl Registry {
    pub(crate) fn new(modules: &[ModuleSource<'_>]) -> Registry {
        let entries = modules
            .iter()
            .map(|source| {
                let entry = Entry { kind: source.kind, code: Rc::from(source.code), module: None, value: None };
                (source.specifier.to_owned(), entry)
            })
            .collect();
        Registry { entries, ..Registry::default() }
    }

    /// The names of the map's modules, in order.
    pub(crate) fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.entries.keys().cloned().collect();
        names.sort_unstable();
        names
    }

    /// The bytes of the map's module `name`.
    pub(crate) fn code(&self, name: &str) -> Option<Rc<[u8]>> {
        self.entries.get(name).map(|entry| entry.code.clone())
    }

    fn name_of(&self, module: v8::Local<'_, v8::Module>) -> Option<String> {
        let hash = module.get_identity_hash().get();
        self.compiled.get(&hash)?.iter().find(|(global, _)| global == &module).map(|(_, name)| name.clone())
    }

    /// Resolves `specifier`, imported by the module named `referrer`, to a module name.
    pub(crate) fn resolve(&self, referrer: &str, specifier: &str) -> Result<String, String> {
        if specifier == BUILTIN_CLOUDFLARE_WORKERS {
            return Ok(specifier.to_owned());
        }
        let candidate = if specifier.starts_with("./") || specifier.starts_with("../") {
            let directory = referrer.rfind('/').map_or("", |slash| &referrer[..slash]);
            join(directory, specifier)
        } else if let Some(absolute) = specifier.strip_prefix('/') {
            join("", absolute)
        } else {
            Some(specifier.to_owned())
        };
        if let Some(bare) = specifier.strip_prefix(NODE_PREFIX) {
            return self.node_module(referrer, specifier, bare);
        }
        if let Some(name) = candidate.filter(|name| self.entries.contains_key(name)) {
            return Ok(name);
        }
        // A bare name that is not in the map: a Node.js built-in module, as `node:` would be
        // (`nodejs_compat_v2` lets code leave out the prefix).
        let relative = specifier.starts_with('.') || specifier.starts_with('/');
        if !relative && (self.node_modules.importable(specifier) || is_node_builtin_name(specifier)) {
            if self.node_modules.bare || !self.node_modules.enabled {
                return self.node_module(referrer, specifier, specifier);
            }
            return Err(format!(
                "Cannot find module `{specifier}` imported by `{referrer}`: import the Node.js module as `node:{specifier}` (without the prefix it needs the compatibility flag `nodejs_compat_v2`)"
            ));
        }
        Err(self.not_found_message(referrer, specifier))
    }

    /// Resolves the Node.js built-in module `bare` (`buffer`), imported as `specifier`.
    fn node_module(&self, referrer: &str, specifier: &str, bare: &str) -> Result<String, String> {
        if !self.node_modules.enabled {
            return Err(format!(
                "Cannot find module `{specifier}` imported by `{referrer}`: Node.js built-in modules need Node.js compatibility (the compatibility flag `nodejs_compat`, on by default from 2026-08-04)"
            ));
        }
        if self.node_modules.importable(bare) {
            return Ok(format!("{NODE_PREFIX}{bare}"));
        }
        if is_node_builtin_name(bare) || PREFIXED_ONLY.contains(&bare.split('/').next().unwrap_or(bare)) {
            return Err(format!(
                "Cannot find module `{specifier}` imported by `{referrer}`: the Node.js module `node:{bare}` is not available in the sandbox"
            ));
        }
        Err(format!(
            "Cannot find module `{specifier}` imported by `{referrer}`: there is no Node.js built-in module `node:{bare}`"
        ))
    }

    fn not_found_message(&self, referrer: &str, specifier: &str) -> String {
        let mut names: Vec<&str> = self.entries.keys().map(String::as_str).collect();
        names.sort_unstable();
        let shown = names.iter().take(10).map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ");
        let more = if names.len() > 10 { format!(" and {} more", names.len() - 10) } else { String::new() };
        format!(
            "Cannot find module `{specifier}` imported by `{referrer}`: it is not in the module map (which has {shown}{more})"
        )
    }
}

/// Node.js built-in module names, for a clearer error when code imports one.
const NODE_BUILTINS: &[&str] = &[
    "_http_agent",
    "_http_client",
    "_http_common",
    "_http_incoming",
    "_http_outgoing",
    "_http_server",
    "_stream_wrap",
    "_tls_common",
    "_tls_wrap",
    "assert",
    "async_hooks",
    "buffer",
    "child_process",
    "cluster",
    "console",
    "constants",
    "crypto",
    "dgram",
    "diagnostics_channel",
    "dns",
    "domain",
    "events",
    "fs",
    "http",
    "http2",
    "https",
    "inspector",
    "module",
    "net",
    "os",
    "path",
    "perf_hooks",
    "process",
    "punycode",
    "querystring",
    "readline",
    "repl",
    "stream",
    "string_decoder",
    "sys",
    "timers",
    "tls",
    "trace_events",
    "tty",
    "url",
    "util",
    "v8",
    "vm",
    "wasi",
    "worker_threads",
    "zlib",
];

/// Node.js built-in modules that exist only as `node:` names (`node:sea`, `node:test/reporters`).
const PREFIXED_ONLY: &[&str] = &["sea", "sqlite", "test"];

/// Whether `name` is a Node.js built-in module's name or a subpath of one (`fs/promises`).
fn is_node_builtin_name(name: &str) -> bool {
    NODE_BUILTINS.contains(&name.split('/').next().unwrap_or(name))
}

/// Joins a relative specifier to a directory of module names, resolving `.` and `..`.
/// `None` if it climbs above the root of the map.
fn join(directory: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = directory.split('/').filter(|part| !part.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// Returns the V8 module for `name`, compiling it the first time. On failure an exception
/// is pending on `scope`.
pub(crate) fn module_for<'s>(scope: &mut v8::PinScope<'s, '_>, name: &str) -> Option<v8::Local<'s, v8::Module>> {
    let modules = modules(scope);
    if name == BUILTIN_CLOUDFLARE_WORKERS {
        return Some(builtin_module(scope, &modules));
    }
    if let Some(bare) = name.strip_prefix(NODE_PREFIX) {
        return node_module(scope, &modules, bare);
    }
    let existing = modules.registry.borrow().entries.get(name).and_then(|entry| entry.module.clone());
    if let Some(module) = existing {
        return Some(v8::Local::new(scope, module));
    }
    let Some((kind, code)) = entry_contents(&modules, name) else {
        throw_error(scope, "Error", &format!("Cannot find module `{name}` in the module map"));
        return None;
    };
    let resource = v8::String::new(scope, name)?;
    let module = match kind {
        ModuleKind::EsModule => {
            let source = new_string(scope, &code)?;
            let origin = module_origin(scope, resource.into());
            match &modules.code_cache {
                Some(cache) => cache.compile_module(scope, source, &origin, &code)?,
                None => {
                    let mut source = v8::script_compiler::Source::new(source, Some(&origin));
                    v8::script_compiler::compile_module(scope, &mut source)?
                }
            }
        }
        _ => {
            let default = v8::String::new(scope, "default")?;
            v8::Module::create_synthetic_module(scope, resource, &[default], evaluate_synthetic)
        }
    };
    let global = v8::Global::new(scope, module);
    let mut registry = modules.registry.borrow_mut();
    registry.compiled.entry(module.get_identity_hash().get()).or_default().push((global.clone(), name.to_owned()));
    if let Some(entry) = registry.entries.get_mut(name) {
        entry.module = Some(global);
    }
    Some(module)
}

/// The kind and bytes of the module `name`.
fn entry_contents(modules: &Modules, name: &str) -> Option<(ModuleKind, Rc<[u8]>)> {
    let registry = modules.registry.borrow();
    let entry = registry.entries.get(name)?;
    Some((entry.kind, entry.code.clone()))
}

fn builtin_module<'s>(scope: &mut v8::PinScope<'s, '_>, modules: &Modules) -> v8::Local<'s, v8::Module> {
    if let Some(module) = modules.registry.borrow().builtin.as_ref() {
        return v8::Local::new(scope, module);
    }
    let names: Vec<v8::Local<'_, v8::String>> =
        ["WorkerEntrypoint", "RpcTarget"].iter().filter_map(|name| v8::String::new(scope, name)).collect();
    let resource = v8::String::new(scope, BUILTIN_CLOUDFLARE_WORKERS).expect("short string");
    let module = v8::Module::create_synthetic_module(scope, resource, &names, evaluate_builtin);
    modules.registry.borrow_mut().builtin = Some(v8::Global::new(scope, module));
    module
}

/// The synthetic module of the Node.js built-in module `bare`: its value's own enumerable
/// string keys are the named exports, and the value is `default` (as Node.js and workerd
/// give a built-in module). Making it runs the module's script.
fn node_module<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    modules: &Modules,
    bare: &str,
) -> Option<v8::Local<'s, v8::Module>> {
    if let Some(module) = modules.registry.borrow().node.get(bare) {
        return Some(v8::Local::new(scope, module));
    }
    let value = node_module_value(scope, bare)?;
    let default = v8::String::new(scope, "default")?;
    let mut names = vec![default];
    if let Ok(object) = v8::Local::<v8::Object>::try_from(value) {
        let keys = object.get_own_property_names(
            scope,
            v8::GetPropertyNamesArgs {
                mode: v8::KeyCollectionMode::OwnOnly,
                property_filter: v8::PropertyFilter::ONLY_ENUMERABLE | v8::PropertyFilter::SKIP_SYMBOLS,
                index_filter: v8::IndexFilter::SkipIndices,
                key_conversion: v8::KeyConversionMode::ConvertToString,
            },
        )?;
        for index in 0..keys.length() {
            let key = keys.get_index(scope, index)?;
            if let Ok(key) = v8::Local::<v8::String>::try_from(key)
                && key.to_rust_string_lossy(scope) != "default"
            {
                names.push(key);
            }
        }
    }
    let resource = v8::String::new(scope, &format!("{NODE_PREFIX}{bare}"))?;
    let module = v8::Module::create_synthetic_module(scope, resource, &names, evaluate_node_module);
    let global = v8::Global::new(scope, module);
    let mut registry = modules.registry.borrow_mut();
    registry
        .compiled
        .entry(module.get_identity_hash().get())
        .or_default()
        .push((global.clone(), format!("{NODE_PREFIX}{bare}")));
    registry.node.insert(bare.to_owned(), global);
    Some(module)
}

/// The value of the Node.js built-in module `bare` (`internals.nodeModule`, which runs its
/// script once per run).
pub(crate) fn node_module_value<'s>(scope: &mut v8::PinScope<'s, '_>, bare: &str) -> Option<v8::Local<'s, v8::Value>> {
    let argument = v8::String::new(scope, bare)?;
    call_internal(scope, "nodeModule", &[argument.into()])
}

/// Evaluation steps of a Node.js built-in module: sets each export from the module's value.
fn evaluate_node_module<'s>(
    context: v8::Local<'s, v8::Context>,
    module: v8::Local<'s, v8::Module>,
) -> Option<v8::Local<'s, v8::Value>> {
    v8::callback_scope!(unsafe scope, context);
    let modules = modules(scope);
    let name = modules.registry.borrow().name_of(module)?;
    let bare = name.strip_prefix(NODE_PREFIX)?;
    let value = node_module_value(scope, bare)?;
    let default = v8::String::new(scope, "default")?;
    module.set_synthetic_module_export(scope, default, value)?;
    if let Ok(object) = v8::Local::<v8::Object>::try_from(value) {
        let namespace = module.get_module_namespace();
        let namespace = v8::Local::<v8::Object>::try_from(namespace).ok()?;
        let keys = namespace.get_own_property_names(scope, v8::GetPropertyNamesArgs::default())?;
        for index in 0..keys.length() {
            let key = keys.get_index(scope, index)?;
            let Ok(key) = v8::Local::<v8::String>::try_from(key) else { continue };
            if key.to_rust_string_lossy(scope) == "default" {
                continue;
            }
            let export = object.get(scope, key.into())?;
            module.set_synthetic_module_export(scope, key, export)?;
        }
    }
    resolved_promise(scope)
}

/// A V8 string from UTF-8 source text, or a pending RangeError if it is too long.
pub(crate) fn new_string<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: &[u8]) -> Option<v8::Local<'s, v8::String>> {
    let string = v8::String::new_from_utf8(scope, bytes, v8::NewStringType::Normal);
    if string.is_none() {
        throw_error(scope, "RangeError", "The module is too large for a JavaScript string");
    }
    string
}

pub(crate) fn module_origin<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    resource: v8::Local<'s, v8::Value>,
) -> v8::ScriptOrigin<'s> {
    v8::ScriptOrigin::new(scope, resource, 0, 0, false, 0, None, false, false, true, None)
}

pub(crate) fn script_origin<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    resource: v8::Local<'s, v8::Value>,
) -> v8::ScriptOrigin<'s> {
    v8::ScriptOrigin::new(scope, resource, 0, 0, false, 0, None, false, false, false, None)
}

/// The `ResolveModuleCallback` for static imports.
pub(crate) fn resolve_callback<'s>(
    context: v8::Local<'s, v8::Context>,
    specifier: v8::Local<'s, v8::String>,
    _attributes: v8::Local<'s, v8::FixedArray>,
    referrer: v8::Local<'s, v8::Module>,
) -> Option<v8::Local<'s, v8::Module>> {
    v8::callback_scope!(unsafe scope, context);
    let modules = modules(scope);
    let specifier = specifier.to_rust_string_lossy(scope);
    let referrer_name = modules.registry.borrow().name_of(referrer).unwrap_or_default();
    let resolved = modules.registry.borrow().resolve(&referrer_name, &specifier);
    match resolved {
        Ok(name) => module_for(scope, &name),
        Err(message) => {
            // Remember where the import is, so the error can point at it.
            let location = import_location(scope, referrer, &specifier);
            *modules.link_error_frame.borrow_mut() =
                location.map(|(line, column)| Frame { function: None, file: referrer_name, line, column });
            throw_error(scope, "Error", &message);
            None
        }
    }
}

/// The 1-based line and column of the import of `specifier` in `module`.
fn import_location(
    scope: &mut v8::PinScope<'_, '_>,
    module: v8::Local<'_, v8::Module>,
    specifier: &str,
) -> Option<(u32, u32)> {
    let requests = module.get_module_requests();
    for index in 0..requests.length() {
        let request = requests.get(scope, index)?;
        let request = v8::Local::<v8::ModuleRequest>::try_from(request).ok()?;
        if request.get_specifier().to_rust_string_lossy(scope) == specifier {
            let location = module.source_offset_to_location(request.get_source_offset());
            return Some((location.get_line_number() as u32 + 1, location.get_column_number() as u32 + 1));
        }
    }
    None
}

/// Evaluation steps of the synthetic module for a non-ES module: sets its default export.
fn evaluate_synthetic<'s>(
    context: v8::Local<'s, v8::Context>,
    module: v8::Local<'s, v8::Module>,
) -> Option<v8::Local<'s, v8::Value>> {
    v8::callback_scope!(unsafe scope, context);
    let modules = modules(scope);
    let name = modules.registry.borrow().name_of(module)?;
    let value = module_value(scope, &name)?;
    let default = v8::String::new(scope, "default")?;
    module.set_synthetic_module_export(scope, default, value)?;
    resolved_promise(scope)
}

/// V8 returns what evaluation steps return from `Module::evaluate`, which callers expect to be
/// a promise (as for every module since top-level await).
fn resolved_promise<'s>(scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Value>> {
    let resolver = v8::PromiseResolver::new(scope)?;
    let undefined = v8::undefined(scope).into();
    resolver.resolve(scope, undefined)?;
    Some(resolver.get_promise(scope).into())
}

fn evaluate_builtin<'s>(
    context: v8::Local<'s, v8::Context>,
    module: v8::Local<'s, v8::Module>,
) -> Option<v8::Local<'s, v8::Value>> {
    v8::callback_scope!(unsafe scope, context);
    let exports = internal_value(scope, "cloudflareWorkers")?.to_object(scope)?;
    for name in ["WorkerEntrypoint", "RpcTarget"] {
        let key = v8::String::new(scope, name)?;
        let value = exports.get(scope, key.into())?;
        module.set_synthetic_module_export(scope, key, value)?;
    }
    resolved_promise(scope)
}

/// The value a module stands for outside ES-module linking: the default export of a
/// synthetic module, what `require()` returns, and the namespace of an ES module (which is
/// evaluated synchronously). On failure an exception is pending.
pub(crate) fn module_value<'s>(scope: &mut v8::PinScope<'s, '_>, name: &str) -> Option<v8::Local<'s, v8::Value>> {
    if let Some(bare) = name.strip_prefix(NODE_PREFIX) {
        return node_module_value(scope, bare);
    }
    let modules = modules(scope);
    let Some((kind, code)) = entry_contents(&modules, name) else {
        throw_error(scope, "Error", &format!("Cannot find module `{name}` in the module map"));
        return None;
    };
    match kind {
        ModuleKind::Text | ModuleKind::Json | ModuleKind::Data | ModuleKind::Wasm => {
            let cached = modules.registry.borrow().entries.get(name).and_then(|entry| entry.value.clone());
            if let Some(value) = cached {
                return Some(v8::Local::new(scope, value));
            }
            let value = synthetic_value(scope, &modules, kind, &code)?;
            if let Some(entry) = modules.registry.borrow_mut().entries.get_mut(name) {
                entry.value = Some(v8::Global::new(scope, value));
            }
            Some(value)
        }
        ModuleKind::CommonJs => {
            let argument = v8::String::new(scope, name)?;
            call_internal(scope, "loadCommonJs", &[argument.into()])
        }
        ModuleKind::EsModule => {
            let module = module_for(scope, name)?;
            if module.get_status() == v8::ModuleStatus::Uninstantiated {
                module.instantiate_module(scope, resolve_callback)?;
            }
            let evaluation = module.evaluate(scope)?;
            if let Ok(promise) = v8::Local::<v8::Promise>::try_from(evaluation) {
                match promise.state() {
                    v8::PromiseState::Fulfilled => {}
                    v8::PromiseState::Rejected => {
                        let reason = promise.result(scope);
                        promise.mark_as_handled();
                        scope.throw_exception(reason);
                        return None;
                    }
                    v8::PromiseState::Pending => {
                        throw_error(
                            scope,
                            "Error",
                            &format!(
                                "Cannot require() the ES module `{name}`: it uses top-level await; use import() instead"
                            ),
                        );
                        return None;
                    }
                }
            }
            Some(module.get_module_namespace())
        }
    }
}

/// The value of a text, JSON, data or wasm module, made from its contents.
fn synthetic_value<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    modules: &Modules,
    kind: ModuleKind,
    code: &[u8],
) -> Option<v8::Local<'s, v8::Value>> {
    match kind {
        ModuleKind::Text => new_string(scope, code).map(Into::into),
        ModuleKind::Json => {
            let text = new_string(scope, code)?;
            v8::json::parse(scope, text)
        }
        ModuleKind::Data => {
            // A copy the code can hold, made in the run's ArrayBuffer memory.
            let Some(buffer) = crate::runtime::host::new_array_buffer(scope, code) else {
                throw_error(scope, "RangeError", "Array buffer allocation failed: the memory limit is reached");
                return None;
            };
            Some(buffer.into())
        }
        ModuleKind::Wasm => {
            // Compiling bytes is refused to the sandboxed code, but not to the host, which
            // first makes the module's memory count against the limit (`wasm.rs`).
            let instrumented = crate::ext::modules::wasm::instrument(code);
            modules.allow_wasm.set(true);
            let module = v8::WasmModuleObject::compile(scope, instrumented.as_deref().unwrap_or(code));
            modules.allow_wasm.set(false);
            if instrumented.is_none() && module.is_some() {
                // V8 takes a module the rewrite cannot read (a proposal wasmparser does not
                // know): its memory would escape the limit, so it does not run.
                throw_error(
                    scope,
                    "Error",
                    "WebAssembly module uses a feature whose memory the sandbox cannot count against the limit",
                );
                return None;
            }
            module.map(Into::into)
        }
        ModuleKind::CommonJs | ModuleKind::EsModule => None,
    }
}

/// Compiles the CommonJS module `name` into `function (exports, require, module,
/// __filename, __dirname)`, keeping its own line and column numbers.
pub(crate) fn compile_common_js<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    name: &str,
) -> Option<v8::Local<'s, v8::Function>> {
    let modules = modules(scope);
    let Some((ModuleKind::CommonJs, code)) = entry_contents(&modules, name) else {
        throw_error(scope, "Error", &format!("`{name}` is not a CommonJS module of the map"));
        return None;
    };
    let source = new_string(scope, &code)?;
    let resource = v8::String::new(scope, name)?;
    let origin = script_origin(scope, resource.into());
    let mut source = v8::script_compiler::Source::new(source, Some(&origin));
    let parameters = ["exports", "require", "module", "__filename", "__dirname"]
        .iter()
        .map(|name| v8::String::new(scope, name))
        .collect::<Option<Vec<_>>>()?;
    v8::script_compiler::compile_function(
        scope,
        &mut source,
        &parameters,
        &[],
        v8::script_compiler::CompileOptions::NoCompileOptions,
        v8::script_compiler::NoCacheReason::NoReason,
    )
}

/// `require.resolve` semantics for CommonJS: the resolved name and its kind.
pub(crate) fn require_resolve(
    modules: &Modules,
    referrer: &str,
    specifier: &str,
) -> Result<(String, &'static str), String> {
    let registry = modules.registry.borrow();
    let name = registry.resolve(referrer, specifier)?;
    if name == BUILTIN_CLOUDFLARE_WORKERS {
        return Err(format!("Cannot require `{specifier}`: import it instead"));
    }
    if name.starts_with(NODE_PREFIX) {
        return Ok((name, "node"));
    }
    let kind = registry.entries.get(&name).map_or("js", |entry| entry.kind.name());
    Ok((name, kind))
}

/// Where the map's modules are, as workerd places them: `import.meta.url` of `src/a.js` is
/// `file:///bundle/src/a.js`.
const BUNDLE_DIRECTORY: &str = "/bundle";

/// The `HostInitializeImportMetaObjectCallback`: `import.meta` as workerd has it, `main`,
/// `url`, `filename`, `dirname` and `resolve(specifier)`.
pub(crate) unsafe extern "C" fn initialize_import_meta(
    context: v8::Local<'_, v8::Context>,
    module: v8::Local<'_, v8::Module>,
    meta: v8::Local<'_, v8::Object>,
) {
    v8::callback_scope!(unsafe scope, context);
    let modules = modules(scope);
    let Some(name) = modules.registry.borrow().name_of(module) else { return };
    let filename = format!("{BUNDLE_DIRECTORY}/{name}");
    let dirname = filename.rfind('/').map_or(BUNDLE_DIRECTORY, |slash| &filename[..slash]).to_owned();
    let url = format!("file://{filename}");
    let main = v8::Boolean::new(scope, name == modules.main);
    let mut properties: Vec<(&str, v8::Local<'_, v8::Value>)> = vec![("main", main.into())];
    for (key, value) in [("url", &url), ("filename", &filename), ("dirname", &dirname)] {
        let Some(value) = v8::String::new(scope, value) else { return };
        properties.push((key, value.into()));
    }
    let Some(referrer) = v8::String::new(scope, &name) else { return };
    let Some(resolve) = v8::Function::builder(import_meta_resolve).data(referrer.into()).build(scope) else { return };
    properties.push(("resolve", resolve.into()));
    for (key, value) in properties {
        let Some(key) = v8::String::new(scope, key) else { return };
        if meta.create_data_property(scope, key.into(), value).is_none() {
            return;
        }
    }
}

/// `import.meta.resolve(specifier)`: the URL of the module `specifier` names from this one (a
/// relative one whether or not the map has it, as a URL resolves), or `node:x` for a Node.js
/// built-in module.
fn import_meta_resolve(
    scope: &mut v8::PinScope<'_, '_>,
    args: v8::FunctionCallbackArguments<'_>,
    mut return_value: v8::ReturnValue<'_, v8::Value>,
) {
    let referrer = args.data().to_rust_string_lossy(scope);
    let specifier = args.get(0).to_rust_string_lossy(scope);
    let resolved = if specifier.starts_with("./") || specifier.starts_with("../") {
        let directory = referrer.rfind('/').map_or("", |slash| &referrer[..slash]);
        join(directory, &specifier).ok_or_else(|| format!("Cannot resolve `{specifier}` from `{referrer}`"))
    } else {
        modules(scope).registry.borrow().resolve(&referrer, &specifier)
    };
    match resolved {
        Ok(name) if name.starts_with(NODE_PREFIX) || name == BUILTIN_CLOUDFLARE_WORKERS => {
            if let Some(value) = v8::String::new(scope, &name) {
                return_value.set(value.into());
            }
        }
        Ok(name) => {
            if let Some(value) = v8::String::new(scope, &format!("file://{BUNDLE_DIRECTORY}/{name}")) {
                return_value.set(value.into());
            }
        }
        Err(message) => throw_error(scope, "TypeError", &message),
    }
}

/// The `HostImportModuleDynamicallyCallback`: `import()` of a module of the map.
pub(crate) fn dynamic_import<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    _host_defined_options: v8::Local<'s, v8::Data>,
    resource_name: v8::Local<'s, v8::Value>,
    specifier: v8::Local<'s, v8::String>,
    _attributes: v8::Local<'s, v8::FixedArray>,
) -> Option<v8::Local<'s, v8::Promise>> {
    let resolver = v8::PromiseResolver::new(scope)?;
    let promise = resolver.get_promise(scope);
    let modules = modules(scope);
    let referrer = resource_name.to_rust_string_lossy(scope);
    let specifier = specifier.to_rust_string_lossy(scope);
    v8::tc_scope!(let scope, scope);
    let resolved = modules.registry.borrow().resolve(&referrer, &specifier);
    let outcome = match resolved {
        Err(message) => {
            throw_error(scope, "TypeError", &message);
            None
        }
        Ok(name) => load_for_import(scope, &name),
    };
    match outcome {
        // The promise of `internals.afterEvaluation` is the import's own: resolving another
        // promise with it would look up its `then`, which the code may have replaced.
        Some(value) => return Some(value),
        None => {
            if let Some(exception) = scope.exception() {
                scope.reset();
                resolver.reject(scope, exception);
            } else {
                // Terminated: leave the promise pending; the run is ending.
            }
        }
    }
    Some(promise)
}

fn load_for_import<'s>(scope: &mut v8::PinScope<'s, '_>, name: &str) -> Option<v8::Local<'s, v8::Promise>> {
    let module = module_for(scope, name)?;
    if module.get_status() == v8::ModuleStatus::Uninstantiated {
        module.instantiate_module(scope, resolve_callback)?;
    }
    let evaluation = v8::Local::<v8::Promise>::try_from(module.evaluate(scope)?).ok()?;
    let namespace = module.get_module_namespace();
    let result = call_internal(scope, "afterEvaluation", &[evaluation.into(), namespace])?;
    v8::Local::<v8::Promise>::try_from(result).ok()
}

#[cfg(test)]
mod tests {
    use super::join;

    /// Relative specifiers resolve like POSIX paths and may not climb above the map's root.
    #[test]
    fn join_resolves_dots() {
        assert_eq!(join("src", "./a.js").as_deref(), Some("src/a.js"));
        assert_eq!(join("src/lib", "../a.js").as_deref(), Some("src/a.js"));
        assert_eq!(join("", "./a/./b.js").as_deref(), Some("a/b.js"));
        assert_eq!(join("src", "../../a.js"), None);
    }
}
