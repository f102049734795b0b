//! The startup snapshot: the runtime's context with its snapshot scripts already run, made
//! at build time, and what a run needs to deserialize it.
//!
//! This file is compiled twice: by `build.rs`, which runs [`build_context`] inside a
//! `SnapshotCreator` and makes the code caches of the lazy scripts ([`lazy_script_caches`]),
//! and by the crate, which needs the same [`V8_FLAGS`] and [`external_references`] to
//! deserialize it. Both take the runtime's parts from the one list of them,
//! `src/ext/manifest.rs`, as a [`Manifest`]: `build.rs` with placeholder callbacks (V8 matches
//! the native callbacks of a snapshot by their index in the external-reference table, and
//! calls none while making it), the crate with the real ones.

/// V8 flags, set before `V8::initialize` both when the snapshot is made and when it is
/// used: V8 refuses a snapshot made with other flags.
///
/// Source positions are recorded when code is compiled, not later on demand: a stack
/// overflow's stack trace is taken with no stack left to compute them, and would point
/// every frame at 1:1.
///
/// Compile hints: the runtime's scripts start with `//# allFunctionsCalledOnLoad`, so
/// their functions are compiled while the snapshot is made and their bytecode is kept in it,
/// instead of being compiled again from source in every sandbox.
///
/// Sparkplug, V8's baseline compiler, compiles on the sandbox's own thread. Concurrently, it
/// woke a worker thread a few milliseconds into a run, whose code installation then contended
/// with the run for V8's interrupt lock; the first contention of a process makes Abseil
/// measure the CPU's frequency by sleeping. That cost a Hono request 2 ms and made it twice
/// as variable (`bench/hono`); baseline compilation itself is cheap.
///
/// The garbage collector runs on the isolate's own thread (`--single-threaded-gc`), where the
/// CPU limit counts it. By default V8 marks, sweeps and scavenges on its worker threads too:
/// code that builds and drops large object graphs then used 1.6 to 1.8 s of the process's CPU
/// at a limit of 1 s (one worker on a two-core machine; V8 starts one per core but one, up to
/// 16), and 1.05 to 1.2 s with this flag, in the same time. Optimizing compilation stays on
/// the workers: without it (`--single-threaded`) V8 never moves a running loop from Maglev
/// to Turbofan, and a long top-level loop ran 7 times slower.
pub(crate) const V8_FLAGS: &str =
    "--no-enable-lazy-source-positions --compile-hints-magic --no-concurrent-sparkplug --single-threaded-gc";

/// One of the runtime's scripts: its name in stack traces, `sandbox:internal/<folder>/<file>`
/// (a folder of `src/ext/`, or `runtime`), and its source. Each evaluates to a function that is
/// called with `(globalThis, host, internals, primordials)`.
pub(crate) struct Script {
    pub(crate) name: &'static str,
    pub(crate) source: &'static str,
}

impl Script {
    /// The name without [`INTERNAL_SCRIPT_PREFIX`], `fetch/headers.js`: how the runtime's
    /// JavaScript names a lazy script (`internals.lazyUnit`).
    #[allow(dead_code)] // not used by build.rs
    pub(crate) fn key(&self) -> &'static str {
        self.name.strip_prefix(INTERNAL_SCRIPT_PREFIX).unwrap_or(self.name)
    }
}

/// The runtime's parts, as `src/ext/manifest.rs` lists them.
pub(crate) struct Manifest {
    /// The names of the native functions on the runtime's private `host` object, in
    /// external-reference order. The runtime's scripts call `host.<name>(...)`.
    pub(crate) host_functions: &'static [&'static str],
    /// Their callbacks, in the same order (a `v8::FunctionCallback` cannot be made in a
    /// constant).
    pub(crate) callbacks: fn() -> Vec<v8::FunctionCallback>,
    /// Run in this order when the snapshot is made. `internals` is kept in the snapshot as
    /// context data [`INTERNALS_INDEX`] and is how the crate calls back into the runtime;
    /// `primordials` is the builtins captured by the first script, `runtime/primordials.js`,
    /// before any user code exists. None of the scripts may call `host` while being set up:
    /// the build script's callbacks are placeholders.
    pub(crate) snapshot_scripts: &'static [Script],
    /// Run on first use instead of at snapshot time: `build.rs` compiles each into a V8 code
    /// cache (`OUT_DIR/lazy_scripts.bin`, in this order), and `host.loadLazyScript(name)`
    /// (`runtime/lazy.rs`) compiles it from that cache and returns its setup function. A snapshot
    /// script, the stub of each feature, groups them into units by name
    /// (`internals.lazyUnit(['fetch/headers.js', ...])`) and defines the globals that load them.
    pub(crate) lazy_scripts: &'static [Script],
    /// The Node.js built-in modules (`buffer`, `path/posix`, `internal/errors`), each with the
    /// lazy script that makes its value (by its name, `node/buffer.js`). The script's setup
    /// function is called with `(globalThis, host, internals, primordials, name)` and returns
    /// the module's value; `internals.nodeModule(name)` runs it once per run. Names starting
    /// `internal/` are the runtime's own: code cannot import them.
    #[allow(dead_code)] // not used by build.rs
    pub(crate) node_modules: &'static [(&'static str, &'static str)],
}

/// The runtime's own host function, besides the manifest's: `host.loadLazyScript(name)`.
pub(crate) const LOAD_LAZY_SCRIPT: &str = "loadLazyScript";

/// The snapshot's external-reference table: the manifest's host functions, then
/// `loadLazyScript`, then the getter of lazy properties (`lazy.rs` at run time, placeholders
/// in `build.rs`).
pub(crate) fn external_references<G: v8::MapFnTo<v8::AccessorNameGetterCallback>>(
    manifest: &Manifest,
    load_lazy_script: v8::FunctionCallback,
    _lazy_getter: G,
) -> Vec<v8::ExternalReference> {
    let getter: v8::AccessorNameGetterCallback = G::mapping();
    (manifest.callbacks)()
        .into_iter()
        .chain([load_lazy_script])
        .map(|function| v8::ExternalReference { function })
        .chain([v8::ExternalReference { pointer: getter as *mut std::ffi::c_void }])
        .collect()
}

/// The origin that lazy scripts are compiled with, at build time and at run time alike (a
/// code cache is only accepted for the same source and origin options); snapshot scripts use
/// it too.
#[allow(dead_code)]
pub(crate) fn lazy_script_origin<'s>(scope: &mut v8::PinScope<'s, '_>, name: &str) -> Option<v8::ScriptOrigin<'s>> {
    let resource = v8::String::new(scope, name)?;
    Some(v8::ScriptOrigin::new(scope, resource.into(), 0, 0, false, 0, None, false, false, false, None))
}

/// Compiles every lazy script (all functions, as their compile hint asks) in an isolate made
/// from the snapshot, and returns their code caches, each preceded by its length as a
/// little-endian u32. Only `build.rs` calls it.
#[allow(dead_code)]
pub(crate) fn lazy_script_caches(scope: &mut v8::PinScope<'_, '_, ()>, manifest: &Manifest) -> Result<Vec<u8>, String> {
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    let mut caches = Vec::new();
    for Script { name, source } in manifest.lazy_scripts {
        let origin = lazy_script_origin(scope, name).ok_or("string")?;
        let code = v8::String::new(scope, source).ok_or("script too long")?;
        let mut source = v8::script_compiler::Source::new(code, Some(&origin));
        let script = v8::script_compiler::compile_unbound_script(
            scope,
            &mut source,
            v8::script_compiler::CompileOptions::EagerCompile,
            v8::script_compiler::NoCacheReason::NoReason,
        )
        .ok_or_else(|| format!("{name} does not compile"))?;
        let cache = script.create_code_cache().ok_or_else(|| format!("no code cache for {name}"))?;
        caches.extend_from_slice(&u32::try_from(cache.len()).map_err(|_| "code cache too large")?.to_le_bytes());
        caches.extend_from_slice(&cache);
    }
    Ok(caches)
}

/// Prefix of every runtime script name; frames from these scripts are hidden from users.
#[allow(dead_code)] // not used by build.rs
pub(crate) const INTERNAL_SCRIPT_PREFIX: &str = "sandbox:internal/";

/// The index under which `internals` is stored as context data in the snapshot.
pub(crate) const INTERNALS_INDEX: usize = 0;

/// Turns the placeholders that the runtime's scripts registered in
/// `internals.lazyProperties` (`[object, name, attributes]`, see `runtime/lazy.js`) into V8 lazy
/// data properties, in place, so that property order does not change. The first read calls
/// `getter`, which asks `internals.lazyGet(holder, name)` for the value; V8 then stores it as a
/// plain data property. Until then the property looks like a data property with its final
/// attributes (V8 reports it so), and an assignment simply replaces it.
///
/// The getter has no data: V8 keeps accessor infos in the startup part of the snapshot,
/// shared by every context, so a function there would bring a copy of its whole realm.
fn install_lazy_properties<G: v8::MapFnTo<v8::AccessorNameGetterCallback> + Copy>(
    scope: &mut v8::PinScope<'_, '_>,
    internals: v8::Local<'_, v8::Object>,
    getter: G,
) -> Result<(), String> {
    let key = v8::String::new(scope, "lazyProperties").ok_or("string")?;
    let list = internals.get(scope, key.into()).ok_or("no internals.lazyProperties")?;
    let list = v8::Local::<v8::Array>::try_from(list).map_err(|_| "internals.lazyProperties is not an array")?;
    for index in 0..list.length() {
        let entry = list.get_index(scope, index).ok_or("lazy property entry")?;
        let entry = v8::Local::<v8::Array>::try_from(entry).map_err(|_| "lazy property entry")?;
        let object = entry.get_index(scope, 0).and_then(|value| v8::Local::<v8::Object>::try_from(value).ok());
        let name = entry.get_index(scope, 1).and_then(|value| v8::Local::<v8::Name>::try_from(value).ok());
        let bits = entry.get_index(scope, 2).and_then(|value| value.uint32_value(scope));
        let (Some(object), Some(name), Some(bits)) = (object, name, bits) else {
            return Err("a malformed entry in internals.lazyProperties".into());
        };
        let mut attributes = v8::PropertyAttribute::NONE;
        for flag in
            [v8::PropertyAttribute::READ_ONLY, v8::PropertyAttribute::DONT_ENUM, v8::PropertyAttribute::DONT_DELETE]
        {
            if bits & flag.as_u32() != 0 {
                attributes = attributes | flag;
            }
        }
        let installed = object.set_lazy_data_property_with_data(
            scope,
            name,
            getter,
            v8::undefined(scope).into(),
            attributes,
            v8::SideEffectType::HasSideEffect,
            v8::SideEffectType::HasSideEffect,
        );
        if installed != Some(true) {
            return Err(format!("cannot make {} lazy", name.to_rust_string_lossy(scope)));
        }
    }
    internals.delete(scope, key.into());
    Ok(())
}

/// Creates a context, installs the runtime into it and registers `internals` as context
/// data: the manifest's host functions and `loadLazyScript` (`load_lazy_script`) on `host`,
/// then the snapshot scripts, then the lazy properties with `lazy_getter` as their getter.
/// Only `build.rs` calls it.
#[allow(dead_code)]
pub(crate) fn build_context<'s, G: v8::MapFnTo<v8::AccessorNameGetterCallback> + Copy>(
    scope: &mut v8::PinScope<'s, '_, ()>,
    manifest: &Manifest,
    load_lazy_script: v8::FunctionCallback,
    lazy_getter: G,
) -> Result<v8::Local<'s, v8::Context>, String> {
    let callbacks = (manifest.callbacks)();
    assert_eq!(callbacks.len(), manifest.host_functions.len(), "one callback per host function");
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);

    let host = v8::Object::with_prototype_and_properties(scope, v8::null(scope).into(), &[], &[]);
    let functions = manifest.host_functions.iter().zip(callbacks).chain([(&LOAD_LAZY_SCRIPT, load_lazy_script)]);
    for (name, callback) in functions {
        let template = v8::FunctionTemplate::builder_raw(callback)
            .constructor_behavior(v8::ConstructorBehavior::Throw)
            .build(scope);
        let function = template.get_function(scope).ok_or("cannot create a host function")?;
        let key = v8::String::new(scope, name).ok_or("string")?;
        function.set_name(key);
        host.set(scope, key.into(), function.into());
    }
    let internals = v8::Object::with_prototype_and_properties(scope, v8::null(scope).into(), &[], &[]);
    let primordials = v8::Object::with_prototype_and_properties(scope, v8::null(scope).into(), &[], &[]);
    let global = context.global(scope);

    for Script { name, source } in manifest.snapshot_scripts {
        v8::tc_scope!(let try_catch, scope);
        let code = v8::String::new(try_catch, source).ok_or("script too long")?;
        let origin = lazy_script_origin(try_catch, name).ok_or("string")?;
        let result = v8::Script::compile(try_catch, code, Some(&origin))
            .and_then(|script| script.run(try_catch))
            .and_then(|value| v8::Local::<v8::Function>::try_from(value).ok())
            .and_then(|function| {
                function.call(
                    try_catch,
                    v8::undefined(try_catch).into(),
                    &[global.into(), host.into(), internals.into(), primordials.into()],
                )
            });
        if result.is_none() {
            let detail = match (try_catch.exception(), try_catch.message()) {
                (Some(exception), Some(message)) => format!(
                    "{}:{}: {}",
                    name,
                    message.get_line_number(try_catch).unwrap_or(0),
                    exception.to_rust_string_lossy(try_catch)
                ),
                _ => format!("{name}: the script did not return a setup function"),
            };
            return Err(detail);
        }
    }
    install_lazy_properties(scope, internals, lazy_getter)?;
    let index = scope.add_context_data(context, internals);
    assert_eq!(index, INTERNALS_INDEX, "internals is the first context data");
    Ok(context)
}
